"""The actual results a self-evaluation is scored against (实际完成值), and their units.

:class:`Measured` is one value (a number with its unit, or a word); :class:`ProjectActuals`
one project's spending and values; :class:`Actuals` a year's. :func:`in_target_unit` turns
an actual into the target's unit exactly (``55000元`` → ``5.5`` 万元).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy.evaluation._figures import _plain
from pension_subsidy.evaluation.rules import QualitativeScale
from pension_subsidy.evaluation.weights import Weights, _pairs
from pension_subsidy.exceptions import (
    ActualValueError,
    FloatAmountError,
    InvalidNumberError,
    Phrase,
)
from pension_subsidy.model.budget import Project
from pension_subsidy.model.indicators import Comparator, Indicator
from pension_subsidy.money import Yuan, parse_number

__all__ = ["Actuals", "Measured", "ProjectActuals", "in_target_unit"]

_WAN = 10000


def _measured_value(value: object) -> Decimal | str:
    if isinstance(value, float):
        said = {"got": repr(value)}
        raise FloatAmountError(code="measured.float", params=said, field="value", value=value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        try:
            # bounded as every number the library reads: 1e999999 is refused here, not
            # left to overflow when scored
            number = parse_number(value, field="Measured.value")
        except InvalidNumberError as error:
            raise ActualValueError(
                str(error) if error.code is None else None,
                code=error.code,
                params=error.params,
                project=None,
                indicator=None,
                value=value,
            ) from None
        if number < 0:
            said = {"got": str(value)}
            raise ActualValueError(
                code="measured.negative", params=said, project=None, indicator=None, value=value
            )
        return number
    if isinstance(value, str) and value.strip():
        return value.strip()
    said = {"got": repr(value)}
    raise ActualValueError(
        code="measured.not_a_value", params=said, project=None, indicator=None, value=value
    )


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
        said = {
            "project": repr(project),
            "indicator": repr(indicator.name),
            "target": repr(indicator.target_text),
            "got": repr(measured.shown),
        }
        raise ActualValueError(
            code="measured.word_for_number",
            params=said,
            project=project,
            indicator=indicator.name,
            value=measured,
        )
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
        units: dict[str, object] = {
            "project": repr(project),
            "indicator": repr(indicator.name),
            "got": repr(measured.shown),
            "unit": measured.unit,
            "target": repr(indicator.target_text),
            "target_unit": indicator.unit or Phrase("measured.plain_numbers"),
        }
        raise ActualValueError(
            code="measured.other_unit",
            params=units,
            project=project,
            indicator=indicator.name,
            value=measured.shown,
        )
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

    def __repr__(self) -> str:
        """``ProjectActuals('key', spent=…, values=n, reasons=n)``: short at any size."""
        return short_repr(
            "ProjectActuals",
            project=repr(self.project),
            spent=self.spent,
            values=len(self.values),
            reasons=len(self.reasons),
        )

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

    def __repr__(self) -> str:
        """``Actuals(projects=n, source='…')``: short at any size."""
        return short_repr("Actuals", projects=len(self.projects), source=repr(self.source))
