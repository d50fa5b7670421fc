"""Synthetic rosters (模拟名册): reproducible, realistic in shape, clearly not real people.

Townships are named ``乡镇01`` …, villages ``乡镇01-村01`` …, ids ``SYN`` + 15 digits. The
shares are of the order of the Menyuan 2022 table (most insured persons pay, mostly at the
lowest grade; about 1 % severely and 1.3 % mildly disabled, 7.5 % in registered poverty
households); persons aged 60 or more in 2022 receive benefits. With ``identities`` the rows
also carry the optional columns (:data:`IDENTITY_HEADER`: 特困人员 about 0.5 %, 低保对象 5 %,
监测对象 1 %, 补缴 2 %), drawn from a generator of their own, so that the other columns are
the same as without them.

>>> rows = list(synthetic_rows(3, seed=1))
>>> rows == list(synthetic_rows(3, seed=1)), len(rows[0]) == len(SYNTH_HEADER)
(True, True)
>>> [row[:11] for row in synthetic_rows(3, seed=1, identities=True)] == rows
True
"""

from __future__ import annotations

import csv
import datetime
import os
import random
from collections.abc import Iterator
from typing import Final

from pension_subsidy._files import open_text_output
from pension_subsidy.exceptions import InvalidHeadcountError, InvalidNumberError
from pension_subsidy.roster.classify import FIELDS, Reason

__all__ = [
    "CORRUPTIONS",
    "IDENTITY_HEADER",
    "MAX_SYNTHETIC_ROWS",
    "SYNTH_HEADER",
    "corrupt_row",
    "synthetic_rows",
    "write_synthetic_roster",
]

#: The header of a synthetic roster: the default English field names.
SYNTH_HEADER: Final = FIELDS
#: The optional columns a synthetic roster with identities adds, under their Chinese headers.
IDENTITY_HEADER: Final = ("特困人员", "低保对象", "监测对象", "补缴")
_IDENTITY_SHARES: Final = (0.005, 0.05, 0.01, 0.02)
#: The most rows :func:`write_synthetic_roster` writes: 10^9 (about 70 GB, more persons than
#: the scheme insures nationwide); a larger count is a typing error, not a test roster.
MAX_SYNTHETIC_ROWS: Final = 10**9

_TOWNSHIPS: Final = 12
_VILLAGES: Final = 109  # as the Menyuan table's 109 villages
_GRADES: Final = (
    "100",
    "100",
    "100",
    "100",
    "100",
    "200",
    "200",
    "300",
    "500",
    "500",
    "1000",
    "2000",
)
_FIRST_DAY: Final = datetime.date(1940, 1, 1).toordinal()
_LAST_DAY: Final = datetime.date(2006, 12, 31).toordinal()
_RECEIVING_BORN_BEFORE: Final = datetime.date(1963, 1, 1).toordinal()  # 60 or more in 2022

#: The kinds of corruption :func:`corrupt_row` makes, each the reason it is rejected for.
CORRUPTIONS: Final = (
    Reason.MISSING_FIELD,
    Reason.BAD_NUMBER,
    Reason.BAD_DATE,
    Reason.UNKNOWN_GRADE,
    Reason.NEGATIVE_VALUE,
    Reason.UNKNOWN_CATEGORY,
    Reason.DUPLICATE_PERSON_ID,
    Reason.WRONG_FIELD_COUNT,
)


def synthetic_rows(count: int, *, seed: int, identities: bool = False) -> Iterator[list[str]]:
    """``count`` synthetic roster rows (fields as :data:`SYNTH_HEADER`), the same for a seed.

    ``identities`` adds the :data:`IDENTITY_HEADER` columns to each row.
    """
    rng = random.Random(seed)  # noqa: S311  (synthetic data, reproducible, not secret)
    extra = random.Random(f"identities-{seed}")  # noqa: S311  (as above)
    villages = [(f"乡镇{v % _TOWNSHIPS + 1:02d}", v) for v in range(_VILLAGES)]
    for number in range(count):
        township, village_number = villages[rng.randrange(_VILLAGES)]
        village = f"{township}-村{village_number // _TOWNSHIPS + 1:02d}"
        day = rng.randint(_FIRST_DAY, _LAST_DAY)
        receiving = day < _RECEIVING_BORN_BEFORE
        paying = not receiving and rng.random() < 0.8
        draw = rng.random()
        disability = "severe" if draw < 0.011 else "mild" if draw < 0.024 else ""
        flags = (
            ["1" if extra.random() < share else "0" for share in _IDENTITY_SHARES]
            if identities
            else []
        )
        yield [
            f"SYN{seed % 1000:03d}{number:012d}",
            township,
            village,
            datetime.date.fromordinal(day).isoformat(),
            "1" if paying else "0",
            rng.choice(_GRADES) if paying else "",
            disability,
            "1" if rng.random() < 0.075 else "0",
            "1" if rng.random() < 0.006 else "0",
            "1" if rng.random() < 0.01 else "0",
            "1" if receiving else "0",
            *flags,
        ]


def corrupt_row(row: list[str], kind: Reason, *, earlier_id: str) -> list[str]:
    """A copy of a synthetic row made wrong in the way ``kind`` names.

    ``earlier_id`` is the id of an accepted earlier row, for a duplicate person id.
    """
    bad = list(row)
    index = {field: position for position, field in enumerate(FIELDS)}
    if kind is Reason.MISSING_FIELD:
        bad[index["village"]] = ""
    elif kind is Reason.BAD_NUMBER:
        bad[index["paying"]] = "yes"
    elif kind is Reason.BAD_DATE:
        bad[index["birth_date"]] = "1960-02-30"
    elif kind is Reason.UNKNOWN_GRADE:
        bad[index["paying"]], bad[index["grade"]] = "1", "50"
    elif kind is Reason.NEGATIVE_VALUE:
        bad[index["paying"]], bad[index["grade"]] = "1", "-100"
    elif kind is Reason.UNKNOWN_CATEGORY:
        bad[index["disability"]] = "blind"
    elif kind is Reason.DUPLICATE_PERSON_ID:
        bad[index["person_id"]] = earlier_id
    else:
        bad = bad[:-1]
    return bad


def write_synthetic_roster(
    path: str | os.PathLike[str],
    count: int,
    *,
    seed: int,
    corrupt: float = 0.0,
    identities: bool = False,
) -> dict[int, Reason]:
    """Write a synthetic roster CSV (UTF-8, with header); return the corrupted lines.

    ``identities`` adds the optional columns of :data:`IDENTITY_HEADER` (特困, 低保, 监测对象,
    补缴); the other columns are the same as without them.

    ``count`` is from 0 to :data:`MAX_SYNTHETIC_ROWS`. ``corrupt`` is the fraction of rows
    (after the first) made wrong, each in one of the :data:`CORRUPTIONS` ways; the result maps
    each such line to the reason it must be rejected for.

    The file is written all or nothing, as every output of the library: an error or an
    interruption (Ctrl-C, ``kill -9``) leaves the old file as it was and no partial roster.
    A ``path`` that is a folder or in a missing folder raises
    :class:`~pension_subsidy.DataFileError` before anything is written.
    """
    if not 0 <= count <= MAX_SYNTHETIC_ROWS:
        said = {"at": "count: ", "limit": MAX_SYNTHETIC_ROWS, "got": repr(count)}
        code = "roster.synth.count"
        raise InvalidHeadcountError(code=code, params=said, field="count", value=count)
    if not 0 <= corrupt <= 1:
        said = {"at": "corrupt: ", "got": repr(corrupt)}
        code = "roster.synth.corrupt"
        raise InvalidNumberError(code=code, params=said, field="corrupt", value=corrupt)
    rng = random.Random(f"corrupt-{seed}")  # noqa: S311  (as above)
    wanted = round((count - 1) * corrupt) if count > 1 else 0
    chosen = set(rng.sample(range(1, count), wanted)) if wanted else set()
    corrupted: dict[int, Reason] = {}
    first_id = ""
    with open_text_output(path, encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow((*SYNTH_HEADER, *IDENTITY_HEADER) if identities else SYNTH_HEADER)
        # the plain call when plain: a stand-in generator (a test's) need not know identities
        rows = (
            synthetic_rows(count, seed=seed, identities=True)
            if identities
            else synthetic_rows(count, seed=seed)
        )
        for index, row in enumerate(rows):
            if index == 0:
                first_id = row[0]
            if index in chosen:
                kind = rng.choice(CORRUPTIONS)
                row = corrupt_row(row, kind, earlier_id=first_id)  # noqa: PLW2901
                corrupted[index + 2] = kind
            writer.writerow(row)
    return corrupted
