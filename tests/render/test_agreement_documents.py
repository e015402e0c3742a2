"""Agreement and plan documents: built as escaped HTML, printed to PDF through SafeDocument."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from coachdesk.coaching.plans import DEFAULT_AREAS, parse_areas
from coachdesk.dates import FixedClock, today
from coachdesk.render import agreements as documents
from coachdesk.store import agreements, reps
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementContent
from coachdesk.ui.agreements import controller
from tests.ui.agreements.test_agreements_ui import agreement_page as show_agreement_page
from tests.ui.agreements.test_agreements_ui import press
from tests.ui.rep.test_meeting_flow import open_window

CONTENT = AgreementContent(
    expect_of_them=("Keep the CRM current by Friday noon", "Bring your own agenda"),
    expect_of_me=("Answers within 24 hours", "Air cover with legal"),
    more_needed="A heads-up before territory changes.",
    communication=(("Emergency", "text me"), ("Routine", "chat")),
    open_door="Tuesdays 14:00–16:00",
    work_schedule="Mon–Thu in the office",
    their_steps=(
        "A gentle reminder",
        "Take me to lunch — something's going on",
        "A formal plan, together <b>not</b> a record",
    ),
    my_steps=("Tell me straight in our 1:1", "Email me and ask for a date"),
    rep_signed_on="2026-11-24",
)


def pdf_words(path: Path) -> str:
    """The text of a PDF, words separated by single spaces (Qt places words one by one)."""
    return " ".join("".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_agreement_html_escapes_and_reads_as_their_choices(
    journal: Journal, clock: FixedClock
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana <Ruiz>")).id
    draft = agreements.start_draft(journal, AgreementOwner.rep(ana), CONTENT)
    html = documents.agreement_html(draft, rep_name="Ana <Ruiz>")
    assert "Ana &lt;Ruiz&gt;" in html and "<Ruiz>" not in html
    assert "&lt;b&gt;not&lt;/b&gt;" in html
    assert "draft, not yet agreed" in html
    assert "<ol><li>A gentle reminder</li>" in html
    assert re.search(r"<(img|script|a )", html) is None
    assert "style=" not in html and "color" not in html  # the palette decides on screen


def test_the_agreement_saves_as_a_pdf_to_hand_over(
    qtbot: QtBot,
    journal: Journal,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    draft = agreements.start_draft(journal, AgreementOwner.rep(ana), CONTENT)
    agreements.activate(journal, draft.id, today(clock))
    agreements.set_signed(
        journal, draft.id, rep_signed_on="2026-11-24", manager_signed_on="2026-11-23"
    )
    window = open_window(qtbot, journal, tmp_path)
    page = show_agreement_page(qtbot, window)
    suggested: list[Path] = []

    def ask(_parent: object, _caption: str, start: Path, _filters: str) -> tuple[Path, str]:
        suggested.append(start)
        return tmp_path / "agreement", "PDF (*.pdf)"

    monkeypatch.setattr(controller, "ask_save_file", ask)
    press(qtbot, page.pdf_button)

    assert suggested[0].name == "agreement-ana-ruiz-v1.pdf"
    pdf = tmp_path / "agreement.pdf"
    reader = PdfReader(pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == "Working agreement — Ana Ruiz"
    words = pdf_words(pdf)
    for expected in (
        "Our working agreement — Ana Ruiz",
        "Version 1 · agreed on 23 Nov 2026 · next review 23 Feb 2027",
        "What I expect of you",
        "Keep the CRM current by Friday noon",
        "What you can expect from me",
        "Answers within 24 hours",
        "Emergency text me",
        "If I don’t hold up my end, I’d like you to…",
        "In Ana’s own words, in the order they chose.",
        "Take me to lunch — something's going on",
        "A formal plan, together <b>not</b> a record",
        "If I slip, call me on it by…",
        "Email me and ask for a date",
        "Ana Ruiz signed 24 Nov 2026",
        "Manager signed 23 Nov 2026",
    ):
        assert expected in words, expected
    assert "warning" not in words.casefold()
    assert b"/Subtype /Image" not in pdf.read_bytes()


def test_blank_framework_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "framework.pdf"
    areas = parse_areas(DEFAULT_AREAS)
    documents.save_pdf(
        documents.framework_html("Ana Ruiz", "2027-Q1", areas), pdf, title="Your plan for 2027-Q1"
    )
    words = pdf_words(pdf)
    assert words.startswith("Your plan for 2027-Q1 — Ana Ruiz")
    for area, prompt in areas:
        assert area in words and prompt in words
    assert "Your targets for the quarter" in words and "What you will count Target" in words
    assert PdfReader(pdf).metadata.title == "Your plan for 2027-Q1"  # type: ignore[union-attr]
