"""Every participant-facing text that gets a context's words ({other}, {others}, {us}, {ritual}),
filled as a participant of one context and role reads it: check-in statements, the trust pulse,
reflection and homework prompts, exercises, the safety check, and the comparison's words.

It is for reading the sentences as people meet them, so a sentence that reads oddly in one
context ("I usually know what to expect from my family member.") is found and reworded. Run

    python -m trust_workshop.content.filled > filled.md

to write every filled text that differs by context or role (each context's, and each role's
wording where it differs) into one file, and read it; the content layer writes no files itself.
The tests check that no filled text keeps a ``{placeholder}``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from typing import Any

from trust_workshop.content import compare as compare_words
from trust_workshop.content import loader
from trust_workshop.content import safety as cs

# Placeholders that are filled later from what a participant typed, not from the context.
TYPED = {"exercise.i_statement.template": ("feeling", "situation", "need")}
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) for every string inside ``value``, however deep in its lists and dicts."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, f"{where}.{k}")


def texts(context_key: str, role_key: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every participant-facing text, filled for this context and role."""
    for st in loader.stages():
        for it in loader.checkin_items(st.key, role_key, context_key):
            yield f"checkin.{st.key}.{it.id}", it.text
        for kind in ("reflection", "homework"):
            for p in loader.prompts(st.key, kind, role_key, context_key):
                yield f"prompt.{st.key}.{kind}.{p['id']}", p["text"]
    for it in loader.pulse_items(context_key):
        yield f"pulse.{it.id}", it.text
    for key in loader.raw("exercises"):
        yield from strings(loader.exercise(key, context_key), f"exercise.{key}")
    for part in cs.parts(context_key, role_key):
        if part.intro:
            yield f"safety.{part.key}.intro", part.intro
        for q in part.questions:
            yield f"safety.{part.key}.{q.id}", q.label
    for r in cs.responses(context_key):
        yield from strings({"heading": r.heading, "text": r.text, "steps": list(r.steps)}, f"safety.response.{r.key}")
    for name in loader.raw("compare")["texts"]:
        yield f"compare.{name}", compare_words.text(name, context_key)
    for group in loader.raw("compare")["starters"]:
        for i, text in enumerate(compare_words.starters(group, context_key)):
            yield f"compare.starter.{group}[{i}]", text


def unfilled(where: str, text: str) -> list[str]:
    """The placeholders left in a filled text, other than those filled later from typed words."""
    allowed = {"{" + name + "}" for name in TYPED.get(where, ())}
    return [p for p in PLACEHOLDER.findall(text) if p not in allowed]


def report() -> str:
    """Every filled text, one block per text: each context's words (and each role's, where they differ)."""
    lines = ["# Every participant-facing text with a context's words, filled", ""]
    by_place: dict[str, dict[tuple[str, str], str]] = {}
    for ctx in loader.CONTEXT_KEYS:
        for role in loader.ROLE_KEYS:
            for where, text in texts(ctx, role):
                by_place.setdefault(where, {})[(ctx, role)] = " ".join(text.split())
    for where, filled in by_place.items():
        if len(set(filled.values())) == 1:
            continue  # the same words in every context and role: nothing to read here
        lines.append(f"## {where}")
        seen: set[str] = set()
        for (ctx, role), text in filled.items():
            if text not in seen:
                seen.add(text)
                lines.append(f"- {ctx}/{role}: {text}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
