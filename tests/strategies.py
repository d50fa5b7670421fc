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


# -- reader inputs (issue 9) ---------------------------------------------------------------
# imported here, not at the top, so that each helper's strategies stay in one block (merges)
import copy  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

#: The encodings every text reader accepts, as codec names.
TABLE_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
_SEED_LINES = (
    (Path(__file__).parent / "data" / "menyuan-2022-disclosure.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)
_HEADER_CELLS = ["单位编码", "单位及项目名称", "金额 (万元)", "绩效目标", "绩效指标"]
#: Pieces of cells as tables write them, and as they go wrong.
_CELL_PIECES = (
    "<p>", "</p>", "<br>", "<p>一、产出指标</p>", "<p>(一)数量指标：</p>", "<p>(二)成本指标：</p>",
    "<p>1.工作运转人数 50人</p>", "<p>2.宣传成本 ≤6万元</p>", "$\\geq 100\\%$", "\\leq 6万元",
    "≥", "＞", "⩾", '"', '""', "'=SUM(A1)", "=1+1", "501003", "501", "175,00", "175,0O", "190.04",
    "6.2万", "重度残疾人1025人，财政代缴6.2万", "财政代缴1.005元", "全县1.5个行政村",
    "每村0个协办员", "健全", "&amp;", "\u3000", "十十、", "1234567890.", "9" * 30,
)  # fmt: skip
_cells = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(_CELL_PIECES)), max_size=4).map(
    "".join
)


def _csv_row(cells: list[str]) -> str:
    return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)


_noise_rows = st.one_of(
    st.sampled_from(_SEED_LINES),
    st.just("\t".join(_HEADER_CELLS)),
    st.just(_csv_row(_HEADER_CELLS)),
    st.lists(_cells, min_size=1, max_size=6).map("\t".join),
    st.lists(_cells, min_size=1, max_size=6).map(_csv_row),
)
#: Text that looks like a table (tab- or comma-separated) often enough to reach every cell
#: parser: seed lines, repeated headers, <p> cells, LaTeX comparators, quotes, odd figures.
table_noise = st.lists(_noise_rows, min_size=1, max_size=15).map("\n".join)


@st.composite
def encoded_text(draw: st.DrawFn, text: str) -> bytes:
    """``text`` with LF, CRLF or CR line ends, in UTF-8, UTF-8 with BOM or GB18030."""
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = re.split(r"\r\n|\r|\n", text)
    return newline.join(lines).encode(draw(st.sampled_from(TABLE_ENCODINGS)))


_xml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), max_size=10
)
_workbook_values = st.one_of(
    st.none(),
    _xml_text,
    st.sampled_from((*_CELL_PIECES, *_HEADER_CELLS, "金额 (元)", "某县2022年绩效目标公开表")),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.sampled_from(["=A1", "=SUM(C3:C9)", "=1/0"]),
)
_WORKBOOK_STARTS = (
    [],
    [["某县2022年部门预算项目支出绩效目标公开表"]],
    [["某县2022年部门预算项目支出绩效目标公开表"], _HEADER_CELLS],
    [_HEADER_CELLS, ["501003", "某县社会保险服务局", 12.5, None, None]],
)


@st.composite
def workbook_grids(draw: st.DrawFn) -> list[list[Any]]:
    """Rows of cell values for openpyxl: a table's start, then random cells of any type."""
    start = copy.deepcopy(draw(st.sampled_from(_WORKBOOK_STARTS)))
    rows = draw(st.lists(st.lists(_workbook_values, max_size=6), max_size=8))
    return [*start, *rows]


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The zip ``data`` with parts replaced (bytes) or dropped (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            part = change.get(name, source.read(name))
            if part is not None:
                target.writestr(name, part)
    return out.getvalue()


_xml_junk = st.text(alphabet="<>/=\"' crvtfis0123456789AE:x", max_size=40).map(str.encode)


@st.composite
def damaged_workbooks(draw: st.DrawFn, workbook: bytes) -> bytes:
    """``workbook`` damaged: cut short, bytes flipped, a part dropped, cut or full of junk."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        names = archive.namelist()
        name = draw(st.sampled_from(names))
        part = archive.read(name)
    damage = draw(st.sampled_from(["cut", "flip", "drop", "cut part", "junk part", "splice"]))
    if damage == "cut":
        return workbook[: draw(st.integers(0, len(workbook) - 1))]
    if damage == "flip":
        data = bytearray(workbook)
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if damage == "drop":
        return _rezip(workbook, {name: None})
    if damage == "cut part":
        return _rezip(workbook, {name: part[: draw(st.integers(0, len(part)))]})
    if damage == "junk part":
        return _rezip(workbook, {name: draw(st.binary(max_size=200) | _xml_junk)})
    start = draw(st.integers(0, len(part)))
    end = draw(st.integers(start, min(len(part), start + 60)))
    return _rezip(workbook, {name: part[:start] + draw(_xml_junk) + part[end:]})


_PROSE_WORDS = (
    "重度残疾人", "轻度残疾人", "村干部", "失地农民", "建档立卡贫困户", "县级缴费补贴",
    "预计缴费", "参保", "协办员", "财政代缴", "县级补贴", "养老补贴", "全县", "每村",
    "每个村一个协办员", "发放",
)  # fmt: skip
_PROSE_UNITS = ("人", "名", "万人", "元", "万元", "万", "个行政村", "个村", "人次", "%", "")
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_figures = st.one_of(
    st.from_regex(r"[0-9]{1,20}(\.[0-9]{1,12})?", fullmatch=True),
    st.from_regex(r"[0-9]{1,3}(,[0-9]{3}){1,6}(\.[0-9]{1,8})?", fullmatch=True),
    st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,4})?", fullmatch=True).map(
        lambda text: text.translate(_FULL_WIDTH)
    ),
)
_prose_pieces = st.one_of(
    st.sampled_from(_PROSE_WORDS),
    st.builds(lambda figure, unit: figure + unit, _figures, st.sampled_from(_PROSE_UNITS)),
    st.sampled_from(("，", "、", "；", "。", ",", ";", "：", " ")),
    st.text(max_size=3),
)
#: A goal paragraph of keywords and figures with random numbers and units.
goal_sentences = st.lists(_prose_pieces, min_size=1, max_size=10).map("".join)

_KNOWN_KEYS = (
    "meta", "key", "year", "units", "projects", "components", "indicators", "code", "name_zh",
    "appropriation", "headcount", "per_capita", "amount", "target", "unit", "comparator",
    "level1", "level2", "sources", "parameters", "value", "kind", "effective", "source",
    "contribution_subsidy", "by_grade", "proxy", "village_cadre_subsidy", "per_person",
    "land_loss_pension", "monthly", "months", "precedence", "actuals", "spent", "values",
    "weights", "reasons", "measures", "qualitative",
)  # fmt: skip
_NUMBER_TEXTS = (
    "-1", "0", "1e999999", "NaN", "inf", "0.001", "1.005", "1,000", "１２", "", "9" * 30,
)  # fmt: skip
_toml_keys = st.one_of(st.sampled_from(_KNOWN_KEYS), st.text(max_size=8))
_toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**64), 2**64),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(_NUMBER_TEXTS),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.dates(),
    st.datetimes(),
    st.times(),
)
toml_values = st.recursive(
    _toml_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_toml_keys, children, max_size=4)
    ),
    max_leaves=12,
)
#: Any TOML document (a table of any values), for toml_text.
toml_documents = st.dictionaries(_toml_keys, toml_values, max_size=6)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # JSON's string escapes are TOML's; DEL is the one control JSON leaves as it is
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{_toml_value(key)} = {_toml_value(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    return str(value.isoformat())  # date, datetime, time


def toml_text(document: dict[str, Any]) -> str:
    """A TOML document's text, every table written inline (tomllib reads it back equal)."""
    lines = (f"{_toml_value(key)} = {_toml_value(value)}\n" for key, value in document.items())
    return "".join(lines)


def _places(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in nested dicts and lists."""
    found: list[tuple[Any, Any]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        found.append((data, key))
        if isinstance(value, dict | list):
            found += _places(value)
    return found


def _near(value: Any) -> st.SearchStrategy[Any]:
    """Values of the same kind as ``value``: odd numbers as text, other ints, other words."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-(10**6), 10**18) | st.sampled_from([0, -1, 2**63])
    if isinstance(value, str):
        return st.one_of(
            st.sampled_from(_NUMBER_TEXTS),
            st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
            st.integers(0, 10**16).map(str),
            st.sampled_from(["健全", "≥", "万元", "人", "%", "output", "cost", value + value]),
        )
    return toml_values


@st.composite
def mutated_toml(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with one to three values tweaked or replaced, removed, or keys added."""
    changed = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        places = _places(changed)
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["tweak", "tweak", "tweak", "replace", "remove", "add"]))
        if action == "tweak":
            container[key] = draw(_near(container[key]))
        elif action == "replace":
            container[key] = draw(toml_values)
        elif action == "remove":
            del container[key]
        elif isinstance(container, dict):
            container[draw(_toml_keys)] = draw(toml_values)
        else:
            container.append(draw(toml_values))
    return changed
