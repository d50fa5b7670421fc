"""Units as published: 亿元 and 万人, read exactly (issue 11, item 4)."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import Yuan
from pension_subsidy.exceptions import (
    DataFileError,
    FloatAmountError,
    InvalidAmountError,
    InvalidHeadcountError,
    InvalidNumberError,
)
from pension_subsidy.model.dataset import budget_from_mapping
from pension_subsidy.model.dataset_reader import TableReader
from pension_subsidy.money.headcount import headcount_from_wan, headcount_to_wan, parse_headcount

# 亿元 with up to ten places (whole 分), within 10^7 亿元 = 10^15 元
_yi = st.integers(min_value=0, max_value=10**17).map(lambda n: Decimal(n).scaleb(-10))


class TestFromYi:
    def test_exact(self) -> None:
        """3.0075 亿元 is 30,075 万元 = 300,750,000.00 元."""
        assert Yuan("300750000.00") == Yuan.from_yi("3.0075")
        assert Yuan.from_wan("30075") == Yuan.from_yi("3.0075")

    def test_one_fen(self) -> None:
        """The smallest 亿元 amount is one 分 (10^-10 亿元)."""
        assert Yuan("0.01") == Yuan.from_yi("0.0000000001")

    def test_finer_than_fen(self) -> None:
        """A 亿元 figure finer than 分 raises, naming the field."""
        with pytest.raises(InvalidAmountError, match="central_yi: expected an amount in whole 分"):
            Yuan.from_yi("0.00000000001", field="central_yi")

    def test_float(self) -> None:
        """A float is refused."""
        with pytest.raises(FloatAmountError):
            Yuan.from_yi(1.5)  # type: ignore[arg-type]

    def test_too_large(self) -> None:
        """More than 10^7 亿元 (10^15 元) raises."""
        with pytest.raises(InvalidAmountError, match="too large"):
            Yuan.from_yi("10000000.01")

    def test_views(self) -> None:
        """``yi`` is exact, ``to_yi`` rounds half up for display."""
        assert Decimal("3.0075") == Yuan("300750000").yi
        assert Decimal("3.01") == Yuan("300750000").to_yi(Decimal("0.01"))

    @given(_yi)
    def test_from_yi_is_from_wan_times_10000(self, yi: Decimal) -> None:
        """from_yi(x) == from_wan(x × 10,000) for every whole-分 amount."""
        assert Yuan.from_wan(yi.scaleb(4)) == Yuan.from_yi(yi)

    @given(_yi)
    def test_round_trip(self, yi: Decimal) -> None:
        """An amount read in 亿元 gives the same 亿元 back, exactly."""
        assert yi == Yuan.from_yi(yi).yi


class TestHeadcount:
    def test_wan(self) -> None:
        """14.4814 万人 is 144,814 persons."""
        assert headcount_from_wan("14.4814") == 144814

    def test_not_whole(self) -> None:
        """A 万人 figure that is not whole persons raises, naming the field and the persons."""
        with pytest.raises(InvalidHeadcountError, match=r"headcount_wan: .* 144814\.5 persons"):
            headcount_from_wan("14.48145")

    def test_negative(self) -> None:
        """A negative headcount raises."""
        with pytest.raises(InvalidHeadcountError, match="≥ 0"):
            parse_headcount("-3")

    def test_malformed(self) -> None:
        """Malformed text raises the number error, naming the field."""
        with pytest.raises(InvalidNumberError, match="insured_wan"):
            headcount_from_wan("14,48", field="insured_wan")

    def test_to_wan(self) -> None:
        """Persons shown in 万人 exactly."""
        assert Decimal("7.1104") == headcount_to_wan(71104)
        assert Decimal("10000") == headcount_to_wan(10**8)

    @given(st.integers(min_value=0, max_value=10**15))
    def test_round_trip(self, persons: int) -> None:
        """Persons → 万人 → persons is the identity."""
        assert persons == headcount_from_wan(headcount_to_wan(persons))


class TestReader:
    def reader(self, **data: object) -> TableReader:
        return TableReader(data, "units[0].projects[1]", "city.toml")

    def test_amount_each_unit(self) -> None:
        """``_yuan``, ``_wan`` and ``_yi`` give the same 元."""
        expected = Yuan("300750000.00")
        assert expected == self.reader(total_yuan="300750000").amount("total")
        assert expected == self.reader(total_wan="30075").amount("total")
        assert expected == self.reader(total_yi="3.0075").amount("total")
        assert self.reader().amount("total") is None

    def test_amount_two_units(self) -> None:
        """Two of the three raise, naming both keys and the file."""
        with pytest.raises(DataFileError, match=r"city\.toml: .*total_wan and total_yi") as caught:
            self.reader(total_wan="1", total_yi="1").amount("total")
        assert caught.value.field == "units[0].projects[1].total_yi"

    def test_amount_yi_malformed(self) -> None:
        """A malformed 亿元 value names its field."""
        with pytest.raises(DataFileError, match="total_yi: expected an amount in whole 分"):
            self.reader(total_yi="0.000000000001").amount("total")
        with pytest.raises(DataFileError, match="total_yi: expected an amount as a string"):
            self.reader(total_yi=1.5).amount("total")

    def test_headcount(self) -> None:
        """``key`` in 人 or ``key_wan`` in 万人."""
        assert self.reader(insured_wan="14.4814").headcount("insured") == 144814
        assert self.reader(insured=1025).headcount("insured") == 1025
        assert self.reader().headcount("insured") is None

    def test_headcount_errors(self) -> None:
        """Both keys, or a fraction of a person, raise naming the field."""
        with pytest.raises(DataFileError, match="not insured and insured_wan"):
            self.reader(insured=1, insured_wan="1").headcount("insured")
        with pytest.raises(DataFileError, match=r"insured_wan: expected a whole number of persons"):
            self.reader(insured_wan="0.00001").headcount("insured")


class TestDatasetUnits:
    def test_component_in_wan_persons_and_yi(self) -> None:
        """A component's headcount_wan and amount_yi, and a project's appropriation_yi."""
        budget = budget_from_mapping(
            tomllib.loads(
                """
[dataset]
key = "t"
year = 2023
[[units]]
code = "U"
name_zh = "单位"
stated_total_yi = "0.05"
[[units.projects]]
key = "p"
name_zh = "项目"
appropriation_yi = "0.05"
[[units.projects.components]]
kind = "contribution_subsidy"
headcount_wan = "14.4814"
per_capita_yuan = "30"
[[units.projects.components]]
kind = "severe_disability_proxy"
headcount = 1000
amount_yi = "0.001"
"""
            ),
            path="u.toml",
        )
        project = budget.project("p")
        subsidy, severe = project.components
        assert (subsidy.headcount, subsidy.amount) == (144814, Yuan("4344420.00"))
        assert severe.amount == Yuan.from_wan("10")
        assert project.appropriation == Yuan.from_wan("500")
        assert budget.units[0].stated_total == Yuan("5000000.00")

    def test_component_headcount_not_whole(self) -> None:
        """A component's headcount_wan that is not whole persons names the component's field."""
        toml = """
[dataset]
key = "t"
year = 2023
[[units]]
code = "U"
name_zh = "单位"
[[units.projects]]
key = "p"
name_zh = "项目"
appropriation_wan = "1"
[[units.projects.components]]
kind = "contribution_subsidy"
headcount_wan = "0.00001"
per_capita_yuan = "30"
"""
        with pytest.raises(
            DataFileError, match=r"components\[0\]\.headcount_wan: expected a whole"
        ):
            budget_from_mapping(tomllib.loads(toml), path="u.toml")


class TestHeadcountBounds:
    def test_too_large(self) -> None:
        """More than 10^15 persons raises."""
        with pytest.raises(InvalidHeadcountError, match="too large"):
            headcount_from_wan("100000000000.0001")

    def test_unknown_unit(self) -> None:
        """Only 人 and 万人 are headcount units."""
        with pytest.raises(InvalidHeadcountError, match="人 or 万人"):
            parse_headcount("1", unit="千人")
