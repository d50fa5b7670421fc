"""The model at the centre: components, projects and units, indicators, parameters, datasets.

Holds :mod:`~pension_subsidy.model.components` (what each fund line is and how its amount is
derived), :mod:`~pension_subsidy.model.budget` (projects, units and their checks),
:mod:`~pension_subsidy.model.indicators` (the performance-indicator tree),
:mod:`~pension_subsidy.model.parameters` (dated policy values with their sources) and
:mod:`~pension_subsidy.model.dataset` (the bundled and user TOML datasets).

May import: :mod:`pension_subsidy.exceptions`, :mod:`pension_subsidy.money` and the private
file helpers (``_toml``, ``_encoding``, ``_files``). Never the features, ``output`` or
``cli``; never babel.
"""
