"""The person-level roster engine (参保人员名册): from the insured-person list to the fund.

Read a roster (:func:`tally_roster`), under a county's rules (:class:`RosterRules`), into a
mergeable :class:`Tally`; turn it into the fund model with :meth:`Tally.to_budget`. The rejects
file is written by :mod:`pension_subsidy.output.rejects`.

Its modules, one job each: ``rules`` (the county's rules: the value in ``rules_model``, the
file read by ``rules_file``); ``read`` (a roster file tallied: the header's columns found by
``headers``, the file opened by its kind in ``file_source``, CSV text in ``csv_source``, a
workbook in ``xlsx_source``, rows in memory in ``frame_source``); ``classify`` and
``engine`` (a row's verdict, counted); ``tally`` (the mergeable result); ``partitions``
(several processes), ``columnar*`` (the polars engine), ``distributed*`` (a Dask cluster);
``progress`` (how far a tally is); ``synth`` (synthetic rosters). Their errors say their
messages by the codes of ``data/messages/<language>/roster.toml``.

May import: the model and everything below it. Never ``output`` or ``cli``; never babel.
"""

from pension_subsidy.roster.classify import FIELDS, OPTIONAL_FIELDS, Reason, Rejection
from pension_subsidy.roster.engine import SequenceSource, tally_source
from pension_subsidy.roster.read import (
    CHINESE_HEADERS,
    OPTIONAL_HEADERS,
    read_header,
    resolve_columns,
    resolve_optional_columns,
    tally_roster,
)
from pension_subsidy.roster.rules import (
    DEFAULT_IDENTITY_ORDER,
    RosterRules,
    default_roster_rules,
    load_roster_rules,
)
from pension_subsidy.roster.synth import synthetic_rows, write_synthetic_roster
from pension_subsidy.roster.tally import AreaTally, ComponentTally, Tally

__all__ = [
    "CHINESE_HEADERS",
    "DEFAULT_IDENTITY_ORDER",
    "FIELDS",
    "OPTIONAL_FIELDS",
    "OPTIONAL_HEADERS",
    "AreaTally",
    "ComponentTally",
    "Reason",
    "Rejection",
    "RosterRules",
    "SequenceSource",
    "Tally",
    "default_roster_rules",
    "load_roster_rules",
    "read_header",
    "resolve_columns",
    "resolve_optional_columns",
    "synthetic_rows",
    "tally_roster",
    "tally_source",
    "write_synthetic_roster",
]
