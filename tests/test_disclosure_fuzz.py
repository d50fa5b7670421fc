"""Arbitrary input never raises anything but the library's own errors."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from pension_subsidy import PensionSubsidyError, audit, parse_disclosure, read_disclosure
from tests.disclosure_helpers import SEED_TEXT

#: Text that looks like a table often enough to reach the cell parsers.
_table_like = st.lists(
    st.one_of(
        st.text(),
        st.sampled_from(SEED_TEXT.split("\n")),
        st.lists(
            st.one_of(
                st.text(),
                st.sampled_from(
                    ["<p>", "</p>", "一、产出指标", "501", "175,0O", "≥", "$\\geq 100\\%$"]
                ),
            ),
            max_size=6,
        ).map("\t".join),
    ),
    max_size=12,
).map("\n".join)


def _parse_or_library_error(text: str, format: str) -> None:
    try:
        disclosure = parse_disclosure(text, format=format)
    except PensionSubsidyError:
        return
    audit(disclosure)  # whatever reads must also audit


class TestFuzz:
    @given(st.text())
    @example("")
    @example("\x00")
    @example(SEED_TEXT[:-20])
    def test_arbitrary_text(self, text):
        """Any text, as txt or csv, reads or raises a PensionSubsidyError."""
        _parse_or_library_error(text, "txt")
        _parse_or_library_error(text, "csv")

    @given(_table_like)
    def test_table_like_text(self, text):
        """Text made of table pieces reads (and audits) or raises a PensionSubsidyError."""
        _parse_or_library_error(text, "txt")
        _parse_or_library_error(text, "csv")

    @given(st.binary(max_size=300), st.sampled_from([".txt", ".csv", ".xlsx", ".tsv"]))
    def test_arbitrary_bytes_in_files(self, data, suffix):
        """Any bytes in a file of any table suffix read or raise a PensionSubsidyError."""
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / f"table{suffix}"
            path.write_bytes(data)
            with contextlib.suppress(PensionSubsidyError):
                read_disclosure(path)
