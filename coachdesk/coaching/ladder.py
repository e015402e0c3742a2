"""The co-elevation ladder: five rungs, and the rules that read a line of ratings.

Rungs are numbered from the top: 1 is Collaboration, 5 is Resentment. A *higher* number
is a *lower* rung, so a fall shows as a number going up.

Every rule here is a question for the manager, never a verdict on a person: a fall, a
run of low self-ratings or a gap between their view and mine asks "what will I change?".
Pure functions over dates and numbers; "today" is always passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from coachdesk.dates import Quarter, add_months

K = TypeVar("K")

RUNG_COUNT = 5
TOP = 1
BOTTOM = RUNG_COUNT
# Resistance and Resentment: three self-ratings in a row here ask for attention.
LOW_RUNGS = frozenset({4, 5})
# Their view and mine this many rungs apart (or more) is a question for me.
WIDE_GAP = 2
# A fall of this many rungs (or more) within a quarter asks for attention.
STEEP_FALL = 2
QUARTER_MONTHS = 3
LOW_IN_A_ROW = 3


@dataclass(frozen=True)
class Rung:
    """One rung: its number (1 at the top), name and a one-line description."""

    number: int
    name: str
    description: str


DEFAULT_RUNGS: tuple[Rung, ...] = (
    Rung(1, "Collaboration", "We shape the plan together, and I own my part of it."),
    Rung(2, "Cooperation", "I'm on board: I go along with the plan and help it work."),
    Rung(3, "Compliance", "I do what's asked because it's asked, not because I'm sold on it."),
    Rung(4, "Resistance", "I push back, put things off, or do the minimum."),
    Rung(5, "Resentment", "I feel policed or unheard, and I'm working against it."),
)


def check_rung(number: int) -> int:
    """Return ``number`` if it is a rung (1–5); raise ``ValueError`` otherwise."""
    if isinstance(number, bool) or not isinstance(number, int) or not TOP <= number <= BOTTOM:
        raise ValueError(f"a rung is a whole number from {TOP} to {BOTTOM}, not {number!r}")
    return number


@dataclass(frozen=True)
class Ladder:
    """The five rungs as the manager named them (always five, top first)."""

    rungs: tuple[Rung, ...] = DEFAULT_RUNGS

    @classmethod
    def from_texts(cls, names: Sequence[str], descriptions: Sequence[str]) -> Ladder:
        """Build a ladder from five names and descriptions; blanks take the standard text."""
        rungs = []
        for default, name, description in zip(DEFAULT_RUNGS, names, descriptions, strict=True):
            rungs.append(
                Rung(
                    default.number,
                    name.strip() or default.name,
                    description.strip() or default.description,
                )
            )
        return cls(tuple(rungs))

    def rung(self, number: int) -> Rung:
        """Return rung ``number`` (1 at the top)."""
        return self.rungs[check_rung(number) - 1]

    def name(self, number: int) -> str:
        """Return the name of rung ``number``."""
        return self.rung(number).name

    def names(self) -> list[str]:
        """Return the five names, top first."""
        return [r.name for r in self.rungs]


@dataclass(frozen=True)
class Point:
    """One rating on a line: a date and a rung."""

    on: dt.date
    rung: int


def _until(points: Iterable[Point], today: dt.date) -> list[Point]:
    """The points on or before ``today``, in date order (equal dates keep their order)."""
    return sorted((p for p in points if p.on <= today), key=lambda p: p.on)


def gap(self_rung: int, read_rung: int) -> int:
    """Return how many rungs apart their self-rating and my read are."""
    return abs(check_rung(self_rung) - check_rung(read_rung))


def far_apart(self_rung: int, read_rung: int) -> bool:
    """True when their view and mine are two rungs apart or more."""
    return gap(self_rung, read_rung) >= WIDE_GAP


@dataclass(frozen=True)
class Gap:
    """Where their self-rating and my read stood on one day."""

    on: dt.date
    self_rung: int
    read_rung: int

    @property
    def size(self) -> int:
        """Rungs between the two."""
        return gap(self.self_rung, self.read_rung)

    @property
    def wide(self) -> bool:
        """True when this asks "what will I change?"."""
        return self.size >= WIDE_GAP


def _standing(points: Sequence[Point], day: dt.date) -> Point | None:
    """The point in effect on ``day``: the last one on or before it."""
    found = None
    for point in points:
        if point.on > day:
            break
        found = point
    return found


def latest_on(points: Iterable[Point], day: dt.date) -> Point | None:
    """Return the rating in effect on ``day`` (the last on or before it), if any."""
    return _standing(sorted(points, key=lambda p: p.on), day)


def gaps(self_points: Iterable[Point], read_points: Iterable[Point]) -> list[Gap]:
    """Compare the two lines on every day either of them changed.

    Both are step lines: a rating stands until the next one. Days before one of the two
    lines has begun are left out: there is nothing to compare yet.
    """
    mine = sorted(self_points, key=lambda p: p.on)
    reads = sorted(read_points, key=lambda p: p.on)
    found: list[Gap] = []
    for day in sorted({p.on for p in mine} | {p.on for p in reads}):
        theirs, read = _standing(mine, day), _standing(reads, day)
        if theirs is not None and read is not None:
            found.append(Gap(day, theirs.rung, read.rung))
    return found


def wide_gaps(self_points: Iterable[Point], read_points: Iterable[Point]) -> list[Gap]:
    """Return the days on which their view and mine were two rungs apart or more."""
    return [g for g in gaps(self_points, read_points) if g.wide]


@dataclass(frozen=True)
class Fall:
    """A self-rating that came down steeply: from ``before`` to ``after``."""

    before: Point
    after: Point

    @property
    def rungs(self) -> int:
        """How many rungs it fell."""
        return self.after.rung - self.before.rung


def fall_within_quarter(points: Iterable[Point], today: dt.date) -> Fall | None:
    """Return a fall of two rungs or more within a quarter, while it is still current.

    Only the newest self-rating (on or before ``today``) is looked at: a fall the rep has
    since climbed back from needs no prompt. It is compared with every earlier rating
    of the three months before it (a rating exactly three months earlier counts), and
    the prompt stands for three months after it (to the day), or until a newer rating.
    """
    line = _until(points, today)
    if len(line) < 2:
        return None
    newest = line[-1]
    if add_months(newest.on, QUARTER_MONTHS) < today:
        return None
    window_start = add_months(newest.on, -QUARTER_MONTHS)
    earlier = [p for p in line[:-1] if p.on >= window_start]
    if not earlier:
        return None
    # The highest rung in the window (smallest number), the earliest of equals.
    best = min(earlier, key=lambda p: (p.rung, p.on))
    if newest.rung - best.rung >= STEEP_FALL:
        return Fall(best, newest)
    return None


def low_in_a_row(points: Iterable[Point], today: dt.date) -> tuple[Point, ...] | None:
    """Return the newest three self-ratings if all are at Resistance or Resentment."""
    line = _until(points, today)
    last = tuple(line[-LOW_IN_A_ROW:])
    if len(last) == LOW_IN_A_ROW and all(p.rung in LOW_RUNGS for p in last):
        return last
    return None


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Return the whole months from ``earlier`` to ``later`` (0 if less than one)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    while months > 0 and add_months(earlier, months) > later:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True)
class Ask:
    """A suggestion to ask where someone would place themselves this quarter."""

    last_asked: dt.date | None  # None: never asked

    def months_ago(self, today: dt.date) -> int | None:
        """Whole months since they were last asked, or ``None`` if never."""
        return None if self.last_asked is None else months_between(self.last_asked, today)


def ask_this_quarter(
    points: Iterable[Point], today: dt.date, started: dt.date | None = None
) -> Ask | None:
    """Suggest asking for a self-rating when there is none in the current quarter.

    Quarterly, not weekly: nothing is suggested while this calendar quarter already has
    one. Someone asked in the last month of the previous quarter is not asked again the
    moment the quarter turns: the suggestion waits until a month has passed. Someone who
    ``started`` less than a month ago is left to settle in first.
    """
    if started is not None and add_months(started, 1) > today:
        return None
    line = _until(points, today)
    if not line:
        return Ask(None)
    newest = line[-1]
    if newest.on >= Quarter.of(today).first_day():
        return None
    if add_months(newest.on, 1) > today:
        return None
    return Ask(newest.on)


def rung_counts(latest: Mapping[K, int]) -> list[int]:
    """Return how many people stand on each rung, top first (always five numbers)."""
    counts = [0] * RUNG_COUNT
    for rung in latest.values():
        counts[check_rung(rung) - 1] += 1
    return counts


@dataclass(frozen=True)
class Moves:
    """How self-ratings moved between two days, person by person."""

    up: int  # to a higher rung (a smaller number)
    down: int
    same: int
    new: int  # no self-rating on the earlier day


def moves(then: Mapping[K, int], now: Mapping[K, int]) -> Moves:
    """Compare each person's rung on the earlier day (``then``) with today's (``now``)."""
    up = down = same = new = 0
    for key, rung in now.items():
        before = then.get(key)
        if before is None:
            new += 1
        elif rung < before:
            up += 1
        elif rung > before:
            down += 1
        else:
            same += 1
    return Moves(up, down, same, new)
