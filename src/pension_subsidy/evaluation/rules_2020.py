"""Scoring as 财预〔2020〕10号 practice has it: the rules, from a data file, and one score each.

The rules live in ``data/evaluation/rules-2020-10.toml`` (a province with other practice gives
its own file with the same keys, :meth:`Rules2020.from_mapping`):

* a quantitative "≥" indicator scores actual ÷ target × points, full when met;
* a "≤" (反向) indicator scores full when met and linearly down to 0 at twice the target
  (``reverse_zero_at``): target 5, actual 7.5 → 50 % of the points;
* "=" is scored as "≥" unless the rules say ``equal_as = "exact"``;
* a qualitative indicator scores a percentage of its points that the evaluator chooses inside
  a band — achieved 80–100 %, partly achieved 60–80 %, not achieved 0–60 % — and the chosen
  value is recorded with the score (default: the top of "achieved", 70 % for "partly", 0 for
  "not achieved");
* budget execution is executed ÷ the adjusted budget (全年预算数), scored rate × points and
  never more than the points;
* an actual ≥ 130 % of its target is flagged: it needs a stated reason.

Everything is exact (:class:`~fractions.Fraction`); nothing is a float.

>>> from decimal import Decimal
>>> from pension_subsidy.model.indicators import Comparator
>>> score_quantitative(Comparator.LE, Decimal(5), Decimal("7.5"), 10).score
Fraction(5, 1)
>>> score_qualitative(Band.PARTLY, 10).score, score_qualitative(Band.PARTLY, 10, 65).score
(Fraction(7, 1), Fraction(13, 2))
>>> score_execution(Yuan("99"), Yuan("100"), 10).score
Fraction(99, 10)
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.evaluation.grades import Grade
from pension_subsidy.evaluation.weights import WeightLike, Weights, _weight
from pension_subsidy.exceptions import DataFileError, EvaluationError, PensionSubsidyError
from pension_subsidy.model.indicators import Comparator
from pension_subsidy.money import Yuan

__all__ = [
    "Band",
    "BandRange",
    "RuleScore",
    "Rules2020",
    "band_for_percent",
    "execution_rate",
    "read_rules_2020",
    "rules_2020_10",
    "score_execution",
    "score_qualitative",
    "score_quantitative",
]

_HUNDRED = Fraction(100)
_TITLE_ZH = "财预〔2020〕10号及常见做法"
_TITLE_EN = "Caiyu [2020] No. 10 and common practice"


class Band(enum.Enum):
    """The band a qualitative indicator's score is chosen in (定性指标评分档次)."""

    #: achieved (达成): 80–100 % of the points
    ACHIEVED = "achieved"
    #: partly achieved with some effect (部分达成并具有一定效果): 60–80 %
    PARTLY = "partly"
    #: not achieved (未达成): 0–60 %
    NOT_ACHIEVED = "not_achieved"

    @property
    def name_zh(self) -> str:
        """The band in Chinese: 达成, 部分达成, 未达成."""
        return {"achieved": "达成", "partly": "部分达成", "not_achieved": "未达成"}[self.value]


@attrs.frozen
class BandRange:
    """A band's percentages of the points: from ``low`` to ``high``, ``default`` if none chosen.

    >>> BandRange(60, 80, 70).contains(Fraction(80)), BandRange(60, 80, 70).contains(59)
    (True, False)
    """

    low: Fraction = attrs.field(converter=_weight)
    high: Fraction = attrs.field(converter=_weight)
    default: Fraction = attrs.field(converter=_weight)

    def __attrs_post_init__(self) -> None:
        """Refuse a band that is not low ≤ default ≤ high ≤ 100."""
        if not self.low <= self.default <= self.high <= _HUNDRED:
            said = {"low": str(self.low), "default": str(self.default), "high": str(self.high)}
            raise EvaluationError(code="evaluation.rules_2020.band_order", params=said)

    def contains(self, percent: Fraction | int) -> bool:
        """Whether ``percent`` lies in the band (both ends included)."""
        return self.low <= percent <= self.high


def _comparator_choice(value: object) -> Comparator:
    if value in ("ge", Comparator.GE):
        return Comparator.GE
    if value in ("exact", Comparator.EQ):
        return Comparator.EQ
    said = {"at": "quantitative.equal_as: ", "ge": "'ge'", "exact": "'exact'", "got": repr(value)}
    raise EvaluationError(code="evaluation.rules_2020.equal_as", params=said)


def _above_one(value: WeightLike) -> Fraction:
    number = _weight(value, "quantitative.reverse_zero_at")
    if number <= 1:
        said = {"at": "quantitative.reverse_zero_at: ", "got": repr(value)}
        raise EvaluationError(code="evaluation.rules_2020.reverse_zero_at", params=said)
    return number


def _default_bands() -> tuple[tuple[Band, BandRange], ...]:
    return (
        (Band.ACHIEVED, BandRange(80, 100, 100)),
        (Band.PARTLY, BandRange(60, 80, 70)),
        (Band.NOT_ACHIEVED, BandRange(0, 60, 0)),
    )


@attrs.frozen
class Rules2020:
    """The rules of a 10号 self-evaluation: points, the "=" and "≤" rules, bands and grades.

    >>> rules = rules_2020_10()
    >>> rules.name, rules.reverse_zero_at, rules.far_above_percent
    ('2020-10', Fraction(2, 1), Fraction(130, 1))
    >>> rules.band(Band.ACHIEVED)
    BandRange(low=Fraction(80, 1), high=Fraction(100, 1), default=Fraction(100, 1))
    """

    name: str = "2020-10"
    title_zh: str = _TITLE_ZH
    title_en: str = _TITLE_EN
    weights: Weights = attrs.field(factory=Weights)
    equal_as: Comparator = attrs.field(default=Comparator.GE, converter=_comparator_choice)
    reverse_zero_at: Fraction = attrs.field(default=Fraction(2), converter=_above_one)
    far_above_percent: Fraction = attrs.field(default=Fraction(130), converter=_weight)
    bands: tuple[tuple[Band, BandRange], ...] = attrs.field(factory=_default_bands)
    grade_excellent: Fraction = attrs.field(default=Fraction(90), converter=_weight)
    grade_good: Fraction = attrs.field(default=Fraction(80), converter=_weight)
    grade_fair: Fraction = attrs.field(default=Fraction(60), converter=_weight)

    def band(self, band: Band) -> BandRange:
        """The percentages of one band."""
        return dict(self.bands)[band]

    def grade(self, total: Decimal | Fraction) -> Grade:
        """The grade (等级) of a total out of 100: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差."""
        if total >= self.grade_excellent:
            return Grade.EXCELLENT
        if total >= self.grade_good:
            return Grade.GOOD
        if total >= self.grade_fair:
            return Grade.FAIR
        return Grade.POOR

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str) -> Rules2020:
        """Rules as the data file writes them; :class:`DataFileError` naming ``source``."""
        try:
            quantitative = data.get("quantitative", {})
            qualitative = data.get("qualitative", {})
            grades = data.get("grades", {})
            bands = tuple(
                (band, BandRange(**qualitative[band.value]))
                if band.value in qualitative
                else (band, dict(_default_bands())[band])
                for band in Band
            )
            against = data.get("execution", {}).get("against", "adjusted")
            if against != "adjusted":
                said = {"at": "execution.against: ", "adjusted": "'adjusted'", "got": repr(against)}
                raise EvaluationError(code="evaluation.rules_2020.execution_against", params=said)
            return cls(
                name=str(data.get("name", "2020-10")),
                title_zh=str(data.get("title_zh", _TITLE_ZH)),
                title_en=str(data.get("title_en", _TITLE_EN)),
                weights=Weights(**data.get("weights", {})),
                equal_as=quantitative.get("equal_as", "ge"),
                reverse_zero_at=quantitative.get("reverse_zero_at", "2"),
                far_above_percent=quantitative.get("far_above_percent", "130"),
                bands=bands,
                grade_excellent=grades.get("excellent", "90"),
                grade_good=grades.get("good", "80"),
                grade_fair=grades.get("fair", "60"),
            )
        except (EvaluationError, TypeError, AttributeError) as error:
            if isinstance(error, PensionSubsidyError):  # a float weight is a TypeError too
                raise DataFileError(path=source, detail=error) from None
            said = {"reason": str(error)}
            raise DataFileError(
                code="evaluation.rules_2020.unreadable", params=said, path=source
            ) from None


def read_rules_2020(path: str | Path) -> Rules2020:
    """A province's rules from a TOML file with the keys of ``rules-2020-10.toml``.

    Keys left out take the 10号 defaults; a wrong value raises
    :class:`~pension_subsidy.DataFileError` naming the file.
    """
    return Rules2020.from_mapping(read_toml_file(path), source=str(path))


@functools.cache
def rules_2020_10() -> Rules2020:
    """The bundled 10号 rules (``data/evaluation/rules-2020-10.toml``)."""
    data = read_bundled_toml("evaluation", "rules-2020-10.toml")
    return Rules2020.from_mapping(data, source="evaluation/rules-2020-10.toml (bundled)")


@attrs.frozen
class RuleScore:
    """One score under the 10号 rules: the share of the points earned and why.

    ``rule`` names the rule used (``ge``, ``reverse_linear``, ``equal_exact``,
    ``qualitative``, ``execution``); ``band`` and ``chosen_percent`` record a qualitative
    choice (``chosen_by_default`` when the rules' default was taken); ``far_above`` flags an
    actual ≥ 130 % of its target; ``ratio`` is actual ÷ target (or executed ÷ budget).
    """

    points: Fraction
    share: Fraction
    reached: bool
    rule: str
    ratio: Fraction | None = None
    band: Band | None = None
    chosen_percent: Fraction | None = None
    chosen_by_default: bool = False
    far_above: bool = False

    @property
    def score(self) -> Fraction:
        """Points × share, exact."""
        return self.points * self.share


def _points(points: WeightLike) -> Fraction:
    return _weight(points, "points")


def score_quantitative(
    comparator: Comparator,
    target: Decimal,
    actual: Decimal,
    points: WeightLike,
    rules: Rules2020 | None = None,
) -> RuleScore:
    """Score a quantitative indicator: "≥" proportional, "≤" linear to 0 at 2 × target.

    >>> score_quantitative(Comparator.GE, Decimal(100), Decimal(95), 10).score
    Fraction(19, 2)
    >>> result = score_quantitative(Comparator.GE, Decimal(100), Decimal(130), 10)
    >>> result.score, result.far_above
    (Fraction(10, 1), True)
    >>> score_quantitative(Comparator.EQ, Decimal(12), Decimal(13), 6).score
    Fraction(6, 1)
    """
    rules = rules_2020_10() if rules is None else rules
    weight = _points(points)
    exact_target, exact_actual = Fraction(target), Fraction(actual)
    ratio = None if exact_target == 0 else exact_actual / exact_target
    if comparator in (Comparator.LE, Comparator.LT):
        reached = (
            exact_actual <= exact_target
            if comparator is Comparator.LE
            else (exact_actual < exact_target)
        )
        if exact_actual <= exact_target:
            share = Fraction(1)
        elif exact_target <= 0:
            share = Fraction(0)
        else:
            zero_at = rules.reverse_zero_at * exact_target
            share = max(Fraction(0), (zero_at - exact_actual) / (zero_at - exact_target))
        return RuleScore(weight, share, reached, "reverse_linear", ratio)
    if comparator is Comparator.EQ and rules.equal_as is Comparator.EQ:
        reached = exact_actual == exact_target
        if reached:
            share = Fraction(1)
        else:
            larger = max(exact_actual, exact_target)
            share = Fraction(0) if larger == 0 else min(exact_actual, exact_target) / larger
        return RuleScore(weight, share, reached, "equal_exact", ratio)
    reached = (
        exact_actual > exact_target
        if comparator is Comparator.GT
        else (exact_actual >= exact_target)
    )
    share = Fraction(1) if ratio is None or ratio >= 1 else max(ratio, Fraction(0))
    far_above = ratio is not None and ratio * _HUNDRED >= rules.far_above_percent
    return RuleScore(weight, share, reached, "ge", ratio, far_above=far_above)


def band_for_percent(percent: Fraction, rules: Rules2020 | None = None) -> Band:
    """The band a percentage of the points lies in (the higher band at a shared end).

    >>> band_for_percent(Fraction(80)), band_for_percent(Fraction(60)), band_for_percent(40)
    (<Band.ACHIEVED: 'achieved'>, <Band.PARTLY: 'partly'>, <Band.NOT_ACHIEVED: 'not_achieved'>)
    """
    rules = rules_2020_10() if rules is None else rules
    for band in Band:
        if rules.band(band).contains(percent):
            return band
    said = {"got": str(percent)}
    raise EvaluationError(code="evaluation.rules_2020.percent_range", params=said)


def score_qualitative(
    band: Band,
    points: WeightLike,
    chosen_percent: WeightLike | None = None,
    rules: Rules2020 | None = None,
) -> RuleScore:
    """Score a qualitative indicator in ``band`` at the percentage the evaluator chose.

    Without a choice the band's default is taken (and recorded as such). A choice outside
    the band raises :class:`~pension_subsidy.EvaluationError`.

    >>> score_qualitative(Band.ACHIEVED, 10).chosen_percent
    Fraction(100, 1)
    >>> score_qualitative(Band.NOT_ACHIEVED, 10, "70")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.EvaluationError: qualitative score: 70 % lies outside the band ...
    """
    rules = rules_2020_10() if rules is None else rules
    weight = _points(points)
    limits = rules.band(band)
    if chosen_percent is None:
        chosen, by_default = limits.default, True
    else:
        chosen, by_default = _weight(chosen_percent, "chosen_percent"), False
        if not limits.contains(chosen):
            said = {
                "chosen": str(chosen),
                "band": band.value,
                "band_zh": band.name_zh,
                "low": str(limits.low),
                "high": str(limits.high),
            }
            raise EvaluationError(code="evaluation.rules_2020.outside_band", params=said)
    return RuleScore(
        weight,
        chosen / _HUNDRED,
        band is Band.ACHIEVED,
        "qualitative",
        band=band,
        chosen_percent=chosen,
        chosen_by_default=by_default,
    )


def execution_rate(executed: Yuan, adjusted_budget: Yuan) -> Fraction | None:
    """Executed ÷ the adjusted budget (全年预算数); None for a budget of 0.

    >>> execution_rate(Yuan("98.5"), Yuan("100"))
    Fraction(197, 200)
    """
    return None if adjusted_budget.is_zero() else executed.ratio(adjusted_budget)


def score_execution(executed: Yuan, adjusted_budget: Yuan, points: WeightLike) -> RuleScore:
    """Budget execution: rate × points against the adjusted budget, at most the points.

    A budget of 0 scores the full points (nothing was to be spent).

    >>> score_execution(Yuan("120"), Yuan("100"), 10).score
    Fraction(10, 1)
    """
    weight = _points(points)
    rate = execution_rate(executed, adjusted_budget)
    if rate is None:
        return RuleScore(weight, Fraction(1), True, "execution")
    share = min(max(rate, Fraction(0)), Fraction(1))
    return RuleScore(weight, share, rate >= 1, "execution", rate)
