"""The package layout is the architecture: imports go one way, and no module loops back.

The graph is read from the source with ``ast``, imports inside functions included (start-up
relies on lazy imports, and a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "coachdesk"

# The layers from the bottom up. A module may import from its own layer and those below.
# The top-level modules every layer uses (paths, dates, the version) are below them all.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("coachdesk", "coachdesk.paths", "coachdesk.dates", "coachdesk.assets")),
    ("store", ("coachdesk.store",)),
    ("coaching", ("coachdesk.coaching",)),
    ("assembled", ("coachdesk.assembled", "coachdesk.imports")),
    ("render", ("coachdesk.render",)),
    ("sample", ("coachdesk.sample",)),
    ("ui", ("coachdesk.ui",)),
    ("cli", ("coachdesk.cli", "coachdesk.__main__")),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "resources" not in p.parts}


def imports_of(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """Every coachdesk module ``name`` imports, wherever in the file the import is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # "from coachdesk.store import db" imports the module coachdesk.store.db
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        if _only_for_type_checking(tree, node):
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


def _only_for_type_checking(tree: ast.Module, node: ast.stmt) -> bool:
    return any(
        isinstance(parent, ast.If)
        and "TYPE_CHECKING" in ast.unparse(parent.test)
        and any(child is node for child in ast.walk(parent))
        for parent in ast.walk(tree)
    )


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: set(imports_of(name, path, known)) for name, path in found.items()}


def layer_of(name: str) -> int:
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = name == prefix or name.startswith(prefix + ".")
            if inside and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank >= 0, f"{name} belongs to no layer: add its package to LAYERS"
    return rank


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_no_import_from_a_lower_layer_to_a_higher_one() -> None:
    upward = [
        f"{name} ({LAYERS[layer_of(name)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(name)
    ]
    assert upward == []


def test_no_ui_package_but_the_window_imports_the_window() -> None:
    """The rep page, agreements, the ladder… are given what they need, or register."""
    window = "coachdesk.ui.window"
    found = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        if name.startswith("coachdesk.ui.") and not name.startswith(window)
        for target in sorted(targets)
        if target == window or target.startswith(window + ".")
    ]
    assert found == []


# Only these parts of importlib: a module loaded from a name in a string is a dependency
# this graph, mypy and the bundle cannot see. Extension points use coachdesk.Registry, and
# the modules that register are loaded with plain imports.
IMPORTLIB_ALLOWED = {"importlib.metadata", "importlib.resources"}


def _importlib_not_allowed(name: str) -> bool:
    return name.partition(".")[0] == "importlib" and name not in IMPORTLIB_ALLOWED


def loads_by_name(tree: ast.Module) -> list[str]:
    """What in ``tree`` imports a module by a name given as a string, or could."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if _importlib_not_allowed(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.module == "importlib":
            names = [f"importlib.{alias.name}" for alias in node.names]
            found += [name for name in names if _importlib_not_allowed(name)]
        elif isinstance(node, ast.ImportFrom) and _importlib_not_allowed(node.module or ""):
            found.append(str(node.module))
        elif isinstance(node, ast.Attribute) and node.attr == "import_module":
            found.append(ast.unparse(node))
        elif isinstance(node, ast.Name) and node.id in ("import_module", "__import__"):
            found.append(node.id)
    return found


def test_no_module_is_loaded_by_a_name_in_a_string() -> None:
    found = {
        name: loaded
        for name, path in modules().items()
        if (loaded := loads_by_name(ast.parse(path.read_text(encoding="utf-8"), str(path))))
    }
    assert found == {}


def test_loading_by_name_is_seen() -> None:
    # The reader itself, on what it must catch and what it must let through.
    def seen(source: str) -> list[str]:
        return loads_by_name(ast.parse(source))

    assert seen("import importlib\nimportlib.import_module('x')") == [
        "importlib",
        "importlib.import_module",
    ]
    assert seen("from importlib import import_module") == ["importlib.import_module"]
    assert seen("def f():\n    return __import__('x')") == ["__import__"]
    assert seen("import importlib.util") == ["importlib.util"]
    assert seen("from importlib.util import find_spec") == ["importlib.util"]
    assert seen("import importlib.metadata as m\nfrom importlib.resources import files") == []
    assert seen("from importlib import metadata") == []


def test_at_most_five_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 5, top


def test_the_graph_sees_lazy_imports_and_cycles() -> None:
    # The reader itself: an import inside a function counts, and a loop is found.
    lazy = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(lazy) == [["a", "b", "c"]]
    edges = graph()
    assert "coachdesk.ui.window.main_window" in edges["coachdesk.ui.window.app"] or any(
        "main_window" in t for t in edges["coachdesk.ui.window.app"]
    )


def test_architecture_md_names_only_packages_that_exist() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(coachdesk(?:/[a-z_]+)+/?)`", text))
    assert len(named) >= 8, named
    for path in named:
        assert (ROOT / path.rstrip("/")).exists(), (
            f"ARCHITECTURE.md names {path}, which is not there"
        )


def test_every_package_is_shipped() -> None:
    # A package left out of pyproject.toml is missing from the wheel and the bundle.
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    found = {name for name in found if "resources" not in name}
    assert found <= listed, sorted(found - listed)
