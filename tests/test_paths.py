"""Where coachdesk keeps things: --data-dir beats COACHDESK_DATA_DIR beats platformdirs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coachdesk import paths as paths_module
from coachdesk.paths import ENV_DATA_DIR, Paths, ensure_private_dir, resolve

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_option_beats_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    assert resolve(tmp_path / "from-option").data_dir == tmp_path / "from-option"
    assert resolve(str(tmp_path / "as-text")).data_dir == tmp_path / "as-text"


def test_the_environment_beats_platformdirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    assert resolve(None).data_dir == tmp_path / "from-env"
    assert resolve("").data_dir == tmp_path / "from-env", "an empty option is no option"


def test_platformdirs_when_nothing_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_DATA_DIR)
    chosen = resolve(None).data_dir
    assert chosen == paths_module.default_data_dir()
    assert chosen.name == "coachdesk"
    if sys.platform.startswith("linux"):
        # conftest points XDG_DATA_HOME into the test's folder.
        assert chosen == tmp_path / "xdg-data" / "coachdesk"
    monkeypatch.setenv(ENV_DATA_DIR, "")
    assert resolve(None).data_dir == chosen, "an empty variable is no variable"


def test_paths_are_absolute_and_expand_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve("~/journal").data_dir == tmp_path / "home" / "journal"
    monkeypatch.chdir(tmp_path)
    assert resolve("relative").data_dir == tmp_path / "relative"


def test_everything_lives_in_the_data_folder(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "d")
    assert paths.journal == tmp_path / "d" / "journal.coachdesk"
    assert paths.lock == tmp_path / "d" / "journal.coachdesk.lock"
    for folder in (paths.backups, paths.logs, paths.exports):
        assert folder.parent == paths.data_dir


@pytest.mark.slow
def test_the_command_line_option_beats_the_environment(tmp_path: Path) -> None:
    env = {**os.environ, ENV_DATA_DIR: str(tmp_path / "from-env")}
    option = tmp_path / "from-option"
    proc = subprocess.run(
        [sys.executable, "-m", "coachdesk", "--data-dir", str(option), "backup"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert (option / "journal.coachdesk").exists()
    assert not (tmp_path / "from-env").exists()

    proc = subprocess.run(
        [sys.executable, "-m", "coachdesk", "backup"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "from-env" / "journal.coachdesk").exists()


# ----------------------------------------------------------------- private folders


@posix_only
def test_ensure_makes_private_folders(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        paths = Paths(tmp_path / "new" / "coachdesk")
        paths.ensure()
    finally:
        os.umask(old)
    for folder in (paths.data_dir, paths.backups, paths.logs):
        assert folder.is_dir()
        assert _mode(folder) == 0o700, folder


@posix_only
def test_ensure_tightens_its_own_folders_and_leaves_others(tmp_path: Path) -> None:
    own = tmp_path / "coachdesk"
    own.mkdir(mode=0o755)
    own.chmod(0o755)
    (own / "backups").mkdir()
    (own / "backups").chmod(0o775)
    other = tmp_path / "my-shared-folder"
    other.mkdir()
    other.chmod(0o755)

    Paths(own).ensure()
    ensure_private_dir(other)

    assert _mode(own) == 0o700
    assert _mode(own / "backups") == 0o700
    assert _mode(other) == 0o755, "a folder the user chose and that is not ours is left alone"


@posix_only
def test_ensure_does_not_loosen_a_read_only_folder(tmp_path: Path) -> None:
    own = tmp_path / "coachdesk"
    own.mkdir()
    (own / "backups").mkdir()
    (own / "backups").chmod(0o500)
    try:
        Paths(own).ensure()
        assert _mode(own / "backups") == 0o500
    finally:
        (own / "backups").chmod(0o700)


def test_make_private_sets_the_umask() -> None:
    old = os.umask(0o022)
    try:
        paths_module.make_private()
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(old)
