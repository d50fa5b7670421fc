"""The command line imports only the chosen command (issue 10, item 6).

Each command's module is imported in a fresh interpreter and the package's modules it loads
are counted: at most a cap per command (a little above today's count, so a new hub import
shows), and none of the feature packages the command has no use for (``scenario`` loads
neither the roster engine nor the form readers). A document format's builders and charts
are imported inside the function that renders them, so they are not counted here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pension_subsidy.cli import _COMMANDS

#: The most modules of the package each command's module may load, and the feature
#: packages it must not load at all.
LIMITS: dict[str, tuple[int, frozenset[str]]] = {
    "report": (95, frozenset({"roster", "forms", "whatif", "workbooks", "evaluation"})),
    "audit": (135, frozenset({"roster", "whatif", "workbooks"})),
    "convert": (95, frozenset({"roster", "forms", "whatif", "evaluation"})),
    "evaluate": (100, frozenset({"roster", "forms", "whatif"})),
    "write-selfeval": (125, frozenset({"roster", "whatif"})),
    "plan-check": (95, frozenset({"roster", "forms", "whatif", "workbooks"})),
    "scenario": (100, frozenset({"roster", "forms", "workbooks", "evaluation"})),
    "solve": (100, frozenset({"roster", "forms", "workbooks", "evaluation"})),
    "forecast": (100, frozenset({"roster", "forms", "workbooks", "evaluation"})),
    "sensitivity": (100, frozenset({"roster", "forms", "workbooks", "evaluation"})),
    "params": (60, frozenset({"disclosure", "roster", "forms", "whatif", "evaluation"})),
    "kinds": (35, frozenset({"disclosure", "roster", "forms", "whatif", "evaluation"})),
    "roster": (130, frozenset({"whatif", "forms", "evaluation", "workbooks"})),
    "synth-roster": (80, frozenset({"disclosure", "forms", "whatif", "evaluation"})),
    "read": (55, frozenset({"roster", "whatif", "workbooks"})),
    "template": (95, frozenset({"roster", "forms", "whatif", "evaluation"})),
}

_PROBE = (
    "import importlib, json, sys;"
    "importlib.import_module(sys.argv[1]);"
    "print(json.dumps(sorted(m for m in sys.modules if m.startswith('pension_subsidy'))))"
)


def _loaded(module: str) -> list[str]:
    """The package's modules a fresh interpreter holds after importing ``module``."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, module], capture_output=True, text=True, check=True
    ).stdout
    loaded: list[str] = json.loads(out)
    return loaded


def test_every_command_has_limits() -> None:
    """A new command is given its cap and its unrelated packages here."""
    assert set(LIMITS) == set(_COMMANDS)


@pytest.mark.parametrize("command", sorted(_COMMANDS))
def test_command_imports_only_what_it_needs(command: str) -> None:
    """The command's module loads at most its cap, and none of its unrelated packages."""
    cap, unrelated = LIMITS[command]
    loaded = _loaded(f"pension_subsidy.cli.{_COMMANDS[command]}")
    packages = {name.split(".")[1] for name in loaded if name.count(".") >= 1}
    assert sorted(packages & unrelated) == []
    assert len(loaded) <= cap


def test_the_dispatcher_loads_no_command() -> None:
    """``pension_subsidy.cli`` itself (parsing, exit codes) loads no command and no babel."""
    code = (
        "import json, sys, pension_subsidy.cli;"
        "print(json.dumps([sorted(m for m in sys.modules if m.startswith('pension_subsidy')),"
        " 'babel' in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded, babel = json.loads(out)
    assert not babel
    assert [name for name in loaded if name.startswith("pension_subsidy.cli._")] == []


def test_scenario_keeps_roster_and_forms_unloaded() -> None:
    """The reviewer's case, by name: ``scenario`` loads neither the roster nor the forms."""
    loaded = _loaded("pension_subsidy.cli._scenario")
    assert [name for name in loaded if name.startswith("pension_subsidy.roster")] == []
    assert [name for name in loaded if name.startswith("pension_subsidy.forms")] == []
    assert "pension_subsidy.output.documents" not in loaded
