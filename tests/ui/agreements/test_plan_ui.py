"""A rep's plan through the window: the blank framework handed out, the reply pasted
back verbatim and shown as the rep's words, reviewed, and compared with last quarter."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from coachdesk.coaching.plans import DEFAULT_AREAS, framework_markdown, parse_areas
from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store import plans, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import PlanStatus
from coachdesk.ui.agreements import plan_page as plan_module
from coachdesk.ui.agreements.plan_page import PlanPage
from coachdesk.ui.widgets.autosave import SaveState
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.agreements.test_agreements_ui import press, screen_text, when_modal
from tests.ui.conftest import Shown
from tests.ui.rep.test_meeting_flow import open_window, type_into

AREAS = parse_areas(DEFAULT_AREAS)
# Their words, with what tends to get "tidied": Markdown, quotes, accents, emoji, spacing.
PIPELINE = "Close **Acme** (€40k) and Globex 🎯\n\n  - “maybe” Initech — 50/50\nNorthwind's renewal"
SUPPORT = "Air cover with legal.\nJoin the Northwind QBR, please."


def pdf_words(path: Path) -> str:
    """The text of a PDF, words separated by single spaces (Qt places words one by one)."""
    return " ".join("".join(page.extract_text() for page in PdfReader(path).pages).split())


def type_in_cell(qtbot: QtBot, table: QTableWidget, text: str) -> None:
    """Type into the cell being edited and press Return, as a person would."""
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.EditingState)
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The editor closes once the event loop has run.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(table.hasFocus)


def plan_page(qtbot: QtBot, window: MainWindow) -> PlanPage:
    """Show the Plan tab of the selected rep."""
    page = next(p for p in window.rep_page._pages if isinstance(p, PlanPage))
    window.rep_page.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)
    return page


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path, chosen_filter: str = "") -> list[Path]:
    """Answer the next file choosers with ``path``; return what was suggested."""
    suggested: list[Path] = []

    def ask(_parent: object, _caption: str, start: Path, _filters: str) -> tuple[Path, str]:
        suggested.append(start)
        return path, chosen_filter

    monkeypatch.setattr(plan_module, "ask_save_file", ask)
    return suggested


def test_framework_out_reply_in_verbatim_reviewed_and_beside_last_quarter(
    qtbot: QtBot,
    journal: Journal,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    last = plans.start_plan(journal, ana, "2026-Q3", AREAS)
    plans.save_answers(journal, last.id, {last.answers[0].id: "Last quarter: close Umbrella."})
    plans.set_targets(journal, last.id, [("Calls", 500)])
    plans.save_review_comments(journal, last.id, "MY OLD NOTE: too cautious")
    window = open_window(qtbot, journal, tmp_path)
    page = plan_page(qtbot, window)
    assert page.quarter_label.text() == "2026-Q4"

    # The blank framework, in each format, before any plan exists.
    for name, chosen in (("blank.md", ""), ("blank.txt", ""), ("blank", "PDF (*.pdf)")):
        suggested = save_to(monkeypatch, tmp_path / name, chosen)
        press(qtbot, page.framework_button)
        assert suggested[0].name == "plan-2026-Q4-ana-ruiz.pdf"
    markdown = (tmp_path / "blank.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Your plan for 2026-Q4 — Ana Ruiz")
    assert "## Support needed from me" in markdown
    text = (tmp_path / "blank.txt").read_text(encoding="utf-8")
    assert "Key accounts\n------------" in text
    pdf_text = pdf_words(tmp_path / "blank.pdf")
    assert "Your plan for 2026-Q4" in pdf_text and "Skills to build" in pdf_text

    press(qtbot, page.start_button)
    plan = plans.plan_for(journal, ana, "2026-Q4")
    assert plan is not None and [a.area for a in plan.answers] == [a for a, _ in AREAS]

    # The reply comes back by email, filled in, and is pasted as it came.
    reply = framework_markdown("Ana Ruiz", "2026-Q4", AREAS)
    reply = reply.replace(
        "_What will you close this quarter, and what pipeline gets you there?_\n",
        "_What will you close this quarter, and what pipeline gets you there?_\n" + PIPELINE + "\n",
    ).replace("- \n", "- calls: 600\n- Meetings booked: 36\n")

    def paste(dialog: object) -> None:
        dialog.text.setPlainText(reply)  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    when_modal(paste)  # type: ignore[arg-type]
    press(qtbot, page.paste_button)
    plan = plans.plan_for(journal, ana, "2026-Q4")
    assert plan is not None
    assert plan.answers[0].answer == PIPELINE
    assert plans.quarter_targets(journal, ana, "2026-Q4") == {
        "calls": 600.0,
        "meetings_booked": 36.0,
    }
    first_box = page.current.answers[plan.answers[0].id]
    assert first_box.toPlainText() == PIPELINE
    assert first_box.isReadOnly() is False
    assert first_box.parentWidget().caption.text() == "In Ana's words"  # type: ignore[union-attr]
    table = page.current.targets
    assert table is not None
    assert [
        (table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())
    ] == [
        ("calls", "600"),
        ("Meetings booked", "36"),
    ]

    # One answer pasted straight into its area, through the clipboard.
    support = page.current.answers[plan.answers[4].id]
    QApplication.clipboard().setText(SUPPORT)
    window.activateWindow()  # the paste dialog was the active window until it closed
    qtbot.waitUntil(lambda: window.isActiveWindow() and support.isVisible())
    support.setFocus()
    qtbot.waitUntil(support.hasFocus)
    qtbot.keyClick(support, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.autosaver.has_pending, timeout=3000)
    plan = plans.plan_for(journal, ana, "2026-Q4")
    assert plan is not None and plan.answers[4].answer == SUPPORT

    # A target added by keyboard in the table.
    press(qtbot, page.add_target_button)
    type_in_cell(qtbot, table, "Demos")
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    type_in_cell(qtbot, table, "12")
    qtbot.waitUntil(lambda: not page.autosaver.has_pending, timeout=3000)
    assert plans.quarter_targets(journal, ana, "2026-Q4") == {
        "calls": 600.0,
        "meetings_booked": 36.0,
        "demos": 12.0,
    }

    # My review: my own words, apart from theirs, hidden when sharing.
    assert page.current.review is not None
    type_into(qtbot, page.current.review, "Ambitious on Acme; ask about the fallback")
    press(qtbot, page.review_button)
    plan = plans.plan_for(journal, ana, "2026-Q4")
    assert plan is not None
    assert (plan.status, plan.reviewed_on) == (PlanStatus.REVIEWED, "2026-11-23")
    assert plan.review_comments == "Ambitious on Acme; ask about the fallback"
    assert plan.answers[0].answer == PIPELINE  # untouched by the review
    assert page.status_label.text() == "Reviewed on Mon, 23 Nov."

    # Last quarter sits beside this one.
    qtbot.waitUntil(lambda: "Last quarter: close Umbrella." in screen_text(window))
    assert page.previous.isVisible()
    previous = page.previous.plan
    assert previous is not None and previous.quarter == "2026-Q3"
    assert "Last quarter: close Umbrella." in screen_text(window)
    assert "MY OLD NOTE: too cautious" in screen_text(window)
    window.set_sharing(True)
    on_screen = screen_text(window)
    assert "Ambitious on Acme" not in on_screen and "MY OLD NOTE" not in on_screen
    assert "Close **Acme**" in on_screen  # their words are shared
    window.set_sharing(False)
    assert "Ambitious on Acme" in screen_text(window)

    # Printed for the rep: their words and targets, never my review.
    monkeypatch.setattr(
        plan_module, "ask_save_file", lambda *_a: (tmp_path / "filled.pdf", "PDF (*.pdf)")
    )
    press(qtbot, page.pdf_button)
    printed = pdf_words(tmp_path / "filled.pdf")
    assert "In Ana’s words" in printed and "Globex" in printed
    assert "Ambitious" not in printed


def test_a_reply_without_headings_changes_nothing(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    plan = plans.start_plan(journal, ana, "2026-Q4", AREAS)
    window = open_window(qtbot, journal, tmp_path)
    page = plan_page(qtbot, window)
    told: list[str] = []
    monkeypatch.setattr(
        plan_module.QMessageBox, "information", lambda _p, title, _t: told.append(title)
    )
    assert page.use_reply("I will just sell more.") is False
    assert told == ["No headings found"]
    assert plans.get_plan(journal, plan.id) == plan


def _plan_with_targets(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> tuple[PlanPage, QTableWidget, int]:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    plan = plans.start_plan(journal, ana, "2026-Q4", AREAS)
    plans.set_targets(journal, plan.id, [("Calls", 60)])
    page = plan_page(qtbot, open_window(qtbot, journal, tmp_path))
    table = page.current.targets
    assert table is not None and page.current.targets_problem is not None
    return page, table, ana


def test_a_target_that_is_not_a_number_is_said_beside_the_targets(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    page, table, ana = _plan_with_targets(qtbot, journal, tmp_path)
    problem = page.current.targets_problem
    assert problem is not None

    table.item(0, 1).setText("lots")
    assert problem.text() == "The target for “Calls” needs a number."
    table.insertRow(1)
    table.setItem(1, 0, QTableWidgetItem("calls "))
    table.setItem(1, 1, QTableWidgetItem("5"))
    table.item(0, 1).setText("70")
    assert problem.text() == "“calls” appears twice (as “Calls” too)."
    assert not page.autosaver.has_pending  # nothing that cannot be used is saved
    table.removeRow(1)
    page._targets_edited()
    assert problem.text() == ""
    qtbot.waitUntil(lambda: not page.autosaver.has_pending, timeout=3000)
    assert plans.quarter_targets(journal, ana, "2026-Q4") == {"calls": 70.0}


def test_a_bug_while_saving_targets_is_logged_and_the_targets_are_kept(
    qtbot: QtBot,
    journal: Journal,
    tmp_path: Path,
    data_paths: Paths,
    crash_handler: Shown,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A ValueError from the store is a bug, not a target typed wrong: the autosave that
    # meets it reaches the problem log and the apology, and says nothing about the targets.
    page, table, ana = _plan_with_targets(qtbot, journal, tmp_path)
    real_set_targets = plans.set_targets

    def broken(*_args: object) -> None:
        raise ValueError("SECRET TARGET")

    monkeypatch.setattr(plans, "set_targets", broken)
    table.item(0, 1).setText("70")
    qtbot.waitUntil(lambda: crash_handler.apologies != [], timeout=3000)

    assert page.current.targets_problem is not None
    assert page.current.targets_problem.text() == ""
    assert "SECRET TARGET" not in page.autosaver.message
    # The indicator does not go on saying "Saving…": it is not saved, and the text is kept.
    assert page.autosaver.state is SaveState.FAILED
    assert "Your text is kept" in page.autosaver.message
    assert crash_handler.warnings == []
    assert "something went wrong inside coachdesk" in crash_handler.apologies[0]
    log = (data_paths.logs / "coachdesk.log").read_text(encoding="utf-8")
    assert "ValueError" in log and "SECRET TARGET" not in log
    # What was typed is kept, and saved once saving works.
    monkeypatch.setattr(plans, "set_targets", real_set_targets)
    assert page.autosaver.flush()
    assert plans.quarter_targets(journal, ana, "2026-Q4") == {"calls": 70.0}
