"""The year-end performance self-evaluation (绩效自评): weights, scores, grades.

At year end the bureau scores each project against its performance indicators (绩效指标) and
the finance bureau reviews the score. The rules (财预〔2020〕10号 and common practice):

* weights: budget execution (预算执行率) 10, output (产出) 50, benefit (效益) 30, satisfaction
  (满意度) 10; a level-1 weight is split evenly over its level-3 indicators unless weights are
  given (:class:`Weights`);
* budget execution scores 10 × min(spent / appropriation, 1);
* "≥" and ">" score weight × min(actual / target, 1); "≤" and "<" score
  weight × min(target / actual, 1), an actual of 0 scoring full; "=" scores full when equal,
  else weight × smaller / larger;
* a qualitative target (健全) scores full when the actual is the same word, a fraction from a
  table of partial words (基本健全 0.6, :class:`QualitativeScale`) or else 0;
* the project score is the exact sum, shown to 0.01 with 四舍五入; grade 优 ≥ 90, 良 ≥ 80,
  中 ≥ 60, 差 < 60 (:class:`Grade`), graded on the score as shown.

Everything is computed with :class:`~fractions.Fraction` and :class:`~decimal.Decimal`;
nothing is a float.

>>> from pension_subsidy import load_dataset
>>> fund = load_dataset().project("county_supporting_fund")
>>> actuals = ProjectActuals.all_met(fund, spent=Yuan.from_wan("172"))
>>> result = evaluate_project(fund, actuals)
>>> result.budget_execution.rate_percent, result.score, result.grade
(Decimal('98.29'), Decimal('99.83'), <Grade.EXCELLENT: '优'>)
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from pension_subsidy._toml import read_bundled_toml
from pension_subsidy.exceptions import (
    ActualValueError,
    DataFileError,
    EvaluationError,
    FloatAmountError,
    InvalidNumberError,
    UnknownIndicatorError,
    UnknownKeyError,
)
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.indicators import Comparator, Indicator, Level1
from pension_subsidy.money import Yuan, parse_number, round_half_up

__all__ = [
    "Actuals",
    "BudgetExecution",
    "Evaluation",
    "Grade",
    "IndicatorResult",
    "IndicatorStatus",
    "Measured",
    "ProjectActuals",
    "ProjectEvaluation",
    "QualitativeScale",
    "ScoringRules",
    "Weights",
    "default_rules",
    "evaluate",
    "evaluate_project",
    "find_project",
    "in_target_unit",
]

#: Anything a weight may be given as (never a float).
WeightLike: TypeAlias = "Fraction | Decimal | int | str"

_CENT = Decimal("0.01")
_WAN = 10000


class IndicatorStatus(enum.Enum):
    """How far an indicator's target was reached (完成情况)."""

    #: the target is reached (已完成)
    MET = "met"
    #: not reached, but the indicator earns part of its weight (部分完成)
    PARTLY_MET = "partly_met"
    #: not reached and earns nothing (未完成)
    NOT_MET = "not_met"
    #: no actual result was given: scores 0 and is listed (未填报)
    NO_ACTUAL = "no_actual"


class Grade(enum.Enum):
    """The self-evaluation grade (自评等级): 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60.

    >>> Grade.for_score(Decimal("89.99")), Grade.for_score(Decimal("90.00"))
    (<Grade.GOOD: '良'>, <Grade.EXCELLENT: '优'>)
    """

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"

    @classmethod
    def for_score(cls, score: Decimal) -> Grade:
        """The grade of a score out of 100 (the score as shown, to 0.01)."""
        if score >= 90:
            return cls.EXCELLENT
        if score >= 80:
            return cls.GOOD
        if score >= 60:
            return cls.FAIR
        return cls.POOR

    @property
    def name_en(self) -> str:
        """The English name: excellent, good, fair, poor."""
        return self.name.lower()


# -- weights and rules ----------------------------------------------------------------------
def _weight(value: object, field: str = "weight") -> Fraction:
    if isinstance(value, float):
        msg = f"{field}: expected an exact weight (str, int, Decimal), got the float {value!r}"
        raise FloatAmountError(msg, field=field, value=value)
    if isinstance(value, bool):
        msg = f"{field}: expected a weight, got the bool {value!r}"
        raise EvaluationError(msg)
    try:
        if isinstance(value, Fraction | int | Decimal):
            weight = Fraction(value)
        elif isinstance(value, str):
            weight = Fraction(Decimal(value.strip()))
        else:
            raise TypeError
    except (ArithmeticError, TypeError, ValueError):
        msg = f"{field}: expected a weight such as '10' or '7.5', got {value!r}"
        raise EvaluationError(msg) from None
    if weight < 0:
        msg = f"{field}: expected a weight ≥ 0, got {value!r}"
        raise EvaluationError(msg)
    return weight


def _budget_execution_weight(value: WeightLike) -> Fraction:
    return _weight(value, "budget_execution")


def _output_weight(value: WeightLike) -> Fraction:
    return _weight(value, "output")


def _benefit_weight(value: WeightLike) -> Fraction:
    return _weight(value, "benefit")


def _satisfaction_weight(value: WeightLike) -> Fraction:
    return _weight(value, "satisfaction")


def _pairs(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(key), item) for key, item in items)


def _weight_pairs(
    value: Mapping[str, WeightLike] | Iterable[tuple[str, WeightLike]],
) -> tuple[tuple[str, Fraction], ...]:
    return tuple((name, _weight(item, f"weight of {name}")) for name, item in _pairs(value))


@attrs.frozen
class Weights:
    """The weights (权重) of one project's self-evaluation, out of 100.

    ``indicators`` sets the weight of named level-3 indicators; the rest of a level-1 weight
    is split evenly over that level's other indicators.

    >>> Weights().total
    Fraction(100, 1)
    >>> Weights(output="60")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.EvaluationError: weights: budget execution 10 + output 60 + ...
    """

    budget_execution: Fraction = attrs.field(
        default=Fraction(10), converter=_budget_execution_weight
    )
    output: Fraction = attrs.field(default=Fraction(50), converter=_output_weight)
    benefit: Fraction = attrs.field(default=Fraction(30), converter=_benefit_weight)
    satisfaction: Fraction = attrs.field(default=Fraction(10), converter=_satisfaction_weight)
    indicators: tuple[tuple[str, Fraction], ...] = attrs.field(default=(), converter=_weight_pairs)

    def __attrs_post_init__(self) -> None:
        """Refuse weights that do not add up to 100: the grades assume a score out of 100."""
        if self.total != 100:
            msg = (
                f"weights: budget execution {_show(self.budget_execution)} + output "
                f"{_show(self.output)} + benefit {_show(self.benefit)} + satisfaction "
                f"{_show(self.satisfaction)} = {_show(self.total)}, expected 100"
            )
            raise EvaluationError(msg)

    @property
    def total(self) -> Fraction:
        """The four level weights added up (always 100)."""
        return self.budget_execution + self.output + self.benefit + self.satisfaction

    def level(self, level1: Level1) -> Fraction:
        """The weight of a level-1 indicator group."""
        return {
            Level1.OUTPUT: self.output,
            Level1.BENEFIT: self.benefit,
            Level1.SATISFACTION: self.satisfaction,
        }[level1]


def _scale_triples(
    value: Iterable[tuple[str, str, WeightLike]],
) -> tuple[tuple[str, str, Fraction], ...]:
    triples = []
    for target, word, fraction in value:
        share = _weight(fraction, f"qualitative.{target}.{word}")
        if share > 1:
            msg = f"qualitative.{target}.{word}: expected a fraction from 0 to 1, got {fraction!r}"
            raise EvaluationError(msg)
        triples.append((target.strip(), word.strip(), share))
    return tuple(triples)


@attrs.frozen
class QualitativeScale:
    """Partial credit for qualitative indicators (定性指标): (target word, actual word, share).

    The target word itself always earns the full weight; a word not in the table earns 0.

    >>> scale = default_rules().qualitative
    >>> scale.share("健全", "健全"), scale.share("健全", "基本健全"), scale.share("健全", "不健全")
    (Fraction(1, 1), Fraction(3, 5), None)
    """

    partial: tuple[tuple[str, str, Fraction], ...] = attrs.field(
        default=(), converter=_scale_triples
    )

    @classmethod
    def from_mapping(cls, table: Mapping[str, Mapping[str, WeightLike]]) -> QualitativeScale:
        """Read ``{target word: {actual word: share}}`` as the data file writes it."""
        return cls(
            (target, word, share)
            for target, words in table.items()
            for word, share in words.items()
        )

    def share(self, target: str, actual: str) -> Fraction | None:
        """The share of the weight ``actual`` earns against ``target`` (None: not listed)."""
        target, actual = target.strip(), actual.strip()
        if actual == target:
            return Fraction(1)
        for listed_target, word, share in reversed(self.partial):  # later entries override
            if listed_target == target and word == actual:
                return share
        return None

    def extended(self, other: QualitativeScale) -> QualitativeScale:
        """This table with ``other``'s entries added (they win where both list a word)."""
        return QualitativeScale(self.partial + other.partial)


@attrs.frozen
class ScoringRules:
    """The rules a self-evaluation is scored with: default weights and the qualitative table."""

    weights: Weights = attrs.field(factory=Weights)
    qualitative: QualitativeScale = attrs.field(factory=QualitativeScale)


@functools.cache
def default_rules() -> ScoringRules:
    """The bundled rules (``data/evaluation/scoring.toml``): 10/50/30/10 and 基本健全 = 0.6 ….

    >>> default_rules().weights.output
    Fraction(50, 1)
    """
    data = read_bundled_toml("evaluation", "scoring.toml")
    try:
        return ScoringRules(
            weights=Weights(**data["weights"]),
            qualitative=QualitativeScale.from_mapping(data["qualitative"]),
        )
    except (EvaluationError, KeyError, TypeError) as error:  # pragma: no cover - bundled file
        raise DataFileError(str(error), path="evaluation/scoring.toml (bundled)") from None


# -- actual results -------------------------------------------------------------------------
def _measured_value(value: object) -> Decimal | str:
    if isinstance(value, float):
        msg = f"Measured.value: expected a Decimal or a word, got the float {value!r}"
        raise FloatAmountError(msg, field="value", value=value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        try:
            # bounded as every number the library reads: 1e999999 is refused here, not
            # left to overflow when scored
            number = parse_number(value, field="Measured.value")
        except InvalidNumberError as error:
            raise ActualValueError(str(error), project=None, indicator=None, value=value) from None
        if number < 0:
            msg = f"Measured.value: expected a finite number ≥ 0, got {value}"
            raise ActualValueError(msg, project=None, indicator=None, value=value)
        return number
    if isinstance(value, str) and value.strip():
        return value.strip()
    msg = f"Measured.value: expected a Decimal or a word, got {value!r}"
    raise ActualValueError(msg, project=None, indicator=None, value=value)


@attrs.frozen
class Measured:
    """An actual result (实际完成值): a number with its unit, or a word.

    ``unit`` is ``""`` for a plain number (read in the target's unit), ``"万"`` for a bare
    ten-thousand (``5.5万`` of a 万元 target), or a unit such as ``人``, ``%``, ``万元``.
    ``text`` keeps the value as written.

    >>> Measured(Decimal("91700"), "人").shown
    '91700人'
    """

    value: Decimal | str = attrs.field(converter=_measured_value)
    unit: str = ""
    text: str = ""

    @property
    def is_word(self) -> bool:
        """Whether this is a word (健全) rather than a number."""
        return isinstance(self.value, str)

    @property
    def shown(self) -> str:
        """The value as written, or as number and unit."""
        return self.text or f"{self.value}{self.unit}"


def _unit_scale(unit: str) -> tuple[str, int]:
    """A unit's base unit and factor: 万元 → (元, 10000), 万人 → (人, 10000), % → (%, 1)."""
    if unit.startswith("万") and len(unit) > 1:
        base, factor = _unit_scale(unit[1:])
        return base, factor * _WAN
    return unit, 1


def _plain(number: Decimal) -> Decimal:
    """The number without trailing zeros and never in exponent form: 91700, 5.5."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def in_target_unit(measured: Measured, indicator: Indicator, project: str) -> Decimal:
    """The actual number expressed in the target's unit, exactly (``55000元`` → ``5.5`` 万元).

    A plain number is taken in the target's unit. A unit of another kind (人 against %)
    raises :class:`~pension_subsidy.ActualValueError` naming project, indicator and value.

    >>> from pension_subsidy import Comparator, Level1, Level2
    >>> cost = Indicator(level1=Level1.OUTPUT, level2=Level2.COST, name="宣传成本",
    ...                  comparator=Comparator.LE, target=Decimal("6"), unit="万元")
    >>> in_target_unit(Measured(Decimal("55000"), "元"), cost, "p")
    Decimal('5.5')
    """
    number = measured.value
    if not isinstance(number, Decimal):
        msg = (
            f"project {project!r}, indicator {indicator.name!r}: expected a number such as "
            f"{indicator.target_text!r}, got the word {measured.shown!r}"
        )
        raise ActualValueError(msg, project=project, indicator=indicator.name, value=measured)
    target_base, target_factor = _unit_scale(indicator.unit)
    if measured.unit == "":
        return number
    if measured.unit == "万":
        actual_base, actual_factor = target_base, _WAN
        refused = indicator.unit in ("%", "")
    else:
        actual_base, actual_factor = _unit_scale(measured.unit)
        refused = actual_base != target_base
    if refused:
        msg = (
            f"project {project!r}, indicator {indicator.name!r}: the actual "
            f"{measured.shown!r} is in {measured.unit}, but the target "
            f"{indicator.target_text!r} is in {indicator.unit or 'plain numbers'}"
        )
        raise ActualValueError(msg, project=project, indicator=indicator.name, value=measured.shown)
    with localcontext() as context:
        context.prec = 60
        return _plain(number * actual_factor / target_factor)


def _texts(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((name, str(text)) for name, text in _pairs(value))


def _measured_pairs(
    value: Mapping[str, Measured] | Iterable[tuple[str, Measured]],
) -> tuple[tuple[str, Measured], ...]:
    return tuple((name, item) for name, item in _pairs(value))


def _optional_yuan(value: Yuan | str | int | None) -> Yuan | None:
    if value is None or isinstance(value, Yuan):
        return value
    return Yuan(value, field="spent")


@attrs.frozen
class ProjectActuals:
    """One project's actual results: money spent, indicator values, reasons and measures.

    ``project`` is the project's key or its name as written in the table. ``values``,
    ``reasons`` (偏差原因) and ``measures`` (改进措施) are keyed by the indicator's name as
    written in the table. ``weights`` overrides the default weights for this project.
    """

    project: str
    spent: Yuan | None = attrs.field(default=None, converter=_optional_yuan)
    values: tuple[tuple[str, Measured], ...] = attrs.field(default=(), converter=_measured_pairs)
    reasons: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_texts)
    measures: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_texts)
    weights: Weights | None = None

    @classmethod
    def all_met(cls, project: Project, *, spent: Yuan | None = None) -> ProjectActuals:
        """Actuals that meet every target exactly; ``spent`` defaults to the appropriation.

        Handy as a starting point: ``attrs.evolve`` it with the figures that differ.
        """
        values = [
            (
                indicator.name,
                Measured(indicator.target, "" if indicator.is_qualitative else indicator.unit),
            )
            for indicator in project.indicators
            if indicator.effective_comparator not in (Comparator.GT, Comparator.LT)
        ]
        values += [  # a strict target is met just beyond it
            (
                indicator.name,
                Measured(
                    _plain(
                        max(
                            Decimal(indicator.target) + (1 if strict is Comparator.GT else -1),
                            Decimal(0),
                        )
                    ),
                    indicator.unit,
                ),
            )
            for indicator in project.indicators
            if (strict := indicator.effective_comparator) in (Comparator.GT, Comparator.LT)
        ]
        return cls(
            project=project.key,
            spent=project.appropriation if spent is None else spent,
            values=values,
        )

    def with_value(self, name: str, value: Measured) -> ProjectActuals:
        """A copy with the actual of indicator ``name`` set to ``value``."""
        values = [(key, item) for key, item in self.values if key != name]
        return attrs.evolve(self, values=[*values, (name, value)])


def _project_actuals_tuple(value: Iterable[ProjectActuals]) -> tuple[ProjectActuals, ...]:
    return tuple(value)


@attrs.frozen
class Actuals:
    """The actual results of a year, one :class:`ProjectActuals` per project evaluated.

    ``qualitative`` adds partial words to the default table; ``source`` names the file.
    """

    projects: tuple[ProjectActuals, ...] = attrs.field(converter=_project_actuals_tuple)
    qualitative: QualitativeScale = attrs.field(factory=QualitativeScale)
    source: str = ""


# -- results --------------------------------------------------------------------------------
def _show(value: Fraction | Decimal) -> str:
    return str(_plain(round_half_up(Fraction(value), _CENT)))


@attrs.frozen
class IndicatorResult:
    """One level-3 indicator scored: its weight, the actual, the status and the score.

    ``actual_value`` is the actual in the target's unit (a word for a qualitative
    indicator); ``gap`` is actual − target in the target's unit (None for a word or a
    missing actual). ``reason`` and ``measure`` are the 偏差原因 and 改进措施 supplied.
    """

    indicator: Indicator
    weight: Fraction
    status: IndicatorStatus
    score: Fraction
    actual: Measured | None = None
    actual_value: Decimal | str | None = None
    gap: Decimal | None = None
    reason: str | None = None
    measure: str | None = None
    note: str = ""

    @property
    def shortfall(self) -> bool:
        """Whether the indicator must be explained: not met or only partly met."""
        return self.status in (IndicatorStatus.NOT_MET, IndicatorStatus.PARTLY_MET)


@attrs.frozen
class BudgetExecution:
    """Budget execution (预算执行率): spent ÷ appropriation, scored weight × min(rate, 1).

    ``rate`` is the exact ratio (None for a zero appropriation, which scores full).
    """

    appropriation: Yuan
    spent: Yuan | None
    weight: Fraction
    score: Fraction
    rate: Fraction | None
    status: IndicatorStatus

    @property
    def rate_percent(self) -> Decimal | None:
        """The rate in percent, to 0.01 (四舍五入)."""
        return None if self.rate is None else round_half_up(self.rate * 100, _CENT)


@attrs.frozen
class ProjectEvaluation:
    """One project's self-evaluation (项目支出绩效自评表)."""

    project: Project
    weights: Weights
    budget_execution: BudgetExecution
    indicators: tuple[IndicatorResult, ...]

    @property
    def score_exact(self) -> Fraction:
        """The exact sum of budget execution and every indicator's score."""
        return self.budget_execution.score + sum(
            (result.score for result in self.indicators), Fraction(0)
        )

    @property
    def score(self) -> Decimal:
        """The score out of 100, to 0.01 (四舍五入)."""
        return round_half_up(self.score_exact, _CENT)

    @property
    def grade(self) -> Grade:
        """The grade of the score as shown."""
        return Grade.for_score(self.score)

    def level_score(self, level1: Level1) -> Fraction:
        """The exact score of one level-1 group."""
        return sum(
            (result.score for result in self.indicators if result.indicator.level1 is level1),
            Fraction(0),
        )

    @property
    def shortfalls(self) -> tuple[IndicatorResult, ...]:
        """The indicators not met or only partly met, each to be explained."""
        return tuple(result for result in self.indicators if result.shortfall)

    @property
    def missing(self) -> tuple[IndicatorResult, ...]:
        """The indicators with no actual result (they score 0)."""
        return tuple(r for r in self.indicators if r.status is IndicatorStatus.NO_ACTUAL)


@attrs.frozen
class Evaluation:
    """A year's self-evaluation: the projects evaluated and the projects left out.

    ``skipped`` holds the keys of the budget's projects the actuals do not name.
    """

    budget_key: str
    year: int
    projects: tuple[ProjectEvaluation, ...]
    skipped: tuple[str, ...] = ()
    source: str = ""


# -- scoring --------------------------------------------------------------------------------
def _attainment(comparator: Comparator, target: Fraction, actual: Fraction) -> Fraction:
    """The share of the weight earned, in [0, 1]."""
    if comparator in (Comparator.GE, Comparator.GT):
        return Fraction(1) if target <= 0 else min(actual / target, Fraction(1))
    if comparator in (Comparator.LE, Comparator.LT):
        return Fraction(1) if actual == 0 else min(target / actual, Fraction(1))
    if actual == target:
        return Fraction(1)
    return min(actual, target) / max(actual, target)


def _reached(comparator: Comparator, target: Fraction, actual: Fraction) -> bool:
    return {
        Comparator.GE: actual >= target,
        Comparator.GT: actual > target,
        Comparator.EQ: actual == target,
        Comparator.LE: actual <= target,
        Comparator.LT: actual < target,
    }[comparator]


def _status(reached: bool, share: Fraction) -> IndicatorStatus:
    # A strict target (> or <) hit exactly earns the full share but is not reached: it is
    # "partly met", so that it is listed and explained (see docs/evaluation.md).
    if reached:
        return IndicatorStatus.MET
    return IndicatorStatus.PARTLY_MET if share > 0 else IndicatorStatus.NOT_MET


def _score_indicator(
    indicator: Indicator,
    weight: Fraction,
    measured: Measured | None,
    project: str,
    scale: QualitativeScale,
) -> IndicatorResult:
    if measured is None:
        return IndicatorResult(
            indicator=indicator, weight=weight, status=IndicatorStatus.NO_ACTUAL, score=Fraction(0)
        )
    target = indicator.target
    if isinstance(target, str):
        if not isinstance(measured.value, str):
            msg = (
                f"project {project!r}, indicator {indicator.name!r}: expected a word such as "
                f"{target!r}, got the number {measured.shown!r}"
            )
            raise ActualValueError(msg, project=project, indicator=indicator.name, value=measured)
        listed = scale.share(target, measured.value)
        share = Fraction(0) if listed is None else listed
        note = (
            f"{measured.value!r} is neither the target {target!r} nor a partial word"
            if listed is None
            else ""
        )
        return IndicatorResult(
            indicator=indicator,
            weight=weight,
            status=_status(share == 1, share),
            score=weight * share,
            actual=measured,
            actual_value=measured.value,
            note=note,
        )
    if isinstance(measured.value, str):
        msg = (
            f"project {project!r}, indicator {indicator.name!r}: expected a number such as "
            f"{indicator.target_text!r}, got the word {measured.shown!r}"
        )
        raise ActualValueError(msg, project=project, indicator=indicator.name, value=measured)
    value = in_target_unit(measured, indicator, project)
    comparator = indicator.effective_comparator
    exact_target, actual = Fraction(target), Fraction(value)
    share = _attainment(comparator, exact_target, actual)
    return IndicatorResult(
        indicator=indicator,
        weight=weight,
        status=_status(_reached(comparator, exact_target, actual), share),
        score=weight * share,
        actual=measured,
        actual_value=value,
        gap=_plain(value - target),
    )


def _allocate(project: Project, weights: Weights) -> dict[int, Fraction]:
    """The weight of each indicator (by position): explicit, else an even split."""
    names = tuple(indicator.name for indicator in project.indicators)
    explicit = dict(weights.indicators)
    for name, weight in weights.indicators:
        if name not in names:
            msg = f"project {project.key!r} has no indicator {name!r} to weigh; it has: " + (
                ", ".join(names) or "none"
            )
            raise UnknownIndicatorError(
                msg, project=project.key, key=name, known=names, value=weight
            )
    allocation: dict[int, Fraction] = {}
    for level1 in Level1:
        members = [i for i, ind in enumerate(project.indicators) if ind.level1 is level1]
        level_weight = weights.level(level1)
        if not members and level_weight:
            msg = (
                f"project {project.key!r}: {level1.name_zh} ({level1.value}) has weight "
                f"{_show(level_weight)} but no indicator; give it weight 0"
            )
            raise EvaluationError(msg, project=project.key)
        fixed = {i: explicit[project.indicators[i].name] for i in members if
                 project.indicators[i].name in explicit}  # fmt: skip
        rest = [i for i in members if i not in fixed]
        remaining = level_weight - sum(fixed.values(), Fraction(0))
        if remaining < 0 or (not rest and remaining):
            msg = (
                f"project {project.key!r}: the weights given to {level1.name_zh} indicators "
                f"add up to {_show(sum(fixed.values(), Fraction(0)))}, but the level's weight "
                f"is {_show(level_weight)}"
            )
            raise EvaluationError(msg, project=project.key)
        allocation.update(fixed)
        allocation.update({i: remaining / len(rest) for i in rest})
    return allocation


def _by_name(project: Project, pairs: tuple[tuple[str, Any], ...], what: str) -> dict[str, Any]:
    names = [indicator.name for indicator in project.indicators]
    found: dict[str, Any] = {}
    for name, item in pairs:
        if name not in names:
            shown = item.shown if isinstance(item, Measured) else item
            msg = (
                f"project {project.key!r} has no indicator {name!r} (given the {what} "
                f"{shown!r}); its indicators are: {', '.join(names)}"
            )
            raise UnknownIndicatorError(
                msg, project=project.key, key=name, known=tuple(names), value=shown
            )
        if names.count(name) > 1:
            msg = f"project {project.key!r} has {names.count(name)} indicators named {name!r}"
            raise EvaluationError(msg, project=project.key)
        found[name] = item
    return found


def _budget_execution(project: Project, spent: Yuan | None, weight: Fraction) -> BudgetExecution:
    appropriation = project.appropriation
    if spent is None:
        return BudgetExecution(
            appropriation, None, weight, Fraction(0), None, IndicatorStatus.NO_ACTUAL
        )
    if spent < Yuan(0):
        msg = f"project {project.key!r}: spent: expected an amount ≥ 0 元, got {spent} 元"
        raise ActualValueError(msg, project=project.key, indicator="spent", value=spent)
    if appropriation.is_zero():
        return BudgetExecution(appropriation, spent, weight, weight, None, IndicatorStatus.MET)
    rate = spent.ratio(appropriation)
    share = min(rate, Fraction(1))
    return BudgetExecution(
        appropriation, spent, weight, weight * share, rate, _status(rate >= 1, share)
    )


def evaluate_project(
    project: Project, actuals: ProjectActuals, *, rules: ScoringRules | None = None
) -> ProjectEvaluation:
    """Score one project against its actual results.

    Raises :class:`~pension_subsidy.UnknownIndicatorError` for an actual, reason or measure
    keyed to an indicator the project lacks, and :class:`~pension_subsidy.ActualValueError`
    for a value that does not fit its indicator.
    """
    rules = default_rules() if rules is None else rules
    weights = actuals.weights or rules.weights
    values = _by_name(project, actuals.values, "actual")
    reasons = _by_name(project, actuals.reasons, "reason")
    measures = _by_name(project, actuals.measures, "measure")
    allocation = _allocate(project, weights)
    results = tuple(
        attrs.evolve(
            _score_indicator(
                indicator, allocation[index], values.get(indicator.name), project.key,
                rules.qualitative,
            ),
            reason=reasons.get(indicator.name),
            measure=measures.get(indicator.name),
        )
        for index, indicator in enumerate(project.indicators)
    )  # fmt: skip
    return ProjectEvaluation(
        project=project,
        weights=weights,
        budget_execution=_budget_execution(project, actuals.spent, weights.budget_execution),
        indicators=results,
    )


def find_project(budget: Budget, name: str) -> Project:
    """The project keyed ``name``, or named so in the table (spaces ignored).

    >>> from pension_subsidy import load_dataset
    >>> find_project(load_dataset(), "城乡居民养老保险 县级配套资金").key
    'county_supporting_fund'
    """
    wanted = "".join(name.split())
    for project in budget.projects:
        if name == project.key or wanted == "".join(project.name_zh.split()):
            return project
    known = tuple(project.key for project in budget.projects)
    msg = f"no project {name!r}; the projects are: {', '.join(known)}"
    raise UnknownKeyError(msg, key=name, known=known)


def evaluate(budget: Budget, actuals: Actuals, *, rules: ScoringRules | None = None) -> Evaluation:
    """Score every project the actuals name, in table order; list the others as skipped.

    >>> from pension_subsidy import load_dataset
    >>> budget = load_dataset()
    >>> fund = budget.project("county_supporting_fund")
    >>> result = evaluate(budget, Actuals([ProjectActuals.all_met(fund)]))
    >>> [(p.project.key, p.score) for p in result.projects], result.skipped
    ([('county_supporting_fund', Decimal('100.00'))], ('work_funds', 'coordinator_allowance'))
    """
    rules = default_rules() if rules is None else rules
    rules = attrs.evolve(rules, qualitative=rules.qualitative.extended(actuals.qualitative))
    named: dict[str, ProjectActuals] = {}
    for project_actuals in actuals.projects:
        project = find_project(budget, project_actuals.project)
        if project.key in named:
            msg = f"project {project.key!r} is given twice (as {project_actuals.project!r})"
            raise EvaluationError(msg, project=project.key)
        named[project.key] = project_actuals
    evaluations = tuple(
        evaluate_project(project, named[project.key], rules=rules)
        for project in budget.projects
        if project.key in named
    )
    skipped = tuple(project.key for project in budget.projects if project.key not in named)
    return Evaluation(
        budget_key=budget.key,
        year=budget.year,
        projects=evaluations,
        skipped=skipped,
        source=actuals.source,
    )
