"""pandas and Jupyter: ``to_frame()``, ``_repr_html_``, bounded reprs, rosters from memory.

Real figures of the Menyuan 2022 dataset: the county supporting fund's components add up to
1,690,000.00 元, the whole budget's projects to 1,840,400.00 元 (the work funds, unitemised,
count their appropriation).
"""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import pension_subsidy as ps
from pension_subsidy import FloatAmountError, UnknownKeyError
from pension_subsidy.disclosure import load_disclosure
from pension_subsidy.disclosure.checks.finding import findings_frame
from pension_subsidy.evaluation.rules import default_rules
from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
from pension_subsidy.exceptions import DataFileError, MissingDependencyError
from pension_subsidy.forms.form_audit import audit_source
from pension_subsidy.forms.selfeval_form import selfeval_document
from pension_subsidy.output.roster_text import roster_data
from pension_subsidy.roster import default_roster_rules, tally_roster, write_synthetic_roster
from pension_subsidy.roster.frame_source import cell_text, tally_rows
from pension_subsidy.whatif.forecast import forecast
from pension_subsidy.whatif.sensitivity import sensitivity_table

pd = pytest.importorskip("pandas")

FUND = "county_supporting_fund"
MAX_REPR = 300


@pytest.fixture(scope="module")
def budget() -> ps.Budget:
    return ps.load_dataset()


@pytest.fixture(scope="module")
def evaluation(budget: ps.Budget) -> ps.Evaluation:
    fund = budget.project(FUND)
    return evaluate(budget, Actuals([ProjectActuals.all_met(fund)]))


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic roster with bad rows, less those of a wrong field count (a table has none)."""
    folder = tmp_path_factory.mktemp("roster")
    raw = folder / "raw.csv"
    write_synthetic_roster(raw, 3_000, seed=7, corrupt=0.02, identities=True)
    with raw.open(encoding="utf-8", newline="") as stream:
        header, *records = list(csv.reader(stream))
    path = folder / "roster.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(record for record in records if len(record) == len(header))
    return path


@pytest.fixture(scope="module")
def tally(roster: Path) -> ps.Tally:
    return tally_roster(roster, jobs=1)


def _is_decimal_column(frame: Any, column: str) -> bool:
    values = [value for value in frame[column] if value is not None and not pd.isna(value)]
    return str(frame[column].dtype) == "object" and all(isinstance(v, Decimal) for v in values)


class TestBudgetFrame:
    """One row per component; money exact."""

    def test_fund_sums_exactly(self, budget: ps.Budget) -> None:
        frame = budget.to_frame()
        fund = frame[frame["project"] == FUND]
        assert fund["amount_yuan"].sum() == Decimal("1690000.00")
        assert frame["amount_yuan"].sum() == Decimal("1840400.00")

    def test_dtypes(self, budget: ps.Budget) -> None:
        frame = budget.to_frame()
        for column in ("per_capita_yuan", "amount_yuan", "share_percent"):
            assert _is_decimal_column(frame, column), column
        assert str(frame["headcount"].dtype) == "Int64"

    def test_rows_and_values(self, budget: ps.Budget) -> None:
        frame = budget.to_frame()
        expected = sum(max(len(p.components), 1) for p in budget.projects)
        assert len(frame) == expected
        row = frame[frame["key"] == "contribution_subsidy"].iloc[0]
        component = budget.project(FUND).component("contribution_subsidy")
        assert row["headcount"] == component.headcount
        assert row["amount_yuan"] == component.amount.value
        assert row["unit"] == "501003"
        work = frame[frame["project"] == "work_funds"]
        assert len(work) == 1
        assert work["amount_yuan"].iloc[0] == Decimal("85000.00")
        assert pd.isna(work["key"].iloc[0])

    def test_columns_match_json(self, budget: ps.Budget) -> None:
        """The component columns are named as in the report's JSON."""
        frame = budget.to_frame()
        keys = set(budget.project(FUND).data()["components"][0])
        assert {"key", "headcount", "per_capita_yuan", "amount_yuan", "share_percent"} <= keys
        assert {"key", "headcount", "per_capita_yuan", "amount_yuan"} <= set(frame.columns)

    def test_float_plot_one_liner(self, budget: ps.Budget) -> None:
        frame = budget.to_frame()
        floats = frame.astype({c: float for c in frame.columns if c.endswith("_yuan")})
        assert floats["amount_yuan"].dtype == "float64"
        assert floats["amount_yuan"].sum() == pytest.approx(1840400.0)


class TestProjectCheckFrame:
    def test_shares(self, budget: ps.Budget) -> None:
        check = budget.project(FUND).check()
        frame = check.to_frame()
        assert list(frame["key"]) == [share.key for share in check.shares]
        assert frame["amount_yuan"].sum() == Decimal("1690000.00")
        assert frame.loc[0, "share_percent"] == Decimal("82.01")
        assert _is_decimal_column(frame, "share_percent")


class TestTallyFrame:
    def test_by_component(self, tally: ps.Tally) -> None:
        frame = tally.to_frame()
        assert list(frame.columns) == ["key", "headcount", "amount_yuan"]
        assert frame["amount_yuan"].sum() == tally.total.value
        assert str(frame["headcount"].dtype) == "Int64"
        for item in tally.components():
            row = frame[frame["key"] == item.key].iloc[0]
            assert (row["headcount"], row["amount_yuan"]) == (item.headcount, item.amount.value)

    def test_by_township_and_village(self, tally: ps.Tally) -> None:
        townships = tally.to_frame(by="township")
        villages = tally.to_frame(by="village")
        assert townships["amount_yuan"].sum() == tally.total.value
        assert villages["amount_yuan"].sum() == tally.total.value
        persons = townships.drop_duplicates("township")["persons"].sum()
        assert persons == tally.accepted
        assert set(townships["township"]) == set(tally.by_township())
        assert str(villages["persons"].dtype) == "Int64"

    def test_unknown_by(self, tally: ps.Tally) -> None:
        with pytest.raises(UnknownKeyError, match="township"):
            tally.to_frame(by="county")


class TestWhatIfFrames:
    def test_forecast(self, budget: ps.Budget) -> None:
        outlook = forecast(budget, range(2023, 2028), ["contribution_subsidy.headcount=2%"])
        frame = outlook.to_frame()
        assert len(frame) == 5 * len(outlook.project_keys)
        fund = frame[frame["project"] == FUND]
        assert list(fund["year"]) == [2023, 2024, 2025, 2026, 2027]
        first = fund[fund["status"] == "over"].iloc[0]
        assert (first["year"], first["overrun_yuan"]) == (2025, Decimal("24831.68"))
        assert _is_decimal_column(frame, "total_yuan")
        assert str(frame["year"].dtype) == "Int64"

    def test_sensitivity(self, budget: ps.Budget) -> None:
        table = sensitivity_table(budget, project=FUND)
        frame = table.to_frame()
        assert len(frame) == len(table.rows)
        assert list(frame.columns) == list(table.data()["rows"][0])
        assert frame.loc[0, "swing_yuan"] == Decimal("277200.00")
        assert frame.loc[0, "percent"] == Decimal("10")


class TestEvaluationFrame:
    def test_one_row_per_indicator(self, evaluation: ps.Evaluation) -> None:
        frame = evaluation.to_frame()
        assert len(frame) == sum(len(p.indicators) for p in evaluation.projects)
        assert frame.loc[0, "weight"] == Decimal("5.56")
        assert frame.loc[0, "weight_exact"] == "50/9"
        assert set(frame["status"]) == {"met"}
        # the indicators' exact scores and budget execution add up to 100
        project = evaluation.projects[0]
        exact = sum(result.score for result in project.indicators) + project.budget_execution.score
        assert exact == 100

    def test_columns_are_json_keys(self, evaluation: ps.Evaluation) -> None:
        frame = evaluation.to_frame()
        keys = set(evaluation.data()["projects"][0]["indicators"][0])
        assert set(frame.columns) - {"project"} <= keys


class TestFindingsFrame:
    def test_audit(self) -> None:
        result = audit_source(None)
        frame = result.to_frame()
        assert len(frame) == len(result.findings) == 7
        assert set(frame["form"]) == {"disclosure_table"}
        assert list(frame["code"]) == [finding.code for finding in result.findings]
        assert str(frame["line"].dtype) == "Int64"

    def test_plain_tuple(self) -> None:
        findings = audit_source(None).findings
        frame = findings_frame(findings)
        assert list(frame["severity"]) == [finding.severity.value for finding in findings]
        assert findings_frame(()).empty


class TestHtml:
    """``_repr_html_``: a table, escaped, bounded."""

    def test_budget(self, budget: ps.Budget) -> None:
        html = budget._repr_html_()
        assert html.startswith('<table class="pension-subsidy">')
        assert "<th>amount_yuan</th>" in html
        assert "<td>1690000.00</td>" not in html  # components, not totals
        assert "contribution_subsidy" in html

    def test_bounded(self) -> None:
        forecast_html = forecast(
            ps.load_dataset(), range(2023, 2073), ["contribution_subsidy.headcount=2%"]
        )._repr_html_()
        assert "more</td></tr>" in forecast_html
        assert forecast_html.count("<tr>") <= 22

    def test_escaped(self, budget: ps.Budget) -> None:
        import attrs  # noqa: PLC0415

        odd = attrs.evolve(budget, key="<b>&", title_zh="<script>")
        html = odd._repr_html_()
        assert "<script>" not in html
        assert "&lt;script&gt;" in html

    def test_every_main_result(self, budget: ps.Budget, evaluation: ps.Evaluation) -> None:
        results = [
            budget,
            budget.project(FUND).check(),
            evaluation,
            evaluation.projects[0],
            forecast(budget, range(2023, 2025)),
            sensitivity_table(budget, project=FUND),
            audit_source(None),
            selfeval_document(evaluation, budget),
        ]
        for result in results:
            html = result._repr_html_()
            assert html.startswith("<table"), type(result)
            assert html.endswith("</table>"), type(result)

    def test_tally(self, tally: ps.Tally) -> None:
        html = tally._repr_html_()
        assert f"{tally.rows_read} rows read" in html
        assert "<td>contribution_subsidy</td>" in html


class TestRepr:
    """No repr over ~300 characters, whatever the data."""

    def test_bounded(self, budget: ps.Budget, evaluation: ps.Evaluation, tally: ps.Tally) -> None:
        outlook = forecast(budget, range(2023, 2073), ["contribution_subsidy.headcount=2%"])
        results = {
            "Budget": budget,
            "Unit": budget.unit,
            "Project": budget.project(FUND),
            "ProjectCheck": budget.project(FUND).check(),
            "Forecast": outlook,
            "ForecastYear": outlook.years[0],
            "SensitivityTable": sensitivity_table(budget, project=FUND),
            "Evaluation": evaluation,
            "ProjectEvaluation": evaluation.projects[0],
            "IndicatorResult": evaluation.projects[0].indicators[0],
            "Tally": tally,
            "FormAudit": audit_source(None),
            "Finding": audit_source(None).findings[0],
            "FormDocument": selfeval_document(evaluation, budget),
            "FormProject": selfeval_document(evaluation, budget).projects[0],
            "KindCatalogue": ps.bundled_kinds(),
            "ParameterSet": ps.load_parameters(province="qinghai"),
            "ParameterValue": ps.load_parameters(province="qinghai").values[0],
            "ComponentKind": ps.bundled_kinds().kinds[0],
            "Disclosure": load_disclosure(None),
            "Actuals": ps.read_actuals("examples/actuals-2022.toml", budget),
            "ProjectActuals": ps.read_actuals("examples/actuals-2022.toml", budget).projects[0],
            "ScoringRules": default_rules(),
            "RosterRules": default_roster_rules(),
        }
        for name, result in results.items():
            text = repr(result)
            assert len(text) <= MAX_REPR, (name, len(text))
            assert text.startswith(f"{name}("), text

    def test_key_figures(self, budget: ps.Budget) -> None:
        outlook = forecast(budget, range(2023, 2028))
        assert repr(outlook).startswith("Forecast(base_year=2022, years=2023–2027, projects=3")
        assert repr(budget) == "Budget(key='menyuan-2022', year=2022, units=2, projects=3)"
        assert "total=1690000.00" in repr(budget.project(FUND))

    def test_equality_unchanged(self, budget: ps.Budget) -> None:
        again = ps.load_dataset()
        assert again == budget
        assert hash(again.project(FUND).check()) == hash(budget.project(FUND).check())


class TestRowsInMemory:
    """A roster from a DataFrame or mappings gives the CSV file's tally."""

    def _dicts(self, roster: Path) -> list[dict[str, str]]:
        with roster.open(encoding="utf-8-sig", newline="") as stream:
            return list(csv.DictReader(stream))

    def test_mappings(self, roster: Path, tally: ps.Tally) -> None:
        rejected: list[ps.Rejection] = []
        expected: list[ps.Rejection] = []
        tally_roster(roster, jobs=1, on_reject=expected.append)
        got = tally_rows(self._dicts(roster), on_reject=rejected.append)
        assert got == tally
        assert roster_data(got) == roster_data(tally)
        assert [(r.line, r.reason) for r in rejected] == [(r.line, r.reason) for r in expected]

    def test_iterator_once(self, roster: Path, tally: ps.Tally) -> None:
        assert tally_rows(iter(self._dicts(roster))) == tally

    def test_text_frame(self, roster: Path, tally: ps.Tally) -> None:
        frame = pd.read_csv(roster, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert tally_rows(frame) == tally

    def test_typed_frame(self, tally: ps.Tally) -> None:
        """Ints, whole floats (a column with a gap), NaN, dates and bools read as their text."""
        base = {
            "person_id": "P1",
            "township": "东川镇",
            "village": "甲村",
            "birth_date": "1950-03-01",
            "paying": "1",
            "grade": "200",
            "disability": "",
            "poverty": "0",
            "cadre": "0",
            "land_loss": "0",
            "receiving": "0",
        }
        texts = [base, {**base, "person_id": "P2", "paying": "0", "grade": ""}]
        typed = pd.DataFrame(
            {
                "person_id": ["P1", "P2"],
                "township": ["东川镇", "东川镇"],
                "village": ["甲村", "甲村"],
                "birth_date": [datetime.date(1950, 3, 1), pd.Timestamp("1950-03-01")],
                "paying": [True, False],
                "grade": [200.0, float("nan")],
                "disability": [None, ""],
                "poverty": [0, 0],
                "cadre": [0, 0],
                "land_loss": [0, 0],
                "receiving": [0, 0],
            }
        )
        rules = default_roster_rules()
        assert tally_rows(typed, rules) == tally_rows(texts, rules)

    def test_cell_text(self) -> None:
        assert cell_text(Decimal("100.50")) == "100.50"
        assert cell_text(ps.Yuan("100")) == "100.00"
        assert cell_text(12) == "12"
        assert cell_text(float("nan")) == ""
        assert cell_text(pd.NA) == cell_text(pd.NaT) == ""
        assert cell_text(datetime.datetime(1950, 3, 1, 12, 0)) == "1950-03-01"
        with pytest.raises(FloatAmountError, match="line 5, column 'grade'"):
            cell_text(100.5, line=5, column="grade")
        with pytest.raises(DataFileError, match="got list"):
            cell_text([1], line=5, column="grade")

    def test_wrong_inputs(self, roster: Path) -> None:
        with pytest.raises(DataFileError, match="tally_roster"):
            tally_rows(roster)
        with pytest.raises(DataFileError, match="got int"):
            tally_rows(42)
        with pytest.raises(DataFileError, match="no rows"):
            tally_rows([])
        with pytest.raises(DataFileError, match="expected a mapping"):
            tally_rows([["P1", "东川镇"]])
        rows = self._dicts(roster)[:3]
        del rows[2]["grade"]
        with pytest.raises(DataFileError, match=r"line 4.*missing 'grade'"):
            tally_rows(rows)
        with pytest.raises(DataFileError, match="no column"):
            tally_rows(pd.DataFrame({"a": [1]}))
        with pytest.raises(DataFileError, match="column names must be text"):
            tally_rows(pd.DataFrame({0: [1]}))

    def test_arrow(self, roster: Path, tally: ps.Tally) -> None:
        pa = pytest.importorskip("pyarrow")
        frame = pd.read_csv(roster, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert tally_rows(pa.Table.from_pandas(frame, preserve_index=False)) == tally


def test_missing_pandas(monkeypatch: pytest.MonkeyPatch, budget: ps.Budget) -> None:
    """Without pandas, to_frame() names the extra."""
    import sys  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"pension-subsidy\[pandas\]"):
        budget.to_frame()
    assert budget._repr_html_().startswith("<table")
