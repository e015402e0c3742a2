"""Every screen holds on a laptop: no widget drawn over another, squeezed, cut or scrolling
sideways, on the screens people have.

Each screen size runs in its own process (tests/ui/layout_walk.py), because the screen,
and a scale factor such as 150 %, are fixed when Qt starts: 1366×738 (a 1366×768 laptop
under a panel), 1280×720, and 1920×1080 at 150 % (1280×720 in Qt's pixels, with fonts
and frames rounded the way that scale rounds them). Each walks every main view, every
tab of the rep page and every dialog, in the light and the dark palette.

By default the processes use Qt's offscreen platform with a screen of that size. With
``COACHDESK_LAYOUT_PLATFORM=xcb`` they run on a real X server instead (an Xvfb of that
size each, started here), where fonts and their metrics are the ones a Linux desktop
has; CI runs both.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = os.environ.get("COACHDESK_LAYOUT_PLATFORM", "offscreen")
PALETTES = ("light", "dark")
# Qt's offscreen platform says once per window that it cannot pass size hints on.
HARMLESS = ("propagateSizeHints",)


@dataclass(frozen=True)
class Screen:
    """A screen: its available area in device pixels, and Qt's scale factor on it."""

    name: str
    width: int
    height: int
    scale: float = 1.0


SCREENS = (
    Screen("1366x738", 1366, 738),
    Screen("1280x720", 1280, 720),
    Screen("1920x1080 at 150%", 1920, 1080, 1.5),
)


@dataclass
class Walk:
    """What one process said: a line per place, the dialogs shown, Qt's warnings."""

    places: list[dict[str, object]]
    dialogs: set[str]
    warnings: list[str]
    finished: bool
    output: str


class _Xvfb:
    """A virtual X server of one size, on a display of its own choosing."""

    def __init__(self, screen: Screen) -> None:
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            pytest.fail("COACHDESK_LAYOUT_PLATFORM=xcb needs Xvfb (apt-get install xvfb)")
        read, write = os.pipe()
        self.process = subprocess.Popen(
            [
                xvfb,
                "-displayfd",
                str(write),
                "-screen",
                "0",
                f"{screen.width}x{screen.height}x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as said:
            number = said.readline().strip()
        if not number:
            self.process.kill()
            pytest.fail("Xvfb did not start")
        self.display = f":{number}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _environment(screen: Screen, folder: Path) -> tuple[dict[str, str], _Xvfb | None]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["PYTHONPATH"] = str(ROOT)
    if screen.scale != 1:
        env["QT_SCALE_FACTOR"] = str(screen.scale)
    if PLATFORM == "xcb":
        server = _Xvfb(screen)
        env["DISPLAY"] = server.display
        env["QT_QPA_PLATFORM"] = "xcb"
        return env, server
    config = folder / "screen.json"
    size = {"width": screen.width, "height": screen.height}
    one = {"name": "laptop", "x": 0, "y": 0, **size, "logicalDpi": 96, "logicalBaseDpi": 96}
    config.write_text(json.dumps({"screens": [{**one, "dpr": 1}]}), encoding="utf-8")
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    return env, None


def _read(output: str) -> Walk:
    places, dialogs, warnings = [], set(), []
    for line in output.splitlines():
        if line.startswith("{"):
            said = json.loads(line)
            if "dialog" in said:
                dialogs.add(str(said["dialog"]))
            else:
                places.append(said)
        elif line.startswith("qt: ") and not any(h in line for h in HARMLESS):
            warnings.append(line)
    return Walk(places, dialogs, warnings, output.rstrip().endswith("done"), output)


def _dialog_classes() -> set[str]:
    """Every dialog class of the app, from its source."""
    found = set()
    for path in (ROOT / "coachdesk" / "ui").rglob("*.py"):
        found.update(re.findall(r"^class (\w+)\(QDialog\)", path.read_text("utf-8"), re.M))
    return found


@pytest.fixture(scope="module")
def walks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Walk]]:
    """Every screen walked, the processes side by side."""
    running = []
    servers: list[_Xvfb] = []
    try:
        for screen in SCREENS:
            folder = tmp_path_factory.mktemp("layout")
            env, server = _environment(screen, folder)
            if server is not None:
                servers.append(server)
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.ui.layout_walk", *PALETTES],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            running.append((screen, process))
        done: dict[str, Walk] = {}
        deadline = time.monotonic() + 240
        for screen, process in running:
            try:
                output, _ = process.communicate(timeout=max(1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                output, _ = process.communicate()
            done[screen.name] = _read(output)
        yield done
    finally:
        for _screen, process in running:
            if process.poll() is None:
                process.kill()
                process.wait()
        for server in servers:
            server.stop()


@pytest.mark.parametrize("screen", [s.name for s in SCREENS])
def test_every_screen_holds(walks: dict[str, Walk], screen: str) -> None:
    walk = walks[screen]
    assert walk.finished, f"the walk on {screen} did not finish:\n{walk.output[-3000:]}"
    visited = {str(place["place"]) for place in walk.places}
    # The walk reached every view, tab and dialog (a renamed tab or dialog shows here).
    for expected in (
        "Opening",
        "This week",
        "Rep page — 1:1s",
        "Rep page — Ladder",
        "Rep page — 1:1s with Questions to ask",
        "Close out",
        "Settings — Teams",
        "Weekly numbers",
        "Search everything",
    ):
        assert expected in visited, f"{expected!r} was not visited on {screen}"
    # Every dialog there is (a new one is added to tests/ui/layout_walk.py).
    missing = _dialog_classes() - walk.dialogs
    assert not missing, f"dialogs the walk does not open: {sorted(missing)}"
    faults = [
        f"[{place['palette'] or 'first opening'}] {place['place']}: {finding}"
        for place in walk.places
        for finding in place["findings"]  # type: ignore[attr-defined]
    ]
    assert not faults, f"{len(faults)} layout faults on {screen} ({PLATFORM}):\n" + "\n".join(
        faults
    )
    assert not walk.warnings, "\n".join(walk.warnings)
