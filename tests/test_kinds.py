"""Component kinds as data: the catalogue, every formula, datasets, what-ifs and the CLI (issue 11).

Every figure is computed by hand in the docstring or comment beside it, to the 分.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    AgeBand,
    ComponentKind,
    DataFileError,
    Formula,
    GradeTier,
    InvalidOverrideError,
    KindComponent,
    UnsolvableError,
    Yuan,
    apply_overrides,
    budget_from_mapping,
    bundled_kinds,
    forecast,
    load_budget_file,
    load_dataset,
    load_kind_catalogue,
    sensitivity,
    solve,
)
from pension_subsidy.cli import main
from pension_subsidy.model.components import COMPONENT_TYPES
from pension_subsidy.model.formula import subsidy_for_grade
from pension_subsidy.model.kinds import kind_from_mapping
from pension_subsidy.whatif.overrides import Override, fields_of

EXAMPLE = Path(__file__).parent.parent / "examples" / "county-kinds.toml"
FUND = "local_pension_fund"
NATIONAL = (
    "basic_pension_topup",
    "long_contribution_bonus",
    "age_band_topup",
    "funeral_grant",
    "low_income_proxy",
    "extreme_poverty_proxy",
    "relapse_risk_proxy",
    "disability_contribution_subsidy",
    "collective_subsidy",
)


def kind(key: str) -> ComponentKind:
    return bundled_kinds().get(key)


def dataset(components: str, kinds: str = "", appropriation: str = "100") -> dict[str, object]:
    """A one-project dataset (parsed TOML) with the given component tables."""
    import tomllib  # noqa: PLC0415 — the tests build TOML text as a county writes it

    text = (
        '[dataset]\nkey = "t"\nyear = 2023\n'
        f"{kinds}\n"
        '[[units]]\ncode = "1"\nname_zh = "测试"\n'
        '[[units.projects]]\nkey = "fund"\nname_zh = "资金"\n'
        f'appropriation_wan = "{appropriation}"\n'
        f"{components}"
    )
    return tomllib.loads(text)


def component_of(components: str, kinds: str = "") -> KindComponent:
    budget = budget_from_mapping(dataset(components, kinds), path="county.toml")
    component = budget.projects[0].components[0]
    assert isinstance(component, KindComponent)
    return component


@pytest.fixture(scope="module")
def example():
    return load_budget_file(EXAMPLE)


class TestCatalogue:
    def test_bundled_keys(self):
        """The seven Menyuan keys and the nine national keys, each once, in the data file."""
        assert bundled_kinds().keys == (*COMPONENT_TYPES, *NATIONAL)

    def test_seven_match_their_classes(self):
        """The catalogue's names for the seven are the classes' names, unchanged."""
        for key, cls in COMPONENT_TYPES.items():
            entry = kind(key)
            assert (entry.name_zh, entry.name_en, entry.headcount_unit) == (
                cls.name_zh,
                cls.name_en,
                cls.headcount_unit,
            )

    def test_seven_keywords_are_the_readers(self):
        """The seven kinds' words are the disclosure reader's, in the same order (one source)."""
        import tomllib  # noqa: PLC0415

        reader = Path(__file__).parent.parent / "src/pension_subsidy/disclosure/keywords.toml"
        words = tomllib.loads(reader.read_text("utf-8"))["components"]
        assert {key: list(kind(key).keywords) for key in COMPONENT_TYPES} == words

    def test_formulas_of_the_seven(self):
        """The seven are per person a year (tiers: by grade), land loss also by month."""
        assert kind("contribution_subsidy").formulas == (Formula.PER_PERSON_YEAR, Formula.BY_GRADE)
        assert kind("land_loss_pension").formulas == (
            Formula.PER_PERSON_YEAR,
            Formula.PER_PERSON_MONTH,
        )
        assert kind("coordinator_allowance").formula is Formula.PER_UNIT
        assert kind("funeral_grant").formula is Formula.PER_EVENT
        assert kind("age_band_topup").formula is Formula.BY_AGE_BAND

    def test_unknown_key_lists_the_known(self):
        """An unknown kind names the known ones."""
        with pytest.raises(KeyError, match="funeral_grant"):
            bundled_kinds().get("funeral")

    def test_seven_classes_know_their_kind_and_formula(self):
        """The seven classes give their catalogue entry and their formula."""
        menyuan = load_dataset().project("county_supporting_fund")
        formulas = {c.key: (c.kind.key, c.formula.value) for c in menyuan.components}
        assert formulas["severe_disability_proxy"] == (
            "severe_disability_proxy",
            "per_person_year",
        )


class TestFormulas:
    def test_per_person_year(self):
        """812 人 × 50 元 = 40,600.00 元."""
        c = KindComponent(kind=kind("low_income_proxy"), headcount=812, per_capita_yuan="50")
        assert (c.amount, c.per_capita, c.headcount) == (Yuan("40600.00"), Yuan("50.00"), 812)
        assert c.derivation == "812 人 × 50.00 元 = 40,600.00 元"
        assert c.derivation_in("en") == "812 persons × 50.00 yuan = 40,600.00 yuan"

    def test_per_person_month(self):
        """4100 人 × 5 元/月 × 12 月 = 246,000.00 元; months default to 12."""
        c = KindComponent(kind=kind("basic_pension_topup"), headcount=4100, monthly_yuan="5")
        assert (c.amount, c.months, c.per_capita) == (Yuan("246000.00"), 12, Yuan("60.00"))
        assert c.derivation == "4100 人 × 5.00 元/月 × 12 月 = 246,000.00 元"

    def test_per_unit(self):
        """12 units × 2 persons per unit × 500 元 = 12,000.00 元; headcount 24."""
        own = ComponentKind(
            key="doctor", name_zh="村医补贴", name_en="Village doctors", formula="per_unit"
        )
        c = KindComponent(kind=own, units=12, per_unit=2, per_person_yuan="500")
        assert (c.amount, c.headcount, c.per_capita) == (Yuan("12000.00"), 24, Yuan("500.00"))
        assert c.derivation == "12 个单位 × 2 人/单位 × 500.00 元 = 12,000.00 元"
        assert KindComponent(kind=own, units=3, per_person_yuan="10").amount == Yuan("30.00")

    def test_by_grade(self):
        """5200 × 30 + 800 × 35 = 156,000 + 28,000 = 184,000.00 元; 184000 / 6000 = 30.67."""
        own = ComponentKind(key="grade_sub", name_zh="补贴", name_en="Sub", formula="by_grade")
        tiers = [
            GradeTier(grade="100", payers=5200, subsidy="30"),
            GradeTier(grade="200", payers=800, subsidy="35"),
        ]
        c = KindComponent(kind=own, tiers=tiers)
        assert (c.amount, c.headcount, c.per_capita) == (Yuan("184000.00"), 6000, Yuan("30.67"))

    def test_grade_not_listed_takes_the_nearest_lower(self):
        """1,200 元 between 1,000 and 1,500 takes 1,000's subsidy; below 100 there is none."""
        tiers = [
            GradeTier(grade="100", payers=0, subsidy="30"),
            GradeTier(grade="1000", payers=0, subsidy="80"),
            GradeTier(grade="1500", payers=0, subsidy="100"),
        ]
        assert subsidy_for_grade(tiers, "1200") == Yuan("80.00")
        assert subsidy_for_grade(tiers, "1500") == Yuan("100.00")
        assert subsidy_for_grade(tiers, "99") is None

    def test_share_of(self):
        """1238 人 × 100 元 × 12.5% = 15,475.00 元."""
        c = KindComponent(
            kind=kind("disability_contribution_subsidy"),
            headcount=1238,
            base_yuan="100",
            share="12.5%",
        )
        assert (c.amount, c.per_capita) == (Yuan("15475.00"), Yuan("12.50"))
        assert c.derivation == "1238 人 × 100.00 元 × 12.5% = 15,475.00 元"

    def test_share_of_rounds_once_half_up(self):
        """3 人 × 0.05 元 × 10% = 0.015 元 → 0.02 元 (四舍五入, once)."""
        c = KindComponent(
            kind=kind("disability_contribution_subsidy"), headcount=3, base_yuan="0.05", share="10%"
        )
        assert c.amount == Yuan("0.02")

    def test_by_age_band(self):
        """(4100 × 5 + 2600 × 10 + 1800 × 15) × 12 = 73,500 × 12 = 882,000.00 元."""
        c = KindComponent(
            kind=kind("age_band_topup"),
            bands=[
                AgeBand(from_age=60, to_age=64, headcount=4100, monthly_yuan="5"),
                AgeBand(from_age=65, to_age=69, headcount=2600, monthly_yuan="10"),
                AgeBand(from_age=70, headcount=1800, monthly_yuan="15"),
            ],
        )
        assert (c.amount, c.headcount, c.per_capita) == (Yuan("882000.00"), 8500, Yuan("103.76"))
        assert c.derivation_in("en") == (
            "(aged 60–64 4100 persons × 5.00 yuan/month + aged 65–69 2600 persons × 10.00 "
            "yuan/month + aged 70+ 1800 persons × 15.00 yuan/month) × 12 months = 882,000.00 yuan"
        )

    def test_per_event(self):
        """35 deaths × 2,000 元 = 70,000.00 元."""
        c = KindComponent(kind=kind("funeral_grant"), events=35, grant_yuan="2000")
        assert (c.amount, c.headcount) == (Yuan("70000.00"), 35)
        assert c.derivation == "35 次 × 2000.00 元 = 70,000.00 元"

    def test_disclosed_keeps_its_per_capita(self):
        """1.5 万元 for 500 persons is 30.00 元 each; 550 persons then cost 16,500.00 元."""
        c = KindComponent(
            kind=kind("collective_subsidy"), headcount=500, disclosed_amount=Yuan.from_wan("1.5")
        )
        assert (c.amount, c.per_capita, c.basis.value) == (
            Yuan("15000.00"),
            Yuan("30.00"),
            "disclosed",
        )
        assert c.derivation == "15,000.00 元 ÷ 500 人 = 30.00 元/人（按公开金额倒算）"
        assert c.with_value("headcount", 550).amount == Yuan("16500.00")

    def test_a_formula_the_kind_is_not_computed_by(self):
        """A funeral grant is not given by a monthly standard: the error names its formula."""
        with pytest.raises(ValueError, match="not computed by per_person_month"):
            KindComponent(kind=kind("funeral_grant"), headcount=3, monthly_yuan="5")


class TestDataset:
    def test_example_reports_to_the_fen(self, example):
        """882,000 + 70,000 + 72,000 + 12,380 + 15,000 + 100,800 = 1,152,180.00 元."""
        project = example.project(FUND)
        amounts = {c.key: c.amount for c in project.components}
        assert amounts == {
            "basic_pension_topup": Yuan("882000.00"),
            "funeral_grant": Yuan("70000.00"),
            "long_contribution_bonus": Yuan("72000.00"),
            "disability_contribution_subsidy": Yuan("12380.00"),
            "collective_subsidy": Yuan("15000.00"),
            "only_child_parent_bonus": Yuan("100800.00"),
        }
        assert project.total == Yuan("1152180.00")

    def test_headcount_wan(self, example):
        """headcount_wan = "0.3" is 3,000 persons."""
        bonus = example.project(FUND).component("long_contribution_bonus")
        assert bonus.headcount == 3000

    def test_county_kind(self, example):
        """The county's own kind has its names and its formula, from the file."""
        bonus = example.project(FUND).component("only_child_parent_bonus")
        assert (bonus.name_zh, bonus.formula, bonus.kind.origin) == (
            "独生子女父母养老补贴",
            Formula.PER_PERSON_MONTH,
            str(EXAMPLE),
        )

    def test_report_json_adds_kind_and_formula(self, example):
        """Each component's JSON gains "kind" and "formula"; Menyuan's keep their old keys."""
        data = example.project(FUND).data()["components"]
        assert [(c["kind"], c["formula"]) for c in data][:2] == [
            ("basic_pension_topup", "by_age_band"),
            ("funeral_grant", "per_event"),
        ]
        menyuan = load_dataset().project("county_supporting_fund").data()["components"]
        assert {c["formula"] for c in menyuan} == {"per_person_year"}

    def test_amount_yi_and_grant_yi(self):
        """amount_yi "0.0015" is 150,000.00 元; grant_yi "0.00002" is 2,000.00 元."""
        disclosed = component_of(
            '[[units.projects.components]]\nkind = "collective_subsidy"\nheadcount = 5000\n'
            'amount_yi = "0.0015"\n'
        )
        assert (disclosed.amount, disclosed.per_capita) == (Yuan("150000.00"), Yuan("30.00"))
        grant = component_of(
            '[[units.projects.components]]\nkind = "funeral_grant"\nevents = 3\n'
            'grant_yi = "0.00002"\n'
        )
        assert grant.amount == Yuan("6000.00")

    def test_disclosed_amount_wan_on_a_new_kind(self):
        """amount_wan = "24.6" for 4100 persons: 60.00 元 each."""
        c = component_of(
            '[[units.projects.components]]\nkind = "basic_pension_topup"\nheadcount = 4100\n'
            'amount_wan = "24.6"\n'
        )
        assert (c.amount, c.per_capita) == (Yuan("246000.00"), Yuan("60.00"))

    def test_by_grade_from_toml(self):
        """grade = 100 as the contract writes it: 5200 × 30 = 156,000.00 元."""
        own = (
            '[[component_kinds]]\nkey = "g"\nname_zh = "档次补贴"\nname_en = "By grade"\n'
            'formula = "by_grade"\n'
        )
        c = component_of(
            '[[units.projects.components]]\nkind = "g"\n'
            'tiers = [{ grade = 100, payers = 5200, subsidy_yuan = "30" }]\n',
            own,
        )
        assert c.amount == Yuan("156000.00")

    def test_menyuan_tiers_take_grade_too(self):
        """The seven's contribution subsidy by grade also reads ``grade = 100``."""
        budget = budget_from_mapping(
            dataset(
                '[[units.projects.components]]\nkind = "contribution_subsidy"\n'
                'tiers = [{ grade = 100, payers = 1000, subsidy_yuan = "30" }]\n'
            ),
            path="county.toml",
        )
        assert budget.projects[0].total == Yuan("30000.00")

    @pytest.mark.parametrize(
        ("components", "kinds", "message"),
        [
            (
                '[[units.projects.components]]\nkind = "funeral_grant"\nevents = 3\n',
                "",
                "county.toml: units[0].projects[0].components[0].grant_yuan: "
                "missing grant_yuan (formula per_event)",
            ),
            (
                '[[units.projects.components]]\nkind = "funeral_grant"\nevents = 3\n'
                "grant_yuan = 2000.0\n",
                "",
                "components[0].grant_yuan: expected an amount as a string",
            ),
            (
                '[[units.projects.components]]\nkind = "funeral_grant"\nevents = 3\n'
                'grant_yaun = "2000"\n',
                "",
                "components[0].grant_yaun: unknown key for a funeral_grant",
            ),
            (
                '[[units.projects.components]]\nkind = "age_band_topup"\nbands = [\n'
                '{ from_age = 60, to_age = 66, headcount = 1, monthly_yuan = "5" },\n'
                '{ from_age = 65, headcount = 1, monthly_yuan = "5" }]\n',
                "",
                "bands[0] (60–66) and bands[1] (65+) overlap",
            ),
            (
                '[[units.projects.components]]\nkind = "long_contribution_bonus"\n'
                'headcount_wan = "0.00005"\nmonthly_yuan = "2"\n',
                "",
                "components[0].headcount_wan: expected a whole number of persons",
            ),
            (
                "",
                '[[component_kinds]]\nkey = "x"\nname_zh = "某"\nformula = "per_head"\n',
                "county.toml: component_kinds[0].formula: expected one of per_person_year",
            ),
            (
                "",
                '[[component_kinds]]\nkey = "funeral_grant"\nname_zh = "丧葬"\n'
                'formula = "per_event"\n',
                "component_kinds[0].key: kind 'funeral_grant' is already declared in the bundled",
            ),
            (
                "",
                '[[component_kinds]]\nkey = "own"\nname_zh = "某"\nformula = "per_event"\n'
                '[[component_kinds]]\nkey = "own"\nname_zh = "某"\nformula = "per_event"\n',
                "component_kinds[1].key: kind 'own' is already declared in this file",
            ),
            (
                '[[units.projects.components]]\nkind = "funeral"\nevents = 3\n',
                "",
                "components[0].kind: expected one of contribution_subsidy",
            ),
        ],
    )
    def test_errors_name_file_and_field(self, components, kinds, message):
        """Each mistake raises DataFileError naming the file and the field."""
        with pytest.raises(DataFileError) as raised:
            budget_from_mapping(dataset(components, kinds), path="county.toml")
        assert message in str(raised.value)
        assert str(raised.value).startswith("county.toml: ")

    def test_menyuan_unchanged(self):
        """The bundled Menyuan data reports as before: 1,900,400.00 元, 169.0 万元 of components."""
        budget = load_dataset()
        assert budget.unit.total == Yuan("1900400.00")
        assert budget.project("county_supporting_fund").total == Yuan("1690000.00")


class TestWhatIf:
    def test_fields_from_the_formula(self, example):
        """Each kind's what-if fields are its formula's (rows by column), and amount."""
        project = example.project(FUND)
        assert fields_of(project.component("basic_pension_topup")) == (
            "headcount",
            "monthly_yuan",
            "months",
            "amount",
        )
        assert fields_of(project.component("collective_subsidy")) == ("headcount", "amount")

    def test_events_plus_five_percent(self, example):
        """35 × 1.05 = 36.75 → 37 deaths (四舍五入): 74,000.00 元; total +4,000.00."""
        scenario = apply_overrides(example, ["funeral_grant.events=+5%"])
        assert scenario.project(FUND).component("funeral_grant").amount == Yuan("74000.00")
        assert scenario.project(FUND).total == Yuan("1156180.00")

    def test_bands_in_proportion_and_by_index(self, example):
        """+10 % monthly: 73,500 × 1.1 × 12 = 970,200.00; bands[0].headcount=4200: +6,000."""
        grown = apply_overrides(example, ["basic_pension_topup.monthly_yuan=+10%"])
        assert grown.project(FUND).component("basic_pension_topup").amount == Yuan("970200.00")
        one = apply_overrides(example, ["basic_pension_topup.bands[0].headcount=4200"])
        assert one.project(FUND).component("basic_pension_topup").amount == Yuan("888000.00")

    def test_share_set_and_relative(self, example):
        """share=12%: 1238 × 100 × 12 % = 14,856.00; share=+10%: 11 % → 13,618.00."""
        key = "disability_contribution_subsidy"
        assert apply_overrides(example, [f"{key}.share=12%"]).project(FUND).component(
            key
        ).amount == Yuan("14856.00")
        assert apply_overrides(example, [f"{key}.share=+10%"]).project(FUND).component(
            key
        ).amount == Yuan("13618.00")

    def test_monthly_of_every_band_needs_a_percentage(self, example):
        """Setting one value for every band is refused, pointing at bands[0]."""
        with pytest.raises(InvalidOverrideError, match=r"bands\[0\]\.monthly_yuan"):
            apply_overrides(example, ["basic_pension_topup.monthly_yuan=10"])

    def test_amount_makes_it_disclosed(self, example):
        """funeral_grant.amount=80000: a disclosed 80,000.00 元 for its 35 persons."""
        scenario = apply_overrides(example, ["funeral_grant.amount=80000"])
        grant = scenario.project(FUND).component("funeral_grant")
        assert (grant.amount, grant.basis.value) == (Yuan("80000.00"), "disclosed")

    def test_target_with_project_and_row(self):
        """PROJECT.KEY.rows[i].column names one row's field of one project's component."""
        from pension_subsidy.whatif.overrides import Target  # noqa: PLC0415

        target = Target.parse("local_pension_fund.basic_pension_topup.bands[1].monthly_yuan")
        assert (target.project, target.key, target.field) == (
            "local_pension_fund",
            "basic_pension_topup",
            "bands[1].monthly_yuan",
        )
        assert not target.is_count
        assert Target.parse("funeral_grant.events").is_count

    def test_row_index_beyond_the_rows(self, example):
        """bands[7] of three bands is an unknown field, listing the fields."""
        with pytest.raises(KeyError, match=r"unknown field 'bands\[7\]\.headcount'"):
            apply_overrides(example, ["basic_pension_topup.bands[7].headcount=5"])

    def test_share_in_yuan_is_refused(self, example):
        """A share takes a percentage, not 元."""
        with pytest.raises(InvalidOverrideError, match="is a share"):
            apply_overrides(example, ["disability_contribution_subsidy.share=12元"])

    def test_grades_in_proportion(self):
        """payers +10 %: 5200 → 5720, 800 → 880; 5720 × 30 + 880 × 35 = 202,400.00 元."""
        own = (
            '[[component_kinds]]\nkey = "g"\nname_zh = "档次补贴"\nname_en = "By grade"\n'
            'formula = "by_grade"\n'
        )
        budget = budget_from_mapping(
            dataset(
                '[[units.projects.components]]\nkind = "g"\ntiers = [\n'
                '{ grade = 100, payers = 5200, subsidy_yuan = "30" },\n'
                '{ grade = 200, payers = 800, subsidy_yuan = "35" }]\n',
                own,
                appropriation="30",
            ),
            path="county.toml",
        )
        grown = apply_overrides(budget, ["g.payers=+10%"])
        assert grown.projects[0].component("g").amount == Yuan("202400.00")
        assert [str(row.target) for row in sensitivity(budget)] == ["g.payers", "g.subsidy_yuan"]
        # (300,000 − 28,000) ÷ 5,200 = 52.307… → 52.30 元 for the 100 元 grade
        assert solve(budget, "g.tiers[0].subsidy_yuan").value == Yuan("52.30")

    def test_solve_events(self, example):
        """(1,200,000 − 1,082,180) ÷ 2,000 = 58.91 → 58 deaths; 59 would be 1,200,180.00."""
        solution = solve(example, "funeral_grant.events")
        assert (solution.value, solution.total, solution.next_total, solution.unit) == (
            58,
            Yuan("1198180.00"),
            Yuan("1200180.00"),
            "次",
        )

    def test_solve_grant(self, example):
        """117,820 ÷ 35 = 3,366.2857… → 3,366.28 元."""
        solution = solve(example, "funeral_grant.grant_yuan")
        assert (solution.value, solution.total) == (Yuan("3366.28"), Yuan("1199999.80"))

    def test_solve_one_band(self, example):
        """Others 270,180 + bands 0–1 558,000 = 828,180; 371,820 ÷ 21,600 = 17.21 元."""
        solution = solve(example, "basic_pension_topup.bands[2].monthly_yuan")
        assert (solution.value, solution.total) == (Yuan("17.21"), Yuan("1199916.00"))

    def test_solve_county_kind_headcount(self, example):
        """(1,200,000 − 1,051,380) ÷ 240 = 619.25 → 619 persons."""
        assert solve(example, "only_child_parent_bonus.headcount").value == 619

    def test_solve_share_base_finer_than_fen(self, example):
        """base_yuan costs 1238 × 10 % = 123.8 per 元: 60,200 ÷ 123.8 → 486.26 元 fits."""
        solution = solve(example, "disability_contribution_subsidy.base_yuan")
        assert (solution.value, solution.total, solution.next_total) == (
            Yuan("486.26"),
            Yuan("1199998.99"),
            Yuan("1200000.23"),
        )

    def test_solve_every_band_is_refused(self, example):
        """The headcount of every band is not one value to solve for."""
        with pytest.raises(UnsolvableError, match="one value per row"):
            solve(example, "basic_pension_topup.headcount")

    def test_sensitivity_events(self, example):
        """±10 % of 35 deaths: 31.5 → 32 (−6,000.00) and 38.5 → 39 (+8,000.00)."""
        rows = {str(row.target): row for row in sensitivity(example)}
        events = rows["funeral_grant.events"]
        assert (events.low_change, events.high_change) == (Yuan("-6000.00"), Yuan("8000.00"))
        assert rows["basic_pension_topup.months"].swing == Yuan("147000.00")

    def test_forecast(self, example):
        """2025: deaths 35 × 1.21 → 42, bands × 1.0609 → 4350/2758/1910, share 11.025 %.

        84,000 + 935,760 + 13,648.95 + the rest = 1,221,208.95: over by 21,208.95 元.
        """
        outlook = forecast(
            example,
            range(2024, 2026),
            [
                "funeral_grant.events=10%",
                "basic_pension_topup.headcount=3%",
                "disability_contribution_subsidy.share=5%",
            ],
        )
        totals = [year.budget.project(FUND).total for year in outlook.years]
        assert totals == [Yuan("1187259.00"), Yuan("1221208.95")]
        assert outlook.first_over(FUND) == (2025, Yuan("21208.95"))


class TestEstimates:
    def test_low_income_and_extreme_poverty_from_qinghai(self):
        """Qinghai 2018: 50 元 each — 812 × 50 + 40 × 50 = 42,600.00 元."""
        from datetime import date  # noqa: PLC0415

        from pension_subsidy import forward_estimate, load_parameters  # noqa: PLC0415

        estimate = forward_estimate(
            proxy_persons={"low_income_proxy": 812, "extreme_poverty_proxy": 40},
            as_of=date(2021, 1, 1),
            parameters=load_parameters(province="qinghai"),
        )
        assert estimate.project.total == Yuan("42600.00")
        assert estimate.lines[0].derivation.startswith("812 人 × 50.00 元 = 40,600.00 元")

    def test_not_yet_a_proxy_group(self):
        """低保 persons were not a national proxy group before 2017-08-01."""
        from datetime import date  # noqa: PLC0415

        from pension_subsidy import NotInForceError, forward_estimate  # noqa: PLC0415

        with pytest.raises(NotInForceError, match="minimum_living_allowance"):
            forward_estimate(proxy_persons={"low_income_proxy": 812}, as_of=date(2016, 6, 30))


class TestCli:
    def test_kinds_json(self, capsys):
        """kinds --format json lists the catalogue with each kind's fields."""
        assert main(["kinds", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        funeral = next(k for k in data["kinds"] if k["key"] == "funeral_grant")
        assert [f["name"] for f in funeral["fields"]] == ["events", "grant_yuan"]
        assert set(data["formulas"]) == {formula.value for formula in Formula}

    def test_kinds_dataset(self, capsys):
        """--dataset adds the file's own kinds after the bundled ones."""
        assert main(["kinds", "--dataset", str(EXAMPLE), "--locale", "en"]) == 0
        out = capsys.readouterr().out
        assert "■ Only-child parents' pension bonus [only_child_parent_bonus]" in out
        assert out.startswith("Component kinds (17)")

    def test_kinds_duplicate_exits_3(self, tmp_path, capsys):
        """A dataset redeclaring a bundled key exits 3 naming file and field."""
        path = tmp_path / "bad.toml"
        path.write_text(
            '[[component_kinds]]\nkey = "funeral_grant"\nname_zh = "丧葬"\nformula = "per_event"\n',
            "utf-8",
        )
        assert main(["kinds", "--dataset", str(path)]) == 3
        assert "component_kinds[0].key" in capsys.readouterr().err

    def test_scenario_solve_sensitivity_forecast(self, capsys):
        """The four what-if commands run on the example's new kinds."""
        source = str(EXAMPLE)
        assert (
            main(["scenario", source, "--set", "funeral_grant.events=+5%", "--format", "json"]) == 0
        )
        changes = json.loads(capsys.readouterr().out)["changes"]
        assert changes[1]["scenario_yuan"] == "74000.00"
        assert main(["solve", source, "--vary", "funeral_grant.events", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["value"] == "58"
        assert main(["sensitivity", source, "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)["rows"]
        assert rows[0]["swing_yuan"] == "176400.00"
        growth = ["--growth", "funeral_grant.events=10%"]
        assert main(["forecast", source, "--years", "2024", *growth, "--format", "json"]) == 0
        year = json.loads(capsys.readouterr().out)["years"][0]
        assert year["projects"][0]["total_yuan"] == "1160180.00"  # 35 × 1.1 = 38.5 → 39

    def test_scenario_text_names_the_county_kind(self, capsys):
        """The scenario's text names a county's own kind by its own name."""
        source = str(EXAMPLE)
        assert main(["scenario", source, "--set", "only_child_parent_bonus.months=6"]) == 0
        assert "独生子女父母养老补贴 [only_child_parent_bonus]" in capsys.readouterr().out


# -- properties --------------------------------------------------------------------------
_monthly = st.integers(min_value=0, max_value=100_000).map(lambda fen: Yuan(Decimal(fen) / 100))


@st.composite
def age_bands(draw: st.DrawFn) -> list[AgeBand]:
    """Non-overlapping bands in order of age, the last one open."""
    starts = sorted(draw(st.sets(st.integers(min_value=16, max_value=110), min_size=1, max_size=6)))
    bands = []
    for index, start in enumerate(starts):
        last = index == len(starts) - 1
        bands.append(
            AgeBand(
                from_age=start,
                to_age=None if last else starts[index + 1] - 1,
                headcount=draw(st.integers(min_value=0, max_value=100_000)),
                monthly_yuan=draw(_monthly),
            )
        )
    return bands


_words = st.text(alphabet="养老补贴金额县乡村abcdefgh ", min_size=1, max_size=12)


class TestProperties:
    @given(age_bands(), st.integers(min_value=0, max_value=24))
    def test_by_age_band_is_the_sum_of_bands(self, bands, months):
        """The amount by age band is Σ headcount × monthly × months, band by band."""
        c = KindComponent(kind=kind("age_band_topup"), bands=bands, months=months)
        expected = sum((band.monthly_yuan * band.headcount * months for band in bands), Yuan(0))
        assert c.amount == expected
        assert c.headcount == sum(band.headcount for band in bands)

    @given(
        st.sampled_from(
            ["events", "grant_yuan", "monthly_yuan", "headcount", "months", "share", "base_yuan"]
        )
    )
    def test_zero_percent_is_identity(self, field):
        """A 0 % change of any field leaves every amount as it was."""
        baseline = load_budget_file(EXAMPLE)
        project = baseline.project(FUND)
        for component in project.components:
            if field not in fields_of(component):
                continue
            override = Override.parse(f"{component.key}.{field}=+0%")
            after = apply_overrides(baseline, [override]).project(FUND).component(component.key)
            assert (after.amount, after.headcount) == (component.amount, component.headcount)

    @given(
        st.from_regex(r"[a-z][a-z_]{0,15}", fullmatch=True),
        _words,
        _words,
        st.sampled_from(list(Formula)),
        st.lists(_words, max_size=3),
    )
    def test_kind_round_trips_through_its_data(self, key, name_zh, name_en, formula, keywords):
        """A kind's JSON form reads back as the same kind (the listing round-trips)."""
        original = ComponentKind(
            key=key,
            name_zh=name_zh,
            name_en=name_en,
            formula=formula,
            keywords=keywords,
            origin="county.toml",
        )
        data = original.data()
        fields = (
            "key",
            "name_zh",
            "name_en",
            "formula",
            "other_formulas",
            "headcount_unit",
            "keywords",
            "note",
            "proxy_group",
        )
        again = kind_from_mapping({k: data[k] for k in fields}, path="county.toml", where="k")
        assert again == original

    def test_bundled_listing_round_trips(self):
        """Every bundled kind read back from the kinds listing is the same kind."""
        for data in load_kind_catalogue().data()["kinds"]:
            fields = (
                "key",
                "name_zh",
                "name_en",
                "formula",
                "other_formulas",
                "headcount_unit",
                "keywords",
                "note",
                "note_zh",
                "proxy_group",
            )
            again = kind_from_mapping(
                {k: data[k] for k in fields}, path=data["origin"], where="kind"
            )
            assert again == kind(data["key"])
