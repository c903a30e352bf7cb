"""Every notebook in a real JupyterLab: opens without a kernel dialog, runs, widgets render cleanly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trust_workshop.model import transfer as tf

from . import harness, themes

ALL_NOTEBOOKS = sorted(p.relative_to(harness.ROOT).as_posix()
                       for folder in ("workshop", "facilitator") for p in (harness.ROOT / folder).glob("*.ipynb"))
NOTEBOOKS = [p for p in ALL_NOTEBOOKS if harness.has_code(p)]
READING = [p for p in ALL_NOTEBOOKS if not harness.has_code(p)]  # the glossary: markdown only

# In the notebook on show: the rendered Markdown cells and every output (widgets included).
OURS = {"include": [[f"{harness.PANEL} .jp-MarkdownCell .jp-RenderedMarkdown"],
                    [f"{harness.PANEL} .jp-OutputArea-output"]]}


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_with_working_widgets(path: str, lab, page, artifacts: Path) -> None:
    harness.open_notebook(page, lab, path)  # waits for the kernel: a kernel dialog would show by then
    assert harness.problems_on_page(page)["kernel dialog"] == 0, "a kernel-selection dialog appeared"
    harness.run_all(page)  # waits until every cell has run and a widget has drawn
    widgets = page.locator(f"{harness.PANEL} .jp-OutputArea .jupyter-widgets")
    assert widgets.count() > 5
    harness.screenshots(page, artifacts, f"lab-{harness.notebook_slug(path)}")
    assert harness.problems_on_page(page) == {"kernel dialog": 0, "news prompt": 0, "Error displaying widget": 0,
                                              "traceback": 0}
    if path.endswith("00-welcome-and-safety.ipynb"):  # its JupyterLab-only hint shows here, and only here
        assert page.locator(f"{harness.PANEL} .tw-lab-only:has-text('Run All Cells')").is_visible()
    # axe-core over what this notebook puts on the page (its Markdown and its outputs, widgets
    # included), not over JupyterLab's own shell, which is not ours. The notebook scrolls inside
    # its panel, and axe takes what that panel has scrolled out of view as hidden: the on-screen
    # rules (contrast and the like) are run again a screenful at a time down the notebook.
    page.add_style_tag(content=harness.AXE_LAB_BODY)  # see harness.AXE_ON_SCREEN
    harness.axe_check(page, "Lab", path, artifacts, OURS, scrolled=True)
    # The JupyterLab tests run in its dark theme (harness.LAB_THEME): every piece of text the
    # notebook shows stands out from its background, scrolled into view or not.
    assert page.evaluate("document.body.dataset.jpThemeName") == harness.LAB_THEME
    faint = themes.contrast_findings(page, f"{harness.PANEL} .jp-OutputArea-output", at_least=10)
    assert not faint, f"text too faint to read in {harness.LAB_THEME}: {faint}"
    # "Read more" folds: hidden at first, open on a click of the summary, closed on a second.
    harness.check_folds(page, harness.PANEL, artifacts, f"lab-{harness.notebook_slug(path)}")


@pytest.mark.parametrize("path", READING)
def test_a_reading_page_opens_in_jupyterlab(path: str, lab, page, artifacts: Path) -> None:
    harness.open_notebook(page, lab, path)
    assert page.locator(f"{harness.PANEL} .jp-MarkdownOutput h1").first.is_visible()
    assert harness.problems_on_page(page) == {"kernel dialog": 0, "news prompt": 0, "Error displaying widget": 0,
                                              "traceback": 0}
    harness.screenshots(page, artifacts, f"lab-{harness.notebook_slug(path)}")
    page.add_style_tag(content=harness.AXE_LAB_BODY)
    harness.axe_check(page, "Lab", path, artifacts, OURS, scrolled=True)


def _checkin(page, title: str):
    return page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('{title}'))")


def test_a_checkin_answer_survives_a_kernel_restart(lab, page, artifacts: Path) -> None:
    harness.open_notebook(page, lab, "workshop/01-uncover-the-impact.ipynb")
    # A fresh kernel, as a participant opening the notebook has. An earlier test on this server
    # may have run this notebook, and its kernel (with every widget it drew) would be reused.
    harness.restart_and_run_all(page)
    checkin = _checkin(page, "Check-in: Uncover the impact")
    first = checkin.locator(".tw-scale").first
    first.locator("button:text-is('4')").click()
    expect(first.locator("button.mod-active")).to_have_text("4", timeout=15_000)
    checkin.locator(".tw-saved:has-text('Saved at')").wait_for(timeout=harness.SAVED_WAIT)
    harness.restart_and_run_all(page)
    first = _checkin(page, "Check-in: Uncover the impact").locator(".tw-scale").first
    # The re-run redraws the widgets; wait until the restored answer is the one shown.
    expect(first.locator("button.mod-active")).to_have_text("4", timeout=30_000)
    page.screenshot(path=str(artifacts / "lab-round-trip-after-restart.png"))
    _with_charts_in_the_dark(page, artifacts)


def _with_charts_in_the_dark(page, artifacts: Path) -> None:
    """The same page (a check-in, the trust pulse, exercises, the progress charts and the help)
    in JupyterLab's dark themes: everything stays readable."""
    for title in ("Check-in: Uncover the impact", "Trust pulse"):  # a chart needs every statement answered
        scales = _checkin(page, title).locator(".tw-scale")
        for i in range(scales.count()):
            scales.nth(i).locator("button:text-is('3')").click()
        _checkin(page, title).locator(".tw-saved:has-text('Saved at')").wait_for(timeout=harness.SAVED_WAIT)
    page.wait_for_selector(harness.IDLE, state="attached", timeout=30_000)
    charts = _checkin(page, "Seeing your progress")
    charts.locator("button:has-text('Redraw with my latest answers')").click()
    expect(charts.locator(".tw-figure img")).to_have_count(2, timeout=30_000)
    themes.check_dark_themes(page, artifacts, "lab-01-uncover")


def test_export_download_gives_a_file_that_imports_back(lab, page, tmp_path: Path, monkeypatch) -> None:
    harness.open_notebook(page, lab, "workshop/00-welcome-and-safety.ipynb")
    harness.run_all(page)
    hopes = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('Hopes and worries'))")
    typed = "Written in the browser: ünïcödé 🙂 <b>as typed</b>"
    hopes.locator("textarea").first.fill(typed)
    hopes.locator(".tw-title").click()  # leaving the box sends the text
    hopes.locator(".tw-saved:has-text('Saved at')").wait_for(timeout=harness.SAVED_WAIT)
    data = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('My journal file'))")
    data.locator("button:has-text('Download my journal')").click()
    link = data.locator("a.tw-download")
    link.wait_for(timeout=15_000)
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert re.fullmatch(r"trust-journal-browser-tester-[0-9a-f]+-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    raw = saved.read_bytes()
    monkeypatch.setenv("TRUST_WORKSHOP_DATA_DIR", str(tmp_path / "another-computer"))
    journal, _ = tf.import_journal(raw)
    assert journal.entry("exercise.hopes_worries")["hope_change"] == typed
    assert json.loads(raw)["format"] == tf.EXPORT_FORMAT


def test_the_browser_tests_leave_the_repository_alone(lab) -> None:
    """JupyterLab autosaves; the server works on a copy, so the course files stay as committed."""
    import subprocess

    changed = subprocess.run(["git", "status", "--porcelain", "--", "workshop", "facilitator"],
                             cwd=harness.ROOT, capture_output=True, text=True).stdout
    assert ".ipynb_checkpoints" not in changed
    assert not [line for line in changed.splitlines() if line.startswith(" M")], changed


def test_facilitator_follows_stage_three_with_a_ticking_timer(lab, page, artifacts: Path) -> None:
    harness.open_notebook(page, lab, "facilitator/01-session-plan.ipynb")
    harness.run_all(page)
    plan = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('Session plan'))")
    plan.locator("select").first.select_option(label="3. Transparency and honest dialogue")
    plan.locator("button:has-text('Weekly group')").click()
    plan.locator("h3:has-text('Stage 3')").wait_for(timeout=15_000)
    clock = plan.locator(".tw-clock-time")
    start = clock.inner_text()
    plan.locator("button:has-text('Start timer')").click()  # the (hidden) Play widget ticks once a second
    page.wait_for_timeout(3500)
    ticked = clock.inner_text()
    assert ticked < start, (start, ticked)
    page.screenshot(path=str(artifacts / "lab-session-plan-stage-3-timer.png"))
    plan.locator("button:has-text('Next block')").click()
    plan.locator("text=left in block 2 of").wait_for(timeout=15_000)
    # The browser's clock may send one last tick of the old block after the reset reaches it (a
    # busy machine), so read once it has settled into the new block.
    page.wait_for_timeout(1500)
    block_two = clock.inner_text()
    page.wait_for_timeout(3500)
    assert clock.inner_text() < block_two, "the clock runs on into the next block without pressing Start"
    plan.locator("button:has-text('Pause timer')").click()
    page.wait_for_timeout(1500)
    paused = clock.inner_text()
    page.wait_for_timeout(2000)
    assert clock.inner_text() == paused


def test_dashboard_reads_ten_summaries_and_skips_a_broken_one(lab, page, tmp_path: Path, artifacts: Path) -> None:
    files = harness.sample_summaries(tmp_path)
    broken = tmp_path / "<img src=x onerror=alert(1)>.json"
    broken.write_bytes(b"\x00\x01 not a summary")
    files.append(str(broken))
    harness.open_notebook(page, lab, "facilitator/03-group-dashboard.ipynb")
    harness.run_all(page)
    board = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('Group progress'))")
    with page.expect_file_chooser() as chooser:
        board.locator(".widget-upload, button:has-text('Upload summaries')").first.click()
    chooser.value.set_files(files)
    board.locator("text=10 summaries loaded").wait_for(timeout=20_000)
    board.locator("text=1 file(s) skipped").wait_for(timeout=5_000)
    assert board.locator("table.tw-agenda tr").count() == 3  # header + two stages
    assert board.locator("img").count() == 1                  # the group's pulse chart
    board.locator("text=Stage averages").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-dashboard-ten-summaries.png"))


def test_report_and_handout_download_as_pdfs_in_the_browser(lab, page, tmp_path: Path) -> None:
    harness.open_notebook(page, lab, "workshop/09-my-journey.ipynb")
    harness.run_all(page)
    box = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('Export my report (PDF)'))")
    box.locator("button:has-text('Make my report')").click()
    link = box.locator("a.tw-download")
    link.wait_for(timeout=90_000)  # the first report imports matplotlib and Typst's fonts
    with page.expect_download() as info:
        link.click()
    report = tmp_path / info.value.suggested_filename
    info.value.save_as(report)
    assert report.suffix == ".pdf" and report.read_bytes().startswith(b"%PDF")
    harness.open_notebook(page, lab, "workshop/03-transparency-and-dialogue.ipynb")
    harness.run_all(page)
    take = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('Take it with you'))")
    take.locator("button:has-text('Make handout')").click()
    take.locator("a.tw-download").wait_for(timeout=90_000)
    with page.expect_download() as info:
        take.locator("a.tw-download").click()
    assert info.value.suggested_filename == "handout-03-transparency-and-dialogue.pdf"
    handout = tmp_path / info.value.suggested_filename
    info.value.save_as(handout)
    assert handout.read_bytes().startswith(b"%PDF")


def test_a_participant_locks_their_journal_and_opens_it_with_the_passphrase(lab, page, artifacts: Path) -> None:
    harness.open_notebook(page, lab, "workshop/09-my-journey.ipynb")
    harness.run_all(page)
    profile = page.locator(f"{harness.PANEL} .tw-profile").first
    profile.locator("select").first.select_option(label="Someone new…")
    profile.locator("input[placeholder='a first name or nickname']").fill("Locked tester")
    profile.locator("button:has-text('Create my profile')").click()
    # The panel already says "Working as Browser tester" (that profile opens by itself): wait for the new one.
    page.wait_for_selector(f"{harness.PANEL} .tw-profile :text('Working as Locked tester')", timeout=30_000)
    page.wait_for_selector(harness.IDLE, state="attached", timeout=30_000)

    # The panels below redraw for the new profile after the profile panel does: wait for the lock
    # box itself (a fixed half-second was not enough with two other test workers busy).
    lock = page.locator(f"{harness.PANEL} .tw-lock")
    expect(lock).to_contain_text("There is no reset", timeout=30_000)
    secrets = lock.locator("input[type=password]")
    secrets.nth(0).fill("blue kettle morning")
    secrets.nth(1).fill("blue kettle morning")
    lock.locator("input[type=checkbox]").check()
    assert secrets.nth(0).input_value() == secrets.nth(1).input_value() == "blue kettle morning"
    lock.locator("button:has-text('Lock my journal')").click()
    page.wait_for_selector(f"{harness.PANEL} :text('Your journal is locked')", timeout=30_000)
    page.screenshot(path=str(artifacts / "lab-passphrase-set.png"), full_page=False)

    profile.locator("button:has-text('Close my journal')").click()
    profile.locator("select").first.select_option(label="Locked tester (locked)")
    field = profile.locator("input[type=password]")
    field.fill("not the passphrase")
    profile.locator("button:has-text('Open my journal')").click()
    page.wait_for_selector(f"{harness.PANEL} .tw-profile :text('does not open this journal')", timeout=30_000)
    assert field.input_value() == "", "the passphrase must not stay in the box"
    field.fill("blue kettle morning")
    profile.locator("button:has-text('Open my journal')").click()
    page.wait_for_selector(f"{harness.PANEL} .tw-profile :text('Working as Locked tester')", timeout=30_000)
    page.wait_for_selector(harness.IDLE, state="attached", timeout=30_000)
    page.wait_for_timeout(500)  # the exercises below redraw for the new profile after the panel does
    page.screenshot(path=str(artifacts / "lab-passphrase-opened.png"), full_page=False)
    locked_files = list((lab.data_dir / "profiles").glob("locked-tester-*.json"))
    assert locked_files and all(b"trust-workshop-locked-journal" in p.read_bytes() for p in locked_files)


HOSTILE_TYPED = "<img src=x onerror=alert(1)><script>alert(2)</script> #set page(width: 1cm) {{ x }} $x$ \\ 💔 שלום"


def test_hostile_text_typed_in_the_browser_is_kept_and_shown_as_text_never_run(lab, page, artifacts: Path) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        if dialog.type == "beforeunload":  # JupyterLab asking before leaving a changed notebook
            dialog.accept()
            return
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # Fresh kernels: an earlier test may have switched a notebook's kernel to another profile.
    harness.open_notebook(page, lab, "workshop/01-uncover-the-impact.ipynb")
    harness.restart_and_run_all(page)
    box = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('Reflection')) textarea").first
    box.fill(HOSTILE_TYPED)
    box.blur()  # text boxes send their text when the participant leaves them
    reflection = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('Reflection'))")
    reflection.locator(".tw-saved").wait_for(timeout=harness.SAVED_WAIT)

    harness.open_notebook(page, lab, "workshop/09-my-journey.ipynb")
    harness.restart_and_run_all(page)
    journey = page.locator(f"{harness.PANEL} .tw-exercise:has(.tw-title:text-is('My journey'))")
    journey.locator("input[type=checkbox]").first.check()
    shown = journey.locator("details:has-text('Uncover')").first
    shown.wait_for(timeout=15_000)
    assert HOSTILE_TYPED in shown.inner_text()
    shown.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-journey-hostile-text.png"))
    assert journey.locator("img[src='x'], script").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == [], f"typed text ran as code: {dialogs}"
