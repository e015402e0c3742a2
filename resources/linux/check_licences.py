"""Check that nothing in a bundle is shipped without its licence text.

    check_licences.py BUNDLE     (e.g. dist/coachdesk, or the unpacked .deb's copy)

The build lists the bundle's components in coachdesk/resources/licences/components.json.
This looks at the bundle itself, not at that list, for what needs a licence: every file
(every shared library, data file and program), every Python module in the programs'
archive and every distribution's metadata folder. Each must belong to a component that
has a licence and licence texts, present and not empty, in the bundle. Needs PyInstaller
(to read the archive): run it with the build's Python.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from PyInstaller.archive.readers import CArchiveReader

LICENCES = Path("_internal/coachdesk/resources/licences")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def archive_modules(program: Path) -> set[str]:
    """The top-level names of the Python modules in a program's archive."""
    archive = CArchiveReader(str(program)).open_embedded_archive("PYZ.pyz")
    return {name.split(".")[0] for name in archive.toc}


def problems(bundle: Path) -> tuple[list[str], str]:
    """What lacks a licence in ``bundle`` (empty when all is well), and a summary."""
    folder = bundle / LICENCES
    try:
        listed = json.loads((folder / "components.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"no list of components in {folder}"], ""
    components = listed["components"]
    found: list[str] = []

    covered: dict[str, str] = {}
    modules: dict[str, str] = {}
    names = set()
    for component in components:
        name = component["name"]
        names.add(canonical(name))
        if not component["licence"]:
            found.append(f"{name}: no licence named")
        if not component["texts"]:
            found.append(f"{name}: no licence text")
        for text in component["texts"]:
            path = folder / text
            if not path.is_file() or path.stat().st_size == 0:
                found.append(f"{name}: licence text {text} is missing or empty")
        for file in component["files"]:
            covered.setdefault(file, name)
        for module in component["modules"]:
            modules.setdefault(module, name)

    files = 0
    for path in sorted(bundle.rglob("*")):
        relative = path.relative_to(bundle)
        if path.is_dir() and not path.is_symlink():
            if path.name.endswith(".dist-info"):
                distribution = canonical(path.name.removesuffix(".dist-info").split("-")[0])
                if distribution not in names:
                    found.append(f"{relative}: its distribution is not a listed component")
            continue
        if LICENCES in relative.parents:
            continue
        files += 1
        key = relative.as_posix()
        if key in covered:
            continue
        if path.is_symlink():  # a link is covered by what it points at
            target = path.resolve()
            if target.is_relative_to(bundle.resolve()):
                if target.relative_to(bundle.resolve()).as_posix() in covered:
                    continue
        kind = "shared library" if ".so" in path.name else "file"
        found.append(f"{key}: this {kind} belongs to no component with a licence")

    programs = [bundle / name for name in ("coachdesk", "coachdesk-cli") if (bundle / name).exists()]
    seen_modules: set[str] = set()
    for program in programs:
        seen_modules |= archive_modules(program)
    for module in sorted(seen_modules - set(modules)):
        found.append(f"Python module {module} (in the programs): belongs to no component")

    summary = (
        f"licences: {len(components)} components cover the bundle's {files} files and "
        f"{len(seen_modules)} top-level Python modules, each with its licence text"
    )
    return found, summary


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    found, summary = problems(Path(argv[0]))
    if found:
        print("Shipped without a licence text:\n  " + "\n  ".join(found), file=sys.stderr)
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
