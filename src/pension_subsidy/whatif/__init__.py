"""What-if: overrides applied to a budget, comparisons, solve, forecast, sensitivity, estimates.

Holds :mod:`~pension_subsidy.whatif.overrides` (what ``KEY.FIELD=VALUE`` names and
changes), :mod:`~pension_subsidy.whatif.apply` (a budget with overrides applied),
:mod:`~pension_subsidy.whatif.comparison` (a scenario against its baseline),
:mod:`~pension_subsidy.whatif.scenarios` (the names of those three in one place),
:mod:`~pension_subsidy.whatif.solve`, :mod:`~pension_subsidy.whatif.forecast`,
:mod:`~pension_subsidy.whatif.sensitivity` and :mod:`~pension_subsidy.whatif.estimates`
(forward estimates from the parameters in force). Every result has one ``.data()``: its
JSON-ready form, which the output layer writes unchanged.

May import: the model and everything below it, and other feature packages. Never ``output``
or ``cli``; never babel.
"""
