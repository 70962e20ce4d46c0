"""A schematic lead-II ECG for a serum K and a serum Mg: its features in numbers and words, and the strip.

This is a drawing, not a simulation of the heart. Every feature is read off the course's ECG bands
(:mod:`.reference`: :data:`~.reference.ECG_HYPOKALAEMIA_TABLE`, :data:`~.reference.ECG_NORMAL`,
:data:`~.reference.ECG_HYPERKALAEMIA_TABLE` and :data:`~.reference.ecg_pattern_mg_note`) and moves the way
their rows say as K leaves the normal range:

* **low K**: the T wave flattens (mild band), then flattens further with ST depression and a prominent U wave
  that overtakes the T wave (moderate band), then inverts and fuses with a large U wave, with a longer PR,
  taller P waves and a slightly wider QRS (severe band); the QT lengthens a little and the QU a lot: the
  "long QT" of hypokalaemia is mostly a QU;
* **high K**: nothing changes up to the first hyperkalaemia row (5.5 mmol/L); then the T wave grows tall and
  narrow (peaked), then the P wave flattens and the PR lengthens (from 6.5), then the QRS widens (from 7.5),
  then the QRS merges with the T wave into a sine-wave pattern (from 8.5);
* **low Mg**: the QT lengthens, by grade band (:data:`~.reference.MG_GRADES`); of the Mg note's findings the
  strip draws only this one. Severe hypomagnesaemia, or any low Mg with severe hypokalaemia (the reference
  row names torsades de pointes "especially with … low Mg"), sets :attr:`EcgFeatures.torsades_warning`.

Between the band edges each feature is interpolated linearly in K, so it is smooth within a band and moves in
one direction only (tests/test_ecg.py checks the directions band by band). The sizes and durations at the band
edges are a teaching choice (confidence D): a normal strip with textbook-looking values (P 0.15 mV, PR 160 ms,
QRS 90 ms, T 0.30 mV, QT 360 ms at 75 beats/min), changed by amounts large enough to see. Intervals are whole
milliseconds and amplitudes hundredths of a millivolt. QTc is Bazett's (QT/√RR; Bazett 1920).

The ECG is a loose guide to the K level and an insensitive one in hyperkalaemia: :data:`ECG_STRIP_CAVEAT` goes
with every strip.

numpy only; nothing here knows of plots or widgets.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .equations import SERUM_MG_RANGE
from .notices import TEACHING_MODEL_NOTE
from .reference import (
    ECG_HYPERKALAEMIA_CAVEAT,
    ECG_HYPERKALAEMIA_TABLE,
    ECG_HYPOKALAEMIA_TABLE,
    K_NORMAL,
    MG_NORMAL,
    classify_k,
    classify_mg,
    ecg_pattern,
)
from .units import check_range

__all__ = [
    "ECG_FS_RANGE",
    "ECG_K_RANGE",
    "ECG_SECONDS_RANGE",
    "ECG_STRIP_CAVEAT",
    "ECG_STRIP_SOURCES",
    "HEART_RATE_PER_MIN",
    "K_EDGES",
    "MG_QT_PROLONGATION_MS",
    "P_ONSET_S",
    "RR_S",
    "TORSADES_WARNING",
    "EcgFeatures",
    "ecg_description",
    "ecg_features",
    "ecg_strip",
]

#: Serum K the schematic strip is drawn for, mmol/L: from below the severe hypokalaemia band to inside the
#: last hyperkalaemia row (> 8.5 mmol/L, the sine-wave pattern): every ECG band of :mod:`.reference`.
ECG_K_RANGE: tuple[float, float] = (1.5, 9.0)
#: Heart rate of the strip, beats/min (fixed: the strip shows what K and Mg change, not the rate).
HEART_RATE_PER_MIN = 75.0
#: RR interval, s (60 / heart rate).
RR_S = 60.0 / HEART_RATE_PER_MIN
#: Time from the start of each beat to the onset of its P wave, s.
P_ONSET_S = 0.04
#: Valid sampling rates (Hz) and strip lengths (s) of :func:`ecg_strip`.
ECG_FS_RANGE: tuple[float, float] = (50.0, 2000.0)
ECG_SECONDS_RANGE: tuple[float, float] = (0.0, 60.0)

#: Band edges of the ECG reference, mmol/L, low to high: the upper ends of the hypokalaemia rows, the normal
#: range, the lower ends of the hyperkalaemia rows (2.5, 3.0, 3.5, 5.0, 5.5, 6.5, 7.5, 8.5 today).
K_EDGES: tuple[float, ...] = tuple(
    sorted(
        {upper for _lower, upper, _p in ECG_HYPOKALAEMIA_TABLE}
        | set(K_NORMAL)
        | {lower for lower, _upper, _p in ECG_HYPERKALAEMIA_TABLE}
    )
)
_SEVERE_LOW_K, _MILD_LOW_K = sorted(upper for _lo, upper, _p in ECG_HYPOKALAEMIA_TABLE)[:2]
_SINE_K = max(lower for lower, _hi, _p in ECG_HYPERKALAEMIA_TABLE)

#: QT lengthening (ms) by low-Mg grade severity (:data:`~.reference.MG_GRADES`; sizes a teaching choice, D);
#: normal and high Mg add none.
MG_QT_PROLONGATION_MS: dict[str, int] = {"mild": 10, "moderate": 25, "severe": 50}

#: Said with every strip (readout, figure text): what it is, and that a normal ECG does not mean a safe K.
ECG_STRIP_CAVEAT = (
    "Schematic strip drawn from the course's ECG bands, not a recording; the link between the ECG and the "
    f"exact K level is loose. {ECG_HYPERKALAEMIA_CAVEAT} {TEACHING_MODEL_NOTE}"
)
#: Where the strip's K bands, caveat and formula come from (the sizes and durations are a teaching choice; the
#: low-Mg finding carries its own source, in :data:`~.reference.ecg_pattern_mg_note`).
ECG_STRIP_SOURCES = (
    f"K bands and typical findings: {ECG_HYPERKALAEMIA_TABLE[0][2].source}. QTc: Bazett's formula "
    "(Bazett HC, Heart 1920;7:353–370). Sizes and durations of the waves: a teaching choice (D)."
)
#: Said when :attr:`EcgFeatures.torsades_warning` is set.
TORSADES_WARNING = (
    "Torsades warning: low Mg with a long QT is the setting of torsades de pointes, a dangerous ventricular "
    "arrhythmia."
)

# Feature values at the knots: the ends of ECG_K_RANGE and the band edges (mmol/L; the column headers are
# today's edges: if a band edge moves, its column moves with it). One row per feature.
_KNOTS: tuple[float, ...] = (ECG_K_RANGE[0], *K_EDGES, ECG_K_RANGE[1])
if len(_KNOTS) != 10:
    raise RuntimeError(f"the ECG bands of reference.py changed ({_KNOTS}): revise the rows of model/ecg.py")
_ROWS: dict[str, tuple[float, ...]] = {
    #             1.5    2.5    3.0    3.5    5.0    5.5    6.5    7.5    8.5    9.0
    "p_amp": (0.20, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.06, 0.00, 0.00),  # mV
    "p_sigma": (20, 20, 20, 20, 20, 20, 20, 24, 26, 26),  # ms
    "pr": (190, 160, 160, 160, 160, 160, 160, 220, 250, 260),  # ms
    "qrs": (110, 90, 90, 90, 90, 90, 90, 90, 160, 220),  # ms
    "r_amp": (1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 0.9, 0.6),  # mV
    "s_amp": (-0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.30, -0.50, -0.70),  # mV
    "r_width": (0.11, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11, 0.12, 0.15),  # σ of R / QRS
    "s_width": (0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.11, 0.16),  # σ of S / QRS
    "st": (-0.15, -0.08, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00),  # mV
    "t_amp": (-0.12, 0.00, 0.12, 0.30, 0.30, 0.30, 0.70, 0.85, 0.95, 1.00),  # mV
    "t_sigma_up": (55, 50, 48, 45, 45, 45, 30, 30, 45, 70),  # ms, onset → peak
    "t_sigma_down": (40, 36, 33, 30, 30, 30, 28, 28, 40, 55),  # ms, peak → end
    "qt": (400, 380, 370, 360, 360, 360, 350, 350, 400, 450),  # ms, at normal Mg
    "u_amp": (0.30, 0.18, 0.06, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00),  # mV
    "u_sigma": (55, 45, 40, 35, 35, 35, 35, 35, 35, 35),  # ms
}
_U_GAP_MS = 40.0  # end of T → peak of U
_EXTENT = 2.5  # a wave starts and ends 2.5 σ from its peak (4 % of its height)


_ROW_NAMES = tuple(_ROWS)
_ROW_TABLE = np.asarray([_ROWS[name] for name in _ROW_NAMES], dtype=float)


@lru_cache(maxsize=256)
def _rows_at(k: float) -> dict[str, float]:
    """Every row at ``k`` (linear between the knots)."""
    i = min(max(bisect.bisect_right(_KNOTS, k) - 1, 0), len(_KNOTS) - 2)
    w = (k - _KNOTS[i]) / (_KNOTS[i + 1] - _KNOTS[i])
    values = _ROW_TABLE[:, i] * (1.0 - w) + _ROW_TABLE[:, i + 1] * w
    return dict(zip(_ROW_NAMES, values.tolist(), strict=True))


def _row(name: str, k: float) -> float:
    return _rows_at(k)[name]


def _ms(x: float) -> int:
    return int(round(x))


def _mv(x: float) -> float:
    return round(x, 2) + 0.0  # + 0.0: never "-0.00"


@dataclass(frozen=True)
class EcgFeatures:
    """The schematic lead-II beat at one serum K and serum Mg (:func:`ecg_features`).

    Amplitudes in mV (ST: the offset of the ST segment from the baseline, negative = depressed), intervals in
    whole ms. ``qu_ms`` is None when there is no U wave. ``band`` and ``findings`` are the reference's ECG
    band and its typical findings (:func:`~.reference.ecg_pattern`, without the hyperkalaemia caveat, which
    :data:`ECG_STRIP_CAVEAT` carries); ``k_grade`` and ``mg_grade`` the grade labels.
    """

    serum_k: float
    serum_mg: float
    k_grade: str
    mg_grade: str
    band: str
    findings: str
    heart_rate_per_min: float
    p_amplitude_mv: float
    pr_ms: int
    qrs_ms: int
    st_offset_mv: float
    t_amplitude_mv: float
    u_amplitude_mv: float
    qt_ms: int
    qtc_ms: int
    qu_ms: int | None
    torsades_warning: bool

    @property
    def u_wave(self) -> bool:
        """True when the strip has a U wave."""
        return self.qu_ms is not None

    @property
    def sine_wave(self) -> bool:
        """True in the last hyperkalaemia row (the QRS merges with the T wave)."""
        return self.serum_k >= _SINE_K


def _scalar(name: str, value, lo: float, hi: float, unit: str, lo_open: bool = False) -> float:
    if np.ndim(value) != 0:
        raise ValueError(f"{name} must be one number in {unit}, not an array of shape {np.shape(value)}")
    check_range(name, value, lo, hi, unit, lo_open=lo_open)
    return float(value)


def ecg_features(serum_k: float, serum_mg: float) -> EcgFeatures:
    """The schematic lead-II beat at ``serum_k`` (mmol/L, in :data:`ECG_K_RANGE`) and ``serum_mg`` (mmol/L, in
    the model's :data:`~.equations.SERUM_MG_RANGE`).

    Raises ValueError naming the parameter, its value, unit and valid range for anything else (NaN, an array,
    a value outside the range). See the module docstring for how each feature moves.
    """
    k = _scalar("serum_k", serum_k, *ECG_K_RANGE, "mmol/L")
    mg = _scalar("serum_mg", serum_mg, *SERUM_MG_RANGE, "mmol/L")
    return _features(k, mg)


@lru_cache(maxsize=1024)
def _features(k: float, mg: float) -> EcgFeatures:
    mg_class = classify_mg(mg)
    mg_low = mg_class.direction == "low"
    qt = _ms(_row("qt", k) + (MG_QT_PROLONGATION_MS[mg_class.severity] if mg_low else 0))
    u_amp = _mv(_row("u_amp", k))
    qu = _ms(qt + _U_GAP_MS + _EXTENT * _row("u_sigma", k)) if u_amp > 0 else None
    pattern = ecg_pattern(k)
    return EcgFeatures(
        serum_k=k,
        serum_mg=mg,
        k_grade=classify_k(k).label,
        mg_grade=mg_class.label,
        band=pattern.band,
        findings=pattern.findings.replace(f". {ECG_HYPERKALAEMIA_CAVEAT}", ""),
        heart_rate_per_min=HEART_RATE_PER_MIN,
        p_amplitude_mv=_mv(_row("p_amp", k)),
        pr_ms=_ms(_row("pr", k)),
        qrs_ms=_ms(_row("qrs", k)),
        st_offset_mv=_mv(_row("st", k)),
        t_amplitude_mv=_mv(_row("t_amp", k)),
        u_amplitude_mv=u_amp,
        qt_ms=qt,
        qtc_ms=_ms(qt / math.sqrt(RR_S)),
        qu_ms=qu,
        torsades_warning=mg_low and (mg_class.severity == "severe" or k < _SEVERE_LOW_K),
    )


_NORMAL = ecg_features(sum(K_NORMAL) / 2, sum(MG_NORMAL) / 2)


def ecg_description(f: EcgFeatures) -> str:
    """The beat of ``f`` in words: P and PR; QRS; ST; T; U (each compared with the strip at normal K)."""
    n = _NORMAL
    p_mv, t_mv, u_mv = f.p_amplitude_mv, f.t_amplitude_mv, f.u_amplitude_mv
    if p_mv == 0:
        p = "no P waves"
    else:
        size = (
            "taller P waves"
            if p_mv > n.p_amplitude_mv
            else "flattened P waves"
            if p_mv < n.p_amplitude_mv
            else "P waves"
        )
        p = f"{size} ({p_mv:.2f} mV), PR {f.pr_ms} ms" + (", lengthened" if f.pr_ms > n.pr_ms else "")
    if f.sine_wave:
        qrs = f"QRS {f.qrs_ms} ms, widened and merging with the T wave (sine-wave pattern)"
        st = "no distinct ST segment"
    else:
        qrs = f"QRS {f.qrs_ms} ms" + (", widened" if f.qrs_ms > n.qrs_ms else "")
        st = f"ST depressed by {-f.st_offset_mv:.2f} mV" if f.st_offset_mv < 0 else "ST on the baseline"
    if t_mv < 0:
        t = "inverted T wave"
    elif t_mv == 0:
        t = "flat T wave"
    elif t_mv < n.t_amplitude_mv:
        t = "flattened T wave"
    elif f.sine_wave:
        t = "broad T wave"
    elif t_mv > n.t_amplitude_mv:
        t = "tall, peaked T wave"
    else:
        t = "upright T wave"
    t += f" ({t_mv:.2f} mV)"
    if not f.u_wave:
        u = "no U wave"
    elif f.serum_k >= _MILD_LOW_K:
        u = f"small U wave ({u_mv:.2f} mV)"
    elif f.serum_k >= _SEVERE_LOW_K:
        u = f"prominent U wave ({u_mv:.2f} mV)" + (", taller than the T wave" if u_mv > t_mv else "")
    else:
        u = f"large U wave ({u_mv:.2f} mV) fused with the T wave (T–U fusion)"
    return "; ".join((p, qrs, st, t, u))


def _waves(f: EcgFeatures) -> tuple[np.ndarray, tuple[float, float, float]]:
    """The beat as one row (peak time s, height mV, σ before s, σ after s) per wave, and the ST offset as
    (start s, end s, mV); times from the start of the beat."""
    k = f.serum_k
    p_sigma = _row("p_sigma", k) / 1e3
    q_on = P_ONSET_S + f.pr_ms / 1e3
    d = f.qrs_ms / 1e3
    t_up, t_down = _row("t_sigma_up", k) / 1e3, _row("t_sigma_down", k) / 1e3
    t_end = q_on + f.qt_ms / 1e3
    t_peak = t_end - _EXTENT * t_down
    u_sigma = _row("u_sigma", k) / 1e3
    r, s = _row("r_amp", k), _row("s_amp", k)
    r_sigma, s_sigma = _row("r_width", k) * d, _row("s_width", k) * d
    waves = np.asarray(
        [
            (P_ONSET_S + _EXTENT * p_sigma, f.p_amplitude_mv, p_sigma, p_sigma),
            (q_on + 0.12 * d, -0.08, 0.06 * d, 0.06 * d),  # q
            (q_on + 0.40 * d, r, r_sigma, r_sigma),  # R
            (q_on + 0.72 * d, s, s_sigma, s_sigma),  # S
            (t_peak, f.t_amplitude_mv, t_up, t_down),
            (t_end + _U_GAP_MS / 1e3, f.u_amplitude_mv, u_sigma, u_sigma),
        ]
    )
    return waves, (q_on + 0.945 * d, t_end, f.st_offset_mv)


def ecg_strip(
    serum_k: float, serum_mg: float, seconds: float = 3 * RR_S, fs: float = 250.0
) -> tuple[np.ndarray, np.ndarray]:
    """The schematic lead-II strip: ``(t_s, mv)``, sampled at ``fs`` Hz from 0 to ``seconds`` s inclusive.

    Every beat is the same (a fixed rate of :data:`HEART_RATE_PER_MIN`): Gaussian-like waves (a P, a q-R-S
    complex, a T with a slower upstroke than downstroke, a U when K is low) placed by :func:`ecg_features`,
    and a smooth ST offset from the end of the QRS to the end of the T wave. A wave that runs past the end of
    its beat continues into the next one, so the strip is exactly periodic (each sample depends on its time
    within the beat only). ``serum_k`` and ``serum_mg`` as for :func:`ecg_features`; ``seconds`` in
    :data:`ECG_SECONDS_RANGE` (excluding 0), ``fs`` in :data:`ECG_FS_RANGE`.
    """
    f = ecg_features(serum_k, serum_mg)
    seconds = _scalar("seconds", seconds, *ECG_SECONDS_RANGE, "s", lo_open=True)
    fs = _scalar("fs", fs, *ECG_FS_RANGE, "Hz")
    t = np.arange(int(math.floor(seconds * fs + 1e-9)) + 1) / fs
    waves, (st_start, st_end, st_mv) = _waves(f)
    # time within the beat, as seen from this beat, the previous one and the next one (their tails)
    x = np.mod(t, RR_S)[None, None, :] + np.asarray([-RR_S, 0.0, RR_S])[:, None, None]
    peak, height, before, after = (waves[:, i, None] for i in range(4))
    sigma = np.where(x < peak, before, after)
    mv = (height * np.exp(-0.5 * ((x - peak) / sigma) ** 2)).sum(axis=(0, 1))
    if st_mv:
        edge = 0.01  # s: how sharply the ST offset starts and ends
        mv += st_mv * 0.5 * (np.tanh((x[:, 0] - st_start) / edge) - np.tanh((x[:, 0] - st_end) / edge)).sum(0)
    return t, mv
