"""Timings inside a real main window on the large journal (run by benchmarks/run.py).

Prints one JSON line: switching reps, opening a 1:1 and the UI-thread stall of
autosaving a 1 MB note, each as median / p95 / max in milliseconds.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from coachdesk.paths import resolve
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.ui.window.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).parent))
from run import summary


def main() -> None:
    """Open the window on the journal given and time what a manager does all day."""
    app = QApplication(sys.argv[:1])
    source = resolve(sys.argv[1])
    # Work on a copy: the benchmark writes (autosave) and must not change the fixture.
    work = Path(tempfile.mkdtemp(prefix="coachdesk-bench-"))
    paths = resolve(work)
    paths.ensure()
    # A plain copy: the benchmark writes, and opening the copy brings it up to date.
    shutil.copyfile(source.journal, paths.journal)
    journal = Journal.open(paths)
    journal.prepare_for_writing()
    settings = QSettings(str(work / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(journal, settings)
    window.resize(1366, 768)
    window.show()
    for _ in range(20):
        app.processEvents()
    window.finish_opening()
    app.processEvents()

    rng = random.Random(1)
    active = [r.id for r in reps.list_reps(journal, include_archived=False)]
    switch: list[float] = []
    for rep_id in rng.sample(active, min(60, len(active))):
        started = time.perf_counter()
        window.roster.select_rep(rep_id)
        app.processEvents()
        switch.append((time.perf_counter() - started) * 1000)

    opening: list[float] = []
    page = window.rep_page
    for rep_id in rng.sample(active, 20):
        window.roster.select_rep(rep_id)
        app.processEvents()
        ids = [m.id for m in meetings.meeting_summaries(journal, rep_id)]
        for meeting_id in rng.sample(ids, min(5, len(ids))):
            started = time.perf_counter()
            page.select_event("meeting", meeting_id)
            app.processEvents()
            opening.append((time.perf_counter() - started) * 1000)

    # A rep with 500 meetings: showing them and scrolling the whole timeline.
    veteran = reps.add_rep(journal, reps.NewRep("Veteran With 500 Meetings")).id
    for week in range(500):
        meetings.add_meeting(
            journal,
            veteran,
            f"{2016 + week // 52}-{1 + week % 52 // 5:02d}-{1 + week % 5 * 5:02d}T09:00",
            notes=f"## Week {week}\n- pipeline review and coaching notes",
        )
    big_switch: list[float] = []
    scroll: list[float] = []
    for _ in range(5):
        window.roster.select_rep(active[0])
        app.processEvents()
        started = time.perf_counter()
        window.roster.select_rep(veteran)
        app.processEvents()
        big_switch.append((time.perf_counter() - started) * 1000)
        bar = page.timeline.verticalScrollBar()
        for position in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
            started = time.perf_counter()
            bar.setValue(position)
            page.timeline.viewport().repaint()
            scroll.append((time.perf_counter() - started) * 1000)

    notes = page.editor.editors["notes"]
    notes.setPlainText(("A long note line about the Acme renewal and pricing. " * 20 + "\n") * 950)
    window.autosaver.flush()
    stalls: list[float] = []
    for _ in range(10):
        notes.insertPlainText("x")
        started = time.perf_counter()
        window.autosaver.flush()
        stalls.append((time.perf_counter() - started) * 1000)
    size = len(notes.toPlainText().encode())
    window.close()
    journal.close()
    print(
        json.dumps(
            {
                "switch_rep": summary(switch),
                "open_meeting": summary(opening),
                "switch_to_rep_with_500_meetings": summary(big_switch),
                "timeline_500_scroll_page": summary(scroll),
                "autosave_1mb": {**summary(stalls), "note_bytes": size},
            }
        )
    )


if __name__ == "__main__":
    main()
