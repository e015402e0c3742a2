"""Helpers for the store's safety tests: looking at the files on disk, and child processes.

The safety tests prove what is on disk, so they read files and hashes directly and run
writers in separate processes that can be killed like a crashing app.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from coachdesk.store.db import Journal

SIDECAR_SUFFIXES = ("-wal", "-shm")


def sha256(path: Path) -> str | None:
    """Return the SHA-256 of a file's bytes, or ``None`` if it does not exist."""
    if not path.exists():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(journal: Path) -> dict[str, str | None]:
    """Hash a journal and its ``-wal``/``-shm`` companions (``None`` for a missing one)."""
    files = [journal, *(journal.with_name(journal.name + s) for s in SIDECAR_SUFFIXES)]
    return {p.name: sha256(p) for p in files}


def add_rep(journal: Journal, name: str, notes: str = "") -> int:
    """Add a rep (and, with ``notes``, a meeting holding them) in one write; return its id."""
    now = journal.now()
    with journal.write("reps", "meetings") as db:
        rep_id = db.conn.execute(
            "INSERT INTO reps(name, created_at, updated_at) VALUES (?, ?, ?)", [name, now, now]
        ).lastrowid
        if notes:
            db.conn.execute(
                "INSERT INTO meetings(rep_id, held_at, notes, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [rep_id, now, notes, now, now],
            )
    assert rep_id is not None
    return rep_id


def rep_names(path: Path) -> list[str]:
    """Read the rep names straight from a journal file (read-only, no coachdesk code)."""
    uri = path.absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM reps ORDER BY id")]
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    """Run ``PRAGMA integrity_check`` on a file (read-only); ``["ok"]`` when sound."""
    uri = path.absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def copy_main_file_only(journal: Path, dest: Path) -> Path:
    """Copy the journal file without its ``-wal``: what the file alone holds."""
    shutil.copyfile(journal, dest)
    return dest


def child_code(body: str) -> str:
    """Return Python source for a child process that starts the way coachdesk does."""
    start = textwrap.dedent(
        """
        import sys
        from coachdesk.paths import make_private, resolve
        make_private()
        from coachdesk.store.db import Journal
        """
    )
    return start + textwrap.dedent(body)


def python(
    code: str,
    *args: str,
    umask: int = 0o022,
    unprivileged: bool = False,
    stdin: int | None = None,
    stdout: int | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[str]:
    """Start ``python -c code args…`` with an ordinary umask, as a desktop session would.

    ``unprivileged`` drops the capabilities that let root write into read-only folders,
    so a test run as root still meets the permission checks a user meets. ``env`` adds
    to the environment (``COACHDESK_FAULTS`` for the crash and full-disk hooks).
    """
    command: list[str] = [sys.executable, "-c", code, *args]
    if unprivileged:
        command = [*unprivileged_prefix(), *command]
    return subprocess.Popen(
        command,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        umask=umask,
        env={**os.environ, **(env or {})},
    )


def run_python(code: str, *args: str, unprivileged: bool = False, timeout: float = 60) -> str:
    """Run a child to the end; return its stdout, failing the test if it failed."""
    proc = python(code, *args, unprivileged=unprivileged)
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"child failed ({proc.returncode}):\n{err}"
    return out


def unprivileged_prefix() -> Sequence[str]:
    """Return a command prefix that runs a child without root's permission override."""
    if os.name != "posix":
        pytest.skip("folder permissions are a POSIX test")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
