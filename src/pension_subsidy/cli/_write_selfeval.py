"""``write-selfeval``: the self-evaluation in the standard 自评表 layout (xlsx, HTML, docx).

Either scored here — ``SOURCE --actuals FILE`` as ``evaluate`` scores it (``--scoring``) — or
a self-evaluation table read from any file (``--form FILE``: a Hebei table, a pasted page, a
PDF …) written again in the standard 10号 layout.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pension_subsidy._files import check_output, write_output
from pension_subsidy.cli._common import add_source, write
from pension_subsidy.cli._output import command_inputs
from pension_subsidy.evaluation.actuals import read_actuals
from pension_subsidy.evaluation.scoring_2020 import SCORING_CHOICES, evaluate_with
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.forms.model import FormDocument
from pension_subsidy.forms.read import read_form
from pension_subsidy.forms.selfeval_form import SelfEvaluationHeader, selfeval_document
from pension_subsidy.output.selfeval_files import SELFEVAL_FORMATS, render_selfeval
from pension_subsidy.sources import load_source

_EXIT_USAGE = 2


def register(subparsers: Any) -> None:
    """Add the ``write-selfeval`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "write-selfeval",
        help="write the self-evaluation as the standard 项目支出绩效自评表 (xlsx, HTML, docx)",
        description=(
            "Write the 项目支出绩效自评表 of 财预〔2020〕10号: header rows (项目名称, 主管部门, "
            "实施单位, 项目负责人, 财务负责人), the money rows (年初预算数, 全年预算数, "
            "全年执行数, 分值, 执行率, 得分), goals, indicators and 总分. Score SOURCE with "
            "--actuals FILE, or rewrite a self-evaluation table read with --form FILE."
        ),
    )
    add_source(parser)
    parser.add_argument(
        "--actuals", metavar="FILE", default=None, help="a TOML file of actual results"
    )
    parser.add_argument(
        "--form",
        metavar="FILE",
        default=None,
        help="a self-evaluation table to rewrite (.xlsx/.docx/.html/.pdf/.txt)",
    )
    parser.add_argument(
        "--scoring",
        choices=SCORING_CHOICES,
        default=SCORING_CHOICES[0],
        help="the scoring rules with --actuals: current (default) or 2020-10",
    )
    parser.add_argument("--format", choices=SELFEVAL_FORMATS, default="xlsx", help="file format")
    parser.add_argument("-o", "--output", metavar="FILE", default=None, help="the file to write")
    for option, label in (
        ("department", "主管部门"),
        ("unit-name", "实施单位"),
        ("project-lead", "项目负责人"),
        ("finance-lead", "财务负责人"),
    ):
        parser.add_argument(f"--{option}", metavar="NAME", default=None, help=f"{label} row")
    parser.set_defaults(handler=run)


def _document(args: argparse.Namespace) -> FormDocument:
    if args.form is not None:
        document = read_form(args.form)
        if document.form != "self_evaluation_table":
            said = {"form": document.form, "layout": document.layout}
            raise DataFileError(code="cli.write_selfeval.not_selfeval", params=said, path=args.form)
        return document
    header = SelfEvaluationHeader(
        department=args.department,
        unit_name=args.unit_name,
        project_lead=args.project_lead,
        finance_lead=args.finance_lead,
    )
    budget = load_source(args.source)
    evaluation = evaluate_with(budget, read_actuals(args.actuals, budget), scoring=args.scoring)
    return selfeval_document(evaluation, budget, header=header)


def run(args: argparse.Namespace) -> int:
    """Write the 自评表 to ``-o FILE`` (HTML may go to standard output)."""
    if (args.actuals is None) == (args.form is None):
        print(
            "pension-subsidy write-selfeval: error: give either --actuals FILE (score SOURCE) "
            "or --form FILE (a self-evaluation table to rewrite)",
            file=sys.stderr,
        )
        return _EXIT_USAGE
    if args.format != "html" and args.output is None:
        print(
            f"pension-subsidy write-selfeval: error: --format {args.format} writes a binary "
            "file; give the file to write with -o FILE",
            file=sys.stderr,
        )
        return _EXIT_USAGE
    if args.output is not None:
        check_output(args.output, [*command_inputs(args), ("form", args.form)])
    data = render_selfeval(_document(args), args.format)
    if args.output is None:
        write(data.decode("utf-8"))
    else:
        write_output(args.output, data)
    return 0
