"""Property: any self-evaluation table reads to the figures it states, alike in every format."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pension_subsidy import Yuan
from pension_subsidy.forms.read import parse_form_text, read_form, read_form_bytes
from tests.forms_fixtures import html_page, pasted, pasted_lines, self_evaluation_spec, write_xlsx

LEVEL2 = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["社会效益指标", "经济效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}

#: 万元 to the 分: 0.00 to 99,999.99 with two places, as the forms write them.
wan = st.integers(0, 9_999_999).map(lambda fen: f"{Decimal(fen).scaleb(-2):.2f}")
numbers = st.integers(0, 100_000).map(str)
names = st.text(alphabet="参保人数率覆盖发放及时满意度代缴补贴", min_size=2, max_size=8)


@st.composite
def indicator_blocks(draw: st.DrawFn) -> list[tuple[str, list[tuple[str, ...]]]]:
    """Level-1 blocks of 1–3 indicators with random targets, actuals, points and scores."""
    blocks = []
    for level1 in draw(
        st.lists(st.sampled_from(list(LEVEL2)), min_size=1, max_size=3, unique=True)
    ):
        rows = []
        for _ in range(draw(st.integers(1, 3))):
            unit = draw(st.sampled_from(["人", "%", "户", "万元"]))
            rows.append(
                (
                    draw(st.sampled_from(LEVEL2[level1])),
                    draw(names),
                    draw(st.sampled_from(["≥", "≤", "=", ">", "<"])) + draw(numbers) + unit,
                    draw(numbers) + unit,
                    draw(numbers),
                    draw(numbers),
                    draw(st.sampled_from(["", "原因：上报延迟"])),
                )
            )
        blocks.append((f"{level1}（{draw(numbers)}分）", rows))
    return blocks


def summary(document):  # type: ignore[no-untyped-def]
    """The figures, places aside."""
    project = document.projects[0]
    return (
        [project.budget_start.yuan, project.budget_adjusted.yuan, project.executed.yuan],
        [
            (
                i.level1,
                i.level2,
                i.name,
                i.comparator,
                i.target.text,
                i.actual.text,
                i.points.value,
                i.score.value,
                i.reason,
            )
            for i in project.indicators
        ],
    )


class TestEveryFormatAlike:
    """xlsx, HTML, pasted text and one cell per line give the same figures, as drawn."""

    @given(blocks=indicator_blocks(), money=st.tuples(wan, wan, wan))
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_same_figures(self, blocks, money) -> None:  # type: ignore[no-untyped-def]
        """The drawn money (exact, in 元) and indicators come back from every format."""
        spec = self_evaluation_spec(indicators=blocks, money=money)
        with tempfile.TemporaryDirectory() as directory:
            from_xlsx = summary(read_form(write_xlsx(spec, Path(directory) / "t.xlsx")))
        expected_money = [Yuan.from_wan(text) for text in money]
        assert from_xlsx[0] == expected_money
        assert [row[2] for row in from_xlsx[1]] == [r[1] for _, rows in blocks for r in rows]
        assert [row[4] for row in from_xlsx[1]] == [r[2] for _, rows in blocks for r in rows]
        for text in (html_page(spec), pasted(spec), pasted_lines(spec)):
            name = "t.html" if text.startswith("<!DOCTYPE") else "t.txt"
            if name == "t.html":
                document = read_form_bytes(text.encode("utf-8"), name)
            else:
                document = parse_form_text(text, name=name)
            assert summary(document) == from_xlsx
