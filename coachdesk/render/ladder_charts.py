"""The ladder drawn: a person's trend, where the team stands, and the printable trend.

Builds :mod:`coachdesk.render.charts` descriptions from the store's records, so the
screen, a PNG and print show the same chart. My private reads go into a trend only when
the caller passes them (never in sharing mode); the printable trend never has them.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QTextCursor, QTextDocument

from coachdesk.coaching import ladder as rules
from coachdesk.dates import add_months, parse_date
from coachdesk.render.charts import (
    Bar,
    BarChart,
    CategoryAxis,
    Note,
    Series,
    TimeChart,
    insert_chart,
    install_chart_handler,
)
from coachdesk.store.records import LadderRead, Rating

_CONTEXT = "Ladder"
# A trend shows at least this much time, so one rating is not a lonely dot.
MIN_MONTHS_SHOWN = 6
TREND_SIZE = QSizeF(640, 300)  # CSS pixels; as printed
TEAM_SIZE = QSizeF(560, 260)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def rung_axis(ladder: rules.Ladder) -> CategoryAxis:
    """The ladder as a y axis: top rung first, with the keys 1–5 used to pick it."""
    return CategoryAxis(
        labels=tuple(ladder.names()), keys=tuple(str(r.number) for r in ladder.rungs)
    )


def trend_chart(
    ladder: rules.Ladder,
    self_ratings: Sequence[Rating],
    reads: Sequence[LadderRead] | None,
    today: dt.date,
    *,
    mine: bool = False,
    title: str = "",
) -> TimeChart:
    """The self-ratings over time as a step line, with my reads beside them if given.

    ``mine`` is for the manager's own line ("Me"). Days on which their view and my read
    stand two rungs apart or more are marked with a question for me.
    """
    theirs = [rules.Point(parse_date(r.rated_on), r.rung) for r in self_ratings]
    series = [
        Series(
            _tr("My self-rating") if mine else _tr("Their self-rating"),
            tuple((p.on, float(p.rung)) for p in theirs),
            step=True,
        )
    ]
    notes: tuple[Note, ...] = ()
    if reads:
        my_reads = [rules.Point(parse_date(r.read_on), r.rung) for r in reads]
        series.append(
            Series(
                _tr("My read (private)"), tuple((p.on, float(p.rung)) for p in my_reads), step=True
            )
        )
        notes = tuple(
            Note(g.on, float(min(g.self_rung, g.read_rung)), float(max(g.self_rung, g.read_rung)))
            for g in rules.wide_gaps(theirs, my_reads)
        )
    days = [d for s in series for d, _ in s.points]
    start = min([*days, add_months(today, -MIN_MONTHS_SHOWN)])
    return TimeChart(
        series=tuple(series),
        axis=rung_axis(ladder),
        start=start,
        end=max([today, *days]),
        notes=notes,
        note_legend=_tr("Two rungs apart — what will I change?"),
        title=title,
        empty_text=_tr("No self-ratings yet."),
    )


def team_chart(
    ladder: rules.Ladder,
    now: Sequence[int],
    then: Sequence[int] | None,
    *,
    since: str = "",
    title: str = "",
) -> BarChart:
    """Counts per rung (top first) today, and on an earlier day if given."""
    bars = []
    for rung, count in zip(ladder.rungs, now, strict=True):
        before = then[rung.number - 1] if then is not None else None
        text = str(count) if before is None else _tr("%d (was %d)") % (count, before)
        bars.append(
            Bar(
                rung.name,
                float(count),
                None if before is None else float(before),
                text=text,
                key=rung.number,
                key_text=str(rung.number),
            )
        )
    return BarChart(
        bars=tuple(bars),
        title=title,
        value_legend=_tr("Now") if then is not None else "",
        previous_legend=since,
    )


def trend_document(
    heading: str,
    ladder: rules.Ladder,
    self_ratings: Sequence[Rating],
    today: dt.date,
    *,
    mine: bool = False,
) -> QTextDocument:
    """A printable page: the trend chart (a vector object), the ratings and the ladder.

    Only what is shared with the person is in it: their self-ratings and their words.
    """
    from coachdesk.render.markdown import make_document

    rows = "".join(
        f"<tr><td>{html.escape(r.rated_on)}</td><td>{r.rung} {html.escape(ladder.name(r.rung))}"
        f"</td><td>{html.escape(r.why)}</td></tr>"
        for r in reversed(self_ratings)
    )
    rungs = "".join(
        f"<li><b>{r.number} {html.escape(r.name)}</b> — {html.escape(r.description)}</li>"
        for r in ladder.rungs
    )
    document = make_document(f"<h2>{html.escape(heading)}</h2><p></p>")
    install_chart_handler(document)
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    insert_chart(cursor, trend_chart(ladder, self_ratings, None, today, mine=mine), TREND_SIZE)
    table = (
        f"<table><thead><tr><th>{_tr('Day')}</th><th>{_tr('Rung')}</th>"
        f"<th>{_tr('Why, in their words') if not mine else _tr('Why')}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    cursor.insertHtml(f"<p></p>{table}<h3>{_tr('The ladder')}</h3><ul>{rungs}</ul>")
    return document


def write_pdf(document: QTextDocument, path: Path) -> int:
    """Print ``document`` to a PDF file at ``path`` (charts stay vector drawings).

    Drawn in memory and written the one safe way; returns the page count. Raises
    :class:`~coachdesk.store.errors.WriteFailed` (a known problem) when the file could
    not be written whole.
    """
    from coachdesk.render.pdf import print_to_pdf

    return print_to_pdf(document, path)
