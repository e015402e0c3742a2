"""Protecting the journal with a passphrase: asking for one, and the Settings tab.

The store does the work (:mod:`coachdesk.store.protection`); these dialogs ask, warn and
report. Every passphrase field hides what is typed, and no passphrase is kept once
the dialog that asked for it is gone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema as schema
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem, WrongPassphrase
from coachdesk.store.progress import Cancelled
from coachdesk.ui.widgets.progress import progress_of

AUTO_LOCK_MINUTES = 10


def _tr(text: str) -> str:
    return QCoreApplication.translate("protection", text)


def forgotten_text() -> str:
    """The one warning every passphrase dialog repeats."""
    return _tr("A forgotten passphrase cannot be recovered, by anyone. Keep it somewhere safe.")


def strength_hint(passphrase: str) -> str:
    """A short word on how hard ``passphrase`` would be to guess; no rules to follow.

    A rough estimate: length times the size of the alphabet its characters come from,
    discounted for repeated characters. Several unrelated words score well.
    """
    if not passphrase:
        return ""
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    distinct = len(set(passphrase))
    effective = min(len(passphrase), 2 * distinct)
    bits = effective * math.log2(max(pool, 2))
    if bits < 40:
        return _tr("Weak: easy to guess. Several unrelated words make a strong passphrase.")
    if bits < 60:
        return _tr("Fair: longer would be better, for example another word or two.")
    if bits < 80:
        return _tr("Good.")
    return _tr("Strong.")


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    # Keeps the passphrase out of input-method history and predictive keyboards.
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhSensitiveData
    )
    return field


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class PassphraseDialog(QDialog):
    """Asks for an existing passphrase and tries it; a wrong one may be typed again.

    ``attempt(passphrase)`` raises :class:`WrongPassphrase` for a wrong one; any other
    known problem closes the dialog and is kept in :attr:`problem` for the caller.
    """

    def __init__(
        self,
        title: str,
        explanation: str,
        attempt: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        error: str = "",
        action: str = "",
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.problem: KnownProblem | None = None
        self.setWindowTitle(title)
        self.setModal(True)
        self.field = _password_field(self, self.tr("Passphrase"))
        self.error = _wrapped(error, self)
        self.error.setAccessibleName(self.tr("Problem with the passphrase"))
        self.error.setStyleSheet("color: palette(highlight); font-weight: bold;")
        self.error.setVisible(bool(error))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(action or self.tr("Unlock"))
        ok.setAccessibleName(action or self.tr("Unlock"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        label = QLabel(self.tr("&Passphrase:"), self)
        label.setBuddy(self.field)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(explanation, self))
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(_wrapped(forgotten_text(), self))
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self.field.setFocus()

    def _try(self) -> None:
        passphrase = self.field.text()
        if not passphrase:
            self._show_error(self.tr("Type the passphrase first."))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._attempt(passphrase)
        except WrongPassphrase as wrong:
            self._show_error(wrong.what)
            return
        except KnownProblem as problem:
            self.problem = problem
            self.field.clear()
            self.reject()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.field.clear()
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self.field.selectAll()
        self.field.setFocus()


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice, with a word on its strength."""

    def __init__(
        self, title: str, explanation: str, parent: QWidget | None = None, *, action: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.first = _password_field(self, self.tr("New passphrase"))
        self.second = _password_field(self, self.tr("New passphrase again"))
        self.strength = _wrapped("", self)
        self.strength.setAccessibleName(self.tr("How strong the passphrase is"))
        self.mismatch = _wrapped("", self)
        self.mismatch.setAccessibleName(self.tr("Whether the two match"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(action or self.tr("OK"))
        self.ok.setAccessibleName(action or self.tr("OK"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        first_label = QLabel(self.tr("&New passphrase:"), self)
        first_label.setBuddy(self.first)
        second_label = QLabel(self.tr("Type it &again:"), self)
        second_label.setBuddy(self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(explanation, self))
        layout.addWidget(first_label)
        layout.addWidget(self.first)
        layout.addWidget(self.strength)
        layout.addWidget(second_label)
        layout.addWidget(self.second)
        layout.addWidget(self.mismatch)
        warning = _wrapped(forgotten_text(), self)
        font = warning.font()
        font.setBold(True)
        warning.setFont(font)
        layout.addWidget(warning)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.resize(500, self.sizeHint().height())
        self.first.setFocus()

    def _update(self, *_: object) -> None:
        first, second = self.first.text(), self.second.text()
        self.strength.setText(strength_hint(first))
        same = bool(first) and first == second
        self.mismatch.setText(
            "" if not second or same else self.tr("The two passphrases are not the same yet.")
        )
        self.ok.setEnabled(same)

    def passphrase(self) -> str:
        """The passphrase typed (the same in both fields)."""
        return self.first.text()

    def forget(self) -> None:
        """Clear both fields."""
        self.first.clear()
        self.second.clear()


# ----------------------------------------------------------------- the Settings tab


class ProtectionPage(QWidget):
    """Settings → Passphrase: protect the journal, change the passphrase, auto-lock."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.status = _wrapped("", self)
        self.status.setAccessibleName(self.tr("Whether the journal is protected"))
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        self.protect_button = QPushButton(self.tr("&Protect this journal with a passphrase…"), self)
        self.change_button = QPushButton(self.tr("&Change passphrase…"), self)
        self.off_button = QPushButton(self.tr("&Turn protection off…"), self)
        buttons = QHBoxLayout()
        for button in (self.protect_button, self.change_button, self.off_button):
            button.setAccessibleName(button.text().replace("&", "").replace("…", ""))
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.protect_button.clicked.connect(self.protect)
        self.change_button.clicked.connect(self.change)
        self.off_button.clicked.connect(self.turn_off)

        setting = schema.AUTO_LOCK_MINUTES
        current = schema.read(journal, setting)
        self.auto_lock = QCheckBox(
            self.tr("&Lock after %n idle minute(s)", "", AUTO_LOCK_MINUTES), self
        )
        self.auto_lock.setAccessibleName(self.tr("Lock after idle minutes"))
        self.auto_lock.setToolTip(QCoreApplication.translate(schema.CONTEXT, setting.help))
        self.auto_lock.setChecked(current is not None)
        self._kept_minutes = current
        self.auto_lock_hint = _wrapped(
            self.tr(
                "Auto-lock applies to a journal protected with a passphrase only. When the "
                "window locks, what you were typing is saved first, the journal is closed, "
                "and the passphrase is needed to continue. File → Lock (Ctrl+L) locks now."
            ),
            self,
        )
        about = _wrapped(
            self.tr(
                "Protection encrypts the journal file, its log and its backups with your "
                "passphrase (SQLCipher, AES-256). Exports, printed or saved PDFs and copies "
                "you make elsewhere are not encrypted."
            ),
            self,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(about)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.auto_lock)
        layout.addWidget(self.auto_lock_hint)
        layout.addWidget(_wrapped(forgotten_text(), self))
        layout.addStretch(1)
        self._update()

    def _update(self) -> None:
        protected = self.journal.protected
        self.status.setText(
            self.tr("This journal is protected with a passphrase.")
            if protected
            else self.tr("This journal is not protected: it is a plain file on this computer.")
        )
        self.protect_button.setVisible(not protected)
        self.change_button.setVisible(protected)
        self.off_button.setVisible(protected)
        self.auto_lock.setEnabled(protected)

    def values(self) -> dict[schema.Setting[Any], object]:
        """The auto-lock setting as chosen (its minutes kept if set to another value)."""
        minutes = self._kept_minutes or AUTO_LOCK_MINUTES
        return {schema.AUTO_LOCK_MINUTES: minutes if self.auto_lock.isChecked() else None}

    # ----------------------------------------------------------------- actions

    def protect(self) -> None:
        """Ask for a new passphrase twice, then encrypt the journal and wipe the plain files."""
        from coachdesk.store import protection

        dialog = NewPassphraseDialog(
            self.tr("Protect this journal with a passphrase"),
            self.tr(
                "The journal is copied into a new encrypted file, checked, and put in place "
                "of the old one. The old file and the unprotected backups are then "
                "overwritten and deleted. From now on coachdesk asks for the passphrase "
                "when it starts."
            ),
            self,
            action=self.tr("Protect"),
        )
        if not dialog.exec():
            dialog.forget()
            return
        passphrase = dialog.passphrase()
        dialog.forget()
        try:
            # Until the new file takes the old one's place, stopping changes nothing.
            with progress_of(
                self,
                self.tr("Protect this journal with a passphrase"),
                self.tr("Encrypting the journal and checking the encrypted copy…"),
                can_cancel=True,
            ) as progress:
                report = protection.protect(self.journal, passphrase, progress=progress.tell)
        except Cancelled:
            QMessageBox.information(
                self,
                self.tr("Not protected"),
                self.tr("You stopped it before it was done: the journal is unchanged."),
            )
            return
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Not protected"), str(problem))
            return
        lines = [
            self.tr("The journal is protected with your passphrase."),
            self.tr(
                "The unprotected journal and %n unprotected backup(s) were overwritten with "
                "zeros and deleted. On solid-state disks overwriting is not a guarantee "
                "that the old data is gone.",
                "",
                max(0, len(report.wiped) - 1),
            ),
            self.tr(
                "Copies made elsewhere are not encrypted: exports, PDFs and backups you "
                "copied to another place."
            ),
        ]
        if report.not_wiped:
            lines.append(
                self.tr("These could not be deleted; delete them yourself:\n%s")
                % "\n".join(str(p) for p in report.not_wiped)
            )
        if report.plain_copies:
            lines.append(
                self.tr("These files in the data folder are not encrypted:\n%s")
                % "\n".join(str(p) for p in report.plain_copies[:10])
            )
        lines.append(forgotten_text())
        QMessageBox.information(self, self.tr("Protected"), "\n\n".join(lines))
        self._update()

    def _ask_current(self, title: str, action: str) -> str | None:
        """Ask for the journal's current passphrase; ``None`` if cancelled."""
        from coachdesk.store import protection

        given: list[str] = []

        def attempt(passphrase: str) -> None:
            protection.check_journal_passphrase(self.journal, passphrase)
            given.append(passphrase)

        dialog = PassphraseDialog(
            title,
            self.tr("Type the journal's current passphrase."),
            attempt,
            self,
            action=action,
        )
        if not dialog.exec() or not given:
            return None
        return given[0]

    def change(self) -> None:
        """Change the passphrase of the journal and its backups."""
        from coachdesk.store import protection

        current = self._ask_current(self.tr("Change passphrase"), self.tr("Next"))
        if current is None:
            return
        dialog = NewPassphraseDialog(
            self.tr("Change passphrase"),
            self.tr("The journal and its backups are encrypted again with the new passphrase."),
            self,
            action=self.tr("Change"),
        )
        if not dialog.exec():
            dialog.forget()
            return
        new = dialog.passphrase()
        dialog.forget()
        try:
            # Half the backups under one passphrase and half under the other would help
            # nobody: this one runs to the end.
            with progress_of(
                self,
                self.tr("Change passphrase"),
                self.tr("the journal and its backups are being encrypted with the new passphrase."),
                can_cancel=False,
            ) as progress:
                report = protection.change_passphrase(
                    self.journal, current, new, progress=progress.tell
                )
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Passphrase not changed"), str(problem))
            return
        text = self.tr("The passphrase was changed, for the journal and its backups.")
        if report.backups_left:
            text += "\n\n" + self.tr("These backups keep an older passphrase:\n%s") % "\n".join(
                p.name for p in report.backups_left
            )
        QMessageBox.information(self, self.tr("Passphrase changed"), text)

    def turn_off(self) -> None:
        """Turn protection off after the passphrase and a clear warning."""
        from coachdesk.store import protection

        answer = QMessageBox.question(
            self,
            self.tr("Turn protection off?"),
            self.tr(
                "The journal becomes a plain file again: anyone who can read your files can "
                "read your notes. Backups taken while it was protected stay protected."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        current = self._ask_current(self.tr("Turn protection off"), self.tr("Turn off"))
        if current is None:
            return
        try:
            with progress_of(
                self,
                self.tr("Turn protection off"),
                self.tr("Decrypting the journal and checking the plain copy…"),
                can_cancel=True,
            ) as progress:
                protection.unprotect(self.journal, current, progress=progress.tell)
        except Cancelled:
            QMessageBox.information(
                self,
                self.tr("Protection not turned off"),
                self.tr("You stopped it before it was done: the journal is still protected."),
            )
            return
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Protection not turned off"), str(problem))
            return
        self.auto_lock.setChecked(False)
        self._update()
