"""Performance indicators (绩效指标): the three-level tree and each indicator's target.

Level 1 is output (产出), benefit (效益) or satisfaction (满意度); level 2 refines it
(数量, 质量, 时效, 成本; 经济效益, 社会效益, 生态效益, 可持续影响; 服务对象满意度); level 3 is
the indicator itself, with a comparator, a target value and a unit — or a qualitative target
word such as 健全.

>>> indicator = Indicator(
...     level1=Level1.OUTPUT, level2=Level2.COST, name="养老保险县级财政补贴",
...     comparator=None, target=Decimal("175"), unit="万元")
>>> indicator.effective_comparator   # a bare cost target is a ceiling
<Comparator.LE: '≤'>
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

from pension_subsidy.exceptions import DataFileError, InvalidNumberError
from pension_subsidy.money import parse_number

__all__ = ["UNITS", "Comparator", "Indicator", "Level1", "Level2"]

#: Units a quantitative target may carry (an empty unit is a bare number).
UNITS: frozenset[str] = frozenset({"人", "次", "%", "天", "元", "万元", "个", "项", "户", "村", ""})


class Level1(enum.Enum):
    """First-level indicator (一级指标)."""

    OUTPUT = "output"
    BENEFIT = "benefit"
    SATISFACTION = "satisfaction"

    @property
    def name_zh(self) -> str:
        """The Chinese name, as in 产出指标."""
        return {"output": "产出指标", "benefit": "效益指标", "satisfaction": "满意度指标"}[
            self.value
        ]


class Level2(enum.Enum):
    """Second-level indicator (二级指标), each under one first level."""

    QUANTITY = "quantity"
    QUALITY = "quality"
    TIMELINESS = "timeliness"
    COST = "cost"
    ECONOMIC = "economic"
    SOCIAL = "social"
    ECOLOGICAL = "ecological"
    SUSTAINABLE = "sustainable"
    BENEFICIARY_SATISFACTION = "beneficiary_satisfaction"

    @property
    def level1(self) -> Level1:
        """The first level this second level belongs to."""
        if self in (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST):
            return Level1.OUTPUT
        if self is Level2.BENEFICIARY_SATISFACTION:
            return Level1.SATISFACTION
        return Level1.BENEFIT

    @property
    def name_zh(self) -> str:
        """The Chinese name, as in 数量指标."""
        return _LEVEL2_ZH[self]


_LEVEL2_ZH = {
    Level2.QUANTITY: "数量指标",
    Level2.QUALITY: "质量指标",
    Level2.TIMELINESS: "时效指标",
    Level2.COST: "成本指标",
    Level2.ECONOMIC: "经济效益指标",
    Level2.SOCIAL: "社会效益指标",
    Level2.ECOLOGICAL: "生态效益指标",
    Level2.SUSTAINABLE: "可持续影响指标",
    Level2.BENEFICIARY_SATISFACTION: "服务对象满意度指标",
}


class Comparator(enum.Enum):
    """How an actual value is compared with the target."""

    GE = "≥"
    GT = ">"
    EQ = "="
    LE = "≤"
    LT = "<"

    @classmethod
    def parse(cls, text: str) -> Comparator:
        r"""Read ≥ ≤ > < = in their ASCII, full-width and LaTeX spellings.

        >>> Comparator.parse(">="), Comparator.parse("\\leq"), Comparator.parse("＞")
        (<Comparator.GE: '≥'>, <Comparator.LE: '≤'>, <Comparator.GT: '>'>)
        """
        key = text.strip()
        try:
            return _COMPARATOR_SPELLINGS[key]
        except KeyError:
            said = {"got": repr(text)}
            raise DataFileError(
                code="indicator.comparator", params=said, field="comparator"
            ) from None


#: The spellings of each comparator: ASCII, full-width and LaTeX.
_SPELLINGS: dict[Comparator, tuple[str, ...]] = {
    Comparator.GE: ("≥", ">=", "\\geq", "\\ge", "≧", "⩾"),
    Comparator.GT: (">", "＞", "\\gt", "\\textgreater"),
    Comparator.EQ: ("=", "＝", "=="),
    Comparator.LE: ("≤", "<=", "\\leq", "\\le", "≦", "⩽"),
    Comparator.LT: ("<", "＜", "\\lt", "\\textless"),
}
_COMPARATOR_SPELLINGS = {
    spelling: comparator for comparator, spellings in _SPELLINGS.items() for spelling in spellings
}


def _target(value: object) -> Decimal | str:
    """A number (bounded by :func:`~pension_subsidy.money.parse_number`) or a target word."""
    if isinstance(value, str):
        return value  # a qualitative target word such as 健全
    if isinstance(value, float):
        said = {"got": repr(value)}
        raise DataFileError(code="indicator.target_float", params=said, field="target")
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        try:
            return parse_number(value, field="target")
        except InvalidNumberError as error:
            problem = str(error).removeprefix("target: ")
            raise DataFileError(problem, detail=error, field="target") from None
    said = {"got": repr(value)}
    raise DataFileError(code="indicator.target", params=said, field="target")


def _check_level2(instance: Indicator, attribute: attrs.Attribute[Any], value: Level2) -> None:
    if value.level1 is not instance.level1:
        said = {
            "name": repr(instance.name),
            "sub": value.value,
            "under": value.level1.value,
            "top": instance.level1.value,
        }
        raise DataFileError(code="indicator.level2", params=said, field="level2")


@attrs.frozen
class Indicator:
    """A level-3 performance indicator (三级指标).

    ``target`` is a :class:`~decimal.Decimal` for a quantitative indicator (a percentage is
    kept as its number of percent, ``Decimal("98")`` with unit ``"%"``) or a word such as
    ``"健全"`` for a qualitative one. ``comparator`` is ``None`` when the table writes a bare
    target; :attr:`effective_comparator` says what that means. ``text`` keeps the indicator
    as the table wrote it.
    """

    level1: Level1
    level2: Level2 = attrs.field(validator=_check_level2)
    name: str
    comparator: Comparator | None
    target: Decimal | str = attrs.field(converter=_target)
    unit: str = ""
    text: str = ""

    @property
    def is_qualitative(self) -> bool:
        """Whether the target is a word (健全) rather than a number."""
        return isinstance(self.target, str)

    @property
    def effective_comparator(self) -> Comparator:
        """The comparator to score with.

        A bare target means ≥, except a cost (成本) target, which is a ceiling (≤); a
        qualitative target is matched (=).
        """
        if self.comparator is not None:
            return self.comparator
        if self.is_qualitative:
            return Comparator.EQ
        return Comparator.LE if self.level2 is Level2.COST else Comparator.GE

    @property
    def target_text(self) -> str:
        """The target as people write it: ``≥98%``, ``109人``, ``健全``."""
        comparator = self.comparator.value if self.comparator is not None else ""
        return f"{comparator}{self.target}{self.unit}"
