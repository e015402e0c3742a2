"""Turning a CRM export of weekly numbers into values for the journal, all or nothing.

Three shapes are recognised: a table of weekly numbers (below), and a CRM's own
opportunities or activities report, added up by week in :mod:`coachdesk.imports.reports`.
An import is planned first (:func:`plan_numbers`: read, checked, added up, nothing
written), shown, then saved (:func:`save_numbers`, one transaction).

A weekly table has one row per rep and week: the rep by name or email, the week as
``2026-W47`` or as any date in it, and one column per metric, named by the metric's key or label
("bookings", "Deals closed"…, ignoring case, spaces, underscores and hyphens). Other
columns are ignored. Every row is checked before anything is written, and every
problem is reported at once as "line N: …", a line the user can find in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from coachdesk.coaching.amounts import NotANumber, format_count, parse_amount
from coachdesk.dates import IsoWeek
from coachdesk.imports import reports
from coachdesk.imports.csvfile import IMPORT_STAGES, CsvTable
from coachdesk.imports.report_values import DateOrder
from coachdesk.imports.reports import ColumnMapping, ColumnsNeeded, OwnerSkipped, RowsIgnored
from coachdesk.imports.roster import parse_start_date
from coachdesk.imports.workbook import read_table_file
from coachdesk.store import numbers as store
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem, InvalidInput
from coachdesk.store.numbers import ValueChange
from coachdesk.store.progress import Progress, Tracker
from coachdesk.store.records import Metric, MetricUnit, Rep
from coachdesk.store.reps import list_reps
from coachdesk.store.roster import name_key
from coachdesk.store.settings import get_setting, set_setting

# The headings that name the rep and the week, best first.
REP_COLUMNS = (
    "Rep",
    "Rep Name",
    "Name",
    "Full Name",
    "Sales Rep",
    "Owner",
    "Owner Name",
    "Opportunity Owner",
    "Account Executive",
    "Employee Name",
)
EMAIL_COLUMNS = ("Email", "E-mail", "Email Address", "Work Email", "Rep Email", "Owner Email")
WEEK_COLUMNS = (
    "Week",
    "ISO Week",
    "Week Of",
    "Week Starting",
    "Week Start",
    "Week Beginning",
    "Week Ending",
    "Date",
)

_ISO_WEEK = re.compile(r"(?P<year>\d{4})-?W(?P<week>\d{1,2})(?:-?[1-7])?", re.IGNORECASE)
_MAX_LISTED = 30
WEEKLY = "weekly"


@dataclass(frozen=True)
class NumbersImportResult:
    """What an import wrote: values (and how many replaced one), reps and weeks.

    For a report, ``values`` counts the values it sets, ``replaced`` those that changed
    a different value, and ``unchanged`` those the journal already had (not written).
    """

    values: int
    replaced: int
    reps: int
    weeks: list[str]
    unchanged: int = 0
    kind: str = WEEKLY


@dataclass(frozen=True)
class ImportOptions:
    """What the user said about a report: its columns, and the order of its dates."""

    mapping: ColumnMapping | None = None
    date_order: DateOrder | None = None


@dataclass(frozen=True)
class NumbersPlan:
    """What an import would write, read and checked, before anything is written.

    ``kind`` is "weekly" (a table of one row per rep and week), "opportunities" or
    "activities" (a CRM report added up by week). ``changes`` are the values it sets,
    owners not on the roster left out (``unmatched`` lists them).
    """

    kind: str
    changes: list[ValueChange]
    metrics: list[Metric]
    rep_names: dict[int, str]
    rows: int
    unmatched: list[OwnerSkipped] = field(default_factory=list)
    ignored: list[RowsIgnored] = field(default_factory=list)
    currency: str = ""
    mapping: ColumnMapping | None = None

    @property
    def weeks(self) -> list[str]:
        """The weeks the import sets values in, in order."""
        return sorted({change.week for change in self.changes})

    @property
    def reps(self) -> int:
        """How many reps the import sets values for."""
        return len({change.rep_id for change in self.changes})


def load_numbers(
    journal: Journal,
    path: Path | bytes,
    options: ImportOptions | None = None,
    *,
    skip_unmatched: bool = False,
    progress: Progress | None = None,
) -> NumbersImportResult:
    """Import the weekly numbers in the file at ``path`` (CSV or workbook), all or nothing.

    The file is a weekly table or a CRM report (see :func:`plan_numbers`). A report's
    owners who are not on the roster stop the import unless ``skip_unmatched``. Raises
    :class:`ImportProblem`, with nothing written, when the file cannot be read, is
    not recognised, or has any row that is wrong. ``progress`` hears how far it is, row
    by row, and may stop it at any point (:class:`~coachdesk.store.progress.Cancelled`:
    nothing written).
    """
    tracker = Tracker(progress, IMPORT_STAGES)
    tracker.stage("read")
    tracker.tell(now=True)
    plan = plan_numbers(journal, path, options, progress=tracker.relay("check"))
    if plan.unmatched and not skip_unmatched:
        refuse_unmatched(plan)
    result = save_numbers(journal, plan, progress=tracker.relay("write"))
    tracker.finish()
    return result


def plan_numbers(
    journal: Journal,
    source: Path | bytes | CsvTable,
    options: ImportOptions | None = None,
    *,
    progress: Progress | None = None,
) -> NumbersPlan:
    """Read an import file and work out what it would write; nothing is written.

    A weekly table is recognised first; otherwise the columns are matched as an
    opportunities or activities report, through ``options.mapping``, else the mapping
    remembered for the same columns, else the usual CRM headings. Raises
    :class:`~coachdesk.imports.reports.ColumnsNeeded` when no mapping fits,
    :class:`~coachdesk.imports.reports.DateOrderNeeded` when the dates could be read
    two ways, and :class:`ImportProblem` for everything else that is wrong.
    """
    options = options or ImportOptions()
    table = source if isinstance(source, CsvTable) else read_table_file(source)
    today = journal.clock.now().date()
    metrics = store.list_metrics(journal)
    reps = list_reps(journal, include_archived=True)
    mapping = options.mapping
    if mapping is None and _weekly_table(table.headers, metrics):
        changes = parse_numbers(table, metrics, reps, today, progress=progress)
        used = {change.metric_key for change in changes}
        return NumbersPlan(
            kind=WEEKLY,
            changes=changes,
            metrics=[m for m in metrics if m.key in used],
            rep_names={rep.id: rep.name for rep in reps},
            rows=len(table.rows),
        )
    if mapping is None:
        mapping = remembered_mapping(journal, table.headers)
    found = reports.recognise(table.headers, mapping)
    if found is None:
        raise _not_recognised(table.headers, metrics, mapping)
    kind, columns = found
    won = mapping.won_stages if mapping is not None else None
    rep_ids = [rep.id for rep in reps]
    figures = reports.read_report(
        table,
        kind,
        columns,
        metrics,
        reps,
        today,
        date_order=options.date_order,
        won_stages=won,
        counted=lambda quarters: _counted(journal, metrics, rep_ids, quarters),
    )
    if not figures.changes:
        raise ImportProblem(
            f"Nothing was imported: the {kind.value} report sets no value for any rep.",
            "Check that it is the report you meant, that its owners are on the roster and, "
            "for activities, that some rep counts them (a plan's target, or on for everyone "
            "in Metrics…).",
            [unmatched_line(owner) for owner in figures.unmatched]
            + [f"{i.what} ({_rows(i.rows)}): {i.why}" for i in figures.ignored],
        )
    return NumbersPlan(
        kind=kind.value,
        changes=figures.changes,
        metrics=figures.metrics,
        rep_names={rep.id: rep.name for rep in reps},
        rows=figures.rows,
        unmatched=figures.unmatched,
        ignored=figures.ignored,
        currency=figures.currency,
        mapping=ColumnMapping(kind, figures.columns, won),
    )


def save_numbers(
    journal: Journal, plan: NumbersPlan, *, progress: Progress | None = None
) -> NumbersImportResult:
    """Write what ``plan`` sets, in one transaction, and say what was done.

    A weekly table writes every value it has, as typed. A report writes only the values
    that differ from the journal's, so the same report twice changes nothing.
    """
    if plan.kind == WEEKLY:
        saved = store.set_values(journal, plan.changes, progress=progress)
        return NumbersImportResult(
            values=saved.written, replaced=saved.replaced, reps=plan.reps, weeks=plan.weeks
        )
    weeks = plan.weeks
    stored: dict[tuple[int, str, str], float] = {}
    if weeks:
        stored = {
            (n.rep_id, n.week, n.metric_key): n.value
            for n in store.values_between(
                journal, weeks[0], weeks[-1], {c.rep_id for c in plan.changes}
            )
        }
    changed = [c for c in plan.changes if stored.get((c.rep_id, c.week, c.metric_key)) != c.value]
    replaced = sum(1 for c in changed if (c.rep_id, c.week, c.metric_key) in stored)
    store.set_values(journal, changed, progress=progress)
    return NumbersImportResult(
        values=len(plan.changes),
        replaced=replaced,
        reps=plan.reps,
        weeks=weeks,
        unchanged=len(plan.changes) - len(changed),
        kind=plan.kind,
    )


def refuse_unmatched(plan: NumbersPlan) -> None:
    """Stop an import whose report has owners who are not reps, and name them."""
    rows = sum(owner.rows for owner in plan.unmatched)
    raise ImportProblem(
        f"Nothing was imported: {len(plan.unmatched)} "
        f"{'owner' if len(plan.unmatched) == 1 else 'owners'} in the report "
        f"{'is' if len(plan.unmatched) == 1 else 'are'} not on the roster "
        f"({rows} {'row' if rows == 1 else 'rows'}).",
        "Add them to the roster, or import without their rows (--skip-unmatched), for "
        "someone who left or belongs to another team.",
        [unmatched_line(owner) for owner in plan.unmatched],
    )


def unmatched_line(owner: OwnerSkipped) -> str:
    """One owner left out, as listed: "line 7: Lee Park (12 rows): not on the roster"."""
    return f"line {owner.first_line}: {owner.owner} ({_rows(owner.rows)}): {owner.why}"


def _rows(count: int) -> str:
    return f"{count} {'row' if count == 1 else 'rows'}"


def _weekly_table(headers: list[str], metrics: list[Metric]) -> bool:
    has_rep = _find(headers, REP_COLUMNS) or _find(headers, EMAIL_COLUMNS)
    return bool(has_rep and _find(headers, WEEK_COLUMNS) and _metric_columns(headers, metrics))


def _counted(
    journal: Journal, metrics: list[Metric], rep_ids: list[int], quarters: set[str]
) -> set[str]:
    """The metrics counted for some rep in one of ``quarters``: on for everyone, or
    given a target (by a plan or on the Numbers page)."""
    keys = {metric.key for metric in metrics if metric.active}
    for quarter in quarters:
        for targets in store.target_details(journal, rep_ids, quarter).values():
            keys.update(targets)
    return keys


def _not_recognised(
    headers: list[str], metrics: list[Metric], mapping: ColumnMapping | None
) -> ColumnsNeeded:
    found = ", ".join(f'"{h}"' for h in headers) or "none"
    if mapping is not None:
        return ColumnsNeeded(
            "The mapping does not name enough columns to count anything.",
            f"Columns found: {found}. An opportunities report needs the owner, and the stage "
            "and close date or the amount and created date; an activities report needs the "
            "owner, the date and the type.",
            headers,
            mapping.kind,
            dict(mapping.columns),
        )
    missing = []
    if _find(headers, REP_COLUMNS) is None and _find(headers, EMAIL_COLUMNS) is None:
        missing.append('the rep ("Rep", "Name" or "Email")')
    if _find(headers, WEEK_COLUMNS) is None:
        missing.append('the week ("Week" or "Date")')
    if not _metric_columns(headers, metrics):
        missing.append("at least one metric (" + ", ".join(m.label for m in metrics) + ")")
    problem = ColumnsNeeded(
        "The file is not a table of weekly numbers (it has no column for "
        + " and no column for ".join(missing)
        + "), nor a report coachdesk recognises.",
        f"Columns found: {found}. A table of weekly numbers has a column for the rep, the "
        "week (like 2026-W47, or any date in it) and one per metric, named by the metric's "
        "name or key. A CRM report is recognised by Salesforce's and HubSpot's headings; "
        "for another CRM, say which column is which.",
        headers,
    )
    problem.command_advice = (
        problem.advice.removesuffix("say which column is which.")
        + "say which column is which in a mapping file (--mapping FILE: lines such as "
        '"owner = Sales person", "close date = Won on", "stage = Status", '
        '"amount = Value", "won stages = Won").'
    )
    return problem


# ----------------------------------------------------------------- remembered mappings

# Journal setting: the mappings the user chose, by the set of headings they were for. It is
# remembered state, like a window's size, not a preference offered in Settings, so it is
# not declared in the settings schema; it lives in the journal so that the command line
# and another computer read the same report the same way.
REMEMBERED_MAPPINGS = "numbers_report_columns"
_REMEMBERED_AT_MOST = 30


def remembered_mapping(journal: Journal, headers: list[str]) -> ColumnMapping | None:
    """The mapping chosen for a file with the same headings before, if there was one."""
    known = get_setting(journal, REMEMBERED_MAPPINGS, {})
    found = known.get(reports.columns_key(headers)) if isinstance(known, dict) else None
    if found is None:
        return None
    try:
        return ColumnMapping.from_json(found)
    except InvalidInput:
        return None  # written by a later version, say: ask again


def remember_mapping(journal: Journal, headers: list[str], mapping: ColumnMapping) -> None:
    """Keep ``mapping`` for files with these headings (the latest few dozen are kept)."""
    known = get_setting(journal, REMEMBERED_MAPPINGS, {})
    kept = dict(known) if isinstance(known, dict) else {}
    key = reports.columns_key(headers)
    kept.pop(key, None)
    kept[key] = mapping.to_json()
    while len(kept) > _REMEMBERED_AT_MOST:
        kept.pop(next(iter(kept)))
    set_setting(journal, REMEMBERED_MAPPINGS, kept)


# ----------------------------------------------------------------- the preview


@dataclass(frozen=True)
class PreviewRow:
    """One line of the preview: a rep's week, a week's total, or the total of all."""

    week: str  # "" on the total of all weeks
    rep: str  # "" on a total line
    values: tuple[float | None, ...]  # one per metric of the plan; None where nothing is set

    @property
    def total(self) -> bool:
        """Whether the line adds up others."""
        return not self.rep


def preview_rows(plan: NumbersPlan) -> list[PreviewRow]:
    """The plan's values by week, then rep (by name), each week followed by its total,
    and the total of every week at the end."""
    keys = [metric.key for metric in plan.metrics]
    cells: dict[tuple[str, int], dict[str, float]] = {}
    for change in plan.changes:
        if change.value is not None:
            cells.setdefault((change.week, change.rep_id), {})[change.metric_key] = change.value
    by_week: dict[str, list[int]] = {}
    for week, rep_id in cells:
        by_week.setdefault(week, []).append(rep_id)
    rows: list[PreviewRow] = []
    grand: list[float | None] = [None] * len(keys)
    for week in sorted(by_week):
        totals: list[float | None] = [None] * len(keys)
        for rep_id in sorted(by_week[week], key=lambda r: plan.rep_names.get(r, "").casefold()):
            values = cells[(week, rep_id)]
            row = tuple(values.get(key) for key in keys)
            rows.append(PreviewRow(week, plan.rep_names.get(rep_id, str(rep_id)), row))
            for n, value in enumerate(row):
                if value is not None:
                    totals[n] = (totals[n] or 0.0) + value
                    grand[n] = (grand[n] or 0.0) + value
        rows.append(PreviewRow(week, "", tuple(totals)))
    rows.append(PreviewRow("", "", tuple(grand)))
    return rows


def format_value(metric: Metric, value: float | None) -> str:
    """A value as the preview shows it: amounts to the cent, counts whole."""
    if value is None:
        return ""
    if metric.unit is MetricUnit.CURRENCY:
        return f"{value:,.2f}"
    return format_count(round(value, 2))


def preview_text(plan: NumbersPlan) -> str:
    """The preview as plain text, for the command line: a table of weeks × reps × metrics."""
    rows = preview_rows(plan)
    heads = [
        metric.label
        + (f" ({plan.currency})" if plan.currency and metric.unit is MetricUnit.CURRENCY else "")
        for metric in plan.metrics
    ]
    cells = [
        [
            row.week if row.rep else ("" if row.week else "Total"),
            row.rep or ("week total" if row.week else ""),
            *(format_value(m, v) for m, v in zip(plan.metrics, row.values, strict=True)),
        ]
        for row in rows
    ]
    widths = [
        max(len(h), *(len(c[n]) for c in cells)) for n, h in enumerate(["Week", "Rep", *heads])
    ]
    lines = []

    def line(values: list[str]) -> str:
        left = [values[0].ljust(widths[0]), values[1].ljust(widths[1])]
        right = [v.rjust(w) for v, w in zip(values[2:], widths[2:], strict=True)]
        return "  ".join(left + right).rstrip()

    lines.append(line(["Week", "Rep", *heads]))
    previous = ""
    for row, values in zip(rows, cells, strict=True):
        if row.week == previous and row.rep:
            values[0] = ""
        previous = row.week
        lines.append(line(values))
    return "\n".join(lines)


def plan_summary(plan: NumbersPlan) -> list[str]:
    """What the preview says above its table: what was read, what is left out."""
    kind = {
        WEEKLY: "a table of weekly numbers",
        "opportunities": "an opportunities report",
        "activities": "an activities report",
    }[plan.kind]
    weeks = plan.weeks
    span = (
        "no weeks" if not weeks else weeks[0] if len(weeks) == 1 else f"{weeks[0]} to {weeks[-1]}"
    )
    lines = [
        f"{kind[0].upper()}{kind[1:]}: {plan.rows} {'row' if plan.rows == 1 else 'rows'}; "
        f"{len(plan.changes)} values for {plan.reps} {'rep' if plan.reps == 1 else 'reps'}, "
        f"{span}."
    ]
    if plan.kind != WEEKLY:
        lines.append(
            "Inside those weeks a rep of the report with no rows gets zero; other weeks and "
            "reps are left as they are."
        )
    for ignored in plan.ignored:
        lines.append(f"Not counted: {ignored.what} ({_rows(ignored.rows)}): {ignored.why}.")
    return lines


def parse_week(text: str, today: dt.date | None = None) -> IsoWeek:
    """Return the ISO week in ``text``: ``2026-W47`` or any date of that week.

    Dates are read as in the roster import (YYYY-MM-DD always; D/M/YYYY or M/D/YYYY
    only when only one reading is possible). With ``today``, a week that has not
    started yet is refused. Raises :class:`InvalidInput` saying why.
    """
    stripped = text.strip()
    match = _ISO_WEEK.fullmatch(stripped)
    if match is not None:
        try:
            week = IsoWeek(int(match["year"]), int(match["week"]))
            week.monday()  # the calendar's ValueError for a week the year does not have
        except ValueError:
            raise InvalidInput(f"week {stripped} does not exist in {match['year']}") from None
    else:
        try:
            day = parse_start_date(stripped, "week")
        except InvalidInput as exc:
            if "is not a date" in str(exc):
                raise InvalidInput(
                    f"week {stripped} is neither a week like 2026-W47 nor a date like 2026-11-16"
                ) from None
            raise
        week = IsoWeek.of(dt.date.fromisoformat(day))
    if today is not None and week.monday() > today:
        raise InvalidInput(f"week {week} has not started yet")
    return week


def _normal(heading: str) -> str:
    """Return a heading as compared: no case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", heading).casefold()


def _find(headers: list[str], names: tuple[str, ...]) -> str | None:
    normal = {_normal(h): h for h in reversed(headers)}
    for name in names:
        if _normal(name) in normal:
            return normal[_normal(name)]
    return None


def _metric_columns(headers: list[str], metrics: list[Metric]) -> dict[str, Metric]:
    """Return heading -> metric for every heading naming a metric by key or label."""
    by_name: dict[str, Metric] = {}
    for metric in metrics:
        by_name.setdefault(_normal(metric.key), metric)
        by_name.setdefault(_normal(metric.label), metric)
    found: dict[str, Metric] = {}
    claimed: dict[str, str] = {}
    for heading in headers:
        named = by_name.get(_normal(heading))
        if named is None:
            continue
        if named.key in claimed:
            raise ImportProblem(
                f'The columns "{claimed[named.key]}" and "{heading}" are both {named.label}.',
                "Remove or rename one of them, then import the file again.",
            )
        claimed[named.key] = heading
        found[heading] = named
    return found


def parse_numbers(
    table: CsvTable,
    metrics: list[Metric],
    reps: list[Rep],
    today: dt.date | None = None,
    *,
    progress: Progress | None = None,
) -> list[ValueChange]:
    """Return the values the file sets, or raise :class:`ImportProblem` listing every bad row.

    An empty cell sets nothing (the journal keeps what it had for that metric and week).
    ``progress`` hears how many rows are checked and may stop it (``Cancelled``).
    """
    tracker = Tracker(progress, [("rows", 1)])
    tracker.stage("rows")
    rep_column = _find(table.headers, REP_COLUMNS)
    email_column = _find(table.headers, EMAIL_COLUMNS)
    week_column = _find(table.headers, WEEK_COLUMNS)
    columns = _metric_columns(table.headers, metrics)
    missing = []
    if rep_column is None and email_column is None:
        missing.append('the rep ("Rep", "Name" or "Email")')
    if week_column is None:
        missing.append('the week ("Week" or "Date")')
    if not columns:
        missing.append("at least one metric (" + ", ".join(m.label for m in metrics) + ")")
    if missing:
        found = ", ".join(f'"{h}"' for h in table.headers) or "none"
        raise ImportProblem(
            "The file has no column for " + " and no column for ".join(missing) + ".",
            f"Columns found: {found}. A metric column is named by the metric's name or key; "
            "the week is a week like 2026-W47 or any date in that week.",
        )
    if not table.rows:
        raise ImportProblem(
            "The file has column headings but no rows under them.",
            "Export the numbers again with their rows.",
        )

    by_name: dict[str, list[Rep]] = {}
    by_email: dict[str, list[Rep]] = {}
    for known in reps:
        by_name.setdefault(name_key(known.name), []).append(known)
        if known.email.strip():
            by_email.setdefault(known.email.strip().casefold(), []).append(known)

    changes: list[ValueChange] = []
    problems: list[str] = []
    first_line: dict[tuple[int, str], int] = {}
    for row in tracker.each(table.rows):
        where = f"line {row.line}"
        rep, why = _rep_of(
            row.values.get(rep_column, "") if rep_column else "",
            row.values.get(email_column, "") if email_column else "",
            by_name,
            by_email,
        )
        if rep is None:
            problems.append(f"{where}: {why}")
        week: IsoWeek | None = None
        raw_week = row.values.get(week_column or "", "")
        if not raw_week:
            problems.append(f"{where}: the week is empty")
        else:
            try:
                week = parse_week(raw_week, today)
            except InvalidInput as exc:
                problems.append(f"{where}: {exc}")
        row_changes = []
        for heading, metric in columns.items():
            try:
                value = parse_amount(row.values.get(heading, ""))
            except NotANumber as exc:
                problems.append(f"{where}: {metric.label}: {exc}")
                continue
            if value is not None and rep is not None and week is not None:
                row_changes.append(ValueChange(rep.id, str(week), metric.key, value))
        if rep is not None and week is not None:
            earlier = first_line.setdefault((rep.id, str(week)), row.line)
            if earlier != row.line:
                problems.append(f"{where}: {rep.name}'s {week} is also on line {earlier}")
                continue
        changes.extend(row_changes)

    if problems:
        count = len(problems)
        listed = problems[:_MAX_LISTED]
        if count > len(listed):
            listed.append(f"… and {count - len(listed)} more")
        raise ImportProblem(
            f"Nothing was imported: the file has {count} "
            f"{'problem' if count == 1 else 'problems'}.",
            "Fix them in the file (or in your spreadsheet, then export it again) and "
            "import it again.",
            listed,
        )
    return changes


def _rep_of(
    name: str, email: str, by_name: dict[str, list[Rep]], by_email: dict[str, list[Rep]]
) -> tuple[Rep | None, str]:
    """Find the rep a row is about, by email first (it is unique), else by name.

    A CRM's owner column often holds the email itself, so a "name" with an @ in it is
    looked up as an email.
    """
    if not email.strip() and "@" in name:
        email, name = name, ""
    if email.strip():
        found = by_email.get(email.strip().casefold(), [])
        if len(found) == 1:
            return found[0], ""
        if not name.strip():
            if found:
                return None, f"{len(found)} reps have the email {email.strip()}"
            return None, f"no rep has the email {email.strip()}"
    if not name.strip():
        return None, "the rep is empty"
    found = by_name.get(name_key(name), [])
    if len(found) == 1:
        return found[0], ""
    if found:
        return None, f"{len(found)} reps are called {name.strip()}; add an Email column"
    return None, f"{name.strip()} is not on the roster"
