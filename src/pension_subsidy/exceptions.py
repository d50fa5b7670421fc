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
:class:`Phrase`, said in each language as well.

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

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

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

#: The languages of the message catalogue, one TOML file each.
MESSAGE_LANGUAGES: Final = ("en", "zh")

Params = Mapping[str, object]
_NO_PARAMS: Final[Params] = MappingProxyType({})


@functools.cache
def message_catalogue(language: Literal["en", "zh"]) -> Mapping[str, str]:
    """The message templates of ``language`` by code, read once from its TOML files.

    ``data/messages/<language>.toml`` holds the core; each package with many messages may
    keep its own part in ``data/messages/<language>/<package>.toml``. A code defined twice
    is an error. The files' tables nest the codes (``[amount]`` then ``malformed = "…"`` is
    the code ``amount.malformed``). Only the standard library is used, so that the lowest layer can
    say its own messages in English.

    >>> message_catalogue("en")["file.empty"]
    'empty file: expected {expected}'
    """
    # imported here: reading the catalogue is needed only once an error is raised
    import tomllib  # noqa: PLC0415
    from importlib import resources  # noqa: PLC0415

    if language not in MESSAGE_LANGUAGES:
        msg = f"language: expected one of {', '.join(MESSAGE_LANGUAGES)}, got {language!r}"
        raise ValueError(msg)
    folder = resources.files("pension_subsidy").joinpath("data", "messages")
    files = [folder.joinpath(f"{language}.toml")]
    part_folder = folder.joinpath(language)
    if part_folder.is_dir():
        parts = (item for item in part_folder.iterdir() if item.name.endswith(".toml"))
        files.extend(sorted(parts, key=lambda item: item.name))
    templates: dict[str, str] = {}

    def walk(table: Mapping[str, object], prefix: str, source: str) -> None:
        for key, value in table.items():
            if isinstance(value, Mapping):
                walk(value, f"{prefix}{key}.", source)
            elif prefix + key in templates:
                msg = f"{source}: message code {prefix + key} is defined twice"
                raise ValueError(msg)
            else:
                templates[prefix + key] = str(value)

    for file in files:
        walk(tomllib.loads(file.read_text(encoding="utf-8")), "", file.name)
    return MappingProxyType(templates)


def _fill(template: str, params: Params, shown: Mapping[str, object]) -> str:
    """``template`` with its placeholders filled from ``shown`` (``params`` already shown)."""
    try:
        return template.format_map(shown)
    except (KeyError, IndexError, ValueError, TypeError):
        # a raise site that forgot a param must still give a message, never a second error
        listed = ", ".join(f"{key}={value!r}" for key, value in params.items())
        return f"{template} [{listed}]"


def english_message(code: str, params: Params = _NO_PARAMS) -> str:
    """The English message ``code`` with ``params`` filled in (what ``str(error)`` says).

    An unknown code gives the code and its params rather than a second error.

    >>> english_message("file.empty", {"expected": "a disclosure table"})
    'empty file: expected a disclosure table'
    """
    template = message_catalogue("en").get(code)
    if template is None:
        listed = ", ".join(f"{key}={value!r}" for key, value in params.items())
        return f"{code} [{listed}]"
    return _fill(template, params, params)


def placeholders(template: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` in ``template`` (format specs left aside).

    >>> sorted(placeholders("{field}: expected {expected}, got {got!r:>5}"))
    ['expected', 'field', 'got']
    """
    import string  # noqa: PLC0415 - it imports re: needed only by the catalogue's checks

    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    )


class Phrase:
    """A word or phrase inside a message, said in each language: a code and its params.

    ``str()`` gives the English words; the output layer says it in Chinese. ``english``, when
    given, is the English text as it came (an operating system's reason such as ``"No such
    file or directory"``, a parser's own words): it is what ``str()`` gives, and a language
    whose catalogue lacks ``code`` shows it too.

    >>> str(Phrase("type.float", "float")), str(Phrase("file.role.source"))
    ('float', 'source')
    """

    __slots__ = ("code", "english", "params")

    def __init__(self, code: str, english: str | None = None, /, **params: object) -> None:
        self.code = code
        self.english = english
        self.params: Params = MappingProxyType(params)

    def __str__(self) -> str:
        """The English words."""
        if self.english is not None:
            return self.english
        return english_message(self.code, self.params)

    def __format__(self, spec: str) -> str:
        """Formatted as its English words."""
        return format(str(self), spec)

    def __repr__(self) -> str:
        """``Phrase('code', 'english', name=value)``."""
        shown = [repr(self.code)]
        if self.english is not None:
            shown.append(repr(self.english))
        shown.extend(f"{key}={value!r}" for key, value in self.params.items())
        return f"Phrase({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        """Equal phrases have the same code, English text and params."""
        if not isinstance(other, Phrase):
            return NotImplemented
        return (self.code, self.english, dict(self.params)) == (
            other.code,
            other.english,
            dict(other.params),
        )

    def __hash__(self) -> int:
        """Hashed by code and English text."""
        return hash((self.code, self.english))


def type_phrase(value: object) -> Phrase:
    """The name of ``value``'s type as a phrase: ``float``, ``list``… (浮点数, 数组… in Chinese).

    >>> type_phrase(1.5)
    Phrase('type.float', 'float')
    """
    name = type(value).__name__
    return Phrase(f"type.{name}", name)


def os_reason(error: OSError | ValueError) -> Phrase:
    """Why the system refused a file, as a phrase: its ``strerror`` in English, by errno.

    >>> import errno, os
    >>> os_reason(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))
    Phrase('os.ENOENT', 'No such file or directory')
    """
    import errno as errno_names  # noqa: PLC0415

    if isinstance(error, OSError) and error.errno is not None:
        name = errno_names.errorcode.get(error.errno, str(error.errno))
        return Phrase(f"os.{name}", error.strerror or str(error))
    if "null byte" in str(error):  # a NUL in a file's name: no file can have it
        return Phrase("os.null_byte", str(error))
    return Phrase("os.other", str(error))


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
    params: Params = _NO_PARAMS

    def __init__(
        self, *args: object, code: str | None = None, params: Params | None = None
    ) -> None:
        self.code = code
        self.params = _NO_PARAMS if not params else MappingProxyType(dict(params))
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
            problem = english_message(code, params or _NO_PARAMS) if code else ""
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
