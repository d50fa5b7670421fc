"""Re-record the golden JSON files of tests/test_golden_json.py.

Run this ONLY when a change to the JSON output of a command is intended: the goldens pin the
output byte for byte (first recorded from commit 19233c1) so that a restructuring can prove
it changes nothing, and re-recording to make the test pass hides exactly what it is meant to
catch. Review the diff of the .json files before committing them.

Usage, from anywhere::

    .venv/bin/python tests/golden/record.py            # every case in cases.toml
    .venv/bin/python tests/golden/record.py NAME ...   # only these cases
    .venv/bin/python tests/golden/record.py --out DIR  # write elsewhere (e.g. to compare)

Each case runs ``python -m pension_subsidy ARGV`` in a subprocess from the repository root
with the interpreter running this script; the ``pension_subsidy`` it imports is the one
recorded from (``PYTHONPATH=/path/to/other/checkout/src`` records another tree's code). A
case whose exit code differs from its ``exit`` in cases.toml is not written: change
``exit`` by hand if that change is intended too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent
REPO_ROOT = GOLDEN.parent.parent
CASES = GOLDEN / "cases.toml"


def load_cases() -> list[dict[str, object]]:
    """The cases of cases.toml: each a table with ``name``, ``argv`` and ``exit``."""
    with CASES.open("rb") as stream:
        cases: list[dict[str, object]] = tomllib.load(stream)["case"]
    return cases


def _run(argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "pension_subsidy", *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
    )


def _recorded_from() -> str:
    code = "import pension_subsidy; print(pension_subsidy.__file__)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def record(out: Path, names: list[str]) -> int:
    """Write ``<name>.json`` into ``out`` for each case (or only ``names``); 0 if all were."""
    cases = load_cases()
    known = {str(case["name"]) for case in cases}
    unknown = sorted(set(names) - known)
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    print(f"recording from {_recorded_from()}", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for case in cases:
        name = str(case["name"])
        if names and name not in names:
            continue
        argv = [str(arg) for arg in case["argv"]]
        result = _run(argv)
        if result.returncode != case["exit"] or not result.stdout:
            failed += 1
            print(
                f"NOT written {name}: exit {result.returncode} (expected {case['exit']}), "
                f"{len(result.stdout)} bytes\n{result.stderr.decode('utf-8', 'replace')}",
                file=sys.stderr,
            )
            continue
        suffix = "txt" if case.get("text") else "json"
        (out / f"{name}.{suffix}").write_bytes(result.stdout)
        print(f"wrote {name}.{suffix} ({len(result.stdout)} bytes)", file=sys.stderr)
    return 1 if failed else 0


def main() -> int:
    """Parse the command line and record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these cases")
    parser.add_argument("--out", type=Path, default=GOLDEN, help="folder to write the .json to")
    args = parser.parse_args()
    return record(args.out, args.names)


if __name__ == "__main__":
    sys.exit(main())
