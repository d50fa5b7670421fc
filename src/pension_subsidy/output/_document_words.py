"""The words of the command documents (audit, plan check, what-ifs, roster) and their cells.

One label table for every document builder (:mod:`pension_subsidy.output.documents` and its
topic modules), so that a word such as "Rows" or "Item" is said alike in each, and the
helpers turning a result's JSON-ready strings into typed cells (money, percent, status).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pension_subsidy.money import Yuan
from pension_subsidy.output.document import Money, Percent
from pension_subsidy.output.language import LabelTable, Localised, label, pick

#: (Chinese, English) for each phrase of the documents, by key.
WORDS: LabelTable[str] = LabelTable(
    {
        "audit": ("公开表审核", "Audit of the disclosure"),
        "findings": ("发现的问题", "Findings"),
        "severity": ("级别", "Severity"),
        "code": ("代码", "Code"),
        "location": ("位置", "Location"),
        "message": ("说明", "Message"),
        "counts": ("共：{counts}", "In all: {counts}"),
        "form": ("表格：{form}", "Form: {form}"),
        "form_disclosure_table": ("绩效目标公开表", "performance-target disclosure table"),
        "form_target_table": ("项目支出绩效目标表", "project performance-target table"),
        "form_self_evaluation_table": ("项目支出绩效自评表", "project self-evaluation table"),
        "form_evaluation_report": ("绩效评价（自评）报告", "evaluation (self-evaluation) report"),
        "dataset": ("数据集文件（无公开表）", "a dataset file (no table)"),
        "none": ("无", "none"),
        "plan_check": ("绩效目标与测算数对照", "Performance targets against the computed figures"),
        "indicator": ("指标", "Indicator"),
        "targets": ("各项目标", "Targets"),
        "target": ("目标值", "Target"),
        "comparator": ("比较", "Comparator"),
        "figure": ("测算数", "Computed figure"),
        "figure_label": ("测算项", "Compared with"),
        "difference": ("差额", "Difference"),
        "measure_unit": ("单位", "Unit"),
        "scenario": ("情景测算", "Scenario"),
        "overrides": ("调整：{overrides}", "Overrides: {overrides}"),
        "no_overrides": ("调整：无（即基线）", "Overrides: none (the baseline)"),
        "changes": ("变化", "Changes"),
        "item": ("项目或构成", "Project or component"),
        "baseline_yuan": ("基线 (元)", "Baseline (yuan)"),
        "scenario_yuan": ("情景 (元)", "Scenario (yuan)"),
        "change_yuan": ("变化 (元)", "Change (yuan)"),
        "change_percent": ("变化率", "Change"),
        "baseline_status": ("基线状态", "Baseline status"),
        "scenario_status": ("情景状态", "Scenario status"),
        "solve": ("预算约束测算", "Solve within the appropriation"),
        "figures": ("测算结果", "Figures"),
        "next_total": ("再多一分时合计 (元)", "Total one fen more (yuan)"),
        "next_total_count": ("再多 1 {unit}时合计 (元)", "Total with one more (yuan)"),
        "forecast": ("多年度预测", "Forecast"),
        "first_over": (
            "{project}：{year} 年首次超出预算 {overrun} 元",
            "{project}: first over in {year}, by {overrun} yuan",
        ),
        "never_over": (
            "{project}：预测期内未超出预算",
            "{project}: within the appropriation in every year",
        ),
        "sensitivity": ("敏感性分析（±{percent}%）", "Sensitivity (±{percent}%)"),
        "input": ("输入", "Input"),
        "base_total": ("基数合计 (元)", "Base total (yuan)"),
        "low_total": ("下调 {percent}% 后合计 (元)", "Total at −{percent}% (yuan)"),
        "high_total": ("上调 {percent}% 后合计 (元)", "Total at +{percent}% (yuan)"),
        "low_change": ("下调 {percent}% 变化 (元)", "Change at −{percent}% (yuan)"),
        "high_change": ("上调 {percent}% 变化 (元)", "Change at +{percent}% (yuan)"),
        "swing": ("摆幅 (元)", "Swing (yuan)"),
        "roster": ("花名册汇总", "Roster tally"),
        "rows": (
            "读取 {read} 行，接受 {accepted} 行，拒绝 {rejected} 行",
            "{read} rows read, {accepted} accepted, {rejected} rejected",
        ),
        "by_component": ("按构成", "By component"),
        "by_township": ("按乡镇", "By township"),
        "township": ("乡镇", "Township"),
        "persons": ("人数", "Persons"),
        "rejections": ("拒绝原因", "Rejections"),
        "reason": ("原因", "Reason"),
        "count": ("行数", "Rows"),
        "reason_code": ("原因代码", "Reason code"),
        "rejected_rows": ("拒绝的行（前 {count} 行）", "Rejected rows (the first {count})"),
        "rejected_more": (
            "另有 {count} 行被拒绝；用 --rejects 写出全部",
            "{count} more rejected; write them all with --rejects",
        ),
        "line": ("行号", "Line"),
        "detail": ("说明", "Detail"),
        "rules": ("规则：{rules}", "Rules: {rules}"),
        "example_rules": (
            "规则：内置示例规则，标准仅供演示",
            "Rules: the bundled example, whose standards are illustrative only",
        ),
        "as_of": ("资格认定日期：{date}", "Eligibility as of: {date}"),
        "back_payments": (
            "补缴记录（不予补贴）：{count} 行",
            "Back-payment rows (paid nothing): {count}",
        ),
        "roster_report": ("由花名册测算的预算", "The budget built from the roster"),
        "no_duplicates": (
            "未检查人员编号是否重复（--no-duplicate-check）",
            "Person ids were not checked for duplicates (--no-duplicate-check)",
        ),
    }
)


def money_cell(value: str | None) -> Money | None:
    """An amount of the JSON (``"1750000.00"``) as a money cell; ``None`` stays empty."""
    return None if value is None else Money(Yuan(value))


def percent_cell(value: str | None) -> Percent | None:
    """A percentage of the JSON (``"-0.81"``) as a percent cell; ``None`` stays empty."""
    return None if value is None else Percent(Decimal(value))


def status_cell(value: str | None, locale: Localised) -> str | None:
    """A status key of the JSON (``over``) in words; ``None`` stays empty."""
    return None if value is None else label(f"status_{value}", locale)


def project_name(report: Mapping[str, Any], key: str, locale: Localised) -> str:
    """``name [key]`` of a project of a report's JSON; its key alone when it is not there."""
    for project in report.get("projects", []):
        if project["key"] == key:
            return f"{pick(project['name_zh'], project['name_en'], locale)} [{key}]"
    return key
