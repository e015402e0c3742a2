"""Test hooks that make rare failures happen on purpose. Off unless a test turns them on.

Protecting, re-keying and restoring a journal pass through named steps; tests need to
stop the process right after any of them, and to make a write fail as on a full disk,
without root, a small disk or timing luck. ``COACHDESK_FAULTS`` (read once, at the first
call) holds comma-separated orders:

* ``exit-after:PROCESS:STEP`` — end the process at once (``os._exit(86)``, nothing
  flushed or cleaned up, as a power cut would) right after ``STEP`` of ``PROCESS``
  (``protect``, ``rekey``, ``unprotect``, ``restore``);
* ``enospc:AREA`` — make writes in ``AREA`` fail with ``ENOSPC`` (``outputs``: every file
  written through :mod:`coachdesk.store.outputs`; ``backup``: journal backups).

In normal runs the variable is not set and every hook is a dictionary look-up.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

ENV = "COACHDESK_FAULTS"
EXIT_CODE = 86

_orders: frozenset[str] | None = None


def _active() -> frozenset[str]:
    global _orders
    if _orders is None:
        _orders = frozenset(o.strip() for o in os.environ.get(ENV, "").split(",") if o.strip())
    return _orders


def reset() -> None:
    """Read ``COACHDESK_FAULTS`` again (for tests that change it in-process)."""
    global _orders
    _orders = None


def step(process: str, name: str) -> None:
    """Mark that ``process`` has finished step ``name``; end here if a test asked to."""
    if f"exit-after:{process}:{name}" in _active():
        os._exit(EXIT_CODE)


def fail_write_if_asked(path: Path, area: str = "outputs") -> None:
    """Raise ``ENOSPC`` for a write in ``area`` if a test asked for a full disk."""
    if f"enospc:{area}" in _active():
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
