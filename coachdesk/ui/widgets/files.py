"""Where a file chooser starts, and asking for a file to open or where to save.

While the screen is shared with a rep, a chooser must not list files about anyone else
(a Documents folder full of "agreement-bo-chen-v2.pdf"): it starts in a folder of the
rep's own instead (:func:`start_in`), which sharing mode sets and clears.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from coachdesk.paths import ensure_private_dir

_shared_folder: Path | None = None


def start_in(folder: Path | None) -> None:
    """While sharing: the rep's own folder every chooser starts in; ``None`` afterwards."""
    global _shared_folder
    if folder is not None:
        ensure_private_dir(folder)
    _shared_folder = folder


def documents_folder() -> Path:
    """Where a file chooser starts: the user's documents folder, else their home.

    While sharing, the shared rep's own folder instead.
    """
    if _shared_folder is not None:
        return _shared_folder
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def ask_open_file(parent: QWidget | None, caption: str, folder: Path, filters: str) -> Path | None:
    """Ask for an existing file, starting in ``folder``; ``None`` when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder), filters)
    return Path(name) if name else None


def ask_save_file(
    parent: QWidget | None, caption: str, suggested: Path, filters: str
) -> tuple[Path, str] | None:
    """Ask where to save; return the path and the filter chosen, ``None`` if cancelled.

    ``suggested`` is a name, or a path whose name is kept; it is placed in
    :func:`documents_folder` while sharing.
    """
    if _shared_folder is not None or not suggested.is_absolute():
        suggested = documents_folder() / suggested.name
    name, chosen = QFileDialog.getSaveFileName(parent, caption, str(suggested), filters)
    return (Path(name), chosen) if name else None
