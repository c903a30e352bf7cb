"""Booster check-ins after the course: when they fall, and how they compare with its end.

A booster is a short check-in at about 1, 3 and 6 months after the course: the pulse, a few
stage check-ins saved with the kind "booster", and a "what's working, what's slipping"
reflection. The course ends on the day of the final check-in (notebook 08), unless the
participant has set another day in their calendar reminders. Pure functions: no widgets.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from trust_workshop import content
from trust_workshop.model import progress as pm
from trust_workshop.model.contents import Contents, real_date
from trust_workshop.model.writing import day as in_words

MONTHS = (1, 3, 6)
# The stages whose check-ins a booster repeats: the everyday work that carries on after the course.
STAGES = ("boundaries", "consistency", "recommit")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later (the month's last day if it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def course_end(journal: Contents) -> dt.date | None:
    """The day the course ended: the day set in the reminders, else the last final check-in, else None."""
    chosen = journal.reminders().get("course_end")
    if real_date(chosen):
        return dt.date.fromisoformat(chosen)
    finals = [c["date"] for c in journal.checkins("final") if real_date(c.get("date"))]
    return dt.date.fromisoformat(max(finals)) if finals else None


def planned(end: dt.date) -> list[tuple[int, dt.date]]:
    """(months after the course, day) for each booster."""
    return [(m, add_months(end, m)) for m in MONTHS]


def month_words(months: int) -> str:
    return f"about {months} month{'s' * (months != 1)} after the course"


def nearest(end: dt.date | None, day: dt.date) -> int | None:
    """Which booster ``day`` is closest to (1, 3 or 6), or None without a course end or before it."""
    if end is None or day <= end:
        return None
    return min(MONTHS, key=lambda m: abs((add_months(end, m) - day).days))


def describe(day: str, end: dt.date | None) -> str:
    """A booster day in words: '12 March 2027 (about 3 months after the course)'."""
    which = nearest(end, dt.date.fromisoformat(day)) if real_date(day) else None
    return in_words(day) + (f" ({month_words(which)})" if which else "")


def timeline(journal: Contents) -> list[tuple[str, str]]:
    """Every day with a check-in or a pulse, oldest first, as (day, "course" or "booster")."""
    boosters = set(journal.booster_days())
    days = {c["date"] for c in journal.checkins()} | {p["date"] for p in journal.pulses()} | boosters
    return [(d, "booster" if d in boosters else "course") for d in sorted(days) if real_date(d)]


@dataclass(frozen=True)
class Then:
    """One measure at the end of the course and at the latest booster."""

    name: str
    at_end: int | None
    now: int | None

    @property
    def change(self) -> int | None:
        return None if self.at_end is None or self.now is None else self.now - self.at_end


def compared(journal: Contents) -> list[Then]:
    """The pulse and each booster stage: end of course (final check-in, and the last pulse on
    or before the course's end) against the latest booster (its check-ins, and the latest pulse
    after the course)."""
    end = course_end(journal)
    points = pm.pulse_series(journal.pulses())
    before = [p for p in points if end is not None and p.date <= end.isoformat()]
    after = [p for p in points if end is not None and p.date > end.isoformat()]
    rows = [Then("Trust pulse", before[-1].score if before else None, after[-1].score if after else None)]
    # A booster check-in asks every statement of its stage; it is set beside the final check-in on
    # the statements the final one asked (the baseline statements), like with like.
    finals = pm.stage_scores(journal.checkins("final"))
    latest = pm.stage_scores(journal.checkins("booster"), short=True)
    rows += [Then(content.stage(key).title, finals.get(key), latest.get(key)) for key in STAGES]
    return rows


def reading(rows: list[Then]) -> str:
    """Plain words for the comparison: what moved, never a verdict."""
    both = [r for r in rows if r.change is not None]
    if not both:
        return ("There is nothing to compare yet. The comparison appears once you have answered the same "
                "statements both at the end of the course (the final check-in in notebook 08, and a pulse "
                "that day) and in a booster here.")
    up = [r.name for r in both if r.change >= 10]
    down = [r.name for r in both if r.change <= -10]
    steady = [r.name for r in both if -10 < r.change < 10]
    parts = []
    if steady:
        parts.append(f"Within 10 points of the end of the course: {', '.join(steady)}. Holding steady after "
                     "a course is an achievement in itself.")
    if up:
        parts.append(f"Up by 10 points or more: {', '.join(up)}.")
    if down:
        parts.append(f"Down by 10 points or more: {', '.join(down)}. That is worth noticing, not a failure: "
                     "it may be a place to pick a habit up again, to look at your setback plan, or to talk "
                     "it over with your facilitator or a counsellor.")
    parts.append("A score shows how things felt to you on one day; look at the pattern, not single numbers.")
    return " ".join(parts)
