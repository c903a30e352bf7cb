"""Every notebook in a real JupyterLab: opens without a kernel dialog, runs, widgets render cleanly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from trust_workshop.model import journal as jr

from . import harness

NOTEBOOKS = sorted(p.relative_to(harness.ROOT).as_posix()
                   for folder in ("workshop", "facilitator") for p in (harness.ROOT / folder).glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_with_working_widgets(path: str, lab, page, artifacts: Path) -> None:
    harness.open_notebook(page, lab, path)
    page.wait_for_timeout(1000)
    assert harness.problems_on_page(page)["kernel dialog"] == 0, "a kernel-selection dialog appeared"
    harness.run_all(page)
    page.wait_for_timeout(1000)
    widgets = page.locator(f"{harness.PANEL} .jp-OutputArea .jupyter-widgets")
    assert widgets.count() > 5
    harness.screenshots(page, artifacts, f"lab-{harness.notebook_slug(path)}")
    assert harness.problems_on_page(page) == {"kernel dialog": 0, "Error displaying widget": 0, "traceback": 0}


def _checkin(page, title: str):
    return page.locator(f"{harness.PANEL} .tw-exercise:has(h4:text-is('{title}'))")


def test_a_checkin_answer_survives_a_kernel_restart(lab, page, artifacts: Path) -> None:
    harness.open_notebook(page, lab, "workshop/01-uncover-the-impact.ipynb")
    harness.run_all(page)
    checkin = _checkin(page, "Check-in: Uncover the impact")
    first = checkin.locator(".tw-scale").first
    first.locator("button:text-is('4')").click()
    checkin.locator(".tw-saved:has-text('Saved at')").wait_for(timeout=15_000)
    harness.restart_and_run_all(page)
    first = _checkin(page, "Check-in: Uncover the impact").locator(".tw-scale").first
    first.locator("button.mod-active").wait_for(timeout=15_000)
    assert first.locator("button.mod-active").inner_text().strip() == "4"
    page.screenshot(path=str(artifacts / "lab-round-trip-after-restart.png"))


def test_export_download_gives_a_file_that_imports_back(lab, page, tmp_path: Path, monkeypatch) -> None:
    harness.open_notebook(page, lab, "workshop/00-welcome-and-safety.ipynb")
    harness.run_all(page)
    hopes = page.locator(f"{harness.PANEL} .tw-exercise:has(h4:text-is('Hopes and worries'))")
    typed = "Written in the browser: ünïcödé 🙂 <b>as typed</b>"
    hopes.locator("textarea").first.fill(typed)
    hopes.locator("h4").click()  # leaving the box sends the text
    hopes.locator(".tw-saved:has-text('Saved at')").wait_for(timeout=15_000)
    data = page.locator(f"{harness.PANEL} .tw-exercise:has(h4:text-is('My journal file'))")
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
    journal, _ = jr.import_journal(raw)
    assert journal.entry("exercise.hopes_worries")["hope_change"] == typed
    assert json.loads(raw)["format"] == jr.EXPORT_FORMAT


def test_the_browser_tests_leave_the_repository_alone(lab) -> None:
    """JupyterLab autosaves; the server works on a copy, so the course files stay as committed."""
    import subprocess

    changed = subprocess.run(["git", "status", "--porcelain", "--", "workshop", "facilitator"],
                             cwd=harness.ROOT, capture_output=True, text=True).stdout
    assert ".ipynb_checkpoints" not in changed
    assert not [line for line in changed.splitlines() if line.startswith(" M")], changed
