"""The results of ``audit``, ``plan-check``, the what-ifs and ``roster`` as documents.

Each builder turns a result into a :class:`~pension_subsidy.output.document.Document` in the
language of ``locale`` (Chinese for ``zh_*``, else English), from the result's JSON-ready
form (its ``.data()``, the commands' contract) and the shared labels of
:mod:`pension_subsidy.output.language`; :func:`~pension_subsidy.output.document.document_html`
and :func:`~pension_subsidy.output.document.document_xlsx` render it for ``--format html``
and ``--format xlsx``.

>>> from pension_subsidy import load_dataset
>>> from pension_subsidy.whatif.sensitivity import sensitivity_table
>>> document = sensitivity_document(sensitivity_table(load_dataset()), "zh_CN")
>>> document.title, document.tables[0].headers[:3]
('敏感性分析（±10%）', ('项目', '输入', '基数合计 (元)'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pension_subsidy.disclosure.checks.finding import Finding, Severity
from pension_subsidy.evaluation.plan_check import FindingStatus, PlanFinding, plan_check_data
from pension_subsidy.forms.form_audit import FormAudit
from pension_subsidy.model.budget import Budget
from pension_subsidy.money import Yuan
from pension_subsidy.output.audit_text import location_text
from pension_subsidy.output.display import display_text
from pension_subsidy.output.document import Cell, Document, Money, Percent, Table, Year
from pension_subsidy.output.language import (
    LabelTable,
    Localised,
    format_yuan,
    is_chinese,
    label,
    language_of,
    pick,
    severity_label,
)
from pension_subsidy.output.plan_check_text import (
    _UNITS as PLAN_UNITS,  # the plan check's units in words (万元, wan yuan): same package
)
from pension_subsidy.output.plan_check_text import figure_label, status_label
from pension_subsidy.output.roster_text import (
    _BUNDLED_RULES as BUNDLED_RULES,  # the JSON's words for "no rules file": same package
)
from pension_subsidy.output.roster_text import component_name, detail_text, reason_text
from pension_subsidy.output.whatif_text import (
    _target as target_name,  # ``name·field [KEY.FIELD]`` as the what-if texts say it
)
from pension_subsidy.output.whatif_text import render_forecast, render_solution
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.whatif.comparison import ScenarioComparison
from pension_subsidy.whatif.forecast import Forecast
from pension_subsidy.whatif.sensitivity import SensitivityTable
from pension_subsidy.whatif.solve import Solution

__all__ = [
    "audit_document",
    "forecast_document",
    "plan_check_document",
    "roster_document",
    "scenario_document",
    "sensitivity_document",
    "solve_document",
]

_text: LabelTable[str] = LabelTable(
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


def _yuan(value: str | None) -> Money | None:
    return None if value is None else Money(Yuan(value))


def _percent(value: str | None) -> Percent | None:
    return None if value is None else Percent(Decimal(value))


def _status(value: str | None, locale: Localised) -> str | None:
    return None if value is None else label(f"status_{value}", locale)


def audit_document(
    findings: FormAudit | Iterable[Finding],
    locale: Localised = None,
    *,
    source: str | None = None,
) -> Document:
    """The audit's findings: one row each, and a count by severity.

    Given the :class:`~pension_subsidy.forms.form_audit.FormAudit` of ``audit_source``, the
    document also says which form was read (a self-evaluation table, a prose report, …) and,
    with ``source``, from which file. A finding's location quotes the source as written; its
    message shows LaTeX comparators as signs (:func:`~pension_subsidy.output.display.
    display_text`).
    """
    said: list[str] = []
    if isinstance(findings, FormAudit):
        form = _text.get(f"form_{findings.form}", locale, findings.form)
        if findings.layout == "dataset":
            form = _text("dataset", locale)
        said.append(_text("form", locale, form=form))
        findings = findings.findings
    if source is not None:
        said.append(f"{label('source', locale)}{'：' if is_chinese(locale) else ': '}{source}")
    findings = tuple(findings)
    zh = is_chinese(locale)
    rows: list[tuple[Cell, ...]] = [
        (
            severity_label(finding.severity, locale),
            finding.code,
            location_text(finding.location, locale),
            display_text(finding.message_zh if zh else finding.message_en),
        )
        for finding in findings
    ]
    counts = (
        f"{severity_label(severity, locale)} {sum(f.severity is severity for f in findings)}"
        for severity in Severity
    )
    headers = tuple(_text(key, locale) for key in ("severity", "code", "location", "message"))
    return Document(
        _text("audit", locale),
        (*said, _text("counts", locale, counts=("，" if zh else ", ").join(counts))),
        (Table(_text("findings", locale), headers, tuple(rows)),),
    )


def _project_name(report: Mapping[str, Any], key: str, locale: Localised) -> str:
    for project in report.get("projects", []):
        if project["key"] == key:
            return f"{pick(project['name_zh'], project['name_en'], locale)} [{key}]"
    return key


def plan_check_document(
    budget: Budget, findings: Sequence[PlanFinding], locale: Localised = None
) -> Document:
    """The plan check: each target beside the figure of the fund model it restates."""
    report = budget.data()
    rows: list[tuple[Cell, ...]] = []
    for finding, item in zip(findings, plan_check_data(findings)["findings"], strict=True):
        rows.append(
            (
                status_label(finding.status, locale),
                _project_name(report, item["project"], locale),
                display_text(item["indicator"]),
                "" if finding.comparator is None else finding.comparator.value,
                _measure(item["target"], item["unit"]),
                figure_label(finding, budget, locale),
                _measure(item["figure"], item["unit"]),
                _measure(item["difference"], item["unit"]),
                PLAN_UNITS.get(item["unit"], locale, default=item["unit"]),
            )
        )
    keys = (
        "status",
        "project",
        "indicator",
        "comparator",
        "target",
        "figure_label",
        "figure",
        "difference",
        "measure_unit",
    )
    headers = tuple(
        label(key, locale) if key in ("status", "project") else _text(key, locale) for key in keys
    )
    counts = (
        f"{status_label(status, locale)} {sum(f.status is status for f in findings)}"
        for status in FindingStatus
    )
    line = _text("counts", locale, counts=("，" if is_chinese(locale) else ", ").join(counts))
    table = Table(_text("targets", locale), headers, tuple(rows))
    return Document(_text("plan_check", locale), (line,), (table,))


def _measure(value: str, unit: str) -> Decimal | int:
    """A plan-check figure as the text shows it: 万元 to 0.01 (四舍五入), a whole count as one."""
    number = Decimal(value)
    if unit == "万元":
        return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        return int(number)
    return number


def _component_label(report: Mapping[str, Any], project: str, key: str, locale: Localised) -> str:
    for item in report.get("projects", []):
        if item["key"] != project:
            continue
        for component in item.get("components", []):
            if component["key"] == key:
                return f"{pick(component['name_zh'], component['name_en'], locale)} [{key}]"
    return f"{component_name(key, locale)} [{key}]"


def scenario_document(comparison: ScenarioComparison, locale: Localised = None) -> Document:
    """A scenario against its baseline: each project and component that changed."""
    data = comparison.data()
    baseline = data["baseline"]
    overrides = [str(override) for override in data.get("overrides", [])]
    line = (
        _text("overrides", locale, overrides="; ".join(overrides))
        if overrides
        else _text("no_overrides", locale)
    )
    rows: list[tuple[Cell, ...]] = []
    for change in data["changes"]:
        if change["level"] == "project":
            name = _project_name(baseline, change["key"], locale)
        else:
            name = "  " + _component_label(baseline, change["project"], change["key"], locale)
        rows.append(
            (
                name,
                _yuan(change["baseline_yuan"]),
                _yuan(change["scenario_yuan"]),
                _yuan(change["change_yuan"]),
                _percent(change["change_percent"]),
                _status(change.get("baseline_status"), locale),
                _status(change.get("scenario_status"), locale),
            )
        )
    keys = (
        "item",
        "baseline_yuan",
        "scenario_yuan",
        "change_yuan",
        "change_percent",
        "baseline_status",
        "scenario_status",
    )
    table = Table(_text("changes", locale), tuple(_text(key, locale) for key in keys), tuple(rows))
    return Document(_text("scenario", locale), (line,), (table,))


def solve_document(solution: Solution, locale: Localised = None) -> Document:
    """The value that keeps the project within its appropriation, with its derivation."""
    data = solution.data()
    unit = data["unit"]
    lines = (
        # the answer as the text says it: the input named, the value and unit in the language
        render_solution(solution, locale).splitlines()[0],
        f"{label('derivation', locale)}{'：' if is_chinese(locale) else ': '}"
        + solution.derivation_in(language_of(locale)),
    )
    next_total = _text("next_total", locale)
    if solution.target.is_count:
        next_total = _text("next_total_count", locale, unit=unit)
    rows: tuple[tuple[Cell, ...], ...] = (
        (label("appropriation", locale), _yuan(data["appropriation_yuan"])),
        (label("total", locale), _yuan(data["total_yuan"])),
        (label("headroom", locale), _yuan(data["headroom_yuan"])),
        (next_total, _yuan(data["next_total_yuan"])),
    )
    headers = (_text("item", locale), label("amount_yuan", locale))
    project = _project_name(solution.budget.data(), solution.project_key, locale)
    return Document(_text("solve", locale), lines, (Table(project, headers, rows),))


def forecast_document(outlook: Forecast, locale: Localised = None) -> Document:
    """Each forecast year and project: total, appropriation, headroom and status."""
    data = outlook.data()
    rows: list[tuple[Cell, ...]] = []
    report: Mapping[str, Any] = {"projects": []}
    for year in data["years"]:
        report = {"projects": year["projects"]}
        for project in year["projects"]:
            rows.append(
                (
                    Year(year["year"]),
                    _project_name(report, project["key"], locale),
                    _yuan(project["total_yuan"]),
                    _yuan(project["appropriation_yuan"]),
                    _yuan(project["headroom_yuan"]),
                    _status(project["status"], locale),
                )
            )
    # the base year and growth rates as the text says them, then how the figures are rounded
    lines = [
        render_forecast(outlook, locale).splitlines()[0],
        outlook.rounding_in(language_of(locale)),
    ]
    for key, year in data["first_over"].items():
        name = _project_name(report, key, locale)
        if year is None:
            lines.append(_text("never_over", locale, project=name))
        else:
            overrun = format_yuan(Yuan(data["first_over_by_yuan"][key]), locale)
            lines.append(_text("first_over", locale, project=name, year=year, overrun=overrun))
    keys = ("year", "project", "total", "appropriation", "headroom", "status")
    table = Table(_text("forecast", locale), tuple(label(key, locale) for key in keys), tuple(rows))
    return Document(_text("forecast", locale), tuple(lines), (table,))


def sensitivity_document(
    table: SensitivityTable, locale: Localised = None, *, budget: Budget | None = None
) -> Document:
    """The tornado table: each input's project total at −p % and +p %, widest swing first.

    With the ``budget`` the table was computed from, projects and inputs are named as the
    text names them (``县级缴费补贴·人数 [contribution_subsidy.headcount]``); without it, by
    their keys.
    """
    data = table.data()
    report: Mapping[str, Any] = {} if budget is None else budget.data()
    rows = tuple(
        (
            _project_name(report, item["project"], locale),
            item["input"] if budget is None else target_name(row.target, budget, locale),
            _yuan(item["base_total_yuan"]),
            _yuan(item["low_total_yuan"]),
            _yuan(item["high_total_yuan"]),
            _yuan(item["low_change_yuan"]),
            _yuan(item["high_change_yuan"]),
            _yuan(item["swing_yuan"]),
        )
        for row, item in zip(table.rows, data["rows"], strict=True)
    )
    percent = data["percent"]
    keys = (
        "project",
        "input",
        "base_total",
        "low_total",
        "high_total",
        "low_change",
        "high_change",
        "swing",
    )
    headers = tuple(
        label(key, locale) if key == "project" else _text(key, locale, percent=percent)
        for key in keys
    )
    title = _text("sensitivity", locale, percent=percent)
    return Document(title, (), (Table(title, headers, rows),))


def _roster_lines(data: Mapping[str, Any], locale: Localised) -> list[str]:
    """What the roster's text says above its figures: rules, day, rows, total, notes."""
    colon = "：" if is_chinese(locale) else ": "
    rules = data.get("rules")
    lines = []
    if rules is not None:
        bundled = rules == BUNDLED_RULES
        lines.append(
            _text("example_rules", locale) if bundled else _text("rules", locale, rules=rules)
        )
    if data.get("as_of_stated") and data.get("as_of"):
        lines.append(_text("as_of", locale, date=data["as_of"]))
    lines.append(
        _text(
            "rows",
            locale,
            read=data["rows_read"],
            accepted=data["accepted"],
            rejected=data["rejected"],
        )
    )
    total = format_yuan(Yuan(data["total_yuan"]), locale)
    lines.append(f"{label('total', locale)}{colon}{total} {label('yuan', locale)}")
    if data.get("back_payments"):
        lines.append(_text("back_payments", locale, count=data["back_payments"]))
    if data.get("duplicate_check") is False:
        lines.append(_text("no_duplicates", locale))
    return lines


def _line_of(rejection: Rejection) -> int:
    """A rejected row's line: the rows are listed in the roster's order (duplicates come late)."""
    return rejection.line


def roster_document(
    data: Mapping[str, Any], locale: Localised = None, *, shown: Sequence[Rejection] = ()
) -> Document:
    """A roster tally (the ``roster`` command's JSON): by component, by township, rejections.

    Each rejection reason is given by its code and, in the language of ``locale``, in words
    (``bad_date``, 日期无效); ``shown`` are rejected rows listed one by one with their line
    and detail (the command keeps the first ten), and a line says how many more there are.
    """
    lines = _roster_lines(data, locale)
    components = tuple(
        (
            f"{component_name(item['key'], locale)} [{item['key']}]",
            item["headcount"],
            _yuan(item["amount_yuan"]),
        )
        for item in data["components"]
    )
    total: tuple[tuple[Cell, ...], ...] = ()
    if components:
        total = ((label("total", locale), None, _yuan(data["total_yuan"])),)
    towns = tuple(
        (town, item["persons"], _yuan(item["amount_yuan"]))
        for town, item in data.get("by_township", {}).items()
    )
    rejections = tuple(
        (reason_text(reason, locale), reason, count)
        for reason, count in data.get("rejections", {}).items()
    )
    amount = label("amount_yuan", locale)
    tables = [
        Table(
            _text("by_component", locale),
            (label("component", locale), _text("persons", locale), amount),
            components + total,
        ),
        Table(
            _text("by_township", locale),
            (_text("township", locale), _text("persons", locale), amount),
            towns,
        ),
    ]
    if rejections:
        tables.append(
            Table(
                _text("rejections", locale),
                (_text("reason", locale), _text("reason_code", locale), _text("count", locale)),
                rejections,
            )
        )
    if shown:
        rows = tuple(
            (
                str(rejection.line),  # a line number, not a count: no thousands separator
                reason_text(rejection.reason, locale),
                str(rejection.reason),
                detail_text(rejection, locale),
            )
            for rejection in sorted(shown, key=_line_of)
        )
        headers = ("line", "reason", "reason_code", "detail")
        tables.append(
            Table(
                _text("rejected_rows", locale, count=len(shown)),
                tuple(_text(key, locale) for key in headers),
                rows,
            )
        )
        if data["rejected"] > len(shown):
            lines.append(_text("rejected_more", locale, count=data["rejected"] - len(shown)))
    if "report" in data:
        tables.append(_report_table(data["report"], locale))
    return Document(_text("roster", locale), tuple(lines), tuple(tables))


def _report_table(report: Mapping[str, Any], locale: Localised) -> Table:
    """``roster --report``: each project of the roster-built budget against its appropriation."""
    rows = tuple(
        (
            _project_name(report, project["key"], locale),
            _yuan(project["total_yuan"]),
            _yuan(project["appropriation_yuan"]),
            _yuan(project["headroom_yuan"]),
            _status(project["status"], locale),
        )
        for project in report["projects"]
    )
    keys = ("project", "total", "appropriation", "headroom", "status")
    return Table(_text("roster_report", locale), tuple(label(key, locale) for key in keys), rows)
