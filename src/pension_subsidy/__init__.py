"""pension_subsidy: exact money for a county's urban-rural residents' pension funds.

Model the county supporting fund (县级配套资金) and the bureau's other project lines, compute
totals and per-capita figures to the 分, and check them against their appropriations.

>>> import pension_subsidy as ps
>>> budget = ps.load_dataset("menyuan-2022")
>>> budget.project("county_supporting_fund").check().headroom
Yuan('60000.00')
"""

from pension_subsidy.budget import Budget, ComponentShare, Project, ProjectCheck, Status, Unit
from pension_subsidy.components import (
    COMPONENT_TYPES,
    Basis,
    Component,
    ContributionSubsidy,
    CoordinatorAllowance,
    GradeTier,
    LandLossPension,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    TieredContributionSubsidy,
    VillageCadreSubsidy,
)
from pension_subsidy.dataset import (
    budget_from_mapping,
    dataset_names,
    load_budget_file,
    load_dataset,
)
from pension_subsidy.exceptions import (
    DataFileError,
    FloatAmountError,
    InvalidAmountError,
    InvalidHeadcountError,
    PensionSubsidyError,
    RosterMergeError,
    UnknownKeyError,
)
from pension_subsidy.indicators import Comparator, Indicator, Level1, Level2
from pension_subsidy.l10n import format_count, format_percent, format_wan, format_yuan, label
from pension_subsidy.money import (
    FEN,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    WAN,
    WAN_CENT,
    WAN_TENTH,
    Yuan,
    round_half_up,
)
from pension_subsidy.report import render_report, report_data
from pension_subsidy.roster import (
    Rejection,
    Rules,
    Tally,
    default_rules,
    load_rules,
    tally_roster,
    write_synthetic_roster,
)
from pension_subsidy.sources import load_source

__all__ = [
    "COMPONENT_TYPES",
    "FEN",
    "ROUND_DOWN",
    "ROUND_FLOOR",
    "ROUND_HALF_EVEN",
    "ROUND_HALF_UP",
    "WAN",
    "WAN_CENT",
    "WAN_TENTH",
    "Basis",
    "Budget",
    "Comparator",
    "Component",
    "ComponentShare",
    "ContributionSubsidy",
    "CoordinatorAllowance",
    "DataFileError",
    "FloatAmountError",
    "GradeTier",
    "Indicator",
    "InvalidAmountError",
    "InvalidHeadcountError",
    "LandLossPension",
    "Level1",
    "Level2",
    "MildDisabilityProxy",
    "PensionSubsidyError",
    "PovertyHouseholdProxy",
    "Project",
    "ProjectCheck",
    "Rejection",
    "RosterMergeError",
    "Rules",
    "SevereDisabilityProxy",
    "Status",
    "Tally",
    "TieredContributionSubsidy",
    "Unit",
    "UnknownKeyError",
    "VillageCadreSubsidy",
    "Yuan",
    "budget_from_mapping",
    "dataset_names",
    "default_rules",
    "format_count",
    "format_percent",
    "format_wan",
    "format_yuan",
    "label",
    "load_budget_file",
    "load_dataset",
    "load_rules",
    "load_source",
    "render_report",
    "report_data",
    "round_half_up",
    "tally_roster",
    "write_synthetic_roster",
]

__version__ = "0.1.0"
