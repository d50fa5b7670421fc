"""The audit's findings as text, in Chinese or English (``audit``).

The JSON form is the findings' own data (:func:`~pension_subsidy.disclosure.audit.findings_data`);
this module only words it: the severity, the location with its line (``（第 7 行）`` in
Chinese, ``(line 7)`` in English), the message, and a count by severity.

>>> from pension_subsidy.disclosure.audit import Location
>>> location = Location(unit="501003", project_name="县级配套资金", line=7)
>>> location_text(location, "zh_CN"), location_text(location, "en")
('501003 / 县级配套资金（第 7 行）', '501003 / 县级配套资金 (line 7)')
"""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale

from pension_subsidy.disclosure.audit import Finding, Location, Severity
from pension_subsidy.output.display import display_text
from pension_subsidy.output.language import is_chinese, severity_label

__all__ = ["location_text", "render_findings"]


def location_text(location: Location, locale: Locale | str | None = None) -> str:
    """Where a finding is, with its line in the language of ``locale``."""
    text = location.place
    if location.line is None:
        return text
    if is_chinese(locale):
        return f"{text}（第 {location.line} 行）"
    return f"{text} (line {location.line})"


def render_findings(findings: Iterable[Finding], locale: Locale | str | None = None) -> str:
    """Findings as text, one block each, with a count by severity at the end."""
    findings = tuple(findings)
    zh = is_chinese(locale)
    lines = []
    for finding in findings:
        severity = severity_label(finding.severity, locale)
        lines.append(f"{severity} [{finding.code}] {location_text(finding.location, locale)}")
        # the message in words (LaTeX comparators as signs); the location quotes the source
        lines.append(f"    {display_text(finding.message_zh if zh else finding.message_en)}")
    counts = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
    if zh:
        words = (f"{severity_label(s, locale)} {n} 项" for s, n in counts.items())
        lines.append("共 " + "，".join(words))
    else:
        lines.append(", ".join(f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in counts.items()))
    return "\n".join(lines) + "\n"
