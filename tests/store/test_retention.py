"""The opt-in retention rule for private notes, at the edges of its dates."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.assembled import retention as policy
from coachdesk.assembled import settings_schema
from coachdesk.dates import FixedClock
from coachdesk.store import meetings, reps, retention, settings
from coachdesk.store.changes import Change
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.migrations import DEFAULT_SETTINGS
from coachdesk.store.records import Meeting

RETENTION = settings_schema.PRIVATE_NOTES_RETENTION_MONTHS


def _meeting_on(journal: Journal, held_at: str, private: str = "secret") -> Meeting:
    rep = reps.add_rep(journal, reps.NewRep(f"Rep {held_at}"))
    return meetings.add_meeting(
        journal,
        rep.id,
        held_at,
        rep_agenda="rep agenda",
        my_agenda="my agenda",
        notes="shared notes",
        private_notes=private,
    )


def _private(journal: Journal, meeting: Meeting) -> str:
    found = meetings.get_meeting(journal, meeting.id)
    assert found is not None
    return found.private_notes


def test_off_by_default_and_nothing_is_cleared(journal: Journal) -> None:
    old = _meeting_on(journal, "2010-01-04T09:00")
    assert settings.get_setting(journal, RETENTION.key, "missing") is None
    assert policy.retention_months(journal) is None
    assert policy.apply_retention(journal) == 0
    assert policy.apply_retention_quietly(journal) == 0
    assert _private(journal, old) == "secret"


def test_exactly_n_months_ago_is_kept_and_a_day_older_is_cleared(journal: Journal) -> None:
    # The clock says Monday 2026-11-23; six months before is 2026-05-23.
    day_older = _meeting_on(journal, "2026-05-22T18:30", "a day older")
    exactly = _meeting_on(journal, "2026-05-23T08:00", "exactly six months")
    day_newer = _meeting_on(journal, "2026-05-24T09:00", "a day newer")

    assert retention.retention_cutoff(journal, 6) == dt.date(2026, 5, 23)
    assert retention.count_private_notes_older_than(journal, 6) == 1
    assert retention.purge_private_notes(journal, 6) == 1

    assert _private(journal, day_older) == ""
    assert _private(journal, exactly) == "exactly six months"
    assert _private(journal, day_newer) == "a day newer"


def test_a_month_end_cutoff_is_clamped_to_the_shorter_month(
    journal: Journal, clock: FixedClock
) -> None:
    clock.current = dt.datetime(2026, 8, 31, 9, 0)
    kept = _meeting_on(journal, "2026-02-28T09:00", "last day of February")
    cleared = _meeting_on(journal, "2026-02-27T09:00", "a day before")
    assert retention.retention_cutoff(journal, 6) == dt.date(2026, 2, 28)
    assert retention.purge_private_notes(journal, 6) == 1
    assert _private(journal, kept) == "last day of February"
    assert _private(journal, cleared) == ""


def test_counts_only_meetings_that_had_private_text(journal: Journal) -> None:
    for day in ("2025-01-06", "2025-02-03", "2025-03-03"):
        _meeting_on(journal, day + "T09:00")
    _meeting_on(journal, "2025-04-07T09:00", private="")
    _meeting_on(journal, "2026-11-16T09:00")
    assert retention.purge_private_notes(journal, 3) == 3
    # Run again: nothing left to clear, and nothing is written.
    before = journal.revision()
    assert retention.purge_private_notes(journal, 3) == 0
    assert journal.revision() == before


def test_agendas_and_shared_notes_are_untouched(journal: Journal) -> None:
    old = _meeting_on(journal, "2024-06-03T09:00")
    retention.purge_private_notes(journal, 12)
    after = meetings.get_meeting(journal, old.id)
    assert after is not None
    assert after.private_notes == ""
    assert (after.rep_agenda, after.my_agenda, after.notes) == (
        "rep agenda",
        "my agenda",
        "shared notes",
    )
    assert after.held_at == old.held_at
    assert after.kind == old.kind


def test_one_transaction_tells_listeners_about_meetings(journal: Journal) -> None:
    for day in ("2024-01-08", "2024-02-05"):
        _meeting_on(journal, day + "T09:00")
    heard: list[Change] = []
    journal.add_listener(heard.append)
    before = journal.revision()
    assert retention.purge_private_notes(journal, 12) == 2
    assert journal.revision() == before + 1
    assert [c.subjects for c in heard] == [frozenset({"meetings"})]


def test_cleared_text_is_gone_from_the_files_on_disk(journal: Journal) -> None:
    secret = "Thinking about a performance plan for Q3 " * 20  # long enough to overflow
    _meeting_on(journal, "2024-01-08T09:00", secret)
    journal.checkpoint()
    assert secret[:40].encode() in journal.path.read_bytes()

    assert retention.purge_private_notes(journal, 6) == 1
    on_disk = journal.path.read_bytes()
    wal = journal.path.with_name(journal.path.name + "-wal")
    if wal.exists():
        on_disk += wal.read_bytes()
    assert secret[:40].encode() not in on_disk


def test_apply_retention_follows_the_setting(journal: Journal) -> None:
    old = _meeting_on(journal, "2025-01-06T09:00", "old")
    recent = _meeting_on(journal, "2026-10-05T09:00", "recent")
    settings.set_setting(journal, RETENTION.key, 12)
    assert policy.apply_retention(journal) == 1
    assert _private(journal, old) == ""
    assert _private(journal, recent) == "recent"


@pytest.mark.parametrize("stored", [1, 0, -5, 121, "12", True, 6.5])
def test_a_value_outside_the_rule_counts_as_off(journal: Journal, stored: object) -> None:
    old = _meeting_on(journal, "2020-01-06T09:00", "old")
    settings.set_setting(journal, RETENTION.key, stored)
    assert policy.apply_retention(journal) == 0
    assert _private(journal, old) == "old"


def test_quietly_waits_for_the_next_start_on_a_known_problem(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set_setting(journal, RETENTION.key, 3)
    _meeting_on(journal, "2020-01-06T09:00")

    def disk_full(journal: Journal, older_than_months: int) -> int:
        raise KnownProblem("The disk is full.", "Free some space.")

    monkeypatch.setattr(policy, "purge_private_notes", disk_full)
    assert policy.apply_retention_quietly(journal) == 0


def test_quietly_applies_the_rule(journal: Journal) -> None:
    settings.set_setting(journal, RETENTION.key, 3)
    old = _meeting_on(journal, "2020-01-06T09:00")
    assert policy.apply_retention_quietly(journal) == 1
    assert _private(journal, old) == ""


def test_a_negative_number_of_months_is_refused(journal: Journal) -> None:
    with pytest.raises(ValueError):
        retention.purge_private_notes(journal, -1)


# The settings declarations the rule reads through.


def test_the_retention_setting_takes_3_to_120_months_or_none() -> None:
    for good in (None, 3, 24, 120):
        assert RETENTION.validate(good) == good
    for bad, words in ((2, "between 3 and 120"), (121, "between 3 and 120"), (True, "whole")):
        with pytest.raises(settings_schema.SettingInvalid, match=words):
            RETENTION.validate(bad)


def test_declared_defaults_match_what_a_new_journal_holds(journal: Journal) -> None:
    for key, value in DEFAULT_SETTINGS.items():
        setting = settings_schema.find(key)
        assert setting.default == value
        assert settings_schema.read(journal, setting) == value


def test_text_settings_are_checked() -> None:
    with pytest.raises(settings_schema.SettingInvalid, match="one line"):
        settings_schema.RECAP_INTRO.validate("Thanks\nfor today")
    assert settings_schema.MY_AGENDA_TEMPLATE.validate("- a\n- b\n") == "- a\n- b\n"
    with pytest.raises(settings_schema.SettingInvalid, match="needs a value"):
        settings_schema.DEFAULT_CADENCE_DAYS.validate(None)


def test_writing_checks_everything_first(journal: Journal) -> None:
    before = journal.revision()
    with pytest.raises(settings_schema.SettingInvalid):
        settings_schema.write(
            journal,
            {settings_schema.RECAP_INTRO: "Hello", settings_schema.DEFAULT_CADENCE_DAYS: 400},
        )
    assert journal.revision() == before
    settings_schema.write(
        journal, {settings_schema.RECAP_INTRO: "Hello", settings_schema.DEFAULT_CADENCE_DAYS: 14}
    )
    assert journal.revision() == before + 1
    assert settings_schema.read(journal, settings_schema.DEFAULT_CADENCE_DAYS) == 14


def test_a_setting_is_declared_once() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        settings_schema.declare(settings_schema.RECAP_INTRO)
