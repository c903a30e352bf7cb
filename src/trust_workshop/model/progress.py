"""Progress across sessions, computed from a journal's check-ins and pulses.

Pure functions over the journal's data: no widgets, no charts, no files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trust_workshop import content
from trust_workshop.model.scoring import score

DIMENSIONS = ("predictability", "dependability", "faith")


@dataclass(frozen=True)
class PulsePoint:
    date: str
    score: int | None
    dimensions: dict[str, int | None]


def checkin_score(stage_key: str, answers: Mapping[str, int]) -> int | None:
    """The 0-100 score of one stage's check-in answers (None until all are answered)."""
    return score(content.checkin_items(stage_key), answers)


def stage_scores(checkins: list[dict[str, Any]], kinds: tuple[str, ...] | None = None) -> dict[str, int]:
    """For each stage, the score of its latest complete check-in of the given kinds."""
    latest: dict[str, tuple[str, str, int]] = {}
    for c in checkins:
        if kinds is not None and c["kind"] not in kinds:
            continue
        value = checkin_score(c["stage"], c["answers"]) if c["stage"] in content.stage_keys() else None
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
        value = checkin_score(stage_key, c["answers"])
        if value is not None:
            out.append((c["date"], c["kind"], value))
    return out


def sessions_count(checkins: list[dict[str, Any]], pulses: list[dict[str, Any]]) -> int:
    """How many different days have a saved check-in or pulse."""
    return len({c["date"] for c in checkins} | {p["date"] for p in pulses})
