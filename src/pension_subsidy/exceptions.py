"""The error hierarchy: every error the library raises on purpose derives from one base.

Each specific error also inherits the builtin it refines (``ValueError``, ``KeyError``,
``TypeError``), so callers that already catch those keep working. Errors carry the offending
values as attributes; their message names the field (or file and line), what was expected and
what came.

An error raised with a message code carries ``code`` and ``params``: the code names a message
of the catalogue (one TOML file per language under ``pension_subsidy/data/messages``) and
the params fill its ``{placeholders}``. ``str(error)`` is the English message; the output
layer says it in Chinese (:func:`pension_subsidy.output.errors.error_text`). A word the
library chooses inside a message (a type's name, the reason the system gives) is a
:class:`Phrase`, said in each language as well. The catalogue and the phrases live in the
private :mod:`pension_subsidy._messages`; every name of it is importable from here.

>>> what = Phrase("expected.amount.what")
>>> error = InvalidAmountError(
...     code="number.expected",
...     params={"at": "per_capita: ", "expected": what, "got": "'6,2'"},
...     field="per_capita",
...     value="6,2",
... )
>>> str(error)
"per_capita: expected a number of 元 such as '61500.00', got '6,2'"
>>> error.code, error.params["got"]
('number.expected', "'6,2'")
"""

from __future__ import annotations

from types import MappingProxyType

from pension_subsidy._messages import (
    MESSAGE_LANGUAGES,
    NO_PARAMS,
    Params,
    Phrase,
    english_message,
    message_catalogue,
    os_reason,
    placeholders,
    type_phrase,
)

__all__ = [
    "MESSAGE_LANGUAGES",
    "ActualValueError",
    "DataFileError",
    "EvaluationError",
    "FloatAmountError",
    "InvalidAmountError",
    "InvalidHeadcountError",
    "InvalidNumberError",
    "InvalidOverrideError",
    "MissingDependencyError",
    "NotInForceError",
    "PensionSubsidyError",
    "Phrase",
    "RosterMergeError",
    "UnknownIndicatorError",
    "UnknownKeyError",
    "UnsolvableError",
    "detail_of",
    "english_message",
    "message_catalogue",
    "os_reason",
    "placeholders",
    "type_phrase",
]


def detail_of(error: BaseException, prefix: str = "") -> Phrase | str:
    """``error``'s message less ``prefix``, to repeat inside another message.

    A coded error gives a :class:`Phrase` of its code (said in each language), the field it
    begins with (``"value: "``, its ``at`` param) left out when that is ``prefix``; any other
    error gives its text.

    >>> limit = Phrase("expected.number.limit")
    >>> error = InvalidNumberError(
    ...     code="number.too_large", params={"at": "value: ", "expected": limit, "got": "'1e99'"}
    ... )
    >>> said = detail_of(error, "value: ")
    >>> said.code, str(said)[:22]
    ('number.too_large', 'too large: expected a ')
    """
    text = str(error).removeprefix(prefix)
    if isinstance(error, PensionSubsidyError) and error.code is not None:
        params = dict(error.params)
        if prefix and params.get("at") == prefix:
            params["at"] = ""
        if english_message(error.code, params) == text:
            return Phrase(error.code, **params)
    return text


class PensionSubsidyError(Exception):
    """Base class of every error raised by pension_subsidy on purpose.

    Raised with a ``code`` (and its ``params``) instead of a message, the English message
    comes from the catalogue; raised with a message only, ``code`` is ``None`` and the
    message is shown as it is in every language (after a generic lead in Chinese).
    """

    #: The message's code in the catalogue, or ``None`` for an error raised with text only.
    code: str | None = None
    #: The values the message's placeholders are filled with.
    params: Params = NO_PARAMS

    def __init__(
        self, *args: object, code: str | None = None, params: Params | None = None
    ) -> None:
        self.code = code
        self.params = NO_PARAMS if not params else MappingProxyType(dict(params))
        if code is not None and (not args or args[0] is None):
            args = (english_message(code, self.params), *args[1:])
        super().__init__(*args)


class InvalidNumberError(PensionSubsidyError, ValueError):
    """A number read from text, a file or an option cannot be used as given.

    It is malformed, not finite (NaN, infinity), beyond the library's bounds (see
    :func:`pension_subsidy.money.parse_number`) or more precise than its field allows.
    ``field`` names what was being read (e.g. ``"percent"``), ``value`` is what came and
    ``expected`` what would have been accepted (``"an amount in whole 分 …"``), when known.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        value: object = None,
        expected: str | None = None,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.field = field
        self.value = value
        self.expected = expected


class InvalidAmountError(InvalidNumberError):
    """A money amount is malformed, not finite, too precise, too large or wrongly negative.

    ``field`` names what was being set (e.g. ``"per_capita"``), ``value`` is what came.
    """


class FloatAmountError(InvalidAmountError, TypeError):
    """A binary float was given where exact money is expected.

    Floats cannot represent most 分 amounts exactly (``0.1 + 0.2 != 0.3``); pass a ``str``,
    ``int`` or ``decimal.Decimal`` instead.
    """


class InvalidHeadcountError(PensionSubsidyError, ValueError):
    """A headcount (persons, villages, months) is not a whole, non-negative number."""

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        value: object = None,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.field = field
        self.value = value


class UnknownKeyError(PensionSubsidyError, KeyError):
    """A project, component, dataset or field key that does not exist was asked for.

    ``key`` is what was asked for; ``known`` lists the keys that do exist.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        key: str,
        known: tuple[str, ...] = (),
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.message: str = str(self.args[0]) if self.args else ""
        self.key = key
        self.known = known

    def __str__(self) -> str:
        """Return the message itself, not ``KeyError``'s quoted repr of it."""
        return self.message


class DataFileError(PensionSubsidyError, ValueError):
    """A data file (dataset, parameters, actuals, table, roster) cannot be read as expected.

    ``path`` is the file, ``line`` the 1-based line when known, ``field`` the field or cell.
    The message begins with ``path:line:`` so editors and terminals can jump to it.

    ``problem`` is what is wrong, in English; with a ``code`` it comes from the catalogue.
    ``detail``, when given, is the library error whose message this one repeats (an amount
    read from a cell): its code and params are this error's, and ``problem`` is its message,
    or the end of it when given. A ``field`` given as a :class:`Phrase` (``column 3``) is
    said in each language; ``field`` itself is always its English text.
    """

    def __init__(
        self,
        problem: str | None = None,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | Phrase | None = None,
        code: str | None = None,
        params: Params | None = None,
        detail: PensionSubsidyError | None = None,
    ) -> None:
        if detail is not None and code is None:
            code, params = detail.code, detail.params
            if problem is None:
                repeated = detail.problem if isinstance(detail, DataFileError) else str(detail)
                problem = repeated
        if problem is None:
            problem = english_message(code, params or NO_PARAMS) if code else ""
        location = path or "<input>"
        if line is not None:
            location = f"{location}:{line}"
        where = f"{location}: " if field is None else f"{location}: {field}: "
        super().__init__(where + problem, code=code, params=params)
        self.problem: str = problem
        self.path = path
        self.line = line
        self.field = None if field is None else str(field)
        #: The field as given: a :class:`Phrase` is said in each language.
        self.field_phrase = field
        self.detail = detail


class NotInForceError(PensionSubsidyError, LookupError):
    """A policy parameter exists but no value of it has taken effect on the date asked for.

    ``key`` is the parameter, ``as_of`` the date.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        key: str,
        as_of: object,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.key = key
        self.as_of = as_of


class InvalidOverrideError(PensionSubsidyError, ValueError):
    """A scenario override, growth rate or target (``KEY.FIELD=VALUE``) cannot be read or applied.

    ``text`` is the override as given.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        text: str,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.text = text


class UnsolvableError(PensionSubsidyError, ValueError):
    """No value of the varied input keeps the project within its appropriation (or any does).

    ``target`` is the ``KEY.FIELD`` that was varied.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        target: str,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.target = target


class EvaluationError(PensionSubsidyError, ValueError):
    """A performance self-evaluation (绩效自评) cannot be made as asked.

    For example weights that do not add up, or a level-1 weight with no indicator to carry
    it. ``project`` is the project's key.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        project: str | None = None,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.project = project


class ActualValueError(EvaluationError):
    """An actual result (实际完成值) cannot be read or does not fit its indicator.

    An unreadable value, a unit that does not match the target's (人 vs %), a word for a
    number or a number for a word. ``project``, ``indicator`` and ``value`` say which.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        project: str | None,
        indicator: str | None,
        value: object,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, project=project, code=code, params=params)
        self.indicator = indicator
        self.value = value


class UnknownIndicatorError(UnknownKeyError):
    """An actual result, reason, measure or weight names an indicator the project lacks.

    ``project`` is the project's key, ``key`` the name given and ``known`` the project's
    indicator names; ``value`` is what was given for it.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        project: str,
        key: str,
        known: tuple[str, ...] = (),
        value: object = None,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, key=key, known=known, code=code, params=params)
        self.project = project
        self.value = value


class RosterMergeError(PensionSubsidyError, ValueError):
    """Two roster tallies counted under different rules cannot be merged."""


class MissingDependencyError(PensionSubsidyError, ImportError):
    """An optional dependency is needed but not installed (e.g. openpyxl for ``.xlsx``).

    ``extra`` names the extra that installs it: ``pip install 'pension-subsidy[excel]'``.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        extra: str,
        code: str | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.extra = extra
