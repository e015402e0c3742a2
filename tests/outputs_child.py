"""A child process for tests/test_outputs_files.py: save files the way the user does.

Usage: python outputs_child.py UMASK ACTION DATA_DIR OUT...

UMASK (octal, or "-" to keep the inherited one) is set before anything else, and
coachdesk's own ``make_private`` is *not* called, so what is checked is the writer, not
the process. ACTION is one of

* ``prep-cli``: ``coachdesk prep "Ana Ruiz" --pdf OUT`` (through ``cli.run``);
* ``prep-window``: the main window's prep dialog (Ctrl+P), Save as PDF…;
* ``chart-png``: the Ladder tab's "Save chart as PNG…";
* ``agreement-pdf``: the Agreement tab's "Save as PDF…";
* ``plan-export``: the Plan tab's blank framework, as Markdown (or whatever OUT ends in).

Each OUT is written in turn, the file chooser answering with it. Prints "saved OUT" for
every file written; exits 1 at the first one that was not.
"""

from __future__ import annotations

import os
import sys

if sys.argv[1] != "-":
    os.umask(int(sys.argv[1], 8))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from coachdesk.dates import FixedClock
from coachdesk.paths import resolve

NAME = "Ana Ruiz"
DAY = "2026-11-23"


def prep_cli(data: Path, out: Path) -> bool:
    """Write the sheet from the command line."""
    from coachdesk.cli import run

    return run(["prep", NAME, "--pdf", str(out), "--date", DAY, "--data-dir", str(data)]) == 0


def in_window(data: Path, action: Callable[..., Path | None], outs: list[Path]) -> bool:
    """Open the main window on Ana and run ``action(window, out)`` for every out."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from coachdesk.store import reps
    from coachdesk.store.db import Journal
    from coachdesk.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(["coachdesk"])
    journal = Journal.open(resolve(data), clock=FixedClock(dt.datetime(2026, 11, 23, 9, 0)))
    window = MainWindow(journal, QSettings(str(data / "w.ini"), QSettings.Format.IniFormat))
    try:
        window.show()
        while not window.is_ready:
            app.processEvents()
        ana = reps.find_reps(journal, NAME)[0].id
        window.roster.select_rep(ana)
        while window.rep_page.rep is None or window.rep_page.rep.id != ana:
            app.processEvents()
        for out in outs:
            if action(window, out) != out:
                return False
            print(f"saved {out}", flush=True)
        return True
    finally:
        window.close()
        journal.close()


def prep_window(window: object, out: Path) -> Path | None:
    """Ctrl+P, then Save as PDF… in the dialog."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from coachdesk.ui.rep import printing

    printing._ask_save_file = lambda parent, suggested: str(out)  # type: ignore[assignment]
    saved: list[Path | None] = []

    def use_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, printing.PrepDialog)
        saved.append(dialog.save_pdf())
        dialog.reject()

    QTimer.singleShot(0, use_dialog)
    window.prep_sheet()  # type: ignore[attr-defined]
    return saved[0] if saved else None


def _tab(window: object, name: str, kind: type) -> object:
    rep_page = window.rep_page  # type: ignore[attr-defined]
    rep_page.show_tab(name)
    page = rep_page.tabs.currentWidget()
    assert isinstance(page, kind), page
    return page


def chart_png(window: object, out: Path) -> Path | None:
    """The Ladder tab's "Save chart as PNG…"."""
    from PySide6.QtWidgets import QFileDialog

    from coachdesk.ui.ladder.ladder_page import LadderPage

    page = _tab(window, "ladder", LadderPage)
    QFileDialog.getSaveFileName = lambda *_a, **_k: (str(out), "PNG (*.png)")  # type: ignore[method-assign]
    return page.trend.save_png()  # type: ignore[attr-defined,no-any-return]


def agreement_pdf(window: object, out: Path) -> Path | None:
    """The Agreement tab's "Save as PDF…"."""
    from coachdesk.ui.agreements import agreement_page, controller

    page = _tab(window, "agreement", agreement_page.AgreementPage)
    controller.ask_save_file = lambda *_a: (out, "PDF (*.pdf)")  # type: ignore[assignment]
    return page.controller.save_pdf()  # type: ignore[attr-defined,no-any-return]


def plan_export(window: object, out: Path) -> Path | None:
    """The Plan tab's blank framework."""
    from coachdesk.ui.agreements import plan_page

    plan_page.ask_save_file = lambda *_a: (out, "Markdown (*.md)")  # type: ignore[assignment]
    return plan_page.export_framework(
        window,  # type: ignore[arg-type]
        NAME,
        "2026-Q4",
        [("Pipeline", "Where will the quarter's deals come from?"), ("Skills", "")],
    )


ACTIONS = {
    "prep-window": prep_window,
    "chart-png": chart_png,
    "agreement-pdf": agreement_pdf,
    "plan-export": plan_export,
}


def main() -> int:
    """Run ACTION for every OUT; 0 when every file was saved."""
    action, data = sys.argv[2], Path(sys.argv[3])
    outs = [Path(name) for name in sys.argv[4:]]
    if action == "prep-cli":
        for out in outs:
            if not prep_cli(data, out):
                return 1
            print(f"saved {out}", flush=True)
        return 0
    return 0 if in_window(data, ACTIONS[action], outs) else 1


if __name__ == "__main__":
    sys.exit(main())
