"""Ideas this draws on (``sources.yaml``): written once, shown in notebook 09 and the facilitator guide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trust_workshop.content import sources
from trust_workshop.views.ideas import ideas_html, ideas_this_draws_on

ROOT = Path(__file__).resolve().parents[1]


def test_the_main_models_are_listed_with_their_parts() -> None:
    by_key = {s.key: s for s in sources.sources()}
    assert by_key["trust_revival"].parts[:3] == ("Atone", "Attune", "Attach")
    assert by_key["enright"].parts == ("Uncovering", "Decision", "Work", "Deepening")
    assert by_key["reach"].parts == ("Recall", "Empathise", "Altruistic gift", "Commit", "Hold on")
    for key in ("eft", "hold_me_tight", "prep", "lewicki", "rempel", "edmondson", "mayer", "meaning"):
        assert key in by_key


def test_the_view_shows_every_source_and_where_it_is_used() -> None:
    html = ideas_html()
    for s in sources.sources():
        assert s.name.replace("'", "&#x27;") in html
    assert "Used in: 2. Acknowledge and apologise" in html
    panel = ideas_this_draws_on()
    assert "tw-ideas" in panel.body[0].value


@pytest.mark.parametrize("path", ["workshop/09-my-journey.ipynb", "facilitator/00-facilitator-guide.ipynb"])
def test_the_list_is_shown_not_written_out(path: str) -> None:
    cells = json.loads((ROOT / path).read_text("utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code" and "ideas_this_draws_on()" in "".join(c["source"])]
    assert len(code) == 1
    heading = [c for c in cells if "".join(c["source"]).lstrip("# ").startswith("Ideas this draws on")]
    assert heading and cells.index(heading[0]) + 1 == cells.index(code[0])


def test_the_list_does_not_repeat_the_heading_and_words_above_it() -> None:
    """Both notebooks put a heading "Ideas this draws on" and a few words of introduction right
    above the list, so the panel adds neither a second title nor a second introduction."""
    from . import ui

    shown = ui.markup(ideas_this_draws_on())
    assert "class='tw-title'" not in shown and "Ideas this draws on" not in shown
    for path in ("workshop/09-my-journey.ipynb", "facilitator/00-facilitator-guide.ipynb"):
        cells = json.loads((ROOT / path).read_text("utf-8"))["cells"]
        [intro] = [c for c in cells if "".join(c["source"]).lstrip("# ").startswith("Ideas this draws on")]
        assert "accredited" in "".join(intro["source"]), f"{path}: say it is not an accredited version of any"
