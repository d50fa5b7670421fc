"""What-if: overrides applied to a budget, comparisons, solve, forecast, sensitivity, estimates.

Holds :mod:`~pension_subsidy.whatif.scenarios` (overrides, applying them, comparing),
:mod:`~pension_subsidy.whatif.solve`, :mod:`~pension_subsidy.whatif.forecast`,
:mod:`~pension_subsidy.whatif.sensitivity` and :mod:`~pension_subsidy.whatif.estimates`
(forward estimates from the parameters in force).

May import: the model and everything below it, and other feature packages. Never ``output``
or ``cli``; never babel.
"""
