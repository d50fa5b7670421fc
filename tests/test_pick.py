"""One rule for falling back (issue 10): every output picks a name through ``output.language``.

``pick`` chooses between a Chinese and an English text; the two display rules that are not a
fallback — ``English (中文)`` for a project's name, the key in English for a list of projects
— are each one function (``pick_with_original``, ``pick_or_key``).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import attrs
import pytest

from pension_subsidy import load_dataset, load_parameters
from pension_subsidy.evaluation.plan_check import plan_check
from pension_subsidy.model.budget import Budget
from pension_subsidy.output.language import pick, pick_or_key, pick_with_original
from pension_subsidy.output.parameters_text import render_parameters
from pension_subsidy.output.plan_check_text import render_plan_check
from pension_subsidy.output.report import render_report
from pension_subsidy.output.report_html import render_report_html

OUTPUT = Path(__file__).resolve().parent.parent / "src" / "pension_subsidy" / "output"


class TestHelpers:
    @pytest.mark.parametrize("locale", ["zh_CN", "zh_TW", "zh", None])
    def test_chinese_locales_show_chinese(self, locale: str | None) -> None:
        """zh_* (and no locale) gives the Chinese text in every helper."""
        assert pick("经费", "Funds", locale) == "经费"
        assert pick_with_original("经费", "Funds", locale) == "经费"
        assert pick_or_key("经费", "work_funds", locale) == "经费"

    @pytest.mark.parametrize("locale", ["en", "en_GB", "fr"])
    def test_other_locales_show_english(self, locale: str) -> None:
        """Any other locale gives the English form of each rule."""
        assert pick("经费", "Funds", locale) == "Funds"
        assert pick_with_original("经费", "Funds", locale) == "Funds (经费)"
        assert pick_or_key("经费", "work_funds", locale) == "work_funds"

    def test_empty_english_falls_back_to_chinese(self) -> None:
        """Without an English text the Chinese one is shown, never nothing or ' (中文)'."""
        assert pick("浩门镇", "", "en") == "浩门镇"
        assert pick_with_original("浩门镇", "", "en") == "浩门镇"


def _without_english(budget: Budget) -> Budget:
    """The budget with its title, unit and projects named only in Chinese."""
    unit = budget.unit
    projects = tuple(attrs.evolve(project, name_en="") for project in unit.projects)
    bare = attrs.evolve(unit, name_en="", projects=projects)
    units = tuple(bare if u is unit else u for u in budget.units)
    return attrs.evolve(budget, title_en="", units=units)


class TestRenderersFallBack:
    def test_report_text_without_english_names(self) -> None:
        """English text shows a name given only in Chinese as written, with no empty brackets."""
        budget = _without_english(load_dataset())
        text = render_report(budget, locale="en")
        project = budget.unit.projects[0]
        assert f"■ {project.name_zh} [{project.key}]\n" in text
        assert " ()" not in text
        assert f" {budget.unit.name_zh}  " in text
        assert text.startswith(budget.title_zh + "\n")

    def test_report_html_without_english_names(self) -> None:
        """The page falls back the same way as the text."""
        budget = _without_english(load_dataset())
        page = render_report_html(budget, locale="en")
        project = budget.unit.projects[0]
        assert f"<h2>{project.name_zh} [{project.key}]</h2>" in page
        assert " ()" not in page


class TestIntendedChanges:
    def test_parameter_note_in_the_language_of_the_locale(self) -> None:
        """A source's note is its Chinese note in zh, its English note in en — not both."""
        parameters = load_parameters()
        as_of = datetime.date(2022, 6, 30)
        source = parameters.value("proxy_payment.eligible_groups", as_of=as_of).source
        zh = render_parameters(parameters, as_of, "zh_CN")
        en = render_parameters(parameters, as_of, "en")
        assert f"    说明：{source.note_zh}\n" in zh
        assert source.note_en not in zh
        assert f"    Note: {source.note_en}\n" in en
        assert source.note_zh not in en

    def test_plan_check_warning_is_the_severity_word(self) -> None:
        """A plan-check warning says 警告 / warning, as the audit does; 提示 is info."""
        budget = load_dataset()
        findings = plan_check(budget)
        zh = render_plan_check(budget, findings, "zh_CN").splitlines()
        en = render_plan_check(budget, findings, "en").splitlines()
        assert zh[1].startswith("警告 ")
        assert en[1].startswith("warning ")
        assert not any(line.startswith("提示") for line in zh)


class TestNoInlinePick:
    #: a name chosen by locale inline: ``x.name_zh if zh else …``, ``x.name_en or x.name_zh``,
    #: ``f"{x.name_en} ({x.name_zh})"``
    INLINE = re.compile(
        r"\w+_zh if \w|\w+_en or [\w.]+_zh|\{[\w.]+_en\} \(\{[\w.]+_zh\}\)|_zh or [\w.]+_en"
    )
    OWN = (
        "report.py",
        "report_xlsx.py",
        "report_html.py",
        "whatif_text.py",
        "plan_check_text.py",
        "parameters_text.py",
        "evaluation_text.py",
        "evaluation_xlsx.py",
        "evaluation_html.py",
        "evaluation_table.py",
        "labels.py",
    )

    @pytest.mark.parametrize("name", OWN)
    def test_names_are_picked_through_language(self, name: str) -> None:
        """These modules pick every name with the helpers of ``output.language``."""
        source = (OUTPUT / name).read_text(encoding="utf-8")
        assert self.INLINE.findall(source) == []
