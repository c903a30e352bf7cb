"""A course evaluation from the summaries participants shared: pure figures, no widgets, no files.

What it counts: how many took part and how many completed (took the final check-in); for each
stage and for the trust pulse, the group's mean change from the baseline check-in to the final
one with its standard deviation; and the share of people whose pulse rose, stayed about the
same or fell.

Fairness across roles: check-in statements can be worded for each role, so a whole-group mean
of a stage uses only the statements every role reads in the same words (the "shared" score).
A mean over all of a stage's statements is given per role, for roles the group allows.

The small-group rule: an average, a spread or a percentage is shown only when it is made from
at least ``MIN_GROUP`` people, in the whole group and in every subgroup. Fewer than that, and
the figure is replaced by a plain "fewer than three: not shown". Duplicates never reach here:
:func:`summary.load_many` counts one person once.

These figures are a group's own report of change. They cannot show that the course caused
the change, and they are not research.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trust_workshop import content
from trust_workshop.model import role_wording
from trust_workshop.model.summary import MIN_GROUP

SAME_BAND = 10  # a pulse that moved by less than this many points (up or down) stayed "about the same"
HIDDEN = "fewer than three: not shown"
NO_SHARED = "worded per role: see the roles"
PROTECTS = "not shown (protects the others)"
ROLE_NOT_CHOSEN = "none"  # the role key of people who did not choose a role


@dataclass(frozen=True)
class Change:
    """The group's change on one measure, baseline to final (0-100 points)."""

    key: str                  # a stage key, or "pulse"
    title: str
    people: int               # how many have both a baseline and a final value
    mean: float | None        # None when hidden or not measurable
    sd: float | None
    note: str = ""            # why a figure is missing, in words

    @property
    def shown(self) -> bool:
        return self.mean is not None


@dataclass(frozen=True)
class RoleGroup:
    """One role's changes over all of each stage's statements (roles with enough people only)."""

    role: str
    label: str
    people: int
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Evaluation:
    took_part: int
    completed: int
    older_files: int                            # version 1 summaries: no course details in them
    sessions: tuple[tuple[str, str, int], ...]  # (stage key, title, how many did that session)
    stages: tuple[Change, ...]                  # whole group, statements shared by every role
    pulse: Change
    moves: dict[str, int] | None                # percent whose pulse rose / same / fell; None when hidden
    moves_people: int
    roles: tuple[RoleGroup, ...]                # roles with at least MIN_GROUP people
    roles_hidden: bool                          # some role had fewer than MIN_GROUP people
    note: str

    @property
    def enough(self) -> bool:
        """Whether the group as a whole is big enough for any average or percentage."""
        return self.took_part >= MIN_GROUP


def change(key: str, title: str, pairs: Sequence[tuple[int, int]], note: str = "") -> Change:
    """Mean change and sample standard deviation of (baseline, final) pairs, if enough people."""
    diffs = [final - base for base, final in pairs]
    if note:
        return Change(key, title, len(diffs), None, None, note)
    if len(diffs) < MIN_GROUP:
        return Change(key, title, len(diffs), None, None, HIDDEN)
    return Change(key, title, len(diffs), round(statistics.fmean(diffs), 1), round(statistics.stdev(diffs), 1))


def percentages(counts: Mapping[str, int]) -> dict[str, int]:
    """Whole percentages that add up to 100 (largest remainders get the spare points)."""
    total = sum(counts.values())
    exact = {k: 100 * v / total for k, v in counts.items()}
    out = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - out[k], reverse=True)[:100 - sum(out.values())]:
        out[k] += 1
    return out


def pulse_move(base: int, final: int) -> str:
    """'rose', 'same' or 'fell': within SAME_BAND points either way is the same."""
    diff = final - base
    return "rose" if diff >= SAME_BAND else "fell" if diff <= -SAME_BAND else "same"


def _values(people: Sequence[Mapping[str, Any]], part: str, key: str | None) -> dict[int, tuple[int, int]]:
    """(baseline, final) by person (their place in ``people``) for everyone with both: a stage's
    ``part`` score ("shared" or "stages"), or the pulse when ``key`` is None."""
    out = {}
    for i, s in enumerate(people):
        if key is None:
            base, final = s["baseline"]["pulse"], s["final"]["pulse"]
        else:
            base, final = s["baseline"][part].get(key), s["final"][part].get(key)
        if base is not None and final is not None:
            out[i] = (base, final)
    return out


def _role_of(summary: Mapping[str, Any]) -> str:
    return summary.get("role") or ROLE_NOT_CHOSEN


def role_label(key: str) -> str:
    return "Role not chosen" if key == ROLE_NOT_CHOSEN else content.role(key).label


def _role_rows(whole: dict[int, tuple[int, int]] | None, by_role: dict[str, dict[int, tuple[int, int]]],
               key: str, title: str) -> dict[str, Change]:
    """One measure's change for each role, with the small-group rule on each role and on what is left.

    A role's mean is shown only from MIN_GROUP people. And when the whole group's mean of the
    same measure is shown, the people it covers beyond the roles shown must also be none or
    at least MIN_GROUP: otherwise subtracting the role means from it would give away one
    person's change. The smallest role is hidden until that holds.
    """
    shown = {r: v for r, v in by_role.items() if len(v) >= MIN_GROUP}
    while whole is not None and shown:
        rest = set(whole) - set().union(*(set(v) for v in shown.values()))
        if not 0 < len(rest) < MIN_GROUP:
            break
        del shown[min(shown, key=lambda r: (len(shown[r]), r))]
    return {r: change(key, title, list(v.values()), "" if r in shown else PROTECTS if len(v) >= MIN_GROUP else HIDDEN)
            for r, v in by_role.items()}


def evaluate(summaries: Sequence[Mapping[str, Any]]) -> Evaluation:
    """The course evaluation of loaded summaries (one per person: load them with ``load_many``)."""
    took_part = len(summaries)
    course = [s for s in summaries if s.get("version", 1) >= 2]
    small = took_part < MIN_GROUP
    hide = HIDDEN if small else ""
    stages = tuple(
        change(st.key, st.title, list(_values(course, "shared", st.key).values()),
               hide or ("" if role_wording.shared_items(st.key, short=True) else NO_SHARED))
        for st in content.stages())
    pulse_values = _values(course, "", None)
    pulse = change("pulse", "Trust pulse", list(pulse_values.values()), hide)
    moves = None
    if pulse.shown:
        counts = dict.fromkeys(("rose", "same", "fell"), 0)
        for base, final in pulse_values.values():
            counts[pulse_move(base, final)] += 1
        moves = percentages(counts)
    members: dict[str, set[int]] = {}
    for i, s in enumerate(course):
        members.setdefault(_role_of(s), set()).add(i)
    big = [r for r in (*content.ROLE_KEYS, ROLE_NOT_CHOSEN) if len(members.get(r, ())) >= MIN_GROUP and not small]
    rows: dict[str, list[Change]] = {r: [] for r in big}
    measures = [(st.key, st.title, "stages", stage) for st, stage in zip(content.stages(), stages, strict=True)]
    for key, title, part, whole in [*measures, ("pulse", "Trust pulse", "", pulse)]:
        values = _values(course, part, None if key == "pulse" else key)
        # The whole-group figure of a stage is over its shared baseline statements; where those are all
        # of the stage's scored baseline statements, or for the pulse, it is the same measure as the role figures.
        same_measure = key == "pulse" or len(role_wording.shared_items(key, short=True)) == len(
            [it for it in content.baseline_items(key) if it.scored])
        whole_set = (pulse_values if key == "pulse" else _values(course, "shared", key)) if whole.shown else None
        by_role = {r: {i: v for i, v in values.items() if i in members[r]} for r in big}
        for r, ch in _role_rows(whole_set if same_measure else None, by_role, key, title).items():
            rows[r].append(ch)
    roles = tuple(RoleGroup(r, role_label(r), len(members[r]), tuple(rows[r])) for r in big)
    if small:
        note = (f"{took_part} {'person' if took_part == 1 else 'people'} shared a summary. Averages and "
                f"percentages appear from {MIN_GROUP} people upwards, so that nobody's answers can be worked out.")
    else:
        note = (f"A figure is shown only where at least {MIN_GROUP} people have both a baseline and a final "
                "answer; otherwise it says 'fewer than three: not shown'.")
    return Evaluation(
        took_part=took_part,
        completed=sum(1 for s in course if s["course"]["final_checkin"]),
        older_files=took_part - len(course),
        sessions=tuple((st.key, st.title, sum(1 for s in course if st.key in s["course"]["sessions"]))
                       for st in content.stages()),
        stages=stages,
        pulse=pulse,
        moves=moves,
        moves_people=len(pulse_values),
        roles=roles,
        roles_hidden=any(0 < len(m) < MIN_GROUP for m in members.values()) or (small and bool(members)),
        note=note,
    )
