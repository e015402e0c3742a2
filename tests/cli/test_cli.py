"""The command line: usage, global options, exit codes, and the GUI smoke test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coachdesk.cli import run


def coachdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m coachdesk`` in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "coachdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["no-such-command"]) == 2
    assert run(["export"]) == 2
    assert run(["check", "--demo"]) == 2


def test_data_dir_works_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = tmp_path / "before", tmp_path / "after"
    assert run(["--data-dir", str(before), "backup"]) == 0
    assert run(["backup", "--data-dir", str(after)]) == 0
    assert list((before / "backups").glob("*.coachdesk"))
    assert list((after / "backups").glob("*.coachdesk"))


def test_check_reports_schema_and_counts(
    data_paths: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["backup"]) == 0  # creates the journal
    capsys.readouterr()
    assert run(["check"]) == 0
    out = capsys.readouterr().out
    assert "0001_core" in out
    assert "Integrity: ok" in out
    assert "coaching_questions" in out


def test_check_without_a_journal_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", "--data-dir", str(tmp_path / "nothing")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "no journal" in err[0]


def test_version_and_python_m() -> None:
    result = coachdesk("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("coachdesk ")


def test_process_sets_private_umask(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    data = tmp_path / "data"
    result = coachdesk("backup", "--data-dir", str(data), env={"COACHDESK_DATA_DIR": ""})
    assert result.returncode == 0, result.stderr
    assert (data.stat().st_mode & 0o777) == 0o700
    journal = data / "journal.coachdesk"
    assert (journal.stat().st_mode & 0o777) == 0o600
    for backup in (data / "backups").iterdir():
        assert (backup.stat().st_mode & 0o777) == 0o600


def test_smoke_test_paints_and_exits_0(tmp_path: Path) -> None:
    result = coachdesk(
        "--smoke-test", "--data-dir", str(tmp_path / "data"), env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.returncode == 0, result.stderr
    assert "first paint after" in result.stdout


def test_gui_without_a_display_says_so(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for Linux desktops")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "coachdesk", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1
    assert "no display" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "opens_app"),
    [
        ([], True),
        (["--data-dir", "/tmp/x", "--smoke-test"], True),
        (["--demo"], True),
        (["--passphrase-file", "p.txt"], True),
        (["check"], False),
        (["--data-dir", "/tmp/x", "export", "out.json"], False),
        (["--help"], False),
        (["-h"], False),
        (["--data-dir"], False),  # a missing value: the whole parser explains it
        (["--no-such-option"], False),
    ],
)
def test_only_opening_the_app_skips_building_the_commands(argv: list[str], opens_app: bool) -> None:
    from coachdesk.cli import _window_args

    args = _window_args(argv)
    assert (args is not None) is opens_app
    if args is not None:
        assert args.command is None


def test_help_still_lists_every_command_and_mistakes_are_explained(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(["--help"]) == 0
    shown = capsys.readouterr().out
    for command in ("check", "backup", "restore", "export", "prep", "make-sample", "protect"):
        assert command in shown
    assert run(["--data-dir"]) == 2
    assert "expected one argument" in capsys.readouterr().err
    assert run(["--no-such-option"]) == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err
    assert run(["--demo", "--data-dir", str(tmp_path), "check"]) == 2
    assert "give no command" in capsys.readouterr().err


def test_the_pack_says_how_far_it_is_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coachdesk import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert cli._sheet_progress() is None  # piped: nothing
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    show = cli._sheet_progress()
    assert show is not None
    assert show(1, 3) and show(3, 3)
    assert capsys.readouterr().err == "\rSheet 1 of 3\rSheet 3 of 3\n"
