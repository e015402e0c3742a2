"""Exporting a journal to JSON and importing it again.

An export is one UTF-8 JSON document::

    {
      "format": "coachdesk-journal",
      "format_version": 1,
      "schema": ["0001_core", ...],        # the journal's applied migrations
      "include_private": false,            # whether private columns and rows are in it
      "rep_id": null,                      # or the one person it was made for
      "tables": {"teams": [{...}, ...], "reps": [...], ...}
    }

Every row carries all of its columns, ids included, so references between rows survive
a round trip. Private columns (``records.private_columns``), and the rows of tables
private as a whole (``records.row_audience``), are left out unless asked for. Nothing
volatile (no time of export) goes in, and keys are sorted, so exporting, importing
into a new journal and exporting again gives the same bytes.

Which tables travel is decided by one ordered registry, :data:`EXPORTED_TABLES`; a new
table is exported, imported, scoped to one person and counted in "is this journal
empty?" by adding one line there.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from coachdesk.store import migrations as schema
from coachdesk.store import outputs
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import (
    ImportProblem,
    KnownProblem,
    WriteFailed,
    sqlite_errors,
)
from coachdesk.store.outputs import verify_json
from coachdesk.store.progress import Progress, Tracker
from coachdesk.store.records import Audience, private_columns, row_audience

FORMAT = "coachdesk-journal"
FORMAT_VERSION = 1
# Far more than any real journal exports (years of 150 reps is tens of MB).
MAX_EXPORT_BYTES = 2 * 1024**3

# The usual way a row belongs to one person: a rep_id column.
BY_REP_ID = "rep_id = ?"


@dataclass(frozen=True)
class ExportedTable:
    """How one journal table travels in an export."""

    name: str
    # What the user calls its rows, in messages (default: the table name in words).
    label: str = ""
    # The change notice sent to views after an import (by default the table's name).
    subject: Subject | None = None
    # The column rows are ordered by; it must identify a row (used in error messages).
    key: str = "id"
    # Which rows belong to one person, as a condition with one ``?`` for the rep's id;
    # ``None`` for tables that hold nothing about any one person.
    person_rows: str | None = BY_REP_ID
    # Every new journal starts with rows here; an import replaces them rather than
    # counting them as "not empty".
    seeded: bool = False

    @property
    def words(self) -> str:
        """The table's rows as the user calls them."""
        return self.label or self.name.replace("_", " ")

    @property
    def change_subject(self) -> Subject:
        """The subject views listen for when this table changes."""
        return self.subject or Subject(self.name)


# Parents before children: an import inserts in this order, so every reference points
# at a row that is already there.
EXPORTED_TABLES: tuple[ExportedTable, ...] = (
    ExportedTable("teams", person_rows="id = (SELECT team_id FROM reps WHERE id = ?)"),
    ExportedTable("reps", person_rows="id = ?"),
    ExportedTable("meetings"),
    ExportedTable("commitments"),
    ExportedTable("settings", key="key", person_rows=None, seeded=True),
    ExportedTable(
        "coaching_questions",
        label="question bank",
        subject=Subject.QUESTIONS,
        person_rows=None,
        seeded=True,
    ),
    # The numbers: the metric catalogue first, since values and targets refer to it.
    ExportedTable(
        "metrics",
        label="metric catalogue",
        subject=Subject.NUMBERS,
        key="key",
        person_rows=None,
        seeded=True,
    ),
    ExportedTable("weekly_numbers", label="weekly numbers", subject=Subject.NUMBERS),
    ExportedTable("numbers_targets", label="number targets", subject=Subject.NUMBERS),
    # The ladder: self-ratings (a rep's, or the manager's own with no rep_id, which a
    # person's export therefore leaves out) and my private reads.
    ExportedTable("ladder_ratings", label="ladder self-ratings", subject=Subject.LADDER),
    ExportedTable("ladder_reads", label="my ladder reads", subject=Subject.LADDER),
    # Agreements (a team's have no rep_id, so a person's export leaves them out) and
    # each rep's own quarterly plans.
    ExportedTable("agreements", subject=Subject.AGREEMENTS),
    ExportedTable(
        "agreement_items",
        label="agreement lines",
        subject=Subject.AGREEMENTS,
        person_rows="agreement_id IN (SELECT id FROM agreements WHERE rep_id = ?)",
    ),
    ExportedTable("agreement_step_uses", label="agreement steps used", subject=Subject.AGREEMENTS),
    ExportedTable("plans", subject=Subject.PLANS),
    ExportedTable(
        "plan_answers",
        label="plan answers",
        subject=Subject.PLANS,
        person_rows="plan_id IN (SELECT id FROM plans WHERE rep_id = ?)",
    ),
    ExportedTable(
        "plan_targets",
        label="plan targets",
        subject=Subject.PLANS,
        person_rows="plan_id IN (SELECT id FROM plans WHERE rep_id = ?)",
    ),
)

_BY_NAME = {table.name: table for table in EXPORTED_TABLES}

# Problems listed under an import error; the rest are summarised in one line.
_MAX_LISTED = 20


# ----------------------------------------------------------------- export


# Shares of an export's time: reading the rows, writing (and checking) the file.
EXPORT_STAGES = (("read", 25), ("write", 75))
# Rows read, and JSON pieces written, between two looks at a stop request.
_ROWS_BETWEEN_LOOKS = 500
_PIECES_BETWEEN_LOOKS = 2000


def export_file(
    journal: Journal,
    path: Path,
    *,
    include_private: bool = False,
    rep_id: int | None = None,
    progress: Progress | None = None,
) -> None:
    """Export the journal (or one rep) to ``path``: :func:`export_data`, then
    :func:`write_export`. ``progress`` hears how far it is and may stop it at any point
    (:class:`~coachdesk.store.progress.Cancelled`: nothing written)."""
    tracker = Tracker(progress, EXPORT_STAGES)
    tracker.stage("read")
    tracker.tell(now=True)
    data = export_data(
        journal, include_private=include_private, rep_id=rep_id, progress=tracker.relay("read")
    )
    write_export(data, path, progress=tracker.relay("write"))
    tracker.finish()


def export_data(
    journal: Journal,
    *,
    include_private: bool = False,
    rep_id: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Return the journal (or, with ``rep_id``, everything held on one rep) as a document.

    Private text columns, and rows private as a whole, are left out unless
    ``include_private``. A person's export
    holds their rep row, their team's row for context, and every row of every table
    that belongs to them; settings and the question bank are left out of it.
    ``progress`` hears how many tables are read and may stop it (``Cancelled``).
    """
    tracker = Tracker(progress, [("tables", 1)])
    tracker.stage("tables")
    conn = journal.conn
    if rep_id is not None:
        found = conn.execute("SELECT 1 FROM reps WHERE id = ?", [rep_id]).fetchone()
        if found is None:
            raise KnownProblem(
                f"There is no rep with id {rep_id} in this journal.",
                "Check the id; nothing was exported.",
            )
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in tracker.each(EXPORTED_TABLES):
        sql = f"SELECT * FROM {_quoted(table.name)}"
        params: list[Any] = []
        if rep_id is not None:
            if table.person_rows is None:
                continue
            sql += f" WHERE {table.person_rows}"
            params.append(rep_id)
        if not include_private and row_audience(table.name) is Audience.PRIVATE:
            # Not even that such a row exists (its id or date) leaves the journal.
            tables[table.name] = []
            continue
        sql += f" ORDER BY {_quoted(table.key)}"
        cursor = conn.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        left_out = set() if include_private else private_columns(table.name)
        rows: list[dict[str, Any]] = []
        # In batches, telling between them: a big table takes a good part of a second.
        while batch := cursor.fetchmany(_ROWS_BETWEEN_LOOKS):
            rows += (
                {col: value for col, value in zip(columns, row, strict=True) if col not in left_out}
                for row in batch
            )
            tracker.tell()
        tables[table.name] = rows
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": [m.name for m in schema.migration_set().applied(journal.db)],
        "include_private": include_private,
        "rep_id": rep_id,
        "tables": tables,
    }


def write_export(data: dict[str, Any], path: Path, *, progress: Progress | None = None) -> None:
    """Write ``data`` to ``path`` as UTF-8 JSON, readable by the owner only.

    Through the one safe writer (:mod:`coachdesk.store.outputs`): a private temporary file
    beside ``path``, read back and parsed before it takes the real name, so a failed
    write never leaves half an export under it, nor replaces a good one. ``progress``
    hears how many rows are written (the writing runs on a worker thread meanwhile)
    and may stop it (:class:`~coachdesk.store.progress.Cancelled`: nothing written).
    """
    if progress is None:
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        try:
            outputs.write_file(
                Path(path), text.encode("utf-8"), what="The export", verify=verify_json
            )
        except WriteFailed as failed:
            raise _unchanged(failed) from failed
        return
    tracker = Tracker(progress, [("write", 1)])
    tracker.stage("write")
    tracker.tell(now=True)
    # Every row is one JSON object; so are the document and its "tables".
    objects = 2 + sum(len(rows) for rows in data.get("tables", {}).values())

    digest = hashlib.sha256()

    def write() -> None:
        encoder = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=True)
        pieces: list[str] = []

        def flush(handle: BinaryIO) -> None:
            data = "".join(pieces).encode("utf-8")
            pieces.clear()
            handle.write(data)
            digest.update(data)

        # Checked by reading the bytes back rather than parsing them: parsing tens of
        # megabytes is one long call that would hold up the window meanwhile.
        with (
            outputs.replacing(
                Path(path), what="The export", verify=outputs.verify_digest(digest)
            ) as partial,
            open(partial, "wb") as handle,
        ):
            written = 0
            # The same text as json.dumps gives, written a batch of pieces at a time.
            for n, piece in enumerate(encoder.iterencode(data), start=1):
                pieces.append(piece)
                if piece == "{":
                    written += 1
                if n % _PIECES_BETWEEN_LOOKS == 0:
                    flush(handle)
                    tracker.part(written / objects)
                    tracker.check()
            pieces.append("\n")
            flush(handle)

    try:
        tracker.run(write)
    except WriteFailed as failed:
        raise _unchanged(failed) from failed
    tracker.finish()


def _unchanged(failed: WriteFailed) -> WriteFailed:
    # Whoever exports wonders first whether the journal came to harm: it did not.
    return WriteFailed(failed.what, f"{failed.advice} Your journal is unchanged.")


# ----------------------------------------------------------------- reading


def read_export(path: Path) -> dict[str, Any]:
    """Read an export file and check that this coachdesk can import it.

    Raises :class:`ImportProblem` for a missing or unreadable file, text that is not
    JSON, a file that is not a coachdesk export, or one from a newer coachdesk.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise ImportProblem(
                f"{path.name} is not a coachdesk export (at "
                f"{path.stat().st_size // 2**20} MB it is far larger than one).",
                "Choose a file made by coachdesk's export; nothing was imported.",
            )
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportProblem(
            f"There is no file at {path}.", "Check the name and the folder, then try again."
        ) from exc
    except IsADirectoryError as exc:
        raise ImportProblem(
            f"{path} is a folder, not an export file.", "Choose the .json file itself."
        ) from exc
    except OSError as exc:
        raise ImportProblem(
            f"{path} could not be read ({exc.strerror or exc}).",
            "Check that the file is yours and the disk is readable, then try again.",
        ) from exc
    try:
        # utf-8-sig: some editors put a byte-order mark in front when saving.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            f"{path.name} is not a coachdesk export (it is not UTF-8 text).",
            "Choose a file made by coachdesk's export.",
        ) from exc
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError as exc:
        # An export is a few levels deep; a file nested thousands deep is something else
        # (and parsing it any further would only exhaust the interpreter's stack).
        raise ImportProblem(
            f"{path.name} is not a coachdesk export (it is nested far deeper than one).",
            "Choose a file made by coachdesk's export; nothing was imported.",
        ) from exc
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            f"{path.name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            "Choose a file made by coachdesk's export; if it was edited by hand, "
            "fix it there or export again.",
        ) from exc
    except ValueError as exc:
        raise ImportProblem(
            f"{path.name} is not valid JSON ({exc}).",
            "Choose a file made by coachdesk's export.",
        ) from exc
    return _check_header(data, path.name)


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are not JSON, and no journal column could hold them.
    raise ValueError(f"{name} is not a JSON value")


def _check_header(data: object, source: str) -> dict[str, Any]:
    """Check the format marker, version and schema; return the document."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem(
            f"{source} is not a coachdesk export.",
            "Choose a file made by coachdesk's export; nothing was imported.",
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportProblem(
            f"{source} is a damaged coachdesk export (its format version is unreadable).",
            "Export the journal again; nothing was imported.",
        )
    names = data.get("schema", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ImportProblem(
            f"{source} is a damaged coachdesk export (its schema list is not readable).",
            "Export the journal again; nothing was imported.",
        )
    known = schema.known_names()
    if version > FORMAT_VERSION or any(name not in known for name in names):
        raise ImportProblem(
            f"{source} was made by a newer version of coachdesk.",
            "Update coachdesk, then import it again; nothing was imported.",
        )
    return data


# ----------------------------------------------------------------- import


@dataclass(frozen=True)
class _Column:
    name: str
    kind: type | None  # the Python type a value must have (None: any scalar)


def import_data(journal: Journal, data: dict[str, Any]) -> dict[str, int]:
    """Import an export into an empty journal, all or nothing; return rows per table.

    "Empty" means no rows in any exported table other than the seeded ones (settings
    and the starter question bank every new journal has); those are replaced by the
    file's when the file has them. Columns the file does not carry (private notes
    exported without them, columns added by a later schema) take their defaults.
    """
    document = _check_header(data, "The file")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise _damaged(["the file has no tables object"])
    columns = {name: _columns(journal, name) for name in tables if name in _BY_NAME}
    _validate(tables, columns)

    order = [t for t in EXPORTED_TABLES if t.name in tables]
    counts: dict[str, int] = {}
    with journal.write(*sorted({t.change_subject for t in order})) as db:
        conn = db.conn
        _refuse_if_not_empty(conn)
        for table in order:
            rows: list[dict[str, Any]] = tables[table.name]
            if table.seeded:
                conn.execute(f"DELETE FROM {_quoted(table.name)}")
            for index, row in enumerate(rows, start=1):
                names = list(row)
                sql = (
                    f"INSERT INTO {_quoted(table.name)} "
                    f"({', '.join(_quoted(n) for n in names)}) "
                    f"VALUES ({', '.join('?' for _ in names)})"
                )
                try:
                    conn.execute(sql, [row[n] for n in names])
                except sqlite_errors(
                    "IntegrityError", *sqlite_errors("InterfaceError"), OverflowError
                ) as exc:
                    # SQLite quotes the CHECK clause as written, line breaks included.
                    detail = " ".join(str(exc).split())
                    raise _damaged([f"{_where(table, index, row)}: {detail}"]) from exc
            counts[table.name] = len(rows)
    return counts


def _refuse_if_not_empty(conn: sqlite3.Connection) -> None:
    held = []
    for table in EXPORTED_TABLES:
        if table.seeded:
            continue
        (count,) = conn.execute(f"SELECT count(*) FROM {_quoted(table.name)}").fetchone()
        if count:
            held.append(f"{table.words}: {count}")
    if held:
        kept = [t.words for t in EXPORTED_TABLES if not t.seeded]
        seeded = [t.words for t in EXPORTED_TABLES if t.seeded]
        raise ImportProblem(
            f"This journal is not empty ({', '.join(held)}), so nothing was imported.",
            "An export can only be imported into an empty journal: one with no "
            f"{_or_list(kept)}. The {_and_list(seeded)} that every new journal starts "
            "with do not count: they are replaced by the file's. "
            "Import into a new data folder (for example with --data-dir).",
        )


def _columns(journal: Journal, table: str) -> dict[str, _Column]:
    found: dict[str, _Column] = {}
    for _cid, name, declared, _notnull, _default, _pk in journal.conn.execute(
        f"PRAGMA table_info({_quoted(table)})"
    ):
        found[name] = _Column(name, _python_type(declared))
    return found


def _python_type(declared: str) -> type | None:
    # SQLite's own affinity rules, so a value is refused exactly when the column
    # could not hold it as the kind of value the journal itself writes there.
    upper = (declared or "").upper()
    if "INT" in upper:
        return int
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return str
    return None


def _validate(tables: dict[str, Any], columns: dict[str, dict[str, _Column]]) -> None:
    problems: list[str] = []
    for name, rows in tables.items():
        table = _BY_NAME.get(name)
        if table is None:
            problems.append(f"table {name!r}: this coachdesk has no such table")
            continue
        if not isinstance(rows, list):
            problems.append(f"{name}: the rows are not a list")
            continue
        known = columns[name]
        seen: set[object] = set()
        for index, row in enumerate(rows, start=1):
            where = _where(table, index, row)
            if not isinstance(row, dict):
                problems.append(f"{where}: not a row of named values")
                continue
            key = row.get(table.key)
            if table.key not in row:
                problems.append(f"{where}: the {table.key!r} column is missing")
            elif key in seen:
                problems.append(f"{where}: the {table.key} appears twice")
            if isinstance(key, str | int) and not isinstance(key, bool):
                seen.add(key)
            for col, value in row.items():
                column = known.get(col)
                if column is None:
                    problems.append(f"{where}: there is no column {col!r} in this journal")
                elif not _fits(value, column.kind):
                    problems.append(f"{where}: {col} has the wrong type of value ({value!r:.40})")
    if problems:
        raise _damaged(problems)


def _fits(value: object, kind: type | None) -> bool:
    if value is None:
        return True  # whether the column may be empty is the schema's call (NOT NULL)
    if isinstance(value, bool):
        return False  # exports write 0 and 1; true/false means the file was made elsewhere
    if kind is None:
        return isinstance(value, str | int | float)
    return isinstance(value, kind)


def _where(table: ExportedTable, index: int, row: object) -> str:
    if isinstance(row, dict) and isinstance(row.get(table.key), str | int):
        return f"{table.name} {table.key} {row[table.key]!r:.40}"
    return f"{table.name} row {index}"


def _damaged(problems: list[str]) -> ImportProblem:
    listed = problems[:_MAX_LISTED]
    if len(problems) > len(listed):
        listed.append(f"… and {len(problems) - len(listed)} more")
    return ImportProblem(
        "The export cannot be imported: it is damaged or was changed by hand.",
        "Nothing was imported. Export the journal again, or fix what is listed below.",
        lines=listed,
    )


# ----------------------------------------------------------------- helpers


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def restore_person(journal: Journal, snapshot: dict[str, Any]) -> None:
    """Put back everything held on one person, from ``export_data(..., rep_id=...)``.

    This is how deleting a rep is undone: the rows come back with their own ids, in one
    transaction. The snapshot must include private fields (``include_private=True``).
    A team that still exists is left as it is.
    """
    document = _check_header(snapshot, "The snapshot")
    tables = document.get("tables")
    if not isinstance(tables, dict) or document.get("rep_id") is None:
        raise _damaged(["the snapshot is not of one person"])
    order = [t for t in EXPORTED_TABLES if t.name in tables]
    with journal.write(*sorted({t.change_subject for t in order})) as db:
        for table in order:
            verb = "INSERT OR IGNORE" if table.name == "teams" else "INSERT"
            for row in tables[table.name]:
                names = list(row)
                db.conn.execute(
                    f"{verb} INTO {_quoted(table.name)} "
                    f"({', '.join(_quoted(n) for n in names)}) "
                    f"VALUES ({', '.join('?' for _ in names)})",
                    [row[n] for n in names],
                )
