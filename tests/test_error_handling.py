"""A ValueError is a bug: the window and the commands never show one as a message.

Input the user gave that cannot be used is an :class:`InvalidInput` (a known problem),
raised where it is found. A ``ValueError`` means our own code passed a wrong value: it
goes on to the problem log and the apology. Read from the source with ``ast``, in
``coachdesk/ui`` and ``coachdesk/cli`` an ``except`` that catches ``ValueError`` (alone or
in a tuple):

- does not bind it (``as name``), so its words cannot be shown;
- does not catch a known problem in the same clause: a bug and something the user can
  fix are never handled alike;
- either falls back quietly (``pass``, ``continue``, a ``return`` or an assignment that
  calls nothing: an unreadable stored date stays unset) or raises ``InvalidInput`` (or
  argparse's ``ArgumentTypeError``, the command line's own refusal of an argument):
  a standard-library conversion of the user's text, turned into a known problem at
  that spot. It calls nothing else, so it cannot show a message.

An ``except`` that catches everything (bare, ``Exception``, ``BaseException``) there
hands the error to the problem log (``log_exception``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "coachdesk"
CHECKED = (PACKAGE / "ui", PACKAGE / "cli")

# What a handler of ValueError may raise: the user's input refused in words.
CONVERSIONS = {"InvalidInput", "ArgumentTypeError"}
EVERYTHING = {"Exception", "BaseException"}


def _name(node: ast.expr) -> str:
    """The name an expression ends in: ``ValueError`` for ``errors.ValueError`` too."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _classes() -> Iterator[ast.ClassDef]:
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ClassDef):
                yield node


def subclasses_of(root: str) -> set[str]:
    """``root`` and every coachdesk class that derives from it, by name."""
    bases: dict[str, set[str]] = {}
    for node in _classes():
        bases.setdefault(node.name, set()).update(_name(base) for base in node.bases)
    found = {root}
    while True:
        more = {name for name, of in bases.items() if of & found} - found
        if not more:
            return found
        found |= more


def _caught(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"BaseException"}  # a bare except
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {_name(kind) for kind in types}


def _calls_nothing(node: ast.AST) -> bool:
    return not any(isinstance(inner, ast.Call) for inner in ast.walk(node))


def _quiet_or_converted(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Pass | ast.Continue | ast.Break):
        return True
    if isinstance(statement, ast.Return | ast.Assign | ast.AnnAssign):
        return _calls_nothing(statement)
    if isinstance(statement, ast.Raise):
        raised = statement.exc
        return isinstance(raised, ast.Call) and _name(raised.func) in CONVERSIONS
    return False


def _logs(handler: ast.ExceptHandler) -> bool:
    return any(
        isinstance(inner, ast.Call) and _name(inner.func) == "log_exception"
        for inner in ast.walk(handler)
    )


def problems_in(source: str, where: str, known: set[str]) -> list[str]:
    """Every handler in ``source`` that breaks the rule, as ``where:line: why``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ExceptHandler):
            continue
        names = _caught(node)
        at = f"{where}:{node.lineno}"
        if names & EVERYTHING:
            # Either it logs the error, or it tidies up and lets it go on (a bare raise).
            passes_on = isinstance(node.body[-1], ast.Raise) and node.body[-1].exc is None
            if not (_logs(node) or passes_on):
                found.append(f"{at}: catches everything without logging it as a bug")
            continue
        if "ValueError" not in names:
            continue
        if node.name is not None:
            found.append(f"{at}: binds a ValueError (as {node.name}), so its words can be shown")
        if names & known:
            found.append(f"{at}: handles a ValueError like a known problem")
        if not all(_quiet_or_converted(statement) for statement in node.body):
            found.append(f"{at}: does more with a ValueError than fall back or raise InvalidInput")
    return found


def test_the_window_and_the_commands_never_show_a_value_error() -> None:
    known = subclasses_of("KnownProblem")
    found = [
        problem
        for folder in CHECKED
        for path in sorted(folder.rglob("*.py"))
        for problem in problems_in(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), known
        )
    ]
    assert found == []


def test_no_exception_of_ours_is_a_value_error() -> None:
    # A refusal of the user's input derives from InvalidInput. One deriving from
    # ValueError would be caught, and shown or hidden, like a bug.
    assert subclasses_of("ValueError") == {"ValueError"}


def test_the_known_problems_are_found_by_name() -> None:
    known = subclasses_of("KnownProblem")
    assert {
        "InvalidInput",
        "SettingInvalid",
        "NotANumber",
        "ImportProblem",
        "AgreementNotEditable",
        "WriteFailed",
    } <= known


def test_the_rule_tells_a_fallback_and_a_conversion_from_a_message() -> None:
    known = {"KnownProblem", "InvalidInput"}
    allowed = """
try:
    start = parse_date(text)
except ValueError:
    pass
try:
    value = float(text)
except ValueError:
    raise InvalidInput(tr("The target needs a number.")) from None
try:
    age = read()
except (OSError, ValueError):
    return None
try:
    run()
except Exception:
    log_exception(paths, *sys.exc_info())
"""
    assert problems_in(allowed, "ok.py", known) == []

    refused = """
try:
    save()
except ValueError as problem:
    label.setText(str(problem))
try:
    save()
except (KnownProblem, ValueError):
    return False
try:
    save()
except ValueError:
    QMessageBox.warning(None, "Not saved", "Check the name.")
try:
    save()
except ValueError:
    raise KnownProblem("Not saved.") from None
try:
    save()
except Exception as error:
    label.setText(str(error))
"""
    found = problems_in(refused, "bad.py", known)
    assert [line.split(":")[1] for line in found] == ["4", "4", "8", "12", "16", "20"]
