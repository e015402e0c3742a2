"""The Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 under Python 3.11 dropped a reference to None on every call of a
method returning nothing (``QLabel.setText``, ``QPainter.save``, …) and on
``QModelIndex.data()`` for an empty role; after a few thousand such calls the process
aborts ("deallocating None"). Python 3.12 makes None immortal, which hides it there.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Empty(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return None


def _none_refs_lost(call: object, times: int = 200) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        call()  # type: ignore[operator]
    return before - sys.getrefcount(None)


def test_void_calls_do_not_lose_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        assert _none_refs_lost(lambda: label.setText("x")) < 50
        assert _none_refs_lost(lambda: (painter.save(), painter.restore())) < 50
        assert _none_refs_lost(lambda: painter.setFont(QFont())) < 50
    finally:
        painter.end()


def test_empty_model_data_does_not_lose_references_to_none() -> None:
    model = _Empty()
    index = model.index(0, 0)
    assert _none_refs_lost(lambda: index.data(Qt.ItemDataRole.UserRole)) < 50
