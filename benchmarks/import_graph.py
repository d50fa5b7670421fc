"""The package's shape in figures: modules, layers, upward imports, cycles, largest files.

Walks every ``import`` under ``src/pension_subsidy`` with :mod:`ast` (function-level imports
included, ``if TYPE_CHECKING:`` imports left out of the cycle search) and prints what issue 10
asks the closing note to give, with the cycles between packages (top-level entries) too.
The rules themselves are enforced by ``tests/test_architecture.py`` and
``tests/test_module_shape.py``; this script only counts.

    python benchmarks/import_graph.py
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "pension_subsidy"
# the layer table is the architecture test's, not a copy of it
sys.path.insert(0, str(SRC.parent))
from tests.test_architecture import LAYERS  # noqa: E402


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    found: dict[str, Path] = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            lines |= {inner.lineno for inner in ast.walk(node) if hasattr(inner, "lineno")}
    return lines


def edges(found: dict[str, Path]) -> dict[str, set[str]]:
    """The modules each module imports (within the package; TYPE_CHECKING ones left out)."""
    graph: dict[str, set[str]] = {}
    for module, path in found.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_lines(tree)
        targets: set[str] = set()
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                else:
                    target = node.module or ""
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    targets.add(sub if sub in found else target)
        graph[module] = {
            t for t in targets if t in found and t != PACKAGE and not module.startswith(t + ".")
        }
    return graph


def _layer(module: str) -> int:
    return LAYERS.get(module.split(".")[1], -1) if module != PACKAGE else -1


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative enough)."""
    sys.setrecursionlimit(10_000)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in graph:
        if node not in index:
            visit(node)
    return found


def main() -> None:
    """Print the figures."""
    found = modules()
    graph = edges(found)
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in found.items()}
    upward = [(m, t) for m, targets in graph.items() for t in targets if _layer(t) > _layer(m) >= 0]
    top_level = sorted(m for m in found if m.count(".") == 1)
    per_layer = Counter(_layer(m) for m in found if m != PACKAGE)
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    skips = sum(p.read_text(encoding="utf-8").count("fmt: skip") for p in found.values())
    print(f"modules: {len(found)} ({len(top_level)} at the top level)")
    print("layers: " + ", ".join(f"{layer}: {n}" for layer, n in sorted(per_layer.items())))
    print(f"import edges inside the package: {sum(len(t) for t in graph.values())}")
    print(f"upward imports: {len(upward)}")
    print(f"cycles: {len(cycles(graph))}")
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        if module != PACKAGE:
            home = module.split(".")[1]
            packages.setdefault(home, set()).update(
                t.split(".")[1] for t in targets if t.split(".")[1] != home
            )
    for package in {t for targets in packages.values() for t in targets} - set(packages):
        packages[package] = set()
    print(f"package-level cycles: {len(cycles(packages))}")
    print(f"modules over 400 lines: {sum(n > 400 for n in sizes.values())}")
    print("largest: " + ", ".join(f"{m.removeprefix(PACKAGE + '.')} {n}" for m, n in largest))
    print(f"'fmt: skip' markers: {skips}")
    for module, target in upward:
        print(f"  upward: {module} -> {target}")


if __name__ == "__main__":
    main()
