"""A prose report's figures placed by component kind (the catalogue's kinds and keywords).

* ``component_of``: the kind whose keyword the words hold, the longest keyword winning.
* The reader: each figure names its kind (``component``, a JSON key), 丧葬补助金 and 丧葬费
  alike ``funeral_grant``.
* The checks pair a plan and an actual (or a stated overrun, a county's part of a total) of the
  same kind even where their labels differ, and quote the label as written.
* ``read --format text`` names each figure's kind in the locale's language and lists the
  numbers it could not read.
"""

from __future__ import annotations

import re

import pytest

from pension_subsidy.forms.components import component_of
from pension_subsidy.forms.grid import TextLine
from pension_subsidy.forms.model import FormDocument
from pension_subsidy.forms.prose_audit import audit_prose
from pension_subsidy.forms.report import read_figures
from pension_subsidy.model.kinds import ComponentKind, KindCatalogue, bundled_kinds
from pension_subsidy.output.forms_text import render_form


def _report(*sentences: str) -> FormDocument:
    """A report of these lines (line 1, 2 …), read as the prose reader reads a report."""
    lines = [TextLine(sentence, number) for number, sentence in enumerate(sentences, start=1)]
    figures, unreadable = read_figures(lines)
    return FormDocument(
        "evaluation_report",
        "prose",
        "report.txt",
        figures=tuple(figures),
        unreadable=tuple(unreadable),
    )


class TestComponentOf:
    """The catalogue's keywords decide, the longest found first."""

    @pytest.mark.parametrize(
        ("words", "key"),
        [
            ("丧葬补助金", "funeral_grant"),
            ("丧葬费", "funeral_grant"),
            ("地方基础养老金", "basic_pension_topup"),
            ("提高基础养老金", "basic_pension_topup"),
            ("加发基础养老金", "long_contribution_bonus"),
            ("缴费年限养老金", "long_contribution_bonus"),
            ("缴费补贴", "contribution_subsidy"),
            ("中轻度残疾人缴费补贴", "disability_contribution_subsidy"),
            ("高龄补贴", "age_band_topup"),
            ("低保对象", "low_income_proxy"),
            ("中央资金", None),
            ("", None),
            (None, None),
        ],
    )
    def test_bundled(self, words: str | None, key: str | None) -> None:
        assert component_of(words) == key

    def test_every_bundled_keyword_names_its_kind_or_a_longer_one(self) -> None:
        """A keyword alone names its own kind unless another kind's keyword is longer in it."""
        for kind in bundled_kinds().kinds:
            for keyword in kind.keywords:
                found = component_of(keyword)
                assert found is not None
                if found != kind.key:
                    longer = bundled_kinds().get(found).keywords
                    assert any(len(word) > len(keyword) and word in keyword for word in longer)

    def test_own_catalogue(self) -> None:
        own = ComponentKind(
            "burial_subsidy", "殡葬补贴", "Burial subsidy", "per_event", keywords=("殡葬",)
        )
        catalogue = bundled_kinds().extended([own])
        assert component_of("殡葬补贴", catalogue) == "burial_subsidy"
        assert component_of("殡葬补贴") is None
        assert component_of("丧葬费", KindCatalogue(kinds=[own])) is None


class TestReader:
    """Each figure names its kind beside its label."""

    def test_funeral_grant_paragraph(self) -> None:
        report = _report("丧葬补助金年初预算12.00万元，实际发放15.60万元（52人）。")
        said = [(f.name, f.basis, f.text, f.label, f.component) for f in report.figures]
        assert said == [
            ("budget", "plan", "12.00万元", "丧葬补助金", "funeral_grant"),
            ("executed", "actual", "15.60万元", "丧葬补助金", "funeral_grant"),
            ("headcount", "actual", "52人", "丧葬补助金", "funeral_grant"),
        ]
        assert [f.data()["component"] for f in report.figures] == ["funeral_grant"] * 3

    def test_no_kind(self) -> None:
        report = _report("预算100万元，其中中央资金60万元。")
        assert [f.component for f in report.figures] == [None, None]
        assert report.data()["figures"][0]["component"] is None


class TestChecksByKind:
    """Figures of one kind are paired though their labels differ."""

    def test_overrun_stated_under_another_name(self) -> None:
        """丧葬费超支 is the funeral grant's overrun: 15.60 − 12.00 = 3.6万元, not 5."""
        report = _report(
            "丧葬补助金年初预算12.00万元，实际发放15.60万元。",
            "丧葬费超支5.00万元。",
        )
        findings = audit_prose(report)
        assert [(f.code, f.values["computed_overrun"]) for f in findings] == [
            ("prose_overrun", "3.6万元")
        ]
        assert findings[0].message_zh.startswith(
            "丧葬补助金：超支写为 5.00万元，但实际 15.60万元 − 计划 12.00万元 = 3.6万元"
        )

    def test_overrun_right_under_another_name(self) -> None:
        report = _report(
            "丧葬补助金年初预算12.00万元，实际发放15.60万元。",
            "丧葬费超支3.60万元。",
        )
        assert audit_prose(report) == ()

    def test_headcount_of_one_kind(self) -> None:
        report = _report("丧葬补助金计划发放60人。", "丧葬费实际发放52人。")
        findings = audit_prose(report)
        assert [(f.code, f.severity.value, f.values["computed_percent"]) for f in findings] == [
            ("prose_headcount", "info", "86.67")
        ]
        assert findings[0].message_zh.startswith("丧葬补助金：目标 60人，完成 52人（86.67%）")

    def test_area_total_of_one_kind(self) -> None:
        """A city's 地方基础养老金 against its counties' 基础养老金 and 提高基础养老金."""
        report = _report(
            "2022年地方基础养老金实际支出300.00万元。",
            "甲县基础养老金实际支出100.00万元。",
            "乙县提高基础养老金实际支出150.00万元。",
        )
        findings = audit_prose(report)
        assert [(f.code, f.values["computed_total"]) for f in findings] == [
            ("prose_area_total", "250万元")
        ]
        assert findings[0].values["areas"] == {"甲县": "100.00万元", "乙县": "150.00万元"}

    def test_different_kinds_are_not_paired(self) -> None:
        """A funeral grant's plan and a top-up's actual are two things: no overrun."""
        report = _report("丧葬补助金年初预算12.00万元。", "地方基础养老金实际支出15.60万元。")
        assert audit_prose(report) == ()


class TestText:
    """The text output names the kind and lists the unreadable numbers."""

    REPORT = ("丧葬补助金年初预算12.00万元，参保96,41人。",)

    def test_chinese(self) -> None:
        text = render_form(_report(*self.REPORT), "zh_CN")
        sentence = "“丧葬补助金年初预算12.00万元，参保96,41人。”"
        assert f"  预算, 计划, 丧葬补助金: 12.00万元 = 120,000.00 元 — 第 1 行：{sentence}\n" in (
            text
        )
        assert text.endswith(f"无法读取的数字 (1):\n  96,41人 — 第 1 行：{sentence}\n")

    def test_chinese_names_every_figure_in_chinese(self) -> None:
        """No English word but the layout's code and the file's name."""
        report = _report(
            "缴费补贴年初预算155.46万元，实际需要394.86万元（144814人），超支239.40万元。",
            "执行率98%，完成率90%，建成12个服务站，发放5元。",
        )
        text = render_form(report, "zh_CN")
        assert set(re.findall(r"[A-Za-z]+", text)) == {"prose", "report", "txt"}

    def test_english(self) -> None:
        text = render_form(_report(*self.REPORT), "en")
        sentence = "“丧葬补助金年初预算12.00万元，参保96,41人。”"
        assert (
            f"  budget, plan, Funeral grant: 12.00万元 = 120,000.00 元 — line 1: {sentence}\n"
            in (text)
        )
        assert text.endswith(f"Unreadable numbers (1):\n  96,41人 — line 1: {sentence}\n")
