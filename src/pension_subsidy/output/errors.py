"""Error messages in the reader's language: the message catalogue said in Chinese or English.

An error raised with a message code (``error.code``, ``error.params``) is said from the
catalogue of the language (``pension_subsidy/data/messages/<language>.toml``); English is
exactly ``str(error)``. Numbers in a Chinese message are formatted as the rest of the Chinese
output (``1,025``); codes, field names, file names and the values a user typed are shown as
they are. A data file's location stays machine-readable in both languages: ``file:line:
field: `` with ASCII colons, a field such as ``column 3`` said in the language.

An error raised with text only (no code yet) is shown in Chinese with its location, the lead
:data:`FALLBACK_LEAD` and its English text. An error that repeats a coded one (a file's error
around an amount's, ``detail`` or the exception it was raised from) is said from that one's
code when its English text is that one's message or its end.

>>> from pension_subsidy.exceptions import DataFileError, Phrase
>>> error = DataFileError(code="file.empty", params={"expected": Phrase("file.kind.table")},
...                       path="t.txt")
>>> str(error)
't.txt: empty file: expected a disclosure table'
>>> error_text(error, "zh_CN")
't.txt: 空文件：应为公开表'
>>> error_text(DataFileError("bad thing", path="t.txt", line=3), "zh_CN")
't.txt:3: 输入有误：bad thing'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from pension_subsidy.exceptions import (
    DataFileError,
    PensionSubsidyError,
    Phrase,
    english_message,
    message_catalogue,
)
from pension_subsidy.output.language import Localised, format_count, format_number, language_of

__all__ = ["FALLBACK_LEAD", "error_line", "error_text", "message_text", "phrase_text"]

#: What a Chinese message says before the English text of an error raised without a code.
FALLBACK_LEAD = "输入有误："
#: The location of a data error that names no file, in Chinese.
_NO_PATH_ZH = "<输入>"


def error_text(error: BaseException, locale: Localised = None) -> str:
    """The message of ``error`` in the language of ``locale`` (``None`` means ``zh_CN``).

    English is ``str(error)``, whatever the error. An unknown locale gives English: the
    message of an error about the locale itself must still be shown.
    """
    language = _language(locale)
    if language == "en" or not isinstance(error, PensionSubsidyError):
        return str(error)
    body = _chinese_body(error)
    if isinstance(error, DataFileError):
        return _location(error) + body
    return body


def error_line(
    error: BaseException, locale: Localised = None, *, check_failed: bool = False
) -> str:
    """The one line the command line prints for ``error``: ``pension-subsidy: error: …``.

    ``check_failed`` (a check's result, exit 1) leaves out the word "error".

    >>> from pension_subsidy.exceptions import UnknownKeyError
    >>> error_line(UnknownKeyError("no project 'x'", key="x"), "en")
    "pension-subsidy: error: no project 'x'"
    """
    chinese = _language(locale) == "zh"
    if check_failed:
        prefix = "pension-subsidy: "
    else:
        prefix = "pension-subsidy: 错误：" if chinese else "pension-subsidy: error: "
    return prefix + error_text(error, locale)


def message_text(code: str, params: Mapping[str, object], locale: Localised = None) -> str:
    """The catalogue's message ``code`` with ``params`` in the language of ``locale``.

    A code the language's catalogue lacks is said in English.

    >>> message_text("file.empty", {"expected": Phrase("file.kind.table")}, "zh_CN")
    '空文件：应为公开表'
    """
    if _language(locale) == "en":
        return english_message(code, params)
    template = message_catalogue("zh").get(code)
    if template is None:
        return english_message(code, params)
    return _fill(template, params)


def phrase_text(phrase: Phrase | str, locale: Localised = None) -> str:
    """A phrase (or plain text) in the language of ``locale``; its English when unknown.

    >>> phrase_text(Phrase("type.float", "float"), "zh_CN"), phrase_text("B7", "zh_CN")
    ('浮点数', 'B7')
    """
    if not isinstance(phrase, Phrase):
        return phrase
    if _language(locale) == "en":
        return str(phrase)
    template = message_catalogue("zh").get(phrase.code)
    if template is None:
        return str(phrase)
    return _fill(template, phrase.params)


def _language(locale: Localised) -> str:
    try:
        return language_of(locale)
    except PensionSubsidyError:  # an unknown locale: the error about it is said in English
        return "en"


def _fill(template: str, params: Mapping[str, object]) -> str:
    shown = {key: _chinese_value(value) for key, value in params.items()}
    try:
        return template.format_map(shown)
    except (KeyError, IndexError, ValueError):
        # a param missing at the raise site: the message is still shown, with what came
        return template + " [" + ", ".join(f"{k}={v}" for k, v in shown.items()) + "]"


def _chinese_value(value: object) -> str:
    """A param as Chinese output shows it: numbers grouped, phrases in Chinese."""
    if isinstance(value, Phrase):
        return phrase_text(value, "zh_CN")
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, int):
        # babel's decimal context holds every count the library reads (10^15); a larger
        # int (one the user typed) is grouped the same way by Python
        return format_count(value, "zh_CN") if abs(value) < 10**18 else f"{value:,}"
    exponent = value.as_tuple().exponent
    if not value.is_finite() or not isinstance(exponent, int) or abs(value.adjusted()) > 30:
        return str(value)
    return format_number(value, "zh_CN", places=max(0, -exponent))


def _coded_source(error: PensionSubsidyError) -> PensionSubsidyError | None:
    """The coded error whose message ``error`` says: itself, its detail or its cause."""
    if error.code is not None:
        return error
    for candidate in (
        getattr(error, "detail", None),
        error.__cause__,
        error.__context__,
    ):
        if isinstance(candidate, PensionSubsidyError) and candidate.code is not None:
            return candidate
    return None


def _chinese_body(error: PensionSubsidyError) -> str:
    """What is wrong, in Chinese; the English text after a lead when it has no code."""
    english = error.problem if isinstance(error, DataFileError) else str(error)
    source = _coded_source(error)
    if source is not None and source.code is not None and (english or source is error):
        full = english_message(source.code, source.params)
        if full.endswith(english):
            # the message may repeat only the end of the coded one (its field cut off)
            cut = full[: len(full) - len(english)]
            chinese = message_text(source.code, source.params, "zh_CN")
            if chinese.startswith(cut):
                return chinese[len(cut) :]
    return FALLBACK_LEAD + english


def _location(error: DataFileError) -> str:
    """``path:line: field: `` with the field said in Chinese: the same colons as English."""
    location = error.path or _NO_PATH_ZH
    if error.line is not None:
        location = f"{location}:{error.line}"
    if error.field_phrase is None:
        return f"{location}: "
    return f"{location}: {phrase_text(error.field_phrase, 'zh_CN')}: "
