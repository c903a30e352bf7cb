"""Scoring: 1-5 answers become 0-100 scores, read as areas to focus on, never as labels.

A score is the mean of the answers after reverse-keyed items are flipped, rescaled so
that 1 everywhere gives 0 and 5 everywhere gives 100. The bands below are a plain-language
reading of a participant's own answers. They are not research cut-offs and are never
presented as clinical.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trust_workshop.content import Item

LOW, HIGH = 1, 5


def keyed(answer: int, reverse: bool) -> int:
    """The answer with its key applied: on a reverse-keyed item, 1 counts as 5."""
    if not isinstance(answer, int) or isinstance(answer, bool) or not LOW <= answer <= HIGH:
        raise ValueError(f"An answer must be a whole number from {LOW} to {HIGH}, not {answer!r}.")
    return LOW + HIGH - answer if reverse else answer


def scored(items: Iterable[Item]) -> tuple[Item, ...]:
    """The items that count towards a score: warning signs (fear, no real choice) never do."""
    return tuple(it for it in items if it.scored)


def score(items: Iterable[Item], answers: Mapping[str, int]) -> int | None:
    """A 0-100 score for the scored items of a set, or None until each of them has an answer.

    Warning-sign items are left out, so fear never shows as "an area to focus on". An item
    whose wording changed is read from its earlier id in records saved before the change.
    """
    items = scored(items)
    values = [it.answer(answers) for it in items]
    if not items or any(v is None for v in values):
        return None
    total = sum(keyed(v, it.reverse) - LOW for it, v in zip(items, values, strict=True))
    return round(100 * total / ((HIGH - LOW) * len(items)))


def answered(items: Iterable[Item], answers: Mapping[str, int]) -> int:
    """How many of the scored items have an answer."""
    return sum(1 for it in scored(items) if it.answer(answers) is not None)


@dataclass(frozen=True)
class Reading:
    """How a score is put into words."""

    band: str
    phrase: str
    detail: str


READINGS = (
    Reading(
        band="focus",
        phrase="an area to focus on",
        detail="This part of rebuilding trust may need the most care and time right now.",
    ),
    Reading(
        band="growing",
        phrase="an area that is growing",
        detail="Some of this is in place, and some is still being built.",
    ),
    Reading(
        band="steady",
        phrase="an area that feels steadier",
        detail="Your answers suggest this part feels more solid at the moment.",
    ),
)

SCORE_NOTE = (
    "Scores are a rough reading of your own answers today, for reflection only. "
    "They are not a grade, a diagnosis or a prediction, and they will move up and down."
)


def reading(value: int | None) -> Reading | None:
    """The plain-language reading of a 0-100 score."""
    if value is None:
        return None
    if not 0 <= value <= 100:
        raise ValueError(f"A score runs from 0 to 100, not {value!r}.")
    if value < 40:
        return READINGS[0]
    if value < 70:
        return READINGS[1]
    return READINGS[2]


def describe(value: int | None) -> str:
    """One sentence for a score, e.g. 'Score 35 of 100: an area to focus on.'"""
    r = reading(value)
    if r is None:
        return "Not enough answers yet for a score."
    return f"Score {value} of 100: {r.phrase}."
