"""One roster row's checks and eligibility: what is wrong with it, or what it is paid.

The streaming engine calls these once per *distinct* value (a birth date, a person's
profile of township, village, flags and grade), never once per row, so they can be plain
and exact. The checks of a row run in the column order of :data:`FIELDS`; the first
problem found is the row's reason.

>>> from pension_subsidy.roster.rules import default_roster_rules
>>> rules = default_roster_rules()
>>> classify_profile(("东川镇", "甲村", "1", "300", "重度", "0", "0", "0", "0"), rules)
(('contribution_subsidy', '200.00'), ('severe_disability_proxy', ''))

A person in several proxy groups is paid for once, and counted as such:

>>> classify_profile(("东川镇", "甲村", "1", "300", "重度", "1", "0", "0", "0"), rules)
(('contribution_subsidy', '200.00'), ('severe_disability_proxy', ''), ('several_proxy_groups', ''))
>>> check_birth_date("1960-02-30").reason
<Reason.BAD_DATE: 'bad_date'>

Optional columns (:data:`OPTIONAL_FIELDS`: 特困, 低保, 监测对象, 补缴) follow the profile's
fields when the roster has them, named in ``optional``:

>>> classify_profile(("东川镇", "甲村", "1", "300", "", "0", "0", "0", "0", "1"),
...                  rules, optional=("extreme_poverty",))  # 特困: not paid by these rules
(('contribution_subsidy', '200.00'),)
>>> classify_profile(("东川镇", "甲村", "1", "300", "", "1", "0", "0", "0", "1"),
...                  rules, optional=("back_payment",))
(('back_payment', ''),)
"""

from __future__ import annotations

import datetime
import enum
import re
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.money import parse_number
from pension_subsidy.roster.rules import PROXY_CATEGORIES, RosterRules

__all__ = [
    "BACK_PAYMENT",
    "FIELDS",
    "OPTIONAL_FIELDS",
    "PROFILE_FIELDS",
    "SEVERAL_PROXY_GROUPS",
    "Category",
    "Problem",
    "Reason",
    "Rejection",
    "check_birth_date",
    "classify_profile",
]

#: The roster's fields, in the order a row is checked.
FIELDS: Final = (
    "person_id",
    "township",
    "village",
    "birth_date",
    "paying",
    "grade",
    "disability",
    "poverty",
    "cadre",
    "land_loss",
    "receiving",
)
#: The fields that make up a person's profile: everything but the id and the birth date.
PROFILE_FIELDS: Final = tuple(field for field in FIELDS if field not in ("person_id", "birth_date"))

#: Fields a roster may have or not: the identities 特困人员, 低保对象 and 返贫致贫 / 监测对象
#: (proxy categories of the same names, flags 1 or 0) and 补缴 (the row is a back-payment).
#: A roster without such a column has no such person (or row).
OPTIONAL_FIELDS: Final = ("extreme_poverty", "low_income", "relapse_risk", "back_payment")
#: The marker categories (no component, no amount): counted, reported, never paid.
BACK_PAYMENT: Final = "back_payment"
SEVERAL_PROXY_GROUPS: Final = "several_proxy_groups"

#: (component key, listed grade as "100.00" for the contribution subsidy, else "").
Category: TypeAlias = tuple[str, str]

_FLAGS: Final = {"1": True, "0": False, "是": True, "否": False}
_DISABILITY: Final = {
    "": None,
    "severe": "severe",
    "重度": "severe",
    "mild": "mild",
    "轻度": "mild",
}
# A cell of at most this many ASCII digits is below parse_number's bound (10^15) and read
# directly; anything else goes through the checked parser.
_PLAIN_DIGITS: Final = 15
# Full-width digits (０-９, as an IME types them) read as ASCII ones, as the disclosure reader
# does (disclosure.numbers.normalise_digits, not imported: a roster worker need not load it).
_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９．", "0123456789.")
_DATE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{4})/(\d{2})/(\d{2})|(\d{4})(\d{2})(\d{2})")


class Reason(enum.StrEnum):
    """Why a row was rejected (拒收原因)."""

    MISSING_FIELD = "missing_field"
    BAD_NUMBER = "bad_number"
    BAD_DATE = "bad_date"
    UNKNOWN_GRADE = "unknown_grade"
    NEGATIVE_VALUE = "negative_value"
    UNKNOWN_CATEGORY = "unknown_category"
    DUPLICATE_PERSON_ID = "duplicate_person_id"
    WRONG_FIELD_COUNT = "wrong_field_count"


@attrs.frozen
class Problem:
    """What is wrong with one value: the reason, the field and a sentence saying so.

    ``code`` and ``values`` say the same as ``detail`` as data (a detail code and the
    values it names, as typed), so that the text layer can say it in Chinese too; they take
    no part in equality.
    """

    reason: Reason
    field: str | None
    detail: str
    code: str = attrs.field(default="", eq=False)
    values: tuple[str, ...] = attrs.field(default=(), eq=False)


@attrs.frozen
class Rejection:
    """A rejected row: its line in the file, why, and the fields as read."""

    line: int
    reason: Reason
    field: str | None
    detail: str
    row: tuple[str, ...]
    #: The detail as data (see :class:`Problem`); no part of equality.
    code: str = attrs.field(default="", eq=False)
    values: tuple[str, ...] = attrs.field(default=(), eq=False)


def _missing(field: str) -> Problem:
    return Problem(Reason.MISSING_FIELD, field, f"{field}: the cell is empty", "empty", (field,))


def check_birth_date(
    text: str, as_of: datetime.date | None = None, *, stated: bool | None = None
) -> Problem | None:
    """None for a real calendar date (出生日期) not after ``as_of`` (default today), else why.

    ``stated`` says whether ``as_of`` is a stated eligibility date (default: whether it is
    given) or today's date: the problem then names the date (``after_as_of``) instead of
    calling the birth date one in the future. Each distinct date is checked once per roster
    (the engine caches the answer).

    >>> check_birth_date("2023-01-01", datetime.date(2022, 12, 31)).detail
    "a birth date after the eligibility date 2022-12-31: '2023-01-01'"
    >>> check_birth_date("2023-01-01", datetime.date(2023, 1, 1)) is None
    True
    """
    if text == "":
        return _missing("birth_date")
    born: datetime.date | None = None
    # the common form without the regular expression: ASCII YYYY-MM-DD
    common = len(text) == 10 and text.isascii() and text[4] == "-" == text[7]
    if common and (text[:4] + text[5:7] + text[8:]).isdigit():
        try:
            born = datetime.date.fromisoformat(text)
        except ValueError:
            born = None
    if born is None:
        match = _DATE.fullmatch(text)
        if match is not None:
            year, month, day = (int(part) for part in match.groups() if part is not None)
            try:
                born = datetime.date(year, month, day)
            except ValueError:
                born = None
    if born is not None:
        eligible_on = datetime.date.today() if as_of is None else as_of
        if born > eligible_on and (as_of is not None if stated is None else stated):
            return Problem(
                Reason.BAD_DATE,
                "birth_date",
                f"a birth date after the eligibility date {eligible_on}: {text!r}",
                "after_as_of",
                (text, eligible_on.isoformat()),
            )
        if born > eligible_on:
            return Problem(
                Reason.BAD_DATE,
                "birth_date",
                f"a birth date in the future: {text!r}",
                "future_date",
                (text,),
            )
        return None
    return Problem(
        Reason.BAD_DATE,
        "birth_date",
        f"expected a date such as 1960-02-28 (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD), got {text!r}",
        "date_format",
        (text,),
    )


def _number(text: str, field: str) -> Decimal | InvalidNumberError:
    """A cell's number, or why it is none: bounded by :func:`~pension_subsidy.money.parse_number`.

    A plain short integer (``100``) is read directly: the common cell costs no parsing rules.
    """
    if len(text) <= _PLAIN_DIGITS and text.isascii() and text.isdigit():
        return Decimal(text)
    try:
        return parse_number(text.translate(_FULL_WIDTH), field=field)
    except InvalidNumberError as error:  # malformed, not finite, too large or too precise
        # kept as a value, without its traceback: the traceback's frames lead back up to the
        # caller that keeps the error, a cycle that holds every frame above it (a block of
        # rows, say) until the cyclic collector runs, which the engine pauses for a pass
        cause: BaseException | None = error
        while cause is not None:
            cause.__traceback__ = None
            cause = cause.__context__
        return error


def _flag(field: str, text: str) -> bool | Problem:
    if text == "":
        return _missing(field)
    if text in _FLAGS:
        return _FLAGS[text]
    number = _number(text, field)
    if isinstance(number, Decimal) and number < 0:
        return Problem(
            Reason.NEGATIVE_VALUE, field, f"expected 1 or 0, got {text!r}", "flag_negative", (text,)
        )
    return Problem(
        Reason.BAD_NUMBER, field, f"expected 1 or 0 (是 or 否), got {text!r}", "flag", (text,)
    )


def _grade(
    text: str, *, paying: bool, rules: RosterRules, back_payment: bool = False
) -> Category | Problem | None:
    if text == "":
        return _missing("grade") if paying else None
    grade = _number(text, "grade")
    if isinstance(grade, InvalidNumberError):
        detail, code = _grade_detail(grade, text)
        return Problem(Reason.BAD_NUMBER, "grade", detail, code, (text, detail))
    if grade < 0:
        return Problem(
            Reason.NEGATIVE_VALUE,
            "grade",
            f"expected a grade ≥ 0 元, got {text!r}",
            "grade_negative",
            (text,),
        )
    if not paying or back_payment:
        # a chosen grade without a payment this year earns no subsidy; nor does a
        # back-payment (补缴), which pays for years gone by, whatever its grade
        return None
    tier = rules.tier_for(grade)
    if tier is None:
        lowest = rules.grade_table[0][0]
        return Problem(
            Reason.UNKNOWN_GRADE,
            "grade",
            f"grade {text} 元 is below every listed grade (lowest {lowest} 元)",
            "grade_below",
            (text, str(lowest)),
        )
    return ("contribution_subsidy", str(tier))


def _grade_detail(error: InvalidNumberError, text: str) -> tuple[str, str]:
    """What is wrong with a grade that is no usable number, in the parser's words if a bound.

    Also the detail code: ``grade_number`` (not written as a number) or ``grade_bound``.
    """
    if error.expected is not None and error.expected.startswith("a number such as"):
        return f"expected a grade in 元 such as 100, got {text!r}", "grade_number"
    # not finite, too large or too precise: the parser's message, less its "grade: " prefix
    return str(error).removeprefix("grade: "), "grade_bound"


def classify_profile(  # noqa: PLR0911  (one check per field, in column order)
    profile: tuple[str, ...], rules: RosterRules, optional: tuple[str, ...] = ()
) -> tuple[Category, ...] | Problem:
    """The categories a person with this profile is paid in (and the markers counted).

    ``profile`` holds the values of :data:`PROFILE_FIELDS`, then those of the optional fields
    named in ``optional`` (of :data:`OPTIONAL_FIELDS`, in the roster's order). Returns the
    first problem in column order instead when a value is missing or malformed.
    """
    township, village, paying_text, grade_text, disability_text, *flag_texts = profile
    extra = dict(zip(optional, flag_texts[4:], strict=True))
    if township == "":
        return _missing("township")
    if village == "":
        return _missing("village")
    paying = _flag("paying", paying_text)
    if isinstance(paying, Problem):
        return paying
    back_text = extra.get(BACK_PAYMENT)
    back_payment = back_text is not None and _flag(BACK_PAYMENT, back_text) is True
    grade = _grade(grade_text, paying=paying, rules=rules, back_payment=back_payment)
    if isinstance(grade, Problem):
        return grade
    if disability_text not in _DISABILITY:
        return Problem(
            Reason.UNKNOWN_CATEGORY,
            "disability",
            f"expected empty, severe, mild, 重度 or 轻度, got {disability_text!r}",
            "disability",
            (disability_text,),
        )
    named = zip(("poverty", "cadre", "land_loss", "receiving"), flag_texts[:4], strict=True)
    flags = _flags([*named, *extra.items()])
    if isinstance(flags, Problem):
        return flags
    if back_payment:
        # a back-payment (补缴) is paid nothing: its money is for years gone by
        return ((BACK_PAYMENT, ""),)
    identities = [field for field in extra if flags[field] and field != BACK_PAYMENT]
    return _categories(grade, _DISABILITY[disability_text], flags, identities, rules)


def _flags(named: list[tuple[str, str]]) -> dict[str, bool] | Problem:
    """Each flag's value by its field, or the first problem among them."""
    flags = {}
    for field, text in named:
        flag = _flag(field, text)
        if isinstance(flag, Problem):
            return flag
        flags[field] = flag
    return flags


def _categories(
    grade: Category | None,
    disability: str | None,
    flags: dict[str, bool],
    identities: list[str],
    rules: RosterRules,
) -> tuple[Category, ...]:
    """The categories of a person whose values are all good (and who is no back-payment)."""
    categories: list[Category] = [] if grade is None else [grade]
    if not flags["receiving"]:
        # proxy payments pay a contribution: only for persons still paying in
        applying = identities
        if disability == "severe":
            applying.append("severe_disability")
        if disability == "mild":
            applying.append("mild_disability")
        if flags["poverty"]:
            applying.append("poverty_household")
        configured = [category for category in applying if category in rules.paid_categories]
        chosen = rules.proxies_for(configured)
        if chosen and grade is not None and not rules.with_grade_subsidy:
            categories = []
        categories += [(PROXY_CATEGORIES[category], "") for category in chosen]
        if len(configured) > 1:
            categories.append((SEVERAL_PROXY_GROUPS, ""))
    if flags["cadre"] and rules.cadre_per_person is not None:
        categories.append(("village_cadre_subsidy", ""))
    if flags["land_loss"] and flags["receiving"] and rules.land_loss_monthly is not None:
        categories.append(("land_loss_pension", ""))
    return tuple(categories)
