"""The layer rule, checked by parsing every module of the package: the folders are the layers.

model (and the question banks) → plots → explorers, nothing imports upward; the generic figure widget in
``plotly_view/`` knows nothing of the model, the plots or the explorers. Every module belongs to a layer, so
a new module cannot slip past the rule. Private names are not imported across modules, every public name of
a module is in its ``__all__``, and no module forwards names through a module-level ``__getattr__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "mgk_helpers"

GUI_PACKAGES = {"plotly", "ipywidgets", "anywidget", "traitlets", "IPython"}
WIDGET_PACKAGES = {"ipywidgets", "anywidget", "traitlets"}
#: One-line modules that give a model-layer module its stable import name (``mgk_helpers.units`` …).
MODEL_FACADES = {"scenarios", "sufficiency", "units", "reference", "membrane", "data", "exercises"}

#: layer → the layers its modules may import (a layer may always import itself)
ALLOWED = {
    "model": {"model"},
    "plots": {"model", "plots"},
    "plotly_view": {"plotly_view"},
    "explorers": {"model", "plots", "plotly_view", "explorers"},
}
#: layer → third-party packages it must not import
FORBIDDEN_PACKAGES = {
    "model": GUI_PACKAGES,
    "plots": WIDGET_PACKAGES,
    "plotly_view": set(),
    "explorers": set(),
}


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name: str) -> str | None:
    """The layer of module ``name`` (dotted), or None if it has none."""
    parts = name.split(".")
    if parts == ["mgk_helpers"]:
        return "model"  # the package root holds only the disclaimer from model.notices
    sub = parts[1]
    if sub in ("model", "quizzes") or sub in MODEL_FACADES:
        return "model"
    if sub == "plots":
        return "plots"
    if sub == "plotly_view":
        return "plotly_view"
    if sub in ("explorers", "widgets"):
        return "explorers"
    return None


def imports_of(source: str, module: str, is_package: bool) -> list[tuple[str, list[str]]]:
    """Every import of ``source`` as (absolute dotted module, imported names); relative ones resolved."""
    package = module if is_package else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append((target, names))
            if target.startswith("mgk_helpers"):  # `from . import plots` imports a module
                out += [(f"{target}.{n}", []) for n in names if not n.startswith("_") and n[:1].islower()]
    return out


def violations(path: Path, source: str | None = None) -> list[str]:
    """Why the module at ``path`` breaks the layer rule (empty if it does not)."""
    source = path.read_text(encoding="utf-8") if source is None else source
    name = module_name(path)
    layer = layer_of(name)
    if layer is None:
        return [f"{name} belongs to no layer: put it in model/, plots/, plotly_view/ or explorers/"]
    problems = []
    for target, names in imports_of(source, name, path.name == "__init__.py"):
        top = target.split(".")[0]
        if top in FORBIDDEN_PACKAGES[layer]:
            problems.append(f"{name} ({layer}) imports {target}")
        if top == "mgk_helpers":
            target_layer = layer_of(target) if target != "mgk_helpers" else "model"
            if target_layer is not None and target_layer not in ALLOWED[layer]:
                problems.append(f"{name} ({layer}) imports {target} ({target_layer}): an upward import")
            private = [n for n in names if n.startswith("_") and n != "__all__"]
            if private and target != name:
                problems.append(f"{name} imports private names {private} from {target}")
    tree = ast.parse(source)
    if any(isinstance(n, ast.FunctionDef) and n.name == "__getattr__" for n in tree.body):
        problems.append(f"{name} forwards names through a module __getattr__")
    return problems


MODULES = sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_module_keeps_its_layer(path):
    assert violations(path) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_every_public_name_is_in_all(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declared = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            declared = {e.value for e in node.value.elts}
        if isinstance(node, ast.ImportFrom) and [a.name for a in node.names] == ["__all__"]:
            declared = "re-exported"
    assert declared is not None, f"{module_name(path)} has no __all__"
    if declared == "re-exported":
        return
    public = {
        n.name
        for n in tree.body
        if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not n.name.startswith("_")
    }
    public |= {
        t.id
        for n in tree.body
        if isinstance(n, (ast.Assign, ast.AnnAssign))
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
        if isinstance(t, ast.Name) and t.id.isupper() and not t.id.startswith("_")
    }
    assert public <= declared, f"{module_name(path)}: public but not in __all__: {sorted(public - declared)}"


def test_the_folders_are_the_layers():
    for folder in ("model", "plots", "plotly_view", "explorers", "quizzes"):
        assert (PKG / folder / "__init__.py").is_file(), folder
    assert {layer_of(module_name(p)) for p in MODULES} == set(ALLOWED)


# ---- the checker must be able to fail -------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    [
        ("model/equations.py", "import plotly.graph_objects as go\n", "imports plotly"),
        ("model/equations.py", "from ..plots import TEMPLATE\n", "upward import"),
        ("model/scenarios.py", "from mgk_helpers.widgets import quiz\n", "upward import"),
        ("plots/kidney.py", "import ipywidgets as w\n", "imports ipywidgets"),
        ("plots/kidney.py", "from ..explorers.base import Explorer\n", "upward import"),
        ("plotly_view/widget.py", "from ..model import steady_state\n", "upward import"),
        ("explorers/lab.py", "from ..model.clinical import _near_edge\n", "private names"),
        ("model/units.py", "def __getattr__(name):\n    return name\n", "__getattr__"),
        ("helpers.py", "x = 1\n", "belongs to no layer"),
    ],
)
def test_the_checker_catches_a_broken_module(where, source, expected):
    problems = violations(PKG / where, source)
    assert any(expected in p for p in problems), problems
