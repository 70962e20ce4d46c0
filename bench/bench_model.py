"""Benchmark of the teaching model: steady_state, simulate (with a plain RK45 comparison), sufficiency map.

Run: ``.venv/bin/python bench/bench_model.py``. Prints figures only; never fails on time.
Goals: steady_state over 200 serum Mg values, median ≤ 0.2 ms; a 28-day scenario, median ≤ 10 ms;
the stiff solve and a plain RK45 solve of the full system agree to 1e-4 mmol/L; the sufficiency map
of notebook 04 (30 parameter sets × 4 simulations) in a few seconds at most.
"""

from __future__ import annotations

import time

import numpy as np

from mgk_helpers.model import SERUM_MG_RANGE, simulate, steady_state
from mgk_helpers.scenarios import refractory_repletion, severe_mg_depletion
from mgk_helpers.sufficiency import clear_cache, sufficiency_map


def _timings(func, repeats: int) -> np.ndarray:
    """Wall times in ms of ``repeats`` calls of ``func`` (after one warm-up call)."""
    func()
    times = np.empty(repeats)
    for i in range(repeats):
        start = time.perf_counter()
        func()
        times[i] = time.perf_counter() - start
    return times * 1e3


def _row(label: str, times_ms: np.ndarray, goal_ms: float | None) -> str:
    median, p95 = np.median(times_ms), np.percentile(times_ms, 95)
    goal = "" if goal_ms is None else f"≤ {goal_ms:g}"
    verdict = "" if goal_ms is None else ("ok" if median <= goal_ms else "SLOW")
    return f"{label:<48} {median:>9.3f} {p95:>9.3f} {len(times_ms):>6d} {goal:>7} {verdict:>5}"


def main() -> None:
    grid = np.linspace(*SERUM_MG_RANGE, 200)
    scenario = refractory_repletion("K+Mg")  # 28 days, treatment step at day 0

    t_ss = _timings(lambda: steady_state(grid, k_intake=100.0, driver=1.7), repeats=2000)
    t_sim = _timings(lambda: simulate(scenario), repeats=200)
    t_rk45 = _timings(lambda: simulate(scenario, solver="rk45"), repeats=5)
    t_shils = _timings(lambda: simulate(severe_mg_depletion()), repeats=50)

    def cold_map() -> None:
        clear_cache()
        sufficiency_map()

    t_map = _timings(cold_map, repeats=3)

    stiff = simulate(scenario)
    rk45 = simulate(scenario, solver="rk45")
    max_dk = float(np.max(np.abs(stiff.serum_k - rk45.serum_k)))
    max_dki = float(np.max(np.abs(stiff.icf_k - rk45.icf_k)))

    print("Mg–K teaching model (v2) benchmark (wall time, ms)")
    print(f"{'case':<48} {'median':>9} {'p95':>9} {'runs':>6} {'goal':>7} {'':>5}")
    print(_row("steady_state, 200 serum Mg values", t_ss, 0.2))
    print(_row("simulate 28 days (refractory K+Mg), LSODA", t_sim, 10.0))
    print(_row("simulate 28 days, plain RK45 (full system)", t_rk45, None))
    print(_row("simulate 56 days, Shils-like course (15 steps)", t_shils, None))
    print(_row("sufficiency_map, 30 parameter sets, uncached", t_map, 5000.0))
    print(f"RK45 / LSODA median time ratio: {np.median(t_rk45) / np.median(t_sim):.0f}×")
    print(f"max |Δ serum K| LSODA vs RK45: {max_dk:.2e} mmol/L (goal < 1e-4)")
    print(f"max |Δ ICF K|   LSODA vs RK45: {max_dki:.2e} mmol/L")


if __name__ == "__main__":
    main()
