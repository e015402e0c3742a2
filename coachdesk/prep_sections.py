"""Prep-sheet sections from the plan and the agreement (items 5 and 6 of a sheet).

Both are the rep's and the manager's shared words; nothing here is private. Consequence
steps appear only when one is in play (used under the agreement in force in the last
quarter), and then as the rep's own choice.
"""

from __future__ import annotations

import datetime as dt
import html

from coachdesk.coaching.prep import clip
from coachdesk.dates import Quarter, parse_date
from coachdesk.prep import Section
from coachdesk.store import agreements, plans
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementSection


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
