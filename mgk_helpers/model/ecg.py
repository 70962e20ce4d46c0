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
  narrow (peaked) and the QT shortens (high K speeds repolarisation), then the P wave flattens and the PR
  lengthens (from 6.5), then the QRS widens (from 7.5: the QT lengthens again, by less than the QRS, so the
  JT stays short), then the QRS merges with the T wave into a sine-wave pattern (from 8.5), where no QT can be
  measured;
* **low Mg**: the QT lengthens by a fixed amount per grade band (:data:`MG_QT_PROLONGATION_MS`,
  :data:`~.reference.MG_GRADES`), a teaching choice (D): much of the long QT seen with low Mg comes through
  the low K and low Ca that usually come with it. Of the Mg note's findings the strip draws only this one.

Between the band edges each feature is interpolated linearly in K, so it is smooth within a band and moves in
one direction only (tests/test_ecg.py checks the directions band by band). The cut-offs between the bands are
approximate and differ between sources; the order of the changes follows Diercks 2004 and Weiss 2017. The
sizes and durations at the band edges are a teaching choice (confidence D): a normal strip with
textbook-looking values (P 0.15 mV, PR 160 ms, QRS 90 ms, T 0.30 mV, QT 360 ms at 75 beats/min), changed by
amounts large enough to see. Intervals are whole milliseconds and amplitudes hundredths of a millivolt. QTc
is Bazett's (QT/√RR; Bazett 1920).

The words (:func:`ecg_description`) call a feature abnormal against adult clinical limits, not against the
normal strip: PR over :data:`PR_LONG_MS` (first-degree AV block), QRS over :data:`QRS_BORDERLINE_MS`
(borderline) or from :data:`QRS_WIDE_MS` (widened), T below :data:`T_INVERTED_MV` (inverted), QTc from
:data:`QTC_LONG_MS` (prolonged in men, women); :data:`ECG_STRIP_SOURCES` cites them.

:func:`ecg_warning` gives an arrhythmia warning where the state calls for one (:attr:`EcgFeatures.
low_k_mg_warning`, :attr:`EcgFeatures.high_k_warning`), and :func:`ecg_strip_caveat` the caveat that goes
with every strip (the ECG is a loose guide to the K level; an unreliable one in hypokalaemia and an
insensitive one in hyperkalaemia).

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
    ECG_HYPERKALAEMIA_CAVEAT_SOURCE,
    ECG_HYPERKALAEMIA_TABLE,
    ECG_HYPOKALAEMIA_TABLE,
    K_GRADES,
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
    "ECG_LOW_K_CAVEAT",
    "ECG_SECONDS_RANGE",
    "ECG_STRIP_NOTE",
    "ECG_STRIP_SOURCES",
    "HEART_RATE_PER_MIN",
    "HIGH_K_WARNING",
    "HIGH_K_WARNING_FROM",
    "K_EDGES",
    "MG_QT_PROLONGATION_MS",
    "PR_LONG_MS",
    "P_ONSET_S",
    "QRS_BORDERLINE_MS",
    "QRS_WIDE_MS",
    "QTC_LONG_MS",
    "RR_S",
    "SEVERE_LOW_K",
    "SINE_WAVE_K",
    "T_INVERTED_MV",
    "EcgFeatures",
    "ecg_description",
    "ecg_description_template",
    "ecg_description_values",
    "ecg_features",
    "ecg_strip",
    "ecg_strip_caveat",
    "ecg_warning",
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
#: Serum K below which hypokalaemia is severe (the first hypokalaemia row), mmol/L.
SEVERE_LOW_K, _MILD_LOW_K = sorted(upper for _lo, upper, _p in ECG_HYPOKALAEMIA_TABLE)[:2]
#: Serum K from which the strip is a sine wave (the last hyperkalaemia row), mmol/L: no QT can be measured.
SINE_WAVE_K = max(lower for lower, _hi, _p in ECG_HYPERKALAEMIA_TABLE)
#: Serum K from which the high-K arrhythmia warning is given: severe hyperkalaemia (UK Kidney Association
#: 2020, :data:`~.reference.K_GRADES`), mmol/L.
HIGH_K_WARNING_FROM = next(g.lower for g in K_GRADES if g.direction == "high" and g.severity == "severe")

#: Adult clinical limits the words use (the strip has no sex or age). PR above 200 ms: prolonged, first-degree
#: AV block (Kusumoto 2018).
PR_LONG_MS = 200
#: QRS above 110 ms: abnormal in adults, borderline here (Surawicz 2009); 120 ms or more: called widened here
#: (the QRS of complete bundle-branch block in adults, Surawicz 2009).
QRS_BORDERLINE_MS = 110
QRS_WIDE_MS = 120
#: T wave below −0.05 mV: inverted; from −0.05 to +0.05 mV: flat (half a small square; a teaching choice, D).
T_INVERTED_MV = -0.05
#: QTc from which the QT is prolonged, ms: (men, women) (Rautaharju 2009). The strip calls a QT long from the
#: lower one and says which limit it passes; with a wide QRS neither applies (read the JT, QT minus QRS).
QTC_LONG_MS: tuple[int, int] = (450, 460)

#: QT lengthening (ms) by low-Mg grade severity (:data:`~.reference.MG_GRADES`; sizes a teaching choice, D);
#: normal and high Mg add none.
MG_QT_PROLONGATION_MS: dict[str, int] = {"mild": 10, "moderate": 25, "severe": 50}

#: Said with every strip (readout, figure text): what it is, and how loosely the ECG follows the K level.
ECG_STRIP_NOTE = (
    "Schematic strip drawn from the course's ECG bands, not a recording; the link between the ECG and the "
    "exact K level is loose."
)
#: Said with every strip below the normal K range (above it, :data:`~.reference.ECG_HYPERKALAEMIA_CAVEAT`).
ECG_LOW_K_CAVEAT = (
    "The ECG is also an unreliable guide to low K: dangerous arrhythmias can occur with few changes."
)

_DIERCKS_WEISS = "Diercks 2004; Weiss 2017"
#: Where the strip's K bands, limits, warnings and formula come from (the sizes and durations are a teaching
#: choice; the low-Mg finding carries its own source, in :data:`~.reference.ecg_pattern_mg_note`).
ECG_STRIP_SOURCES = (
    f"K bands and typical findings: {ECG_HYPERKALAEMIA_TABLE[0][2].source}. Cut-offs are approximate and "
    f"differ between sources; the order of the changes follows {_DIERCKS_WEISS}. Clinical limits (adults): "
    "PR over 200 ms prolonged (first-degree AV block: Kusumoto FM et al., 2018 ACC/AHA/HRS guideline on "
    "bradycardia and cardiac conduction delay, Circulation 2019;140:e382–e482); QRS over 110 ms abnormal, "
    "120 ms or more wide (Surawicz B et al., AHA/ACCF/HRS recommendations for the standardization and "
    "interpretation of the ECG, part III, J Am Coll Cardiol 2009;53:976–981); QTc prolonged from 450 ms in "
    "men and 460 ms in women, and with a wide QRS read the JT (Rautaharju PM et al., same series, part IV, "
    "J Am Coll Cardiol 2009;53:982–991); T inverted below −0.05 mV: a teaching choice (D). Arrhythmia "
    f"warnings: {_DIERCKS_WEISS}; high K: {ECG_HYPERKALAEMIA_CAVEAT_SOURCE}. QTc: Bazett's formula "
    "(Bazett HC, Heart 1920;7:353–370). Sizes and durations of the waves, and the QT added per low-Mg band: "
    "a teaching choice (D)."
)
#: Said when :attr:`EcgFeatures.high_k_warning` is set.
HIGH_K_WARNING = (
    "Arrhythmia warning: at this K, slow rhythms, ventricular fibrillation or asystole can come suddenly, "
    "with or without these ECG changes."
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
    # high K shortens the QT first (faster repolarisation, Weiss 2017); from 7.5 the wider QRS lengthens it
    # again, by less than the QRS widens (the JT keeps shortening); from 8.5 it is drawn, never measured
    "qt": (400, 380, 370, 360, 360, 360, 340, 340, 400, 450),  # ms, at normal Mg
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


def _bazett(interval_ms: float) -> int:
    return _ms(interval_ms / math.sqrt(RR_S))


@dataclass(frozen=True)
class EcgFeatures:
    """The schematic lead-II beat at one serum K and serum Mg (:func:`ecg_features`).

    Amplitudes in mV (ST: the offset of the ST segment from the baseline, negative = depressed), intervals in
    whole ms. ``qu_ms`` is None when there is no U wave; ``jt_ms`` is the QT minus the QRS. ``qt_ms``,
    ``qtc_ms`` and ``jt_ms`` are what the strip is drawn with: on the sine wave (:attr:`qt_measurable` False)
    they are not to be reported. ``band`` and ``findings`` are the reference's ECG band and its typical
    findings (:func:`~.reference.ecg_pattern`, without the hyperkalaemia caveat, which
    :func:`ecg_strip_caveat` carries); ``k_grade`` and ``mg_grade`` the grade labels.

    ``qt_long``: the QTc reaches the lower clinical limit (:data:`QTC_LONG_MS`, men) with a measurable QT
    and a QRS under :data:`QRS_WIDE_MS`. ``qu_long``: there is a U wave at least as tall as the T wave (so a
    QT measured on the strip runs to the end of the U wave) and its QU, rate-corrected as the QT is, reaches
    that limit. ``low_k_mg_warning`` (K at most the top of the normal range): severe hypokalaemia, or a long
    QT or QU together with low K or low Mg. ``high_k_warning``: severe hyperkalaemia
    (:data:`HIGH_K_WARNING_FROM`). :func:`ecg_warning` words them.
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
    jt_ms: int
    mg_qt_ms: int
    qt_long: bool
    qu_long: bool
    low_k_mg_warning: bool
    high_k_warning: bool

    @property
    def u_wave(self) -> bool:
        """True when the strip has a U wave."""
        return self.qu_ms is not None

    @property
    def sine_wave(self) -> bool:
        """True in the last hyperkalaemia row (the QRS merges with the T wave)."""
        return self.serum_k >= SINE_WAVE_K

    @property
    def qt_measurable(self) -> bool:
        """False on the sine wave: there is no end of the QRS or of the T wave to measure a QT by."""
        return not self.sine_wave

    @property
    def qrs_wide(self) -> bool:
        """True when the QRS is :data:`QRS_WIDE_MS` or longer."""
        return self.qrs_ms >= QRS_WIDE_MS

    @property
    def mg_low(self) -> bool:
        """True in a low-Mg grade band."""
        return self.mg_qt_ms > 0


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
    mg_qt = MG_QT_PROLONGATION_MS[mg_class.severity] if mg_class.direction == "low" else 0
    qt = _ms(_row("qt", k) + mg_qt)
    qrs = _ms(_row("qrs", k))
    t_amp = _mv(_row("t_amp", k))
    u_amp = _mv(_row("u_amp", k))
    qu = _ms(qt + _U_GAP_MS + _EXTENT * _row("u_sigma", k)) if u_amp > 0 else None
    measurable = k < SINE_WAVE_K
    qt_long = measurable and qrs < QRS_WIDE_MS and _bazett(qt) >= QTC_LONG_MS[0]
    qu_long = qu is not None and u_amp >= t_amp and _bazett(qu) >= QTC_LONG_MS[0]
    low_k = k < K_NORMAL[0]
    low_k_mg_warning = k <= K_NORMAL[1] and (
        k < SEVERE_LOW_K or ((qt_long or qu_long) and (low_k or mg_qt > 0))
    )
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
        qrs_ms=qrs,
        st_offset_mv=_mv(_row("st", k)),
        t_amplitude_mv=t_amp,
        u_amplitude_mv=u_amp,
        qt_ms=qt,
        qtc_ms=_bazett(qt),
        qu_ms=qu,
        jt_ms=qt - qrs,
        mg_qt_ms=mg_qt,
        qt_long=qt_long,
        qu_long=qu_long,
        low_k_mg_warning=low_k_mg_warning,
        high_k_warning=k >= HIGH_K_WARNING_FROM,
    )


_NORMAL = ecg_features(sum(K_NORMAL) / 2, sum(MG_NORMAL) / 2)


def ecg_description_values(f: EcgFeatures) -> dict[str, float]:
    """The numbers of :func:`ecg_description_template`: ``p``, ``st`` (the ST depression, positive), ``t`` and
    ``u`` in mV; ``pr`` and ``qrs`` in ms."""
    return {
        "p": f.p_amplitude_mv,
        "pr": f.pr_ms,
        "qrs": f.qrs_ms,
        "st": -f.st_offset_mv + 0.0,
        "t": f.t_amplitude_mv,
        "u": f.u_amplitude_mv,
    }


def ecg_description_template(f: EcgFeatures) -> str:
    """:func:`ecg_description` as a template with the fields of :func:`ecg_description_values` (``{p:.2f}``,
    ``{pr:.0f}`` …): a few distinct templates cover the whole range of K, so a saved page carries the words
    once and the numbers in a table."""
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
        p = size + " ({p:.2f} mV), PR {pr:.0f} ms"
        if f.pr_ms > PR_LONG_MS:
            p += f", prolonged (over {PR_LONG_MS} ms)"
        elif f.pr_ms > n.pr_ms:
            p += f" (longer than at normal K, still within the {PR_LONG_MS} ms limit)"
    if f.sine_wave:
        qrs = "QRS {qrs:.0f} ms, widened and merging with the T wave (sine-wave pattern)"
        st = "no distinct ST segment"
    else:
        qrs = "QRS {qrs:.0f} ms"
        if f.qrs_wide:
            qrs += f", widened ({QRS_WIDE_MS} ms or more)"
        elif f.qrs_ms > QRS_BORDERLINE_MS:
            qrs += (
                f" (over {QRS_BORDERLINE_MS} ms, borderline, but short of the {QRS_WIDE_MS} ms of a "
                "widened QRS)"
            )
        elif f.qrs_ms > n.qrs_ms:
            qrs += f" (longer than at normal K, still within {QRS_BORDERLINE_MS} ms)"
        st = "ST depressed by {st:.2f} mV" if f.st_offset_mv < 0 else "ST on the baseline"
    if t_mv < T_INVERTED_MV:
        t = "inverted T wave"
    elif t_mv <= -T_INVERTED_MV:
        t = "flat T wave"
    elif t_mv < n.t_amplitude_mv:
        t = "flattened T wave"
    elif f.sine_wave:
        t = "broad T wave"
    elif t_mv > n.t_amplitude_mv:
        t = "tall, peaked T wave"
    else:
        t = "upright T wave"
    t += " ({t:.2f} mV)"
    if not f.u_wave:
        u = "no U wave"
    elif f.serum_k >= _MILD_LOW_K:
        u = "small U wave ({u:.2f} mV)"
    elif f.serum_k >= SEVERE_LOW_K:
        u = "prominent U wave ({u:.2f} mV)" + (", taller than the T wave" if u_mv > t_mv else "")
    else:
        u = "large U wave ({u:.2f} mV) fused with the T wave (T–U fusion)"
    return "; ".join((p, qrs, st, t, u))


def ecg_description(f: EcgFeatures) -> str:
    """The beat of ``f`` in words: P and PR; QRS; ST; T; U. A change from the strip at normal K is named, and
    called abnormal only past the clinical limits (:data:`PR_LONG_MS`, :data:`QRS_BORDERLINE_MS`,
    :data:`QRS_WIDE_MS`, :data:`T_INVERTED_MV`)."""
    return ecg_description_template(f).format(**ecg_description_values(f))


def _join(items: list[str], word: str) -> str:
    """``a``, ``a and b``, ``a, b and c`` (or ``or``)."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def ecg_warning(f: EcgFeatures) -> str:
    """The arrhythmia warning for ``f`` ("" when none), naming only what this strip shows.

    Severe hyperkalaemia: :data:`HIGH_K_WARNING`. Low K or low Mg (K within or below the normal range): severe
    hypokalaemia on its own, or a long QT or QU together with low K or low Mg, is the setting of torsades de
    pointes and ventricular fibrillation (Weiss 2017; Diercks 2004); the warning names which of these the
    strip has and which would add to the risk. Never the torsades wording above the normal K range.
    """
    if f.high_k_warning:
        return HIGH_K_WARNING
    if not f.low_k_mg_warning:
        return ""
    intervals = [name for name, long in (("a long QT", f.qt_long), ("a long QU", f.qu_long)) if long]
    others = ["digoxin", "QT-prolonging drugs"]
    if f.serum_k < SEVERE_LOW_K:
        here = (["low Mg"] if f.mg_low else []) + intervals
        lead = "severe hypokalaemia" + (f", here with {_join(here, 'and')}," if here else "")
        others = ([] if f.mg_low else ["low Mg"]) + ([] if intervals else ["a long QT or QU"]) + others
    else:
        low_k = f.serum_k < K_NORMAL[0]
        lows = (["low K"] if low_k else []) + (["low Mg"] if f.mg_low else [])
        long_interval = "a long QT and QU" if len(intervals) == 2 else intervals[0]
        lead = f"{long_interval} with {_join(lows, 'and')}"
        others = ([] if low_k else ["low K"]) + ([] if f.mg_low else ["low Mg"]) + others
    return (
        f"Arrhythmia warning: {lead} is the setting of torsades de pointes and ventricular fibrillation, "
        f"more so with {_join(others, 'or')}."
    )


def ecg_strip_caveat(serum_k: float) -> str:
    """The caveat that goes with the strip at ``serum_k`` (mmol/L): :data:`ECG_STRIP_NOTE`; below the normal
    range :data:`ECG_LOW_K_CAVEAT`, above it :data:`~.reference.ECG_HYPERKALAEMIA_CAVEAT` (Montague 2008;
    UK Kidney Association 2020), within it neither; and the teaching-model note."""
    k = _scalar("serum_k", serum_k, *ECG_K_RANGE, "mmol/L")
    band = ECG_LOW_K_CAVEAT if k < K_NORMAL[0] else ECG_HYPERKALAEMIA_CAVEAT if k > K_NORMAL[1] else ""
    return " ".join(part for part in (ECG_STRIP_NOTE, band, TEACHING_MODEL_NOTE) if part)


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
