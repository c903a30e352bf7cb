"""What two partners on one computer meet in Voilà: no journal opens for the wrong person,
and text is saved as it is typed (issue 13, items 1 to 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import harness

SAM_SECRET = "SAM-PRIVATE-HOPE"
# Both tests use the one module-scoped Voila below, in this order: a parallel run keeps them on one
# worker, in the Voila chain (BROWSER_CHAINS in conftest.py).


@pytest.fixture(scope="module")
def voila_shared(tmp_path_factory: pytest.TempPathFactory, playwright_browser):
    """Voilà with no profile configured, over a data folder where Sam and Alex both have journals."""
    tmp = tmp_path_factory.mktemp("voila-shared")
    data = tmp / "data"
    old = os.environ.get("TRUST_WORKSHOP_DATA_DIR")
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(data)
    try:
        from trust_workshop.model import journal as jr
        from trust_workshop.model import profiles as pr

        jr.Journal.open("Sam").set_entry("exercise.hopes_worries", {"hope_change": SAM_SECRET})
        jr.Journal.open("Alex").set_entry("exercise.hopes_worries", {"hope_change": "Alex hope"})
        pr.remember_last_profile("Alex")
    finally:
        if old is None:
            os.environ.pop("TRUST_WORKSHOP_DATA_DIR")
        else:
            os.environ["TRUST_WORKSHOP_DATA_DIR"] = old
    with harness.server("voila", tmp, profile=None) as srv:
        yield srv


def _render(page, srv, path: str) -> None:
    page.goto(srv.url(f"voila/render/{path}"), timeout=120_000)
    page.locator(".tw-exercise .tw-title:text-is('Where to get help')").wait_for(timeout=120_000)
    page.wait_for_timeout(500)


def test_no_journal_opens_until_chosen_even_after_a_delete(voila_shared, page, artifacts: Path) -> None:
    _render(page, voila_shared, "workshop/00-welcome-and-safety.ipynb")
    profile = page.locator(".tw-profile").first
    assert "Working as" not in profile.inner_text()
    assert SAM_SECRET not in page.content()
    profile.locator("button:has-text('Continue as Alex')").wait_for(timeout=10_000)
    harness.screenshots(page, artifacts, "voila-shared-before-choosing")
    profile.locator("button:has-text('Continue as Alex')").click()
    profile.locator(":text('Working as Alex')").wait_for(timeout=20_000)
    data = page.locator(".tw-exercise:has(.tw-title:text-is('My journal file'))")
    data.locator("button:has-text('Delete my data')").click()
    data.locator(".widget-checkbox:has-text('I understand this deletes') input").check()
    data.locator("button:has-text('Yes, delete my data')").click()
    data.locator(":text('has been deleted')").wait_for(timeout=20_000)
    assert "Working as" not in profile.inner_text()
    for path in ("workshop/09-my-journey.ipynb", "workshop/00-welcome-and-safety.ipynb"):
        _render(page, voila_shared, path)
        profile = page.locator(".tw-profile").first
        assert "Working as" not in profile.inner_text(), f"{path}: a journal opened by itself after a delete"
        journey = page.locator(".tw-exercise:has(.tw-title:text-is('My journey'))")
        if journey.count():
            assert journey.locator("input[type=checkbox]").count() == 0, "nothing of Sam's to reveal"
        assert SAM_SECRET not in page.content()
    profile.locator("button:has-text('Continue as Sam')").wait_for(timeout=10_000)
    profile.locator("button:has-text('Continue as Sam')").click()
    profile.locator(":text('Working as Sam')").wait_for(timeout=20_000)
    page.locator("textarea >> nth=0").wait_for(timeout=10_000)
    assert any(SAM_SECRET in t.input_value() for t in page.locator("textarea").all())


def test_typed_text_is_saved_without_leaving_the_box_and_survives_a_reload(voila_shared, page) -> None:
    voila = voila_shared  # its own data folder: the other browser tests' journal stays untouched
    _render(page, voila, "workshop/01-uncover-the-impact.ipynb")
    profile = page.locator(".tw-profile").first
    profile.locator("button:has-text('Continue as')").click()
    profile.locator(":text('Working as')").wait_for(timeout=20_000)
    box = page.locator(".tw-exercise:has(.tw-title:text-is('Reflection')) textarea").first
    box.click()
    box.type("typed, never left the box", delay=20)
    status = page.locator(".tw-exercise:has(.tw-title:text-is('Reflection')) .tw-saved")
    status.wait_for(timeout=harness.SAVED_WAIT)  # "Saved" appears only once the journal has it
    _render(page, voila, "workshop/01-uncover-the-impact.ipynb")
    profile = page.locator(".tw-profile").first
    profile.locator("button:has-text('Continue as')").click()
    profile.locator(":text('Working as')").wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    again = page.locator(".tw-exercise:has(.tw-title:text-is('Reflection')) textarea").first
    assert again.input_value() == "typed, never left the box"
