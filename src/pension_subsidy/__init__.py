"""pension_subsidy: exact money for a county's urban-rural residents' pension funds.

Model the county supporting fund (县级配套资金) and the bureau's other project lines, compute
totals and per-capita figures to the 分, and check them against their appropriations.

>>> import pension_subsidy as ps
>>> budget = ps.load_dataset("menyuan-2022")
>>> budget.project("county_supporting_fund").check().headroom
Yuan('60000.00')
"""

from pension_subsidy.actuals import parse_actual, parse_money, read_actuals
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
from pension_subsidy.estimates import EstimateLine, ForwardEstimate, forward_estimate
from pension_subsidy.evaluation import (
    Actuals,
    BudgetExecution,
    Evaluation,
    Grade,
    IndicatorResult,
    IndicatorStatus,
    Measured,
    ProjectActuals,
    ProjectEvaluation,
    QualitativeScale,
    ScoringRules,
    Weights,
    default_rules,
    evaluate,
    evaluate_project,
)
from pension_subsidy.evaluation_report import evaluation_data, render_evaluation
from pension_subsidy.exceptions import (
    ActualValueError,
    DataFileError,
    EvaluationError,
    FloatAmountError,
    InvalidAmountError,
    InvalidHeadcountError,
    InvalidOverrideError,
    NotInForceError,
    PensionSubsidyError,
    UnknownIndicatorError,
    UnknownKeyError,
    UnsolvableError,
)
from pension_subsidy.forecast import Forecast, ForecastYear, Growth, forecast
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
from pension_subsidy.parameters import (
    LegalSource,
    ParameterSet,
    ParameterValue,
    load_parameter_file,
    load_parameters,
)
from pension_subsidy.report import render_report, report_data
from pension_subsidy.scenarios import (
    Change,
    ComponentChange,
    Override,
    ProjectChange,
    Target,
    apply_overrides,
    compare,
    scenario_data,
)
from pension_subsidy.sensitivity import SensitivityRow, sensitivity
from pension_subsidy.solving import Solution, solve
from pension_subsidy.sources import load_source
from pension_subsidy.targets import FindingKind, FindingStatus, PlanFinding, plan_check

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
    "ActualValueError",
    "Actuals",
    "Basis",
    "Budget",
    "BudgetExecution",
    "Change",
    "Comparator",
    "Component",
    "ComponentChange",
    "ComponentShare",
    "ContributionSubsidy",
    "CoordinatorAllowance",
    "DataFileError",
    "EstimateLine",
    "Evaluation",
    "EvaluationError",
    "FindingKind",
    "FindingStatus",
    "FloatAmountError",
    "Forecast",
    "ForecastYear",
    "ForwardEstimate",
    "Grade",
    "GradeTier",
    "Growth",
    "Indicator",
    "IndicatorResult",
    "IndicatorStatus",
    "InvalidAmountError",
    "InvalidHeadcountError",
    "InvalidOverrideError",
    "LandLossPension",
    "LegalSource",
    "Level1",
    "Level2",
    "Measured",
    "MildDisabilityProxy",
    "NotInForceError",
    "Override",
    "ParameterSet",
    "ParameterValue",
    "PensionSubsidyError",
    "PlanFinding",
    "PovertyHouseholdProxy",
    "Project",
    "ProjectActuals",
    "ProjectChange",
    "ProjectCheck",
    "ProjectEvaluation",
    "QualitativeScale",
    "ScoringRules",
    "SensitivityRow",
    "SevereDisabilityProxy",
    "Solution",
    "Status",
    "Target",
    "TieredContributionSubsidy",
    "Unit",
    "UnknownIndicatorError",
    "UnknownKeyError",
    "UnsolvableError",
    "VillageCadreSubsidy",
    "Weights",
    "Yuan",
    "apply_overrides",
    "budget_from_mapping",
    "compare",
    "dataset_names",
    "default_rules",
    "evaluate",
    "evaluate_project",
    "evaluation_data",
    "forecast",
    "format_count",
    "format_percent",
    "format_wan",
    "format_yuan",
    "forward_estimate",
    "label",
    "load_budget_file",
    "load_dataset",
    "load_parameter_file",
    "load_parameters",
    "load_source",
    "parse_actual",
    "parse_money",
    "plan_check",
    "read_actuals",
    "render_evaluation",
    "render_report",
    "report_data",
    "round_half_up",
    "scenario_data",
    "sensitivity",
    "solve",
]

__version__ = "0.1.0"
