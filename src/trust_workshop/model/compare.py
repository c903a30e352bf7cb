"""Comparing two people's answers, item by item, only when both have agreed.

Both sides are share cards (:mod:`sharecard`): one uploaded, or made in memory from a journal
opened on this computer. Statements are matched by their id, because each role (and context)
reads them in its own words; each person's own wording is kept. For every statement both
answered, the comparison says whether the two answers are alike (the same, or one step apart)
or two or more steps apart, and offers a conversation starter for the three biggest
differences. It never adds anything up: there is no total, no percentage, no score of the
relationship, and no side is marked as right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trust_workshop import content
from trust_workshop.content import compare as words
from trust_workshop.model.sharecard import PULSE, items_for

APART = 2        # answers this many steps apart, or more, are a difference to talk about
TALK_ABOUT = 3   # how many of the biggest differences get a conversation starter


class ConsentMissing(PermissionError):
    """A comparison was asked for before both people agreed; ``str(err)`` says who has not yet."""


@dataclass(frozen=True)
class Row:
    """One statement both people answered."""

    group: str                  # a stage key, or "pulse"
    group_title: str
    item_id: str
    words: tuple[str, str]      # each person's own wording of the statement
    answers: tuple[int, int]    # each person's 1-5 answer

    @property
    def gap(self) -> int:
        return abs(self.answers[0] - self.answers[1])

    @property
    def alike(self) -> bool:
        return self.gap < APART


@dataclass(frozen=True)
class Starter:
    row: Row
    text: str


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, str]
    rows: tuple[Row, ...]
    dates: dict[str, tuple[str, str]]   # group -> the day each person answered it ("" if not)
    talk_about: tuple[Starter, ...]

    @property
    def alike(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.alike)

    @property
    def apart(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.alike)


def groups(stage_key: str | None = None) -> tuple[str, ...]:
    """What is compared: one stage's statements, or every stage's and the pulse."""
    if stage_key is not None:
        content.stage(stage_key)  # a clear KeyError for a stage that does not exist
        return (stage_key,)
    return (*content.stage_keys(), PULSE)


def _title(group: str) -> str:
    return "Trust pulse" if group == PULSE else content.stage(group).title


def _record(card: Mapping[str, Any], group: str) -> Mapping[str, Any]:
    found = card.get(PULSE) if group == PULSE else card.get("checkins", {}).get(group)
    return found if isinstance(found, Mapping) else {"date": "", "answers": {}}


def _starters(rows: list[Row], context_key: str | None) -> tuple[Starter, ...]:
    """A starter for each row: its group's own in turn, then the general ones, never one twice."""
    general = list(words.starters(words.GENERAL, context_key))
    own: dict[str, list[str]] = {}
    found = []
    for row in rows:
        pool = own.setdefault(row.group, list(words.starters(row.group, context_key)))
        text = pool.pop(0) if pool else general.pop(0) if general else ""
        if text:
            found.append(Starter(row, text))
    return tuple(found)


def compare(first: Mapping[str, Any], second: Mapping[str, Any], *, first_agrees: bool, second_agrees: bool,
            stage_key: str | None = None) -> Comparison:
    """Put two cards side by side. Refused (ConsentMissing) unless both people have agreed:
    each ticked it in their own turn, and a card carries its owner's agreement."""
    missing = [card.get("name") or "the other person" for card, agrees in ((first, first_agrees),
                                                                          (second, second_agrees))
               if agrees is not True or card.get("consent") is not True]
    if missing:
        raise ConsentMissing(f"Both people need to agree before anything is compared. Still to agree: "
                             f"{' and '.join(missing)}. Nothing was shown.")
    rows, dates = [], {}
    for group in groups(stage_key):
        records = (_record(first, group), _record(second, group))
        wordings = [{it.id: it.text for it in items_for(group, card.get("role"), card.get("context"))}
                    for card in (first, second)]
        dates[group] = (records[0].get("date", ""), records[1].get("date", ""))
        for item_id, mine in wordings[0].items():
            a, b = records[0]["answers"].get(item_id), records[1]["answers"].get(item_id)
            if isinstance(a, int) and isinstance(b, int) and item_id in wordings[1]:
                rows.append(Row(group, _title(group), item_id, (mine, wordings[1][item_id]), (a, b)))
    order = {id(r): i for i, r in enumerate(rows)}
    biggest = sorted((r for r in rows if not r.alike), key=lambda r: (-r.gap, order[id(r)]))[:TALK_ABOUT]
    starters = _starters(biggest, first.get("context") or second.get("context"))
    names = (str(first.get("name", "")), str(second.get("name", "")))
    return Comparison(names, tuple(rows), dates, starters)
