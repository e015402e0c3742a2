"""The recap a manager sends the rep after a 1:1: what each side will do, and when next.

Built from plain values only: the functions take the rep's first name, the meeting date,
the intro line, the lines of the shared notes the manager picked ("What we discussed"),
both sides' open commitments, what was done, and the next 1:1. Notes are never read
here: only lines the manager ticked, offered from the shared notes alone, so private
notes cannot reach a recap by mistake.

Mine come first, as everywhere in coachdesk: "I'll…" before "You'll…".

Two renderings of the same content: :func:`recap_text` for chat (plain text, "- "
bullets only) and :func:`recap_markdown` for email (Markdown, with the people's own words
escaped so a "*" in a commitment stays a "*").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# The recap's own words are English, so its dates are too. strftime("%a") would follow
# the process locale (Qt sets it from the desktop on start), mixing languages in one line.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Bidi classes that can reorder the text around them: right-to-left letters and the
# explicit embedding, override and isolate controls.
_BIDI_UNSAFE = frozenset({"R", "AL", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
_FSI, _PDI = "\u2068", "\u2069"

# Characters that are Markdown wherever they stand. "<" and "&" become entities rather than
# backslash escapes, which every Markdown dialect reads the same way.
_INLINE_ESCAPES = re.compile(r"([\\`*_\[\]~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What would make a line a heading, a quote, a list item or a rule when it starts one.
_LINE_START = re.compile(r"^(#|>|\+|-|=)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")


@dataclass(frozen=True)
class RecapItem:
    """One open commitment as the rep reads it: its words and, if set, its due date."""

    text: str
    due: dt.date | None = None


@dataclass(frozen=True)
class _Content:
    """Everything a recap says, cleaned and in order; rendering only adds punctuation."""

    first_name: str
    meeting_date: dt.date
    intro: list[str]
    discussed: list[str]
    mine: list[RecapItem]
    theirs: list[RecapItem]
    done_mine: list[str]
    done_theirs: list[str]
    next_meeting: dt.date | None


def human_date(day: dt.date, reference: dt.date | None = None) -> str:
    """Return "Fri 27 Nov", adding the year when it differs from ``reference``'s."""
    label = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    if reference is not None and day.year != reference.year:
        label += f" {day.year}"
    return label


def human_moment(when: dt.date, reference: dt.date | None = None) -> str:
    """Return "Mon 30 Nov at 09:00" for a moment, or just the date for a date."""
    label = human_date(when, reference)
    if isinstance(when, dt.datetime):
        label += f" at {when:%H:%M}"
    return label


def one_line(text: str) -> str:
    """Return ``text`` on one line: any line break, tab or control becomes one space.

    A bullet that broke over several lines would end the list in chat and in Markdown.
    Format characters stay (zero-width joiners hold emoji such as 👨‍👩‍👧 together).
    """
    out: list[str] = []
    for char in text:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(char)
    return "".join(out).strip()


def isolate(text: str) -> str:
    """Wrap right-to-left text in a Unicode isolate so it cannot reorder what follows.

    Without it, "- سارة — by Fri 27 Nov" is laid out right to left as a whole and the date
    lands on the wrong side. Left-to-right text is returned unchanged.
    """
    if any(unicodedata.bidirectional(char) in _BIDI_UNSAFE for char in text):
        return f"{_FSI}{text}{_PDI}"
    return text


def markdown_escape(text: str) -> str:
    """Escape ``text`` so Markdown shows it literally (one line, as in a list item)."""
    text = _INLINE_ESCAPES.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _LINE_START.sub(r"\\\1", text)
    # "2024. A good year" would otherwise start an ordered list numbered 2024.
    return _ORDERED_START.sub(r"\1\\\2", text)


def _content(
    first_name: str,
    meeting_date: dt.date,
    intro: str,
    mine: Sequence[RecapItem],
    theirs: Sequence[RecapItem],
    done_mine: Sequence[str],
    done_theirs: Sequence[str],
    next_meeting: dt.date | None,
    discussed: Sequence[str] = (),
) -> _Content:
    def items(given: Sequence[RecapItem]) -> list[RecapItem]:
        cleaned = (RecapItem(one_line(item.text), item.due) for item in given)
        return [item for item in cleaned if item.text]

    def texts(given: Sequence[str]) -> list[str]:
        return [line for line in (one_line(text) for text in given) if line]

    return _Content(
        first_name=one_line(first_name),
        meeting_date=meeting_date,
        # The intro keeps its own line breaks (it is the manager's template), blank
        # lines aside.
        intro=[line for line in (one_line(part) for part in intro.splitlines()) if line],
        discussed=texts(discussed),
        mine=items(mine),
        theirs=items(theirs),
        done_mine=texts(done_mine),
        done_theirs=texts(done_theirs),
        next_meeting=next_meeting,
    )


def _due_words(item: RecapItem, meeting_date: dt.date) -> str:
    if item.due is None:
        return ""
    # Kept open past its date: saying "by" a day already gone would read as a typo.
    verb = "was due" if item.due < meeting_date else "by"
    return f"{verb} {human_date(item.due, meeting_date)}"


def recap_text(
    *,
    first_name: str,
    meeting_date: dt.date,
    intro: str = "",
    mine: Sequence[RecapItem] = (),
    theirs: Sequence[RecapItem] = (),
    done_mine: Sequence[str] = (),
    done_theirs: Sequence[str] = (),
    next_meeting: dt.date | None = None,
    discussed: Sequence[str] = (),
) -> str:
    """Return the recap as plain text for chat: short lines and "- " bullets, no markup.

    ``mine`` and ``theirs`` are the open commitments in the order to show them;
    ``done_mine`` and ``done_theirs`` what was done in this meeting; ``next_meeting`` a
    date or a datetime (the time is shown when given); ``discussed`` the lines of the
    shared notes the manager picked. Empty sections are left out.
    """
    c = _content(
        first_name,
        meeting_date,
        intro,
        mine,
        theirs,
        done_mine,
        done_theirs,
        next_meeting,
        discussed,
    )
    day = c.meeting_date

    def bullet(item: RecapItem) -> str:
        due = _due_words(item, day)
        return f"- {isolate(item.text)}" + (f" — {due}" if due else "")

    blocks = [f"1:1 recap · {human_date(day)}"]
    greeting = f"Hi {isolate(c.first_name)}," if c.first_name else "Hi,"
    blocks.append("\n".join([greeting, *c.intro]))
    if c.discussed:
        lines = (f"- {isolate(text)}" for text in c.discussed)
        blocks.append("\n".join(["What we discussed:", *lines]))
    if c.mine:
        blocks.append("\n".join(["I'll:", *(bullet(item) for item in c.mine)]))
    if c.theirs:
        blocks.append("\n".join(["You'll:", *(bullet(item) for item in c.theirs)]))
    if c.done_mine or c.done_theirs:
        done = [f"- Me: {isolate(text)}" for text in c.done_mine]
        done += [f"- You: {isolate(text)}" for text in c.done_theirs]
        blocks.append("\n".join(["Done:", *done]))
    if c.next_meeting is not None:
        blocks.append(f"Our next 1:1 is {human_moment(c.next_meeting, day)}.")
    return "\n\n".join(blocks) + "\n"


def recap_markdown(
    *,
    first_name: str,
    meeting_date: dt.date,
    intro: str = "",
    mine: Sequence[RecapItem] = (),
    theirs: Sequence[RecapItem] = (),
    done_mine: Sequence[str] = (),
    done_theirs: Sequence[str] = (),
    next_meeting: dt.date | None = None,
    discussed: Sequence[str] = (),
) -> str:
    """Return the recap as Markdown for email; takes the same values as :func:`recap_text`.

    Everything the people wrote (names, intro, commitments) is escaped, so it reads in
    the rendered mail exactly as it was typed.
    """
    c = _content(
        first_name,
        meeting_date,
        intro,
        mine,
        theirs,
        done_mine,
        done_theirs,
        next_meeting,
        discussed,
    )
    day = c.meeting_date

    def words(text: str) -> str:
        return isolate(markdown_escape(text))

    def bullet(item: RecapItem) -> str:
        due = _due_words(item, day)
        return f"- {words(item.text)}" + (f" — **{due}**" if due else "")

    # Separate paragraphs: Markdown would run single lines of the intro together.
    blocks = [f"**1:1 recap · {human_date(day)}**"]
    blocks.append(f"Hi {words(c.first_name)}," if c.first_name else "Hi,")
    blocks.extend(words(line) for line in c.intro)
    if c.discussed:
        blocks.append("**What we discussed:**")
        blocks.append("\n".join(f"- {words(text)}" for text in c.discussed))
    if c.mine:
        blocks.append("**I'll:**")
        blocks.append("\n".join(bullet(item) for item in c.mine))
    if c.theirs:
        blocks.append("**You'll:**")
        blocks.append("\n".join(bullet(item) for item in c.theirs))
    if c.done_mine or c.done_theirs:
        done = [f"- Me: {words(text)}" for text in c.done_mine]
        done += [f"- You: {words(text)}" for text in c.done_theirs]
        blocks.append("**Done:**")
        blocks.append("\n".join(done))
    if c.next_meeting is not None:
        blocks.append(f"Our next 1:1 is **{human_moment(c.next_meeting, day)}**.")
    return "\n\n".join(blocks) + "\n"


def discussion_lines(shared_notes: str) -> list[str]:
    """The lines of a 1:1's shared notes a manager may pick for "What we discussed".

    Markdown markers (headings, bullets, emphasis) are dropped; blank lines are skipped.
    Only the shared notes are ever passed here, never the private ones.
    """
    found: list[str] = []
    for raw in shared_notes.splitlines():
        line = raw.strip().lstrip("#>").strip()
        line = re.sub(r"^([-*+]|\d{1,9}[.)])\s+", "", line)
        line = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", line)
        line = one_line(line)
        if line and line not in found:
            found.append(line)
    return found


# Past about this many characters a mailto: link is cut short by some mail programs (and
# refused by others), so a longer recap goes on the clipboard instead.
MAILTO_LIMIT = 1800


def mailto(address: str, subject: str, body: str) -> str | None:
    """A ``mailto:`` link with subject and body, or None when the body is too long for one."""
    from urllib.parse import quote

    link = f"mailto:{quote(address, safe='@')}?subject={quote(subject)}&body={quote(body)}"
    return link if len(body) <= MAILTO_LIMIT else None


# What a rep is asked after a 1:1, in their own words: the coaching half of a recap.
RECAP_QUESTIONS = (
    "What are you taking away from today?",
    "What will you do by next time?",
    "What do you need from me?",
)


def ask_for_their_recap(first_name: str, meeting_date: dt.date) -> tuple[str, str]:
    """The subject and body of a short mail asking the rep for their own recap."""
    name = one_line(first_name)
    subject = f"Your take on our 1:1 · {human_date(meeting_date)}"
    lines = [f"Hi {isolate(name)}," if name else "Hi,", ""]
    lines.append("Before my notes, I'd like yours. In a few lines:")
    lines.extend(f"- {question}" for question in RECAP_QUESTIONS)
    lines += ["", "Thanks!"]
    return subject, "\n".join(lines) + "\n"
