"""Reading a county's roster rules file (TOML) into :class:`RosterRules`; errors name the key.

The form is that of the bundled example (``data/rules/example-rules.toml``); every error is a
:class:`~pension_subsidy.DataFileError` naming the file and the key.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import DataFileError, InvalidAmountError
from pension_subsidy.model.bundled import bundled_path
from pension_subsidy.money import Yuan
from pension_subsidy.roster.rules_model import PROXY_CATEGORIES, PROXY_CHOICES, RosterRules

__all__ = ["default_roster_rules", "load_roster_rules", "rules_from_mapping"]

_DEFAULT_RULES: Final = "example-rules.toml"
_HUNDRED: Final = Decimal(100)


def default_roster_rules() -> RosterRules:
    """The bundled example rules (``data/rules/example-rules.toml``; illustrative standards)."""
    data = read_bundled_toml("rules", _DEFAULT_RULES)
    return rules_from_mapping(data, path=bundled_path(_DEFAULT_RULES))


def load_roster_rules(path: str | Path) -> RosterRules:
    """Read a rules TOML file; every error names the file and the key."""
    file = Path(path)
    data = read_toml_file(file)
    return rules_from_mapping(data, path=str(file))


def _amount(value: object, *, path: str, field: str) -> Yuan:
    if isinstance(value, bool) or not isinstance(value, str | int):
        said = {"got": repr(value)}
        raise DataFileError(code="roster.rules.amount_type", params=said, path=path, field=field)
    try:
        amount = Yuan(str(value), field=field)
    except InvalidAmountError as error:
        raise DataFileError(path=path, field=field, detail=error) from None
    if amount < Yuan(0):
        said = {"got": repr(value)}
        code = "roster.rules.amount_negative"
        raise DataFileError(code=code, params=said, path=path, field=field)
    return amount


def _share(value: str, *, path: str, field: str) -> Decimal:
    """A share written as a percentage (``"10%"``, ``"12.5 %"``) as a fraction from 0 to 1."""
    number = value.removesuffix("%").strip()
    try:
        percent = Decimal(number)
    except InvalidOperation:
        percent = None
    if percent is None or not percent.is_finite() or not Decimal(0) <= percent <= _HUNDRED:
        said = {"got": repr(value)}
        raise DataFileError(code="roster.rules.share_text", params=said, path=path, field=field)
    return percent / _HUNDRED


def _table(data: Mapping[str, Any], key: str, allowed: set[str], path: str) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, Mapping):
        raise DataFileError(code="roster.rules.expected_table", path=path, field=key)
    unknown = sorted(set(value) - allowed)
    if unknown:
        said = {"key": repr(unknown[0]), "known": ", ".join(sorted(allowed))}
        raise DataFileError(code="roster.rules.unknown_key", params=said, path=path, field=key)
    return dict(value)


def _names(value: object, *, path: str, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        said = {"known": ", ".join(PROXY_CATEGORIES), "got": repr(value)}
        raise DataFileError(code="roster.rules.names_type", params=said, path=path, field=field)
    unknown = [item for item in value if item not in PROXY_CATEGORIES]
    if unknown:
        said = {"got": repr(unknown[0]), "known": ", ".join(PROXY_CATEGORIES)}
        code = "roster.rules.unknown_category"
        raise DataFileError(code=code, params=said, path=path, field=field)
    return value


def _date(value: object, *, path: str, field: str) -> datetime.date:
    """A TOML date (``as_of = 2022-12-31``) or a string in that form."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    said = {"form": "YYYY-MM-DD", "got": repr(value)}
    raise DataFileError(code="roster.rules.date", params=said, path=path, field=field)


def _grades(
    data: Mapping[str, Any], path: str
) -> tuple[list[tuple[Yuan, Yuan]], list[tuple[Yuan, Decimal]]]:
    """The ``[contribution_subsidy.by_grade]`` table: fixed amounts and shares apart."""
    if "contribution_subsidy" not in data:
        said = {"table": "contribution_subsidy.by_grade"}
        code = "roster.rules.no_grades"
        raise DataFileError(code=code, params=said, path=path, field="contribution_subsidy")
    contribution = _table(data, "contribution_subsidy", {"by_grade"}, path)
    by_grade = contribution.get("by_grade")
    if not isinstance(by_grade, Mapping) or not by_grade:
        field = "contribution_subsidy.by_grade"
        raise DataFileError(code="roster.rules.by_grade", path=path, field=field)
    amounts, shares = [], []
    for grade, subsidy in by_grade.items():
        field = f"contribution_subsidy.by_grade.{grade}"
        listed = _amount(grade, path=path, field=field)
        if isinstance(subsidy, str) and subsidy.rstrip().endswith("%"):
            shares.append((listed, _share(subsidy, path=path, field=field)))
        else:
            amounts.append((listed, _amount(subsidy, path=path, field=field)))
    return amounts, shares


_PROXY_KEYS: Final = {
    *PROXY_CATEGORIES,
    "precedence",
    "choice",
    "identity_order",
    "separate",
    "with_grade_subsidy",
}


def _proxy_section(data: Mapping[str, Any], path: str) -> dict[str, Any]:
    """The ``[proxy]`` table as :class:`RosterRules` keyword arguments."""
    if "proxy" not in data:
        return {}
    proxy = _table(data, "proxy", _PROXY_KEYS, path)
    found: dict[str, Any] = {}
    for key, name in (("precedence", "precedence"), ("separate", "separate")):
        if key in proxy:
            found[name] = _names(proxy.pop(key), path=path, field=f"proxy.{key}")
    if "identity_order" in proxy:
        found["identity_order"] = _names(
            proxy.pop("identity_order"), path=path, field="proxy.identity_order"
        )
    if "choice" in proxy:
        choice = proxy.pop("choice")
        if choice not in PROXY_CHOICES:
            said = {"at": "", "known": ", ".join(map(repr, PROXY_CHOICES)), "got": repr(choice)}
            raise DataFileError(code="roster.one_of", params=said, path=path, field="proxy.choice")
        found["proxy_choice"] = choice
    if "with_grade_subsidy" in proxy:
        flag = proxy.pop("with_grade_subsidy")
        if not isinstance(flag, bool):
            field = "proxy.with_grade_subsidy"
            said = {"got": repr(flag)}
            raise DataFileError(code="roster.rules.flag", params=said, path=path, field=field)
        found["with_grade_subsidy"] = flag
    if "precedence" in found and (
        found.get("proxy_choice") == "highest_amount" or "identity_order" in found
    ):
        said = {"precedence": "precedence", "others": "choice/identity_order"}
        code = "roster.rules.precedence_conflict"
        raise DataFileError(code=code, params=said, path=path, field="proxy.precedence")
    found["proxies"] = [
        (category, _amount(amount, path=path, field=f"proxy.{category}"))
        for category, amount in proxy.items()
    ]
    return found


def rules_from_mapping(data: Mapping[str, Any], *, path: str = "<mapping>") -> RosterRules:
    """Build :class:`RosterRules` from parsed rules TOML (see the bundled example for the form)."""
    sections = {"contribution_subsidy", "proxy", "village_cadre_subsidy", "land_loss_pension"}
    top = {*sections, "as_of"}
    unknown = sorted(set(data) - top)
    if unknown:
        said = {"section": unknown[0], "known": ", ".join(sorted(sections)), "as_of": "as_of"}
        code = "roster.rules.unknown_section"
        raise DataFileError(code=code, params=said, path=path, field=unknown[0])
    grades, shares = _grades(data, path)
    settings = _proxy_section(data, path)
    if "as_of" in data:
        settings["as_of"] = _date(data["as_of"], path=path, field="as_of")
    cadre = None
    if "village_cadre_subsidy" in data:
        section = _table(data, "village_cadre_subsidy", {"per_person"}, path)
        if "per_person" not in section:
            field = "village_cadre_subsidy.per_person"
            raise DataFileError(code="roster.rules.missing", path=path, field=field)
        cadre = _amount(section["per_person"], path=path, field="village_cadre_subsidy.per_person")
    monthly, months = None, 12
    if "land_loss_pension" in data:
        section = _table(data, "land_loss_pension", {"monthly", "months"}, path)
        if "monthly" not in section:
            field = "land_loss_pension.monthly"
            raise DataFileError(code="roster.rules.missing", path=path, field=field)
        monthly = _amount(section["monthly"], path=path, field="land_loss_pension.monthly")
        months = section.get("months", 12)
        if isinstance(months, bool) or not isinstance(months, int) or months < 0:
            said = {"got": repr(months)}
            field = "land_loss_pension.months"
            raise DataFileError(code="roster.rules.months", params=said, path=path, field=field)
    try:
        return RosterRules(
            grade_subsidies=grades,
            grade_shares=shares,
            cadre_per_person=cadre,
            land_loss_monthly=monthly,
            land_loss_months=months,
            **settings,
        )
    except InvalidAmountError as error:
        named = _FILE_FIELDS.get(error.field or "", error.field)
        raise DataFileError(path=path, field=named, detail=error) from None


#: The rules file's name of each :class:`RosterRules` field an error may name.
_FILE_FIELDS: Final = {
    "precedence": "proxy.precedence",
    "identity_order": "proxy.identity_order",
    "separate": "proxy.separate",
    "proxy_choice": "proxy.choice",
    "proxies": "proxy",
    "grade_shares": "contribution_subsidy.by_grade",
    "grade_subsidies": "contribution_subsidy.by_grade",
}
