"""Chinese output has no English words (issue #10 item 4): a guard over every command.

Every golden case (tests/golden/cases.toml: every command on the bundled data, the inputs in
tests/golden/inputs and the files in examples/) is run again as text with ``--locale zh_CN``,
in process. What is left once the words a user may see in Chinese are taken out must hold no
run of two ASCII letters: the words allowed are codes the user typed or the data names (keys
such as ``contribution_subsidy``, anything in ``[brackets]``), file names and paths, format
names and units. A case whose leak is in a module being rewritten elsewhere is marked
``xfail(strict=True)`` naming the leak, so that the fix shows as an unexpected pass.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from pension_subsidy.cli import main
from pension_subsidy.model.kinds import Formula, formula_fields

_ROOT = Path(__file__).resolve().parent.parent
_GOLDEN = _ROOT / "tests" / "golden"

#: Words allowed in Chinese output: format and encoding names, units, names of standards.
_ALLOWED = frozenset(
    {
        "JSON",
        "CSV",
        "HTML",
        "xlsx",
        "docx",
        "toml",
        "txt",
        "md",
        "csv",
        "html",
        "json",
        "UTF",
        "GB",
        "vs",
    }
)
#: Codes, paths and file names: taken out before looking for English words.
_CODES = (
    re.compile(r"\[[^\]\n]*\]"),  # [contribution_subsidy], [qinghai], [project.unitemised]
    re.compile(r"\S*[/\\]\S*"),  # a path (examples/actuals-2022.toml, 元/人·年)
    re.compile(r"[\w.-]+\.(?:toml|csv|txt|html|xlsx|md|docx|json)\b"),  # a file name
    re.compile(r"\b[A-Za-z0-9]*_[A-Za-z0-9_.]*\b"),  # a snake_case key (per_capita_yuan)
    re.compile(r"\b[a-z]+(?:\.[a-z_]+)+\b"),  # a dotted key (funding.county_share)
    re.compile(r"\b[a-z]+(?:-[a-z0-9]+)+\b"),  # a dataset's name (menyuan-2022)
    re.compile(r"--[a-z][a-z-]*"),  # an option to type (--rules, --rejects)
    re.compile(r"'[^'\s]*'"),  # one value quoted as the file has it ('yes', 'severe')
)
_WORD = re.compile(r"[A-Za-z]{2,}")
#: The names a dataset gives a formula's fields (``headcount``, ``months``): codes it types.
_FIELDS = frozenset(
    field.name
    for formula in Formula
    for top in formula_fields(formula)
    for field in (top, *top.columns)
)


def _cases() -> list[tuple[str, list[str]]]:
    """Each golden case as a text run in Chinese; a case whose command has no text is left out."""
    with (_GOLDEN / "cases.toml").open("rb") as stream:
        cases = tomllib.load(stream)["case"]
    runs: dict[tuple[str, ...], str] = {}
    for case in cases:
        argv: list[str] = []
        given = iter(case["argv"])
        for word in given:
            if word in {"--format", "--locale"}:
                next(given)
                continue
            argv.append(word)
        if "-o" in argv or "--output" in argv or argv[0] in _NO_TEXT:
            continue
        runs.setdefault((*argv, "--format", "text", "--locale", "zh_CN"), case["name"])
    return [(name, list(argv)) for argv, name in runs.items()]


#: Commands without a text format or a --locale (they write files or a TOML dataset).
_NO_TEXT = frozenset({"convert", "template", "write-selfeval", "synth-roster"})


def english_words(text: str, typed: list[str]) -> list[str]:
    """The English words left in ``text`` once codes, paths and typed words are taken out.

    >>> english_words("■ 县级缴费补贴 [contribution_subsidy] 见 examples/a.toml，xlsx", [])
    []
    >>> english_words("说明：Deaths of pensioners × the grant", [])
    ['Deaths', 'of', 'pensioners', 'the', 'grant']
    """
    for pattern in _CODES:
        text = pattern.sub(" ", text)
    allowed = _ALLOWED | _FIELDS | {word for argument in typed for word in _WORD.findall(argument)}
    return [word for word in _WORD.findall(text) if word not in allowed]


#: Cases whose English is said by a module another helper is rewriting now: name -> the leak.
#: Cases with a known leak, by name, and why (none left: the parameter notes no longer
#: quote the project's domain notes in English).
_KNOWN: dict[str, str] = {}


def _params() -> list[object]:
    marks = {name: pytest.mark.xfail(strict=True, reason=reason) for name, reason in _KNOWN.items()}
    return [
        pytest.param(argv, id=name, marks=marks[name])
        if name in marks
        else pytest.param(argv, id=name)
        for name, argv in _cases()
    ]


@pytest.mark.parametrize("argv", _params())
def test_chinese_output_has_no_english_words(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command's Chinese text (standard output and error) holds no English word."""
    monkeypatch.chdir(_ROOT)
    main(argv)
    captured = capsys.readouterr()
    leaks = english_words(captured.out + captured.err, argv)
    assert not leaks, f"{' '.join(argv)}: English in Chinese output: {sorted(set(leaks))[:20]}"
