"""The library entry of ``convert --to toml``: any source as a dataset mapping and TOML text."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from pension_subsidy import DataFileError, budget_from_mapping, load_dataset
from pension_subsidy.cli import main
from pension_subsidy.output.dataset_file import dataset_toml, source_dataset_mapping

TABLE = str(resources.files("pension_subsidy") / "data" / "menyuan-2022-disclosure.txt")


class TestSourceDatasetMapping:
    def test_the_bundled_table_gives_its_figures(self) -> None:
        """The Menyuan table: unit 501 of 190.04 万元, the fund's 1,386,000 元 for 71,104."""
        mapping = source_dataset_mapping(TABLE)
        assert mapping["dataset"]["key"] == "menyuan-2022-disclosure"
        assert mapping["units"][0]["stated_total_yuan"] == "1900400.00"
        projects = mapping["units"][1]["projects"]
        assert projects[0]["appropriation_yuan"] == "85000.00"
        assert projects[1]["appropriation_yuan"] == "65400.00"
        fund = projects[2]["components"]
        assert fund[0] == {
            "kind": "contribution_subsidy",
            "headcount": 71104,
            "amount_yuan": "1386000.00",
        }
        assert fund[1] == {
            "kind": "severe_disability_proxy",
            "headcount": 1025,
            "amount_yuan": "62000.00",
        }

    def test_the_table_reads_back_to_the_bundled_figures(self) -> None:
        budget = budget_from_mapping(source_dataset_mapping(TABLE))
        bundled = load_dataset("menyuan-2022")
        assert budget.project("county_supporting_fund").total == (
            bundled.project("county_supporting_fund").total
        )

    def test_a_bundled_name_gives_its_own_mapping(self) -> None:
        mapping = source_dataset_mapping("menyuan-2022")
        assert mapping["dataset"]["county_en"] == "Menyuan County, Qinghai"
        assert mapping["units"][0]["stated_total_wan"] == "190.04"

    def test_a_wrong_toml_names_its_file(self, tmp_path) -> None:
        path = tmp_path / "bad.toml"
        path.write_text("[dataset]\nkey = 1\n", encoding="utf-8")
        with pytest.raises(DataFileError, match=r"bad\.toml"):
            source_dataset_mapping(str(path))


class TestDatasetToml:
    def test_default_is_bundled_menyuan(self) -> None:
        assert dataset_toml() == dataset_toml("menyuan-2022")
        assert dataset_toml().startswith(
            "# A pension_subsidy dataset file, converted from menyuan-2022 (bundled).\n"
        )

    def test_the_table_as_text_reads_back(self) -> None:
        text = dataset_toml(TABLE)
        assert text.splitlines()[0].endswith(f"converted from {TABLE}.")
        budget = budget_from_mapping(tomllib.loads(text))
        assert str(budget.project("county_supporting_fund").appropriation) == "1750000.00"

    def test_is_what_convert_writes(self, tmp_path) -> None:
        out = tmp_path / "m.toml"
        assert main(["convert", TABLE, "--to", "toml", "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == dataset_toml(TABLE)
