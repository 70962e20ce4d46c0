"""Ready-made scenarios (mgk_helpers.scenarios)."""

from __future__ import annotations

import pytest

from mgk_helpers.model import Inputs, Scenario, simulate, steady_state
from mgk_helpers.scenarios import (
    ALL,
    REFRACTORY_ARMS,
    TITLES,
    catalogue,
    diuretic,
    k_then_mg,
    mg_depletion,
    refractory_repletion,
    severe_mg_depletion,
    zero_k_intake,
)


def test_catalogue_lists_every_scenario_with_a_title():
    cat = catalogue()
    assert list(cat) == list(ALL) == list(TITLES)  # chosen by id; titles are for display only
    for key, sc in cat.items():
        assert isinstance(sc, Scenario)
        assert TITLES[key] and sc.name in key and sc.description
        df = simulate(sc, n_points=21)
        assert df.notna().all().all()


def test_refractory_setup():
    for arm in REFRACTORY_ARMS:
        sc = refractory_repletion(arm)
        assert sc.initial == Inputs(serum_mg=0.45, k_intake=60.0, driver=1.7)
        assert sc.duration_days == 28.0
        assert sc.driver == ((0.0, 1.7),)
    assert refractory_repletion("K").k_intake == ((0.0, 140.0),)
    assert refractory_repletion("K").serum_mg == ((0.0, 0.45),)
    assert refractory_repletion("K+Mg").k_intake == ((0.0, 140.0),)
    assert refractory_repletion("K+Mg", k_dose=120.0).k_intake == ((0.0, 120.0),)
    assert refractory_repletion("K+Mg").serum_mg == ((0.0, 0.85),)
    assert refractory_repletion("Mg").k_intake == ((0.0, 60.0),)
    assert refractory_repletion("Mg").serum_mg == ((0.0, 0.85),)


@pytest.mark.parametrize("arm", ["k", "Mg+K", "", None, "both"])
def test_refractory_rejects_unknown_arm(arm):
    with pytest.raises(ValueError, match="valid arms are 'K', 'K\\+Mg', 'Mg'"):
        refractory_repletion(arm)


def test_refractory_starts_at_pre_treatment_steady_state():
    df = simulate(refractory_repletion("K"))
    assert df.serum_k.iloc[0] == pytest.approx(steady_state(0.45, 60.0, 1.7).serum_k)
    assert df.k_intake.iloc[0] == 140.0  # treatment in force from day 0


def test_mg_depletion_falls_within_days_and_muscle_follows_slowly():
    df = simulate(mg_depletion())
    assert df.serum_k.loc[2.0] == pytest.approx(4.2, abs=1e-6)
    end = steady_state(0.45).serum_k
    assert df.serum_k.iloc[-1] == pytest.approx(end, abs=0.02)
    assert 0.3 < 4.2 - end < 0.6  # a real fall at the calibrated renal Mg effect (hypothesis)
    # the renal-cell pool follows within about a day (τ_f = 1 d): 63 % of its change by day 3
    target = steady_state(0.45).mg_i
    frac_fast = (df.mg_fast.iloc[0] - df.mg_fast.loc[3.0]) / (df.mg_fast.iloc[0] - target)
    assert frac_fast == pytest.approx(1 - 1 / 2.718281828, abs=0.02)
    # muscle Mg, fed by the fast pool, takes weeks (τ_Mg = 30 d): under half of its change by day 16
    frac_slow = (df.mg_i.iloc[0] - df.mg_i.loc[16.0]) / (df.mg_i.iloc[0] - target)
    assert 0.2 < frac_slow < 0.5


def test_severe_mg_depletion_ramps_in_two_day_steps():
    sc = severe_mg_depletion()
    assert sc.serum_mg[0] == (0.0, 0.85) and sc.serum_mg[-1] == (28.0, 0.25)
    assert [t for t, _ in sc.serum_mg] == [2.0 * i for i in range(15)]
    assert sc.duration_days == 56.0 and sc.k_intake == ((0.0, 100.0),) and sc.driver == ((0.0, 1.0),)
    with pytest.raises(ValueError, match="serum_mg"):
        severe_mg_depletion(serum_mg=0.1)
    with pytest.raises(ValueError, match="days"):
        severe_mg_depletion(ramp_days=28.0, days=20.0)


def test_diuretic_lowers_k_and_low_mg_adds():
    normal = simulate(diuretic()).serum_k.iloc[-1]
    low_mg = simulate(diuretic(serum_mg=0.45)).serum_k.iloc[-1]
    assert normal == pytest.approx(steady_state(0.85, driver=1.7).serum_k, abs=1e-3)
    assert low_mg < normal


def test_zero_k_intake():
    df = simulate(zero_k_intake(7))
    assert df.index[-1] == 7.0 and (df.k_intake == 0).all()
    assert df.serum_k.iloc[0] == pytest.approx(4.2)
    assert df.serum_k.is_monotonic_decreasing and df.urine_k.is_monotonic_decreasing
    assert df.serum_k.iloc[-1] < 3.5  # hypokalaemia within a week of no intake
    with pytest.raises(ValueError, match="duration_days"):
        zero_k_intake(-1)


def test_k_then_mg_setup():
    sc = k_then_mg()
    assert sc.initial == Inputs(serum_mg=0.45, k_intake=60.0, driver=1.7)  # as refractory_repletion
    assert sc.k_intake == ((0.0, 140.0),) and sc.driver == ((0.0, 1.7),)
    assert sc.serum_mg == ((0.0, 0.45), (5.0, 0.85)) and sc.duration_days == 14.0
    assert k_then_mg(mg_day=3.0, days=28.0).serum_mg == ((0.0, 0.45), (3.0, 0.85))
    assert k_then_mg(mg_day=0.0).serum_mg == ((0.0, 0.85),)
    assert "k_then_mg" not in ALL  # not a picker entry (see the module docstring)


def test_k_then_mg_stalls_on_k_and_rises_after_mg():
    df = simulate(k_then_mg(mg_day=5.0, days=14.0))
    k = df.serum_k
    assert k.iloc[0] == pytest.approx(steady_state(0.45, 60.0, 1.7).serum_k)
    assert k.iloc[0] == pytest.approx(simulate(refractory_repletion("K")).serum_k.iloc[0])
    before = k[k.index <= 5.0]
    assert (before < 3.5).all()  # K alone: still hypokalaemic up to the day Mg is given
    assert before.is_monotonic_increasing and before.loc[5.0] - before.loc[3.0] < 0.06  # a stall
    # until day 5 the run is the K-alone arm
    k_alone = simulate(refractory_repletion("K")).serum_k
    assert k.loc[5.0] == pytest.approx(k_alone.loc[5.0], abs=1e-6)
    after = k[k.index >= 5.0]
    assert after.is_monotonic_increasing and k.loc[7.0] > 3.5 and k.loc[14.0] > k.loc[7.0]
    assert k.loc[14.0] - k.loc[5.0] > 0.3  # a clear rise once Mg is corrected
    # the values notebook 07 prints (model version of Whang's refractory repletion)
    for day, want in ((0.0, 3.06), (5.0, 3.36), (7.0, 3.51), (14.0, 3.74)):
        assert k.loc[day] == pytest.approx(want, abs=0.005)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"mg_day": -1.0}, r"mg_day=-1 days is outside the valid range 0–14 days"),
        ({"mg_day": 14.0}, r"mg_day=14 days is outside the valid range 0–14 days \(excluding 14\)"),
        ({"mg_day": 20.0, "days": 14.0}, r"mg_day=20 days is outside the valid range 0–14 days"),
        ({"days": 0.5}, r"days=0.5 days is outside the valid range 1–365 days"),
        ({"days": 400.0}, r"days=400 days is outside the valid range 1–365 days"),
        ({"mg_day": float("nan")}, r"mg_day=nan days is not a finite number"),
        ({"mg_day": "five"}, r"mg_day='five' days is not a number"),
    ],
)
def test_k_then_mg_rejects_bad_input_by_name(kwargs, match):
    with pytest.raises(ValueError, match=match):
        k_then_mg(**kwargs)
