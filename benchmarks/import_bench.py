"""Import time of ``pension_subsidy`` against a bare interpreter, measured side by side.

Runs ``python -c pass`` and ``python -c "import pension_subsidy"`` interleaved, ROUNDS times
each, and prints both medians and their difference (the goal: ≤ 20 ms over the bare
interpreter), then the same for every CLI command's module (``pension-subsidy scenario``
imports ``pension_subsidy.cli._scenario``), with how many of the package's modules each loads.

**A warm bytecode cache.** Where ``PYTHONDONTWRITEBYTECODE`` is set (as in some sandboxes and
CI images), no ``.pyc`` is ever written and every run recompiles the package from source:
that measures the compiler, not the import. So the children run with
``PYTHONDONTWRITEBYTECODE`` removed and ``PYTHONPYCACHEPREFIX`` pointing at a temporary
folder (the source tree is left untouched); the package is compiled into it once with
:mod:`compileall` before the timing starts, and every child reads it from there, as an
installed package reads its ``__pycache__``.

    python benchmarks/import_bench.py [ROUNDS]
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pension_subsidy
from pension_subsidy.cli import _COMMANDS

SNIPPETS = {
    "bare interpreter": "pass",
    "import pension_subsidy": "import pension_subsidy",
    "import + load_dataset()": "import pension_subsidy as ps; ps.load_dataset()",
}
#: Every command's module, as ``pension-subsidy COMMAND`` imports it.
COMMANDS = {
    f"command {name}": f"import pension_subsidy.cli.{module}" for name, module in _COMMANDS.items()
}
_COUNT = "import sys; print(sum(m.startswith('pension_subsidy') for m in sys.modules))"


def _environment(cache: str) -> dict[str, str]:
    """The children's environment: bytecode written to and read from ``cache``."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _warm(cache: str, env: dict[str, str]) -> None:
    """Compile the package (and the standard library it uses) into ``cache`` once."""
    package = Path(pension_subsidy.__file__).parent
    sys.pycache_prefix = cache  # where compileall writes, as the children will read
    compileall.compile_dir(str(package), quiet=1)
    for code in [*SNIPPETS.values(), *COMMANDS.values()]:  # the stdlib and dependencies too
        subprocess.run([sys.executable, "-c", code], check=True, env=env)


def _once(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def _modules(code: str, env: dict[str, str]) -> int:
    """How many of the package's modules ``code`` leaves loaded."""
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{_COUNT}"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.split()[-1])


def main() -> None:
    """Warm the cache, time every snippet ROUNDS times (interleaved) and print the medians."""
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    snippets = {**SNIPPETS, **COMMANDS}
    with tempfile.TemporaryDirectory(prefix="pension-subsidy-pyc-") as cache:
        env = _environment(cache)
        _warm(cache, env)
        counts = {name: _modules(code, env) for name, code in snippets.items()}
        times: dict[str, list[float]] = {name: [] for name in snippets}
        for _ in range(rounds):
            for name, code in snippets.items():  # interleaved, so a slow spell hits every line
                times[name].append(_once(code, env))
    bare = statistics.median(times["bare interpreter"])
    print(f"{rounds} rounds, medians (wall), bytecode cache warm:")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:28} {median * 1000:7.1f} ms   +{(median - bare) * 1000:6.1f} ms over bare"
            f"   {counts[name]:4d} modules"
        )


if __name__ == "__main__":
    main()
