"""Which figures a prose check pairs: by area first, a named place never for the whole.

* An execution rate of a county takes the budget stated for no place when the county states
  none; a rate of the whole never takes a county's budget.
* A zero budget or target gives no rate to check (nothing is divided by zero).
"""

from __future__ import annotations

from pension_subsidy.disclosure.checks.finding import Finding
from pension_subsidy.forms.grid import TextLine
from pension_subsidy.forms.model import FormDocument
from pension_subsidy.forms.prose_audit import audit_prose
from pension_subsidy.forms.report import read_figures


def _audit(*sentences: str) -> tuple[Finding, ...]:
    lines = [TextLine(sentence, number) for number, sentence in enumerate(sentences, start=1)]
    figures, _ = read_figures(lines)
    return audit_prose(FormDocument("evaluation_report", "prose", "r.txt", figures=tuple(figures)))


class TestAreas:
    """A county's figure may lean on the whole's; the whole never on a county's."""

    def test_county_rate_against_an_unplaced_budget(self) -> None:
        findings = _audit("2022年预算100万元。", "乙县实际执行99万元，执行率90%。")
        assert [(f.code, f.values["computed_percent"], f.values["area"]) for f in findings] == [
            ("prose_execution_rate", "99", "乙县")
        ]

    def test_whole_rate_never_against_a_county_budget(self) -> None:
        assert _audit("乙县预算100万元。", "实际执行99万元，执行率90%。") == ()


class TestZero:
    """Nothing is divided by zero."""

    def test_zero_budget(self) -> None:
        assert _audit("预算0万元，实际执行5万元，执行率90%。") == ()

    def test_zero_target(self) -> None:
        assert _audit("全县计划参保0人，实际参保5人。") == ()
