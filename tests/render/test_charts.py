"""Charts: the same drawing as a PNG (screen and print resolution) and as vectors in a PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from coachdesk.coaching.ladder import Ladder
from coachdesk.render import charts
from coachdesk.render.ladder_charts import (
    TEAM_SIZE,
    TREND_SIZE,
    team_chart,
    trend_chart,
    trend_document,
    write_pdf,
)
from coachdesk.store.records import LadderRead, Occasion, Rating

TODAY = dt.date(2026, 11, 23)


def _rating(n: int, day: str, rung: int, why: str = "") -> Rating:
    return Rating(n, 1, day, rung, why, Occasion.ONE_ON_ONE, None, "", "")


def _read(n: int, day: str, rung: int) -> LadderRead:
    return LadderRead(n, 1, day, rung, "", "", "")


SELF = [
    _rating(1, "2026-05-20", 4, "Felt micromanaged"),
    _rating(2, "2026-07-02", 3),
    _rating(3, "2026-08-25", 2, "We built the plan"),
    _rating(4, "2026-11-16", 1),
]
READS = [_read(1, "2026-05-22", 2), _read(2, "2026-10-15", 4)]


def _dark_pixels(image: QImage) -> int:
    """How many sampled pixels are darker than mid-grey."""
    found = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            if QColor(image.pixel(x, y)).lightness() < 128:
                found += 1
    return found


def test_trend_chart_says_what_it_shows(qapp: QApplication) -> None:
    chart = trend_chart(Ladder(), SELF, READS, TODAY, title="Ana on the ladder")
    text = charts.describe(chart)
    assert "Their self-rating: 2026-05-20 Resistance" in text
    assert "My read (private): 2026-05-22 Cooperation, 2026-10-15 Resistance" in text
    # Two wide gaps: their Resistance beside my Cooperation; their Collaboration vs my
    # Resistance (2026-10-15 compares Cooperation with Resistance: two rungs too).
    assert "Two rungs apart — what will I change?: 2026-05-22, 2026-10-15, 2026-11-16" in text
    assert chart.start is not None and chart.start <= dt.date(2026, 5, 20)
    assert chart.end == TODAY


def test_without_reads_there_is_no_second_series_and_no_question(qapp: QApplication) -> None:
    chart = trend_chart(Ladder(), SELF, None, TODAY)
    assert [s.label for s in chart.series] == ["Their self-rating"]
    assert chart.notes == ()


def test_series_differ_without_colour(qapp: QApplication) -> None:
    # Line style and marker tell the series apart in grey-scale.
    first, second = charts.STYLES[0], charts.STYLES[1]
    assert first.line != second.line and first.marker != second.marker
    assert charts.ChartColours.for_print().series[0] == QColor(0, 0, 0)


def test_palette_colours_read_on_a_dark_window(qapp: QApplication) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(43, 45, 48))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(228, 228, 226))
    palette.setColor(QPalette.ColorRole.Link, QColor(47, 111, 106))  # too dark to read
    colours = charts.ChartColours.from_palette(palette)
    assert colours.text.lightness() > 200
    assert all(c.lightnessF() > 0.45 for c in colours.series)
    assert colours.background is None  # drawn on the widget's own background


@pytest.mark.parametrize(("scale", "name"), [(1.0, "screen"), (300 / 96, "print")])
def test_trend_and_team_as_png(qapp: QApplication, tmp_path: Path, scale: float, name: str) -> None:
    trend = trend_chart(Ladder(), SELF, READS, TODAY, title="Ana on the ladder")
    team = team_chart(Ladder(), [2, 4, 3, 1, 1], [1, 3, 4, 2, 0], since="On 2026-09-01")
    for chart, size, stem in ((trend, TREND_SIZE, "trend"), (team, TEAM_SIZE, "team")):
        path = tmp_path / f"{stem}-{name}.png"
        assert charts.save_png(chart, path, size, scale=scale)
        image = QImage(str(path))
        assert image.width() == round(size.width() * scale)
        assert image.height() == round(size.height() * scale)
        # Black on white: mostly white, with lines and text drawn.
        assert QColor(image.pixel(2, image.height() - 2)).lightness() > 240
        assert _dark_pixels(image) > 100
        # The file says how large it prints.
        assert round(image.dotsPerMeterX() * 0.0254) == round(96 * scale)


def test_bars_are_clickable_areas_with_their_rungs(qapp: QApplication) -> None:
    chart = team_chart(Ladder(), [2, 4, 3, 1, 0], None)
    image = QImage(560, 260, QImage.Format.Format_ARGB32)
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    painter = QPainter(image)
    try:
        hits = charts.paint(painter, QRectF(0, 0, 560, 260), chart, charts.ChartColours.for_print())
    finally:
        painter.end()
    assert [h.key for h in hits] == [1, 2, 3, 4, 5]
    assert [h.label for h in hits] == Ladder().names()
    tops = [h.rect.top() for h in hits]
    assert tops == sorted(tops)  # the top rung first


def test_empty_charts_say_so(qapp: QApplication) -> None:
    chart = trend_chart(Ladder(), [], None, TODAY)
    assert charts.describe(chart) == "No self-ratings yet."
    image = charts.render_image(chart, QSizeF(300, 150))
    assert _dark_pixels(image) > 0


# ----------------------------------------------------------------- print


def _pdf(tmp_path: Path) -> Path:
    document = trend_document("Ana on the ladder", Ladder(), SELF, TODAY)
    path = tmp_path / "trend.pdf"
    write_pdf(document, path)
    return path


def test_a_chart_in_a_pdf_is_not_a_picture(qapp: QApplication, tmp_path: Path) -> None:
    pdfimages = shutil.which("pdfimages")
    if pdfimages is None:
        pytest.skip("pdfimages (poppler-utils) is not installed")
    path = _pdf(tmp_path)
    listing = subprocess.run(
        [pdfimages, "-list", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    # Only the two header lines: not one image in the file.
    assert len(listing) == 2, listing
    assert listing[0].split()[:3] == ["page", "num", "type"]


def test_the_pdf_page_draws_the_chart_with_vector_paths(qapp: QApplication, tmp_path: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(_pdf(tmp_path)))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    content = page.get_contents()
    assert content is not None
    ops = content.get_data().decode("latin-1")
    # Lines (m … l … S) and filled shapes: the step line, grid and markers.
    assert len(re.findall(r"\sl\n", ops)) > 20
    assert len(re.findall(r"\sm\n", ops)) > 20
    assert re.search(r"\n[Sf]\*?\n", ops)
    # No image drawn: no inline images and no image XObjects.
    assert "BI" not in ops.split()
    resources = page["/Resources"]
    xobjects = resources.get("/XObject", {}) if resources else {}
    for name in xobjects:
        assert xobjects[name].get_object().get("/Subtype") != "/Image"
    text = " ".join(page.extract_text().split())  # Qt's PDF spaces words with tabs
    for words in ("Ana on the ladder", "Collaboration", "Resentment", "Their self-rating"):
        assert words in text
    assert "My read" not in text  # never printed


def test_the_print_document_is_the_safe_one(qapp: QApplication) -> None:
    from coachdesk.render.markdown import SafeDocument

    document = trend_document("Ana", Ladder(), [_rating(1, "2026-11-16", 1, "<img src=x>")], TODAY)
    assert isinstance(document, SafeDocument)
    assert "<img src=x>" in document.toPlainText()  # shown as text, never loaded


def test_a_numeric_line_chart_for_weekly_numbers(qapp: QApplication, tmp_path: Path) -> None:
    weeks = [dt.date(2026, 9, 7) + dt.timedelta(weeks=i) for i in range(8)]
    values = [12e3, 18e3, 9e3, 25e3, 31e3, 14e3, 40e3, 22e3]
    chart = charts.TimeChart(
        series=(
            charts.Series("Bookings", tuple(zip(weeks, values, strict=True))),
            charts.Series("Target", tuple((w, 24e3) for w in weeks), step=True),
        ),
        axis=charts.NumberAxis(format=lambda v: f"${v / 1000:,.0f}k"),
        title="Bookings per week",
    )
    text = charts.describe(chart)
    assert "Bookings: 2026-09-07 $12k, 2026-09-14 $18k" in text
    assert "Target: 2026-09-07 $24k" in text
    path = tmp_path / "numbers.png"
    assert charts.save_png(chart, path, QSizeF(640, 280), scale=2.0)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1280, 560)
    assert _dark_pixels(image) > 100


def _axis_labels(chart: charts.TimeChart, size: QSizeF, path: Path) -> list[str]:
    """The y-axis labels a chart of ``size`` (CSS pixels) prints, read back from a PDF."""
    from pypdf import PdfReader
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    from coachdesk.render.fonts import print_font

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(600)
    painter = QPainter(writer)
    painter.setFont(print_font(10))
    factor = writer.logicalDpiX() / 96
    rect = QRectF(0, 0, size.width() * factor, size.height() * factor)
    charts.paint(painter, rect, chart, charts.ChartColours.for_print())
    painter.end()
    text = PdfReader(path).pages[0].extract_text()
    return re.findall(r"\$\d+k", text)


def test_a_small_printed_chart_has_fewer_labels_far_enough_apart(
    qapp: QApplication, tmp_path: Path
) -> None:
    weeks = [dt.date(2026, 9, 7) + dt.timedelta(weeks=i) for i in range(8)]
    values = [27e3, 30e3, 28e3, 22e3, 10e3, 34e3, 22e3, 26e3]
    chart = charts.TimeChart(
        series=(charts.Series("Pipeline created", tuple(zip(weeks, values, strict=True))),),
        axis=charts.NumberAxis(format=lambda v: f"${v / 1000:,.0f}k"),
    )
    # A prep sheet's chart (beside the numbers' table) against a large one on screen.
    small = _axis_labels(chart, QSizeF(290, 130), tmp_path / "small.pdf")
    large = _axis_labels(chart, QSizeF(640, 320), tmp_path / "large.pdf")
    assert sorted(small) == ["$0k", "$20k", "$40k"], small  # three, a round step apart
    assert len(large) > len(small)
