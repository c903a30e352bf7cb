"""The loader: the one place that reads the curriculum's data files.

Every stage, check-in item, prompt, context, role, exercise wording and crisis
resource lives in ``content/data/*.yaml``. Each file has a JSON Schema beside it in
``content/schema``. Files are validated the first time they are read, so a typo
made while editing content fails loudly instead of showing a half-broken page.

Nothing in this layer imports from ``trust_workshop.model`` or ``trust_workshop.views``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import yaml

# libyaml's C loader when present: several times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_FILES = (
    "stages",
    "checkins",
    "pulse",
    "prompts",
    "contexts",
    "roles",
    "crisis_resources",
    "safety",
    "exercises",
    "session_plans",
    "labels",
    "paperwork",
    "compare",
    "cast",
    "sources",
    "glossary",
)

__all__ = [
    "CONTEXT_KEYS", "DATA_FILES", "ROLE_KEYS", "Context", "ContentError", "Item", "Role", "Stage", "baseline_count",
    "baseline_items", "checkin_items",
    "context", "contexts", "exercise", "exercise_kinds", "panel", "part_labels", "prompts", "pulse_intro",
    "pulse_items", "raw", "role", "roles", "scale_labels", "schema", "stage", "stage_keys", "stages", "validate_all",
    "validator", "warning_items", "worksheet_entries",
]

ROLE_KEYS = ("broke", "hurt", "both")
CONTEXT_KEYS = ("couple", "family", "friendship", "workplace")


class ContentError(ValueError):
    """A content data file is missing, malformed or does not match its schema."""


def _read_text(folder: str, name: str) -> str:
    return resources.files("trust_workshop.content").joinpath(folder, name).read_text(encoding="utf-8")


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema for one data file."""
    return json.loads(_read_text("schema", f"{name}.schema.json"))


@cache
def validator(name: str):
    """A compiled validator for one schema (fastjsonschema: quick to import and to run)."""
    return fastjsonschema.compile(schema(name))


@cache
def raw(name: str) -> Any:
    """One data file, parsed and validated against its schema."""
    if name not in DATA_FILES:
        raise ContentError(f"There is no content file called {name!r}.")
    try:
        data = yaml.load(_read_text("data", f"{name}.yaml"), Loader=_Loader)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as err:
        raise ContentError(f"Content file {name}.yaml could not be read: {err}") from err
    try:
        validator(name)(data)
    except fastjsonschema.JsonSchemaValueException as err:
        where = "/".join(str(p) for p in err.path[1:]) or "(top level)"
        raise ContentError(f"Content file {name}.yaml is not valid at {where}: {err.message}") from err
    return data


def validate_all() -> None:
    """Read every data file and run the cross-file checks; raise ContentError on a problem."""
    for name in DATA_FILES:
        raw(name)
    from trust_workshop.content import checks  # the checks read the data through this module

    problems = checks.problems()
    if problems:
        raise ContentError("Content problems:\n- " + "\n- ".join(problems))


# --- typed views of the data -------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    number: int
    key: str
    title: str
    short_title: str
    tagline: str
    notebook: str
    summary: str
    core_ideas: tuple[str, ...]
    draws_on: tuple[str, ...]
    worksheet: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One statement to rate 1-5. ``text`` is already worded for a role and context.

    ``warning`` marks a warning sign (fear, or no real choice): ``"agree"`` or ``"disagree"``
    is the side that signals it. A warning sign is answered with a private pointer to help,
    never counted in a score, so fear never reads as a skill to practise.
    """

    id: str
    text: str
    reverse: bool
    dimension: str | None = None
    warning: str | None = None
    earlier: tuple[str, ...] = ()  # ids of this item's older wordings, for records saved before a change
    baseline: bool = False  # asked by the baseline and final check-ins (see ``baseline_items``)

    def answer(self, answers: Mapping[str, Any]) -> Any:
        """This item's answer in a record, falling back to an older wording's answer."""
        for key in (self.id, *self.earlier):
            if answers.get(key) is not None:
                return answers[key]
        return None

    @property
    def scored(self) -> bool:
        """Whether the item counts towards a score (warning signs never do)."""
        return self.warning is None

    def worrying(self, answer: int | None) -> bool:
        """True when ``answer`` (1-5) sits on the warning side of a warning-sign item."""
        if self.warning is None or not isinstance(answer, int) or isinstance(answer, bool):
            return False
        return answer >= 4 if self.warning == "agree" else answer <= 2


@dataclass(frozen=True)
class Context:
    key: str
    label: str
    other: str
    others: str
    us: str
    checkin_ritual: str


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    description: str


@cache
def stages() -> tuple[Stage, ...]:
    """The stages, in order."""
    out = []
    for s in raw("stages")["stages"]:
        out.append(
            Stage(
                number=s["number"],
                key=s["key"],
                title=s["title"],
                short_title=s.get("short_title", s["title"]),
                tagline=s["tagline"],
                notebook=s["notebook"],
                summary=s["summary"],
                core_ideas=tuple(s["core_ideas"]),
                draws_on=tuple(s["draws_on"]),
                worksheet=tuple(s["worksheet"]),
            )
        )
    return tuple(sorted(out, key=lambda st: st.number))


def stage(key: str | int) -> Stage:
    """One stage, by key (``"uncover"``) or number (``1``)."""
    for s in stages():
        if s.key == key or s.number == key:
            return s
    known = ", ".join(s.key for s in stages())
    raise KeyError(f"No stage called {key!r}. The stages are: {known}.")


def stage_keys() -> tuple[str, ...]:
    return tuple(s.key for s in stages())


@cache
def contexts() -> tuple[Context, ...]:
    return tuple(
        Context(
            key=c["key"],
            label=c["label"],
            other=c["other"],
            others=c["others"],
            us=c["us"],
            checkin_ritual=c["checkin_ritual"],
        )
        for c in raw("contexts")["contexts"]
    )


def context(key: str | None) -> Context:
    """A context by key; ``None`` gives the couple context, the main case."""
    key = key or "couple"
    for c in contexts():
        if c.key == key:
            return c
    raise KeyError(f"No context called {key!r}.")


@cache
def roles() -> tuple[Role, ...]:
    return tuple(Role(**r) for r in raw("roles")["roles"])


def role(key: str | None) -> Role:
    key = key or "both"
    for r in roles():
        if r.key == key:
            return r
    raise KeyError(f"No role called {key!r}.")


class _KeepOthers(dict):
    """Leaves placeholders that are not context words (like an I-statement's {feeling}) as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(text: str, ctx: Context) -> str:
    """Put the context's words into a statement: {other}, {others}, {us}, {ritual}."""
    return text.format_map(_KeepOthers(other=ctx.other, others=ctx.others, us=ctx.us, ritual=ctx.checkin_ritual))


def scale_labels() -> dict[int, str]:
    """The labels of the 1-5 agreement scale."""
    return {int(k): v for k, v in raw("checkins")["scale"]["labels"].items()}


def checkin_items(stage_key: str, role_key: str | None = None, context_key: str | None = None) -> tuple[Item, ...]:
    """A stage's check-in statements, worded for the role and context."""
    stage(stage_key)  # a clear KeyError for an unknown stage
    ctx = context(context_key)
    items = []
    for it in raw("checkins")["stages"][stage_key]:
        text = it.get("roles", {}).get(role_key or "both", it["text"])
        items.append(Item(id=it["id"], text=_fill(text, ctx), reverse=it["reverse"], warning=it.get("warning"),
                          earlier=tuple(it.get("earlier", ())), baseline=it.get("baseline", False)))
    return tuple(items)


def baseline_items(stage_key: str, role_key: str | None = None, context_key: str | None = None) -> tuple[Item, ...]:
    """A stage's statements in the short check-in across all stages: the baseline (notebook 00) and
    the final check-in (notebook 08) ask only these, and are compared on only these."""
    return tuple(it for it in checkin_items(stage_key, role_key, context_key) if it.baseline)


def baseline_count() -> int:
    """How many statements the baseline (and the final check-in) asks, across all the stages."""
    return sum(len(baseline_items(s.key)) for s in stages())


def pulse_items(context_key: str | None = None) -> tuple[Item, ...]:
    """The trust pulse statements, worded for the context."""
    ctx = context(context_key)
    return tuple(
        Item(id=it["id"], text=_fill(it["text"], ctx), reverse=it["reverse"], dimension=it["dimension"],
             earlier=tuple(it.get("earlier", ())))
        for it in raw("pulse")["items"]
    )


def pulse_intro() -> str:
    return raw("pulse")["intro"]


def prompts(stage_key: str, kind: str = "reflection", role_key: str | None = None,
            context_key: str | None = None) -> tuple[dict[str, str], ...]:
    """Reflection or homework prompts for a stage that apply to the role."""
    ctx = context(context_key)
    out = []
    for p in raw("prompts")["stages"][stage(stage_key).key][kind]:
        if role_key and "roles" in p and role_key not in p["roles"]:
            continue
        out.append({"id": p["id"], "text": _fill(p["text"], ctx)})
    return tuple(out)


def exercise(key: str, context_key: str | None = None) -> dict[str, Any]:
    """Wording and options for one exercise, with the context's words filled in."""
    data = raw("exercises")
    if key not in data:
        raise KeyError(f"No exercise called {key!r}.")
    ctx = context(context_key)
    return _fill_deep(data[key], ctx)


def _fill_deep(value: Any, ctx: Context) -> Any:
    if isinstance(value, str):
        return _fill(value, ctx)
    if isinstance(value, list):
        return [_fill_deep(v, ctx) for v in value]
    if isinstance(value, dict):
        return {k: _fill_deep(v, ctx) for k, v in value.items()}
    return value


def warning_items(context_key: str | None = None) -> tuple[tuple[Stage, Item], ...]:
    """Every check-in statement that is a warning sign, with its stage, in stage order."""
    return tuple((st, it) for st in stages() for it in checkin_items(st.key, None, context_key) if it.warning)


# --- checks that span files --------------------------------------------------------------


def panel(kind: str, stage_key: str | None = None) -> dict[str, str]:
    """The title and intro (and the title of its saved answers) of a stage panel: ``checkin``,
    ``baseline_checkin``, ``final_checkin``, ``reflection`` or ``homework``."""
    texts = dict(raw("labels")["panels"][kind])
    words = {"stage": stage(stage_key).title if stage_key is not None else "",
             "stage_count": in_words(len(stages())), "statement_count": in_words(baseline_count())}
    for name in ("stage_count", "statement_count"):
        words[name[:1].upper() + name[1:]] = words[name][:1].upper() + words[name][1:]
    for name, word in words.items():
        texts = {k: v.replace("{" + name + "}", word) for k, v in texts.items()}
    return texts


_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def in_words(n: int) -> str:
    """A count from 0 to 99 in words ("twenty-two"); a larger one in digits."""
    if n < len(_NUMBERS):
        return _NUMBERS[n]
    if n < 100:
        return _TENS[n // 10] + (f"-{_NUMBERS[n % 10]}" if n % 10 else "")
    return str(n)


def part_labels(kind: str) -> dict[str, str]:
    """Labels for the parts of a saved answer of one kind, in the order they are shown."""
    return dict(raw("labels")["parts"].get(kind, {}))


def worksheet_entries(stage_key: str) -> tuple[tuple[str, str], ...]:
    """A stage's exercises in order, as (kind, exercise key): ``("form", "impact_map")``, or
    ``("apology_builder", "apology_builder")`` for a kind that is its own exercise. ``stages.yaml``
    states the order once; the notebooks are checked against it."""
    found = []
    for entry in stage(stage_key).worksheet:
        kind, _, key = entry.partition(":")
        found.append((kind, key or kind))
    return tuple(found)


@cache
def exercise_kinds() -> dict[str, str]:
    """Each exercise key's kind, from every stage's list: ``{"impact_map": "form", ...}``."""
    return {key: kind for s in stages() for kind, key in worksheet_entries(s.key)}
