"""Kill the real window with SIGKILL while (and after) typing: at most a second is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachdesk.paths import resolve
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal

CHILD = Path(__file__).with_name("typing_child.py")
ALPHABET = "abcdefghijklmnopqrstuvwxyz"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
]


def expected(count: int) -> str:
    """The text after ``count`` keys."""
    return "".join(ALPHABET[i % len(ALPHABET)] for i in range(count))


def run_and_kill(
    data_dir: Path, keys: int, *, kill_after_key: int | None, linger: float
) -> tuple[list[tuple[float, int]], float]:
    """Start the typing window; kill it after key N (or ``linger`` s after the last)."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(keys)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None
    reports: list[tuple[float, int]] = []
    try:
        for line in child.stdout:
            line = line.strip()
            if line == "ready":
                continue
            if line == "done":
                time.sleep(linger)
                break
            stamp, count = line.split()
            reports.append((float(stamp), int(count)))
            if kill_after_key is not None and int(count) == kill_after_key:
                time.sleep(0.05)  # between two keys
                break
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    return reports, killed_at


def saved_notes(data_dir: Path) -> str:
    """Reopen the journal after the kill and read the note."""
    with Journal.open(resolve(data_dir)) as journal:
        assert journal.check().ok
        rep = reps.list_reps(journal)[0]
        meeting = meetings.last_meeting(journal, rep.id)
        assert meeting is not None
        return meeting.notes


def typed_by(reports: list[tuple[float, int]], moment: float) -> int:
    """How many keys had been typed at ``moment``."""
    return max((count for stamp, count in reports if stamp <= moment), default=0)


def test_killed_after_typing_stopped_loses_nothing(tmp_path: Path) -> None:
    reports, _killed = run_and_kill(tmp_path / "a", 30, kill_after_key=None, linger=1.5)
    assert reports[-1][1] == 30
    assert saved_notes(tmp_path / "a") == expected(30)


def test_killed_mid_typing_loses_at_most_the_last_second(tmp_path: Path) -> None:
    reports, killed_at = run_and_kill(tmp_path / "b", 60, kill_after_key=37, linger=0)
    notes = saved_notes(tmp_path / "b")
    typed = reports[-1][1]
    assert expected(typed).startswith(notes)  # nothing garbled, only a tail may be missing
    must_have = typed_by(reports, killed_at - 1.0)
    assert len(notes) >= must_have, (len(notes), must_have, typed)
