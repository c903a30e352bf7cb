"""Facilitator widgets: the plan viewer and its timer, the dashboard, and sharing a summary."""

from __future__ import annotations

import base64
import json
import re

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import plans
from trust_workshop.model import summary as sm

from .. import ui


def test_session_plan_follows_stage_three_to_the_minute() -> None:
    view = tw.session_plan()
    ui.control(view, "Stage:").value = "transparency"
    ui.control(view, "Format:").value = "weekly"
    blocks = plans.agenda("transparency", "weekly")
    assert "90 minutes" in ui.markup(view)
    first = blocks[0]["minutes"] * 60
    assert view.remaining() == first and view.clock.max == first
    view.clock.value = 61  # the browser's timer ticks
    assert view.remaining() == first - 61
    assert f"{(first - 61) // 60:02d}:{(first - 61) % 60:02d}" in ui.markup(view)
    view.clock.value = first
    assert "Time for this block is up" in ui.markup(view)
    ui.click(view, "Next block")
    assert view.block == 1 and view.clock.value == 0 and view.remaining() == blocks[1]["minutes"] * 60
    assert "Say:" in ui.markup(view) and "tw-current" in ui.markup(view)
    while not ui.control(view, "Next block").disabled:  # the last block has no next one
        ui.click(view, "Next block")
    assert view.block == len(blocks) - 1 and ui.control(view, "Next block").disabled


def test_session_plan_shows_every_part_of_the_plan() -> None:
    view = tw.session_plan("attune", "single")
    p = plans.plan("attune")
    html = ui.markup(view)
    for part in (p["objectives"][0], p["debrief_questions"][0], p["safety_notes"][0], p["fidelity_checklist"][0]):
        assert part.replace("'", "&#x27;").replace('"', "&quot;") in html


def test_intensive_schedule_lists_the_weekend() -> None:
    html = tw.intensive_schedule().body[0].value
    assert html.count("<tr>") == 8 + 1
    for s in content.stages():
        assert s.title in html


def _file(name: str, score: int) -> dict:
    return {"name": f"{name}.json", "content": memoryview(sm.encode(
        {"format": sm.FORMAT, "version": 1, "pseudonym": name, "created": "2026-11-01",
         "stage_scores": {"uncover": score}, "pulse": [{"date": "2026-11-02", "score": score}],
         "homework": {"done": 1, "set": 1}, "attendance": ["2026-11-02"]}))}


def test_dashboard_loads_ten_summaries_and_one_hostile_file() -> None:
    view = tw.group_dashboard()
    ui.control(view, "Pseudonyms:").value = "\n".join([f"p{i}" for i in range(10)] + ["Late Larry"])
    files = tuple(_file(f"p{i}", 10 * i) for i in range(10)) + (
        {"name": "<img src=x onerror=alert(1)>.json", "content": memoryview(b"{not json")},)
    _choose(view, [(f["name"], bytes(f["content"])) for f in files])
    assert view.view.size == 10 and view.view.stage_averages == {"uncover": 45.0}
    html = ui.markup(view)
    assert "Late Larry" in html and "1 file(s) skipped" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert len(ui.charts(view)) == 1, "the group's pulse chart"


def test_dashboard_hides_averages_for_two_people() -> None:
    view = tw.group_dashboard()
    _choose(view, [(f["name"], bytes(f["content"])) for f in (_file("a", 10), _file("b", 90))])
    assert view.view.stage_averages is None
    html = ui.markup(view)
    assert "from 3 people upwards" in html and "Stage averages" not in html


def test_share_summary_shows_exactly_what_is_downloaded(opened) -> None:
    opened.journal.record_pulse({it.id: 4 for it in content.pulse_items()}, date="2026-11-02")
    opened.journal.set_entry("reflection.uncover", {"x": "my private words"})
    view = tw.share_summary()
    ui.type_into(view, "Pseudonym:", "")
    ui.click(view, "Show me what would be shared")
    assert "Please choose a pseudonym" in ui.markup(view)
    ui.type_into(view, "Pseudonym:", "Blue Heron")
    ui.click(view, "Show me what would be shared")
    href = re.search(r"base64,([^']+)'", ui.markup(view)).group(1)
    shared = base64.b64decode(href)
    assert json.loads(shared)["pseudonym"] == "Blue Heron"
    assert "my private words" not in shared.decode() and "Sam" not in shared.decode()
    preview = re.search(r"<pre class='tw-preview'>(.*?)</pre>", ui.markup(view), re.S).group(1)
    assert preview == shared.decode().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;").replace("'", "&#x27;")


def test_the_timer_buttons_say_what_they_do_and_next_block_keeps_it_running() -> None:
    view = tw.session_plan("safety", "weekly")
    for label in ("Start timer", "Pause timer", "Restart block", "Previous block", "Next block"):
        assert ui.shows(view, label, ui.w.Button)
    assert view.clock.layout.display == "none", "the unlabelled icon controls are not shown"
    assert view.clock not in list(ui.on_screen(view))
    ui.click(view, "Start timer")
    assert view.clock.playing and ui.control(view, "Start timer").disabled
    assert not ui.control(view, "Pause timer").disabled
    view.clock.value = 30
    ui.click(view, "Next block")
    assert view.block == 1 and view.clock.value == 0 and view.clock.playing, "the clock runs on into the next block"
    ui.click(view, "Pause timer")
    view.clock.value = 12
    ui.click(view, "Restart block")
    assert view.clock.value == 0 and not view.clock.playing


def _summary(name: str) -> bytes:
    import json

    from trust_workshop.model import summary as sm

    # An older (version 1) summary; each name gets its own score, so no two files hold the same numbers.
    score = sum(ord(c) * (i + 1) for i, c in enumerate(name)) % 100
    return json.dumps({"format": sm.FORMAT, "version": 1, "pseudonym": name, "created": "2026-11-01",
                       "stage_scores": {"safety": score}, "pulse": [], "homework": {"done": 1, "set": 2},
                       "attendance": ["2026-10-01", "2026-11-01"]}).encode()


def _choose(board, files) -> None:
    import datetime as dt

    ui.control(board, "Add summary files").value = tuple(
        {"name": n, "type": "application/json", "size": len(r), "content": memoryview(r),
         "last_modified": dt.datetime(2026, 1, 1)} for n, r in files)


def test_choosing_files_again_never_calls_a_file_a_copy_of_itself_and_names_stay_off_the_counts() -> None:
    board = tw.group_dashboard()
    files = [(f"{n}.json", _summary(n)) for n in ("Alex", "Jo", "Sam", "Kim")]
    _choose(board, files[:2])
    _choose(board, files)
    assert board.view.size == 4 and board.loaded.problems == []
    page = ui.markup(board)
    assert "Sessions attended:</b> from 2 to 2 per person" in page
    assert not any(f"{n} 2" in page for n in ("Alex", "Jo", "Sam", "Kim")), "no name beside a count"
    assert "areas the group may want to focus on" not in page


def test_a_small_group_shows_no_attendance_or_homework_figures() -> None:
    board = tw.group_dashboard()
    _choose(board, [("a.json", _summary("Alex")), ("b.json", _summary("Jo"))])
    page = ui.markup(board)
    assert "Sessions attended" not in page and "Homework" not in page and "Averages appear from 3" in page


def test_facilitator_panels_never_skip_a_heading_level() -> None:
    """A panel's title is an h3 and its parts h4 (as in participants' panels): no h5 under an h3.
    The session plan is its page's whole subject, right under the page's h1: its title is an h2."""
    board = tw.group_dashboard()
    _choose(board, [(f"p{i}.json", sm.encode({"format": sm.FORMAT, "version": 1, "pseudonym": f"p{i}",
                                                "created": "2026-11-01", "stage_scores": {"uncover": 10 * i},
                                                "pulse": [{"date": "2026-11-02", "score": 10 * i}],
                                                "homework": {"done": 1, "set": 1}, "attendance": ["2026-11-02"]}))
                     for i in range(6)])
    for view in (tw.session_plan("transparency", "weekly"), tw.intensive_schedule(), board, tw.feedback_reader(),
                 tw.warning_signs()):
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", ui.markup(view))]
        assert levels and levels[0] == (2 if isinstance(view, type(tw.session_plan())) else 3), levels
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
        assert max(levels) <= 4, f"parts of a panel are h4, as in participants' panels: {levels}"
    assert "Stage averages" in ui.markup(board) and "<h4 class='tw-part'>Stage averages" in ui.markup(board)
