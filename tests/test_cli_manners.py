"""Command-line manners: ``--version``, help with no arguments, ``-o -`` for standard output."""

from __future__ import annotations

import io
import zipfile
from importlib.metadata import version

import openpyxl
import pytest

from pension_subsidy.cli import main


class TestVersionAndHelp:
    """``--version`` names the installed version; no arguments shows the help."""

    def test_version(self, capsys):
        """``--version`` prints the program and the distribution's version, exit 0."""
        assert main(["--version"]) == 0
        assert capsys.readouterr().out == f"pension-subsidy {version('pension-subsidy')}\n"

    def test_no_arguments_prints_the_help(self, capsys):
        """With nothing to do, the commands are listed on standard output, exit 0."""
        assert main([]) == 0
        captured = capsys.readouterr()
        assert captured.out.startswith("usage: pension-subsidy")
        for command in ("report", "audit", "evaluate", "roster"):
            assert command in captured.out
        assert captured.err == ""


class TestDashIsStandardOutput:
    """``-o -`` writes to standard output instead of a file named ``-``."""

    def test_json_to_dash_equals_no_output_option(self, capsysbinary, tmp_path, monkeypatch):
        """``report --format json -o -`` prints what ``report --format json`` prints."""
        monkeypatch.chdir(tmp_path)
        assert main(["report", "--format", "json"]) == 0
        plain = capsysbinary.readouterr().out
        assert main(["report", "--format", "json", "-o", "-"]) == 0
        assert capsysbinary.readouterr().out == plain
        assert not (tmp_path / "-").exists()

    def test_workbook_to_dash_is_the_workbook(self, capsysbinary, tmp_path, monkeypatch):
        """``report --format xlsx -o -`` writes the workbook's bytes: a zip openpyxl reads."""
        monkeypatch.chdir(tmp_path)
        assert main(["report", "--format", "xlsx", "-o", "-"]) == 0
        data = capsysbinary.readouterr().out
        assert zipfile.is_zipfile(io.BytesIO(data))
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        assert workbook.sheetnames
        assert not (tmp_path / "-").exists()

    @pytest.mark.parametrize("to", ["csv", "txt", "md", "html"])
    def test_convert_to_dash_equals_the_file(self, to, capsysbinary, tmp_path, monkeypatch):
        """``convert --to FORMAT -o -`` prints exactly the bytes ``-o FILE`` writes."""
        monkeypatch.chdir(tmp_path)
        assert main(["convert", "--to", to, "-o", f"table.{to}"]) == 0
        assert main(["convert", "--to", to, "-o", "-"]) == 0
        assert capsysbinary.readouterr().out == (tmp_path / f"table.{to}").read_bytes()
        assert not (tmp_path / "-").exists()

    def test_xlsx_without_output_is_still_a_usage_error(self, capsys):
        """A workbook needs ``-o FILE`` or ``-o -``: without either, exit 2 and the reason."""
        assert main(["report", "--format", "xlsx"]) == 2
        assert "-o FILE" in capsys.readouterr().err
