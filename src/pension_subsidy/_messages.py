"""The message catalogue and the words said inside messages: codes, templates, phrases.

The lowest layer beside :mod:`pension_subsidy.exceptions`, which re-exports every public
name here: the catalogue (one TOML file per language under ``data/messages``, plus each
package's part), the English message of a code, and :class:`Phrase`, a word the library
chooses inside a message, said in each language. Only the standard library is used.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

__all__ = [
    "MESSAGE_LANGUAGES",
    "NO_PARAMS",
    "Params",
    "Phrase",
    "english_message",
    "message_catalogue",
    "os_reason",
    "placeholders",
    "type_phrase",
]

#: The languages of the message catalogue, one TOML file each.
MESSAGE_LANGUAGES: Final = ("en", "zh")

#: The values a message's placeholders are filled with, by name.
Params = Mapping[str, object]
#: No params (an empty, read-only mapping).
NO_PARAMS: Final[Params] = MappingProxyType({})


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


def english_message(code: str, params: Params = NO_PARAMS) -> str:
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

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its code, English text and params (a Dask worker's error travels so)."""
        return (_phrase, (self.code, self.english, dict(self.params)))


def _phrase(code: str, english: str | None, params: dict[str, object]) -> Phrase:
    """The phrase ``Phrase(code, english, **params)`` (how a pickled phrase is rebuilt)."""
    return Phrase(code, english, **params)


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
