"""Long operations on the large journal, and how long the window goes without painting.

Run by benchmarks/run.py, which passes the large journal's folder (and the number of
runs). For protecting the journal, changing its passphrase, restoring its protected
backup and exporting it, each run times the operation twice on a fresh copy: as the
window once ran it (nothing told, the window waiting) and as it runs it now (the
progress dialog told, the work on a worker thread). A 20 ms timer ticks meanwhile; the
longest gap between two ticks is how long the window could not paint. Prints one JSON
line: for each operation and way, the median time and the median and worst longest gap.
"""

from __future__ import annotations

import itertools
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from coachdesk.paths import Paths, resolve
from coachdesk.store import protection, transfer
from coachdesk.store.backups import list_backups
from coachdesk.store.db import Journal
from coachdesk.store.progress import Progress
from coachdesk.store.restore import restore
from coachdesk.ui.widgets.progress import progress_of

# Not a secret: it protects a copy of a generated sample team.
PASSPHRASE = "bench passphrase for a sample team"


class Ticks:
    """A 20 ms timer's ticks while an operation runs."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def measure(self, work: Callable[[], object]) -> tuple[float, float]:
        """Run ``work``; return how long it took and the longest gap, in milliseconds."""
        QApplication.processEvents()
        self.times = [time.perf_counter()]
        self.timer.start()
        started = time.perf_counter()
        work()
        ended = time.perf_counter()
        self.timer.stop()
        ticks = [*self.times, ended]
        gap = max(b - a for a, b in itertools.pairwise(ticks))
        return (ended - started) * 1000, gap * 1000


def _fresh(data: str) -> Paths:
    work = resolve(Path(tempfile.mkdtemp(prefix="coachdesk-bench-")))
    work.ensure()
    shutil.copyfile(resolve(data).journal, work.journal)
    return work


def _with_dialog(window: QWidget, run: Callable[[Progress], object], cancel: bool) -> None:
    with progress_of(window, "coachdesk", "Working…", can_cancel=cancel) as dialog:
        run(dialog.tell)


def one_run(data: str, window: QWidget, ticks: Ticks, told: bool) -> dict[str, tuple[float, float]]:
    """Protect, change the passphrase, export, restore: each timed, told or not."""
    paths = _fresh(data)
    journal = Journal.open(paths)
    journal.verify()
    found: dict[str, tuple[float, float]] = {}

    def run(name: str, operation: Callable[[Progress | None], object], cancel: bool) -> None:
        if told:
            found[name] = ticks.measure(lambda: _with_dialog(window, operation, cancel))
        else:
            found[name] = ticks.measure(lambda: operation(None))

    run("protect", lambda p: protection.protect(journal, PASSPHRASE, progress=p), True)
    run(
        "change passphrase",
        lambda p: protection.change_passphrase(journal, PASSPHRASE, PASSPHRASE, progress=p),
        False,
    )
    out = paths.data_dir / "export.json"
    run(
        "export",
        lambda p: transfer.export_file(journal, out, include_private=True, progress=p),
        True,
    )
    backup = next(b for b in list_backups(paths) if "protected" in b.name)
    key = journal.key.copy() if journal.key is not None else None
    journal.close()
    run(
        "restore",
        lambda p: restore(paths, backup, passphrase=PASSPHRASE, current_key=key, progress=p),
        True,
    )
    shutil.rmtree(paths.data_dir, ignore_errors=True)
    return found


def main() -> None:
    """Time each operation both ways, ``runs`` times, and print the figures."""
    data = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(800, 600)
    window.show()
    ticks = Ticks()
    results: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for _ in range(runs):
        for told in (False, True):
            way = "with progress" if told else "as before"
            for name, measured in one_run(data, window, ticks, told).items():
                results.setdefault(name, {}).setdefault(way, []).append(measured)
    summary: dict[str, object] = {}
    for name, ways in results.items():
        for way, timed in ways.items():
            summary[f"{name}, {way}"] = {
                "median_ms": round(statistics.median(t for t, _ in timed)),
                "longest_gap_median_ms": round(statistics.median(g for _, g in timed)),
                "longest_gap_max_ms": round(max(g for _, g in timed)),
                "n": len(timed),
            }
    window.close()
    app.quit()
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
