"""Who a field is for, said on screen, and sharing mode.

Every field that holds the manager's words carries an :class:`~coachdesk.store.records.Audience`.
Sharing mode asks that one question: only *shared with the rep* stays on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from coachdesk.store.records import Audience

AUDIENCE_LABELS = {
    Audience.SHARED: "Shared with the rep",
    Audience.MINE: "Mine",
    Audience.PRIVATE: "Private",
}


def visible_when_sharing(audience: Audience) -> bool:
    """True for what may stay on screen with the rep looking."""
    return audience is Audience.SHARED


class Sharing(QObject):
    """Sharing mode: the screen is shown to one rep, and holds only what is theirs to see.

    While it is on, the window shows that rep's shared pages and nobody else: no roster,
    no This week, no search, no other rep's name. Widgets follow :attr:`changed`.
    """

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rep_id: int | None = None

    @property
    def on(self) -> bool:
        """True while sharing mode is on."""
        return self._rep_id is not None

    @property
    def rep_id(self) -> int | None:
        """The rep whose screen this is while sharing, else None."""
        return self._rep_id

    def start(self, rep_id: int) -> None:
        """Show the screen to the rep ``rep_id`` (and nobody else)."""
        if rep_id != self._rep_id:
            was_on = self.on
            self._rep_id = rep_id
            if not was_on:
                self.changed.emit(True)

    def stop(self) -> None:
        """Leave sharing mode."""
        if self._rep_id is not None:
            self._rep_id = None
            self.changed.emit(False)

    def shows(self, audience: Audience) -> bool:
        """True if something for ``audience`` may be on screen now."""
        return not self.on or visible_when_sharing(audience)

    def shows_rep(self, rep_id: int | None) -> bool:
        """True if something about ``rep_id`` may be on screen now (None: no one rep)."""
        return not self.on or rep_id == self._rep_id


class AudienceTag(QLabel):
    """A small label that says who a field is for."""

    def __init__(self, audience: Audience, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.audience = audience
        text = {
            Audience.SHARED: self.tr("Shared with the rep"),
            Audience.MINE: self.tr("Mine"),
            Audience.PRIVATE: self.tr("Private"),
        }[audience]
        self.setText(text)
        self.setObjectName(f"audience-{audience.value}")
        self.setProperty("audience", audience.value)
        self.setAccessibleName(self.tr("Who this is for: %s") % text)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self.setFont(font)
        colours = {
            Audience.SHARED: ("#1f6f4a", "#dff3e8"),
            Audience.MINE: ("#5a4a00", "#f6edc8"),
            Audience.PRIVATE: ("#7a1f2b", "#f7dfe2"),
        }[audience]
        # Words carry the meaning; the colour only helps.
        self.setStyleSheet(
            f"QLabel {{ color: {colours[0]}; background: {colours[1]}; "
            "border-radius: 3px; padding: 1px 6px; }"
        )
