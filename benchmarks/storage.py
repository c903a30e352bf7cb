"""Journal save and load at 1, 50 and 500 sessions.

A session here is what a participant leaves in the journal at one sitting: a trust pulse,
a stage check-in, and two written entries of a paragraph each (a promise in the promise
log and a note in the trust "bank account"; both are lists that grow by one item a
session, as they do in the notebooks). The records are shaped by the journal's own
``record_pulse``, ``record_checkin`` and ``set_entry`` on a scratch profile, then repeated
with one date per session and written in one save, so building a 500-session journal does
not take 2,000 saves.

A *save* is one ``set_entry`` (what every exercise does when the participant leaves a text
box): take the lock, read and check the newest file, apply the change, check it, keep the
old file as the backup and write the new one with fsync. A *load* is ``Journal.open``.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path

from common import Row, ratio, timed

SESSIONS = (1, 50, 500)
SAVE_GOAL_MS = 20.0  # at 50 sessions
START = dt.date(2025, 1, 6)

PARAGRAPH = (
    "This week I told my partner about the late nights before they had to ask, and I showed them the messages "
    "when they wanted to see them. It was uncomfortable — I noticed I wanted to explain myself instead of just "
    "listening — but I stayed with it. They said it helped that I didn’t make them chase me for it. Next time I "
    "want to say what I’m feeling earlier, not after an hour of going quiet. Session {n}, item {k}."
)


def _templates() -> tuple[dict, dict, dict, dict]:
    """One pulse, one check-in and two list items, exactly as the journal records them."""
    from trust_workshop import content
    from trust_workshop.model import journal as jr

    j = jr.Journal.open("Record shapes")
    j.record_pulse({it.id: 3 for it in content.pulse_items()}, date=START.isoformat())
    stage = content.stages()[0].key
    j.record_checkin("stage", stage, {it.id: 3 for it in content.checkin_items(stage)}, date=START.isoformat())
    j.set_entry("exercise.promise_log", [{"date": START.isoformat(), "promise": "p", "kept": "yes"}])
    j.set_entry("exercise.bank_account", [{"date": START.isoformat(), "kind": "deposit", "note": "n"}])
    return (j.data["pulses"][0], j.data["checkins"][0], j.data["entries"]["exercise.promise_log"],
            j.data["entries"]["exercise.bank_account"])


def build(name: str, sessions: int):
    """A journal holding ``sessions`` sessions' worth of records, saved once; returns it open."""
    from trust_workshop import content
    from trust_workshop.model import journal as jr

    pulse, checkin, promises, bank = _templates()
    stages = content.stages()
    pulses, checkins, promise_items, bank_items = [], [], [], []
    for n in range(sessions):
        day = (START + dt.timedelta(days=3 * n)).isoformat()
        p = copy.deepcopy(pulse)
        p["date"] = day
        p["answers"] = {k: 1 + (n + i) % 5 for i, k in enumerate(p["answers"])}
        pulses.append(p)
        stage = stages[n % len(stages)].key
        c = copy.deepcopy(checkin)
        c.update(date=day, stage=stage, answers={it.id: 1 + (n + i) % 5
                                                 for i, it in enumerate(content.checkin_items(stage))})
        checkins.append(c)
        promise_items.append({"date": day, "promise": PARAGRAPH.format(n=n, k=1), "kept": ("yes", "no")[n % 2]})
        bank_items.append({"date": day, "kind": ("deposit", "withdrawal")[n % 3 == 0],
                           "note": PARAGRAPH.format(n=n, k=2)})
    entries = {
        "exercise.promise_log": dict(copy.deepcopy(promises), value=promise_items),
        "exercise.bank_account": dict(copy.deepcopy(bank), value=bank_items),
    }

    def fill(d: dict) -> None:
        d["pulses"], d["checkins"] = pulses, checkins
        d["entries"].update(entries)

    j = jr.Journal.open(name)
    j.change(fill)
    return j


def run(repeat: int, tmp: Path) -> list[Row]:
    from trust_workshop.model import journal as jr

    os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(tmp / "journals")
    rows: list[Row] = []
    saves: dict[int, Row] = {}
    counter = iter(range(10**6))
    times = max(15, 5 * repeat)
    for n in SESSIONS:
        name = f"Bench {n} sessions"
        j = build(name, n)
        size_kb = j.path.stat().st_size / 1024

        def save(j=j, n=n) -> None:
            j.set_entry("exercise.transparency_plan", {"what": PARAGRAPH.format(n=n, k=next(counter))})

        save()  # warm: schema validator compiled, file cache filled
        label = "session" if n == 1 else "sessions"
        goal = SAVE_GOAL_MS if n == 50 else None
        saves[n] = Row(f"Journal save (one set_entry), {n} {label}", timed(save, times, "ms"), "ms", goal,
                       why="every save re-reads, re-validates and re-writes the whole file, with its backup, "
                           "under fsync")
        loads = Row(f"Journal load (Journal.open), {n} {label}", timed(lambda name=name: jr.Journal.open(name), times,
                                                                       "ms"), "ms")
        rows += [saves[n], loads, Row(f"Journal file size, {n} {label}", [size_kb], "KB")]
        print(f"  {n} {label}: save {saves[n].median:.1f} ms, load {loads.median:.1f} ms, {size_kb:.0f} KB",
              flush=True)
    rows.append(ratio(f"Ratio: save at {SESSIONS[-1]} sessions ÷ save at 1 session", saves[SESSIONS[-1]],
                      saves[SESSIONS[0]]))

    # The same 50-session journal locked with a passphrase: every save also seals the file
    # (Fernet), and opening derives the key once with scrypt (slow on purpose, against guessing).
    secret = "blue kettle morning"
    locked = build("Bench 50 sessions, locked", 50)
    locked.set_passphrase(secret, secret)

    def locked_save() -> None:
        locked.set_entry("exercise.transparency_plan", {"what": PARAGRAPH.format(n=50, k=next(counter))})

    locked_save()
    sealed = Row("Journal save, 50 sessions, locked with a passphrase", timed(locked_save, times, "ms"), "ms",
                 SAVE_GOAL_MS)
    opened = Row("Journal open, 50 sessions, locked (scrypt key derivation included)",
                 timed(lambda: jr.Journal.open("Bench 50 sessions, locked", secret), max(5, repeat), "ms"), "ms")
    rows += [sealed, opened, ratio("Ratio: locked save ÷ plain save, 50 sessions", sealed, saves[50])]
    print(f"  50 sessions, locked: save {sealed.median:.1f} ms, open {opened.median:.1f} ms", flush=True)
    return rows
