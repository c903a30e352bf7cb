"""The safety data: the private safety check, its responses, and crisis resources by region and need.

Two data files: ``safety.yaml`` (the check's statements and what it says back) and
``crisis_resources.yaml`` (helplines by region and by need, each with the page its number
was checked against and the date). This module gives typed views of both; the model
decides what fits a set of answers, and the views draw it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from trust_workshop.content.loader import ROLE_KEYS, _fill_deep, context, contexts, raw

ELSEWHERE = "elsewhere"  # the region choice for anywhere without a list of its own
EMERGENCY = "emergency"


@dataclass(frozen=True)
class Need:
    key: str
    label: str
    only_when_asked: bool = False  # left out of the help every page shows; shown when a response asks


@dataclass(frozen=True)
class Resource:
    """One service: which needs it serves, how to reach it, and where its number was checked."""

    region: str
    needs: tuple[str, ...]
    name: str
    contact: str
    text: str = ""
    notes: str = ""
    web: str = ""
    source: str = ""
    checked: str = ""


@dataclass(frozen=True)
class Region:
    key: str
    label: str
    resources: tuple[Resource, ...]

    def for_need(self, need: str) -> tuple[Resource, ...]:
        """This region's services for one need, in the file's order."""
        return tuple(r for r in self.resources if need in r.needs)


@dataclass(frozen=True)
class Directory:
    """The international directory of helplines, for everywhere without a list here."""

    name: str
    web: str
    notes: str
    source: str
    checked: str


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    responses: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    key: str
    heading: str
    intro: str
    roles: tuple[str, ...]  # empty: everyone
    questions: tuple[Question, ...]

    def for_role(self, role_key: str | None) -> bool:
        """Whether this part is asked of a role; someone who has not chosen one is asked everything."""
        return not self.roles or role_key is None or role_key in self.roles


@dataclass(frozen=True)
class Response:
    key: str
    heading: str
    text: str
    steps: tuple[str, ...]
    needs: tuple[str, ...]


# --- crisis resources -----------------------------------------------------------------------


def resources_data() -> dict:
    """The raw crisis-resources file (intro, notes, the date it was written)."""
    return raw("crisis_resources")


@cache
def needs() -> tuple[Need, ...]:
    """The kinds of help, in the order they are shown."""
    return tuple(Need(n["key"], n["label"], n.get("only_when_asked", False)) for n in raw("crisis_resources")["needs"])


def need_keys() -> tuple[str, ...]:
    return tuple(n.key for n in needs())


def listed_need_keys() -> tuple[str, ...]:
    """The needs the help on every page lists: all but those shown only when a response asks for them."""
    return tuple(n.key for n in needs() if not n.only_when_asked)


def need(key: str) -> Need:
    for n in needs():
        if n.key == key:
            return n
    raise KeyError(f"No need called {key!r}.")


@cache
def regions() -> tuple[Region, ...]:
    """Every region with its own list, in the file's order."""
    out = []
    for r in raw("crisis_resources")["regions"]:
        res = tuple(Resource(region=r["key"], needs=tuple(x["needs"]), name=x["name"], contact=x["contact"],
                             text=x.get("text", ""), notes=x.get("notes", ""), web=x.get("web", ""),
                             source=x["source"], checked=x["checked"]) for x in r["resources"])
        out.append(Region(r["key"], r["label"], res))
    return tuple(out)


def region(key: str | None) -> Region | None:
    """A region by key; None for no choice, 'elsewhere', or a key this file does not know."""
    for r in regions():
        if r.key == key:
            return r
    return None


def region_keys() -> tuple[str, ...]:
    return tuple(r.key for r in regions())


def international() -> Directory:
    d = raw("crisis_resources")["international"]
    return Directory(d["name"], d["web"], d["notes"], d["source"], d["checked"])


# --- the safety check -------------------------------------------------------------------------


def _check(context_key: str | None) -> dict:
    return _fill_deep(raw("safety"), context(context_key))


def check_text(context_key: str | None = None) -> dict:
    """The check's words (title, intro, buttons, messages), filled for the context."""
    return {k: v for k, v in _check(context_key).items() if isinstance(v, str)}


def parts(context_key: str | None = None, role_key: str | None = None) -> tuple[Part, ...]:
    """The parts of the check asked of this role (all of them when no role is chosen)."""
    out = []
    for p in _check(context_key)["parts"]:
        part = Part(p["key"], p["heading"], p.get("intro", ""), tuple(p.get("roles", ())),
                    tuple(Question(q["id"], q["label"], tuple(q["responses"])) for q in p["questions"]))
        if part.for_role(role_key):
            out.append(part)
    return tuple(out)


def questions(context_key: str | None = None) -> tuple[Question, ...]:
    """Every statement on the check, whatever the role."""
    return tuple(q for p in parts(context_key) for q in p.questions)


def responses(context_key: str | None = None) -> tuple[Response, ...]:
    """Every response, most urgent first, in the words and with the help that fit the context:
    a response's ``in_context`` entry for this context replaces what it names (the danger
    response in a team points to help at work, not to a domestic-abuse service)."""
    out = []
    for r in _check(context_key)["responses"]:
        r = {**r, **r.get("in_context", {}).get(context(context_key).key if context_key else "", {})}
        out.append(Response(r["key"], r["heading"], r["text"], tuple(r["steps"]), tuple(r["needs"])))
    return tuple(out)


# --- cross-checks -----------------------------------------------------------------------------


def problems() -> list[str]:
    """What is wrong across the two files (run by content.validate_all)."""
    found = []
    need_keys = [n.key for n in needs()]
    if EMERGENCY not in need_keys:
        found.append("crisis_resources.yaml has no 'emergency' need")
    if len(set(need_keys)) != len(need_keys):
        found.append("crisis_resources.yaml repeats a need")
    keys = region_keys()
    if len(set(keys)) != len(keys) or ELSEWHERE in keys:
        found.append(f"region keys must be unique and not {ELSEWHERE!r}")
    for r in regions():
        if not r.for_need(EMERGENCY):
            found.append(f"region {r.key} has no emergency number")
        for res in r.resources:
            unknown = set(res.needs) - set(need_keys)
            if unknown:
                found.append(f"{r.key}: {res.name} serves unknown needs {sorted(unknown)}")
    response_keys = [r.key for r in responses()]
    context_keys = [c.key for c in contexts()]
    for r in raw("safety")["responses"]:
        for key in set(r.get("in_context", {})) - set(context_keys):
            found.append(f"safety response {r['key']} has words for an unknown context {key!r}")
    for context_key in [None, *context_keys]:
        for r in responses(context_key):
            unknown = set(r.needs) - set(need_keys)
            if unknown:
                found.append(f"safety response {r.key} names unknown needs {sorted(unknown)}")
    ids = [q.id for q in questions()]
    if len(set(ids)) != len(ids):
        found.append("the safety check repeats a statement id")
    for q in questions():
        unknown = set(q.responses) - set(response_keys)
        if unknown:
            found.append(f"safety statement {q.id} leads to unknown responses {sorted(unknown)}")
    for role_key in ROLE_KEYS:
        if not parts(None, role_key):
            found.append(f"the safety check asks the role {role_key} nothing")
    return found
