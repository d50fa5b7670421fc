"""Properties: whatever the actuals, a 自评表 written from a scoring passes its own audit."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from pension_subsidy import Actuals, Measured, ProjectActuals, Yuan, load_dataset
from pension_subsidy.disclosure.checks.finding import Severity
from pension_subsidy.evaluation.scoring_2020 import evaluate_with
from pension_subsidy.forms.model import StatedNumber
from pension_subsidy.forms.selfeval_audit import audit_self_evaluation
from pension_subsidy.forms.selfeval_form import selfeval_document
from pension_subsidy.model.budget import Project

BUDGET = load_dataset()
PROJECTS = [BUDGET.project("county_supporting_fund"), BUDGET.project("coordinator_allowance")]


@st.composite
def _actuals(draw: st.DrawFn, project: Project) -> ProjectActuals:
    values = []
    for indicator in project.indicators:
        target = indicator.target
        if isinstance(target, str):
            word = draw(st.sampled_from([target, f"基本{target}", f"不{target}"]))
            values.append((indicator.name, Measured(word)))
        else:
            top = max(int(target * 300), 100)  # up to three times the target, in hundredths
            hundredths = draw(st.integers(min_value=0, max_value=top))
            values.append((indicator.name, Measured(Decimal(hundredths).scaleb(-2))))
    fen = int(project.appropriation.value * 100)
    spent = Yuan(Decimal(draw(st.integers(min_value=0, max_value=fen * 2))).scaleb(-2))
    # every indicator explained, so that only the arithmetic is left to find fault with
    reasons = tuple((indicator.name, "原因已说明") for indicator in project.indicators)
    return ProjectActuals(project.key, spent=spent, values=tuple(values), reasons=reasons)


class TestWrittenTablesAuditClean:
    """The writer and the audit agree: a scored 自评表 has no error or warning."""

    @settings(max_examples=25)
    @given(
        project=st.sampled_from(PROJECTS).flatmap(_actuals),
        scoring=st.sampled_from(["current", "2020-10"]),
    )
    def test_no_error_or_warning(self, project: ProjectActuals, scoring: str) -> None:
        """Any actuals, either rules: the rounding of the written figures is never a fault."""
        evaluation = evaluate_with(BUDGET, Actuals([project]), scoring=scoring)
        table = selfeval_document(evaluation, BUDGET)
        findings = audit_self_evaluation(table)
        assert [f.message_en for f in findings if f.severity is not Severity.INFO] == []

    @settings(max_examples=25)
    @given(
        project=st.sampled_from(PROJECTS).flatmap(_actuals),
        cents=st.integers(min_value=20, max_value=5000).map(lambda n: Decimal(n).scaleb(-2)),
        sign=st.sampled_from([1, -1]),
    )
    def test_a_wrong_total_is_found(
        self, project: ProjectActuals, cents: Decimal, sign: int
    ) -> None:
        """A 总分 moved by 0.2 or more is reported, quoting the stated total.

        The items are stated to 0.01 each, so their sum may lie up to 0.005 per item from the
        exact total; 0.2 is beyond what the rounding of 14 items can explain.
        """
        evaluation = evaluate_with(BUDGET, Actuals([project]))
        [written] = selfeval_document(evaluation, BUDGET).projects
        assert written.total_score is not None
        assert written.total_score.value is not None
        wrong = written.total_score.value + sign * cents
        table = selfeval_document(evaluation, BUDGET)
        moved = attrs.evolve(written, total_score=StatedNumber(f"{wrong:f}", wrong))
        findings = audit_self_evaluation(attrs.evolve(table, projects=(moved,)))
        totals = [f for f in findings if f.code == "selfeval_total_score"]
        assert len(totals) == 1
        assert totals[0].values["stated_total"] == f"{wrong:f}"
