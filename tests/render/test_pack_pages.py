"""The week's pack read back: each sheet for its rep's own 1:1, every page named."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from coachdesk.cli import run
from coachdesk.paths import Paths
from coachdesk.render.prep_sheet import write_pdf
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal

MONDAY = dt.date(2026, 11, 23)
FOOT = re.compile(r"on (\w{3} \d{1,2} \w{3} \d{4}) — page (\d+) of (\d+)")


def _pages(path: Path) -> list[str]:
    # NFKC: the print font's ligatures ("ﬁ") read back as the letters they join.
    pages = PdfReader(path).pages
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pages]


def _named(text: str, names: Collection[str]) -> list[str]:
    """The names on a page. Right-to-left names read back from a PDF with each word's
    letters in drawing order, so that form counts too."""
    drawn = {n: " ".join(word[::-1] for word in n.split()) for n in names}
    return [n for n in names if n in text or drawn[n] in text]


def _foot(text: str, names: Collection[str]) -> tuple[str, str, int, int]:
    """Whose page this is (the one name on it), and its foot line's day and page of."""
    found = FOOT.findall(text)
    assert len(found) == 1, f"one foot line on every page: {text[-200:]}"
    named = _named(text, names)
    assert len(named) == 1, f"one rep named on the page: {named}"
    day, page, count = found[0]
    return named[0], day, int(page), int(count)


def test_each_sheet_is_for_its_reps_scheduled_1_1_with_that_meetings_agenda_only(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    # Björn's 1:1 is on Friday and he has sent talking points for it; an older 1:1 of his
    # was left open with other ones. Chloé has no 1:1 scheduled and one left open.
    bjorn = reps.add_rep(
        journal, reps.NewRep("Björn Becker", next_meeting_at="2026-11-27T16:00")
    ).id
    chloe = reps.add_rep(journal, reps.NewRep("Chloé Dubois")).id
    meetings.add_meeting(journal, bjorn, "2026-11-20T16:00", rep_agenda="OLD-BJORN-POINT")
    meetings.add_meeting(journal, bjorn, "2026-11-27T16:00", rep_agenda="FRIDAY-POINT")
    meetings.add_meeting(journal, chloe, "2026-11-16T10:00", rep_agenda="OLD-CHLOE-POINT")
    out = tmp_path / "pack.pdf"
    write_pdf(journal, [bjorn, chloe], MONDAY, out, pack_title="1:1 prep", follow_schedule=True)
    pages = _pages(out)
    whole = " ".join(pages)

    names = ("Björn Becker", "Chloé Dubois")
    bjorn_pages = [p for p in pages[1:] if _foot(p, names)[0] == "Björn Becker"]
    chloe_pages = [p for p in pages[1:] if _foot(p, names)[0] == "Chloé Dubois"]
    assert "1:1 on Fri 27 Nov 2026" in bjorn_pages[0]
    assert "FRIDAY-POINT" in bjorn_pages[0]
    assert "1:1 on Mon 23 Nov 2026" in chloe_pages[0]
    assert "No talking points yet: ask what Chloé wants to cover." in chloe_pages[0]
    assert "OLD-BJORN-POINT" not in whole and "OLD-CHLOE-POINT" not in whole


def test_every_page_of_the_sample_pack_names_its_rep_day_and_page(
    qtbot: QtBot, data_paths: Paths, tmp_path: Path
) -> None:
    data = str(data_paths.data_dir)
    assert run(["make-sample", "--data-dir", data, "--today", "2026-06-15", "--seed", "7"]) == 0
    journal = Journal.open(data_paths)
    try:  # one rep has sent talking points for this week's 1:1 ahead of it
        ahead = next(
            r
            for r in reps.list_reps(journal, include_archived=False)
            if r.next_meeting_at and "2026-06-16" <= r.next_meeting_at[:10] <= "2026-06-19"
        )
        assert ahead.next_meeting_at is not None
        meetings.add_meeting(
            journal, ahead.id, ahead.next_meeting_at, rep_agenda="- the Harbourview renewal plan"
        )
    finally:
        journal.close()
    out = tmp_path / "pack.pdf"
    assert (
        run(["prep", "--data-dir", data, "--team", "--pdf", str(out), "--date", "2026-06-15"]) == 0
    )
    journal = Journal.open(data_paths)
    try:
        everyone = {r.name: r for r in reps.list_reps(journal)}
        # Every talking point in the journal, by rep and by the day of its meeting.
        points: dict[str, dict[str, set[str]]] = {}
        for rep in everyone.values():
            for meeting in meetings.list_meetings(journal, rep.id):
                for line in meeting.rep_agenda.splitlines():
                    words = " ".join(line.strip("-*0123456789. ").split())
                    if len(words) > 12:
                        day_points = points.setdefault(rep.name, {})
                        day_points.setdefault(meeting.held_at[:10], set()).add(words)
    finally:
        journal.close()
    pages = _pages(out)
    assert "week of" in pages[0]
    seen: dict[str, list[tuple[int, int]]] = {}
    agendas_checked = 0
    for text in pages[1:]:
        name, day, page, count = _foot(text, everyone)  # one rep, never two
        seen.setdefault(name, []).append((page, count))
        rep = everyone[name]
        scheduled = rep.next_meeting_at
        if scheduled and "2026-06-15" <= scheduled[:10] <= "2026-06-21":
            shown = dt.date.fromisoformat(scheduled[:10]).strftime("%a %-d %b %Y")
            assert day == shown, (name, day, scheduled)
        sheet_day = dt.datetime.strptime(day, "%a %d %b %Y").date().isoformat()
        for held_on, said in points.get(name, {}).items():
            for words in said:
                if held_on != sheet_day:
                    assert words not in text, f"{name}: {words!r} from {held_on}"
                elif page == 1:
                    agendas_checked += 1
                    assert words in text or "more" in text, (name, words)
    assert seen, "sheets were printed"
    assert agendas_checked, "some sheet had talking points for its own 1:1"
    for name, numbered in seen.items():
        count = numbered[0][1]
        assert numbered == [(n, count) for n in range(1, count + 1)], (name, numbered)
        assert count <= 2


def test_the_foot_line_is_all_a_page_gains(qtbot: QtBot, data_paths: Paths) -> None:
    """The sample week's pages, with and without their foot lines: nothing else moves."""
    from coachdesk.render.pdf import PdfInMemory
    from coachdesk.render.prep_sheet import fit_sheet, pack_parts, page_layout, print_parts

    data = str(data_paths.data_dir)
    assert run(["make-sample", "--data-dir", data, "--today", "2026-06-15", "--seed", "7"]) == 0
    journal = Journal.open(data_paths)
    try:
        ids = [r.id for r in reps.list_reps(journal, include_archived=False)]
        day = dt.date(2026, 6, 15)
        texts: list[list[str]] = []
        for named in (True, False):
            pdf = PdfInMemory(page_layout())
            sheets = (fit_sheet(journal, rep_id, day, pdf.writer) for rep_id in ids)
            parts = pack_parts(sheets, pdf.writer)
            print_parts(((doc, label if named else "") for doc, label in parts), pdf.writer)
            out = data_paths.data_dir / f"named-{named}.pdf"
            pdf.save(out)
            texts.append(_pages(out))
    finally:
        journal.close()
    with_feet, without = texts
    assert len(with_feet) == len(without) >= len(ids)
    for footed, bare in zip(with_feet, without, strict=True):
        # The foot line is drawn last, so it reads back last.
        assert footed.startswith(bare), (footed[:300], bare[:300])
        assert FOOT.search(footed[len(bare) :]), footed[len(bare) :]
