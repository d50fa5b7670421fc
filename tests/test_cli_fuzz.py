"""Arbitrary command lines: ``main()`` answers with an exit code, never with a traceback.

For each command, hypothesis builds argv from the command's own options (read from the real
parser, so a new option is fuzzed too) with values that are weird numbers, random text,
overrides of real keys with absurd values, and paths: missing files, directories, directories
named like files, files of random bytes, and real files with one figure replaced by a weird
number. ``main()`` must return 0, 1, 2 or 3 and print no traceback; any exception escaping it
fails the test. Every example runs in a fresh temporary directory (outputs land there).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pension_subsidy.cli import _parser, main
from pension_subsidy.disclosure import bundled_disclosure_text
from pension_subsidy.roster.synth import write_synthetic_roster

_PARSER = _parser()
_SUBPARSERS = next(
    action for action in _PARSER._actions if isinstance(action, argparse._SubParsersAction)
)
#: Each command and the actions (options and positionals) of its parser.
COMMANDS: dict[str, list[argparse.Action]] = {
    name: [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]
    for name, parser in _SUBPARSERS.choices.items()
}

_ROOT = Path(__file__).parents[1]
_BUNDLED = _ROOT / "src" / "pension_subsidy" / "data"
#: Real inputs, copied into each example's folder.
_REAL_FILES = {
    "good.toml": (_BUNDLED / "menyuan-2022.toml").read_bytes(),
    "table.txt": bundled_disclosure_text(),
    "actuals.toml": (_ROOT / "examples" / "actuals-2022.toml").read_bytes(),
    "rules.toml": (_BUNDLED / "rules" / "example-rules.toml").read_bytes(),
    "params.toml": (_BUNDLED / "parameters" / "national.toml").read_bytes(),
}


def _roster_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        write_synthetic_roster(path, 20, seed=1, corrupt=0.2)
        return path.read_bytes()


_REAL_FILES["roster.csv"] = _roster_bytes()  # 20 rows, a fifth of them wrong in known ways
_JUNK_NAMES = ("junk.toml", "junk.csv", "junk.txt", "junk.xlsx", "junk.md", "junk")
_DIRECTORIES = ("adir", "adir.toml", "adir.csv", "adir.xlsx")
_MUTATED = ("mutated.toml", "mutated-actuals.toml", "mutated-params.toml", "mutated.txt")
#: Names an example may give for a file: real, mutated, junk, directories, missing ones.
PATHS = st.sampled_from(
    [*_REAL_FILES, *_JUNK_NAMES, *_DIRECTORIES, *_MUTATED, "missing.toml",
     "missing.csv", "missing/deeper/out.txt", "menyuan-2022", "", ".", "out.xlsx", "out.html",
     "out.txt", "out.csv", "out.md", "rejects.csv"]
)  # fmt: skip

#: Numbers as nobody should write them, and some as everybody does.
WEIRD_NUMBERS = st.one_of(
    st.sampled_from(
        ["1e999999999", "1e5000", "1e999999", "-1e999999", "1e-999999", "1e58", "1e30",
         "9" * 5000, "1" + "0" * 40, "99999999999999999999999", "1000000000000000",
         "1000000000000001", "nan", "-inf", "sNaN", "-0", "0", "0.0010000",
         "6.20000000000000000000000000001", "1,000", "1,00", "+3%", "-100%", "1e3", "10", "2.5",
         "０１", "١", "1_000", "", " "]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**30), 10**30).map(str),
)  # fmt: skip
_KEYS = st.sampled_from(
    ["contribution_subsidy", "severe_disability_proxy", "mild_disability_proxy",
     "poverty_household_proxy", "village_cadre_subsidy", "land_loss_pension",
     "coordinator_allowance", "county_supporting_fund", "work_funds", "nope"]
)  # fmt: skip
_FIELDS = st.sampled_from(
    ["headcount", "per_capita", "amount", "monthly", "months", "villages", "per_village",
     "appropriation", "x"]
)  # fmt: skip
_UNITS = st.sampled_from(["", "", "%", "元", "万元", "人", "村", "月"])
TARGETS = st.builds(lambda key, field: f"{key}.{field}", _KEYS, _FIELDS)
OVERRIDES = st.one_of(
    st.builds(
        lambda target, sign, number, unit: f"{target}={sign}{number}{unit}",
        TARGETS,
        st.sampled_from(["", "+", "-"]),
        WEIRD_NUMBERS,
        _UNITS,
    ),
    st.text(max_size=20),
)
#: Values that read well for an option, so that examples get past argparse too.
GOOD = {
    "percent": ["10", "2.5%"],
    "years": ["2023-2027", "2025", "2023-2200", "9000-9010"],
    "as_of": ["2022-06-30", "1900-01-01"],
    "project": ["county_supporting_fund", "work_funds", "nope"],
    "locale": ["en", "zh_CN", "xx"],
    "count": ["5", "0"],
    "seed": ["1"],
    "corrupt": ["0.1", "1"],
    "jobs": ["1", "2"],
    "columns": ["person_id=身份证号", "grade=档次,nope=x"],
    "encoding": ["utf-8", "gb18030", "nonsense"],
}
#: Options where a large number means a lot of work, not a wrong input: kept small.
_COSTLY = {"count": 50, "jobs": 2}
#: Options whose values are file names (always inside the example's folder).
_PATH_DESTS = frozenset({"source", "file", "output", "actuals", "rules", "rejects", "report"})


def _small_enough(dest: str) -> object:
    def check(text: str) -> bool:
        try:
            return int(text) <= _COSTLY[dest]
        except ValueError:
            return True

    return check


def _values(action: argparse.Action) -> st.SearchStrategy[str]:
    dest = action.dest
    if dest in _PATH_DESTS:
        return PATHS
    if dest in ("overrides", "growth"):
        return OVERRIDES
    if dest == "vary":
        return st.one_of(TARGETS, st.text(max_size=20))
    options: list[st.SearchStrategy[str]] = [WEIRD_NUMBERS, st.text(max_size=20)]
    # good values weigh more, so that most examples get past argparse to the code that
    # reads the numbers and the files
    if action.choices:
        options += [st.sampled_from(sorted(action.choices))] * 8
    if dest in GOOD:
        options += [st.sampled_from(GOOD[dest])] * 4
    values = st.integers(0, len(options) - 1).flatmap(lambda index: options[index])
    if dest in _COSTLY:
        values = values.filter(_small_enough(dest))  # type: ignore[arg-type]
    return values


@st.composite
def argvs(draw: st.DrawFn, command: str) -> list[str]:
    """An argv for ``command``: some of its options, each with a drawn value, in any order."""
    groups: list[list[str]] = []
    for action in COMMANDS[command]:
        wanted = draw(st.integers(0, 9)) < (9 if action.required else 4)
        if not wanted:
            continue
        if not action.option_strings:  # a positional
            groups.append([draw(_values(action))])
            continue
        flag = action.option_strings[-1]
        if action.nargs == 0:
            groups.append([flag])
            continue
        repeats = draw(st.integers(1, 3)) if isinstance(action, argparse._AppendAction) else 1
        for _ in range(repeats):
            value = draw(_values(action))
            groups.append([f"{flag}={value}"] if draw(st.booleans()) else [flag, value])
    order = draw(st.permutations(groups))
    return [command, *(piece for group in order for piece in group)]


@st.composite
def folders(draw: st.DrawFn) -> dict[str, bytes]:
    """The files of one example: real ones, junk bytes, and real ones with a weird figure."""
    files = dict(_REAL_FILES)
    for name in _JUNK_NAMES:
        files[name] = draw(st.binary(max_size=300))
    weird = draw(WEIRD_NUMBERS).replace("\\", "").replace('"', "")
    for name, source in zip(
        _MUTATED, ("good.toml", "actuals.toml", "params.toml", "table.txt"), strict=True
    ):
        text = files[source].decode("utf-8")
        figures = list(re.finditer(r"\d[\d.,]*", text))
        chosen = figures[draw(st.integers(0, len(figures) - 1))]
        files[name] = (text[: chosen.start()] + weird + text[chosen.end() :]).encode("utf-8")
    return files


def _run(argv: list[str], files: dict[str, bytes]) -> tuple[int, str]:
    """Run ``main(argv)`` in a fresh folder holding ``files``; return its code and stderr."""
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        for name, data in files.items():
            Path(name).write_bytes(data)
        for name in _DIRECTORIES:
            Path(name).mkdir()
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        err = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        return code, err.getvalue()


class TestArbitraryCommandLines:
    @pytest.mark.parametrize("command", sorted(COMMANDS))
    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def test_main_returns_an_exit_code(self, command: str, data: st.DataObject) -> None:
        """Any argv of a command gives 0, 1, 2 or 3 and one message, never a traceback."""
        argv = data.draw(argvs(command), label="argv")
        files = data.draw(folders(), label="files")
        code, err = _run(argv, files)
        assert isinstance(code, int)
        assert code in (0, 1, 2, 3)
        assert "Traceback" not in err

    @given(st.lists(st.one_of(st.text(max_size=15), PATHS, WEIRD_NUMBERS), max_size=6))
    def test_any_words_at_all(self, words: list[str]) -> None:
        """Words that are no command at all are a usage error or help, never an exception."""
        code, err = _run(words, dict(_REAL_FILES))
        assert code in (0, 1, 2, 3)
        assert "Traceback" not in err
