"""The words of "Compare our answers" (``compare.yaml``): the panel's texts, and one
conversation starter per stage and for the pulse, each filled with the context's words."""

from __future__ import annotations

from trust_workshop.content.loader import _fill, context, raw, stage_keys

PULSE = "pulse"


def text(name: str, context_key: str | None = None) -> str:
    """One of the panel's texts (``title``, ``intro``, ``safety`` ...), in the context's words."""
    return _fill(raw("compare")["texts"][name], context(context_key))


def starter(group: str, context_key: str | None = None) -> str:
    """The conversation starter for a stage's statements, or for the pulse (``"pulse"``)."""
    return _fill(raw("compare")["starters"][group], context(context_key))


def problems() -> list[str]:
    """Cross-file checks: a starter for every stage and the pulse, and no other."""
    have = set(raw("compare")["starters"])
    wanted = {*stage_keys(), PULSE}
    found = []
    if have != wanted:
        found.append(f"compare.yaml: starters should cover {sorted(wanted)}; missing {sorted(wanted - have)}, "
                     f"unknown {sorted(have - wanted)}")
    return found
