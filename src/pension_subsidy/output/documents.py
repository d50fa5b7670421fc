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

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from pension_subsidy.disclosure.checks.finding import Finding, Severity
from pension_subsidy.evaluation.plan_check import FindingStatus, PlanFinding, plan_check_data
from pension_subsidy.forms.form_audit import FormAudit
from pension_subsidy.model.budget import Budget
from pension_subsidy.output._document_words import WORDS, project_name
from pension_subsidy.output.audit_text import location_text
from pension_subsidy.output.display import display_text
from pension_subsidy.output.document import Cell, Document, Table
from pension_subsidy.output.documents_roster import roster_document
from pension_subsidy.output.documents_whatif import (
    forecast_document,
    scenario_document,
    sensitivity_document,
    solve_document,
)
from pension_subsidy.output.language import Localised, is_chinese, label, severity_label
from pension_subsidy.output.plan_check_text import PLAN_UNITS, figure_label, status_label

__all__ = [
    "audit_document",
    "forecast_document",
    "plan_check_document",
    "roster_document",
    "scenario_document",
    "sensitivity_document",
    "solve_document",
]


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
        form = WORDS.get(f"form_{findings.form}", locale, findings.form)
        if findings.layout == "dataset":
            form = WORDS("dataset", locale)
        said.append(WORDS("form", locale, form=form))
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
    headers = tuple(WORDS(key, locale) for key in ("severity", "code", "location", "message"))
    return Document(
        WORDS("audit", locale),
        (*said, WORDS("counts", locale, counts=("，" if zh else ", ").join(counts))),
        (Table(WORDS("findings", locale), headers, tuple(rows)),),
    )


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
                project_name(report, item["project"], locale),
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
        label(key, locale) if key in ("status", "project") else WORDS(key, locale) for key in keys
    )
    counts = (
        f"{status_label(status, locale)} {sum(f.status is status for f in findings)}"
        for status in FindingStatus
    )
    line = WORDS("counts", locale, counts=("，" if is_chinese(locale) else ", ").join(counts))
    table = Table(WORDS("targets", locale), headers, tuple(rows))
    return Document(WORDS("plan_check", locale), (line,), (table,))


def _measure(value: str, unit: str) -> Decimal | int:
    """A plan-check figure as the text shows it: 万元 to 0.01 (四舍五入), a whole count as one."""
    number = Decimal(value)
    if unit == "万元":
        return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        return int(number)
    return number
