"""The columnar engine's cut of plain-layout lines, and its messages in both languages.

When the profile is every field but the id and the birth date, in the file's order, the
columnar engine keys a row by its line less those two fields and finds a wrong field count
by the key: generated rosters of that layout (id and date anywhere, optional columns, rows
with a field too many or too few, empty lines, duplicates) give the pure engine's answer to
the byte. The reasons a file is left to the pure engine and the Parquet errors have message
codes, said in English as before and in Chinese.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import DataFileError
from pension_subsidy.roster import FIELDS, OPTIONAL_HEADERS, default_roster_rules, tally_roster

pytest.importorskip("polars", reason="the columnar engine needs the fast extra (polars)")

from pension_subsidy.output.errors import error_text
from pension_subsidy.roster.columnar_source import FallbackError
from tests.test_roster_columnar import BAD, FLAG, GOOD, assert_same, columnar_reads

_PROFILE = [field for field in FIELDS if field not in ("person_id", "birth_date")]


@st.composite
def plain_rosters(draw: st.DrawFn) -> str:
    """A roster whose profile fields keep their order, the id and date placed anywhere."""
    optional = draw(st.lists(st.sampled_from(list(OPTIONAL_HEADERS)), unique=True, max_size=4))
    names = [*_PROFILE, *optional]
    for field in ("person_id", "birth_date"):
        names.insert(draw(st.integers(0, len(names) - 1)), field)
    width = len(names)
    rows = []
    for _ in range(draw(st.integers(0, 40))):
        values = {field: draw(st.sampled_from(GOOD[field])) for field in FIELDS}
        values |= {field: draw(st.sampled_from(FLAG)) for field in optional}
        row = [values[name] for name in names]
        if draw(st.integers(0, 3)) == 0:
            row[draw(st.integers(0, width - 1))] = draw(st.sampled_from(BAD))
        fault = draw(st.integers(0, 9))
        if fault == 0:
            row.append(draw(st.sampled_from(["extra", "", "1"])))
        elif fault == 1:
            del row[draw(st.integers(0, width - 1))]
        elif fault == 2:
            row = row[: draw(st.integers(0, width - 1))]
        rows.append(",".join(row))
    header = ",".join(OPTIONAL_HEADERS[name][0] if name in optional else name for name in names)
    return "\n".join([header, *rows]) + ("\n" if draw(st.booleans()) else "")


@given(text=plain_rosters())
def test_plain_layout_as_the_pure_engine(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    """Keyed by the line less id and date: the same tally, rejections and rejects file."""
    path = tmp_path_factory.getbasetemp() / "plain-roster.csv"
    path.write_text(text, encoding="utf-8")
    rules = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
    assert columnar_reads(path, rules)
    assert_same(path, rules)


def test_date_last_is_split_in_full(tmp_path: Path) -> None:
    """The birth date as the last column: every field split out, the same answer."""
    names = [field for field in FIELDS if field != "birth_date"] + ["birth_date"]
    row = "P1,东川镇,甲村,1,300,,0,0,0,0,1960-01-01"
    path = tmp_path / "r.csv"
    path.write_text(f"{','.join(names)}\n{row}\n{row},x\n{row[:-2]}\nP2{row[2:]}\n", "utf-8")
    assert columnar_reads(path, default_roster_rules())
    assert_same(path, default_roster_rules())


class TestMessages:
    """Coded messages: the English of before, and Chinese."""

    def test_fallback_reason(self) -> None:
        error = FallbackError(code="roster_columnar.fallback.not_text", params={"encoding": "gbk"})
        assert (str(error), error.code) == ("not gbk text", "roster_columnar.fallback.not_text")

    def test_parquet_float_column(self, tmp_path: Path) -> None:
        import polars as pl  # noqa: PLC0415

        values = ["P1", "东川镇", "甲村", "1960-01-01", "1", 300.0, "", "0", "0", "0", "0"]
        path = tmp_path / "r.parquet"
        pl.DataFrame({n: [v] for n, v in zip(FIELDS, values, strict=True)}).write_parquet(path)
        with pytest.raises(DataFileError) as caught:
            tally_roster(path)
        assert str(caught.value).endswith(
            "column 'grade': floating-point numbers are not exact; store whole numbers, "
            "decimals or text"
        )
        assert "浮点数不精确" in error_text(caught.value, "zh_CN")

    def test_parquet_unreadable(self, tmp_path: Path) -> None:
        path = tmp_path / "r.parquet"
        path.write_bytes(b"not parquet at all")
        from pension_subsidy.roster.columnar_parquet import parquet_header  # noqa: PLC0415

        with pytest.raises(DataFileError) as caught:
            parquet_header(path)
        assert "not readable as Parquet: " in str(caught.value)
        assert "无法作为列式存储文件读取" in error_text(caught.value, "zh_CN")
