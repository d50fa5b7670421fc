"""The year-end self-evaluation (绩效自评): actual results, weights, scoring, the plan check.

Holds :mod:`~pension_subsidy.evaluation.scoring` (weights, indicator and budget-execution
scores, grades), :mod:`~pension_subsidy.evaluation.actuals` (reading an actuals file) and
:mod:`~pension_subsidy.evaluation.plan_check` (cost ceilings and restated headcounts against
the fund model).

May import: the model and everything below it, and other feature packages. Never ``output``
or ``cli``; never babel.
"""
