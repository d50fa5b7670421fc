"""The policy facts of issue 11: each dated value with its source, and lookup by region."""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    DataFileError,
    ParameterSet,
    UnknownKeyError,
    Yuan,
    bundled_regions,
    forward_estimate,
    load_parameters,
)
from pension_subsidy.cli import main
from pension_subsidy.model.data import ParametersInForce
from pension_subsidy.model.parameters import parameters_from_mapping
from pension_subsidy.output.parameters_text import render_parameters

MID_2022 = date(2022, 6, 30)
PARAMETERS = resources.files("pension_subsidy.data").joinpath("parameters")


def _qinghai() -> ParameterSet:
    return load_parameters(province="qinghai")


class TestPoverty2017:
    """人社部发〔2017〕59号, in force from 2017-08-01 (not 71号, not 2017-01-01)."""

    def test_source(self) -> None:
        """The 2017 groups cite 59号 of three issuers, article 二（一）, published 2017-08-01."""
        value = load_parameters().value("proxy_payment.eligible_groups", as_of=MID_2022)
        source = value.source
        assert (source.document, source.title, source.article, source.published) == (
            "人社部发〔2017〕59号",
            "关于切实做好社会保险扶贫工作的意见",
            "二、（一）",
            date(2017, 8, 1),
        )
        assert source.issuer == "人力资源社会保障部、财政部、国务院扶贫办"
        assert value.effective == date(2017, 8, 1)
        assert (value.verified, value.confidence) == (True, "high")

    def test_boundary(self) -> None:
        """On 2017-07-31 only the severely disabled are proxy-paid; from 2017-08-01 the poor too."""
        params = load_parameters()
        before = params.value("proxy_payment.eligible_groups", as_of=date(2017, 7, 31))
        after = params.value("proxy_payment.eligible_groups", as_of=date(2017, 8, 1))
        assert before.as_names() == ("severe_disability_proxy",)
        assert after.as_names() == (
            "severe_disability_proxy",
            "poverty_household_proxy",
            "minimum_living_allowance",
            "extreme_poverty",
        )

    def test_old_minimum_grade_kept(self) -> None:
        """The poor, 低保 and 特困 keep the old minimum grade from 2017-08-01, and not before."""
        params = load_parameters()
        kept = params.value("proxy_payment.minimum_grade_kept_for", as_of=date(2017, 8, 1))
        assert kept.as_names() == (
            "poverty_household_proxy",
            "minimum_living_allowance",
            "extreme_poverty",
        )
        assert params.find("proxy_payment.minimum_grade_kept_for", as_of=date(2017, 7, 31)) is None

    def test_no_wrong_number_in_bundled_files(self) -> None:
        """No bundled parameter file cites 71号 any more."""
        for item in PARAMETERS.iterdir():
            if item.name.endswith(".toml"):
                assert "71号" not in item.read_text(encoding="utf-8"), item.name


class TestAdjustmentMechanism2018:
    """人社部发〔2018〕21号: the benefit and adjustment mechanism."""

    def test_rules_and_source(self) -> None:
        """Five rules from 2018-03-29, 21号 published that day."""
        value = load_parameters().value("basic_pension.adjustment_rules", as_of=date(2018, 3, 29))
        assert value.as_names() == (
            "local_basic_pension_topup",
            "more_for_aged_65_and_over",
            "long_contribution_bonus",
            "minimum_grade_kept_for_hardship_groups",
            "dynamic_subsidy_adjustment",
        )
        assert (value.source.document, value.source.published) == (
            "人社部发〔2018〕21号",
            date(2018, 3, 29),
        )

    def test_not_before(self) -> None:
        """On 2018-03-28 the mechanism is not yet in force."""
        assert (
            load_parameters().find("basic_pension.adjustment_rules", as_of=date(2018, 3, 28))
            is None
        )


class TestMinimumBasicPension:
    """The national minimum basic pension, 元 a month, by date."""

    @pytest.mark.parametrize(
        ("as_of", "amount", "document", "verified"),
        [
            (date(2009, 9, 1), "55", "国发〔2009〕32号", False),
            (date(2014, 6, 30), "55", "国发〔2009〕32号", False),
            (date(2014, 7, 1), "70", "人社部发〔2015〕5号", True),
            (date(2017, 12, 31), "70", "人社部发〔2015〕5号", True),
            (date(2018, 1, 1), "88", "人社部规〔2018〕3号", True),
            (date(2020, 6, 30), "88", "人社部规〔2018〕3号", True),
            (
                date(2020, 7, 1),
                "93",
                "2020 年全国城乡居民基础养老金最低标准调整（文号未核实）",
                False,
            ),
            (MID_2022, "93", "2020 年全国城乡居民基础养老金最低标准调整（文号未核实）", False),
        ],
    )
    def test_value_on_a_date(self, as_of: date, amount: str, document: str, verified: bool) -> None:
        """The amount in force, its document and whether it is verified."""
        value = load_parameters().value("basic_pension.minimum", as_of=as_of)
        assert (value.as_yuan(), value.unit, value.source.document, value.verified) == (
            Yuan(amount),
            "元/人·月",
            document,
            verified,
        )
        assert value.confidence in {"high", "medium"}

    def test_later_values_are_not_shipped(self) -> None:
        """98, 103, 123 and 143 元 have no source at hand: only 55, 70, 88 and 93 are shipped."""
        history = load_parameters().history("basic_pension.minimum")
        assert [value.as_yuan() for value in history] == [Yuan(55), Yuan(70), Yuan(88), Yuan(93)]

    def test_unverified_values_say_why(self) -> None:
        """Each unverified value has a confidence note in both languages."""
        for value in load_parameters().history("basic_pension.minimum"):
            if not value.verified:
                assert value.confidence_note_zh
                assert value.confidence_note_en

    @given(st.dates(min_value=date(2009, 9, 1), max_value=date(2030, 12, 31)))
    def test_latest_value_in_force(self, as_of: date) -> None:
        """The value in force is the one with the latest effective date on or before the day."""
        params = load_parameters()
        history = params.history("basic_pension.minimum")
        expected = [value for value in history if value.effective <= as_of][-1]
        assert params.value("basic_pension.minimum", as_of=as_of) == expected


class TestFloorNotCap:
    """proxy_payment.floor_share: a national floor, not a cap."""

    def test_renamed_with_alias(self) -> None:
        """The old key reads the same value under its new name, which lists the old one."""
        params = load_parameters()
        old = params.value("proxy_payment.maximum_share", as_of=MID_2022)
        new = params.value("proxy_payment.floor_share", as_of=MID_2022)
        assert old == new
        assert (new.key, new.as_ratio(), new.aliases) == (
            "proxy_payment.floor_share",
            Fraction(1),
            ("proxy_payment.maximum_share",),
        )
        assert "proxy_payment.maximum_share" not in params.keys
        assert "not a cap" in new.name_en

    def test_floor_amount(self) -> None:
        """The floor is the minimum grade × 1 = 100 元."""
        assert load_parameters().proxy_floor(as_of=MID_2022) == Yuan(100)

    def test_province_pays_above_the_floor(self) -> None:
        """Qinghai's 300 元 for a severely disabled person is used, not capped at 100 元."""
        params = _qinghai()
        assert params.value(
            "proxy_payment.severe_disability_proxy", as_of=MID_2022
        ).as_yuan() > params.proxy_floor(as_of=MID_2022)
        estimate = forward_estimate(
            proxy_persons={"severe_disability_proxy": 1025}, as_of=MID_2022, parameters=params
        )
        assert estimate.project.total == Yuan(307500)

    def test_part_of_the_minimum_grade(self) -> None:
        """Qinghai's 50 元 for poor persons is the "part" the national text allows: 6,969 × 50."""
        estimate = forward_estimate(
            proxy_persons={"poverty_household_proxy": 6969}, as_of=MID_2022, parameters=_qinghai()
        )
        assert estimate.project.total == Yuan(348450)

    def test_county_file_with_the_old_key(self, tmp_path: Path) -> None:
        """A county file that still writes maximum_share overrides the floor share."""
        path = tmp_path / "county.toml"
        path.write_text(
            '[[parameters]]\nkey = "proxy_payment.maximum_share"\nkind = "ratio"\nunit = "比例"\n'
            'value = "1/2"\neffective = 2021-01-01\n'
            'source = { document = "某政〔2021〕1号", issuer = "某县人民政府" }\n',
            encoding="utf-8",
        )
        params = load_parameters(path)
        value = params.value("proxy_payment.floor_share", as_of=MID_2022)
        assert (value.as_ratio(), value.source.document) == (Fraction(1, 2), "某政〔2021〕1号")
        assert params.proxy_floor(as_of=MID_2022) == Yuan(50)


class TestQinghai:
    """The bundled Qinghai file: each value, its date and its source."""

    def test_subsidy_by_grade_from_the_merger(self) -> None:
        """30 元 at the 100 元 grade, +10 元 a grade, from 2014-10-01 (not on 2014-09-30)."""
        params = _qinghai()
        by_grade = params.value("contribution_subsidy.by_grade", as_of=date(2014, 10, 1))
        assert by_grade.as_by_grade() == {Yuan(100 * n): Yuan(20 + 10 * n) for n in range(1, 11)}
        assert by_grade.source.document == "新华社报道（2014-12-27）"
        step = params.value("contribution_subsidy.step_per_grade", as_of=date(2014, 10, 1))
        assert step.as_yuan() == Yuan(10)
        assert params.find("contribution_subsidy.by_grade", as_of=date(2014, 9, 30)) is None

    def test_estimate_uses_the_grade_subsidy(self) -> None:
        """1,000 payers at 100 元 × 30 + 200 at 500 元 × 70 = 44,000 元."""
        estimate = forward_estimate(
            payers_by_grade={"100": 1000, "500": 200}, as_of=MID_2022, parameters=_qinghai()
        )
        assert estimate.project.total == Yuan(44000)

    @pytest.mark.parametrize(
        ("key", "amount"),
        [
            ("proxy_payment.poverty_household_proxy", 50),
            ("proxy_payment.minimum_living_allowance", 50),
            ("proxy_payment.extreme_poverty", 50),
            ("proxy_payment.severe_disability_proxy", 300),
            ("contribution_subsidy.moderate_mild_disability", 50),
        ],
    )
    def test_from_2018(self, key: str, amount: int) -> None:
        """From 2018-01-01 (Xinhua 2017-12-29), verified; nothing of it on 2017-12-31."""
        params = _qinghai()
        value = params.value(key, as_of=date(2018, 1, 1))
        assert (value.as_yuan(), value.effective, value.source.document, value.verified) == (
            Yuan(amount),
            date(2018, 1, 1),
            "新华社报道（2017-12-29）",
            True,
        )
        assert (value.level, value.jurisdiction) == ("province", "qinghai")
        assert params.find(key, as_of=date(2017, 12, 31)) is None

    def test_basic_pension_175_then_by_age(self) -> None:
        """175 元 from 2018-01-01 through 2020-06-30; 180 / 185 / 190 by age from 2020-07-01."""
        params = _qinghai()
        before = params.value("basic_pension.standard", as_of=date(2020, 6, 30))
        after = params.value("basic_pension.standard", as_of=date(2020, 7, 1))
        assert before.as_by_age() == {60: Yuan(175)}
        assert before.amount_for_age(75) == Yuan(175)
        assert after.as_by_age() == {60: Yuan(180), 65: Yuan(185), 70: Yuan(190)}
        assert [after.amount_for_age(age) for age in (60, 64, 65, 69, 70, 99)] == [
            Yuan(180), Yuan(180), Yuan(185), Yuan(185), Yuan(190), Yuan(190),
        ]  # fmt: skip
        assert (before.verified, after.verified, after.confidence) == (True, False, "medium")
        assert params.find("basic_pension.standard", as_of=date(2017, 12, 31)) is None

    def test_no_band_below_60(self) -> None:
        """An age below the first band is an error naming the file and the key."""
        value = _qinghai().value("basic_pension.standard", as_of=MID_2022)
        with pytest.raises(DataFileError, match=r"qinghai\.toml.*basic_pension\.standard.*59"):
            value.amount_for_age(59)

    def test_national_minimum_still_shown(self) -> None:
        """Under Qinghai the national minimum (93 元) stays beside the province's standard."""
        assert _qinghai().value("basic_pension.minimum", as_of=MID_2022).as_yuan() == Yuan(93)

    def test_older_split(self) -> None:
        """The older 80 % province / 20 % county split: sourced to gov.cn 2011, low confidence."""
        params = _qinghai()
        province = params.value("funding.province_share", as_of=MID_2022)
        county = params.value("funding.county_share", as_of=MID_2022)
        assert (province.as_ratio(), county.as_ratio()) == (Fraction(4, 5), Fraction(1, 5))
        assert (county.source.document, county.confidence) == ("中国政府网报道（2011）", "low")
        assert "older rule" in county.confidence_note_en

    def test_every_value_is_sourced_and_rated(self) -> None:
        """Every Qinghai and Menyuan value has a source, a confidence and a level."""
        params = load_parameters(province="qinghai", county="menyuan")
        for key in params.keys:
            for value in params.history(key):
                assert value.source.document
                assert value.confidence in {"high", "medium", "low"}
                assert value.level in {"national", "province", "county"}


class TestMenyuan:
    """The bundled Menyuan file: the 20 % county share, an inference."""

    def test_inference_from_2022(self) -> None:
        """From 2022 the county's own 1/5, unverified, low confidence; before, Qinghai's."""
        params = load_parameters(province="qinghai", county="menyuan")
        own = params.value("funding.county_share", as_of=MID_2022)
        assert (own.as_ratio(), own.level, own.verified, own.confidence) == (
            Fraction(1, 5),
            "county",
            False,
            "low",
        )
        assert "300 × 20 % = 60 元" in own.source.note_en
        earlier = params.value("funding.county_share", as_of=date(2021, 12, 31))
        assert (earlier.level, earlier.source.document) == ("province", "中国政府网报道（2011）")


NATIONAL = {
    "meta": {"jurisdiction": "national", "level": "national"},
    "parameters": [
        {"key": "k", "kind": "yuan", "unit": "元", "value": "30", "effective": date(2014, 1, 1),
         "source": {"document": "国", "issuer": "国务院"}},
    ],
}  # fmt: skip


def _layer(name: str, level: str, amount: str, effective: date) -> ParameterSet:
    data = {
        "meta": {"jurisdiction": name, "level": level},
        "parameters": [
            {"key": "k", "kind": "yuan", "unit": "元", "value": amount, "effective": effective,
             "source": {"document": name, "issuer": name}},
        ],
    }  # fmt: skip
    return parameters_from_mapping(data, path=f"{name}.toml")


class TestPrecedence:
    """County over province over national, each only where it is in force."""

    def _layers(self) -> ParameterSet:
        national = parameters_from_mapping(NATIONAL, path="national.toml")
        province = _layer("province", "province", "40", date(2016, 1, 1))
        county = _layer("county", "county", "50", date(2018, 1, 1))
        return national.layered(province).layered(county)

    @pytest.mark.parametrize(
        ("as_of", "amount", "level"),
        [
            (date(2015, 12, 31), "30", "national"),
            (date(2016, 1, 1), "40", "province"),
            (date(2017, 12, 31), "40", "province"),
            (date(2018, 1, 1), "50", "county"),
        ],
    )
    def test_most_local_value_in_force(self, as_of: date, amount: str, level: str) -> None:
        """The most local value in force wins; lower levels fill the time before it."""
        value = self._layers().value("k", as_of=as_of)
        assert (value.as_yuan(), value.level) == (Yuan(amount), level)

    def test_history_has_every_level(self) -> None:
        """The history lists all three values, oldest first."""
        assert [v.level for v in self._layers().history("k")] == ["national", "province", "county"]

    def test_own_file_over_bundled_county(self, tmp_path: Path) -> None:
        """A file of one's own wins over the bundled county, province and nation."""
        path = tmp_path / "own.toml"
        path.write_text(
            '[[parameters]]\nkey = "funding.county_share"\nkind = "ratio"\nunit = "比例"\n'
            'value = "3/10"\neffective = 2022-01-01\n'
            'source = { document = "门政〔2022〕9号", issuer = "门源县人民政府" }\n',
            encoding="utf-8",
        )
        params = load_parameters(path, province="qinghai", county="menyuan")
        value = params.value("funding.county_share", as_of=MID_2022)
        assert (value.as_ratio(), value.source.document, value.level) == (
            Fraction(3, 10),
            "门政〔2022〕9号",
            "county",
        )


class TestRegionLookup:
    """Finding a bundled province and county by name."""

    def test_bundled_regions(self) -> None:
        """Qinghai with Menyuan is bundled."""
        assert bundled_regions() == {"qinghai": ("menyuan",)}

    @pytest.mark.parametrize("name", ["qinghai", "Qinghai", "青海", "青海省"])
    def test_province_names(self, name: str) -> None:
        """The key, its capitalised form and the Chinese names all find Qinghai."""
        expected = {"national": "national", "province": "qinghai"}
        assert load_parameters(province=name).regions == expected

    @pytest.mark.parametrize("name", ["menyuan", "门源", "门源回族自治县"])
    def test_county_names(self, name: str) -> None:
        """A county is found by key or Chinese name, with or without its province."""
        expected = {"national": "national", "province": "qinghai", "county": "qinghai-menyuan"}
        assert load_parameters(province="qinghai", county=name).regions == expected
        assert load_parameters(county=name).regions == expected

    def test_unknown_province(self) -> None:
        """An unknown province is an UnknownKeyError listing the known ones."""
        with pytest.raises(UnknownKeyError, match="known provinces are: qinghai") as caught:
            load_parameters(province="xizang")
        assert caught.value.known == ("qinghai",)

    def test_unknown_county(self) -> None:
        """An unknown county lists the province's counties."""
        with pytest.raises(UnknownKeyError, match="known counties of qinghai are: menyuan"):
            load_parameters(province="qinghai", county="datong")
        with pytest.raises(UnknownKeyError, match="qinghai/menyuan"):
            load_parameters(county="datong")

    def test_bundled_files_say_their_level(self) -> None:
        """Each bundled file's [meta] names its jurisdiction (the file's stem) and level."""
        import tomllib  # noqa: PLC0415

        for item in PARAMETERS.iterdir():
            if not item.name.endswith(".toml"):
                continue
            meta = tomllib.loads(item.read_text(encoding="utf-8"))["meta"]
            stem = item.name.removesuffix(".toml")
            assert meta["jurisdiction"] == stem
            expected = "national" if stem == "national" else "county" if "-" in stem else "province"
            assert meta["level"] == expected
            if expected == "county":
                assert meta["province"] == stem.split("-")[0]

    def test_county_path_still_a_file(self, tmp_path: Path) -> None:
        """``load_parameters(county="x.toml")`` reads a file, as before."""
        path = tmp_path / "x.toml"
        path.write_text(
            '[[parameters]]\nkey = "x.y"\nkind = "yuan"\nunit = "元"\nvalue = "1"\n'
            'effective = 2020-01-01\nsource = { document = "d", issuer = "i" }\n',
            encoding="utf-8",
        )
        assert load_parameters(county=str(path)).value("x.y", as_of=MID_2022).as_yuan() == Yuan(1)


class TestData:
    """The JSON gains keys only: source, verified flag, confidence, level."""

    def test_value_keys(self) -> None:
        """A Qinghai value's JSON says its level, jurisdiction, verified flag and confidence."""
        value = _qinghai().value("proxy_payment.severe_disability_proxy", as_of=MID_2022)
        data = value.data()
        assert list(data)[:9] == [
            "key", "name_zh", "name_en", "kind", "value", "unit", "effective", "source", "origin",
        ]  # fmt: skip
        assert (data["verified"], data["confidence"], data["level"], data["jurisdiction"]) == (
            True,
            "high",
            "province",
            "qinghai",
        )
        assert data["source"]["published"] == "2017-12-29"
        assert data["aliases"] == []

    def test_age_bands(self) -> None:
        """Age bands are written as from_age and yuan."""
        value = _qinghai().value("basic_pension.standard", as_of=MID_2022)
        assert value.data()["value"] == [
            {"from_age": 60, "yuan": "180.00"},
            {"from_age": 65, "yuan": "185.00"},
            {"from_age": 70, "yuan": "190.00"},
        ]

    def test_listing_names_the_region(self) -> None:
        """A region's listing adds province and county; the national one has neither key."""
        regional = ParametersInForce.of(
            load_parameters(province="qinghai", county="menyuan"), MID_2022
        ).data()
        assert (regional["province"], regional["county"]) == ("qinghai", "qinghai-menyuan")
        assert "province" not in ParametersInForce.of(load_parameters(), MID_2022).data()


class TestCommandLine:
    """``params --province``, ``--county`` and the national listing."""

    def test_qinghai_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """params --province qinghai --as-of 2021-01-01 shows Qinghai's values in Chinese."""
        assert main(["params", "--province", "qinghai", "--as-of", "2021-01-01"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("2021-01-01 施行中的政策参数（青海省）\n")
        assert "数值：60 岁起 180.00、65 岁起 185.00、70 岁起 190.00 元/人·月" in out
        block = out.split("[proxy_payment.severe_disability_proxy]\n")[1].split("■")[0]
        assert "    数值：300.00 元/人·年（2018-01-01 起施行）\n" in block
        assert "    核实：已核实（可信度：高）\n" in block
        assert "    层级：省级 [qinghai]\n" in block

    def test_qinghai_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """In English: the title names Qinghai, bands read 'from age', levels are words."""
        argv = ["params", "--province", "qinghai", "--as-of", "2021-01-01", "--locale", "en"]
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert out.startswith("Policy parameters in force on 2021-01-01 (Qinghai)\n")
        assert "from age 60: 180.00, from age 65: 185.00, from age 70: 190.00" in out
        assert "    Verified: no (confidence: medium)\n" in out
        assert "    Level: province [qinghai]\n" in out

    def test_county_title(self) -> None:
        """A county's listing names its province and itself, in either language."""
        params = load_parameters(province="qinghai", county="menyuan")
        zh = render_parameters(params, MID_2022, "zh_CN").splitlines()[0]
        en = render_parameters(params, MID_2022, "en").splitlines()[0]
        assert zh == "2022-06-30 施行中的政策参数（青海省 门源回族自治县）"
        assert en == "Policy parameters in force on 2022-06-30 (Qinghai, Menyuan)"

    def test_qinghai_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON lists Qinghai's values with their level and verified flag."""
        argv = ["params", "--province", "qinghai", "--county", "menyuan", "--as-of",
                "2022-06-30", "--format", "json"]  # fmt: skip
        assert main(argv) == 0
        data = json.loads(capsys.readouterr().out)
        by_key = {item["key"]: item for item in data["parameters"]}
        assert by_key["funding.county_share"]["level"] == "county"
        assert by_key["funding.county_share"]["verified"] is False
        assert by_key["basic_pension.minimum"]["level"] == "national"
        assert (data["province"], data["county"]) == ("qinghai", "qinghai-menyuan")

    def test_national_2022(self, capsys: pytest.CaptureFixture[str]) -> None:
        """params --as-of 2022-06-30 shows 59号 and the minimum basic pension with its source."""
        assert main(["params", "--as-of", "2022-06-30"]) == 0
        out = capsys.readouterr().out
        groups = out.split("[proxy_payment.eligible_groups]\n")[1].split("■")[0]
        assert "（2017-08-01 起施行）" in groups
        assert "人社部发〔2017〕59号《关于切实做好社会保险扶贫工作的意见》 二、（一）" in groups
        pension = out.split("[basic_pension.minimum]\n")[1].split("■")[0]
        assert "    数值：93.00 元/人·月（2020-07-01 起施行）\n" in pension
        assert "    核实：未核实（可信度：中）\n" in pension
        assert "71号" not in out

    def test_unknown_province_exit_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown province exits 2 (usage) naming the known ones, without a traceback."""
        assert main(["params", "--province", "xizang"]) == 2
        err = capsys.readouterr().err
        assert "known provinces are: qinghai" in err
        assert "Traceback" not in err

    def test_text_and_json_agree(self) -> None:
        """The text and the JSON list the same keys."""
        params = load_parameters(province="qinghai", county="menyuan")
        text = render_parameters(params, MID_2022, "en")
        keys = [item["key"] for item in ParametersInForce.of(params, MID_2022).data()["parameters"]]
        assert all(f"[{key}]\n" in text for key in keys)
        assert text.count("■ ") == len(keys)


BAD_VALUE = """
[[parameters]]
key = "x.y"
kind = "{kind}"
unit = "元"
value = {value}
effective = 2020-01-01
source = {{ document = "d", issuer = "i"{source} }}
{extra}
"""


class TestErrors:
    """A wrong new field is an error naming the file and the field."""

    @pytest.mark.parametrize(
        ("kind", "value", "source", "extra", "problem"),
        [
            ("yuan", '"1"', "", 'verified = "yes"', "verified: expected true or false"),
            ("yuan", '"1"', "", 'confidence = "sure"', "confidence: expected one of high"),
            ("yuan_by_age", '{ "sixty" = "180" }', "", "", "a whole age from 0 to 150"),
            ("yuan_by_age", "{}", "", "", "at least one age band"),
            ("yuan", '"1"', ", published = 2020", "", "published: expected a TOML date"),
        ],
    )
    def test_value_fields(
        self, tmp_path: Path, kind: str, value: str, source: str, extra: str, problem: str
    ) -> None:
        """The message names the file, the entry and what was expected."""
        path = tmp_path / "bad.toml"
        path.write_text(
            BAD_VALUE.format(kind=kind, value=value, source=source, extra=extra), encoding="utf-8"
        )
        with pytest.raises(DataFileError, match=problem) as caught:
            load_parameters(path)
        assert str(caught.value).startswith(f"{path}: parameters[0] (x.y)")

    @pytest.mark.parametrize(
        ("text", "field", "problem"),
        [
            ('[meta]\nlevel = "city"\n', "meta", "level: expected one of national"),
            ('[meta]\njurisdictoin = "x"\n', "meta", "unknown key 'jurisdictoin'"),
            ("[aliases]\nold = 1\n", "aliases", r"expected an \[aliases\] table"),
        ],
    )
    def test_file_tables(self, tmp_path: Path, text: str, field: str, problem: str) -> None:
        """[meta] and [aliases] are checked too."""
        path = tmp_path / "bad.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataFileError, match=problem) as caught:
            load_parameters(path)
        assert (caught.value.path, caught.value.field) == (str(path), field)

    def test_before_everything(self) -> None:
        """The earliest value is the 2009 minimum basic pension: nothing on the day before."""
        params = load_parameters()
        first = min(v.effective for key in params.keys for v in params.history(key))
        assert first == date(2009, 9, 1)
        assert params.in_force(first - timedelta(days=1)) == ()
