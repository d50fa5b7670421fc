"""Printable pages and workbooks for people: the report and the self-evaluation as HTML/.xlsx.

One module per output: :mod:`~pension_subsidy.render.report_html`,
:mod:`~pension_subsidy.render.report_xlsx`, :mod:`~pension_subsidy.render.evaluation_html`
and :mod:`~pension_subsidy.render.evaluation_xlsx`; the page skeleton and the workbook
conventions they share live in :mod:`~pension_subsidy.render.page` and
:mod:`~pension_subsidy.render.workbook`. They only read the core's objects; the core never
imports them. This package imports nothing itself, so that the disclosure writer can share
the page style without an import cycle.
"""
