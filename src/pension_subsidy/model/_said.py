"""Helpers for the model's error messages: phrases of the catalogue shared by its readers.

>>> str(joined_and(["a_wan", "a_yuan", "a_yi"]))
'a_wan and a_yuan and a_yi'
>>> str(whole_out_of_bounds(-3))
'expected a whole number ≥ 0, got -3'
"""

from __future__ import annotations

from pension_subsidy.exceptions import DataFileError, Phrase, english_message


def data_error(problem: str | Phrase, *, path: str, field: str) -> DataFileError:
    """A data file's error at ``field``: a :class:`Phrase` of a code is said in each language."""
    if isinstance(problem, Phrase) and problem.english is None:
        return DataFileError(code=problem.code, params=problem.params, path=path, field=field)
    return DataFileError(str(problem), path=path, field=field)


def problem_of(error: DataFileError) -> Phrase | str:
    """What ``error`` says is wrong, without its location: a phrase of its code when coded.

    A coded error whose English problem is worded otherwise than its code's message keeps
    that English (``str()`` of the phrase) and is said from its code in Chinese.

    >>> error = DataFileError("reads back as 7", code="write_dataset.budget_differs")
    >>> said = problem_of(error)
    >>> str(said), said.code
    ('reads back as 7', 'write_dataset.budget_differs')
    """
    if error.code is None:
        return error.problem
    if english_message(error.code, error.params) == error.problem:
        return Phrase(error.code, **error.params)
    without = {**error.params, "at": ""}  # the message less the field it begins with
    if "at" in error.params and english_message(error.code, without) == error.problem:
        return Phrase(error.code, **without)
    # worded otherwise in English (a wrapper's own ending): that English is kept, and every
    # other language says the code, so that no English is left in a Chinese message
    said = without if "at" in error.params else error.params
    return Phrase(error.code, error.problem, **said)


def joined_and(words: list[str]) -> Phrase | str:
    """``a and b and c`` as a phrase (``a 和 b 和 c``)."""
    said: Phrase | str = words[0]
    for word in words[1:]:
        said = Phrase("dataset.and", first=said, second=word)
    return said


def whole_out_of_bounds(value: int) -> Phrase:
    """``expected a whole number ≥ 0, got -1`` (or of at most 10^15) as a phrase."""
    # an int of thousands of digits cannot even be shown (int_max_str_digits)
    shown = Phrase("dataset.got", got=value) if abs(value) < 10**30 else Phrase("dataset.nothing")
    code = "dataset.whole_negative" if value < 0 else "dataset.whole_too_large"
    return Phrase(code, shown=shown)
