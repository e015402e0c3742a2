"""Prep-sheet sections from the plan and the agreement (items 5 and 6 of a sheet).

Both are the rep's and the manager's shared words; nothing here is private. Consequence
steps appear only when one is in play (used under the agreement in force in the last
quarter), and then as the rep's own choice.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coachdesk import Registry
from coachdesk.assembled.prep import Section, SectionProvider
from coachdesk.coaching.prep import clip
from coachdesk.dates import Quarter, parse_date
from coachdesk.store import agreements, plans
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementSection, Metric

if TYPE_CHECKING:
    from coachdesk.assembled.numbers import MetricPace, RepNumbers


# Sections 4–6 of a sheet, each registered below with its place on the sheet as its
# order; the prep sheet hands them to its gathering.
SECTIONS: Registry[SectionProvider] = Registry("prep-sheet section")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _day(value: str | None) -> str:
    if not value:
        return "—"
    return parse_date(value).strftime("%a %d %b %Y").replace(" 0", " ")


def plan_section(
    journal: Journal, rep_id: int, day: dt.date, limits: dict[str, int]
) -> Section | None:
    """Their plan for the quarter in brief, in their words, with their targets."""
    quarter = Quarter.of(day)
    plan = plans.plan_for(journal, rep_id, quarter)
    if plan is None:
        return None
    budget = limits["plan_chars"]
    rows = []
    for answer in plan.answers:
        if not answer.answer.strip() or budget <= 0:
            continue
        text, _ = clip(" ".join(answer.answer.split()), min(budget, max(80, budget // 3)))
        budget -= len(text)
        rows.append(f"<li><b>{_esc(answer.area)}:</b> <i>“{_esc(text)}”</i></li>")
    targets = ", ".join(f"{_esc(t.label or t.metric_key)} {t.target:g}" for t in plan.targets)
    if not rows and not targets:
        return None
    body = f"<p class='quiet'>{_esc(str(quarter))}, in their words</p>"
    if rows:
        body += "<ul>" + "".join(rows) + "</ul>"
    if targets:
        body += f"<p>Their targets: {targets}</p>"
    return Section("plan", "Their plan", body)


SECTIONS.register(plan_section, order=5)


def agreement_section(
    journal: Journal, rep_id: int, day: dt.date, limits: dict[str, int]
) -> Section | None:
    """What each side expects, how we communicate, the next review; steps only in play."""
    agreement = agreements.active_agreement(journal, AgreementOwner.rep(rep_id))
    if agreement is None:
        return None
    limit = limits["agreement_items"]

    def items(section: AgreementSection) -> list[str]:
        found = [i for i in agreement.items if i.section is section]
        texts = [
            (f"{i.label}: {i.text}" if i.label else i.text)
            for i in sorted(found, key=lambda item: item.position)
        ]
        shown = [f"<li>{_esc(clip(t, 160)[0])}</li>" for t in texts[:limit]]
        if len(texts) > limit:
            shown.append(f"<li><i>and {len(texts) - limit} more</i></li>")
        return shown

    parts = []
    them = items(AgreementSection.EXPECT_OF_THEM)
    me = items(AgreementSection.EXPECT_OF_ME)
    if them:
        parts.append(f"<p><b>What I expect of you</b></p><ul>{''.join(them)}</ul>")
    if me:
        parts.append(f"<p><b>What you can expect of me</b></p><ul>{''.join(me)}</ul>")
    talk = items(AgreementSection.COMMUNICATION)
    if talk:
        parts.append(f"<p><b>How we communicate</b></p><ul>{''.join(talk)}</ul>")
    cutoff = (day - dt.timedelta(days=92)).isoformat()
    in_play = [
        use
        for use in agreements.step_uses(journal, rep_id)
        if use.version == agreement.version and use.used_on >= cutoff
    ]
    if in_play:
        latest = max(in_play, key=lambda use: use.used_on)
        whose = "their" if latest.section is AgreementSection.THEIR_STEPS else "my"
        parts.append(
            f"<p><b>In play since {_esc(_day(latest.used_on))}:</b> step {latest.step_number} "
            f"of {whose} own choosing — “{_esc(clip(latest.step_text, 200)[0])}”</p>"
        )
    parts.append(
        f"<p class='quiet'>Agreed {_esc(_day(agreement.agreed_on))} · "
        f"next review {_esc(_day(agreement.review_on))}</p>"
    )
    return Section("agreement", "Our agreement in brief", "".join(parts))


SECTIONS.register(agreement_section, order=6)


def _numbers_for(journal: Journal, rep_id: int, day: dt.date) -> RepNumbers:
    from coachdesk.assembled.numbers import rep_numbers
    from coachdesk.coaching.pace import last_completed_week

    return rep_numbers(journal, rep_id, last_completed_week(day), weeks=8)


def _chosen_metrics(numbers: RepNumbers, count: int = 4) -> list[Metric]:
    """Up to four metrics: those with a target first, then those with numbers."""
    with_target = [m for m in numbers.metrics if m.key in numbers.targets]
    rest = [m for m in numbers.metrics if m.key not in numbers.targets]
    return (with_target + rest)[:count]


def _pace_words(paced: MetricPace | None) -> str:
    from coachdesk.coaching.pace import PaceStatus

    if paced is None or not paced.pace.judged:
        return "no target" if paced is None or paced.target is None else "no numbers yet"
    percent = paced.pace.percent
    label = {
        PaceStatus.ON_PACE: "on pace",
        PaceStatus.SLIGHTLY_BEHIND: "a little behind",
        PaceStatus.BEHIND: "behind",
        PaceStatus.NO_TARGET: "no target",
    }[paced.pace.status]
    return f"{percent:.0f}% of pace · {label}" if percent is not None else label


def numbers_section(
    journal: Journal, rep_id: int, day: dt.date, limits: dict[str, int]
) -> Section | None:
    """Three or four metrics over eight weeks, quarter to date against pace, with charts."""
    from coachdesk.assembled.numbers import format_value
    from coachdesk.render.numbers_charts import build_charts

    numbers = _numbers_for(journal, rep_id, day)
    chosen = _chosen_metrics(numbers)
    if not chosen:
        return None
    last = numbers.as_of
    rows = []
    for metric in chosen:
        value = numbers.values.get((last, metric.key))
        week_value = format_value(metric, value, numbers.currency) if value is not None else "–"
        paced = numbers.paces.get(metric.key)
        qtd = format_value(metric, paced.pace.actual, numbers.currency) if paced else "–"
        target = (
            format_value(metric, paced.target.target, numbers.currency)
            if paced and paced.target
            else "–"
        )
        rows.append(
            f"<tr><td>{_esc(metric.label)}</td><td align='right'>{_esc(week_value)}</td>"
            f"<td align='right'><b>{_esc(qtd)}</b></td><td align='right'>{_esc(target)}</td>"
            f"<td>{_esc(_pace_words(paced))}</td></tr>"
        )
    table = (
        "<table class='numbers' width='100%' cellspacing='0' cellpadding='2'>"
        f"<tr><th align='left'>Metric</th><th align='right'>W{last.week:02d}</th>"
        "<th align='right'>QTD</th><th align='right'>Target</th><th align='left'>Pace</th></tr>"
        f"{''.join(rows)}</table>"
        f"<p class='quiet'>Quarter to date as of week {last.week:02d}; "
        "the chart shows the last eight weeks.</p>"
    )
    # One chart, of the lead metric (the first with a target), beside the table.
    built = {c.title: c for c in build_charts(numbers)}
    charts: dict[str, object] = {}
    chart_cell = ""
    lead = built.get(chosen[0].label)
    if lead is not None:
        placeholder = f"[[chart:{rep_id}]]"
        charts[placeholder] = lead
        chart_cell = placeholder
    body = (
        "<table class='head' width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='52%' valign='top'>{table}</td><td width='3%'></td>"
        f"<td width='45%' valign='top'>{chart_cell}</td></tr></table>"
    )
    return Section("numbers", "The numbers", body, charts)


SECTIONS.register(numbers_section, order=4)


def cover_totals(journal: Journal, day: dt.date, rep_ids: Sequence[int]) -> str:
    """The team's totals against the team's targets: never a figure per rep."""
    from coachdesk.assembled.numbers import format_value

    totals: dict[str, list[float]] = {}
    labels: dict[str, Metric] = {}
    currency = "$"
    for rep_id in rep_ids:
        numbers = _numbers_for(journal, rep_id, day)
        currency = numbers.currency
        for key, paced in numbers.paces.items():
            if paced.target is None:
                continue
            actual, target, expected = totals.setdefault(key, [0.0, 0.0, 0.0])
            totals[key] = [
                actual + paced.pace.actual,
                target + paced.target.target,
                expected + (paced.pace.expected or 0.0),
            ]
            labels[key] = paced.metric
    if not totals:
        return ""
    rows = []
    for key, (actual, target, expected) in totals.items():
        metric = labels[key]
        pace = f"{100 * actual / expected:.0f}% of pace" if expected > 0 else "—"
        rows.append(
            f"<tr><td>{_esc(metric.label)}</td>"
            f"<td align='right'>{_esc(format_value(metric, actual, currency))}</td>"
            f"<td align='right'>{_esc(format_value(metric, target, currency))}</td>"
            f"<td>{_esc(pace)}</td></tr>"
        )
    return (
        "<h2>The team, quarter to date</h2>"
        "<table class='numbers' cellspacing='0' cellpadding='3'>"
        "<tr><th align='left'>Metric</th><th align='right'>Team total</th>"
        "<th align='right'>Team target</th><th align='left'>Pace</th></tr>"
        + "".join(rows)
        + "</table>"
    )
