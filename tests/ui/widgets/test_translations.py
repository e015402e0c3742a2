"""Counted texts: written once with %n, read as "1 rep" and "2 reps", never "1 reps"."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from coachdesk.assets import resource
from coachdesk.ui.widgets.translations import count_suffix

MAKER = Path(__file__).resolve().parents[3] / "resources" / "translations" / "make_english.py"


@pytest.fixture(scope="module")
def maker() -> ModuleType:
    """The script that writes the English forms (``make translations``)."""
    spec = importlib.util.spec_from_file_location("make_english", MAKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_the_english_forms_are_up_to_date_with_the_code(maker: ModuleType, tmp_path: Path) -> None:
    texts = maker.counted_texts()
    assert len(texts) >= 20
    shipped = resource("translations/coachdesk_en.ts")
    assert shipped.read_text(encoding="utf-8") == maker.ts_text(texts), (
        "a counted text changed: run `make translations`"
    )
    maker.compile_qm(shipped, tmp_path / "fresh.qm")
    assert (tmp_path / "fresh.qm").read_bytes() == resource(
        "translations/coachdesk_en.qm"
    ).read_bytes()


def test_every_counted_text_reads_right_for_one_and_for_more(maker: ModuleType) -> None:
    for text in maker.counted_texts():
        one = QCoreApplication.translate(text.context, text.source, text.comment or None, 1)
        many = QCoreApplication.translate(text.context, text.source, text.comment or None, 2)
        assert "(s)" not in one + many, (text.context, text.source)
        if "%n" in text.source:
            assert "1" in one and "2" in many, (text.context, text.source)
        forms = tuple(f.replace("%n", n) for f, n in zip(text.forms, "12", strict=True))
        assert (one, many) == forms, text


def test_no_count_picks_its_words_by_hand() -> None:
    """No "(s)" left on screen, and no plural chosen by an if on the count."""
    ui = MAKER.parents[2] / "coachdesk" / "ui"
    by_hand = re.compile(r"""(==|!=) 1 else|'s' if|"s" if|\(s\)"\)\s*%""")
    found = [
        f"{path.relative_to(ui)}:{number}: {line.strip()}"
        for path in sorted(ui.rglob("*.py"))
        if path.name != "week_view.py"  # This week is being redesigned on its own
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert not found, "\n".join(found)


def test_a_spin_box_suffix_follows_its_count(qtbot: QtBot) -> None:
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(1, 30)
    spin.setValue(14)
    count_suffix(spin, lambda n: QCoreApplication.translate("RepDialog", " day(s)", "", n))
    assert spin.text() == "14 days"
    spin.setValue(1)
    assert spin.text() == "1 day"
    spin.stepUp()
    assert spin.text() == "2 days"
