"""Multi-year forecasts (多年度预测): compounding growth from the base year, year by year.

Each growth rate acts on one input (``contribution_subsidy.headcount=2%``) or on a project's
appropriation (``county_supporting_fund.appropriation=3%``); appropriations without a rate are
held. Year *y* is computed **from the base year**, never from the year before:

* counts (persons, villages, months) are ``round_half_up(base × (1 + g)**n)`` — whole, rounded
  half up (四舍五入) once — with ``n = y − base year``; rounding year on year would let the
  rounding errors compound;
* money (standards, appropriations) is ``base × (1 + g)**n`` rounded half up to the 分, the
  same way; a component given as a disclosed amount keeps its exact per-capita figure.

>>> from pension_subsidy import load_dataset
>>> outlook = forecast(load_dataset(), range(2023, 2028), ["contribution_subsidy.headcount=2%"])
>>> [year.budget.project("county_supporting_fund").component("contribution_subsidy").headcount
...  for year in outlook.years][:3]
[72526, 73977, 75456]
>>> outlook.first_over("county_supporting_fund")
(2025, Yuan('24831.68'))
>>> outlook.first_over("work_funds") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs

from pension_subsidy._frames import data_frame
from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.exceptions import InvalidNumberError, InvalidOverrideError, detail_of
from pension_subsidy.model.budget import Budget, Status
from pension_subsidy.model.components import Language
from pension_subsidy.model.data import project_data
from pension_subsidy.money import Yuan, parse_number
from pension_subsidy.whatif.apply import apply_override
from pension_subsidy.whatif.overrides import Change, Override, Target, resolve

if TYPE_CHECKING:
    import pandas

__all__ = [
    "MAX_HORIZON",
    "MAX_YEARS",
    "ROUNDING_RULE",
    "Forecast",
    "ForecastYear",
    "Growth",
    "forecast",
    "parse_years",
]

#: How the forecast rounds, stated in every result.
ROUNDING_RULE = (
    "compounding from the base year: year n = base × (1 + g)^n; counts (persons, villages, "
    "months) rounded half up (四舍五入) to whole units and money to the 分, each once, from "
    "the base year — not year-on-year rounding; appropriations without a rate are held"
)

#: The rounding rule said in each language (the figures and rules are the same; only the words
#: change). The JSON keeps :data:`ROUNDING_RULE`, its recorded form.
_ROUNDING_IN: Final[dict[Language, str]] = {
    "zh": (
        "自基准年度复利计算：第 n 年 = 基数 × (1 + g)^n；人数、村数、月数四舍五入为整数，"
        "金额四舍五入到分，均自基准年度一次取整，而非逐年取整；未设增长率的预算金额保持不变"
    ),
    "en": (
        "compounding from the base year: year n = base × (1 + g)^n; counts (persons, villages, "
        "months) rounded half up to whole units and money to the fen, each once, from the base "
        "year — not year-on-year rounding; appropriations without a rate are held"
    ),
}

#: The longest forecast, in years.
MAX_YEARS = 50
#: The furthest year a forecast reaches, in years after the base year.
MAX_HORIZON = 100

_RATE = re.compile(r"^\s*(?P<sign>[+-])?\s*(?P<number>\d+(?:\.\d+)?)\s*%\s*$")


@attrs.frozen
class Growth:
    """A yearly growth rate for one input: ``KEY.FIELD=RATE`` (``RATE`` like ``2%``, ``-1.5%``).

    >>> Growth.parse("contribution_subsidy.headcount=2%").rate
    Fraction(1, 50)
    """

    target: Target
    #: The exact yearly rate (``Fraction(1, 50)`` is 2 %).
    rate: Fraction

    @classmethod
    def parse(cls, text: str) -> Growth:
        """Read ``KEY.FIELD=RATE``; the rate is a percentage (``0`` is also accepted)."""
        if "=" not in text:
            said: dict[str, object] = {"got": repr(text)}
            raise InvalidOverrideError(code="forecast.no_equals", params=said, text=text)
        target_text, rate_text = text.split("=", 1)
        target = Target.parse(target_text)
        if rate_text.strip() == "0":
            return cls(target=target, rate=Fraction(0))
        match = _RATE.match(rate_text)
        if match is None:
            said = {"target": str(target), "got": repr(rate_text)}
            raise InvalidOverrideError(code="forecast.rate", params=said, text=text)
        try:
            rate = Fraction(parse_number(match["number"], field="rate")) / 100
        except InvalidNumberError as error:
            said = {"target": str(target), "problem": detail_of(error)}
            raise InvalidOverrideError(code="override.at", params=said, text=text) from None
        return cls(target=target, rate=-rate if match["sign"] == "-" else rate)

    def __str__(self) -> str:
        """``KEY.FIELD=RATE%``."""
        percent = Decimal(self.rate.numerator * 100) / Decimal(self.rate.denominator)
        return f"{self.target}={percent.normalize():f}%"

    def override(self, years: int) -> Override:
        """The override that takes the base value ``years`` years ahead."""
        return Override(self.target, Change.growth(self.rate, years))


@attrs.frozen
class ForecastYear:
    """One forecast year and its budget."""

    year: int
    budget: Budget

    def __repr__(self) -> str:
        """``ForecastYear(year=…, budget='key', total=…)``: short whatever the budget holds."""
        return short_repr(
            "ForecastYear",
            year=self.year,
            budget=repr(self.budget.key),
            projects=len(self.budget.unit.projects),
        )

    def data(self) -> dict[str, Any]:
        """``{"year": …, "projects": [<project report>…]}``."""
        return {
            "year": self.year,
            "projects": [project_data(project) for project in self.budget.unit.projects],
        }


def _growth(value: Iterable[Growth]) -> tuple[Growth, ...]:
    return tuple(value)


def _years(value: Iterable[ForecastYear]) -> tuple[ForecastYear, ...]:
    return tuple(value)


@attrs.frozen
class Forecast:
    """The forecast years, the rates behind them, and when each project first goes over."""

    base_year: int
    growth: tuple[Growth, ...] = attrs.field(converter=_growth)
    years: tuple[ForecastYear, ...] = attrs.field(converter=_years)
    rounding: str = ROUNDING_RULE

    def __repr__(self) -> str:
        """``Forecast(base_year=2022, years=2023–2027, projects=3, growth=…)``: short."""
        years = f"{self.years[0].year}–{self.years[-1].year}" if self.years else "none"
        return short_repr(
            "Forecast",
            base_year=self.base_year,
            years=years,
            projects=len(self.project_keys),
            growth=", ".join(str(growth) for growth in self.growth) or "none",
        )

    def to_frame(self) -> pandas.DataFrame:
        """One row per year × project (the ``pandas`` extra).

        Columns: ``year``, ``project``, ``name_zh``, ``appropriation_yuan``, ``total_yuan``,
        ``headroom_yuan`` and ``overrun_yuan`` (exact Decimal 元), ``utilisation_percent``
        (Decimal) and ``status``.

        >>> from pension_subsidy import load_dataset
        >>> outlook = forecast(load_dataset(), range(2023, 2026),
        ...                    ["contribution_subsidy.headcount=2%"])
        >>> frame = outlook.to_frame()
        >>> fund = frame[frame["project"] == "county_supporting_fund"]
        >>> list(fund["status"]), fund["overrun_yuan"].iloc[-1]
        (['within', 'within', 'over'], Decimal('24831.68'))
        """
        return data_frame(self._records(), _FORECAST_COLUMNS)

    def _records(self) -> list[dict[str, object]]:
        records: list[dict[str, object]] = []
        for year in self.years:
            for project in year.budget.unit.projects:
                check = project.check()
                records.append(
                    {
                        "year": year.year,
                        "project": project.key,
                        "name_zh": project.name_zh,
                        "appropriation_yuan": check.appropriation,
                        "total_yuan": check.total,
                        "headroom_yuan": check.headroom,
                        "overrun_yuan": check.overrun,
                        "utilisation_percent": check.utilisation,
                        "status": check.status.value,
                    }
                )
        return records

    def _repr_html_(self) -> str:
        """Each year's projects as a small HTML table (Jupyter)."""
        caption = f"forecast from {self.base_year}: " + (
            ", ".join(str(growth) for growth in self.growth) or "no growth"
        )
        return html_records(caption, self._records(), _FORECAST_COLUMNS)

    @property
    def project_keys(self) -> tuple[str, ...]:
        """The keys of the projects forecast."""
        if not self.years:
            return ()
        return tuple(project.key for project in self.years[0].budget.unit.projects)

    def rounding_in(self, language: Language) -> str:
        """The rounding rule in ``language`` (``"zh"`` or ``"en"``); another rule as given.

        >>> Forecast(base_year=2022, growth=(), years=()).rounding_in("en")[:31]
        'compounding from the base year:'
        """
        if self.rounding == ROUNDING_RULE:
            return _ROUNDING_IN[language]
        return self.rounding

    def first_over(self, project: str) -> tuple[int, Yuan] | None:
        """The first year ``project`` goes over its appropriation and by how much, or None."""
        for year in self.years:
            check = year.budget.project(project).check()
            if check.status is Status.OVER:
                assert check.overrun is not None
                return year.year, check.overrun
        return None

    def data(self) -> dict[str, Any]:
        """``{"years": [{"year", "projects"}…], "first_over": {key: year | null}, …}``."""
        first = {key: self.first_over(key) for key in self.project_keys}
        return {
            "base_year": self.base_year,
            "growth": [str(growth) for growth in self.growth],
            "rounding": self.rounding,
            "years": [year.data() for year in self.years],
            "first_over": {key: None if hit is None else hit[0] for key, hit in first.items()},
            "first_over_by_yuan": {
                key: None if hit is None else str(hit[1]) for key, hit in first.items()
            },
        }


_FORECAST_COLUMNS = (
    "year",
    "project",
    "name_zh",
    "appropriation_yuan",
    "total_yuan",
    "headroom_yuan",
    "overrun_yuan",
    "utilisation_percent",
    "status",
)


def forecast(budget: Budget, years: Iterable[int], growth: Iterable[Growth | str] = ()) -> Forecast:
    """Forecast ``budget`` (its year is the base year) over ``years`` with compounding ``growth``.

    Each rate is applied from the base year for each year (see :data:`ROUNDING_RULE`). A
    year before the base year, or two rates for the same input, raise
    :class:`~pension_subsidy.InvalidOverrideError`; an unknown key or field raises
    :class:`~pension_subsidy.UnknownKeyError`.
    """
    rates = tuple(Growth.parse(g) if isinstance(g, str) else g for g in growth)
    seen: set[tuple[str, str, str]] = set()
    for rate in rates:
        holder, component = resolve(budget, rate.target)  # fails early on unknown keys
        identity = (holder.key, rate.target.key, rate.target.field)
        if identity in seen:
            said: dict[str, object] = {"target": str(rate.target)}
            raise InvalidOverrideError(code="forecast.rate_twice", params=said, text=str(rate))
        seen.add(identity)
        del component
    result = []
    for year in years:
        elapsed = year - budget.year
        if elapsed < 0:
            said = {"year": str(year), "base": str(budget.year)}
            raise InvalidOverrideError(code="forecast.before_base", params=said, text=str(year))
        if elapsed > MAX_HORIZON:
            # (1 + g)^n over thousands of years is a number no budget means, slow to compute
            said = {"year": str(year), "horizon": MAX_HORIZON, "base": str(budget.year)}
            raise InvalidOverrideError(code="forecast.horizon", params=said, text=str(year))
        projected = budget
        for rate in rates:
            projected = apply_override(projected, rate.override(elapsed))
        result.append(ForecastYear(year=year, budget=attrs.evolve(projected, year=year)))
    return Forecast(base_year=budget.year, growth=rates, years=result)


def parse_years(text: str) -> range:
    """``2023-2027`` → ``range(2023, 2028)``; ``2025`` → ``range(2025, 2026)``.

    >>> parse_years("2023-2027")
    range(2023, 2028)
    """
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–~]\s*(\d{4}))?\s*", text)
    if match is None:
        said: dict[str, object] = {"got": repr(text)}
        raise InvalidOverrideError(code="forecast.years", params=said, text=text)
    first = int(match[1])
    last = int(match[2] or first)
    if last < first:
        said = {"last": str(last), "first": str(first)}
        raise InvalidOverrideError(code="forecast.years_order", params=said, text=text)
    if last - first >= MAX_YEARS:
        # compounding over centuries gives numbers no budget means (and no decimal holds)
        said = {"most": MAX_YEARS, "count": last - first + 1, "got": repr(text)}
        raise InvalidOverrideError(code="forecast.too_many_years", params=said, text=text)
    return range(first, last + 1)
