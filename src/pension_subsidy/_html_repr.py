"""Short ``repr`` s and small HTML tables for Jupyter (``_repr_html_``), without pandas.

The results of the library can hold thousands of values (a forecast holds a budget a year);
their ``repr`` names the type and its key figures only (:func:`short_repr`, never more than
:data:`MAX_REPR` characters), and their ``_repr_html_`` shows the first :data:`HTML_ROWS`
rows of a table (:func:`html_table`), every value escaped, then how many rows are left.

>>> short_repr("Forecast", base_year=2022, years="2023–2027", projects=3)
'Forecast(base_year=2022, years=2023–2027, projects=3)'
>>> print(html_table("t", ["key", "amount_yuan"], [["a<b", "1.00"]] * 3, limit=2))
<table class="pension-subsidy">
<caption>t</caption>
<thead><tr><th>key</th><th>amount_yuan</th></tr></thead>
<tbody>
<tr><td>a&lt;b</td><td>1.00</td></tr>
<tr><td>a&lt;b</td><td>1.00</td></tr>
<tr><td colspan="2">… 1 more</td></tr>
</tbody>
</table>
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Final

__all__ = ["HTML_ROWS", "MAX_REPR", "html_records", "html_table", "short_repr"]

#: The longest ``repr`` of a result, in characters.
MAX_REPR: Final = 300
#: Rows an HTML table shows before "… N more".
HTML_ROWS: Final = 20
_CELL: Final = 80  # characters of one cell's text shown


def _text(value: object, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def short_repr(type_name: str, /, **figures: object) -> str:
    """``Type(name=value, …)``: each value's ``str``, cut so the whole stays ≤ :data:`MAX_REPR`.

    Each value is shown as its ``str`` (``Yuan('1.00')`` is ``1.00``), so the key figures read
    at a glance; pass ``repr(key)`` for a quoted key.
    """
    parts = [f"{name}={_text(str(value), 60)}" for name, value in figures.items()]
    text = f"{type_name}({', '.join(parts)})"
    if len(text) > MAX_REPR:
        text = text[: MAX_REPR - 2] + "…)"
    return text


def html_table(
    caption: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    limit: int = HTML_ROWS,
) -> str:
    """An HTML ``<table>``: ``caption``, ``header`` and the first ``limit`` of ``rows``.

    Every text is escaped; ``None`` shows as an empty cell, a long value is cut to 80
    characters; rows beyond ``limit`` are counted in a last row (``… 12 more``).
    """
    lines = ['<table class="pension-subsidy">', f"<caption>{html.escape(caption)}</caption>"]
    cells = "".join(f"<th>{html.escape(name)}</th>" for name in header)
    lines.append(f"<thead><tr>{cells}</tr></thead>")
    lines.append("<tbody>")
    for row in rows[:limit]:
        cells = "".join(f"<td>{html.escape(_text(value, _CELL))}</td>" for value in row)
        lines.append(f"<tr>{cells}</tr>")
    if len(rows) > limit:
        more = len(rows) - limit
        lines.append(f'<tr><td colspan="{max(len(header), 1)}">… {more} more</td></tr>')
    lines.extend(["</tbody>", "</table>"])
    return "\n".join(lines)


def html_records(
    caption: str,
    records: Sequence[Mapping[str, object]],
    columns: Sequence[str],
    *,
    limit: int = HTML_ROWS,
) -> str:
    """:func:`html_table` of ``records`` (one dict per row, as for ``to_frame``), by column."""
    rows = [[record.get(name) for name in columns] for record in records[:limit]]
    # rows past the limit are only counted: pad so the count is right without building them
    padding: list[list[object]] = [[]] * max(len(records) - limit, 0)
    return html_table(caption, columns, rows + padding, limit=limit)
