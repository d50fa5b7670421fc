"""Labels and number formatting in Chinese and English, through babel.

Babel formats with the current decimal context, which rounds half-to-even: ``0.125`` would
print as ``0.12``. So every figure is first rounded here with the library's own rule
(四舍五入, :data:`~pension_subsidy.ROUND_HALF_UP`) to the places it is shown with; babel then
only groups digits and localises symbols, and has nothing left to round.

>>> format_yuan(Yuan("1690000"), "zh_CN")
'1,690,000.00'
>>> format_wan(Yuan("1250"), locale="en")       # 0.125 万元
'0.13'
>>> format_wan(Yuan("61500"), places=WAN_TENTH, locale="zh_CN")
'6.2'
>>> label("headroom", "en"), label("headroom", "zh_CN")
('Headroom', '结余')

Every module that shows words keeps its own :class:`LabelTable` of (Chinese, English) pairs;
the report's shared labels are the table behind :func:`label`.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Any, Generic, Literal, TypeVar, overload

import attrs
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from pension_subsidy.exceptions import InvalidAmountError, UnknownKeyError
from pension_subsidy.money import WAN_CENT, WAN_TENTH, Yuan, round_half_up

__all__ = [
    "LOCALES",
    "SEVERITIES",
    "WAN_TENTH",
    "LabelTable",
    "Localised",
    "derivation_text",
    "format_count",
    "format_number",
    "format_percent",
    "format_wan",
    "format_yuan",
    "is_chinese",
    "label",
    "language_of",
    "pick",
    "pick_or_key",
    "pick_with_original",
    "resolve_locale",
    "severity_label",
]

#: The locales the labels are written for; others fall back to English labels.
LOCALES: tuple[str, ...] = ("zh_CN", "en")

#: What a ``locale`` argument accepts: a babel Locale, a name such as ``"zh_CN"`` or ``"en"``,
#: or ``None`` for ``zh_CN``.
Localised = Locale | str | None


def resolve_locale(locale: Locale | str | None) -> Locale:
    """A babel :class:`~babel.Locale` from a name such as ``"zh_CN"`` or ``"en"``.

    ``None`` means ``zh_CN``, the language of the tables. An unknown name raises
    :class:`~pension_subsidy.UnknownKeyError`.
    """
    if isinstance(locale, Locale):
        return locale
    name = "zh_CN" if locale is None else locale.replace("-", "_")
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        said = {"got": repr(locale)}
        raise UnknownKeyError(
            code="locale.unknown", params=said, key=str(locale), known=LOCALES
        ) from None


def language_of(locale: Locale | str | None) -> Literal["zh", "en"]:
    """The language of the library's texts for ``locale``: ``"zh"`` for zh_*, else ``"en"``.

    >>> language_of("zh_CN"), language_of("en"), language_of("fr")
    ('zh', 'en', 'en')
    """
    return "zh" if is_chinese(locale) else "en"


def is_chinese(locale: Locale | str | None) -> bool:
    """Whether labels for ``locale`` are Chinese."""
    return resolve_locale(locale).language == "zh"


def pick(chinese: str, english: str, locale: Locale | str | None = None) -> str:
    """The text for ``locale`` of a (Chinese, English) pair: Chinese for zh_*, else English.

    The one rule for falling back: an empty English text gives the Chinese one (a name the
    data has only in Chinese is shown as written rather than as nothing); an empty Chinese
    text is shown empty — Chinese is the language of the tables and always given.

    >>> pick("县级缴费补贴", "contribution subsidy", "zh_CN")
    '县级缴费补贴'
    >>> pick("县级缴费补贴", "contribution subsidy", "en")
    'contribution subsidy'
    >>> pick("浩门镇", "", "en")
    '浩门镇'
    """
    if is_chinese(locale):
        return chinese
    return english or chinese


def pick_with_original(chinese: str, english: str, locale: Locale | str | None = None) -> str:
    """A name for ``locale`` that in English keeps the Chinese original: ``English (中文)``.

    For names a reader matches against the Chinese tables (a project's name): Chinese for
    zh_*, else the English name followed by the Chinese one in brackets. Without an English
    name the Chinese one is shown alone, as :func:`pick` falls back.

    >>> pick_with_original("养老保险征收发放工作经费", "Work funds", "zh_CN")
    '养老保险征收发放工作经费'
    >>> pick_with_original("养老保险征收发放工作经费", "Work funds", "en")
    'Work funds (养老保险征收发放工作经费)'
    >>> pick_with_original("浩门镇", "", "en")
    '浩门镇'
    """
    if is_chinese(locale) or not english:
        return chinese
    return f"{english} ({chinese})"


def pick_or_key(chinese: str, key: str, locale: Locale | str | None = None) -> str:
    """A name for ``locale`` that in English is the key: Chinese for zh_*, else ``key``.

    For short lists of projects (the projects evaluated) where English shows the key a user
    types rather than a long translated name.

    >>> pick_or_key("乡镇养老保险协办员工作补贴", "coordinator_allowance", "zh_CN")
    '乡镇养老保险协办员工作补贴'
    >>> pick_or_key("乡镇养老保险协办员工作补贴", "coordinator_allowance", "en")
    'coordinator_allowance'
    """
    return chinese if is_chinese(locale) else key


K = TypeVar("K", bound=Hashable)


def _read_only(labels: Mapping[K, tuple[str, str]]) -> Mapping[K, tuple[str, str]]:
    # a copy, so that the caller's dict cannot change the table afterwards
    return MappingProxyType(dict(labels))


def _check_pairs(
    table: LabelTable[Any], attribute: attrs.Attribute[Any], labels: Mapping[Any, Any]
) -> None:
    for key, pair in labels.items():
        if not (
            isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(t, str) for t in pair)
        ):
            msg = f"labels[{key!r}]: expected a (Chinese, English) pair of str, got {pair!r}"
            raise TypeError(msg)


@attrs.frozen
class LabelTable(Generic[K]):
    """Labels by key as (Chinese, English) pairs (中英文标签表): Chinese for zh_*, else English.

    Calling the table gives the label ``key`` in the language of ``locale`` (``None`` means
    ``zh_CN``); keyword values, when given, are filled into its ``{placeholders}``. An unknown
    key raises :class:`~pension_subsidy.UnknownKeyError` naming it; :meth:`get` gives a default
    instead. The table is a read-only copy of the mapping it is built from. The language is
    chosen by :func:`pick`, so an empty English label falls back to the Chinese one.

    >>> words = LabelTable({"persons": ("人", "persons"), "line": ("第 {line} 行", "line {line}")})
    >>> words("persons", "zh_CN"), words("persons", "en"), words("persons")
    ('人', 'persons', '人')
    >>> words("line", "en", line=12)
    'line 12'
    >>> words.get("村", "en", default="村"), words.get("村", "en") is None
    ('村', True)
    >>> words("villages", "en")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.UnknownKeyError: no label 'villages'
    """

    labels: Mapping[K, tuple[str, str]] = attrs.field(
        converter=_read_only,
        validator=_check_pairs,
        # a read-only mapping cannot be hashed; equal tables still compare equal
        hash=False,
    )

    def __call__(self, key: K, locale: Localised = None, /, **values: object) -> str:
        """The label ``key`` in the language of ``locale``, with ``values`` filled in."""
        try:
            chinese, english = self.labels[key]
        except KeyError:
            known = tuple(str(known) for known in self.labels)
            said = {"key": repr(key)}
            raise UnknownKeyError(
                code="label.unknown", params=said, key=str(key), known=known
            ) from None
        text = pick(chinese, english, locale)
        # only when asked: a label without values is shown exactly as written
        return text.format(**values) if values else text

    @overload
    def get(self, key: K, locale: Localised = None, default: None = None) -> str | None: ...

    @overload
    def get(self, key: K, locale: Localised, default: str) -> str: ...

    def get(self, key: K, locale: Localised = None, default: str | None = None) -> str | None:
        """The label ``key`` in the language of ``locale``, or ``default`` for an unknown key."""
        pair = self.labels.get(key)
        if pair is None:
            return default
        return pick(*pair, locale)


_LABELS: LabelTable[str] = LabelTable(
    {
        "report_title": ("项目支出资金测算表", "Project expenditure: funds and checks"),
        "unit": ("单位", "Unit"),
        "project": ("项目", "Project"),
        "component": ("构成", "Component"),
        "headcount": ("人数", "Persons"),
        "per_capita": ("人均 (元)", "Per capita (yuan)"),
        "amount_yuan": ("金额 (元)", "Amount (yuan)"),
        "amount_wan": ("金额 (万元)", "Amount (wan yuan)"),
        "share": ("占比", "Share"),
        "appropriation": ("预算金额", "Appropriation"),
        "total": ("合计", "Total"),
        "headroom": ("结余", "Headroom"),
        "utilisation": ("使用率", "Utilisation"),
        "status": ("状态", "Status"),
        "status_within": ("未超预算", "within"),
        "status_at": ("恰好等于预算", "exactly at"),
        "status_over": ("超出预算", "over"),
        "overrun": ("超支", "Overrun"),
        "drivers": ("超支主要来源", "Driven by"),
        "derivation": ("计算过程", "Derivation"),
        "not_itemised": (
            "未列明构成，合计按预算金额计",
            "no itemised components: total = appropriation",
        ),
        "unit_total": ("单位合计 (各项目预算之和)", "Unit total (sum of project appropriations)"),
        "stated_total": ("表列单位金额", "Unit amount as stated"),
        "yuan": ("元", "yuan"),
        "wan": ("万元", "wan yuan"),
        "wan_legend": ("", "1 wan yuan (万元) = 10,000 yuan"),
        "per_capita_short": ("人均", "per capita"),
        "amount_short": ("金额", "amount"),
        "stated_differs": ("与各项目预算之和不符", "differs from the sum of the projects"),
        "persons": ("人", "persons"),
        "year": ("年度", "Year"),
        "source": ("来源", "Source"),
    }
)


#: The one word per severity in every command (audit findings, plan-check statuses, checks):
#: 错误 = error (the figures contradict each other), 警告 = warning (worth a look, may be
#: right), 提示 = info (for the record; nothing to fix). See docs/glossary.md.
SEVERITIES: LabelTable[str] = LabelTable(
    {
        "error": ("错误", "error"),
        "warning": ("警告", "warning"),
        "info": ("提示", "info"),
    }
)


def severity_label(severity: str | Enum, locale: Locale | str | None = None) -> str:
    """The word for a severity (``"error"``, ``"warning"`` or ``"info"``) in ``locale``.

    An enum member (an audit finding's ``Severity``) is looked up by its value.

    >>> [severity_label(s, "zh_CN") for s in ("error", "warning", "info")]
    ['错误', '警告', '提示']
    >>> severity_label("warning", "en")
    'warning'
    """
    return SEVERITIES(str(severity.value if isinstance(severity, Enum) else severity), locale)


def label(key: str, locale: Locale | str | None = None) -> str:
    """The label ``key`` in the language of ``locale`` (Chinese for zh_*, else English)."""
    return _LABELS(key, locale)


# Derivations are written with Chinese units (``1025 人 × 60.00 元``); in English they are
# shown with these words instead, longest fragment first so that 元/人 is not read as 元.
_DERIVATION_EN: tuple[tuple[str, str], ...] = (
    ("（按公开金额倒算）", " (from the disclosed amount)"),
    ("无人均数（公开金额，人数为 0）", "no per-capita figure (disclosed amount, 0 persons)"),
    ("（按公开人均 ≈ ", " (at the disclosed per-capita ≈ "),
    (" 元，一次四舍五入）", " yuan, rounded once)"),
    (" 元档 ", " yuan grade: "),
    (" 元/人", " yuan/person"),
    (" 元/月", " yuan/month"),
    (" 人/村", " per village"),
    (" 元", " yuan"),
    (" 人", " persons"),
    (" 村", " villages"),
    (" 月", " months"),
)


def derivation_text(derivation: str, locale: Locale | str | None = None) -> str:
    """A component's derivation in the language of ``locale`` (the numbers stay as they are).

    .. deprecated:: Unreleased
        It translates text by replacing words, which cannot be right for every derivation
        (a county's own unit, a band's ages). Render the structured derivation instead:
        ``derivation_words(component.derivation_value(), locale)``
        (:func:`pension_subsidy.output.derivations.derivation_words`). Calling it emits a
        :class:`DeprecationWarning`.

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     derivation_text("62,000.00 元 ÷ 1025 人 = 60.49 元/人（按公开金额倒算）", "en")
    '62,000.00 yuan ÷ 1025 persons = 60.49 yuan/person (from the disclosed amount)'
    """
    warnings.warn(
        "derivation_text translates text by replacing words and is deprecated: render "
        "component.derivation_value() with pension_subsidy.output.derivations.derivation_words",
        DeprecationWarning,
        stacklevel=2,
    )
    if is_chinese(locale):
        return derivation
    for chinese, english in _DERIVATION_EN:
        derivation = derivation.replace(chinese, english)
    return derivation


def _format(number: Decimal, places: int, locale: Locale | str | None) -> str:
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(number, format=pattern, locale=resolve_locale(locale))


def format_yuan(amount: Yuan, locale: Locale | str | None = None) -> str:
    """An amount in 元 with two decimals and the locale's grouping (no rounding needed)."""
    return _format(amount.value, 2, locale)


def format_wan(
    amount: Yuan, *, places: Decimal = WAN_CENT, locale: Locale | str | None = None
) -> str:
    """An amount in 万元, rounded first with 四舍五入 to ``places`` (0.01 or 0.1).

    ``places`` is a step such as ``Decimal("0.01")``; anything else (NaN, ``1E+2``) raises
    :class:`~pension_subsidy.InvalidAmountError`.
    """
    exponent = places.as_tuple().exponent
    if not isinstance(exponent, int) or exponent > 0:
        said = {"got": repr(places)}
        raise InvalidAmountError(code="format.places", params=said, field="places", value=places)
    return _format(amount.to_wan(places), -exponent, locale)


def format_percent(value: Decimal, locale: Locale | str | None = None, places: int = 2) -> str:
    """A percentage already in percent (``Decimal("96.57")`` → ``96.57%``), 四舍五入."""
    rounded = round_half_up(value, Decimal(1).scaleb(-places))
    return _format(rounded, places, locale) + "%"


def format_count(count: int, locale: Locale | str | None = None) -> str:
    """A whole count with the locale's grouping."""
    return _format(Decimal(count), 0, locale)


def format_number(value: Decimal, locale: Locale | str | None = None, places: int = 0) -> str:
    """Any decimal figure rounded 四舍五入 to ``places`` decimals, with the locale's grouping.

    For figures that are not amounts in 元: a target of 13.8 万元 shown as ``13.80``, a
    count of 96410 persons held as a ``Decimal``.

    >>> format_number(Decimal("13.8"), "en", places=2), format_number(Decimal("96410"), "zh_CN")
    ('13.80', '96,410')
    >>> format_number(Decimal("0.125"), "en", places=2)
    '0.13'
    """
    return _format(round_half_up(value, Decimal(1).scaleb(-places)), places, locale)
