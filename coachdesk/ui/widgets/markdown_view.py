"""A read-only view of a note's Markdown, under the app's one resource policy.

Importing this module loads the rendering code; windows import it when they first show
a note, not at start-up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from coachdesk.render.markdown import (
    SafeDocument,
    link_is_openable,
    resolve_resource,
    to_safe_html,
)

# Notes longer than this are rendered off the UI thread.
BACKGROUND_FROM_CHARS = 20_000


class _RenderSignals(QObject):
    done = Signal(int, str)


class _RenderJob(QRunnable):
    """Markdown to safe HTML on a worker thread: pure Python, no Qt objects shared."""

    def __init__(self, text: str, generation: int) -> None:
        super().__init__()
        self.text = text
        self.generation = generation
        self.signals = _RenderSignals()

    def run(self) -> None:
        self.signals.done.emit(self.generation, to_safe_html(self.text))


class MarkdownView(QTextBrowser):
    """Shows one note as formatted text; loads nothing and opens only web and mail links.

    The view renders into a ``SafeDocument`` and answers its own ``loadResource`` the
    same way, so neither the document nor the browser widget ever reads a file. Links
    are never followed inside the view: a click on an http, https or mailto link goes to
    the desktop's handler, and every other link is ignored.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The document is the one place resources are loaded from; the plain
        # QTextDocument a QTextBrowser starts with would read image files itself.
        self.setDocument(SafeDocument(self))
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setAccessibleName(self.tr("Note"))
        self.anchorClicked.connect(self._open_link)
        self._generation = 0

    def set_markdown(self, text: str) -> None:
        """Show ``text`` (Markdown) after turning it into safe HTML.

        A long note is converted on a worker thread (Markdown takes about two seconds
        per rich megabyte); the view says so meanwhile and the window stays responsive.
        """
        self._generation += 1
        if len(text) < BACKGROUND_FROM_CHARS:
            self.setHtml(to_safe_html(text))
            return
        self.setPlainText(self.tr("Rendering a long note…"))
        job = _RenderJob(text, self._generation)
        job.signals.done.connect(self._rendered)
        QThreadPool.globalInstance().start(job)

    def _rendered(self, generation: int, html: str) -> None:
        if generation == self._generation:  # a newer note may have been asked for
            self.setHtml(html)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Answer resource requests from the app's policy, never from disk or network."""
        return resolve_resource(kind, QUrl(name) if isinstance(name, str) else name)

    def doSetSource(
        self,
        name: QUrl | str,
        type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        """Refuse navigation: the view shows what ``set_markdown`` gave it, nothing else."""
        # QTextBrowser would otherwise load ``name`` (also on reload() and the
        # back/forward keys) through its own file-reading machinery.

    def _open_link(self, url: QUrl) -> None:
        if link_is_openable(url):
            QDesktopServices.openUrl(url)
