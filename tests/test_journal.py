"""The participant journal: where it lives, safe writes, recovery, import, export, delete.

Hostile profile names, bad import files and the property-based round trips are in
``tests/adversarial``."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from trust_workshop.model import contents as ct
from trust_workshop.model import journal as jr
from trust_workshop.model import jsonsafe
from trust_workshop.model import profiles as pr
from trust_workshop.model import storage as st
from trust_workshop.model import transfer as tf


def test_data_dir_follows_the_environment_variable(data_dir: Path) -> None:
    assert st.data_dir() == data_dir
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "hello")
    assert j.path.parent == data_dir / "profiles"
    assert j.path.exists()


def test_default_data_dir_is_the_platform_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("TRUST_WORKSHOP_DATA_DIR")
    assert st.data_dir() == Path(platformdirs.user_data_dir("trust-workshop", False))
    assert Path.cwd() not in st.data_dir().parents


def test_journal_folder_is_private(data_dir: Path) -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "private")
    if os.name == "posix":
        assert stat.S_IMODE(j.path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(j.path.stat().st_mode) & 0o077 == 0


def test_a_save_survives_reopening_and_validates(data_dir: Path) -> None:
    j = jr.Journal.open("Sam")
    j.set_setting("context", "family")
    j.set_entry("exercise.impact_map", {"what_happened": "<script>x</script> $x$ \\ 🙂"})
    j.record_checkin("stage", "uncover", {"a": 1, "b": 5}, date="2026-01-05")
    j.record_pulse({"p": 3}, date="2026-01-05")
    again = jr.Journal.open("Sam")
    assert again.context == "family"
    assert again.entry("exercise.impact_map") == {"what_happened": "<script>x</script> $x$ \\ 🙂"}
    assert again.checkins("stage", "uncover")[0]["answers"] == {"a": 1, "b": 5}
    assert again.pulses()[0]["answers"] == {"p": 3}
    ct.validate(json.loads(again.path.read_text("utf-8")))


def test_same_day_updates_and_new_day_appends() -> None:
    j = jr.Journal.open("Sam")
    j.record_checkin("stage", "uncover", {"a": 1}, date="2026-01-05")
    j.record_checkin("stage", "uncover", {"a": 2}, date="2026-01-05")
    j.record_checkin("stage", "uncover", {"a": 3}, date="2026-01-12")
    j.record_checkin("baseline", "uncover", {"a": 4}, date="2026-01-12")
    assert [c["answers"]["a"] for c in j.checkins("stage", "uncover")] == [2, 3]
    assert len(j.checkins()) == 3


def test_previous_version_is_kept_as_backup_and_no_temp_files_remain() -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "first")
    j.set_entry("exercise.x", "second")
    backup = json.loads(j.backup_path.read_text("utf-8"))
    assert backup["entries"]["exercise.x"]["value"] == "first"
    assert not [p for p in j.path.parent.iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize("damage, reason", [
    (b"", "empty"),
    (b'{"app": "trust-workshop", "schema_ver', "incomplete or damaged"),
    (bytes(range(256)) * 4, "not text"),
    (b"[1, 2, 3]", "not a journal"),
    (json.dumps({"app": "trust-workshop", "schema_version": 99}).encode(), "newer version"),
    (b'{"app": "trust-workshop", "schema_version": 1, "profile": 5}', "expected shape"),
])
def test_a_damaged_journal_is_set_aside_and_the_backup_restored(damage: bytes, reason: str) -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "kept")
    j.set_entry("exercise.y", "latest")
    j.path.write_bytes(damage)

    recovered = jr.Journal.open("Sam")
    assert recovered.entry("exercise.x") == "kept"
    assert len(recovered.notices) == 1 and reason in recovered.notices[0]
    assert "restored" in recovered.notices[0]
    aside = list(j.path.parent.glob("*.damaged-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == damage
    ct.validate(json.loads(j.path.read_text("utf-8")))
    recovered.set_entry("exercise.z", "goes on working")
    assert jr.Journal.open("Sam").entry("exercise.z") == "goes on working"


def test_damaged_journal_and_damaged_backup_start_fresh_with_a_message() -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "one")
    j.set_entry("exercise.x", "two")
    j.path.write_bytes(b"garbage")
    j.backup_path.write_bytes(b"garbage too")
    fresh = jr.Journal.open("Sam")
    assert fresh.entry("exercise.x") is None
    assert "no good backup" in fresh.notices[0]


def test_a_missing_main_file_is_restored_from_the_backup() -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "one")
    j.set_entry("exercise.x", "two")
    j.path.unlink()
    assert jr.Journal.open("Sam").entry("exercise.x") == "one"


def test_two_journal_objects_on_one_profile_never_lose_each_others_answers() -> None:
    a = jr.Journal.open("Sam")
    b = jr.Journal.open("Sam")
    a.set_entry("exercise.a", "from kernel A")
    b.set_entry("exercise.b", "from kernel B")
    a.set_entry("exercise.c", "A again")
    final = jr.Journal.open("Sam")
    assert {k: final.entry(k) for k in ("exercise.a", "exercise.b", "exercise.c")} == {
        "exercise.a": "from kernel A", "exercise.b": "from kernel B", "exercise.c": "A again"}


def _writer(folder: str, tag: str, count: int) -> None:
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = folder
    j = jr.Journal.open("Shared")
    for i in range(count):
        j.set_entry(f"exercise.{tag}{i}", i)


def test_two_processes_writing_one_profile_keep_every_update(data_dir: Path) -> None:
    jr.Journal.open("Shared")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(data_dir), tag, 15)) for tag in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    entries = jr.Journal.open("Shared").data["entries"]
    assert len(entries) == 30


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_keeps_answers_in_memory_nonroot(data_dir: Path) -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "saved")
    os.chmod(j.path.parent, 0o500)
    try:
        with pytest.raises(st.SaveError, match="still here"):
            j.set_entry("exercise.y", "in memory")
    finally:
        os.chmod(j.path.parent, 0o700)


def test_a_failed_write_keeps_answers_in_memory_and_saves_them_later(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "saved")
    real = st.atomic_write

    def disk_full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(st, "atomic_write", disk_full)
    with pytest.raises(st.SaveError, match="disk is full") as err:
        j.set_entry("exercise.y", "not yet on disk")
    assert "Download my journal" in str(err.value)
    assert j.entry("exercise.y") == "not yet on disk"
    assert jr.Journal.open("Sam").entry("exercise.y") is None  # held in memory only
    assert b"not yet on disk" in tf.export_bytes(j)
    monkeypatch.setattr(st, "atomic_write", real)
    j.set_entry("exercise.z", "and this")
    on_disk = jr.Journal.open("Sam")
    assert on_disk.entry("exercise.y") == "not yet on disk" and on_disk.entry("exercise.z") == "and this"


def test_a_held_lock_gives_a_kind_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import filelock

    j = jr.Journal.open("Sam")
    monkeypatch.setattr(st, "LOCK_TIMEOUT_SECONDS", 0.1)
    with filelock.FileLock(str(j.lock_path)):
        with pytest.raises(st.SaveError, match="busy in another window"):
            j.set_entry("exercise.x", "waiting")
    j.save()
    assert jr.Journal.open("Sam").entry("exercise.x") == "waiting"


def test_export_then_import_round_trip_into_an_empty_computer(data_dir: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "ünïcödé and \u202eright-to-left")
    j.record_pulse({"p": 4})
    exported = tf.export_bytes(j)
    monkeypatch.setenv("TRUST_WORKSHOP_DATA_DIR", str(tmp_path / "elsewhere"))
    imported, message = tf.import_journal(exported)
    assert imported.entry("exercise.x") == "ünïcödé and \u202eright-to-left"
    assert "Imported" in message and "kept" not in message
    assert jr.Journal.open("Sam").pulses()[0]["answers"] == {"p": 4}


def test_import_over_an_existing_journal_keeps_a_copy_first() -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "old")
    exported = tf.export_bytes(j)
    j.set_entry("exercise.x", "newer, not exported")
    _, message = tf.import_journal(exported)
    assert "kept as" in message
    copies = list(j.path.parent.glob("*.before-import-*.json"))
    assert len(copies) == 1 and "newer, not exported" in copies[0].read_text("utf-8")
    assert jr.Journal.open("Sam").entry("exercise.x") == "old"


def test_delete_removes_every_file_of_that_profile_only() -> None:
    sam = jr.Journal.open("Sam")
    sam.set_entry("exercise.x", "one")
    sam.set_entry("exercise.x", "two")
    alex = jr.Journal.open("Alex")
    alex.set_entry("exercise.x", "mine")
    pr.remember_last_profile("Sam")
    sam.delete()
    names = [p.name for p in sam.path.parent.iterdir()]
    assert not [n for n in names if n.startswith(sam.path.stem)]
    assert [p.name for p in pr.list_profiles()] == ["Alex"]
    assert pr.last_profile() is None


def test_last_profile_is_remembered() -> None:
    assert pr.last_profile() is None
    pr.remember_last_profile("Sam")
    assert pr.last_profile() == "Sam"


def test_a_journal_saved_under_the_older_file_id_is_adopted(data_dir: Path) -> None:
    """Version 0.1 built the readable part of a file id with lower(); names with 'ß' moved."""
    digest = pr.profile_id("Straße").rsplit("-", 1)[1]
    old = st.profiles_dir() / f"strae-{digest}.json"  # what version 0.1 called it
    assert old.name != pr.journal_path("Straße").name
    data = ct.new_journal("Straße")
    data["entries"]["exercise.x"] = {"value": "written before the upgrade", "updated": "2026-11-01T10:00:00+00:00"}
    st.atomic_write(old, jsonsafe.dumps(data))
    assert jr.Journal.open("STRASSE").entry("exercise.x") == "written before the upgrade"
    assert not old.exists() and pr.journal_path("Straße").exists()


def test_a_journal_saved_before_the_attune_check_in_changed_still_loads_validates_and_scores(data_dir: Path) -> None:
    """2026-12: attune's understand_why and defensive gave way to how_it_happened and blame_moves.

    A journal written before that, with answers to the old ids only, opens, passes the schema, and
    scores exactly as it did then: each new statement reads the answer to the one it replaced.
    """
    from trust_workshop import content
    from trust_workshop.model import progress

    old_answers = {"feelings_taken_seriously": 4, "hurry_up": 2, "stays_close": 4, "patient": 3,
                   "understand_why": 5, "defensive": 1}
    # The score those answers had under the old statements (defensive and hurry_up reverse-keyed).
    then = round(100 * sum(v - 1 for v in (4, 6 - 2, 4, 3, 5, 6 - 1)) / (4 * 6))
    data = ct.new_journal("Sam")
    for kind in ("baseline", "stage"):
        data["checkins"].append({"kind": kind, "stage": "attune", "date": "2026-11-02",
                                 "updated": "2026-11-02T10:00:00+00:00", "answers": dict(old_answers)})
    st.atomic_write(pr.journal_path("Sam"), jsonsafe.dumps(data))

    again = jr.Journal.open("Sam")
    ct.validate(json.loads(again.path.read_text("utf-8")))
    assert again.checkins("stage", "attune")[0]["answers"] == old_answers  # nothing rewritten or dropped
    ids = {it.id for it in content.checkin_items("attune")}
    assert {"understand_why", "defensive"}.isdisjoint(ids) and {"how_it_happened", "blame_moves"} <= ids
    assert progress.checkin_score("attune", old_answers) == then
    assert progress.stage_scores(again.checkins())["attune"] == then
    # The baseline is scored on attune's baseline statements only (issue 18), blame_moves read from defensive.
    short = round(100 * sum(v - 1 for v in (4, 6 - 1)) / (4 * 2))
    short_ids = {it.id for it in content.baseline_items("attune") if it.scored}
    assert short_ids == {"feelings_taken_seriously", "blame_moves"}
    assert progress.pre_post(again.checkins())[content.stage("attune").number].baseline == short
    assert progress.checkin_history(again.checkins(), "attune") == [("2026-11-02", "baseline", short),
                                                                    ("2026-11-02", "stage", then)]
    # A check-in taken after the change answers the new statements, and those answers count.
    new = {**{k: v for k, v in old_answers.items() if k not in ("understand_why", "defensive")},
           "how_it_happened": 1, "blame_moves": 5}
    again.record_checkin("stage", "attune", new, date="2026-12-07")
    assert progress.stage_scores(again.checkins())["attune"] == progress.checkin_score("attune", new) < then
