"""An optional passphrase for one profile's journal, for partners who share one computer.

The journal is encrypted at rest with Fernet (AES-128-CBC with an HMAC-SHA256 check) from
the ``cryptography`` package, under a key derived from the passphrase with scrypt. The file
on disk then holds only the profile's name (so each person can find theirs in the list),
the scrypt settings and salt, a short check value of the key (so a damaged file can be told
apart from a wrong passphrase) and the sealed journal. Nothing else, not even a date, is
readable. Nobody can open it without the
passphrase, and there is no way to recover it: forgetting the passphrase loses the journal.

The key is derived once, when the journal is opened, and kept only in the kernel's memory.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trust_workshop.model import jsonsafe
from trust_workshop.model import storage as st

FORMAT = "trust-workshop-locked-journal"
VERSION = 1
# scrypt's cost: about 0.1 s and 32 MiB once per opening, which makes guessing slow.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
MIN_LENGTH = 6
MAX_LENGTH = 1024

FORGET_WARNING = ("If you forget this passphrase, nobody can open your journal again: not you, not your "
                  "facilitator, not the people who made this workshop. There is no reset. Consider writing "
                  "it down somewhere only you can reach, and download a copy of your journal from time to time.")


class PassphraseProblem(Exception):
    """A passphrase that is missing, too short, or does not open the journal (``str(err)`` is kind)."""


def _text(passphrase: str) -> bytes:
    if not isinstance(passphrase, str):
        raise PassphraseProblem("A passphrase must be text.")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_new(passphrase: str, again: str) -> None:
    """Refuse a new passphrase that is too short, too long or typed differently twice."""
    raw = _text(passphrase)
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_LENGTH:
        raise PassphraseProblem(f"Please choose a passphrase of at least {MIN_LENGTH} characters. "
                                "A few words you will remember work well.")
    if len(raw) > MAX_LENGTH:
        raise PassphraseProblem("That passphrase is very long; please choose a shorter one.")
    if _text(again) != raw:
        raise PassphraseProblem("The two passphrases are not the same. Please type them again.")


@dataclass(frozen=True, repr=False)
class Lock:
    """A derived key and the salt and settings it came from. Never written to disk."""

    salt: bytes
    key: bytes
    n: int
    r: int
    p: int

    def __repr__(self) -> str:  # never show the key, even in a traceback
        return "Lock(<hidden>)"

    @classmethod
    def derive(cls, passphrase: str, salt: bytes, n: int, r: int, p: int) -> Lock:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        raw = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(_text(passphrase))
        return cls(salt, base64.urlsafe_b64encode(raw), n, r, p)

    @classmethod
    def new(cls, passphrase: str) -> Lock:
        return cls.derive(passphrase, os.urandom(16), **SCRYPT)

    @classmethod
    def for_envelope(cls, passphrase: str, envelope: dict[str, Any]) -> Lock:
        kdf = envelope["kdf"]
        try:
            salt = base64.b64decode(kdf["salt"], validate=True)
        except (ValueError, TypeError) as err:  # binascii.Error is a ValueError
            raise PassphraseProblem(DAMAGED) from err
        if len(salt) < 8:
            raise PassphraseProblem(DAMAGED)
        return cls.derive(passphrase, salt, kdf["n"], kdf["r"], kdf["p"])

    def check_value(self) -> str:
        """A short value that shows whether a key is the right one, without the journal."""
        return base64.b64encode(hmac.digest(self.key, b"trust-workshop key check", "sha256")[:12]).decode("ascii")

    def matches(self, envelope: dict[str, Any]) -> bool | None:
        """Whether this key is the one the envelope was sealed with (None: the envelope cannot say)."""
        check = envelope.get("check")
        if not isinstance(check, str):
            return None
        return hmac.compare_digest(check, self.check_value())

    def opens(self, envelope: dict[str, Any]) -> bool:
        """True when this key unseals the envelope."""
        try:
            self.unseal(envelope)
        except PassphraseProblem:
            return False
        return True

    def same_passphrase(self, passphrase: str) -> bool:
        other = Lock.derive(passphrase, self.salt, self.n, self.r, self.p)
        return hmac.compare_digest(other.key, self.key)

    def seal(self, name: str, plain: bytes) -> bytes:
        from cryptography.fernet import Fernet

        envelope = {
            "app": "trust-workshop", "format": FORMAT, "version": VERSION,
            "profile": {"name": name},
            "kdf": {"name": "scrypt", "salt": base64.b64encode(self.salt).decode("ascii"),
                    "n": self.n, "r": self.r, "p": self.p},
            "check": self.check_value(),
            "cipher": "fernet", "token": Fernet(self.key).encrypt(plain).decode("ascii"),
        }
        return json.dumps(envelope, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    def unseal(self, envelope: dict[str, Any]) -> bytes:
        from cryptography.fernet import Fernet, InvalidToken

        try:
            return Fernet(self.key).decrypt(envelope["token"].encode("ascii"))
        except (InvalidToken, ValueError, TypeError) as err:
            raise PassphraseProblem(DAMAGED if self.matches(envelope) else WRONG) from err


NEEDED = "This journal is locked with a passphrase. Please type its passphrase to open it."
WRONG = ("That passphrase does not open this journal. Nothing was changed. Check for capital letters, "
         "and try again.")
DAMAGED = ("That passphrase is right, but this copy of the journal is damaged and cannot be opened. "
           "Nothing was changed.")


def envelope_of(raw: bytes) -> dict[str, Any] | None:
    """The locked-journal envelope in a file's bytes, or None if the file is not a locked journal."""
    if FORMAT.encode() not in raw[:4096] and FORMAT.encode() not in raw[-4096:]:
        return None
    try:
        data = jsonsafe.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    kdf = data.get("kdf")
    ok = (isinstance(data.get("token"), str) and isinstance(kdf, dict) and kdf.get("name") == "scrypt"
          and isinstance(kdf.get("salt"), str)
          and all(isinstance(kdf.get(k), int) and not isinstance(kdf.get(k), bool) for k in ("n", "r", "p"))
          and isinstance(data.get("profile"), dict) and isinstance(data["profile"].get("name"), str))
    if not ok or not (2 <= kdf["n"] <= 2**20 and 1 <= kdf["r"] <= 32 and 1 <= kdf["p"] <= 16):
        return None
    return data


def reseal_files(paths: list[Path], old: Lock | None, new: Lock | None, owner: str) -> None:
    """Bring kept copies of a journal in line with its lock.

    Copies sealed with ``old`` are opened and sealed with ``new`` (or stored plain when the
    passphrase is removed); plain copies are sealed when there is a lock. A copy sealed with
    a key neither opens is left as it is.
    """
    for path in paths:
        raw = path.read_bytes()
        envelope = envelope_of(raw)
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
            st.atomic_write(path, new.seal(owner, plain))
        elif envelope is not None:
            st.atomic_write(path, plain)
