"""The sufficiency map: which clinical phenomena the model shows over Kd_ROMK × γ, and the band's corners."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from mgk_helpers import model, plots, sufficiency
from mgk_helpers.sufficiency import phenomena, sufficiency_map, uncertainty_corners


def test_defaults_show_all_three_phenomena():
    ph = phenomena()
    assert ph.p1 and ph.p2 and ph.p3
    assert ph.depletion_serum_k == pytest.approx(3.47, abs=0.08)
    assert ph.k_alone_day28 < 3.5 <= ph.k_and_mg_day28


def test_single_channel_romk_estimate_shows_neither_p1_nor_p2():
    """At Kd ≈ 0.5 mM (ROMK alone) neither P1 nor P2 holds, though K + Mg still beats K alone."""
    p = replace(model.Params(), kd_romk=0.5)
    ph = phenomena(p)
    assert not ph.p1 and not ph.p2
    from mgk_helpers.scenarios import refractory_repletion

    day7 = {arm: model.simulate(refractory_repletion(arm), p).serum_k.loc[7.0] for arm in ("K", "K+Mg")}
    assert day7["K+Mg"] - day7["K"] == pytest.approx(0.16, abs=0.05)


# The map of the model card (rows Kd_ROMK, columns γ 0.5, 0.7, 0.85, 1.0): which phenomena hold.
EXPECTED = {
    0.125: ("", "P2 P3", "P2 P3", "P1 P2 P3"),
    0.2: ("", "P3", "P2 P3", "P2 P3"),
    0.5: ("", "", "P3", "P3"),
    1.0: ("", "", "", "P3"),
}


def test_map_matches_the_sensitivity_study():
    gammas = (0.5, 0.7, 0.85, 1.0)
    table = sufficiency_map(kd_romk=tuple(EXPECTED), gamma=gammas).set_index(["kd_romk", "gamma"])
    for kd, row in EXPECTED.items():
        for g, expected in zip(gammas, row, strict=True):
            cell = table.loc[(kd, g)]
            held = " ".join(n.upper() for n in ("p1", "p2", "p3") if cell[n])
            assert held == expected, f"Kd {kd}, γ {g}: {held!r} != {expected!r}"


def test_p2_always_holds_where_p1_does():
    table = sufficiency_map()
    assert not (table.p1 & ~table.p2).any()
    assert table.p1.sum() < table.p2.sum() < len(table)  # a minority of the grid, and P1 rarer still


def test_map_refuses_values_outside_the_parameter_ranges():
    with pytest.raises(ValueError, match=r"kd_romk=0\.05 mM is outside the valid range"):
        sufficiency_map(kd_romk=(0.05,))
    with pytest.raises(ValueError, match="gamma"):
        sufficiency_map(gamma=(1.5,))
    with pytest.raises(ValueError, match="at least one"):
        sufficiency_map(kd_romk=())


def test_map_is_cached_and_returns_copies():
    a = sufficiency_map(kd_romk=(0.125,), gamma=(1.0,))
    a.loc[0, "p1"] = False
    b = sufficiency_map(kd_romk=(0.125,), gamma=(1.0,))
    assert bool(b.loc[0, "p1"]) is True


def test_uncertainty_corners_span_the_box():
    corners = uncertainty_corners()
    assert len(corners) == 2 ** len(sufficiency.UNCERTAINTY_RANGES)
    for name, (lo, hi) in sufficiency.UNCERTAINTY_RANGES.items():
        assert {getattr(p, name) for p in corners} == {lo, hi}
    # the band includes γ: at serum Mg 0.25 it reaches from kidney-only-like values to deep hypokalaemia
    k = np.array([model.steady_state(0.25, params=p).serum_k for p in corners])
    assert k.max() > 3.9 and k.min() < 3.3


def test_sufficiency_table_reads_in_words():
    html = plots.sufficiency_table(sufficiency_map(kd_romk=(0.125, 0.5), gamma=(0.5, 1.0))).data
    assert "<table" in html and "<caption" in html and 'scope="col"' in html
    assert "P1 P2 P3 (default)" in html and "none" in html
    assert "sufficiency argument, not a prediction" in html
    assert "calibration" in html and "hypothesis" in html
