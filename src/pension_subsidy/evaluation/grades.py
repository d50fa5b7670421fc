"""The verdicts of a self-evaluation: an indicator's status (完成情况) and the grade (自评等级).

>>> Grade.for_score(Decimal("59.99"))
<Grade.POOR: '差'>
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction

__all__ = ["Grade", "IndicatorStatus"]


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


def _status(reached: bool, share: Fraction) -> IndicatorStatus:
    # A strict target (> or <) hit exactly earns the full share but is not reached: it is
    # "partly met", so that it is listed and explained (see docs/evaluation.md).
    if reached:
        return IndicatorStatus.MET
    return IndicatorStatus.PARTLY_MET if share > 0 else IndicatorStatus.NOT_MET
