"""What a participant wrote, made readable: a title for each saved entry, and its parts with labels.

The journal stores answers by id (``{"in_your_words": "..."}``). Shown back to the
participant, in the journey or their printed report, each part carries the question it
answered instead of its id. Works on any saved value, however odd (a hand-edited or
imported file), without recursion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from trust_workshop import content
from trust_workshop.model.contents import split_key


@dataclass(frozen=True)
class Part:
    label: str  # the question or heading; "" when the entry is a single answer
    text: str


def title(key: str) -> str:
    """A heading for a saved entry, e.g. 'Reflection: Uncover the impact' or an exercise's title.
    An exercise saved once per occasion (``booster_reflection:2027-03-12``) names its day."""
    kind, name = split_key(key)
    base, _, occasion = name.partition(":")
    if kind == "exercise" and occasion:
        return f"{title(f'exercise.{base}')} ({day(occasion)})"
    try:
        if kind in ("reflection", "homework"):
            return content.panel(kind, name)["saved_title"]
        return content.exercise(name)["title"]
    except KeyError:
        pass
    for ex in content.raw("exercises").values():  # a list saved apart by another exercise
        if ex.get("hurt_saves_as") == name:
            return ex["hurt_title"]
    return key


def as_text(value: Any) -> str:
    """Readable text from any saved value: strings, lists and dicts of them.

    Lists become lines, dicts ``key: text`` lines. Written without recursion, so a value
    nested any number of levels deep (a hand-edited file) cannot break the page.
    """
    done: list[str] = []
    todo: list[tuple[str, object]] = [("visit", value)]
    while todo:
        step, item = todo.pop()
        if step == "visit":
            if isinstance(item, str):
                done.append(item.strip())
            elif isinstance(item, list):
                todo.append(("list", len(item)))
                todo.extend(("visit", v) for v in reversed(item))
            elif isinstance(item, dict):
                todo.append(("dict", list(item)))
                todo.extend(("visit", v) for v in reversed(list(item.values())))
            else:
                done.append("")
            continue
        count = item if step == "list" else len(item)
        parts = done[len(done) - count:]
        del done[len(done) - count:]
        if step == "list":
            done.append("\n".join(t for t in parts if t))
        else:
            done.append("\n".join(f"{k}: {t}" for k, t in zip(item, parts, strict=True) if t))
    return done[0]


def _labels(key: str) -> dict[str, str]:
    """Each part's label, in the order the exercise asks them (the journal stores keys sorted)."""
    kind, name = split_key(key)
    labels: dict[str, str] = {}
    try:
        if kind in ("reflection", "homework"):
            labels.update({p["id"]: p["text"] for p in content.prompts(name, kind)})
            labels.update(content.part_labels(kind))
        elif kind == "exercise":
            ex = content.exercise(name.partition(":")[0])
            for field in (*ex.get("fields", ()), *ex.get("record_fields", ())):
                labels[field["id"]] = field["label"]
            for comp in ex.get("components", ()):  # the apology builder's parts, by name
                labels[comp["key"]] = comp["name"]
            labels.update(content.part_labels(content.exercise_kinds().get(name, "")))
    except (KeyError, TypeError):
        pass
    # A part another kind also saves (a checklist inside the apology builder) keeps its label.
    for other in content.raw("labels")["parts"].values():
        for field, label in other.items():
            labels.setdefault(field, label)
    return labels


def _in_order(mapping: dict, labels: dict[str, str]) -> list[tuple[Any, Any]]:
    rank = {field: i for i, field in enumerate(labels)}
    items = list(mapping.items())
    return sorted(items, key=lambda kv: (rank.get(kv[0], len(rank)), items.index(kv)))


def _humane(field: str) -> str:
    return str(field).replace("_", " ").strip().capitalize() or str(field)


def _record_text(record: dict, labels: dict[str, str]) -> str:
    pieces = []
    for field, value in _in_order(record, labels):
        text = " ".join(as_text(value).split())
        if text:
            label = labels.get(field, _humane(field))
            pieces.append(f"{label} {text}" if label.endswith("?") else f"{label}: {text}")
    return " · ".join(pieces)


def day(iso: str, weekday: bool = False) -> str:
    """A YYYY-MM-DD date in ordinary words ('5 November 2026', or 'Thursday 5 November 2026');
    anything that is not a date is given back as it is."""
    try:
        found = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{found:%A} " * weekday + f"{found.day} {found:%B %Y}"


def when(stamp: Any) -> str:
    """A saved time in ordinary words ('2 December 2026, 01:56'), or '' if it is not a time."""
    try:
        moment = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.day} {moment:%B %Y, %H:%M}"


def parts(key: str, value: Any) -> list[Part]:
    """The entry's answers in order, each with the question it answers. Empty answers are left out."""
    labels = _labels(key)
    if isinstance(value, dict):
        found = []
        for field, answer in _in_order(value, labels):
            if field == "done":
                text = "yes" if answer is True else ""
            elif field == "idea" and isinstance(answer, str):
                text = labels.get(answer, answer).strip()
            elif field == "covered" and isinstance(answer, list):
                text = ", ".join(labels.get(a, _humane(a)) for a in answer if isinstance(a, str))
            else:
                text = as_text(answer)
            if text:
                found.append(Part(labels.get(field, _humane(field)), text))
        return found
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        texts = [_record_text(v, labels) if isinstance(v, dict) else as_text(v) for v in value]
        return [Part("", t) for t in texts if t]
    text = as_text(value)
    return [Part("", text)] if text else []
