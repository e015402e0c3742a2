"""The software coachdesk is made of, and each part's licence.

A bundle, and every installer made from it, carries the list made when it was built:
``licences/components.json`` among the resources, beside one folder of licence texts per
component (Python packages, the Python interpreter, Qt, ICU, the libraries taken from the
build system, the print fonts, coachdesk itself). Run from source there is no such list,
so the Python packages coachdesk needs are read from their installed metadata instead.

The build (``build.spec``) writes the list with :func:`write_manifest` and finds the
licence files of a Python distribution with :func:`licence_files`, so the bundle and a
source checkout describe a distribution the same way.
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import platform
import re
import sysconfig
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coachdesk import APP_NAME
from coachdesk.assets import resource

MANIFEST_FORMAT = 1
MANIFEST_NAME = "components.json"

# What a licence file of a Python distribution is called when its metadata does not say
# (older metadata has no License-File entries).
_LICENCE_NAME = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS|COPYRIGHT)", re.IGNORECASE)
# A requirement's name, before any version, extra or marker.
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


class DamagedList(Exception):
    """The bundle's list of components is there but cannot be read.

    A fault of the build, not of the user: the licences dialog says so in place of the
    list. ``str()`` says what is wrong with it.
    """


@dataclass(frozen=True)
class Component:
    """One part of the program, as shown under Help → Licences."""

    name: str
    version: str
    licence: str  # an SPDX expression where known, else the words its authors used
    kind: str  # "application", "Python package", "interpreter", "library", "font", …
    texts: tuple[Path, ...] = ()  # the files holding its licence and notices
    origin: str = ""  # where its licence texts were taken from


@dataclass(frozen=True)
class ManifestEntry:
    """A component as the build records it: what it covers in the bundle as well."""

    name: str
    version: str
    licence: str
    kind: str
    origin: str
    texts: list[str]  # relative to the licences folder
    files: list[str] = field(default_factory=list)  # relative to the bundle's _internal
    modules: list[str] = field(default_factory=list)  # top-level names in the archive


def licences_folder() -> Path:
    """Where a bundle keeps its licence texts (absent when run from source)."""
    return resource("licences")


def components() -> list[Component]:
    """The bundle's own list when there is one, else what is installed for coachdesk."""
    listed = bundled(licences_folder())
    return listed if listed is not None else installed()


def bundled(folder: Path) -> list[Component] | None:
    """The list a build wrote into ``folder``, or None when there is none.

    Raises :class:`DamagedList` when the list is there but cannot be read.
    """
    try:
        raw = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError as exc:  # not UTF-8, or not JSON
        raise DamagedList(str(exc)) from exc
    if raw.get("format") != MANIFEST_FORMAT:
        raise DamagedList(f"{folder / MANIFEST_NAME}: unknown format {raw.get('format')!r}")
    try:
        return [
            Component(
                name=entry["name"],
                version=entry["version"],
                licence=entry["licence"],
                kind=entry["kind"],
                texts=tuple(folder / text for text in entry["texts"]),
                origin=entry.get("origin", ""),
            )
            for entry in raw["components"]
        ]
    except KeyError as exc:  # a field every build writes is missing
        raise DamagedList(str(exc)) from exc


def installed(root: str = APP_NAME) -> list[Component]:
    """``root`` and every distribution it requires (not extras), with Python itself."""
    found: dict[str, Component] = {}
    waiting = [root]
    while waiting:
        name = waiting.pop()
        key = canonical_name(name)
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform, not installed here
        found[key] = Component(
            name=dist.metadata["Name"] or name,
            version=dist.version,
            licence=licence_of(dist),
            kind="application" if key == canonical_name(root) else "Python package",
            texts=tuple(licence_files(dist)),
            origin="installed metadata",
        )
        waiting.extend(required_names(dist.requires or ()))
    python_licence = Path(sysconfig.get_path("stdlib")) / "LICENSE.txt"
    listed = sorted(found.values(), key=lambda c: (c.kind != "application", c.name.lower()))
    listed.append(
        Component(
            name="Python",
            version=platform.python_version(),
            licence="PSF-2.0",
            kind="interpreter",
            texts=(python_licence,) if python_licence.is_file() else (),
            origin="the running interpreter",
        )
    )
    return listed


def required_names(requirements: Iterable[str]) -> list[str]:
    """The names of the requirements that apply without any extra."""
    names = []
    for requirement in requirements:
        marker = requirement.partition(";")[2]
        if "extra" in marker:
            continue
        match = _REQUIREMENT_NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def canonical_name(name: str) -> str:
    """A distribution's name as Python packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _field(meta: metadata.PackageMetadata, name: str) -> str | None:
    """One metadata field, or None (``get_all`` is the accessor every Python keeps)."""
    found = meta.get_all(name)
    return str(found[0]) if found else None


def licence_of(dist: metadata.Distribution) -> str:
    """The licence a distribution declares: its SPDX expression, else its own words."""
    meta = dist.metadata
    expression = _field(meta, "License-Expression")
    if expression:
        return expression.strip()
    declared = (_field(meta, "License") or "").strip()
    # Some put the whole licence text in this field: only a name is a name.
    if declared and "\n" not in declared and len(declared) <= 80:
        return declared
    for classifier in meta.get_all("Classifier") or []:
        if str(classifier).startswith("License ::"):
            return str(classifier).split("::")[-1].strip()
    return ""


def licence_files(dist: metadata.Distribution) -> list[Path]:
    """The files of a distribution that hold its licence and notices."""
    files = list(dist.files or ())
    named = dist.metadata.get_all("License-File") or []
    found: list[Path] = []
    for wanted in named:
        # Metadata 2.4 keeps them under .dist-info/licenses/, older tools at its top; a
        # source checkout's .egg-info lists them where they are in the project.
        for candidate in files:
            parts = candidate.parts
            inside = "/".join(parts[1:]) if parts and parts[0].endswith(".dist-info") else None
            if candidate.as_posix() == wanted or inside in (wanted, f"licenses/{wanted}"):
                found.append(Path(str(dist.locate_file(candidate))).absolute())
                break
    if not found:
        found = [
            Path(str(dist.locate_file(candidate))).absolute()
            for candidate in files
            if candidate.parts
            and candidate.parts[0].endswith(".dist-info")
            and _LICENCE_NAME.match(candidate.name)
        ]
    return [path for path in dict.fromkeys(found) if path.is_file()]


def read_texts(component: Component) -> str:
    """All of a component's licence texts, one after the other under their file names."""
    if not component.texts:
        return (
            f"{component.name} {component.version}: {component.licence or 'licence unknown'}."
            "\n\nNo licence text was found for it."
        )
    parts = []
    for path in component.texts:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            text = f"(could not be read: {error.strerror or error})"
        parts.append(f"==> {path.name} <==\n\n{text.rstrip()}\n")
    return "\n\n".join(parts)


def write_manifest(folder: Path, entries: Sequence[ManifestEntry]) -> Path:
    """Write the list of ``entries`` into ``folder``: the build's side of :func:`bundled`.

    Only the build calls this, on its own staging folder; the app never writes here.
    """
    path = folder / MANIFEST_NAME
    listed = sorted(entries, key=lambda entry: (entry.kind != "application", entry.name.lower()))
    document = {
        "format": MANIFEST_FORMAT,
        "components": [
            {
                "name": entry.name,
                "version": entry.version,
                "licence": entry.licence,
                "kind": entry.kind,
                "origin": entry.origin,
                "texts": list(entry.texts),  # in the order given: the licence first
                "files": sorted(set(entry.files)),
                "modules": sorted(set(entry.modules)),
            }
            for entry in listed
        ],
    }
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
