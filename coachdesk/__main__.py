"""The one entry point for the GUI and the command line: ``coachdesk`` / ``python -m coachdesk``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run coachdesk with ``argv`` (default: the process arguments); return the exit code."""
    # Private before anything is written: the journal, its -wal/-shm, backups, logs.
    from coachdesk.paths import make_private

    make_private()
    from coachdesk.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
