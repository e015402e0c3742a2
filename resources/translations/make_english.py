"""Write the English plural forms of every counted text in coachdesk's interface.

A text with a count is written once in the code, with the count passed to Qt:
``self.tr("%n prep sheet(s)", "", n)`` in a class, or
``QCoreApplication.translate(context, "%n rep(s)", "", n)``. This finds each of them in
``coachdesk/ui``, writes ``coachdesk_en.ts`` with its singular and plural, and compiles
``coachdesk_en.qm`` with Qt's lrelease (the app loads it at start). The English forms come
from the text itself: "(s)" is dropped for one and becomes "s" for more ("1 prep sheet",
"2 prep sheets"); a text without "(s)" ("%n cleared") reads the same for both.

Run it with ``make translations`` after adding or changing such a text; a test checks
that the files are up to date.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "coachdesk" / "ui"
TS = HERE / "coachdesk_en.ts"
QM = HERE / "coachdesk_en.qm"
_TRANSLATE = ("QCoreApplication", "QApplication", "QGuiApplication")


@dataclass(frozen=True, order=True)
class Counted:
    """One text with a count: where Qt looks it up, and its two English forms."""

    context: str
    source: str
    comment: str = ""

    @property
    def forms(self) -> tuple[str, str]:
        """The singular and the plural."""
        return self.source.replace("(s)", ""), self.source.replace("(s)", "s")


def _text(node: ast.expr | None) -> str | None:
    """A string literal's value (implicitly joined parts included), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Constant) and node.value is None:
        return ""
    return None


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.classes: list[str] = []
        self.found: set[Counted] = set()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            args = node.args
            if func.attr == "tr" and len(args) == 3 and self.classes:
                source, comment = _text(args[0]), _text(args[1])
                if source is not None and comment is not None:
                    self.found.add(Counted(self.classes[-1], source, comment))
            owner = func.value
            if (
                func.attr == "translate"
                and isinstance(owner, ast.Name)
                and owner.id in _TRANSLATE
                and len(args) == 4
            ):
                context, source, comment = _text(args[0]), _text(args[1]), _text(args[2])
                if context and source is not None and comment is not None:
                    self.found.add(Counted(context, source, comment))
        self.generic_visit(node)


def counted_texts(sources: Path = SOURCES) -> list[Counted]:
    """Every text with a count in the interface's code, in a stable order."""
    finder = _Finder()
    for path in sorted(sources.rglob("*.py")):
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return sorted(finder.found)


def ts_text(texts: list[Counted]) -> str:
    """The .ts file (Qt's XML) holding the English forms of ``texts``."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        '<TS version="2.1" language="en" sourcelanguage="en">',
    ]
    contexts = sorted({t.context for t in texts})
    for context in contexts:
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for text in (t for t in texts if t.context == context):
            one, many = text.forms
            lines += [
                '    <message numerus="yes">',
                f"        <source>{escape(text.source)}</source>",
            ]
            if text.comment:
                lines.append(f"        <comment>{escape(text.comment)}</comment>")
            lines += [
                "        <translation>",
                f"            <numerusform>{escape(one)}</numerusform>",
                f"            <numerusform>{escape(many)}</numerusform>",
                "        </translation>",
                "    </message>",
            ]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def lrelease() -> str:
    """Qt's lrelease, as PySide6 installs it beside this Python."""
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: install PySide6 (make .venv/.installed)")
    return found


def compile_qm(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    texts = counted_texts()
    TS.write_text(ts_text(texts), encoding="utf-8")
    compile_qm(TS, QM)
    print(f"{len(texts)} counted texts: {TS.name}, {QM.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
