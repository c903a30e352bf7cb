"""Two kernels of one profile: two processes write interleaved answers to the same journal."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from trust_workshop.model import journal as jr
from trust_workshop.model import storage as st

PROFILE = "Shared device"
ROUNDS = 60


def _writer(folder: str, tag: str, start, results) -> None:
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = folder
    journal = jr.Journal.open(PROFILE)
    start.wait(30)
    errors = 0
    for i in range(ROUNDS):
        try:
            journal.set_entry(f"exercise.{tag}{i}", f"{tag} wrote {i}")
            if i % 10 == 0:
                day = f"2026-{1 + i // 10:02d}-0{1 + (tag == 'b')}"
                journal.record_checkin("stage", "uncover", {"q1": 1 + i % 5}, date=day)
            if i % 7 == 0:
                journal.set_setting("context", "couple" if tag == "a" else "family")
        except st.SaveError:
            errors += 1
    results.put((tag, errors, sorted(journal.data["entries"])))


def test_two_processes_interleave_without_losing_an_update_or_crashing(data_dir: Path) -> None:
    jr.Journal.open(PROFILE)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(data_dir), tag, start, results)) for tag in ("a", "b")]
    for p in procs:
        p.start()
    start.set()
    outcome = {}
    for _ in procs:
        tag, errors, seen = results.get(timeout=120)
        outcome[tag] = (errors, seen)
    for p in procs:
        p.join(60)
        assert p.exitcode == 0, "a writer crashed"
    assert outcome["a"][0] == 0 and outcome["b"][0] == 0, "a writer could not take the lock"
    final = jr.Journal.open(PROFILE)
    assert not final.notices
    for tag in ("a", "b"):
        for i in range(ROUNDS):
            assert final.entry(f"exercise.{tag}{i}") == f"{tag} wrote {i}", (tag, i)
    dates = {(c["date"]) for c in final.checkins("stage", "uncover")}
    assert len(dates) == 2 * (ROUNDS // 10)
    # The last writer saw the other's earlier answers too: saves merge, they do not overwrite.
    assert any(k.startswith("exercise.a") for k in outcome["b"][1]) or any(
        k.startswith("exercise.b") for k in outcome["a"][1])
