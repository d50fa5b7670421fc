"""Score the Menyuan 2022 county supporting fund against the issue's worked case.

Reads examples/actuals-2022.toml (91,700 insured against 96,410; 172 of 175 万元 spent;
不健全; satisfaction 85 %), prints the 绩效自评表 and checks the plan against its targets.
Writes nothing.
"""

from pathlib import Path

import pension_subsidy as ps

HERE = Path(__file__).resolve().parent


def main() -> None:
    budget = ps.load_dataset()
    actuals = ps.read_actuals(HERE / "actuals-2022.toml", budget)
    evaluation = ps.evaluate(budget, actuals)
    print(ps.render_evaluation(evaluation, locale="zh_CN"))
    fund = next(p for p in evaluation.projects if p.project.key == "county_supporting_fund")
    print(f"county supporting fund: {fund.score} ({fund.grade.value})")
    assert str(fund.score) == "91.50", fund.score

    all_met = ps.read_actuals(HERE / "actuals-2022-all-met.toml", budget)
    print("all met:", ps.evaluate(budget, all_met).projects[0].score)

    print("\nplan check:")
    for finding in ps.plan_check(budget):
        print(f"  {finding.status.value:8} {finding.indicator}: {finding.summary}")


if __name__ == "__main__":
    main()
