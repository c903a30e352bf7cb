"""Boosters after the course: the journal's version 2, the dates, then-and-now, the panels,
and the journey and report that place boosters on the same timeline as the course."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from trust_workshop import content
from trust_workshop.model import boosters as bm
from trust_workshop.model import contents as ct
from trust_workshop.model import journal as jr
from trust_workshop.outputs import pdf
from trust_workshop.views import boosters as vb
from trust_workshop.views import journey as vj
from trust_workshop.views import progress as vp

from .conftest import shown

TODAY = dt.date.today()
END = TODAY - dt.timedelta(days=40)


def _keyed(key: str, value: int) -> dict[str, int]:
    """Every statement of a stage answered ``value`` once reverse keying is applied."""
    return {it.id: 6 - value if it.reverse else value for it in content.checkin_items(key)}


def _fill(journal: jr.Journal, final: int = 4, booster: int = 2) -> None:
    for s in content.stages():
        start = (END - dt.timedelta(weeks=8)).isoformat()
        journal.record_checkin("baseline", s.key, _keyed(s.key, 2), date=start)
        journal.record_checkin("final", s.key, _keyed(s.key, final), date=END.isoformat())
    pulse = {it.id: 4 for it in content.pulse_items()}
    journal.record_pulse(pulse, date=END.isoformat())
    for key in bm.STAGES:
        journal.record_checkin("booster", key, _keyed(key, booster), date=TODAY.isoformat())
    journal.record_pulse({it.id: 2 for it in content.pulse_items()}, date=TODAY.isoformat())


def test_a_version_1_journal_still_loads_and_is_saved_as_version_2(data_dir) -> None:
    old = ct.new_journal("Sam")
    old["schema_version"] = 1
    old["checkins"] = [{"kind": "final", "stage": "consistency", "date": "2026-01-05", "updated": "x",
                        "answers": {"a": 3}}]
    old["entries"] = {"exercise.setback_plan": {"value": {"what_we_do": "talk"}, "updated": "x"}}
    path = jr.Journal("Sam", ct.new_journal("Sam")).path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(old), "utf-8")
    journal = jr.Journal.open("Sam")
    assert journal.notices == []
    assert journal.entry("exercise.setback_plan") == {"what_we_do": "talk"}
    assert journal.checkins("final")[0]["date"] == "2026-01-05"
    journal.record_checkin("booster", "consistency", {"a": 4})
    on_disk = json.loads(path.read_text("utf-8"))
    assert on_disk["schema_version"] == 2 == ct.SCHEMA_VERSION
    assert [c["kind"] for c in on_disk["checkins"]] == ["final", "booster"]


def test_a_version_1_journal_cannot_hold_what_only_version_2_knows() -> None:
    """upgrade() only renumbers: a check-in kind nobody knows is still refused."""
    data = ct.new_journal("Sam")
    data["checkins"] = [{"kind": "later", "stage": "consistency", "date": "2026-01-05", "updated": "x",
                         "answers": {}}]
    with pytest.raises(ct.JournalError):
        ct.validate(data)


def test_months_are_added_on_the_calendar() -> None:
    assert bm.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert bm.add_months(dt.date(2026, 8, 15), 6) == dt.date(2027, 2, 15)
    assert [m for m, _ in bm.planned(dt.date(2026, 1, 1))] == [1, 3, 6]


def test_the_course_ends_at_the_final_check_in_unless_another_day_is_chosen(data_dir) -> None:
    journal = jr.Journal.open("Sam")
    assert bm.course_end(journal) is None
    _fill(journal)
    assert bm.course_end(journal) == END
    journal.set_reminders({"course_end": "2026-03-01"})
    assert bm.course_end(journal) == dt.date(2026, 3, 1)


def test_then_and_now_compares_the_end_of_the_course_with_the_latest_booster(data_dir) -> None:
    journal = jr.Journal.open("Sam")
    _fill(journal, final=4, booster=2)
    rows = bm.compared(journal)
    assert [r.name for r in rows] == ["Trust pulse", *(content.stage(k).title for k in bm.STAGES)]
    assert all(r.change is not None and r.change < 0 for r in rows)
    text = bm.reading(rows)
    assert "Down by 10 points or more" in text and "not a failure" in text
    assert journal.booster_days() == [TODAY.isoformat()]


def test_booster_panels_save_as_booster_check_ins_and_a_dated_reflection(opened) -> None:
    journal = opened.journal
    _fill(journal)
    check = vb.booster_checkin("consistency")
    assert "Booster check-in" in shown(check)
    check.questions[0].buttons.value = 5
    saved = journal.checkins("booster", "consistency")
    assert saved[-1]["answers"][check.questions[0].item.id] == 5
    assert journal.checkins("stage", "consistency") == []
    reflection = vb.booster_reflection()
    next(iter(reflection.boxes.values())).value = "our walks help"
    reflection.save_value()
    key = ct.booster_reflection_key(TODAY.isoformat())
    assert "our walks help" in json.dumps(journal.entry(key))
    compare = vb.booster_compare()
    assert "End of the course" in shown(compare)
    plan = vb.booster_plan()
    assert "about 1 month after the course" in shown(plan).lower()


def test_journey_and_report_show_boosters_on_the_course_timeline(opened) -> None:
    journal = opened.journal
    _fill(journal)
    progress = vp.progress()
    assert f"Booster check-ins after the course (shaded on the chart): {TODAY.isoformat()}" in progress.captions[1]
    journey = vj.journey()
    text = shown(journey)
    assert "booster check-in" in text and "course session" in text
    assert text.index(bm.describe(END.isoformat(), END)) < text.index("booster check-in")
    data, files = pdf.report_data(journal)
    assert [step["what"] for step in data["timeline"]][-1] == "Booster check-in"
    assert "Course session" in [step["what"] for step in data["timeline"]]
    pulse_chart = next(c for c in data["charts"] if c["title"] == "Trust pulse")
    assert "Booster check-ins after the course" in pulse_chart["caption"]
    assert data["after"]
    assert "pulse.png" in files
    assert pdf.report(journal).startswith(b"%PDF")


def test_a_report_without_boosters_has_no_timeline(opened) -> None:
    data, _ = pdf.report_data(opened.journal)
    assert data["timeline"] == [] and data["after"] == ""
