"""The schematic ECG (mgk_helpers.model.ecg): every feature moves the way the course's ECG bands say, band
by band, and only that way; low Mg lengthens the QT; the words call a change abnormal only past the clinical
limits; the arrhythmia warnings and the caveats fit the K band (and say only what the strip shows); the strip
is the features drawn; bad input is refused by name.

Band edges and representative K values come from mgk_helpers.model.reference (the ECG tables, the normal
range), never typed here, so a band that moves in reference.py moves these tests with it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mgk_helpers.model import ecg
from mgk_helpers.model.equations import SERUM_MG_RANGE
from mgk_helpers.model.notices import TEACHING_MODEL_NOTE
from mgk_helpers.model.reference import (
    ECG_HYPERKALAEMIA_CAVEAT,
    ECG_HYPERKALAEMIA_TABLE,
    ECG_HYPOKALAEMIA_TABLE,
    K_GRADES,
    K_NORMAL,
    MG_GRADES,
    MG_NORMAL,
    classify_k,
    classify_mg,
    ecg_pattern,
)

LO, HI = ecg.ECG_K_RANGE
#: The hypokalaemia rows low to high (severe, moderate, mild) and the hyperkalaemia rows, as (lower, upper).
HYPO = sorted((max(lo, LO), hi) for lo, hi, _p in ECG_HYPOKALAEMIA_TABLE)
HYPER = [(lo, min(hi, HI)) for lo, hi, _p in ECG_HYPERKALAEMIA_TABLE]
SEVERE, MODERATE, MILD = HYPO
PEAKED_T, P_LOSS, WIDE_QRS, SINE = HYPER
NORMAL_MG = sum(MG_NORMAL) / 2
#: Severe hyperkalaemia starts here (UK Kidney Association grades in reference.py), mmol/L.
SEVERE_HIGH_K = next(g.lower for g in K_GRADES if g.direction == "high" and g.severity == "severe")
#: Clinical limits, typed from their sources (adults): PR above 200 ms prolonged (Kusumoto 2018); QRS above
#: 110 ms abnormal, 120 ms or more wide (Surawicz 2009); QTc prolonged from 450 ms in men, 460 ms in women
#: (Rautaharju 2009); T inverted below −0.05 mV (the course's choice).
PR_LIMIT, QRS_ABNORMAL, QRS_WIDE, QTC_MEN, QTC_WOMEN, T_INVERTED = 200, 110, 120, 450, 460, -0.05
#: K every 0.01 mmol/L over the strip's range.
K_FINE = np.round(np.arange(LO, HI + 1e-9, 0.01), 2).tolist()
#: K every 0.1 mmol/L (the explorer's slider; amplitudes are hundredths of a mV, so finer steps can tie).
K_SLIDER = np.round(np.arange(LO, HI + 1e-9, 0.1), 1).tolist()


def mid(band: tuple[float, float]) -> float:
    return (band[0] + band[1]) / 2


def inside(band: tuple[float, float]) -> list[float]:
    """K values strictly inside a band (lower < K < upper)."""
    return [k for k in K_FINE if band[0] < k < band[1]]


def f(k: float, mg: float = NORMAL_MG) -> ecg.EcgFeatures:
    return ecg.ecg_features(k, mg)


def series(name: str, ks: list[float], mg: float = NORMAL_MG) -> np.ndarray:
    return np.asarray([getattr(f(k, mg), name) for k in ks], dtype=float)


NORMAL = f(mid(K_NORMAL))


def low_mg_bands() -> list[tuple[str, float]]:
    """(severity, a serum Mg inside that low band), mild → severe."""
    out = [
        (g.severity, (max(g.lower, SERUM_MG_RANGE[0]) + g.upper) / 2)
        for g in MG_GRADES
        if g.direction == "low"
    ]
    return sorted(out, key=lambda s: -s[1])


# --- the bands ----------------------------------------------------------------------------------------


def test_the_strip_spans_every_ecg_band_of_the_reference():
    assert LO < SEVERE[1] and HI > SINE[0]
    assert ecg.K_EDGES == tuple(sorted({*(b[1] for b in HYPO), *K_NORMAL, *(b[0] for b in HYPER)}))
    for k in (mid(SEVERE), mid(MODERATE), mid(MILD), mid(K_NORMAL), *(mid(b) for b in HYPER)):
        features = f(k)
        assert features.band == ecg_pattern(k).band
        assert features.k_grade == classify_k(k).label
        assert ECG_HYPERKALAEMIA_CAVEAT not in features.findings  # the strip's caveat carries it, once
        assert ecg_pattern(k).findings.startswith(features.findings)


def test_nothing_changes_inside_the_normal_range_and_up_to_the_first_hyperkalaemia_row():
    for k in [k for k in K_FINE if K_NORMAL[0] <= k <= PEAKED_T[0]]:
        got = f(k)
        for name in ("p_amplitude_mv", "pr_ms", "qrs_ms", "st_offset_mv", "t_amplitude_mv", "qt_ms", "qu_ms"):
            assert getattr(got, name) == getattr(NORMAL, name), (k, name)
    assert NORMAL.qu_ms is None and NORMAL.u_amplitude_mv == 0 and NORMAL.st_offset_mv == 0


def test_t_wave_flattens_then_inverts_as_k_falls_and_peaks_as_k_rises():
    t = {band: f(mid(band)).t_amplitude_mv for band in (SEVERE, MODERATE, MILD, *HYPER)}
    assert NORMAL.t_amplitude_mv > t[MILD] > t[MODERATE] > t[SEVERE]
    assert t[MILD] > 0 and t[SEVERE] < 0  # flattened in the mild band, inverted in the severe band
    assert t[PEAKED_T] > NORMAL.t_amplitude_mv  # tall, peaked T first
    assert t[PEAKED_T] < t[P_LOSS] < t[WIDE_QRS] < t[SINE]
    # and never the other way: T height never falls as K rises, anywhere on the strip's range
    assert np.all(np.diff(series("t_amplitude_mv", K_FINE)) >= 0)
    # and at every step of the explorer's slider: strictly while K falls through the low bands, strictly while
    # K rises through the high ones
    assert np.all(np.diff(series("t_amplitude_mv", [k for k in K_SLIDER if k <= K_NORMAL[0]])) > 0)
    assert np.all(np.diff(series("t_amplitude_mv", [k for k in K_SLIDER if k >= PEAKED_T[0]])) > 0)


def test_u_wave_is_absent_at_normal_k_and_grows_as_k_falls():
    for k in [k for k in K_FINE if k >= K_NORMAL[0]]:
        assert not f(k).u_wave and f(k).u_amplitude_mv == 0 and f(k).qu_ms is None, k
    # present at every slider step below the normal range (a U under 0.005 mV rounds to none)
    assert all(f(k).u_wave and f(k).qu_ms > f(k).qt_ms for k in K_SLIDER if k < K_NORMAL[0])
    low = [k for k in K_FINE if k < K_NORMAL[0] and f(k).u_wave]
    assert np.all(np.diff(series("u_amplitude_mv", low)) <= 0)  # grows as K falls …
    assert f(mid(SEVERE)).u_amplitude_mv > f(mid(MODERATE)).u_amplitude_mv > f(mid(MILD)).u_amplitude_mv > 0
    assert np.all(np.diff(series("qu_ms", low)) <= 0)  # … and the QU lengthens
    # "prominent U waves (U may exceed T)" in the moderate band; subtle in the mild band
    moderate = f(mid(MODERATE))
    assert moderate.u_amplitude_mv > moderate.t_amplitude_mv
    mild = f(mid(MILD))
    assert mild.u_amplitude_mv < mild.t_amplitude_mv


def test_st_is_depressed_from_the_moderate_band_down():
    for k in [k for k in K_FINE if k >= MODERATE[1]]:
        assert f(k).st_offset_mv == 0, k
    assert f(mid(SEVERE)).st_offset_mv < f(mid(MODERATE)).st_offset_mv < 0
    assert np.all(np.diff(series("st_offset_mv", K_FINE)) >= 0)


def test_qrs_is_normal_until_the_widening_row_then_wider():
    normal = NORMAL.qrs_ms
    assert all(f(k).qrs_ms == normal for k in K_FINE if SEVERE[1] <= k <= WIDE_QRS[0])
    high = [k for k in K_FINE if k >= WIDE_QRS[0]]
    assert np.all(np.diff(series("qrs_ms", high)) >= 0)
    assert f(mid(WIDE_QRS)).qrs_ms > normal and f(mid(SINE)).qrs_ms > f(mid(WIDE_QRS)).qrs_ms
    # the severe hypokalaemia row lists QRS widening too
    assert f(mid(SEVERE)).qrs_ms > normal
    assert np.all(np.diff(series("qrs_ms", [k for k in K_FINE if k <= SEVERE[1]])) <= 0)


def test_pr_lengthens_and_p_flattens_from_the_p_loss_row_and_p_is_lost_in_the_last():
    assert all(f(k).pr_ms == NORMAL.pr_ms for k in K_FINE if SEVERE[1] <= k <= P_LOSS[0])
    high = [k for k in K_FINE if k >= P_LOSS[0]]
    assert np.all(np.diff(series("pr_ms", high)) >= 0)
    assert np.all(np.diff(series("p_amplitude_mv", high)) <= 0)
    p_loss = f(mid(P_LOSS))
    assert p_loss.pr_ms > NORMAL.pr_ms and 0 < p_loss.p_amplitude_mv < NORMAL.p_amplitude_mv
    assert all(f(k).p_amplitude_mv == 0 for k in inside(SINE))  # loss of P waves
    # peaked T comes first: in its row the P, PR and QRS are still those of the normal strip
    peaked = f(mid(PEAKED_T))
    assert (peaked.pr_ms, peaked.p_amplitude_mv, peaked.qrs_ms) == (
        NORMAL.pr_ms,
        NORMAL.p_amplitude_mv,
        NORMAL.qrs_ms,
    )
    # the severe hypokalaemia row: PR prolongation, larger P waves
    severe = f(mid(SEVERE))
    assert severe.pr_ms > NORMAL.pr_ms and severe.p_amplitude_mv > NORMAL.p_amplitude_mv


def test_sine_wave_only_in_the_last_row():
    assert all(f(k).sine_wave == (k >= SINE[0]) for k in K_FINE)
    assert "sine-wave" in ecg.ecg_description(f(mid(SINE)))
    assert "sine-wave" not in ecg.ecg_description(f(mid(WIDE_QRS)))


@pytest.mark.parametrize("k", [mid(SEVERE), mid(MILD), mid(K_NORMAL), mid(PEAKED_T), mid(SINE)])
def test_low_mg_lengthens_the_qt_band_by_band_and_high_mg_does_not(k):
    normal = f(k, NORMAL_MG)
    qts = [f(k, mg).qt_ms for _severity, mg in low_mg_bands()]
    assert normal.qt_ms < qts[0] < qts[1] < qts[2]  # mild < moderate < severe
    high = next(g for g in MG_GRADES if g.direction == "high")
    assert f(k, min(high.upper, SERUM_MG_RANGE[1]) - 0.01).qt_ms == normal.qt_ms
    # Mg moves only the repolarisation: the QT, and the U with it
    for _severity, mg in low_mg_bands():
        low = f(k, mg)
        for name in ("p_amplitude_mv", "pr_ms", "qrs_ms", "st_offset_mv", "t_amplitude_mv", "u_amplitude_mv"):
            assert getattr(low, name) == getattr(normal, name)
        if normal.u_wave:
            assert low.qu_ms - low.qt_ms == normal.qu_ms - normal.qt_ms


def test_qtc_is_bazett_at_the_fixed_rate():
    assert ecg.RR_S == pytest.approx(60 / ecg.HEART_RATE_PER_MIN)
    for k in (LO, mid(MODERATE), mid(K_NORMAL), HI):
        for _s, mg in [("normal", NORMAL_MG), *low_mg_bands()]:
            got = f(k, mg)
            assert got.qtc_ms == round(got.qt_ms / math.sqrt(60 / got.heart_rate_per_min))
            assert got.qtc_ms > got.qt_ms  # the rate is above 60/min


def test_description_says_what_the_features_show():
    words = {band: ecg.ecg_description(f(mid(band))) for band in (SEVERE, MODERATE, MILD, *HYPER)}
    normal = ecg.ecg_description(NORMAL)
    assert "upright T wave" in normal and "no U wave" in normal and "ST on the baseline" in normal
    assert "flattened T wave" in words[MILD] and "small U wave" in words[MILD]
    assert "prominent U wave" in words[MODERATE] and "taller than the T wave" in words[MODERATE]
    assert "ST depressed" in words[MODERATE]
    assert "inverted T wave" in words[SEVERE] and "T–U fusion" in words[SEVERE]
    assert "peaked T wave" in words[PEAKED_T] and "PR 160 ms" in words[PEAKED_T]
    assert "flattened P waves" in words[P_LOSS] and "longer than at normal K" in words[P_LOSS]
    assert "widened" in words[WIDE_QRS] and "prolonged" in words[WIDE_QRS]
    assert words[SINE].startswith("no P waves")
    for band, text in words.items():
        got = f(mid(band))
        assert f"QRS {got.qrs_ms} ms" in text and f"({got.t_amplitude_mv:.2f} mV)" in text


def _parts(k: float) -> dict[str, str]:
    """The description at ``k`` by wave: p (with the PR), qrs, st, t, u."""
    return dict(zip(("p", "qrs", "st", "t", "u"), ecg.ecg_description(f(k)).split("; "), strict=True))


def test_words_call_a_change_abnormal_only_past_the_clinical_limits():
    seen = set()
    for k in K_SLIDER:
        got, words = f(k), _parts(k)
        if got.p_amplitude_mv:
            assert f"PR {got.pr_ms} ms" in words["p"]
            assert ("prolonged" in words["p"]) == (got.pr_ms > PR_LIMIT), k
            assert ("longer than at normal K" in words["p"]) == (NORMAL.pr_ms < got.pr_ms <= PR_LIMIT), k
            assert "lengthened" not in words["p"]
            seen |= {"pr long"} if got.pr_ms > PR_LIMIT else set()
        if not got.sine_wave:
            assert (", widened" in words["qrs"]) == (got.qrs_ms >= QRS_WIDE), k
            assert ("borderline" in words["qrs"]) == (QRS_ABNORMAL < got.qrs_ms < QRS_WIDE), k
            seen |= {"qrs wide"} if got.qrs_ms >= QRS_WIDE else set()
            seen |= {"qrs borderline"} if QRS_ABNORMAL < got.qrs_ms < QRS_WIDE else set()
        assert ("inverted" in words["t"]) == (got.t_amplitude_mv < T_INVERTED), k
        assert words["t"].startswith("flat T") == (abs(got.t_amplitude_mv) <= -T_INVERTED), k
        seen |= {"t inverted"} if got.t_amplitude_mv < T_INVERTED else set()
    assert seen == {"pr long", "qrs wide", "qrs borderline", "t inverted"}  # each label is reached
    # the reviewer's cases: small changes at K 2.4 and 1.8 are named, not called abnormal
    at_24, at_18 = _parts(2.4), _parts(1.8)
    assert "PR 163 ms (longer than at normal K, still within the 200 ms limit)" in at_24["p"]
    assert at_24["qrs"] == "QRS 92 ms (longer than at normal K, still within 110 ms)"
    assert at_24["t"] == "flat T wave (-0.01 mV)"
    assert "PR 181 ms (longer than" in at_18["p"] and "prolonged" not in at_18["p"]
    assert at_18["t"].startswith("inverted T wave")
    assert ecg.ecg_description(f(2.4)) == ecg.ecg_description_template(f(2.4)).format(
        **ecg.ecg_description_values(f(2.4))
    )


def test_high_k_shortens_the_qt_first_and_a_wide_qrs_alone_lengthens_it():
    # from the first hyperkalaemia row to the QRS-widening row the QT only shortens, below the normal QT
    high = [k for k in K_FINE if PEAKED_T[0] <= k <= WIDE_QRS[0]]
    assert np.all(np.diff(series("qt_ms", high)) <= 0)
    assert f(mid(P_LOSS)).qt_ms < NORMAL.qt_ms and f(WIDE_QRS[0]).qt_ms < NORMAL.qt_ms
    # where the QRS is wide the QT is longer again, but the JT (QT minus QRS) stays shorter than at normal K
    wide = [k for k in K_SLIDER if f(k).qrs_wide and f(k).qt_measurable]
    assert wide
    for k in wide:
        for _s, mg in [("normal", NORMAL_MG), *low_mg_bands()]:
            ref = f(mid(K_NORMAL), mg)
            assert f(k, mg).jt_ms == f(k, mg).qt_ms - f(k, mg).qrs_ms < ref.jt_ms, (k, mg)
            assert not f(k, mg).qt_long  # the QTc limits do not apply to a wide QRS


def test_no_qt_is_measurable_on_the_sine_wave():
    for k in K_FINE:
        got = f(k)
        assert got.qt_measurable == (k < SINE[0]), k
        if not got.qt_measurable:
            assert not got.qt_long and not got.u_wave


@pytest.mark.parametrize("mg", [NORMAL_MG, *(mg for _s, mg in low_mg_bands())])
def test_qt_and_qu_are_long_against_the_clinical_limits(mg):
    for k in K_SLIDER:
        got = f(k, mg)
        qtc = round(got.qt_ms / math.sqrt(60 / got.heart_rate_per_min))
        assert got.qt_long == (got.qt_measurable and got.qrs_ms < QRS_WIDE and qtc >= QTC_MEN), (k, mg)
        quc = round((got.qu_ms or 0) / math.sqrt(60 / got.heart_rate_per_min))
        # a QU counts when a QT measured on the strip would run to the end of the U wave (U as tall as T)
        want = got.u_wave and got.u_amplitude_mv >= got.t_amplitude_mv and quc >= QTC_MEN
        assert got.qu_long == want, (k, mg)
    assert f(mid(SEVERE), mg).qu_long  # T–U fusion


def _warning_parts(text: str) -> tuple[str, str]:
    """(what the strip shows, what would add to the risk) of a low-K/low-Mg warning."""
    assert text.startswith("Arrhythmia warning: ") and text.endswith(".")
    shown, more = text.removeprefix("Arrhythmia warning: ").split(" is the setting of ")
    return shown, more


def test_arrhythmia_warnings_follow_the_k_band_and_say_only_what_the_strip_shows():
    """Severe hypokalaemia on its own, or a long QT or QU with low K or low Mg: the low-K/low-Mg warning
    (never above the normal K range); severe hyperkalaemia: the high-K warning; nothing else."""
    warned = {"low": 0, "high": 0, "none": 0}
    for k in K_SLIDER:
        for _s, mg in [("normal", NORMAL_MG), *low_mg_bands()]:
            got = f(k, mg)
            mg_low = classify_mg(mg).direction == "low"
            low_k, severe_k = k < K_NORMAL[0], k < SEVERE[1]
            want_low = k <= K_NORMAL[1] and (severe_k or ((got.qt_long or got.qu_long) and (low_k or mg_low)))
            assert got.low_k_mg_warning == want_low, (k, mg)
            assert got.high_k_warning == (k >= SEVERE_HIGH_K), (k, mg)
            text = ecg.ecg_warning(got)
            if k > K_NORMAL[1]:
                assert "torsades" not in text, (k, mg)
            if got.high_k_warning:
                assert text == ecg.HIGH_K_WARNING
                warned["high"] += 1
            elif not want_low:
                assert text == ""
                warned["none"] += 1
            else:
                warned["low"] += 1
                shown, more = _warning_parts(text)
                assert "torsades de pointes and ventricular fibrillation" in more
                assert ("severe hypokalaemia" in shown) == severe_k
                assert ("low K" in shown) == (low_k and not severe_k)
                assert ("low Mg" in shown) == mg_low and ("low Mg" in more) == (not mg_low)
                assert ("long QT" in shown) == got.qt_long, (k, mg, text)
                assert ("QU" in shown) == got.qu_long, (k, mg, text)
                assert "digoxin or QT-prolonging drugs" in more
    assert all(warned.values())
    # the reviewer's cases
    assert f(1.8, NORMAL_MG).low_k_mg_warning  # severe hypokalaemia alone
    high_k = ecg.ecg_warning(f(6.8, 0.3))
    assert high_k.startswith("Arrhythmia warning: at this K, slow rhythms") and "torsades" not in high_k
    assert ecg.ecg_warning(f(8.8, NORMAL_MG)) == high_k
    mild_24 = ecg.ecg_warning(f(2.4, 0.50))
    assert f(2.4, 0.50).qtc_ms < QTC_MEN and "long QT" not in mild_24 and "long QU" in mild_24
    assert ecg.ecg_warning(f(5.2, 0.3)) == "" and f(5.2, 0.3).qt_long  # a long QT above the normal K range
    assert ecg.ecg_warning(f(mid(K_NORMAL))) == ""


def test_each_strip_carries_the_caveat_for_its_k_band():
    for k in K_SLIDER:
        caveat = ecg.ecg_strip_caveat(k)
        assert caveat.startswith(ecg.ECG_STRIP_NOTE) and caveat.endswith(TEACHING_MODEL_NOTE)
        assert (ecg.ECG_LOW_K_CAVEAT in caveat) == (k < K_NORMAL[0]), k
        assert (ECG_HYPERKALAEMIA_CAVEAT in caveat) == (k > K_NORMAL[1]), k
    assert ecg.ecg_strip_caveat(mid(K_NORMAL)) == f"{ecg.ECG_STRIP_NOTE} {TEACHING_MODEL_NOTE}"
    assert ecg.ECG_STRIP_NOTE.startswith("Schematic") and "loose" in ecg.ECG_STRIP_NOTE
    assert "unreliable guide to low K" in ecg.ECG_LOW_K_CAVEAT
    assert "ventricular fibrillation or asystole" in ecg.HIGH_K_WARNING
    for source in (
        "Diercks",
        "Weiss",
        "Montague",
        "UK Kidney Association",
        "Bazett",
        "Kusumoto",
        "Surawicz",
        "Rautaharju",
        "Cut-offs are approximate and differ between sources",
    ):
        assert source in ecg.ECG_STRIP_SOURCES, source


# --- the strip ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [LO, mid(SEVERE), mid(MODERATE), mid(K_NORMAL), mid(PEAKED_T), mid(SINE), HI])
def test_strip_is_periodic_and_sampled_as_asked(k):
    t, mv = ecg.ecg_strip(k, NORMAL_MG, seconds=3 * ecg.RR_S, fs=200.0)
    n = round(ecg.RR_S * 200)
    assert len(t) == 3 * n + 1 and t[0] == 0 and t[-1] == pytest.approx(3 * ecg.RR_S)
    assert np.allclose(np.diff(t), 1 / 200)
    assert mv[:n] == pytest.approx(mv[n : 2 * n], abs=1e-12)
    assert mv[:n] == pytest.approx(mv[2 * n : 3 * n], abs=1e-12)
    one, beat = ecg.ecg_strip(k, NORMAL_MG, seconds=ecg.RR_S, fs=200.0)
    assert len(one) == n + 1 and beat == pytest.approx(mv[: n + 1], abs=1e-12)
    assert np.all(np.isfinite(mv)) and np.max(np.abs(mv)) < 2.0


def _window(k: float, mg: float, start: str, end: str) -> np.ndarray:
    """The first beat between two landmarks: "p" (P onset), "q" (QRS onset), "j" (QRS end), "t" (T end),
    "u" (U end)."""
    got = f(k, mg)
    q_on = ecg.P_ONSET_S + got.pr_ms / 1e3
    at = {
        "p": ecg.P_ONSET_S,
        "q": q_on,
        "j": q_on + got.qrs_ms / 1e3,
        "t": q_on + got.qt_ms / 1e3,
        "u": q_on + (got.qu_ms or got.qt_ms) / 1e3,
    }
    t, mv = ecg.ecg_strip(k, mg, seconds=ecg.RR_S, fs=1000.0)
    return mv[(t >= at[start]) & (t <= at[end])]


def test_strip_draws_the_features():
    # normal: an upright T of the stated height between the QRS and the end of the T wave; flat after it
    assert np.max(_window(mid(K_NORMAL), NORMAL_MG, "j", "t")) == pytest.approx(
        NORMAL.t_amplitude_mv, abs=0.02
    )
    assert np.max(np.abs(_window(mid(K_NORMAL), NORMAL_MG, "t", "t"))) < 0.02
    # peaked T: taller
    peaked = f(mid(PEAKED_T))
    assert np.max(_window(mid(PEAKED_T), NORMAL_MG, "j", "t")) == pytest.approx(
        peaked.t_amplitude_mv, abs=0.02
    )
    # severe low K: the segment after the QRS dips below the baseline (ST depression, inverted T) …
    severe = f(mid(SEVERE))
    assert np.min(_window(mid(SEVERE), NORMAL_MG, "j", "t")) < severe.st_offset_mv
    # … and a U wave rises after the end of the T wave
    assert np.max(_window(mid(SEVERE), NORMAL_MG, "t", "u")) > 0.5 * severe.u_amplitude_mv
    # the P wave: present at normal K, gone in the sine-wave row
    assert np.max(_window(mid(K_NORMAL), NORMAL_MG, "p", "q")) == pytest.approx(
        NORMAL.p_amplitude_mv, abs=0.01
    )
    assert np.max(np.abs(_window(mid(SINE), NORMAL_MG, "p", "q"))) < 0.02
    # low Mg: the T wave ends later (the strip after the normal T end still has T wave in it)
    severe_mg = low_mg_bands()[-1][1]
    late = f(mid(K_NORMAL), severe_mg)
    assert late.qt_ms > NORMAL.qt_ms
    assert np.max(_window(mid(K_NORMAL), severe_mg, "j", "t")) == pytest.approx(
        NORMAL.t_amplitude_mv, abs=0.02
    )


def test_strip_is_deterministic():
    a = ecg.ecg_strip(2.7, 0.45)
    b = ecg.ecg_strip(2.7, 0.45)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert ecg.ecg_features(2.7, 0.45) == ecg.ecg_features(2.7, 0.45)
    assert len(a[0]) == round(3 * ecg.RR_S * 250) + 1  # defaults: three beats at 250 Hz


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"serum_k": 1.4}, ("serum_k=1.4", "mmol/L", "1.5–9")),
        ({"serum_k": 9.5}, ("serum_k=9.5", "mmol/L", "1.5–9")),
        ({"serum_k": float("nan")}, ("serum_k=nan", "mmol/L", "1.5–9")),
        ({"serum_k": "four"}, ("serum_k='four'", "mmol/L", "1.5–9")),
        ({"serum_k": [3.0, 4.0]}, ("serum_k", "one number", "mmol/L")),
        ({"serum_mg": 0.1}, ("serum_mg=0.1", "mmol/L", "0.2–1.5")),
        ({"serum_mg": 2.0}, ("serum_mg=2", "mmol/L", "0.2–1.5")),
    ],
)
def test_features_and_strip_reject_bad_input_naming_parameter_value_unit_and_range(kwargs, words):
    args = {"serum_k": 4.2, "serum_mg": 0.85, **kwargs}
    for func in (ecg.ecg_features, ecg.ecg_strip):
        with pytest.raises(ValueError) as err:
            func(**args)
        for word in words:
            assert word in str(err.value), (func.__name__, str(err.value))


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"seconds": 0.0}, ("seconds=0", " s ", "0–60 s", "excluding 0")),
        ({"seconds": -1.0}, ("seconds=-1", "0–60 s")),
        ({"seconds": 61.0}, ("seconds=61", "0–60 s")),
        ({"fs": 10.0}, ("fs=10", "Hz", "50–2000 Hz")),
        ({"fs": float("inf")}, ("fs=inf", "Hz", "50–2000 Hz")),
    ],
)
def test_strip_rejects_bad_sampling(kwargs, words):
    with pytest.raises(ValueError) as err:
        ecg.ecg_strip(4.2, 0.85, **kwargs)
    for word in words:
        assert word in str(err.value), str(err.value)
