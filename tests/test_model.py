"""Tier-1 model behaviour: DOMAIN §9c (qualitative 1–7 and the quantitative rows) and §9d."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from mgk_helpers import model
from mgk_helpers.membrane import ghk_voltage, nernst
from mgk_helpers.model import (
    PARAM_INFO,
    Condition,
    Params,
    Scenario,
    simulate,
    steady_state,
)
from mgk_helpers.reference import classify_k
from mgk_helpers.scenarios import refractory_repletion

COLUMNS = ["serum_k", "icf_k", "total_body_k", "urine_k", "serum_mg", "mg_i", "k_intake", "driver"]
PROTOTYPE_TOL = 0.05  # mmol/L, the tolerance against the §9c prototype results


# ---------------------------------------------------------------- parameters (§9b)


def test_defaults_match_section_9b():
    p = Params()
    assert (p.v_e, p.v_i, p.k_e0, p.k_i0, p.vmax, p.km) == (14.5, 24.0, 4.2, 130.0, 130.0, 1.4)
    assert (p.k_intake0, p.f_abs, p.n, p.mg_i0) == (100.0, 0.9, 6.0, 0.5)
    assert (p.kd_romk, p.kd_mgatp, p.gamma, p.tau_mg_days, p.pump_coupling) == (1.0, 0.05, 1.0, 14.0, False)
    assert p.p_leak == pytest.approx(0.775, abs=5e-4)  # §9b derived
    assert p.u_ref == pytest.approx(90.0)


def test_param_info_covers_every_field():
    names = [f.name for f in dataclasses.fields(Params)]
    assert list(PARAM_INFO) == names
    for name in names:
        info = Params.field_info(name)
        assert info.default == getattr(Params(), name)
        assert info.source and info.confidence and info.label
        if info.valid_range is not None:
            lo, hi = info.valid_range
            assert lo <= info.default <= hi
    # slider ranges of §9b
    assert PARAM_INFO["n"].valid_range == (3.0, 8.0)
    assert PARAM_INFO["kd_romk"].valid_range == (0.3, 3.0)
    assert PARAM_INFO["tau_mg_days"].valid_range == (7.0, 60.0)
    assert PARAM_INFO["gamma"].valid_range == (0.3, 1.0)
    with pytest.raises(ValueError, match="unknown parameter"):
        Params.field_info("bogus")


def test_params_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Params().n = 3


# ---------------------------------------------------------------- §9c qualitative 1: baseline


def test_baseline_balance():
    ss = steady_state(0.85)
    assert ss.serum_k == pytest.approx(4.2)
    assert ss.icf_k == pytest.approx(130.0)
    assert ss.urine_k == pytest.approx(0.9 * 100)  # urine K = absorbed intake
    icf_share = 24.0 * ss.icf_k / ss.total_body_k
    assert icf_share == pytest.approx(0.98, abs=0.005)  # ~98% intracellular (§4)
    assert 3000 <= ss.total_body_k <= 4000  # §4: 3,000–4,000 mmol
    assert ss.mg_i == pytest.approx(0.5) and ss.romk_factor == pytest.approx(1.0)


def test_steady_state_balances_fluxes():
    """At the closed-form steady state every derivative of the full system is zero."""
    for pump_coupling in (False, True):
        p = Params(pump_coupling=pump_coupling)
        ss = steady_state(0.3, k_intake=70.0, driver=1.4, params=p)
        rhs = model._make_rhs(p.f_abs * 70.0, ss.mg_i, 1.4, p)
        d = rhs(0.0, [p.v_e * ss.serum_k, p.v_i * ss.icf_k, ss.mg_i, 0.0, 0.0])
        assert d[0] == pytest.approx(0.0, abs=1e-6) and d[1] == pytest.approx(0.0, abs=1e-6)
        assert d[2] == 0.0
        assert d[3] == pytest.approx(ss.urine_k)


# ---------------------------------------------------------------- §9c qualitative 2: intake


def test_lower_intake_lowers_k_slowly_with_large_deficit():
    sc = Scenario(k_intake=((0.0, 100.0), (1.0, 40.0)), duration_days=30.0)
    df = simulate(sc)
    target = steady_state(0.85, k_intake=40.0).serum_k
    start = df.serum_k.iloc[0]
    # after half a day of the new intake, less than half of the fall has happened: days, not hours
    half_day = df.serum_k.loc[1.5]
    assert (start - half_day) < 0.5 * (start - target)
    assert df.serum_k.iloc[-1] == pytest.approx(target, abs=1e-3)
    deficit = df.total_body_k.iloc[0] - df.total_body_k.iloc[-1]
    assert deficit / (start - target) > 150  # large total-body deficit per mmol/L (>150 mmol)


def test_higher_intake_raises_k_modestly():
    base = steady_state(0.85).serum_k
    high = steady_state(0.85, k_intake=200.0).serum_k
    assert 0 < high - base < 0.6
    assert classify_k(high).label == "normal"


# ---------------------------------------------------------------- §9c qualitative 3 and 4


def test_mg_deficiency_alone_small_fall():
    base = steady_state(0.85).serum_k
    low = steady_state(np.linspace(0.2, 0.85, 30)).serum_k
    assert np.all(low <= base)
    assert np.all(base - low < 0.25)
    assert all(classify_k(k).label == "normal" for k in low)


def test_driver_makes_mg_deficiency_matter():
    base = steady_state(0.85)
    mg_alone = steady_state(0.45)
    diuretic_alone = steady_state(0.85, driver=1.7)
    both = steady_state(0.45, driver=1.7)
    # larger absolute K losses with the driver than with low Mg alone (serum and total body)
    assert base.serum_k - both.serum_k > 2 * (base.serum_k - mg_alone.serum_k)
    assert base.total_body_k - both.total_body_k > 2 * (base.total_body_k - mg_alone.total_body_k)
    # low Mg adds to the diuretic fall
    assert both.serum_k < diuretic_alone.serum_k - 0.05
    # with lower intake the combination crosses into hypokalaemia; low Mg alone never does
    assert classify_k(steady_state(0.45, k_intake=60.0, driver=1.7).serum_k).direction == "low"
    assert classify_k(steady_state(0.45, k_intake=60.0).serum_k).direction == "normal"


# ---------------------------------------------------------------- §9c quantitative rows


@pytest.mark.parametrize(
    ("serum_mg", "k_intake", "driver", "expected"),
    [
        (0.45, 100.0, 1.0, 4.08),
        (0.25, 100.0, 1.0, 4.02),
        (0.85, 100.0, 1.7, 3.84),
        (0.85, 60.0, 1.7, 3.53),
        (0.45, 100.0, 1.7, 3.74),
        (0.45, 60.0, 1.7, 3.43),
    ],
)
def test_quantitative_rows(serum_mg, k_intake, driver, expected):
    assert steady_state(serum_mg, k_intake, driver).serum_k == pytest.approx(expected, abs=PROTOTYPE_TOL)


def test_effect_size_scales_with_feedback_gain():
    # §9c: Tier 1 (n = 6): Mg_i 0.5 → 0.2 lowers plasma K 4.20 → 4.05; the effect is ~1/n
    serum_mg_for_mg_i_02 = 0.85 * 0.2 / 0.5
    ss = steady_state(serum_mg_for_mg_i_02)
    assert ss.mg_i == pytest.approx(0.2)
    assert ss.serum_k == pytest.approx(4.05, abs=PROTOTYPE_TOL)
    fall = {n: 4.2 - steady_state(serum_mg_for_mg_i_02, params=Params(n=n)).serum_k for n in (3.0, 6.0)}
    assert fall[3.0] / fall[6.0] == pytest.approx(2.0, rel=0.05)


@pytest.mark.parametrize(("arm", "expected"), [("K", 3.74), ("K+Mg", 3.84), ("Mg", 3.53)])
def test_refractory_day_28(arm, expected):
    df = simulate(refractory_repletion(arm))
    assert df.serum_k.iloc[0] == pytest.approx(3.43, abs=PROTOTYPE_TOL)
    assert df.index[-1] == 28.0
    assert df.serum_k.iloc[-1] == pytest.approx(expected, abs=PROTOTYPE_TOL)


# ---------------------------------------------------------------- §9c qualitative 5: refractoriness


def _intake_for_target(serum_mg: float, target: float, driver: float = 1.7) -> float:
    return brentq(lambda i: steady_state(serum_mg, i, driver).serum_k - target, 20.0, 200.0)


def test_low_mg_needs_more_k_intake():
    target = 4.0
    assert _intake_for_target(0.45, target) > 1.1 * _intake_for_target(0.85, target)


def test_refractory_arm_ordering():
    end = {arm: simulate(refractory_repletion(arm)).iloc[-1] for arm in ("K", "K+Mg", "Mg")}
    start = simulate(refractory_repletion("Mg")).serum_k.iloc[0]
    assert end["K+Mg"].serum_k > end["K"].serum_k > end["Mg"].serum_k > start
    # K alone helps less than K + Mg; Mg alone helps somewhat (Huang & Kuo; Whang)
    assert end["Mg"].serum_k - start > 0.03


def test_mg_repletion_alone_lowers_urine_k():
    df = simulate(refractory_repletion("Mg"))
    assert df.urine_k.iloc[0] == pytest.approx(0.9 * 60)
    assert df.urine_k.min() < df.urine_k.iloc[0] - 0.5
    assert df.cumulative_urine_k.iloc[-1] < df.cumulative_absorbed_k.iloc[-1]  # body K retained


def test_icf_k_stays_low_without_mg_when_pump_coupled():
    p = Params(pump_coupling=True)
    baseline_icf = steady_state(0.85, params=p).icf_k
    end = {arm: simulate(refractory_repletion(arm), p).iloc[-1] for arm in ("K", "K+Mg")}
    assert end["K"].icf_k < baseline_icf - 5  # K alone leaves muscle K low
    assert end["K+Mg"].icf_k > end["K"].icf_k + 5  # restoring Mg restores cell K


# ---------------------------------------------------------------- §9c qualitative 6 / §9d: no spikes

ENVELOPE_TOL_ROMK = 1e-6  # mmol/L: with the default ROMK-only coupling the path is monotone
ENVELOPE_TOL_PUMP = 0.1  # mmol/L: pump toggle on, default τ_Mg; an instant step gives ~2 mmol/L (§9d)


def _envelope_excess(df: pd.DataFrame) -> tuple[float, float]:
    k = df.serum_k.to_numpy()
    lo, hi = min(k[0], k[-1]), max(k[0], k[-1])
    return float(k.max() - hi), float(lo - k.min())


@pytest.mark.parametrize(("mg_from", "mg_to"), [(0.85, 0.2), (0.2, 0.85), (0.85, 1.5), (1.5, 0.2)])
@pytest.mark.parametrize("driver", [1.0, 2.0])
def test_mg_step_no_spike_romk(mg_from, mg_to, driver):
    sc = Scenario(serum_mg=((0.0, mg_from), (1.0, mg_to)), driver=driver, duration_days=300.0)
    above, below = _envelope_excess(simulate(sc, n_points=6001))
    assert above <= ENVELOPE_TOL_ROMK and below <= ENVELOPE_TOL_ROMK


@pytest.mark.parametrize(("mg_from", "mg_to"), [(0.85, 0.2), (0.85, 0.45), (1.5, 0.2), (0.85, 1.5)])
@pytest.mark.parametrize(("tau", "tol"), [(14.0, ENVELOPE_TOL_PUMP), (7.0, 2 * ENVELOPE_TOL_PUMP)])
def test_mg_step_no_hyperkalaemic_spike_with_pump(mg_from, mg_to, tau, tol):
    p = Params(pump_coupling=True, tau_mg_days=tau)
    sc = Scenario(serum_mg=((0.0, mg_from), (1.0, mg_to)), duration_days=300.0)
    df = simulate(sc, p, n_points=6001)
    above, _ = _envelope_excess(df)
    assert above <= tol
    assert df.serum_k.max() < 5.0  # never leaves the normal range upwards


def test_instant_mg_i_step_is_the_section_9d_artefact():
    """What τ_Mg prevents: Mg_i stepped 0.5 → 0.2 instantly with the pump coupling drives K to ~6.3."""
    p = Params(pump_coupling=True)
    ss = steady_state(0.85, params=p)
    rhs = model._make_rhs(p.f_abs * 100.0, 0.2, 1.0, p)
    y0 = [p.v_e * ss.serum_k, p.v_i * ss.icf_k, 0.2, 0.0, 0.0]  # Mg_i already at 0.2: a step
    sol = solve_ivp(rhs, (0.0, 5.0), y0, method="LSODA", t_eval=[0.0, 15 / 1440, 5.0], rtol=1e-8)
    k_e = sol.y[0] / p.v_e
    assert k_e[1] == pytest.approx(6.3, abs=0.2)  # within 15 minutes (DOMAIN §9d: "~6.3")
    assert k_e[2] < 4.2  # kidney brings it back within days
    # the same fall of serum Mg with Mg_i relaxing over τ_Mg gives no such spike
    smooth = simulate(Scenario(serum_mg=((0.0, 0.85), (1.0, 0.34)), duration_days=100.0), p)
    assert smooth.serum_k.max() - 4.2 < 0.1


def test_pump_coupling_repletion_dip_is_a_documented_limitation():
    """§9d: with the pump toggle, Mg repletion first dips serum K; the default ROMK-only model does not."""
    sc = Scenario(serum_mg=((0.0, 0.2), (1.0, 0.85)), duration_days=120.0)
    dip_pump = _envelope_excess(simulate(sc, Params(pump_coupling=True)))[1]
    dip_slow = _envelope_excess(simulate(sc, Params(pump_coupling=True, tau_mg_days=60.0)))[1]
    dip_romk = _envelope_excess(simulate(sc))[1]
    assert dip_romk <= ENVELOPE_TOL_ROMK
    assert dip_pump > 0.1  # present, which is why the toggle is off by default
    assert dip_slow < dip_pump / 2  # a slower τ_Mg shrinks it


# ---------------------------------------------------------------- §9c qualitative 7: membrane panel


def test_falling_k_makes_e_k_more_negative():
    mg = np.linspace(0.2, 0.85, 20)
    k_e = steady_state(mg, driver=1.7).serum_k  # rises with Mg
    ss_icf = steady_state(mg, driver=1.7).icf_k
    e_k = nernst(k_e, ss_icf)
    assert np.all(np.diff(k_e) > 0) and np.all(np.diff(e_k) > 0)
    assert np.all(np.diff(ghk_voltage(k_e, ss_icf)) > 0)


# ---------------------------------------------------------------- simulate: shape, balance, accuracy


def test_simulate_frame():
    df = simulate(Scenario(duration_days=28.0), n_points=57)
    assert isinstance(df, pd.DataFrame) and df.index.name == "day"
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS
    assert len(df) == 57 and df.index[0] == 0.0 and df.index[-1] == 28.0
    # unchanged baseline stays at baseline
    np.testing.assert_allclose(df.serum_k, 4.2, atol=1e-6)


def test_schedule_values_reported_from_their_start_day():
    sc = Scenario(k_intake=((0.0, 100.0), (2.0, 60.0)), driver=((0.0, 1.0), (3.0, 1.5)), duration_days=4.0)
    df = simulate(sc, n_points=9)
    assert df.k_intake.loc[1.5] == 100.0 and df.k_intake.loc[2.0] == 60.0
    assert df.driver.loc[2.5] == 1.0 and df.driver.loc[3.0] == 1.5


@pytest.mark.parametrize("pump_coupling", [False, True])
def test_mass_balance(pump_coupling):
    sc = Scenario(
        k_intake=((0.0, 100.0), (3.0, 20.0), (10.0, 180.0)),
        serum_mg=((0.0, 0.85), (2.0, 0.3)),
        driver=((0.0, 1.0), (5.0, 2.0)),
        duration_days=20.0,
    )
    df = simulate(sc, Params(pump_coupling=pump_coupling))
    change = df.total_body_k - df.total_body_k.iloc[0]
    balance = df.cumulative_absorbed_k - df.cumulative_urine_k
    scale = max(df.cumulative_absorbed_k.iloc[-1], df.cumulative_urine_k.iloc[-1])
    assert np.max(np.abs(change - balance)) <= 1e-6 * scale
    # cumulative absorbed K is the integral of the schedule
    assert df.cumulative_absorbed_k.iloc[-1] == pytest.approx(0.9 * (3 * 100 + 7 * 20 + 10 * 180), rel=1e-9)


@pytest.mark.parametrize("pump_coupling", [False, True])
def test_long_run_reaches_steady_state(pump_coupling):
    p = Params(pump_coupling=pump_coupling)
    sc = Scenario(
        k_intake=150.0, serum_mg=0.3, driver=1.8, duration_days=400.0, initial=Condition(0.85, 100.0, 1.0)
    )
    end = simulate(sc, p).iloc[-1]
    ss = steady_state(0.3, 150.0, 1.8, p)
    for col in ("serum_k", "icf_k", "total_body_k", "urine_k", "mg_i"):
        assert end[col] == pytest.approx(getattr(ss, col), rel=1e-4)


def test_stiff_solver_agrees_with_plain_rk45():
    """Short scenario with steps in every input: LSODA and plain RK45 on the full system agree."""
    sc = Scenario(
        k_intake=((0.0, 100.0), (0.5, 40.0)),
        serum_mg=((0.0, 0.85), (1.0, 0.3)),
        driver=((0.0, 1.0), (1.5, 2.0)),
        duration_days=3.0,
    )
    for pump_coupling in (False, True):
        p = Params(pump_coupling=pump_coupling, tau_mg_days=7.0)
        stiff = simulate(sc, p, n_points=301)
        rk45 = simulate(sc, p, n_points=301, solver="rk45")
        assert np.max(np.abs(stiff.serum_k - rk45.serum_k)) < 0.01
        assert np.max(np.abs(stiff.icf_k - rk45.icf_k)) < 0.01


# ---------------------------------------------------------------- honesty


def test_module_docstring_is_honest():
    doc = model.__doc__
    assert "hypothesis" in doc and "no published model couples" in doc
    for left_out in ("acid–base", "insulin", "meal", "calcium"):
        assert left_out in doc
    assert "not a clinical prediction" in doc
    for name in ("Stadt", "Guyton", "Yang", "Dørup"):
        assert name in doc
