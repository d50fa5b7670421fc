"""Load the bundled Menyuan 2022 data, check every project and print the county fund.

Run: python examples/report_menyuan.py
"""

from __future__ import annotations

import pension_subsidy as ps


def main() -> None:
    budget = ps.load_dataset("menyuan-2022")
    for project in budget.projects:
        check = project.check()
        print(
            f"{project.key:24} appropriation {ps.format_wan(check.appropriation)} 万元, "
            f"total {ps.format_wan(check.total)} 万元, headroom {ps.format_wan(check.headroom)} "
            f"万元: {check.status.value}"
        )
    fund = budget.project("county_supporting_fund")
    for component in fund.components:
        print(f"  {component.name_zh:10} {component.derivation}")
    assert fund.check().headroom == ps.Yuan.from_wan("6.0")
    assert budget.unit.total == ps.Yuan.from_wan("190.04")


if __name__ == "__main__":
    main()
