"""Rules for a rep's quarterly plan, with no I/O: the framework, and reading a reply back.

The manager frames the plan (its core areas, each with an optional question) and
hands the blank framework to the rep; the rep writes the plan. Their reply is pasted
back as it came: :func:`parse_reply` finds the areas' headings in it and returns the
text under each one untouched, and the targets written as "calls: 60".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

DEFAULT_AREAS = (
    "Targets and pipeline: What will you close this quarter, and what pipeline gets you there?\n"
    "Activity plan: What will you do each week to build that pipeline?\n"
    "Key accounts: Which accounts matter most this quarter, and what is your plan for each?\n"
    "Skills to build: What one or two skills will you work on, and how?\n"
    "Support needed from me: What do you need from me to make this plan happen?\n"
)

TARGETS_HEADING = "Your targets for the quarter"
TARGETS_PROMPT = (
    "What you will count and the number you aim for, one per line, e.g. “calls: 60” or “demos: 12”."
)
INTRO = (
    "This plan is yours: write it in your own words, as much or as little as you like "
    "under each heading, and send it back. It will be kept exactly as you wrote it."
)


def parse_areas(text: str) -> list[tuple[str, str]]:
    """Return ``(area, question)`` pairs from the setting: one area per line.

    A question may follow the area's name after a colon; blank lines are skipped.
    """
    areas = []
    for line in text.splitlines():
        name, colon, prompt = line.partition(":")
        if name.strip():
            areas.append((name.strip(), prompt.strip() if colon else ""))
    return areas


def framework_title(rep_name: str, quarter: str) -> str:
    """The title of a blank framework: "Your plan for 2027-Q1 — Ana Ruiz"."""
    return f"Your plan for {quarter} — {rep_name}" if rep_name else f"Your plan for {quarter}"


def framework_markdown(rep_name: str, quarter: str, areas: Sequence[tuple[str, str]]) -> str:
    """Return the blank framework as Markdown, to send by email or chat."""
    lines = [f"# {framework_title(rep_name, quarter)}", "", INTRO, ""]
    for area, prompt in areas:
        lines.append(f"## {area}")
        if prompt:
            lines.append(f"_{prompt}_")
        lines += ["", "", ""]
    lines += [f"## {TARGETS_HEADING}", f"_{TARGETS_PROMPT}_", "", "- ", ""]
    return "\n".join(lines)


def framework_text(rep_name: str, quarter: str, areas: Sequence[tuple[str, str]]) -> str:
    """Return the blank framework as plain text, underlined headings and all."""
    title = framework_title(rep_name, quarter)
    lines = [title, "=" * len(title), "", INTRO, ""]
    for area, prompt in [*areas, (TARGETS_HEADING, TARGETS_PROMPT)]:
        lines += [area, "-" * len(area)]
        if prompt:
            lines.append(prompt)
        lines += ["", "", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class Reply:
    """What was found in a pasted reply."""

    answers: dict[int, str] = field(default_factory=dict)  # area index -> the rep's text
    targets: list[tuple[str, float]] = field(default_factory=list)
    unreadable_targets: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    cleaned = re.sub(r"[*_`]+", "", text).strip().rstrip(":").strip()
    return re.sub(r"\s+", " ", cleaned).casefold()


_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_TARGET = re.compile(
    r"^(?P<label>.*?\S)\s*(?:[:=|]|\s[-–—]\s)\s*(?P<number>[\d][\d\s.,']*)\s*\|?\s*$"
)
_MARKER = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")


def _number(text: str) -> float | None:
    digits = text.strip().replace(" ", "").replace("'", "")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    else:
        digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _targets(lines: Sequence[str]) -> tuple[list[tuple[str, float]], list[str]]:
    found: list[tuple[str, float]] = []
    unreadable: list[str] = []
    for raw in lines:
        line = _MARKER.sub("", raw).strip().strip("|").strip()
        if not line or set(line) <= set("-|: ") or _key(line) == _key(TARGETS_PROMPT):
            continue
        match = _TARGET.match(line)
        number = _number(match.group("number")) if match else None
        if match is None or number is None:
            unreadable.append(line)
            continue
        found.append((match.group("label").strip().strip("|").strip(), number))
    return found, unreadable


def parse_reply(text: str, areas: Sequence[tuple[str, str]]) -> Reply:
    """Find each area's answer, and the targets, in a reply pasted as it came.

    An area starts at a line that names it: a Markdown heading ("## Key accounts"),
    an underlined line, or the name alone on a line (with or without a colon). It
    runs to the next such line. What the rep wrote under it is returned exactly,
    less the blank lines around it and the framework's own question, if they kept it.
    Headings that name no area ("### Acme") are the rep's own and stay in the answer;
    text before the first area (the title, the introduction) is not an answer.
    """
    names = {_key(area): n for n, (area, _prompt) in enumerate(areas)}
    targets_key = _key(TARGETS_HEADING)
    prompts = {n: _key(prompt) for n, (_area, prompt) in enumerate(areas) if prompt}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    sections: dict[int | str, list[str]] = {}
    current: int | str | None = None
    skip_underline = False
    for index, line in enumerate(lines):
        if skip_underline:
            skip_underline = False
            continue
        atx = _ATX.match(line)
        key = _key(atx.group(1) if atx else line)
        if key and (key in names or key == targets_key):
            current = names.get(key, "targets")
            sections.setdefault(current, [])
            following = lines[index + 1] if index + 1 < len(lines) else ""
            skip_underline = not atx and bool(_UNDERLINE.match(following))
            continue
        if current is not None:
            sections[current].append(line)

    answers: dict[int, str] = {}
    for where, body in sections.items():
        if isinstance(where, int):
            prompt = prompts.get(where)
            kept = [line for line in body if prompt is None or _key(line) != prompt]
            answers[where] = "\n".join(kept).strip("\n")
    found, unreadable = _targets(sections.get("targets", []))
    return Reply(answers=answers, targets=found, unreadable_targets=unreadable)
