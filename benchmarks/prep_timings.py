"""Prep-sheet timings on the large journal (run by benchmarks/run.py).

Prints one JSON line: one rep's sheet written as PDF (median of several), and a pack
of 50 reps with its cover. With ``pack N`` after the journal's folder: one pack of the
first N active reps, its time, pages and the process's peak memory (each size is timed
in a process of its own, so one pack's memory does not hide another's).
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from coachdesk.dates import today
from coachdesk.paths import resolve
from coachdesk.render.prep_sheet import write_pdf
from coachdesk.store import reps
from coachdesk.store.db import Journal

sys.path.insert(0, str(Path(__file__).parent))
from run import summary


def _open_copy(data: str) -> Journal:
    work = resolve(Path(tempfile.mkdtemp(prefix="coachdesk-bench-")))
    work.ensure()
    shutil.copyfile(resolve(data).journal, work.journal)
    return Journal.open(work)


def pack(data: str, size: int) -> None:
    """Time one pack of the first ``size`` active reps, in this process."""
    app = QGuiApplication(sys.argv[:1])
    journal = _open_copy(data)
    day = today(journal.clock)
    active = [r.id for r in reps.list_reps(journal, include_archived=False)][:size]
    out = Path(journal.paths.data_dir) / "pack.pdf"
    started, cpu_started = time.perf_counter(), time.process_time()
    pages = write_pdf(journal, active, day, out, pack_title="1:1 prep", follow_schedule=True)
    ms = (time.perf_counter() - started) * 1000
    cpu_ms = (time.process_time() - cpu_started) * 1000  # steadier on a busy machine
    journal.close()
    app.quit()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    figures = {"sheets": len(active), "ms": round(ms), "cpu_ms": round(cpu_ms)}
    print(json.dumps({**figures, "pages": pages, "peak_kb": peak_kb}))


def main() -> None:
    """Time one sheet and a pack of fifty."""
    if len(sys.argv) == 4 and sys.argv[2] == "pack":
        pack(sys.argv[1], int(sys.argv[3]))
        return
    app = QGuiApplication(sys.argv[:1])
    journal = _open_copy(sys.argv[1])
    work = journal.paths
    day = today(journal.clock)
    active = [r.id for r in reps.list_reps(journal, include_archived=False)]
    out = Path(work.data_dir) / "sheet.pdf"
    write_pdf(journal, [active[0]], day, out)  # fonts and modules loaded once
    one: list[float] = []
    for rep_id in active[1:11]:
        started = time.perf_counter()
        write_pdf(journal, [rep_id], day, out)
        one.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    pages = write_pdf(
        journal, active[:50], day, Path(work.data_dir) / "pack.pdf", pack_title="1:1 prep"
    )
    pack_ms = (time.perf_counter() - started) * 1000
    journal.close()
    app.quit()
    print(
        json.dumps(
            {
                "prep: one sheet": summary(one),
                "prep: pack of 50": {
                    "median_ms": round(pack_ms),
                    "p95_ms": round(pack_ms),
                    "pages": pages,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
