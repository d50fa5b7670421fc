"""Write the Menyuan 2022 report and self-evaluation as HTML pages and Excel workbooks.

Writes into a temporary directory (never into the repository), reads the workbooks back
and checks the figures people will see. Needs the excel extra (openpyxl).

Run: python examples/report_to_excel.py
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl

import pension_subsidy as ps

HERE = Path(__file__).resolve().parent


def main() -> None:
    budget = ps.load_dataset("menyuan-2022")
    evaluation = ps.evaluate(budget, ps.read_actuals(HERE / "actuals-2022.toml", budget))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        files = {
            "report.html": ps.render_report_html(budget).encode("utf-8"),
            "report-en.xlsx": ps.render_report_xlsx(budget, locale="en"),
            "self-evaluation.html": ps.render_evaluation_html(evaluation).encode("utf-8"),
            "self-evaluation.xlsx": ps.render_evaluation_xlsx(evaluation),
        }
        for name, data in files.items():
            (out / name).write_bytes(data)
            print(f"wrote {name}: {len(data):,} bytes")

        # totals and headroom are live formulas: read their stored results
        summary = openpyxl.load_workbook(out / "report-en.xlsx", data_only=True)["Summary"]
        for row in summary.iter_rows(min_row=5, values_only=True):
            if row[0] == "county_supporting_fund":
                headroom_yuan, headroom_wan = Decimal(str(row[6])), Decimal(str(row[7]))
                print(
                    f"county fund headroom: {headroom_yuan:,.2f} yuan = {headroom_wan:.2f} wan yuan"
                )
                assert (headroom_yuan, headroom_wan) == (Decimal(60000), Decimal(6))

        overview = openpyxl.load_workbook(out / "self-evaluation.xlsx")["自评总览"]
        for key, _name, score, grade, rate in overview.iter_rows(min_row=4, values_only=True):
            if key == "county_supporting_fund":
                print(f"county fund self-evaluation: {score:.2f} ({grade}), executed {rate:.2%}")
                assert (Decimal(str(score)), grade) == (Decimal("91.5"), "优")


if __name__ == "__main__":
    main()
