"""Is note text readable on disk? The one check the tests and `.ci/run` share.

A check that looks for text in files passes vacuously when it looks for nothing: an empty
needle is in every file, and one cut at a line break can never match how a note's lines
are stored. So a needle here is one line of real note text, long enough to be unmistakable,
and a check refuses any other. `.ci/run` runs this file as a script:

    python tests/plaintext.py needle EXPORT.json   # print a needle from an export
    python tests/plaintext.py found DIR NEEDLE     # 0 when some file under DIR holds it
    python tests/plaintext.py absent DIR NEEDLE    # 0 when no file under DIR holds it

Exit codes: 0 as asked, 1 not as asked, 2 an unusable needle or export. Standard library
only, so it runs before anything else is installed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

MIN_NEEDLE = 20  # characters: short enough to fit on a line, long enough to be unique
MAX_NEEDLE = 40
# How a line of Markdown notes may begin; stripped so the needle is the words themselves.
_MARKUP = "#*-> \t"


class BadNeedle(ValueError):
    """The needle cannot prove anything: empty, too short, or spanning lines."""


def checked(needle: str) -> str:
    """Return ``needle`` if a search for it means something; raise :class:`BadNeedle`."""
    if "\n" in needle or "\r" in needle:
        raise BadNeedle(f"the needle spans lines: {needle!r}")
    if len(needle.strip()) < MIN_NEEDLE:
        raise BadNeedle(f"the needle is shorter than {MIN_NEEDLE} characters: {needle!r}")
    return needle


def note_needle(notes: Iterable[str]) -> str:
    """One line of note text to look for: the longest line of any note, cut to 40 characters.

    Ties go to the line that comes first, so the same notes always give the same needle.
    """
    best = ""
    for note in notes:
        for line in note.splitlines():
            words = line.strip().strip(_MARKUP).strip()
            if len(words) > len(best):
                best = words
    return checked(best[:MAX_NEEDLE].strip())


def export_needle(export: dict[str, object]) -> str:
    """The needle for a JSON export's meeting notes (see :func:`note_needle`)."""
    tables = export["tables"]
    assert isinstance(tables, dict)
    return note_needle(str(row["notes"] or "") for row in tables["meetings"])


def files_holding(folder: Path, needle: str) -> list[Path]:
    """Every file under ``folder`` whose bytes hold ``needle`` in UTF-8 or UTF-16."""
    text = checked(needle)
    patterns = [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        data = path.read_bytes()
        if any(pattern in data for pattern in patterns):
            found.append(path)
    return found


def main(argv: list[str]) -> int:
    """Run one check as `.ci/run` asks; see the module docstring."""
    try:
        if len(argv) == 2 and argv[0] == "needle":
            export = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
            print(export_needle(export))
            return 0
        if len(argv) == 3 and argv[0] in ("found", "absent"):
            holding = files_holding(Path(argv[1]), argv[2])
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except BadNeedle as bad:
        print(f"plaintext: {bad}", file=sys.stderr)
        return 2
    if argv[0] == "found":
        if not holding:
            print(f"plaintext: no file under {argv[1]} holds {argv[2]!r}", file=sys.stderr)
        return 0 if holding else 1
    for path in holding:
        print(f"plaintext: {path} holds {argv[2]!r}", file=sys.stderr)
    return 1 if holding else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
