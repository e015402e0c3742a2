"""`coachdesk --demo` leaves nothing behind: not when closed, not when killed politely,
and what a harder end left behind goes at the next demo."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachdesk.paths import JOURNAL_NAME
from coachdesk.store.errors import JournalLocked
from coachdesk.store.lock import WriterLock
from coachdesk.ui.window.demo import DEMO_PREFIX

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals are POSIX")


def _demo_folders(tmp: Path) -> list[Path]:
    return sorted(tmp.glob(DEMO_PREFIX + "*"))


def _held(folder: Path) -> bool:
    lock = WriterLock(folder / (JOURNAL_NAME + ".lock"), folder / JOURNAL_NAME)
    try:
        lock.acquire()
    except JournalLocked:
        return True
    lock.release()
    return False


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_a_demo_ended_by_a_signal_removes_its_folder(tmp_path: Path, stop: str) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    # Left by a demo that was killed hard: nobody holds its lock.
    stale = tmp / (DEMO_PREFIX + "stale")
    stale.mkdir()
    (stale / JOURNAL_NAME).write_bytes(b"")
    # A demo still running in another process: its lock is held, it stays.
    running = tmp / (DEMO_PREFIX + "running")
    running.mkdir()
    (running / JOURNAL_NAME).write_bytes(b"")
    holder = WriterLock(running / (JOURNAL_NAME + ".lock"), running / JOURNAL_NAME).acquire()
    env = {**os.environ, "TMPDIR": str(tmp), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "coachdesk", "--demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        mine: list[Path] = []
        while time.monotonic() < deadline and proc.poll() is None:
            mine = [f for f in _demo_folders(tmp) if f not in (stale, running)]
            if mine and (mine[0] / JOURNAL_NAME).exists() and _held(mine[0]):
                break
            time.sleep(0.1)
        assert mine, proc.stderr.read() if proc.poll() is not None and proc.stderr else "no demo"
        assert not stale.exists()  # the stale one went at start
        time.sleep(1.0)  # the window is up and idle in Qt's event loop
        proc.send_signal(getattr(signal, stop))
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        holder.release()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert _demo_folders(tmp) == [running]
