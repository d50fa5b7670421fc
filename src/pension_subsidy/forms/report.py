r"""Read the figures of a prose report (绩效自评报告, 绩效评价报告), each with its sentence.

A sentence is cut into clauses at ，；、 and each number with a unit (元, 万元, 亿元, 人, 万人,
人次, 户, 个, %) becomes a :class:`~pension_subsidy.forms.model.Figure`:

* **plan or actual by the words, never by the number.** The words of the clause before the
  number decide: an actual word (实际, 实际需要, 完成, 执行, 支出, 发放, 拨付) makes it an
  actual, checked first, so 实际需要 is never a plan; otherwise a plan word (申请, 预算, 年初,
  目标, 计划, 安排, 下达, 预计) makes it a plan; otherwise it is only ``stated``.
* **the budget by level**: 中央 / 省 / 市 (州) / 县 (区) / 其他 before 资金, 补助, 配套 … .
* **what it is**: ``execution_rate`` (a % after 执行率), ``overrun`` (超支, 超出, 缺口),
  ``budget`` (money, plan), ``executed`` (money, actual), ``amount`` (money, neither),
  ``headcount`` (人, 万人, 人次), ``count`` (户, 个, 村 …), ``rate`` (another %).
* **the area** (a county or district named at the start of the clause or sentence) and the
  **label** (the clause's words before the number, e.g. 缴费补贴), carried over to the clauses
  after it in the same sentence.
* **the component kind** the label names (``funeral_grant`` for 丧葬补助金 …), by the
  keywords of the kinds catalogue (:mod:`~pension_subsidy.forms.components`).

>>> from pension_subsidy.forms.grid import TextLine
>>> sentence = "缴费补贴年初预算155.46万元，实际需要394.86万元（144814人），超支239.40万元。"
>>> for figure in figures_of([TextLine(sentence, 1)]):
...     said = (figure.name, figure.basis, figure.value, figure.unit, figure.label)
...     print(*said, figure.component)
budget plan 155.46 万元 缴费补贴 contribution_subsidy
executed actual 394.86 万元 缴费补贴 contribution_subsidy
headcount actual 144814 人 缴费补贴 contribution_subsidy
overrun stated 239.40 万元 缴费补贴 contribution_subsidy
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.forms.components import component_of
from pension_subsidy.forms.grid import TextLine
from pension_subsidy.forms.model import Basis, Figure, FigureKind, StatedNumber, Where
from pension_subsidy.forms.vocabulary import ACTUAL_WORDS, PLAN_WORDS, PLANNED_ACTIONS
from pension_subsidy.money import Yuan, parse_number

__all__ = ["figures_of", "looks_like_report", "read_figures", "sentences"]

#: A number (digits, possibly grouped by "," or "，", and decimals) followed by its unit. The
#: grouping is checked after the match (:data:`_GROUPED`): a number is never cut at a comma.
_NUMBER_UNIT = re.compile(
    r"(?P<number>\d+(?:[,，]\d+)*(?:\.\d+)?)\s*"
    r"(?P<unit>亿元|万元|元|万人次|万人|人次|人|户|个|%|％|百分点)"
)
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n")
#: Clauses end at ，；、： — but never at a comma between two digits (3,309.84: one number).
_CLAUSE = re.compile(r"[、；;：:]|(?<!\d)[，,]|[，,](?!\d)")
#: A validly grouped number: 1 to 3 digits, then groups of exactly 3 (3,309.84; 96，410).
_GROUPED = re.compile(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_LEVEL = re.compile(
    r"(中央|省级|省|自治区|市级|州级|市|州|县级|区级|县|区|本级|其他|其它|地方)"
    r"(?:本级)?(?:财政)?(?:资金|补助|补贴|配套|专项|拨款|承担|负担|安排|下达|投入|筹集)"
    r"|(自筹)"
)
#: A sentence that splits the amount stated before it (其中：中央资金 …).
_SPLIT_START = re.compile(r"^[（(]?其中")
_LEVELS = {
    "中央": "中央",
    "省级": "省",
    "省": "省",
    "自治区": "省",
    "市级": "市",
    "州级": "市",
    "市": "市",
    "州": "市",
    "县级": "县",
    "区级": "县",
    "县": "县",
    "区": "县",
    "本级": "本级",
    "其他": "其他",
    "其它": "其他",
    "地方": "其他",
    "自筹": "其他",
}
#: A year or time said before the area (2022年, 二〇二二年度, 截至2022年底, 今年): never an area.
_YEAR = (
    r"(?:(?:截至|截止|到)?(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})年(?:度|底|末|初)?"
    r"|(?:今|本|上|去|当|全)年度?)"
)
_AREA = re.compile(
    rf"^(?:{_YEAR}[，,、\s]*)?(?:其中)?([\u4e00-\u9fff]{{1,6}}?(?:县|区|旗|市))(?![级本财])"
)
_FILLERS = ("需要", "其中", "为", "共", "合计", "总计", "约", "达", "是", "了", "金额")
#: Words that name the whole, not an area (全县 is the county itself).
_NOT_AREAS = frozenset(("全县", "本县", "该县", "全市", "本市", "全区", "本区", "全旗", "社区"))
_OVERRUN = ("超支", "超出", "缺口", "超过预算")
_RATE_WORDS = ("执行率", "支出率", "执行进度")
_MONEY_UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_PERSON_UNITS = ("人", "万人", "人次", "万人次")
#: Words a report's text must have, and how many sentences with a figure, to be a report.
_REPORT_WORDS = ("绩效", "预算", "资金", "执行", "评价", "自评")


def sentences(lines: Iterable[TextLine]) -> Iterator[tuple[str, TextLine]]:
    """Each sentence of the lines (cut at 。！？； and line ends) with its first line."""
    for line in lines:
        for part in _SENTENCE_END.split(line.text):
            text = part.strip()
            if text:
                yield text, line


def looks_like_report(lines: Iterable[TextLine]) -> bool:
    """Whether running text reads as a report: sentences with figures and budget words."""
    with_figures = 0
    words = 0
    for text, _ in sentences(lines):
        if _NUMBER_UNIT.search(text):
            with_figures += 1
        words += sum(word in text for word in _REPORT_WORDS)
    return with_figures >= 2 and words >= 2


def _is_area(name: str) -> bool:
    """Whether a name found where an area stands is one: not the whole (全县), never a year.

    >>> _is_area("乙县"), _is_area("全县"), _is_area("二零二二年全县"), _is_area("本年度城区")
    (True, False, False, False)
    """
    return name not in _NOT_AREAS and "年" not in name and not re.search(r"\d", name)


def _basis(words: str) -> Basis:
    """Plan or actual by the words before a figure; 实际 … first, 计划完成 … is a plan."""
    if PLANNED_ACTIONS.search(words) and "实际" not in words:
        return "plan"
    if any(word in words for word in ACTUAL_WORDS):
        return "actual"
    if any(word in words for word in PLAN_WORDS):
        return "plan"
    return "stated"


def _kind(unit: str) -> FigureKind:
    if unit in _MONEY_UNITS:
        return "money"
    if unit in _PERSON_UNITS:
        return "headcount"
    if unit in ("%", "％", "百分点"):
        return "rate"
    return "count"


def _name(kind: FigureKind, basis: Basis, words: str) -> str:
    if kind == "rate":
        return "execution_rate" if any(w in words for w in _RATE_WORDS) else "rate"
    if any(word in words for word in _OVERRUN):
        return "overrun"
    if kind == "money":
        return {"plan": "budget", "actual": "executed"}.get(basis, "amount")
    return kind


def _label(words: str, area: str | None) -> str:
    label = re.sub(r"[（(][^）)]*$", "", words)
    label = re.sub(rf"^{_YEAR}[，,、\s]*", "", label)  # 2022年乙县…: the year is no label
    if area is not None:
        label = label.removeprefix(area)
    for word in (*ACTUAL_WORDS, *PLAN_WORDS, *_OVERRUN, *_FILLERS):
        label = label.replace(word, " ")
    return " ".join(label.split())


def _value(number: str) -> Decimal | None:
    """The exact value of a number as matched; None when its grouping is not by threes."""
    if not _GROUPED.fullmatch(number):
        return None
    try:
        return parse_number(re.sub("[,，]", "", number), field="figure")
    except InvalidNumberError:  # pragma: no cover - a validly grouped number parses
        return None


def _yuan(value: Decimal, unit: str) -> Yuan | None:
    try:
        return Yuan(value * _MONEY_UNITS[unit], field="figure")
    except InvalidNumberError:
        return None


def figures_of(lines: Iterable[TextLine]) -> list[Figure]:
    """Every figure of the lines' sentences, in order, each with its sentence in ``where``.

    A number grouped other than by threes (``96,41人``) is no figure: see :func:`read_figures`.
    """
    return read_figures(lines)[0]


def read_figures(lines: Iterable[TextLine]) -> tuple[list[Figure], list[StatedNumber]]:
    """The figures of the lines' sentences, and the numbers that cannot be read safely.

    A number grouped by "," or "，" is read whole when its groups after the first have three
    digits (``3,309.84万元``, ``96，410人``); otherwise it is kept, with its sentence, as an
    unreadable number (value None) instead of being guessed at.

    >>> figures, unreadable = read_figures([TextLine("参保96,41人，预算3,309.84万元。", 1)])
    >>> [(f.value, f.unit) for f in figures], [(u.text, u.value) for u in unreadable]
    ([(Decimal('3309.84'), '万元')], [('96,41人', None)])
    """
    figures: list[Figure] = []
    unreadable: list[StatedNumber] = []
    carried: Basis | None = None  # the basis of the last amount, for a 其中 … sentence after it
    for sentence, line in sentences(lines):
        where = Where(page=line.page, line=line.line, sentence=sentence)
        area_match = _AREA.match(sentence)
        area = area_match.group(1) if area_match and _is_area(area_match.group(1)) else None
        # 其中中央资金 … starting a sentence splits the amount the sentence before stated
        said = _Said(where, area, carry=carried if _SPLIT_START.match(sentence) else None)
        for clause in _CLAUSE.split(sentence):
            clause_area = _AREA.match(clause.strip())
            if clause_area and not _LEVEL.match(clause.strip()) and _is_area(clause_area.group(1)):
                said.area = clause_area.group(1)
            position = 0
            for match in _NUMBER_UNIT.finditer(clause):
                words = clause[position : match.start()]
                position = match.end()
                value = _value(match.group("number"))
                if value is None:
                    unreadable.append(StatedNumber(match.group(0), None, where))
                    continue
                figures.append(said.figure(match, value, clause, words))
        carried = said.carry
    return figures, unreadable


@attrs.define
class _Said:
    """What a sentence has said so far: its area, its subject, the basis an amount carries."""

    where: Where
    area: str | None
    subject: str | None = None
    carry: Basis | None = None

    def figure(self, match: re.Match[str], value: Decimal, clause: str, words: str) -> Figure:
        """The figure of ``match`` in ``clause`` (``words``: the clause since the last figure)."""
        before = clause[: match.start()]
        unit = match.group("unit").replace("％", "%")
        kind = _kind(unit)
        opened = before.count("（") + before.count("(")
        in_brackets = opened > before.count("）") + before.count(")")
        basis = _basis(before)
        levels = [first or second for first, second in _LEVEL.findall(before)]
        level = _LEVELS[levels[-1]] if levels else None
        parts = in_brackets or level is not None or clause.lstrip().startswith("其中")
        if basis == "stated" and parts and self.carry is not None:
            # (144814人) after an actual amount is actual too; 其中中央资金 … splits
            # the budget just stated, so it is a plan as that budget is
            basis = self.carry
        name = _name(kind, basis, before)
        if name in ("overrun", "execution_rate", "rate"):
            basis = "stated"
        label = (_label(words, self.area) if words.strip(" （(") else None) or self.subject
        if label and self.subject is None:
            self.subject = label
        if kind == "money":
            self.carry = basis
        return Figure(
            name=name,
            value=value,
            unit=unit,
            text=match.group(0),
            basis=basis,
            kind=kind,
            where=self.where,
            yuan=_yuan(value, unit) if kind == "money" else None,
            level=level,
            area=self.area,
            label=label,
            component=component_of(label),
        )
