"""The command line and a protected journal: where a passphrase may come from."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from coachdesk.cli import build_parser, run
from coachdesk.store.cipher import SQLITE_HEADER, looks_protected
from tests.plaintext import export_needle, files_holding

PASSPHRASE = "tin roof rusted"
# Every sample here is made for one fixed day, so these tests say the same on any date.
SAMPLE = ["make-sample", "--reps", "2", "--weeks", "2", "--seed", "7", "--today", "2026-06-15"]


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def protected_data(tmp_path: Path, passphrase_file: Path) -> Path:
    data = tmp_path / "data"
    pf = str(passphrase_file)
    assert run(["--data-dir", str(data), *SAMPLE]) == 0
    assert run(["--data-dir", str(data), "--passphrase-file", pf, "protect"]) == 0
    return data


class _NoTerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_protect_then_commands_need_the_passphrase_file(
    tmp_path: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, pf = str(tmp_path / "data"), str(passphrase_file)
    assert run(["--data-dir", data, *SAMPLE]) == 0
    capsys.readouterr()
    assert run(["--data-dir", data, "--passphrase-file", pf, "protect"]) == 0
    assert looks_protected(tmp_path / "data" / "journal.coachdesk")
    out = capsys.readouterr().out
    assert "cannot be recovered" in out
    assert "not encrypted" in out
    assert PASSPHRASE not in out

    assert run(["check", "--data-dir", data, "--passphrase-file", pf]) == 0
    assert "Protected with a passphrase: yes" in capsys.readouterr().out


def test_no_terminal_and_no_file_is_a_clear_exit_1(
    protected_data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _NoTerminal())
    capsys.readouterr()
    assert run(["--data-dir", str(protected_data), "check"]) == 1
    err = capsys.readouterr().err
    assert "protected with a passphrase" in err
    assert "--passphrase-file" in err
    assert len(err.strip().splitlines()) == 1


def test_a_wrong_passphrase_file_is_refused(
    protected_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("tin roof\n", encoding="utf-8")
    before = (protected_data / "journal.coachdesk").read_bytes()
    capsys.readouterr()
    assert run(["--data-dir", str(protected_data), "--passphrase-file", str(wrong), "check"]) == 1
    assert "That passphrase doesn't open this journal." in capsys.readouterr().err
    assert (protected_data / "journal.coachdesk").read_bytes() == before


def test_at_a_terminal_it_is_typed_without_echo_and_may_be_retyped(
    protected_data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["wrong", PASSPHRASE])
    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", getpass)
    capsys.readouterr()
    assert run(["--data-dir", str(protected_data), "check"]) == 0
    assert prompts == ["Passphrase: ", "Passphrase: "]
    captured = capsys.readouterr()
    assert "try again" in captured.err
    assert PASSPHRASE not in captured.out + captured.err


def test_the_passphrase_is_never_an_argument_or_an_environment_variable() -> None:
    options = {o for action in build_parser()._actions for o in action.option_strings}
    assert "--passphrase-file" in options
    assert "--passphrase" not in options
    source = (Path(__file__).parents[2] / "coachdesk" / "cli" / "protection.py").read_text()
    assert "os.environ" not in source and "getenv" not in source


def test_change_passphrase_and_unprotect(
    protected_data: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    new = tmp_path / "new.txt"
    new.write_text("a brand new passphrase\n", encoding="utf-8")
    data, pf = str(protected_data), str(passphrase_file)
    change = ["change-passphrase", "--new-passphrase-file", str(new)]
    assert run(["--data-dir", data, "--passphrase-file", pf, *change]) == 0
    assert run(["--data-dir", data, "--passphrase-file", pf, "check"]) == 1
    assert run(["--data-dir", data, "--passphrase-file", str(new), "unprotect"]) == 0
    assert (protected_data / "journal.coachdesk").read_bytes().startswith(SQLITE_HEADER)
    assert run(["--data-dir", data, "check"]) == 0


def test_no_note_text_is_readable_after_protect_as_ci_checks_it(
    tmp_path: Path, passphrase_file: Path
) -> None:
    # The check `.ci/run` makes on the packaged app, with its positive control: the line
    # looked for is readable in the plain journal first, so its absence later means something.
    data, pf = str(tmp_path / "data"), str(passphrase_file)
    plain = tmp_path / "plain.json"
    sample = [*SAMPLE[:2], "3", "--weeks", "4", *SAMPLE[5:]]
    assert run(["--data-dir", data, *sample]) == 0
    assert run(["--data-dir", data, "export", str(plain)]) == 0
    needle = export_needle(json.loads(plain.read_text(encoding="utf-8")))
    assert files_holding(tmp_path / "data", needle), needle
    assert run(["--data-dir", data, "--passphrase-file", pf, "protect"]) == 0
    assert files_holding(tmp_path / "data", needle) == []
