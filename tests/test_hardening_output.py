"""Issue 9, outputs: every file written all or nothing, never over an input, reproducibly."""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
import zipfile
from contextlib import redirect_stdout
from pathlib import Path
from xml.etree import ElementTree

import pytest

from pension_subsidy import _files
from pension_subsidy.cli import main
from pension_subsidy.output.workbook import FORMULA_LEADS
from pension_subsidy.roster.synth import SYNTH_HEADER, synthetic_rows
from tests.disclosure_helpers import SEED_PATH

EXAMPLES = Path(__file__).parent.parent / "examples"
ACTUALS = EXAMPLES / "actuals-2022.toml"
RULES = Path(__file__).parent.parent / "src/pension_subsidy/data/rules/example-rules.toml"


def run(*argv: str) -> tuple[int, bytes]:
    """Run the command line; its exit code and what it wrote to standard output."""
    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    with redirect_stdout(wrapper):
        code = main([str(arg) for arg in argv])
    wrapper.flush()
    return code, out.getvalue()


def leftovers(folder: Path, *expected: str) -> list[str]:
    """The names in ``folder`` other than ``expected``: temporary files left behind."""
    return sorted(name for name in os.listdir(folder) if name not in expected)


def roster(path: Path, rows: list[list[str]], header: tuple[str, ...] = SYNTH_HEADER) -> Path:
    """A roster CSV of ``rows`` (quoted where the csv module must)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def good_rows(count: int) -> list[list[str]]:
    """``count`` valid synthetic roster rows."""
    return list(synthetic_rows(count, seed=5))


class TestRaces:
    def test_two_writers_leave_one_complete_output(self, tmp_path):
        """Two processes writing one output 60 times each: every read is one whole output."""
        target = tmp_path / "report.html"
        expected = {}
        for locale in ("zh_CN", "en"):
            one = tmp_path / f"{locale}.html"
            assert run("report", "--format", "html", "--locale", locale, "-o", one)[0] == 0
            expected[locale] = one.read_bytes()
        script = textwrap.dedent(
            """
            import sys
            from pension_subsidy.cli import main
            for _ in range(60):
                assert main(["report", "--format", "html", "--locale", sys.argv[1],
                             "-o", sys.argv[2]]) == 0
            """
        )
        writers = [
            subprocess.Popen([sys.executable, "-c", script, locale, str(target)])
            for locale in expected
        ]
        seen = set()
        while any(writer.poll() is None for writer in writers):
            with contextlib.suppress(FileNotFoundError):
                data = target.read_bytes()
                assert data in expected.values(), f"a mixed or partial output of {len(data)} B"
                seen.add(data)
        assert [writer.wait() for writer in writers] == [0, 0]
        assert target.read_bytes() in expected.values()
        assert seen  # the reader did see the file while it was being replaced
        assert leftovers(tmp_path, "report.html", "zh_CN.html", "en.html") == []


class _DiskFull:
    """``os.write`` that writes ``allowed`` bytes, then fails as a full disk does."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self.calls = 0

    def __call__(self, descriptor: int, chunk: memoryview) -> int:
        self.calls += 1
        if self.allowed <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = os.write(descriptor, chunk[: self.allowed])
        self.allowed -= written
        return written


class TestFullDisk:
    @pytest.mark.parametrize(
        "argv",
        [
            ("report", "--format", "html", "-o", "{out}"),
            ("report", "--format", "xlsx", "-o", "{out}"),
            ("convert", str(SEED_PATH), "--to", "csv", "-o", "{out}"),
            ("synth-roster", "2000", "-o", "{out}"),
        ],
        ids=["report-html", "report-xlsx", "convert-csv", "synth-roster"],
    )
    def test_old_file_intact_and_no_temp_file(self, tmp_path, monkeypatch, capsys, argv):
        """A disk that fills part-way: exit 3 naming the file, the old file as it was."""
        target = tmp_path / "out"
        target.write_bytes(b"the good old output\n")
        full = _DiskFull(allowed=1000)
        monkeypatch.setattr(_files, "_write_chunk", full)
        code, _ = run(*(arg.format(out=target) for arg in argv))
        assert code == 3
        assert f"{target}: cannot write: No space left on device" in capsys.readouterr().err
        assert full.calls >= 2  # it did fail part-way, after 1000 bytes
        assert target.read_bytes() == b"the good old output\n"
        assert leftovers(tmp_path, "out") == []

    def test_rejects_on_a_full_disk(self, tmp_path, monkeypatch, capsys):
        """The rejects file on a full disk: exit 3, no rejects file, no scratch or temp file."""
        rows = [[*row[:5], "x", *row[6:]] for row in good_rows(300)]  # grade x: all rejected
        path = roster(tmp_path / "r.csv", rows)
        monkeypatch.setattr(_files, "_write_chunk", _DiskFull(allowed=4000))
        code, _ = run("roster", path, "--rejects", tmp_path / "rejects.csv")
        assert code == 3
        assert "rejects.csv: cannot write: No space left on device" in capsys.readouterr().err
        assert leftovers(tmp_path, "r.csv") == []

    @pytest.mark.parametrize("at_call", [1, 2], ids=["writing", "copying-into-place"])
    def test_interrupt_keeps_the_old_file(self, tmp_path, monkeypatch, at_call):
        """Ctrl-C while writing or while copying into place: the old file stays, no temp file."""
        target = tmp_path / "out.csv"
        target.write_bytes(b"old\n")
        calls = []

        def interrupted(descriptor: int, chunk: memoryview) -> int:
            calls.append(len(chunk))
            if len(calls) == at_call:
                raise KeyboardInterrupt
            return os.write(descriptor, chunk)

        monkeypatch.setattr(_files, "_write_chunk", interrupted)
        with pytest.raises(KeyboardInterrupt):
            main(["convert", str(SEED_PATH), "--to", "csv", "-o", str(target)])
        assert target.read_bytes() == b"old\n"
        assert leftovers(tmp_path, "out.csv") == []

    @pytest.mark.parametrize("step", ["_create_beside", "tempfile"])
    def test_no_room_to_begin(self, tmp_path, monkeypatch, capsys, step):
        """No file can be made in the folder at all: exit 3 naming the output, nothing left."""

        def refused(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        where = {"_create_beside": (_files, "_create_beside"),
                 "tempfile": (_files.tempfile, "TemporaryFile")}[step]  # fmt: skip
        monkeypatch.setattr(*where, refused)
        target = tmp_path / "out.html"
        assert main(["report", "--format", "html", "-o", str(target)]) == 3
        assert capsys.readouterr().err == (
            f"pension-subsidy: error: {target}: cannot write: Permission denied\n"
        )
        assert leftovers(tmp_path) == []

    def test_synth_roster_write_error(self, tmp_path, monkeypatch, capsys):
        """synth-roster failing inside its writer: exit 3 naming the output, nothing left."""

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr("pension_subsidy.cli._synth_roster.write_synthetic_roster", full)
        target = tmp_path / "r.csv"
        assert main(["synth-roster", "10", "-o", str(target)]) == 3
        assert capsys.readouterr().err == (
            f"pension-subsidy: error: {target}: cannot write: No space left on device\n"
        )
        assert leftovers(tmp_path) == []

    @pytest.mark.parametrize("step", ["scratch", "keep"])
    def test_rejects_scratch_errors(self, tmp_path, monkeypatch, capsys, step):
        """The rejects scratch cannot be made (before the pass) or written: exit 3, no file."""
        path = roster(tmp_path / "r.csv", [[*good_rows(1)[0][:5], "x", *good_rows(1)[0][6:]]])

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        if step == "scratch":
            monkeypatch.setattr("pension_subsidy.output.rejects_file.tempfile.TemporaryFile", full)
        else:
            monkeypatch.setattr("pension_subsidy.output.rejects_file.pickle.dump", full)
        rejects = tmp_path / "rejects.csv"
        assert main(["roster", str(path), "--rejects", str(rejects)]) == 3
        assert capsys.readouterr().err == (
            f"pension-subsidy: error: {rejects}: cannot write: No space left on device\n"
        )
        assert leftovers(tmp_path, "r.csv") == []

    def test_exception_in_a_stream_discards_it(self, tmp_path):
        """An error while a text output is written: nothing replaces the old file."""
        target = tmp_path / "out.txt"
        target.write_text("old\n", encoding="utf-8")

        def half_written() -> None:
            with _files.open_text_output(target) as stream:
                stream.write("new, but only half\n")
                raise ValueError("boom")

        with pytest.raises(ValueError, match="boom"):
            half_written()
        assert target.read_text(encoding="utf-8") == "old\n"
        assert leftovers(tmp_path, "out.txt") == []


class TestKill:
    @pytest.mark.parametrize("old", [None, b"the old roster\n"], ids=["new", "replacing"])
    def test_kill_9_during_synth_roster(self, tmp_path, old):
        """kill -9 while a big roster is written: the old file or none, and no temp file."""
        target = tmp_path / "big.csv"
        if old is not None:
            target.write_bytes(old)
        command = [sys.executable, "-m", "pension_subsidy", "synth-roster", "5000000",
                   "-o", str(target)]  # fmt: skip
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
        assert process.poll() is None, "the roster was finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL
        assert (target.read_bytes() if target.exists() else None) == old
        assert leftovers(tmp_path, "big.csv") == []


class TestPermissions:
    def test_new_output_follows_the_umask(self, tmp_path):
        """A new output gets 0o666 less the umask, as open(path, "w") gives (not mkstemp's 0600)."""
        umask = os.umask(0o027)
        try:
            rejects = tmp_path / "rejects.csv"
            path = roster(tmp_path / "r.csv", [[*good_rows(1)[0][:5], "x", *good_rows(1)[0][6:]]])
            assert run("roster", path, "--rejects", rejects)[0] == 1
            assert run("report", "-o", tmp_path / "report.txt")[0] == 0
        finally:
            os.umask(umask)
        for name in ("rejects.csv", "report.txt"):
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640

    def test_replaced_output_keeps_its_permissions(self, tmp_path):
        """An output that replaces a file keeps that file's permissions, as open() would."""
        target = tmp_path / "report.txt"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o600)
        assert run("report", "-o", target)[0] == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert target.read_text(encoding="utf-8").startswith("社会保险服务局2022年")

    def test_a_symlinked_output_is_written_through(self, tmp_path):
        """-o a symlink to another file replaces that file; the link stays a link."""
        real = tmp_path / "real.txt"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "link.txt"
        link.symlink_to(real)
        assert run("report", "-o", link)[0] == 0
        assert link.is_symlink()
        assert real.read_text(encoding="utf-8").startswith("社会保险服务局2022年")


class TestSameFile:
    @pytest.fixture
    def inputs(self, tmp_path):
        """A disclosure table, a rules file, an actuals file and a roster, in ``tmp_path``."""
        shutil.copy(SEED_PATH, tmp_path / "t.txt")
        shutil.copy(RULES, tmp_path / "my.toml")
        shutil.copy(ACTUALS, tmp_path / "actuals.toml")
        roster(tmp_path / "r.csv", good_rows(3))
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "link.txt").symlink_to(tmp_path / "t.txt")
        os.link(tmp_path / "r.csv", tmp_path / "hard.csv")
        return tmp_path

    @pytest.mark.parametrize(
        ("argv", "output", "role", "source"),
        [
            (("report", "t.txt", "-o", "t.txt"), "t.txt", "source", "t.txt"),
            (("report", "t.txt", "--format", "html", "-o", "sub/../t.txt"), "sub/../t.txt",
             "source", "t.txt"),
            (("report", "t.txt", "--format", "xlsx", "-o", "sub/link.txt"), "sub/link.txt",
             "source", "t.txt"),
            (("convert", "t.txt", "--to", "csv", "-o", "t.txt"), "t.txt", "source", "t.txt"),
            (("convert", "t.txt", "--to", "xlsx", "-o", "sub/link.txt"), "sub/link.txt",
             "source", "t.txt"),
            (("evaluate", "--actuals", "actuals.toml", "-o", "actuals.toml"), "actuals.toml",
             "actuals file", "actuals.toml"),
            (("roster", "r.csv", "--rules", "my.toml", "--rejects", "my.toml"), "my.toml",
             "rules file", "my.toml"),
            (("roster", "r.csv", "--rejects", "r.csv"), "r.csv", "roster", "r.csv"),
            (("roster", "r.csv", "--rejects", "hard.csv"), "hard.csv", "roster", "r.csv"),
            (("roster", "r.csv", "--report", "t.txt", "--rejects", "sub/link.txt"),
             "sub/link.txt", "report source", "t.txt"),
        ],
        ids=["report", "report-dotdot", "report-symlink", "convert", "convert-symlink",
             "evaluate-actuals", "roster-rules", "roster-roster", "roster-hardlink",
             "roster-report"],
    )  # fmt: skip
    def test_an_output_never_overwrites_an_input(
        self, inputs, monkeypatch, capsys, argv, output, role, source
    ):
        """An output that is an input (even by symlink, hard link or ..): exit 3, both named."""
        monkeypatch.chdir(inputs)
        before = {name: (inputs / name).read_bytes() for name in ("t.txt", "my.toml", "r.csv",
                                                                   "actuals.toml")}  # fmt: skip
        assert main(list(argv)) == 3
        err = capsys.readouterr().err
        assert err == (
            f"pension-subsidy: error: {output}: would overwrite the {role} {source} (the same "
            "file); give another file to write\n"
        )
        assert before == {name: (inputs / name).read_bytes() for name in before}
        assert leftovers(inputs, "t.txt", "my.toml", "r.csv", "actuals.toml", "sub",
                         "hard.csv") == []  # fmt: skip

    def test_rejects_folder_refused_before_the_pass(self, inputs, monkeypatch, capsys):
        """--rejects naming a folder is refused before the roster is read (exit 3)."""
        passes = []
        monkeypatch.setattr(
            "pension_subsidy.cli._roster_dask.tally_roster", lambda *a, **k: passes.append(a)
        )
        assert main(["roster", str(inputs / "r.csv"), "--rejects", str(inputs / "sub")]) == 3
        assert capsys.readouterr().err == (
            f"pension-subsidy: error: {inputs / 'sub'}: is a folder: expected a file to write\n"
        )
        assert passes == []

    @pytest.mark.parametrize(
        "argv",
        [
            ("report", "--format", "html", "-o", "{out}"),
            ("evaluate", "--actuals", str(ACTUALS), "--format", "xlsx", "-o", "{out}"),
            ("convert", str(SEED_PATH), "--to", "md", "-o", "{out}"),
            ("synth-roster", "10", "-o", "{out}"),
            ("roster", "{roster}", "--rejects", "{out}"),
        ],
        ids=["report", "evaluate", "convert", "synth-roster", "roster"],
    )
    def test_output_in_a_missing_folder(self, inputs, capsys, argv):
        """-o into a folder that does not exist: exit 3, one line naming the folder."""
        out = inputs / "missing" / "out.x"
        args = [arg.format(out=out, roster=inputs / "r.csv") for arg in argv]
        assert main(args) == 3
        assert capsys.readouterr().err == (
            f"pension-subsidy: error: {out}: cannot write: no such folder {inputs / 'missing'}\n"
        )
        assert not (inputs / "missing").exists()

    def test_a_bundled_name_is_no_file(self, tmp_path, monkeypatch):
        """An output named like a bundled dataset given as the source is not refused."""
        monkeypatch.chdir(tmp_path)
        assert main(["report", "menyuan-2022", "-o", "menyuan-2022"]) == 0
        assert (
            (tmp_path / "menyuan-2022")
            .read_text(encoding="utf-8")
            .startswith("社会保险服务局2022年")
        )


class TestTextTitle:
    def test_a_blank_title_line_cannot_be_txt(self, tmp_path, capsys):
        """A title with a blank line converts to csv as is, and is refused as txt (exit 3)."""
        source = roster(
            tmp_path / "t.csv",
            [
                ["单位编码", "单位及项目名称", "金额 (万元)", "绩效目标", "绩效指标"],
                ["501003", "某单位", "", "", ""],
                ["", "某项目", "12.00", "", ""],
            ],
            header=("某县\n\n2022年绩效目标公开表",),
        )
        assert main(["convert", str(source), "--to", "csv", "-o", str(tmp_path / "o.csv")]) == 0
        assert main(["convert", str(source), "--to", "txt", "-o", str(tmp_path / "o.txt")]) == 3
        assert capsys.readouterr().err == (
            f"pension-subsidy: error: {tmp_path / 'o.txt'}: format: the title line '' is blank "
            "or begins or ends with a space, which the tab-separated form cannot hold as a line "
            "of its own; write csv or xlsx instead\n"
        )
        assert leftovers(tmp_path, "t.csv", "o.csv") == []


class TestRejectsFile:
    def test_lone_cr_cannot_split_a_record(self, tmp_path):
        """A field with a lone CR and =1+1, and a duplicate id: every record whole, quoted."""
        rows = good_rows(4)
        rows[1][2] = "村\r=1+1"  # a lone CR inside a quoted field, then a formula
        rows[1][4] = "x"  # rejected for its flag
        rows.append(list(rows[0]))  # a duplicate id, confirmed only after the pass
        path = roster(tmp_path / "r.csv", rows)
        rejects = tmp_path / "rejects.csv"
        code, _ = run("roster", path, "--rejects", rejects)
        assert code == 1
        data = rejects.read_bytes()
        assert data.startswith(
            b"\xef\xbb\xbfline,reason,field,detail,reason_text,detail_text,person_id,"
        )
        records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert [record[:2] for record in records[1:]] == [
            ["3", "bad_number"],
            ["7", "duplicate_person_id"],  # line 7: the CR counts as a line end
        ]
        assert records[1][8] == "村\r=1+1"  # after the reason and the detail in Chinese
        assert records[1][4:6] == ["数字无效", "应为 1 或 0（是或否），实为 'x'"]
        assert records[2][4:6] == ["人员编号重复", f"人员编号 {rows[0][0]!r} 已在前面的行中接受"]
        assert b'"\xe6\x9d\x91\r=1+1"' in data  # quoted, so no reader splits it
        assert [len(record) for record in records] == [17, 17, 17]
        assert leftovers(tmp_path, "r.csv", "rejects.csv") == []

    def test_tab_and_cr_leads_are_neutralised(self, tmp_path):
        """Cells that start with a tab, a CR or = + - @ get a leading ' in the rejects file."""
        leads = ["\t=1", "\r=2", "=3", "+4", "-5", "@6"]
        rows = [[f"P{n}", lead, *good_rows(1)[0][2:5], "bad", *good_rows(1)[0][6:]]
                for n, lead in enumerate(leads)]  # fmt: skip
        path = roster(tmp_path / "r.csv", rows)
        rejects = tmp_path / "rejects.csv"
        assert run("roster", path, "--rejects", rejects)[0] == 1
        with rejects.open(encoding="utf-8-sig", newline="") as stream:
            records = list(csv.reader(stream))
        assert [record[7] for record in records[1:]] == ["'" + lead for lead in leads]
        cells = [cell for record in records for cell in record]
        assert [cell for cell in cells if cell[:1] and cell[0] in FORMULA_LEADS] == []

    def test_a_formula_in_the_header_is_neutralised(self, tmp_path):
        """A roster header cell that looks like a formula is quoted in the rejects header."""
        header = (*SYNTH_HEADER, "=HYPERLINK(1)")
        row = [*good_rows(1)[0][:5], "x", *good_rows(1)[0][6:], ""]
        path = roster(tmp_path / "r.csv", [row], header=header)
        rejects = tmp_path / "rejects.csv"
        run("roster", path, "--rejects", rejects)
        first = rejects.read_bytes().decode("utf-8-sig").split("\r\n")[0]
        assert first.endswith(",receiving,'=HYPERLINK(1)")


def _document_cases() -> list[tuple[str, tuple[str, ...]]]:
    """Every command that writes, with every format it writes: (name, argv with {out})."""
    cases = []
    for command in ("report", "evaluate"):
        actuals = ("--actuals", str(ACTUALS)) if command == "evaluate" else ()
        for fmt in ("text", "json", "html", "xlsx"):
            for locale in ("zh_CN", "en"):
                argv = (command, *actuals, "--format", fmt, "--locale", locale, "-o", "{out}")
                cases.append((f"{command}-{fmt}-{locale}", argv))
    for fmt in ("txt", "csv", "md", "html", "xlsx"):
        cases.append((f"convert-{fmt}", ("convert", str(SEED_PATH), "--to", fmt, "-o", "{out}")))
    cases.append(("synth-roster", ("synth-roster", "300", "--corrupt", "0.1", "-o", "{out}")))
    cases.append(("roster-rejects", ("roster", "{roster}", "--rejects", "{out}")))
    for fmt in ("text", "json"):
        cases += [
            (f"audit-{fmt}", ("audit", str(SEED_PATH), "--format", fmt)),
            (f"plan-check-{fmt}", ("plan-check", "--format", fmt)),
            (f"roster-{fmt}", ("roster", "{roster}", "--format", fmt, "--report")),
            (f"scenario-{fmt}", ("scenario", "--set", "contribution_subsidy.headcount=70000",
                                 "--format", fmt)),
            (f"solve-{fmt}", ("solve", "--vary", "poverty_household_proxy.per_capita",
                              "--format", fmt)),
            (f"forecast-{fmt}", ("forecast", "--years", "2023-2025", "--growth",
                                 "contribution_subsidy.headcount=2%", "--format", fmt)),
            (f"sensitivity-{fmt}", ("sensitivity", "--format", fmt)),
            (f"params-{fmt}", ("params", "--as-of", "2022-07-01", "--format", fmt)),
        ]  # fmt: skip
    return cases


_CASES = _document_cases()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """Every case run once, then a pause so that any time stamp would differ."""
    folder = tmp_path_factory.mktemp("first")
    outputs = {name: _output_of(folder, name, argv) for name, argv in _CASES}
    time.sleep(2.1)  # zip member times have a 2-second resolution
    return outputs


class TestReproducible:
    @pytest.mark.parametrize(("name", "argv"), _CASES, ids=[name for name, _ in _CASES])
    def test_same_input_same_bytes(self, first_run, tmp_path, name, argv):
        """Every command and format gives byte-identical output on a second run."""
        assert _output_of(tmp_path, name, argv) == first_run[name]

    def test_workbook_times_are_fixed(self, tmp_path):
        """A workbook's document and zip member times are fixed, not the time of saving."""
        path = tmp_path / "r.xlsx"
        assert run("report", "--format", "xlsx", "-o", path)[0] == 0
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
        # how the XML is serialised depends on whether lxml is installed; its values do not
        terms = "{http://purl.org/dc/terms/}"
        assert core.find(f"{terms}created").text == "1980-01-01T00:00:00Z"
        assert core.find(f"{terms}modified").text == "1980-01-01T00:00:00Z"


def _output_of(folder: Path, name: str, argv: tuple[str, ...]) -> bytes:
    """What one case writes: its file (if it writes one) after its standard output."""
    case = folder / name
    case.mkdir()
    rows = good_rows(30)
    rows[3][5] = "x"
    path = roster(case / "r.csv", rows)
    out = case / "out"
    code, stdout = run(*(arg.format(out=out, roster=path) for arg in argv))
    assert code in (0, 1), name
    return stdout + (out.read_bytes() if out.exists() else b"")


class TestMarkdownAndHtml:
    @pytest.fixture
    def planted(self, tmp_path):
        """The seed table with a javascript: link, HTML and emphasis planted in its cells."""
        text = SEED_PATH.read_text(encoding="utf-8").replace(
            "养老保险征收发放工作经费", "[x](javascript:alert(1))<b>*经费*</b>", 1
        )
        path = tmp_path / "planted.txt"
        path.write_text(text, encoding="utf-8")
        return path

    def test_markdown_link_is_text(self, planted, tmp_path):
        """convert --to md escapes link syntax and HTML: a Markdown renderer makes no link."""
        markdown_it = pytest.importorskip("markdown_it")
        out = tmp_path / "t.md"
        assert main(["convert", str(planted), "--to", "md", "-o", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert r"\[x\](javascript:alert(1))&lt;b&gt;\*经费\*&lt;/b&gt;" in text
        rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
        assert "<a " not in rendered
        assert "<b>" not in rendered
        assert "<td>[x](javascript:alert(1))&lt;b&gt;*经费*&lt;/b&gt;</td>" in rendered

    def test_html_escapes_the_planted_text(self, planted, tmp_path):
        """convert --to html escapes every cell: the planted markup shows as text."""
        out = tmp_path / "t.html"
        assert main(["convert", str(planted), "--to", "html", "-o", str(out)]) == 0
        page = out.read_text(encoding="utf-8")
        assert "<td>[x](javascript:alert(1))&lt;b&gt;*经费*&lt;/b&gt;</td>" in page
        assert "<b>" not in page
