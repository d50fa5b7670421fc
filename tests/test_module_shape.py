"""Small files, one job each: module and function sizes, and aligned tables kept rare.

Issue 10's rule: no module over ~400 lines, no function over ~60 lines without a reason in a
comment (``# long: <why>`` as the first line after its docstring), and ``# fmt: skip`` only
where a table reads better aligned (fewer than 10 in all of ``src``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "pension_subsidy"
FILES = sorted(SRC.rglob("*.py"))

#: "~400 lines": a module may run a little over while it keeps one job.
MODULE_LINES = 420
FUNCTION_LINES = 60
FMT_SKIPS = 10

#: Modules allowed to be longer, and why.
LONG_MODULES: dict[str, str] = {
    # the lazy public-name table: one entry per public name, plus TYPE_CHECKING imports
    "__init__.py": "the public-name table",
}


def _name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_module_is_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if _name(path) in LONG_MODULES:
        return
    assert lines <= MODULE_LINES, f"{_name(path)} has {lines} lines (at most {MODULE_LINES})"


def _long_functions(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        assert node.end_lineno is not None
        length = node.end_lineno - node.lineno + 1
        if length <= FUNCTION_LINES:
            continue
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            start = body[0].end_lineno or node.lineno
        else:
            start = max(node.lineno, *(d.end_lineno or 0 for d in node.decorator_list))
            start = body[0].lineno - 1 if body else start
        following = lines[start : start + 1]
        if not any(line.strip().startswith("# long:") for line in following):
            found.append(f"{_name(path)}:{node.lineno} {node.name} ({length} lines)")
    return found


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_long_functions_say_why(path: Path) -> None:
    assert _long_functions(path) == []


def test_few_aligned_tables() -> None:
    skips = [
        f"{_name(path)}:{number}"
        for path in FILES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "fmt: skip" in line or "fmt: off" in line
    ]
    assert len(skips) < FMT_SKIPS, skips
