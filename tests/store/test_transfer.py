"""Exporting a journal to JSON and importing it into a new one."""

from __future__ import annotations

import copy
import errno
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coachdesk import paths as paths_module
from coachdesk.dates import FixedClock
from coachdesk.store import commitments, meetings, reps, settings, teams, transfer
from coachdesk.store import migrations as schema
from coachdesk.store.changes import Change
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem, KnownProblem, WriteFailed
from coachdesk.store.records import CommitmentStatus, MeetingKind, Owner, private_columns

# Text that tends to break encoders, escapers and naive SQL.
HARD_TEXTS = [
    "Family: 👨‍👩‍👧‍👦, rainbow flag: 🏳️‍🌈, flags: 🇩🇪🇯🇵🇧🇷, skin tone: 👍🏽",
    "Arabic: مرحبا بالعالم — Hebrew: שלום עולם — mixed: abc שלום 123",
    "Combining: e\u0301 vs \u00e9; Zalgo: Z\u0351\u0364\u036ba\u0357\u0350l\u0352g\u0363o\u0489",
    "Quotes: 'single' \"double\" `back` — backslashes: C:\\Users\\rep\\ and \\n literally",
    "Controls:\ttab\nnewline\r\nwindows line\rcarriage \x0b vt \x0c ff \x1f unit",
    "'); DROP TABLE reps; --",
    'Robert"); DELETE FROM meetings WHERE ("1"="1',
    "Non-BMP: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎 and U+2028\u2028U+2029\u2029end",
]
BIG_NOTE = ("Ünïcödé line with 🎉 and 'quotes'\n" * 40_000)[: 1024 * 1024]
PRIVATE_TEXT = "PRIVATE: thinking about a performance plan for Ana 🤫"
OTHER_PRIVATE = "PRIVATE: Ben's family situation"


@pytest.fixture
def other_journal(tmp_path: Path, clock: FixedClock) -> Iterator[Journal]:
    """A second fresh journal in its own data folder."""
    j = Journal.open(paths_module.resolve(tmp_path / "other"), clock=clock)
    try:
        yield j
    finally:
        j.close()


def fill(journal: Journal, clock: FixedClock) -> dict[str, int]:
    """Put two teams, two reps and their meetings and commitments into ``journal``."""
    north = teams.add_team(journal, "North 🧭 ש", cadence_days=14)
    south = teams.add_team(journal, "South '); DROP TABLE teams; --")
    ana = reps.add_rep(
        journal,
        reps.NewRep(
            name="Ana Müller-Łukasz 👩🏽‍💼",
            title=HARD_TEXTS[1],
            email="ana@example.com",
            team_id=north.id,
            start_date="2024-02-29",
            territory=HARD_TEXTS[0],
            cadence_days=10,
            reach_by=HARD_TEXTS[3],
        ),
    )
    ben = reps.add_rep(
        journal, reps.NewRep(name="Ben O'Brien", email="ben@example.com", team_id=south.id)
    )
    clock.advance(hours=1)
    first = meetings.add_meeting(
        journal,
        ana.id,
        "2026-11-20T10:00:00",
        rep_agenda=HARD_TEXTS[2],
        my_agenda=HARD_TEXTS[4],
        notes=BIG_NOTE,
        private_notes=PRIVATE_TEXT,
    )
    second = meetings.add_meeting(
        journal,
        ana.id,
        "2026-11-23T10:00:00",
        MeetingKind.QBR,
        notes="\n".join(HARD_TEXTS),
    )
    meetings.close_meeting(journal, first.id)
    meetings.add_meeting(
        journal,
        ben.id,
        "2026-11-21T15:00:00",
        notes="Ben's pipeline notes",
        private_notes=OTHER_PRIVATE,
    )
    promise = commitments.add_commitment(
        journal, ana.id, Owner.REP, HARD_TEXTS[5], due_date="2026-12-01", meeting_id=first.id
    )
    commitments.add_commitment(journal, ana.id, Owner.MANAGER, HARD_TEXTS[6], meeting_id=second.id)
    commitments.set_status(journal, promise.id, CommitmentStatus.DONE, in_meeting_id=second.id)
    commitments.add_commitment(journal, ben.id, Owner.REP, "Ben calls Globex back")
    settings.set_setting(journal, "recap_intro", HARD_TEXTS[0] + "\n" + HARD_TEXTS[7])
    settings.set_setting(journal, "default_cadence_days", 9)
    question = settings.add_question(journal, "Qu'est-ce qui t'a bloqué\u00a0? 🤔", "progress")
    settings.set_question_active(journal, question.id, False)
    return {"ana": ana.id, "ben": ben.id, "first_meeting": first.id}


def export_to(journal: Journal, path: Path, **options: Any) -> bytes:
    """Export ``journal`` to ``path`` and return the file's bytes."""
    transfer.write_export(transfer.export_data(journal, **options), path)
    return path.read_bytes()


def snapshot(journal: Journal) -> tuple[int, dict[str, list[tuple[Any, ...]]]]:
    """The revision and every row of every exported table, straight from SQLite."""
    rows = {
        t.name: list(journal.db.conn.execute(f'SELECT * FROM "{t.name}" ORDER BY {t.key}'))
        for t in transfer.EXPORTED_TABLES
    }
    return journal.revision(), rows


# ----------------------------------------------------------------- round trips


@pytest.mark.parametrize("include_private", [False, True])
def test_export_import_export_is_byte_identical(
    journal: Journal,
    other_journal: Journal,
    clock: FixedClock,
    tmp_path: Path,
    include_private: bool,
) -> None:
    fill(journal, clock)
    first = export_to(journal, tmp_path / "first.json", include_private=include_private)

    counts = transfer.import_data(other_journal, transfer.read_export(tmp_path / "first.json"))
    clock.advance(days=3)  # nothing time-dependent may leak into the file
    second = export_to(other_journal, tmp_path / "second.json", include_private=include_private)

    assert second == first
    filled = {
        "teams": 2,
        "reps": 2,
        "meetings": 3,
        "commitments": 3,
        "settings": 4,
        "coaching_questions": len(settings.list_questions(journal, active_only=False)),
    }
    assert {name: counts[name] for name in filled} == filled
    # Every other table travels too, empty unless every journal starts with rows there.
    assert set(counts) == {t.name for t in transfer.EXPORTED_TABLES}
    assert all(
        counts[t.name] == 0
        for t in transfer.EXPORTED_TABLES
        if t.name not in filled and not t.seeded
    )
    # What the new journal holds is what the old one held, character for character.
    original, copied = snapshot(journal)[1], snapshot(other_journal)[1]
    if include_private:
        assert copied == original
    else:
        assert copied["reps"] == original["reps"]
        assert copied["commitments"] == original["commitments"]


def test_hard_text_survives_exactly(
    journal: Journal, other_journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    ids = fill(journal, clock)
    export_to(journal, tmp_path / "out.json", include_private=True)
    transfer.import_data(other_journal, transfer.read_export(tmp_path / "out.json"))

    meeting = meetings.get_meeting(other_journal, ids["first_meeting"])
    assert meeting is not None
    assert meeting.notes == BIG_NOTE
    assert len(meeting.notes) == 1024 * 1024
    assert meeting.rep_agenda == HARD_TEXTS[2]
    assert meeting.my_agenda == HARD_TEXTS[4]
    assert "\r\n" in meeting.my_agenda
    assert meeting.private_notes == PRIVATE_TEXT
    rep = reps.get_rep(other_journal, ids["ana"])
    assert rep is not None
    assert (rep.title, rep.territory, rep.reach_by) == (HARD_TEXTS[1], HARD_TEXTS[0], HARD_TEXTS[3])
    texts = {c.text for c in commitments.list_commitments(other_journal, ids["ana"])}
    assert texts == {HARD_TEXTS[5], HARD_TEXTS[6]}
    # The SQL-looking text stayed text: every table is still there.
    assert set(other_journal.counts()) >= {t.name for t in transfer.EXPORTED_TABLES}
    assert settings.all_settings(other_journal) == settings.all_settings(journal)
    assert settings.list_questions(other_journal, active_only=False) == settings.list_questions(
        journal, active_only=False
    )


def test_file_is_readable_utf8_json_with_a_format_marker(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    fill(journal, clock)
    raw = export_to(journal, tmp_path / "out.json")

    text = raw.decode("utf-8")
    assert "👨‍👩‍👧‍👦" in text and "שלום" in text  # written as characters, not \u escapes
    assert text.startswith("{\n  ")
    data = json.loads(text)
    assert data["format"] == "coachdesk-journal"
    assert data["format_version"] == transfer.FORMAT_VERSION
    assert data["schema"] == schema.known_names()
    assert data["include_private"] is False
    assert data["rep_id"] is None
    assert list(data["tables"]) == sorted(t.name for t in transfer.EXPORTED_TABLES)
    ids = [row["id"] for row in data["tables"]["meetings"]]
    assert ids == sorted(ids)


def test_empty_journal_round_trips(
    journal: Journal, other_journal: Journal, tmp_path: Path
) -> None:
    first = export_to(journal, tmp_path / "first.json")
    transfer.import_data(other_journal, transfer.read_export(tmp_path / "first.json"))
    assert export_to(other_journal, tmp_path / "second.json") == first


# ----------------------------------------------------------------- privacy


def test_private_notes_are_left_out_unless_asked_for(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    fill(journal, clock)

    without = export_to(journal, tmp_path / "without.json")
    with_private = export_to(journal, tmp_path / "with.json", include_private=True)

    for secret in (PRIVATE_TEXT, OTHER_PRIVATE):
        assert secret.encode("utf-8") not in without
        assert secret.encode("utf-8") in with_private
    assert b'"private_notes"' not in without
    assert json.loads(without)["include_private"] is False
    assert json.loads(with_private)["include_private"] is True


def test_import_without_private_notes_leaves_them_empty(
    journal: Journal, other_journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    ids = fill(journal, clock)
    export_to(journal, tmp_path / "out.json")

    transfer.import_data(other_journal, transfer.read_export(tmp_path / "out.json"))

    meeting = meetings.get_meeting(other_journal, ids["first_meeting"])
    assert meeting is not None
    assert meeting.private_notes == ""
    assert meeting.notes == BIG_NOTE
    assert PRIVATE_TEXT.encode() not in other_journal.path.read_bytes()


def test_every_private_column_is_known_to_the_export(journal: Journal) -> None:
    # The export asks records.private_columns(); make sure it asks about real columns.
    for table in transfer.EXPORTED_TABLES:
        columns = {r[1] for r in journal.db.conn.execute(f'PRAGMA table_info("{table.name}")')}
        assert private_columns(table.name) <= columns


# ----------------------------------------------------------------- one person


def test_person_export_holds_only_that_rep(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    ids = fill(journal, clock)

    raw = export_to(journal, tmp_path / "ana.json", rep_id=ids["ana"], include_private=True)

    data = json.loads(raw)
    tables = data["tables"]
    assert data["rep_id"] == ids["ana"]
    assert set(tables) == {t.name for t in transfer.EXPORTED_TABLES if t.person_rows is not None}
    assert [r["id"] for r in tables["reps"]] == [ids["ana"]]
    assert [t["name"] for t in tables["teams"]] == ["North 🧭 ש"]
    assert {m["rep_id"] for m in tables["meetings"]} == {ids["ana"]}
    assert len(tables["meetings"]) == 2
    assert {c["rep_id"] for c in tables["commitments"]} == {ids["ana"]}
    assert len(tables["commitments"]) == 2
    for someone_elses in ("Ben O'Brien", "ben@example.com", "Globex", OTHER_PRIVATE, "South"):
        assert someone_elses.encode("utf-8") not in raw
    assert PRIVATE_TEXT.encode("utf-8") in raw


def test_person_export_without_team_or_private_notes(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    loner = reps.add_rep(journal, reps.NewRep(name="Cleo"))
    meetings.add_meeting(journal, loner.id, "2026-11-23T09:00:00", private_notes=PRIVATE_TEXT)

    raw = export_to(journal, tmp_path / "cleo.json", rep_id=loner.id)

    tables = json.loads(raw)["tables"]
    assert tables["teams"] == []
    assert [r["name"] for r in tables["reps"]] == ["Cleo"]
    assert PRIVATE_TEXT.encode("utf-8") not in raw


def test_person_export_of_an_unknown_rep_is_refused(journal: Journal) -> None:
    with pytest.raises(KnownProblem, match="no rep with id 42"):
        transfer.export_data(journal, rep_id=42)


def test_every_journal_table_is_in_the_registry(journal: Journal) -> None:
    # A new table must be exported, and scoped to one person if it holds a rep_id.
    conn = journal.db.conn
    virtual = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")
    ]
    own = [
        name
        for name in journal.counts()
        if not any(name == v or name.startswith(v + "_") for v in virtual)
    ]
    registry = {t.name: t for t in transfer.EXPORTED_TABLES}
    assert sorted(own) == sorted(registry)
    for name, table in registry.items():
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')}
        if "rep_id" in columns:
            assert table.person_rows is not None, name
        if table.person_rows == transfer.BY_REP_ID:
            assert "rep_id" in columns, name


# ----------------------------------------------------------------- refusing


def test_import_into_a_journal_with_reps_is_refused(
    journal: Journal, other_journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    fill(journal, clock)
    export_to(journal, tmp_path / "out.json")
    reps.add_rep(other_journal, reps.NewRep(name="Already here"))
    before = snapshot(other_journal)

    with pytest.raises(ImportProblem) as caught:
        transfer.import_data(other_journal, transfer.read_export(tmp_path / "out.json"))

    message = str(caught.value)
    assert "not empty (reps: 1)" in message
    assert "no teams, reps, meetings, commitments" in message
    # Every seeded table is named (settings, question bank, metric catalogue…).
    assert all(f" {t.words}" in message for t in transfer.EXPORTED_TABLES if t.seeded)
    assert snapshot(other_journal) == before


def test_import_replaces_the_starter_settings_and_questions(
    journal: Journal, other_journal: Journal, tmp_path: Path
) -> None:
    settings.set_setting(journal, "default_cadence_days", 21)
    first_question = settings.list_questions(journal)[0]
    settings.set_question_active(journal, first_question.id, False)
    settings.add_question(journal, "Mine: what would you cut?", "mine")
    export_to(journal, tmp_path / "out.json")

    transfer.import_data(other_journal, transfer.read_export(tmp_path / "out.json"))

    assert settings.get_setting(other_journal, "default_cadence_days") == 21
    assert settings.list_questions(other_journal, active_only=False) == settings.list_questions(
        journal, active_only=False
    )


def test_a_person_export_keeps_the_starter_settings(
    journal: Journal, other_journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    ids = fill(journal, clock)
    export_to(journal, tmp_path / "ana.json", rep_id=ids["ana"])
    starter = settings.all_settings(other_journal)

    counts = transfer.import_data(other_journal, transfer.read_export(tmp_path / "ana.json"))

    assert {name: n for name, n in counts.items() if n} == {
        "teams": 1,
        "reps": 1,
        "meetings": 2,
        "commitments": 2,
    }
    assert settings.all_settings(other_journal) == starter
    assert [r.name for r in reps.list_reps(other_journal)] == ["Ana Müller-Łukasz 👩🏽‍💼"]


def test_import_tells_listeners_once(
    journal: Journal, other_journal: Journal, clock: FixedClock
) -> None:
    fill(journal, clock)
    heard: list[Change] = []
    other_journal.add_listener(heard.append)
    revision = other_journal.revision()

    transfer.import_data(other_journal, transfer.export_data(journal))

    assert other_journal.revision() == revision + 1
    assert len(heard) == 1
    assert heard[0].subjects >= {
        "teams",
        "reps",
        "meetings",
        "commitments",
        "settings",
        "questions",
    }


# ----------------------------------------------------------------- reading files


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_reading_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="There is no file at"):
        transfer.read_export(tmp_path / "nope.json")


def test_reading_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="is a folder"):
        transfer.read_export(tmp_path)


def test_reading_text_that_is_not_json_says_where(tmp_path: Path) -> None:
    path = write_text(tmp_path / "broken.json", '{\n  "format": "coachdesk-journal",\n  oops\n}')
    with pytest.raises(ImportProblem) as caught:
        transfer.read_export(path)
    assert "broken.json is not valid JSON (line 3, column 3" in str(caught.value)
    assert "\n" not in caught.value.what


def test_reading_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "photo.json"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    with pytest.raises(ImportProblem, match="not a coachdesk export"):
        transfer.read_export(path)


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"tables": {}},
        {"format": "something-else", "format_version": 1},
        {"format": "Coachdesk-Journal", "format_version": 1, "tables": {}},
    ],
)
def test_reading_json_that_is_not_an_export(tmp_path: Path, document: object) -> None:
    path = write_text(tmp_path / "other.json", json.dumps(document))
    with pytest.raises(ImportProblem, match=r"other\.json is not a coachdesk export"):
        transfer.read_export(path)


@pytest.mark.parametrize(
    "changes",
    [
        {"format_version": transfer.FORMAT_VERSION + 1},
        {"schema": ["0001_core", "0099_from_the_future"]},
    ],
)
def test_reading_an_export_from_a_newer_coachdesk(
    journal: Journal, tmp_path: Path, changes: dict[str, Any]
) -> None:
    data = transfer.export_data(journal) | changes
    path = write_text(tmp_path / "new.json", json.dumps(data))
    with pytest.raises(ImportProblem) as caught:
        transfer.read_export(path)
    assert "made by a newer version of coachdesk" in str(caught.value)
    assert "Update coachdesk" in caught.value.advice


def test_reading_an_export_without_private_notes_is_fine(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    fill(journal, clock)
    export_to(journal, tmp_path / "out.json")
    assert transfer.read_export(tmp_path / "out.json")["include_private"] is False


def test_reading_a_file_with_a_byte_order_mark(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(transfer.export_data(journal)).encode())
    assert transfer.read_export(path)["format"] == "coachdesk-journal"


# ----------------------------------------------------------------- malformed imports


def _row(data: dict[str, Any], table: str, index: int = 0) -> dict[str, Any]:
    row: dict[str, Any] = data["tables"][table][index]
    return row


MALFORMED: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown table": (
        lambda d: d["tables"].__setitem__("secrets", []),
        "table 'secrets': this coachdesk has no such table",
    ),
    "tables not an object": (
        lambda d: d.__setitem__("tables", []),
        "the file has no tables object",
    ),
    "rows not a list": (lambda d: d["tables"].__setitem__("reps", {}), "reps: the rows"),
    "row not an object": (lambda d: d["tables"]["reps"].append([1, "x"]), "reps row 3"),
    "unknown column": (
        lambda d: _row(d, "reps").__setitem__("shoe_size", 44),
        "no column 'shoe_size'",
    ),
    "missing id": (lambda d: _row(d, "meetings").pop("id"), "the 'id' column is missing"),
    "duplicate id": (
        lambda d: _row(d, "reps", 1).__setitem__("id", _row(d, "reps", 0)["id"]),
        "appears twice",
    ),
    "text where a number belongs": (
        lambda d: _row(d, "teams").__setitem__("cadence_days", "weekly"),
        "cadence_days has the wrong type",
    ),
    "number where text belongs": (
        lambda d: _row(d, "reps").__setitem__("name", 7),
        "name has the wrong type",
    ),
    "nested value": (
        lambda d: _row(d, "meetings").__setitem__("notes", {"a": 1}),
        "notes has the wrong type",
    ),
    "true instead of 1": (
        lambda d: _row(d, "coaching_questions").__setitem__("active", True),
        "active has the wrong type",
    ),
    "check constraint": (
        lambda d: _row(d, "meetings", 2).__setitem__("kind", "party"),
        "meetings id 3: CHECK constraint failed: kind IN ( 'one_on_one',",
    ),
    "not null": (
        lambda d: _row(d, "reps", 1).__setitem__("name", None),
        "reps id 2: NOT NULL constraint failed: reps.name",
    ),
    "missing required column": (
        lambda d: _row(d, "commitments").pop("owner"),
        "commitments id 1: NOT NULL constraint failed: commitments.owner",
    ),
    "reference to a missing rep": (
        lambda d: _row(d, "commitments", 2).__setitem__("rep_id", 99),
        "commitments id 3: FOREIGN KEY constraint failed",
    ),
    "number too large": (
        lambda d: _row(d, "teams").__setitem__("cadence_days", 2**70),
        "teams id 1:",
    ),
    "empty question at the very end": (
        lambda d: _row(d, "coaching_questions", -1).__setitem__("text", "   "),
        "coaching_questions id",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_import_changes_nothing(
    journal: Journal, other_journal: Journal, clock: FixedClock, case: str
) -> None:
    fill(journal, clock)
    data = copy.deepcopy(transfer.export_data(journal, include_private=True))
    damage, expected = MALFORMED[case]
    damage(data)
    before = snapshot(other_journal)

    with pytest.raises(ImportProblem) as caught:
        transfer.import_data(other_journal, data)

    assert expected in str(caught.value)
    assert "Nothing was imported" in str(caught.value)
    assert snapshot(other_journal) == before


@pytest.mark.parametrize(
    "data",
    [
        {"format": "coachdesk-journal"},
        {"format": "coachdesk-journal", "format_version": "1", "tables": {}},
        {"format": "coachdesk-journal", "format_version": 1, "schema": "0001_core", "tables": {}},
        {"format": "coachdesk-journal", "format_version": 2, "tables": {}},
    ],
)
def test_import_checks_the_header_too(other_journal: Journal, data: dict[str, Any]) -> None:
    before = snapshot(other_journal)
    with pytest.raises(ImportProblem):
        transfer.import_data(other_journal, data)
    assert snapshot(other_journal) == before


# ----------------------------------------------------------------- writing files


def test_export_file_is_private_whatever_the_umask(journal: Journal, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("an older, world-readable export")
    target.chmod(0o644)
    old = os.umask(0)
    try:
        transfer.write_export(transfer.export_data(journal), target)
    finally:
        os.umask(old)

    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "coachdesk-journal"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_export_file_is_private_under_the_app_umask(journal: Journal, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    transfer.write_export(transfer.export_data(journal), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("code", "expected"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the disk is read-only")],
)
def test_a_failed_export_write_is_a_known_problem(
    journal: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    expected: str,
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"the previous export")

    def fail(*_args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteFailed, match=expected):
        transfer.write_export(transfer.export_data(journal), target)
    monkeypatch.undo()

    assert target.read_bytes() == b"the previous export"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_exporting_into_a_missing_folder(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="does not exist"):
        transfer.write_export(transfer.export_data(journal), tmp_path / "nowhere" / "out.json")
