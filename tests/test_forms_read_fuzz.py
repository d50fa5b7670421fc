"""Garbage in, the library's own errors out: the form readers on random bytes and grids."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pension_subsidy.exceptions import PensionSubsidyError
from pension_subsidy.forms.read import parse_form_text, read_form_bytes
from pension_subsidy.forms.sources import SUFFIXES
from tests.forms_fixtures import self_evaluation_spec, write_docx, write_xlsx

#: Words of the forms, so that random grids reach the parsers, not only the detector.
WORDS = [
    "项目名称",
    "主管部门",
    "实施单位",
    "项目资金（万元）",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "年度资金总额",
    "其中：当年财政拨款",
    "上年结转资金",
    "其他资金",
    "预期目标",
    "实际完成情况",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "产出指标（50分）",
    "效益指标",
    "数量指标",
    "总分",
    "评价等次",
    "单位名称",
    "预算数",
    "年度目标",
    "指标值",
    "权重",
    "预算安排情况",
    "资金到位情况",
    "单位编码",
    "单位及项目名称",
    "≥",
    "≥96410人",
    "99%",
    "1e999999",
    "175.00",
    "-0.001",
    "１２．５",
    "实际需要394.86万元。",
    "预算1000万元，其中中央资金600万元。",
    "",
]

cells = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
grids = st.lists(st.lists(cells, min_size=1, max_size=10), min_size=1, max_size=25)


def _template(kind: str) -> bytes:
    spec = self_evaluation_spec()
    buffer_path = Path(__file__).parent / f".fuzz-template.{kind}"
    try:
        if kind == "xlsx":
            write_xlsx(spec, buffer_path)
        else:
            write_docx(spec, buffer_path)
        return buffer_path.read_bytes()
    finally:
        buffer_path.unlink(missing_ok=True)


TEMPLATES = {kind: _template(kind) for kind in ("xlsx", "docx")}


class TestGarbage:
    """Random input raises PensionSubsidyError or reads; nothing else escapes."""

    @given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def test_random_bytes(self, data: bytes, suffix: str) -> None:
        """Random bytes under every suffix."""
        with contextlib.suppress(PensionSubsidyError):
            read_form_bytes(data, f"garbage{suffix}")

    @given(grid=grids, separator=st.sampled_from(["\t", "\n"]))
    def test_random_grids(self, grid: list[list[str]], separator: str) -> None:
        """Random rows of the forms' own words, tab-separated or one cell per line."""
        text = "\n".join(separator.join(row) for row in grid)
        with contextlib.suppress(PensionSubsidyError):
            parse_form_text(text, name="grid.txt")

    @given(
        kind=st.sampled_from(sorted(TEMPLATES)),
        flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
        cut=st.integers(0, 10**6),
    )
    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
    def test_damaged_office_files(self, kind: str, flips: list[tuple[int, int]], cut: int) -> None:
        """A real workbook or document with bytes changed or cut short."""
        data = bytearray(TEMPLATES[kind])
        for position, value in flips:
            data[position % len(data)] = value
        damaged = bytes(data[: max(cut % (len(data) + 1), 1)])
        with contextlib.suppress(PensionSubsidyError):
            read_form_bytes(damaged, f"damaged.{kind}")


def test_templates_are_forms() -> None:
    """The undamaged templates read (so the damaged ones test the readers, not the fixture)."""
    for kind, data in TEMPLATES.items():
        assert read_form_bytes(io.BytesIO(data).getvalue(), f"t.{kind}").form == (
            "self_evaluation_table"
        )
