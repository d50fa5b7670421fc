"""The error hierarchy: every error the library raises on purpose derives from one base.

Each specific error also inherits the builtin it refines (``ValueError``, ``KeyError``,
``TypeError``), so callers that already catch those keep working. Errors carry the offending
values as attributes; their message names the field (or file and line), what was expected and
what came.
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "FloatAmountError",
    "InvalidAmountError",
    "InvalidHeadcountError",
    "MissingDependencyError",
    "PensionSubsidyError",
    "UnknownKeyError",
]


class PensionSubsidyError(Exception):
    """Base class of every error raised by pension_subsidy on purpose."""


class InvalidAmountError(PensionSubsidyError, ValueError):
    """A money amount is malformed, not finite, too precise or negative where it must not be.

    ``field`` names what was being set (e.g. ``"per_capita"``), ``value`` is what came.
    """

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


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


class MissingDependencyError(PensionSubsidyError, ImportError):
    """An optional dependency is needed but not installed (e.g. openpyxl for ``.xlsx``).

    ``extra`` names the extra that installs it: ``pip install 'pension-subsidy[excel]'``.
    """

    def __init__(self, message: str, *, extra: str) -> None:
        super().__init__(message)
        self.extra = extra
