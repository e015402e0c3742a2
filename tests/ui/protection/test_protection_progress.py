"""Protecting, changing the passphrase and restoring show their progress; the window paints.

A journal of 20 reps over half a year takes about a second to protect: long enough for
the dialog (shown sooner here) and for a 20 ms timer to tell whether the window went on
processing its events meanwhile.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.sample.team import make_sample
from coachdesk.store import protection
from coachdesk.store.backups import list_backups
from coachdesk.store.cipher import looks_protected
from coachdesk.store.db import Journal
from coachdesk.store.progress import Cancelled
from coachdesk.ui.protection.protection_dialog import NewPassphraseDialog, ProtectionPage
from coachdesk.ui.widgets import progress
from coachdesk.ui.widgets.progress import ProgressDialog
from coachdesk.ui.window.app import restore_with_progress
from tests.ui.rep.test_meeting_flow import open_window

PASSPHRASE = "heron above the weir"
LONGEST_GAP_S = 0.2


@pytest.fixture
def sized(data_paths: Paths, clock: FixedClock) -> Iterator[Journal]:
    """A journal of 20 reps over 26 weeks, with a backup, opened for writing."""
    journal = Journal.open(data_paths, clock=clock)
    make_sample(journal, reps=20, weeks=26, seed=5)
    journal.backup("manual")
    journal.checkpoint()
    yield journal
    journal.close()


@pytest.fixture(autouse=True)
def _show_sooner(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog shows after 100 ms rather than 700, so a one-second run shows it."""
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 100)


@dataclass
class Watch:
    """A 20 ms timer's ticks and what the progress dialog showed at each."""

    ticks: list[float] = field(default_factory=list)
    values: list[int] = field(default_factory=list)
    dialogs: list[ProgressDialog] = field(default_factory=list)
    cancel_at: int | None = None
    cancelled_at: int | None = None

    def tick(self) -> None:
        self.ticks.append(time.monotonic())
        shown = _shown_progress()
        if shown is None:
            return
        if shown not in self.dialogs:
            self.dialogs.append(shown)
        self.values.append(shown.value())
        button = shown.cancel_button
        asked = self.cancel_at is not None and self.cancelled_at is None
        if asked and button is not None and shown.value() >= (self.cancel_at or 0):
            self.cancelled_at = shown.value()
            button.click()

    def longest_gap(self) -> float:
        return max(b - a for a, b in itertools.pairwise(self.ticks))


def _shown_progress() -> ProgressDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ProgressDialog) and widget.isVisible():
            return widget
    return None


@pytest.fixture
def watch() -> Iterator[Watch]:
    found = Watch()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(found.tick)
    timer.start()
    yield found
    timer.stop()


def _type_new_passphrase() -> None:
    def fill_in() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, NewPassphraseDialog)
        )
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        dialog.ok.click()

    QTimer.singleShot(50, fill_in)


def _said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: told.append(a[2]))
    return told


def _files(paths: Paths) -> dict[str, str]:
    return {
        str(p.relative_to(paths.data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.data_dir.rglob("*"))
        if p.is_file() and not p.name.endswith(("-wal", "-shm", ".lock"))
    }


def test_protecting_shows_progress_while_the_window_keeps_painting(
    qtbot: QtBot,
    sized: Journal,
    tmp_path: Path,
    watch: Watch,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, sized, tmp_path)
    page = ProtectionPage(sized)
    qtbot.addWidget(page)
    page.show()
    told = _said(monkeypatch)
    _type_new_passphrase()
    started = len(watch.ticks)
    page.protect_button.click()
    during = watch.ticks[started:]

    assert sized.protected and looks_protected(sized.path)
    assert watch.dialogs, "the progress dialog showed"
    assert watch.dialogs[0].cancel_button is not None, "protecting can be stopped"
    assert len(set(watch.values)) > 3 and watch.values == sorted(watch.values)
    # The event loop ran all along: ticks kept coming however long protecting took (a
    # fast machine takes less time, so fewer ticks; the gaps between them are the test).
    assert len(during) > 3, "the event loop ran while the journal was protected"
    gaps = [b - a for a, b in itertools.pairwise(during)]
    assert max(gaps) <= LONGEST_GAP_S, f"longest gap {max(gaps):.3f} s"
    assert told and "protected with your passphrase" in told[0]
    assert window.isVisible()


def test_cancel_while_protecting_leaves_the_journal_as_it_was(
    qtbot: QtBot,
    sized: Journal,
    data_paths: Paths,
    watch: Watch,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = ProtectionPage(sized)
    qtbot.addWidget(page)
    page.show()
    before = _files(data_paths)
    told = _said(monkeypatch)
    watch.cancel_at = 300  # while the encrypted copy is being checked
    _type_new_passphrase()
    page.protect_button.click()

    assert watch.cancelled_at is not None
    assert not sized.protected and not looks_protected(data_paths.journal)
    sized.checkpoint()
    assert _files(data_paths) == before
    assert told == ["You stopped it before it was done: the journal is unchanged."]
    assert page.protect_button.isVisibleTo(page)


def test_changing_the_passphrase_says_please_wait_and_has_no_cancel(
    qtbot: QtBot, sized: Journal, watch: Watch, monkeypatch: pytest.MonkeyPatch
) -> None:
    protection.protect(sized, PASSPHRASE)
    page = ProtectionPage(sized)
    qtbot.addWidget(page)
    page.show()
    _said(monkeypatch)
    monkeypatch.setattr(page, "_ask_current", lambda title, action: PASSPHRASE)
    _type_new_passphrase()  # the same one again: still a change, and quick to type
    page.change_button.click()

    assert watch.dialogs, "the progress dialog showed"
    shown = watch.dialogs[0]
    assert shown.cancel_button is None
    assert shown.label.text().startswith("Please wait")
    assert sized.protected


def test_a_restore_shows_progress_and_cancel_changes_nothing(
    qtbot: QtBot,
    sized: Journal,
    data_paths: Paths,
    watch: Watch,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    protection.protect(sized, PASSPHRASE)
    chosen = list_backups(data_paths)[0]
    assert looks_protected(chosen)
    sized.close()
    before = _files(data_paths)
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 0)
    watch.cancel_at = 0  # as soon as it shows
    with pytest.raises(Cancelled):
        restore_with_progress(data_paths, chosen, passphrase=PASSPHRASE)
    assert watch.cancelled_at is not None
    assert _files(data_paths) == before
    assert not [p for p in data_paths.data_dir.rglob("*") if ".restoring" in p.name]

    watch.cancel_at = None
    started = len(watch.ticks)
    moved = restore_with_progress(data_paths, chosen, passphrase=PASSPHRASE)
    assert moved is not None and moved.exists()
    during = watch.ticks[started:]
    assert max(b - a for a, b in itertools.pairwise(during)) <= LONGEST_GAP_S
