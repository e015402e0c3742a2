"""The sample team's agreements and plans, added through the store.

A sample extension (see :mod:`coachdesk.sample.extensions`). Every active rep
but the newest has a working agreement; a few are past their review date, one was
revised once, one step of a rep's ladder and one of the manager's were used. The
whole team has a team agreement. Some reps have a plan for this quarter and the last,
in their own words, with targets. One team was taken over three weeks ago: its reps
who have not agreed since show "Expectations conversation due".

Deterministic: the same seed and day give the same rows. Everything here is invented.
"""

from __future__ import annotations

import datetime as dt
import random

from coachdesk.coaching.plans import DEFAULT_AREAS, parse_areas
from coachdesk.dates import Quarter, add_months, iso_date
from coachdesk.sample.extensions import EXTENSIONS, VP_NAME, SampleContext
from coachdesk.store import agreements, plans, teams
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.records import (
    Agreement,
    AgreementContent,
    AgreementSection,
    PlanStatus,
    Rep,
)
from coachdesk.store.reps import list_reps

DAY = dt.timedelta(days=1)
TAKEN_OVER_DAYS_AGO = 21

_EXPECT_OF_THEM = [
    "Keep the CRM current by Friday noon: next step and close date on every open deal",
    "Bring your own agenda to our 1:1 — it's your meeting",
    "Tell me early when a deal slips: no surprises on the forecast call",
    "Protect two prospecting blocks a week",
    "Ask for help before you've been stuck for a week",
    "Share one thing you learned with the team each month",
    "Log every first meeting within a day",
]
_EXPECT_OF_ME = [
    "Our 1:1 happens every week: I move it, I don't cancel it",
    "An answer within 24 hours on pricing and approvals",
    "Air cover with legal, finance and product when a deal needs it",
    "Feedback within a day of any call I join",
    "I back your call in front of the customer and argue with you in private",
    "I tell you first what I hear about you from others",
    "Coaching on one skill you choose, every quarter",
]
_COMMUNICATION = [
    (("Emergency", "call or text, any hour"), ("Answer within 24 h", "email")),
    (("Emergency", "text me"), ("Same day", "chat with an @mention")),
    (("Urgent", "call"), ("Answer within 24 h", "email"), ("Routine", "our 1:1 doc")),
]
_OPEN_DOOR = [
    "Tuesdays and Thursdays, 14:00–16:00",
    "Mornings before 10:00: the door is open, just come in",
    "Fridays after lunch, or any time my calendar shows a free half hour",
]
_SCHEDULE = [
    "Monday to Thursday in the office, Friday remote; core hours 9–15",
    "Fully remote, overlapping 10:00–16:00 with the team",
    "Early starts (7:30) on Monday and Wednesday, school run on Friday afternoons",
]
_MORE_NEEDED = [
    "A heads-up before territory changes are announced.",
    "More deal reviews on the big ones, fewer on the small ones.",
    "",
    "Time with a solutions engineer before my first enterprise demo.",
]
# Each rep's ladder is their own: a few ways people put it.
_THEIR_STEPS = [
    (
        "A gentle reminder in chat — I've probably just forgotten",
        "Take me to lunch: if I'm slipping, something's going on",
        "A formal plan, written together, with dates",
    ),
    (
        "Mention it in our next 1:1, not in front of the team",
        "Block an hour and ask me what's really going on",
        "A written plan we both sign",
    ),
    (
        "Just ask me about it — a nudge is enough",
        "Sit in on my calls for a week and tell me what you see",
        "Put it in writing: what good looks like, and by when",
    ),
]
_MY_STEPS = [
    ("Tell me straight in our 1:1", "Put it in an email and ask me for a date"),
    (
        "Call it out in chat — I'd rather know the same day",
        "Raise it at our next 1:1 and hold me to a date",
        f"Take it to {VP_NAME}, my manager: I'd rather you did than stewed",
    ),
]
_TEAM_HOW_WE_WORK = (
    "Forecast calls start on time and end early",
    "Wins go in the channel the same day, with what made them work",
    "We disagree in the room and commit outside it",
    "Nobody is left alone with a customer escalation",
)
_TEAM_EXPECT_OF_ME = (
    "The forecast I send up is never a surprise to you: I share it first",
    "Fridays stay free of internal meetings",
    "Once a quarter, an hour each on your career, not your pipeline",
)

_ACCOUNTS = ["Acme Logistics", "Northwind", "Globex", "Initech", "Umbrella Health", "Vandelay"]
_ANSWERS = {
    "Targets and pipeline": [
        "Close {a} and {b} — about {k}k between them. That needs 3x pipeline, so I want "
        "{k3}k open by the middle of the quarter.",
        "My number is {k}k. {a} is most of it if it lands; if it doesn't, I need two "
        "mid-size deals, so I'm building pipeline for both cases.",
    ],
    "Activity plan": [
        "Two prospecting blocks a week (Tuesday and Thursday mornings), 60 calls a week, "
        "and I'll ask every closed-won customer for one referral.",
        "Calls first thing, before email. Ten new conversations a week.\n"
        "- Monday: list building\n- Tue/Thu: calls\n- Friday: follow-ups and CRM",
    ],
    "Key accounts": [
        "{a} — expand to their EU team.\n{b} — renewal in February, start now, not in "
        "January.\n{c} — get past procurement; find out who actually signs.",
        "{a} and {b}. Honestly {b} worries me: the champion is leaving.",
    ],
    "Skills to build": [
        "Discovery. I jump to the demo too early. I'd like to role-play discovery with you "
        "twice this quarter.",
        "Negotiation — I give discounts before anyone asks for one.",
    ],
    "Support needed from me": [
        "Help getting legal to turn contracts around in under a week. And come to the {b} QBR.",
        "Less check-ins by chat, more in the 1:1. And an intro to someone in product.",
    ],
}
_REVIEW_COMMENTS = [
    "Ambitious on {a}. Ask what happens to the plan if it slips to next quarter.",
    "Good instinct on discovery. Offer the role-play slots before they ask.",
    "Targets are realistic; the activity plan is light on new logos.",
]


def _is_sdr(rep: Rep) -> bool:
    return "SDR" in rep.title or "Development" in rep.title


def _targets(rng: random.Random, rep: Rep) -> list[tuple[str, float]]:
    if _is_sdr(rep):
        return [
            ("Calls", float(rng.choice([500, 600, 720]))),
            ("Conversations", float(rng.choice([120, 150, 180]))),
            ("Meetings booked", float(rng.choice([30, 36, 45]))),
        ]
    return [
        ("Demos", float(rng.choice([18, 24, 30]))),
        ("Quotes sent", float(rng.choice([8, 10, 12]))),
        ("Calls", float(rng.choice([200, 240, 300]))),
    ]


def _content(rng: random.Random, agreed_on: dt.date) -> AgreementContent:
    return AgreementContent(
        expect_of_them=tuple(rng.sample(_EXPECT_OF_THEM, rng.randint(3, 5))),
        expect_of_me=tuple(rng.sample(_EXPECT_OF_ME, rng.randint(3, 5))),
        more_needed=rng.choice(_MORE_NEEDED),
        communication=rng.choice(_COMMUNICATION),
        open_door=rng.choice(_OPEN_DOOR),
        work_schedule=rng.choice(_SCHEDULE),
        their_steps=rng.choice(_THEIR_STEPS),
        my_steps=rng.choice(_MY_STEPS),
        agreed_on=iso_date(agreed_on),
        review_on=iso_date(add_months(agreed_on, 3)),
        rep_signed_on=iso_date(agreed_on + DAY) if rng.random() < 0.7 else None,
        manager_signed_on=iso_date(agreed_on) if rng.random() < 0.8 else None,
    )


def _agree(context: SampleContext, owner: AgreementOwner, content: AgreementContent) -> Agreement:
    draft = agreements.start_draft(context.journal, owner, content)
    return agreements.activate(context.journal, draft.id, context.today)


def add_sample_agreements(context: SampleContext) -> dict[str, int]:
    """Add agreements, a team agreement, plans and one team taken over; return counts."""
    journal, today = context.journal, context.today
    rng = random.Random(context.seed * 7919 + 2)
    counts = {"agreements": 0, "agreement_step_uses": 0, "plans": 0, "plan_targets": 0}

    active = list_reps(journal, include_archived=False)
    newest = max(active, key=lambda r: (r.start_date or "", r.id), default=None)
    with_agreement = [r for r in active if r is not newest and r.start_date]

    # One team was taken over three weeks ago (the smallest, so the story stays small).
    team_list = teams.list_teams(journal)
    taken_over_team: int | None = None
    taken_on = today - TAKEN_OVER_DAYS_AGO * DAY
    if len(team_list) >= 2:
        sizes = {t.id: sum(1 for r in active if r.team_id == t.id) for t in team_list}
        taken_over_team = min(team_list, key=lambda t: (sizes[t.id], t.name)).id
        agreements.set_taken_over_on(journal, taken_over_team, iso_date(taken_on))

    forced_past_review = False
    revised = False
    theirs_used = mine_used = False
    for rep in with_agreement:
        start = dt.date.fromisoformat(rep.start_date or iso_date(today))
        tenure = (today - start).days
        if tenure < 30:
            agreed = min(start + DAY, today - DAY) if start < today else today
        elif not forced_past_review and tenure > 130:
            agreed = today - rng.randint(100, 125) * DAY  # past its review date
            forced_past_review = True
        else:
            agreed = today - rng.randint(14, min(150, max(14, tenure))) * DAY
        agreed = max(agreed, start)
        owner = AgreementOwner.rep(rep.id)

        if not revised and tenure > 300:
            # A first version from most of a year ago, revised since.
            first = today - rng.randint(240, 290) * DAY
            _agree(context, owner, _content(rng, first))
            counts["agreements"] += 1
            revised = True

        on_taken_team = taken_over_team is not None and rep.team_id == taken_over_team
        if on_taken_team and rng.random() < 0.5:
            agreed = max(taken_on + rng.randint(2, 10) * DAY, start)  # agreed with me already
        elif on_taken_team:
            agreed = min(agreed, taken_on - 5 * DAY)  # still the old manager's agreement
            agreed = max(agreed, start)
        version = _agree(context, owner, _content(rng, agreed))
        counts["agreements"] += 1

        # Steps used: one of a rep's own, one of mine, a fortnight or so ago.
        used_on = today - rng.randint(8, 20) * DAY
        settled = tenure > 90 and used_on > agreed + 21 * DAY
        if settled and not theirs_used:
            step = version.section(AgreementSection.THEIR_STEPS)[0]
            agreements.record_step_use(
                journal,
                step.id,
                iso_date(used_on),
                "CRM was three weeks behind before the forecast call. A reminder in chat, "
                "step 1, as you asked.",
            )
            theirs_used = True
            counts["agreement_step_uses"] += 1
        elif settled and not mine_used:
            step = version.section(AgreementSection.MY_STEPS)[0]
            agreements.record_step_use(
                journal,
                step.id,
                iso_date(used_on),
                "You called me on the pricing answer that took four days. Fair: my step 1.",
            )
            mine_used = True
            counts["agreement_step_uses"] += 1

    # The whole team's agreement: last quarter's, revised this quarter.
    if active:
        team_owner = AgreementOwner.team(None)
        first_day = today - rng.randint(150, 170) * DAY
        _agree(
            context,
            team_owner,
            AgreementContent(
                how_we_work=_TEAM_HOW_WE_WORK[:3],
                expect_of_me=_TEAM_EXPECT_OF_ME[:2],
                agreed_on=iso_date(first_day),
                review_on=iso_date(add_months(first_day, 3)),
            ),
        )
        second_day = today - rng.randint(40, 60) * DAY
        _agree(
            context,
            team_owner,
            AgreementContent(
                how_we_work=_TEAM_HOW_WE_WORK,
                expect_of_me=_TEAM_EXPECT_OF_ME,
                agreed_on=iso_date(second_day),
                review_on=iso_date(add_months(second_day, 3)),
                manager_signed_on=iso_date(second_day),
            ),
        )
        counts["agreements"] += 2

    # Plans, this quarter and the last, for up to five reps who have been here a while.
    areas = parse_areas(DEFAULT_AREAS)
    this_quarter = Quarter.of(today)
    last_quarter = this_quarter.shifted(-1)
    tenured = [
        r
        for r in with_agreement
        if r.start_date and r.start_date < iso_date(last_quarter.first_day())
    ]
    for rep in tenured[:5]:
        for quarter, reviewed in ((last_quarter, True), (this_quarter, rng.random() < 0.4)):
            plan = plans.start_plan(journal, rep.id, quarter, areas)
            names = rng.sample(_ACCOUNTS, 3)
            k = rng.randrange(80, 400, 10)
            words = {
                a: rng.choice(_ANSWERS.get(a.area, ["—"])).format(
                    a=names[0], b=names[1], c=names[2], k=k, k3=k * 3
                )
                for a in plan.answers
                if rng.random() < 0.9 or a.position == 0
            }
            plans.save_answers(journal, plan.id, {a.id: text for a, text in words.items()})
            targets = _targets(rng, rep)
            plans.set_targets(journal, plan.id, targets)
            counts["plans"] += 1
            counts["plan_targets"] += len(targets)
            if reviewed:
                comment = rng.choice(_REVIEW_COMMENTS).format(a=names[0])
                plans.save_review_comments(journal, plan.id, comment)
                reviewed_on = min(today, quarter.first_day() + 12 * DAY)
                plans.set_status(journal, plan.id, PlanStatus.REVIEWED, reviewed_on)
    return counts


EXTENSIONS.register(add_sample_agreements, order=20)
