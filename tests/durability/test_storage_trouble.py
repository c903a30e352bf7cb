"""Damaged journal files, a full disk and a read-only data folder, as a participant meets them.

The notebook goes on working in every case: a damaged file is set aside and the backup
restored with a plain message; when nothing can be written, the answers stay on the page
and in 'Download my journal'.
"""

from __future__ import annotations

import base64
import errno
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import trust_workshop as tw
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.model import storage as st
from trust_workshop.views import session as session_module
from trust_workshop.views.my_data import MyData

from .. import ui
from ..conftest import restart_kernel

DAMAGE = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "binary": lambda good: bytes(range(256)) * 8,
    "future version": lambda good: json.dumps({**json.loads(good), "schema_version": 7}).encode(),
}


def _type(view, text: str) -> None:
    first = next(iter(view.boxes))
    view.boxes[first].value = text


def _typed(view) -> str:
    return view.boxes[next(iter(view.boxes))].value


def _download(panel: MyData) -> dict:
    ui.click(panel, "Download my journal")
    href = re.search(r"base64,([A-Za-z0-9+/=]+)", ui.markup(panel)).group(1)
    return json.loads(base64.b64decode(href))


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_journal_is_set_aside_the_backup_restored_and_the_notebook_goes_on(kind: str, opened) -> None:
    _type(tw.reflection("uncover"), "first answer")
    _type(tw.reflection("uncover"), "second answer")
    path = opened.journal.path
    good = path.read_bytes()
    path.write_bytes(DAMAGE[kind](good))

    s = restart_kernel()
    panel = session_module.ProfilePanel()
    assert "Please read:" in panel.status and "restored" in panel.status
    assert list(path.parent.glob("*.damaged-*.json")), "the damaged file must be kept, not deleted"
    view = tw.reflection("uncover")
    assert _typed(view) == "first answer"  # the backup holds the answer before the last
    _type(view, "carrying on")
    assert "Saved" in view.status
    assert jr.Journal.open(s.journal.name).entry("reflection.uncover")[next(iter(view.boxes))] == "carrying on"


def _raise(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize("code, says", [(errno.ENOSPC, "disk is full"),
                                        (errno.EROFS, "does not allow saving"),
                                        (errno.EACCES, "does not allow saving")])
def test_when_nothing_can_be_written_answers_stay_on_the_page_and_in_the_download(
        code: int, says: str, opened, monkeypatch: pytest.MonkeyPatch) -> None:
    view = tw.reflection("uncover")
    _type(view, "saved before the trouble")
    with monkeypatch.context() as trouble:
        trouble.setattr(st.tempfile, "mkstemp", _raise(code))
        _type(view, "typed while the disk cannot be written")
        assert says in view.status and "still here" in view.status
        assert _typed(view) == "typed while the disk cannot be written"
        exported = _download(MyData())
        first = next(iter(view.boxes))
        assert exported["journal"]["entries"]["reflection.uncover"]["value"][first] == \
            "typed while the disk cannot be written"
    _type(view, "and saved again once the disk is fine")
    assert jr.Journal.open("Sam").entry("reflection.uncover")[first] == "and saved again once the disk is fine"


def _mount_tmpfs(where: Path, size: str) -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A real 512 KiB file system as the data folder (Linux, as root: CI runs that way)."""
    where = tmp_path / "small-disk"
    if not _mount_tmpfs(where, "512k"):
        pytest.skip("needs root on Linux to mount a small tmpfs; the simulated cases above still run")
    monkeypatch.setenv("TRUST_WORKSHOP_DATA_DIR", str(where))
    session_module.reset_session()
    try:
        yield where
    finally:
        session_module.reset_session()
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_really_full_disk_keeps_answers_in_memory_and_the_old_file_intact(small_disk: Path) -> None:
    s = session_module.session()
    s.open("Sam")
    view = tw.reflection("uncover")
    _type(view, "written while there was room")
    before = pr.journal_path("Sam").read_bytes()
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last byte
        while True:
            os.write(fd, b"\0" * 512)
    except OSError as err:
        assert err.errno == errno.ENOSPC
    finally:
        os.close(fd)
    _type(view, "a long answer " * 200)
    assert "disk is full" in view.status
    assert pr.journal_path("Sam").read_bytes() == before, "a failed save must leave the last good file alone"
    assert not list(st.profiles_dir().glob(".*.tmp")), "no half-written file may be left behind"
    assert "a long answer" in _download(MyData())["journal"]["entries"]["reflection.uncover"]["value"][
        next(iter(view.boxes))]
    filler.unlink()
    _type(view, "room again")
    assert jr.Journal.open("Sam").entry("reflection.uncover")[next(iter(view.boxes))] == "room again"


def test_a_read_only_data_folder_opens_read_only_with_a_message(small_disk: Path) -> None:
    s = session_module.session()
    s.open("Sam")
    _type(tw.reflection("uncover"), "saved before it became read-only")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        s = restart_kernel()
        assert s.journal is not None and s.journal.notices
        panel = session_module.ProfilePanel()
        assert "does not allow saving" in panel.status and "keep working" in panel.status
        view = tw.reflection("uncover")
        assert _typed(view) == "saved before it became read-only"
        _type(view, "kept in memory")
        assert "does not allow saving" in view.status
        assert _typed(view) == "kept in memory"
        entries = _download(MyData())["journal"]["entries"]
        assert entries["reflection.uncover"]["value"][next(iter(view.boxes))] == "kept in memory"
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)


def _limited_saver(folder: str) -> None:  # pragma: no cover - runs in a child process
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = folder
    journal = jr.Journal.open("Sam")
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
    try:
        journal.set_entry("exercise.big", "x" * 200_000)
    except st.SaveError as err:
        print("SAVE-ERROR", err)
    print("ON-DISK", jr.Journal.open("Sam").entry("exercise.big") is not None, "IN-MEMORY",
          len(journal.entry("exercise.big")))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE behaves this way on Linux")
def test_a_write_cut_off_half_way_leaves_the_last_good_journal(data_dir: Path) -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.small", "safe")
    before = j.path.read_bytes()
    code = ("import sys; sys.path[:0] = sys.argv[2:]; "
            "from tests.durability.test_storage_trouble import _limited_saver; _limited_saver(sys.argv[1])")
    root = str(Path(__file__).resolve().parents[2])
    out = subprocess.run([sys.executable, "-c", code, str(data_dir), root], capture_output=True, text=True,
                         timeout=120)
    assert "SAVE-ERROR" in out.stdout and "file-size limit" in out.stdout, out.stdout + out.stderr
    assert "ON-DISK False IN-MEMORY 200000" in out.stdout
    assert j.path.read_bytes() == before
    assert jr.Journal.open("Sam").entry("exercise.small") == "safe"
    assert not list(j.path.parent.glob(".*.tmp"))
