"""A journal protected with a passphrase: telling one apart, its key, and connections.

A protected journal is a SQLCipher 4 file: every page, the write-ahead log and every
backup encrypted with AES-256 under a key derived from the passphrase. An unprotected
journal stays a plain SQLite file that any SQLite tool can read.

:func:`connect` is the one place a connection to a journal file is made: plain
``sqlite3`` without a key, ``sqlcipher3`` keyed with ``PRAGMA key`` with one.

The passphrase itself is never kept. It is turned into a :class:`Key` once per unlock,
with SQLCipher 4's own key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, the
file's 16-byte salt), and connections are keyed with that raw key. So the costly
derivation runs once rather than for every connection (the checks, the writer, each
backup), and any SQLCipher 4 tool still opens the file with the passphrase alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import sqlite3
from pathlib import Path
from typing import cast

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
# SQLCipher 4's defaults, kept so that the file opens in any SQLCipher 4 tool with the
# passphrase; 256,000 iterations cost about a quarter of a second per unlock.
KDF_DIGEST = "sha512"
KDF_ITERATIONS = 256_000
# SQLCipher 4's page size: a protected journal's size is always a multiple of it.
PAGE_SIZE = 4096
# Of 4,080 random bytes, all 256 values appear with near certainty; a SQLite page
# (text, small integers, zeroed free space) shows far fewer.
_RANDOM_LOOKING = 240

# A conversion (protect, unprotect) writes the new file under CONVERTING, moves the old
# one to PREVIOUS, renames the new one into place, then wipes PREVIOUS. Opening the
# journal for writing finishes or undoes a conversion that was interrupted.
CONVERTING_SUFFIX = ".converting"
PREVIOUS_SUFFIX = ".previous"


class Key:
    """The key of one protected file: derived from its passphrase and its salt.

    Holds the derived key, never the passphrase. ``repr`` shows nothing of it.
    """

    __slots__ = ("_material", "salt")

    def __init__(self, material: bytes, salt: bytes) -> None:
        if len(material) != KEY_BYTES or len(salt) != SALT_BYTES:
            raise ValueError("a key is 32 bytes with a 16-byte salt")
        self._material = bytearray(material)
        self.salt = bytes(salt)

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> Key:
        """Derive the key for a file with ``salt`` as SQLCipher 4 does (the slow step)."""
        material = hashlib.pbkdf2_hmac(
            KDF_DIGEST, passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
        )
        return cls(material, salt)

    @classmethod
    def new(cls, passphrase: str) -> Key:
        """Derive a key with a fresh random salt, for a file about to be written."""
        return cls.derive(passphrase, os.urandom(SALT_BYTES))

    @classmethod
    def for_file(cls, path: Path, passphrase: str) -> Key:
        """Derive the key that ``passphrase`` gives for the protected file at ``path``."""
        return cls.derive(passphrase, salt_of(path))

    def pragma_value(self) -> str:
        """The value for ``PRAGMA key``/``ATTACH … KEY``: the raw key and the salt in hex."""
        if not any(self._material):
            raise ValueError("this key was forgotten")
        return f"x'{self._material.hex()}{self.salt.hex()}'"

    def same_as(self, other: Key) -> bool:
        """True when both are the same key (compared in constant time)."""
        return self.salt == other.salt and hmac.compare_digest(self._material, other._material)

    def copy(self) -> Key:
        """Return an independent copy (forgetting one leaves the other usable)."""
        return Key(bytes(self._material), self.salt)

    def forget(self) -> None:
        """Overwrite the key in memory (best effort: Python may hold other copies)."""
        for i in range(len(self._material)):
            self._material[i] = 0

    def __repr__(self) -> str:
        return "Key(<hidden>)"


def looks_protected(path: Path) -> bool:
    """True when ``path`` is a protected journal rather than a plain or damaged one.

    A SQLCipher file has no plain header at all: it starts with its salt, and every
    page, the first included, looks like random bytes. A SQLite file whose header was
    damaged still has a page of ordinary SQLite content behind it.
    """
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            first = handle.read(PAGE_SIZE)
    except OSError:
        return False  # opening it reports the real problem
    if size == 0 or size % PAGE_SIZE or len(first) < PAGE_SIZE:
        return False
    if first.startswith(SQLITE_HEADER):
        return False
    return len(set(first[SALT_BYTES:])) >= _RANDOM_LOOKING


def salt_of(path: Path) -> bytes:
    """Return the salt a protected file starts with."""
    with open(path, "rb") as handle:
        return handle.read(SALT_BYTES)


# How long a connection waits for another one's lock before SQLite reports "busy".
BUSY_TIMEOUT_MS = 5000


def connect(path: Path, *, readonly: bool, key: Key | None, timeout: float) -> sqlite3.Connection:
    """Open a connection to a journal file: plain SQLite, or SQLCipher keyed with ``key``.

    A keyed connection is returned as what it behaves as: its module mirrors
    ``sqlite3``'s API (its exceptions are its own; see ``errors.sqlite_errors``).
    """
    if key is None:
        if readonly:
            uri = path.absolute().as_uri() + "?mode=ro"
            return sqlite3.connect(uri, uri=True, timeout=timeout)
        return sqlite3.connect(path, timeout=timeout)

    # Loaded only for a protected journal: an unprotected one never pays for it.
    from sqlcipher3 import dbapi2 as sqlcipher

    if readonly:
        conn = sqlcipher.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=timeout)
    else:
        conn = sqlcipher.connect(str(path), timeout=timeout)
    try:
        # SQLCipher logs a failed page check (a wrong key) to stderr by default; the
        # user is told in words instead, and nothing of a key may reach a log.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f'PRAGMA key = "{key.pragma_value()}"')
        # Pins SQLCipher 4's page size, HMAC and key derivation, whatever later
        # SQLCipher versions choose by default.
        conn.execute("PRAGMA cipher_compatibility = 4")
    except BaseException:
        conn.close()
        raise
    return cast(sqlite3.Connection, conn)


def wipe_file(path: Path) -> bool:
    """Overwrite ``path`` with zeros, sync it to disk, then delete it.

    Best effort, and no guarantee: solid-state disks and copy-on-write or journaling
    file systems may keep the old blocks elsewhere. Returns True when the file was
    both overwritten and deleted (or was already gone).
    """
    overwritten = True
    try:
        with open(path, "r+b", buffering=0) as handle:
            left = os.fstat(handle.fileno()).st_size
            zeros = bytes(1 << 20)
            while left > 0:
                written = handle.write(zeros[: min(left, len(zeros))])
                left -= written or 0
            os.fsync(handle.fileno())
    except FileNotFoundError:
        return True
    except OSError:
        overwritten = False
    try:
        path.unlink()
    except FileNotFoundError:
        pass  # already gone: nothing left to wipe
    except OSError:
        return False
    return overwritten


def sync_file(path: Path) -> None:
    """Flush a file's contents to the disk."""
    with open(path, "rb") as handle, contextlib.suppress(OSError):
        os.fsync(handle.fileno())
