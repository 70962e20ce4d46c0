"""The static figure factories: numbers come from the model, bands and units are right, style is set."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from mgk_helpers import membrane, model, plots, scenarios, sufficiency
from mgk_helpers.plotly_view import figure_json
from mgk_helpers.units import from_mmol_per_l


def traces_by_uid(fig: go.Figure) -> dict[str, dict]:
    data, _ = figure_json(fig)
    return {t["uid"]: t for t in data if "uid" in t}


def close(a, b, rel=2e-4) -> bool:
    """Equal within the 5-significant-digit rounding of the figure JSON."""
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=rel, atol=1e-9)


def test_palette_is_okabe_ito_and_template_is_large_and_compact():
    assert set(plots.OKABE_ITO.values()) == {
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    }  # fmt: skip
    assert set(plots.PALETTE) <= set(plots.OKABE_ITO.values())
    assert plots.TEMPLATE.layout.font.size >= 16
    assert plots.TEMPLATE.data.scatter[0].line.width >= 3
    # our template replaces plotly's default one, which alone is ~10 KB of JSON per figure
    assert len(json.dumps(plots.TEMPLATE.to_plotly_json())) < 3000


def test_steady_state_figure_follows_the_model():
    fig = plots.steady_state_figure(serum_mg=0.45, k_intake=80.0, driver=1.7)
    t = traces_by_uid(fig)
    grid = np.asarray(t["serum_k"]["x"])
    expected = model.steady_state(grid, k_intake=80.0, driver=1.7)
    assert close(t["serum_k"]["y"], expected.serum_k)
    assert close(t["urine_k"]["y"], expected.urine_k)
    point = model.steady_state(0.45, k_intake=80.0, driver=1.7)
    assert close(t["serum_k_point"]["x"], [0.45]) and close(t["serum_k_point"]["y"], [point.serum_k])
    assert grid[0] == pytest.approx(model.SERUM_MG_RANGE[0]) and grid[-1] == pytest.approx(
        model.SERUM_MG_RANGE[1]
    )
    # the uncertainty envelope contains the nominal curve and is a real band at low Mg
    lo, hi, mid = (np.asarray(t[k]["y"]) for k in ("serum_k_lo", "serum_k_hi", "serum_k"))
    assert np.all(lo <= mid + 1e-6) and np.all(mid <= hi + 1e-6)
    assert hi[0] - lo[0] > 0.1


def test_uncertainty_envelope_is_bounded_by_its_corners():
    """The corners bound the steady state over the (Kd_ROMK, n, γ, φ) box: random samples stay inside."""
    from dataclasses import replace

    from mgk_helpers.sufficiency import UNCERTAINTY_RANGES

    d = plots.steady_state_data(0.85, 100.0, 1.5)
    grid = np.asarray(d["serum_k"]["x"])
    rng = np.random.default_rng(7)
    lo, hi = np.asarray(d["serum_k_lo"]["y"]), np.asarray(d["serum_k_hi"]["y"])
    for _ in range(60):
        values = {name: rng.uniform(a, b) for name, (a, b) in UNCERTAINTY_RANGES.items()}
        k = model.steady_state(grid, 100.0, 1.5, replace(model.Params(), **values)).serum_k
        assert np.all(k >= lo - 1e-9) and np.all(k <= hi + 1e-9)
    # and the band is not trivially wide: the corners are attained
    corners = [
        model.steady_state(grid, 100.0, 1.5, p).serum_k
        for p in sufficiency.uncertainty_corners(model.Params())
    ]
    assert np.allclose(np.min(corners, axis=0), lo) and np.allclose(np.max(corners, axis=0), hi)
    # γ is in the band: the band is wider with it than with Kd and n alone (at low Mg)
    assert (hi - lo)[0] > 0.3


@pytest.mark.parametrize("unit", ["mmol/L", "mg/dL", "mEq/L"])
def test_steady_state_mg_axis_and_band_in_the_chosen_unit(unit):
    fig = plots.steady_state_figure(serum_mg=0.6, mg_unit=unit)
    t = traces_by_uid(fig)
    lo, hi = model.SERUM_MG_RANGE
    assert close(
        [t["serum_k"]["x"][0], t["serum_k"]["x"][-1]], from_mmol_per_l(np.array([lo, hi]), unit, "Mg")
    )
    assert close(t["serum_k_point"]["x"], [from_mmol_per_l(0.6, unit, "Mg")])
    assert fig.layout.xaxis2.title.text == f"Serum Mg ({unit})"
    bands = [s for s in fig.layout.shapes if s.name == "mg_normal"]
    assert len(bands) == 2
    for band in bands:
        assert close([band.x0, band.x1], from_mmol_per_l(np.array([0.75, 0.95]), unit, "Mg"))


def test_k_band_is_shaded_and_axes_are_fixed():
    fig = plots.steady_state_figure()
    k_bands = [s for s in fig.layout.shapes if s.y0 == 3.5 and s.y1 == 5.0]
    assert k_bands, "normal K range 3.5–5.0 mmol/L should be shaded"
    assert tuple(fig.layout.yaxis.range) == plots.SERUM_K_AXIS


def test_with_mg_bands_in_moves_only_mg_bands():
    _, layout = figure_json(plots.steady_state_figure())
    moved = plots.with_mg_bands_in(layout["shapes"], "mg/dL")
    for old, new in zip(layout["shapes"], moved, strict=True):
        if old.get("name") == "mg_normal":
            assert new["x0"] == pytest.approx(from_mmol_per_l(0.75, "mg/dL", "Mg"))
        else:
            assert new == old


def test_time_course_overlays_runs_with_the_models_numbers():
    runs = {arm: model.simulate(scenarios.refractory_repletion(arm)) for arm in scenarios.REFRACTORY_ARMS}
    fig = plots.time_course_figure(runs, mg_unit="mg/dL")
    t = traces_by_uid(fig)
    assert len(fig.data) == 3 * len(runs)
    for i, df in enumerate(runs.values()):
        assert close(t[f"run{i}_serum_k"]["y"], df["serum_k"])
        assert close(t[f"run{i}_serum_mg"]["y"], from_mmol_per_l(df["serum_mg"].to_numpy(), "mg/dL", "Mg"))
        assert close(t[f"run{i}_serum_k"]["x"], df.index.to_numpy())
    assert "3.06" in plots.alt_text(fig) and "hypothesis" in plots.alt_text(fig)
    one = plots.time_course_figure(model.simulate(scenarios.diuretic()))
    assert len(one.data) == 3


def test_cell_distribution_shows_model_compartments():
    fig = plots.cell_distribution_figure(serum_mg=0.3, k_intake=60.0, driver=1.7)
    t = traces_by_uid(fig)
    s = model.steady_state(0.3, 60.0, 1.7)
    assert close(t["current_serum"]["y"], [s.serum_k])
    assert close(t["current_icf"]["y"], [s.icf_k])
    assert close(t["current_total"]["y"], [s.total_body_k])
    ref = model.steady_state(0.85, 100.0, 1.0)
    assert close(t["reference_icf"]["y"], [ref.icf_k])


def test_membrane_figure_uses_nernst_and_ghk_and_marks_the_low_k_caveat():
    fig = plots.membrane_figure(k_out=2.5)
    t = traces_by_uid(fig)
    k = np.asarray(t["e_k"]["x"])
    assert close(t["e_k"]["y"], membrane.nernst(k, 140.0))
    assert close(t["vm"]["y"], membrane.ghk_voltage(k))
    assert close(t["e_k_point"]["y"], [membrane.nernst(2.5, 140.0)])
    caveat = [s for s in fig.layout.shapes if s.x1 == plots.BISTABLE_K]
    assert caveat and caveat[0].x0 == plots.MEMBRANE_K_RANGE[0]
    assert "depolarise" in plots.alt_text(fig)


@pytest.mark.parametrize(
    "factory",
    [plots.steady_state_figure, plots.cell_distribution_figure, plots.membrane_figure],
)
def test_every_factory_returns_a_figure_with_alt_text_and_plain_json(factory):
    fig = factory()
    assert isinstance(fig, go.Figure)
    alt = plots.alt_text(fig)
    assert len(alt) > 40
    data, layout = figure_json(fig)
    json.dumps({"data": data, "layout": layout}, allow_nan=False)
    assert layout["template"]["layout"]["font"]["size"] >= 16


def test_bad_unit_and_bad_input_raise_value_error():
    with pytest.raises(ValueError, match="mg_unit"):
        plots.steady_state_figure(mg_unit="mg")
    with pytest.raises(ValueError, match="serum_mg"):
        plots.steady_state_figure(serum_mg=0.05)
    with pytest.raises(ValueError, match="empty"):
        plots.time_course_figure({})
