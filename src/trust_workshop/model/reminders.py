"""Calendar reminders: the check-in ritual, the promise-review day and the boosters, as an .ics file.

The file holds only what the participant chose on the reminders panel: a title for each kind
of event, days, times, how often, and how long before to be reminded. Nothing else from the
journal ever goes into it, not even the ritual planner's wording, because calendars are often
shared or shown on a phone's lock screen. The default titles are deliberately plain.
Times are "floating" (no time zone), so each calendar shows them at that local time.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

import icalendar

from trust_workshop.model import boosters as bm
from trust_workshop.model.contents import Contents, real_date

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVERY = ("week", "fortnight", "month")
ALARMS = (10, 30, 60, 1440)
MAX_TITLE = 60
EVENT_MINUTES = 30
DEFAULTS: dict[str, Any] = {
    "ritual": {"on": True, "title": "Check-in", "day": "SU", "time": "19:00", "every": "week"},
    "review": {"on": True, "title": "Review", "day": "FR", "time": "18:00", "every": "week"},
    "boosters": {"on": True, "title": "Catch-up", "time": "19:00"},
    "alarm_minutes": 30,
}
KINDS = ("ritual", "review", "boosters")


def tidy_title(text: Any, default: str) -> str:
    """A title on one line, at most MAX_TITLE characters; the default if it is empty."""
    words = " ".join(str(text).split()) if isinstance(text, str) else ""
    words = "".join(ch for ch in words if ch.isprintable())
    return words[:MAX_TITLE].strip() or default


def _time(text: Any, default: str) -> str:
    try:
        return dt.time.fromisoformat(text).strftime("%H:%M") if isinstance(text, str) and len(text) == 5 else default
    except ValueError:
        return default


def choices(saved: Mapping[str, Any]) -> dict[str, Any]:
    """The saved choices filled in with the defaults, anything odd replaced by its default."""
    out: dict[str, Any] = {}
    for kind in KINDS:
        base = DEFAULTS[kind]
        got = saved.get(kind) if isinstance(saved.get(kind), Mapping) else {}
        one = {"on": got.get("on") if isinstance(got.get("on"), bool) else base["on"],
               "title": tidy_title(got.get("title"), base["title"]),
               "time": _time(got.get("time"), base["time"])}
        if "day" in base:
            one["day"] = got.get("day") if got.get("day") in DAYS else base["day"]
            one["every"] = got.get("every") if got.get("every") in EVERY else base["every"]
        out[kind] = one
    alarm = saved.get("alarm_minutes")
    out["alarm_minutes"] = alarm if alarm in ALARMS and not isinstance(alarm, bool) else DEFAULTS["alarm_minutes"]
    if real_date(saved.get("course_end")):
        out["course_end"] = saved["course_end"]
    uid = saved.get("uid")
    out["uid"] = uid if isinstance(uid, str) and len(uid) == 32 else secrets.token_hex(16)
    return out


def first_day(today: dt.date, day: str, every: str) -> dt.date:
    """The first day on or after ``today`` that falls on ``day``; for a monthly event, the
    first such weekday of a month (the same rule the RRULE repeats)."""
    found = today
    while DAYS[found.weekday()] != day or (every == "month" and found.day > 7):
        found += dt.timedelta(days=1)
    return found


def rule(day: str, every: str) -> dict[str, Any]:
    """The RRULE of a repeating event."""
    if every == "month":
        return {"freq": "monthly", "byday": f"1{day}"}
    return {"freq": "weekly", "interval": 2 if every == "fortnight" else 1, "byday": day}


def _at(day: dt.date, time: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(time))


def _event(uid: str, title: str, start: dt.datetime, alarm_minutes: int, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=EVENT_MINUTES))
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)  # a display alarm must have text: the title, nothing more
    alarm.add("trigger", dt.timedelta(minutes=-alarm_minutes))
    event.add_component(alarm)
    return event


def events(journal: Contents, today: dt.date) -> list[tuple[str, str, dt.date]]:
    """What the file will hold, in words for the page: (title, when, first day)."""
    chosen = choices(journal.reminders())
    found = []
    how = {"week": "every week", "fortnight": "every two weeks", "month": "on the first one of each month"}
    for kind in ("ritual", "review"):
        one = chosen[kind]
        if one["on"]:
            start = first_day(today, one["day"], one["every"])
            found.append((one["title"], f"{start:%A}s at {one['time']}, {how[one['every']]}", start))
    if chosen["boosters"]["on"]:
        for months, day in booster_dates(journal, today):
            found.append((chosen["boosters"]["title"], f"at {chosen['boosters']['time']}, "
                          f"{bm.month_words(months)}", day))
    return found


def booster_dates(journal: Contents, today: dt.date) -> list[tuple[int, dt.date]]:
    """The boosters still to come (none until the course has an end date)."""
    chosen = choices(journal.reminders())
    end = dt.date.fromisoformat(chosen["course_end"]) if "course_end" in chosen else bm.course_end(journal)
    return [(m, d) for m, d in bm.planned(end) if d >= today] if end else []


def ics(journal: Contents, today: dt.date | None = None) -> bytes:
    """The .ics file of the participant's reminders."""
    today = today or dt.date.today()
    chosen = choices(journal.reminders())
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Reminders//EN")  # says nothing about what the reminders are for
    cal.add("version", "2.0")
    alarm = chosen["alarm_minutes"]
    for kind in ("ritual", "review"):
        one = chosen[kind]
        if not one["on"]:
            continue
        start = _at(first_day(today, one["day"], one["every"]), one["time"])
        event = _event(f"{chosen['uid']}-{kind}@reminders", one["title"], start, alarm, stamp)
        event.add("rrule", rule(one["day"], one["every"]))
        cal.add_component(event)
    if chosen["boosters"]["on"]:
        for months, day in booster_dates(journal, today):
            cal.add_component(_event(f"{chosen['uid']}-booster-{months}@reminders", chosen["boosters"]["title"],
                                     _at(day, chosen["boosters"]["time"]), alarm, stamp))
    return cal.to_ical()
