"""Session plans: agendas per stage and format, their timing, and the weekend schedule."""

from __future__ import annotations

import math
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


def facilitator_roles() -> dict[str, dict[str, str]]:
    """Who does what when two or three facilitators run a session: lead, support, room, step_out."""
    return content.raw("session_plans")["facilitator_roles"]


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


# Blocks that are never cut, however late the session runs: arriving and leaving safely, the
# check-in, the break (when people can step out or talk privately) and any safety step.
ALWAYS_CORE_KINDS = ("welcome", "check_in", "break", "closing")
SAFETY_WORDS = ("safety", "screening", "private time with")

CORE_LABEL = "Core"
OPTIONAL_LABEL = "Optional: can be cut if running late"


def is_core(block: dict[str, Any]) -> bool:
    """Whether a block always runs (core) or is one to cut first when a session runs late."""
    return bool(block["core"])


def cut_label(block: dict[str, Any]) -> str:
    """The words that mark a block core or optional, so the marking never rests on colour alone."""
    return CORE_LABEL if is_core(block) else OPTIONAL_LABEL


def must_be_core(block: dict[str, Any]) -> bool:
    """A block that is safety-critical, and so may never be marked optional."""
    title = block["title"].lower()
    return block["kind"] in ALWAYS_CORE_KINDS or any(word in title for word in SAFETY_WORDS)


def core_minutes(blocks: list[dict[str, Any]]) -> int:
    """How long the session lasts with its core blocks only."""
    return sum(b["minutes"] for b in blocks if is_core(b))


def spare_minutes(length: int) -> int:
    """How many minutes of optional blocks an agenda needs, to absorb a late start or a long debrief."""
    return math.ceil(length / 10)


def can_cut(blocks: list[dict[str, Any]], after: int) -> list[dict[str, Any]]:
    """The optional blocks still ahead of block ``after``: the ones to cut if the session is running late."""
    return [b for b in blocks[after + 1:] if not is_core(b)]


def core_problems() -> list[str]:
    """Agendas that would not fit with their core blocks only, leave too little to cut, or mark a
    safety-critical block optional."""
    problems = []
    for s in content.stages():
        for fmt in FORMATS:
            blocks, length = agenda(s.key, fmt), expected_minutes(s.key, fmt)
            core, spare = core_minutes(blocks), spare_minutes(length)
            if core > length - spare:
                problems.append(f"{s.key} {fmt}: core blocks take {core} of {length} minutes; "
                                f"at least {spare} minutes should be optional")
            for b in blocks:
                if must_be_core(b) and not is_core(b):
                    problems.append(f"{s.key} {fmt}: '{b['title']}' is safety-critical and must be core")
            if not any(is_core(b) and b["kind"] in ("private_practice", "pair_practice") for b in blocks):
                problems.append(f"{s.key} {fmt}: no practice block is core, so a cut session loses the stage's work")
    return problems


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
