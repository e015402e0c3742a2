"""The layout check itself, on small widgets made here with and without each fault."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.ui.widgets.fitting import allow_sideways_scrolling
from tests.ui.layout_check import Finding, check

LONG = "A commitment long enough to need a good deal more room than this list has"


def shown(qtbot: QtBot, widget: QWidget, width: int, height: int) -> QWidget:
    """``widget`` as a window of ``width`` × ``height``, laid out."""
    qtbot.addWidget(widget)
    widget.setMinimumSize(1, 1)  # let the test make it smaller than its layout wants
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(1)
    return widget


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def entry_form() -> QWidget:
    """A rung list above a form: the shape of the Ladder tab's entry."""
    host = QWidget()
    layout = QVBoxLayout(host)
    rungs = QListWidget(host)
    rungs.addItems(["1 Collaboration", "2 Cooperation", "3 Compliance", "4 Resistance"])
    rungs.setFixedHeight(90)
    rungs.setAccessibleName("Rung")
    layout.addWidget(rungs)
    form = QFormLayout()
    why = QLineEdit(host)
    why.setAccessibleName("Why")
    form.addRow("Why:", why)
    form.addRow("Day:", QLineEdit(host))
    form.addRow("Given:", QComboBox(host))
    layout.addLayout(form)
    return host


def test_a_form_given_its_room_has_no_fault(qtbot: QtBot) -> None:
    host = entry_form()
    hint = host.sizeHint()
    assert check(shown(qtbot, host, hint.width(), hint.height())) == []


def test_a_form_squeezed_under_a_list_is_drawn_over_and_squeezed(qtbot: QtBot) -> None:
    findings = check(shown(qtbot, entry_form(), 300, 120))
    overlaps = [f for f in findings if f.rule == "overlap"]
    assert overlaps, findings
    assert "QListWidget[Rung]" in overlaps[0].path
    assert any("QLineEdit[Why]" in f.detail for f in overlaps)
    squeezed = [f for f in findings if f.rule == "squeezed"]
    assert any(f.path.endswith("QLineEdit[Why]") for f in squeezed), findings
    assert "needs at least" in squeezed[0].detail


def test_only_where_a_squeeze_starts_and_shows_is_named(qtbot: QtBot) -> None:
    host = QWidget()
    middle = QWidget(host)
    middle.setObjectName("middle")
    inner = QWidget(middle)
    inner.setObjectName("inner")
    QVBoxLayout(host).addWidget(middle)
    QVBoxLayout(middle).addWidget(inner)
    row = QHBoxLayout(inner)
    for text in ("Prep sheet…", "Close out…"):
        row.addWidget(QPushButton(text, inner))
    findings = [f for f in check(shown(qtbot, host, 80, 60)) if f.rule == "squeezed"]
    paths = [f.path for f in findings]
    assert any(p.endswith("QWidget#middle") for p in paths), paths  # where it starts
    assert any(p.endswith("QPushButton[Close out…]") for p in paths), paths  # what shows it
    assert not any(p.endswith("QWidget#inner") for p in paths), paths  # not in between


def test_hidden_widgets_are_not_judged(qtbot: QtBot) -> None:
    host = entry_form()
    for child in host.findChildren(QWidget):
        child.hide()
    assert check(shown(qtbot, host, 300, 40)) == []


def test_a_pane_collapsed_in_a_splitter_is_left_alone(qtbot: QtBot) -> None:
    splitter = QSplitter()
    splitter.addWidget(QListWidget())
    splitter.addWidget(entry_form())
    shown(qtbot, splitter, 500, 300)
    splitter.setSizes([500, 0])
    qtbot.wait(1)
    assert check(splitter) == []


def test_a_button_narrower_than_its_text(qtbot: QtBot) -> None:
    host = QWidget()
    row = QHBoxLayout(host)
    button = QPushButton("Close out…", host)
    button.setFixedWidth(24)
    row.addWidget(button)
    # A label that says its text may be cut, and elides it itself: not a fault.
    fading = QLabel("Journal: /home/someone/a/long/path/to/the/journal.coachdesk", host)
    fading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    row.addWidget(fading)
    findings = check(shown(qtbot, host, 200, 50))
    assert [(f.rule, f.path.split(" > ")[-1]) for f in findings] == [
        ("cut-text", "QPushButton[Close out…]")
    ]
    button.setFixedWidth(button.sizeHint().width())
    qtbot.wait(1)
    assert check(host) == []


def test_an_arrow_button_sized_to_its_arrow_is_not_cut(qtbot: QtBot) -> None:
    host = QWidget()
    button = QPushButton("◀", host)
    button.setFixedWidth(button.fontMetrics().horizontalAdvance("◀") + 24)
    QHBoxLayout(host).addWidget(button)
    assert check(shown(qtbot, host, 120, 50)) == []


def test_a_column_narrower_than_its_header(qtbot: QtBot) -> None:
    model = QStandardItemModel(3, 2)
    model.setHorizontalHeaderLabels(["Conversations pace", "Deals"])
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().resizeSection(0, 30)
    view.horizontalHeader().resizeSection(1, 80)
    findings = check(shown(qtbot, view, 300, 200))
    assert rules(findings) == {"cut-header"}
    assert "Conversations pace" in findings[0].detail
    view.resizeColumnsToContents()
    qtbot.wait(1)
    assert check(view) == []


def _long_list() -> QListWidget:
    view = QListWidget()
    view.addItems(["Short", LONG])
    view.setWordWrap(False)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return view


def test_a_view_that_scrolls_sideways(qtbot: QtBot) -> None:
    view = _long_list()
    findings = check(shown(qtbot, view, 150, 120))
    assert rules(findings) == {"sideways"}
    assert "horizontal scroll bar" in findings[0].detail


def test_a_view_wide_by_design_may_scroll_sideways(qtbot: QtBot) -> None:
    view = _long_list()
    allow_sideways_scrolling(view)
    assert check(shown(qtbot, view, 150, 120)) == []


def test_a_view_that_wraps_its_items_fits(qtbot: QtBot) -> None:
    view = _long_list()
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    assert check(shown(qtbot, view, 150, 160)) == []


def test_a_list_made_as_tall_as_its_rows_but_too_short(qtbot: QtBot) -> None:
    def fixed(rows_shown: Callable[[QListWidget], int]) -> QWidget:
        host = QWidget()
        view = QListWidget(host)
        view.addItems(["One", "Two", "Three"])
        view.setFixedHeight(rows_shown(view))
        QVBoxLayout(host).addWidget(view)
        return host

    short = check(shown(qtbot, fixed(lambda v: v.sizeHintForRow(0) + 6), 200, 200))
    assert rules(short) == {"short"}
    whole = check(shown(qtbot, fixed(lambda v: 3 * v.sizeHintForRow(0) + 6), 200, 200))
    assert whole == []


def test_the_content_of_a_scroll_area_may_be_taller_than_it(qtbot: QtBot) -> None:
    area = QScrollArea()
    area.setWidgetResizable(True)
    content = QWidget()
    column = QVBoxLayout(content)
    for n in range(30):
        column.addWidget(QLabel(f"Line {n}", content))
    area.setWidget(content)
    assert check(shown(qtbot, area, 200, 150)) == []


def test_content_wider_than_its_scroll_area_scrolls_sideways(qtbot: QtBot) -> None:
    area = QScrollArea()
    area.setWidgetResizable(True)
    content = QWidget()
    row = QHBoxLayout(content)
    for text in ("Prep sheet…", "Close out…", "Keep…", "Drop"):
        row.addWidget(QPushButton(text, content))
    area.setWidget(content)
    assert rules(check(shown(qtbot, area, 150, 100))) == {"sideways"}


def test_a_window_larger_than_the_screen(qtbot: QtBot) -> None:
    label = QLabel("Big")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    area = label.screen().availableGeometry()
    label.resize(area.width() + 100, 100)
    qtbot.wait(1)
    assert rules(check(label)) == {"too-big"}
    label.resize(area.width() // 2, 100)
    qtbot.wait(1)
    assert check(label) == []


def test_qt_parts_of_composite_widgets_are_not_judged(qtbot: QtBot) -> None:
    host = QWidget()
    row = QHBoxLayout(host)
    search = QLineEdit(host)
    search.setClearButtonEnabled(True)  # its button is smaller than a tool button's hint
    search.setText("pricing")
    combo = QComboBox(host)
    combo.setEditable(True)
    combo.setModel(QStringListModel(["SMB Inbound", "Mid-Market"]))
    row.addWidget(search)
    row.addWidget(combo)
    hint = host.sizeHint()
    assert check(shown(qtbot, host, hint.width(), hint.height())) == []
