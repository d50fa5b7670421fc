"""Labels the pages and workbooks need beyond :func:`pension_subsidy.label`.

The report's own labels (合计, 结余 …) come from :mod:`pension_subsidy.output.language` and the
self-evaluation's (一级指标 …) from :func:`~pension_subsidy.evaluation_label`; the few that only
a page or a workbook uses — sheet names, the headings of its blocks — are kept here.

>>> render_label("sheet_summary", "zh_CN"), render_label("sheet_summary", "en")
('汇总', 'Summary')
>>> level1_name(Level1.OUTPUT, "zh_CN"), level2_name(Level2.SOCIAL, "en")
('产出指标', 'social')
"""

from __future__ import annotations

from babel import Locale

from pension_subsidy.model.indicators import Level1, Level2
from pension_subsidy.output.language import LabelTable, pick

__all__ = ["html_lang", "level1_name", "level2_name", "render_label"]

_LABELS: LabelTable[str] = LabelTable(
    {
        "sheet_summary": ("汇总", "Summary"),
        "sheet_components": ("资金构成明细", "Components"),
        "sheet_overview": ("自评总览", "Overview"),
        "components": ("资金构成", "Components"),
        "check": ("预算核对", "Check against the appropriation"),
        "key": ("项目代码", "Key"),
        "project_name": ("项目名称", "Project"),
        "project_funds": ("项目资金 (万元)", "Project funds (wan yuan)"),
        "spent_wan": ("执行数 (万元)", "Spent (wan yuan)"),
        "appropriation_wan": ("预算数 (万元)", "Appropriation (wan yuan)"),
        "matches": ("与各项目预算之和一致", "matches the sum of the projects"),
    }
)


def render_label(key: str, locale: Locale | str | None = None) -> str:
    """The label ``key`` in the language of ``locale`` (Chinese for zh_*, else English)."""
    return _LABELS(key, locale)


def html_lang(locale: Locale | str | None) -> str:
    """The page's ``lang`` attribute: ``zh-CN`` for Chinese labels, else ``en``."""
    return pick("zh-CN", "en", locale)


def level1_name(level: Level1, locale: Locale | str | None = None) -> str:
    """一级指标 as shown: 产出指标, or Output."""
    return pick(level.name_zh, level.value.capitalize(), locale)


def level2_name(level: Level2, locale: Locale | str | None = None) -> str:
    """二级指标 as shown: 数量指标, or quantity."""
    return pick(level.name_zh, level.value.replace("_", " "), locale)
