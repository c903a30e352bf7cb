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

TRIALS = 220
PROFILE = "Crash test"


def _saver(folder: Path, start: int, report_fd: int) -> None:
    """Child: save entry after entry for ever, reporting each one once it has completed."""
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(folder)
    rng = random.Random(start)
    journal = jr.Journal.open(PROFILE)
    i = start
    while True:
        # Sizes vary so the kill lands in short and long writes, in the backup and the main file.
        text = f"answer {i} " + "é😀" * rng.choice([0, 10, 2_000, 30_000])
        journal.set_entry(f"exercise.k{i}", text)
        os.write(report_fd, f"{i}\n".encode())
        i += 1


def _drain(fd: int) -> list[int]:
    chunks = []
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    return [int(x) for x in b"".join(chunks).split()]


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
            finally:
                os._exit(1)
        os.close(write_fd)
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the child stopped on its own"
        reported = _drain(read_fd)
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
    # The file on disk is plain, valid JSON a participant could read.
    assert json.loads(pr.journal_path(PROFILE).read_text("utf-8"))["app"] == st.APP
