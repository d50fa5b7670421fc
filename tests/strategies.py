"""Hypothesis strategies for the library's values, in one place."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from pension_subsidy import (
    Component,
    ContributionSubsidy,
    CoordinatorAllowance,
    LandLossPension,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    VillageCadreSubsidy,
    Yuan,
)

#: Whole 分 amounts up to 100 million 元, as Decimal.
fen_decimals = st.integers(min_value=0, max_value=10_000_000_000).map(
    lambda fen: Decimal(fen).scaleb(-2)
)
#: Signed amounts, for headrooms and differences.
signed_fen_decimals = st.integers(min_value=-10_000_000_000, max_value=10_000_000_000).map(
    lambda fen: Decimal(fen).scaleb(-2)
)
amounts = fen_decimals.map(Yuan)
signed_amounts = signed_fen_decimals.map(Yuan)
#: Per-capita standards up to 5,000 元.
per_capitas = st.integers(min_value=0, max_value=500_000).map(
    lambda fen: Yuan(Decimal(fen).scaleb(-2))
)
headcounts = st.integers(min_value=0, max_value=200_000)

_PER_PERSON = (
    ContributionSubsidy,
    SevereDisabilityProxy,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    VillageCadreSubsidy,
    LandLossPension,
)


@st.composite
def components(draw: st.DrawFn, kind: type | None = None) -> Component:
    """Any component, as a standard or as a disclosed amount."""
    cls = kind or draw(st.sampled_from((*_PER_PERSON, CoordinatorAllowance)))
    if cls is CoordinatorAllowance:
        return CoordinatorAllowance(
            villages=draw(st.integers(0, 500)),
            per_village=draw(st.integers(1, 3)),
            per_coordinator=draw(per_capitas),
        )
    headcount = draw(headcounts)
    if draw(st.booleans()):
        return cls(headcount=headcount, per_capita_standard=draw(per_capitas))
    return cls(headcount=headcount, disclosed_amount=draw(amounts))


@st.composite
def component_sets(draw: st.DrawFn) -> tuple[Component, ...]:
    """Components of distinct kinds, as a project holds them."""
    kinds = draw(st.lists(st.sampled_from((*_PER_PERSON, CoordinatorAllowance)), unique=True))
    return tuple(draw(components(kind)) for kind in kinds)


# -- scenarios, solving and forecasts (issue 5) ------------------------------------------------
from pension_subsidy import Budget, Project, Unit  # noqa: E402 — appended section, kept separate

#: Components paid per person (the kinds a per-capita standard or headcount can be solved for).
per_person_kinds = st.sampled_from(_PER_PERSON)


@st.composite
def fund_budgets(draw: st.DrawFn, *, min_components: int = 1) -> Budget:
    """A one-unit budget whose project ``fund`` holds distinct components and an appropriation."""
    items = draw(component_sets())
    if len(items) < min_components:
        items = (draw(components(ContributionSubsidy)),)
    project = Project(
        key="fund",
        name_zh="配套资金",
        name_en="Fund",
        appropriation=draw(amounts),
        components=items,
    )
    unit = Unit(code="1", name_zh="单位", projects=[project])
    return Budget(key="test", year=draw(st.integers(2015, 2030)), title_zh="测试", units=[unit])


@st.composite
def solvable_budgets(draw: st.DrawFn) -> tuple[Budget, str]:
    """A fund with a per-person component of positive headcount and room left for it."""
    target = draw(components(draw(per_person_kinds)))
    others = tuple(c for c in draw(component_sets()) if c.key != target.key)
    headcount = draw(st.integers(1, 200_000))
    target = attrs.evolve(
        target,
        headcount=headcount,
        disclosed_headcount=None if target.disclosed_amount is None else headcount,
    )
    other_total = sum((c.amount for c in others), Yuan(0))
    room = draw(amounts)
    project = Project(
        key="fund",
        name_zh="配套资金",
        name_en="Fund",
        appropriation=other_total + room,
        components=(*others, target),
    )
    unit = Unit(code="1", name_zh="单位", projects=[project])
    return Budget(key="test", year=2022, title_zh="测试", units=[unit]), target.key


# -- performance evaluation (绩效自评) ---------------------------------------------------------
# imported here, not at the top, so that each helper's strategies stay in one block (merges)
from pension_subsidy import Comparator, Indicator, Level2  # noqa: E402

#: Non-negative decimals with up to two places, up to 200,000 (persons, %, 万元).
indicator_numbers = st.integers(min_value=0, max_value=20_000_000).map(
    lambda hundredths: Decimal(hundredths).scaleb(-2)
)
positive_indicator_numbers = st.integers(min_value=1, max_value=20_000_000).map(
    lambda hundredths: Decimal(hundredths).scaleb(-2)
)
#: Weights as exact fractions from 0 to 50.
weights = st.fractions(min_value=0, max_value=50, max_denominator=60)


@st.composite
def quantitative_indicators(draw: st.DrawFn) -> Indicator:
    """A level-3 indicator with a numeric target, any comparator (or none)."""
    level2 = draw(st.sampled_from(list(Level2)))
    return Indicator(
        level1=level2.level1,
        level2=level2,
        name="指标",
        comparator=draw(st.none() | st.sampled_from(list(Comparator))),
        target=draw(indicator_numbers),
        unit=draw(st.sampled_from(["人", "次", "%", "天", "万元"])),
    )


# -- roster rows (issue 6) -----------------------------------------------------------------
_TOWNSHIP_NAMES = ("东川镇", "西滩乡", "北山乡")
_DATE_TEXTS = ("1950-01-01", "1962-12-31", "1975-06-15", "1990-02-28", "2000-02-29")


@st.composite
def roster_rows(draw: st.DrawFn, person_id: str) -> list[str]:
    """One valid roster row (default column order) for ``person_id``."""
    township = draw(st.sampled_from(_TOWNSHIP_NAMES))
    paying = draw(st.booleans())
    return [
        person_id,
        township,
        f"{township}{draw(st.sampled_from('甲乙丙'))}村",
        draw(st.sampled_from(_DATE_TEXTS)),
        "1" if paying else "0",
        draw(st.sampled_from(("100", "150", "200", "500", "2000"))) if paying else "",
        draw(st.sampled_from(("", "", "", "severe", "mild", "重度", "轻度"))),
        draw(st.sampled_from(("0", "0", "1", "是", "否"))),
        draw(st.sampled_from(("0", "0", "1"))),
        draw(st.sampled_from(("0", "0", "1"))),
        draw(st.sampled_from(("0", "1"))),
    ]


@st.composite
def rosters(draw: st.DrawFn, max_size: int = 60) -> list[list[str]]:
    """A roster of valid rows with unique person ids."""
    size = draw(st.integers(min_value=0, max_value=max_size))
    return [draw(roster_rows(f"P{number:05d}")) for number in range(size)]


@st.composite
def corrupted_values(draw: st.DrawFn) -> tuple[int, str]:
    """A (column index, bad value) pair that makes a roster row be rejected."""
    return draw(
        st.sampled_from(
            (
                (0, ""),
                (1, ""),
                (3, "1960-13-01"),
                (3, "yesterday"),
                (4, "2"),
                (4, "-1"),
                (6, "blind"),
                (7, "x"),
                (10, ""),
            )
        )
    )


# -- disclosure tables (issue 4) ---------------------------------------------------------------
#: Characters of table text: CJK words, the signs a spreadsheet would run as formulas, and
#: the HTML specials the writer escapes. No 编 or 额, so no cell reads as a header (单位编码,
#: 金额); no tab or line break, which the text form cannot hold inside a cell.
_TABLE_CHARS = "城乡居民养老保险县级配套资金工作经费补贴目标任务确保及时到位社会服务局ab <>&=+-@'"
_NAME_CHARS = "城乡居民养老保险县级配套资金工作经费补贴社会服务局"
table_text = st.text(alphabet=_TABLE_CHARS, min_size=1, max_size=30).map(str.strip).filter(bool)
_names = st.text(alphabet=_NAME_CHARS, min_size=1, max_size=12)
_wan = st.integers(min_value=0, max_value=99_999_999).map(
    lambda cents: f"{Decimal(cents) / 100:.2f}"
)
_PROSE = (
    "重度残疾人{n}人，财政代缴{a}万",
    "财政代缴{a}万元，轻度残疾人{n}人",
    "村干部{n}人，县级补贴{a}万元",
    "预计缴费{n}人，预计县级缴费补贴{a}万元",
    "建档立卡贫困户{n}人，财政代缴{a}万元",
    "失地农民享受待遇人数{n}人，养老补贴{a}万元",
    "目标任务{n}人参保",
)
_prose_sentences = st.builds(
    lambda template, n, a: template.format(n=f"{n:,}" if n % 2 else n, a=a),
    st.sampled_from(_PROSE),
    st.integers(0, 200_000),
    st.integers(0, 99_999).map(lambda tenths: f"{Decimal(tenths) / 10}"),
)
_goals = st.lists(st.one_of(table_text, _prose_sentences), max_size=3)
_LEVELS = (
    ("产出指标", ("数量指标：", "质量指标：", "时效指标：", "成本指标：")),
    ("效益指标", ("社会效益指标：", "可持续影响指标：")),
    ("满意度指标", ()),
)
_targets = st.one_of(
    st.builds(
        lambda comparator, number, unit: f"{comparator}{number}{unit}",
        st.sampled_from(["", "≥", "≤", ">", "<", "$\\geq ", "＞", ">="]),
        st.integers(0, 100_000),
        st.sampled_from(["人", "次", "%", "万元", "天", ""]),
    ),
    st.sampled_from(["健全", "有效"]),
)


@st.composite
def _indicator_cells(draw: st.DrawFn) -> list[str]:
    numerals = "一二三四五六七八九"
    cell: list[str] = []
    levels = draw(st.lists(st.sampled_from(_LEVELS), min_size=0, max_size=3, unique=True))
    for number1, (level1, level2s) in enumerate(levels, start=1):
        cell.append(f"{numerals[number1 - 1]}、{level1}")
        groups = (
            draw(st.lists(st.sampled_from(level2s), max_size=2, unique=True)) if level2s else [None]
        )
        for number2, level2 in enumerate(groups, start=1):
            if level2 is not None:
                cell.append(f"({numerals[number2 - 1]}){level2}")
            for number3 in range(1, draw(st.integers(1, 3)) + 1):
                cell.append(f"{number3}.{draw(_names)}率 {draw(_targets)}")
    return cell


@st.composite
def disclosure_tables(draw: st.DrawFn) -> str:
    """The text (tab-separated) of a disclosure table of any shape the reader accepts."""
    year = draw(st.integers(2000, 2099))
    lines = [f"{draw(_names)}{year}年部门预算项目支出绩效目标公开表", ""]
    header = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"
    lines.append(header)
    for unit_index in range(draw(st.integers(1, 3))):
        code = f"{draw(st.integers(100, 999))}{unit_index:03d}"
        amount = draw(st.one_of(st.just(""), _wan))
        lines.append(f"{code}\t{draw(_names)}\t{amount}\t\t")
        for _ in range(draw(st.integers(0, 3))):
            goals = " ".join(f"<p>{text}</p>" for text in draw(_goals))
            indicators = " ".join(f"<p>{text}</p>" for text in draw(_indicator_cells()))
            lines.append(f"\t{draw(_names)}\t{draw(_wan)}\t{goals}\t{indicators}")
            if draw(st.booleans()):
                lines += ["", header]
    return "\n".join(lines) + "\n"
