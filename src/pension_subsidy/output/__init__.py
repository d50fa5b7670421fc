"""Everything people and programs read: language, JSON, text, HTML, workbooks, tables.

Holds the language layer (:mod:`~pension_subsidy.output.language`: labels and number formats
in zh_CN and en, on babel), the report and self-evaluation as text and JSON
(:mod:`~pension_subsidy.output.report`, :mod:`~pension_subsidy.output.evaluation_text`), the
what-if, parameter and plan-check texts, the HTML pages and Excel workbooks, the disclosure
table's writer (:mod:`~pension_subsidy.output.disclosure_table`) and the roster's rejects file
(:mod:`~pension_subsidy.output.rejects`).

May import: every layer below (model and features). Never ``cli``. The only layer that
imports babel.
"""
