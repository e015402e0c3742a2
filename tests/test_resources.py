"""Resources are found the same way from an installed wheel as from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coachdesk.assets import resource

ROOT = Path(__file__).resolve().parents[1]


def test_resources_found_from_the_checkout() -> None:
    icon = resource("icons/coachdesk.svg")
    assert icon.is_file()
    assert b"<svg" in icon.read_bytes()


@pytest.mark.slow
def test_resources_found_from_an_installed_wheel(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("coachdesk-*.whl")
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    probe = (
        "import coachdesk.assets as a, coachdesk, sys;"
        "p = a.resource('icons/coachdesk.svg');"
        "assert p.is_file(), p;"
        "assert str(p).startswith(sys.argv[1]), (str(p), sys.argv[1]);"
        "print(p)"
    )
    # Run from an empty folder with only the installed copy on the path, so the
    # checkout (and its editable install) cannot answer instead.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    result = subprocess.run(
        [sys.executable, "-S", "-c", probe, str(target)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "coachdesk/resources/icons/coachdesk.svg" in result.stdout.replace("\\", "/")
