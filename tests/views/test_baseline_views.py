"""The short baseline on screen (issue 18): notebook 00's baseline and notebook 08's final check-in
ask the same few statements a stage; an older journal with the full baseline still shows, compares
and keeps its answers. The model side is in ``tests/test_baseline.py``."""

from __future__ import annotations

import datetime as dt

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import journal as jr
from trust_workshop.model import summary as sm
from trust_workshop.views import registry
from trust_workshop.views import session as session_module

from .. import ui
from ..conftest import shown
from ..test_baseline import OLD_BASELINE_DAY, old_full_baseline, short_answers, write_old_journal


def _every_page(view) -> dict[str, list[str]]:
    """Turn every page of a whole check-in; the statements shown on each, by stage key."""
    for _ in content.stage_keys()[1:]:
        ui.click(view, "Next")
    return {key: [q.item.text for q in qs] for key, qs in view.questions.items()}


def test_the_baseline_asks_only_the_baseline_statements_worded_for_the_role(opened) -> None:
    view = tw.baseline_checkin()
    asked = _every_page(view)
    assert asked == {key: [it.text for it in content.baseline_items(key, "hurt", "couple")]
                     for key in content.stage_keys()}
    assert sum(len(texts) for texts in asked.values()) == 22
    assert "Twenty-two statements" in shown(view) and "about five minutes" in shown(view)


def test_the_final_check_in_asks_the_same_statements_as_the_baseline(opened) -> None:
    assert _every_page(tw.final_checkin()) == _every_page(tw.baseline_checkin())


def test_answering_the_short_baseline_completes_every_stage_and_is_compared(opened) -> None:
    base = tw.baseline_checkin()
    for key in content.stage_keys():
        for q in base.questions[key]:
            q.buttons.value = 6 - 2 if q.item.reverse else 2
        if key != content.stage_keys()[-1]:
            ui.click(base, "Next")
    assert "9 of 9 stages fully answered" in shown(base)
    final = tw.final_checkin()
    for key in content.stage_keys():
        for q in final.questions[key]:
            q.buttons.value = 6 - 4 if q.item.reverse else 4
        if key != content.stage_keys()[-1]:
            ui.click(final, "Next")
    then_and_now = tw.pre_post()
    assert then_and_now.reading.startswith("9 of 9 stages have both a baseline and a final answer.")
    assert "Uncover the impact 25 then 75" in then_and_now.caption


def test_an_older_full_baseline_shows_its_answers_and_keeps_the_rest_when_one_is_changed(data_dir) -> None:
    write_old_journal("Sam")
    session_module.session().open("Sam")
    view = tw.baseline_checkin()
    assert "9 of 9 stages fully answered" in shown(view)
    first = content.stage_keys()[0]
    question = view.questions[first][0]
    assert question.value == old_full_baseline(first)[question.item.id]
    question.buttons.value = 3
    saved = jr.Journal.open("Sam").checkins("baseline", first)
    assert saved[0]["answers"] == old_full_baseline(first)  # the earlier day's record, untouched
    assert saved[-1]["answers"] == {**old_full_baseline(first), question.item.id: 3}  # every other answer kept


def test_then_and_now_and_the_journey_read_an_older_journal(data_dir) -> None:
    j = write_old_journal("Sam")
    for key in content.stage_keys():
        j.record_checkin("final", key, short_answers(key, 4), date="2026-11-30")
    session_module.session().open("Sam")
    view = tw.pre_post()
    assert view.reading.startswith("9 of 9 stages have both a baseline and a final answer.")
    assert len(ui.charts(view)) == 1
    journey = shown(tw.journey())
    assert f"{OLD_BASELINE_DAY} (baseline) 25, 2026-11-30 (final) 75" in journey


def test_the_group_dashboard_reads_summaries_from_older_journals(data_dir) -> None:
    from trust_workshop.model import evaluation as ev
    from trust_workshop.outputs import evaluation_pdf

    files = []
    for n, name in enumerate(("Ana", "Priya", "Jordan"), start=1):
        j = write_old_journal(name)
        for key in content.stage_keys():
            j.record_checkin("final", key, short_answers(key, 4), date="2026-11-30")
        j.record_pulse({it.id: 3 for it in content.pulse_items()}, date=f"2026-10-0{n}")  # not copies of one another
        files.append((f"{name}.json", sm.encode(sm.build(j, name, today=dt.date(2026, 12, 1)))))
    board = tw.group_dashboard()
    ui.control(board, "Add summary files").value = tuple(
        {"name": n, "type": "application/json", "size": len(r), "content": memoryview(r),
         "last_modified": dt.datetime(2026, 1, 1)} for n, r in files)
    assert len(board.loaded.summaries) == 3 and board.loaded.problems == []
    page = evaluation_pdf.data(ev.evaluate(board.loaded.summaries))
    rows = {r["title"]: r["change"] for r in page["rows"]}
    assert rows[content.stage("recommit").title] == "+50.0 (SD 0.0)"
    assert rows[content.stage("attune").title] == ev.NO_SHARED


def test_the_paper_worksheet_lists_only_the_baseline_statements() -> None:
    sheet = registry.kind("baseline_checkin").worksheet("baseline_checkin")
    assert [g["items"] for g in sheet["groups"]] == [[it.text for it in content.baseline_items(key)]
                                                     for key in content.stage_keys()]
