"""Pieces shared by the agreement page, the team agreement and the plan page.

Text boxes that grow with what is written (inside scroll areas, so a 5,000-word answer
or a fifty-line list stays usable), optional date fields, the "In Ana's words" frame,
the agreement editor, the version comparison and saving documents to files.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.coaching.agreements import (
    Change,
    agreement_lines,
    communication_text,
    items_text,
    side_by_side,
    split_communication,
    split_items,
)
from coachdesk.dates import add_months, iso_date, parse_date
from coachdesk.store.records import Agreement, AgreementContent, AgreementScope, AgreementStatus
from coachdesk.ui.widgets.qdates import date_edit_format


def _tr(text: str) -> str:
    return QCoreApplication.translate("Agreements", text)


# The date a blank optional date field shows as "—" (never a real signing date).
_NO_DATE = QDate(2000, 1, 1)


# ----------------------------------------------------------------- fields


class GrowingTextEdit(QTextEdit):
    """A plain-text box as tall as its text (at least a few lines), for scroll areas.

    The page scrolls, not the box, so a long list or a long answer reads as one
    document; Tab moves on to the next field as everywhere else in coachdesk. Only
    plain text goes in, pasted or typed, and :meth:`toPlainText` gives it back as it
    was written (non-breaking spaces included).
    """

    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None, *, min_lines: int = 3) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def toPlainText(self) -> str:
        """The text as written; unlike Qt's own, non-breaking spaces stay as they are."""
        raw = self.document().toRawText()
        for separator in ("\u2029", "\u2028", "\ufdd0", "\ufdd1"):
            raw = raw.replace(separator, "\n")
        return raw

    def _fit(self, *_: object) -> None:
        document = self.document()
        lines = self._min_lines * QFontMetrics(self.font()).lineSpacing()
        inner = max(document.size().height(), lines + 2 * document.documentMargin())
        height = math.ceil(inner) + 2 * self.frameWidth() + 2
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(320, self.height())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class DateField(QDateEdit):
    """A date, optionally empty ("—"): typed or picked from the calendar."""

    def __init__(
        self, accessible_name: str, parent: QWidget | None = None, *, optional: bool = False
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_edit_format())
        self.setAccessibleName(accessible_name)
        if optional:
            # The earliest date stands for "no date": it shows as "—".
            self.setMinimumDate(_NO_DATE)
            self.setSpecialValueText("—")
            self.setDate(_NO_DATE)

    def value(self) -> str | None:
        """The date as ``YYYY-MM-DD``, or ``None`` when empty."""
        if self.optional and self.date() == self.minimumDate():
            return None
        day = self.date().toPython()
        assert isinstance(day, dt.date)
        return iso_date(day)

    def set_value(self, value: str | None) -> None:
        """Show a date, or "—" for ``None`` (an optional field only)."""
        if value is None:
            self.setDate(self.minimumDate())
            return
        day = parse_date(value)
        self.setDate(QDate(day.year, day.month, day.day))


class RepWordsFrame(QFrame):
    """Marks text as the rep's own words: "In Ana's words", with a rule down the side.

    The rule uses the palette's highlight colour, so it reads on light and dark themes.
    """

    def __init__(self, caption: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rep-words")
        self.setStyleSheet(
            "QFrame#rep-words { border: none; border-left: 4px solid palette(highlight); }"
        )
        self.caption = QLabel(caption, self)
        font = self.caption.font()
        font.setItalic(True)
        self.caption.setFont(font)
        self.caption.setBuddy(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 2, 0, 2)
        layout.setSpacing(3)
        layout.addWidget(self.caption)
        layout.addWidget(body)


def bold_label(text: str, parent: QWidget) -> QLabel:
    """A bold heading for a field or a section."""
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def hint_label(text: str, parent: QWidget) -> QLabel:
    """A short, quieter explanation under a field."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


def scrolling(content: QWidget, parent: QWidget) -> QScrollArea:
    """Put ``content`` in a frameless scroll area that follows its width."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


# ----------------------------------------------------------------- the editor


def content_to_json(content: AgreementContent) -> str:
    """What an editor holds, as text (the autosaver keeps text)."""
    return json.dumps(asdict(content), ensure_ascii=False)


def content_from_json(text: str) -> AgreementContent:
    """The inverse of :func:`content_to_json`."""
    data: dict[str, Any] = json.loads(text)
    for name in ("expect_of_them", "expect_of_me", "their_steps", "my_steps", "how_we_work"):
        data[name] = tuple(data[name])
    data["communication"] = tuple(tuple(pair) for pair in data["communication"])
    return AgreementContent(**data)


class AgreementEditor(QWidget):
    """Write a draft: the lists one item per line, the ladders one step per line."""

    changed = Signal()

    def __init__(self, scope: AgreementScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = scope
        self._loading = False
        self._review_follows = True
        self.fields: dict[str, GrowingTextEdit] = {}
        body = QWidget(self)
        self.form = QVBoxLayout(body)
        self.form.setContentsMargins(12, 8, 12, 12)
        self.form.setSpacing(6)
        self.step_captions: list[RepWordsFrame] = []

        team = scope is AgreementScope.TEAM
        if team:
            self._add_text(
                "how_we_work",
                self.tr("How we work together"),
                self.tr("One line each, in the team's words."),
            )
            self._add_text(
                "expect_of_me",
                self.tr("What the team can expect from me"),
                self.tr("One promise per line."),
            )
            self._add_text(
                "expect_of_them",
                self.tr("What I expect of the team"),
                self.tr("One line each; leave empty if “how we work together” says it all."),
            )
        else:
            self._add_text(
                "expect_of_them", self.tr("What I expect of you"), self.tr("One per line.")
            )
            self._add_text(
                "expect_of_me", self.tr("What you can expect from me"), self.tr("One per line.")
            )
            self._add_text(
                "more_needed",
                self.tr("What else do you need from me?"),
                self.tr("Their answer, as they said it."),
                min_lines=2,
            )
            self._add_text(
                "communication",
                self.tr("How we communicate, by urgency"),
                self.tr("One “urgency: how” per line, e.g. “Emergency: text”."),
            )
            self.fields["communication"].setPlaceholderText(
                self.tr("Emergency: text\nAnswer within 24 h: email\nRoutine: chat")
            )
            self._add_text("open_door", self.tr("Open-door hours"), "", min_lines=1)
            self._add_text("work_schedule", self.tr("Work schedule"), "", min_lines=2)
            self._add_text(
                "their_steps",
                self.tr("If I don't hold up my end, I'd like you to…"),
                self.tr(
                    "Their own steps, in their words and their order: one step per line. "
                    "These are their choices, not a warning list."
                ),
                words=True,
            )
            self.fields["their_steps"].setPlaceholderText(
                self.tr(
                    "A gentle reminder\nTake me to lunch: something's going on\n"
                    "A formal plan, made together"
                )
            )
            self._add_text(
                "my_steps",
                self.tr("If I slip, call me on it by…"),
                self.tr("My side, just as binding: one step per line, in order."),
            )

        self.agreed = DateField(self.tr("Agreed on"), body)
        self.review = DateField(self.tr("Next review"), body)
        self.rep_signed = DateField(self.tr("Rep signed on"), body, optional=True)
        self.manager_signed = DateField(self.tr("I signed on"), body, optional=True)
        dates = QFormLayout()
        dates.addRow(self.tr("Agreed on"), self.agreed)
        dates.addRow(self.tr("Next review"), self.review)
        if not team:
            dates.addRow(self.tr("Rep signed on"), self.rep_signed)
        dates.addRow(self.tr("I signed on"), self.manager_signed)
        self.form.addLayout(dates)
        self.form.addWidget(
            hint_label(
                self.tr("The next review is three months after agreeing, unless changed."), body
            )
        )
        self.form.addStretch(1)
        self.rep_signed.setVisible(not team)
        self.agreed.dateChanged.connect(self._agreed_changed)
        self.review.dateChanged.connect(self._review_changed)
        for field in (self.rep_signed, self.manager_signed):
            field.dateChanged.connect(self._edited)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(body, self))

    def _add_text(
        self, name: str, title: str, hint: str, *, min_lines: int = 3, words: bool = False
    ) -> None:
        parent = self.form.parentWidget()
        assert parent is not None
        edit = GrowingTextEdit(parent, min_lines=min_lines)
        edit.setAccessibleName(title.replace("&", "").rstrip("…"))
        if hint:
            edit.setAccessibleDescription(hint)
        edit.textChanged.connect(self._edited)
        self.fields[name] = edit
        heading = bold_label(title, parent)
        heading.setBuddy(edit)
        self.form.addSpacing(6)
        self.form.addWidget(heading)
        if words:
            frame = RepWordsFrame(self.tr("In their own words"), edit, parent)
            self.step_captions.append(frame)
            self.form.addWidget(frame)
        else:
            self.form.addWidget(edit)
        if hint:
            self.form.addWidget(hint_label(hint, parent))

    def set_rep_name(self, first_name: str) -> None:
        """Say whose words the rep's ladder is in: "In Ana's own words"."""
        for frame in self.step_captions:
            frame.caption.setText(
                self.tr("In %s's own words") % first_name
                if first_name
                else self.tr("In their own words")
            )

    def _edited(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _agreed_changed(self, *_: object) -> None:
        agreed = self.agreed.date()
        self.review.setMinimumDate(agreed)
        if self._review_follows and not self._loading:
            self._loading = True
            try:
                self.review.setDate(agreed.addMonths(3))
            finally:
                self._loading = False
        self._edited()

    def _review_changed(self, *_: object) -> None:
        if not self._loading:
            # Chosen by hand: it no longer follows the date agreed.
            self._review_follows = False
        self._edited()

    def set_content(self, content: AgreementContent, today: dt.date) -> None:
        """Show what a draft says; missing dates show today and three months on."""
        self._loading = True
        try:
            texts = {
                "expect_of_them": items_text(content.expect_of_them),
                "expect_of_me": items_text(content.expect_of_me),
                "more_needed": content.more_needed,
                "communication": communication_text(content.communication),
                "open_door": content.open_door,
                "work_schedule": content.work_schedule,
                "their_steps": items_text(content.their_steps),
                "my_steps": items_text(content.my_steps),
                "how_we_work": items_text(content.how_we_work),
            }
            for name, edit in self.fields.items():
                if edit.toPlainText() != texts[name]:
                    edit.setPlainText(texts[name])
            agreed = content.agreed_on or iso_date(today)
            review = content.review_on or iso_date(add_months(parse_date(agreed), 3))
            self._review_follows = content.review_on is None or review == iso_date(
                add_months(parse_date(agreed), 3)
            )
            self.review.setMinimumDate(QDate(2000, 1, 1))
            self.agreed.set_value(agreed)
            self.review.set_value(review)
            self.review.setMinimumDate(self.agreed.date())
            self.rep_signed.set_value(content.rep_signed_on)
            self.manager_signed.set_value(content.manager_signed_on)
        finally:
            self._loading = False

    def content(self) -> AgreementContent:
        """What the editor says now."""

        def text(name: str) -> str:
            edit = self.fields.get(name)
            return edit.toPlainText() if edit is not None else ""

        return AgreementContent(
            expect_of_them=split_items(text("expect_of_them")),
            expect_of_me=split_items(text("expect_of_me")),
            more_needed=text("more_needed").strip(),
            communication=split_communication(text("communication")),
            open_door=text("open_door").strip(),
            work_schedule=text("work_schedule").strip(),
            their_steps=split_items(text("their_steps")),
            my_steps=split_items(text("my_steps")),
            how_we_work=split_items(text("how_we_work")),
            agreed_on=self.agreed.value(),
            review_on=self.review.value(),
            rep_signed_on=self.rep_signed.value() if self.scope is AgreementScope.REP else None,
            manager_signed_on=self.manager_signed.value(),
        )


# ----------------------------------------------------------------- versions


def version_title(agreement: Agreement) -> str:
    """Return "v3 — in force, agreed 2 Nov 2026" for lists and comparisons."""
    from coachdesk.ui.widgets.qdates import day_text_or_dash

    status = {
        AgreementStatus.DRAFT: _tr("draft"),
        AgreementStatus.ACTIVE: _tr("in force"),
        AgreementStatus.SUPERSEDED: _tr("earlier"),
    }[agreement.status]
    if agreement.status is AgreementStatus.DRAFT or not agreement.agreed_on:
        return f"v{agreement.version} — {status}"
    return _tr("v%d — %s, agreed %s") % (
        agreement.version,
        status,
        day_text_or_dash(agreement.agreed_on),
    )


class CompareDialog(QDialog):
    """Every version of an agreement, and any two of them side by side."""

    def __init__(self, versions: Sequence[Agreement], title: str, parent: QWidget | None = None):
        super().__init__(parent)
        from coachdesk.ui.widgets.markdown_view import MarkdownView

        self.versions = list(versions)
        self.setWindowTitle(title)
        self.left = QComboBox(self)
        self.right = QComboBox(self)
        for version in self.versions:
            self.left.addItem(version_title(version), version.id)
            self.right.addItem(version_title(version), version.id)
        self.left.setAccessibleName(self.tr("Older version"))
        self.right.setAccessibleName(self.tr("Newer version"))
        count = len(self.versions)
        self.left.setCurrentIndex(max(0, count - 2))
        self.right.setCurrentIndex(max(0, count - 1))
        self.only_changes = QCheckBox(self.tr("&Only what changed"), self)
        self.only_changes.setAccessibleName(self.tr("Show only what changed"))
        self.view = MarkdownView(self)
        self.view.setAccessibleName(self.tr("The two versions side by side"))
        for combo in (self.left, self.right):
            combo.currentIndexChanged.connect(self.refresh)
        self.only_changes.toggled.connect(self.refresh)
        pick = QHBoxLayout()
        compare_label = QLabel(self.tr("&Compare"), self)
        compare_label.setBuddy(self.left)
        with_label = QLabel(self.tr("&with"), self)
        with_label.setBuddy(self.right)
        pick.addWidget(compare_label)
        pick.addWidget(self.left, 1)
        pick.addWidget(with_label)
        pick.addWidget(self.right, 1)
        pick.addWidget(self.only_changes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(980, 640)
        self.refresh()

    def _chosen(self, combo: QComboBox) -> Agreement | None:
        wanted = combo.currentData()
        return next((v for v in self.versions if v.id == wanted), None)

    def refresh(self, *_: object) -> None:
        """Show the chosen pair."""
        from coachdesk.render.agreements import diff_html

        left, right = self._chosen(self.left), self._chosen(self.right)
        if left is None or right is None:
            self.view.setHtml("")
            return
        rows = side_by_side(agreement_lines(left), agreement_lines(right))
        if self.only_changes.isChecked():
            rows = [
                r for r in rows if r.change is not Change.SAME or (r.left or "").startswith("## ")
            ]
        self.diff_rows = rows
        self.view.setHtml(diff_html(rows, version_title(left), version_title(right)))


# ----------------------------------------------------------------- files


def slug(name: str) -> str:
    """A file-name-friendly form of a name: "José Núñez" → "jose-nunez"."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "-".join(re.findall(r"[^\W_]+", text.casefold()))[:40].strip("-") or "rep"


def run_safely(parent: QWidget | None, title: str, action: Callable[[], object]) -> bool:
    """Run a store action; a known problem (disk full, a date that cannot be) is shown.

    Returns True when the action went through. Anything else is a bug: it goes on to
    the crash handler, which logs it.
    """
    from PySide6.QtWidgets import QMessageBox

    from coachdesk.store.errors import KnownProblem

    try:
        action()
    except KnownProblem as problem:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, str(problem), QMessageBox.StandardButton.Ok, parent
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return False
    return True
