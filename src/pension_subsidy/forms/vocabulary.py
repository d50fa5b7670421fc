r"""The words of the forms: labels, column headings, comparators, levels, plan and actual.

Labels are compared after :func:`norm`: no spaces, full-width punctuation as ASCII, no
trailing colon, ``（万元）``-style unit notes kept apart. Every list here says which form
uses the words.

>>> norm(" 其中：当年财政拨款 "), norm("项目资金（万元）")
('其中:当年财政拨款', '项目资金(万元)')
>>> comparator("≥"), comparator(">="), comparator("不低于"), comparator("定性")
('≥', '≥', '≥', None)
>>> level1_of("产出指标（50分）")
('产出指标', Decimal('50'))
>>> money_row_key("其中：财政拨款"), money_row_key("上年结转资金"), money_row_key("预算数")
('current_appropriation', 'carry_over', 'total')
"""

from __future__ import annotations

import re
from decimal import Decimal

from pension_subsidy.forms.model import number_in

__all__ = [
    "ACTUAL_WORDS",
    "COLUMN_ROLES",
    "FIELD_LABELS",
    "GOAL_LABELS",
    "GRADES",
    "LEVEL1_NAMES",
    "PLANNED_ACTIONS",
    "PLAN_WORDS",
    "comparator",
    "is_pension_fund",
    "level1_of",
    "money_row_key",
    "norm",
    "role_of",
]

_FULLWIDTH = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "：": ":",
        "，": ",",
        "；": ";",
        "％": "%",
        "＞": ">",
        "＜": "<",
        "＝": "=",
        "【": "[",
        "】": "]",
    }
)


def norm(text: str) -> str:
    """``text`` for comparing labels: no whitespace, ASCII punctuation, no trailing colon."""
    return "".join(text.translate(_FULLWIDTH).split()).rstrip(":")


#: Level-1 indicator names (一级指标) as the forms write them; Hebei writes 效果指标 for 效益指标,
#: the 2021 frameworks add 成本指标 as a level 1.
LEVEL1_NAMES: tuple[str, ...] = ("产出指标", "效益指标", "效果指标", "满意度指标", "成本指标")


def level1_of(text: str) -> tuple[str, Decimal | None] | None:
    """The level-1 name a cell starts with, and the points its heading states (``(50分)``)."""
    normal = norm(text)
    for name in LEVEL1_NAMES:
        if normal.startswith(name):
            rest = normal[len(name) :]
            points = number_in(rest) if "分" in rest else None
            return name, points
    return None


#: Labelled header cells of the table forms: label → field of FormProject (or kept as is).
FIELD_LABELS: dict[str, str] = {
    "项目名称": "name",
    "项目名": "name",
    "主管部门": "department",
    "主管单位": "department",
    "实施单位": "unit_name",
    "实施(主管)单位": "unit_name",
    "预算单位": "unit_name",
    "单位名称": "unit_name",
    "项目负责人": "field",
    "财务负责人": "field",
    "联系电话": "field",
    "是否为专项资金": "field",
    "项目属性": "field",
    "项目期": "field",
    "项目类型": "field",
}

#: Labels of the overall-goal block (年度总体目标).
GOAL_LABELS: tuple[str, ...] = (
    "年度总体目标",
    "年度绩效目标",
    "总体目标",
    "年度目标",
    "绩效目标",
    "三、目标完成情况",
    "目标完成情况",
)

#: Grades of a self-evaluation (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60).
GRADES: tuple[str, ...] = ("优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较差")

#: Column headings → role, most specific first (a heading is matched by containment).
COLUMN_ROLES: tuple[tuple[str, str], ...] = (
    ("单项指标折算得分", "weighted_score"),
    ("折算得分", "weighted_score"),
    ("偏差原因", "reason"),
    ("原因分析", "reason"),
    ("改进措施", "reason"),
    ("单项指标实际完成值", "actual"),
    ("实际完成值", "actual"),
    ("实际完成", "actual"),
    ("完成值", "actual"),
    ("实际值", "actual"),
    ("完成情况", "completion"),
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("指标名称", "name"),
    ("指标内容", "description"),
    ("指标解释", "description"),
    ("年度指标值", "target"),
    ("预期指标值", "target"),
    ("指标值", "target"),
    ("目标值", "target"),
    ("权重占比", "weight_percent"),
    ("权重", "points"),
    ("指标分值", "points"),
    ("分值", "points"),
    ("自评得分", "score"),
    ("单项指标得分", "score"),
    ("得分", "score"),
    ("指标方向", "direction"),
    ("指标性质", "comparator"),
    ("符号", "comparator"),
    ("度量单位", "unit"),
    ("计量单位", "unit"),
    ("单位", "unit"),
)


_SECTION = re.compile(r"[一二三四五六七八九十]+[、.]")


def role_of(heading: str) -> str | None:
    """The role of an indicator column by its heading, or None when it is none of them.

    >>> role_of("偏差原因分析及改进措施"), role_of("单位(文字描述)"), role_of("备注")
    ('reason', 'unit', None)
    """
    normal = norm(heading)
    if not normal or normal == "单位名称" or _SECTION.match(normal):
        return None  # 四、年度绩效指标完成情况 is a section's label, not a column's
    for words, role in COLUMN_ROLES:
        if words in normal:
            return role
    return None


_COMPARATORS: tuple[tuple[str, str], ...] = (
    (">=", "≥"),
    ("≥", "≥"),
    ("⩾", "≥"),
    ("大于等于", "≥"),
    ("大于或等于", "≥"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("<=", "≤"),
    ("≤", "≤"),
    ("⩽", "≤"),
    ("小于等于", "≤"),
    ("小于或等于", "≤"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    ("不多于", "≤"),
    (">", ">"),
    ("大于", ">"),
    ("<", "<"),
    ("小于", "<"),
    ("=", "="),
    ("等于", "="),
)


def comparator(text: str) -> str | None:
    """The comparator (≥ > = < ≤) a cell or target begins with, or None."""
    normal = norm(text).replace("\\geq", "≥").replace("\\leq", "≤").lstrip("$")
    for words, sign in _COMPARATORS:
        if normal.startswith(words):
            return sign
    return None


_MONEY_ROWS: tuple[tuple[str, str], ...] = (
    ("年度资金总额", "total"),
    ("资金总额", "total"),
    ("预算数", "total"),
    ("当年财政拨款", "current_appropriation"),
    ("财政拨款", "current_appropriation"),
    ("财政资金", "current_appropriation"),
    ("上年结转", "carry_over"),
    ("结转资金", "carry_over"),
    ("其他资金", "other"),
)


def money_row_key(label: str) -> str | None:
    """The money row (:data:`~pension_subsidy.forms.model.MONEY_ROWS`) a label names."""
    normal = norm(label).removeprefix("其中").lstrip(":")
    if normal in ("其他", "其它", "其它资金"):
        return "other"
    for words, key in _MONEY_ROWS:
        if normal.startswith(words) or normal == words:
            return key
    return None


#: Words that make a prose figure an ACTUAL one (checked before the plan words, so that
#: 预算执行数 is an actual and 实际需要 never a plan).
ACTUAL_WORDS: tuple[str, ...] = (
    "实际",
    "完成",
    "执行",
    "支出",
    "发放",
    "拨付",
    "兑现",
    "到位",
    "达到",
)
#: A plan word joined to an actual word is a plan (计划完成, 预计支出, 目标达到, 预算支出):
#: the actual word there names what is planned, not what happened.
PLANNED_ACTIONS = re.compile(
    r"(?:申请|计划|预计|目标|应|安排|拟)(?:完成|执行|支出|发放|拨付|兑现|到位|达到)|预算支出"
)
#: Words that make a prose figure a PLAN.
PLAN_WORDS: tuple[str, ...] = (
    "申请",
    "预算",
    "年初",
    "目标",
    "计划",
    "安排",
    "下达",
    "预计",
    "核定",
    "批复",
    "应",
)

_PENSION = re.compile(r"城乡居民.*养老|养老.*城乡居民")


def is_pension_fund(name: str) -> bool:
    """Whether a project's name names the urban-rural residents' pension (城乡居民 + 养老).

    >>> is_pension_fund("城乡居民养老保险县级配套资金"), is_pension_fund("医疗保险配套资金")
    (True, False)
    """
    return bool(_PENSION.search(norm(name)))
