"""The participant journal in its file: opened, saved, locked with a passphrase, deleted.

How it is written
    Every change is a small *patch* (a function that edits the journal's dict). A save
    takes the file lock, reads the newest file from disk, applies the patches that have
    not been saved yet, validates the result, keeps the previous file as a backup and
    writes the new one atomically (:mod:`storage`). Two kernels that use the same profile
    therefore never overwrite each other's answers. If a save fails (disk full, read-only
    folder, lock held too long) the patches stay pending in memory, the page keeps showing
    the answers, and the next save or an export still has them.

How it is read
    A file that cannot be read, does not match the schema or comes from a newer version
    is set aside (renamed, never deleted) and the backup is used instead. The reason is
    kept in :attr:`Journal.notices` so the notebook can tell the participant plainly.

What it holds is read through :class:`~trust_workshop.model.contents.Contents`; names and
files of profiles are :mod:`profiles`; import and export are :mod:`transfer`.
Safety-check answers are never given to this module, so they can never reach a file.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from trust_workshop.model import contents as ct
from trust_workshop.model import jsonsafe, profiles
from trust_workshop.model import passphrase as pp
from trust_workshop.model import storage as st
from trust_workshop.model.contents import Patch, clean_name
from trust_workshop.model.names import fold
from trust_workshop.model.storage import ImportProblem, JournalError, PassphraseError, SaveError, ValueProblem

CHANGED_ELSEWHERE = ("This journal's passphrase was changed in another window. Please open it again with "
                     "the new passphrase.")


class Journal(ct.Contents):
    """One participant's journal in its file. Read with :meth:`open`; every change saves at once.

    What it holds is read through :class:`~trust_workshop.model.contents.Contents`."""

    def __init__(self, name: str, data: dict[str, Any], notices: list[str] | None = None) -> None:
        self.name = clean_name(name)
        self.path = profiles.journal_path(self.name)
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
        journal = cls(name, ct.new_journal(name))
        profiles.adopt_legacy_files(journal.path, journal.name)
        journal._unlock(passphrase)
        try:
            st.make_private_dir(journal.path.parent)
            with st.one_writer(journal.lock_path):
                journal.data = journal._read_or_recover()
                if journal._lock is not None:
                    journal._reseal(journal._lock, journal._lock)  # finish a lock cut short
        except (OSError, SaveError) as err:
            # A read-only or full data folder, or a lock held elsewhere: read what is there
            # without repairing anything, and keep new answers in memory until saving works.
            journal.data = journal._read_without_lock()
            reason = st.explain_os_error(err) if isinstance(err, OSError) else str(err)
            journal.notices.append(f"{reason.split('. ', 1)[0]}. You can keep working: new answers stay on "
                                   "this page, and 'Download my journal' keeps a copy of everything.")
        return journal

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
            data = ct.parse(raw)
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
            return ct.parse(raw)
        if self._lock is None:
            raise PassphraseError(pp.NEEDED)
        try:
            return ct.parse(self._lock.unseal(envelope))
        except pp.PassphraseProblem as err:
            if self._lock.matches(envelope):
                raise JournalError("the file is damaged (it no longer matches its seal)") from err
            raise PassphraseError(CHANGED_ELSEWHERE) from err

    def _disk_bytes(self, data: Mapping[str, Any]) -> bytes:
        plain = jsonsafe.dumps(data)
        if self._lock is None:
            return plain
        return self._lock.seal(self.name, plain)

    def _read_without_lock(self) -> dict[str, Any]:
        for candidate in (self.path, self.backup_path):
            data = self._read_copy(candidate)
            if data is not None:
                return data
        return ct.new_journal(self.name)

    def _read_or_recover(self) -> dict[str, Any]:
        """Read the journal from disk (call with the lock held)."""
        path = self.path
        st.remove_temporaries(self.path)
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
                aside = st.set_aside(path, "damaged")
                where = f" It has been kept, untouched, as {aside.name} in {aside.parent}."
            except OSError:
                where = ""
            restored = self._read_backup()
            if restored is not None:
                st.atomic_write(path, self._disk_bytes(restored))
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
            return ct.new_journal(self.name)
        restored = self._read_backup()
        if restored is not None:
            # A save was interrupted between its two renames, or the main file was removed.
            st.atomic_write(path, self._disk_bytes(restored))
            return restored
        return ct.new_journal(self.name)

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

    # -- saving ---------------------------------------------------------------------------

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
            with st.one_writer(self.lock_path):
                current = self._read_or_recover()
                updated = copy.deepcopy(current)
                try:  # everything that could refuse the change comes before anything is written
                    plain = ct.apply(updated, self._pending)
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
                    st.atomic_write(self.path, main)
                    written = True
                if backup is not None:
                    st.atomic_write(self.backup_path, backup)
                if not written:
                    st.atomic_write(self.path, main)
                    written = True
                self._pending.clear()
                self.data = updated
                if lock is not old:
                    self._reseal(old, lock)
        except OSError as err:
            if not written:
                self._lock = old
                raise SaveError(st.explain_os_error(err)) from err
            why = st.explain_os_error(err).split(". ")[0].lower()
            raise SaveError(f"Your journal was saved, but some older copies of it could not be "
                            f"{'sealed' if lock else 'opened'} yet ({why}). "
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
            with st.one_writer(self.lock_path):
                if not self.path.exists():
                    st.atomic_write(self.path, self._disk_bytes(self.data))
        except OSError as err:
            raise SaveError(st.explain_os_error(err)) from err

    def reload(self) -> None:
        """Read the newest file from disk, keeping any changes not saved yet."""
        try:
            with st.one_writer(self.lock_path):
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

    # -- reading and writing parts --------------------------------------------------------

    def set_setting(self, key: str, value: str | None) -> None:
        self.change(ct.setting_patch(key, value))

    def set_entry(self, key: str, value: Any) -> None:
        """Save the value of one entry (any JSON-compatible value; see :func:`contents.entry_key`)."""
        self.change(ct.entry_patch(key, value))

    def record_checkin(self, kind: str, stage: str, answers: Mapping[str, int], date: str | None = None) -> None:
        """Save a check-in. Answers given on the same day update that day's check-in."""
        self.change(ct.checkin_patch(kind, stage, answers, date))

    def set_reminders(self, value: Mapping[str, Any]) -> None:
        """Save the calendar reminder choices (titles, days, times; see :mod:`calendar`)."""
        self.change(ct.reminders_patch(value))

    def record_pulse(self, answers: Mapping[str, int], date: str | None = None) -> None:
        """Save a trust pulse. One pulse per day: a second one that day updates it."""
        self.change(ct.pulse_patch(answers, date))

    # -- files ----------------------------------------------------------------------------

    def profile_files(self) -> list[Path]:
        """Every file of this profile but its lock: journal, backup, kept copies and temporaries."""
        return profiles.files_of(self.path)

    def _reseal(self, old: pp.Lock | None, new: pp.Lock | None) -> None:
        """Bring every kept copy in line with the journal's lock (call with the file lock held)."""
        st.remove_temporaries(self.path)
        copies = profiles.side_copies(self.path)
        if new is not None and self.backup_path.exists():
            copies.append(self.backup_path)  # a lock cut short may have left it plain
        pp.reseal_files(copies, old, new, self.name)

    def take_import(self, data: dict[str, Any], unlocked: Journal | None) -> str:
        """Make an imported journal (already read and checked) this profile's journal, keeping
        the one that was here as a dated copy; returns a sentence about that copy, or "".

        A locked profile stays locked: ``unlocked`` must be this profile opened with its
        passphrase, or ImportProblem is raised and nothing changes. Call on ``Journal(name, data)``.
        """
        st.make_private_dir(self.path.parent)
        try:
            with st.one_writer(self.lock_path):
                st.remove_temporaries(self.path)
                files = {p: p.read_bytes() for p in self.profile_files()}
                sealed = [env for raw in files.values() if (env := pp.envelope_of(raw)) is not None]
                if sealed:
                    key = unlocked._lock if unlocked is not None and unlocked.path == self.path else None
                    if key is None or not any(key.opens(env) or key.matches(env) for env in sealed):
                        raise ImportProblem(
                            f"The journal of '{self.name}' on this computer is locked with a passphrase. Open it "
                            "with its passphrase at the top of the page, then upload the file again. "
                            "Nothing was changed.")
                    self._lock = key
                kept = ""
                existing = files.get(self.path)
                if existing is not None:
                    copy_path = st.kept_copy_path(self.path, "before-import")
                    st.atomic_write(copy_path, existing if not sealed or pp.envelope_of(existing) else
                                    self._lock.seal(self.name, existing))
                    if self._read_copy(self.path) is not None:
                        st.atomic_write(self.backup_path, existing)  # never a damaged file over a good backup
                    kept = f" The journal that was here before was kept as {copy_path.name}."
                st.atomic_write(self.path, self._disk_bytes(data))
        except OSError as err:
            raise ImportProblem(st.explain_os_error(err)) from err
        return kept

    # -- removing -------------------------------------------------------------------------

    def delete(self) -> None:
        """Remove this profile's journal, backup and set-aside copies from this computer."""
        with st.one_writer(self.lock_path):
            for path in profiles.files_of(self.path):  # temporaries too: they may hold answers in plain text
                path.unlink(missing_ok=True)
        self.lock_path.unlink(missing_ok=True)
        last = profiles.last_profile()
        if last and profiles.profile_id(last) == profiles.profile_id(self.name):
            profiles.remember_last_profile(None)
        self._pending.clear()
        self.data = ct.new_journal(self.name)
