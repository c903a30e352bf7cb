"""Session plans: agendas per stage and format, their timing, and the weekend schedule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trust_workshop import content

FORMATS = ("weekly", "single", "intensive")


def formats() -> dict[str, Any]:
    return content.raw("session_plans")["formats"]


def format_name(fmt: str) -> str:
    """A format's full name, as printed on session plans ('Weekly group course')."""
    return formats()[fmt]["label"]


def format_button(fmt: str) -> str:
    """A format's short label, as on the session-plan notebook's buttons ('Weekly group (90 min)')."""
    return formats()[fmt]["button"]


def block_kind(kind: str) -> str:
    """What an agenda block's kind is called ('pair_practice' is 'Practice in pairs')."""
    return content.raw("session_plans")["block_kinds"][kind]


def plan(stage_key: str) -> dict[str, Any]:
    """The whole plan for one stage."""
    return content.raw("session_plans")["plans"][content.stage(stage_key).key]


def agenda(stage_key: str, fmt: str) -> list[dict[str, Any]]:
    if fmt not in FORMATS:
        raise KeyError(f"No format called {fmt!r}; the formats are {', '.join(FORMATS)}.")
    return plan(stage_key)["agenda"][fmt]


@dataclass(frozen=True)
class Slot:
    day: int
    starts: str
    stages: tuple[str, ...]


def intensive_schedule() -> list[Slot]:
    """The weekend: each day's blocks and the stages each covers."""
    days = formats()["intensive"]["days"]
    return [Slot(d["day"], b["starts"], tuple(b["stages"])) for d in days for b in d["blocks"]]


def expected_minutes(stage_key: str, fmt: str) -> int:
    """How long a stage's agenda must last in a format."""
    if fmt == "intensive":
        block = formats()["intensive"]["block_minutes"]
        for slot in intensive_schedule():
            if stage_key in slot.stages:
                return block // len(slot.stages)
        raise KeyError(f"Stage {stage_key} has no block in the weekend schedule.")
    return formats()[fmt]["minutes"]


def minutes(blocks: list[dict[str, Any]]) -> int:
    return sum(b["minutes"] for b in blocks)


def start_offsets(blocks: list[dict[str, Any]]) -> list[int]:
    """Minutes from the start of the session at which each block begins."""
    out, t = [], 0
    for b in blocks:
        out.append(t)
        t += b["minutes"]
    return out


def timing_problems() -> list[str]:
    """Every agenda whose blocks do not add up to its format's length, and schedule gaps."""
    problems = []
    for s in content.stages():
        for fmt in FORMATS:
            want, got = expected_minutes(s.key, fmt), minutes(agenda(s.key, fmt))
            if want != got:
                problems.append(f"{s.key} {fmt}: blocks add up to {got} minutes, not {want}")
    covered = [k for slot in intensive_schedule() for k in slot.stages]
    if sorted(covered) != sorted(content.stage_keys()):
        problems.append(f"the weekend schedule should cover every stage once, it covers {covered}")
    block = formats()["intensive"]["block_minutes"]
    for slot in intensive_schedule():
        if block % len(slot.stages):
            problems.append(f"a {block}-minute block cannot be shared evenly by {slot.stages}")
    return problems
