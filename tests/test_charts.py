"""Charts (matplotlib, the ``plot`` extra): each chart's content, SVG, HTML, fonts, fallbacks."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings

pytest.importorskip("matplotlib")

from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from pension_subsidy import MissingDependencyError, Yuan, forecast, load_dataset
from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
from pension_subsidy.evaluation.weights import Weights
from pension_subsidy.model.indicators import Level1
from pension_subsidy.output import charts_backend
from pension_subsidy.output.charts import (
    appropriation_chart,
    component_shares_chart,
    evaluation_chart,
    evaluation_charts_html,
    forecast_chart,
    forecast_charts_html,
    report_charts_html,
    sensitivity_charts_html,
    svg_of,
    tally_charts_html,
    tornado_chart,
    township_chart,
)
from pension_subsidy.output.charts_backend import ChartFont, chart_font, plotted
from pension_subsidy.output.document import document_html
from pension_subsidy.output.documents import forecast_document
from pension_subsidy.output.evaluation_html import render_evaluation_html
from pension_subsidy.output.report_html import render_report_html
from pension_subsidy.roster.rules import default_roster_rules
from pension_subsidy.roster.tally import Tally
from pension_subsidy.whatif.forecast import Forecast
from pension_subsidy.whatif.sensitivity import sensitivity_table
from tests.strategies import fund_budgets

FUND = "county_supporting_fund"
#: The fund's components in the Menyuan 2022 table, in 元 (项目支出资金测算表).
FUND_AMOUNTS = [1_386_000.0, 62_000.0, 12_000.0, 48_000.0, 43_000.0, 139_000.0]
FUND_NAMES_ZH = ["县级缴费补贴", "重度残疾人代缴", "轻度残疾人代缴", "村干部县级补贴",
                 "失地农民养老补贴", "建档立卡贫困户代缴"]  # fmt: skip
RED = "#c0392b"


def _bars(figure: Figure) -> list:
    """The bars of the figure's first axes, in drawing order."""
    return list(figure.axes[0].patches)


def _ticks(figure: Figure, axis: str = "y") -> list[str]:
    axes = figure.axes[0]
    labels = axes.get_yticklabels() if axis == "y" else axes.get_xticklabels()
    return [label.get_text() for label in labels]


def _texts(figure: Figure) -> list[str]:
    """Every text drawn on the figure's first axes (bar labels, annotations, notes)."""
    return [text.get_text() for text in figure.axes[0].texts]


@pytest.fixture(scope="module")
def budget():
    return load_dataset()


@pytest.fixture(scope="module")
def outlook(budget):
    """2022–2027 with the insured growing 2 % a year: over in 2025 by 24,831.68 元."""
    return forecast(budget, range(2022, 2028), ["contribution_subsidy.headcount=2%"])


@pytest.fixture(scope="module")
def tally():
    """Two townships: 东川镇 2 severely disabled (2 × 60 元), 西川镇 1 (60 元) and 3 cadres."""
    rules = default_roster_rules()
    return Tally.from_counts(
        rules,
        {
            ("东川镇", "甲村", ("severe_disability_proxy", "")): 2,
            ("西川镇", "乙村", ("severe_disability_proxy", "")): 1,
            ("西川镇", "乙村", ("village_cadre_subsidy", "")): 3,
        },
        persons={("东川镇", "甲村"): 2, ("西川镇", "乙村"): 4},
    )


@pytest.fixture
def no_chinese_font(monkeypatch):
    """Charts drawn as on a machine without any font with Chinese glyphs."""
    monkeypatch.setattr(charts_backend, "chart_font", lambda: ChartFont(family=None))


@pytest.fixture
def no_matplotlib(monkeypatch):
    """matplotlib not installed: importing it fails."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)


class TestPlotted:
    def test_exact_amounts_become_the_same_floats(self):
        """Amounts in 元 (to the 分), fractions and counts are drawn at their exact value."""
        assert plotted(Yuan("1750000.00")) == 1_750_000.0
        assert plotted(Yuan("24831.68")) == 24_831.68
        assert plotted(Fraction(45, 2)) == 22.5
        assert plotted(Decimal("96.57")) == 96.57
        assert plotted(71104) == 71_104.0


class TestComponentShares:
    def test_bars_are_the_component_amounts(self, budget):
        """One bar per component, its length the amount in 元 as in the table."""
        figure = component_shares_chart(budget.project(FUND))
        assert [bar.get_width() for bar in _bars(figure)] == FUND_AMOUNTS
        assert [plotted(c.amount) for c in budget.project(FUND).components] == FUND_AMOUNTS

    def test_chinese_labels(self, budget):
        """Components by their Chinese names; each bar says its amount and share."""
        figure = component_shares_chart(budget.project(FUND))
        assert _ticks(figure) == FUND_NAMES_ZH
        assert "1,386,000.00 (82.01%)" in _texts(figure)
        title = figure.axes[0].get_title()
        assert title == "城乡居民养老保险县级配套资金：资金构成\n合计 1,690,000.00 元"
        assert figure.axes[0].get_xlabel() == "金额 (元)"

    def test_english_labels(self, budget):
        """In English the names, the title and the axis are English; no key is shown."""
        figure = component_shares_chart(budget.project(FUND), locale="en")
        assert _ticks(figure)[0] == "Contribution subsidy"
        assert figure.axes[0].get_xlabel() == "Amount (yuan)"
        assert "total 1,690,000.00 yuan" in figure.axes[0].get_title()
        shown = " ".join([*_ticks(figure), figure.axes[0].get_title(), *_texts(figure)])
        assert "contribution_subsidy" not in shown
        assert FUND not in shown

    def test_a_project_without_components_says_so(self, budget):
        """A project not itemised has no bar and says that its total is the appropriation."""
        figure = component_shares_chart(budget.project("work_funds"))
        assert _bars(figure) == []
        assert "未列明构成，合计按预算金额计" in _texts(figure)

    def test_draws_on_given_axes(self, budget):
        """Given an ``ax``, the chart is drawn there and its figure returned."""
        figure = Figure()
        left, right = figure.subplots(1, 2)
        assert component_shares_chart(budget.project(FUND), ax=right) is figure
        assert [bar.get_width() for bar in right.patches] == FUND_AMOUNTS
        assert len(left.patches) == 0


class TestAppropriation:
    def test_totals_beside_appropriations(self, budget):
        """Per project a total bar, then an appropriation bar: 85,000 / 65,400 / 1,690,000."""
        figure = appropriation_chart(budget)
        widths = [bar.get_width() for bar in _bars(figure)]
        assert widths == [85_000.0, 65_400.0, 1_690_000.0, 85_000.0, 65_400.0, 1_750_000.0]
        assert _ticks(figure) == [
            "养老保险征收发放工作经费",
            "乡镇养老保险协办员工作补贴",
            "城乡居民养老保险县级配套资金",
        ]
        assert "1,690,000.00 (96.57%)" in _texts(figure)

    def test_a_total_over_is_red(self, outlook):
        """In 2025 the fund is over: its total bar is red, the others are not."""
        figure = appropriation_chart(outlook.years[3].budget, locale="en")
        colours = [to_hex(bar.get_facecolor()) for bar in _bars(figure)[:3]]
        assert colours[2] == RED
        assert RED not in colours[:2]
        legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
        assert legend == ["Total", "Appropriation"]


class TestForecast:
    def test_budget_line_and_totals(self, outlook):
        """The dashed budget line stays at 1,750,000; the totals are each year's exact total."""
        figure = forecast_chart(outlook, FUND)
        budget_line, totals = figure.axes[0].lines
        assert list(budget_line.get_ydata()) == [1_750_000.0] * 6
        assert budget_line.get_linestyle() == "--"
        expected = [plotted(year.budget.project(FUND).total) for year in outlook.years]
        assert list(totals.get_ydata()) == expected
        assert expected[0] == 1_690_000.0
        assert list(totals.get_xdata()) == list(range(2022, 2028))

    def test_first_year_over_highlighted(self, outlook):
        """2025, 2026 and 2027 are red points; 2025 is marked with its overrun."""
        figure = forecast_chart(outlook, FUND)
        (points,) = figure.axes[0].collections
        assert [x for x, _ in points.get_offsets()] == [2025, 2026, 2027]
        assert to_hex(points.get_facecolor()[0]) == RED
        assert "2025年首次超出预算\n超支 24,831.68 元" in _texts(figure)
        assert figure.axes[0].get_title() == "城乡居民养老保险县级配套资金：多年度预测"

    def test_english_and_never_over(self, outlook):
        """A project that never goes over says so; English labels."""
        figure = forecast_chart(outlook, "work_funds", locale="en")
        assert len(figure.axes[0].collections) == 0
        assert "never over in these years" in _texts(figure)
        assert figure.axes[0].get_xlabel() == "Year"
        assert figure.axes[0].get_title().endswith(": forecast")


class TestTornado:
    def test_swings_largest_first(self, budget):
        """Each input's change at −10 % and +10 %: the standard ±138,600 on top."""
        table = sensitivity_table(budget, project=FUND)
        figure = tornado_chart(table, budget)
        bars = _bars(figure)
        rows = len(table.rows)
        low, high = bars[:rows], bars[rows:]
        assert (low[0].get_width(), high[0].get_width()) == (-138_600.0, 138_600.0)
        assert (low[1].get_width(), high[1].get_width()) == (-138_592.2, 138_592.2)
        assert [bar.get_width() for bar in high] == [plotted(r.high_change) for r in table.rows]
        assert _ticks(figure)[:2] == ["县级缴费补贴·人均标准", "县级缴费补贴·人数"]
        assert figure.axes[0].get_title() == (
            "敏感性分析：各输入单独变动 ±10%\n城乡居民养老保险县级配套资金"
        )

    def test_english_names(self, budget):
        """English names say the component and the input, not the key."""
        figure = tornado_chart(sensitivity_table(budget, project=FUND), budget, locale="en")
        assert _ticks(figure)[0] == "Contribution subsidy —\nper-capita standard"  # wrapped
        legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
        assert legend == ["−10%", "+10%"]

    def test_no_rows(self, budget):
        """A table without inputs draws no bar and says so."""
        figure = tornado_chart([], budget)
        assert _bars(figure) == []
        assert "无可变动的输入" in _texts(figure)


class TestEvaluation:
    def test_points_by_level(self, budget):
        """All met: 10 / 50 / 30 / 10 points scored of 10 / 50 / 30 / 10."""
        fund = budget.project(FUND)
        evaluation = evaluate(budget, Actuals([ProjectActuals.all_met(fund)])).projects[0]
        figure = evaluation_chart(evaluation)
        widths = [bar.get_width() for bar in _bars(figure)]
        assert widths == [10.0, 50.0, 30.0, 10.0] * 2
        assert _ticks(figure) == ["预算执行率", "产出指标", "效益指标", "满意度指标"]
        assert "50.00 / 50.00" in _texts(figure)
        assert "总分 100.00，优" in figure.axes[0].get_title()

    def test_nothing_spent_and_english(self, budget):
        """Nothing spent: the execution bar is its score (0 of 10); the grade in English."""
        fund = budget.project(FUND)
        actuals = ProjectActuals.all_met(fund, spent=Yuan(0))
        evaluation = evaluate(budget, Actuals([actuals])).projects[0]
        figure = evaluation_chart(evaluation, locale="en")
        scores = [bar.get_width() for bar in _bars(figure)[4:]]
        assert scores == [0.0, 50.0, 30.0, 10.0]
        assert "0.00 / 10.00" in _texts(figure)
        assert _ticks(figure)[0] == "Budget execution"
        title = figure.axes[0].get_title().replace("\n", " ")
        assert f"(total {evaluation.score}, {evaluation.grade.name_en})" in title

    def test_a_level_without_indicators_is_left_out(self, budget):
        """As in the table: a level weighted 0 without indicators has no bar."""
        fund = budget.project(FUND)
        output_only = attrs.evolve(
            fund, indicators=[i for i in fund.indicators if i.level1 is Level1.OUTPUT]
        )
        changed = budget.replace_project(output_only)
        weights = Weights(output="90", benefit="0", satisfaction="0")
        actuals = attrs.evolve(ProjectActuals.all_met(output_only), weights=weights)
        evaluation = evaluate(changed, Actuals([actuals])).projects[0]
        assert _ticks(evaluation_chart(evaluation)) == ["预算执行率", "产出指标"]


class TestTownships:
    def test_amounts_by_township(self, tally):
        """东川镇 2 × 60 元; 西川镇 60 元 and 3 cadres, stacked by component."""
        figure = township_chart(tally)
        assert _ticks(figure) == ["东川镇", "西川镇"]
        per_component = {}
        for container, key in zip(
            figure.axes[0].containers, tally.rules.component_keys, strict=True
        ):
            per_component[key] = [bar.get_width() for bar in container]
        severe = plotted(tally.rules.per_capita("severe_disability_proxy"))
        cadre = plotted(tally.rules.per_capita("village_cadre_subsidy"))
        assert per_component["severe_disability_proxy"] == [2 * severe, severe]
        assert per_component["village_cadre_subsidy"] == [0.0, 3 * cadre]
        east = tally.by_township()["东川镇"]
        assert f" {east.amount.value:,.2f} (2 人)" in _texts(figure)
        assert figure.axes[0].get_title() == "各乡镇补贴金额（名册汇总）"

    def test_english_keeps_township_names(self, tally):
        """Township names are data: shown as the roster writes them, in English too."""
        figure = township_chart(tally, locale="en")
        assert _ticks(figure) == ["东川镇", "西川镇"]
        assert figure.axes[0].get_xlabel() == "Amount (yuan)"


class TestFont:
    def test_the_plot_extra_font_is_used(self):
        """With pylopdf-fonts-zh-cn installed, the labels are set in Noto Sans SC."""
        pytest.importorskip("pylopdf_fonts_zh_cn")
        font = chart_font()
        assert font.family == "Noto Sans SC"
        assert font.families == ["Noto Sans SC", "DejaVu Sans"]

    def test_chinese_renders_without_missing_glyph_warnings(self, budget, outlook):
        """Drawn and saved (warnings are errors here), no glyph is missing."""
        figure = forecast_chart(outlook, FUND)
        figure.savefig(io.BytesIO(), format="png")
        assert "<svg" in svg_of(figure)

    def test_without_a_chinese_font_labels_are_english(self, budget, no_chinese_font, tally):
        """No font: English labels, a one-line notice, names without glyphs replaced."""
        figure = component_shares_chart(budget.project(FUND))
        assert _ticks(figure)[0] == "Contribution subsidy"
        (notice,) = [text.get_text() for text in figure.texts]
        assert notice.startswith("No Chinese font found: labels in English.")
        towns = township_chart(tally)
        assert _ticks(towns) == ["Township 1", "Township 2"]
        svg_of(towns)  # no warning about missing glyphs (warnings are errors)

    def test_english_asked_for_needs_no_notice(self, budget, no_chinese_font):
        """Asked for English, a chart without a Chinese font carries no notice."""
        figure = component_shares_chart(budget.project(FUND), locale="en")
        assert figure.texts == []


class TestAnyBudget:
    @settings(max_examples=15)  # each example draws and saves two figures
    @given(fund_budgets(min_components=0))
    def test_bars_are_exact_amounts_for_any_budget(self, budget):
        """For any project: one bar per component at its amount; total and appropriation bars."""
        project = budget.project("fund")
        shares = component_shares_chart(project)
        assert [bar.get_width() for bar in _bars(shares)] == [
            plotted(component.amount) for component in project.components
        ]
        totals = appropriation_chart(budget)
        check = project.check()
        widths = [bar.get_width() for bar in _bars(totals)]
        assert widths == [plotted(check.total), plotted(check.appropriation)]
        ET.fromstring(svg_of(totals))


class TestFontSearch:
    def test_a_missing_font_package_is_passed_over(self, monkeypatch):
        """A font package that is not installed is skipped, not an error."""
        monkeypatch.setattr(charts_backend, "_FONT_PACKAGES", (("no_such_fonts", "x.otf"),))
        assert charts_backend._packaged_font() is None

    def test_a_file_that_is_no_font_covers_nothing(self, tmp_path):
        """A file FreeType cannot open is not taken for a Chinese font."""
        junk = tmp_path / "junk.otf"
        junk.write_bytes(b"not a font")
        assert charts_backend._covers(str(junk)) is False

    def test_a_system_font_is_one_of_the_known_families(self):
        """A system font, when there is one, is a known Chinese family with the glyphs."""
        found = charts_backend._system_font()
        assert found is None or found.family in charts_backend._SYSTEM_FAMILIES


class TestEdges:
    def test_on_a_subfigure_the_whole_figure_is_returned(self, budget):
        """Drawn on the axes of a subfigure, the chart returns the figure that holds it."""
        figure = Figure()
        left, _ = figure.subfigures(1, 2)
        assert appropriation_chart(budget, ax=left.subplots()) is figure

    def test_an_empty_tally_draws_no_bar(self):
        """The empty tally has no township and no component: no bar, no legend."""
        figure = township_chart(Tally())
        assert len(_bars(figure)) == 0
        assert figure.axes[0].get_legend() is None

    def test_a_forecast_without_years(self):
        """A forecast of no years draws nothing and names no key."""
        empty = Forecast(base_year=2022, growth=(), years=())
        figure = forecast_chart(empty, FUND)
        assert len(figure.axes[0].lines[1].get_ydata()) == 0
        assert FUND not in figure.axes[0].get_title()


class TestSvg:
    def test_parses_as_svg(self, budget):
        """Inline SVG: XML with an <svg> root, no prologue, titled for screen readers."""
        svg = svg_of(appropriation_chart(budget))
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert svg.startswith("<svg ")
        assert "<?xml" not in svg
        assert "<!--" not in svg
        assert "<text" not in svg  # text drawn as paths: shown without the font
        assert 'aria-label="门源县社会保险服务局：各项目合计与预算金额"' in svg

    def test_same_figure_same_text_and_prefixed_ids(self, budget):
        """The SVG is reproducible; its ids carry the prefix, so two charts never clash."""
        project = budget.project(FUND)
        first = svg_of(component_shares_chart(project), id_prefix="a")
        assert first == svg_of(component_shares_chart(project), id_prefix="a")
        figure = component_shares_chart(project)
        ids = re.findall(r'\bid="([^"]+)"', first)
        assert ids
        assert all(name.startswith("a-") for name in ids)
        other = set(re.findall(r'\bid="([^"]+)"', svg_of(figure, id_prefix="b")))
        assert not set(ids) & other
        for reference in re.findall(r'(?:href="#|url\(#)([^")]+)', first):
            assert reference in ids


class TestHtml:
    def test_report_page_holds_the_charts(self, budget):
        """The report page ends with totals vs appropriations and two projects' shares."""
        page = render_report_html(budget)
        assert page.count("<svg ") == 3
        section = page[page.index('<section class="charts">') : page.rindex("</section>") + 10]
        ET.fromstring(section)  # well formed
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids))
        assert "<h2>图表</h2>" in section

    def test_evaluation_page_holds_the_charts(self, budget):
        """The self-evaluation page has one points-by-level chart per project evaluated."""
        fund = budget.project(FUND)
        page = render_evaluation_html(evaluate(budget, Actuals([ProjectActuals.all_met(fund)])))
        assert page.count("<svg ") == 1
        assert 'aria-label="城乡居民养老保险县级配套资金：各级指标得分（总分 100.00，优）"' in page

    def test_what_if_and_tally_sections(self, budget, outlook, tally):
        """Forecast: one chart per project; sensitivity and tally: one chart."""
        assert forecast_charts_html(outlook, locale="en").count("<svg ") == 3
        table = sensitivity_table(budget)
        assert sensitivity_charts_html(budget, table).count("<svg ") == 1
        assert tally_charts_html(tally).count("<svg ") == 1
        assert report_charts_html(budget, locale="en").startswith(
            '<section class="charts"><h2>Charts</h2>'
        )

    def test_forecast_document_page_holds_its_charts(self, outlook):
        """A forecast as a document page (forecast --format html) can carry its charts."""
        document = forecast_document(outlook, "zh_CN")
        page = document_html(document, "zh_CN", charts=forecast_charts_html(outlook))
        assert page.count("<svg ") == 3
        assert page.index("</table>") < page.index('<section class="charts">')
        assert "<svg" not in document_html(document, "zh_CN")

    def test_without_matplotlib_the_page_says_which_extra(self, budget, no_matplotlib):
        """Without matplotlib the report page says how to get charts, in its language."""
        page = render_report_html(budget)
        assert "<svg" not in page
        assert "图表需要可选组件 matplotlib：pip install &quot;pension-subsidy[plot]&quot;" in page
        english = evaluation_charts_html(
            evaluate(budget, Actuals([ProjectActuals.all_met(budget.project(FUND))])),
            locale="en",
        )
        assert "Charts need the optional matplotlib extra" in english

    def test_without_matplotlib_a_chart_names_the_extra(self, budget, no_matplotlib):
        """Drawing a chart without matplotlib raises MissingDependencyError naming the extra."""
        with pytest.raises(
            MissingDependencyError, match=r'pip install "pension-subsidy\[plot\]"'
        ) as caught:
            component_shares_chart(budget.project(FUND))
        assert caught.value.extra == "plot"


class TestLazy:
    def test_html_renderers_do_not_import_matplotlib(self):
        """Importing the report's HTML renderer (and the package) loads no matplotlib."""
        code = (
            "import sys, pension_subsidy, pension_subsidy.output.report_html, "
            "pension_subsidy.output.charts; print('matplotlib' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "False"
