"""Starting the GUI: the application object, opening the journal, and problems shown."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coachdesk import APP_NAME, version
from coachdesk.assets import resource
from coachdesk.paths import Paths
from coachdesk.store.cipher import Key
from coachdesk.store.crashlog import log_exception
from coachdesk.store.db import Journal
from coachdesk.store.errors import (
    JournalDamaged,
    KnownProblem,
    PassphraseNeeded,
    WouldTurnProtectionOff,
    WrongPassphrase,
)
from coachdesk.store.progress import Cancelled
from coachdesk.ui.window.proctime import since_start_ms


def install_crash_handler(paths: Paths, parent: QWidget | None = None) -> None:
    """Log bugs with their traceback and show a short apology instead of a traceback."""

    def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(exc, KnownProblem):
            QMessageBox.warning(None, APP_NAME, _problem_text(exc))
            return
        where = log_exception(paths, exc_type, exc, tb)
        detail = f"\n\nDetails for a bug report are in {where}." if where else ""
        QMessageBox.critical(
            None,
            APP_NAME,
            "Sorry — something went wrong inside coachdesk. Your journal is safe: "
            "everything already saved is kept." + detail,
        )

    sys.excepthook = handle


def _problem_text(problem: KnownProblem) -> str:
    return f"{problem.what}\n\n{problem.advice}".strip()


def _open_journal(
    paths: Paths, passphrase: str | None = None, *, interactive: bool = True
) -> Journal | None:
    """Open the journal, explaining any known problem; ``None`` means give up.

    A protected journal is unlocked here, before any window shows anything of it: the
    passphrase given (from ``--passphrase-file``) or else one typed in a small dialog,
    which may be typed again when wrong. Not ``interactive`` (the smoke test), a
    problem is printed instead of shown, so nothing waits for a click.
    """
    while True:
        try:
            return Journal.open(paths, defer_check=True, passphrase=passphrase, holder="app")
        except (PassphraseNeeded, WrongPassphrase) as problem:
            if not interactive:
                print(f"coachdesk: {problem}", file=sys.stderr)
                return None
            error = problem.what if isinstance(problem, WrongPassphrase) else ""
            opened, typed, failed = _unlock_at_start(paths, error)
            if opened is not None or failed is None:
                return opened
            if not isinstance(failed, JournalDamaged):
                QMessageBox.critical(None, APP_NAME, _problem_text(failed))
                return None
            passphrase = typed
            if not _offer_restore(failed, paths, typed):
                return None
        except JournalDamaged as damaged:
            if not interactive or not _offer_restore(damaged, paths, passphrase):
                return None
        except KnownProblem as problem:
            if not interactive:
                print(f"coachdesk: {problem}", file=sys.stderr)
                return None
            QMessageBox.critical(None, APP_NAME, _problem_text(problem))
            return None


def _unlock_at_start(
    paths: Paths, error: str
) -> tuple[Journal | None, str | None, KnownProblem | None]:
    """Ask for the passphrase until it opens the journal or the user gives up.

    Returns the journal (or ``None``), the passphrase that opened it (kept only for a
    restore that follows), and a known problem other than a wrong passphrase.
    """
    from coachdesk.ui.protection.protection_dialog import PassphraseDialog

    opened: list[Journal] = []
    typed: list[str] = []

    def attempt(passphrase: str) -> None:
        typed[:] = [passphrase]
        opened.append(Journal.open(paths, defer_check=True, passphrase=passphrase, holder="app"))

    dialog = PassphraseDialog(
        QApplication.translate("app", "Unlock coachdesk"),
        QApplication.translate("app", "This journal is protected with a passphrase:\n%s")
        % paths.journal,
        attempt,
        error=error,
    )
    dialog.exec()
    passphrase = typed[0] if typed else None
    return (opened[0] if opened else None), passphrase, dialog.problem


def _ask_backup_passphrase(backup: Path) -> str | None:
    """Ask for the passphrase of a protected backup; ``None`` if the user cancels."""
    from coachdesk.store.restore import check_passphrase
    from coachdesk.ui.protection.protection_dialog import PassphraseDialog

    given: list[str] = []

    def attempt(passphrase: str) -> None:
        check_passphrase(backup, passphrase)
        given[:] = [passphrase]

    dialog = PassphraseDialog(
        QApplication.translate("app", "Restore a protected backup"),
        QApplication.translate("app", "%s is protected with a passphrase.") % backup.name,
        attempt,
        action=QApplication.translate("app", "Restore"),
    )
    if not dialog.exec() or not given:
        if dialog.problem is not None:
            QMessageBox.critical(None, APP_NAME, _problem_text(dialog.problem))
        return None
    return given[0]


def _offer_restore(damaged: JournalDamaged, paths: Paths, passphrase: str | None = None) -> bool:
    """Offer the newest good backup for a damaged journal; True if it was restored."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, _problem_text(damaged))
    restore_button = None
    if damaged.newest_backup is not None:
        restore_button = box.addButton(
            QApplication.translate("app", "Restore the newest backup"),
            QMessageBox.ButtonRole.AcceptRole,
        )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return False
    assert damaged.newest_backup is not None
    backup = damaged.newest_backup
    try:
        try:
            moved = restore_with_progress(paths, backup, passphrase=passphrase)
        except WouldTurnProtectionOff as plain:
            if not confirm_turning_protection_off(plain):
                return False
            moved = restore_with_progress(
                paths, backup, passphrase=passphrase, allow_unprotected=True
            )
    except Cancelled:
        return False
    except KnownProblem as problem:
        QMessageBox.critical(None, APP_NAME, _problem_text(problem))
        return False
    if moved is not None:
        QMessageBox.information(
            None,
            APP_NAME,
            QApplication.translate("app", "The damaged journal was kept as %s.") % moved,
        )
    return True


def restore_with_progress(
    paths: Paths,
    backup: Path,
    *,
    passphrase: str | None = None,
    current_key: Key | None = None,
    allow_unprotected: bool = False,
) -> Path | None:
    """Restore ``backup`` (:func:`coachdesk.store.restore.restore`) showing how far it is.

    It can be stopped until the journal is moved aside: :class:`Cancelled`, with the
    journal, the backups and the folder as they were.
    """
    from coachdesk.store.restore import restore
    from coachdesk.ui.widgets.progress import progress_of

    with progress_of(
        None,
        APP_NAME,
        QApplication.translate("app", "Restoring %s…") % backup.name,
        can_cancel=True,
    ) as progress:
        return restore(
            paths,
            backup,
            passphrase=passphrase,
            current_key=current_key,
            allow_unprotected=allow_unprotected,
            progress=progress.tell,
        )


def confirm_turning_protection_off(plain: WouldTurnProtectionOff) -> bool:
    """Ask before a plain backup replaces a protected journal; True to go ahead."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, plain.what)
    box.setInformativeText(
        QApplication.translate(
            "app",
            "After the restore the journal opens without a passphrase. You can protect it "
            "again in Settings → Passphrase.",
        )
    )
    go = box.addButton(
        QApplication.translate("app", "Restore without protection"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


def self_command() -> list[str]:
    """Return the command that starts this coachdesk again (source or frozen)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "coachdesk"]


def open_sample_window() -> None:
    """Start a second coachdesk on the sample team; the user's journal is not touched."""
    from PySide6.QtCore import QProcess

    command = self_command()
    QProcess.startDetached(command[0], [*command[1:], "--demo"])


def _no_display() -> bool:
    """True on Linux when Qt would abort for want of a display."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(
    paths: Paths,
    argv: list[str],
    *,
    demo: bool = False,
    smoke_test: bool = False,
    passphrase: str | None = None,
) -> int:
    """Open the main window on the journal in ``paths``; return the exit code."""

    if _no_display():
        print(
            "coachdesk: there is no display to open the window on (DISPLAY and "
            "WAYLAND_DISPLAY are not set). Run it from a desktop session, or use a "
            "command such as `coachdesk check`; see `coachdesk --help`.",
            file=sys.stderr,
        )
        return 1
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(version())
    app.setWindowIcon(QIcon(str(resource("icons/coachdesk.svg"))))
    from coachdesk.ui.widgets.translations import install_translations

    install_translations(app)

    from coachdesk.ui.window.stopping import StopOnSignals

    # A logout or `kill` ends the app the ordinary way: saved, closed, tidied up (a
    # signal during start-up ends it once the event loop runs: see StopOnSignals).
    stopper = StopOnSignals(app.quit)
    demo_folder: Path | None = None
    try:
        if demo:
            from coachdesk.ui.window.demo import prepare_demo, remove_stale_demos

            remove_stale_demos()
            paths = prepare_demo()
            demo_folder = paths.data_dir
        if stopper.requested:
            return 0
        return _run_window(app, paths, passphrase, smoke_test)
    finally:
        stopper.close()
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)


def _run_window(app: QApplication, paths: Paths, passphrase: str | None, smoke_test: bool) -> int:
    """Open the journal and its window, run until the window closes; the exit code."""
    from coachdesk.ui.window.main_window import MainWindow

    install_crash_handler(paths)
    opened = _open_journal(paths, passphrase, interactive=not smoke_test)
    passphrase = None  # the journal holds its key; the passphrase is not kept
    if opened is None:
        return 1
    journal: Journal = opened
    settings = QSettings()
    if settings.value("view/dark", False, bool):
        from coachdesk.ui.widgets.style import apply_dark_palette

        apply_dark_palette(app)
    window = MainWindow(journal, settings)
    first_paint_ms = 0.0

    def after_first_paint() -> None:
        # The full quick_check runs here, after the window is up; any write waits for it.
        if journal.suspended:
            return  # locked already: it runs at the next start instead
        try:
            journal.verify()
            journal.prepare_for_writing()
            journal.maybe_daily_backup()
            from coachdesk.assembled.retention import apply_retention_quietly

            cleared = apply_retention_quietly(journal)
            if cleared:
                window.statusBar().showMessage(
                    QApplication.translate(
                        "app",
                        "Private notes older than your retention rule were cleared in "
                        "%n meeting(s).",
                        "",
                        cleared,
                    ),
                    10000,
                )
        except JournalDamaged as damaged:
            window.hide()
            journal.close()
            _offer_restore(damaged, paths)
            app.exit(1)
            return
        except KnownProblem as problem:
            window.statusBar().showMessage(str(problem), 15000)
        if smoke_test:
            print(f"first paint after {first_paint_ms:.0f} ms", flush=True)
            app.exit(0)

    def painted() -> None:
        nonlocal first_paint_ms
        first_paint_ms = since_start_ms()
        QTimer.singleShot(0, after_first_paint)

    def restore_from(backup: Path) -> None:
        nonlocal journal, window
        from coachdesk.store.cipher import looks_protected

        backup_passphrase: str | None = None
        allow_unprotected = False
        if looks_protected(backup):
            backup_passphrase = _ask_backup_passphrase(backup)
            if backup_passphrase is None:
                return
        elif journal.protected:
            allow_unprotected = confirm_turning_protection_off(WouldTurnProtectionOff(backup))
            if not allow_unprotected:
                return
        # Closing forgets the key; a copy lets the current journal be backed up first.
        current_key = journal.key.copy() if journal.key is not None else None
        window.hide()
        window.deleteLater()
        journal.close()
        try:
            moved = restore_with_progress(
                paths,
                backup,
                passphrase=backup_passphrase,
                current_key=current_key,
                allow_unprotected=allow_unprotected,
            )
            note = (
                QApplication.translate("app", "The journal it replaced was kept as %s.") % moved
                if moved
                else ""
            )
            QMessageBox.information(
                None,
                APP_NAME,
                QApplication.translate("app", "Restored %s.") % backup.name + "\n\n" + note,
            )
        except Cancelled:
            QMessageBox.information(
                None,
                APP_NAME,
                QApplication.translate(
                    "app", "The restore was stopped before it was done: your journal is unchanged."
                ),
            )
        except KnownProblem as problem:
            QMessageBox.critical(None, APP_NAME, _problem_text(problem))
        finally:
            if current_key is not None:
                current_key.forget()
        reopened = _open_journal(paths, backup_passphrase)
        if reopened is None:
            app.exit(1)
            return
        journal = reopened
        window = _make_window(journal)

    def _make_window(opened: Journal) -> MainWindow:
        made = MainWindow(opened, settings)
        made.restore_requested.connect(restore_from)
        made.sample_requested.connect(open_sample_window)
        made.show()
        return made

    window.first_painted.connect(painted)
    window.restore_requested.connect(restore_from)
    window.sample_requested.connect(open_sample_window)
    window.show()
    try:
        code = app.exec()
    finally:
        window.close()
        journal.close()
        if app.platformName() == "offscreen":
            # Qt's offscreen clipboard crashes at exit while it holds data; nothing
            # can paste from it anyway. On real desktops the recap stays copied.
            app.clipboard().clear()
    return int(code)
