"""The list of components and their licences: from a bundle's manifest or from metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachdesk import __version__
from coachdesk.assembled import licences
from coachdesk.assembled.licences import Component, ManifestEntry

ROOT = Path(__file__).resolve().parents[2]


def _bundle_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "licences"
    (folder / "markdown").mkdir(parents=True)
    (folder / "markdown" / "LICENSE.md").write_text("BSD 3-Clause text\n", encoding="utf-8")
    (folder / "coachdesk").mkdir()
    (folder / "coachdesk" / "LICENSE").write_text("Apache text\n", encoding="utf-8")
    (folder / "coachdesk" / "NOTICE").write_text("Notice text\n", encoding="utf-8")
    licences.write_manifest(
        folder,
        [
            ManifestEntry(
                name="Markdown",
                version="3.5",
                licence="BSD-3-Clause",
                kind="Python package",
                origin="its distribution",
                texts=["markdown/LICENSE.md"],
                modules=["markdown"],
            ),
            ManifestEntry(
                name="coachdesk",
                version="1.0",
                licence="Apache-2.0",
                kind="application",
                origin="its distribution",
                texts=["coachdesk/NOTICE", "coachdesk/LICENSE"],
                files=["coachdesk/resources/icons/coachdesk.svg"],
            ),
        ],
    )
    return folder


def test_a_bundle_lists_what_its_build_wrote(tmp_path: Path) -> None:
    folder = _bundle_folder(tmp_path)

    listed = licences.bundled(folder)

    assert listed is not None
    # The application first, then the rest by name; texts in the order the build gave.
    assert [(c.name, c.version, c.licence, c.kind) for c in listed] == [
        ("coachdesk", "1.0", "Apache-2.0", "application"),
        ("Markdown", "3.5", "BSD-3-Clause", "Python package"),
    ]
    assert listed[0].texts == (folder / "coachdesk" / "NOTICE", folder / "coachdesk" / "LICENSE")
    written = json.loads((folder / "components.json").read_text(encoding="utf-8"))
    assert written["components"][0]["files"] == ["coachdesk/resources/icons/coachdesk.svg"]
    assert written["components"][1]["modules"] == ["markdown"]


def test_no_manifest_means_no_bundle_list(tmp_path: Path) -> None:
    assert licences.bundled(tmp_path) is None


def test_a_manifest_of_another_format_is_refused(tmp_path: Path) -> None:
    (tmp_path / "components.json").write_text('{"format": 99, "components": []}')
    with pytest.raises(licences.DamagedList, match="unknown format"):
        licences.bundled(tmp_path)


@pytest.mark.parametrize("text", ["{not json", '{"format": 1, "components": [{"name": "x"}]}'])
def test_a_damaged_manifest_is_said_to_be_damaged(tmp_path: Path, text: str) -> None:
    # A fault of the build, said in the dialog: not a bug of the code reading it.
    (tmp_path / "components.json").write_text(text, encoding="utf-8")
    with pytest.raises(licences.DamagedList):
        licences.bundled(tmp_path)


def test_from_source_the_installed_metadata_is_read() -> None:
    everything = licences.installed()
    listed = {licences.canonical_name(component.name): component for component in everything}

    app = everything[0]
    assert app is listed["coachdesk"]
    assert (app.version, app.licence, app.kind) == (__version__, "Apache-2.0", "application")
    assert any(path.name == "LICENSE" for path in app.texts)
    assert "Apache License" in licences.read_texts(app)
    # What coachdesk needs to run, not what its extras add.
    assert {"pyside6-essentials", "sqlite-utils", "markdown", "nh3", "sqlcipher3"} <= set(listed)
    assert "pytest" not in listed and "ruff" not in listed
    assert listed["python"].licence == "PSF-2.0"


def test_with_no_bundle_list_the_dialog_falls_back_to_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(licences, "licences_folder", lambda: tmp_path)
    assert any(c.name == "coachdesk" for c in licences.components())
    monkeypatch.setattr(licences, "licences_folder", lambda: _bundle_folder(tmp_path))
    assert [c.name for c in licences.components()] == ["coachdesk", "Markdown"]


def test_only_requirements_without_an_extra_are_followed() -> None:
    assert licences.required_names(
        [
            "PySide6-Essentials<6.12,>=6.9",
            'pytest>=8; extra == "test"',
            "platformdirs>=4.0; python_version >= '3.8'",
        ]
    ) == ["PySide6-Essentials", "platformdirs"]


def test_texts_are_shown_one_after_the_other(tmp_path: Path) -> None:
    first, second = tmp_path / "LICENSE", tmp_path / "NOTICE"
    first.write_text("the licence\n", encoding="utf-8")
    second.write_text("the notice\n", encoding="utf-8")
    component = Component("thing", "1", "MIT", "library", texts=(first, second))

    shown = licences.read_texts(component)

    assert shown.index("==> LICENSE <==") < shown.index("the licence")
    assert shown.index("the licence") < shown.index("==> NOTICE <==") < shown.index("the notice")


def test_a_component_without_texts_says_so() -> None:
    shown = licences.read_texts(Component("thing", "1", "MIT", "library"))
    assert "thing 1: MIT" in shown
    assert "No licence text" in shown


def test_the_project_licence_is_the_apache_licence() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
