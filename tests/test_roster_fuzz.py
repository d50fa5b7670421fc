"""Arbitrary roster files never raise anything but the library's own errors."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pension_subsidy import PensionSubsidyError
from pension_subsidy.roster import tally_roster

HEADER = (
    "person_id,township,village,birth_date,paying,grade,disability,poverty,cadre,land_loss,"
    "receiving\n"
)
# Pieces a real export is made of, and ones that break it: quotes, separators, line ends,
# Chinese text, control characters, signs and numbers.
PIECES = st.sampled_from(
    ["P1", "P2", "东川镇", "甲村", "1960-01-01", "2999-01-01", "1", "0", "100", "500", "-5",
     "severe", "重度", "mild", "", ",", '"', '""', "\n", "\r\n", "\r", "\x00", "x", " ", "1e9"]
)  # fmt: skip


def _tally(data: bytes, **options: object) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(data)
        try:
            return tally_roster(path, **options)  # type: ignore[arg-type]
        except PensionSubsidyError as error:
            return error


class TestArbitraryRosters:
    @settings(max_examples=150)
    @given(st.lists(PIECES, max_size=80))
    def test_rows_add_up_or_a_library_error(self, pieces: list[str]) -> None:
        """Any text under a valid header is tallied with read = accepted + rejected, or is
        refused with the library's own error; one and two processes agree."""
        data = (HEADER + "".join(pieces)).encode("utf-8")
        one = _tally(data, jobs=1)
        if not isinstance(one, PensionSubsidyError):
            assert one.rows_read == one.accepted + one.rejected  # type: ignore[attr-defined]
        two = _tally(data, jobs=2)
        assert type(one) is type(two)
        if not isinstance(one, PensionSubsidyError):
            assert one == two

    @settings(max_examples=100)
    @given(st.binary(max_size=300))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        """Bytes that are no roster at all raise only the library's own errors."""
        result = _tally(data)
        if not isinstance(result, PensionSubsidyError):
            assert result.rows_read == result.accepted + result.rejected  # type: ignore[attr-defined]
