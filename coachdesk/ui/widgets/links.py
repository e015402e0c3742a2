"""Handing a link to the desktop: a ``mailto:`` to the mail program, a file to its app.

coachdesk opens no connection of its own; the desktop decides which program gets the
link. Tests replace :func:`open_link` to see what would have been opened.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_link(url: QUrl) -> bool:
    """Ask the desktop to open ``url``; False when no program took it."""
    return QDesktopServices.openUrl(url)
