"""The error hierarchy: every error the library raises on purpose derives from one base.

Each specific error also inherits the builtin it refines (``ValueError``, ``KeyError``,
``TypeError``), so callers that already catch those keep working. Errors carry the offending
values as attributes; their message names the field (or file and line), what was expected and
what came.
"""

from __future__ import annotations

__all__ = [
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
    "RosterMergeError",
    "UnknownIndicatorError",
    "UnknownKeyError",
    "UnsolvableError",
]


class PensionSubsidyError(Exception):
    """Base class of every error raised by pension_subsidy on purpose."""


class InvalidNumberError(PensionSubsidyError, ValueError):
    """A number read from text, a file or an option cannot be used as given.

    It is malformed, not finite (NaN, infinity), beyond the library's bounds (see
    :func:`pension_subsidy.money.parse_number`) or more precise than its field allows.
    ``field`` names what was being read (e.g. ``"percent"``), ``value`` is what came and
    ``expected`` what would have been accepted (``"an amount in whole 分 …"``), when known.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: object = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(message)
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

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class UnknownKeyError(PensionSubsidyError, KeyError):
    """A project, component, dataset or field key that does not exist was asked for.

    ``key`` is what was asked for; ``known`` lists the keys that do exist.
    """

    def __init__(self, message: str, *, key: str, known: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.known = known

    def __str__(self) -> str:
        """Return the message itself, not ``KeyError``'s quoted repr of it."""
        return self.message


class DataFileError(PensionSubsidyError, ValueError):
    """A data file (dataset, parameters, actuals, table, roster) cannot be read as expected.

    ``path`` is the file, ``line`` the 1-based line when known, ``field`` the field or cell.
    The message begins with ``path:line:`` so editors and terminals can jump to it.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        location = path or "<input>"
        if line is not None:
            location = f"{location}:{line}"
        where = f"{location}: " if field is None else f"{location}: {field}: "
        super().__init__(where + problem)
        self.problem = problem
        self.path = path
        self.line = line
        self.field = field


class NotInForceError(PensionSubsidyError, LookupError):
    """A policy parameter exists but no value of it has taken effect on the date asked for.

    ``key`` is the parameter, ``as_of`` the date.
    """

    def __init__(self, message: str, *, key: str, as_of: object) -> None:
        super().__init__(message)
        self.key = key
        self.as_of = as_of


class InvalidOverrideError(PensionSubsidyError, ValueError):
    """A scenario override, growth rate or target (``KEY.FIELD=VALUE``) cannot be read or applied.

    ``text`` is the override as given.
    """

    def __init__(self, message: str, *, text: str) -> None:
        super().__init__(message)
        self.text = text


class UnsolvableError(PensionSubsidyError, ValueError):
    """No value of the varied input keeps the project within its appropriation (or any does).

    ``target`` is the ``KEY.FIELD`` that was varied.
    """

    def __init__(self, message: str, *, target: str) -> None:
        super().__init__(message)
        self.target = target


class EvaluationError(PensionSubsidyError, ValueError):
    """A performance self-evaluation (绩效自评) cannot be made as asked.

    For example weights that do not add up, or a level-1 weight with no indicator to carry
    it. ``project`` is the project's key.
    """

    def __init__(self, message: str, *, project: str | None = None) -> None:
        super().__init__(message)
        self.project = project


class ActualValueError(EvaluationError):
    """An actual result (实际完成值) cannot be read or does not fit its indicator.

    An unreadable value, a unit that does not match the target's (人 vs %), a word for a
    number or a number for a word. ``project``, ``indicator`` and ``value`` say which.
    """

    def __init__(
        self, message: str, *, project: str | None, indicator: str | None, value: object
    ) -> None:
        super().__init__(message, project=project)
        self.indicator = indicator
        self.value = value


class UnknownIndicatorError(UnknownKeyError):
    """An actual result, reason, measure or weight names an indicator the project lacks.

    ``project`` is the project's key, ``key`` the name given and ``known`` the project's
    indicator names; ``value`` is what was given for it.
    """

    def __init__(
        self,
        message: str,
        *,
        project: str,
        key: str,
        known: tuple[str, ...] = (),
        value: object = None,
    ) -> None:
        super().__init__(message, key=key, known=known)
        self.project = project
        self.value = value


class RosterMergeError(PensionSubsidyError, ValueError):
    """Two roster tallies counted under different rules cannot be merged."""


class MissingDependencyError(PensionSubsidyError, ImportError):
    """An optional dependency is needed but not installed (e.g. openpyxl for ``.xlsx``).

    ``extra`` names the extra that installs it: ``pip install 'pension-subsidy[excel]'``.
    """

    def __init__(self, message: str, *, extra: str) -> None:
        super().__init__(message)
        self.extra = extra
