"""Which check-in statements read the same whichever role a participant chose.

Check-in statements can be worded for the one who broke trust, the one who was hurt, or
both. A group mean mixes people of every role, so it is only fair over the statements every
role saw in the same words; a stage score over just those statements is its "shared" score.
For the baseline and final check-ins it is over those among the stage's baseline statements.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from trust_workshop import content
from trust_workshop.content import Item
from trust_workshop.model.progress import SHORT_KINDS
from trust_workshop.model.scoring import score, scored


@cache
def shared_items(stage_key: str, short: bool = False) -> tuple[Item, ...]:
    """The scored statements of a stage that every role reads in the same words; with ``short``,
    only those among its baseline statements (what the baseline and final check-ins ask)."""
    worded = [{it.id: it.text for it in content.checkin_items(stage_key, role.key)} for role in content.roles()]
    items = content.baseline_items(stage_key) if short else content.checkin_items(stage_key)
    return tuple(it for it in scored(items) if len({texts[it.id] for texts in worded}) == 1)


def shared_score(stage_key: str, answers: Mapping[str, int], short: bool = False) -> int | None:
    """The 0-100 score over a stage's shared statements (None if it has none, or one is unanswered)."""
    items = shared_items(stage_key, short)
    return score(items, answers) if items else None


def shared_scores(checkins: list[dict[str, Any]], kind: str) -> dict[str, int]:
    """For each stage, the shared score of its latest check-in of one kind (``baseline``, ``final``)."""
    latest: dict[str, tuple[str, str, int]] = {}
    for c in checkins:
        if c.get("kind") != kind or c.get("stage") not in content.stage_keys():
            continue
        value = shared_score(c["stage"], c.get("answers") or {}, kind in SHORT_KINDS)
        if value is None:
            continue
        when = (str(c.get("date", "")), str(c.get("updated", "")))
        if c["stage"] not in latest or when >= latest[c["stage"]][:2]:
            latest[c["stage"]] = (*when, value)
    return {key: latest[key][2] for key in content.stage_keys() if key in latest}
