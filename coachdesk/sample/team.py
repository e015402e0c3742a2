"""A generated sample team: believable reps, 1:1s, notes and commitments.

Used to try coachdesk without typing in a real team, for screenshots, and to fill a
large journal for the benchmarks. :func:`generate` is pure: the same seed and the same
"today" always give the same rows, with no SQL and no clock of its own.
:func:`make_sample` puts a generated team into an empty journal through the store.

Every person, company and deal here is invented.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from coachdesk.dates import Quarter, iso_date, iso_moment
from coachdesk.dates import today as clock_today
from coachdesk.sample.extensions import VP_NAME, SampleContext, SampleExtension
from coachdesk.store.bulk import CommitmentRow, MeetingRow, RepRow, TeamRow, insert_sample
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.records import CommitmentStatus, MeetingKind, Owner
from coachdesk.store.reps import count_reps

DAY = dt.timedelta(days=1)
# The time of day a sample made "as if today were D" believes it is (``make-sample --today``).
SAMPLE_HOUR = dt.time(9, 0)
EMAIL_DOMAIN = "brightline.example"  # .example can never be a real address
TEAM_LEAD = "Sam"  # the player-coach who runs SMB Inbound day to day


@dataclass(frozen=True)
class SampleTeam:
    """A generated team: rows ready for :func:`coachdesk.store.bulk.insert_sample`."""

    teams: list[TeamRow]
    reps: list[RepRow]
    meetings: list[MeetingRow]
    commitments: list[CommitmentRow]


# --------------------------------------------------------------------- people

# (weight, first names, last names) per naming tradition; a rep's names come from one
# list so they read as one person. Most are Latin script, as on a US/EU team. Where
# surnames change with gender, each list keeps to forms that fit all its first names.
_CULTURES: list[tuple[int, str, str]] = [
    (
        14,
        "Emma Jake Olivia Marcus Hannah Tyler Brooke Dana Kevin Lauren Chris",
        "Miller Brooks Carter Hughes Sullivan Parker Reyes Bennett Foster",
    ),
    (6, "Siobhán Ciarán Aoife Niamh Declan Róisín Eoin", "O'Brien O'Neill Keane Murphy O'Sullivan"),
    (7, "José Lucía Mateo Inés Andrés Camila Sofía", "García Martínez Núñez Ortega Peña Álvarez"),
    (
        5,
        "Lukas Jürgen Anna Katrin Felix Lena Björn",
        "Müller Schäfer Becker Vogel Krüger Lindqvist",
    ),
    (5, "Chloé Étienne Camille Hugo Margaux Théo", "Lefèvre Dubois Moreau Fontaine Girard"),
    (5, "Priya Arjun Ananya Rohan Kavya Vikram", "Raman Iyer Mehta Krishnan Desai Banerjee"),
    (4, "Chidi Amara Tunde Ngozi Kwame Adaeze", "Okafor Adeyemi Mensah Eze Okonkwo Bello"),
    (4, "Wei Mei Jun Lin Hao", "Chen Zhang Liu Wang Huang"),
    (3, "Tomasz Agnieszka Paweł Zofia Łukasz", "Nowak Kowalczyk Wójcik Mazur Krawczyk"),
    # A few keep their own script in the roster; their email uses the romanised form.
    (1, "Ελένη Μαρία Κατερίνα", "Παπαδοπούλου Γεωργίου Νικολάου"),
    (1, "Юлия Анна Ольга", "Соколова Иванова Морозова"),
    (1, "ليلى يوسف سارة", "حداد منصور"),
]
_ROMANISED = {
    "Ελένη": "Eleni",
    "Κατερίνα": "Katerina",
    "Νικολάου": "Nikolaou",
    "Μαρία": "Maria",
    "Παπαδοπούλου": "Papadopoulou",
    "Γεωργίου": "Georgiou",
    "Юлия": "Yulia",
    "Ольга": "Olga",
    "Морозова": "Morozova",
    "Анна": "Anna",
    "Соколова": "Sokolova",
    "Иванова": "Ivanova",
    "ليلى": "Layla",
    "يوسف": "Youssef",
    "سارة": "Sara",
    "حداد": "Haddad",
    "منصور": "Mansour",
}

# Names that show the roster copes with apostrophes and accents; one rep always has one.
_MARKED_NAMES = [
    ("Siobhán", "O'Neill"),
    ("José", "Núñez"),
    ("Chloé", "Lefèvre"),
    ("Declan", "O'Brien"),
]


@dataclass(frozen=True)
class _TeamPlan:
    name: str
    cadence_days: int
    titles: tuple[str, ...]
    junior_title: str
    territories: tuple[str, ...]
    share: int  # how many reps in ten land here
    deal_size: tuple[int, int]  # in thousands
    quota_k: tuple[int, int]  # per quarter, in thousands
    # A player-coach leads this team day to day, so once a month the 1:1 becomes a
    # skip-level: how the team and its lead are doing, from the rep's side.
    skip_levels: bool = False


_TEAM_PLANS = [
    _TeamPlan(
        "Enterprise East",
        14,
        ("Enterprise Account Executive", "Senior Account Executive", "Strategic Account Director"),
        "Enterprise Account Executive",
        (
            "New York Metro",
            "Boston & New England",
            "Mid-Atlantic",
            "UK & Ireland",
            "DACH",
            "Benelux",
            "Nordics",
        ),
        3,
        (60, 650),
        (420, 700),
    ),
    _TeamPlan(
        "Mid-Market",
        7,
        ("Account Executive", "Senior Account Executive", "Account Executive II"),
        "Account Executive",
        ("Midwest", "Texas & Oklahoma", "Southeast", "France", "Iberia", "Pacific Northwest"),
        4,
        (12, 140),
        (210, 340),
    ),
    _TeamPlan(
        "SMB Inbound",
        7,
        ("Sales Development Rep", "Senior SDR", "SMB Account Executive", "Inbound SDR"),
        "Sales Development Rep",
        ("Inbound — Americas", "Inbound — EMEA", "Self-serve upgrades", "Partner referrals"),
        3,
        (3, 28),
        (90, 140),
        skip_levels=True,
    ),
]

_REACH_BY = [
    "Slack DM; mornings are best",
    "Text for anything urgent, email for the rest",
    "Teams chat — on calls most afternoons",
    "Call after 2pm, driving to customers in the mornings",
    "Email, and likes the agenda a day ahead",
    "WhatsApp when travelling, Slack otherwise",
    "Slack huddle; not a fan of surprise phone calls",
    "Email first, then a quick call if it's complicated",
    "Calendar invite with a line about the topic",
    "Slack, but offline Fridays after 3 (school pick-up)",
]

_SLOT_TIMES = [(9, 0), (9, 30), (10, 0), (11, 0), (13, 30), (14, 0), (15, 0), (16, 0)]

# ------------------------------------------------------------------ the deals

_COMPANIES = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Northwind Traders",
    "Bluefin Logistics",
    "Harbor & Pine",
    "Kestrel Health",
    "Marlowe Foods",
    "Orbital Freight",
    "Pinecrest Dental",
    "Quillfeather Books",
    "Redwood Analytics",
    "Sablewood Hotels",
    "Tidewater Credit Union",
    "Vantor Mobility",
    "Wexley Legal",
    "Zephyr Biotech",
    "Brightwater Schools",
    "Halcyon Retail",
    "Copperleaf Energy",
    "Fjordline Shipping",
    "Maison Duclair",
    "Grünwald Maschinenbau",
    "Osprey Insurance",
    "Larkspur Clinics",
    "Ironbridge Capital",
    "Meridian Telecom",
    "Cobalt Robotics",
    "Saffron Hospitality",
    "Tessellate Studio",
    "Ashgrove Property",
    "Nimbus Payments",
    "Verdant Farms",
    "Polaris Aerospace",
    "Keystone Manufacturing",
    "Lumen & Co",
    "Driftwood Outdoor",
    "Silverline Media",
    "Stonegate Legal",
]

_DEAL_KINDS_AE = [
    "renewal",
    "pilot",
    "expansion",
    "new logo",
    "upsell",
    "3-year renewal",
    "POC",
    "seat expansion",
    "platform migration",
]
_STAGES_AE = ["discovery", "demo done", "proposal out", "legal & procurement", "verbal"]
_STAGES_SDR = ["researching", "in sequence", "replied", "meeting booked", "passed to AE"]

_LOSS_REASONS = [
    "went with the incumbent",
    "budget frozen until next fiscal year",
    "champion left the company",
    "chose a cheaper point tool",
    "decided to build it in-house",
    "no decision — project shelved",
]


@dataclass(frozen=True)
class _Deal:
    company: str
    kind: str
    amount_k: int
    opened: dt.date
    stage_days: int
    won: bool
    loss_reason: str
    closes: dt.date  # a weekday, once every stage has had its time

    @property
    def name(self) -> str:
        return f"{self.company} {self.kind}"

    def stage_index(self, day: dt.date) -> int:
        """0..4 while open; 5 once it has closed (won or lost)."""
        if day >= self.closes:
            return len(_STAGES_AE)
        return min(len(_STAGES_AE) - 1, (day - self.opened).days // self.stage_days)


# -------------------------------------------------------------- phrase banks

_OBJECTIONS = [
    'price — "your competitor came in 20% lower"',
    'timing — "not before the new fiscal year"',
    "security review: the SOC 2 questionnaire is still with their IT team",
    '"we already have something that does most of this"',
    "nobody owns the budget yet",
    "procurement wants net-90 payment terms",
    "worried about the migration effort and who does the work",
    "legal pushing back on the liability cap",
    "they want a month-to-month option",
    "the CFO wasn't in the room and may veto it",
]

_SIGNED_AE = [
    "{deal} signed — {amount}. Took {weeks} weeks from first call.",
    "{deal} closed at {amount}, and no extra discount in the end.",
    "Signed {deal} ({amount}) a week earlier than forecast.",
]
_WINS_AE = [
    "Got a meeting with the CFO at {company} after three tries.",
    "Multi-threaded at {company}: IT and Finance both on the last call.",
    "{company} agreed to a mutual action plan with dates on both sides.",
    "Champion at {company} forwarded our business case to the COO unprompted.",
    "Customer reference from {company} landed a second-stage meeting elsewhere.",
    "{company} asked for the order form before we offered it.",
]
_WINS_SDR = [
    "Booked {n} meetings last week, best week this quarter.",
    "{company} replied to the breakup email — meeting on the calendar.",
    "New opener on the cold-call script: connect-to-meeting rate up noticeably.",
    "{company} came in through the webinar and is already talking to an AE.",
    "Got through to the head of ops at {company} on the fourth call.",
]

_COACHING = [
    "Asked what {company} loses by waiting. {first} didn't have an answer yet — worth "
    "finding before the next call.",
    'Discovery: more "why now" questions, fewer feature tours. Talked through three '
    "questions to open with.",
    "Practised the price objection: acknowledge, ask what they're comparing against, "
    "then go back to the value they told us about.",
    "Listened to ten minutes of the {company} call together. Strong opening; the close was rushed.",
    "Talked about writing recap emails the customer could forward to their boss.",
    "Worked on asking for the next meeting before the call ends, not after.",
    "{first} wants to get better at negotiating. Agreed to start with trading, "
    "not giving: nothing moves without something back.",
    "Went through how to qualify out earlier. Time is the only thing we can't get back.",
    "Mapped the buying group at {company} on the whiteboard: two people we've never met.",
    "Talked about pacing the demo: stop after each part and ask if it matters to them.",
]

_PERSONAL_SHARED = [
    "Back from a week off — rested and keen to get going.",
    "Interested in the mentoring programme; I'll share the details.",
    "Asked about the spring kickoff dates for travel planning.",
    "Running the half marathon next month, so early calls are easier than late ones.",
    "Would like to present the {company} story at the team call.",
    "Curious about the solutions engineering path longer term.",
]

# (private note, what the manager notes the next time, if anything). Private notes are
# about the person, written with care: observations and reminders, never verdicts.
_PRIVATE_NOTES: list[tuple[str, str]] = [
    (
        "{first} seemed tired today and mentioned the move is this weekend. Ask how it "
        "went, and keep next week light.",
        "Asked about the move: done, boxes everywhere, commute is shorter. Good.",
    ),
    (
        "Quieter than usual once we got to the numbers. I don't think it's the deals; "
        "check in informally on Thursday.",
        "Thursday check-in helped: it was a rough week at home, nothing I need to act on. "
        "Keep an eye out, without hovering.",
    ),
    (
        "{first} mentioned a parent is in hospital. Offered to move our slot and said to "
        "take whatever time is needed.",
        "Parent is home and recovering. {first} said the flexibility made a difference.",
    ),
    (
        "Asked about the path to a senior title. Fair question: write down what 'ready' "
        "looks like before we talk again, so it isn't vague.",
        "Shared the written criteria. {first} is closer than they think on two of the four.",
    ),
    ("I talked too much today. Next time: ask, then wait.", ""),
    (
        "Frustrated about the territory split, and with reason. Take it to {vp} with the "
        "numbers rather than promise anything.",
        "Raised the territory split with {vp}; decision at quarter end. Told {first} "
        "exactly that, no more.",
    ),
    (
        "Really lit up talking about {company}. Recognition matters to {first}; mention it "
        "at the team call.",
        "",
    ),
    (
        "{first} prefers feedback in writing first, then a conversation. Remember that at "
        "review time.",
        "",
    ),
    (
        "Mondays have been a slow start lately. Don't assume — ask whether Mondays need to "
        "look different.",
        "Asked about Mondays: school drop-off changed. Moved our slot; no issue at all.",
    ),
    ("Wedding coming up in the spring; plan coverage for those two weeks early.", ""),
    (
        "Confidence dipped after losing {company}. Next time, start with what went right in "
        "that cycle.",
        "Started with what went well, as planned. Better energy today.",
    ),
    (
        "Raised a concern about how deal reviews feel for newer reps. Take it seriously; "
        "change the format without pointing at anyone.",
        "",
    ),
    ("Studying in the evenings. Keep our 1:1s away from late afternoons.", ""),
    ("Doing well but not stretched. Consider handing {first} the {company} expansion.", ""),
    (
        "Mentioned money is tight since the ramp ended. Check the commission timing with "
        "Finance so there are no surprises.",
        "Checked with Finance: commission lands with the next payroll. Told {first}.",
    ),
    (
        "Seemed relieved when I said it was fine to drop two items. Am I piling on too much?",
        "Kept my list shorter this time. {first} took on more of the agenda.",
    ),
    (
        "Mentioned feeling a bit isolated working remotely. Pair {first} with {peer} for "
        "the next account plan.",
        "",
    ),
    (
        "Hinted at talking to another company. Don't react; ask what would make staying "
        "the obvious choice.",
        "We talked about what would make the next year great here. Two concrete things "
        "to work on; neither is money.",
    ),
]

_REP_COMMITMENTS_AE = [
    "Send {company} a mutual action plan with dates",
    "Get a meeting with the economic buyer at {company}",
    "Update close dates in the CRM for everything past due",
    "Book a pricing role play with {peer}",
    "Share the {company} discovery notes with the team",
    "Shadow one of {peer}'s discovery calls",
    "Close or re-qualify opportunities with no activity in 60 days",
    "Map the buying group at {company}: who signs, who can block",
    "Ask the {company} champion who else should be in the room",
    "Prepare three 'why now' questions for the {company} call",
    "Rebuild the {company} business case with their numbers",
    "Send the security questionnaire back to {company}",
    "Block two prospecting hours every morning this week",
    "Confirm next steps in writing after each {company} meeting",
    "Send me the first draft of the QBR deck",
]
_REP_COMMITMENTS_SDR = [
    "Rewrite step 2 of the fintech sequence and A/B test it",
    "Research 20 target accounts in the territory",
    "Listen to two of {peer}'s call recordings and note one thing to borrow",
    "Run a cold-call block Tuesday and Thursday mornings",
    "Hand {company} over to the AE with full notes",
    "Clean up bounced contacts in the sequence tool",
    "Try short video messages on 10 accounts",
    "Ask {company} for a referral to their ops lead",
    "Book a call-review session with {peer}",
]
_MANAGER_COMMITMENTS = [
    "Get deal desk approval for the {company} discount",
    "Introduce {first} to our exec sponsor for {company}",
    "Find out what's changing in next quarter's territories and tell {first}",
    "Send {first} the comp plan FAQ",
    "Set up shadowing with {peer}",
    "Ask legal to speed up the {company} redlines",
    "Join the {company} exec call",
    "Sort out the CRM permission problem with RevOps",
    "Give written feedback on the QBR deck",
    "Raise the commission split on {company} with Finance",
    "Find budget for the negotiation workshop",
    "Send two examples of strong discovery notes",
    "Ask {vp} for the written senior-title criteria and share them",
    "Get a solutions engineer on the {company} demo",
    "Review the {company} proposal before it goes out",
    "Check whether {first} can attend the spring kickoff in person",
]
# First-week promises, in an expectations talk.
_REP_COMMITMENTS_NEW = [
    "Finish the product certification",
    "Shadow three of {peer}'s calls",
    "Read the last three lost-deal debriefs",
    "Write down the five questions customers ask most",
]
_MANAGER_COMMITMENTS_NEW = [
    "Get {first}'s CRM and phone access sorted",
    "Send {first} the comp plan and the ramp schedule",
    "Set up shadowing with {peer}",
    "Introduce {first} to the solutions engineers",
]
_DROP_REASONS = [
    "no longer needed",
    "overtaken by the new plan",
    "agreed it wasn't worth the time",
    "someone else picked it up",
]

# (scenario, who I played, how the rep asked for it in their agenda)
_ROLE_PLAYS = [
    (
        "a CFO pushing back on price",
        "the CFO",
        "can we do the pricing one again? {company} CFO call soon",
    ),
    ("a cold call to a VP of Operations", "the VP", "want to practise the cold opener"),
    ("discovery with a sceptical IT lead", "the IT lead", "role play pls — {company} IT is tough"),
    (
        "negotiating a multi-year renewal",
        "procurement",
        "{company} procurement call next week, help",
    ),
    ("a champion who has gone quiet", "the champion", "what do I say to {company}, they went dark"),
    ("a gatekeeper on a cold call", "the assistant", "can't get past the front desk — role play?"),
]

_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# ------------------------------------------------------------------ planning


@dataclass
class _Pending:
    """A commitment while the meetings are being played through."""

    index: int  # position in the output list
    owner: Owner
    text: str
    due: dt.date
    stuck: bool = False  # never closed: keeps some overdue items on both sides
    carried: int = 0


@dataclass
class _RepPlan:
    key: int
    role: str  # "regular", "new", "future" or "archived"
    team: _TeamPlan
    team_key: int
    first: str
    name: str
    email: str
    title: str
    territory: str
    cadence: int
    own_cadence: int | None
    start: dt.date
    weekday: int
    slot: tuple[int, int]
    currency: str
    quota_k: int
    skill: float  # how this rep tends to do against quota
    lets_slide: bool  # one meeting's commitments stay open, and late, on both sides
    archived_on: dt.date | None = None
    next_meeting: dt.datetime | None = None
    deals: list[_Deal] = field(default_factory=list)
    peers: list[str] = field(default_factory=list)
    # What has already been said, so a rep's history doesn't repeat itself.
    private_used: set[int] = field(default_factory=set)
    private_follow_up: str = ""
    recent_commitments: list[str] = field(default_factory=list)  # templates

    @property
    def sdr(self) -> bool:
        return "SDR" in self.title or "Development" in self.title


@dataclass
class _Builder:
    """Accumulates rows; keys are handed out in order, so ids follow creation order."""

    rng: random.Random
    today: dt.date
    meetings: list[MeetingRow] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)


def generate(*, reps: int = 12, weeks: int = 26, seed: int = 7, today: dt.date) -> SampleTeam:
    """Build a believable team of ``reps`` with ``weeks`` of history up to ``today``.

    Deterministic: the same arguments always give equal rows. Nothing is dated on or
    after ``today`` except reps' next meetings and a start date next week.
    """
    if reps < 1:
        raise ValueError("a sample team needs at least one rep")
    if weeks < 0:
        raise ValueError("weeks cannot be negative")
    rng = random.Random(seed)
    since = today - dt.timedelta(weeks=weeks)
    # The journal is set up a week before the history starts.
    journal_start = dt.datetime.combine(since - 7 * DAY, dt.time(18, 5))

    plans = _TEAM_PLANS if reps >= 6 else _TEAM_PLANS[:2] if reps >= 2 else _TEAM_PLANS[1:2]
    teams = [
        TeamRow(
            key=n,
            name=p.name,
            cadence_days=p.cadence_days,
            created_at=iso_moment(journal_start),
            updated_at=iso_moment(journal_start),
        )
        for n, p in enumerate(plans, start=1)
    ]
    people = _plan_reps(rng, reps, plans, today, since)
    builder = _Builder(rng, today)
    rep_rows = []
    for rep in people:
        rep.peers = (
            [p.first for p in people if p.team is rep.team and p is not rep]
            or [p.first for p in people if p is not rep]
            or ["Jordan"]
        )
        rep.deals = _plan_deals(rng, rep, since, today)
        last_touch = _play_meetings(builder, rep, since)
        created = max(journal_start, dt.datetime.combine(rep.start - 7 * DAY, dt.time(16, 40)))
        if rep.role == "future":
            created = dt.datetime.combine(today - 4 * DAY, dt.time(11, 15))
        updated = max(created, last_touch) if last_touch else created
        archived_at = None
        if rep.archived_on is not None:
            archived = dt.datetime.combine(rep.archived_on, dt.time(17, 20))
            archived_at = iso_moment(archived)
            updated = archived
        rep_rows.append(
            RepRow(
                key=rep.key,
                name=rep.name,
                title=rep.title,
                email=rep.email,
                team_key=rep.team_key,
                start_date=iso_date(rep.start),
                territory=rep.territory,
                cadence_days=rep.own_cadence,
                next_meeting_at=iso_moment(rep.next_meeting) if rep.next_meeting else None,
                reach_by=rng.choice(_REACH_BY),
                archived_at=archived_at,
                created_at=iso_moment(created),
                updated_at=iso_moment(updated),
            )
        )
    return SampleTeam(teams, rep_rows, builder.meetings, builder.commitments)


def _plan_reps(
    rng: random.Random, count: int, plans: list[_TeamPlan], today: dt.date, since: dt.date
) -> list[_RepPlan]:
    # Special cases first, so that even a small team shows each of them.
    roles: list[str] = []
    if count >= 3:
        roles += ["archived"] * (1 + count // 25)
    if count >= 4:
        roles += ["future"] * (1 + count // 80)
    if count >= 2:
        roles += ["new"] * ((2 if count >= 6 else 1) + count // 40)
    roles += ["regular"] * (count - len(roles))
    rng.shuffle(roles)

    # Bigger teams get more reps, but every team gets at least one.
    team_of = list(range(len(plans)))[:count]
    team_of += rng.choices(range(len(plans)), [p.share for p in plans], k=count - len(team_of))
    rng.shuffle(team_of)
    # Two regular reps always, and some others, let a commitment on each side slide.
    late = [rng.random() < 0.3 for _ in roles]
    for n in [n for n, role in enumerate(roles) if role == "regular"][:2]:
        late[n] = True

    used_names: set[str] = set()
    people: list[_RepPlan] = []
    for n, role in enumerate(roles):
        plan = plans[team_of[n]]
        if n == 0:
            first, last = rng.choice(_MARKED_NAMES)
        elif n == 1 and count >= 8:
            first, last = _pick_name(rng, used_names, _CULTURES[-3:])  # a non-Latin script
        else:
            first, last = _pick_name(rng, used_names)
        name = f"{first} {last}"
        while name in used_names:
            name = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
        used_names.add(name)

        start = _start_date(rng, role, today, since)
        own_cadence = None
        cadence = plan.cadence_days
        tenure = (today - start).days
        if tenure < 90 and cadence > 7:
            own_cadence = cadence = 7  # new people get a weekly 1:1 whatever the team does
        elif rng.random() < 0.1:
            own_cadence = cadence = 14 if cadence == 7 else 7
        junior = tenure < 120 or rng.random() < 0.35
        title = plan.junior_title if junior else rng.choice(plan.titles)
        territory = rng.choice(plan.territories)
        currency = "£" if "UK" in territory else "€" if territory in _EURO_TERRITORIES else "$"
        low, high = plan.quota_k
        rep = _RepPlan(
            key=n + 1,
            role=role,
            team=plan,
            team_key=plans.index(plan) + 1,
            first=first,
            name=name,
            email="",
            title=title,
            territory=territory,
            cadence=cadence,
            own_cadence=own_cadence,
            start=start,
            weekday=rng.randrange(5),
            slot=rng.choice(_SLOT_TIMES),
            currency=currency,
            quota_k=rng.randrange(low, high, 10),
            skill=rng.uniform(0.7, 1.2),
            lets_slide=late[n] and role == "regular",
        )
        rep.email = _email(first, last, {p.email for p in people})
        if role == "archived":
            back = rng.randint(28, 70) if (today - since).days > 84 else 10
            rep.archived_on = _weekday_on_or_before(today - back * DAY)
        rep.next_meeting = _next_meeting(rng, rep, today)
        people.append(rep)
    return people


_EURO_TERRITORIES = {"DACH", "Benelux", "France", "Iberia", "Inbound — EMEA"}


def _pick_name(
    rng: random.Random, used: set[str], cultures: list[tuple[int, str, str]] = _CULTURES
) -> tuple[str, str]:
    """Pick a name not on the roster, preferring first and last names not seen yet."""
    weights = [w for w, _, _ in cultures]
    seen = {part for name in used for part in name.split()}
    first = last = ""
    for attempt in range(40):
        _, firsts, lasts = rng.choices(cultures, weights)[0]
        first, last = rng.choice(firsts.split()), rng.choice(lasts.split())
        if f"{first} {last}" in used:
            continue
        # Two Danas or three Parkers on one small team reads as made up.
        if attempt >= 30 or (first not in seen and last not in seen):
            break
    return first, last


# Letters that Unicode does not decompose into a plain letter plus an accent.
_NO_DECOMPOSITION = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss"})


def _email(first: str, last: str, taken: set[str]) -> str:
    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        letters = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == " "))
        return letters.lower().replace(" ", "")

    first, last = (
        _ROMANISED.get(part, part).translate(_NO_DECOMPOSITION) for part in (first, last)
    )
    local = ".".join(part for part in (plain(first), plain(last)) if part) or "sales"
    address = f"{local}@{EMAIL_DOMAIN}"
    n = 2
    while address in taken:
        address = f"{local}{n}@{EMAIL_DOMAIN}"
        n += 1
    return address


def _weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= DAY
    return day


def _start_date(rng: random.Random, role: str, today: dt.date, since: dt.date) -> dt.date:
    if role == "future":
        return today + (7 - today.weekday()) * DAY  # Monday next week
    if role == "new":
        choices = [today - k * DAY for k in range(3, 14) if (today - k * DAY).weekday() < 5]
        return rng.choice(choices)
    if role == "regular" and rng.random() < 0.15 and (today - since).days > 70:
        # Joined during the history: their first meeting is an expectations talk.
        back = rng.randint(42, min(140, (today - since).days - 7))
        return _weekday_on_or_before(today - back * DAY)
    return _weekday_on_or_before(today - rng.randint(200, 1900) * DAY)


def _next_meeting(rng: random.Random, rep: _RepPlan, today: dt.date) -> dt.datetime | None:
    if rep.role == "archived":
        return None
    if rep.role == "future":
        return dt.datetime.combine(rep.start, dt.time(9, 30))
    if rep.role == "regular" and rng.random() < 0.12:
        return None  # not booked yet: the roster should show who needs a slot
    ahead = (rep.weekday - today.weekday()) % 7 or 7
    return dt.datetime.combine(today + ahead * DAY, dt.time(*rep.slot))


def _plan_deals(rng: random.Random, rep: _RepPlan, since: dt.date, today: dt.date) -> list[_Deal]:
    kinds = ["new logo", "pilot", "inbound"] if rep.sdr else _DEAL_KINDS_AE
    low, high = rep.team.deal_size
    deals: list[_Deal] = []
    day = max(rep.start, since - 90 * DAY)
    companies = rng.sample(_COMPANIES, len(_COMPANIES))
    while day < today:
        stage_days = rng.randint(6, 16) if rep.sdr else rng.randint(10, 28)
        deals.append(
            _Deal(
                company=companies[len(deals) % len(companies)],
                kind=rng.choice(kinds),
                amount_k=rng.randint(low, high),
                opened=day,
                stage_days=stage_days,
                won=rng.random() < 0.35 + 0.2 * rep.skill,
                loss_reason=rng.choice(_LOSS_REASONS),
                closes=_weekday_on_or_before(day + stage_days * len(_STAGES_AE) * DAY),
            )
        )
        day += rng.randint(8, 26) * DAY
    return deals


# ------------------------------------------------------------------ meetings


def _slots(rep: _RepPlan, since: dt.date, today: dt.date) -> list[dt.date]:
    """The days the rep's meetings were held, oldest first."""
    first_day = max(since, rep.start)
    last_day = today - DAY
    if rep.archived_on is not None:
        last_day = min(last_day, rep.archived_on - DAY)
    # Count back from the next regular slot, so the history lines up with it.
    anchor = today + ((rep.weekday - today.weekday()) % 7 or 7) * DAY
    days = []
    day = anchor - rep.cadence * DAY
    while day >= first_day:
        if day <= last_day:
            days.append(day)
        day -= rep.cadence * DAY
    days.reverse()
    if rep.start >= since and rep.start <= last_day:
        # The first day gets an expectations talk; the next slot follows a week on.
        days = [rep.start] + [d for d in days if (d - rep.start).days >= 4]
    return days


def _skip_reason(rng: random.Random, day: dt.date) -> str | None:
    """Why a slot did not happen, or ``None`` if it did."""
    if (day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 1):
        return "holidays"
    thanksgiving = dt.date(day.year, 11, 22 + (3 - dt.date(day.year, 11, 22).weekday()) % 7)
    if day in (thanksgiving, thanksgiving + DAY):
        return "Thanksgiving"
    if rng.random() < 0.07:
        return rng.choice(
            ["PTO", "an onsite at a customer", "sales kickoff", "I was out sick", "travel"]
        )
    return None


def _play_meetings(b: _Builder, rep: _RepPlan, since: dt.date) -> dt.datetime | None:
    """Hold the rep's meetings in order, closing and making commitments as we go."""
    rng, today = b.rng, b.today
    pending: list[_Pending] = []
    skipped: str | None = None
    last_quarter_review: Quarter | None = None
    last_pipeline: dt.date | None = None
    last_skip_month: tuple[int, int] | None = None
    days = _slots(rep, since, today)
    stuck_at = _stuck_meeting_day(rng, rep, days, today)
    held: list[tuple[int, dt.datetime]] = []
    for n, day in enumerate(days):
        first = n == 0 and day == rep.start
        if not first and n != len(days) - 1:
            reason = _skip_reason(rng, day)
            if reason is not None:
                skipped = reason
                continue
        moved = day
        if not first and rng.random() < 0.12:
            moved = day + rng.choice([-1, 1, 2]) * DAY
            if moved.weekday() >= 5 or moved >= today or moved < rep.start:
                moved = day
        hour, minute = (9, 30) if first else rep.slot
        if not first and rng.random() < 0.1:
            hour, minute = rng.choice(_SLOT_TIMES)
        at = dt.datetime.combine(moved, dt.time(hour, minute))

        quarter = Quarter.of(moved)
        tenure = (moved - rep.start).days
        if first:
            kind = MeetingKind.EXPECTATIONS
        elif (
            tenure > 45
            and last_quarter_review != quarter
            and (moved - quarter.first_day()).days < 21
        ):
            kind = MeetingKind.QBR
            last_quarter_review = quarter
        elif rep.team.skip_levels and last_skip_month != (moved.year, moved.month):
            kind = MeetingKind.SKIP_LEVEL
            last_skip_month = (moved.year, moved.month)
        elif (
            not rep.sdr
            and (last_pipeline is None or (moved - last_pipeline).days > 25)
            and rng.random() < (0.5 if (quarter.last_day() - moved).days < 21 else 0.15)
        ):
            kind = MeetingKind.PIPELINE_REVIEW
            last_pipeline = moved
        elif rng.random() < (0.2 if tenure < 90 else 0.06):
            kind = MeetingKind.ROLE_PLAY
        else:
            kind = MeetingKind.ONE_ON_ONE

        key = len(b.meetings) + 1
        reviewed = _review(b, rep, pending, key, at)
        last = n == len(days) - 1
        leaving = last and rep.archived_on is not None
        # The first meeting held on or after the chosen day (skips and moves allowed for).
        stuck = stuck_at is not None and stuck_at <= moved <= today - 14 * DAY
        if stuck:
            stuck_at = None
        made = [] if leaving else _make_commitments(b, rep, kind, key, at, stuck=stuck)
        pending += made
        scenario = rng.randrange(len(_ROLE_PLAYS)) if kind is MeetingKind.ROLE_PLAY else 0
        meeting = _Meeting(rep, kind, at, reviewed, made, skipped, leaving, scenario)
        skipped = None
        # The newest meeting of someone still on the team is left open for follow-up.
        b.meetings.append(_meeting_row(b, meeting, key, open_=last and not leaving))
        held.append((key, at))

    if rep.archived_on is not None and held:
        # Leaving: whatever is still open goes with the handover, closed in the last talk.
        key, at = held[-1]
        for p in pending:
            _close(b, p, CommitmentStatus.DROPPED, key, at + 50 * dt.timedelta(minutes=1))
    if not held:
        return None
    return max(
        dt.datetime.fromisoformat(b.meetings[held[-1][0] - 1].updated_at),
        held[-1][1],
    )


def _stuck_meeting_day(
    rng: random.Random, rep: _RepPlan, days: list[dt.date], today: dt.date
) -> dt.date | None:
    """Pick the meeting whose commitments will still be open, and late, today."""
    if not rep.lets_slide:
        return None
    old = [d for d in days if 18 <= (today - d).days <= 45]
    return rng.choice(old) if old else None


def _review(
    b: _Builder, rep: _RepPlan, pending: list[_Pending], key: int, at: dt.datetime
) -> list[tuple[_Pending, CommitmentStatus, str]]:
    """Go through open commitments in a meeting: close some, carry the rest."""
    rng = b.rng
    outcome = []
    for p in list(pending):
        if p.stuck:
            outcome.append((p, CommitmentStatus.OPEN, ""))
            continue
        early = at.date() < p.due
        # The manager's own list slips a little more often: that is what the app is for.
        done = 0.45 if early else (0.8 if p.owner is Owner.REP else 0.7)
        drop = 0.02 if early else 0.08 + 0.06 * min(p.carried, 3)
        roll = rng.random()
        minutes = rng.randint(3, 40) * dt.timedelta(minutes=1)
        if roll < done:
            _close(b, p, CommitmentStatus.DONE, key, at + minutes)
            pending.remove(p)
            outcome.append((p, CommitmentStatus.DONE, ""))
        elif roll < done + drop:
            _close(b, p, CommitmentStatus.DROPPED, key, at + minutes)
            pending.remove(p)
            about_a_deal = any(company in p.text for company in _COMPANIES)
            reasons = [*_DROP_REASONS, "the deal went quiet"] if about_a_deal else _DROP_REASONS
            outcome.append((p, CommitmentStatus.DROPPED, rng.choice(reasons)))
        else:
            if not early:
                p.carried += 1
            outcome.append((p, CommitmentStatus.OPEN, ""))
    return outcome


def _close(
    b: _Builder, p: _Pending, status: CommitmentStatus, meeting_key: int, at: dt.datetime
) -> None:
    row = b.commitments[p.index]
    stamp = iso_moment(at)
    b.commitments[p.index] = CommitmentRow(
        key=row.key,
        rep_key=row.rep_key,
        meeting_key=row.meeting_key,
        owner=row.owner,
        text=row.text,
        due_date=row.due_date,
        status=str(status),
        closed_at=stamp,
        closed_in_meeting_key=meeting_key,
        created_at=row.created_at,
        updated_at=stamp,
    )


def _fill(rng: random.Random, rep: _RepPlan, text: str, deal: _Deal | None = None) -> str:
    company = deal.company if deal else rng.choice(rep.deals).company if rep.deals else "Acme"
    return text.format(first=rep.first, peer=rng.choice(rep.peers), company=company, vp=VP_NAME)


def _make_commitments(
    b: _Builder, rep: _RepPlan, kind: MeetingKind, key: int, at: dt.datetime, *, stuck: bool
) -> list[_Pending]:
    rng = b.rng
    live = _live_deals(rep, at.date())
    wanted: list[Owner] = [Owner.REP] * rng.choices([0, 1, 2, 3], [1, 5, 4, 1])[0]
    if rng.random() < 0.45 or kind in (MeetingKind.EXPECTATIONS, MeetingKind.QBR):
        wanted.append(Owner.MANAGER)
    slides = {Owner.REP, Owner.MANAGER} if stuck else set()
    if stuck:
        wanted = [Owner.REP, Owner.MANAGER, *wanted[1:]]
    made = []
    for owner in wanted:
        bank = _commitment_bank(rep, kind, owner)
        # Recently used wordings are avoided, so the same promise doesn't recur weekly.
        fresh = [t for t in bank if t not in rep.recent_commitments]
        if not fresh:
            continue
        template = rng.choice(fresh)
        rep.recent_commitments = [*rep.recent_commitments[-7:], template]
        text = _fill(rng, rep, template, rng.choice(live) if live else None)
        sliding = owner in slides
        slides.discard(owner)
        days = 7 if sliding else rng.choice([2, 3, 4, 7, 7, 7, 10, 14, 14, 21])
        due = _weekday_on_or_before(at.date() + days * DAY)
        if due <= at.date():
            due = at.date() + 7 * DAY
        created = iso_moment(at + rng.randint(5, 45) * dt.timedelta(minutes=1))
        index = len(b.commitments)
        b.commitments.append(
            CommitmentRow(
                key=index + 1,
                rep_key=rep.key,
                meeting_key=key,
                owner=str(owner),
                text=text,
                due_date=iso_date(due),
                status=str(CommitmentStatus.OPEN),
                closed_at=None,
                closed_in_meeting_key=None,
                created_at=created,
                updated_at=created,
            )
        )
        made.append(_Pending(index, owner, text, due, stuck=sliding))
    return made


def _commitment_bank(rep: _RepPlan, kind: MeetingKind, owner: Owner) -> list[str]:
    if kind is MeetingKind.EXPECTATIONS:
        return _MANAGER_COMMITMENTS_NEW if owner is Owner.MANAGER else _REP_COMMITMENTS_NEW
    if owner is Owner.MANAGER:
        return _MANAGER_COMMITMENTS
    bank = _REP_COMMITMENTS_SDR if rep.sdr else _REP_COMMITMENTS_AE
    if kind is MeetingKind.QBR:
        bank = [text for text in bank if "QBR" not in text]
    return bank


def _live_deals(rep: _RepPlan, day: dt.date) -> list[_Deal]:
    """Deals worth talking about on ``day``: open, or closed in the last ten days."""
    return [d for d in rep.deals if d.opened <= day <= d.closes + 10 * DAY]


# --------------------------------------------------------------- the words


_Section = tuple[str, list[str]]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(('"', ".")) else ".")


@dataclass(frozen=True)
class _Meeting:
    rep: _RepPlan
    kind: MeetingKind
    at: dt.datetime
    reviewed: list[tuple[_Pending, CommitmentStatus, str]]
    made: list[_Pending]
    skipped: str | None
    leaving: bool
    scenario: int  # which role play, for a role-play meeting


def _meeting_row(b: _Builder, m: _Meeting, key: int, *, open_: bool) -> MeetingRow:
    rng = b.rng
    created = m.at - dt.timedelta(hours=rng.choice([1, 2, 20, 26, 48, 70]))
    notes = _notes(rng, m)
    private = _private_notes(rng, m)
    if open_:
        closed_at = None
        updated = m.at + rng.randint(35, 55) * dt.timedelta(minutes=1)
    else:
        closed = m.at + rng.choice([40, 45, 55, 70, 120, 240]) * dt.timedelta(minutes=1)
        closed_at = iso_moment(closed)
        updated = closed
    return MeetingRow(
        key=key,
        rep_key=m.rep.key,
        held_at=iso_moment(m.at),
        kind=str(m.kind),
        rep_agenda=_rep_agenda(rng, m),
        my_agenda=_my_agenda(rng, m),
        notes=notes,
        private_notes=private,
        closed_at=closed_at,
        created_at=iso_moment(created),
        updated_at=iso_moment(updated),
    )


def _money(rep: _RepPlan, thousands: int) -> str:
    if thousands >= 1000:
        return f"{rep.currency}{thousands / 1000:.1f}M"
    return f"{rep.currency}{thousands}k"


def _when(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _rep_agenda(rng: random.Random, m: _Meeting) -> str:
    """Talking points as a rep pastes them from chat: short, informal, uneven."""
    rep = m.rep
    if m.kind is MeetingKind.EXPECTATIONS:
        return rng.choice(
            [
                "questions so far:\n- when do I get CRM access?\n- who should I shadow first?\n"
                "- how is quota ramped?",
                "- laptop arrived, all good\n- is there a list of accounts I inherit?\n"
                "- how do you like updates — Slack or email?",
            ]
        )
    if m.kind is MeetingKind.QBR:
        return rng.choice(
            [
                "deck is in the shared folder\n- last quarter recap\n- plan for this one\n- asks",
                "QBR — sorry the deck is a bit rough, slide 4 is the important one",
                "1) numbers\n2) what I'd do differently\n3) need help with territory planning",
            ]
        )
    if m.kind is MeetingKind.ROLE_PLAY:
        ask = _ROLE_PLAYS[m.scenario][2]
        return ask.format(company=_company(rng, rep, m.at.date()))
    if rng.random() < 0.13:
        return ""  # some weeks the rep brings nothing, and that is fine
    live = _live_deals(rep, m.at.date())
    points = []
    for deal in rng.sample(live, min(len(live), rng.randint(1, 2))):
        stage = deal.stage_index(m.at.date())
        if rep.sdr:
            points.append(
                rng.choice(
                    [
                        f"{deal.company} — replied but wants 'more info', what do I send",
                        f"who owns {deal.company} on the AE side?",
                        f"{deal.company} meeting booked 🎉",
                    ]
                )
            )
        elif stage >= len(_STAGES_AE):
            points.append(
                f"{deal.name} — signed!!" if deal.won else f"{deal.name} lost :( debrief?"
            )
        else:
            points.append(
                rng.choice(
                    [
                        f"{deal.name} — {rng.choice(_OBJECTIONS)}",
                        f"help on {deal.company} pricing",
                        f"{deal.company}: stuck at {_STAGES_AE[stage]}, ideas?",
                        f"need an SE for the {deal.company} demo",
                    ]
                )
            )
    points += rng.sample(
        [
            "PTO over the holidays?",
            "comp question",
            "feedback on my demo?",
            "territory question",
            "lead routing is weird again",
            "can we move next week's 1:1",
            "training budget — the negotiation course?",
            "CRM access still broken",
            "want to talk about what's next for me",
        ],
        rng.randint(0, 2),
    )
    if m.skipped:
        points.insert(0, "catching up since we skipped last time")
    style = rng.randrange(4)
    if style == 0:
        return "\n".join(f"- {p}" for p in points)
    if style == 1:
        return "\n".join(f"{n}. {p}" for n, p in enumerate(points, start=1))
    if style == 2:
        return "hey! few things:\n" + "\n".join(f"• {p}" for p in points)
    return "\n".join(p.lower() for p in points)


def _company(rng: random.Random, rep: _RepPlan, day: dt.date) -> str:
    live = _live_deals(rep, day)
    return rng.choice(live).company if live else rng.choice(_COMPANIES)


def _my_agenda(rng: random.Random, m: _Meeting) -> str:
    """The manager's own list: the standing items plus whatever is on their mind."""
    rep = m.rep
    items = {
        MeetingKind.EXPECTATIONS: [
            "Welcome, how the first days are going",
            "How we'll work: 1:1s, their agenda first",
            "First 30 days",
            "What good looks like at 90 days",
        ],
        MeetingKind.QBR: [
            "Last quarter: what worked",
            "What didn't",
            "This quarter's plan",
            "Asks",
        ],
        MeetingKind.ROLE_PLAY: ["Set the scene", "Run it twice", "Debrief: one thing to keep"],
        MeetingKind.PIPELINE_REVIEW: ["Every deal: next step and date", "Commit vs best case"],
        MeetingKind.SKIP_LEVEL: [
            f"How's it going with {TEAM_LEAD}?",
            "What's getting in the way?",
            "One thing you'd change",
        ],
    }.get(m.kind)
    if items is None:
        items = ["Wins since last time", "Numbers", "Your commitments", "Mine"]
        if rng.random() < 0.4:
            items = items[:1] + items[2:]
        live = _live_deals(rep, m.at.date())
        day = m.at.date()
        signed = [d for d in live if d.won and d.stage_index(day) == len(_STAGES_AE)]
        still_open = [d for d in live if d.stage_index(day) < len(_STAGES_AE)]
        if signed:
            items.append(f"Recognise the work on {rng.choice(signed).company}")
        elif still_open and rng.random() < 0.6:
            deal = rng.choice(still_open)
            items.append(
                rng.choice(
                    [
                        f"Ask: what's the next step {deal.company} agreed to?",
                        f"{deal.name} — what would have to be true to close it?",
                        f"Who else is involved at {deal.company}?",
                    ]
                )
            )
        if rng.random() < 0.25:
            items.append(
                rng.choice(
                    [
                        "Coverage for next quarter looks thin — ask, don't tell",
                        "Ask how the new schedule is working",
                        "Share the kickoff dates",
                        "Ask what they need from me",
                    ]
                )
            )
    return "\n".join(f"- {i}" for i in items) + "\n"


def _private_notes(rng: random.Random, m: _Meeting) -> str:
    chance = 0.5 if m.kind is MeetingKind.EXPECTATIONS else 0.14
    if m.rep.private_follow_up:
        chance = 0.6  # a manager who noted something usually comes back to it
    if rng.random() >= chance:
        return ""
    if m.kind is MeetingKind.EXPECTATIONS:
        return rng.choice(
            [
                f"Nervous but well prepared. Make sure {m.rep.first} has a buddy — ask "
                f"{rng.choice(m.rep.peers)}.",
                f"{m.rep.first} asked good questions about how we forecast. Don't overload "
                "the first two weeks.",
                "Mentioned a long commute. Be flexible about in-office days while settling in.",
            ]
        )
    rep = m.rep
    if rep.private_follow_up:
        note, rep.private_follow_up = rep.private_follow_up, ""
        return note
    fresh = [n for n in range(len(_PRIVATE_NOTES)) if n not in rep.private_used]
    if not fresh:
        return ""
    pick = rng.choice(fresh)
    rep.private_used.add(pick)
    note, follow_up = _PRIVATE_NOTES[pick]
    rep.private_follow_up = _fill(rng, rep, follow_up)
    return _fill(rng, rep, note)


def _notes(rng: random.Random, m: _Meeting) -> str:
    """Meeting notes in Markdown, assembled from sections chosen for this meeting."""
    builders = {
        MeetingKind.EXPECTATIONS: _expectations_sections,
        MeetingKind.QBR: _qbr_sections,
        MeetingKind.ROLE_PLAY: _role_play_sections,
        MeetingKind.PIPELINE_REVIEW: _pipeline_sections,
        MeetingKind.SKIP_LEVEL: _skip_level_sections,
    }
    title, sections = builders.get(m.kind, _one_on_one_sections)(rng, m)
    follow_ups = _follow_up_lines(m)
    if follow_ups:
        sections.insert(0, (rng.choice(["Follow-ups", "From last time", "Last list"]), follow_ups))
    if m.leaving:
        sections.append(
            (
                "Handover",
                [
                    f"Last 1:1 before {m.rep.first} moves on. Accounts go to "
                    f"{rng.choice(m.rep.peers)}; intro emails this week.",
                    "Open items closed out or handed over.",
                    "Thanked them properly — good work on this team.",
                ],
            )
        )
    next_steps = [
        f"{m.rep.first if p.owner is Owner.REP else 'Me'}: {p.text} (by {_when(p.due)})"
        for p in m.made
    ]
    if next_steps:
        sections.append((rng.choice(["Next steps", "Agreed", "Commitments"]), next_steps))
    return _render(rng, title, sections)


def _render(rng: random.Random, title: str, sections: list[_Section]) -> str:
    # Three habits of writing, so a year of notes doesn't look stamped out.
    style = rng.choices(["headings", "bold", "plain"], [6, 3, 1])[0]
    parts = [f"## {title}"] if title and style != "plain" else []
    for heading, lines in sections:
        if not lines:
            continue
        if style == "headings":
            parts.append(f"### {heading}\n" + "\n".join(f"- {line}" for line in lines))
        elif style == "bold":
            parts.append(f"**{heading}**\n\n" + "\n".join(f"- {line}" for line in lines))
        elif len(lines) == 1:
            parts.append(f"{heading}: {lines[0]}")
        else:
            parts.append(f"{heading}:\n" + "\n".join(f"- {line}" for line in lines))
    return "\n\n".join(parts) + "\n"


def _follow_up_lines(m: _Meeting) -> list[str]:
    lines = []
    for p, status, reason in m.reviewed:
        who = m.rep.first if p.owner is Owner.REP else "Me"
        if status is CommitmentStatus.DONE:
            lines.append(f"Done ({who}): {p.text}")
        elif status is CommitmentStatus.DROPPED:
            lines.append(f"Dropped ({who}): {p.text} — {reason}")
        elif p.due < m.at.date():
            late = (m.at.date() - p.due).days
            lines.append(f"Still open ({who}), {late} days late: {p.text}")
    return lines


def _deal_line(rng: random.Random, rep: _RepPlan, deal: _Deal, day: dt.date) -> str:
    stage = deal.stage_index(day)
    amount = _money(rep, deal.amount_k)
    if stage >= len(_STAGES_AE):
        if deal.won:
            return f"**{deal.name}** ({amount}) — closed won on {_when(deal.closes)}."
        return f"**{deal.name}** ({amount}) — lost: {deal.loss_reason}. Debrief booked."
    if rep.sdr:
        return f"**{deal.company}** — {_STAGES_SDR[stage]}. {rng.choice(_SDR_DETAILS)}"
    detail = rng.choice(_STAGE_DETAILS[stage]).format(
        objection=rng.choice(_OBJECTIONS), days=rng.randint(3, 20), pct=rng.randint(5, 20)
    )
    return f"**{deal.name}** ({amount}) — {_STAGES_AE[stage]}. {detail}"


_STAGE_DETAILS = [
    [
        "Pain is real but nobody has said what it costs them yet.",
        "Two calls in; need to find out why now.",
        "Came in from a webinar; first call went well.",
    ],
    [
        "Demo landed with the team; the director wants a second session.",
        "Objection: {objection}.",
        "Good demo, but we showed too much — follow up on the two parts they cared about.",
    ],
    [
        "Sent {days} days ago, no reply yet. Call rather than email.",
        "They asked for {pct}% off. We haven't asked for anything back yet.",
        "Objection: {objection}.",
    ],
    [
        "Redlines back; liability cap is the sticking point.",
        "Procurement asked for a {pct}% discount for a 3-year term.",
        "Security review {days} days in; chasing.",
    ],
    [
        "Verbal yes from the VP. Paper by month end if procurement behaves.",
        "Champion says it's done; waiting on the signature.",
        "Signature expected this week — don't discount further.",
    ],
]
_SDR_DETAILS = [
    "Two touches left in the sequence.",
    "Asked to be called back next quarter.",
    "Opened every email, no reply: try a call.",
    "Meeting set with the ops lead for next week.",
    "Good fit; AE accepted the opportunity.",
]


def _numbers_lines(rng: random.Random, rep: _RepPlan, day: dt.date) -> list[str]:
    quarter = Quarter.of(day)
    elapsed = ((day - quarter.first_day()).days + 1) / (
        (quarter.last_day() - quarter.first_day()).days + 1
    )
    weeks = (quarter.last_day() - day).days // 7
    weeks_left = "final week" if weeks < 1 else f"{weeks} week{'s' if weeks > 1 else ''} left"
    if rep.sdr:
        target = 30
        booked = round(target * elapsed * rep.skill * rng.uniform(0.8, 1.15))
        return [
            f"Meetings booked this quarter: {booked} (target {target}), {weeks_left}.",
            f"Reply rate on the current sequence: {rng.uniform(2.5, 9.5):.1f}%.",
            f"Calls last week: {rng.randint(60, 190)}; connects: {rng.randint(6, 24)}.",
        ]
    closed = round(rep.quota_k * elapsed * rep.skill * rng.uniform(0.75, 1.2))
    pct = round(100 * closed / rep.quota_k)
    return [
        f"{quarter}: {pct}% of quota ({_money(rep, closed)} of {_money(rep, rep.quota_k)}), "
        f"{weeks_left}.",
        f"Pipeline coverage for next quarter: {rng.uniform(1.4, 4.2):.1f}x.",
    ]


def _one_on_one_sections(rng: random.Random, m: _Meeting) -> tuple[str, list[_Section]]:
    rep, day = m.rep, m.at.date()
    live = _live_deals(rep, day)
    sections: list[_Section] = []
    if m.skipped:
        sections.append(("Context", [f"Skipped last time ({m.skipped}), so a longer list."]))
    signed = [d for d in live if d.won and d.stage_index(day) == len(_STAGES_AE)]
    if (signed and not rep.sdr) or (rng.random() < 0.5 and live):
        wins = _SIGNED_AE if signed and not rep.sdr else _WINS_SDR if rep.sdr else _WINS_AE
        deal = rng.choice(signed if signed and not rep.sdr else live)
        sections.append(
            (
                rng.choice(["Wins", "Good news", "What went well"]),
                [
                    rng.choice(wins).format(
                        deal=deal.name,
                        company=deal.company,
                        amount=_money(rep, deal.amount_k),
                        weeks=max(2, (deal.closes - deal.opened).days // 7),
                        n=rng.randint(4, 9),
                    )
                ],
            )
        )
    if live:
        shown = rng.sample(live, min(len(live), rng.randint(1, 3)))
        sections.append(
            (
                rng.choice(["Pipeline", "Deals", "Deal review"]),
                [_deal_line(rng, rep, d, day) for d in shown],
            )
        )
    if rng.random() < 0.4:
        sections.append(("Numbers", _numbers_lines(rng, rep, day)[: rng.randint(1, 3)]))
    if rng.random() < 0.35:
        sections.append(
            (
                rng.choice(["Blockers", "Where it's stuck", "Objections we heard"]),
                [_sentence(rng.choice(_OBJECTIONS))],
            )
        )
    if rng.random() < 0.55:
        sections.append(
            (
                rng.choice(["Coaching", "What we worked on", "Skill focus"]),
                [_fill(rng, rep, rng.choice(_COACHING))],
            )
        )
    if rng.random() < 0.12:
        sections.append(("Other", [_fill(rng, rep, rng.choice(_PERSONAL_SHARED))]))
    if not sections:
        sections.append(("Notes", ["Short one today — mostly a check-in. All on track."]))
    title = "" if rng.random() < 0.5 else f"1:1 — {_when(day)}"
    return title, sections


def _expectations_sections(rng: random.Random, m: _Meeting) -> tuple[str, list[_Section]]:
    rep = m.rep
    slot = f"{_WEEKDAY_NAMES[rep.weekday]}s at {rep.slot[0]:02d}:{rep.slot[1]:02d}"
    return f"Welcome, {rep.first}", [
        (
            "How we'll work",
            [
                f"1:1 every {'week' if rep.cadence == 7 else 'two weeks'}, {slot}. "
                "Your agenda first, then mine.",
                "Commitments go both ways: I'll keep a list of mine too, and you can "
                "hold me to it.",
                f"Best way to reach me: Slack. Best way to reach {rep.first}: noted on the roster.",
            ],
        ),
        (
            "First 30 days",
            [
                f"Product certification and shadowing {rng.choice(rep.peers)}.",
                "Learn the top five objections and how the team answers them.",
                "Book ten discovery calls by week four."
                if not rep.sdr
                else "Run the standard sequences as they are before changing anything.",
            ],
        ),
        (
            "What good looks like at 90 days",
            [
                "Owns their pipeline in the CRM without reminders.",
                f"Ramped quota: {'50%' if not rep.sdr else '20 meetings'} for the first quarter.",
                "Can run a discovery call end to end.",
            ],
        ),
        (f"Questions {rep.first} asked", [rng.choice(_NEW_REP_QUESTIONS)]),
    ]


_NEW_REP_QUESTIONS = [
    "How commission works during the ramp (send the plan FAQ).",
    "Whether there's a list of accounts they inherit — yes, from the territory split.",
    "How we forecast, and when it's due each week.",
    "Who to ask about pricing exceptions.",
]


def _qbr_sections(rng: random.Random, m: _Meeting) -> tuple[str, list[_Section]]:
    rep, day = m.rep, m.at.date()
    last = Quarter.of(day).shifted(-1)
    focus = sorted({_company(rng, rep, day) for _ in range(3)})
    pct = round(100 * rep.skill * rng.uniform(0.8, 1.15))
    # Someone who joined during the quarter is measured against half a target.
    ramp = rep.start > last.first_day()
    target_k, meetings = (rep.quota_k // 2, 15) if ramp else (rep.quota_k, 30)
    target = "ramped target" if ramp else "quota"
    closed = _money(rep, round(target_k * pct / 100))
    summary = (
        f"{pct}% of {target} ({closed} of {_money(rep, target_k)})"
        if not rep.sdr
        else f"{round(meetings * pct / 100)} meetings booked of {meetings} ({target})"
    )
    return f"QBR — {last} in review", [
        ("Where we landed", [summary, f"Best deal: {_company(rng, rep, day)}."]),
        (
            "What worked",
            rng.sample(
                [
                    "Earlier multi-threading on the bigger deals.",
                    "Consistent prospecting blocks in the mornings.",
                    "Mutual action plans on everything over the average deal size.",
                    "Asking for referrals after every win.",
                ],
                2,
            ),
        ),
        (
            "What didn't",
            rng.sample(
                [
                    "Too many deals slipped into the last two weeks.",
                    "Single-threaded deals stalled when the champion went quiet.",
                    "Discounting early, before anyone asked.",
                    "Stale opportunities made the forecast look better than it was.",
                ],
                1,
            ),
        ),
        (
            f"Plan for {Quarter.of(day)}",
            [
                f"Target: {_money(rep, rep.quota_k)}." if not rep.sdr else "Target: 30 meetings.",
                f"Focus accounts: {', '.join(focus)}.",
                "One skill to work on: negotiation — trade, don't give.",
            ],
        ),
    ]


def _pipeline_sections(rng: random.Random, m: _Meeting) -> tuple[str, list[_Section]]:
    rep, day = m.rep, m.at.date()
    open_deals = [d for d in _live_deals(rep, day) if d.stage_index(day) < len(_STAGES_AE)]
    open_deals.sort(key=lambda d: (-d.stage_index(day), d.closes))  # as a forecast reads
    total = sum(d.amount_k for d in open_deals)
    lines = []
    for d in open_deals:
        stage = d.stage_index(day)
        call = "commit" if stage >= 3 else "best case" if stage == 2 else "pipeline"
        lines.append(
            f"**{d.name}** — {_money(rep, d.amount_k)}, {_STAGES_AE[stage]}, "
            f"close {_when(d.closes)} ({call})"
        )
    risks = [
        f"{d.company}: " + rng.choice(_OBJECTIONS)
        for d in rng.sample(open_deals, min(len(open_deals), 2))
    ]
    return f"Pipeline review — {len(open_deals)} open, {_money(rep, total)}", [
        ("Deals", lines or ["Nothing open right now: this is the conversation to have."]),
        ("Risks", risks),
        (
            "Moves",
            rng.sample(
                [
                    "Get a date for every next step, not just 'follow up'.",
                    "Move anything without activity in 30 days out of commit.",
                    "Ask each champion who else needs to say yes.",
                    "Re-confirm budget on the two biggest deals.",
                ],
                2,
            ),
        ),
    ]


def _role_play_sections(rng: random.Random, m: _Meeting) -> tuple[str, list[_Section]]:
    rep = m.rep
    scenario, played, _ = _ROLE_PLAYS[m.scenario]
    mine, theirs = rng.randint(5, 8), rng.randint(4, 8)
    return f"Role play: {scenario}", [
        ("Set-up", [f"I played {played}; {rep.first} ran the call. Twice, ten minutes each."]),
        (
            "What landed",
            rng.sample(
                [
                    "Calm when the price came up — didn't rush to discount.",
                    "Great opening question; got me talking about my problem.",
                    "Summarised what they heard before pitching.",
                    "Asked for the next step clearly.",
                ],
                2,
            ),
        ),
        (
            "Try next time",
            rng.sample(
                [
                    "Pause after the question. Silence is fine.",
                    "Tie the price back to the cost of doing nothing.",
                    "Fewer features, more of their own words back to them.",
                    "Ask who else is involved before the demo, not after.",
                ],
                2,
            ),
        ),
        ("Scores", [f"{rep.first} gave it {theirs}/10; I'd say {mine}/10."]),
    ]


def _skip_level_sections(rng: random.Random, m: _Meeting) -> tuple[str, list[_Section]]:
    rep = m.rep
    return "Monthly skip-level", [
        (
            "How's the team",
            [
                rng.choice(
                    [
                        f"Likes working with {TEAM_LEAD}; standups are short and useful.",
                        f"Would like more call reviews with {TEAM_LEAD}, fewer status updates.",
                        "Team feels stretched since the open seat hasn't been filled.",
                    ]
                )
            ],
        ),
        (
            "What's getting in the way",
            [
                rng.choice(
                    [
                        "Lead routing sends EMEA leads to the Americas queue.",
                        "Too many internal meetings on Mondays.",
                        "Waiting days for AEs to accept handed-over opportunities.",
                        "The sequence tool's reporting is hard to trust.",
                    ]
                )
            ],
        ),
        (
            "Ideas",
            [
                rng.choice(
                    [
                        f"{rep.first} suggested a shared library of openers that worked.",
                        "A weekly 20-minute call blitz together.",
                        "AE and SDR pairs per territory.",
                    ]
                )
            ],
        ),
    ]


# ------------------------------------------------------------------ writing


def extensions() -> list[SampleExtension]:
    """Every sample extension, in the order they run; their modules are loaded first.

    Later subjects (numbers, agreements, the ladder…) extend the core team: see
    :mod:`coachdesk.sample.extensions`.
    """
    # Each of these registers its extension when it loads.
    from coachdesk.sample import agreements, ladder, numbers  # noqa: F401
    from coachdesk.sample.extensions import EXTENSIONS

    return list(EXTENSIONS)


def make_sample(
    journal: Journal, *, reps: int = 12, weeks: int = 26, seed: int = 7
) -> dict[str, int]:
    """Fill an empty journal with a generated team; return how many rows of each kind.

    A journal that already has reps is refused and left exactly as it was.
    """
    existing = count_reps(journal)
    if existing:
        raise KnownProblem(
            "make-sample fills only a journal with no reps; "
            f"this one already has {existing}. Nothing was changed.",
            "Choose an empty data folder, for example "
            "`coachdesk --data-dir /tmp/coachdesk-sample make-sample`.",
        )
    if reps < 1 or weeks < 0:
        raise KnownProblem(
            "make-sample needs at least one rep and a number of weeks of 0 or more.",
            "Try `coachdesk make-sample --reps 12 --weeks 26`.",
        )
    today = clock_today(journal.clock)
    team = generate(reps=reps, weeks=weeks, seed=seed, today=today)
    counts = insert_sample(journal, team)
    context = SampleContext(journal=journal, seed=seed, today=today, weeks=weeks)
    for extend in extensions():
        counts.update(extend(context))
    return counts
