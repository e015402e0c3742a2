"""A child process for the kill test: the real main window, typing notes at 10 keys/s.

Usage: python typing_child.py DATA_DIR KEYS. Prints "ready" once the window is up, then
"<monotonic seconds> <keys typed so far>" after every key, then "done"; it then keeps
running (as a person who stopped typing would) until it is killed.
"""

from __future__ import annotations

import os
import sys
import time

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coachdesk.paths import make_private, resolve
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.ui.window.main_window import MainWindow

ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def main() -> None:
    """Type KEYS letters into the newest 1:1's notes, one every 100 ms."""
    make_private()
    data_dir, keys = sys.argv[1], int(sys.argv[2])
    app = QApplication([])
    journal = Journal.open(resolve(data_dir))
    if reps.count_reps(journal) == 0:
        rep = reps.add_rep(journal, reps.NewRep("Kill Test"))
        meetings.add_meeting(journal, rep.id, "2026-11-23T09:00")
    window = MainWindow(
        journal, QSettings(os.path.join(data_dir, "w.ini"), QSettings.Format.IniFormat)
    )
    window.show()
    notes = window.rep_page.editor.editors["notes"]
    notes.setFocus(Qt.FocusReason.OtherFocusReason)
    typed = 0

    def type_one() -> None:
        nonlocal typed
        if typed == keys:
            timer.stop()
            print("done", flush=True)
            return
        QTest.keyClick(notes, ALPHABET[typed % len(ALPHABET)])
        typed += 1
        print(f"{time.monotonic():.4f} {typed}", flush=True)

    timer = QTimer(interval=100)
    timer.timeout.connect(type_one)

    def start() -> None:
        window.roster.select_first()  # the window opens on This week
        notes.setFocus(Qt.FocusReason.OtherFocusReason)
        print("ready", flush=True)
        timer.start()

    QTimer.singleShot(300, start)
    app.exec()


if __name__ == "__main__":
    main()
