"""Render a note to the screen and to PDF, for a test that watches which files are opened.

Run as ``python canary_render.py INPUTS.json``; the JSON holds ``folder`` (the notes
folder, made the working directory and base URL so that a naive renderer would find
the files it names), ``markdown``, ``html`` (unsanitised) and ``out`` (a folder for the
PDFs). The file names to watch are never passed on the command line, so they appear in
a syscall log only if something opens them.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    """Render the inputs every way the app does; print "rendered" when done."""
    inputs = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    folder = Path(inputs["folder"])
    out = Path(inputs["out"])
    # Qt's image handler falls back to opening a relative name from here.
    os.chdir(folder)

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QPainter, QTextDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from coachdesk.render.markdown import make_document, to_safe_html
    from coachdesk.ui.widgets.markdown_view import MarkdownView

    app = QApplication([])
    base = QUrl.fromLocalFile(f"{folder}/")

    # The control: a plain QTextDocument reads the image it names, so the log is known
    # to show files Qt opens while rendering.
    control = QTextDocument()
    control.setHtml('<img src="control.png">')
    canvas = QImage(200, 200, QImage.Format.Format_RGB32)
    painter = QPainter(canvas)
    control.drawContents(painter)
    painter.end()

    view = MarkdownView()
    view.document().setBaseUrl(base)
    view.setSearchPaths([str(folder)])
    view.resize(800, 600)
    view.show()
    view.set_markdown(inputs["markdown"])
    app.processEvents()
    view.grab()
    view.setHtml(inputs["html"])
    app.processEvents()
    view.grab()

    for number, html in enumerate((to_safe_html(inputs["markdown"]), inputs["html"])):
        document = make_document(html)
        document.setBaseUrl(base)
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out / f"note-{number}.pdf"))
        document.print_(printer)

    view.close()
    print("rendered", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
