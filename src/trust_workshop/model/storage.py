"""Where journals live and how files are written: atomically, kept aside (never deleted), and
one writer at a time. Also the journal's family of errors, each a plain sentence for the page."""

from __future__ import annotations

import datetime as dt
import errno
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock
import platformdirs

APP = "trust-workshop"
LOCK_TIMEOUT_SECONDS = 10.0


class JournalError(Exception):
    """A problem the participant should hear about in plain words (``str(err)``)."""


class ProfileNameError(JournalError):
    pass


class SaveError(JournalError):
    """The journal could not be written; the answers are still held in memory."""


class ValueProblem(JournalError):
    """An answer that cannot be saved as it is; nothing was changed and later saves still work."""


class ImportProblem(JournalError):
    """An import file was refused; nothing was changed."""


class PassphraseError(JournalError):
    """A locked journal needs its passphrase, or the one given does not open it; nothing changed."""


def data_dir() -> Path:
    """The folder that holds every profile's journal (created on first use).

    ``$TRUST_WORKSHOP_DATA_DIR`` if set, otherwise the platformdirs user data folder: never
    inside the course folder, so pulling a new copy of the course never touches it.
    """
    override = os.environ.get("TRUST_WORKSHOP_DATA_DIR")
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP, False))


def profiles_dir() -> Path:
    return data_dir() / "profiles"


def make_private_dir(folder: Path) -> None:
    """Create a folder only its owner can read (on systems that support it)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes so that readers see the old file or the new one, never half of one."""
    make_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def kept_copy_path(path: Path, label: str) -> Path:
    """A name for a kept copy of ``path`` that no file has: dated, with a random part, so a
    clock that stands still (or two copies in one microsecond) never reuses a name."""
    while True:
        target = path.with_name(f"{path.stem}.{label}-{_stamp()}-{secrets.token_hex(3)}{path.suffix}")
        if not target.exists():
            return target


def set_aside(path: Path, label: str) -> Path:
    """Rename a file out of the way (never delete it, never over another) and return its new path."""
    target = kept_copy_path(path, label)
    if os.name == "posix":
        os.link(path, target)  # fails rather than replace, should a file of that name appear
        os.unlink(path)
    else:
        os.rename(path, target)  # Windows' rename never replaces
    return target


def remove_temporaries(path: Path) -> None:
    """Delete half-written temporary files of ``path`` left by a save that was killed.

    Call with the file's lock held: every write happens under it, so any temporary file
    then belongs to a process that died mid-save.
    """
    for tmp in path.parent.glob(f".{path.stem}.*"):
        try:
            tmp.unlink()
        except OSError:
            pass


@contextmanager
def one_writer(lock_path: Path) -> Iterator[None]:
    """Hold the file lock beside a journal; SaveError (a kind sentence) if it stays busy."""
    lock = filelock.FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            yield
    except filelock.Timeout as err:
        raise SaveError(
            "Your journal is busy in another window and could not be saved just now. "
            "Your answers are still here; they will be saved with your next change."
        ) from err


def explain_os_error(err: OSError) -> str:
    """A storage failure in plain words, with what the participant can do about it."""
    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        reason = "the disk is full"
    elif err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "this computer does not allow saving in the journal folder"
    elif err.errno == errno.EFBIG:
        reason = "the journal reached a file-size limit set on this computer"
    else:
        reason = f"of a problem with the computer's storage ({err.strerror or err})"
    return (
        f"Your answers could not be saved because {reason}. They are still here on the "
        "page, so nothing is lost yet: please use 'Download my journal' to keep a copy, "
        "and tell your facilitator."
    )
