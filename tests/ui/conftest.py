"""Window tests: a modal left open by mistake fails its test instead of hanging the suite."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

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
