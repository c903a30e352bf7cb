"""Every participant notebook in a real Voila: renders, hides code, widgets respond and save.
Every facilitator notebook renders too, with sample records and summaries loaded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trust_workshop.content import glossary
from trust_workshop.model import transfer as tf

from . import a11y, harness, phone

ALL_WORKSHOP = sorted(p.relative_to(harness.ROOT).as_posix() for p in (harness.ROOT / "workshop").glob("*.ipynb"))
WORKSHOP = [p for p in ALL_WORKSHOP if harness.has_code(p)]
READING = [p for p in ALL_WORKSHOP if not harness.has_code(p)]  # the glossary: markdown only
FACILITATOR = sorted(p.relative_to(harness.ROOT).as_posix() for p in (harness.ROOT / "facilitator").glob("*.ipynb"))


def _render(page, voila, path: str):
    page.goto(voila.url(f"voila/render/{path}"), timeout=120_000)
    if path.startswith("workshop/"):
        page.locator(".tw-exercise .tw-title:text-is('Where to get help')").wait_for(timeout=120_000)
    else:  # every facilitator notebook ends with a panel: wait for the last one's title
        page.locator("#loading").wait_for(state="detached", timeout=120_000)
        page.locator("[role=main] .jp-CodeCell").last.locator(".tw-exercise .tw-title").first.wait_for(
            timeout=60_000)
    page.wait_for_timeout(500)


# Notes, as the page is parsed, when the loading message appears and when it goes.
WATCH_LOADING = """new MutationObserver(() => {
    const el = document.querySelector('#loading [role=status]');
    if (el && !window.twLoadingEl) { window.twLoadingEl = el; window.twLoadingShown = performance.now(); }
    if (window.twLoadingEl && !el && !window.twLoadingGone) window.twLoadingGone = performance.now();
}).observe(document, {childList: true, subtree: true});"""


@pytest.mark.parametrize("path", WORKSHOP)
def test_notebook_renders_in_voila_and_its_widgets_respond(path: str, voila, page, artifacts: Path) -> None:
    page.add_init_script(WATCH_LOADING)
    _render(page, voila, path)
    shown, gone, text = page.evaluate("[window.twLoadingShown, window.twLoadingGone, window.twLoadingEl?.textContent]")
    assert text == "Loading your workshop…", "a loading message shows while the notebook runs"
    assert gone and page.locator("#loading").count() == 0, "and goes when the notebook's content is shown"
    print(f"Voila, {path}: loading message at {shown / 1000:.1f} s, gone at {gone / 1000:.1f} s")
    assert page.locator("[role=main] .jp-Cell").count() > 5, "the notebook's cells are the page's main landmark"
    assert page.locator(".jupyter-widgets").count() > 5
    assert page.locator("text=Error displaying widget").count() == 0
    assert page.locator("text=Traceback").count() == 0
    assert page.locator("text=from trust_workshop import").count() == 0, "code must not be shown"
    # A hint about JupyterLab's menus means nothing in Voila, which has none (notebook 00 has one).
    assert not page.locator("text=Run All Cells").is_visible(), "a JupyterLab-only hint shows in Voila"
    if page.locator(".tw-scale").count():
        exercise = page.locator(".tw-exercise:has(.tw-scale)").first
        exercise.locator(".tw-scale").first.locator("button:text-is('3')").click()
        exercise.locator(".tw-saved:has-text('Saved at')").wait_for(timeout=harness.SAVED_WAIT)
        assert exercise.locator(".tw-scale").first.locator("button.mod-active").inner_text().strip() == "3"
    else:  # the journey page: its private writing appears only when asked for
        journey = page.locator(".tw-exercise:has(.tw-title:text-is('My journey'))")
        journey.locator("text=Show my saved reflections and writing").click()
        journey.locator("text=Nothing written yet.").wait_for(timeout=15_000)
    # What a screen reader hears: every control named, every scale a group named by its statement.
    assert a11y.name_problems(page) == []
    # "Read more" folds: hidden at first, open on a click of the summary, closed on a second.
    harness.check_folds(page, "[role=main]", artifacts, f"voila-{harness.notebook_slug(path)}")
    harness.screenshots(page, artifacts, f"voila-{harness.notebook_slug(path)}")
    harness.axe_check(page, "Voila", path, artifacts)  # the whole page: all of it is ours
    phone.check_on_a_phone(page, path, artifacts)  # the same page, resized to a phone's screen


@pytest.mark.parametrize("path", READING)
def test_a_reading_page_renders_in_voila_with_its_anchors(path: str, voila, page, artifacts: Path) -> None:
    page.goto(voila.url(f"voila/render/{path}"), timeout=120_000)
    page.locator("[role=main] h1").first.wait_for(timeout=120_000)
    assert page.locator("text=Traceback").count() == 0
    page.locator("#loading").wait_for(state="detached", timeout=30_000)  # the loading message goes
    if path.endswith(glossary.NOTEBOOK):  # every term's heading is a link target
        for term in glossary.terms():
            assert page.locator(f"[id='{term.anchor}']").count() == 1, term.anchor
    harness.screenshots(page, artifacts, f"voila-{harness.notebook_slug(path)}")
    harness.axe_check(page, "Voila", path, artifacts)
    phone.check_on_a_phone(page, path, artifacts)  # the same page, resized to a phone's screen


def _sample_course_records(voila) -> None:
    """A register of three and one recorded session (today's, the stage and format the panel
    opens on), in the Voila server's records folder, so the page shows its marks and exports."""
    import datetime as dt

    from trust_workshop import content
    from trust_workshop.model import course_records as cr
    from trust_workshop.model import plans

    folder = voila.env[cr.RECORDS_VARIABLE]
    before = os.environ.get(cr.RECORDS_VARIABLE)
    os.environ[cr.RECORDS_VARIABLE] = folder
    try:
        cr.set_people(["A. (Ana)", "T. (Tom)", "P. (Priya)"])
        today = cr.session(content.stages()[0].key, next(iter(plans.formats())), dt.date.today())
        items = cr.fidelity_items(today.stage)
        cr.record_session(today, {"A. (Ana)": "present", "T. (Tom)": "late"},
                          {item: {"followed": True, "well": i % 2 == 0} for i, item in enumerate(items)})
    finally:
        if before is None:
            os.environ.pop(cr.RECORDS_VARIABLE)
        else:
            os.environ[cr.RECORDS_VARIABLE] = before


@pytest.mark.parametrize("path", FACILITATOR)
def test_facilitator_notebook_renders_in_voila(path: str, voila, page, artifacts: Path, tmp_path: Path) -> None:
    """Each facilitator notebook renders cleanly in Voila and passes axe over the whole page, with
    sample data where a page shows more with it: course records on disk, summaries uploaded."""
    if "course-records" in path:
        _sample_course_records(voila)
    _render(page, voila, path)
    assert page.locator("[role=main] .jp-Cell").count() > 2
    assert page.locator(".tw-exercise").count() >= 1
    assert page.locator("text=Error displaying widget").count() == 0
    assert page.locator("text=Traceback").count() == 0
    assert page.locator("text=from trust_workshop import").count() == 0, "code must not be shown"
    if "course-records" in path:
        page.locator(".tw-exercise a.tw-download:has-text('Attendance register')").wait_for(timeout=15_000)
    if "group-dashboard" in path:
        board = page.locator(".tw-exercise:has(.tw-title:text-is('Group progress'))")
        with page.expect_file_chooser() as chooser:
            board.locator(".widget-upload, button:has-text('Add summary files')").first.click()
        chooser.value.set_files(harness.sample_summaries(tmp_path))
        board.locator("text=10 summaries loaded").wait_for(timeout=20_000)
        board.locator("img").first.wait_for(timeout=15_000)
    assert a11y.name_problems(page) == []  # every control has a name a screen reader can say
    harness.screenshots(page, artifacts, f"voila-{harness.notebook_slug(path)}")
    harness.axe_check(page, "Voila", path, artifacts)
    phone.check_on_a_phone(page, path, artifacts)  # the same page, resized to a phone's screen


def test_safety_check_responds_in_voila_and_saves_nothing(voila, page) -> None:
    before = sorted(p.name for p in voila.data_dir.rglob("*"))
    _render(page, voila, "workshop/00-welcome-and-safety.ipynb")
    after_load = sorted(p.name for p in voila.data_dir.rglob("*"))
    check = page.locator(".tw-exercise:has(.tw-title:text-is('A private safety check'))")
    check.locator("input[type=checkbox]").first.check()
    check.locator("text=is not recommended right now").wait_for(timeout=15_000)
    assert sorted(p.name for p in voila.data_dir.rglob("*")) == after_load
    assert set(before) <= set(after_load)


def test_export_and_import_work_in_voila(voila, page, tmp_path: Path) -> None:
    _render(page, voila, "workshop/00-welcome-and-safety.ipynb")
    data = page.locator(".tw-exercise:has(.tw-title:text-is('My journal file'))")
    data.locator("button:has-text('Download my journal')").click()
    with page.expect_download() as info:
        data.locator("a.tw-download").click()
    saved = tmp_path / "journal.json"
    info.value.save_as(saved)
    assert tf.read_import(saved.read_bytes())["profile"]["name"] == "Browser tester"
    bad = tmp_path / "not-a-journal.json"
    bad.write_text("{ this is not json")
    upload = data.locator(".widget-upload, button:has-text('Upload a journal')").first
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(bad))
    data.locator("text=not a journal file").wait_for(timeout=15_000)
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(saved))
    data.locator("text=Imported the journal of 'Browser tester'").wait_for(timeout=15_000)


def test_thoughts_of_self_harm_in_the_uk_show_samaritans_in_voila(voila, page, artifacts: Path) -> None:
    """A participant in the UK ticks 'thoughts of harming myself': the crisis line for the UK, first."""
    from trust_workshop.content import safety as cs

    samaritans = cs.region("uk").for_need("suicide_crisis")[0]
    _render(page, voila, "workshop/00-welcome-and-safety.ipynb")
    profile = page.locator(".tw-profile")
    profile.locator("select").filter(has=page.locator("option:text-is('United Kingdom')")).first.select_option(
        label="United Kingdom")
    check = page.locator(".tw-exercise:has(.tw-title:text-is('A private safety check'))")
    check.locator("text=says nothing either way").wait_for(timeout=15_000)
    assert check.locator("text=Nothing you ticked").count() == 0
    check.locator(".widget-checkbox:has-text('thoughts of harming myself') input").check()
    check.locator(f"text={samaritans.contact}").first.wait_for(timeout=15_000)
    text = check.inner_text()
    assert samaritans.name in text and "You matter" in text
    assert text.index(samaritans.contact) < text.index("Children and young people")
    assert "Fear, violence or control" not in text, "self-harm alone is not answered with abuse services"
    check.locator(f"text={samaritans.contact}").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "voila-safety-self-harm-uk.png"))
    check.locator("button:has-text('Clear my answers')").click()
    check.locator("text=says nothing either way").wait_for(timeout=15_000)


def test_the_shipped_voila_configuration_reaps_kernels_after_their_pages_close(tmp_path_factory, playwright_browser,
                                                                               artifacts: Path) -> None:
    """The package's voila.json culls idle kernels whose page has gone (Voila's own shutdown
    request is refused with a 403, a known Voila problem). The shipped timeout (10 minutes)
    is shortened here only so the test is quick: the mechanism is the shipped one."""
    import json
    import sys
    import time

    shipped = json.loads((Path(sys.prefix) / "etc" / "jupyter" / "voila.json").read_text())
    cull = shipped["MappingKernelManager"]
    assert cull["cull_idle_timeout"] > 0 and cull["cull_connected"] is False, "the installed config culls"
    assert shipped["VoilaConfiguration"]["template"] == "trust-workshop"
    tmp = tmp_path_factory.mktemp("voila-cull")
    quick = ("--MappingKernelManager.cull_idle_timeout=6", "--MappingKernelManager.cull_interval=2")
    with harness.server("voila", tmp, extra=quick) as srv:
        context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
        for _ in range(2):
            pg = context.new_page()
            pg.goto(srv.url("voila/render/workshop/09-my-journey.ipynb"), timeout=120_000)
            pg.locator(".tw-exercise .tw-title:text-is('Where to get help')").wait_for(timeout=120_000)
            pg.close()
        context.close()
        assert srv.kernel_pids(), "each page had a kernel while it was open"
        deadline = time.monotonic() + 60
        while srv.kernel_pids() and time.monotonic() < deadline:
            time.sleep(1)
        assert srv.kernel_pids() == [], "kernels of closed pages must be shut down"
        assert "Culling kernel" in srv.log.read_text() or "cull" in srv.log.read_text().lower()
