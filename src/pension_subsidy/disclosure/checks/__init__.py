"""The audit's checks, one module per family, each fact checked in one function.

:mod:`~pension_subsidy.disclosure.checks.finding` holds what a check returns;
:mod:`~pension_subsidy.disclosure.checks.indicators` recognises what an indicator states (a cost
ceiling, a count, a restated headcount) from the one keyword file ``disclosure/keywords.toml``,
for the audit and for :func:`~pension_subsidy.plan_check` alike;
:mod:`~pension_subsidy.disclosure.checks.facts` decides each fact both report (a ceiling
binds, what it caps keeps to it, a restated headcount, two statements of a count agree) as a
neutral result that each maps to its own findings; the other modules hold the
checks: ``amounts`` (totals, components, count × standard, per capita), ``quantities``
(the same count stated twice), ``costs`` (cost ceilings), ``rates`` and ``outline`` (numbering,
targets, prose notes). :mod:`pension_subsidy.disclosure.audit` runs them all.

May import what :mod:`pension_subsidy.disclosure` may: the model and everything below it.
"""
