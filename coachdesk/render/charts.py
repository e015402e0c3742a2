"""Small charts drawn with QPainter: the same chart on screen, in a PNG and in print.

Two kinds of chart, described as plain frozen data and drawn by one function,
:func:`paint`:

* :class:`TimeChart` — lines over dates, on a categorical axis (the rungs of the ladder,
  top to bottom) or a numeric one (weekly numbers). A series can be a *step* line: a
  value that holds until the next one, as a self-rating does.
* :class:`BarChart` — one horizontal bar per category, with an optional earlier value
  beside it ("now" and "then").

Everything is readable without colour: every series has its own line style and marker
and a legend, bars carry their numbers as text. Colours come from
:class:`ChartColours` — from the widget's palette on screen (dark palettes work), black
on white for print and PNG.

Sizes (margins, line widths, markers) are fractions of the painter's font height, so a
chart looks the same on a 96 dpi screen, a 2× PNG and a 1200 dpi printer.

In a document a chart is a vector object, not a picture: :class:`ChartTextObject` is a
``QTextObjectInterface`` handler; :func:`install_chart_handler` registers it on a
``QTextDocument`` and :func:`insert_chart` puts a chart at a cursor, so printing the
document (to paper or PDF) draws the chart's paths and text directly.

QtGui only: no widgets here (the screen wrapper is ``coachdesk.ui.widgets.chart_view``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

# ----------------------------------------------------------------- describing a chart


class LineStyle(Enum):
    """How a series' line is drawn; told apart without colour."""

    SOLID = Qt.PenStyle.SolidLine
    DASHED = Qt.PenStyle.DashLine
    DOTTED = Qt.PenStyle.DotLine
    DASH_DOT = Qt.PenStyle.DashDotLine


class Marker(Enum):
    """The shape drawn at each point of a series."""

    DOT = "dot"  # filled circle
    SQUARE = "square"  # hollow square
    TRIANGLE = "triangle"  # filled triangle
    DIAMOND = "diamond"  # hollow diamond


@dataclass(frozen=True)
class SeriesStyle:
    """A line style, a marker and which of the palette's series colours to use."""

    line: LineStyle
    marker: Marker
    colour: int


#: Series are styled in this order unless they say otherwise.
STYLES: tuple[SeriesStyle, ...] = (
    SeriesStyle(LineStyle.SOLID, Marker.DOT, 0),
    SeriesStyle(LineStyle.DASHED, Marker.SQUARE, 1),
    SeriesStyle(LineStyle.DOTTED, Marker.TRIANGLE, 2),
    SeriesStyle(LineStyle.DASH_DOT, Marker.DIAMOND, 3),
)


@dataclass(frozen=True)
class Series:
    """One line: values over dates, with a label for the legend.

    ``step``: each value holds until the next (drawn as steps), and the last holds to
    the end of the chart. Otherwise points are joined by straight lines.
    """

    label: str
    points: tuple[tuple[dt.date, float], ...]
    step: bool = False
    style: SeriesStyle | None = None  # None: by the series' position


@dataclass(frozen=True)
class CategoryAxis:
    """A y axis of named categories, top to bottom; value 1 is the first label."""

    labels: tuple[str, ...]
    keys: tuple[str, ...] = ()  # short keys shown before the labels, e.g. "1" … "5"


def _plain_number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.1f}"


@dataclass(frozen=True)
class NumberAxis:
    """A numeric y axis; limits default to the data (and include zero)."""

    minimum: float | None = None
    maximum: float | None = None
    format: Callable[[float], str] = _plain_number


@dataclass(frozen=True)
class Note:
    """A question marked on the chart: a bracket between two values on one day."""

    on: dt.date
    low: float
    high: float
    symbol: str = "?"


@dataclass(frozen=True)
class TimeChart:
    """Series over dates on one y axis, with optional notes and a title."""

    series: tuple[Series, ...]
    axis: CategoryAxis | NumberAxis
    start: dt.date | None = None  # default: the first point
    end: dt.date | None = None  # default: the last point
    notes: tuple[Note, ...] = ()
    note_legend: str = ""  # what a note means, shown in the legend
    title: str = ""
    empty_text: str = "Nothing to show yet."


@dataclass(frozen=True)
class Bar:
    """One category of a bar chart: its value now and, optionally, an earlier one."""

    label: str
    value: float
    previous: float | None = None
    text: str = ""  # shown after the bar, e.g. "4 (was 2)"; default: the value
    key: object = None  # handed back by hit areas (what a click on this bar means)
    key_text: str = ""  # a short key shown before the label, e.g. "1"


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per category, top to bottom."""

    bars: tuple[Bar, ...]
    title: str = ""
    value_legend: str = ""  # e.g. "Now"
    previous_legend: str = ""  # e.g. "On 1 September"
    empty_text: str = "Nothing to show yet."


Chart = TimeChart | BarChart


@dataclass(frozen=True)
class ChartColours:
    """The colours a chart is drawn in."""

    text: QColor
    grid: QColor
    series: tuple[QColor, ...]
    accent: QColor  # notes (questions) on the chart
    background: QColor | None = None  # None: leave what is under the chart

    @classmethod
    def for_print(cls) -> ChartColours:
        """Black on white: print, PDF and exported PNGs."""
        black = QColor(0, 0, 0)
        return cls(
            text=black,
            grid=QColor(170, 170, 170),
            series=(black, QColor(60, 60, 60), QColor(90, 90, 90), QColor(30, 30, 30)),
            accent=black,
            background=QColor(255, 255, 255),
        )

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartColours:
        """Colours that read on the palette's window colour, light or dark."""
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        dark = window.lightnessF() < 0.5
        link = palette.color(QPalette.ColorRole.Link)
        # A link colour is made to read on the base colour; fall back when it does not.
        if abs(link.lightnessF() - window.lightnessF()) < 0.3:
            link = QColor(120, 190, 255) if dark else QColor(20, 80, 170)
        return cls(
            text=text,
            grid=_mix(text, window, 0.78),
            series=(link, _mix(text, window, 0.2), _mix(link, text, 0.5), text),
            accent=QColor(255, 176, 96) if dark else QColor(176, 74, 0),
            background=None,
        )


def _mix(a: QColor, b: QColor, towards_b: float) -> QColor:
    keep = 1.0 - towards_b
    return QColor.fromRgbF(
        a.redF() * keep + b.redF() * towards_b,
        a.greenF() * keep + b.greenF() * towards_b,
        a.blueF() * keep + b.blueF() * towards_b,
    )


@dataclass(frozen=True)
class HitArea:
    """A part of a drawn chart that means something when clicked (a bar, say)."""

    rect: QRectF
    key: object
    label: str


# ----------------------------------------------------------------- drawing


@dataclass
class _Metrics:
    """Sizes derived from the painter's font, so every device looks alike."""

    fm: QFontMetricsF
    unit: float  # the font's height
    line: float  # a data line's width
    thin: float  # grid lines
    marker: float  # a marker's radius

    @classmethod
    def of(cls, painter: QPainter) -> _Metrics:
        fm = QFontMetricsF(painter.font(), painter.device())
        unit = fm.height()
        return cls(fm, unit, max(1.0, unit * 0.14), max(0.5, unit * 0.05), unit * 0.3)


def paint(painter: QPainter, rect: QRectF, chart: Chart, colours: ChartColours) -> list[HitArea]:
    """Draw ``chart`` inside ``rect`` with ``colours``; return the clickable areas.

    The painter's font sets the scale of everything. The painter's state is restored.
    """
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        if colours.background is not None:
            painter.fillRect(rect, colours.background)
        m = _Metrics.of(painter)
        inner = rect.adjusted(m.unit * 0.4, m.unit * 0.3, -m.unit * 0.4, -m.unit * 0.3)
        if chart.title:
            inner = _draw_title(painter, inner, chart.title, colours, m)
        if isinstance(chart, TimeChart):
            return _paint_time(painter, inner, chart, colours, m)
        return _paint_bars(painter, inner, chart, colours, m)
    finally:
        painter.restore()


def _draw_title(
    painter: QPainter, rect: QRectF, title: str, colours: ChartColours, m: _Metrics
) -> QRectF:
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(colours.text)
    height = m.unit * 1.3
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), height),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        QFontMetricsF(font, painter.device()).elidedText(
            title, Qt.TextElideMode.ElideRight, rect.width()
        ),
    )
    font.setBold(False)
    painter.setFont(font)
    return rect.adjusted(0, height + m.unit * 0.2, 0, 0)


def _draw_empty(painter: QPainter, rect: QRectF, text: str, colours: ChartColours) -> None:
    painter.setPen(colours.text)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)


def _pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def _style_of(chart: TimeChart, index: int) -> SeriesStyle:
    own = chart.series[index].style
    return own if own is not None else STYLES[index % len(STYLES)]


def _colour(colours: ChartColours, style: SeriesStyle) -> QColor:
    return colours.series[style.colour % len(colours.series)]


def _draw_marker(
    painter: QPainter, centre: QPointF, marker: Marker, colour: QColor, m: _Metrics
) -> None:
    r = m.marker
    painter.setPen(_pen(colour, m.line * 0.8))
    hollow = QBrush(Qt.BrushStyle.NoBrush)
    if marker is Marker.DOT:
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(centre, r, r)
    elif marker is Marker.SQUARE:
        painter.setBrush(hollow)
        painter.drawRect(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r))
    elif marker is Marker.TRIANGLE:
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - r * 1.15),
                    QPointF(centre.x() + r * 1.1, centre.y() + r * 0.85),
                    QPointF(centre.x() - r * 1.1, centre.y() + r * 0.85),
                ]
            )
        )
    else:
        painter.setBrush(hollow)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - r * 1.3),
                    QPointF(centre.x() + r * 1.3, centre.y()),
                    QPointF(centre.x(), centre.y() + r * 1.3),
                    QPointF(centre.x() - r * 1.3, centre.y()),
                ]
            )
        )
    painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))


def _draw_note_symbol(
    painter: QPainter, centre: QPointF, symbol: str, colours: ChartColours, m: _Metrics
) -> None:
    r = m.unit * 0.45
    painter.setPen(_pen(colours.accent, m.line * 0.7))
    painter.setBrush(QBrush(colours.background or QColor(0, 0, 0, 0)))
    painter.drawEllipse(centre, r, r)
    painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    font = QFont(painter.font())
    font.setBold(True)
    painter.save()
    painter.setFont(font)
    painter.setPen(colours.accent)
    painter.drawText(
        QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, symbol
    )
    painter.restore()


# --- legends


@dataclass(frozen=True)
class _LegendItem:
    label: str
    draw: Callable[[QPainter, QRectF], None]  # draws the sample in a small rect


def _legend_height(items: Sequence[_LegendItem], width: float, m: _Metrics) -> float:
    return len(_legend_rows(items, width, m)) * m.unit * 1.25


def _legend_rows(
    items: Sequence[_LegendItem], width: float, m: _Metrics
) -> list[list[tuple[_LegendItem, float]]]:
    sample = m.unit * 2.0
    gap = m.unit * 1.0
    rows: list[list[tuple[_LegendItem, float]]] = [[]]
    used = 0.0
    for item in items:
        needed = sample + m.unit * 0.35 + m.fm.horizontalAdvance(item.label)
        needed = min(needed, width)
        if rows[-1] and used + gap + needed > width:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0.0) + needed
        rows[-1].append((item, needed))
    return [row for row in rows if row]


def _draw_legend(
    painter: QPainter,
    rect: QRectF,
    items: Sequence[_LegendItem],
    colours: ChartColours,
    m: _Metrics,
) -> None:
    sample = m.unit * 2.0
    gap = m.unit * 1.0
    y = rect.top()
    for row in _legend_rows(items, rect.width(), m):
        x = rect.left()
        for item, needed in row:
            item.draw(painter, QRectF(x, y, sample, m.unit * 1.2))
            painter.setPen(colours.text)
            label_rect = QRectF(x + sample + m.unit * 0.35, y, needed - sample, m.unit * 1.2)
            painter.drawText(
                label_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                m.fm.elidedText(item.label, Qt.TextElideMode.ElideRight, label_rect.width()),
            )
            x += needed + gap
        y += m.unit * 1.25


# --- time charts


def _day_of(point: tuple[dt.date, float]) -> dt.date:
    # Sorting by day only keeps points of the same day in the order given.
    return point[0]


def _date_range(chart: TimeChart) -> tuple[dt.date, dt.date] | None:
    days = [d for s in chart.series for d, _ in s.points] + [n.on for n in chart.notes]
    if not days and (chart.start is None or chart.end is None):
        return None
    start = chart.start or min(days)
    end = chart.end or max(days)
    if end < start:
        start, end = end, start
    return start, end


def _nice_step(span: float, target: int) -> float:
    raw = span / max(target, 1)
    if raw <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10.0 * magnitude


def _number_range(chart: TimeChart, axis: NumberAxis, steps: int = 4) -> tuple[float, float, float]:
    values = [v for s in chart.series for _, v in s.points]
    low = axis.minimum if axis.minimum is not None else min([0.0, *values])
    high = axis.maximum if axis.maximum is not None else max([1.0, *values])
    if high <= low:
        high = low + 1.0
    step = _nice_step(high - low, steps)
    if axis.minimum is None:
        low = math.floor(low / step) * step
    if axis.maximum is None:
        high = math.ceil(high / step) * step
    return low, high, step


def _month_ticks(start: dt.date, end: dt.date, every: int) -> list[dt.date]:
    ticks: list[dt.date] = []
    year, month = start.year, start.month
    if start.day != 1:
        month += 1
    while True:
        if month > 12:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        day = dt.date(year, month, 1)
        if day > end:
            return ticks
        if (month - 1) % every == 0:
            ticks.append(day)
        month += 1


def _month_label(day: dt.date, first: bool) -> str:
    name = day.strftime("%b")
    return f"{name} {day.year}" if first or day.month == 1 else name


def _paint_time(
    painter: QPainter, rect: QRectF, chart: TimeChart, colours: ChartColours, m: _Metrics
) -> list[HitArea]:
    span = _date_range(chart)
    if span is None or not any(s.points for s in chart.series):
        _draw_empty(painter, rect, chart.empty_text, colours)
        return []
    start, end = span

    # The legend goes along the bottom.
    legend = _time_legend(chart, colours, m)
    legend_h = _legend_height(legend, rect.width(), m)
    body = rect.adjusted(0, 0, 0, -(legend_h + m.unit * 0.4))

    # y labels on the left.
    axis = chart.axis
    if isinstance(axis, CategoryAxis):
        labels = [
            f"{axis.keys[i]}  {label}" if i < len(axis.keys) else label
            for i, label in enumerate(axis.labels)
        ]
        low, high, step = 1.0, float(max(len(labels), 1)), 1.0
    else:
        # A label every two lines at least: a small chart (a prep sheet's)
        # gets three or so, each readable, rather than five pressed together.
        room = body.height() - m.unit * 2.6
        low, high, step = _number_range(chart, axis, max(2, min(4, int(room / (m.unit * 2.0)))))
        count = round((high - low) / step)
        labels = [axis.format(low + i * step) for i in range(count + 1)]
    label_w = max((m.fm.horizontalAdvance(t) for t in labels), default=0.0) + m.unit * 0.6
    label_w = min(label_w, rect.width() * 0.4)
    plot = QRectF(
        body.left() + label_w,
        body.top() + m.unit * 0.6,
        max(body.width() - label_w - m.unit * 0.8, m.unit),
        max(body.height() - m.unit * 2.0, m.unit),
    )

    # Markers at the first and last day stay clear of the labels and the edge.
    pad = min(m.marker * 2, plot.width() / 4)

    def x_of(day: dt.date) -> float:
        days = max((end - start).days, 1)
        return plot.left() + pad + (plot.width() - 2 * pad) * (day - start).days / days

    if isinstance(axis, CategoryAxis):
        band = plot.height() / max(len(labels), 1)

        def y_of(value: float) -> float:
            return plot.top() + band * (value - 1) + band / 2

    else:
        band = 0.0

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * (value - low) / (high - low)

    # Grid and y labels.
    painter.setPen(_pen(colours.grid, m.thin))
    ticks = (
        [float(i + 1) for i in range(len(labels))]
        if isinstance(axis, CategoryAxis)
        else [low + i * step for i in range(len(labels))]
    )
    for value, text in zip(ticks, labels, strict=True):
        y = y_of(value)
        painter.setPen(_pen(colours.grid, m.thin))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(body.left(), y - m.unit, label_w - m.unit * 0.4, 2 * m.unit),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            m.fm.elidedText(text, Qt.TextElideMode.ElideRight, label_w - m.unit * 0.4),
        )

    # x axis: month ticks, as many as fit.
    painter.setPen(_pen(colours.text, m.thin * 1.5))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    widest = m.fm.horizontalAdvance("Sep 2026") + m.unit
    for every in (1, 2, 3, 6, 12):
        ticks_x = _month_ticks(start, end, every)
        if len(ticks_x) <= 1 or (plot.width() / len(ticks_x)) >= widest:
            break
    if not ticks_x:
        ticks_x = [start]
    for i, day in enumerate(ticks_x):
        x = x_of(day)
        painter.setPen(_pen(colours.grid, m.thin))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(colours.text)
        text = _month_label(day, i == 0) if day.day == 1 else day.isoformat()
        painter.drawText(
            QRectF(x - widest / 2, plot.bottom() + m.unit * 0.2, widest, m.unit * 1.2),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            text,
        )

    # Series: overlapping step lines on a category axis are nudged apart a little.
    n = len(chart.series)
    nudge = min(band * 0.1, m.unit * 0.3) if band else 0.0
    for index, series in enumerate(chart.series):
        if not series.points:
            continue
        style = _style_of(chart, index)
        colour = _colour(colours, style)
        offset = (index - (n - 1) / 2) * nudge
        pts = [QPointF(x_of(d), y_of(v) + offset) for d, v in sorted(series.points, key=_day_of)]
        path = QPainterPath(pts[0])
        for previous, point in pairwise(pts):
            if series.step:
                path.lineTo(point.x(), previous.y())
            path.lineTo(point)
        painter.setPen(_pen(colour, m.line, style.line.value))
        painter.drawPath(path)
        if series.step and pts[-1].x() < x_of(end):
            # The last value holds to the end: a thinner line says "still standing".
            painter.setPen(_pen(colour, m.line * 0.5, style.line.value))
            painter.drawLine(pts[-1], QPointF(x_of(end), pts[-1].y()))
        for point in pts:
            _draw_marker(painter, point, style.marker, colour, m)

    # Notes: a bracket between two values, with a circled symbol.
    for note in chart.notes:
        x = x_of(note.on)
        top, bottom = sorted((y_of(note.low), y_of(note.high)))
        painter.setPen(_pen(colours.accent, m.line * 0.7))
        tick = m.unit * 0.25
        bracket_x = x + m.unit * 0.55
        painter.drawLine(QPointF(bracket_x, top), QPointF(bracket_x, bottom))
        painter.drawLine(QPointF(bracket_x - tick, top), QPointF(bracket_x, top))
        painter.drawLine(QPointF(bracket_x - tick, bottom), QPointF(bracket_x, bottom))
        _draw_note_symbol(
            painter,
            QPointF(bracket_x + m.unit * 0.6, (top + bottom) / 2),
            note.symbol,
            colours,
            m,
        )

    _draw_legend(
        painter,
        QRectF(rect.left(), body.bottom() + m.unit * 0.4, rect.width(), legend_h),
        legend,
        colours,
        m,
    )
    return []


def _time_legend(chart: TimeChart, colours: ChartColours, m: _Metrics) -> list[_LegendItem]:
    items: list[_LegendItem] = []
    for index, series in enumerate(chart.series):
        style = _style_of(chart, index)
        colour = _colour(colours, style)

        def draw(
            painter: QPainter, r: QRectF, style: SeriesStyle = style, colour: QColor = colour
        ) -> None:
            y = r.center().y()
            painter.setPen(_pen(colour, m.line, style.line.value))
            painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            _draw_marker(painter, r.center(), style.marker, colour, m)

        items.append(_LegendItem(series.label, draw))
    if chart.notes and chart.note_legend:
        symbol = chart.notes[0].symbol

        def draw_note(painter: QPainter, r: QRectF) -> None:
            _draw_note_symbol(painter, r.center(), symbol, colours, m)

        items.append(_LegendItem(chart.note_legend, draw_note))
    return items


# --- bar charts


def _paint_bars(
    painter: QPainter, rect: QRectF, chart: BarChart, colours: ChartColours, m: _Metrics
) -> list[HitArea]:
    if not chart.bars:
        _draw_empty(painter, rect, chart.empty_text, colours)
        return []
    legend = _bar_legend(chart, colours, m)
    legend_h = _legend_height(legend, rect.width(), m) if legend else 0.0
    body = rect.adjusted(0, 0, 0, -(legend_h + (m.unit * 0.4 if legend else 0.0)))

    labels = [f"{b.key_text}  {b.label}" if b.key_text else b.label for b in chart.bars]
    texts = [b.text or _plain_number(b.value) for b in chart.bars]
    label_w = max(m.fm.horizontalAdvance(t) for t in labels) + m.unit * 0.8
    label_w = min(label_w, body.width() * 0.45)
    text_w = max(m.fm.horizontalAdvance(t) for t in texts) + m.unit * 0.6
    plot = QRectF(
        body.left() + label_w,
        body.top(),
        max(body.width() - label_w - text_w, m.unit),
        body.height(),
    )
    top_value = max([1.0, *(b.value for b in chart.bars), *(b.previous or 0 for b in chart.bars)])
    band = plot.height() / len(chart.bars)
    has_previous = any(b.previous is not None for b in chart.bars)
    thickness = band * (0.45 if has_previous else 0.6)
    thickness = min(thickness, m.unit * 1.6)

    painter.setPen(_pen(colours.grid, m.thin))
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    hits: list[HitArea] = []
    for index, bar in enumerate(chart.bars):
        top = plot.top() + band * index
        centre = top + band / 2
        # Label on the left.
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(body.left(), top, label_w - m.unit * 0.5, band),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            m.fm.elidedText(labels[index], Qt.TextElideMode.ElideRight, label_w - m.unit * 0.5),
        )
        # Now: a filled bar; then: a dashed outline just below it.
        block_h = thickness + (thickness * 0.55 + m.unit * 0.1 if has_previous else 0.0)
        bar_top = centre - block_h / 2
        width = plot.width() * bar.value / top_value
        colour = colours.series[0]
        if width > 0:
            painter.fillRect(QRectF(plot.left(), bar_top, width, thickness), colour)
        end_x = plot.left() + width
        if bar.previous is not None:
            prev_top = bar_top + thickness + m.unit * 0.1
            prev_w = plot.width() * bar.previous / top_value
            painter.setPen(_pen(colours.text, m.line * 0.6, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            if prev_w > 0:  # none then: the text says "was 0"
                painter.drawRect(QRectF(plot.left(), prev_top, prev_w, thickness * 0.55))
            end_x = max(end_x, plot.left() + prev_w)
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(end_x + m.unit * 0.3, top, text_w, band),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            texts[index],
        )
        hits.append(HitArea(QRectF(body.left(), top, body.width(), band), bar.key, bar.label))
    if legend:
        _draw_legend(
            painter,
            QRectF(rect.left(), body.bottom() + m.unit * 0.4, rect.width(), legend_h),
            legend,
            colours,
            m,
        )
    return hits


def _bar_legend(chart: BarChart, colours: ChartColours, m: _Metrics) -> list[_LegendItem]:
    items: list[_LegendItem] = []
    if chart.value_legend:

        def draw_now(painter: QPainter, r: QRectF) -> None:
            painter.fillRect(
                QRectF(r.left(), r.center().y() - r.height() * 0.3, r.width(), r.height() * 0.6),
                colours.series[0],
            )

        items.append(_LegendItem(chart.value_legend, draw_now))
    if chart.previous_legend and any(b.previous is not None for b in chart.bars):

        def draw_then(painter: QPainter, r: QRectF) -> None:
            painter.setPen(_pen(colours.text, m.line * 0.6, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            painter.drawRect(
                QRectF(r.left(), r.center().y() - r.height() * 0.2, r.width(), r.height() * 0.4)
            )

        items.append(_LegendItem(chart.previous_legend, draw_then))
    return items


# ----------------------------------------------------------------- in words


def describe(chart: Chart, date_text: Callable[[dt.date], str] = dt.date.isoformat) -> str:
    """Say what the chart shows in plain text (for screen readers and tests)."""
    lines = [chart.title] if chart.title else []
    if isinstance(chart, BarChart):
        if not chart.bars:
            return "\n".join([*lines, chart.empty_text])
        lines += [f"{b.label}: {b.text or _plain_number(b.value)}" for b in chart.bars]
        return "\n".join(lines)
    if not any(s.points for s in chart.series):
        return "\n".join([*lines, chart.empty_text])
    axis = chart.axis
    for series in chart.series:
        if not series.points:
            continue
        values = []
        for day, value in sorted(series.points, key=_day_of):
            if isinstance(axis, CategoryAxis) and 1 <= value <= len(axis.labels):
                shown = axis.labels[int(value) - 1]
            elif isinstance(axis, NumberAxis):
                shown = axis.format(value)
            else:
                shown = _plain_number(value)
            values.append(f"{date_text(day)} {shown}")
        lines.append(f"{series.label}: " + ", ".join(values))
    if chart.notes and chart.note_legend:
        days = ", ".join(date_text(n.on) for n in chart.notes)
        lines.append(f"{chart.note_legend}: {days}")
    return "\n".join(lines)


# ----------------------------------------------------------------- pictures


def render_image(
    chart: Chart,
    size: QSizeF,
    colours: ChartColours | None = None,
    *,
    scale: float = 1.0,
    font: QFont | None = None,
) -> QImage:
    """Draw ``chart`` into an image of ``size`` logical pixels, ``scale`` times as sharp.

    ``scale`` 1 is screen resolution; 300/96 gives a 300 dpi picture for print.
    """
    colours = colours or ChartColours.for_print()
    width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(colours.background or QColor(255, 255, 255))
    painter = QPainter(image)
    try:
        if font is not None:
            painter.setFont(font)
        paint(painter, QRectF(0, 0, size.width(), size.height()), chart, colours)
    finally:
        painter.end()
    # Only now: fonts are measured at the image's resolution, which must stay the
    # screen's while drawing (the pixel ratio does the sharpening). The file then
    # says how large it prints.
    dots_per_metre = round(96 * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def png_bytes(
    chart: Chart,
    size: QSizeF,
    colours: ChartColours | None = None,
    *,
    scale: float = 1.0,
    font: QFont | None = None,
) -> bytes:
    """``chart`` drawn as a PNG image, in memory."""
    from PySide6.QtCore import QBuffer, QIODevice

    image = render_image(chart, size, colours, scale=scale, font=font)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The binding takes the format as text at run time, whatever its stubs say.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError("Qt could not encode the chart as PNG")
    return bytes(buffer.data().data())


def save_png(
    chart: Chart,
    path: Path,
    size: QSizeF,
    colours: ChartColours | None = None,
    *,
    scale: float = 1.0,
    font: QFont | None = None,
) -> Path:
    """Save ``chart`` as a PNG file the one safe way; return where.

    Drawn in memory, then written as a private file that replaces ``path`` only once it
    is a whole PNG. Raises :class:`~coachdesk.store.errors.WriteFailed` (a known
    problem) when it could not be written; an older file at ``path`` is then untouched.
    """
    from PySide6.QtCore import QCoreApplication

    from coachdesk.store import outputs

    data = png_bytes(chart, size, colours, scale=scale, font=font)
    what = QCoreApplication.translate("Outputs", "The picture")
    return outputs.write_file(Path(path), data, what=what, verify=outputs.verify_png)


# ----------------------------------------------------------------- in documents

#: The object type of a chart inside a QTextDocument.
CHART_OBJECT_TYPE = int(QTextFormat.ObjectTypes.UserObject.value) + 0x43
_CHART_PROPERTY = int(QTextFormat.Property.UserProperty.value) + 0x43
_SIZE_PROPERTY = _CHART_PROPERTY + 1
# Chart sizes are given in CSS pixels (1/96 inch), whatever the device.
_CSS_DPI = 96.0


class ChartTextObject(QPyTextObject):
    """Draws charts inside a QTextDocument, as vector paths and text.

    Registered with :func:`install_chart_handler`. Printing the document (to paper or
    PDF) calls :meth:`drawObject` with the printer's painter, so the chart is drawn
    the way the rest of the page is, never as a picture.
    """

    def __init__(self, colours: ChartColours | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.colours = colours or ChartColours.for_print()

    def intrinsicSize(self, doc: QTextDocument, posInDocument: int, format: QTextFormat) -> QSizeF:
        """The chart's size in the document's layout units."""
        size = format.property(_SIZE_PROPERTY)
        if not isinstance(size, QSizeF):
            size = QSizeF(480, 240)
        device = doc.documentLayout().paintDevice()
        # While printing the layout works in the printer's pixels.
        factor = device.logicalDpiX() / _CSS_DPI if device is not None else 1.0
        return QSizeF(size.width() * factor, size.height() * factor)

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        posInDocument: int,
        format: QTextFormat,
    ) -> None:
        """Draw the chart held by ``format`` into ``rect``."""
        chart = format.property(_CHART_PROPERTY)
        if isinstance(chart, TimeChart | BarChart):
            paint(painter, QRectF(rect), chart, self.colours)


def install_chart_handler(
    document: QTextDocument, colours: ChartColours | None = None
) -> ChartTextObject:
    """Let ``document`` draw charts (black on white unless ``colours`` say otherwise)."""
    handler = ChartTextObject(colours, document)  # the document keeps it alive
    document.documentLayout().registerHandler(CHART_OBJECT_TYPE, handler)
    return handler


def insert_chart(cursor: QTextCursor, chart: Chart, size: QSizeF) -> None:
    """Insert ``chart`` at ``cursor``, ``size`` in CSS pixels (1/96 inch)."""
    chart_format = QTextCharFormat()
    chart_format.setObjectType(CHART_OBJECT_TYPE)
    chart_format.setProperty(_CHART_PROPERTY, chart)
    chart_format.setProperty(_SIZE_PROPERTY, QSizeF(size))
    cursor.insertText("\ufffc", chart_format)
