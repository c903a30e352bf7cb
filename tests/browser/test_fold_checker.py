"""The fold check used on every notebook catches each way a "Read more" fold can be broken.

Run on small pages written here, in the same Chromium, so each broken fold is known in advance.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import harness

GOOD = ("<details class='tw-more'><summary>Read more: why it helps</summary>"
        "<p>Plain <strong>words</strong>.</p><ul><li>one</li></ul></details>")
BROKEN = {
    "its summary should say 'Read more: …'": GOOD.replace("Read more: why", "Why"),
    "its body is not rendered as markdown": "<details class='tw-more'><summary>Read more: x</summary></details>",
    "open before a click": GOOD.replace("<details class='tw-more'>", "<details class='tw-more' open>"),
    "markdown shown as text": GOOD.replace("<strong>words</strong>", "**words**"),
    "to be visible": GOOD.replace("<summary>", "<summary onclick='event.preventDefault()'>"),
}


def _page(page, folds: list[str]) -> None:
    page.set_content("<main>" + "".join(folds) + "</main>")


def test_working_folds_pass_and_are_counted(page, tmp_path: Path) -> None:
    _page(page, [GOOD, GOOD, GOOD])
    assert harness.check_folds(page, "main", tmp_path, "good") == 3
    assert (tmp_path / "good-fold-open.png").exists()


@pytest.mark.parametrize("said", BROKEN)
def test_a_broken_fold_among_working_ones_fails_the_check(said: str, page, tmp_path: Path) -> None:
    # The broken fold comes last: the static checks read every fold, the clicks try the first and the last.
    _page(page, [GOOD, GOOD, BROKEN[said]])
    with pytest.raises(AssertionError, match=said.replace("(", r"\(").replace(".", r"\.")):
        harness.check_folds(page, "main", tmp_path, "broken")
