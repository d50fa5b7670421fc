"""What if? Scenarios, solving, a forecast and a tornado table for the Menyuan 2022 fund."""

from __future__ import annotations

from datetime import date

from pension_subsidy import (
    apply_overrides,
    compare,
    forecast,
    load_dataset,
    load_parameters,
    sensitivity,
    solve,
)

FUND = "county_supporting_fund"


def main() -> None:
    baseline = load_dataset()
    scenario = apply_overrides(baseline, ["severe_disability_proxy.per_capita=60"])
    print("Scenario: severely disabled at 60 元 each")
    for change in compare(baseline, scenario):
        print("  ", change)

    answer = solve(baseline, "poverty_household_proxy.per_capita")
    print(f"Largest poverty-household proxy standard within 175 万元: {answer.value} 元/人")

    outlook = forecast(baseline, range(2023, 2028), ["contribution_subsidy.headcount=2%"])
    hit = outlook.first_over(FUND)
    print("With payers +2 % a year the fund first goes over in", hit)

    print("Tornado (±10 %):")
    for row in sensitivity(baseline, project=FUND)[:3]:
        print(f"   {row.target!s:<36} swing {row.swing.value:>12,.2f} 元")

    minimum = load_parameters().value("contribution_subsidy.minimum", as_of=date(2022, 6, 30))
    print("National minimum subsidy:", minimum.citation)


if __name__ == "__main__":
    main()
