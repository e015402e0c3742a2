"""Window tests: a modal left open by mistake fails its test instead of hanging the suite."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from coachdesk.paths import Paths

STUCK_AFTER = 30.0  # seconds a modal may stay open with nobody answering it


@pytest.fixture(autouse=True)
def _no_stuck_modal(qapp: QApplication) -> Iterator[None]:
    stuck: list[str] = []
    seen: dict[int, float] = {}

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            seen.clear()
            return
        opened = seen.setdefault(id(widget), time.monotonic())
        if time.monotonic() - opened > STUCK_AFTER:
            stuck.append(f"{type(widget).__name__} {widget.windowTitle()!r}")
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(look)
    timer.start()
    yield
    timer.stop()
    assert not stuck, f"a modal stayed open with nobody answering it: {stuck}"


@dataclass
class Shown:
    """What the crash handler showed: apologies for bugs, warnings for known problems."""

    apologies: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@pytest.fixture
def crash_handler(data_paths: Paths, monkeypatch: pytest.MonkeyPatch) -> Iterator[Shown]:
    """The app's own crash handler for this test, its message boxes recorded, not shown.

    An exception that escapes a slot reaches it as it does in the app; the problem log is
    written to the test's data folder.
    """
    from coachdesk.ui.window import app

    shown = Shown()
    monkeypatch.setattr(
        app.QMessageBox, "critical", lambda _parent, _title, text: shown.apologies.append(text)
    )
    monkeypatch.setattr(
        app.QMessageBox, "warning", lambda _parent, _title, text: shown.warnings.append(text)
    )
    before = sys.excepthook
    app.install_crash_handler(data_paths)
    try:
        yield shown
    finally:
        sys.excepthook = before
