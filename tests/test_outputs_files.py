"""Every file coachdesk saves for the user goes through the one safe writer.

Prep sheets (command line and window), agreement PDFs, chart pictures and the plan's
blank framework: never through a link, private (0600) whatever the umask and whatever
file was there, never half-written on a full disk (the old file stays as it was), and
saving one never talks to the print system.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.cli import run
from coachdesk.dates import FixedClock
from coachdesk.paths import resolve
from coachdesk.store import agreements, faults, meetings, outputs, ratings, reps
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementContent

CHILD = Path(__file__).with_name("outputs_child.py")
DAY = "2026-11-23"
POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")

# The command line makes a bare QGuiApplication when there is none; windows later in the
# same process need the QApplication.
pytestmark = pytest.mark.usefixtures("qapp")


def add_ana(journal: Journal) -> int:
    """Ana, with a 1:1 behind her and one ahead, self-ratings and an agreement in force."""
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", next_meeting_at="2026-11-25T10:00")).id
    meetings.add_meeting(journal, ana, "2026-11-16T09:00", notes="Shared", private_notes="SECRET")
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-10-05", 2, "Finding my feet"))
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-16", 3, "On board"))
    draft = agreements.start_draft(
        journal,
        AgreementOwner.rep(ana),
        AgreementContent(expect_of_me=("Answers within 24 hours",), my_steps=("Tell me",)),
    )
    agreements.activate(journal, draft.id, dt.date(2026, 11, 23))
    return ana


@pytest.fixture
def data(tmp_path: Path, clock: FixedClock) -> Path:
    """A closed journal holding Ana, for the command line and child processes."""
    folder = tmp_path / "data"
    with Journal.open(resolve(folder), clock=clock) as journal:
        add_ana(journal)
    return folder


@contextlib.contextmanager
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every write through the safe writer fails, as on a full disk, inside the block."""
    monkeypatch.setenv(faults.ENV, "enospc:outputs")
    faults.reset()
    try:
        yield
    finally:
        monkeypatch.delenv(faults.ENV)
        faults.reset()


def prep(data: Path, out: Path, *more: str) -> int:
    """``coachdesk prep``: Ana's sheet, or with ``--team`` the whole pack."""
    who = ["--team", "--all"] if "--team" in more else ["Ana Ruiz"]
    rest = [m for m in more if m != "--team"]
    return run(["prep", *who, "--pdf", str(out), "--date", DAY, "--data-dir", str(data), *rest])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Capture what QMessageBox.warning would show."""
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_a: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


# ----------------------------------------------------------------- problem 1: links, modes


@pytest.mark.parametrize("pack", [False, True], ids=["one-rep", "team"])
def test_prep_pdf_onto_a_link_is_refused_and_its_target_untouched(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], pack: bool
) -> None:
    target = tmp_path / "precious.txt"
    target.write_bytes(b"somebody else's file\n")
    link = tmp_path / "out" / "sheet.pdf"
    link.parent.mkdir()
    link.symlink_to(target)
    capsys.readouterr()
    assert prep(data, link, *(["--team"] if pack else [])) == 1
    said = capsys.readouterr()
    assert "Wrote" not in said.out
    lines = said.err.strip().splitlines()
    assert len(lines) == 1 and "is a link to another file" in lines[0], said.err
    assert target.read_bytes() == b"somebody else's file\n"
    assert link.is_symlink()
    assert outputs.leftovers(link.parent) == []


@POSIX
@pytest.mark.parametrize("pack", [False, True], ids=["one-rep", "team"])
def test_prep_pdf_over_a_readable_file_comes_out_private_and_whole(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], pack: bool
) -> None:
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"an old sheet")
    out.chmod(0o644)
    capsys.readouterr()
    assert prep(data, out, "--include-private", *(["--team"] if pack else [])) == 0
    said = capsys.readouterr().out
    pages = int(re.search(r"(\d+) pages?", said).group(1))  # type: ignore[union-attr]
    assert mode(out) == 0o600
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    assert "PRIVATE" in reader.pages[0 if not pack else 1].extract_text()
    assert outputs.leftovers(tmp_path) == []


# ----------------------------------------------------------------- problem 2: a full disk


def test_prep_pdf_on_a_full_disk_fails_and_keeps_the_old_pdf(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "sheet.pdf"
    assert prep(data, out) == 0  # a good sheet from last week
    before = out.read_bytes()
    assert len(PdfReader(out).pages) == 1
    capsys.readouterr()
    with disk_full(monkeypatch):
        assert prep(data, out, "--include-private") == 1
    said = capsys.readouterr()
    assert "Wrote" not in said.out
    lines = said.err.strip().splitlines()
    assert len(lines) == 1 and "disk is full" in lines[0], said.err
    assert out.read_bytes() == before
    assert outputs.leftovers(folder) == []


def _good_pdf() -> bytes:
    """A whole one-page PDF, written while the disk still had room."""
    from PySide6.QtGui import QTextDocument

    from coachdesk.render.pdf import PdfInMemory

    document = QTextDocument()
    document.setPlainText("An earlier, good sheet.")
    pdf = PdfInMemory()
    document.print_(pdf.writer)
    assert pdf.pages == 1
    return pdf.data()


def test_save_as_pdf_from_the_prep_dialog_on_a_full_disk_warns_and_keeps_the_old_pdf(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.ui.rep import printing

    ana = add_ana(journal)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "sheet.pdf"
    out.write_bytes(_good_pdf())
    before = out.read_bytes()
    monkeypatch.setattr(printing, "_ask_save_file", lambda parent, suggested: str(out))
    shown = warnings_shown(monkeypatch)
    dialog = printing.PrepDialog(journal, [ana], dt.date(2026, 11, 25))
    qtbot.addWidget(dialog)
    with disk_full(monkeypatch):
        assert dialog.save_pdf() is None
    assert len(shown) == 1 and "disk is full" in shown[0] and str(out) in shown[0]
    assert out.read_bytes() == before
    assert outputs.leftovers(folder) == []
    # With room again, the same button saves (and says where).
    assert dialog.save_pdf() == out
    assert len(PdfReader(out).pages) == 1 and mode(out) == 0o600


def ladder_trend(qtbot: QtBot, journal: Journal, rep_id: int) -> QWidget:
    """Ana's line on the ladder, as on her Ladder tab."""
    from coachdesk.ui.ladder.widgets import LadderTrend
    from coachdesk.ui.widgets.audience import Sharing

    trend = LadderTrend(journal, Sharing(), lambda: dt.date(2026, 11, 23))
    qtbot.addWidget(trend)
    trend.resize(800, 600)
    trend.show_subject(rep_id, "Ana Ruiz")
    return trend


def test_chart_png_on_a_full_disk_warns_and_keeps_the_old_picture(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trend = ladder_trend(qtbot, journal, add_ana(journal))
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "ana-ladder.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), "PNG (*.png)"))
    assert trend.save_png() == out  # type: ignore[attr-defined]
    before = out.read_bytes()
    outputs.verify_png(out)
    shown = warnings_shown(monkeypatch)
    with disk_full(monkeypatch):
        assert trend.save_png() is None  # type: ignore[attr-defined]
    assert len(shown) == 1 and "disk is full" in shown[0]
    assert out.read_bytes() == before
    assert outputs.leftovers(folder) == []


@pytest.mark.parametrize("kind", ["agreement-pdf", "plan-md", "plan-pdf", "trend-pdf"])
def test_other_saves_on_a_full_disk_warn_and_report_nothing_saved(
    qtbot: QtBot,
    journal: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    from coachdesk.ui.agreements import controller, plan_page

    ana = add_ana(journal)
    parent = QWidget()
    qtbot.addWidget(parent)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / ("plan.md" if kind == "plan-md" else "saved.pdf")
    out.write_bytes(b"the old file")
    chooser = lambda *_a, **_k: (out, "")  # noqa: E731
    monkeypatch.setattr(controller, "ask_save_file", chooser)
    monkeypatch.setattr(plan_page, "ask_save_file", chooser)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    shown = warnings_shown(monkeypatch)

    def save() -> Path | None:
        if kind == "agreement-pdf":
            active = agreements.active_agreement(journal, AgreementOwner.rep(ana))
            assert active is not None
            return controller.save_agreement_pdf(
                parent, active, rep_name="Ana Ruiz", team_name="", file_stem="agreement"
            )
        if kind == "trend-pdf":
            return ladder_trend(qtbot, journal, ana).save_pdf()  # type: ignore[attr-defined,no-any-return]
        return plan_page.export_framework(parent, "Ana Ruiz", "2026-Q4", [("Pipeline", "")])

    with disk_full(monkeypatch):
        assert save() is None
    assert len(shown) == 1 and "disk is full" in shown[0]
    assert out.read_bytes() == b"the old file"
    assert outputs.leftovers(folder) == []
    assert save() == out and mode(out) == 0o600
    if out.suffix == ".pdf":
        assert len(PdfReader(out).pages) >= 1
    else:
        assert out.read_text(encoding="utf-8").count("Pipeline") == 1


# ----------------------------------------------------------------- any umask


def child(umask: str, action: str, data: Path, *outs: Path) -> subprocess.CompletedProcess[str]:
    """Run tests/outputs_child.py (see there)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(CHILD), umask, action, str(data), *map(str, outs)],
        capture_output=True,
        text=True,
        env=env,
        cwd=data.parent,
        timeout=180,
    )


@POSIX
@pytest.mark.slow
@pytest.mark.parametrize("umask", ["000", "022"])
@pytest.mark.parametrize(
    ("action", "suffix"),
    [
        ("prep-cli", ".pdf"),
        ("agreement-pdf", ".pdf"),
        ("chart-png", ".png"),
        ("plan-export", ".md"),
    ],
)
def test_saved_files_are_private_under_any_umask(
    data: Path, tmp_path: Path, umask: str, action: str, suffix: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    fresh = folder / f"fresh{suffix}"
    over = folder / f"over{suffix}"
    over.write_bytes(b"an older, readable file")
    over.chmod(0o644)
    done = child(umask, action, data, fresh, over)
    assert done.returncode == 0, done.stderr
    for path in (fresh, over):
        assert mode(path) == 0o600, (path.name, oct(mode(path)))
        if suffix == ".pdf":
            assert len(PdfReader(path).pages) >= 1
        elif suffix == ".png":
            outputs.verify_png(path)
        else:
            assert "Pipeline" in path.read_text(encoding="utf-8")
    assert outputs.leftovers(folder) == []


# ----------------------------------------------------------------- problem 3: no print system


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace is Linux only")
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.parametrize(
    ("action", "name"),
    [
        ("python -m coachdesk prep", "sheet.pdf"),
        ("prep-window", "sheet.pdf"),
        ("chart-png", "chart.png"),
        ("agreement-pdf", "agreement.pdf"),
    ],
)
def test_saving_never_opens_a_network_socket(
    data: Path, tmp_path: Path, action: str, name: str
) -> None:
    out = tmp_path / name
    log = tmp_path / "strace.log"
    if action.startswith("python -m"):
        command = [
            sys.executable,
            "-m",
            "coachdesk",
            "prep",
            "Ana Ruiz",
            "--pdf",
            str(out),
            "--date",
            DAY,
            "--data-dir",
            str(data),
        ]
    else:
        command = [sys.executable, str(CHILD), "-", action, str(data), str(out)]
    env = {
        **os.environ,
        # Where QPrinter would go looking for printers, if anything made one.
        "CUPS_SERVER": "127.0.0.9",
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        ["strace", "-f", "-e", "trace=socket,connect", "-o", str(log), *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    calls = log.read_text(encoding="utf-8", errors="replace")
    network = re.findall(r"^.*socket\(AF_INET6?\b.*$", calls, flags=re.MULTILINE)
    assert network == [], "\n".join(network)
    assert ":631" not in calls and "127.0.0.9" not in calls
