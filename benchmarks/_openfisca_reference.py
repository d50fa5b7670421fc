"""The roster rules as an OpenFisca model, the roster loaded and checked with pandas.

Written for the benchmark (``pip install openfisca-core``; not a dependency of the library).
pandas reads the whole CSV (the pyarrow parser, every column text; a row of the wrong field
count is counted and skipped), checks every field vectorised and drops the rejected rows
and the duplicate ids among the others. The accepted persons then go into an OpenFisca
:class:`~openfisca_core.simulations.Simulation` of a minimal tax-benefit system — one
``person`` entity, the roster's fields as input variables, a formula per component, the
rules' standards as parameters (the grade subsidy a single-amount scale) — which computes
each person's amounts for the year; the amounts are summed in whole 分. The same tally as
the engines, for rosters of the synthetic shape and any
:class:`~pension_subsidy.roster.RosterRules`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from _vectorised_reference import IDENTITY_COLUMNS, ReferenceTally, as_of_date

from pension_subsidy.roster.rules import PROXY_CATEGORIES, RosterRules

_FLAG_FIELDS: Final = ("paying", "poverty", "cadre", "land_loss", "receiving")
_DISABILITY: Final = {"severe": "severe", "重度": "severe", "mild": "mild", "轻度": "mild"}
_YES: Final = ["1", "是"]
_SINCE: Final = "2000-01-01"
PERIOD: Final = "2024"


def read_roster(path: Path) -> tuple[Any, int]:
    """The roster as a pandas frame of text, and the rows of a wrong field count."""
    import pandas as pd  # noqa: PLC0415

    wrong = []

    def skip(row: object) -> str:
        wrong.append(row)
        return "skip"

    frame = pd.read_csv(path, dtype=str, keep_default_na=False, engine="pyarrow", on_bad_lines=skip)
    return frame.rename(columns=IDENTITY_COLUMNS), len(wrong)


def accepted_rows(frame: Any, rules: RosterRules, flags: list[str]) -> Any:
    """The rows every check accepts, the later rows of an id already accepted dropped."""
    import pandas as pd  # noqa: PLC0415

    born = pd.to_datetime(frame["birth_date"], format="%Y-%m-%d", errors="coerce")
    for form in ("%Y/%m/%d", "%Y%m%d"):
        born = born.fillna(pd.to_datetime(frame["birth_date"], format=form, errors="coerce"))
    grade = pd.to_numeric(frame["grade"], errors="coerce")
    paying = frame["paying"].isin(_YES)
    back = frame["back_payment"].isin(_YES) if "back_payment" in flags else False
    lowest = float(min(listed.value for listed, _ in rules.grade_table))
    empty_grade = frame["grade"] == ""
    grade_ok = (empty_grade & ~paying) | (
        ~empty_grade & grade.notna() & (grade >= 0) & (~paying | back | (grade >= lowest))
    )
    ok = (
        (frame["person_id"] != "")
        & (frame["township"] != "")
        & (frame["village"] != "")
        & born.notna()
        & (born <= pd.Timestamp(as_of_date(rules)))
        & grade_ok
        & frame["disability"].isin(["", *_DISABILITY])
    )
    for field in flags:
        ok &= frame[field].isin(["1", "0", "是", "否"])
    accepted = frame[ok]
    return accepted[~accepted["person_id"].duplicated()]


def tax_benefit_system(rules: RosterRules) -> Any:
    """A minimal OpenFisca system: persons, the roster's fields, a formula per component."""
    from openfisca_core.entities import build_entity  # noqa: PLC0415
    from openfisca_core.parameters import ParameterNode  # noqa: PLC0415
    from openfisca_core.periods import DateUnit  # noqa: PLC0415
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem  # noqa: PLC0415
    from openfisca_core.variables import Variable  # noqa: PLC0415

    person = build_entity("person", "persons", "A person on the roster", is_person=True)
    system = TaxBenefitSystem([person])
    system.parameters = ParameterNode("", data=_parameters(rules))

    def variable(name: str, kind: type, formula: Any = None) -> None:
        attributes = {"value_type": kind, "entity": person, "definition_period": DateUnit.YEAR}
        if formula is not None:
            attributes["formula"] = formula
        system.add_variable(type(name, (Variable,), attributes))

    identities = list(IDENTITY_COLUMNS.values())  # unset: False for everyone
    for name in (*_FLAG_FIELDS, "severe_disability", "mild_disability", *identities):
        variable(name, bool)
    variable("grade", float)
    for name, formula in _formulas(rules).items():
        variable(name, float, formula)
    return system


def _parameters(rules: RosterRules) -> dict[str, Any]:
    """The rules' standards as OpenFisca parameters (in 元)."""

    def value(amount: Decimal) -> dict[str, Any]:
        return {"values": {_SINCE: float(amount)}}

    brackets = [
        {"threshold": {_SINCE: float(listed.value)}, "amount": {_SINCE: float(amount.value)}}
        for listed, amount in rules.grade_table
    ]
    data: dict[str, Any] = {
        "grade_subsidy": {"metadata": {"type": "single_amount"}, "brackets": brackets},
        "proxy": {category: value(amount.value) for category, amount in rules.proxies},
    }
    if rules.cadre_per_person is not None:
        data["cadre_per_person"] = value(rules.cadre_per_person.value)
    if rules.land_loss_monthly is not None:
        data["land_loss_yearly"] = value(rules.land_loss_monthly.value * rules.land_loss_months)
    return data


def _formulas(rules: RosterRules) -> dict[str, Any]:
    """Each component's formula, by the component key; the proxy chosen by the rules' order."""
    amounts = dict(rules.proxies)

    def applies(person: Any, period: Any, category: str) -> Any:
        name = "poverty" if category == "poverty_household" else category
        proxied = ~person("receiving", period) & ~person("back_payment", period)
        return person(name, period) & proxied

    def chosen(person: Any, period: Any, category: str) -> Any:
        if category in rules.separate:
            return applies(person, period, category)
        taken = person.filled_array(False)
        for other in rules.order:
            applying = applies(person, period, other)
            if other == category:
                return applying & ~taken
            taken = taken | applying
        return taken & False

    def contribution(person: Any, period: Any, parameters: Any) -> Any:
        paying = person("paying", period) & ~person("back_payment", period)
        if not rules.with_grade_subsidy:
            for category in amounts:
                paying = paying & ~chosen(person, period, category)
        scale = parameters(period).grade_subsidy
        return paying * scale.calc(person("grade", period))

    def proxy(category: str) -> Any:
        def formula(person: Any, period: Any, parameters: Any) -> Any:
            return chosen(person, period, category) * parameters(period).proxy[category]

        return formula

    def cadre(person: Any, period: Any, parameters: Any) -> Any:
        paid = person("cadre", period) & ~person("back_payment", period)
        return paid * parameters(period).cadre_per_person

    def land_loss(person: Any, period: Any, parameters: Any) -> Any:
        paid = person("land_loss", period) & person("receiving", period)
        return (paid & ~person("back_payment", period)) * parameters(period).land_loss_yearly

    formulas = {"contribution_subsidy": contribution}
    formulas.update({PROXY_CATEGORIES[c]: proxy(c) for c in amounts})
    if rules.cadre_per_person is not None:
        formulas["village_cadre_subsidy"] = cadre
    if rules.land_loss_monthly is not None:
        formulas["land_loss_pension"] = land_loss
    return formulas


def tally_openfisca(path: Path, rules: RosterRules) -> ReferenceTally:
    """The tally of a synthetic-shaped CSV roster: pandas checks, OpenFisca computes."""
    import numpy as np  # noqa: PLC0415
    from openfisca_core.simulations import SimulationBuilder  # noqa: PLC0415

    frame, wrong = read_roster(path)
    optional = [name for name in IDENTITY_COLUMNS.values() if name in frame.columns]
    flags = [*_FLAG_FIELDS, *optional]
    accepted = accepted_rows(frame, rules, flags)
    system = tax_benefit_system(rules)
    simulation = SimulationBuilder().build_default_simulation(system, count=len(accepted))
    for field in flags:
        simulation.set_input(field, PERIOD, accepted[field].isin(_YES).to_numpy())
    disability = accepted["disability"].map(_DISABILITY)
    for kind in ("severe", "mild"):
        simulation.set_input(f"{kind}_disability", PERIOD, (disability == kind).to_numpy())
    grade = accepted["grade"].where(accepted["grade"] != "", "0").astype(float)
    simulation.set_input("grade", PERIOD, grade.to_numpy())
    headcounts, total_fen = {}, 0
    for key in _formulas(rules):
        amounts = simulation.calculate(key, PERIOD)
        headcounts[key] = int(np.count_nonzero(amounts))
        total_fen += int(np.rint(amounts.astype(np.float64) * 100).astype(np.int64).sum())
    rows_read = len(frame) + wrong
    return ReferenceTally(
        rows_read=rows_read,
        rejected=rows_read - len(accepted),
        headcounts={key: count for key, count in headcounts.items() if count},
        total=Decimal(total_fen).scaleb(-2),
    )
