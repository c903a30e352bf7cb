"""Share cards: what one participant chooses to show one other person, to compare answers.

A card holds, and can only hold (its schema allows nothing else):

* the owner's latest check-in answers, stage by stage, and their latest trust pulse, as 1-5
  numbers by statement id, if the owner ticked them;
* writing the owner ticked, entry by entry, as titles and labelled text;
* the owner's name as they want it shown, their role and context (so each statement reads in
  the owner's own wording), the day it was made, and the owner's consent.

Never on a card: the safety check (the journal never holds it), the warning-sign statements
of the check-ins (fear, or having no real choice: shown to nobody but their owner), any entry
that was not ticked, the profile, passphrase or settings. A card is read with the one reader
for untrusted files and is never written into anyone's journal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema

from trust_workshop import content
from trust_workshop.content import Item
from trust_workshop.model import jsonsafe, writing
from trust_workshop.model.contents import Contents, real_date
from trust_workshop.model.names import tidy

FORMAT = "trust-workshop-share-card"
VERSION = 1
MAX_CARD_BYTES = 2 * 1024 * 1024  # a card with every piece of writing ticked is far smaller
MAX_DEPTH = 8                     # a card is 6 levels deep
MAX_NAME = 60
PULSE = "pulse"

JOURNAL_FORMAT = "trust-workshop-journal"          # transfer.EXPORT_FORMAT
SUMMARY_FORMAT = "trust-workshop-group-summary"    # summary.FORMAT


class CardProblem(ValueError):
    """A card could not be made or read; ``str(err)`` says why, kindly and plainly."""


@cache
def schema() -> dict[str, Any]:
    """The shape of a card file (``sharecard.schema.json``)."""
    return json.loads(resources.files("trust_workshop.model").joinpath("sharecard.schema.json").read_text("utf-8"))


@cache
def _validator():
    return fastjsonschema.compile(schema())


# --- which statements can be compared ----------------------------------------------------


def comparable(items: Iterable[Item]) -> tuple[Item, ...]:
    """The statements that may be shown to another person: every one but the warning signs."""
    return tuple(it for it in items if it.warning is None)


def items_for(group: str, role: str | None, context_key: str | None) -> tuple[Item, ...]:
    """A stage's (or the pulse's) comparable statements, worded for one person."""
    if group == PULSE:
        return comparable(content.pulse_items(context_key))
    return comparable(content.checkin_items(group, role, context_key))


def _latest(records: list[dict[str, Any]], items: tuple[Item, ...]) -> dict[str, Any] | None:
    """Each statement's newest answer across ``records`` (oldest first), and the newest day used."""
    answers: dict[str, int] = {}
    day = ""
    for record in reversed(records):
        found = record.get("answers")
        if not isinstance(found, dict) or not real_date(record.get("date")):
            continue
        for it in items:
            value = it.answer(found)
            if it.id not in answers and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
                answers[it.id] = value
                day = max(day, record["date"])
    return {"date": day, "answers": answers} if answers else None


def latest_answers(journal: Contents) -> tuple[dict[str, dict[str, Any]], dict[str, Any] | None]:
    """A journal's newest comparable answers: by stage (any kind of check-in), and the pulse."""
    stages = {}
    for st in content.stages():
        found = _latest(journal.checkins(stage=st.key), items_for(st.key, journal.role, journal.context))
        if found:
            stages[st.key] = found
    return stages, _latest(journal.pulses(), items_for(PULSE, None, journal.context))


# --- making a card -----------------------------------------------------------------------


def writing_choices(journal: Contents) -> list[tuple[str, str]]:
    """Each saved entry with something written in it, as (entry key, title), for ticking."""
    return [(e.key, writing.title(e.key)) for e in journal.entries() if writing.parts(e.key, e.value)]


def build(journal: Contents, *, consent: bool, name: str | None = None, checkins: bool = True,
          pulse: bool = True, writing_keys: Iterable[str] = (), today: dt.date | None = None) -> dict[str, Any]:
    """The card of what the owner chose. Refused (CardProblem) without the owner's consent."""
    if consent is not True:
        raise CardProblem("A card is only made when you tick that you agree to share it.")
    shown = tidy(journal.profile_name if name is None else name)
    if not shown:
        raise CardProblem("Please type the name the other person knows you by.")
    if len(shown) > MAX_NAME:
        raise CardProblem(f"Please keep the name to {MAX_NAME} characters or fewer.")
    stages, latest_pulse = latest_answers(journal)
    chosen = set(writing_keys)
    texts = []
    for entry in journal.entries():
        if entry.key in chosen:
            found = writing.parts(entry.key, entry.value)
            if found:
                texts.append({"title": writing.title(entry.key),
                              "parts": [{"label": p.label, "text": p.text} for p in found]})
    card = {"format": FORMAT, "version": VERSION, "created": (today or dt.date.today()).isoformat(),
            "name": shown, "role": journal.role, "context": journal.context, "consent": True,
            "checkins": stages if checkins else {}, "pulse": latest_pulse if pulse else None,
            "writing": texts}
    card = jsonsafe.clean(card)
    _validator()(card)  # what is made is always what can be read
    return card


def encode(card: Mapping[str, Any]) -> bytes:
    """The card as the file that is downloaded."""
    return jsonsafe.dumps(card, compact=True)


def filename(card: Mapping[str, Any]) -> str:
    return f"trust-share-card-{card['created']}.json"


def describe(card: Mapping[str, Any]) -> list[str]:
    """What a card holds, in words, one line a part."""
    stages = [content.stage(k).title for k in content.stage_keys() if k in card["checkins"]]
    count = len(card["writing"])
    return [
        f"Check-in answers: {', '.join(stages)}." if stages else "Check-in answers: none.",
        "The trust pulse: yes." if card["pulse"] else "The trust pulse: no.",
        f"Writing you ticked: {count} {'piece' if count == 1 else 'pieces'}." if count else "Writing: none.",
    ]


# --- reading a card ----------------------------------------------------------------------

_REFUSED = {
    "too_big": "That file is far too big to be a share card.",
    "zip": "That file is a zip archive, not a share card. Unzip it first, or choose the .json file.",
    "not_text": "That file is not a text file, so it cannot be a share card.",
    "too_deep": "That file is nested far too deeply to be a share card.",
    "not_json": "That file is not a share card (it is not readable JSON).",
    "empty": "That file is empty, so it is not a share card.",
}
NOTHING_KEPT = "Nothing from it was shown or kept."


def read(raw: bytes) -> dict[str, Any]:
    """Check an uploaded card and return it, cleaned; CardProblem with a kind message if refused.

    Statement ids and stages this workshop does not know (a newer card) are left out, and so is
    any warning-sign statement a hand-made card might carry.
    """
    try:
        card = jsonsafe.read_untrusted(raw, max_bytes=MAX_CARD_BYTES, max_depth=MAX_DEPTH)
    except jsonsafe.Refused as err:
        message = f"That file cannot be a share card: {err}." if err.why == "odd_value" else _REFUSED[err.why]
        raise CardProblem(f"{message} {NOTHING_KEPT}") from err
    kind = card.get("format") if isinstance(card, dict) else None
    if kind == JOURNAL_FORMAT:
        raise CardProblem("That is a whole journal file, not a share card. A journal is private: please ask for "
                          f"the card made with 'Make my share card' instead. {NOTHING_KEPT}")
    if kind == SUMMARY_FORMAT:
        raise CardProblem("That is a group summary for the facilitator, not a share card. "
                          f"{NOTHING_KEPT}")
    if kind != FORMAT:
        raise CardProblem(f"That file was not made by 'Make my share card' in this workshop. {NOTHING_KEPT}")
    version = card.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise CardProblem("That card was made by a newer version of the workshop. Please ask for a card made with "
                          f"this version. {NOTHING_KEPT}")
    try:
        _validator()(card)
    except fastjsonschema.JsonSchemaValueException as err:
        raise CardProblem(f"That card is damaged or was changed by hand, so it cannot be read. {NOTHING_KEPT}") \
            from err
    dates = [card["created"], *(r["date"] for r in card["checkins"].values())]
    if card["pulse"]:
        dates.append(card["pulse"]["date"])
    if not all(real_date(d) for d in dates):
        raise CardProblem(f"That card holds a date that is not on the calendar, so it cannot be read. {NOTHING_KEPT}")
    name = tidy(card["name"])[:MAX_NAME]
    if not name:
        raise CardProblem(f"That card has no name on it, so it cannot be read. {NOTHING_KEPT}")
    card["name"] = name
    card["checkins"] = {key: _known(record, items_for(key, card["role"], card["context"]))
                        for key, record in card["checkins"].items() if key in content.stage_keys()}
    card["checkins"] = {k: r for k, r in card["checkins"].items() if r["answers"]}
    if card["pulse"]:
        card["pulse"] = _known(card["pulse"], items_for(PULSE, None, card["context"]))
    return card


def _known(record: dict[str, Any], items: tuple[Item, ...]) -> dict[str, Any]:
    ids = {it.id for it in items}
    return {"date": record["date"], "answers": {k: v for k, v in record["answers"].items() if k in ids}}
