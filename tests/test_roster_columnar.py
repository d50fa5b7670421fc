"""The columnar engine (polars, the ``fast`` extra) gives the pure engine's answer to the byte.

Both engines tally the same files; the JSON, the rejects file, every reason and line number
must be the same. Files the columnar engine does not read itself (quotes, a lone carriage
return, UTF-16) fall back to the pure engine, so they too must agree.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import DataFileError
from pension_subsidy.money import Yuan
from pension_subsidy.output.rejects import RejectsWriter
from pension_subsidy.output.roster_text import render_roster
from pension_subsidy.roster import (
    CHINESE_HEADERS,
    FIELDS,
    OPTIONAL_HEADERS,
    Rejection,
    RosterRules,
    Tally,
    default_roster_rules,
    load_roster_rules,
    read_header,
    resolve_columns,
    resolve_optional_columns,
    tally_roster,
)
from pension_subsidy.roster.csv_source import detect_encoding

pytest.importorskip("polars", reason="the columnar engine needs the fast extra (polars)")

from pension_subsidy.roster.columnar import tally_csv_columnar

GOLDEN = Path(__file__).parent / "golden" / "inputs"
EXAMPLE_RULES = Path(__file__).parents[1] / "src" / "pension_subsidy" / "data" / "rules"

#: Good values per field, so that most rows are accepted; then values each rejected.
GOOD = {
    "person_id": ["P1", "P2", "P3", "P4", "P5", "身份证6", "P7"],
    "township": ["东川镇", "西川镇"],
    "village": ["甲村", "乙村"],
    "birth_date": ["1960-01-01", "1985/12/31", "19700501", "2001-06-30"],
    "paying": ["1", "0", "是", "否"],
    "grade": ["100", "300", "500", "", "200"],
    "disability": ["", "severe", "重度", "mild", "轻度"],
    "poverty": ["0", "1"],
    "cadre": ["0", "1"],
    "land_loss": ["0", "1"],
    "receiving": ["0", "1"],
}
FLAG = ["0", "1", "是", "否"]
BAD = ["", "x", "-1", "2", "1e9", "50", "100.001", "１００", "2023-02-30", "2999-01-01",
       "20240101", "重", " 1", "NaN", "-0"]  # fmt: skip


@st.composite
def rules(draw: st.DrawFn) -> RosterRules:
    """The example rules, or variants: highest amount, shares of the grade, a stated day."""
    base = default_roster_rules()
    variant = draw(st.sampled_from(["default", "highest", "shares", "as_of", "separate"]))
    if variant == "highest":
        return attrs.evolve(base, proxy_choice="highest_amount", with_grade_subsidy=False)
    if variant == "shares":
        return RosterRules(
            grade_subsidies=[(Yuan(100), Yuan(15))],
            grade_shares=[(Yuan(300), Decimal("0.10")), (Yuan(500), Decimal("0.125"))],
            proxies=[("severe_disability", Yuan(100)), ("low_income", Yuan(50))],
            identity_order=("low_income", "severe_disability"),
        )
    if variant == "as_of":
        return attrs.evolve(base, as_of=datetime.date(2001, 6, 30))
    if variant == "separate":
        proxies = [*base.proxies, ("extreme_poverty", Yuan(70))]
        return attrs.evolve(base, proxies=proxies, separate=("extreme_poverty",))
    return base


@st.composite
def roster_texts(draw: st.DrawFn) -> tuple[str, bool, str]:
    """(CSV text, plain, encoding) of a roster with faults: values, counts, duplicates.

    ``plain``: a file the columnar engine reads itself (no quote, no lone CR, not UTF-16).
    """
    names = [draw(st.sampled_from([field, CHINESE_HEADERS[field]])) for field in FIELDS]
    optional = draw(st.lists(st.sampled_from(list(OPTIONAL_HEADERS)), unique=True, max_size=4))
    names += [OPTIONAL_HEADERS[field][draw(st.integers(0, 1))] for field in optional]
    if draw(st.booleans()):
        names.append("备注")
    order = draw(st.permutations(range(len(names))))
    width = len(names)
    rows = []
    for _ in range(draw(st.integers(0, 40))):
        values = [draw(st.sampled_from(GOOD[field])) for field in FIELDS]
        values += [draw(st.sampled_from(FLAG[:2] * 4 + FLAG)) for _ in optional]
        values += ["note"] * (width - len(values))
        if draw(st.integers(0, 3)) == 0:
            values[draw(st.integers(0, width - 1))] = draw(st.sampled_from(BAD))
        row = [values[at] for at in order]
        fault = draw(st.integers(0, 19))
        if fault == 0:
            row.append("extra")
        elif fault == 1:
            row.pop()
        elif fault == 2:
            row = []
        rows.append(",".join(row))
    header = ",".join(names[at] for at in order)
    style = draw(st.sampled_from(["plain"] * 6 + ["quoted", "lone-cr", "utf-16", "gb18030"]))
    end = "\r\n" if draw(st.booleans()) else "\n"
    if style == "quoted" and rows:
        at = draw(st.integers(0, len(rows) - 1))
        rows[at] = '"' + rows[at].replace(",", '","', 1) + '"'
    if style == "lone-cr" and rows:
        end = "\r"
    text = end.join([header, *rows]) + (end if draw(st.booleans()) else "")
    encoding = {"utf-16": "utf-16", "gb18030": "gb18030"}.get(style, "utf-8")
    if encoding == "utf-8" and draw(st.booleans()):
        encoding = "utf-8-sig"
    plain = style in {"plain", "gb18030"} or (not rows and style != "utf-16")
    return text, plain, encoding


def tallied(
    path: Path, rules: RosterRules, engine: str, columns: dict[str, str] | None = None
) -> tuple[Tally, list[Rejection], str]:
    """The tally, its rejections, and the rejects file as the roster command writes it."""
    rejections: list[Rejection] = []
    tally = tally_roster(path, rules, columns=columns, on_reject=rejections.append, engine=engine)
    out = io.StringIO(newline="")
    writer = RejectsWriter(out, read_header(path), locale="zh_CN", detail_text=True)
    for rejection in rejections:
        writer(rejection)
    return tally, rejections, out.getvalue()


def assert_same(path: Path, rules: RosterRules, columns: dict[str, str] | None = None) -> None:
    """Both engines: the same tally, JSON, rejections (reasons, lines, codes) and rejects file."""
    pure, pure_rejected, pure_file = tallied(path, rules, "pure", columns)
    fast, fast_rejected, fast_file = tallied(path, rules, "columnar", columns)
    assert fast == pure
    assert [(r, r.code, r.values) for r in fast_rejected] == [
        (r, r.code, r.values) for r in pure_rejected
    ]
    assert fast_file == pure_file
    for locale in ("en", "zh_CN"):
        shown = pure_rejected[:10]
        assert render_roster(fast, locale=locale, format="json", shown=shown) == render_roster(
            pure, locale=locale, format="json", shown=shown
        )


def columnar_reads(path: Path, rules: RosterRules, columns: dict[str, str] | None = None) -> bool:
    """Whether the columnar engine reads the file itself (no fall back to the pure engine)."""
    header = read_header(path)
    tally = tally_csv_columnar(
        path,
        detect_encoding(path),
        rules=rules,
        columns=resolve_columns(header, columns),
        width=len(header),
        optional_columns=resolve_optional_columns(header, columns),
    )
    return tally is not None


class TestSameAnswer:
    """Generated rosters with faults: both engines agree on everything."""

    @given(roster=roster_texts(), rules=rules())
    def test_generated_rosters(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        roster: tuple[str, bool, str],
        rules: RosterRules,
    ) -> None:
        """Bad ids, dates, grades, flags, duplicates, field counts, CRLF, BOM, quotes: alike."""
        text, plain, encoding = roster
        path = tmp_path_factory.getbasetemp() / "columnar-roster.csv"
        path.write_bytes(text.encode(encoding))
        assert_same(path, rules)
        if plain:
            assert columnar_reads(path, rules)

    @pytest.mark.parametrize(
        ("name", "rules_file"),
        [
            ("synth-2000-seed7.csv", None),
            ("synth-2000-seed7.csv", "rules-precedence.toml"),
            ("synth-500-seed11-corrupt.csv", None),
            ("roster-bad-rows.csv", None),
            ("roster-other-export-gb18030.csv", None),
        ],
    )
    def test_golden_inputs(self, name: str, rules_file: str | None) -> None:
        """The golden inputs: the same answer, read by the columnar engine itself."""
        rules = (
            default_roster_rules() if rules_file is None else load_roster_rules(GOLDEN / rules_file)
        )
        rules = attrs.evolve(rules, as_of=datetime.date(2024, 1, 1))
        columns = {"person_id": "身份证号", "grade": "档次"} if "other-export" in name else None
        assert columnar_reads(GOLDEN / name, rules, columns)
        assert_same(GOLDEN / name, rules, columns)

    def test_example_rules_file(self, tmp_path: Path) -> None:
        """The bundled rules file on a synthetic roster with identities and faults."""
        from pension_subsidy.roster import write_synthetic_roster  # noqa: PLC0415

        path = tmp_path / "r.csv"
        write_synthetic_roster(path, 3000, seed=5, corrupt=0.03, identities=True)
        rules = load_roster_rules(EXAMPLE_RULES / "example-rules.toml")
        assert columnar_reads(path, rules)
        assert_same(path, rules)


class TestWhatItReads:
    """Which files the columnar engine reads itself, and which it leaves to the pure one."""

    ROW = "P1,东川镇,甲村,1960-01-01,1,300,,0,0,0,0"
    HEADER = ",".join(FIELDS)

    def write(self, tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / "r.csv"
        path.write_bytes(text.encode(encoding))
        return path

    @pytest.mark.parametrize(
        ("text", "encoding"),
        [
            (f"{HEADER}\n{ROW}\n", "utf-8"),
            (f"{HEADER}\r\n{ROW}\r\n\r\n", "utf-8-sig"),
            (f"{HEADER}\n{ROW}", "gb18030"),
            (f"{HEADER}\n", "utf-8"),
        ],
    )
    def test_reads_plain_csv(self, tmp_path: Path, text: str, encoding: str) -> None:
        """Plain lines in UTF-8 (a BOM or not, CRLF or LF) or GB18030: read by polars."""
        assert columnar_reads(self.write(tmp_path, text, encoding), default_roster_rules())

    @pytest.mark.parametrize(
        ("text", "encoding"),
        [
            (f'{HEADER}\n"P1",东川镇,甲村,1960-01-01,1,300,,0,0,0,0\n', "utf-8"),
            (f"{HEADER}\r{ROW}\r", "utf-8"),
            (f"{HEADER}\n{ROW}\n", "utf-16"),
            (f"{HEADER}\n{ROW}\x00\n", "utf-8"),
        ],
    )
    def test_falls_back(self, tmp_path: Path, text: str, encoding: str) -> None:
        """Quotes, a lone CR, UTF-16, a NUL: the pure engine reads the file, alike."""
        path = self.write(tmp_path, text, encoding)
        assert not columnar_reads(path, default_roster_rules())
        assert_same(path, default_roster_rules())

    def test_undecodable_bytes_are_the_pure_engines_error(self, tmp_path: Path) -> None:
        """Bytes that are no UTF-8 past the sniffed start: the pure engine's error, its line."""
        path = tmp_path / "r.csv"
        path.write_bytes((f"{self.HEADER}\n" + f"{self.ROW}\n" * 5000).encode() + b"P9,\xff\n")
        with pytest.raises(DataFileError) as pure:
            tally_roster(path, engine="pure")
        with pytest.raises(DataFileError) as fast:
            tally_roster(path, engine="columnar")
        assert str(fast.value) == str(pure.value)
        assert fast.value.line == pure.value.line == 5002

    def test_duplicates_across_blocks(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An id on the first and last row, blocks apart: rejected once, last, counted once."""
        from pension_subsidy.roster import columnar_source  # noqa: PLC0415  (small blocks)

        monkeypatch.setattr(columnar_source, "BLOCK_BYTES", 256)
        rows = [f"P{n},东川镇,甲村,1960-01-01,1,300,,0,0,0,0" for n in range(200)]
        path = self.write(tmp_path, "\n".join([self.HEADER, *rows, rows[0]]) + "\n")
        rejections: list[Rejection] = []
        tally = tally_roster(path, on_reject=rejections.append, engine="columnar")
        assert [(r.line, r.reason.value) for r in rejections] == [(202, "duplicate_person_id")]
        assert (tally.accepted, tally.rejected) == (200, 1)
        assert_same(path, default_roster_rules())

    def test_unknown_engine(self, tmp_path: Path) -> None:
        """An engine not known is an error naming the known ones."""
        path = self.write(tmp_path, f"{self.HEADER}\n{self.ROW}\n")
        with pytest.raises(DataFileError, match="auto, pure, columnar"):
            tally_roster(path, engine="turbo")


class TestCommand:
    """``roster --engine``: the command's output and rejects file are the same bytes."""

    def test_engines_write_the_same_bytes(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--engine pure and --engine columnar: same exit, JSON and rejects file."""
        from pension_subsidy.cli import main  # noqa: PLC0415

        roster = tmp_path / "r.csv"
        assert main(["synth-roster", "2000", "-o", str(roster), "--seed", "9", "--corrupt",
                     "0.05", "--identities"]) == 0  # fmt: skip
        capsys.readouterr()
        written = {}
        for engine in ("pure", "columnar"):
            rejects = tmp_path / f"rejects-{engine}.csv"
            argv = ["roster", str(roster), "--engine", engine, "--format", "json",
                    "--as-of", "2024-01-01", "--rejects", str(rejects)]  # fmt: skip
            assert main(argv) == 1
            written[engine] = (capsys.readouterr().out, rejects.read_bytes())
        assert written["columnar"] == written["pure"]
        assert written["pure"][1].count(b"\r\n") > 50


class TestColumnLedger:
    """The columnar engine's hash ledger finds what the pure engine's finds."""

    @given(
        hashes=st.lists(st.integers(-(2**63), 2**63 - 1), max_size=300),
        repeats=st.lists(st.integers(0, 299), max_size=5),
        buffer=st.integers(1, 100),
    )
    def test_repeated_hashes_as_the_pure_ledger(
        self, hashes: list[int], repeats: list[int], buffer: int
    ) -> None:
        """Spilled in any buffer size: the repeated hashes are those HashLedger reports."""
        import polars as pl  # noqa: PLC0415

        from pension_subsidy.roster.columnar_ledger import ColumnLedger  # noqa: PLC0415
        from pension_subsidy.roster.duplicates import HashLedger, repeated_hashes  # noqa: PLC0415

        hashes += [hashes[at] for at in repeats if at < len(hashes)]
        with HashLedger(buffer_hashes=buffer) as pure, ColumnLedger(buffer_hashes=buffer) as fast:
            for start in range(0, len(hashes), 7):
                pure.extend(hashes[start : start + 7])
                fast.extend(pl.Series(hashes[start : start + 7], dtype=pl.Int64))
            pure.finish()
            expected = repeated_hashes([pure.contents()])
            assert repeated_hashes([fast.contents()]) == expected
            assert expected == {h for h in hashes if hashes.count(h) > 1}


class TestParquet:
    """A Parquet roster, read in batches by the columnar engine: as its rows written as CSV."""

    def test_same_as_the_csv_of_its_rows(self, tmp_path: Path) -> None:
        """Text columns: the tally and every rejection of the same rows as CSV (pure engine)."""
        import csv  # noqa: PLC0415

        import polars as pl  # noqa: PLC0415

        from pension_subsidy.roster import write_synthetic_roster  # noqa: PLC0415

        source = tmp_path / "source.csv"
        write_synthetic_roster(source, 3000, seed=4, corrupt=0.05, identities=True)
        with source.open(newline="", encoding="utf-8") as stream:
            header, *rows = list(csv.reader(stream))
        rows = [row for row in rows if len(row) == len(header)]
        rows += rows[:3]  # duplicates
        same = tmp_path / "same.csv"
        with same.open("w", newline="", encoding="utf-8") as stream:
            csv.writer(stream, lineterminator="\n").writerows([header, *rows])
        parquet = tmp_path / "r.parquet"
        columns = {name: [row[at] for row in rows] for at, name in enumerate(header)}
        pl.DataFrame(columns).write_parquet(parquet, row_group_size=700)
        rules = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
        pure, pure_rejected, _ = tallied(same, rules, "pure")
        fast, fast_rejected, _ = tallied(parquet, rules, "auto")
        assert fast == pure
        assert [(r, r.code, r.values) for r in fast_rejected] == [
            (r, r.code, r.values) for r in pure_rejected
        ]
        assert [r.reason.value for r in pure_rejected[-3:]] == ["duplicate_person_id"] * 3

    def test_typed_columns_read_as_their_text(self, tmp_path: Path) -> None:
        """Booleans as 1/0, whole numbers and dates as written, a null as an empty cell."""
        import polars as pl  # noqa: PLC0415

        frame = pl.DataFrame(
            {
                "person_id": ["P1", "P2", None],
                "township": ["东川镇"] * 3,
                "village": ["甲村"] * 3,
                "birth_date": [datetime.date(1960, 1, 1), datetime.date(1970, 5, 1), None],
                "paying": [True, False, True],
                "grade": [300, None, 100],
                "disability": ["", "重度", ""],
                "poverty": [False, False, False],
                "cadre": [False, True, False],
                "land_loss": [False, False, False],
                "receiving": [False, False, False],
            }
        )
        path = tmp_path / "r.parquet"
        frame.write_parquet(path)
        rejected: list[Rejection] = []
        tally = tally_roster(path, on_reject=rejected.append)
        assert (tally.accepted, tally.headcount("contribution_subsidy")) == (2, 1)
        assert tally.headcount("severe_disability_proxy") == 1
        assert [(r.line, r.field, r.row[:5]) for r in rejected] == [
            (4, "person_id", ("", "东川镇", "甲村", "", "1"))
        ]

    def test_float_grades_refused(self, tmp_path: Path) -> None:
        """A float column among the fields: refused, naming the column (money is exact)."""
        import polars as pl  # noqa: PLC0415

        values = dict(zip(FIELDS, ["P1", "东川镇", "甲村", "1960-01-01", "1", 300.0, "", "0", "0",
                                   "0", "0"], strict=True))  # fmt: skip
        path = tmp_path / "r.parquet"
        pl.DataFrame({name: [value] for name, value in values.items()}).write_parquet(path)
        with pytest.raises(DataFileError, match="'grade': floating-point"):
            tally_roster(path)

    def test_pure_engine_cannot(self, tmp_path: Path) -> None:
        """engine='pure' on a Parquet roster: an error naming the columnar engine."""
        import polars as pl  # noqa: PLC0415

        path = tmp_path / "r.parquet"
        pl.DataFrame({name: ["1"] for name in FIELDS}).write_parquet(path)
        with pytest.raises(DataFileError, match="columnar engine only"):
            tally_roster(path, engine="pure")


class TestBoundedMemory:
    """Past a bound of distinct profiles, counts fold into cells per village: the same answer."""

    @pytest.mark.parametrize("bound", [1, 7, 300])
    def test_folded_counts_same_answer(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bound: int
    ) -> None:
        """Small blocks, few profiles held, duplicates confirmed after folding: as pure."""
        from pension_subsidy.roster import (  # noqa: PLC0415
            columnar_pass,
            columnar_source,
            write_synthetic_roster,
        )

        monkeypatch.setattr(columnar_source, "BLOCK_BYTES", 4096)
        monkeypatch.setattr(columnar_pass, "FOLD_KEYS", bound)
        path = tmp_path / "r.csv"
        write_synthetic_roster(path, 2000, seed=12, corrupt=0.05, identities=True)
        with path.open("a", encoding="utf-8") as stream:  # every 100th row again, at the end
            lines = path.read_text(encoding="utf-8").splitlines()[1::100]
            stream.write("\n".join(lines) + "\n")
        rules = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
        assert columnar_reads(path, rules)
        assert_same(path, rules)
