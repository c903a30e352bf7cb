"""The facilitator's own course records: an attendance register and fidelity ticks per session.

Kept by the facilitator, apart from anything participants write or share: one file,
``course-records.json``, in the facilitator's records folder (``$TRUST_WORKSHOP_RECORDS_DIR``, or
a ``trust-workshop-facilitator`` folder in the user's data folder). Nothing here reads a
participant's journal, and nothing a participant sees reads this file.

A session is one stage run on one day in one format. Fidelity separates two questions a
supervisor asks apart: was each step of the plan *followed*, and was it *done well*.

Written atomically under a lock, like the journals; a damaged file is set aside, never deleted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from trust_workshop import content
from trust_workshop.model import jsonsafe, plans
from trust_workshop.model import storage as st
from trust_workshop.model.names import tidy

FILE_NAME = "course-records.json"
FORMAT = "trust-workshop-course-records"
VERSION = 1
RECORDS_VARIABLE = "TRUST_WORKSHOP_RECORDS_DIR"
ATTENDANCE = ("present", "late", "left early", "absent")
MAX_PEOPLE = 60
MAX_NOTE = 2_000


class RecordsProblem(ValueError):
    """Something the records cannot take, in plain words."""


def records_dir() -> Path:
    """Where the facilitator's records live: never the course folder, never a participant's journal folder."""
    override = os.environ.get(RECORDS_VARIABLE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("trust-workshop-facilitator", False))


def records_path() -> Path:
    return records_dir() / FILE_NAME


@dataclass(frozen=True)
class Session:
    """One session: a stage, in a format, on a day."""

    stage: str
    fmt: str
    day: str  # YYYY-MM-DD

    @property
    def key(self) -> str:
        return f"{self.day} {self.stage} {self.fmt}"


def session(stage: str, fmt: str, day: str | dt.date) -> Session:
    """A checked session: a known stage and format, and a real date."""
    day = day.isoformat() if isinstance(day, dt.date) else str(day)
    try:
        dt.date.fromisoformat(day)
    except ValueError as err:
        raise RecordsProblem("Please give the session's date as a date, for example 2026-12-02.") from err
    try:
        plans.agenda(stage, fmt)
    except KeyError as err:
        raise RecordsProblem("That stage and format have no session plan.") from err
    return Session(stage, fmt, day)


def empty() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "people": [], "sessions": {}}


def fidelity_items(stage: str) -> list[str]:
    """The plan's fidelity checklist for a stage, the items a session is ticked against."""
    return list(plans.plan(stage).get("fidelity_checklist", []))


def _checked(data: Any) -> dict[str, Any]:
    """Records read from disk, reduced to what this version understands (anything else is dropped)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordsProblem("This is not a course-records file from Rebuilding Trust.")
    out = empty()
    out["people"] = [tidy(p) for p in data.get("people", []) if isinstance(p, str) and tidy(p)][:MAX_PEOPLE]
    sessions = data.get("sessions", {})
    for key, value in sessions.items() if isinstance(sessions, dict) else ():
        if not isinstance(value, dict):
            continue
        attendance = {p: a for p, a in value.get("attendance", {}).items()
                      if isinstance(p, str) and a in ATTENDANCE} if isinstance(value.get("attendance"), dict) else {}
        fidelity = {}
        for item, ticks in (value.get("fidelity", {}) or {}).items() if isinstance(value.get("fidelity"), dict) else ():
            if isinstance(item, str) and isinstance(ticks, dict):
                fidelity[item] = {"followed": ticks.get("followed") is True, "well": ticks.get("well") is True}
        note = value.get("note") if isinstance(value.get("note"), str) else ""
        out["sessions"][str(key)] = {"stage": str(value.get("stage", "")), "format": str(value.get("format", "")),
                                     "day": str(value.get("day", "")), "attendance": attendance,
                                     "fidelity": fidelity, "note": note[:MAX_NOTE]}
    return out


def load() -> dict[str, Any]:
    """The records, or empty ones. A file that cannot be read is set aside (kept, renamed) and reported."""
    path = records_path()
    if not path.exists():
        return empty()
    try:
        return _checked(jsonsafe.read_untrusted(path.read_bytes()))
    except (jsonsafe.Refused, RecordsProblem) as err:
        kept = st.set_aside(path, "unreadable")
        raise RecordsProblem(f"Your course records could not be read, so they were kept aside as {kept.name} "
                             "and a new, empty register was started.") from err


def _save(data: dict[str, Any]) -> None:
    path = records_path()
    st.make_private_dir(path.parent)
    with st.one_writer(path.with_suffix(".lock")):
        st.atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def set_people(names: list[str]) -> dict[str, Any]:
    """The people on the register (names or initials, in the facilitator's own words), in order, no repeats."""
    seen: list[str] = []
    for name in names:
        clean = tidy(name)[:60]
        if clean and clean.casefold() not in {s.casefold() for s in seen}:
            seen.append(clean)
    if len(seen) > MAX_PEOPLE:
        raise RecordsProblem(f"A register holds up to {MAX_PEOPLE} people.")
    data = load()
    data["people"] = seen
    _save(data)
    return data


def record_session(s: Session, attendance: dict[str, str], fidelity: dict[str, dict[str, bool]],
                   note: str = "") -> dict[str, Any]:
    """Save one session's attendance and fidelity ticks (replacing what was saved for it before)."""
    data = load()
    unknown = [p for p in attendance if p not in data["people"]]
    if unknown:
        raise RecordsProblem("Add everyone to the register before marking them.")
    if any(a not in ATTENDANCE for a in attendance.values()):
        raise RecordsProblem("Attendance is one of: " + ", ".join(ATTENDANCE) + ".")
    items = set(fidelity_items(s.stage))
    ticks = {item: {"followed": bool(t.get("followed")), "well": bool(t.get("well"))}
             for item, t in fidelity.items() if item in items}
    data["sessions"][s.key] = {"stage": s.stage, "format": s.fmt, "day": s.day, "attendance": dict(attendance),
                               "fidelity": ticks, "note": note.replace("\x00", "").strip()[:MAX_NOTE]}
    _save(data)
    return data


def attendance_csv(data: dict[str, Any]) -> str:
    """The register as a table: one row a person, one column a session (in date order)."""
    keys = sorted(data["sessions"], key=lambda k: (data["sessions"][k]["day"], k))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Person", *keys])
    for person in data["people"]:
        writer.writerow([_cell(person), *(data["sessions"][k]["attendance"].get(person, "") for k in keys)])
    return out.getvalue()


def fidelity_csv(data: dict[str, Any]) -> str:
    """Fidelity ticks as a table: one row per session and checklist item, "followed" and "done well" apart."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Date", "Stage", "Format", "Checklist item", "Followed the plan", "Done well", "Note"])
    for key in sorted(data["sessions"], key=lambda k: (data["sessions"][k]["day"], k)):
        rec = data["sessions"][key]
        for item in fidelity_items(rec["stage"]) if rec["stage"] in _stage_keys() else []:
            tick = rec["fidelity"].get(item, {})
            writer.writerow([rec["day"], rec["stage"], rec["format"], _cell(item),
                             "yes" if tick.get("followed") else "no", "yes" if tick.get("well") else "no",
                             _cell(rec["note"])])
    return out.getvalue()


def _stage_keys() -> set[str]:
    return {s.key for s in content.stages()}


def _cell(text: str) -> str:
    """A spreadsheet cell that stays text: a leading = + - @ would run as a formula in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
