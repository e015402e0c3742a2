"""Agreements and plans as HTML: for the screen, for print and for PDF.

Everything here is built from escaped text only (no Markdown, no links, no images) and
shown or printed through :func:`coachdesk.render.markdown.make_document`, the one safe
rendering policy. Only what is shared with the rep goes into these documents: an
agreement is entirely shared, and a plan's review comments (the manager's own) are
never part of them.

No colour is written into the HTML: on screen the document takes the palette's text
colour (light or dark), and printing puts black on white paper.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF

from coachdesk.coaching.agreements import Change, DiffRow
from coachdesk.coaching.plans import INTRO, TARGETS_HEADING, TARGETS_PROMPT, framework_title
from coachdesk.dates import parse_date
from coachdesk.store.records import (
    Agreement,
    AgreementScope,
    AgreementSection,
    AgreementStatus,
    Plan,
)

_CONTEXT = "AgreementDocument"

# Rows left for writing in a blank framework's boxes.
_WRITING_LINES = 7
_BLANK_TARGET_ROWS = 5
# Body text on paper, in points: readable when handed over, two pages for most agreements.
_PRINT_POINTS = 10.5


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _prose(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return "<br>".join(_e(line) for line in text.strip().splitlines())


def long_date(iso: str | None) -> str:
    """Return "2 Nov 2026" for an ISO date, or "—"."""
    if not iso:
        return "—"
    try:
        day = parse_date(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%b %Y')}"


def first_name(name: str) -> str:
    """The first word of a name, for "In Ana's words"."""
    return name.split()[0] if name.split() else name


def _list(items: Sequence[str], *, ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    body = "".join(f"<li>{_e(item)}</li>" for item in items)
    return f"<{tag}>{body}</{tag}>"


def agreement_html(
    agreement: Agreement,
    *,
    rep_name: str = "",
    team_name: str = "",
    manager_name: str = "",
) -> str:
    """Return a version of an agreement as one clean document to hand over or print.

    The ladders read as the person's own choices, in their order, never as a list of
    warnings. Both sign-off dates are shown, or a blank line to sign on.
    """
    parts: list[str] = []
    if agreement.scope is AgreementScope.TEAM:
        title = _tr("Team agreement") + (f" — {_e(team_name)}" if team_name else "")
    else:
        title = _tr("Our working agreement") + (f" — {_e(rep_name)}" if rep_name else "")
    parts.append(f"<h1>{title}</h1>")
    facts = [team_name] if team_name and agreement.scope is AgreementScope.REP else []
    facts.append(_tr("Version %d") % agreement.version)
    if agreement.status is AgreementStatus.DRAFT:
        facts.append(_tr("draft, not yet agreed"))
    elif agreement.status is AgreementStatus.SUPERSEDED:
        facts.append(_tr("no longer in force"))
    facts.append(_tr("agreed on %s") % long_date(agreement.agreed_on))
    facts.append(_tr("next review %s") % long_date(agreement.review_on))
    parts.append(f"<p>{' · '.join(_e(f) for f in facts)}</p>")

    def section(heading: str, items: Sequence[str], *, ordered: bool = False) -> None:
        if items:
            parts.append(f"<h2>{_e(heading)}</h2>")
            parts.append(_list(items, ordered=ordered))

    who = first_name(rep_name) if rep_name else _tr("the rep")
    if agreement.scope is AgreementScope.TEAM:
        section(_tr("How we work together"), agreement.texts(AgreementSection.HOW_WE_WORK))
        section(
            _tr("What the team can expect from me"), agreement.texts(AgreementSection.EXPECT_OF_ME)
        )
        section(_tr("What I expect of the team"), agreement.texts(AgreementSection.EXPECT_OF_THEM))
    else:
        section(_tr("What I expect of you"), agreement.texts(AgreementSection.EXPECT_OF_THEM))
        section(_tr("What you can expect from me"), agreement.texts(AgreementSection.EXPECT_OF_ME))
        if agreement.more_needed.strip():
            parts.append(f"<h3>{_e(_tr('What else do you need from me?'))}</h3>")
            parts.append(f"<p>{_prose(agreement.more_needed)}</p>")
        channels = agreement.section(AgreementSection.COMMUNICATION)
        if channels or agreement.open_door.strip() or agreement.work_schedule.strip():
            parts.append(f"<h2>{_e(_tr('How we communicate'))}</h2>")
        if channels:
            rows = "".join(
                f"<tr><td>{_e(item.label) or '—'}</td><td>{_e(item.text)}</td></tr>"
                for item in channels
            )
            parts.append(
                f"<table width='100%'><tr><th align='left'>{_e(_tr('When'))}</th>"
                f"<th align='left'>{_e(_tr('How'))}</th></tr>{rows}</table>"
            )
        if agreement.open_door.strip():
            parts.append(
                f"<p><b>{_e(_tr('Open-door hours:'))}</b> {_prose(agreement.open_door)}</p>"
            )
        if agreement.work_schedule.strip():
            parts.append(
                f"<p><b>{_e(_tr('Work schedule:'))}</b> {_prose(agreement.work_schedule)}</p>"
            )
        theirs = agreement.texts(AgreementSection.THEIR_STEPS)
        if theirs:
            parts.append(f"<h2>{_e(_tr('If I don’t hold up my end, I’d like you to…'))}</h2>")
            parts.append(
                f"<p><i>{_e(_tr('In %s’s own words, in the order they chose.') % who)}</i></p>"
            )
            parts.append(_list(theirs, ordered=True))
        mine = agreement.texts(AgreementSection.MY_STEPS)
        if mine:
            parts.append(f"<h2>{_e(_tr('If I slip, call me on it by…'))}</h2>")
            parts.append(_list(mine, ordered=True))

    parts.append(f"<h2>{_e(_tr('Signed'))}</h2>")
    blank = "_" * 18
    signer = rep_name or _tr("Rep")
    me = manager_name or _tr("Manager")
    signers = [(signer, agreement.rep_signed_on), (me, agreement.manager_signed_on)]
    if agreement.scope is AgreementScope.TEAM:
        signers = [(me, agreement.manager_signed_on)]
    cells = "".join(
        f"<tr><td>{_e(name)}</td><td>"
        + (_e(_tr("signed %s") % long_date(day)) if day else _e(_tr("signed on ")) + blank)
        + "</td></tr>"
        for name, day in signers
    )
    parts.append(f"<table width='100%'>{cells}</table>")
    return "\n".join(parts)


def diff_html(rows: Sequence[DiffRow], left_title: str, right_title: str) -> str:
    """Return two versions side by side; what changed is marked in words and bold."""
    marks = {
        Change.SAME: "",
        Change.CHANGED: _tr("changed"),
        Change.REMOVED: _tr("removed"),
        Change.ADDED: _tr("added"),
    }

    def cell(text: str | None, strong: bool) -> str:
        if text is None:
            return "<td></td>"
        shown = _e(text.removeprefix("## ")) if text.startswith("## ") else _e(text)
        if text.startswith("## "):
            shown = f"<u>{shown}</u>"
        return f"<td><b>{shown}</b></td>" if strong else f"<td>{shown}</td>"

    body = []
    for row in rows:
        strong = row.change is not Change.SAME
        body.append(
            f"<tr><td><i>{_e(marks[row.change])}</i></td>"
            f"{cell(row.left, strong)}{cell(row.right, strong)}</tr>"
        )
    if not body:
        body.append(f"<tr><td></td><td colspan='2'>{_e(_tr('No differences.'))}</td></tr>")
    return (
        "<table width='100%'>"
        f"<tr><th width='12%'></th><th align='left' width='44%'>{_e(left_title)}</th>"
        f"<th align='left' width='44%'>{_e(right_title)}</th></tr>" + "".join(body) + "</table>"
    )


def framework_html(rep_name: str, quarter: str, areas: Sequence[tuple[str, str]]) -> str:
    """Return the blank plan framework, with room to write under each area."""
    space = "<br>" * _WRITING_LINES
    parts = [
        f"<h1>{_e(framework_title(rep_name, quarter))}</h1>",
        f"<p>{_e(INTRO)}</p>",
    ]
    for area, prompt in areas:
        parts.append(f"<h2>{_e(area)}</h2>")
        if prompt:
            parts.append(f"<p><i>{_e(prompt)}</i></p>")
        parts.append(f"<table width='100%'><tr><td>{space}</td></tr></table>")
    parts.append(f"<h2>{_e(TARGETS_HEADING)}</h2>")
    parts.append(f"<p><i>{_e(TARGETS_PROMPT)}</i></p>")
    # Two lines high: room to write by hand.
    blank_rows = "<tr><td>&nbsp;<br>&nbsp;</td><td>&nbsp;</td></tr>" * _BLANK_TARGET_ROWS
    parts.append(
        f"<table width='100%'><tr><th align='left' width='70%'>{_e(_tr('What you will count'))}"
        f"</th><th align='left'>{_e(_tr('Target'))}</th></tr>{blank_rows}</table>"
    )
    return "\n".join(parts)


def plan_html(plan: Plan, rep_name: str) -> str:
    """Return a rep's plan in their words, with their targets; the review is left out."""
    who = first_name(rep_name) or _tr("the rep")
    parts = [f"<h1>{_e(framework_title(rep_name, plan.quarter))}</h1>"]
    for answer in plan.answers:
        parts.append(f"<h2>{_e(answer.area)}</h2>")
        if answer.prompt:
            parts.append(f"<p><i>{_e(answer.prompt)}</i></p>")
        words = _prose(answer.answer) if answer.answer.strip() else "—"
        parts.append(
            f"<p><i>{_e(_tr('In %s’s words:') % who)}</i></p><blockquote>{words}</blockquote>"
        )
    if plan.targets:
        rows = "".join(
            f"<tr><td>{_e(t.label or t.metric_key)}</td><td align='right'>{_number(t.target)}"
            "</td></tr>"
            for t in plan.targets
        )
        parts.append(f"<h2>{_e(TARGETS_HEADING)}</h2><table>{rows}</table>")
    return "\n".join(parts)


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def save_pdf(html_text: str, path: Path, *, title: str) -> int:
    """Print ``html_text`` to a PDF file through the one safe rendering policy.

    The PDF is drawn in memory (no printer, no print system) and written the one safe
    way; returns its page count. Raises
    :class:`~coachdesk.store.errors.WriteFailed` (a known problem) when the file could
    not be written whole; an older file at ``path`` is then left as it was.
    """
    from PySide6.QtGui import QFont, QPageLayout

    from coachdesk.render.markdown import make_document
    from coachdesk.render.pdf import default_layout, print_to_pdf

    layout = default_layout()
    # QTextDocument.print_ puts a 2 cm margin of its own around the text: page margins
    # on top of it would squeeze the page.
    layout.setUnits(QPageLayout.Unit.Millimeter)
    layout.setMargins(QMarginsF(0, 0, 0, 0))
    font = QFont()
    font.setPointSizeF(_PRINT_POINTS)
    document = make_document(
        f"<html><head><title>{_e(title)}</title></head><body>{html_text}", base_font=font
    )
    document.setMetaInformation(document.MetaInformation.DocumentTitle, title)
    return print_to_pdf(document, path, title=title, layout=layout)


def today_label(day: dt.date) -> str:
    """Return a day as "23 Nov 2026"."""
    return long_date(day.isoformat())
