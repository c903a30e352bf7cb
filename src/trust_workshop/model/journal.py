"""The participant journal: the one persistent state, one file per profile.

Where it lives
    ``$TRUST_WORKSHOP_DATA_DIR`` if set, otherwise the platformdirs user data folder.
    Never inside the course folder, so pulling a new copy of the course never touches it.

How it is written
    Every change is a small *patch* (a function that edits the journal's dict). A save
    takes the file lock, reads the newest file from disk, applies the patches that have
    not been saved yet, validates the result, keeps the previous file as a backup and
    writes the new one atomically (temporary file, fsync, rename). Two kernels that use
    the same profile therefore never overwrite each other's answers. If a save fails
    (disk full, read-only folder, lock held too long) the patches stay pending in memory,
    the page keeps showing the answers, and the next save or an export still has them.

How it is read
    A file that cannot be read, does not match the schema or comes from a newer version
    is set aside (renamed, never deleted) and the backup is used instead. The reason is
    kept in :attr:`Journal.notices` so the notebook can tell the participant plainly.

Safety-check answers are never given to this module, so they can never reach a file.
"""

from __future__ import annotations

import copy
import datetime as dt
import errno
import hashlib
import json
import os
import re
import secrets
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema
import filelock
import platformdirs

from trust_workshop.model import jsonsafe
from trust_workshop.model import passphrase as pp

APP = "trust-workshop"
SCHEMA_VERSION = 1
EXPORT_FORMAT = "trust-workshop-journal"
MAX_NAME_LENGTH = 60
MAX_IMPORT_BYTES = 10 * 1024 * 1024  # a journal, measured as its compact download
MAX_UPLOAD_BYTES = 4 * MAX_IMPORT_BYTES  # the file itself, which may be indented or spaced out
# A journal never grows past what an upload accepts, so every download can be uploaded again.
MAX_JOURNAL_BYTES = MAX_IMPORT_BYTES - 64 * 1024
LOCK_TIMEOUT_SECONDS = 10.0

Patch = Callable[[dict[str, Any]], None]


CHANGED_ELSEWHERE = ("This journal's passphrase was changed in another window. Please open it again with "
                     "the new passphrase.")


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


# --- where files live -------------------------------------------------------------------


def data_dir() -> Path:
    """The folder that holds every profile's journal (created on first use)."""
    override = os.environ.get("TRUST_WORKSHOP_DATA_DIR")
    base = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP, False))
    return base


def profiles_dir() -> Path:
    return data_dir() / "profiles"


def _make_private_dir(folder: Path) -> None:
    """Create a folder only its owner can read (on systems that support it)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def clean_name(name: str) -> str:
    """A profile name as stored: NFC, trimmed, single spaces, no control or invisible characters.

    Tabs and line breaks count as spaces. Characters newer than this Python's Unicode tables
    (a recent emoji, say) are kept. Cleaning a clean name changes nothing.
    """
    if not isinstance(name, str):
        raise ProfileNameError("A profile name must be text.")
    text = "".join(" " if ch.isspace() else ch for ch in name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not text:
        raise ProfileNameError("Please type a name for your profile. A first name or a nickname is fine.")
    if len(text) > MAX_NAME_LENGTH:
        raise ProfileNameError(f"Please keep the profile name to {MAX_NAME_LENGTH} characters or fewer.")
    return text


def fold(text: str) -> str:
    """The form in which two names count as the same: full Unicode case folding with
    compatibility normalisation, so 'Aydın' is 'AYDIN', 'Işık' is 'IŞIK', 'Ｂｅｎ' is 'Ben', and
    Greek accents match however they were typed (precomposed or combining)."""
    text = unicodedata.normalize("NFKD", text).casefold()
    # Turkish and Azeri: dotless ı pairs with I, and İ folds to i with a combining dot above.
    text = text.replace("\u0131", "i").replace("i\u0307", "i")
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text).casefold())


def _legacy_digest(name: str) -> str:
    """The hash part of a profile's file id before fold() (version 0.1: NFC and casefold only)."""
    return hashlib.sha256(clean_name(name).casefold().encode("utf-8")).hexdigest()[:12]


def profile_id(name: str) -> str:
    """A file-safe id for a profile name.

    The readable part keeps only ``a-z``, ``0-9`` and ``-``; a hash of the case-folded
    name follows, so ``"../x"``, ``"CON"`` or names in any script stay inside the data
    folder and different names never share a file. Names that differ only in case or
    spacing are the same profile.
    """
    folded = fold(clean_name(name))
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:24].strip("-") or "profile"
    digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}"


def journal_path(name: str) -> Path:
    return profiles_dir() / f"{profile_id(name)}.json"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def _today() -> str:
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
    now = _now()
    return {
        "app": APP,
        "schema_version": SCHEMA_VERSION,
        "updated": now,
        "profile": {"name": clean_name(name), "created": now},
        "settings": {"context": None, "role": None},
        "entries": {},
        "checkins": [],
        "pulses": [],
    }


def validate(data: Any) -> dict[str, Any]:
    """Check a journal dict; raise JournalError with a plain reason if it is not one."""
    if not isinstance(data, dict):
        raise JournalError("it is not a journal (the file holds no journal data)")
    if data.get("app") != APP:
        raise JournalError("it was not made by this workshop")
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


def parse(raw: bytes) -> dict[str, Any]:
    """Bytes of a journal file to a validated dict; JournalError with a reason otherwise."""
    if not raw.strip():
        raise JournalError("the file is empty")
    try:
        data = jsonsafe.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise JournalError("the file is not text (it may be damaged or another kind of file)") from err
    except RecursionError as err:
        raise JournalError("the file is nested too deeply to be a journal") from err
    except json.JSONDecodeError as err:
        raise JournalError(f"the file is incomplete or damaged (it stops making sense at line {err.lineno})") from err
    except jsonsafe.Unreadable as err:
        raise JournalError(f"the file is damaged: {err}") from err
    return validate(data)


# --- low-level file handling ------------------------------------------------------------


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
    _make_private_dir(path.parent)
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


def _encode(data: Mapping[str, Any]) -> bytes:
    return jsonsafe.dumps(data)


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _kept_copy_path(path: Path, label: str) -> Path:
    """A name for a kept copy of ``path`` that no file has: dated, with a random part, so a
    clock that stands still (or two copies in one microsecond) never reuses a name."""
    while True:
        target = path.with_name(f"{path.stem}.{label}-{_stamp()}-{secrets.token_hex(3)}{path.suffix}")
        if not target.exists():
            return target


def _set_aside(path: Path, label: str) -> Path:
    """Rename a file out of the way (never delete it, never over another) and return its new path."""
    target = _kept_copy_path(path, label)
    if os.name == "posix":
        os.link(path, target)  # fails rather than replace, should a file of that name appear
        os.unlink(path)
    else:
        os.rename(path, target)  # Windows' rename never replaces
    return target


@dataclass(frozen=True)
class ProfileInfo:
    id: str
    name: str
    updated: str
    locked: bool = False


def list_profiles() -> list[ProfileInfo]:
    """The profiles on this computer, by name. Unreadable files are skipped here."""
    folder = profiles_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        if "." in path.stem:  # backups and set-aside copies
            continue
        for candidate in (path, path.with_suffix(".json.bak")):
            try:
                raw = candidate.read_bytes()
                envelope = pp.envelope_of(raw)
                data = envelope if envelope is not None else parse(raw)
            except (OSError, JournalError):
                continue
            found.append(ProfileInfo(path.stem, data["profile"]["name"], data.get("updated", ""),
                                     locked=envelope is not None))
            break
    return sorted(found, key=lambda p: p.name.casefold())


def remember_last_profile(name: str | None) -> None:
    """Remember which profile was used last, so notebooks can select it again."""
    state = {"last_profile": clean_name(name) if name else None}
    try:
        atomic_write(data_dir() / "state.json", _encode(state))
    except OSError:
        pass  # only a convenience; never worth bothering the participant


def last_profile() -> str | None:
    try:
        state = json.loads((data_dir() / "state.json").read_text("utf-8"))
        name = state.get("last_profile")
        return clean_name(name) if isinstance(name, str) else None
    except (OSError, ValueError, AttributeError, JournalError):
        return None


# --- the journal ------------------------------------------------------------------------


class Journal:
    """One participant's journal. Read with :meth:`open`; every change saves at once."""

    def __init__(self, name: str, data: dict[str, Any], notices: list[str] | None = None) -> None:
        self.name = clean_name(name)
        self.path = journal_path(self.name)
        self.data = data
        self.notices: list[str] = list(notices or [])
        self._pending: list[Patch] = []
        self._lock: pp.Lock | None = None
        self._disk_raw: bytes | None = None  # the journal file's bytes as last read (lock held)

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, name: str, passphrase: str | None = None) -> Journal:
        """Open a profile's journal, creating an empty one if it does not exist yet.

        Never raises for a damaged file: it is set aside, the backup is used, and a
        plain explanation is added to :attr:`notices`. A journal locked with a passphrase
        raises :class:`PassphraseError` unless ``passphrase`` opens it; nothing is changed.
        """
        name = clean_name(name)
        journal = cls(name, new_journal(name))
        journal._adopt_legacy_files()
        journal._unlock(passphrase)
        try:
            _make_private_dir(journal.path.parent)
            with journal._locked():
                journal.data = journal._read_or_recover()
                if journal._lock is not None:
                    journal._reseal_side_copies(journal._lock, journal._lock)  # finish a lock cut short
        except (OSError, SaveError) as err:
            # A read-only or full data folder, or a lock held elsewhere: read what is there
            # without repairing anything, and keep new answers in memory until saving works.
            journal.data = journal._read_without_lock()
            reason = _explain_os_error(err) if isinstance(err, OSError) else str(err)
            journal.notices.append(f"{reason.split('. ', 1)[0]}. You can keep working: new answers stay on "
                                   "this page, and 'Download my journal' keeps a copy of everything.")
        return journal

    def _adopt_legacy_files(self) -> None:
        """Rename a journal saved under this name's older file id (version 0.1 built the readable
        part with lower(), not casefold(), so names with 'ß' or a final 'ς' moved)."""
        if self.path.exists():
            return
        digests = {self.path.stem.rsplit("-", 1)[-1], _legacy_digest(self.name)}  # the hash part identifies
        found = [p for digest in sorted(digests) for p in self.path.parent.glob(f"*-{digest}.json")
                 if "." not in p.stem and p != self.path]
        if len(found) != 1:
            return
        legacy = found[0]
        try:
            for old, new in ((legacy.with_suffix(".json.bak"), self.backup_path), (legacy, self.path)):
                if old.exists():
                    os.replace(old, new)
        except OSError:
            pass  # read-only: the journal opens empty here, and the old file stays untouched

    def _unlock(self, passphrase: str | None) -> None:
        """Derive the key of a locked journal from its passphrase (PassphraseError if it fails).

        The journal and its backup are both tried, so one damaged copy never hides the other;
        a passphrase that is right for a damaged copy (its check value matches) still opens the
        profile, and the damaged copy is then set aside like any other.
        """
        found, main_raw = [], None
        for candidate in (self.path, self.backup_path):
            try:
                raw = candidate.read_bytes()
            except OSError:
                continue
            if candidate == self.path:
                main_raw = raw
            envelope = pp.envelope_of(raw)
            if envelope is not None:
                found.append(envelope)
        if not found:
            return
        if main_raw is not None and pp.envelope_of(main_raw) is None and self._plain_journal(main_raw):
            return  # the journal file decides: a plain, readable journal is not locked (read only when it matters)
        if not passphrase:
            raise PassphraseError(pp.NEEDED)
        problems = []
        for envelope in found:
            try:
                lock = pp.Lock.for_envelope(passphrase, envelope)
            except pp.PassphraseProblem as err:
                problems.append(str(err))
                continue
            if lock.opens(envelope) or lock.matches(envelope):
                self._lock = lock
                return
            problems.append(pp.WRONG if lock.matches(envelope) is not True else pp.DAMAGED)
        raise PassphraseError(pp.WRONG if pp.WRONG in problems else problems[0])

    def _plain_journal(self, raw: bytes) -> bool:
        try:
            data = parse(raw)
        except JournalError:
            return False
        return fold(clean_name(data["profile"]["name"])) == fold(self.name)

    @property
    def locked(self) -> bool:
        """True when this journal is encrypted on disk with a passphrase."""
        return self._lock is not None

    def _decode(self, raw: bytes) -> dict[str, Any]:
        """A journal file's bytes to a validated dict, unsealing a locked one with the key."""
        envelope = pp.envelope_of(raw)
        if envelope is None:
            return parse(raw)
        if self._lock is None:
            raise PassphraseError(pp.NEEDED)
        try:
            return parse(self._lock.unseal(envelope))
        except pp.PassphraseProblem as err:
            if self._lock.matches(envelope):
                raise JournalError("the file is damaged (it no longer matches its seal)") from err
            raise PassphraseError(CHANGED_ELSEWHERE) from err

    def _disk_bytes(self, data: Mapping[str, Any]) -> bytes:
        plain = _encode(data)
        if self._lock is None:
            return plain
        return self._lock.seal(self.name, plain)

    def _read_without_lock(self) -> dict[str, Any]:
        for candidate in (self.path, self.backup_path):
            data = self._read_copy(candidate)
            if data is not None:
                return data
        return new_journal(self.name)

    def _read_or_recover(self) -> dict[str, Any]:
        """Read the journal from disk (call with the lock held)."""
        path = self.path
        self._remove_stale_temporaries()
        problem = None
        self._disk_raw = None
        if path.exists():
            try:
                raw = path.read_bytes()
                data = self._decode(raw)
                self._disk_raw = raw  # the file as it is: the next backup, with no second encoding
                return data
            except PassphraseError as err:
                # A copy sealed before check values existed: if the backup opens with this key,
                # the journal file is damaged, not sealed by someone else.
                if str(err) != CHANGED_ELSEWHERE or self._read_backup() is None:
                    raise
                problem = "the file is damaged (it no longer matches its seal)"
            except (OSError, JournalError) as err:
                problem = str(err)
            try:
                aside = _set_aside(path, "damaged")
                where = f" It has been kept, untouched, as {aside.name} in {aside.parent}."
            except OSError:
                where = ""
            restored = self._read_backup()
            if restored is not None:
                atomic_write(path, self._disk_bytes(restored))
                self.notices.append(
                    f"Your journal file could not be read because {problem}.{where} "
                    f"The last good copy (saved {restored.get('updated', 'earlier')}) has been "
                    "restored, so at most your most recent change may be missing."
                )
                return restored
            self.notices.append(
                f"Your journal file could not be read because {problem}.{where} There was no "
                "good backup, so you are starting with an empty journal. If you exported your "
                "answers before, you can import that file below."
            )
            return new_journal(self.name)
        restored = self._read_backup()
        if restored is not None:
            # A save was interrupted between its two renames, or the main file was removed.
            atomic_write(path, self._disk_bytes(restored))
            return restored
        return new_journal(self.name)

    def _remove_stale_temporaries(self) -> None:
        """Delete half-written temporary files left by a save that was killed (lock held).

        Every write of this journal or its backup happens under the lock, so with the lock
        held any temporary file of theirs belongs to a process that died mid-save.
        """
        for tmp in self.path.parent.glob(f".{self.path.stem}.*"):
            try:
                tmp.unlink()
            except OSError:
                pass

    def _read_backup(self) -> dict[str, Any] | None:
        return self._read_copy(self.backup_path)

    def _read_copy(self, path: Path) -> dict[str, Any] | None:
        """A readable journal of this profile at ``path``, or None."""
        try:
            data = self._decode(path.read_bytes())
        except (OSError, JournalError):
            return None
        if fold(clean_name(data["profile"]["name"])) != fold(self.name):
            return None
        return data

    @property
    def backup_path(self) -> Path:
        return self.path.with_suffix(".json.bak")

    @property
    def lock_path(self) -> Path:
        return self.path.with_suffix(".json.lock")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        lock = filelock.FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT_SECONDS)
        try:
            with lock:
                yield
        except filelock.Timeout as err:
            raise SaveError(
                "Your journal is busy in another window and could not be saved just now. "
                "Your answers are still here; they will be saved with your next change."
            ) from err

    # -- saving ---------------------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        """True while some changes exist only in memory."""
        return bool(self._pending)

    def change(self, patch: Patch) -> None:
        """Apply a change in memory, then save it. Raises SaveError if it could not be saved."""
        patch(self.data)
        self._pending.append(patch)
        self.save()

    def save(self) -> None:
        """Write pending changes on top of the newest file on disk."""
        if self._pending:
            self._write(self._lock)

    def _write(self, lock: pp.Lock | None) -> None:
        """Apply pending changes to the newest file on disk and write it sealed with ``lock``.

        The file is read with the current lock and written with ``lock``, so the same step
        saves an answer or locks, re-locks or unlocks the journal. Everything that could be
        refused (a change that breaks the journal's shape, or makes it too big to upload again)
        is checked before anything is written, and that change alone is dropped. Once the main
        file is written the journal *is* in its new state, even if a later step (sealing older
        copies) fails: that step is finished the next time the journal is opened.
        """
        old = self._lock
        written = False
        try:
            with self._locked():
                current = self._read_or_recover()
                updated = copy.deepcopy(current)
                try:
                    for patch in self._pending:
                        patch(updated)
                    updated["updated"] = _now()
                    validate(updated)
                    plain = _encode(updated)
                    # The compact form (the download) is never longer than the file, so it is only
                    # measured when the file itself is over the limit.
                    if len(plain) > MAX_JOURNAL_BYTES and len(jsonsafe.dumps(updated, compact=True)) > \
                            MAX_JOURNAL_BYTES:
                        raise ValueProblem("Your journal is full: it has reached the largest size that can be "
                                           "downloaded and uploaded again. This last change was not saved.")
                    self._lock = lock
                    main = plain if lock is None else lock.seal(self.name, plain)
                    if not self.path.exists():
                        backup = None
                    elif lock is old and self._disk_raw is not None:
                        backup = self._disk_raw
                    else:
                        backup = self._disk_bytes(current)
                except (JournalError, ValueError, TypeError) as err:
                    self._lock = old
                    if self._pending:
                        self._drop_newest_change(current)
                    if isinstance(err, JournalError):
                        raise
                    raise ValueProblem("This answer could not be saved as it is. Nothing was changed, and your "
                                       "other answers are safe.") from err
                # The journal file decides whether the profile is locked, so when the lock changes
                # it is written first: a failure before it leaves everything as it was.
                if lock is not old:
                    atomic_write(self.path, main)
                    written = True
                if backup is not None:
                    atomic_write(self.backup_path, backup)
                if not written:
                    atomic_write(self.path, main)
                    written = True
                self._pending.clear()
                self.data = updated
                if lock is not old:
                    self._reseal_side_copies(old, lock)
        except OSError as err:
            if not written:
                self._lock = old
                raise SaveError(_explain_os_error(err)) from err
            raise SaveError(f"Your journal was saved, but some older copies of it could not be "
                            f"{'sealed' if lock else 'opened'} yet ({_explain_os_error(err).split('. ')[0].lower()}). "
                            "This is finished the next time you open your journal.") from err
        except PassphraseError as err:
            self._lock = old
            raise SaveError(f"{err} Your answers are still here on the page.") from err
        except BaseException:
            if not written:
                self._lock = old
            raise

    def _drop_newest_change(self, on_disk: dict[str, Any]) -> None:
        """Forget the change that made the journal invalid, so it cannot block later saves."""
        self._pending.pop()
        data = copy.deepcopy(on_disk)
        for patch in self._pending:
            patch(data)
        self.data = data

    def keep(self) -> None:
        """Write a new profile's journal file now, so the profile exists from the moment it is made."""
        if self.path.exists() or self.locked:
            return
        try:
            with self._locked():
                if not self.path.exists():
                    atomic_write(self.path, self._disk_bytes(self.data))
        except OSError as err:
            raise SaveError(_explain_os_error(err)) from err

    def reload(self) -> None:
        """Read the newest file from disk, keeping any changes not saved yet."""
        try:
            with self._locked():
                data = self._read_or_recover()
        except (OSError, SaveError, PassphraseError):
            return  # storage trouble: what is in memory is the newest there is
        for patch in self._pending:
            patch(data)
        self.data = data

    # -- the optional passphrase ------------------------------------------------------------

    def set_passphrase(self, new: str, again: str, current: str | None = None) -> None:
        """Lock the journal (or change its passphrase): everything of this profile is sealed.

        Changing a passphrase needs the current one. Raises PassphraseError with a kind
        message, or SaveError if the files could not be written; nothing changes then.
        """
        try:
            pp.check_new(new, again)
        except pp.PassphraseProblem as err:
            raise PassphraseError(str(err)) from err
        self._check_current(current)
        self._write(pp.Lock.new(new))

    def remove_passphrase(self, current: str) -> None:
        """Store the journal unencrypted again (needs the current passphrase)."""
        if self._lock is None:
            return
        self._check_current(current)
        self._write(None)

    def _check_current(self, current: str | None) -> None:
        if self._lock is None:
            return
        if not current or not self._lock.same_passphrase(current):
            raise PassphraseError("That is not this journal's current passphrase. Nothing was changed.")

    def profile_files(self) -> list[Path]:
        """Every file of this profile but its lock: journal, backup, kept copies and temporaries."""
        folder = self.path.parent
        if not folder.is_dir():
            return []
        stem = self.path.stem
        return sorted(p for p in folder.iterdir()
                      if (p.name.startswith(f"{stem}.") or p.name.startswith(f".{stem}.")) and p != self.lock_path)

    def _side_copies(self) -> list[Path]:
        """Set-aside and before-import copies (not the journal, its backup, lock or temporaries)."""
        return [p for p in self.profile_files()
                if not p.name.startswith(".") and p not in (self.path, self.backup_path)]

    def _reseal_side_copies(self, old: pp.Lock | None, new: pp.Lock | None) -> None:
        """Bring every kept copy in line with the journal's lock (call with the file lock held).

        Copies sealed with ``old`` are opened and sealed with ``new`` (or stored plain when the
        passphrase is removed); plain copies are sealed when there is a lock. A copy sealed with
        a key neither opens is left as it is. Stale temporaries, which may hold plain text, go.
        """
        self._remove_stale_temporaries()
        copies = self._side_copies()
        if new is not None and self.backup_path.exists():
            copies.append(self.backup_path)  # a lock cut short may have left it plain
        for copy_path in copies:
            raw = copy_path.read_bytes()
            envelope = pp.envelope_of(raw)
            if envelope is None:
                plain = raw
            else:
                plain = None
                for key in (old, new):
                    if key is None or not key.opens(envelope):
                        continue
                    if key is new:
                        break  # already sealed with the new key
                    plain = key.unseal(envelope)
                    break
                if plain is None:
                    continue
            if new is not None:
                atomic_write(copy_path, new.seal(self.name, plain))
            elif envelope is not None:
                atomic_write(copy_path, plain)

    # -- reading and writing parts --------------------------------------------------------

    @property
    def context(self) -> str | None:
        return self.data["settings"].get("context")

    @property
    def role(self) -> str | None:
        return self.data["settings"].get("role")

    @property
    def region(self) -> str | None:
        """Where the participant lives, for helplines: a region key, 'elsewhere', or None."""
        value = self.data["settings"].get("region")
        return value if isinstance(value, str) else None

    def set_setting(self, key: str, value: str | None) -> None:
        value = _clean(value)

        def patch(d: dict[str, Any]) -> None:
            d["settings"][key] = value

        self.change(patch)

    def entry(self, key: str, default: Any = None) -> Any:
        """The saved value of one exercise, or ``default``."""
        found = self.data["entries"].get(key)
        return copy.deepcopy(found["value"]) if found else default

    def set_entry(self, key: str, value: Any) -> None:
        """Save the value of one exercise (any JSON-compatible value)."""
        stored = {"value": _clean(value), "updated": _now()}  # cleaned or refused at the door

        def patch(d: dict[str, Any]) -> None:
            d["entries"][key] = copy.deepcopy(stored)

        self.change(patch)

    def record_checkin(self, kind: str, stage: str, answers: Mapping[str, int], date: str | None = None) -> None:
        """Save a check-in. Answers given on the same day update that day's check-in."""
        record = _clean({"kind": kind, "stage": stage, "date": date or _today(), "updated": _now(),
                         "answers": dict(answers)})

        def patch(d: dict[str, Any]) -> None:
            _upsert(d["checkins"], record, ("kind", "stage", "date"))

        self.change(patch)

    def checkins(self, kind: str | None = None, stage: str | None = None) -> list[dict[str, Any]]:
        """Saved check-ins, oldest first, optionally filtered."""
        found = [c for c in self.data["checkins"]
                 if (kind is None or c["kind"] == kind) and (stage is None or c["stage"] == stage)]
        return sorted(copy.deepcopy(found), key=lambda c: (c["date"], c["updated"]))

    def record_pulse(self, answers: Mapping[str, int], date: str | None = None) -> None:
        """Save a trust pulse. One pulse per day: a second one that day updates it."""
        record = _clean({"date": date or _today(), "updated": _now(), "answers": dict(answers)})

        def patch(d: dict[str, Any]) -> None:
            _upsert(d["pulses"], record, ("date",))

        self.change(patch)

    def pulses(self) -> list[dict[str, Any]]:
        return sorted(copy.deepcopy(self.data["pulses"]), key=lambda p: p["date"])

    # -- moving and removing --------------------------------------------------------------

    def export_bytes(self) -> bytes:
        """The whole journal as one file the participant can keep or move."""
        package = {
            "format": EXPORT_FORMAT,
            "exported": _now(),
            "journal": self.data,
        }
        return jsonsafe.dumps(package, compact=True)  # compact: whatever is downloaded can be uploaded

    def export_filename(self) -> str:
        return f"trust-journal-{profile_id(self.name)}-{_today()}.json"

    def delete(self) -> None:
        """Remove this profile's journal, backup and set-aside copies from this computer."""
        with self._locked():
            for path in self.profile_files():  # temporaries too: they may hold answers in plain text
                path.unlink(missing_ok=True)
        self.lock_path.unlink(missing_ok=True)
        if last_profile() and profile_id(last_profile()) == profile_id(self.name):
            remember_last_profile(None)
        self._pending.clear()
        self.data = new_journal(self.name)


def _clean(value: Any) -> Any:
    """A value every file can hold and read back, or ValueProblem with a kind message."""
    try:
        return jsonsafe.clean(value)
    except jsonsafe.Unwritable as err:
        raise ValueProblem(str(err)) from err


def _upsert(records: list[dict[str, Any]], record: dict[str, Any], keys: tuple[str, ...]) -> None:
    for i, existing in enumerate(records):
        if all(existing.get(k) == record[k] for k in keys):
            records[i] = copy.deepcopy(record)
            return
    records.append(copy.deepcopy(record))


def _explain_os_error(err: OSError) -> str:
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


# --- import -----------------------------------------------------------------------------


GROUP_SUMMARY_FORMAT = "trust-workshop-group-summary"  # summary.FORMAT; a participant may pick the wrong file
MAX_IMPORT_DEPTH = 64  # a journal is about 8 levels deep; far deeper files break the pages that show them


def _depth(value: Any) -> int:
    """How deeply lists and dicts nest in a parsed JSON value (without recursion)."""
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level + 1)
            todo.extend((v, level + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_import(raw: bytes) -> dict[str, Any]:
    """Check an uploaded file and return the journal it holds; ImportProblem if refused."""
    too_big = ImportProblem(
        f"That file is {len(raw) / 1_048_576:.0f} MB, far bigger than a journal. "
        "Please choose the file you downloaded with 'Download my journal'. Nothing was changed."
    )
    if len(raw) > MAX_UPLOAD_BYTES:
        raise too_big
    if raw[:2] == b"PK":
        raise ImportProblem("That file is a zip archive, not a journal. Unzip it first, or choose the .json file. "
                            "Nothing was changed.")
    try:
        package = jsonsafe.loads(raw.decode("utf-8-sig"))
    except jsonsafe.Unreadable as err:
        raise ImportProblem(f"That file cannot be a journal: {err}. Nothing was changed.") from err
    except UnicodeDecodeError as err:
        raise ImportProblem("That file is not a text file, so it cannot be a journal. Nothing was changed.") from err
    except RecursionError as err:
        raise ImportProblem("That file is nested far too deeply to be a journal. Nothing was changed.") from err
    except json.JSONDecodeError as err:
        raise ImportProblem(
            "That file is not a journal file (it is not readable JSON). Nothing was changed."
        ) from err
    if _depth(package) > MAX_IMPORT_DEPTH:
        raise ImportProblem("That file is nested far too deeply to be a journal. Nothing was changed.")
    if isinstance(package, dict) and package.get("format") == GROUP_SUMMARY_FORMAT:
        raise ImportProblem(
            "That file is a group summary from 'Share my summary with the group', not a journal. To move your "
            "journal, choose the file from 'Download my journal'. Nothing was changed."
        )
    if not isinstance(package, dict) or package.get("format") != EXPORT_FORMAT:
        raise ImportProblem(
            "That file was not made by 'Download my journal' in this workshop, so it was not "
            "imported. Nothing was changed."
        )
    try:
        journal = validate(package.get("journal"))
    except JournalError as err:
        raise ImportProblem(f"That journal file could not be imported because {err}. Nothing was changed.") from err
    # Measured as the workshop writes it, so a file that was only spaced out is not refused,
    # and every journal accepted here can be downloaded and uploaded again.
    if len(jsonsafe.dumps(journal, compact=True)) > MAX_JOURNAL_BYTES:
        raise too_big
    try:
        journal["profile"]["name"] = clean_name(journal["profile"]["name"])
    except ProfileNameError as err:
        raise ImportProblem("That journal file could not be imported because the profile name in it is empty or "
                            "cannot be used. Nothing was changed.") from err
    return journal


def import_journal(raw: bytes, unlocked: Journal | None = None) -> tuple[Journal, str]:
    """Import an exported journal into the profile it names.

    If that profile already has a journal here, it is kept as a dated copy first. If that
    journal is locked with a passphrase, the import needs it open (``unlocked``, the same
    profile opened with its passphrase) and stays locked; otherwise nothing is changed.
    Returns the journal and a sentence for the participant.
    """
    data = read_import(raw)
    name = data["profile"]["name"]
    journal = Journal(name, data)
    _make_private_dir(journal.path.parent)
    try:
        with journal._locked():
            kept = ""
            journal._remove_stale_temporaries()
            files = {p: p.read_bytes() for p in journal.profile_files()}
            sealed = [env for raw_bytes in files.values() if (env := pp.envelope_of(raw_bytes)) is not None]
            if sealed:
                # Locked, whatever state its files are in: the import needs it open with its passphrase.
                key = unlocked._lock if unlocked is not None and unlocked.path == journal.path else None
                if key is None or not any(key.opens(env) or key.matches(env) for env in sealed):
                    raise ImportProblem(
                        f"The journal of '{name}' on this computer is locked with a passphrase. Open it "
                        "with its passphrase at the top of the page, then upload the file again. "
                        "Nothing was changed.")
                journal._lock = key
            existing = files.get(journal.path)
            if existing is not None:
                copy_path = _kept_copy_path(journal.path, "before-import")
                atomic_write(copy_path, existing if not sealed or pp.envelope_of(existing) else
                             journal._lock.seal(name, existing))
                if journal._read_copy(journal.path) is not None:
                    atomic_write(journal.backup_path, existing)  # never a damaged file over a good backup
                kept = f" The journal that was here before was kept as {copy_path.name}."
            atomic_write(journal.path, journal._disk_bytes(data))
    except OSError as err:
        raise ImportProblem(_explain_os_error(err)) from err
    return journal, f"Imported the journal of '{name}'.{kept}"
