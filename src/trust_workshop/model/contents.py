"""What a journal holds, and the only code that reads its dict.

A journal is a versioned JSON document: settings, entries (one saved value per exercise,
under a key made by :func:`entry_key`), check-ins and pulses. :class:`Contents` gives the rest
of the package typed answers about it (a profile's name, its entries, promises, homework,
check-ins, pulses), so the file's layout is this module's business alone. A
:class:`~trust_workshop.model.journal.Journal` is Contents that also lives in a file.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema

from trust_workshop.model import jsonsafe
from trust_workshop.model.names import tidy
from trust_workshop.model.storage import APP, JournalError, ProfileNameError, ValueProblem

SCHEMA_VERSION = 2  # 2 added booster check-ins and calendar reminders; see upgrade()
MAX_NAME_LENGTH = 60
MAX_IMPORT_BYTES = 10 * 1024 * 1024  # a journal, measured as its compact download
MAX_UPLOAD_BYTES = 4 * MAX_IMPORT_BYTES  # the file itself, which may be indented or spaced out
# A journal never grows past what an upload accepts, so every download can be uploaded again.
MAX_JOURNAL_BYTES = MAX_IMPORT_BYTES - 64 * 1024

ENTRY_KINDS = ("exercise", "reflection", "homework")
CHECKIN_KINDS = ("baseline", "stage", "final", "booster")
BOOSTER_REFLECTION = "booster_reflection"  # saved once per booster day: exercise.booster_reflection:YYYY-MM-DD


# --- entry keys --------------------------------------------------------------------------


def entry_key(kind: str, name: str) -> str:
    """The journal key of one saved entry: ``entry_key("exercise", "impact_map")`` is
    ``"exercise.impact_map"``, ``entry_key("reflection", "uncover")`` a stage's reflection."""
    if kind not in ENTRY_KINDS:
        raise ValueError(f"No entry kind {kind!r}; the kinds are {', '.join(ENTRY_KINDS)}.")
    return f"{kind}.{name}"


def booster_reflection_key(day: str) -> str:
    """The journal key of the booster reflection written on ``day`` (YYYY-MM-DD)."""
    return entry_key("exercise", f"{BOOSTER_REFLECTION}:{day}")


def split_key(key: str) -> tuple[str, str]:
    """An entry key's kind and name; ("", key) for a key this workshop does not make."""
    kind, dot, name = str(key).partition(".")
    return (kind, name) if dot and kind in ENTRY_KINDS else ("", str(key))


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str     # "exercise", "reflection", "homework", or "" for a key from elsewhere
    name: str     # the exercise key or the stage key
    value: Any
    updated: str


# --- the format --------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """A profile name as stored (see :func:`names.tidy`), or ProfileNameError with a kind message."""
    if not isinstance(name, str):
        raise ProfileNameError("A profile name must be text.")
    text = tidy(name)
    if not text:
        raise ProfileNameError("Please type a name for your profile. A first name or a nickname is fine.")
    if len(text) > MAX_NAME_LENGTH:
        raise ProfileNameError(f"Please keep the profile name to {MAX_NAME_LENGTH} characters or fewer.")
    return text


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def today() -> str:
    return dt.date.today().isoformat()


@cache
def journal_schema() -> dict[str, Any]:
    text = resources.files("trust_workshop.model").joinpath("journal.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _journal_validator():
    return fastjsonschema.compile(journal_schema())


def new_journal(name: str) -> dict[str, Any]:
    """An empty journal for a profile."""
    stamp = now()
    return {
        "app": APP,
        "schema_version": SCHEMA_VERSION,
        "updated": stamp,
        "profile": {"name": clean_name(name), "created": stamp},
        "settings": {"context": None, "role": None},
        "entries": {},
        "checkins": [],
        "pulses": [],
    }


def upgrade(data: dict[str, Any]) -> None:
    """Bring an older journal up to this version, in place.

    Version 2 only *added* things (a "booster" kind of check-in, and an optional "reminders"
    part), so a version-1 journal is already a valid version-2 one once it says so. The file
    itself is rewritten with the new number at its next save.
    """
    if data.get("schema_version") == 1 and not isinstance(data.get("schema_version"), bool):
        data["schema_version"] = 2


def validate(data: Any) -> dict[str, Any]:
    """Check a journal dict (upgrading an older version in place); raise JournalError with a
    plain reason if it is not one."""
    if not isinstance(data, dict):
        raise JournalError("it is not a journal (the file holds no journal data)")
    if data.get("app") != APP:
        raise JournalError("it was not made by this workshop")
    upgrade(data)
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise JournalError(
            f"it was saved by a newer version of the workshop (journal version {version}; "
            f"this one reads version {SCHEMA_VERSION})"
        )
    try:
        _journal_validator()(data)
    except fastjsonschema.JsonSchemaValueException as err:
        where = "/".join(str(p) for p in err.path[1:]) or "the top level"
        raise JournalError(f"part of it is not in the expected shape (at {where})") from err
    for part in ("checkins", "pulses"):
        for record in data[part]:
            if not real_date(record["date"]):
                raise JournalError(f"it holds a date that is not on the calendar ({record['date']})")
    return data


def real_date(text: Any) -> bool:
    """True for a YYYY-MM-DD date that is on the calendar, in the years 2000 to 2199."""
    if not isinstance(text, str) or len(text) != 10:
        return False
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return False
    return 2000 <= day.year < 2200


_FILE_PROBLEMS = {
    "empty": "the file is empty",
    "zip": "the file is not text (it may be damaged or another kind of file)",
    "not_text": "the file is not text (it may be damaged or another kind of file)",
    "too_deep": "the file is nested too deeply to be a journal",
}


def parse(raw: bytes) -> dict[str, Any]:
    """Bytes of a journal file to a validated dict; JournalError with a reason otherwise."""
    try:
        data = jsonsafe.read_untrusted(raw, bom=False)
    except jsonsafe.Refused as err:
        if err.why == "not_json":
            reason = f"the file is incomplete or damaged (it stops making sense at line {err.line})"
        elif err.why == "odd_value":
            reason = f"the file is damaged: {err}"
        else:
            reason = _FILE_PROBLEMS[err.why]
        raise JournalError(reason) from err
    return validate(data)


def clean_value(value: Any) -> Any:
    """A value every file can hold and read back, or ValueProblem with a kind message."""
    try:
        return jsonsafe.clean(value)
    except jsonsafe.Unwritable as err:
        raise ValueProblem(str(err)) from err


# --- changing it: each change is a patch, applied in memory and again on the newest file ---

Patch = Callable[[dict[str, Any]], None]


def setting_patch(key: str, value: str | None) -> Patch:
    value = clean_value(value)

    def patch(d: dict[str, Any]) -> None:
        d["settings"][key] = value

    return patch


def entry_patch(key: str, value: Any) -> Patch:
    stored = {"value": clean_value(value), "updated": now()}  # cleaned or refused at the door

    def patch(d: dict[str, Any]) -> None:
        d["entries"][key] = copy.deepcopy(stored)

    return patch


def checkin_patch(kind: str, stage: str, answers: Mapping[str, int], date: str | None = None) -> Patch:
    record = clean_value({"kind": kind, "stage": stage, "date": date or today(), "updated": now(),
                          "answers": dict(answers)})
    return lambda d: _upsert(d["checkins"], record, ("kind", "stage", "date"))


def pulse_patch(answers: Mapping[str, int], date: str | None = None) -> Patch:
    record = clean_value({"date": date or today(), "updated": now(), "answers": dict(answers)})
    return lambda d: _upsert(d["pulses"], record, ("date",))


def reminders_patch(value: Mapping[str, Any]) -> Patch:
    """Replace the calendar reminder choices (see :mod:`trust_workshop.model.calendar`)."""
    stored = clean_value(dict(value))
    return lambda d: d.__setitem__("reminders", copy.deepcopy(stored))


def _upsert(records: list[dict[str, Any]], record: dict[str, Any], keys: tuple[str, ...]) -> None:
    for i, existing in enumerate(records):
        if all(existing.get(k) == record[k] for k in keys):
            records[i] = copy.deepcopy(record)
            return
    records.append(copy.deepcopy(record))


def apply(data: dict[str, Any], patches: list[Patch]) -> bytes:
    """Apply patches to ``data`` in place, stamp it, and return it as file bytes; JournalError
    (ValueProblem) if the result is not a journal or is too big to download and upload again."""
    for patch in patches:
        patch(data)
    data["updated"] = now()
    validate(data)
    plain = jsonsafe.dumps(data)
    # The compact form (the download) is never longer than the file, so it is only measured
    # when the file itself is over the limit.
    if len(plain) > MAX_JOURNAL_BYTES and len(jsonsafe.dumps(data, compact=True)) > MAX_JOURNAL_BYTES:
        raise ValueProblem("Your journal is full: it has reached the largest size that can be "
                           "downloaded and uploaded again. This last change was not saved.")
    return plain


# --- reading what it holds ---------------------------------------------------------------


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


class Contents:
    """Typed, read-only answers about one journal's dict (copies, never the dict itself).

    Reads defensively: a part that is missing or of the wrong type reads as empty, so a
    partial dict (a test's, or a file from elsewhere) never breaks a page.
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data

    def _part(self, name: str, kind: type) -> Any:
        value = self.data.get(name) if isinstance(self.data, Mapping) else None
        return value if isinstance(value, kind) else kind()

    @property
    def profile_name(self) -> str:
        name = self._part("profile", dict).get("name")
        return name if isinstance(name, str) else ""

    @property
    def profile_created(self) -> str:
        """When the profile was made (a timestamp), or "" if the journal does not say."""
        created = self._part("profile", dict).get("created")
        return created if isinstance(created, str) else ""

    def setting(self, key: str) -> str | None:
        value = self._part("settings", dict).get(key)
        return value if isinstance(value, str) else None

    @property
    def context(self) -> str | None:
        return self.setting("context")

    @property
    def role(self) -> str | None:
        return self.setting("role")

    @property
    def region(self) -> str | None:
        """Where the participant lives, for helplines: a region key, 'elsewhere', or None."""
        return self.setting("region")

    def entry(self, key: str, default: Any = None) -> Any:
        """The saved value of one entry (a copy), or ``default``."""
        found = self._part("entries", dict).get(key)
        return jsonsafe.copy(found["value"]) if isinstance(found, dict) and "value" in found else default

    def entries(self, kind: str | None = None) -> list[Entry]:
        """Every saved entry (of one kind, if given), by key."""
        found = []
        for key, stored in sorted(self._part("entries", dict).items()):
            if not isinstance(stored, dict) or "value" not in stored:
                continue
            entry_kind, name = split_key(key)
            if kind is None or entry_kind == kind:
                updated = stored.get("updated")
                found.append(Entry(key, entry_kind, name, jsonsafe.copy(stored["value"]),
                                   updated if isinstance(updated, str) else ""))
        return found

    def entry_keys(self) -> list[str]:
        return sorted(k for k, v in self._part("entries", dict).items() if isinstance(v, dict) and "value" in v)

    def homework(self) -> list[dict[str, Any]]:
        """Each stage's homework commitment that was saved as one (``plan``, ``idea``, ``done``)."""
        return [e.value for e in self.entries("homework") if isinstance(e.value, dict)]

    def promises(self) -> list[dict[str, Any]]:
        """The promise log's records, oldest first as written."""
        return _dicts(self.entry(entry_key("exercise", "promise_log"), []))

    def checkins(self, kind: str | None = None, stage: str | None = None) -> list[dict[str, Any]]:
        """Saved check-ins, oldest first, optionally filtered."""
        found = [c for c in _dicts(self._part("checkins", list))
                 if (kind is None or c.get("kind") == kind) and (stage is None or c.get("stage") == stage)]
        return sorted(jsonsafe.copy(found), key=lambda c: (str(c.get("date", "")), str(c.get("updated", ""))))

    def reminders(self) -> dict[str, Any]:
        """The calendar reminder choices (titles, days and times; never anything else), or {}."""
        return jsonsafe.copy(self._part("reminders", dict))

    def booster_days(self) -> list[str]:
        """The days a booster check-in (or a booster reflection) was saved, oldest first."""
        days = {c["date"] for c in self.checkins("booster") if isinstance(c.get("date"), str)}
        for e in self.entries("exercise"):
            base, _, day = e.name.partition(":")
            if base == BOOSTER_REFLECTION and real_date(day):
                days.add(day)
        return sorted(days)

    def pulses(self) -> list[dict[str, Any]]:
        return sorted(jsonsafe.copy(_dicts(self._part("pulses", list))), key=lambda p: str(p.get("date", "")))
