"""What goes on a 1:1 prep sheet: pure rules, no I/O.

The rule for a sheet: nothing the manager wouldn't slide across the table to the rep.
Private notes and the manager's own reads appear only on a copy printed on purpose
("PRIVATE" in its header); flags and the reasons questions were picked never do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

# How much of each part a sheet holds before it says "and N more": a typical rep fits
# one page, the worst case two. Halved once if the sheet still runs long.
LIMITS = {
    "agenda_chars": 1200,
    "commitments": 10,
    "plan_chars": 600,
    "agreement_items": 4,
    "private_chars": 1500,
}


@dataclass(frozen=True)
class Moment:
    """What is going on with a rep, used only to choose questions (never printed)."""

    behind_pace: bool = False
    commitments_slipping: bool = False
    review_due: bool = False
    new_rep: bool = False


# Question-bank topics that suit each situation, most fitting first.
_TOPICS_FOR = {
    "behind_pace": ("numbers", "pipeline"),
    "commitments_slipping": ("commitments", "support"),
    "review_due": ("support", "growth"),
    "new_rep": ("support", "opening"),
}
_ALWAYS = ("opening", "progress", "growth", "pipeline", "support", "closing")


def choose_questions(
    bank: Sequence[tuple[str, str]], moment: Moment, *, seed: int, count: int = 3
) -> list[str]:
    """Pick ``count`` questions (topic, text) suited to the moment, varied by ``seed``.

    Each situation that holds contributes one question from its topics, in a fixed
    order of importance; the rest come from general topics. The same seed (a rep and a
    date) always gives the same questions, and different dates rotate through the bank.
    """
    by_topic: dict[str, list[str]] = {}
    for topic, text in bank:
        by_topic.setdefault(topic, []).append(text)
    wanted: list[str] = []
    for situation, topics in _TOPICS_FOR.items():
        if getattr(moment, situation):
            wanted.extend(topics[:1])
    wanted.extend(_ALWAYS)
    chosen: list[str] = []
    for number, topic in enumerate(wanted):
        options = [q for q in by_topic.get(topic, []) if q not in chosen]
        if options:
            chosen.append(options[(seed + number) % len(options)])
        if len(chosen) == count:
            return chosen
    leftovers = [text for _, text in bank if text not in chosen]
    return chosen + leftovers[: count - len(chosen)]


def tenure(start: dt.date | None, on: dt.date) -> str:
    """Return "3 weeks", "5 months", "2 years 1 month", "starts in 4 days" or ""."""
    if start is None:
        return ""
    days = (on - start).days
    if days < 0:
        return f"starts in {-days} day{'s' if days != -1 else ''}"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 90:
        return f"{days // 7} weeks"
    months = (on.year - start.year) * 12 + on.month - start.month - (on.day < start.day)
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts) or "1 year"


def clip(text: str, limit: int) -> tuple[str, bool]:
    """Cut ``text`` to about ``limit`` characters at a line or word end; say if it was cut."""
    text = text.strip()
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    for stop in ("\n", " "):
        at = cut.rfind(stop)
        if at > limit * 0.6:
            cut = cut[:at]
            break
    return cut.rstrip() + " …", True


def is_new_rep(start: dt.date | None, on: dt.date, *, within_days: int = 90) -> bool:
    """True for a rep who started within the last ``within_days`` days (or starts soon)."""
    return start is not None and (on - start).days < within_days
