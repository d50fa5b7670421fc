"""Where disclosures come from: bundled tables, files, SOURCE arguments."""

from __future__ import annotations

import pytest

from pension_subsidy import (
    DataFileError,
    UnknownKeyError,
    Yuan,
    load_disclosure,
    load_source,
    parse_disclosure,
)
from pension_subsidy.disclosure import bundled_disclosure_text, read_goal_prose
from pension_subsidy.disclosure.numbers import parse_amount
from tests.disclosure_helpers import SEED_PATH, SEED_TEXT, variant


class TestLoadDisclosure:
    def test_default_and_bundled_name(self):
        """No SOURCE or the bundled name gives the bundled table, keyed by its name."""
        assert load_disclosure(None).budget.key == "menyuan-2022"
        assert load_disclosure(None) == load_disclosure("menyuan-2022")

    def test_table_file_and_dataset(self, tmp_path):
        """A table file is read as a table; a dataset gives a disclosure without outlines."""
        assert len(load_disclosure(str(SEED_PATH)).outlines) == 3
        dataset = tmp_path / "d.toml"
        dataset.write_text("", encoding="utf-8")
        with pytest.raises(DataFileError, match="missing; expected a \\[dataset\\] table"):
            load_disclosure(dataset)

    def test_unknown_bundled_name(self):
        """An unknown bundled name lists the known ones."""
        with pytest.raises(UnknownKeyError, match="the bundled ones are: menyuan-2022"):
            bundled_disclosure_text("nowhere-1999")


class TestLoadSource:
    def test_tables_are_sources(self, tmp_path):
        """load_source reads .csv and .tsv tables; other suffixes are named in the error."""
        tsv = tmp_path / "seed.tsv"
        tsv.write_text(SEED_TEXT, encoding="utf-8")
        assert Yuan(1750000) == load_source(tsv).project("county_supporting_fund").appropriation
        other = tmp_path / "seed.doc"
        other.write_text("x", encoding="utf-8")
        with pytest.raises(DataFileError, match=r"expected \.toml or a disclosure table"):
            load_source(other)


class TestNumbers:
    def test_amount_finer_than_fen(self):
        """An amount finer than 分 (0.0000001 万元) is refused."""
        with pytest.raises(ValueError, match="whole 分"):
            parse_amount("0.0000001万元")

    def test_grouping_only_in_threes(self):
        """1,00 is no number: grouping is in threes."""
        with pytest.raises(ValueError, match="expected an amount"):
            parse_amount("1,00")


class TestMoreBadCells:
    def test_indicator_under_no_heading(self):
        """An indicator before any heading is refused."""
        text = variant(("<p>一、产出指标</p> <p>(一)数量指标：</p> <p>1.工作", "<p>1.工作"))
        with pytest.raises(DataFileError, match="stands under no heading"):
            parse_disclosure(text)

    def test_goals_cell_cut_short(self):
        """An unclosed <p> in the goals cell names the goals column."""
        text = variant(("有序运转。</p>", "有序运转。"))
        with pytest.raises(DataFileError, match=r":8: column 4 \(绩效目标\): an unclosed <p>"):
            parse_disclosure(text)

    def test_text_around_fragments_is_kept(self):
        """Text outside <p> fragments is a paragraph of its own, not dropped."""
        text = variant(("<p>目标二：每个村级", "另：<p>目标二：每个村级"))
        goals = parse_disclosure(text).budget.project("coordinator_allowance").goals
        assert goals[1] == "另："

    def test_fractional_persons_are_reported(self):
        """1.5人 beside a component is no headcount: it is reported, not dropped."""
        reading = read_goal_prose(["村干部547人，县级补贴4.8万元，另1.5人"])
        assert [note.message_en for note in reading.prose.notes] == [
            "'1.5人' is no headcount (a whole number up to 10^15); not read as one"
        ]

    def test_two_per_village_counts_are_reported(self):
        """每村一个 and 每村2名 in one text are not chosen between."""
        reading = read_goal_prose(["全县109个行政村，每村一个协办员，每村2名协办员，600元"])
        assert "coordinators per village is not unique (1, 2)" in reading.prose.notes[0].message_en
