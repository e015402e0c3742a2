"""Search: one index kept in step by triggers, safe from whatever is typed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store import commitments, meetings, reps, search
from coachdesk.store.db import Journal
from coachdesk.store.records import Owner

FIXTURE = Path(__file__).parents[1] / "fixtures" / "journal-v1.coachdesk"

AWKWARD = [
    '"',
    '""',
    "'",
    "*",
    "**",
    "-",
    "--x",
    "AND",
    "AND (",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(a b)",
    "a:b",
    "^",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "\\",
    "%",
    "_",
    "col:acme",
    "acme*",
    '"acme',
    'acme"',
    "   ",
    "",
    "a",
    "😀",
    "سارة",
    "王小明",
    "e\u0301",
    "'); DROP TABLE reps; --",
    "x" * 5000,
]


@pytest.fixture
def ana(journal: Journal) -> int:
    rep_id = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    meeting = meetings.add_meeting(
        journal,
        rep_id,
        "2026-11-20T09:00",
        rep_agenda="Globex pilot questions",
        notes="## Acme\nThe Acme renewal is at risk; Müller pushed back on pricing.",
        private_notes="Seemed tired, ask about the move",
    )
    commitments.add_commitment(
        journal, rep_id, Owner.MANAGER, "Book the Initech demo", meeting_id=meeting.id
    )
    return rep_id


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_input_gives_results_or_none_never_an_error(
    journal: Journal, ana: int, text: str
) -> None:
    hits = search.search(journal, text)
    assert isinstance(hits, list)


def test_finds_words_in_every_field_with_marked_snippets(journal: Journal, ana: int) -> None:
    found = {h.field for h in search.search(journal, "acme")}
    assert found == {"notes"}
    assert search.search(journal, "globex")[0].field == "rep_agenda"
    assert search.search(journal, "initech")[0].kind == "commitment"
    hit = search.search(journal, "renewal")[0]
    assert f"{search.MARK_START}renewal{search.MARK_END}" in hit.snippet
    assert hit.rep_id == ana and hit.day == "2026-11-20"


def test_prefix_from_two_letters_phrase_and_accents(journal: Journal, ana: int) -> None:
    assert search.search(journal, "ac")
    assert search.search(journal, "ren")
    assert search.search(journal, '"acme renewal"')
    assert not search.search(journal, '"renewal acme"')
    assert search.search(journal, "muller")  # Müller, accents ignored
    assert search.search(journal, "acme pricing")  # both words, anywhere in the field
    assert not search.search(journal, "acme zebra")


def test_private_notes_are_searched_and_marked_private(journal: Journal, ana: int) -> None:
    (hit,) = search.search(journal, "tired")
    assert hit.private and hit.field == "private_notes"
    assert not search.search(journal, "acme")[0].private


def test_edits_and_deletions_keep_the_index_in_step(journal: Journal, ana: int) -> None:
    meeting = meetings.list_meetings(journal, ana)[0]
    meetings.update_meeting(journal, meeting.id, notes="Hooli expansion instead")
    assert not search.search(journal, "acme")
    assert search.search(journal, "hooli")
    assert search.search(journal, "globex")  # the other fields are untouched
    meetings.update_meeting(journal, meeting.id, held_at="2026-11-21T09:00")
    assert search.search(journal, "hooli")[0].day == "2026-11-21"
    reps.delete_rep(journal, ana)
    assert not search.search(journal, "hooli")
    assert not search.search(journal, "initech")


def test_newest_first_orders_by_day(journal: Journal, ana: int) -> None:
    meetings.add_meeting(journal, ana, "2026-11-22T09:00", notes="Acme again")
    days = [h.day for h in search.search(journal, "acme", newest_first=True)]
    assert days == sorted(days, reverse=True)


def test_a_very_long_note_is_indexed_from_its_start(journal: Journal, ana: int) -> None:
    long_text = "kickoff " + "filler words here " * 10_000 + " tailword"
    meetings.add_meeting(journal, ana, "2026-11-22T09:00", notes=long_text)
    assert search.search(journal, "kickoff")
    assert not search.search(journal, "tailword")


def test_a_later_reinstall_keeps_everything_findable(journal: Journal, ana: int) -> None:
    with journal.write("search"):
        search.install(journal.conn)
    assert search.search(journal, "acme") and search.search(journal, "tired")


def test_text_written_before_every_migration_is_found_after_them(
    data_paths: Paths, clock: FixedClock
) -> None:
    data_paths.ensure()
    shutil.copyfile(FIXTURE, data_paths.journal)
    with Journal.open(data_paths, clock=clock) as journal:
        hits = search.search(journal, "acme renewal")
        assert hits and hits[0].field == "notes"
        assert search.search(journal, "pricing")


def test_a_two_letter_prefix_lists_the_most_recently_written_first(
    journal: Journal, ana: int
) -> None:
    first = meetings.add_meeting(journal, ana, "2026-11-21T09:00", notes="Acme one")
    second = meetings.add_meeting(journal, ana, "2026-11-22T09:00", notes="Acme two")
    meetings.update_meeting(journal, first.id, notes="Acme one, edited last")
    refs = [h.ref_id for h in search.search(journal, "ac") if h.kind == "meeting"]
    assert refs[:2] == [first.id, second.id]
    days = [h.day for h in search.search(journal, "acme", newest_first=True)]
    assert days == sorted(days, reverse=True)


def test_a_long_note_is_indexed_when_searched_not_on_every_save(journal: Journal, ana: int) -> None:
    meeting = meetings.list_meetings(journal, ana)[0]
    long_note = "Zeppelin pitch. " + "filler text here " * 1000
    assert len(long_note) > search.AT_ONCE_CHARS
    meetings.update_meeting(journal, meeting.id, notes=long_note)
    pending = journal.conn.execute("SELECT count(*) FROM search_pending").fetchone()[0]
    assert pending == 1  # queued, not re-indexed while typing
    assert search.search(journal, "zeppelin")  # caught up before searching
    assert journal.conn.execute("SELECT count(*) FROM search_pending").fetchone()[0] == 0
    assert not search.search(journal, "acme")  # the old text is gone from the index
