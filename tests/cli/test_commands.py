"""The commands, run as a manager or an admin would run them, checked on disk."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from coachdesk.cli import run
from coachdesk.paths import resolve
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal


def fill(data: Path) -> None:
    """Two reps with hard text, private notes included."""
    with Journal.open(resolve(data)) as journal:
        ana = reps.add_rep(journal, reps.NewRep('Ana "O\'Neil"; DROP TABLE reps;--'))
        bo = reps.add_rep(journal, reps.NewRep("بو تشين", email="bo@example.com"))
        meetings.add_meeting(
            journal,
            ana.id,
            "2026-11-20T09:00",
            notes="Acme 🧑🏽‍💻 e\u0301 \\ 'quoted' " + "x" * 1_000_000,
            private_notes="ANA-PRIVATE",
        )
        meetings.add_meeting(
            journal, bo.id, "2026-11-19T09:00", notes="שלום", private_notes="BO-PRIVATE"
        )


def test_export_import_export_is_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(tmp_path / "one")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert (
        run(["export", "--data-dir", str(tmp_path / "one"), str(first), "--include-private"]) == 0
    )
    assert run(["import-json", str(first), "--data-dir", str(tmp_path / "two")]) == 0
    assert (
        run(["--data-dir", str(tmp_path / "two"), "export", str(second), "--include-private"]) == 0
    )
    assert first.read_bytes() == second.read_bytes()
    assert "ANA-PRIVATE" in first.read_text(encoding="utf-8")
    assert "not encrypted" in capsys.readouterr().out


def test_export_leaves_private_notes_out_unless_asked(tmp_path: Path) -> None:
    fill(tmp_path / "d")
    out = tmp_path / "all.json"
    assert run(["export", str(out), "--data-dir", str(tmp_path / "d")]) == 0
    text = out.read_text(encoding="utf-8")
    assert "ANA-PRIVATE" not in text and "BO-PRIVATE" not in text
    assert json.loads(text)["include_private"] is False


def test_export_one_person_for_a_data_access_request(tmp_path: Path) -> None:
    fill(tmp_path / "d")
    out = tmp_path / "bo.json"
    assert (
        run(["export", str(out), "--rep", "bo@example.com", "--data-dir", str(tmp_path / "d")]) == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "שלום" in text
    assert "Acme" not in text and "DROP TABLE" not in text


def test_export_of_an_unknown_rep_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(tmp_path / "d")
    assert (
        run(
            [
                "export",
                str(tmp_path / "x.json"),
                "--rep",
                "Nobody",
                "--data-dir",
                str(tmp_path / "d"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no rep called 'Nobody'" in err[0]


def test_import_json_refuses_a_journal_with_reps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(tmp_path / "d")
    out = tmp_path / "all.json"
    assert run(["export", str(out), "--data-dir", str(tmp_path / "d")]) == 0
    assert run(["import-json", str(out), "--data-dir", str(tmp_path / "d")]) == 1
    assert "not empty" in capsys.readouterr().err


def test_import_roster_good_and_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(
        "\ufeffFull Name;Email;Team\nJosé Müller;jose@example.com;East\nZoë;;East\n".encode()
    )
    data = str(tmp_path / "d")
    assert run(["import-roster", str(good), "--data-dir", data]) == 0
    assert "Imported 2 reps (1 new team)." in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Start Date\nAna,2024-01-01\nBo,03/04/2024\n", encoding="utf-8")
    assert run(["import-roster", str(bad), "--data-dir", data]) == 1
    err = capsys.readouterr().err
    assert "line 3" in err
    with Journal.open(resolve(data)) as journal:
        assert sorted(r.name for r in reps.list_reps(journal)) == ["José Müller", "Zoë"]


def test_make_sample_fills_an_empty_journal_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "d")
    sample = ["make-sample", "--reps", "5", "--weeks", "6", "--seed", "3", "--today", "2026-06-15"]
    assert run([*sample, "--data-dir", data]) == 0
    assert "5 reps" in capsys.readouterr().out
    assert run(["make-sample", "--data-dir", data]) == 1
    assert "no reps" in capsys.readouterr().err
    assert run(["make-sample", "--reps", "0", "--data-dir", data]) == 2


def test_make_sample_for_a_given_day_is_the_same_journal_on_any_real_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from coachdesk.dates import SystemClock

    sample = ["make-sample", "--reps", "3", "--weeks", "4", "--seed", "7", "--today", "2028-02-29"]
    exports = []
    for real in (dt.datetime(2026, 12, 2, 14, 5), dt.datetime(2031, 7, 19, 23, 59)):
        monkeypatch.setattr(SystemClock, "now", lambda self, real=real: real)
        data, out = str(tmp_path / str(real.year)), tmp_path / f"{real.year}.json"
        assert run([*sample, "--data-dir", data]) == 0
        assert run(["export", str(out), "--include-private", "--data-dir", data]) == 0
        exports.append(json.loads(out.read_text(encoding="utf-8")))
    assert exports[0] == exports[1]
    held = [m["held_at"] for m in exports[0]["tables"]["meetings"] if m["closed_at"]]
    assert held and max(held) < "2028-02-29"
    stamps = [m["created_at"] for m in exports[0]["tables"]["meetings"]]
    assert max(stamps) <= "2028-02-29T09:00:00"


def test_make_sample_refuses_a_day_that_is_not_a_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["make-sample", "--today", "2027-02-29", "--data-dir", str(tmp_path / "d")]) == 2
    assert "'2027-02-29' is not a date; write YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_backup_then_restore_keeps_the_replaced_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d"
    fill(data)
    copy = tmp_path / "copy.coachdesk"
    assert run(["backup", str(copy), "--data-dir", str(data)]) == 0
    with Journal.open(resolve(data)) as journal:
        reps.add_rep(journal, reps.NewRep("Added after the backup"))
    capsys.readouterr()
    assert run(["restore", str(copy), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "kept as" in out
    kept = Path(out.strip().split("kept as ")[-1])
    names = [r[0] for r in sqlite3.connect(kept).execute("SELECT name FROM reps")]
    assert "Added after the backup" in names
    with Journal.open(resolve(data)) as journal:
        assert "Added after the backup" not in [r.name for r in reps.list_reps(journal)]


def test_input_that_cannot_be_used_is_said_and_not_logged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, out = tmp_path / "d", tmp_path / "ana.pdf"
    argv = ["prep", "Ana", "--pdf", str(out), "--date", "23/11/2026", "--data-dir", str(data)]
    assert run(argv) == 1
    err = capsys.readouterr().err.strip()
    assert err == "coachdesk: '23/11/2026' is not a date. Write it as YYYY-MM-DD."
    assert not (data / "logs" / "coachdesk.log").exists()


def test_a_bug_is_logged_without_note_text_and_explained_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import coachdesk.cli as cli

    def broken(paths: object, args: object) -> None:
        raise ValueError("SECRET NOTE TEXT")

    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    data = tmp_path / "d"
    assert run(["check", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "sorry" in err[0] and "Traceback" not in err[0]
    log = (data / "logs" / "coachdesk.log").read_text(encoding="utf-8")
    assert "ValueError" in log and "SECRET NOTE TEXT" not in log
    assert ((data / "logs" / "coachdesk.log").stat().st_mode & 0o777) == 0o600
