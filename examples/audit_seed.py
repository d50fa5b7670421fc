"""Read the 2022 Menyuan disclosure table, audit it, and convert it to every format.

The table ships with the library (``load_bundled_disclosure``); the same file sits in the
repository's neighbour ``shared/seed/`` where that exists. Output goes to a temporary
directory, never into the repository.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pension_subsidy as ps
from pension_subsidy.disclosure import bundled_disclosure_text

SHARED_SEED = Path(__file__).resolve().parents[2] / "shared/seed/menyuan-2022-disclosure.txt"


def main() -> None:
    disclosure = ps.load_bundled_disclosure("menyuan-2022")
    if SHARED_SEED.exists():  # the packaged copy is the published table, byte for byte
        assert SHARED_SEED.read_bytes() == bundled_disclosure_text("menyuan-2022")

    findings = ps.audit(disclosure)
    for finding in findings:
        print(f"{finding.severity.value:7} {finding.code}: {finding.message_en}")

    with tempfile.TemporaryDirectory() as directory:
        for kind in ("txt", "csv", "md", "html", "xlsx"):
            path = ps.write_disclosure(disclosure, Path(directory) / f"menyuan-2022.{kind}")
            print(f"wrote {path.name} ({path.stat().st_size:,} bytes)")
            if kind in ("txt", "csv", "xlsx"):
                again = ps.read_disclosure(path, key="menyuan-2022")
                same = (
                    ps.report_data(again.budget)["projects"]
                    == ps.report_data(disclosure.budget)["projects"]
                )
                print(f"    reads back to the same figures: {same}")


if __name__ == "__main__":
    main()
