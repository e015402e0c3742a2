"""Time building a large generated journal: ``python benchmarks/sample_build.py``.

Generates a sample team (150 reps over two years by default) and writes it into a new
journal in a temporary folder, then prints how long each half took and how big the
journal is. The folder is deleted afterwards. "Today" is fixed (``--today``) so that
every run builds the same rows and timings stay comparable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from coachdesk.dates import FixedClock
from coachdesk.paths import resolve
from coachdesk.sample.team import generate
from coachdesk.store.bulk import insert_sample
from coachdesk.store.db import Journal


def main(argv: list[str] | None = None) -> None:
    """Build the journal and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=150)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="coachdesk-bench-") as folder:
        paths = resolve(Path(folder))
        clock = FixedClock(dt.datetime.combine(args.today, dt.time(9, 0)))
        started = time.perf_counter()
        journal = Journal.open(paths, clock=clock)
        try:
            opened = time.perf_counter()
            team = generate(reps=args.reps, weeks=args.weeks, seed=args.seed, today=args.today)
            generated = time.perf_counter()
            counts = insert_sample(journal, team)
            inserted = time.perf_counter()
            journal.checkpoint()
        finally:
            journal.close()
        size = paths.journal.stat().st_size
    print(f"reps={args.reps} weeks={args.weeks} seed={args.seed}")
    print("rows: " + ", ".join(f"{name}={n}" for name, n in counts.items()))
    print(f"open journal: {opened - started:.2f} s")
    print(f"generate:     {generated - opened:.2f} s")
    print(f"insert:       {inserted - generated:.2f} s")
    print(f"total:        {inserted - started:.2f} s")
    print(f"journal size: {size / 1_048_576:.1f} MiB")


if __name__ == "__main__":
    main()
