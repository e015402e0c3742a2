"""Prep sheets read back from the PDF: order, the right rep only, privacy, paper, length."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from coachdesk.cli import run
from coachdesk.dates import FixedClock
from coachdesk.store import commitments, meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import Owner

DAY = dt.date(2026, 11, 23)


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace made plain (Qt writes gaps that read back as tabs)."""
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture
def two_reps(journal: Journal) -> Iterator[tuple[int, int]]:
    ana = reps.add_rep(
        journal, reps.NewRep("Ana Ruiz", title="Account Executive", start_date="2024-02-01")
    ).id
    bo = reps.add_rep(journal, reps.NewRep("Bo Chen", title="SDR")).id
    last = meetings.add_meeting(
        journal, ana, "2026-11-16T09:00", notes="ANA-SHARED", private_notes="ANA-PRIVATE-NOTE"
    )
    meetings.add_meeting(
        journal, ana, "2026-11-23T09:00", rep_agenda="Acme renewal pricing pushback"
    )
    commitments.add_commitment(
        journal,
        ana,
        Owner.MANAGER,
        "Get legal to review the MSA",
        due_date="2026-11-20",
        meeting_id=last.id,
    )
    commitments.add_commitment(
        journal,
        ana,
        Owner.REP,
        "Send Acme the revised quote",
        due_date="2026-11-27",
        meeting_id=last.id,
    )
    meetings.add_meeting(journal, bo, "2026-11-17T09:00", private_notes="BO-PRIVATE")
    commitments.add_commitment(journal, bo, Owner.REP, "BO-COMMITMENT")
    yield ana, bo


def write(journal: Journal, rep_ids: list[int], out: Path, **options: object) -> int:
    from coachdesk.render.prep_sheet import write_pdf

    return write_pdf(journal, rep_ids, DAY, out, **options)  # type: ignore[arg-type]


def test_one_sheet_holds_each_section_in_order_for_that_rep_only(
    qtbot: QtBot, journal: Journal, two_reps: tuple[int, int], tmp_path: Path
) -> None:
    ana, _bo = two_reps
    out = tmp_path / "ana.pdf"
    assert write(journal, [ana], out) == 1
    text = pdf_text(out)
    order = [
        "Ana Ruiz",
        "Account Executive",
        "1:1 on Mon 23 Nov 2026",
        "last one: Mon 16 Nov 2026",
        "Their agenda",
        "Acme renewal pricing pushback",
        "My commitments to them",
        "Get legal to review the MSA — open since Fri 20 Nov 2026",
        "keep, change or drop?",
        "Ana's commitments",
        "Send Acme the revised quote — due Fri 27 Nov 2026",
        "Questions to ask",
        "Notes",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    for absent in ("BO-", "Bo Chen", "ANA-PRIVATE-NOTE", "PRIVATE", "⚑", "past cadence"):
        assert absent not in text


def test_a_private_copy_says_so_and_holds_private_notes(
    qtbot: QtBot, journal: Journal, two_reps: tuple[int, int], tmp_path: Path
) -> None:
    ana, _bo = two_reps
    out = tmp_path / "ana-private.pdf"
    write(journal, [ana], out, include_private=True)
    text = pdf_text(out)
    assert text.startswith("PRIVATE")
    assert "ANA-PRIVATE-NOTE" in text and "BO-PRIVATE" not in text


def test_the_pack_puts_each_sheet_on_a_new_page_after_a_cover(
    qtbot: QtBot, journal: Journal, two_reps: tuple[int, int], tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    pages = write(journal, list(two_reps), out, pack_title="1:1 prep")
    reader = PdfReader(out)
    assert pages == len(reader.pages) == 3
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert texts[0].startswith("1:1 prep") and "2 prep sheets" in texts[0]
    assert "Ana Ruiz" not in texts[0] and "Bo Chen" not in texts[0]  # no per-rep cover
    assert texts[1].startswith("Ana Ruiz") and "BO-COMMITMENT" not in texts[1]
    assert texts[2].startswith("Bo Chen") and "BO-COMMITMENT" in texts[2]


def test_the_worst_case_stays_within_two_pages(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    arabic = reps.add_rep(journal, reps.NewRep("سارة منصور", title="Account Executive")).id
    chinese = reps.add_rep(journal, reps.NewRep("王小明", title="SDR")).id
    for rep_id in (arabic, chinese):
        huge = ("A very long line about the Acme renewal and pricing. " * 20 + "\n") * 1000
        meetings.add_meeting(
            journal, rep_id, "2026-11-23T09:00", rep_agenda=huge, notes=huge, private_notes=huge
        )
        for number in range(15):
            for owner in (Owner.MANAGER, Owner.REP):
                commitments.add_commitment(
                    journal,
                    rep_id,
                    owner,
                    f"Commitment number {number} with a long description " * 3,
                    due_date="2026-11-01",
                )
    for rep_id, private in ((arabic, False), (chinese, True)):
        out = tmp_path / f"worst-{rep_id}.pdf"
        write(journal, [rep_id], out, include_private=private)
        assert 1 <= len(PdfReader(out).pages) <= 2
    text = pdf_text(tmp_path / f"worst-{chinese}.pdf")
    assert "王小明" in text and "and 5 more" in text


@pytest.mark.parametrize(
    ("locale", "width_pt"),
    [("en_US", 612), ("de_DE", 595), ("en_CA", 612), ("fr_FR", 595)],
)
def test_paper_follows_the_locale(
    qtbot: QtBot,
    journal: Journal,
    two_reps: tuple[int, int],
    tmp_path: Path,
    locale: str,
    width_pt: int,
) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        out = tmp_path / f"{locale}.pdf"
        write(journal, [two_reps[0]], out)
    finally:
        QLocale.setDefault(previous)
    box = PdfReader(out).pages[0].mediabox
    assert round(float(box.width)) == width_pt


def test_prep_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    from coachdesk.paths import resolve

    data = tmp_path / "d"
    with Journal.open(resolve(data), clock=clock) as journal:
        ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", next_meeting_at="2026-11-25T10:00"))
        meetings.add_meeting(journal, ana.id, "2026-11-16T09:00", private_notes="SECRET")
    out = tmp_path / "ana.pdf"
    assert (
        run(
            ["prep", "Ana Ruiz", "--pdf", str(out), "--date", "2026-11-23", "--data-dir", str(data)]
        )
        == 0
    )
    assert "SECRET" not in pdf_text(out)
    assert (
        run(
            [
                "prep",
                "Ana Ruiz",
                "--pdf",
                str(out),
                "--include-private",
                "--date",
                "2026-11-23",
                "--data-dir",
                str(data),
            ]
        )
        == 0
    )
    assert "SECRET" in pdf_text(out)
    pack = tmp_path / "pack.pdf"
    assert (
        run(
            [
                "prep",
                "--team",
                "--all",
                "--pdf",
                str(pack),
                "--date",
                "2026-11-23",
                "--data-dir",
                str(data),
            ]
        )
        == 0
    )
    assert "Wrote" in capsys.readouterr().out
    assert run(["prep", "--pdf", str(pack), "--data-dir", str(data)]) == 1
    assert run(["prep", "Nobody", "--pdf", str(pack), "--data-dir", str(data)]) == 1
    assert ((out.stat().st_mode) & 0o777) == 0o600


def test_the_sample_teams_pack_is_complete_private_free_and_vector(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    from coachdesk.assembled.flags import collect
    from coachdesk.sample.team import make_sample

    make_sample(journal, reps=6, weeks=20, seed=3)
    active = [r.id for r in reps.list_reps(journal, include_archived=False)]
    out = tmp_path / "pack.pdf"
    write(journal, active, out, pack_title="1:1 prep")
    reader = PdfReader(out)
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    names = {r.id: r.name for r in reps.list_reps(journal)}
    cover = pages[0]
    assert all(name not in cover for name in names.values())
    # every sheet has its sections in order, and nothing from anyone else's; a sheet
    # starts on the page whose foot says "page 1 of"
    sheets: list[str] = []
    for text in pages[1:]:
        if " — page 1 of " in text:
            sheets.append(text)
        else:
            sheets[-1] += " " + text
    assert len(sheets) == len(active)
    assert all(any(text.startswith(n) for n in names.values()) for text in sheets)
    for text in sheets:
        marks = ["Their agenda", "My commitments to them", "Questions to ask", "Notes"]
        found = [text.find(m) for m in marks]
        assert -1 not in found and found == sorted(found), text[:200]
    whole = " ".join(pages)
    for meeting_list in (meetings.list_meetings(journal, rep_id) for rep_id in names):
        for meeting in meeting_list:
            if len(meeting.private_notes) > 30:
                assert meeting.private_notes[:30] not in whole
    for flags in collect(journal, DAY).values():
        for flag in flags:
            assert flag.text not in whole
    assert "PRIVATE" not in whole
    # charts are drawn, not pictures
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for key in xobjects:
            assert xobjects[key].get_object().get("/Subtype") != "/Image"
    if shutil.which("pdfimages"):
        listed = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True)
        assert len(listed.stdout.strip().splitlines()) == 2  # the header only: no images


def test_a_sample_sheet_carries_numbers_plan_and_agreement_in_order(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    from coachdesk.sample.team import make_sample
    from coachdesk.store import agreements, plans
    from coachdesk.store.agreements import AgreementOwner

    make_sample(journal, reps=8, weeks=26, seed=7)
    chosen = next(
        r.id
        for r in reps.list_reps(journal, include_archived=False)
        if agreements.active_agreement(journal, AgreementOwner.rep(r.id))
        and plans.plan_for(journal, r.id, "2026-Q4")
    )
    out = tmp_path / "one.pdf"
    write(journal, [chosen], out)
    text = pdf_text(out)
    marks = [
        "My commitments to them",
        "The numbers",
        "Their plan",
        "Our agreement in brief",
        "Questions to ask",
        "Notes",
    ]
    found = [text.find(m) for m in marks]
    assert -1 not in found, [m for m, f in zip(marks, found, strict=True) if f < 0]
    assert found.index(min(found)) == 0
    assert text.find("The numbers") < text.find("Questions to ask")
    assert len(PdfReader(out).pages) <= 2
