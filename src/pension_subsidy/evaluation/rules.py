"""The scoring rules: default weights and the qualitative table, loaded from the bundled file.

``data/evaluation/scoring.toml`` holds them, so a county's practice changes data, not code.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy._toml import read_bundled_toml
from pension_subsidy.evaluation.weights import WeightLike, Weights, _weight
from pension_subsidy.exceptions import DataFileError, EvaluationError
from pension_subsidy.model.bundled import bundled_path

__all__ = ["QualitativeScale", "ScoringRules", "default_rules"]


def _scale_triples(
    value: Iterable[tuple[str, str, WeightLike]],
) -> tuple[tuple[str, str, Fraction], ...]:
    triples = []
    for target, word, fraction in value:
        share = _weight(fraction, f"qualitative.{target}.{word}")
        if share > 1:
            said = {"at": f"qualitative.{target}.{word}: ", "got": repr(fraction)}
            raise EvaluationError(code="evaluation.share_above_one", params=said)
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

    def __repr__(self) -> str:
        """``ScoringRules(weights=…, qualitative=n words)``: short at any size."""
        weights = self.weights
        return short_repr(
            "ScoringRules",
            weights=f"{weights.budget_execution}/{weights.output}/{weights.benefit}/{weights.satisfaction}",
            qualitative=len(self.qualitative.partial),
        )


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
        path = bundled_path("evaluation/scoring.toml")
        if isinstance(error, EvaluationError):
            raise DataFileError(path=path, detail=error) from None
        said = {"reason": str(error)}
        raise DataFileError(code="evaluation.bundled_rules", params=said, path=path) from None
