"""The cast (``cast.yaml``): the only people named in participant-facing examples.

One pair per context, each with what happened and who was hurt. Examples in the notebooks,
handouts and exercise data use these people and keep to these facts; a test checks that no
other name creeps in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from trust_workshop.content.loader import CONTEXT_KEYS, raw


@dataclass(frozen=True)
class Person:
    name: str | None  # None for someone never named (Jordan's dad)
    called: str  # how examples refer to them: the name, or a role such as "his dad"
    pronouns: str
    age: str
    context: str
    role: str  # "hurt" or "broke"
    relationship: str


@dataclass(frozen=True)
class Pair:
    context: str
    what_happened: str
    people: tuple[Person, ...]

    def person(self, role: str) -> Person:
        """The one in this pair who was hurt (``"hurt"``) or who broke trust (``"broke"``)."""
        return next(p for p in self.people if p.role == role)


@cache
def cast() -> tuple[Pair, ...]:
    """The four pairs, one per context, in the data's order."""
    return tuple(
        Pair(context=pair["context"], what_happened=pair["what_happened"],
             people=tuple(Person(name=p["name"], called=p.get("called") or p["name"], pronouns=p["pronouns"],
                                 age=p["age"], context=pair["context"], role=p["role"],
                                 relationship=p["relationship"])
                          for p in pair["people"]))
        for pair in raw("cast")["pairs"])


def pair(context_key: str | None) -> Pair:
    """The pair for one context; ``None`` gives the couple, the main case."""
    key = context_key or "couple"
    for found in cast():
        if found.context == key:
            return found
    raise KeyError(f"No cast pair for the context {key!r}.")


def names() -> frozenset[str]:
    """Every name in the cast (Jordan's dad has none)."""
    return frozenset(p.name for found in cast() for p in found.people if p.name)


def problems() -> list[str]:
    """Cross-file checks: one pair per context, each with one person hurt and one who broke trust."""
    found = []
    contexts = [p.context for p in cast()]
    if sorted(contexts) != sorted(CONTEXT_KEYS):
        found.append(f"cast.yaml: one pair per context {CONTEXT_KEYS}, found {contexts}")
    for p in cast():
        if sorted(person.role for person in p.people) != ["broke", "hurt"]:
            found.append(f"cast.yaml: the {p.context} pair needs one person hurt and one who broke trust")
    if len(names()) != sum(1 for p in cast() for person in p.people if person.name):
        found.append("cast.yaml: two people share a name")
    return found
