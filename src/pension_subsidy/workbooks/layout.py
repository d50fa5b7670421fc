"""The sheets and columns of the dataset and actuals workbooks, for the writer and the reader.

A dataset workbook holds one sheet per table of a dataset TOML file. Row 1 of each sheet
labels the columns for people (Chinese and English); row 2 holds each column's TOML key,
which is what the reader goes by, so a column may be added for any field the TOML format
knows (``funding.county_wan``, ``budget_adjusted_wan``…) without a new release; the data
start on row 3. A key ending in ``[]`` is a list of words written in one cell, separated by
、 or a new line (``keywords[]``). A dotted key is a field of an inline table
(``funding.central_wan`` is ``funding = { central_wan = … }``).

The sheets, by their key (a sheet's title is its Chinese name, a space and its key; the
reader finds a sheet by the key at the end of its title):

* ``dataset``: the ``[dataset]`` table as rows of field (``key``) and ``value``;
* ``units``: one ``[[units]]`` per row;
* ``projects``: one ``[[units.projects]]`` per row, ``unit_code`` naming its unit;
* ``goals``: a project's goals, one per row, in order;
* ``components``: one component per row, under its ``unit_code`` and ``project``;
* ``component_rows``: the rows of a component's lists (``tiers``, ``bands``), naming the
  component by its ``kind`` and the list in ``list``;
* ``indicators``: a project's indicators, one per row, in order;
* ``component_kinds``: the dataset's own kinds (``[[component_kinds]]``), if any.
"""

from __future__ import annotations

from typing import Final

import attrs

__all__ = [
    "ACTUALS_SHEETS",
    "DATASET_FIELDS",
    "DATASET_SHEETS",
    "FIRST_DATA_ROW",
    "KEY_ROW",
    "LABEL_ROW",
    "LIST_SUFFIX",
    "WHOLE_KEYS",
    "SheetLayout",
    "column_label",
    "sheet_title",
]

#: Row 1 labels the columns for people; row 2 holds the TOML keys; data start on row 3.
LABEL_ROW: Final = 1
KEY_ROW: Final = 2
FIRST_DATA_ROW: Final = 3
#: A column key ending so holds a list of words in one cell.
LIST_SUFFIX: Final = "[]"
#: The keys whose values are whole numbers (a count, a year, a grade): a number in their cells
#: is read as an integer. Every other number is read as the exact text it was typed as, since
#: the TOML format takes amounts, targets and shares as strings.
WHOLE_KEYS: Final = frozenset(
    {
        "year",
        "headcount",
        "months",
        "villages",
        "per_village",
        "grade",
        "payers",
        "units",
        "per_unit",
        "events",
        "from_age",
        "to_age",
        "actual_headcount",
    }
)
#: The separators of the words of a list cell.
LIST_SEPARATORS: Final = ("、", "\n", ";", "；")


@attrs.frozen
class SheetLayout:
    """One sheet: its key, Chinese name, the columns that place a row, and usual columns.

    ``parents`` are the columns that say where a row belongs (``unit``, ``project``…);
    ``columns`` are the fields a blank template offers, in order.
    """

    key: str
    name_zh: str
    parents: tuple[str, ...]
    columns: tuple[str, ...]


#: The sheets of a dataset workbook, in order.
DATASET_SHEETS: Final[tuple[SheetLayout, ...]] = (
    SheetLayout("dataset", "数据集", (), ("key", "value")),
    SheetLayout("units", "单位", (), ("code", "parent", "name_zh", "name_en", "stated_total_wan")),
    SheetLayout(
        "projects",
        "项目",
        ("unit_code",),
        ("key", "name_zh", "name_en", "appropriation_wan"),
    ),
    SheetLayout("goals", "目标", ("unit_code", "project"), ("text",)),
    SheetLayout(
        "components",
        "构成",
        ("unit_code", "project"),
        (
            "kind",
            "headcount",
            "amount_wan",
            "per_capita_yuan",
            "monthly_yuan",
            "months",
            "villages",
            "per_village",
            "per_coordinator_yuan",
            "source",
        ),
    ),
    SheetLayout(
        "component_rows",
        "分档",
        ("unit_code", "project", "component", "list"),
        ("grade", "payers", "subsidy_yuan"),
    ),
    SheetLayout(
        "indicators",
        "指标",
        ("unit_code", "project"),
        ("level1", "level2", "name", "comparator", "target", "unit", "text"),
    ),
    SheetLayout(
        "component_kinds",
        "自定义类别",
        (),
        ("key", "name_zh", "name_en", "formula", "headcount_unit", "keywords[]"),
    ),
)

#: The fields of the ``dataset`` sheet (one per row: field in column A, value in column B).
DATASET_FIELDS: Final = ("key", "year", "title_zh", "title_en", "county_zh", "county_en", "source")

#: The sheets of an actuals workbook: money spent per project, and each indicator's actual.
ACTUALS_SHEETS: Final[tuple[SheetLayout, ...]] = (
    SheetLayout("actuals", "数据集", (), ("key", "value")),
    SheetLayout("spent", "支出", ("project",), ("name", "appropriation_wan", "spent_wan")),
    SheetLayout(
        "indicator_actuals",
        "实际完成",
        ("project",),
        ("indicator", "target", "actual", "reason", "measure"),
    ),
)

#: The people's label of each column (Chinese / English), by key; a key not listed is
#: labelled with itself.
_LABELS: Final[dict[str, str]] = {
    "key": "代码 / 字段 key",
    "value": "值 value",
    "year": "年度 year",
    "title_zh": "标题 title (zh)",
    "title_en": "标题 title (en)",
    "county_zh": "县 county (zh)",
    "county_en": "县 county (en)",
    "source": "来源 source",
    "code": "单位编码 unit code",
    "parent": "上级单位编码 parent",
    "name_zh": "名称 name (zh)",
    "name_en": "名称 name (en)",
    "stated_total_wan": "表列合计（万元） stated total",
    "unit_code": "单位编码 unit code",
    "unit": "度量单位 unit",
    "project": "项目代码 project",
    "appropriation_wan": "预算（万元） appropriation",
    "stated_wan": "表列金额（万元） stated",
    "text": "文字 text",
    "kind": "类别 kind",
    "headcount": "人数 headcount",
    "amount_wan": "金额（万元） amount",
    "per_capita_yuan": "人均标准（元） per capita",
    "monthly_yuan": "月标准（元） monthly",
    "months": "月数 months",
    "villages": "村数 villages",
    "per_village": "每村人数 per village",
    "per_coordinator_yuan": "每人补助（元） per coordinator",
    "component": "所属构成（类别） component",
    "list": "列表 list",
    "grade": "缴费档次（元） grade",
    "payers": "缴费人数 payers",
    "subsidy_yuan": "补贴（元） subsidy",
    "level1": "一级指标 level 1",
    "level2": "二级指标 level 2",
    "name": "名称 name",
    "comparator": "符号 comparator",
    "target": "指标值 target",
    "formula": "公式 formula",
    "headcount_unit": "人数单位 headcount unit",
    "keywords[]": "关键词（以、分隔） keywords",
    "dataset": "数据集 dataset",
    "spent_wan": "实际支出（万元） spent",
    "indicator": "三级指标 indicator",
    "actual": "实际完成值 actual",
    "reason": "偏差原因 reason",
    "measure": "改进措施 measure",
}


def column_label(key: str) -> str:
    """The label people read above the column of ``key`` (the key itself if unlisted).

    >>> column_label("headcount"), column_label("funding.county_wan")
    ('人数 headcount', 'funding.county_wan')
    """
    return _LABELS.get(key, key)


def sheet_title(layout: SheetLayout) -> str:
    """The title of the sheet: its Chinese name, a space and its key.

    >>> sheet_title(DATASET_SHEETS[4])
    '构成 components'
    """
    return f"{layout.name_zh} {layout.key}"
