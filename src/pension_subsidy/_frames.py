"""Results as pandas DataFrames (the ``pandas`` extra): exact money, whole headcounts.

Every ``to_frame()`` of the library builds its rows here. The columns are named as the
JSON keys are: money in 元 ends ``_yuan`` and holds :class:`decimal.Decimal` (exact to the
分, never a binary float: summing a column gives the exact total); headcounts and other
counts are integers (pandas' nullable ``Int64`` where a value may be missing); percentages
end ``_percent`` and are Decimal too. For a plot, convert at the last step::

    frame.astype({column: float for column in frame.columns if column.endswith("_yuan")})

>>> rows = [{"key": "a", "amount_yuan": Yuan("0.10"), "headcount": 1},
...         {"key": "b", "amount_yuan": Yuan("0.20"), "headcount": None}]
>>> frame = data_frame(rows)
>>> frame["amount_yuan"].sum()
Decimal('0.30')
>>> str(frame["headcount"].dtype)
'Int64'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from pension_subsidy.exceptions import MissingDependencyError
from pension_subsidy.money import Yuan

if TYPE_CHECKING:
    import pandas

__all__ = ["data_frame", "load_pandas"]


def load_pandas() -> Any:
    """The ``pandas`` module; :class:`~pension_subsidy.MissingDependencyError` without it."""
    try:
        import pandas  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:
        raise MissingDependencyError(code="dependency.pandas", extra="pandas") from None
    return pandas


def _cell(value: object) -> object:
    """A value as a DataFrame holds it: Yuan as its exact Decimal, enums as their value."""
    if isinstance(value, Yuan):
        return value.value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        raise TypeError("a binary float in a result row: the library keeps numbers exact")
    enum_value = getattr(value, "value", None)
    if enum_value is not None and type(value).__module__.startswith("pension_subsidy"):
        return enum_value
    return value


def data_frame(
    records: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None
) -> pandas.DataFrame:
    """A DataFrame of ``records`` (one dict per row), in ``columns`` order if given.

    Columns of integers (``None`` allowed) become ``Int64``; every other column keeps its
    Python objects (Decimal money stays exact).
    """
    pd = load_pandas()
    if columns is None:
        columns = list(dict.fromkeys(key for record in records for key in record))
    names = list(columns)
    rows = [[_cell(record.get(name)) for name in names] for record in records]
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    for index, name in enumerate(names):
        present = [row[index] for row in rows if row[index] is not None]
        if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            frame[name] = frame[name].astype("Int64")
    return frame
