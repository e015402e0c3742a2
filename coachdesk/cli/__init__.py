"""Command-line parsing and the commands that run without a window.

Exit codes: 0 done; 1 a problem, explained on stderr in one line; 2 bad usage.
Global options such as ``--data-dir`` work before or after the command name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk import paths as paths_module
from coachdesk.paths import Paths
from coachdesk.store.errors import InvalidInput, KnownProblem

if TYPE_CHECKING:
    from coachdesk.imports.numbers import NumbersPlan

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # On sub-commands the default is SUPPRESS, so an option given before the command
    # name is not overwritten by the sub-parser's default.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        default=default,
        help="the folder that holds the journal (default: the platform's user data folder; "
        "or set COACHDESK_DATA_DIR)",
    )
    from coachdesk.cli.protection import add_options

    add_options(parser, default=default)


def _top_parser(*, exit_on_error: bool = True) -> argparse.ArgumentParser:
    """The options that open the app (``--data-dir``, ``--demo``…), without the commands."""
    from coachdesk import version

    parser = argparse.ArgumentParser(
        prog="coachdesk",
        description="A sales manager's private coaching journal. Without a command, the app opens.",
        exit_on_error=exit_on_error,
    )
    _global_options(parser, top=True)
    parser.add_argument("--version", action="version", version=f"coachdesk {version()}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a generated sample team in a temporary folder",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the journal, show the main window, print the milliseconds to the first "
        "paint and exit",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = _top_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_options(p, top=False)
        return p

    command("check", "check the journal in full: integrity, schema and counts")

    p = command("backup", "copy the journal now (into the backups folder, or to DEST)")
    p.add_argument("dest", nargs="?", metavar="DEST", help="a file or folder to copy to")

    p = command("restore", "put a backup in place of the journal (the current one is kept)")
    p.add_argument("backup", metavar="BACKUP", help="the backup file to restore")
    p.add_argument(
        "--unprotected",
        action="store_true",
        help="allow a backup without a passphrase to replace a protected journal "
        "(this turns protection off)",
    )

    p = command("export", "export everything, or everything held on one person")
    p.add_argument("--format", choices=["json"], default="json", help="the file format")
    p.add_argument("out", metavar="OUT", help="the file to write")
    p.add_argument("--rep", metavar="NAME", help="only what is held on this rep (name or email)")
    p.add_argument(
        "--include-private",
        action="store_true",
        help="include private notes and the manager's own reads (left out by default)",
    )

    p = command("import-json", "import a JSON export into a journal that has no reps yet")
    p.add_argument("infile", metavar="IN", help="the JSON export to read")

    p = command("import-roster", "add reps from a CSV file or workbook (a CRM or HR export)")
    p.add_argument("file", metavar="FILE", help="the file to read: .csv, .xlsx, .xls or .ods")

    p = command(
        "import-numbers",
        "import weekly numbers: a table of weekly numbers, or a CRM's opportunities or "
        "activities report (CSV or workbook)",
    )
    p.add_argument("file", metavar="FILE", help="the file to read: .csv, .xlsx, .xls or .ods")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would be imported (weeks × reps × metrics) and write nothing",
    )
    p.add_argument(
        "--skip-unmatched",
        action="store_true",
        help="leave out the rows of a report's owners who are not on the roster "
        "(without it, the import stops and lists them)",
    )
    p.add_argument(
        "--date-order",
        choices=["dmy", "mdy"],
        help="for a report whose dates could all be read either way: day first (dmy, "
        "31/03/2026) or month first (mdy, 03/31/2026)",
    )
    p.add_argument(
        "--mapping",
        metavar="FILE",
        help="which column of the report is which, for a CRM whose headings are not "
        "recognised: a JSON or INI file of lines such as 'owner = Sales person'",
    )

    p = command(
        "import-calendar",
        "schedule each rep's 1:1s from a calendar export (.ics from Outlook, Google, Apple)",
    )
    p.add_argument("file", metavar="FILE.ics", help="the calendar file to read")
    p.add_argument(
        "--dry-run", action="store_true", help="say what would change, and change nothing"
    )
    p.add_argument(
        "--with-name-matches",
        action="store_true",
        help="also bring in events with no guests whose title names one rep",
    )
    p.add_argument(
        "--me",
        action="append",
        default=[],
        metavar="EMAIL",
        help="your own address in the calendar (default: found in the file)",
    )

    p = command("prep", "write 1:1 prep sheets as a PDF (one rep, or the week's pack)")
    p.add_argument("rep", nargs="?", metavar="REP NAME", help="the rep (name or email)")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf", help="the PDF to write")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day of the 1:1 (default: the rep's next scheduled 1:1, else today); "
        "with --team, a day of the week",
    )
    p.add_argument(
        "--include-private",
        action="store_true",
        help="a copy for you only: adds private notes and says PRIVATE in the header",
    )
    p.add_argument("--team", action="store_true", help="the week's pack instead of one rep")
    p.add_argument("--all", action="store_true", help="with --team: every active rep")
    p.add_argument("--team-name", metavar="T", help="with --team: only this team")
    p.add_argument("--paper", choices=["a4", "letter"], help="paper size (default: from locale)")

    p = command("make-sample", "fill a journal that has no reps with a generated sample team")
    p.add_argument("--reps", type=_positive, default=12, metavar="N", help="how many reps")
    p.add_argument("--weeks", type=_positive, default=26, metavar="W", help="weeks of 1:1s")
    p.add_argument("--seed", type=int, default=7, metavar="S", help="the random seed")
    p.add_argument(
        "--today",
        type=_iso_day,
        metavar="YYYY-MM-DD",
        help="make the sample as if today were this day, so the same seed gives the same "
        "journal on any real date (default: the real today)",
    )

    from coachdesk.cli.protection import register

    COMMANDS.update(register(command))
    return parser


def _iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    """The options, when ``argv`` only opens the app; ``None`` for anything else.

    Opening the app is what people do most, and the parser of every command takes
    some 15 ms to build: that time goes to the first paint instead. A command, a
    request for help or a mistake is left to the whole parser, which says it right.
    """
    if "-h" in argv or "--help" in argv:
        return None
    try:
        args, rest = _top_parser(exit_on_error=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def run(argv: list[str]) -> int:
    """Parse ``argv`` and run the command (the GUI when there is none)."""
    try:
        args = _window_args(argv)
        if args is None:
            parser = build_parser()
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    paths = paths_module.resolve(args.data_dir)
    if args.command is None:
        from coachdesk.ui.window.app import run_gui

        passphrase: str | None = None
        if args.passphrase_file:
            from coachdesk.cli.protection import read_passphrase_file

            try:
                passphrase = read_passphrase_file(args.passphrase_file)
            except KnownProblem as problem:
                _say_problem(problem)
                return EXIT_PROBLEM
        return run_gui(
            paths, argv, demo=args.demo, smoke_test=args.smoke_test, passphrase=passphrase
        )
    if args.demo or args.smoke_test:
        parser.print_usage(sys.stderr)
        print("coachdesk: --demo and --smoke-test open the app; give no command", file=sys.stderr)
        return EXIT_USAGE
    handler = COMMANDS[args.command]
    try:
        handler(paths, args)
    except KnownProblem as problem:
        _say_problem(problem)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("coachdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return EXIT_PROBLEM
    except Exception:
        from coachdesk.store.crashlog import log_exception

        exc_type, exc, tb = sys.exc_info()
        assert exc_type is not None and exc is not None
        where = log_exception(paths, exc_type, exc, tb)
        detail = f" Details are in {where}." if where else ""
        print(
            "coachdesk: sorry, something went wrong inside coachdesk; "
            f"your journal is safe.{detail}",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    return EXIT_OK


def _sheet_progress() -> Callable[[int, int], bool] | None:
    """On a terminal, "Sheet N of M" kept up to date on one line; nothing when piped."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> bool:
        end = "\n" if done == total else ""
        print(f"\rSheet {done} of {total}", end=end, file=sys.stderr, flush=True)
        return True

    return show


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _say_problem(problem: KnownProblem) -> None:
    # The whole message on one line (SQLite's findings can span several), in the words
    # meant for a command rather than for the window.
    text = " ".join(problem.for_command().split())
    print(f"coachdesk: {text}", file=sys.stderr)
    extra = getattr(problem, "lines", None)
    for line in extra or []:
        print(f"  {line}", file=sys.stderr)


# ----------------------------------------------------------------- the commands


def _open_for_reading(paths: Paths, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open as the writer when free (so an update can run), else read alongside it.

    A protected journal asks for its passphrase (``--passphrase-file`` or the terminal).
    """
    from coachdesk.cli.protection import open_journal
    from coachdesk.store.errors import JournalLocked

    try:
        return open_journal(paths, args)
    except JournalLocked:
        return open_journal(paths, args, readonly=True)


def cmd_check(paths: Paths, args: argparse.Namespace) -> None:
    """Full integrity check, schema and counts."""
    if not paths.journal.exists():
        raise KnownProblem(f"There is no journal at {paths.journal} yet.")
    journal = _open_for_reading(paths, args)
    try:
        report = journal.check()
    finally:
        journal.close()
    print(f"Journal: {paths.journal}")
    print(f"SQLite {report.sqlite_version}; schema: {', '.join(report.applied) or 'none'}")
    print(f"Protected with a passphrase: {'yes' if journal.protected else 'no'}")
    for table, count in report.counts.items():
        print(f"  {table:<20} {count:>8}")
    if not report.ok:
        for problem in report.problems[:20]:
            print(f"  problem: {problem}", file=sys.stderr)
        raise KnownProblem(
            "The journal failed its integrity check.",
            "Restore the newest backup (coachdesk restore BACKUP); the damaged file is kept.",
        )
    print("Integrity: ok")


def cmd_backup(paths: Paths, args: argparse.Namespace) -> None:
    """Copy the journal now."""
    dest = Path(args.dest).expanduser() if args.dest else None
    journal = _open_for_reading(paths, args)
    try:
        if dest is not None and dest.is_dir():
            stamp = journal.clock.now().strftime("%Y%m%d-%H%M%S")
            dest = dest / f"coachdesk-backup-{stamp}.coachdesk"
        if dest is not None and dest.exists():
            raise KnownProblem(f"{dest} already exists.", "Choose a new file name.")
        written = journal.backup("manual", dest)
    finally:
        journal.close()
    print(f"Backed up to {written}")


def cmd_restore(paths: Paths, args: argparse.Namespace) -> None:
    """Put a backup in place; the current journal is moved aside."""
    from coachdesk.cli.protection import read_passphrase_file, with_passphrase
    from coachdesk.store.cipher import looks_protected
    from coachdesk.store.layout import journal_path
    from coachdesk.store.restore import restore

    backup = Path(args.backup).expanduser()
    was_protected = looks_protected(journal_path(paths))
    # A given passphrase also lets the current (protected) journal be backed up first.
    given = read_passphrase_file(args.passphrase_file) if args.passphrase_file else None
    moved = with_passphrase(
        args,
        lambda passphrase: restore(
            paths,
            backup,
            passphrase=passphrase or given,
            allow_unprotected=args.unprotected,
        ),
    )
    print(f"Restored {args.backup}.")
    if moved is not None:
        print(f"The journal it replaced was kept as {moved}")
    if was_protected and not looks_protected(journal_path(paths)):
        print(
            "The journal is no longer protected with a passphrase; "
            "protect it again with `coachdesk protect`."
        )


def cmd_export(paths: Paths, args: argparse.Namespace) -> None:
    """Export as JSON."""
    from coachdesk.store import transfer
    from coachdesk.store.reps import find_reps

    journal = _open_for_reading(paths, args)
    try:
        rep_id = None
        if args.rep:
            found = find_reps(journal, args.rep)
            if not found:
                raise KnownProblem(f"There is no rep called {args.rep!r}.", "Check the spelling.")
            if len(found) > 1:
                raise KnownProblem(
                    f"{len(found)} reps are called {args.rep!r}.", "Use their email instead."
                )
            rep_id = found[0].id
        data = transfer.export_data(journal, include_private=args.include_private, rep_id=rep_id)
    finally:
        journal.close()
    out = Path(args.out).expanduser()
    transfer.write_export(data, out)
    what = "with" if args.include_private else "without"
    print(f"Exported to {out} ({what} private notes). The file is not encrypted.")


def cmd_import_json(paths: Paths, args: argparse.Namespace) -> None:
    """Import a JSON export into an empty journal."""
    from coachdesk.cli.protection import open_journal
    from coachdesk.store import transfer

    data = transfer.read_export(Path(args.infile).expanduser())
    with open_journal(paths, args) as journal:
        counts = transfer.import_data(journal, data)
    total = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    print(f"Imported {total or 'nothing'}.")


def cmd_import_roster(paths: Paths, args: argparse.Namespace) -> None:
    """Add reps from a CSV file or workbook, all or nothing."""
    from coachdesk.cli.protection import open_journal
    from coachdesk.imports import load_roster

    with open_journal(paths, args) as journal:
        result = load_roster(journal, Path(args.file).expanduser())
    print(
        f"Imported {_plural(result.reps_added, 'rep')} "
        f"({_plural(result.teams_created, 'new team')})."
    )


def cmd_import_numbers(paths: Paths, args: argparse.Namespace) -> None:
    """Import weekly numbers from a table or a CRM report, all or nothing; a week again
    replaces it. With --dry-run, show what would be imported instead."""
    from coachdesk.cli.protection import open_journal
    from coachdesk.imports import numbers
    from coachdesk.imports.report_values import DateOrder
    from coachdesk.imports.reports import DateOrderNeeded, read_mapping_file

    options = numbers.ImportOptions(
        mapping=read_mapping_file(Path(args.mapping).expanduser()) if args.mapping else None,
        date_order=DateOrder(args.date_order) if args.date_order else None,
    )
    with open_journal(paths, args) as journal:
        try:
            plan = numbers.plan_numbers(journal, Path(args.file).expanduser(), options)
        except DateOrderNeeded as problem:
            problem.command_advice = (
                "Say which with --date-order dmy (31/03/2026) or --date-order mdy (03/31/2026)."
            )
            raise
        if plan.unmatched and not args.skip_unmatched:
            numbers.refuse_unmatched(plan)
        if args.dry_run:
            _print_plan(plan)
            print("Nothing was written (--dry-run).")
            return
        result = numbers.save_numbers(journal, plan)
    for owner in plan.unmatched:
        print(f"Left out: {numbers.unmatched_line(owner)}")
    if result.kind == numbers.WEEKLY:
        weeks = result.weeks[0] if len(result.weeks) == 1 else f"{len(result.weeks)} weeks"
        print(
            f"Imported {_plural(result.values, 'value')}, {result.replaced} replaced "
            f"({_plural(result.reps, 'rep')}, {weeks})."
        )
        return
    span = (
        result.weeks[0]
        if len(result.weeks) == 1
        else f"{result.weeks[0]} to {result.weeks[-1]}"
        if result.weeks
        else "no weeks"
    )
    if result.unchanged == result.values:
        print(
            f"Nothing changed: the journal already has these {_plural(result.values, 'value')} "
            f"({_plural(result.reps, 'rep')}, {span})."
        )
        return
    added = result.values - result.unchanged - result.replaced
    print(
        f"Imported {_plural(result.values, 'value')} from the {result.kind} report "
        f"({_plural(result.reps, 'rep')}, {span}): {added} new, {result.replaced} replaced, "
        f"{result.unchanged} unchanged."
    )


def _print_plan(plan: NumbersPlan) -> None:
    """Print an import's summary and its table of weeks × reps × metrics."""
    from coachdesk.imports.numbers import plan_summary, preview_text, unmatched_line

    for line in plan_summary(plan):
        print(line)
    for owner in plan.unmatched:
        print(f"Left out: {unmatched_line(owner)}")
    print()
    print(preview_text(plan))
    print()


def cmd_import_calendar(paths: Paths, args: argparse.Namespace) -> None:
    """Schedule 1:1s from a calendar export; with --dry-run, only say what would change."""
    from coachdesk.cli.protection import open_journal
    from coachdesk.dates import today
    from coachdesk.imports import calendar_import
    from coachdesk.imports.calendar import describe

    with open_journal(paths, args, readonly=args.dry_run) as journal:
        day = today(journal.clock)
        first = calendar_import.prepare(
            journal, Path(args.file).expanduser(), today=day, me=args.me
        )
        include = None
        if args.with_name_matches:
            include = {m.key for m in first.plan.meetings}
            first = calendar_import.prepare(
                journal, Path(args.file).expanduser(), today=day, include=include, me=args.me
            )
        for line in describe(first.plan):
            print(line)
        if args.dry_run:
            print("Would change: " + calendar_import.summary(first.changes) + " (nothing written).")
            return
        calendar_import.apply(journal, first)
    print("Changed: " + calendar_import.summary(first.changes) + ".")


def cmd_make_sample(paths: Paths, args: argparse.Namespace) -> None:
    """Fill an empty journal with the sample team."""
    from coachdesk.cli.protection import open_journal
    from coachdesk.dates import FixedClock
    from coachdesk.sample.team import SAMPLE_HOUR, make_sample

    # A fixed day fixes every stamp too (created, updated, backups), not only the story.
    clock = FixedClock(dt.datetime.combine(args.today, SAMPLE_HOUR)) if args.today else None
    with open_journal(paths, args, clock=clock) as journal:
        counts = make_sample(journal, reps=args.reps, weeks=args.weeks, seed=args.seed)
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    print(f"Sample team written to {paths.journal}: {summary}.")


def cmd_prep(paths: Paths, args: argparse.Namespace) -> None:
    """Write prep sheets as a PDF."""
    import datetime as dt
    import os

    if bool(args.rep) == bool(args.team):
        raise KnownProblem(
            "Name one rep, or use --team for the week's pack.", "See `coachdesk prep --help`."
        )
    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise InvalidInput(f"{args.date!r} is not a date.", "Write it as YYYY-MM-DD.") from None
    # Printing needs Qt's text layout but no window: the offscreen platform does that
    # everywhere, with or without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QPageSize

    from coachdesk.assembled.prep import reps_due_this_week
    from coachdesk.dates import today
    from coachdesk.render.prep_sheet import write_pdf
    from coachdesk.store import reps, teams

    _app = QGuiApplication.instance() or QGuiApplication(["coachdesk"])
    journal = _open_for_reading(paths, args)
    try:
        day = day or today(journal.clock)
        if args.rep:
            found = reps.find_reps(journal, args.rep)
            if not found:
                raise KnownProblem(f"There is no rep called {args.rep!r}.", "Check the spelling.")
            if len(found) > 1:
                raise KnownProblem(
                    f"{len(found)} reps are called {args.rep!r}.", "Use their email."
                )
            rep_ids = [found[0].id]
            title = None
        else:
            active = reps.list_reps(journal, include_archived=False)
            if args.team_name:
                team = teams.find_team(journal, args.team_name)
                if team is None:
                    raise KnownProblem(f"There is no team called {args.team_name!r}.")
                rep_ids = [r.id for r in active if r.team_id == team.id]
            elif args.all:
                rep_ids = [r.id for r in active]
            else:
                rep_ids = reps_due_this_week(journal, day)
            title = "1:1 prep" + (f" — {args.team_name}" if args.team_name else "")
        paper = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}.get(
            args.paper or ""
        )
        out = Path(args.pdf).expanduser()
        pages = write_pdf(
            journal,
            rep_ids,
            day,
            out,
            include_private=args.include_private,
            paper=paper,
            pack_title=title,
            # A sheet is for a 1:1: the rep's next scheduled one, unless --date says
            # which; in the week's pack, --date only chooses the week.
            follow_schedule=not args.rep or args.date is None,
            progress=_sheet_progress() if len(rep_ids) > 1 else None,
        )
    finally:
        journal.close()
    assert pages is not None  # only a progress that says stop returns None
    private = " (PRIVATE copy)" if args.include_private else ""
    print(f"Wrote {out}: {_plural(len(rep_ids), 'sheet')}, {_plural(pages, 'page')}{private}.")


COMMANDS: dict[str, Callable[[Paths, argparse.Namespace], None]] = {
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "import-json": cmd_import_json,
    "import-roster": cmd_import_roster,
    "import-numbers": cmd_import_numbers,
    "import-calendar": cmd_import_calendar,
    "make-sample": cmd_make_sample,
    "prep": cmd_prep,
}
