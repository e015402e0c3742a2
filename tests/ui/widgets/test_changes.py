"""The journal's change notices reach views as one Qt signal, and only live views."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coachdesk.store import teams
from coachdesk.store.changes import Change, Subject
from coachdesk.store.db import Journal
from coachdesk.ui.widgets.changes import changes

PACKAGE = Path(__file__).resolve().parents[3] / "coachdesk"


class _View(QWidget):
    """A view as views are written: a bound method of its own on the signal."""

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.heard: list[Change] = []
        changes(journal).changed.connect(self._journal_changed)

    def _journal_changed(self, change: Change) -> None:
        self.heard.append(change)

    def save(self) -> None:
        with self.journal.made_by(self):
            teams.add_team(self.journal, "Mine")


def test_one_signal_per_journal_carries_subjects_and_who_wrote(
    qtbot: QtBot, journal: Journal
) -> None:
    assert changes(journal) is changes(journal)
    view, other = _View(journal), _View(journal)

    view.save()
    teams.add_team(journal, "Nobody's")

    assert [c.subjects for c in view.heard] == [frozenset({Subject.TEAMS})] * 2
    assert view.heard[0].made_by(view) and not view.heard[0].made_by(other)
    assert view.heard[1].initiator is None, "a write outside made_by names nobody"
    assert other.heard == view.heard


def test_a_closed_view_hears_nothing_more(qtbot: QtBot, journal: Journal) -> None:
    view = _View(journal)
    teams.add_team(journal, "Before")
    heard = view.heard
    assert len(heard) == 1
    signal = "2changed(PyObject)"
    connected = changes(journal).receivers(signal)
    assert connected >= 1

    view.close()
    view.deleteLater()
    qtbot.wait(10)  # deleteLater is carried out by the event loop
    del view
    gc.collect()
    teams.add_team(journal, "After")

    assert len(heard) == 1, "a destroyed view was called"
    assert changes(journal).receivers(signal) == connected - 1


def _ui_sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def test_views_connect_their_own_methods_and_nothing_else_listens() -> None:
    """No lambda or partial on the change signal (Qt could not drop it with the view),
    no listener on the journal outside the one bridge, no subject as a bare string."""
    found: list[str] = []
    for path, tree in _ui_sources():
        where = path.relative_to(PACKAGE.parent)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = node.func.attr
            target = node.func.value
            if (
                name == "connect"
                and isinstance(target, ast.Attribute)
                and target.attr == "changed"
                and isinstance(target.value, ast.Call)
                and isinstance(target.value.func, ast.Name)
                and target.value.func.id == "changes"
            ):
                argument = node.args[0]
                if not (
                    isinstance(argument, ast.Attribute) and isinstance(argument.value, ast.Name)
                ):
                    found.append(f"{where}:{node.lineno}: connects {ast.unparse(argument)}")
            bridge = Path("coachdesk/ui/widgets/changes.py")
            listens = name in ("add_listener", "remove_listener")
            if listens and where.parts[1] != "store" and where != bridge:
                found.append(f"{where}:{node.lineno}: {name} outside the bridge")
            if name == "write" and any(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args
            ):
                found.append(f"{where}:{node.lineno}: a subject as a bare string")
    assert found == []
