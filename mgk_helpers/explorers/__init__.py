"""The explorer layer: controls, a figure and a readout in words, composed from the model and the plots.

One module per explorer; :mod:`.base` holds what they share and :mod:`.quiz` the self-checks. The public
functions (``mg_k_steady_state()``, ``time_course()``, ``quiz()``, …) are what the notebooks call, through the
stable name :mod:`mgk_helpers.widgets`.
"""

from .base import (
    MG_GRID_MMOL,
    MG_K_NOTE,
    Explorer,
    check_mg_unit,
    checked_value,
)
from .body_map import BodyMapExplorer, BodyMapPlayback, BodyMapTrial, body_map, body_map_trial
from .causes import (
    STOOL_LOSS_SLIDER,
    CausePresetExplorer,
    cause_presets,
)
from .cells import (
    PUMP_CAVEAT,
    CellDistributionExplorer,
    cell_distribution,
)
from .diet import (
    AGE_RANGE,
    DEFAULT_PLAN,
    LIFE_STAGES,
    N_SLOTS,
    SERVINGS_RANGE,
    DietPlanner,
    FoodExplorer,
    diet_planner,
    food_explorer,
)
from .ecg import EcgStripExplorer, ecg_strip_explorer
from .inventory import ConceptInventory, concept_inventory
from .lab import (
    LabPanel,
    lab_panel,
)
from .membrane import (
    K_IN_RANGE,
    MEMBRANE_CAVEAT,
    PERMEABILITY_OPTIONS,
    MembraneExplorer,
    membrane_explorer,
)
from .quiz import (
    Quiz,
    QuizQuestion,
    quiz,
)
from .steady_state import (
    SteadyStateExplorer,
    mg_k_steady_state,
)
from .time_course import (
    REFRACTORY,
    TimeCourseExplorer,
    time_course,
)
from .unit_converter import (
    UnitConverterExplorer,
    unit_converter,
)

__all__ = [
    "AGE_RANGE",
    "BodyMapExplorer",
    "BodyMapPlayback",
    "BodyMapTrial",
    "body_map",
    "body_map_trial",
    "CausePresetExplorer",
    "CellDistributionExplorer",
    "ConceptInventory",
    "concept_inventory",
    "DEFAULT_PLAN",
    "DietPlanner",
    "EcgStripExplorer",
    "Explorer",
    "FoodExplorer",
    "K_IN_RANGE",
    "LIFE_STAGES",
    "LabPanel",
    "MEMBRANE_CAVEAT",
    "MG_GRID_MMOL",
    "MG_K_NOTE",
    "MembraneExplorer",
    "N_SLOTS",
    "PERMEABILITY_OPTIONS",
    "PUMP_CAVEAT",
    "Quiz",
    "QuizQuestion",
    "REFRACTORY",
    "SERVINGS_RANGE",
    "STOOL_LOSS_SLIDER",
    "SteadyStateExplorer",
    "TimeCourseExplorer",
    "UnitConverterExplorer",
    "cause_presets",
    "cell_distribution",
    "check_mg_unit",
    "checked_value",
    "diet_planner",
    "ecg_strip_explorer",
    "food_explorer",
    "lab_panel",
    "membrane_explorer",
    "mg_k_steady_state",
    "quiz",
    "time_course",
    "unit_converter",
]
