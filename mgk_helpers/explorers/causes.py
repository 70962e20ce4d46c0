"""Cause presets: pick a cause and its illustrative preset sets the model's inputs; see serum and urine K.

The browser looks every answer up in tables computed here (:func:`cause_tables`); how they are built:

* Serum K at steady state is a product of one factor per input, K(Mg, I, D, L) = F(Mg) · G(I, L) · H(D), as in
  the steady-state explorer — except that the stool K loss L enters through the absorbed K, A = f_abs·I − L,
  so the intake factor G depends on two controls. The engine's product tables take one factor per control;
  the coupled factor is therefore spread over *members*: member (m, ℓ) carries G at stool loss ℓ and a factor
  over the stool-loss control that is 1 at ℓ and 0 elsewhere, so the largest member is the one of the loss
  shown (for the lower edge of the uncertainty band, whose members are read by their minimum, the other
  losses get a huge factor instead of 0). The band is the min / max over the model's 17 members; members
  that share a driver factor (the same n) pair every Mg factor with every intake factor, so each such group
  needs only its lowest and its highest factors (:func:`_band_factors` checks this at build time).
* States the model cannot have — a K intake below what the stool loss needs (:meth:`CausePresetExplorer.
  min_intake`) — are 0 in the table ``possible``: there the figure hides its curves and the readout says why,
  instead of the model raising an error.
* Choosing a cause moves the four sliders to its preset: the cause control's ``sets`` say where, and the page
  (with or without a kernel) and Python (``controls["cause"].value = …``) both apply them. The readout names
  the preset's values whenever the sliders are not on them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import model, plots, sufficiency
from ..model.clinical import (
    PRESET_CAUSE_IDS,
    REFERENCE_PRESET,
    PresetInputs,
    loss_route,
    preset_inputs,
    preset_table,
)
from ..model.equations import SERUM_MG_REF
from ..model.notices import TEACHING_MODEL_NOTE
from ..model.reference import K_NORMAL
from ..model.units import CONCENTRATION_UNITS, from_mmol_per_l
from .base import (
    MG_GRID_MMOL,
    MG_K_NOTE,
    Explorer,
    base_figure,
    check_mg_unit,
    choice_control,
    k_grade,
    mg_axis_binding,
    mg_band_bindings,
    mg_control,
    mg_grade_of_control,
    range_control,
    trace_number,
    unit_control,
)
from .engine import Control, Spec, Table, fill
from .steady_state import driver_control, intake_control

__all__ = [
    "LEGEND",
    "STOOL_LOSS_SLIDER",
    "CausePresetExplorer",
    "cause_presets",
    "cause_tables",
    "min_intake",
    "stool_loss_control",
]

#: Range of the explorer's extra stool K loss slider (mmol/day): none to a heavy diarrhoeal loss.
STOOL_LOSS_SLIDER: tuple[float, float] = (0.0, 50.0)

#: The factor that keeps the members of other stool losses out of a minimum.
_FAR = 1e20

LEGEND = (
    "<b>Cause</b>: picks an illustrative preset (a teaching choice, confidence D, not a patient "
    "value) that moves the sliders to its values, with or without a running notebook. <b>Serum Mg</b>: "
    "blood magnesium. <b>K intake</b>: "
    "potassium eaten per day. <b>Driver</b>: distal sodium delivery / aldosterone "
    "(1 = none, about 1.5–1.7 thiazide-like, 2 loop-like; which diuretic wastes more K is not "
    "settled). <b>Extra K lost in stool</b>: diarrhoea. In the model the stool loss comes out of the K "
    "absorbed from food, so a steady state needs an intake that covers it; below that the readout says so "
    "and no steady state is drawn (a real person can lose more, and body K then keeps falling). Watch urine "
    "K: below about 25 mmol/day, with low serum K, the loss is outside the kidney or the intake is low. "
    "Shaded: normal ranges (grey) and the model's uncertainty (colour) over the unmeasured renal Mg effect "
    f"and K handling ({plots.kidney.UNCERTAINTY_SPAN})."
)


#: The readout: the cause, whether the sliders are on its preset, the inputs, then the model's answer.
_READOUT = (
    "{head}{moved} Serum Mg {mg:.2f} {unit} ({mg_grade}), K intake {intake:.0f} mmol/day, "
    "driver {driver:.2f}×, extra stool K loss {loss:.0f} mmol/day. {result} " + MG_K_NOTE
)
_MOVED = " Sliders moved away from the preset ({preset})."
_PRESET = "its values: serum Mg {mg} {unit}, K intake {intake:.0f} mmol/day, driver {driver:.2f}×, " + (
    "extra stool K loss {loss:.0f} mmol/day"
)
_RESULT = "Model steady state: Serum K {k:.2f} mmol/L — {k_grade}; urine K {urine:.0f} mmol/day.{route}"
_NO_RESULT = (
    "No steady state shown: with an extra stool K loss of {loss:.0f} mmol/day the K intake must be at least "
    "{need:.0f} mmol/day here (in the model the stool loss comes out of the K absorbed from food, and this "
    "explorer keeps at least 5 mmol/day absorbed; a real person can lose more, and body K then keeps "
    "falling); raise the K intake or lower the stool loss."
)
_ROUTE = " With low serum K, this urine K points to {route}."
#: How the readout says each answer of :func:`mgk_helpers.model.clinical.loss_route`.
_ROUTE_WORDS = {
    "renal": "a loss through the kidney",
    "extrarenal or low intake": "a gut loss or a low intake",
}
_ALT = plots.STEADY_STATE_ALT
_NO_ALT = (
    "Two panels against serum Mg: steady-state serum K (top) and urine K (bottom). No steady state is "
    "drawn: a K intake of {intake:.0f} mmol/day is below the {need:.0f} mmol/day that an extra stool K loss "
    "of {loss:.0f} mmol/day needs here. " + TEACHING_MODEL_NOTE
)
_NO_STEADY_STATE = "No steady state shown: the K intake is too low for the stool K loss (see the readout)"


def min_intake(gi_k_loss: float, params: model.Params | None = None) -> float:
    """Lowest K intake (mmol/day, on the 5 mmol/day grid) offered with this stool loss: at least 5 mmol/day
    of K must still be absorbed."""
    p = params or model.Params()
    lo = model.K_INTAKE_RANGE[0]
    need = (gi_k_loss + 5.0) / p.f_abs if gi_k_loss > 0 else lo
    return float(max(lo, 5.0 * math.ceil(need / 5.0)))


def stool_loss_control(value: float) -> Control:
    """The extra stool K loss slider (0–50 mmol/day in steps of 5)."""
    return range_control("gi_k_loss", "Extra K lost in stool", "mmol/day", value, *STOOL_LOSS_SLIDER, 5.0, 0)


def _nearest(values: Sequence[float], value: float) -> int:
    return int(np.argmin(np.abs(np.asarray(values, dtype=float) - value)))


def _classes(rows: np.ndarray) -> tuple[list[np.ndarray], list[int]]:
    """The distinct rows (to 1e-12) and the class of every row."""
    classes: list[np.ndarray] = []
    index = []
    for row in rows:
        for k, c in enumerate(classes):
            if np.allclose(row, c, rtol=1e-12, atol=0.0):
                index.append(k)
                break
        else:
            index.append(len(classes))
            classes.append(row)
    return classes, index


def _band_factors(f: np.ndarray, g: np.ndarray, h: np.ndarray) -> dict[str, list[tuple[np.ndarray, ...]]]:
    """(F, G, H) factor triples whose products bound every member's F·G·H from below ("lo") and above ("hi").

    Members that share their driver factor H (the same n) form a group. When a group's members are every
    pairing of its distinct Mg factors F with its distinct intake factors G (true of the corners of the
    uncertainty box: F does not depend on φ, nor G on Kd_ROMK or γ; checked here, not assumed), the group's
    lowest member is (min F)·(min G)·H at every state, and likewise its highest: one triple per group. A group
    that is not such a product keeps one triple per member. The band is then the min / max over the triples.
    """
    groups: list[list[int]] = []
    for k in range(len(h)):
        for grp in groups:
            if np.allclose(h[k], h[grp[0]], rtol=1e-12, atol=0.0):
                grp.append(k)
                break
        else:
            groups.append([k])
    out: dict[str, list[tuple[np.ndarray, ...]]] = {"lo": [], "hi": []}
    for grp in groups:
        f_cls, f_of = _classes(f[grp])
        g_cls, g_of = _classes(g[grp])
        if len(set(zip(f_of, g_of, strict=True))) == len(f_cls) * len(g_cls):
            for key, pick in (("lo", np.min), ("hi", np.max)):
                out[key].append((pick(f_cls, axis=0), pick(g_cls, axis=0), h[grp[0]]))
        else:
            for key in out:
                out[key] += [(f[k], g[k], h[k]) for k in grp]
    return out


def cause_tables(
    params: model.Params,
    intakes: Sequence[float],
    drivers: Sequence[float],
    losses: Sequence[float],
) -> tuple[dict[str, Table], np.ndarray]:
    """Steady-state serum K and urine K over (serum Mg, K intake, driver, stool loss), and where the model
    has a steady state (see the module docstring). Returns the tables and the ``possible`` mask (I, L).

    Member 0 is ``params``, members 1–16 the corners of the uncertainty box. ``serum_k`` (read by its largest
    member) is the central answer; ``serum_k_lo`` (smallest member) and ``serum_k_hi`` (largest member) are
    the edges of the uncertainty band, the min / max over all members (:func:`_band_factors`);
    ``urine_k`` holds [central, min, max]; ``possible`` is 1 where the intake covers the stool loss, else 0
    (there every K table is 0, apart from the band's lower edge, which is meaningless there).
    """
    members = (params, *sufficiency.uncertainty_corners(params))
    mg = np.asarray(MG_GRID_MMOL)
    i_arr, d_arr, l_arr = (np.asarray(x, dtype=float) for x in (intakes, drivers, losses))
    mg0, i0, d0 = SERUM_MG_REF, model.K_INTAKE_DEFAULT, 1.0
    i_grid, l_grid = np.meshgrid(i_arr, l_arr, indexing="ij")
    possible = i_grid >= np.asarray([min_intake(v, params) for v in l_arr])[None, :] - 1e-9
    f, h = np.empty((len(members), len(mg))), np.empty((len(members), len(d_arr)))
    g = np.zeros((len(members), *i_grid.shape))
    urine = np.zeros_like(g)
    for k, p in enumerate(members):
        ref = model.steady_state(mg0, i0, d0, p).serum_k
        f[k] = model.steady_state(mg, i0, d0, p).serum_k / ref
        h[k] = model.steady_state(mg0, i0, d_arr, p).serum_k / ref
        s = model.steady_state(mg0, i_grid[possible], d0, p, gi_k_loss=l_grid[possible])
        g[k][possible] = s.serum_k
        urine[k][possible] = s.urine_k
    n_loss = len(l_arr)

    def spread(triples: Sequence[tuple[np.ndarray, ...]], other: float, impossible: float) -> Table:
        """Member (t, ℓ): triple t's factors with the intake factor at stool loss ℓ, times 1 at ℓ and
        ``other`` at every other loss."""
        rows = [
            (
                ft,
                np.where(possible[:, ell], gt[:, ell], impossible),
                ht,
                np.where(np.arange(n_loss) == ell, 1.0, other),
            )
            for ft, gt, ht in triples
            for ell in range(n_loss)
        ]
        factors = tuple(np.asarray([r[a] for r in rows]) for a in range(4))
        return Table(("serum_mg", "k_intake", "driver", "gi_k_loss"), factors, product=True)

    band = _band_factors(f, g, h)
    tables = {
        "serum_k": spread([(f[0], g[0], h[0])], 0.0, 0.0),
        "serum_k_lo": spread(band["lo"], _FAR, 1.0),
        "serum_k_hi": spread(band["hi"], 0.0, 0.0),
        "urine_k": Table(
            ("k_intake", "gi_k_loss"), np.stack([urine[0], urine.min(axis=0), urine.max(axis=0)])
        ),
        "possible": Table(("k_intake", "gi_k_loss"), possible[None].astype(float)),
    }
    return tables, possible


class CausePresetExplorer(Explorer):
    """Pick a cause; its illustrative preset sets serum Mg, K intake, driver and stool K loss of the model."""

    def __init__(
        self,
        cause: str = REFERENCE_PRESET,
        mg_unit: str = "mmol/L",
        cause_ids: Sequence[str] = PRESET_CAUSE_IDS,
        params: model.Params | None = None,
    ) -> None:
        self.params = params or model.Params()
        self.table = preset_table(cause_ids)
        options = [("None (reference: normal Mg, no driver)", REFERENCE_PRESET)] + [
            (str(row["cause"]), cid) for cid, row in self.table.iterrows()
        ]
        valid = [v for _, v in options]
        if cause not in valid:
            raise ValueError(f"cause={cause!r} is not a preset; valid presets are {', '.join(valid)}")
        check_mg_unit(mg_unit)
        mg, intake, driver, loss = self.preset_values(cause)
        mg_c, i_c, d_c = mg_control(mg), intake_control(intake), driver_control(driver)
        l_c = stool_loss_control(loss)
        self._sliders = (mg_c, i_c, d_c, l_c)
        # the preset of every option, as slider positions: choosing a cause moves the four sliders there, in
        # the page (with or without a kernel) and from Python alike
        self._preset_index = [
            tuple(_nearest(c.values, v) for c, v in zip(self._sliders, self.preset_values(o), strict=True))
            for o in valid
        ]
        names = [c.name for c in self._sliders]
        sets = [dict(zip(names, idx, strict=True)) for idx in self._preset_index]
        cause_c = choice_control("cause", "Cause (preset)", options, cause, kind="select", sets=sets)
        controls = [cause_c, mg_c, unit_control(mg_unit), i_c, d_c, l_c]
        tables, possible = cause_tables(self.params, i_c.values, d_c.values, l_c.values)
        tables["at_preset"] = self._at_preset_table(len(valid))
        at = [c.values[c.index] for c in self._sliders]
        fig = plots.steady_state_figure(*at[:3], self.params, mg_unit, at[3])
        figure = base_figure(fig)
        shown = {"index": {"table": "possible"}, "values": [False, True]}
        traces = []
        for key in ("serum_k", "urine_k"):
            for suffix, reduce in (("_lo", "min"), ("_hi", "max"), ("", "max")):
                n = trace_number(figure, key + suffix)
                traces.append({"trace": n, "prop": "x", "source": {"axis": "serum_mg"}})
                if key == "serum_k":
                    y = {"table": key + suffix, "free": "serum_mg", "reduce": reduce}
                else:  # urine K does not depend on serum Mg: a flat line at the state's value
                    y = {
                        "repeat": {"table": key, "reduce": reduce if suffix else "first"},
                        "along": "serum_mg",
                    }
                traces.append({"trace": n, "prop": "y", "source": y})
                if suffix != "_lo":  # the band's lower edge is an undrawn line: it keeps the Mg axis whole
                    traces.append({"trace": n, "prop": "visible", "source": shown})
            point = {"table": "serum_k", "reduce": "max"} if key == "serum_k" else {"table": "urine_k"}
            n = trace_number(figure, key + "_point")
            traces.append({"trace": n, "prop": "x", "source": {"list": [{"control": "serum_mg"}]}})
            traces.append({"trace": n, "prop": "y", "source": {"list": [point]}})
            traces.append({"trace": n, "prop": "visible", "source": shown})
        layout = figure["layout"]
        layout["annotations"] = [
            *layout.get("annotations", []),
            {
                "text": _NO_STEADY_STATE,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.8,
                "showarrow": False,
                "font": {"size": 15},
                "visible": False,
            },
        ]
        notice = len(layout["annotations"]) - 1
        fields = self._fields(options, possible, l_c.values, np.asarray(tables["urine_k"].data[0]))
        readout = {"format": _READOUT, "fields": fields}
        alt = {"format": {"index": {"table": "possible"}, "values": [_NO_ALT, _ALT]}, "fields": fields}
        spec = Spec(
            title="Causes: what each one does in the teaching model",
            controls=controls,
            tables=tables,
            figure=figure,
            traces=traces,
            layout=[
                mg_axis_binding("xaxis2.title.text"),
                *mg_band_bindings(layout),
                {
                    "path": f"annotations.{notice}.visible",
                    "source": {"index": {"table": "possible"}, "values": [True, False]},
                },
            ],
            readout=readout,
            alt=alt,
            legend=LEGEND,
        )
        super().__init__(spec)

    # --- tables and text ------------------------------------------------------------------------
    def _at_preset_table(self, n_options: int) -> Table:
        """1 where every slider is on the current cause's preset, else 0 (member m: option m)."""
        eye = np.eye(n_options)
        factors = [eye]
        for k, c in enumerate(self._sliders):
            factors.append(
                np.asarray([np.arange(len(c.values)) == idx[k] for idx in self._preset_index], float)
            )
        return Table(("cause", "serum_mg", "k_intake", "driver", "gi_k_loss"), tuple(factors), product=True)

    def _fields(
        self,
        options: Sequence[tuple[str, str]],
        possible: np.ndarray,
        losses: Sequence[float],
        urine: np.ndarray,
    ) -> dict[str, Any]:
        """The readout's and the alt text's fields (``urine``: central urine K over (intake, loss))."""
        units = list(CONCENTRATION_UNITS)
        heads, presets = [], []
        for _label, cause in options:
            if cause == REFERENCE_PRESET:
                heads.append("No cause selected (reference).")
            else:
                row = self.table.loc[cause]
                mechanisms = f"K: {row['k_mechanism']}. Mg: {row['mg_mechanism']}."
                heads.append(f"{row['cause']}. {mechanisms} Illustrative preset.")
            mg, intake, driver, loss = self.preset_values(cause)
            presets.append(
                [
                    fill(
                        _PRESET,
                        {
                            "mg": f"{float(from_mmol_per_l(mg, u, 'Mg')):.2f}",
                            "unit": u,
                            "intake": intake,
                            "driver": driver,
                            "loss": loss,
                        },
                    )
                    for u in units
                ]
            )
        routes = [
            [_ROUTE_WORDS[loss_route(float(u))] if ok else "" for u, ok in zip(r, o, strict=True)]
            for r, o in zip(urine, possible, strict=True)
        ]
        serum_k = {"table": "serum_k", "reduce": "max"}
        fields: dict[str, Any] = {
            "head": {"pick": "cause", "values": heads},
            "moved": {
                "format": {
                    "index": {"table": "at_preset", "reduce": "max"},
                    "values": [_MOVED, ""],
                },
                "fields": {"preset": {"pick": ["cause", "mg_unit"], "values": presets}},
            },
            "mg": {"control": "serum_mg"},
            "unit": {"control": "mg_unit"},
            "mg_grade": mg_grade_of_control(),
            "intake": {"control": "k_intake"},
            "driver": {"control": "driver"},
            "loss": {"control": "gi_k_loss"},
            "need": {"pick": "gi_k_loss", "values": [min_intake(v, self.params) for v in losses]},
            "stool": {
                "pick": "gi_k_loss",
                "values": [f", extra stool K loss {v:.0f} mmol/day" if v else "" for v in losses],
            },
            "k": serum_k,
            "k_grade": k_grade(serum_k),
            "urine": {"table": "urine_k"},
        }
        route = {
            "format": {
                "band": serum_k,
                "bands": [[-1e300, K_NORMAL[0], True, False, _ROUTE], [K_NORMAL[0], 1e300, True, True, ""]],
            },
            "fields": {"route": {"pick": ["k_intake", "gi_k_loss"], "values": routes}},
        }
        fields["result"] = {
            "format": {"index": {"table": "possible"}, "values": [_NO_RESULT, _RESULT]},
            "fields": {**{k: fields[k] for k in ("loss", "need", "k", "k_grade", "urine")}, "route": route},
        }
        return fields

    # --- presets --------------------------------------------------------------------------------
    def min_intake(self, gi_k_loss: float) -> float:
        """Lowest K intake (mmol/day, on the slider's 5 mmol/day grid) offered with this stool loss."""
        return min_intake(gi_k_loss, self.params)

    def preset_values(self, cause: str) -> PresetInputs:
        """The model inputs of a preset (a cause id, or ``"reference"``)."""
        return preset_inputs(cause, self.table)

    def apply_preset(self, cause: str) -> None:
        """Choose ``cause`` (a cause id or ``"reference"``) and move the sliders to its preset."""
        self.controls["cause"].value = cause
        self._move_to_preset(self.state["cause"])

    def _move_to_preset(self, option: int) -> None:
        names = [c.name for c in self._sliders]
        self.state = {
            **self.state,
            "cause": option,
            **dict(zip(names, self._preset_index[option], strict=True)),
        }


def cause_presets(**kwargs: Any) -> CausePresetExplorer:
    """Explorer: pick a cause (loop diuretic, thiazide, long-term PPI, alcohol use disorder, diarrhoea,
    Gitelman syndrome); its illustrative preset sets the model's driver, serum Mg, K intake and stool K loss.

    Keyword overrides: ``cause`` (a cause id or ``"reference"``), ``mg_unit``, ``cause_ids``, ``params``.
    """
    return CausePresetExplorer(**kwargs)
