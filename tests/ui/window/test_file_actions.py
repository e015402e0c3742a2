"""Import, export and restore from the File menu, driven as a user would."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.dates import FixedClock
from coachdesk.store import meetings, reps, teams
from coachdesk.store.backups import list_backups
from coachdesk.store.db import Journal
from coachdesk.ui.widgets import files
from coachdesk.ui.window import file_actions
from coachdesk.ui.window.file_actions import (
    BackupChooser,
    ExportDialog,
    choose_backup,
    export_journal,
    import_roster,
)
from tests.ui.modal import ModalAnswer

PRIVATE = "private: worried about burnout"
SHARED = "shared: great discovery calls"

# ----------------------------------------------------------------- helpers


def _read_message(seen: list[dict[str, str]]) -> Callable[[QWidget], None]:
    """Record a message box's texts, then press OK."""

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        seen.append(
            {
                "title": widget.windowTitle(),
                "text": widget.text(),
                "informative": widget.informativeText(),
                "details": widget.detailedText(),
            }
        )
        widget.button(QMessageBox.StandardButton.Ok).click()

    return answer


def _activate(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _tab_to(qtbot: QtBot, target: QWidget) -> None:
    """Press Tab until ``target`` has the keyboard focus (proving it is reachable)."""
    for _ in range(30):
        if target.hasFocus():
            return
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    raise AssertionError(f"{target.accessibleName()} cannot be reached with Tab")


def _choose_file(monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> list[tuple[str, str]]:
    """Answer the open-file chooser with ``answer``; return what it was asked."""
    asked: list[tuple[str, str]] = []

    def ask(parent: QWidget | None, caption: str, folder: Path, filters: str) -> Path | None:
        asked.append((caption, filters))
        return answer

    monkeypatch.setattr(files, "ask_open_file", ask)
    return asked


def _save_to(monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> list[Path]:
    """Answer the save-file chooser with ``answer``; return the suggested paths."""
    suggested: list[Path] = []

    def ask(parent: QWidget | None, caption: str, offered: Path, filters: str) -> Path | None:
        suggested.append(offered)
        return answer

    monkeypatch.setattr(file_actions, "_ask_save_file", ask)
    return suggested


# ----------------------------------------------------------------- import


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_a_good_roster_through_the_file_chooser(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    teams.add_team(journal, "Enterprise East")
    roster = _csv(
        tmp_path,
        "Full Name,Email,Team,Start Date\n"
        "Ana Ruiz,ana@example.com,Enterprise East,2024-03-04\n"
        "Bo Chen,bo@example.com,Mid-Market,2023-09-01\n"
        '"O\'Brien, Siobhán",shiv@example.com,Mid-Market,\n',
    )
    asked = _choose_file(monkeypatch, roster)
    seen: list[dict[str, str]] = []
    answer = ModalAnswer(QMessageBox, _read_message(seen))

    assert import_roster(None, journal) is True
    answer.check()

    assert asked[0][1] == "Spreadsheets and CSV files (*.csv *.txt *.xlsx *.xlsm *.xls *.ods)"
    assert seen[0]["text"] == "Imported 3 reps (1 new team)."
    assert sorted(r.name for r in reps.list_reps(journal)) == [
        "Ana Ruiz",
        "Bo Chen",
        "O'Brien, Siobhán",
    ]
    assert sorted(t.name for t in teams.list_teams(journal)) == ["Enterprise East", "Mid-Market"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("Ana Ruiz,\n", "Imported 1 rep (no new teams)."),
        ("Ana Ruiz,North\nBo Chen,South\n", "Imported 2 reps (2 new teams)."),
        ("Ana Ruiz,North\n", "Imported 1 rep (1 new team)."),
    ],
)
def test_import_message_counts_in_words(
    qtbot: QtBot,
    journal: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: str,
    expected: str,
) -> None:
    _choose_file(monkeypatch, _csv(tmp_path, "Name,Team\n" + rows))
    seen: list[dict[str, str]] = []
    answer = ModalAnswer(QMessageBox, _read_message(seen))
    import_roster(None, journal)
    answer.check()
    assert seen[0]["text"] == expected


def test_import_a_bad_roster_lists_the_problem_lines_and_imports_nothing(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    roster = _csv(
        tmp_path,
        "Name,Team,Start Date\n"
        "Dee Park,East,\nBo Chen,East,\nBo Chen,West,\nCy Diaz,West,someday\n",
    )
    _choose_file(monkeypatch, roster)
    seen: list[dict[str, str]] = []
    answer = ModalAnswer(QMessageBox, _read_message(seen))

    assert import_roster(None, journal) is False
    answer.check()

    box = seen[0]
    assert box["title"] == "Roster not imported"
    assert box["text"] == "Nothing was imported from roster.csv; the journal is unchanged."
    assert "line 4: Bo Chen is in the file twice (lines 3 and 4)" in box["informative"]
    assert "line 5:" in box["informative"] and "someday" in box["informative"]
    assert [r.name for r in reps.list_reps(journal)] == ["Ana Ruiz"]
    assert teams.list_teams(journal) == []


def test_many_problem_lines_go_into_scrollable_details(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"Rep {n}" for n in range(30)]
    for name in names:
        reps.add_rep(journal, reps.NewRep(name))
    _choose_file(monkeypatch, _csv(tmp_path, "Name\n" + "\n".join(names) + "\n"))
    seen: list[dict[str, str]] = []
    answer = ModalAnswer(QMessageBox, _read_message(seen))
    import_roster(None, journal)
    answer.check()

    box = seen[0]
    assert "line 2: Rep 0 is already on the roster" in box["informative"]
    assert "Rep 29" not in box["informative"], "the box itself stays short"
    assert "… and 25 more" in box["informative"]
    assert len(box["details"].splitlines()) == 30
    assert "line 31: Rep 29 is already on the roster" in box["details"]
    assert reps.count_reps(journal) == 30


def test_cancelling_the_file_chooser_imports_nothing(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose_file(monkeypatch, None)
    assert import_roster(None, journal) is False
    assert QApplication.activeModalWidget() is None
    assert reps.count_reps(journal) == 0


# ----------------------------------------------------------------- export


def _two_reps(journal: Journal) -> tuple[int, int]:
    ana = reps.add_rep(journal, reps.NewRep("Zoë O'Brien 🚀"))
    bo = reps.add_rep(journal, reps.NewRep("Bo Chen"))
    meetings.add_meeting(journal, ana.id, "2026-11-20T09:00", notes=SHARED, private_notes=PRIVATE)
    meetings.add_meeting(journal, bo.id, "2026-11-21T09:00", private_notes="bo's private note")
    return ana.id, bo.id


def test_export_everything_leaves_private_notes_out_by_default(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_reps(journal)
    target = tmp_path / "out" / "everything.json"
    target.parent.mkdir()
    suggested = _save_to(monkeypatch, target)

    def just_export(widget: QWidget) -> None:
        assert isinstance(widget, ExportDialog)
        _activate(qtbot, widget)
        assert widget.everything.isChecked()
        assert not widget.one_person.isEnabled(), "no rep is selected"
        assert not widget.private_box.isChecked()
        assert not widget.private_warning.isVisible()
        assert "not encrypted" in widget.plain_label.text()
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)

    answer = ModalAnswer(ExportDialog, just_export)
    assert export_journal(None, journal, None) == target
    answer.check()

    exports = journal.paths.exports
    assert suggested == [exports / "coachdesk-export-2026-11-23.json"]
    assert stat.S_IMODE(exports.stat().st_mode) == 0o700
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["rep_id"] is None and data["include_private"] is False
    assert len(data["tables"]["reps"]) == 2
    rows = data["tables"]["meetings"]
    assert len(rows) == 2
    assert all("private_notes" not in row for row in rows)
    assert SHARED in target.read_text(encoding="utf-8")
    assert "private" not in " ".join(row["notes"] for row in rows)
    assert PRIVATE not in target.read_text(encoding="utf-8")


def test_export_one_person_with_private_notes_when_ticked(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana_id, _ = _two_reps(journal)
    ana = reps.get_rep(journal, ana_id)
    target = tmp_path / "zoe"  # typed without an extension
    suggested = _save_to(monkeypatch, target)

    def one_person_with_private(widget: QWidget) -> None:
        assert isinstance(widget, ExportDialog)
        _activate(qtbot, widget)
        assert "Zoë O'Brien 🚀" in widget.one_person.text()
        assert "data-access request" in widget.one_person.text()
        # Arrow keys move between the two choices, as in any radio group.
        widget.everything.setFocus()
        qtbot.keyClick(widget.everything, Qt.Key.Key_Down)
        assert widget.one_person.isChecked()
        _tab_to(qtbot, widget.private_box)
        qtbot.keyClick(_focused(), Qt.Key.Key_Space)
        assert widget.private_warning.isVisible()
        assert "private notes" in widget.private_warning.text()
        qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)

    answer = ModalAnswer(ExportDialog, one_person_with_private)
    written = export_journal(None, journal, ana)
    answer.check()

    assert written == tmp_path / "zoe.json"
    assert suggested[0].name == "coachdesk-zoe-o-brien-2026-11-23.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["rep_id"] == ana_id and data["include_private"] is True
    assert [r["name"] for r in data["tables"]["reps"]] == ["Zoë O'Brien 🚀"]
    assert [m["private_notes"] for m in data["tables"]["meetings"]] == [PRIVATE]
    assert "bo's private note" not in written.read_text(encoding="utf-8")


def test_export_of_the_selected_rep_without_private_notes(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana_id, _ = _two_reps(journal)
    target = tmp_path / "zoe.json"
    _save_to(monkeypatch, target)

    def one_person(widget: QWidget) -> None:
        assert isinstance(widget, ExportDialog)
        qtbot.mouseClick(widget.one_person, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)

    answer = ModalAnswer(ExportDialog, one_person)
    export_journal(None, journal, reps.get_rep(journal, ana_id))
    answer.check()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["rep_id"] == ana_id
    assert [m["notes"] for m in data["tables"]["meetings"]] == [SHARED]
    assert PRIVATE not in target.read_text(encoding="utf-8")


def test_cancelling_the_export_writes_nothing(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested = _save_to(monkeypatch, tmp_path / "never.json")

    def cancel(widget: QWidget) -> None:
        assert isinstance(widget, ExportDialog)
        qtbot.keyClick(widget, Qt.Key.Key_Escape)

    answer = ModalAnswer(ExportDialog, cancel)
    assert export_journal(None, journal, None) is None
    answer.check()
    assert suggested == [], "the file chooser was never shown"
    assert not (tmp_path / "never.json").exists()


def test_an_export_that_cannot_be_written_is_explained(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save_to(monkeypatch, tmp_path / "no-such-folder" / "out.json")
    seen: list[dict[str, str]] = []
    press_export = ModalAnswer(
        ExportDialog,
        lambda w: w.export_button.click(),  # type: ignore[attr-defined]
    )
    read_problem = ModalAnswer(QMessageBox, _read_message(seen))
    assert export_journal(None, journal, None) is None
    press_export.check()
    read_problem.check()
    assert seen[0]["title"] == "Export failed"
    assert "does not exist" in seen[0]["text"]
    assert "unchanged" in seen[0]["informative"]


# ----------------------------------------------------------------- restore


def _three_backups(journal: Journal, clock: FixedClock) -> list[Path]:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    taken = []
    for reason in ("daily", "manual", "before-delete"):
        taken.append(journal.backup(reason))
        clock.advance(hours=5)
    return taken


def test_choose_backup_lists_newest_first_and_returns_the_selected_one(
    qtbot: QtBot, journal: Journal, clock: FixedClock
) -> None:
    _daily, manual, _before_delete = _three_backups(journal, clock)
    shown: list[list[str]] = []

    def pick_the_second(widget: QWidget) -> None:
        assert isinstance(widget, BackupChooser)
        _activate(qtbot, widget)
        intro = widget.intro.text()
        assert "moved aside, not deleted" in intro
        assert "a backup of it is taken first" in intro
        tree = widget.backup_list
        for row in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(row)
            shown.append([item.text(0), item.text(1), item.text(2)])
        assert tree.hasFocus()
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        qtbot.keyClick(tree, Qt.Key.Key_Return)

    answer = ModalAnswer(BackupChooser, pick_the_second)
    assert choose_backup(None, journal) == manual
    answer.check()

    assert [row[:2] for row in shown] == [
        ["Mon, 23 Nov 2026 19:00", "Before deleting a rep"],
        ["Mon, 23 Nov 2026 14:00", "Backed up by you"],
        ["Mon, 23 Nov 2026 09:00", "Daily"],
    ]
    assert all(row[2] and row[2][0].isdigit() for row in shown), "each shows its size"


def test_choose_backup_can_pick_another_file(
    qtbot: QtBot,
    journal: Journal,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _three_backups(journal, clock)
    elsewhere = tmp_path / "usb" / "journal-copy.coachdesk"
    asked = _choose_file(monkeypatch, elsewhere)
    answer = ModalAnswer(
        BackupChooser,
        lambda w: w.other_button.click(),  # type: ignore[attr-defined]
    )
    assert choose_backup(None, journal) == elsewhere
    answer.check()
    assert "coachdesk journals (*.coachdesk)" in asked[0][1]


def test_choose_backup_cancel_returns_none(
    qtbot: QtBot, journal: Journal, clock: FixedClock
) -> None:
    _three_backups(journal, clock)

    def cancel(widget: QWidget) -> None:
        assert isinstance(widget, BackupChooser)
        qtbot.keyClick(widget, Qt.Key.Key_Escape)

    answer = ModalAnswer(BackupChooser, cancel)
    assert choose_backup(None, journal) is None
    answer.check()


def test_with_no_backups_restore_waits_for_another_file(qtbot: QtBot, journal: Journal) -> None:
    assert list_backups(journal.paths) == []
    dialog = BackupChooser(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.restore_button.isEnabled()
    assert dialog.empty_label.isVisible()
    assert "no backups yet" in dialog.empty_label.text()
    dialog.accept()
    assert dialog.isVisible(), "nothing to restore yet"
    dialog.reject()


def test_file_action_dialogs_name_every_control_and_fit_the_screen(
    qtbot: QtBot, journal: Journal, clock: FixedClock
) -> None:
    _three_backups(journal, clock)
    rep = reps.list_reps(journal)[0]
    for dialog in (ExportDialog(rep), ExportDialog(None), BackupChooser(journal)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        unnamed = [
            type(w).__name__
            for w in dialog.findChildren(QWidget)
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and w.isVisible()
            and not isinstance(w, QLabel)
            and not w.accessibleName()
            and not (w.parent() and w.parent().accessibleName())  # a view's viewport
        ]
        assert unnamed == []
        assert dialog.width() <= 1366 and dialog.height() <= 700
        dialog.reject()
