"""Help → Licences: the components listed, and the text of the one selected."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.assembled import licences
from coachdesk.assembled.licences import ManifestEntry
from coachdesk.ui.window.licences import LicencesDialog


@pytest.fixture
def bundle_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundle's licences folder with three components, as the build writes it."""
    folder = tmp_path / "licences"
    entries = []
    for name, version, licence, kind, text in [
        ("coachdesk", "2.0", "Apache-2.0", "application", "Apache License text"),
        ("Qt", "6.9.1", "LGPL-3.0-only", "library", "GNU LESSER GENERAL PUBLIC LICENSE"),
        ("ICU", "73", "Unicode-DFS-2016", "library", "UNICODE LICENSE text"),
    ]:
        (folder / name).mkdir(parents=True)
        (folder / name / "LICENSE").write_text(text + "\n", encoding="utf-8")
        entries.append(ManifestEntry(name, version, licence, kind, "test", [f"{name}/LICENSE"]))
    licences.write_manifest(folder, entries)
    monkeypatch.setattr(licences, "licences_folder", lambda: folder)
    return folder


def _open(qtbot: QtBot) -> LicencesDialog:
    dialog = LicencesDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _rows(dialog: LicencesDialog) -> list[tuple[str, str, str]]:
    model = dialog.table.model()
    return [
        tuple(str(model.index(row, column).data()) for column in range(3))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def test_lists_the_bundled_components_and_shows_the_first_licence(
    qtbot: QtBot, bundle_list: Path
) -> None:
    dialog = _open(qtbot)

    assert dialog.windowTitle() == "Licences"
    assert _rows(dialog) == [
        ("coachdesk", "2.0", "Apache-2.0"),
        ("ICU", "73", "Unicode-DFS-2016"),
        ("Qt", "6.9.1", "LGPL-3.0-only"),
    ]
    assert dialog.selected() is not None and dialog.selected().name == "coachdesk"
    assert "Apache License text" in dialog.text.toPlainText()
    assert dialog.text.isReadOnly()


def test_selecting_a_component_shows_its_licence_text(qtbot: QtBot, bundle_list: Path) -> None:
    dialog = _open(qtbot)
    table = dialog.table

    rect = table.visualRect(table.model().index(2, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert dialog.selected() is not None and dialog.selected().name == "Qt"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()
    assert "Apache License text" not in dialog.text.toPlainText()

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert "UNICODE LICENSE text" in dialog.text.toPlainText()


def test_select_by_name(qtbot: QtBot, bundle_list: Path) -> None:
    dialog = _open(qtbot)
    assert dialog.select("icu")
    assert "UNICODE LICENSE text" in dialog.text.toPlainText()
    assert not dialog.select("nothing of the sort")


def test_from_source_the_installed_distributions_are_listed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(licences, "licences_folder", lambda: tmp_path / "no-bundle")
    dialog = _open(qtbot)

    names = [licences.canonical_name(row[0]) for row in _rows(dialog)]
    assert names[0] == "coachdesk"
    assert {"pyside6-essentials", "markdown", "sqlite-utils", "python"} <= set(names)
    assert _rows(dialog)[0][2] == "Apache-2.0"
    assert "Apache License" in dialog.text.toPlainText()


def test_a_damaged_list_is_said_not_shown(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "components.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(licences, "licences_folder", lambda: tmp_path)
    dialog = _open(qtbot)

    assert _rows(dialog) == []
    assert "could not be read" in dialog.text.toPlainText()


def test_everything_has_an_accessible_name_and_close_closes(
    qtbot: QtBot, bundle_list: Path
) -> None:
    dialog = _open(qtbot)
    assert dialog.table.accessibleName() == "Components"
    assert dialog.text.accessibleName() == "Licence text"
    index = dialog.table.model().index(1, 0)
    assert (
        index.data(Qt.ItemDataRole.AccessibleTextRole)
        == "ICU, version 73, licence Unicode-DFS-2016"
    )

    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.accessibleName() == "Close"
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_help_licences_opens_the_list_from_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from coachdesk.paths import resolve
    from coachdesk.store.db import Journal
    from coachdesk.ui.window.main_window import MainWindow
    from tests.ui.modal import ModalAnswer

    with Journal.open(resolve(tmp_path / "data")) as journal:
        window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        seen: list[int] = []

        def read(dialog: QWidget) -> None:
            assert isinstance(dialog, LicencesDialog)
            model = dialog.table.model()
            assert model is not None
            seen.append(model.rowCount())
            dialog.reject()

        answer = ModalAnswer(LicencesDialog, read)
        help_menu = next(a.menu() for a in window.menuBar().actions() if "Help" in a.text())
        next(a for a in help_menu.actions() if "Licences" in a.text()).trigger()
        answer.check()
        assert seen and seen[0] > 3
        window.close()
