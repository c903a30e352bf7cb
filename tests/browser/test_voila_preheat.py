"""Voilà with preheated kernels, in a real browser: the page comes from a kernel that ran the
notebook before anyone asked, and what it shows about the participant is read when they arrive.

The unit tests (tests/views/test_preheat.py) check what a page shows before and after; this one
checks the real path: Voilà's pool, its ``wait_for_request``, and the redraw run on the kernel's
own event loop, which the browser must then show.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trust_workshop.model import journal as jr

from . import harness

NOTEBOOK = "workshop/01-uncover-the-impact.ipynb"


def _wait_for_the_pool(srv: harness.Server, timeout: float = 180) -> None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if srv.pool_fills():
            return
        time.sleep(0.5)
    raise AssertionError(f"Voilà did not fill its pool:\n{srv.log.read_text(errors='replace')[-3000:]}")


def test_a_preheated_page_shows_what_is_true_when_the_participant_arrives(
        playwright_browser, page, tmp_path: Path, artifacts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with harness.server("voila", tmp_path / "voila", extra=(*harness.PREHEAT, NOTEBOOK)) as srv:
        _wait_for_the_pool(srv)  # the notebook has run in a warm kernel, with nobody there yet
        # Written after the warm-up (in another page, say): the participant must see it.
        monkeypatch.setenv("TRUST_WORKSHOP_DATA_DIR", str(srv.data_dir))
        written = "Written after the page was warmed up"
        jr.Journal.open("Browser tester").set_entry("exercise.impact_map", {"what_happened": written})
        page.goto(srv.url(""), timeout=120_000)  # Voilà given one notebook serves it at its root
        profile = page.locator(".tw-profile")
        expect(profile).to_contain_text("Working as Browser tester", timeout=60_000)
        impact = page.locator(".tw-exercise:has(.tw-title:text-is('Impact map')) textarea").first
        expect(impact).to_have_value(written, timeout=30_000)
        expect(page.locator("text=Getting your page ready")).to_have_count(0)
        page.screenshot(path=str(artifacts / "voila-preheated-01.png"))
        log = srv.log.read_text(errors="replace")
        assert "Using pre-heated kernel" in log, log[-3000:]
        assert "could not reach Voilà" not in log, log[-3000:]
