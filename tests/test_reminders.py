"""The calendar file: recurring events with RRULE, an alarm on each, the participant's own
titles, and nothing of what they wrote. Read back with icalendar and recurring_ical_events."""

from __future__ import annotations

import datetime as dt

import icalendar
import recurring_ical_events

from trust_workshop import content
from trust_workshop.model import journal as jr
from trust_workshop.model import reminders as rm
from trust_workshop.views import reminders as vr

from . import ui

TODAY = dt.date(2026, 12, 2)  # a Wednesday
END = dt.date(2026, 11, 20)
SECRET = "zebra-secret-7731"


def _journal_full_of_secrets() -> jr.Journal:
    """A journal with the secret in every text it can hold, except the reminder titles."""
    journal = jr.Journal.open("Sam")
    journal.set_setting("context", "couple")
    journal.set_setting("role", "both")
    for name, ex in content.raw("exercises").items():
        if ex.get("fields"):
            journal.set_entry(f"exercise.{name}", {f["id"]: f"{SECRET} {f['id']}" for f in ex["fields"]})
        elif ex.get("record_fields"):
            journal.set_entry(f"exercise.{name}", [{f["id"]: f"{SECRET} {f['id']}" for f in ex["record_fields"]}])
        else:
            journal.set_entry(f"exercise.{name}", [SECRET])
    for s in content.stages():
        journal.set_entry(f"reflection.{s.key}", {"a": SECRET})
        journal.set_entry(f"homework.{s.key}", {"plan": SECRET, "done": True})
        journal.record_checkin("final", s.key, {it.id: 3 for it in content.checkin_items(s.key)},
                               date=END.isoformat())
    journal.set_entry("exercise.booster_reflection:2026-12-01", {"working": SECRET})
    return journal


def _calendar(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_defaults_are_neutral_and_every_event_has_an_alarm(data_dir) -> None:
    journal = _journal_full_of_secrets()
    data = rm.ics(journal, TODAY)
    cal = _calendar(data)
    events = list(cal.walk("VEVENT"))
    titles = sorted(str(e["SUMMARY"]) for e in events)
    assert titles == ["Catch-up", "Catch-up", "Catch-up", "Check-in", "Review"]
    for event in events:
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        assert alarms[0]["ACTION"] == "DISPLAY"
        assert alarms[0]["TRIGGER"].dt == dt.timedelta(minutes=-30)
    ritual = next(e for e in events if str(e["SUMMARY"]) == "Check-in")
    assert ritual["RRULE"]["FREQ"] == ["WEEKLY"] and ritual["RRULE"]["BYDAY"] == ["SU"]
    assert ritual["DTSTART"].dt == dt.datetime(2026, 12, 6, 19, 0)
    boosters = sorted(e["DTSTART"].dt for e in events if str(e["SUMMARY"]) == "Catch-up")
    assert boosters == [dt.datetime(2026, 12, 20, 19), dt.datetime(2027, 2, 20, 19), dt.datetime(2027, 5, 20, 19)]
    assert all("RRULE" not in e for e in events if str(e["SUMMARY"]) == "Catch-up")


def test_no_private_writing_is_in_any_event_text(data_dir) -> None:
    journal = _journal_full_of_secrets()
    journal.set_reminders({"ritual": {"title": "Walk", "day": "TU", "time": "20:30", "every": "fortnight"}})
    data = rm.ics(journal, TODAY)
    assert SECRET.encode() not in data
    assert b"Rebuilding" not in data and b"trust" not in data.lower()
    for component in _calendar(data).walk():
        for name, value in component.property_items():
            assert SECRET not in str(value), (component.name, name)
    assert SECRET in str(journal.data)  # the secret really is in the journal


def test_recurrences_read_back_in_a_second_parser(data_dir) -> None:
    journal = _journal_full_of_secrets()
    journal.set_reminders({"ritual": {"on": True, "title": "Walk", "day": "TU", "time": "20:30", "every": "fortnight"},
                           "review": {"on": True, "title": "Notes", "day": "FR", "time": "18:00", "every": "month"},
                           "boosters": {"on": False}, "alarm_minutes": 1440})
    cal = _calendar(rm.ics(journal, TODAY))
    window = recurring_ical_events.of(cal).between(dt.datetime(2026, 12, 1), dt.datetime(2027, 3, 1))
    walks = sorted(e["DTSTART"].dt for e in window if str(e["SUMMARY"]) == "Walk")
    assert walks[:3] == [dt.datetime(2026, 12, 8, 20, 30), dt.datetime(2026, 12, 22, 20, 30),
                         dt.datetime(2027, 1, 5, 20, 30)]
    assert all((b - a).days == 14 for a, b in zip(walks, walks[1:], strict=False))
    notes = sorted(e["DTSTART"].dt for e in window if str(e["SUMMARY"]) == "Notes")
    assert notes == [dt.datetime(2026, 12, 4, 18), dt.datetime(2027, 1, 1, 18), dt.datetime(2027, 2, 5, 18)]
    assert not [e for e in window if str(e["SUMMARY"]) == "Catch-up"]
    for event in cal.walk("VEVENT"):
        assert event.walk("VALARM")[0]["TRIGGER"].dt == dt.timedelta(days=-1)


def test_titles_are_tidied_and_odd_choices_fall_back_to_the_defaults() -> None:
    chosen = rm.choices({"ritual": {"title": "  Tea\n\n\tand\x00 talk " + "x" * 100, "day": "XX", "time": "25:00"},
                         "alarm_minutes": True})
    assert chosen["ritual"]["title"].startswith("Tea and talk") and len(chosen["ritual"]["title"]) == rm.MAX_TITLE
    assert chosen["ritual"]["day"] == "SU" and chosen["ritual"]["time"] == "19:00"
    assert chosen["alarm_minutes"] == 30
    assert rm.choices({"ritual": {"title": "   "}})["ritual"]["title"] == "Check-in"


def test_the_panel_saves_choices_and_offers_the_file(opened) -> None:
    panel = vr.reminders()
    ui.type_into(panel, "Called:", "Tea")
    saved = opened.journal.reminders()
    assert saved["ritual"]["title"] == "Tea"
    ui.click(panel, "Make calendar file")
    assert "reminders.ics" in ui.markup(panel) and "text/calendar" in ui.markup(panel)
