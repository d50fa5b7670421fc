"""pension_subsidy: exact money for a county's urban-rural residents' pension funds.

Model the county supporting fund (县级配套资金) and the bureau's other project lines, compute
totals and per-capita figures to the 分, and check them against their appropriations.

>>> import pension_subsidy as ps
>>> budget = ps.load_dataset("menyuan-2022")
>>> budget.project("county_supporting_fund").check().headroom
Yuan('60000.00')
"""

from pension_subsidy.audit import Finding, Location, Severity, audit
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
from pension_subsidy.disclosure import (
    Disclosure,
    load_bundled_disclosure,
    load_disclosure,
    parse_disclosure,
    read_disclosure,
    render_disclosure,
    write_disclosure,
)
from pension_subsidy.exceptions import (
    DataFileError,
    FloatAmountError,
    InvalidAmountError,
    InvalidHeadcountError,
    MissingDependencyError,
    PensionSubsidyError,
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
    "Disclosure",
    "Finding",
    "FloatAmountError",
    "GradeTier",
    "Indicator",
    "InvalidAmountError",
    "InvalidHeadcountError",
    "LandLossPension",
    "Level1",
    "Level2",
    "Location",
    "MildDisabilityProxy",
    "MissingDependencyError",
    "PensionSubsidyError",
    "PovertyHouseholdProxy",
    "Project",
    "ProjectCheck",
    "SevereDisabilityProxy",
    "Severity",
    "Status",
    "TieredContributionSubsidy",
    "Unit",
    "UnknownKeyError",
    "VillageCadreSubsidy",
    "Yuan",
    "audit",
    "budget_from_mapping",
    "dataset_names",
    "format_count",
    "format_percent",
    "format_wan",
    "format_yuan",
    "label",
    "load_budget_file",
    "load_bundled_disclosure",
    "load_dataset",
    "load_disclosure",
    "load_source",
    "parse_disclosure",
    "read_disclosure",
    "render_disclosure",
    "render_report",
    "report_data",
    "round_half_up",
    "write_disclosure",
]

__version__ = "0.1.0"
