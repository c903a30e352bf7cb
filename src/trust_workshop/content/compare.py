"""The words of "Compare our answers" (``compare.yaml``): the panel's texts, and one
conversation starter per stage and for the pulse, each filled with the context's words."""

from __future__ import annotations

from trust_workshop.content.loader import _fill, context, raw, stage_keys

PULSE = "pulse"
GENERAL = "general"


def text(name: str, context_key: str | None = None) -> str:
    """One of the panel's texts (``title``, ``intro``, ``safety`` ...), in the context's words."""
    return _fill(raw("compare")["texts"][name], context(context_key))


def starters(group: str, context_key: str | None = None) -> tuple[str, ...]:
    """The conversation starters for a stage's statements, for the pulse (``"pulse"``), or the
    general ones (``"general"``) used when a group's own are used up."""
    return tuple(_fill(text, context(context_key)) for text in raw("compare")["starters"][group])


def problems() -> list[str]:
    """Cross-file checks: starters for every stage, the pulse and in general, and no others."""
    have = set(raw("compare")["starters"])
    wanted = {*stage_keys(), PULSE, GENERAL}
    found = []
    if have != wanted:
        found.append(f"compare.yaml: starters should cover {sorted(wanted)}; missing {sorted(wanted - have)}, "
                     f"unknown {sorted(have - wanted)}")
    return found
