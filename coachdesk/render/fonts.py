"""The print fonts shipped with coachdesk, so sheets look the same on every system.

Noto Sans carries Latin, Greek and Cyrillic; Noto Sans Arabic, Hebrew, Devanagari and
Thai their scripts; Droid Sans Fallback Chinese, Japanese and Korean. Qt picks, glyph by
glyph, the first family in the list that has it, so a name in any of these scripts
prints with a shipped font rather than whatever the computer happens to have.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from coachdesk.assets import resource

FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansHebrew-Bold.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "DroidSansFallbackFull.ttf",
)


@cache
def print_families() -> tuple[str, ...]:
    """Register the shipped fonts (once) and return their families, in fallback order."""
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource(f"fonts/{name}")))
        if font_id < 0:
            continue  # a missing file degrades to the system's fonts, never a crash
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return tuple(families)


def print_font(point_size: float = 10.0, *, bold: bool = False) -> QFont:
    """Return the print font at ``point_size``, with the shipped scripts as fallbacks."""
    font = QFont()
    families = print_families()
    if families:
        font.setFamilies(list(families))
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
