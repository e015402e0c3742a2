"""Search and This-week timings on the large journal (run by benchmarks/run.py).

Prints one JSON line: for each named query, median and p95 milliseconds from typing to
results shown in the search dialog; and how long the This-week view takes to build.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from coachdesk.assembled.week import build_week
from coachdesk.dates import today
from coachdesk.paths import resolve
from coachdesk.store.db import Journal
from coachdesk.ui.week.search_dialog import SearchDialog
from coachdesk.ui.week.week_view import WeekView
from coachdesk.ui.widgets.audience import Sharing

sys.path.insert(0, str(Path(__file__).parent))
from run import summary

QUERIES = {
    "rare word": "Quillfeather",
    "common word": "pricing",
    "two-letter prefix": "ac",
    "phrase": '"mutual action plan"',
    "name": "Zofia",
}


def main() -> None:
    """Time the named queries and the week view."""
    app = QApplication(sys.argv[:1])
    work = resolve(Path(tempfile.mkdtemp(prefix="coachdesk-bench-")))
    work.ensure()
    # A plain copy: the benchmark writes, and opening the copy brings it up to date.
    shutil.copyfile(resolve(sys.argv[1]).journal, work.journal)
    journal = Journal.open(work)  # brings the copy up to date if needed
    sharing = Sharing()
    dialog = SearchDialog(journal, sharing)
    dialog.show()
    app.processEvents()
    results: dict[str, object] = {}
    for label, text in QUERIES.items():
        times: list[float] = []
        for _ in range(20):
            started = time.perf_counter()
            dialog.field.setText(text)
            dialog._run()
            dialog.results.viewport().repaint()
            times.append((time.perf_counter() - started) * 1000)
        results[f"search: {label}"] = {**summary(times), "hits": len(dialog.hits)}
    view = WeekView()
    view.show()
    week: list[float] = []
    for _ in range(10):
        started = time.perf_counter()
        view.show_week(build_week(journal, today(journal.clock)), sharing=False)
        view.meetings.viewport().repaint()
        view.follow_ups.viewport().repaint()
        week.append((time.perf_counter() - started) * 1000)
    lines = len(view.meetings.texts()) + len(view.follow_ups.texts())
    results["this week view"] = {**summary(week), "lines": lines}
    journal.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
