"""Shared fixtures: every test gets a fresh temporary data folder, never the real one."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

# Tests run without a display: Qt's offscreen platform, set before Qt is imported.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import pytest

from coachdesk import paths as paths_module
from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store.db import Journal


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point every default location at the test's own folder, and make writes private."""
    data = tmp_path / "coachdesk-data"
    monkeypatch.setenv(paths_module.ENV_DATA_DIR, str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    old = os.umask(paths_module.PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture(scope="session", autouse=True)
def _one_application_for_the_session(qapp: object) -> None:
    """A QApplication before any test runs code that would make a bare QGuiApplication.

    The prep command renders sheets with Qt's text layout and starts a QGuiApplication
    when there is none; a window test after it would then find no QApplication.

    Dates on screen follow the locale: the tests read them in one ("C", English names),
    whatever the machine's language; and the app's English plural forms are loaded, as the
    app loads them at start.
    """
    from PySide6.QtCore import QCoreApplication, QLocale

    from coachdesk.ui.widgets.translations import install_translations

    QLocale.setDefault(QLocale.c())
    # Counted texts read as the app shows them: "1 rep", "2 reps".
    assert isinstance(qapp, QCoreApplication)
    assert install_translations(qapp) is not None


@pytest.fixture(autouse=True)
def _empty_clipboard_after_test() -> Iterator[None]:
    """Leave Qt's offscreen clipboard empty: it crashes at exit while holding data."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.clipboard().clear()


@pytest.fixture
def data_paths(tmp_path: Path) -> Paths:
    """The test's data folder."""
    return paths_module.resolve(tmp_path / "coachdesk-data")


@pytest.fixture
def clock() -> FixedClock:
    """A clock fixed on Monday 2026-11-23 at 09:00 local time."""
    return FixedClock(dt.datetime(2026, 11, 23, 9, 0))


@pytest.fixture
def journal(data_paths: Paths, clock: FixedClock) -> Iterator[Journal]:
    """A fresh, empty journal opened for writing."""
    j = Journal.open(data_paths, clock=clock)
    try:
        yield j
    finally:
        j.close()
