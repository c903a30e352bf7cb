"""Ideas this draws on (``sources.yaml``): the models and research lines the workshop puts
into everyday words, with what each contributes and the stages that use it. Written once here,
shown by ``ideas_this_draws_on()`` in notebook 09 and in the facilitator guide."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from trust_workshop.content.loader import raw, stage_keys


@dataclass(frozen=True)
class Source:
    key: str
    name: str
    people: tuple[str, ...]
    credits: tuple[str, ...]
    works: tuple[str, ...]
    parts: tuple[str, ...]
    contributes: str
    stages: tuple[str, ...]


@cache
def sources() -> tuple[Source, ...]:
    """Every model or research line, in the data's order."""
    return tuple(Source(key=s["key"], name=s["name"], people=tuple(s["people"]),
                        credits=tuple(s.get("credits", ())), works=tuple(s.get("works", ())),
                        parts=tuple(s["parts"]), contributes=s["contributes"], stages=tuple(s["stages"]))
                 for s in raw("sources")["sources"])


def people() -> frozenset[str]:
    """Every full name the data gives ("Sue Johnson"): the researchers, and others credited for an idea."""
    return frozenset(p for s in sources() for p in (*s.people, *s.credits))


def words() -> tuple[str, ...]:
    """The names of models, works, parts and researchers' surnames: words that may be
    capitalised in the middle of a sentence without naming anyone in an example."""
    return tuple({s.name for s in sources()} | {w for s in sources() for w in (*s.works, *s.parts)}
                 | {p.split()[-1] for p in people()})


def problems() -> list[str]:
    """Cross-file checks: unique keys, and stage keys that exist."""
    found = []
    keys = [s.key for s in sources()]
    if len(set(keys)) != len(keys):
        found.append("sources.yaml: two sources share a key")
    for s in sources():
        unknown = set(s.stages) - set(stage_keys())
        if unknown:
            found.append(f"sources.yaml: {s.key} names unknown stages {sorted(unknown)}")
    return found
