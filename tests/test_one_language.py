"""One place for language (issue #10 item 4): Chinese text from the data, one term, one rule."""

from __future__ import annotations

import argparse
import io
import re
from datetime import date
from pathlib import Path

import pytest

from pension_subsidy import load_parameters
from pension_subsidy._text import display_width
from pension_subsidy.cli import main
from pension_subsidy.cli._common import message_locale
from pension_subsidy.model.kinds import ComponentKind, Formula, bundled_kinds
from pension_subsidy.model.parameters import load_parameter_file
from pension_subsidy.output.kinds_text import render_kinds
from pension_subsidy.output.parameters_text import render_parameters
from pension_subsidy.output.progress import ProgressLine
from pension_subsidy.roster.progress import ProgressReport

_EXAMPLES = Path(__file__).parent.parent / "examples"
_LATIN = re.compile(r"[A-Za-z]{2,}")


def test_every_bundled_note_has_its_chinese_text() -> None:
    """A bundled kind with a note has a Chinese note, and that note has no English words."""
    for kind in bundled_kinds().kinds:
        assert bool(kind.note) == bool(kind.note_zh), kind.key
        assert not _LATIN.search(kind.note_zh), kind.note_zh


def test_kinds_text_shows_the_chinese_note_in_chinese() -> None:
    """说明 lines are Chinese in Chinese output, English in English output."""
    zh = render_kinds(bundled_kinds(), "zh_CN")
    notes = [line for line in zh.splitlines() if line.strip().startswith("说明：")]
    assert len(notes) == sum(bool(kind.note) for kind in bundled_kinds().kinds)
    assert all(not _LATIN.search(line) for line in notes)
    assert "村数 × 每村协办员人数 × 每名协办员补贴（门源县为 600 元）。" in zh
    en = render_kinds(bundled_kinds(), "en")
    assert "Note: Villages × coordinators per village" in en


def test_kinds_json_gains_note_zh() -> None:
    """The JSON keeps ``note`` and gains ``note_zh`` beside it."""
    data = bundled_kinds().get("funeral_grant").data()
    assert data["note"].startswith("Deaths of pensioners")
    assert data["note_zh"].startswith("领取待遇人员死亡人数")
    assert list(data).index("note_zh") == list(data).index("note") + 1


def test_own_kind_without_note_zh_shows_its_note_as_written() -> None:
    """A dataset's own note without ``note_zh`` is shown as the user typed it."""
    own = ComponentKind(
        key="bonus",
        name_zh="奖励",
        name_en="Bonus",
        formula=Formula.PER_EVENT,
        note="县里自定",
        origin="county.toml",
    )
    catalogue = bundled_kinds().extended([own])
    assert "说明：县里自定" in render_kinds(catalogue, "zh_CN")


def test_bundled_parameters_carry_the_flag_beside_the_path() -> None:
    """``origin`` keeps its marker; ``bundled``/``file_name`` say it without taking it apart."""
    value = load_parameters().values[0]
    assert value.origin == "national.toml (bundled)"
    assert value.bundled
    assert value.file_name == "national.toml"
    assert value.data()["bundled"] is True


def test_own_parameter_file_is_not_bundled(tmp_path: Path) -> None:
    """A file of one's own is named as given; its own unit is shown as written or ``unit_en``."""
    file = tmp_path / "county.toml"
    file.write_text(_COUNTY, encoding="utf-8")
    params = load_parameter_file(file)
    value = params.values[0]
    assert not value.bundled
    assert value.origin == str(file)
    zh = render_parameters(params, date(2022, 1, 1), "zh_CN")
    en = render_parameters(params, date(2022, 1, 1), "en")
    assert "10.00 元/村·年（2021-01-01 起施行）" in zh
    assert "（内置）" not in zh
    assert "10.00 yuan per village per year (effective 2021-01-01)" in en
    assert f"来源文件：{file}" in zh


def test_bundled_origin_is_said_in_each_language() -> None:
    """内置 in Chinese, bundled in English; the monthly unit is a glossary entry."""
    zh = render_parameters(load_parameters(), date(2022, 6, 30), "zh_CN")
    en = render_parameters(load_parameters(), date(2022, 6, 30), "en")
    assert "来源文件：national.toml（内置）" in zh
    assert "(bundled)" not in zh
    assert "From: national.toml (bundled)" in en
    assert "93.00 yuan/person/month" in en


_COUNTY = """
[sources.own]
document = "县文件"
issuer = "某县"

[[parameters]]
key = "village.fund"
name_zh = "村级经费"
kind = "yuan"
unit = "元/村·年"
unit_en = "yuan per village per year"
value = "10"
effective = 2021-01-01
source = "own"
"""


def test_evaluate_says_wan_yuan_as_every_command_does(capsys: pytest.CaptureFixture[str]) -> None:
    """English says "wan yuan" (docs/glossary.md), never "10k yuan"."""
    assert (
        main(["evaluate", "--actuals", str(_EXAMPLES / "actuals-2022.toml"), "--locale", "en"]) == 0
    )
    out = capsys.readouterr().out
    assert "appropriation 6.54 wan yuan" in out
    assert "10k" not in out


@pytest.mark.parametrize(
    ("locale", "step", "name"),
    [
        ("zh_CN", "reading", "读取名册"),
        ("zh-TW", "second_look", "复核重复编号"),
        ("en", "reading", "reading"),
    ],
)
def test_progress_pads_a_step_to_twelve_columns(locale: str, step: str, name: str) -> None:
    """A step's name takes 12 terminal columns whatever its script; the language by one rule."""
    line = ProgressLine(io.StringIO(), locale=locale, clock=lambda: 0.0)
    text = line.text(ProgressReport(step, 1, 2, "bytes", 0, 1.0))
    assert text.startswith(name)
    # the step, then the two spaces between parts, then the bar
    assert display_width(text.split("[")[0]) == 12 + 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_TW.Big5", "zh_CN"),
        ("C", "en"),
        ("en_US.UTF-8", "en"),
        ("xx", "en"),
    ],
)
def test_message_locale_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    """LC_ALL and friends are read by the one rule (``is_chinese``); unknown names are English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", value)
    assert message_locale(argparse.Namespace()) == expected
