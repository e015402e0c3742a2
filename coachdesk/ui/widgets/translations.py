"""The interface's translations, and counts worded in the right plural.

A text with a count is written once, with ``%n`` (``self.tr("%n prep sheet(s)", "", n)``),
never picked by hand from two. The English file (``resources/translations/coachdesk_en``,
made by ``make translations``) gives each its singular and plural, "1 prep sheet" and
"2 prep sheets", as Qt recommends; another language's file gives its own forms.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QSpinBox

from coachdesk.assets import resource

# The compiled English plural forms, inside the package's resources.
ENGLISH = "translations/coachdesk_en.qm"


def install_translations(app: QCoreApplication) -> QTranslator | None:
    """Load the English plural forms into ``app`` (once); the translator, or None."""
    existing = app.findChild(QTranslator, "coachdesk-en")
    if isinstance(existing, QTranslator):
        return existing
    translator = QTranslator(app)
    translator.setObjectName("coachdesk-en")
    if not translator.load(str(resource(ENGLISH))):
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator


def count_suffix(spin: QSpinBox, suffix: Callable[[int], str]) -> None:
    """Keep ``spin``'s suffix in the plural its value needs (" day" at 1, " days" else).

    ``suffix`` gives the suffix for a value, e.g. ``lambda n: tr(" day(s)", "", n)``.
    """
    spin.setSuffix(suffix(spin.value()))
    spin.valueChanged.connect(lambda value: spin.setSuffix(suffix(value)))
