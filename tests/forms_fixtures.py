"""The national forms built by code, in every format the readers take, with the same figures.

A form is a *spec*: rows of cells ``(text, colspan, rowspan)`` as an HTML table writes them.
From one spec the helpers write an .xlsx with merged cells, a .docx with merged cells, a saved
HTML page with rowspan/colspan, a PDF with a text layer (reportlab and its built-in CJK font
STSong-Light, so no font file is needed) and text as a browser pastes it (tab-separated; a
merged cell once, its other positions empty — or left out, as some pages paste).

The figures (hand-checked): execution 173.25 ÷ 175.00 = 99 %, 10 points → 9.9; indicator
points 20 + 15 + 15 + 30 + 10 = 90, + 10 = 100; scores 20 + 15 + 14.5 + 30 + 10 = 89.5,
+ 9.9 = 99.4; grade 优.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import docx
import openpyxl

Cell = tuple[str, int, int]
Spec = list[list[Cell]]


def c(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    """A cell of a spec."""
    return (text, colspan, rowspan)


SELF_EVALUATION_TITLE = "项目支出绩效自评表"
PROJECT = "城乡居民养老保险县级配套资金"
DEPARTMENT = "门源县人力资源和社会保障局"
UNIT = "门源县社会保险服务局"

#: (level1 heading, rows) of the indicators: level2, name, target, actual, points, score, reason
INDICATORS: list[tuple[str, list[tuple[str, str, str, str, str, str, str]]]] = [
    (
        "产出指标（50分）",
        [
            ("数量指标", "参保人数", "≥96410人", "97000人", "20", "20", ""),
            ("质量指标", "代缴到位率", "=100%", "100%", "15", "15", ""),
            (
                "时效指标",
                "补贴发放及时率",
                "≥98%",
                "95%",
                "15",
                "14.5",
                "部分乡镇上报延迟，下年度提前布置",
            ),
        ],
    ),
    ("效益指标（30分）", [("社会效益指标", "参保率", "≥95%", "96%", "30", "30", "")]),
    (
        "满意度指标（10分）",
        [("服务对象满意度指标", "参保群众满意度", "≥90%", "92%", "10", "10", "")],
    ),
]


def self_evaluation_spec(
    *,
    wan: bool = True,
    indicators: list[tuple[str, list[tuple[str, str, str, str, str, str, str]]]] | None = None,
    money: tuple[str, str, str] = ("175.00", "175.00", "173.25"),
    execution: tuple[str, str, str] = ("10", "99%", "9.9"),
    total: tuple[str, str] = ("100", "99.4"),
) -> Spec:
    """The 10号 self-evaluation table (9 columns), money in 万元 (or 元 with ``wan=False``).

    ``indicators``, ``money`` (年初, 全年预算, 全年执行 in 万元), ``execution`` (分值, 执行率,
    得分) and ``total`` (分值, 得分) default to the hand-checked figures of the module.
    """
    indicators = INDICATORS if indicators is None else indicators

    def in_unit(wan_text: str) -> str:
        if wan:
            return wan_text
        whole, _, fraction = wan_text.partition(".")
        return f"{int(whole) * 10000 + int((fraction + '0000')[:4]):,}.00"

    unit = "万元" if wan else "元"
    spec: Spec = [
        [c(SELF_EVALUATION_TITLE, 9)],
        [c("（2022年度）", 9)],
        [c("项目名称"), c(PROJECT, 8)],
        [c("主管部门"), c(DEPARTMENT, 3), c("实施单位"), c(UNIT, 4)],
        [
            c(f"项目资金（{unit}）", 1, 5),
            c("", 2),
            c("年初预算数"),
            c("全年预算数"),
            c("全年执行数"),
            c("分值"),
            c("执行率"),
            c("得分"),
        ],
        [
            c("年度资金总额", 2),
            *(c(in_unit(text)) for text in money),
            *(c(text) for text in execution),
        ],
        [
            c("其中：当年财政拨款", 2),
            *(c(in_unit(text)) for text in money),
            *(c("—") for _ in range(3)),
        ],
        [c("上年结转资金", 2), c("0"), c("0"), c("0"), c("—"), c("—"), c("—")],
        [c("其他资金", 2), c("0"), c("0"), c("0"), c("—"), c("—"), c("—")],
        [c("年度总体目标", 1, 2), c("预期目标", 4), c("实际完成情况", 4)],
        [c("为全县参保居民足额发放缴费补贴和代缴保费。", 4), c("补贴和代缴全部到位。", 4)],
    ]
    count = sum(len(rows) for _, rows in indicators)
    heading = [c("一级指标"), c("二级指标"), c("三级指标"), c("年度指标值"), c("实际完成值")]
    heading += [c("分值"), c("得分"), c("偏差原因分析及改进措施")]
    spec.append([c("绩效指标", 1, count + 1), *heading])
    for level1, rows in indicators:
        for index, (level2, name, target, actual, points, score, reason) in enumerate(rows):
            row = [c(level1, 1, len(rows))] if index == 0 else []
            row += [c(level2), c(name), c(target), c(actual), c(points), c(score), c(reason)]
            spec.append(row)
    spec.append([c("总分", 6), c(total[0]), c(total[1]), c("")])
    spec.append([c("评价等次", 6), c("优", 3)])
    return spec


def target_spec() -> Spec:
    """The long per-project target table (9 columns), money in 万元."""
    spec: Spec = [
        [c("项目支出绩效目标表", 9)],
        [c("（2022年度）", 9)],
        [c("项目名称"), c(PROJECT, 8)],
        [c("主管部门"), c(DEPARTMENT, 3), c("实施单位"), c(UNIT, 4)],
        [c("项目资金（万元）", 1, 3), c("年度资金总额", 2), c("175.00", 6)],
        [c("其中：财政拨款", 2), c("175.00", 6)],
        [c("其他资金", 2), c("0", 6)],
        [c("年度总体目标"), c("为全县参保居民足额发放缴费补贴和代缴保费。", 8)],
    ]
    count = sum(len(rows) for _, rows in INDICATORS)
    heading = [c("一级指标"), c("二级指标"), c("三级指标"), c("指标性质"), c("指标值")]
    heading += [c("度量单位"), c("权重"), c("指标方向性")]
    spec.append([c("绩效指标", 1, count + 1), *heading])
    for level1, rows in INDICATORS:
        for index, (level2, name, target, _, points, _, _) in enumerate(rows):
            sign = target[0]
            value = target[1:].rstrip("%人")
            unit = "%" if target.endswith("%") else "人"
            row = [c(level1.split("（")[0], 1, len(rows))] if index == 0 else []
            row += [c(level2), c(name), c(sign), c(value), c(unit), c(points), c("正向指标")]
            spec.append(row)
    return spec


def export_spec(*, wan: bool = False) -> Spec:
    """The budget system's export: one row per indicator, two projects, amounts in 元/万元."""
    amount = {True: ("175.00", "8.50"), False: ("1,750,000.00", "85,000.00")}[wan]
    heading = "预算数（万元）" if wan else "预算数"
    spec: Spec = [
        [c("部门预算项目绩效目标申报表(2022年度)", 12)],
        [c("" if wan else "金额单位：元", 12)],
        [
            c("单位名称"),
            c("项目名称"),
            c(heading),
            c("年度目标"),
            c("一级指标"),
            c("二级指标"),
            c("三级指标"),
            c("指标性质"),
            c("指标值"),
            c("度量单位"),
            c("权重"),
            c("指标方向性"),
        ],
    ]
    first = [
        ("产出指标", "数量指标", "参保人数", "≥", "96410", "人", "20"),
        ("产出指标", "质量指标", "代缴到位率", "=", "100", "%", "15"),
        ("效益指标", "社会效益指标", "参保率", "≥", "95", "%", "30"),
    ]
    second = [
        ("产出指标", "数量指标", "培训次数", "≥", "4", "次", "30"),
        ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥", "90", "%", "20"),
    ]
    total = len(first) + len(second)
    for project, money, goal, rows in (
        (PROJECT, amount[0], "足额发放缴费补贴和代缴保费", first),
        ("养老保险征收发放工作经费", amount[1], "保障征收发放工作正常运转", second),
    ):
        for index, row in enumerate(rows):
            cells = []
            if project == PROJECT and index == 0:
                cells.append(c(UNIT, 1, total))
            if index == 0:
                cells += [c(project, 1, len(rows)), c(money, 1, len(rows)), c(goal, 1, len(rows))]
            cells += [c(text) for text in row] + [c("正向指标")]
            spec.append(cells)
    return spec


HEBEI_INDICATORS = [
    (
        "产出指标",
        "质量指标",
        "符合条件申报对象覆盖率",
        "享受补贴人数占符合条件对象的比例",
        "25",
        "98",
    ),
    ("", "时效指标", "完成率", "按月及时完成审批的比例", "25", "99"),
    ("效果指标", "社会效益指标", "补贴发放率", "高龄补贴发放完成率", "30", "75"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "对象对老龄工作的满意程度", "10", "95"),
]


def hebei_spec() -> Spec:
    """Hebei's self-evaluation table (14 columns): 预算安排/到位/执行, 权重占比, 折算得分."""
    goal1 = "为我县百岁高龄老年人发放补贴。"
    goal2 = "促进社会稳定文明和谐。"
    spec: Spec = [
        [c("成安县民政局2020年度预算项目绩效自评表", 14)],
        [
            c("一、基本情况"),
            c("项目名称:"),
            c("19名百岁老人高龄津贴", 3),
            c("是否为专项资金:"),
            c("否"),
            c("实施(主管)单位", 2),
            c("314002-成安县民政局机关", 3),
            c("金额单位: 万元", 2),
        ],
        [
            c("二、预算执行情况", 1, 4),
            c("预算安排情况(调整后)", 2),
            c("资金到位情况", 2),
            c("资金执行情况", 2),
            c("预算执行进度(%)", 7),
        ],
        [c("预算数"), c("6.84"), c("到位数"), c("6.84"), c("执行数"), c("6.84"), c("100.00", 7)],
        [*(cell for _ in range(3) for cell in (c("其中:财政资金"), c("6.84"))), c("", 7)],
        [*(cell for _ in range(3) for cell in (c("其他"), c("0.00"))), c("", 7)],
        [
            c("三、目标完成情况", 1, 3),
            c("年度预期目标", 4),
            c("具体完成情况", 4),
            c("总体完成率(%)", 5),
        ],
        [c(goal1, 4), c(goal1, 4), c("100.00", 5, 2)],
        [c(goal2, 4), c(goal2, 4)],
        [
            c("四、年度绩效指标完成情况", 1, 2 + len(HEBEI_INDICATORS) + 1),
            c("一级指标", 1, 2),
            c("二级指标", 1, 2),
            c("三级指标", 2, 2),
            c("指标分值", 1, 2),
            c("预期指标值", 3),
            c("单项指标实际完成值", 1, 2),
            c("单项指标完成情况", 1, 2),
            c("自评得分", 3),
        ],
        [
            *(c(text) for text in ("符号", "指标值", "单位(文字描述)", "单项指标得分")),
            *(c(text) for text in ("权重占比(%)", "单项指标折算得分")),
        ],
    ]
    for level1, level2, name, description, points, target in HEBEI_INDICATORS:
        row = []
        if level1 == "产出指标":
            row.append(c(level1, 1, 2))
        elif level1:
            row.append(c(level1))
        weighted = f"{int(points) * int(points) / 100:.2f}"
        row += [c(level2), c(name), c(description), c(points), c(">="), c(target)]
        row += [c("%(百分比)"), c("100%"), c("完成"), c(f"{points}.00"), c(f"{points}.00")]
        row.append(c(weighted))
        spec.append(row)
    tail = ("100%", "完成", "10.00", "10.00", "1.00")
    spec.append([c("预算执行率", 3), c("预算执行率"), c("10"), c("", 3), *(c(t) for t in tail)])
    spec.append([c("总分", 11), c("100.00"), c("", 2)])
    return spec


REPORT_PARAGRAPHS = [
    "门源县2022年度城乡居民养老保险县级配套资金绩效自评报告",
    "一、项目基本情况",
    "2022年城乡居民养老保险补助资金预算1000万元，其中中央资金600万元、省级补助250万元、"
    "市级配套100万元、县级配套50万元。",
    "全年实际执行990万元，预算执行率为99%。",
    "甲县计划参保12000人，实际参保12500人。",
    "乙县缴费补贴年初预算155.46万元，实际需要394.86万元（144814人），超支239.40万元。",
]

#: A report whose figures are grouped by commas (3,309.84万元, 96，410人) and one number
#: grouped wrongly (12,34人: unreadable, never read as 34).
GROUPED_REPORT = "\n".join(
    [
        "门源县2022年度城乡居民养老保险绩效自评报告",
        "2022年项目预算资金3,309.84万元，全年实际执行3,276.74万元。",
        "年末参保96，410人。",
        "新增参保12,34人。",
    ]
)

#: The reviewer's phrasing of a budget split by level, its sources 9.84 万元 short of it.
SPLIT_REPORT = "\n".join(
    [
        "门源县2022年度城乡居民养老保险绩效自评报告",
        "2022年项目预算资金3,309.84万元，用于缴费补贴和代缴保费。其中中央资金2,000.00万元，"
        "省级资金800.00万元，市级资金300.00万元，县级资金200.00万元。",
        "全年实际执行3,276.74万元，执行率99.00%。",
    ]
)

#: The seed's 公开表 (five columns), its rows as tab-separated lines.
SEED_DISCLOSURE = Path(__file__).resolve().parents[1] / (
    "src/pension_subsidy/data/menyuan-2022-disclosure.txt"
)


def disclosure_page(*, title: str = "", h1: str = "", year_row: bool = False) -> str:
    """The seed's 公开表 as a saved web page: its table without the year (unless
    ``year_row``), the year only in the page's ``<title>`` or ``<h1>``."""
    lines = [line for line in SEED_DISCLOSURE.read_text(encoding="utf-8").splitlines() if line]
    heading = next(i for i, line in enumerate(lines) if line.startswith("单位编码"))
    rows = [line.split("\t") for line in (lines if year_row else lines[heading:])]
    table = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    head = f"<title>{escape(title)}</title>" if title else ""
    heading = f"<h1>{escape(h1)}</h1>" if h1 else ""
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>{heading}'
        f"<table>{table}</table></body></html>"
    )


def disclosure_table(projects: Sequence[tuple[str, str]]) -> str:
    """A five-column 公开表 (tab-separated) of one unit with ``projects`` (name, 万元)."""
    total = sum(Decimal(amount) for _, amount in projects)
    lines = [
        "某县医疗保障局2022年部门预算项目支出绩效目标公开表",
        "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标",
        f"601\t某县医疗保障局\t{total:.2f}\t\t",
    ]
    for name, amount in projects:
        lines.append(
            f"\t{name}\t{amount}\t<p>目标一：按时足额落实配套资金。</p>"
            "\t<p>一、产出指标</p> <p>(一)数量指标：</p> <p>1.参保人数 ≥1000人</p>"
        )
    return "\n".join(lines) + "\n"


# --- layout ------------------------------------------------------------------------------


def layout(spec: Spec) -> dict[tuple[int, int], tuple[str, tuple[int, int], tuple[int, int]]]:
    """(row, column) 0-based → (text, origin, (colspan, rowspan)) for every position."""
    taken: dict[tuple[int, int], tuple[str, tuple[int, int], tuple[int, int]]] = {}
    for r, row in enumerate(spec):
        col = 0
        for text, colspan, rowspan in row:
            while (r, col) in taken:
                col += 1
            for down in range(rowspan):
                for across in range(colspan):
                    taken[(r + down, col + across)] = (text, (r, col), (colspan, rowspan))
            col += colspan
    return taken


def width(spec: Spec) -> int:
    """The number of columns."""
    return max(col for _, col in layout(spec)) + 1


def write_xlsx(spec: Spec, path: Path, *, notes: Sequence[str] = (), blank_rows: int = 0) -> Path:
    """The spec as an .xlsx with merged cells; ``blank_rows`` empty rows before each note."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "自评表"
    _fill_sheet(sheet, spec)
    row = len(spec) + blank_rows
    for note in notes:
        row += 1
        sheet.cell(row=row, column=1, value=note)
    book.save(path)
    return path


def write_xlsx_book(sheets: Sequence[tuple[str, Spec]], path: Path) -> Path:
    """Several specs as the sheets of one .xlsx (title, spec), merged cells and all."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, spec in sheets:
        _fill_sheet(book.create_sheet(title), spec)
    book.save(path)
    return path


def as_percent_cells(path: Path) -> Path:
    """The workbook with every cell reading like ``99%`` or ``99.5%`` stored as Excel stores
    a percentage typed in: the ratio (0.99, 0.995) with a ``0%``/``0.0%`` number format."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text = cell.value
                if isinstance(text, str) and re.fullmatch(r"\d+(?:\.\d+)?%", text):
                    number = text[:-1]
                    places = len(number.partition(".")[2])
                    cell.value = float(Decimal(number) / 100)
                    cell.number_format = "0%" if not places else "0." + "0" * places + "%"
    book.save(path)
    return path


def _fill_sheet(sheet: Any, spec: Spec) -> None:
    for (r, col), (text, origin, (colspan, rowspan)) in layout(spec).items():
        if origin == (r, col):
            cell = sheet.cell(row=r + 1, column=col + 1, value=text or None)
            if text.startswith("="):
                cell.data_type = "s"  # =100% is a target, not a formula
            if colspan > 1 or rowspan > 1:
                sheet.merge_cells(
                    start_row=r + 1,
                    start_column=col + 1,
                    end_row=r + rowspan,
                    end_column=col + colspan,
                )


def write_docx(
    spec: Spec, path: Path, *, before: Sequence[str] = (), after: Sequence[str] = ()
) -> Path:
    """The spec as a Word table with merged cells, between paragraphs."""
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    if spec:
        positions = layout(spec)
        table = document.add_table(rows=len(spec), cols=width(spec))
        for (r, col), (text, origin, (colspan, rowspan)) in positions.items():
            if origin == (r, col):
                cell = table.cell(r, col)
                if colspan > 1 or rowspan > 1:
                    cell = cell.merge(table.cell(r + rowspan - 1, col + colspan - 1))
                cell.text = text
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def html_page(spec: Spec, *, before: Sequence[str] = (), after: Sequence[str] = ()) -> str:
    """The spec as a saved web page: a table with rowspan/colspan, paragraphs around it."""
    rows = []
    for row in spec:
        cells = []
        for text, colspan, rowspan in row:
            spans = (f' colspan="{colspan}"' if colspan > 1 else "") + (
                f' rowspan="{rowspan}"' if rowspan > 1 else ""
            )
            cells.append(f"<td{spans}>{escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in before)
    closing = "".join(f"<p>{escape(text)}</p>" for text in after)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效</title>'
        "<style>td{border:1px solid}</style><script>var x = '<td>';</script></head><body>"
        f"{paragraphs}<table border=1><tbody>{''.join(rows)}</tbody></table>{closing}"
        "</body></html>"
    )


def pasted(spec: Spec, *, omit_merged: bool = False) -> str:
    """The spec as a browser pastes it: tab-separated; a merged cell's other positions empty.

    With ``omit_merged`` the positions a rowspan covers are left out (shorter rows), as some
    pages paste.
    """
    positions = layout(spec)
    lines = []
    for r in range(len(spec)):
        cells = []
        for col in range(width(spec)):
            entry = positions.get((r, col))
            if entry is None:
                continue
            text, origin, _ = entry
            if origin == (r, col):
                cells.append(text)
            elif origin[0] == r:
                cells.append("")  # a colspan pastes as empty cells
            elif not omit_merged:
                cells.append("")
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def pasted_lines(spec: Spec) -> str:
    """The spec as some browsers paste it: every cell on a line of its own, merged ones once."""
    return "".join(f"{text}\n" for row in spec for text, _, _ in row)


def write_pdf(spec: Spec, path: Path, *, paragraphs: Sequence[str] = ()) -> Path:
    """The spec as a PDF table with a text layer (and paragraphs above it)."""
    from reportlab.lib.pagesizes import A4, landscape  # noqa: PLC0415 - a test-only dependency
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415 - a test-only dependency
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - a test-only dependency
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415 - a test-only dependency
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: PLC0415 - a test-only dependency

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=9, wordWrap="CJK")
    flow: list[object] = [Paragraph(text, style) for text in paragraphs]
    if spec:
        positions = layout(spec)
        columns = width(spec)
        data = [["" for _ in range(columns)] for _ in spec]
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
            ("FONTSIZE", (0, 0), (-1, -1), 7),
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ]
        for (r, col), (text, origin, (colspan, rowspan)) in positions.items():
            if origin == (r, col):
                data[r][col] = text
                if colspan > 1 or rowspan > 1:
                    commands.append(("SPAN", (col, r), (col + colspan - 1, r + rowspan - 1)))
        flow.append(Table(data, style=TableStyle(commands)))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build(flow)
    path.write_bytes(buffer.getvalue())
    return path
