"""The .deb's documents, written from what the build recorded (run by package.sh).

    debian_docs.py copyright BUNDLE PREFIX MAINTAINER > copyright
    debian_docs.py changelog CHANGELOG.md VERSION MAINTAINER > changelog

``copyright`` is Debian's machine-readable format (DEP-5), made from the bundle's list of
components (coachdesk/resources/licences/components.json): one paragraph for every group
of files that share their components, with their licences and copyright lines, and the
licence texts themselves beside it in /usr/share/doc/coachdesk/licences/.
``changelog`` is CHANGELOG.md in Debian's changelog format. Dates come from
SOURCE_DATE_EPOCH, so the same commit gives the same files.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import re
import sys
import textwrap
import time
from collections import defaultdict
from pathlib import Path

DOC = "/usr/share/doc/coachdesk/licences"
COMMON_LICENCES = {
    "Apache-2.0": "Apache-2.0",
    "CC0-1.0": "CC0-1.0",
    "GPL-2.0-only": "GPL-2",
    "GPL-2.0-or-later": "GPL-2",
    "GPL-3.0-only": "GPL-3",
    "GPL-3.0-or-later": "GPL-3",
    "LGPL-2.1-only": "LGPL-2.1",
    "LGPL-2.1-or-later": "LGPL-2.1",
    "LGPL-3.0-only": "LGPL-3",
    "LGPL-3.0-or-later": "LGPL-3",
    "MPL-2.0": "MPL-2.0",
}
# A line that states a copyright: "Copyright (c) 2010 Someone", "© 2006 …", "Copyright 2014
# Pallets" (not a sentence that mentions copyright, nor a licence's own notice).
_COPYRIGHT = re.compile(r"^(copyright\b|©|\(c\)\s*\d)[^\"]*\b(1[89]|20)\d\d\b", re.IGNORECASE)


def build_date() -> float:
    """When the build happened, as the reproducible-builds convention says."""
    return float(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def dep5_licence(expression: str) -> str:
    """An SPDX expression the way DEP-5 writes it (lower-case operators, no parentheses
    where none are needed, "with X exception")."""
    text = re.sub(r"\bWITH\s+([A-Za-z0-9.+-]+?)-exception\b", r"with \1 exception", expression)
    return text.replace(" OR ", " or ").replace(" AND ", " and ")


def field(name: str, lines: list[str]) -> str:
    """A DEP-5 field whose value is ``lines`` (the first on the field's own line)."""
    first, rest = (lines[0] if lines else ""), lines[1:]
    return "\n".join([f"{name}: {first}".rstrip(), *(f" {line}" if line else " ." for line in rest)])


def copyright_lines(folder: Path, texts: list[str], name: str) -> list[str]:
    """The copyright statements of a component's own texts (not the standard ones)."""
    found: list[str] = []
    for text in texts:
        if text.startswith("standard/"):
            continue
        path = folder / text
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip(" \t#*/;").removeprefix("Copyright:").strip()
            line = " ".join(line.split())
            if _COPYRIGHT.search(line) and len(line) < 90 and not line.endswith("\\") and (
                "Free Software Foundation" not in line  # the GPL text's own notice
            ):
                if line not in found:
                    found.append(line)
    return found[:8] or [f"the authors of {name}"]


def write_copyright(bundle: Path, prefix: str, maintainer: str) -> str:
    """The DEP-5 copyright file of a bundle installed at ``prefix``."""
    folder = bundle / "_internal" / "coachdesk" / "resources" / "licences"
    components = json.loads((folder / "components.json").read_text(encoding="utf-8"))
    listed = components["components"]
    programs = [name for name in ("coachdesk", "coachdesk-cli") if (bundle / name).exists()]

    # What each file holds: its own components, and the programs every Python module.
    holders: dict[str, set[int]] = defaultdict(set)
    for number, component in enumerate(listed):
        files = list(component["files"])
        if component["modules"]:
            files += programs
        for file in files:
            holders[file].add(number)
    groups: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for file, numbers in holders.items():
        groups[tuple(sorted(numbers))].append(file)

    paragraphs = [
        "\n".join(
            [
                "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
                "Upstream-Name: coachdesk",
                f"Upstream-Contact: {maintainer}",
                field(
                    "Comment",
                    [
                        "",
                        *textwrap.wrap(
                            "coachdesk is under the Apache License 2.0. It is made with the "
                            "components below, each under its own licence. Their licence "
                            f"texts, as shipped, are in {DOC}/ (one folder for each "
                            "component, and standard/ for the standard texts), and the app "
                            "shows them under Help, About, Licences.",
                            76,
                        ),
                    ],
                ),
            ]
        ),
        "\n".join(
            [
                "Files: *",
                "Copyright: the coachdesk authors",
                "License: Apache-2.0",
            ]
        ),
    ]
    used: set[str] = {"Apache-2.0"}
    for numbers, files in sorted(groups.items(), key=lambda item: sorted(item[1])[0]):
        members = [listed[number] for number in numbers]
        licences = []
        for member in members:
            expression = member["licence"]
            if " " in expression and len(members) > 1:
                expression = f"({expression})"
            if expression not in licences:
                licences.append(expression)
            used.update(re.findall(r"[A-Za-z0-9.+-]+", member["licence"]))
        statements: list[str] = []
        for member in members:
            for line in copyright_lines(folder, member["texts"], member["name"]):
                if line not in statements:
                    statements.append(line)
        described = []
        for member in members:
            described.append(f"{member['name']} {member['version']} ({member['kind']}):")
            described.extend(f"  {DOC}/{text}" for text in member["texts"])
        paragraphs.append(
            "\n".join(
                [
                    field("Files", [f"{prefix}/{file}" for file in sorted(files)]),
                    field("Copyright", statements),
                    f"License: {dep5_licence(' AND '.join(licences))}",
                    field("Comment", ["", *described]),
                ]
            )
        )
    for name in sorted(used - {"AND", "OR", "WITH"}):
        if name.endswith("-exception"):
            continue
        if name in COMMON_LICENCES:
            text = [
                f"On Debian systems the complete text of {name} is in",
                f"/usr/share/common-licenses/{COMMON_LICENCES[name]}",
                f"(and, as shipped, in {DOC}/standard/).",
            ]
        else:
            text = [
                f"The text of {name}, with each component's copyright notice, is in",
                f"the folder of each component under {DOC}/.",
            ]
        paragraphs.append(f"License: {name}\n" + "\n".join(f" {line}" for line in text))
    return "\n\n".join(paragraphs) + "\n"


def write_changelog(changelog: Path, version: str, maintainer: str) -> str:
    """CHANGELOG.md as a Debian changelog: one entry for each of its sections."""
    sections: list[tuple[str, list[tuple[str, list[str]]]]] = []
    for line in changelog.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif line.startswith("### ") and sections:
            sections[-1][1].append((line[4:].strip(), []))
        elif line.startswith("- ") and sections and sections[-1][1]:
            sections[-1][1][-1][1].append(line[2:].strip())
        elif line.startswith("  ") and line.strip() and sections and sections[-1][1]:
            items = sections[-1][1][-1][1]
            if items:
                items[-1] += " " + line.strip()
    date = email.utils.formatdate(build_date(), usegmt=False).replace("-0000", "+0000")
    entries = []
    for heading, kinds in sections:
        found = re.search(r"\d+(\.\d+)+\S*", heading)
        this_version = version if heading.lower().startswith("unreleased") else None
        this_version = this_version or (found.group(0) if found else version)
        lines = [f"coachdesk ({this_version}) stable; urgency=medium", ""]
        for kind, items in kinds:
            lines.append(f"  * {kind}")
            for item in items:
                wrapped = textwrap.wrap(item, 74)
                lines.append(f"    - {wrapped[0]}")
                lines.extend(f"      {more}" for more in wrapped[1:])
        day = re.search(r"\d{4}-\d{2}-\d{2}", heading)
        when = date
        if day:
            midnight = dt.datetime.fromisoformat(day.group(0)).replace(tzinfo=dt.timezone.utc)
            when = email.utils.format_datetime(midnight)
        lines += ["", f" -- {maintainer}  {when}"]
        entries.append("\n".join(lines))
    return "\n\n".join(entries) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "copyright":
        sys.stdout.write(write_copyright(Path(argv[1]), argv[2].rstrip("/"), argv[3]))
        return 0
    if len(argv) == 4 and argv[0] == "changelog":
        sys.stdout.write(write_changelog(Path(argv[1]), argv[2], argv[3]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
