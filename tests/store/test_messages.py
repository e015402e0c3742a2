"""What a person reads when something goes wrong: whole, in the right words, for the right
place (the window, or a command that has already ended)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from coachdesk.cli import run
from coachdesk.dates import FixedClock
from coachdesk.paths import Paths, resolve
from coachdesk.sample.team import make_sample
from coachdesk.store import (
    agreements,
    numbers,
    plans,
    protection,
    ratings,
    reps,
    settings,
    transfer,
)
from coachdesk.store.db import Journal
from coachdesk.store.errors import (
    ImportProblem,
    InvalidInput,
    JournalDamaged,
    KnownProblem,
    WriteFailed,
    write_problem,
)
from coachdesk.store.records import AgreementContent
from tests.store.journal_files import add_rep


def _damaged(data: Path) -> Path:
    """A journal with a few b-tree pages overwritten in the middle (the header is fine)."""
    with Journal.open(resolve(data), clock=FixedClock(dt.datetime(2026, 11, 23, 9))) as journal:
        make_sample(journal, reps=3, weeks=6, seed=7)
        journal.checkpoint()
    path = data / "journal.coachdesk"
    with open(path, "r+b") as handle:
        for page in (3, 4, 5, 10, 20):
            handle.seek(4096 * (page - 1) + 8)
            handle.write(b"\x7f" * 40)
    found = sqlite3.connect(path).execute("PRAGMA quick_check").fetchone()[0]
    assert found.count("\n") > 3  # SQLite's finding spans many lines
    return path


def test_a_damaged_page_gets_the_whole_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _damaged(data)
    with pytest.raises(JournalDamaged) as caught:
        Journal.open(resolve(data))
    said = str(caught.value)
    assert "\n" not in said
    assert said.count("(") == said.count(")")
    assert "*** in database" not in said
    assert "more findings)" in said
    assert said.endswith("Nothing was written to it, and there is no backup to restore.")

    assert run(["check", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "more findings). Nothing was written to it" in err


def test_a_deeply_nested_file_is_not_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(ImportProblem, match="is not a coachdesk export"):
        transfer.read_export(nested)
    data = tmp_path / "data"
    assert run(["import-json", str(nested), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "nested.json is not a coachdesk export" in err
    assert "sorry" not in err  # a known problem, not a bug
    logs = data / "logs"
    assert not logs.exists() or not any("RecursionError" in p.read_text() for p in logs.iterdir())


def test_a_command_on_a_full_disk_does_not_promise_to_keep_trying(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    problem = write_problem(full, tmp_path / "journal.coachdesk")
    assert problem is not None
    assert "keeps trying" in str(problem)  # the window keeps the text and retries
    assert "keeps trying" not in problem.for_command()
    assert "run the command again" in problem.for_command()

    # As a command meets it: import a roster onto a disk that is full.
    roster = tmp_path / "roster.csv"
    roster.write_text("Name\nAna Ruiz\n", encoding="utf-8")

    def no_space(self: Journal, *subjects: str) -> object:
        raise problem

    monkeypatch.setattr(Journal, "write", no_space)
    assert run(["import-roster", str(roster), "--data-dir", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "The disk is full" in err
    assert "run the command again" in err and "keeps trying" not in err


@pytest.mark.skipif(os.name != "posix", reason="file ownership is POSIX")
def test_an_export_over_someone_elses_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a shared folder such as /tmp (sticky), a file that belongs to another user
    # cannot be replaced even though the folder is writable: rename says EPERM.
    theirs = tmp_path / "export.json"
    theirs.write_text("someone else's", encoding="utf-8")
    data = tmp_path / "data"
    with Journal.open(resolve(data)) as journal:
        add_rep(journal, "Ana")

    def not_yours(src: object, dst: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(dst))

    monkeypatch.setattr(os, "replace", not_yours)
    assert run(["export", str(theirs), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "cannot be replaced (it may belong to another user" in err
    assert "folder" not in err
    assert theirs.read_text(encoding="utf-8") == "someone else's"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_write_failed_keeps_its_command_words_apart() -> None:
    problem = WriteFailed("What.", "In the window.", "After a command.")
    assert str(problem) == "What. In the window."
    assert problem.for_command() == "What. After a command."
    assert WriteFailed("What.", "Both.").for_command() == "What. Both."


def test_input_the_user_gave_is_refused_in_words(journal: Journal) -> None:
    # A question left empty, a metric's name, targets, dates that contradict each other,
    # a passphrase: each is the user's, and is refused with what is wrong, as a known
    # problem, not as a bug.
    ana = add_rep(journal, "Ana")
    refused: dict[str, Callable[[], object]] = {
        "needs some text": lambda: settings.save_question_bank(
            journal, [settings.QuestionEdit(None, "  ")]
        ),
        "a letter or a digit": lambda: numbers.add_metric(journal, numbers.NewMetric("!!!")),
        "below zero": lambda: numbers.set_target(journal, ana, "2026-Q4", "calls", -1),
        "0 or more": lambda: plans.check_targets([("Calls", -1)]),
        "review": lambda: agreements.start_draft(
            journal,
            agreements.AgreementOwner.rep(ana),
            AgreementContent(agreed_on="2026-11-23", review_on="2026-11-01"),
        ),
        "cannot be empty": lambda: protection.protect(journal, ""),
    }
    for words, attempt in refused.items():
        with pytest.raises(InvalidInput, match=words) as caught:
            attempt()
        assert isinstance(caught.value, KnownProblem)
        assert not isinstance(caught.value, ValueError)
    assert not journal.protected


def test_a_wrong_value_from_our_own_code_stays_a_bug(journal: Journal) -> None:
    # Rungs and days come from pickers, field names from code: a wrong one is a bug,
    # logged with its traceback, never shown as if the user had typed it.
    ana = add_rep(journal, "Ana")
    wrong: list[Callable[[], object]] = [
        lambda: ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-23", 6)),
        lambda: reps.update_rep(journal, ana, no_such_field="x"),
        lambda: numbers.set_values(journal, [numbers.ValueChange(ana, "week 47", "calls", 1)]),
    ]
    for attempt in wrong:
        with pytest.raises(ValueError) as caught:
            attempt()
        assert not isinstance(caught.value, KnownProblem)


def test_a_restore_of_a_plain_backup_over_a_protected_journal_needs_unprotected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, passphrase = tmp_path / "data", tmp_path / "pass.txt"
    passphrase.write_text("tin roof rusted\n", encoding="utf-8")
    with Journal.open(resolve(data)) as journal:
        add_rep(journal, "Ana")
        plain = journal.backup("manual", tmp_path / "plain-copy.coachdesk")
    pf = ["--passphrase-file", str(passphrase)]
    assert run(["--data-dir", str(data), *pf, "protect"]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(data), *pf, "restore", str(plain)]) == 1
    err = capsys.readouterr().err
    assert "would turn protection off" in err and "--unprotected" in err
    assert run(["--data-dir", str(data), *pf, "restore", str(plain), "--unprotected"]) == 0
    assert "no longer protected with a passphrase" in capsys.readouterr().out
    assert stat.S_IMODE((data / "journal.coachdesk").stat().st_mode) == 0o600
    assert isinstance(Paths(data).journal, Path)
