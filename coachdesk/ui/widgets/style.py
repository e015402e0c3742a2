"""Palettes: the system's by default, and a dark one on request."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def apply_dark_palette(app: QApplication) -> None:
    """Switch the app to the Fusion style with a dark palette."""
    remember_system_palette(app)
    app.setStyle("Fusion")
    p = QPalette()
    base, window, text = QColor(30, 32, 34), QColor(43, 45, 48), QColor(228, 228, 226)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor(38, 40, 43))
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, window)
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, base)
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(140, 142, 145))
        p.setColor(group, QPalette.ColorRole.Highlight, QColor(47, 111, 106))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
        p.setColor(group, QPalette.ColorRole.Link, QColor(120, 190, 255))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(disabled, role, QColor(120, 120, 120))
    app.setPalette(p)


_SYSTEM: tuple[str, QPalette] | None = None


def remember_system_palette(app: QApplication) -> None:
    """Keep the system's style and palette so the dark one can be switched off."""
    global _SYSTEM
    if _SYSTEM is None:
        _SYSTEM = (app.style().name(), QPalette(app.palette()))


def apply_system_palette(app: QApplication) -> None:
    """Go back to the system's style and palette."""
    if _SYSTEM is not None:
        app.setStyle(_SYSTEM[0])
        app.setPalette(_SYSTEM[1])
