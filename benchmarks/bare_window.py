"""The yardstick for start-up: a bare PySide6 window with a list, to its first paint.

Prints "first paint after N ms" measured the same way as ``coachdesk --smoke-test``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QStringListModel, QTimer
from PySide6.QtWidgets import QApplication, QListView, QMainWindow

from coachdesk.ui.window.proctime import since_start_ms


class _Painted(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            age = since_start_ms()
            print(f"first paint after {age:.0f} ms", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    """Show the bare window and exit after its first paint."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    view = QListView(window)
    view.setModel(QStringListModel([f"Rep {i}" for i in range(150)], view))
    window.setCentralWidget(view)
    watcher = _Painted()
    view.viewport().installEventFilter(watcher)
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
