"""A layout check: walk a window's widgets and say what a person would see as broken.

:func:`check` returns :class:`Finding`\\ s, each naming the widget (its path from the
window, with class, object name and accessible name or text) and what is wrong with it:

``overlap``
    Two visible widgets laid out by the same layout (or by layouts nested in it) cover
    each other: one is drawn over the other.
``outside``
    A visible widget placed by a layout reaches past the widget that holds it: its edge is
    cut off.
``squeezed``
    A visible widget is smaller than the least its layout would give it (its minimum
    size, or its minimum size hint under its size policy, as Qt's layouts compute it;
    for text that wraps, the height its width needs). When a whole branch is squeezed,
    the finding is made where the squeeze starts (the outermost squeezed widget) and at
    the widgets that show it (the innermost ones), not at every widget in between.
``cut-text``
    A button or a one-line label is narrower than its own text, although its layout did
    not squeeze it (a fixed width too small for the text, say).
``cut-header``
    A column of a table or tree is narrower than its header's text.
``sideways``
    A scroll area (a list, a table, an editor, a scrolled panel) shows a horizontal scroll
    bar. Views are meant to fit their width; a view whose content is wide by design (a
    table with a column a week) says so with
    :func:`coachdesk.ui.widgets.fitting.allow_sideways_scrolling`.
``short``
    A list or table made exactly as tall as its rows (a fixed height) whose rows need
    more: an item is cut mid-line, or the short list scrolls.
``too-big``
    A window or dialog is larger than the screen's available area (the desktop less its
    panels), or cannot be made small enough to fit it.

What is left out, and why:

* Hidden widgets, and everything inside them: nobody sees them. A widget of zero width
  or height inside a splitter is one the user collapsed by dragging, and is left out too.
* Qt's own parts of composite widgets (scroll bars, the viewport and corner of a scroll
  area, the line edit inside a spin box or combo box, a tab widget's bar and stack: their
  object names start with ``qt_``) are not judged themselves: they are sized by their
  widget, which is judged. Widgets inside them (a tab's page, a scroll area's content)
  are.
* The content of a scroll area may be larger than the area: that is what scrolling is
  for, so it is never ``outside`` its viewport. Widgets within the content are still
  judged against each other.
* Widgets whose horizontal size policy is ``Ignored`` have said their text may be cut
  (they elide or fade it themselves): no ``cut-text`` for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTableView,
    QTreeView,
    QWidget,
)

from coachdesk.ui.widgets.fitting import scrolls_sideways

# Pixels a size may fall short by before it counts: rounding in Qt's own layouts.
TOLERANCE = 1


@dataclass(frozen=True)
class Finding:
    """One thing wrong on screen: which rule, which widget, and what is wrong."""

    rule: str
    path: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.path}: {self.detail}"


def check(window: QWidget) -> list[Finding]:
    """Every fault in ``window`` (shown) and its visible widgets, in tree order."""
    findings = list(_window_size(window))
    squeezed = _squeezed_widgets(window)
    for widget in _visible_tree(window):
        findings.extend(_overlaps(widget))
        findings.extend(_outside(widget))
        if widget in squeezed:
            finding = _squeeze_finding(widget, squeezed)
            if finding is not None:
                findings.append(finding)
        else:
            findings.extend(_cut_text(widget))
        findings.extend(_cut_headers(widget))
        findings.extend(_sideways(widget))
        findings.extend(_short(widget))
    return findings


def describe(findings: list[Finding]) -> str:
    """The findings one a line, for an assertion message."""
    return "\n".join(str(f) for f in findings)


# ----------------------------------------------------------------- naming


def name_of(widget: QWidget) -> str:
    """A widget as a person finds it: class, object name, and its name or text."""
    label = widget.accessibleName() or _text_of(widget)
    name = type(widget).__name__
    if widget.objectName() and not widget.objectName().startswith("qt_"):
        name += f"#{widget.objectName()}"
    if label:
        label = " ".join(label.split())
        name += f"[{label[:40]}]"
    return name


def path_of(widget: QWidget) -> str:
    """The widget's path from its window, e.g. ``MainWindow > RepPage > QLineEdit[Why]``."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None:
        parts.append(name_of(current))
        if current.isWindow():
            break
        current = current.parentWidget()
    return " > ".join(reversed(parts))


def _text_of(widget: QWidget) -> str:
    if widget.isWindow():
        return widget.windowTitle()
    if isinstance(widget, QAbstractButton | QLabel):
        return widget.text().replace("&", "")
    return ""


# ----------------------------------------------------------------- walking


def _visible_tree(root: QWidget) -> Iterator[QWidget]:
    """``root`` and its visible descendants (not other windows), parents first."""
    yield root
    for child in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isWindow() or not child.isVisible():
            continue
        if _collapsed(child):
            continue
        yield from _visible_tree(child)


def _collapsed(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return isinstance(parent, QSplitter) and (widget.width() == 0 or widget.height() == 0)


def _qt_part(widget: QWidget) -> bool:
    """One of Qt's own parts of a composite widget (sized by it, not by a layout)."""
    if widget.objectName().startswith("qt_") or isinstance(widget, QScrollBar | QHeaderView):
        return True
    return isinstance(widget.parentWidget(), QComboBox | QLineEdit | QAbstractSpinBox)


def _laid_out(widget: QWidget) -> list[QWidget]:
    """The visible widgets ``widget``'s layout places (through nested layouts too).

    Found by asking each layout whether it holds a child widget, never by walking the
    layouts' items: PySide keeps the wrapper of every item it hands out, and an item Qt
    deletes later (a form row removed, a grid rearranged) leaves a dangling wrapper that
    crashes the program once its memory is reused.
    """
    layout = widget.layout()
    if layout is None:
        return []
    # Layouts nested in a layout are its children (QObjects), so they are safe to list.
    layouts = [layout, *layout.findChildren(QLayout)]
    return [
        child
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if not child.isWindow()
        and child.isVisible()
        and not child.size().isEmpty()
        and any(holder.indexOf(child) >= 0 for holder in layouts)
    ]


# ----------------------------------------------------------------- the rules


def _overlaps(widget: QWidget) -> Iterator[Finding]:
    children = _laid_out(widget)
    for first_index, first in enumerate(children):
        for second in children[first_index + 1 :]:
            common = first.geometry().intersected(second.geometry())
            if common.width() > TOLERANCE and common.height() > TOLERANCE:
                yield Finding(
                    "overlap",
                    path_of(first),
                    f"drawn over {name_of(second)} ({_rect(first.geometry())} and "
                    f"{_rect(second.geometry())} share {common.width()}×{common.height()} px)",
                )


def _outside(widget: QWidget) -> Iterator[Finding]:
    inside = widget.rect().adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE)
    for child in _laid_out(widget):
        if not inside.contains(child.geometry()):
            yield Finding(
                "outside",
                path_of(child),
                f"placed at {_rect(child.geometry())}, past the edge of "
                f"{name_of(widget)} ({widget.width()}×{widget.height()})",
            )


def smallest_size(widget: QWidget) -> QSize:
    """The least size a layout gives ``widget`` (Qt's ``qSmartMinSize``), and for text
    that wraps, the height its current width needs."""
    policy = widget.sizePolicy()
    hint = widget.sizeHint()
    least = widget.minimumSizeHint()
    width = height = 0
    if policy.horizontalPolicy() != QSizePolicy.Policy.Ignored:
        if policy.horizontalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
            width = least.width()
        else:
            width = max(hint.width(), least.width())
    if policy.verticalPolicy() != QSizePolicy.Policy.Ignored:
        if policy.verticalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
            height = least.height()
        else:
            height = max(hint.height(), least.height())
        if widget.hasHeightForWidth() and isinstance(widget, QLabel):
            height = max(height, widget.heightForWidth(widget.width()))
    maximum = widget.maximumSize()
    width, height = min(width, maximum.width()), min(height, maximum.height())
    explicit = widget.minimumSize()
    if explicit.width() > 0:
        width = explicit.width()
    if explicit.height() > 0:
        height = explicit.height()
    return QSize(max(width, 0), max(height, 0))


def _is_squeezed(widget: QWidget) -> bool:
    if _qt_part(widget) or widget.isWindow():
        return False
    least = smallest_size(widget)
    return (
        widget.width() < least.width() - TOLERANCE or widget.height() < least.height() - TOLERANCE
    )


def _squeezed_widgets(window: QWidget) -> set[QWidget]:
    return {w for w in _visible_tree(window) if _is_squeezed(w)}


def _judged_parent(widget: QWidget) -> QWidget | None:
    """The nearest ancestor the rules judge (Qt's own parts are skipped)."""
    parent = widget.parentWidget()
    while parent is not None and _qt_part(parent):
        parent = parent.parentWidget()
    return parent


def _squeeze_finding(widget: QWidget, squeezed: set[QWidget]) -> Finding | None:
    parent = _judged_parent(widget)
    outermost = parent not in squeezed
    innermost = not any(
        w in squeezed for w in _visible_tree(widget) if w is not widget and not w.isWindow()
    )
    if not (outermost or innermost):
        return None
    least = smallest_size(widget)
    where = "outermost" if outermost and not innermost else "innermost" if innermost else "only"
    return Finding(
        "squeezed",
        path_of(widget),
        f"{widget.width()}×{widget.height()}, needs at least {least.width()}×{least.height()} "
        f"({where} of the squeeze)",
    )


def _cut_text(widget: QWidget) -> Iterator[Finding]:
    if not isinstance(widget, QAbstractButton | QLabel) or _qt_part(widget):
        return
    if widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
        return
    if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
        return
    if isinstance(widget, QAbstractButton) and not widget.text():
        return
    needed = text_width(widget)
    if widget.width() < needed - TOLERANCE:
        yield Finding(
            "cut-text",
            path_of(widget),
            f"{widget.width()} px wide, its text needs {needed} px",
        )


def text_width(widget: QAbstractButton | QLabel) -> int:
    """The width ``widget`` needs to show all its text.

    A push button's size hint is at least 80 px in most styles whatever its text; what
    its text needs is the text, its icon, and the style's margins and frame.
    """
    if not isinstance(widget, QPushButton):
        return widget.sizeHint().width()
    style = widget.style()
    text = widget.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, widget.text()).width()
    if not widget.icon().isNull():
        text += widget.iconSize().width() + 4
    margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, widget)
    frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, widget)
    return text + 2 * margin + 2 * frame


def _cut_headers(widget: QWidget) -> Iterator[Finding]:
    if not isinstance(widget, QHeaderView) or widget.orientation().name != "Horizontal":
        return
    model = widget.model()
    if model is None:
        return
    for logical in range(widget.count()):
        if widget.isSectionHidden(logical):
            continue
        size = widget.sectionSize(logical)
        needed = widget.sectionSizeHint(logical)
        if 0 < size < needed - TOLERANCE:
            title = model.headerData(logical, widget.orientation())
            view = widget.parentWidget()
            yield Finding(
                "cut-header",
                path_of(view if view is not None else widget),
                f"column {title!s:.30} is {size} px wide, its header needs {needed} px",
            )


def _sideways(widget: QWidget) -> Iterator[Finding]:
    if not isinstance(widget, QAbstractScrollArea) or scrolls_sideways(widget):
        return
    bar = widget.horizontalScrollBar()
    if bar.isVisible() and bar.maximum() > 0:
        # Item views may scroll a column at a time: the range is then in columns.
        per_item = (
            isinstance(widget, QTableView | QTreeView)
            and widget.horizontalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
        )
        unit = "columns" if per_item else "px"
        yield Finding(
            "sideways",
            path_of(widget),
            f"shows a horizontal scroll bar: its content is {bar.maximum()} {unit} wider "
            f"than its {widget.viewport().width()} px",
        )


def _short(widget: QWidget) -> Iterator[Finding]:
    if (
        not isinstance(widget, QAbstractItemView)
        or widget.minimumHeight() != widget.maximumHeight()
    ):
        return
    bar = widget.verticalScrollBar()
    if bar.maximum() > 0:
        yield Finding(
            "short",
            path_of(widget),
            f"fixed at {widget.height()} px, and its rows do not fit in it",
        )


def _window_size(window: QWidget) -> Iterator[Finding]:
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    if frame.width() > area.width() or frame.height() > area.height():
        yield Finding(
            "too-big",
            path_of(window),
            f"{frame.width()}×{frame.height()} on a screen of {area.width()}×{area.height()}",
        )
    least = window.minimumSize()  # what Qt holds the window to
    if least.width() > area.width() or least.height() > area.height():
        yield Finding(
            "too-big",
            path_of(window),
            f"cannot be smaller than {least.width()}×{least.height()}, on a screen of "
            f"{area.width()}×{area.height()}",
        )


def _rect(rect: QRect) -> str:
    return f"{rect.width()}×{rect.height()} at {rect.x()},{rect.y()}"
