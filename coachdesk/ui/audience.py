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
    """The sharing-mode switch; widgets follow :attr:`changed`."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on = False

    @property
    def on(self) -> bool:
        """True while sharing mode is on."""
        return self._on

    def set_on(self, on: bool) -> None:
        """Switch sharing mode."""
        if on != self._on:
            self._on = on
            self.changed.emit(on)

    def shows(self, audience: Audience) -> bool:
        """True if something for ``audience`` may be on screen now."""
        return not self._on or visible_when_sharing(audience)


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
