"""Crash mid-save: a process saving in a loop is killed with SIGKILL at random moments.

After every kill the journal must load without any repair, hold every save the child had
reported as complete, and leave no half-written temporary file behind once it is opened.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from trust_workshop.model import contents as ct
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.model import storage as st

# cpu_timing: how many saves complete before a random kill depends on the child having a processor;
# a parallel run skips it and `make test` runs it alone afterwards (conftest.py).
pytestmark = [pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (Linux, macOS)"),
              pytest.mark.cpu_timing]

TRIALS = 150
PROFILE = "Crash test"


def _saver(folder: Path, start: int, report_fd: int) -> None:
    """Child: save entry after entry for ever, reporting each one once it has completed.

    Each save writes one small numbered entry and replaces one "ballast" entry of varying size,
    so the kill lands in short and long writes, in the backup and the main file, while the
    journal stays far below its size cap however many saves a fast machine completes. (When
    every save added its own long text, a fast run filled the journal, the cap refused the
    next save and the child stopped on its own.)
    """
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(folder)
    rng = random.Random(start)
    journal = jr.Journal.open(PROFILE)
    i = start
    while True:
        numbered = ct.entry_patch(f"exercise.k{i}", f"answer {i} " + "é😀" * rng.choice([0, 10, 50]))
        ballast = ct.entry_patch("exercise.ballast", "é😀" * rng.choice([0, 10, 2_000, 30_000, 150_000]))

        def both(data, numbered=numbered, ballast=ballast) -> None:
            numbered(data)
            ballast(data)

        journal.change(both)
        os.write(report_fd, f"{i}\n".encode())
        i += 1


def _drain(fd: int) -> list[str]:
    chunks = []
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode().splitlines()


def test_sigkill_at_random_moments_never_loses_a_completed_save(data_dir: Path, capsys) -> None:
    rng = random.Random(20261127)
    completed: set[int] = set()
    next_index = 0
    corrupt = lost = kills_with_saves_in_flight = 0
    for _trial in range(TRIALS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                os.close(read_fd)
                _saver(data_dir, next_index, write_fd)
            except BaseException as err:  # say why, so the assertion below can
                os.write(write_fd, f"stopped: {err!r}\n".encode())
            finally:
                os._exit(1)
        os.close(write_fd)
        time.sleep(rng.uniform(0.0, 0.06))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        lines = _drain(read_fd)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
            f"the child stopped on its own: {lines[-1] if lines else 'no reason given'}"
        reported = [int(x) for x in lines]
        os.close(read_fd)
        completed.update(reported)
        next_index = max([next_index - 1, *reported]) + 1 + 1  # skip the index that may have been in flight

        path = pr.journal_path(PROFILE)
        temporaries = list(path.parent.glob(f".{path.name}.*.tmp"))
        kills_with_saves_in_flight += bool(temporaries)
        if path.exists():
            try:  # the main file itself, read strictly: no repair allowed
                ct.parse(path.read_bytes())
            except st.JournalError:
                corrupt += 1
        journal = jr.Journal.open(PROFILE)
        assert not journal.notices, journal.notices
        entries = journal.data["entries"]
        missing = [i for i in completed if f"exercise.k{i}" not in entries]
        lost = max(lost, len(missing))
        for i in completed:
            if f"exercise.k{i}" in entries:
                assert entries[f"exercise.k{i}"]["value"].startswith(f"answer {i} ")
        assert not list(path.parent.glob(f".{path.name}.*.tmp")), "opening should clear dead temporaries"

    with capsys.disabled():
        print(f"\n[durability] {TRIALS} SIGKILL trials: {len(completed)} completed saves, "
              f"{lost} lost, {corrupt} corrupt loads, {kills_with_saves_in_flight} kills landed mid-write")
    assert corrupt == 0 and lost == 0
    assert len(completed) >= TRIALS // 2, "too few saves completed for the test to mean anything"
    assert kills_with_saves_in_flight >= 10, "the kills never landed inside a write; the test would prove little"
    size = pr.journal_path(PROFILE).stat().st_size
    assert size < ct.MAX_JOURNAL_BYTES // 4, f"the journal grew to {size:,} bytes: a faster machine would fill it"
    # The file on disk is plain, valid JSON a participant could read.
    assert json.loads(pr.journal_path(PROFILE).read_text("utf-8"))["app"] == st.APP
