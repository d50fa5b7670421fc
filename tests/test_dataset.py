"""The bundled dataset and dataset files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pension_subsidy import (
    CoordinatorAllowance,
    DataFileError,
    LandLossPension,
    TieredContributionSubsidy,
    UnknownKeyError,
    Yuan,
    dataset_names,
    load_budget_file,
    load_dataset,
    load_source,
)

MINIMAL = """
[dataset]
key = "test-2023"
year = 2023

[[units]]
code = "9"
name_zh = "测试局"

[[units.projects]]
key = "fund"
name_zh = "配套资金"
appropriation_yuan = "100000"
{extra}
"""


def _write(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "county.toml"
    path.write_text(MINIMAL.format(extra=extra), encoding="utf-8")
    return path


class TestBundled:
    def test_names(self) -> None:
        """The bundled datasets are listed by name."""
        assert "menyuan-2022" in dataset_names()

    def test_every_seed_figure(self) -> None:
        """Every component's headcount and amount is as the seed table states."""
        fund = load_dataset("menyuan-2022").project("county_supporting_fund")
        figures = {c.key: (c.headcount, c.amount.to_wan()) for c in fund.components}
        assert figures == {
            "contribution_subsidy": (71104, Yuan.from_wan("138.6").to_wan()),
            "severe_disability_proxy": (1025, Yuan.from_wan("6.2").to_wan()),
            "mild_disability_proxy": (1238, Yuan.from_wan("1.2").to_wan()),
            "village_cadre_subsidy": (547, Yuan.from_wan("4.8").to_wan()),
            "land_loss_pension": (30, Yuan.from_wan("4.3").to_wan()),
            "poverty_household_proxy": (6969, Yuan.from_wan("13.9").to_wan()),
        }

    def test_indicators_and_goals(self) -> None:
        """Each project carries its goals and indicators (15, 12 and 14)."""
        budget = load_dataset()
        assert [len(p.indicators) for p in budget.projects] == [15, 12, 14]
        assert [len(p.goals) for p in budget.projects] == [2, 2, 2]
        assert "91700人参保" in budget.project("county_supporting_fund").goals[0]

    def test_unknown_name(self) -> None:
        """An unknown dataset name lists the known ones."""
        with pytest.raises(UnknownKeyError, match="menyuan-2022"):
            load_dataset("nowhere-1999")


class TestFiles:
    def test_minimal_file(self, tmp_path: Path) -> None:
        """A county's own file with standards loads and checks."""
        path = _write(tmp_path, """
[[units.projects.components]]
kind = "severe_disability_proxy"
headcount = 1025
per_capita_yuan = "60"

[[units.projects.components]]
kind = "land_loss_pension"
headcount = 30
monthly_yuan = "120"
months = 12

[[units.projects.components]]
kind = "coordinator_allowance"
villages = 10

[[units.projects.components]]
kind = "contribution_subsidy"
[[units.projects.components.tiers]]
grade_yuan = "100"
payers = 100
subsidy_yuan = "30"
""")  # fmt: skip
        budget = load_budget_file(path)
        fund = budget.project("fund")
        assert fund.total == Yuan("61500") + Yuan("43200") + Yuan("6000") + Yuan("3000")
        assert isinstance(fund.component("land_loss_pension"), LandLossPension)
        assert isinstance(fund.component("coordinator_allowance"), CoordinatorAllowance)
        assert isinstance(fund.component("contribution_subsidy"), TieredContributionSubsidy)
        assert load_source(path) == budget

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            ('[[units.projects.components]]\nkind = "bonus"\nheadcount = 1\namount_yuan = "1"',
             "components[0].kind: expected one of"),
            ('[[units.projects.components]]\nkind = "severe_disability_proxy"\nheadcount = -5\n'
             'amount_yuan = "1"', "headcount: expected a whole number ≥ 0, got -5"),
            ('[[units.projects.components]]\nkind = "severe_disability_proxy"\nheadcount = 5\n'
             'amount_yuan = 1.5', "expected an amount as a string"),
            ('[[units.projects.components]]\nkind = "severe_disability_proxy"\nheadcount = 5\n'
             'amount_yuan = "17,5O"', "expected a number of 元"),
            ('[[units.projects.components]]\nkind = "severe_disability_proxy"\nheadcount = 5',
             "give exactly one of"),
            ('[[units.projects.components]]\nkind = "mild_disability_proxy"\nheadcount = 5\n'
             'monthly_yuan = "1"', "only a land_loss_pension"),
            ('[[units.projects.indicators]]\nlevel1 = "output"\nlevel2 = "joy"\nname = "x"\n'
             'target = "1"', "level2: expected one of"),
            ('[[units.projects.indicators]]\nlevel1 = "benefit"\nlevel2 = "cost"\nname = "x"\n'
             'target = "1"', "belongs under output"),
            ('[[units.projects.indicators]]\nlevel1 = "x"\nlevel2 = "cost"\nname = "x"\n'
             'target = "1"', "level1: expected one of"),
            ('[[units.projects.components]]\nkind = "mild_disability_proxy"\nheadcount = 5\n'
             'amount_yuan = "1"\nbogus = 1', "components[0].bogus: unknown key; expected one of"),
            ('[[units.projects.indicators]]\nlevel1 = "output"\nlevel2 = "cost"\nname = "x"\n'
             'target = "1"\ntarget_unit = "元"', "indicators[0].target_unit: unknown key"),
        ],
    )  # fmt: skip
    def test_errors_name_file_and_field(self, tmp_path: Path, extra: str, message: str) -> None:
        """Each error names the file, the field path and what came."""
        path = _write(tmp_path, extra)
        with pytest.raises(DataFileError, match=re.escape(message)) as caught:
            load_budget_file(path)
        assert str(path) in str(caught.value)
        assert caught.value.path == str(path)

    def test_indicator_comparator(self, tmp_path: Path) -> None:
        """Indicators load with their comparator; an unknown comparator is an error."""
        head = '[[units.projects.indicators]]\nlevel1 = "output"\nlevel2 = "cost"\nname = "成本"\n'
        path = _write(tmp_path, head + 'comparator = "<="\ntarget = "6"\nunit = "万元"')
        indicator = load_budget_file(path).project("fund").indicators[0]
        assert indicator.target_text == "≤6万元"
        path = _write(tmp_path, head + 'comparator = "≈"\ntarget = "6"')
        with pytest.raises(DataFileError, match="comparator"):
            load_budget_file(path)

    def test_not_toml(self, tmp_path: Path) -> None:
        """A file that is not TOML is an error naming it."""
        path = tmp_path / "bad.toml"
        path.write_text("[dataset\n", encoding="utf-8")
        with pytest.raises(DataFileError, match="not valid TOML"):
            load_budget_file(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is an error naming it."""
        with pytest.raises(DataFileError, match="cannot open"):
            load_budget_file(tmp_path / "absent.toml")
        with pytest.raises(DataFileError, match="no such file"):
            load_source(str(tmp_path / "absent.toml"))

    def test_missing_tables(self, tmp_path: Path) -> None:
        """A file without [dataset] or units says which is missing."""
        path = tmp_path / "empty.toml"
        path.write_text("", encoding="utf-8")
        with pytest.raises(DataFileError, match="dataset"):
            load_budget_file(path)
        path.write_text('[dataset]\nkey = "x"\nyear = 2022\n', encoding="utf-8")
        with pytest.raises(DataFileError, match="units"):
            load_budget_file(path)
