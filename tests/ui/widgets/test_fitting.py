"""Fitting the screen: rows that go on onto another line, windows no larger than the desktop."""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.ui.widgets.fitting import WrappingRow, fit_to_screen
from tests.ui.layout_check import check, describe


def _row(qtbot: QtBot) -> tuple[QWidget, WrappingRow, list[QWidget], list[QWidget]]:
    """A title and a date, then three buttons kept to the end: a commitment list's head."""
    host = QWidget()
    qtbot.addWidget(host)
    row = WrappingRow(host)
    start: list[QWidget] = [QLabel("Still open from earlier meetings"), QLabel("Mon")]
    end: list[QWidget] = [QPushButton(text) for text in ("Done", "Drop", "Keep…")]
    for widget in start:
        row.add(widget)
    for widget in end:
        row.add(widget, at_end=True)
    column = QVBoxLayout(host)
    column.addWidget(row)
    column.addStretch(1)
    return host, row, start, end


def _lines(*widgets: QWidget) -> int:
    """On how many lines ``widgets`` are (a line's widgets are centred on its middle)."""
    middles = sorted(w.mapTo(w.window(), w.rect().center()).y() for w in widgets)
    return 1 + sum(1 for above, below in itertools.pairwise(middles) if below - above > 2)


def _right(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), widget.rect().topRight()).x()


def _show(qtbot: QtBot, host: QWidget, width: int) -> None:
    host.setMinimumSize(1, 1)
    host.resize(width, 200)
    host.show()
    qtbot.waitExposed(host)
    qtbot.wait(1)


def test_a_wide_row_is_one_line_with_its_buttons_at_the_end(qtbot: QtBot) -> None:
    host, row, start, end = _row(qtbot)
    _show(qtbot, host, 700)
    assert not row.wrapped
    assert _lines(*start, *end) == 1
    assert _right(end[-1]) == _right(row)
    assert _right(start[1]) < end[0].mapTo(host, end[0].rect().topLeft()).x()
    assert not check(host), describe(check(host))


def test_the_buttons_go_on_below_together_when_the_row_is_narrow(qtbot: QtBot) -> None:
    host, row, start, end = _row(qtbot)
    _show(qtbot, host, 700)
    host.resize(row.one_line_width() - 20, 200)
    qtbot.waitUntil(lambda: row.wrapped)
    qtbot.waitUntil(lambda: not check(host))
    assert _lines(*start) == 1
    assert _lines(*end) == 1  # together, on a line of their own
    assert _lines(*start, *end) == 2
    assert _right(end[-1]) == _right(row)
    # And back on one line once there is room again.
    host.resize(700, 200)
    qtbot.waitUntil(lambda: not row.wrapped and _lines(*start, *end) == 1)


def test_a_row_may_be_as_narrow_as_the_wider_of_its_parts(qtbot: QtBot) -> None:
    host, row, start, end = _row(qtbot)
    _show(qtbot, host, 700)
    widest = max(sum(w.sizeHint().width() for w in part) for part in (start, end))
    assert row.minimumSizeHint().width() < row.one_line_width()
    assert row.minimumSizeHint().width() >= widest


def test_a_dialog_is_never_larger_than_the_desktop(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    area = dialog.screen().availableGeometry()
    fit_to_screen(dialog, area.width() * 2, area.height() * 2, margin=40)
    assert dialog.width() == area.width() - 40
    assert dialog.height() == area.height() - 40
    fit_to_screen(dialog, 300, 200)
    assert (dialog.width(), dialog.height()) == (300, 200)
