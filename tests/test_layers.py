"""The layer rule, checked by parsing imports: model code → plots → widgets, nothing imports upward."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "mgk_helpers"

#: Model code: numpy/scipy/pint/pandas/pandera only, no plotting and no widgets.
MODEL_MODULES = ("units", "reference", "membrane", "model", "scenarios", "sufficiency", "data")
GUI_PACKAGES = {"plotly", "ipywidgets", "anywidget", "traitlets", "IPython"}
WIDGET_PACKAGES = {"ipywidgets", "anywidget"}


def imported_names(path: Path) -> set[str]:
    """Every module a file imports, as dotted names; relative imports become ``mgk_helpers.x``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = "mgk_helpers" + (f".{node.module}" if node.module else "")
                names.add(base)
                if not node.module:  # from . import plots
                    names.update(f"mgk_helpers.{alias.name}" for alias in node.names)
            elif node.module:
                names.add(node.module)
                if node.module == "mgk_helpers":
                    names.update(f"mgk_helpers.{alias.name}" for alias in node.names)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("module", MODEL_MODULES)
def test_model_code_imports_no_gui_and_nothing_above_it(module):
    path = PKG / f"{module}.py"
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    names = imported_names(path)
    assert not {top(n) for n in names} & GUI_PACKAGES, f"{module} imports {sorted(names)}"
    # model code may import only other model modules (not plots, figure, widgets or any *_widgets)
    upward = {n for n in names if n.startswith("mgk_helpers.") and n.split(".")[1] not in MODEL_MODULES}
    assert not upward, f"model module {module} imports {sorted(upward)}"


def test_plots_import_no_widgets():
    names = imported_names(PKG / "plots.py")
    assert not {top(n) for n in names} & WIDGET_PACKAGES, sorted(names)
    assert "mgk_helpers.widgets" not in names and "mgk_helpers.figure" not in names


def test_quizzes_are_model_code():
    for path in sorted((PKG / "quizzes").glob("*.py")):
        names = imported_names(path)
        assert not {top(n) for n in names} & GUI_PACKAGES, f"{path.name} imports {sorted(names)}"


def test_the_checker_sees_imports():
    """The parser itself must be able to fail: it finds GUI imports in widgets.py."""
    names = imported_names(PKG / "widgets.py")
    assert "ipywidgets" in names
    assert "mgk_helpers.plots" in names and "mgk_helpers.model" in names
