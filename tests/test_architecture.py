"""The shape of the code, as docs/architecture.md describes it: layers point one way, no file imports
itself back through others (imports inside functions count), modules stay small, app roots stay few.

The import graph is read from the source with ``ast``; nothing is imported.
"""

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Lowest first. A module may import its own app and the apps below it, never one above.
LAYERS = ("portal", "eligibility", "screening", "letters", "reports")
# Project configuration lives in portal/ and names every app by design (STYLE.md): the settings, the
# root URL conf, the API's router, the Celery app.
CONFIGURATION = ("portal.settings", "portal.urls", "portal.api.urls", "portal.celery", "portal.wsgi")
MAX_LINES = 400
MAX_ROOT_MODULES = 12


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    found = {}
    for app in LAYERS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _resolve(name: str) -> str | None:
    modules = _modules()
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


@cache
def _graph() -> dict[str, set[str]]:
    """module -> the first-party modules it imports, at module level or inside a function."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {resolved for t in targets if (resolved := _resolve(t)) and resolved != name}
    return graph


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def _layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def test_no_file_imports_itself_back_through_others():
    assert _cycles() == []


def test_layers_point_one_way():
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if not module.startswith(CONFIGURATION)
        for target in targets
        if _layer(target) > _layer(module)
    )
    assert upward == []


def _sources():
    for top in (*LAYERS, "tests", "bench", "bin"):
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_over_400_lines():
    long = sorted(
        f"{path.relative_to(ROOT)}: {n}" for path in _sources() if (n := len(path.read_text().splitlines())) > MAX_LINES
    )
    assert long == []


@pytest.mark.parametrize("app", [*LAYERS, "portal/accounts", "portal/audit"])
def test_an_app_root_holds_few_modules(app):
    modules = sorted(p.name for p in (ROOT / app).glob("*.py"))
    assert len(modules) <= MAX_ROOT_MODULES, modules


def test_the_graph_sees_imports_inside_functions():
    """The reader itself: a function-level import is an edge (the cycles it hides are cycles)."""
    graph = _graph()
    assert graph and all(isinstance(targets, set) for targets in graph.values())
    assert "portal.errors" in graph["portal.accounts.services"]
