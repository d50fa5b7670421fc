"""Auditing a prose report's figures: sums by level, rates, overruns, areas, headcounts."""

from __future__ import annotations

from decimal import Decimal

from pension_subsidy import Yuan
from pension_subsidy.disclosure.checks.finding import Finding, Severity
from pension_subsidy.forms.model import Basis, Figure, FigureKind, FormDocument, Where
from pension_subsidy.forms.prose_audit import audit_prose

BUDGET = (
    "2022年项目预算资金3,309.84万元，其中中央资金2,000.00万元，省级资金800.00万元，"
    "市级资金300.00万元，县级资金209.84万元。"
)
SPENT = "全年实际执行3,276.74万元，执行率99.00%。"


def _fig(
    name: str,
    text: str,
    basis: Basis,
    sentence: str,
    *,
    line: int = 1,
    kind: FigureKind = "money",
    unit: str = "万元",
    **extra: str | None,
) -> Figure:
    number = Decimal(text.replace(",", "").rstrip("万元人%"))
    yuan = Yuan.from_wan(number) if unit == "万元" else None
    return Figure(
        name=name,
        value=number,
        unit=unit,
        text=text,
        basis=basis,
        kind=kind,
        where=Where(line=line, sentence=sentence),
        yuan=yuan,
        **extra,  # type: ignore[arg-type]
    )


def _report(*figures: Figure) -> tuple[Finding, ...]:
    return audit_prose(FormDocument("evaluation_report", "prose", "report.docx", figures=figures))


def _budget_report(county: str = "209.84万元", rate: str = "99.00%") -> tuple[Figure, ...]:
    return (
        _fig("budget", "3,309.84万元", "plan", BUDGET),
        _fig("budget", "2,000.00万元", "plan", BUDGET, level="中央"),
        _fig("budget", "800.00万元", "plan", BUDGET, level="省"),
        _fig("budget", "300.00万元", "plan", BUDGET, level="市"),
        _fig("budget", county, "plan", BUDGET, level="县"),
        _fig("executed", "3,276.74万元", "actual", SPENT, line=2),
        _fig("execution_rate", rate, "stated", SPENT, line=2, kind="rate", unit="%"),
    )


class TestBudgetByLevel:
    """A budget and its sources by level; executed ÷ budget = the stated rate."""

    def test_consistent(self) -> None:
        """2,000 + 800 + 300 + 209.84 = 3,309.84; 3,276.74 ÷ 3,309.84 = 99.00 %: nothing."""
        assert _report(*_budget_report()) == ()

    def test_sources_do_not_add_up(self) -> None:
        """县级 219.84: the sources add to 3,319.84, quoting the sentence."""
        found = _report(*_budget_report(county="219.84万元"))
        assert [f.code for f in found] == ["prose_budget_levels"]
        assert found[0].severity is Severity.ERROR
        assert found[0].message_zh == (
            "预算 3,309.84万元 与分级来源之和不符：中央 2,000.00万元 + 省 800.00万元 + "
            f"市 300.00万元 + 县 219.84万元 = 3319.84万元。依据：“{BUDGET}”"
        )
        assert found[0].values["sentences"] == [BUDGET]

    def test_rate_does_not_match(self) -> None:
        """98.00 % stated for 3,276.74 ÷ 3,309.84 = 99 %: both sentences quoted."""
        found = _report(*_budget_report(rate="98.00%"))
        assert [f.code for f in found] == ["prose_execution_rate"]
        assert found[0].message_zh == (
            "执行率写为 98.00%，但执行数 3,276.74万元 ÷ 预算数 3,309.84万元 = 99%。"
            f"依据：“{BUDGET}”“{SPENT}”"
        )
        assert found[0].location.line == 2  # the sentence stating the rate

    def test_an_actual_is_never_the_budget(self) -> None:
        """An actual need (实际需要 394.86) beside the rate is not taken as the budget."""
        need = "实际需要资金394.86万元。"
        figures = (
            _fig("budget", "394.86万元", "actual", need),
            _fig("executed", "390.00万元", "actual", SPENT, line=2),
            _fig("execution_rate", "50.00%", "stated", SPENT, line=2, kind="rate", unit="%"),
        )
        assert _report(*figures) == ()


COUNTY_A = "门源县缴费补贴计划155.46万元，实际需要394.86万元，超支229.40万元。"
COUNTY_B = "祁连县缴费补贴计划100.00万元，实际需要120.00万元，超支20.00万元。"
CITY = "全市缴费补贴实际需要合计514.86万元。"


def _county(sentence: str, area: str, plan: str, actual: str, overrun: str | None) -> list[Figure]:
    figures = [
        _fig("amount", plan, "plan", sentence, area=area, label="缴费补贴"),
        _fig("amount", actual, "actual", sentence, area=area, label="缴费补贴"),
    ]
    if overrun is not None:
        figures.append(_fig("overrun", overrun, "stated", sentence, area=area, label="缴费补贴"))
    return figures


class TestPlanAgainstActual:
    """Plan vs actual per county, the stated overrun, a city total against its counties."""

    def test_overrun_stated_wrongly(self) -> None:
        """门源: 394.86 − 155.46 = 239.40, stated 229.40; 祁连 correct; city 514.86 correct."""
        found = _report(
            *_county(COUNTY_A, "门源县", "155.46万元", "394.86万元", "229.40万元"),
            *_county(COUNTY_B, "祁连县", "100.00万元", "120.00万元", "20.00万元"),
            _fig("amount", "514.86万元", "actual", CITY, label="缴费补贴"),
        )
        assert [f.code for f in found] == ["prose_overrun"]
        assert found[0].message_zh == (
            "门源县·缴费补贴：超支写为 229.40万元，但实际 394.86万元 − 计划 155.46万元 = "
            f"239.4万元。依据：“{COUNTY_A}”"
        )
        # the plan is the planned figure, never the actual need
        assert (found[0].values["plan"], found[0].values["actual"]) == ("155.46万元", "394.86万元")

    def test_city_total_against_its_counties(self) -> None:
        """The city's 504.86 is not 394.86 + 120.00 = 514.86."""
        found = _report(
            *_county(COUNTY_A, "门源县", "155.46万元", "394.86万元", "239.40万元"),
            *_county(COUNTY_B, "祁连县", "100.00万元", "120.00万元", "20.00万元"),
            _fig("amount", "504.86万元", "actual", CITY, label="缴费补贴"),
        )
        assert [f.code for f in found] == ["prose_area_total"]
        assert (
            "合计 504.86万元 不等于各地之和：门源县 394.86万元 + 祁连县 120.00万元 = 514.86万元"
            in (found[0].message_zh)
        )

    def test_an_overrun_not_stated(self) -> None:
        """An actual above its plan with no overrun stated: a warning."""
        found = _report(*_county(COUNTY_A, "门源县", "155.46万元", "394.86万元", None))
        assert [(f.code, f.severity) for f in found] == [
            ("prose_overrun_unstated", Severity.WARNING)
        ]
        assert "实际 394.86万元 超过计划 155.46万元 239.4万元" in found[0].message_zh

    def test_actual_alone_is_not_a_plan(self) -> None:
        """An actual with no plan beside it is checked against nothing (never "within budget")."""
        only = "门源县缴费补贴实际需要394.86万元，涉及144,814人。"
        assert (
            _report(
                _fig("amount", "394.86万元", "actual", only, area="门源县", label="缴费补贴"),
                _fig(
                    "headcount",
                    "144,814人",
                    "actual",
                    only,
                    area="门源县",
                    kind="headcount",
                    unit="人",
                ),
            )
            == ()
        )


HEADS = "目标参保人数96,410人，实际参保91,700人，完成率95.11%。"


class TestHeadcounts:
    """Target vs completed headcounts."""

    def _figures(self, rate: str) -> list[Figure]:
        return [
            _fig("headcount", "96,410人", "plan", HEADS, kind="headcount", unit="人", label="参保"),
            _fig(
                "headcount", "91,700人", "actual", HEADS, kind="headcount", unit="人", label="参保"
            ),
            _fig("completion_rate", rate, "stated", HEADS, kind="rate", unit="%"),
        ]

    def test_rate_checked(self) -> None:
        """91,700 ÷ 96,410 = 95.11 %: stated right, the shortfall is info; 97.11 % is an error."""
        found = _report(*self._figures("95.11%"))
        assert [(f.code, f.severity) for f in found] == [("prose_headcount", Severity.INFO)]
        assert "目标 96,410人，完成 91,700人（95.11%）" in found[0].message_zh
        wrong = _report(*self._figures("97.11%"))
        assert [(f.code, f.severity) for f in wrong] == [("prose_headcount", Severity.ERROR)]
        assert "完成率写为 97.11%，但完成 91,700人 ÷ 目标 96,410人 = 95.11%" in wrong[0].message_zh
