"""The package layout's rules: imports run one way, no cycles, no private names across packages.

The layers, lowest first (a module may import from its own layer and the ones below)::

    exceptions ← money, _encoding, _toml, _files, _text ← model
    ← disclosure, evaluation, whatif, roster, forms, workbooks ← sources ← output ← cli

The checks walk every ``import`` in ``src/`` with :mod:`ast`, including imports inside
functions (a cycle hidden in a function is still a cycle at run time) and
``importlib.import_module("pension_subsidy.…")`` calls with a literal name. No cycle is allowed
between modules, nor between packages (the top-level entries: ``disclosure``, ``workbooks``…).
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "pension_subsidy"

#: The layer of each module or package, by its dotted name under pension_subsidy.
LAYERS: dict[str, int] = {
    "exceptions": 0,
    "_messages": 0,
    "money": 1,
    "_toml": 1,
    "_toml_write": 1,
    "_files": 1,
    "_text": 1,
    "_encoding": 1,
    "_frames": 1,
    "_html_repr": 1,
    "model": 2,
    "disclosure": 3,
    "evaluation": 3,
    "whatif": 3,
    "roster": 3,
    "forms": 3,
    "workbooks": 3,
    "sources": 4,
    "output": 5,
    "cli": 6,
    "__main__": 6,
}

#: Names kept importable for one release where they used to live, loaded by a literal
#: ``importlib.import_module`` from the layer above (deprecated; not counted as imports):
#: (the old module, the module the names moved to).
DEPRECATED_REEXPORTS: frozenset[tuple[str, str]] = frozenset(
    {("pension_subsidy.disclosure.sources", "pension_subsidy.sources")}
)


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


@functools.cache
def _tree(module: str) -> ast.Module:
    """The parsed source of ``module`` (parsed once per run)."""
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


def _imports(module: str) -> Iterator[tuple[str, str, int]]:
    """(imported module, imported name or '', line) for each import of ``module``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, "", node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                if submodule in MODULES:
                    yield submodule, "", node.lineno
                else:
                    yield target, alias.name, node.lineno


def _dynamic_imports(module: str) -> Iterator[tuple[str, int]]:
    """(module, line) for each ``import_module("pension_subsidy…")`` with a literal name."""
    tree = _tree(module)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and node.args[0].value.startswith(PACKAGE)
            and (module, node.args[0].value) not in DEPRECATED_REEXPORTS
        ):
            yield node.args[0].value, node.lineno


def _package(module: str) -> str:
    """The top-level entry a module belongs to (``disclosure`` for ``….disclosure.read``)."""
    return module.split(".")[1]


def _layer(module: str) -> int | None:
    """The layer of a module of the package (None for the package's own ``__init__``)."""
    if module == PACKAGE:
        return None
    top = module.split(".")[1]
    return LAYERS[top]


def _is_type_checking_only(module: str, line: int) -> bool:
    """Whether the import at ``line`` sits under ``if TYPE_CHECKING:``."""
    tree = _tree(module)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING"
        ):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom) and inner.lineno == line:
                    return True
    return False


class TestLayers:
    """Every module's imports, against the layer table."""

    def test_every_module_has_a_layer(self) -> None:
        """No module is outside the table: a new package must be given its place."""
        unplaced = [m for m in MODULES if m != PACKAGE and m.split(".")[1] not in LAYERS]
        assert unplaced == []

    @pytest.mark.parametrize("module", sorted(m for m in MODULES if m != PACKAGE))
    def test_imports_run_downwards(self, module: str) -> None:
        """A module imports only from its own layer or lower ones."""
        own = _layer(module)
        assert own is not None
        upward = []
        found = [(target, line) for target, _, line in _imports(module)]
        for target, line in [*found, *_dynamic_imports(module)]:
            if not target.startswith(PACKAGE) or target == PACKAGE:
                continue
            if (layer := _layer(target)) is not None and layer > own:
                upward.append(f"{module}:{line} imports {target} (layer {layer} > {own})")
        assert upward == []

    @pytest.mark.parametrize("module", sorted(m for m in MODULES if m != PACKAGE))
    def test_no_private_name_across_packages(self, module: str) -> None:
        """A name starting with _ is not imported from another package."""
        home = module.split(".")[:2]
        crossing = [
            f"{module}:{line} imports {target}.{name}"
            for target, name, line in _imports(module)
            if name.startswith("_") and target.startswith(PACKAGE) and target.split(".")[:2] != home
        ]
        assert crossing == []

    @pytest.mark.parametrize("module", sorted(m for m in MODULES if m != PACKAGE))
    def test_babel_only_in_output_and_cli(self, module: str) -> None:
        """Language and number formatting (babel) is the output layer's alone."""
        own = _layer(module)
        uses_babel = [
            line for target, _, line in _imports(module) if target.split(".")[0] == "babel"
        ]
        if own is not None and own < LAYERS["output"]:
            assert uses_babel == []


class TestCycles:
    """The import graph between modules has no cycle, even through function-level imports."""

    def test_no_cycle(self) -> None:
        """Depth-first search finds no back edge."""
        graph = {
            module: sorted(
                {
                    target
                    for target, _, line in _imports(module)
                    if target in MODULES
                    and target != PACKAGE
                    and not _is_type_checking_only(module, line)
                }
            )
            for module in MODULES
        }
        for module in MODULES:
            graph[module] += [t for t, _ in _dynamic_imports(module) if t in MODULES]
        # a package's __init__ re-exporting its own modules is not a cycle with them
        for module, targets in graph.items():
            graph[module] = [t for t in targets if not module.startswith(t + ".")]
        state: dict[str, int] = {}
        cycles: list[list[str]] = []

        def visit(node: str, path: list[str]) -> None:
            state[node] = 1
            for target in graph[node]:
                if state.get(target) == 1:
                    cycles.append([*path[path.index(target) :], target])
                elif target not in state:
                    visit(target, [*path, target])
            state[node] = 2

        for module in graph:
            if module not in state:
                visit(module, [module])
        assert cycles == []


class TestLazyImport:
    """``import pension_subsidy`` loads little; the public names load when first used."""

    def test_import_loads_no_babel_and_few_modules(self) -> None:
        """Importing the package imports neither babel nor the command modules."""
        code = (
            "import sys, pension_subsidy;"
            "print(sum(m.startswith('pension_subsidy') for m in sys.modules));"
            "print('babel' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        assert out[1] == "False"
        assert int(out[0]) <= 3

    def test_public_names_resolve(self) -> None:
        """Every name in __all__ is reachable and listed by dir()."""
        import pension_subsidy  # noqa: PLC0415 - imported here to test the lazy import itself

        missing = [name for name in pension_subsidy.__all__ if not hasattr(pension_subsidy, name)]
        assert missing == []
        assert set(pension_subsidy.__all__) <= set(dir(pension_subsidy))


class TestPackageCycles:
    """No two packages (top-level entries) import each other, even through functions."""

    def _graph(self) -> dict[str, set[str]]:
        graph: dict[str, set[str]] = {}
        for module in MODULES:
            if module == PACKAGE:
                continue
            targets = [
                target
                for target, _, line in _imports(module)
                if not _is_type_checking_only(module, line)
            ]
            targets += [target for target, _ in _dynamic_imports(module)]
            graph.setdefault(_package(module), set()).update(
                _package(target)
                for target in targets
                if target.startswith(PACKAGE + ".") and _package(target) != _package(module)
            )
        return graph

    def test_no_package_cycle(self) -> None:
        """Depth-first search over the packages finds no back edge."""
        graph = self._graph()
        state: dict[str, int] = {}
        cycles: list[list[str]] = []

        def visit(node: str, path: list[str]) -> None:
            state[node] = 1
            for target in sorted(graph.get(node, ())):
                if state.get(target) == 1:
                    cycles.append([*path[path.index(target) :], target])
                elif target not in state:
                    visit(target, [*path, target])
            state[node] = 2

        for package in sorted(graph):
            if package not in state:
                visit(package, [package])
        assert cycles == []

    def test_same_layer_packages_import_one_way(self) -> None:
        """Within a layer, two packages never depend on each other (the same test, by pairs)."""
        graph = self._graph()
        both_ways = sorted(
            f"{first} <-> {second}"
            for first, targets in graph.items()
            for second in targets
            if first < second and first in graph.get(second, set())
        )
        assert both_ways == []


def test_one_json_writer() -> None:
    """JSON text is made in one place, ``output.json_writer.to_json``."""
    writers = {
        path.relative_to(SRC).as_posix()
        for path in sorted((SRC / PACKAGE).rglob("*.py"))
        if "json.dump" in path.read_text(encoding="utf-8")
    }
    assert writers == {"pension_subsidy/output/json_writer.py"}
