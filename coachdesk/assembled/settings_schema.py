"""Every journal setting, declared once: its key, type, default, label and help.

Journal settings are the ones that belong to the data (cadences, templates, the
retention rule) and travel with the journal file; window state stays in Qt's settings.
Anything that reads or offers a setting takes its type, default, limits and words from
here, so the Settings dialog, the store and later features cannot disagree.

No Qt here: labels, help and error texts are marked with :func:`QT_TRANSLATE_NOOP` so the
translation tools collect them, and the interface translates them in the
:data:`CONTEXT` context when it shows them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from coachdesk.store import settings as stored
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput
from coachdesk.store.records import MeetingKind

T = TypeVar("T")

CONTEXT = "Settings"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it yet."""
    return text


class SettingInvalid(InvalidInput):
    """A value a setting cannot take; ``str()`` says why in plain words.

    ``template`` and ``params`` are kept apart so the interface can translate the
    template before filling it in.
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


_NOT_A_WHOLE_NUMBER = QT_TRANSLATE_NOOP(CONTEXT, "“{label}” needs a whole number.")
_OUT_OF_RANGE = QT_TRANSLATE_NOOP(CONTEXT, "“{label}” must be between {minimum} and {maximum}.")
_NEEDS_A_VALUE = QT_TRANSLATE_NOOP(CONTEXT, "“{label}” needs a value.")
_NOT_TEXT = QT_TRANSLATE_NOOP(CONTEXT, "“{label}” needs text.")
_ONE_LINE = QT_TRANSLATE_NOOP(CONTEXT, "“{label}” must fit on one line.")
_TOO_LONG = QT_TRANSLATE_NOOP(CONTEXT, "“{label}” can be at most {maximum} characters long.")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One journal setting and everything needed to read, check and offer it."""

    key: str
    kind: type[int] | type[str]
    default: T
    label: str
    help: str
    minimum: int | None = None  # for numbers
    maximum: int | None = None  # for numbers
    optional: bool = False  # None is a value too, meaning "off"
    suggested: T | None = None  # offered when an optional setting is switched on
    multiline: bool = False  # for text
    max_length: int | None = None  # for text

    def validate(self, value: object) -> T:
        """Return ``value`` if this setting can take it; raise :class:`SettingInvalid`."""
        return validate(self, value)


SETTINGS: dict[str, Setting[Any]] = {}


def declare(setting: Setting[T]) -> Setting[T]:
    """Register ``setting``; a key declared twice, or an invalid default, is a bug."""
    if setting.key in SETTINGS:
        raise ValueError(f"setting {setting.key!r} is declared twice")
    validate(setting, setting.default)
    if setting.suggested is not None:
        validate(setting, setting.suggested)
    SETTINGS[setting.key] = setting
    return setting


def find(key: str) -> Setting[Any]:
    """Return the setting declared under ``key``; ``KeyError`` if there is none."""
    return SETTINGS[key]


def validate(setting: Setting[T], value: object) -> T:
    """Return ``value`` if ``setting`` can take it, else raise :class:`SettingInvalid`."""
    label = setting.label
    if value is None:
        if setting.optional:
            return cast(T, value)  # None is "off" for optional ones
        raise SettingInvalid(_NEEDS_A_VALUE, label=label)
    if setting.kind is int:
        # bool is an int to Python but never a sensible number of days or months.
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingInvalid(_NOT_A_WHOLE_NUMBER, label=label)
        low = setting.minimum if setting.minimum is not None else value
        high = setting.maximum if setting.maximum is not None else value
        if not low <= value <= high:
            raise SettingInvalid(_OUT_OF_RANGE, label=label, minimum=low, maximum=high)
        return cast(T, value)
    if not isinstance(value, str):
        raise SettingInvalid(_NOT_TEXT, label=label)
    if not setting.multiline and ("\n" in value or "\r" in value):
        raise SettingInvalid(_ONE_LINE, label=label)
    if setting.max_length is not None and len(value) > setting.max_length:
        raise SettingInvalid(_TOO_LONG, label=label, maximum=setting.max_length)
    return cast(T, value)


def read(journal: Journal, setting: Setting[T]) -> T:
    """Return the journal's value of ``setting``, or its default.

    A stored value the setting cannot take (a journal edited by hand, or imported from
    elsewhere) reads as the default rather than breaking whatever asked for it.
    """
    value = stored.get_setting(journal, setting.key, setting.default)
    try:
        return validate(setting, value)
    except SettingInvalid:
        return setting.default


def write(journal: Journal, values: Mapping[Setting[Any], object]) -> None:
    """Check every value, then store them all in one transaction (subject "settings").

    Nothing is written if any value is invalid.
    """
    checked = {setting.key: validate(setting, value) for setting, value in values.items()}
    stored.set_settings(journal, checked)


# ----------------------------------------------------------------- the settings

DEFAULT_CADENCE_DAYS: Setting[int] = declare(
    Setting(
        key="default_cadence_days",
        kind=int,
        default=7,
        minimum=1,
        maximum=90,
        label=QT_TRANSLATE_NOOP(CONTEXT, "Default 1:1 cadence for reps with no team"),
        help=QT_TRANSLATE_NOOP(
            CONTEXT,
            "How many days between 1:1s for a rep who has neither a cadence of their own "
            "nor a team.",
        ),
    )
)

RECAP_INTRO: Setting[str] = declare(
    Setting(
        key="recap_intro",
        kind=str,
        default="Thanks for the time today. Here's what we agreed:",
        max_length=300,
        label=QT_TRANSLATE_NOOP(CONTEXT, "Recap's opening line"),
        help=QT_TRANSLATE_NOOP(
            CONTEXT,
            "The first line of the recap you send a rep after a 1:1. Leave it empty "
            "to start with the agreements themselves.",
        ),
    )
)

MY_AGENDA_TEMPLATE: Setting[str] = declare(
    Setting(
        key="my_agenda_template",
        kind=str,
        default="- Wins since last time\n- Numbers\n- Your commitments\n- Mine\n",
        multiline=True,
        max_length=5000,
        label=QT_TRANSLATE_NOOP(CONTEXT, "My agenda for new 1:1s"),
        help=QT_TRANSLATE_NOOP(
            CONTEXT,
            "Each new 1:1 starts with this in “My agenda”. It is your own: it is hidden in "
            "sharing mode.",
        ),
    )
)


def _agenda(key: str, label: str, default: str) -> Setting[str]:
    return declare(
        Setting(
            key=key,
            kind=str,
            default=default,
            multiline=True,
            max_length=5000,
            label=label,
            help=QT_TRANSLATE_NOOP(
                CONTEXT,
                "Each new meeting of this kind starts with this in “My agenda”; so does a "
                "meeting changed to this kind before you wrote in it. It is your own: it "
                "is hidden in sharing mode.",
            ),
        )
    )


# "My agenda" for each kind of meeting: a 1:1's is the setting above.
AGENDA_TEMPLATES: dict[MeetingKind, Setting[str]] = {
    MeetingKind.ONE_ON_ONE: MY_AGENDA_TEMPLATE,
    MeetingKind.EXPECTATIONS: _agenda(
        "agenda_template_expectations",
        QT_TRANSLATE_NOOP(CONTEXT, "My agenda for expectations talks"),
        "- What I expect of you\n- What you can expect of me\n- How we communicate\n"
        "- If either of us slips: what each of us chooses\n",
    ),
    MeetingKind.QBR: _agenda(
        "agenda_template_qbr",
        QT_TRANSLATE_NOOP(CONTEXT, "My agenda for QBRs"),
        "- The quarter in numbers\n- What worked, what didn't\n"
        "- Next quarter's plan, in your words\n- What you need from me\n",
    ),
    MeetingKind.ROLE_PLAY: _agenda(
        "agenda_template_role_play",
        QT_TRANSLATE_NOOP(CONTEXT, "My agenda for role plays"),
        "- The situation we'll play\n- What good looks like\n- Play it\n"
        "- What you'd keep, what you'd change\n",
    ),
    MeetingKind.PIPELINE_REVIEW: _agenda(
        "agenda_template_pipeline_review",
        QT_TRANSLATE_NOOP(CONTEXT, "My agenda for pipeline reviews"),
        "- Deals moving this month\n- Deals stuck: a next step the customer agreed to?\n"
        "- Coverage for the quarter\n",
    ),
    MeetingKind.SKIP_LEVEL: _agenda(
        "agenda_template_skip_level",
        QT_TRANSLATE_NOOP(CONTEXT, "My agenda for skip-levels"),
        "- How is it going, really?\n- What's in your way?\n- What should I know that I don't?\n",
    ),
}


def agenda_template(journal: Journal, kind: MeetingKind) -> str:
    """The "My agenda" a new meeting of ``kind`` starts with."""
    return read(journal, AGENDA_TEMPLATES[kind])


PRIVATE_NOTES_RETENTION_MONTHS: Setting[int | None] = declare(
    Setting(
        key="private_notes_retention_months",
        kind=int,
        default=None,
        optional=True,
        suggested=24,
        minimum=3,
        maximum=120,
        label=QT_TRANSLATE_NOOP(CONTEXT, "Delete private notes older than"),
        help=QT_TRANSLATE_NOOP(
            CONTEXT,
            "Off by default: private notes are kept until you delete them. When on, the "
            "private notes of meetings held longer ago than this are emptied when you "
            "switch it on and each time coachdesk starts. Agendas, shared notes and "
            "commitments are kept.",
        ),
    )
)

AUTO_LOCK_MINUTES: Setting[int | None] = declare(
    Setting(
        key="auto_lock_minutes",
        kind=int,
        default=None,
        optional=True,
        suggested=10,
        minimum=1,
        maximum=240,
        label=QT_TRANSLATE_NOOP(CONTEXT, "Lock after idle minutes"),
        help=QT_TRANSLATE_NOOP(
            CONTEXT,
            "Off by default. For a journal protected with a passphrase only: after this "
            "many minutes without a key press or a click, and when the computer wakes "
            "from a longer sleep, the window hides everything and asks for the "
            "passphrase. Kept in the journal, so it cannot be switched off from outside.",
        ),
    )
)

REMINDER_MINUTES: Setting[int | None] = declare(
    Setting(
        key="reminder_minutes",
        kind=int,
        default=None,
        optional=True,
        suggested=10,
        minimum=1,
        maximum=120,
        label=QT_TRANSLATE_NOOP(CONTEXT, "Remind me before a scheduled 1:1"),
        help=QT_TRANSLATE_NOOP(
            CONTEXT,
            "Off by default. This many minutes before a scheduled 1:1, a desktop "
            "notification (or a line in the window where there is none). Never while "
            "sharing the screen or locked; for a protected journal it names no rep.",
        ),
    )
)

NUMBERS_CURRENCY: Setting[str] = declare(
    Setting(
        key="numbers_currency",
        kind=str,
        default="$",
        max_length=4,
        label=QT_TRANSLATE_NOOP(CONTEXT, "Currency sign for the numbers"),
        help=QT_TRANSLATE_NOOP(
            CONTEXT,
            "Shown before bookings and pipeline amounts: $, €, £, CHF… Amounts are not converted.",
        ),
    )
)


# ----------------------------------------------------------------- the ladder

# Five rungs, always: names and descriptions can be reworded, never added or removed.
# An empty name or description reads as the standard one (coaching.ladder.DEFAULT_RUNGS).
_RUNG_NAME_HELP = QT_TRANSLATE_NOOP(
    CONTEXT, "Leave it empty to use the standard name. Ratings keep their rung when renamed."
)
_RUNG_DESCRIPTION_HELP = QT_TRANSLATE_NOOP(
    CONTEXT, "One line in plain words, as the person would say it about themselves."
)


def _rung_setting(number: int, label: str, help_text: str, part: str, default: str) -> Setting[str]:
    return declare(
        Setting(
            key=f"ladder_rung_{number}_{part}",
            kind=str,
            default=default,
            max_length=40 if part == "name" else 160,
            label=label,
            help=help_text,
        )
    )


def _ladder_settings() -> tuple[tuple[Setting[str], ...], tuple[Setting[str], ...]]:
    from coachdesk.coaching.ladder import DEFAULT_RUNGS

    name_labels = (
        QT_TRANSLATE_NOOP(CONTEXT, "Name of rung 1 (the top)"),
        QT_TRANSLATE_NOOP(CONTEXT, "Name of rung 2"),
        QT_TRANSLATE_NOOP(CONTEXT, "Name of rung 3"),
        QT_TRANSLATE_NOOP(CONTEXT, "Name of rung 4"),
        QT_TRANSLATE_NOOP(CONTEXT, "Name of rung 5 (the bottom)"),
    )
    description_labels = (
        QT_TRANSLATE_NOOP(CONTEXT, "Description of rung 1"),
        QT_TRANSLATE_NOOP(CONTEXT, "Description of rung 2"),
        QT_TRANSLATE_NOOP(CONTEXT, "Description of rung 3"),
        QT_TRANSLATE_NOOP(CONTEXT, "Description of rung 4"),
        QT_TRANSLATE_NOOP(CONTEXT, "Description of rung 5"),
    )
    names = tuple(
        _rung_setting(rung.number, label, _RUNG_NAME_HELP, "name", rung.name)
        for rung, label in zip(DEFAULT_RUNGS, name_labels, strict=True)
    )
    descriptions = tuple(
        _rung_setting(rung.number, label, _RUNG_DESCRIPTION_HELP, "description", rung.description)
        for rung, label in zip(DEFAULT_RUNGS, description_labels, strict=True)
    )
    return names, descriptions


LADDER_NAMES, LADDER_DESCRIPTIONS = _ladder_settings()


# ----------------------------------------------------------------- agreements and plans

AGREEMENT_TEMPLATE: Setting[str] = declare(
    Setting(
        key="agreement_template",
        kind=str,
        default=(
            "## What I expect of you\n"
            "- Keep the CRM current by Friday noon: next step and close date on every deal\n"
            "- Bring your own agenda to our 1:1\n"
            "- Tell me early when a deal slips: no surprises at forecast\n"
            "\n"
            "## What you can expect from me\n"
            "- Our 1:1 happens; if I must move it, I move it, I don't cancel it\n"
            "- An answer within 24 hours on pricing and approvals\n"
            "- Air cover with other teams when you need it\n"
            "\n"
            "## How we communicate\n"
            "- Emergency: call or text\n"
            "- Answer within 24 h: email\n"
            "- Routine: team chat\n"
        ),
        multiline=True,
        max_length=20000,
        label=QT_TRANSLATE_NOOP(CONTEXT, "Default agreement template"),
        help=QT_TRANSLATE_NOOP(
            CONTEXT,
            "A new agreement can start from this. Headings coachdesk knows: What I expect "
            "of you; What you can expect from me; What else do you need from me?; How we "
            "communicate (one “urgency: how” per line); Open-door hours; Work schedule. "
            "One item per line under a list. The steps each side chooses are left to the "
            "conversation. A team can have a template of its own.",
        ),
    )
)


def _plan_areas_setting() -> Setting[str]:
    from coachdesk.coaching.plans import DEFAULT_AREAS

    return declare(
        Setting(
            key="plan_areas",
            kind=str,
            default=DEFAULT_AREAS,
            multiline=True,
            max_length=5000,
            label=QT_TRANSLATE_NOOP(CONTEXT, "Core areas of a rep's quarterly plan"),
            help=QT_TRANSLATE_NOOP(
                CONTEXT,
                "One area per line, with an optional question after a colon. The blank "
                "framework you hand a rep has these headings; plans already started keep "
                "the areas they were started with.",
            ),
        )
    )


PLAN_AREAS: Setting[str] = _plan_areas_setting()
