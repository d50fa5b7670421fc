"""A component computed from its kind's formula (按公式计算的构成): no code per kind.

A :class:`KindComponent` holds a :class:`~pension_subsidy.model.kinds.ComponentKind` and the
fields of one of its formulas — named as a dataset writes them — or an amount as disclosed.
Everything is exact (Decimal 元 and Fractions); money is rounded half up (四舍五入) to the 分
in one place only, :attr:`KindComponent.amount`, and only ``share_of`` (a base × a share)
can give an exact amount finer than a 分. The per-capita figure is the exact amount ÷
headcount, rounded to the 分 for display.

>>> from pension_subsidy.model.kinds import bundled_kinds
>>> topup = KindComponent(
...     kind=bundled_kinds().get("age_band_topup"),
...     bands=[AgeBand(from_age=60, to_age=64, headcount=4100, monthly_yuan="5"),
...            AgeBand(from_age=65, headcount=2000, monthly_yuan="10")],
... )
>>> topup.amount, topup.headcount
(Yuan('486000.00'), 6100)
>>> topup.derivation
'(60–64 岁 4100 人 × 5.00 元/月 + 65 岁及以上 2000 人 × 10.00 元/月) × 12 月 = 486,000.00 元'
>>> funeral = KindComponent(kind=bundled_kinds().get("funeral_grant"), events=35,
...                         grant_yuan="2000")
>>> funeral.derivation_in("en")
'35 events × 2000.00 yuan = 70,000.00 yuan'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.exceptions import InvalidAmountError, InvalidHeadcountError
from pension_subsidy.model.component_checks import (
    _non_negative,
    _optional_whole,
    _to_optional_yuan,
)
from pension_subsidy.model.component_protocol import Basis
from pension_subsidy.model.derivation import Derivation
from pension_subsidy.model.derivation_words import Language
from pension_subsidy.model.fen import rounded_yuan
from pension_subsidy.model.formula_exact import (
    _COLUMN_ATTRIBUTES,
    _DISTINCTIVE,
    _EXACT,
    _HEADCOUNTED,
    _INDEXED,
    _ROWS,
    _SCALARS,
    _given,
)
from pension_subsidy.model.formula_rows import (
    AgeBand,
    _bands,
    _check_bands,
    _share,
    _tiers,
    subsidy_for_grade,
)
from pension_subsidy.model.formula_words import derivation_of, derivation_value_of
from pension_subsidy.model.kinds import (
    ComponentKind,
    FieldType,
    Formula,
    FormulaField,
    formula_fields,
)
from pension_subsidy.model.tiered import GradeTier
from pension_subsidy.money import Yuan, round_half_up

__all__ = ["AgeBand", "KindComponent", "subsidy_for_grade"]


@attrs.frozen
class KindComponent:
    """A component of any catalogue kind, computed from the fields of one of its formulas.

    Give the fields of one formula of the kind (the formula is chosen by its distinctive
    field: ``per_capita_yuan``, ``monthly_yuan``, ``units``, ``tiers``, ``share``,
    ``bands`` or ``events``), or a ``disclosed_amount`` with the ``headcount`` it was stated
    for (backward basis, as for the seven Menyuan components).

    >>> from pension_subsidy.model.kinds import bundled_kinds
    >>> kind = bundled_kinds().get("basic_pension_topup")
    >>> topup = KindComponent(kind=kind, headcount=4100, monthly_yuan="5")
    >>> topup.formula, topup.derivation
    (<Formula.PER_PERSON_MONTH: 'per_person_month'>, '4100 人 × 5.00 元/月 × 12 月 = 246,000.00 元')
    >>> KindComponent(kind=kind, headcount=4100, disclosed_amount=Yuan.from_wan("24.6")).per_capita
    Yuan('60.00')
    """

    kind: ComponentKind
    headcount_given: int | None = attrs.field(
        default=None, validator=_optional_whole, alias="headcount"
    )
    per_capita_yuan: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    monthly_yuan: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    months: int | None = attrs.field(default=None, validator=_optional_whole)
    units: int | None = attrs.field(default=None, validator=_optional_whole)
    per_unit: int | None = attrs.field(default=None, validator=_optional_whole)
    per_person_yuan: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    tiers: tuple[GradeTier, ...] | None = attrs.field(default=None, converter=_tiers)
    base_yuan: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    #: The share in percent (10 is 10 %).
    share: Decimal | None = attrs.field(default=None, converter=_share)
    bands: tuple[AgeBand, ...] | None = attrs.field(default=None, converter=_bands)
    events: int | None = attrs.field(default=None, validator=_optional_whole)
    grant_yuan: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    disclosed_amount: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    #: The headcount the disclosed amount was stated for (defaults to ``headcount``).
    disclosed_headcount: int | None = attrs.field(default=None, validator=_optional_whole)

    def __attrs_post_init__(self) -> None:
        """Pick the formula from the fields given; check it has all it needs and nothing else."""
        given = {name for name in _SCALARS if getattr(self, name) is not None}
        if self.headcount_given is not None:
            given.add("headcount")
        key = self.kind.key
        if self.disclosed_amount is not None:
            self._check_disclosed(given)
            return
        if self.disclosed_headcount is not None:
            said = {"at": f"{key}: "}
            raise InvalidHeadcountError(
                code="component.disclosed_headcount", params=said, field="disclosed_headcount"
            )
        formula = self._chosen_formula(given)
        names = {field.name for field in formula_fields(formula)}
        extra = sorted(given - names)
        if extra:
            said = {
                "at": f"{key}: ",
                "name": extra[0],
                "formula": formula.value,
                "fields": ", ".join(field.name for field in formula_fields(formula)),
            }
            raise InvalidAmountError(code="component.not_a_field", params=said, field=extra[0])
        for field in formula_fields(formula):
            if field.name not in given:
                if field.default is None:
                    said = {"at": f"{key}: ", "name": field.name, "formula": formula.value}
                    raise InvalidAmountError(
                        code="component.missing_field", params=said, field=field.name
                    )
                object.__setattr__(self, field.name, field.default)
        if self.bands is not None:
            _check_bands(self.bands)
        if self.tiers is not None:
            grades = [tier.grade for tier in self.tiers]
            if len(set(grades)) != len(grades):
                said = {"at": f"{key}: tiers: ", "grades": str([str(g) for g in grades])}
                raise InvalidAmountError(
                    code="component.grade_twice", params=said, field="tiers", value=grades
                )

    def _check_disclosed(self, given: set[str]) -> None:
        key = self.kind.key
        extra = sorted(given - {"headcount"})
        if extra:
            said: dict[str, object] = {"at": f"{key}: ", "extra": ", ".join(extra)}
            raise InvalidAmountError(code="component.disclosed_extra", params=said, field=extra[0])
        if self.headcount_given is None:
            said = {"at": f"{key}: "}
            raise InvalidHeadcountError(
                code="component.disclosed_needs_headcount", params=said, field="headcount"
            )
        if self.disclosed_headcount is None:
            object.__setattr__(self, "disclosed_headcount", self.headcount_given)
        if self.disclosed_headcount == 0 and self.headcount_given and self.disclosed_amount:
            said = {
                "at": f"{key}: ",
                "amount": self.disclosed_amount,
                "headcount": str(self.headcount_given),
            }
            raise InvalidHeadcountError(
                code="component.scale_from_zero",
                params=said,
                field="headcount",
                value=self.headcount_given,
            )

    def _chosen_formula(self, given: set[str]) -> Formula:
        chosen = [formula for formula in Formula if _DISTINCTIVE[formula] in given]
        allowed = self.kind.formulas
        if len(chosen) == 1 and chosen[0] in allowed:
            return chosen[0]
        ways = "; ".join(
            f"{formula.value}: {', '.join(field.name for field in formula_fields(formula))}"
            for formula in allowed
        )
        said: dict[str, object] = {"at": f"{self.kind.key}: ", "ways": ways}
        if len(chosen) > 1:
            said["names"] = ", ".join(_DISTINCTIVE[formula] for formula in chosen)
            code = "component.formulas_mixed"
        elif chosen:
            said |= {"formula": chosen[0].value, "name": _DISTINCTIVE[chosen[0]]}
            code = "component.other_formula"
        else:
            said["name"] = _DISTINCTIVE[allowed[0]]
            code = "component.no_formula"
        raise InvalidAmountError(code=code, params=said, field=_DISTINCTIVE[allowed[0]])

    # -- what it is ---------------------------------------------------------------------
    @property
    def key(self) -> str:
        """The kind's key (``funeral_grant``)."""
        return self.kind.key

    @property
    def name_zh(self) -> str:
        """The kind's Chinese name."""
        return self.kind.name_zh

    @property
    def name_en(self) -> str:
        """The kind's English name."""
        return self.kind.name_en

    @property
    def headcount_unit(self) -> str:
        """The kind's headcount unit (人)."""
        return self.kind.headcount_unit

    @property
    def formula(self) -> Formula:
        """The formula the amount is computed by (the kind's own formula when disclosed)."""
        if self.disclosed_amount is not None:
            return self.kind.formula
        given = {name for name in _SCALARS if getattr(self, name) is not None}
        return next(formula for formula in Formula if _DISTINCTIVE[formula] in given)

    @property
    def basis(self) -> Basis:
        """Whether the amount comes from the formula's fields or was disclosed."""
        return Basis.DISCLOSED if self.disclosed_amount is not None else Basis.STANDARD

    # -- figures -------------------------------------------------------------------------
    @property
    def headcount(self) -> int:
        """Persons (or events) the component pays for."""
        formula = self.formula
        if self.disclosed_amount is not None or formula in _HEADCOUNTED:
            assert self.headcount_given is not None  # required by the formula (post-init)
            return self.headcount_given
        if formula is Formula.PER_UNIT:
            return _given(self.units) * _given(self.per_unit)
        if formula is Formula.BY_GRADE:
            return sum(tier.payers for tier in _given(self.tiers))
        if formula is Formula.BY_AGE_BAND:
            return sum(band.headcount for band in _given(self.bands))
        return _given(self.events)

    @property
    def exact_amount(self) -> Fraction:
        """The amount in 元 before rounding to the 分 (exact)."""
        if self.disclosed_amount is not None:
            disclosed = Fraction(self.disclosed_amount.value)
            if self.headcount_given == self.disclosed_headcount or not self.disclosed_headcount:
                return disclosed
            return disclosed / self.disclosed_headcount * _given(self.headcount_given)
        return _EXACT[self.formula](self)

    @property
    def amount(self) -> Yuan:
        """The amount in 元: the exact amount rounded half up (四舍五入) to the 分, once."""
        return rounded_yuan(self.exact_amount)

    @property
    def per_capita_exact(self) -> Fraction | None:
        """The exact amount per person in 元 (None with no persons)."""
        if self.disclosed_amount is not None:
            if not self.disclosed_headcount:
                return None
            return Fraction(self.disclosed_amount.value) / self.disclosed_headcount
        if self.formula is Formula.PER_PERSON_YEAR:
            return Fraction(_given(self.per_capita_yuan).value)
        headcount = self.headcount
        return None if not headcount else self.exact_amount / headcount

    @property
    def per_capita(self) -> Yuan | None:
        """The amount per person rounded to 分 with 四舍五入 (None when undefined)."""
        exact = self.per_capita_exact
        return None if exact is None else Yuan(round_half_up(exact))

    # -- fields, for what-ifs --------------------------------------------------------------
    @property
    def fields(self) -> tuple[FormulaField, ...]:
        """The fields of the formula the component is computed by."""
        return formula_fields(self.formula)

    def value_of(self, name: str) -> int | Yuan | Decimal | None:
        """The current value of field ``name`` (``bands[0].headcount`` for one row's)."""
        indexed = _INDEXED.match(name)
        if indexed is not None:
            row = self._rows(indexed["rows"])[int(indexed["index"])]
            value: int | Yuan | Decimal | None = getattr(
                row, _COLUMN_ATTRIBUTES.get(indexed["column"], indexed["column"])
            )
            return value
        if name == "headcount":
            return self.headcount
        scalar: int | Yuan | Decimal | None = getattr(self, name)
        return scalar

    def column(self, name: str) -> tuple[int | Yuan | None, ...]:
        """The values of column ``name`` in every row (``headcount`` of each band)."""
        rows_field = next(field for field in self.fields if field.type is FieldType.ROWS)
        attribute = _COLUMN_ATTRIBUTES.get(name, name)
        return tuple(getattr(row, attribute) for row in self._rows(rows_field.name))

    def with_value(self, name: str, value: int | Yuan | Decimal) -> KindComponent:
        """A copy with field ``name`` (a scalar, or ``rows[i].column``) set to ``value``."""
        indexed = _INDEXED.match(name)
        if indexed is None:
            changes: dict[str, Any] = {name: value}
            return attrs.evolve(self, **changes)
        rows_name, index = indexed["rows"], int(indexed["index"])
        rows = list(self._rows(rows_name))
        attribute = _COLUMN_ATTRIBUTES.get(indexed["column"], indexed["column"])
        rows[index] = attrs.evolve(rows[index], **{attribute: value})
        new_rows: dict[str, Any] = {rows_name: rows}
        return attrs.evolve(self, **new_rows)

    def with_column(self, name: str, values: Iterable[int | Yuan]) -> KindComponent:
        """A copy with column ``name`` of every row set to ``values``, in row order."""
        rows_field = next(field for field in self.fields if field.type is FieldType.ROWS)
        attribute = _COLUMN_ATTRIBUTES.get(name, name)
        rows = [
            attrs.evolve(row, **{attribute: value})
            for row, value in zip(self._rows(rows_field.name), values, strict=True)
        ]
        new_rows: dict[str, Any] = {rows_field.name: rows}
        return attrs.evolve(self, **new_rows)

    def _rows(self, name: str) -> tuple[Any, ...]:
        rows: tuple[Any, ...] | None = getattr(self, name, None) if name in _ROWS else None
        if rows is None:
            said = {"at": f"{self.key}: ", "name": repr(name), "formula": self.formula.value}
            raise InvalidAmountError(code="component.no_rows", params=said, field=name)
        return rows

    # -- derivation ----------------------------------------------------------------------
    def derivation_value(self) -> Derivation:
        """How the amount was computed, as a value (operands, units, operator, result)."""
        return derivation_value_of(self)

    @property
    def derivation(self) -> str:
        """How the amount was computed, in Chinese."""
        return self.derivation_in("zh")

    def derivation_in(self, language: Language) -> str:
        """How the amount was computed in ``language`` (``"zh"`` or ``"en"``), from the values.

        >>> from pension_subsidy.model.kinds import bundled_kinds
        >>> share = KindComponent(kind=bundled_kinds().get("disability_contribution_subsidy"),
        ...                       headcount=420, base_yuan="100", share="12.5%")
        >>> share.derivation_in("en")
        '420 persons × 100.00 yuan × 12.5% = 5,250.00 yuan'
        """
        return derivation_of(self, language)
