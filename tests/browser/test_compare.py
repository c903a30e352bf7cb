"""Compare our answers in a real Voila: two profiles on one computer, each opening their own
journal (one locked) and agreeing in turn; the comparison shows, then either can clear it."""

from __future__ import annotations

from pathlib import Path

import pytest

from trust_workshop import content
from trust_workshop.model import journal as jr

from . import harness

PASS = "blue kettle morning"


def _two_profiles(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUST_WORKSHOP_DATA_DIR", str(data))
    for name, role, values, pulse in (("Sam", "hurt", [5, 4, 2, 5, 3, 4], 3), ("Alex", "broke", [1, 4, 5, 2, 2, 4], 4)):
        j = jr.Journal.open(name)
        j.set_setting("context", "couple")
        j.set_setting("role", role)
        j.record_checkin("stage", "uncover", {it.id: v for it, v in
                                              zip(content.checkin_items("uncover"), values, strict=False)})
        j.record_pulse({it.id: pulse for it in content.pulse_items()})
    jr.Journal.open("Alex").set_passphrase(PASS, PASS)


def _files(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


def test_two_profiles_compare_in_voila_and_either_can_clear_it(playwright_browser, tmp_path_factory, monkeypatch,
                                                               artifacts: Path) -> None:
    tmp = tmp_path_factory.mktemp("voila-compare")
    _two_profiles(tmp / "data", monkeypatch)
    with harness.server("voila", tmp, profile=None) as srv:
        context = playwright_browser.new_context(viewport={"width": 1280, "height": 1000})
        outside: list[str] = []
        context.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:",
                                                                  "blob:", "about:")) else outside.append(r.url))
        page = context.new_page()
        try:
            page.goto(srv.url("voila/render/workshop/09-my-journey.ipynb"), timeout=120_000)
            page.locator(".tw-exercise .tw-title:text-is('Where to get help')").wait_for(timeout=120_000)
            # Sam opens their own journal in the profile bar.
            profile = page.locator(".tw-profile")
            profile.locator("select").first.select_option(label="Sam")
            profile.locator("button:has-text('Open my journal')").click()
            profile.locator("text=Working as").wait_for(timeout=15_000)
            before = _files(srv.data_dir)
            panel = page.locator(".tw-exercise:has(.tw-title:text-is('Compare our answers'))")
            panel.locator("button:text-is('Both of us on this computer')").wait_for(timeout=15_000)
            assert "feels safe" in panel.inner_text() and "safety check" in panel.inner_text()
            panel.locator("button:text-is('Both of us on this computer')").click()
            panel.locator(".widget-checkbox:has-text('I, Sam, agree') input").check()
            # Alex, in their turn: their own name, their own passphrase, their own tick.
            panel.locator("select").filter(has=page.locator("option:text-is('Alex (locked)')")).select_option(
                label="Alex (locked)")
            panel.locator("input[type=password]").fill(PASS)
            panel.locator("button:has-text('Open my journal for comparing')").click()
            panel.locator(".widget-checkbox:has-text('I, Alex, agree') input").check()
            panel.locator("button:has-text('Show our comparison')").click()
            # (Not "text=Something to talk about": the panel's introduction says that too.)
            panel.locator(".tw-starter").first.wait_for(timeout=15_000)
            text = panel.inner_text()
            hurt = content.checkin_items("uncover", "hurt", "couple")[0].text
            broke = content.checkin_items("uncover", "broke", "couple")[0].text
            assert hurt in text and broke in text, "each person's own wording"
            assert "Where you see things alike" in text and "two or more steps apart" in text
            panel.locator(".tw-starter").first.scroll_into_view_if_needed()
            panel.screenshot(path=str(artifacts / "voila-compare-two-profiles.png"))
            panel.locator("button:has-text('Stop and clear')").click()
            panel.locator("text=Stopped and cleared").wait_for(timeout=15_000)
            panel.locator("text=I, Alex, agree").wait_for(state="detached", timeout=15_000)
            assert panel.locator(".tw-starter").count() == 0
            assert "Alex" not in panel.inner_text()
            assert _files(srv.data_dir) == before, "nothing of the comparison is saved"
            assert page.locator("text=Traceback").count() == 0
        except Exception:
            harness.screenshots(page, artifacts, "FAILED-voila-compare", whole=True)
            raise
        finally:
            context.close()
        assert outside == []
