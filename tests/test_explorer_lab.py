"""The lab panel on the browser-side explorer layer: its readout, text alternative and figure are what
``model.clinical`` and ``plots.lab`` give for the same state, at every grid state.

Expected values come from ``lab_summary`` / ``summary_text`` / ``lab_alt`` / ``lab_figure_data`` called on the
state's values, never from numbers typed in here.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from mgk_helpers.explorers.base import MG_GRID_MMOL
from mgk_helpers.explorers.engine import resolve, unpack_tables
from mgk_helpers.explorers.lab import K_GRID, lab_panel, lab_spec
from mgk_helpers.model.clinical import lab_summary, summary_text
from mgk_helpers.model.units import CONCENTRATION_UNITS
from mgk_helpers.plots.lab import LAB_K_RANGE, lab_alt, lab_figure_data

UNITS = tuple(CONCENTRATION_UNITS)


@pytest.fixture(scope="module")
def spec():
    return lab_spec()


def _state(i: int, j: int, u: int) -> dict[str, int]:
    return {"serum_k": i, "serum_mg": j, "mg_unit": u}


def _figure_parts(data: list[dict], layout: dict) -> dict:
    """What lab_figure_data describes, read off a drawn figure: traces by uid, shapes, the Mg axis."""
    traces = {t["uid"]: {p: t[p] for p in ("x", "y", "text")} for t in data}
    return {
        "traces": traces,
        "shapes": layout["shapes"],
        "xaxis2": {"range": layout["xaxis2"]["range"], "title": {"text": layout["xaxis2"]["title"]["text"]}},
    }


def _expected_parts(k: float, mg: float, unit: str) -> dict:
    d = lab_figure_data(k, mg, unit)
    return {
        "traces": {uid: {p: v[p] for p in ("x", "y", "text")} for uid, v in d["traces"].items()},
        "shapes": d["shapes"],
        "xaxis2": d["xaxis2"],
    }


def test_grid_is_the_old_sliders_steps():
    assert (K_GRID[0], K_GRID[-1]) == LAB_K_RANGE
    assert np.allclose(np.diff(K_GRID), 0.1)
    assert np.allclose(np.diff(MG_GRID_MMOL), 0.01)


@pytest.mark.slow
def test_readout_and_alt_text_equal_the_clinical_functions_at_every_grid_state(spec):
    """Every (serum K, serum Mg, unit) grid state: readout = summary_text(lab_summary(k, mg), unit) and the
    text alternative = lab_alt(...), character for character (this is what checks the templates)."""
    mismatches = []
    for i, k in enumerate(K_GRID):
        for j, mg in enumerate(MG_GRID_MMOL):
            s = lab_summary(k, mg)
            for u, unit in enumerate(UNITS):
                state = _state(i, j, u)
                if resolve(spec, spec.readout, state) != summary_text(s, unit):
                    mismatches.append(("readout", k, mg, unit))
                if resolve(spec, spec.alt, state) != lab_alt(s, unit):
                    mismatches.append(("alt", k, mg, unit))
    assert not mismatches, f"{len(mismatches)} states differ, first {mismatches[:5]}"


def test_sample_of_states_reads_as_the_model_and_the_plots(spec):
    """Whole views (figure, readout, alt) at a sample of states, as the page draws them."""
    rng = np.random.default_rng(7)
    states = [(int(rng.integers(len(K_GRID))), int(rng.integers(len(MG_GRID_MMOL))), u) for u in range(3)]
    states += [(K_GRID.index(3.1), MG_GRID_MMOL.index(0.49), 1), (0, 0, 2), (len(K_GRID) - 1, 130, 0)]
    states += [(int(rng.integers(len(K_GRID))), int(rng.integers(len(MG_GRID_MMOL))), 1) for _ in range(20)]
    for i, j, u in states:
        k, mg, unit = K_GRID[i], MG_GRID_MMOL[j], UNITS[u]
        data, layout, readout, alt = spec.view(_state(i, j, u))
        s = lab_summary(k, mg)
        assert readout == summary_text(s, unit)
        assert alt == lab_alt(s, unit) == layout["meta"]["alt_text"]
        assert _figure_parts(data, layout) == _expected_parts(k, mg, unit), (k, mg, unit)


def test_figure_follows_every_serum_k_and_every_serum_mg_in_every_unit(spec):
    """The figure's parts move with one control each: every K grid point (Mg held), every Mg grid point in
    every unit (K held) equal lab_figure_data there."""
    j0 = MG_GRID_MMOL.index(0.85)
    for i, k in enumerate(K_GRID):
        data, layout, _r, _a = spec.view(_state(i, j0, 0))
        assert _figure_parts(data, layout) == _expected_parts(k, 0.85, UNITS[0]), k
    i0 = K_GRID.index(4.2)
    for u, unit in enumerate(UNITS):
        for j, mg in enumerate(MG_GRID_MMOL):
            data, layout, _r, _a = spec.view(_state(i0, j, u))
            assert _figure_parts(data, layout) == _expected_parts(4.2, mg, unit), (mg, unit)


def test_every_grid_point_of_every_control_gives_a_view():
    p = lab_panel()
    for name, control in p.controls.items():
        for index in range(len(control.options)):
            control.index = index
            assert p.readout_text.startswith("Serum K ") and p.figure.alt_text, (name, index)
        p.reset_button.click()
    assert p.state == p._spec.default_state()


def test_off_grid_starting_values_start_at_the_nearest_grid_point():
    p = lab_panel(serum_k=3.14, serum_mg=0.486, mg_unit="mEq/L")
    assert p.controls["serum_k"].value == 3.1 and p.controls["serum_mg"].value == 0.49
    assert p.readout_text == summary_text(lab_summary(3.1, 0.49), "mEq/L")
    p.controls["serum_k"].value = 6.66  # a value set from Python lands on the grid too
    assert p.controls["serum_k"].value == 6.7
    assert p.readout_text == summary_text(lab_summary(6.7, 0.49), "mEq/L")


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"serum_k": 12.0}, ("serum_k", "12", "mmol/L", "1.5", "9")),
        ({"serum_k": 1.0}, ("serum_k", "mmol/L", "1.5")),
        ({"serum_k": math.nan}, ("serum_k", "mmol/L")),
        ({"serum_k": "high"}, ("serum_k", "not a number")),
        ({"serum_mg": 0.05}, ("serum_mg", "0.05", "mmol/L", "0.2", "1.5")),
        ({"serum_mg": 2.0}, ("serum_mg", "mmol/L", "1.5")),
        ({"mg_unit": "g/L"}, ("mg_unit", "g/L", "mmol/L", "mg/dL", "mEq/L")),
    ],
)
def test_bad_input_names_parameter_value_unit_and_range(kwargs, words):
    with pytest.raises(ValueError) as err:
        lab_panel(**kwargs)
    for word in words:
        assert word in str(err.value), (word, str(err.value))


def test_bad_values_set_from_python_are_rejected():
    p = lab_panel()
    with pytest.raises(ValueError, match=r"serum_k.*mmol/L.*1\.5"):
        p.controls["serum_k"].value = 9.5
    with pytest.raises(ValueError, match=r"serum_mg.*mmol/L"):
        p.controls["serum_mg"].value = 0.1
    with pytest.raises(ValueError, match="mg_unit"):
        p.controls["mg_unit"].value = "mg/L"
    assert p.state == p._spec.default_state()


def test_what_is_sent_to_the_page_is_small_and_reads_back_the_same(spec):
    p = lab_panel()
    assert len(p.tables) < 100_000 and len(p.static_html()) < 400_000
    spec_json, buffer = spec.to_json()
    json.dumps(spec_json)  # plain JSON
    table = unpack_tables(spec_json["tables"], buffer)["template"]
    assert np.array_equal(table.arrays()[0], spec.tables["template"].arrays()[0])
    templates = spec.readout["format"]["values"]
    assert set(np.unique(table.arrays()[0]).astype(int)) == set(range(len(templates)))  # each one used
