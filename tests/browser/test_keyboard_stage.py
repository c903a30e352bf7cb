"""One whole stage notebook in Voila with the keyboard alone (issue 19): create a profile, answer
the check-in, write in an exercise, make the handout and save it. No mouse, no clicks, no filling
of elements: only key presses, the way someone who cannot use a mouse works. At every stop the
focus ring shows and the focus moves down the page (a11y.KeyboardWalk checks both).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from trust_workshop import content

from . import a11y, harness

NOTEBOOK = "workshop/05-boundaries-and-agreements.ipynb"
NAME = "Keyboard Kim"
WRITTEN = "We each say what the problem is for us, then stop and listen."


@pytest.fixture(scope="module")
def voila_nobody(tmp_path_factory: pytest.TempPathFactory, playwright_browser):
    """Voila with no profile configured and no journals yet: the participant creates theirs."""
    with harness.server("voila", tmp_path_factory.mktemp("voila-keyboard"), profile=None) as srv:
        yield srv


def test_a_stage_notebook_can_be_done_with_the_keyboard_alone(voila_nobody, page, artifacts: Path,
                                                              tmp_path: Path) -> None:
    page.goto(voila_nobody.url(f"voila/render/{NOTEBOOK}"), timeout=120_000)
    page.locator(".tw-exercise .tw-title:text-is('Where to get help')").wait_for(timeout=120_000)
    page.wait_for_timeout(500)
    walk = a11y.KeyboardWalk(page)

    # 1. Create a profile: type a name, then press "Create my profile".
    walk.tab_until(lambda s: s["profile"] and s["tag"] == "input" and "Your name" in s["label"], "the name box")
    page.keyboard.type(NAME)
    walk.tab_until(lambda s: s["profile"] and "Create my profile" in s["text"], "Create my profile", limit=3)
    walk.press("Enter")
    page.locator(f".tw-profile :text('Working as {NAME}')").first.wait_for(timeout=30_000)
    checkin_title = content.panel("checkin", "boundaries")["title"]
    checkin = page.locator(f".tw-exercise:has(.tw-title:text-is('{checkin_title}'))")
    checkin.locator(".tw-scale").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    walk.state = walk.focus()  # the panel was redrawn; carry on from wherever the focus now is

    # 2. The check-in: answer every statement (Tab to the answer, Space to choose it).
    statements = checkin.locator(".tw-scale").count()
    for i in range(statements):
        answer = str(2 + i % 3)
        walk.tab_until(lambda s, i=i, a=answer: s["exercise"] == checkin_title and s["scale"] == i
                       and s["text"] == a, f"answer {answer} of statement {i + 1}")
        if i == 0:
            page.screenshot(path=str(artifacts / "keyboard-focus-on-a-checkin-answer.png"))
        walk.press("Space")
        checkin.locator(".tw-scale").nth(i).locator("button.mod-active").wait_for(timeout=15_000)
        assert checkin.locator(".tw-scale").nth(i).locator("button.mod-active").inner_text().strip() == answer
    checkin.locator(".tw-saved:has-text('Saved at')").wait_for(timeout=harness.SAVED_WAIT)
    assert checkin.locator(".tw-score").count() == 1, "a reading appears once every statement is answered"

    # 3. An exercise: write in its first box; it saves as it is typed.
    form_title = content.exercise("problem_solving")["title"]
    walk.tab_until(lambda s: s["exercise"] == form_title and s["tag"] == "textarea", "the exercise's first box")
    page.keyboard.type(WRITTEN)
    page.screenshot(path=str(artifacts / "keyboard-focus-in-a-text-box.png"))
    exercise = page.locator(f".tw-exercise:has(.tw-title:text-is('{form_title}'))")
    exercise.locator(".tw-saved:has-text('Saved at')").wait_for(timeout=harness.SAVED_WAIT)
    assert exercise.locator("textarea").first.input_value() == WRITTEN

    # 4. The handout: press "Make handout", then the "Save handout" link beside it; the PDF arrives.
    walk.tab_until(lambda s: s["exercise"] == "Take it with you" and "Make handout" in s["text"], "Make handout")
    walk.press("Enter")
    take = page.locator(".tw-exercise:has(.tw-title:text-is('Take it with you'))")
    take.locator("a.tw-download").wait_for(timeout=90_000)
    walk.tab_until(lambda s: s["tag"] == "a" and "Save handout" in s["text"], "Save handout", limit=3)
    page.screenshot(path=str(artifacts / "keyboard-focus-on-save-handout.png"))
    with page.expect_download(timeout=30_000) as info:
        walk.press("Enter")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "handout-05-boundaries-and-agreements.pdf"
    assert saved.read_bytes().startswith(b"%PDF"), "the handout arrives as a PDF"

    # Back up the page with Shift+Tab: the focus still shows and moves only upwards.
    walk.tab_until(lambda s: s["exercise"] == checkin_title, "the check-in, going back", key="Shift+Tab")
    print(f"keyboard walk through {NOTEBOOK}: {walk.stops} key presses")

