"""Progress across sessions, computed from a journal's check-ins and pulses.

Pure functions over the journal's data: no widgets, no charts, no files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trust_workshop import content
from trust_workshop.content import Item
from trust_workshop.model.scoring import score

DIMENSIONS = ("predictability", "dependability", "faith")
# The check-ins across all the stages. They ask only each stage's baseline statements, and are scored
# on only those, also when an older record (from when they asked everything) holds more answers.
SHORT_KINDS = ("baseline", "final")


@dataclass(frozen=True)
class PulsePoint:
    date: str
    score: int | None
    dimensions: dict[str, int | None]


def scored_items(stage_key: str, kind: str | None = None) -> tuple[Item, ...]:
    """The statements a check-in of this kind is scored on: the stage's baseline statements for the
    baseline and final check-ins, every statement for any other kind (or none given)."""
    return content.baseline_items(stage_key) if kind in SHORT_KINDS else content.checkin_items(stage_key)


def checkin_score(stage_key: str, answers: Mapping[str, int], kind: str | None = None) -> int | None:
    """The 0-100 score of one stage's check-in answers of a kind (None until all are answered)."""
    return score(scored_items(stage_key, kind), answers)


def stage_scores(checkins: list[dict[str, Any]], kinds: tuple[str, ...] | None = None,
                 short: bool = False) -> dict[str, int]:
    """For each stage, the score of its latest complete check-in of the given kinds, each scored as
    its kind is; with ``short``, every one on the baseline statements only (to set a booster check-in
    beside the final one)."""
    latest: dict[str, tuple[str, str, int]] = {}
    for c in checkins:
        if kinds is not None and c["kind"] not in kinds:
            continue
        kind = SHORT_KINDS[0] if short else c["kind"]
        value = checkin_score(c["stage"], c["answers"], kind) if c["stage"] in content.stage_keys() else None
        if value is None:
            continue
        when = (c["date"], c["updated"])
        if c["stage"] not in latest or when >= latest[c["stage"]][:2]:
            latest[c["stage"]] = (*when, value)
    order = content.stage_keys()
    return {key: latest[key][2] for key in order if key in latest}


def pulse_point(answers: Mapping[str, int], date: str = "") -> PulsePoint:
    """A pulse's overall score and its score on each of the three dimensions."""
    items = content.pulse_items()
    dims = {d: score([it for it in items if it.dimension == d], answers) for d in DIMENSIONS}
    return PulsePoint(date=date, score=score(items, answers), dimensions=dims)


def pulse_series(pulses: list[dict[str, Any]]) -> list[PulsePoint]:
    """Complete pulses in date order, ready to chart."""
    points = [pulse_point(p["answers"], p["date"]) for p in sorted(pulses, key=lambda p: p["date"])]
    return [p for p in points if p.score is not None]


def checkin_history(checkins: list[dict[str, Any]], stage_key: str) -> list[tuple[str, str, int]]:
    """(date, kind, score) for each complete check-in of one stage, oldest first."""
    out = []
    for c in sorted(checkins, key=lambda c: (c["date"], c["updated"])):
        if c["stage"] != stage_key:
            continue
        value = checkin_score(stage_key, c["answers"], c["kind"])
        if value is not None:
            out.append((c["date"], c["kind"], value))
    return out


def sessions_count(checkins: list[dict[str, Any]], pulses: list[dict[str, Any]]) -> int:
    """How many different days have a saved check-in or pulse."""
    return len({c["date"] for c in checkins} | {p["date"] for p in pulses})


# --- promises, deposits and withdrawals, pre/post ------------------------------------------


@dataclass(frozen=True)
class WeekRate:
    week: str
    made: int
    kept: int

    @property
    def rate(self) -> float | None:
        """Share of promises kept, 0-1, or None for a week with no promises."""
        return self.kept / self.made if self.made else None


def week_of(day: str) -> str:
    """The Monday that starts the week of an ISO date."""
    import datetime as dt

    d = dt.date.fromisoformat(str(day))
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def _week_of_record(record: Any) -> str | None:
    """The week of a record's date, or None for a record without a readable date."""
    try:
        return week_of(record["date"])
    except (KeyError, TypeError, ValueError):
        return None


def kept_rates(promises: list[dict[str, Any]]) -> list[WeekRate]:
    """Promises made and kept per week, oldest first.

    Each promise is ``{"date": "YYYY-MM-DD", "kept": "yes" | "no" | "not yet", ...}``.
    Promises still "not yet" due are left out, so a week in progress is not marked down;
    so is anything without a readable date (a file edited by hand, for example).
    """
    weeks: dict[str, list[int]] = {}
    for p in promises:
        week = _week_of_record(p)
        if week is None or p.get("kept") not in ("yes", "no"):
            continue
        total = weeks.setdefault(week, [0, 0])
        total[0] += 1
        total[1] += p["kept"] == "yes"
    return [WeekRate(week, made, kept) for week, (made, kept) in sorted(weeks.items())]


def open_promises(promises: list[dict[str, Any]]) -> int:
    """Promises still "not yet": not counted in any rate, and shown apart."""
    return sum(1 for p in promises if isinstance(p, dict) and p.get("kept") == "not yet")


def tally(entries: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """(week, deposits, withdrawals) per week (starting Monday), oldest first."""
    weeks: dict[str, list[int]] = {}
    for e in entries:
        week = _week_of_record(e)
        if week is None or e.get("kind") not in ("deposit", "withdrawal"):
            continue
        counts = weeks.setdefault(week, [0, 0])
        counts[0 if e["kind"] == "deposit" else 1] += 1
    return [(week, d, w) for week, (d, w) in sorted(weeks.items())]


@dataclass(frozen=True)
class StageChange:
    stage: str
    baseline: int | None
    final: int | None

    @property
    def change(self) -> int | None:
        if self.baseline is None or self.final is None:
            return None
        return self.final - self.baseline


def pre_post(checkins: list[dict[str, Any]]) -> list[StageChange]:
    """Baseline (stage 0) against final (stage 8) scores for every stage, in stage order: both on the
    stage's baseline statements, so a journal whose baseline asked more still compares like with like."""
    before = stage_scores(checkins, ("baseline",))
    after = stage_scores(checkins, ("final",))
    return [StageChange(key, before.get(key), after.get(key)) for key in content.stage_keys()]


def pre_post_reading(changes: list[StageChange]) -> str:
    """Plain words for a pre/post comparison: what moved, never a verdict."""
    both = [c for c in changes if c.change is not None]
    if not both:
        return ("There is nothing to compare yet. The comparison appears once a stage has both a "
                "baseline answer (notebook 00) and a final answer (notebook 08).")
    up = [c for c in both if c.change >= 10]
    down = [c for c in both if c.change <= -10]
    steady = [c for c in both if -10 < c.change < 10]

    def names(items: list[StageChange]) -> str:
        return ", ".join(content.stage(c.stage).title for c in items)

    parts = [f"{len(both)} of {len(content.stages())} stages have both a baseline and a final answer."]
    if up:
        parts.append(f"Your answers moved up by 10 points or more for: {names(up)}.")
    if down:
        parts.append(f"They moved down by 10 points or more for: {names(down)}. A lower score late in "
                     "the work often means you can see things more clearly now; it may be an area to "
                     "focus on, or to talk through with your facilitator.")
    if steady:
        parts.append(f"They stayed within 10 points for: {names(steady)}.")
    parts.append("Changes of a few points come and go with the day you are having; look at the "
                 "pattern, not single numbers.")
    return " ".join(parts)
