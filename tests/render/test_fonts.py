"""Names in any script print with the fonts coachdesk ships."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from coachdesk.render.fonts import FONT_FILES, print_families, print_font


def test_every_shipped_font_registers(qtbot: QtBot) -> None:
    families = print_families()
    assert "Noto Sans" in families
    assert "Noto Sans Arabic" in families
    assert "Droid Sans Fallback" in families
    assert len(FONT_FILES) >= 9


def test_a_pdf_of_names_in_five_scripts_embeds_only_shipped_fonts(
    qtbot: QtBot, tmp_path: Path
) -> None:
    document = QTextDocument()
    document.setDefaultFont(print_font(11))
    document.setPlainText("Ana Ruiz · Zoë Müller · سارة منصور · 王小明 · שלום · Ирина")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    out = tmp_path / "names.pdf"
    printer.setOutputFileName(str(out))
    document.print_(printer)

    reader = PdfReader(out)
    page = reader.pages[0]
    fonts = page["/Resources"]["/Font"]
    base_names = {str(fonts[key].get_object()["/BaseFont"]) for key in fonts}
    assert any("NotoSans" in name and "Arabic" not in name for name in base_names)
    assert any("NotoSansArabic" in name for name in base_names)
    assert any("DroidSansFallback" in name for name in base_names)
    assert any("NotoSansHebrew" in name for name in base_names)
    # Qt positions words itself, so pypdf reads the gaps back as tabs
    text = " ".join(page.extract_text().split())
    assert "Ana Ruiz" in text and "Ирина" in text
