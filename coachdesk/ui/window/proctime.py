"""How long this process has been running: start-up is measured from the spawn."""

from __future__ import annotations

import os
import time

_IMPORTED = time.perf_counter()


def process_age_ms() -> float | None:
    """Return milliseconds since this process started, where the OS tells (Linux)."""
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", "rb") as handle:
            uptime = float(handle.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return (uptime - start_ticks / ticks) * 1000.0


def since_start_ms() -> float:
    """Milliseconds since the process started, or since this module was imported."""
    age = process_age_ms()
    if age is not None:
        return age
    return (time.perf_counter() - _IMPORTED) * 1000.0
