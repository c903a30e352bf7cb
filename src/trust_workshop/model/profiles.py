"""Profiles on this computer: each name's file, the list of names, and the one used last."""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from trust_workshop.model import jsonsafe
from trust_workshop.model import passphrase as pp
from trust_workshop.model import storage as st
from trust_workshop.model.contents import clean_name, parse
from trust_workshop.model.names import fold
from trust_workshop.model.storage import JournalError


def legacy_digest(name: str) -> str:
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
    return st.profiles_dir() / f"{profile_id(name)}.json"


@dataclass(frozen=True)
class ProfileInfo:
    id: str
    name: str
    updated: str
    locked: bool = False


def list_profiles() -> list[ProfileInfo]:
    """The profiles on this computer, by name. Unreadable files are skipped here."""
    folder = st.profiles_dir()
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
        st.atomic_write(st.data_dir() / "state.json", jsonsafe.dumps(state))
    except OSError:
        pass  # only a convenience; never worth bothering the participant


def last_profile() -> str | None:
    try:
        state = json.loads((st.data_dir() / "state.json").read_text("utf-8"))
        name = state.get("last_profile")
        return clean_name(name) if isinstance(name, str) else None
    except (OSError, ValueError, AttributeError, JournalError):
        return None


def files_of(path: Path) -> list[Path]:
    """Every file of the profile whose journal is ``path``, but its lock: journal, backup, kept
    copies and temporaries."""
    folder = path.parent
    if not folder.is_dir():
        return []
    stem, lock = path.stem, path.with_suffix(".json.lock")
    return sorted(p for p in folder.iterdir()
                  if (p.name.startswith(f"{stem}.") or p.name.startswith(f".{stem}.")) and p != lock)


def side_copies(path: Path) -> list[Path]:
    """Set-aside and before-import copies (not the journal, its backup, lock or temporaries)."""
    return [p for p in files_of(path)
            if not p.name.startswith(".") and p not in (path, path.with_suffix(".json.bak"))]


def adopt_legacy_files(path: Path, name: str) -> None:
    """Rename a journal saved under this name's older file id to ``path`` (version 0.1 built the
    readable part with lower(), not casefold(), so names with 'ß' or a final 'ς' moved)."""
    if path.exists():
        return
    digests = {path.stem.rsplit("-", 1)[-1], legacy_digest(name)}  # the hash part identifies
    found = [p for digest in sorted(digests) for p in path.parent.glob(f"*-{digest}.json")
             if "." not in p.stem and p != path]
    if len(found) != 1:
        return
    legacy = found[0]
    try:
        for old, new in ((legacy.with_suffix(".json.bak"), path.with_suffix(".json.bak")), (legacy, path)):
            if old.exists():
                os.replace(old, new)
    except OSError:
        pass  # read-only: the journal opens empty here, and the old file stays untouched
