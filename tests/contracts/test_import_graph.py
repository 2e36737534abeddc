"""The package's imports form no cycle, and the archive's rooms depend one way: read <- store <- search;
inside search/, its layers too: text <- index <- names <- query <- rank <- engine <- disk <- opening
<- shared;
the user's data (userdata) sits on the store and knows nothing of the app or the command line.

Every import counts, including those inside functions and under TYPE_CHECKING: a cycle hidden in
a function is still two modules that cannot be understood apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from support.paths import ROOT

PACKAGE = ROOT / "tui"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports (a package's __init__ counts as the package)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _is_package_init(name: str, edges: dict[str, set[str]]) -> bool:
    return (PACKAGE.parent / Path(*name.split(".")) / "__init__.py").exists()


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_cycle() -> None:
    edges = graph()
    # a package's __init__ importing its own modules is not a cycle with them: drop package nodes
    edges = {k: {w for w in v if not _is_package_init(w, edges)} for k, v in edges.items()
             if not _is_package_init(k, edges)}
    assert cycles(edges) == []


@pytest.mark.parametrize(("room", "must_not_import"), [
    ("tui.archive.read", ("tui.archive.store", "tui.archive.search", "tui.app", "tui.cli", "tui.userdata")),
    ("tui.archive.store", ("tui.archive.search", "tui.app", "tui.cli", "tui.userdata")),
    ("tui.archive.search", ("tui.app", "tui.cli", "tui.userdata")),
    ("tui.userdata", ("tui.app", "tui.cli", "tui.archive.search", "tui.archive.read")),
    ("tui.archive.model", ("tui.archive.read", "tui.archive.store", "tui.archive.search", "tui.app")),
])
def test_the_archive_rooms_depend_one_way(room: str, must_not_import: tuple[str, ...]) -> None:
    edges = graph()
    members = [name for name in edges if name == room or name.startswith(room + ".")]
    assert members, room
    wrong = sorted((name, target) for name in members for target in edges[name]
                   if target.startswith(must_not_import))
    assert wrong == []


#: search/'s layers, lowest first: a module may import from its own layer and the layers below.
SEARCH = "tui.archive.search"
SEARCH_LAYERS = (("text",), ("index",), ("names",), ("query",), ("rank",), ("engine", "searcher"), ("disk",),
                 ("opening", "quick"), ("shared",))


def layer_of(module: str) -> int | None:
    """The layer of a module of search/ (None: in none, or search/ itself)."""
    if not module.startswith(SEARCH + "."):
        return None
    top = module[len(SEARCH) + 1:].split(".")[0]
    return next((n for n, members in enumerate(SEARCH_LAYERS) if top in members), None)


def upward_imports(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) for each import of search/ from a lower layer into a higher one, and
    each import between a layer and a module of search/ in no layer. A package a module is inside
    is not counted: `from .. import x` names the module x, which is."""
    wrong = []
    for name, targets in edges.items():
        mine = layer_of(name)
        if not name.startswith(SEARCH + "."):
            continue
        for target in targets:
            if not target.startswith(SEARCH + ".") or name.startswith(target + "."):
                continue
            theirs = layer_of(target)
            if (mine is None) != (theirs is None) or (mine or 0) < (theirs or 0):
                wrong.append((name, target))
    return sorted(wrong)


def test_the_layer_check_sees_an_upward_import() -> None:
    edges = graph()
    assert edges[SEARCH + ".text.fold"] and upward_imports(edges) == []
    edges[SEARCH + ".text.fold"] = edges[SEARCH + ".text.fold"] | {SEARCH + ".index.textindex"}
    assert upward_imports(edges) == [(SEARCH + ".text.fold", SEARCH + ".index.textindex")]


def test_every_search_layer_is_a_folder_or_module_that_exists() -> None:
    for members in SEARCH_LAYERS:
        for member in members:
            here = PACKAGE / "archive" / "search"
            assert (here / member / "__init__.py").exists() or (here / f"{member}.py").exists(), member


def test_the_search_layers_import_one_way() -> None:
    assert upward_imports(graph()) == []
