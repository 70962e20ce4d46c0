"""Property tests (hypothesis) of the Tier-1 model over its documented ranges, and its input checks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mgk_helpers.model import (
    DRIVER_RANGE,
    K_INTAKE_RANGE,
    PARAM_INFO,
    SERUM_MG_RANGE,
    SIMULATE_K_INTAKE_RANGE,
    Inputs,
    Params,
    Scenario,
    simulate,
    steady_state,
)

SLIDERS = {name: info for name, info in PARAM_INFO.items() if info.slider}


def _in(r):
    return st.floats(r[0], r[1], allow_nan=False, allow_infinity=False)


@st.composite
def params(draw):
    values = {name: draw(_in(info.valid_range)) for name, info in SLIDERS.items()}
    return Params(**values, pump_coupling=draw(st.booleans()))


def _assert_message(err: ValueError, name: str, value: float, unit: str, valid_range):
    msg = str(err)
    assert name in msg, msg
    assert unit in msg, msg
    shown = f"{value:g}" if math.isfinite(value) else str(value)
    assert shown in msg, msg
    lo, hi = valid_range
    assert f"{lo:g}" in msg, msg
    if math.isfinite(hi):
        assert f"{hi:g}" in msg, msg


# ---------------------------------------------------------------- outputs over the documented ranges


@settings(max_examples=150, deadline=None)
@given(p=params(), mg=_in(SERUM_MG_RANGE), intake=_in(K_INTAKE_RANGE), driver=_in(DRIVER_RANGE))
def test_steady_state_finite_positive(p, mg, intake, driver):
    ss = steady_state(mg, intake, driver, p)
    for value in vars(ss).values():
        assert math.isfinite(value) and value > 0
    assert ss.icf_k > ss.serum_k  # cells hold K against the gradient
    assert ss.urine_k == pytest.approx(p.f_abs * intake)
    assert 0.9 < p.v_i * ss.icf_k / ss.total_body_k < 1.0


@settings(max_examples=100, deadline=None)
@given(
    p=params(),
    mg=st.tuples(_in(SERUM_MG_RANGE), _in(SERUM_MG_RANGE)),
    intake=_in(K_INTAKE_RANGE),
    driver=st.tuples(_in(DRIVER_RANGE), _in(DRIVER_RANGE)),
)
def test_monotonic(p, mg, intake, driver):
    """Lower serum Mg never raises steady-state serum K; a higher driver never raises it."""
    mg_lo, mg_hi = sorted(mg)
    d_lo, d_hi = sorted(driver)
    eps = 1e-12
    assert steady_state(mg_lo, intake, d_lo, p).serum_k <= steady_state(mg_hi, intake, d_lo, p).serum_k + eps
    assert steady_state(mg_lo, intake, d_hi, p).serum_k <= steady_state(mg_lo, intake, d_lo, p).serum_k + eps


@settings(max_examples=30, deadline=None)
@given(p=params(), mg=_in(SERUM_MG_RANGE), intake=_in(K_INTAKE_RANGE), driver=_in(DRIVER_RANGE))
def test_vectorized_equals_scalar(p, mg, intake, driver):
    grid = np.array([SERUM_MG_RANGE[0], mg, SERUM_MG_RANGE[1]])
    vec = steady_state(grid[:, None], np.array([intake, K_INTAKE_RANGE[1]]), driver, p)
    assert vec.serum_k.shape == (3, 2) and vec.urine_k.shape == (3, 2)
    one = steady_state(mg, K_INTAKE_RANGE[1], driver, p)
    assert vec.serum_k[1, 1] == pytest.approx(one.serum_k, rel=1e-12)
    assert vec.icf_k[1, 1] == pytest.approx(one.icf_k, rel=1e-12)


steps = st.lists(st.tuples(st.floats(0.5, 9.5), st.floats(0, 1)), max_size=3)


@settings(max_examples=25, deadline=None)
@given(
    p=params(),
    intake_steps=steps,
    mg_steps=steps,
    driver_steps=steps,
    first=st.tuples(_in(K_INTAKE_RANGE), _in(SERUM_MG_RANGE), _in(DRIVER_RANGE)),
)
def test_simulate_finite_positive_and_balanced(p, intake_steps, mg_steps, driver_steps, first):
    def schedule(first_value, raw, lo, hi):
        days = sorted({round(t, 3) for t, _ in raw})
        return ((0.0, first_value),) + tuple(
            (t, lo + u * (hi - lo)) for t, (_, u) in zip(days, raw, strict=False)
        )

    sc = Scenario(
        k_intake=schedule(first[0], intake_steps, *SIMULATE_K_INTAKE_RANGE),
        serum_mg=schedule(first[1], mg_steps, *SERUM_MG_RANGE),
        driver=schedule(first[2], driver_steps, *DRIVER_RANGE),
        duration_days=10.0,
    )
    df = simulate(sc, p, n_points=51)
    values = df.to_numpy()
    assert np.all(np.isfinite(values))
    for col in ("serum_k", "icf_k", "total_body_k", "urine_k", "mg_i"):
        assert np.all(df[col] > 0), col
    change = df.total_body_k - df.total_body_k.iloc[0]
    balance = df.cumulative_absorbed_k - df.cumulative_urine_k
    assert np.max(np.abs(change - balance)) <= 1e-6 * max(df.cumulative_urine_k.iloc[-1], 1.0)


# ---------------------------------------------------------------- invalid input


def _outside(lo, hi):
    bad = [-1.0, math.nan, math.inf, -math.inf, lo - 0.01 * max(abs(lo), 1.0)]
    if math.isfinite(hi):
        bad.append(hi + 0.01 * max(abs(hi), 1.0))
    return bad


STEADY_INPUTS = {
    "serum_mg": (SERUM_MG_RANGE, "mmol/L"),
    "k_intake": (K_INTAKE_RANGE, "mmol/day"),
    "driver": (DRIVER_RANGE, "baseline"),
}


@pytest.mark.parametrize("name", list(STEADY_INPUTS))
def test_steady_state_rejects_bad_input(name):
    valid_range, unit = STEADY_INPUTS[name]
    for bad in _outside(*valid_range):
        kwargs = {"serum_mg": 0.85, "k_intake": 100.0, "driver": 1.0, name: bad}
        with pytest.raises(ValueError) as err:
            steady_state(**kwargs)
        _assert_message(err.value, name, bad, unit, valid_range)


def test_steady_state_array_reports_first_offending_value():
    with pytest.raises(ValueError) as err:
        steady_state(np.array([0.5, 0.8, 0.1, 2.0]))
    _assert_message(err.value, "serum_mg", 0.1, "mmol/L", SERUM_MG_RANGE)
    assert str(err.value).startswith("serum_mg=0.1 mmol/L")


def test_zero_intake_has_no_steady_state_but_can_be_simulated():
    with pytest.raises(ValueError, match="k_intake=0 mmol/day"):
        steady_state(0.85, k_intake=0.0)
    with pytest.raises(ValueError, match="initial=Inputs"):
        Scenario(k_intake=0.0)
    df = simulate(Scenario(k_intake=0.0, duration_days=3.0, initial=Inputs()))
    assert df.serum_k.iloc[-1] < df.serum_k.iloc[0]


@pytest.mark.parametrize("name", [n for n, info in PARAM_INFO.items() if info.valid_range is not None])
def test_params_reject_bad_values(name):
    info = PARAM_INFO[name]
    bad_values = _outside(*info.valid_range)
    if name in ("vmax", "f_abs"):
        bad_values.append(0.0)  # open lower end
    for bad in bad_values:
        with pytest.raises(ValueError) as err:
            Params(**{name: bad})
        _assert_message(err.value, name, bad, info.unit, info.valid_range)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_params_accept_exactly_their_valid_range(data):
    name = data.draw(st.sampled_from(sorted(SLIDERS)))
    lo, hi = SLIDERS[name].valid_range
    inside = data.draw(_in((lo, hi)))
    assert getattr(Params(**{name: inside}), name) == inside
    outside = data.draw(
        st.one_of(st.floats(hi, 1e6, exclude_min=True), st.floats(-1e6, lo, exclude_max=True))
    )
    assume(not lo <= outside <= hi)
    with pytest.raises(ValueError, match=name):
        Params(**{name: outside})


def test_params_reject_wrong_types():
    with pytest.raises(ValueError, match="pump_coupling"):
        Params(pump_coupling="yes")
    with pytest.raises(ValueError, match="n="):
        Params(n=np.array([5.0, 6.0]))
    with pytest.raises(ValueError, match="v_e"):
        Params(v_e=True)


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"k_intake": ((0.0, 100.0), (5.0, 250.0))}, "k_intake=250 mmol/day"),
        ({"k_intake": ((0.0, -5.0),)}, "k_intake=-5"),
        ({"serum_mg": ((0.0, 0.85), (3.0, math.nan))}, "serum_mg=nan mmol/L"),
        ({"driver": 3.0}, "driver=3"),
        ({"serum_mg": ((1.0, 0.85),)}, "start at day 0"),
        ({"serum_mg": ((0.0, 0.85), (5.0, 0.5), (4.0, 0.4))}, "increase strictly"),
        ({"serum_mg": ((0.0, 0.85), (40.0, 0.5))}, "start day"),
        ({"duration_days": 0.0}, "duration_days=0 days"),
        ({"duration_days": math.inf}, "duration_days=inf days"),
        ({"serum_mg": "low"}, "serum_mg"),
        ({"initial": (0.85, 100.0, 1.0)}, "Inputs"),
    ],
)
def test_scenario_rejects_bad_schedules(kwargs, needle):
    with pytest.raises(ValueError, match="valid range|start|increase|Inputs|pairs") as err:
        Scenario(**kwargs)
    assert needle in str(err.value)


def test_condition_rejects_bad_values():
    with pytest.raises(ValueError) as err:
        Inputs(serum_mg=0.1)
    _assert_message(err.value, "serum_mg", 0.1, "mmol/L", SERUM_MG_RANGE)


def test_simulate_rejects_bad_arguments():
    sc = Scenario(duration_days=2.0)
    with pytest.raises(ValueError, match="n_points"):
        simulate(sc, n_points=1)
    with pytest.raises(ValueError, match="valid solvers"):
        simulate(sc, solver="euler")
    with pytest.raises(ValueError, match="Scenario"):
        simulate({"k_intake": 100})
    with pytest.raises(ValueError, match="Params"):
        simulate(sc, params={"n": 6})
