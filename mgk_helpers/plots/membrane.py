"""Membrane potential: the Nernst E_K and the GHK resting potential against extracellular K."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from ..model import membrane
from ..model.reference import K_NORMAL
from .theme import (
    BAND_COLOUR,
    BISTABLE_K,
    FONT_SIZE,
    LINE_WIDTH,
    MEMBRANE_K_RANGE,
    OKABE_ITO,
    finish,
    rgba,
)

__all__ = [
    "membrane_alt",
    "membrane_data",
    "membrane_figure",
]


def membrane_data(k_out: float = 4.2, k_in: float = 140.0, p_na_over_p_k: float = 0.01) -> dict[str, Any]:
    """Numbers of :func:`membrane_figure`: curves ``e_k``/``vm`` over 1–8 mmol/L and the current
    points ``e_k_point``/``vm_point``; also ``"e_k_mv"`` and ``"vm_mv"`` (floats, mV)."""
    k = np.linspace(*MEMBRANE_K_RANGE, 141)
    e_k = np.asarray(membrane.nernst(k, k_in))
    vm = np.asarray(membrane.ghk_voltage(k, k_in=k_in, p_na_over_p_k=p_na_over_p_k))
    e0 = float(membrane.nernst(k_out, k_in))
    v0 = float(membrane.ghk_voltage(k_out, k_in=k_in, p_na_over_p_k=p_na_over_p_k))
    return {
        "e_k": {"x": k, "y": e_k},
        "vm": {"x": k, "y": vm},
        "e_k_point": {"x": [k_out], "y": [e0]},
        "vm_point": {"x": [k_out], "y": [v0]},
        "e_k_mv": e0,
        "vm_mv": v0,
    }


def membrane_alt(k_out: float, e_k: float, vm: float) -> str:
    """Text alternative of :func:`membrane_figure`."""
    return (
        "Membrane potentials against extracellular K from 1 to 8 mmol/L: the K equilibrium potential E_K "
        "(Nernst) and the resting potential Vm (GHK) both become more negative as K falls. "
        f"At {k_out:.1f} mmol/L: E_K {e_k:.0f} mV, Vm {vm:.0f} mV. Below about {BISTABLE_K} mmol/L real "
        "muscle can instead depolarise (shaded), which this fixed-permeability model does not show."
    )


def membrane_figure(k_out: float = 4.2, k_in: float = 140.0, p_na_over_p_k: float = 0.01) -> go.Figure:
    """E_K (Nernst) and GHK resting potential against extracellular K, current point marked, the
    normal K range shaded, and a hatched region below 1.5 mmol/L where real muscle is bistable.

    Trace uids: ``e_k``, ``vm``, ``e_k_point``, ``vm_point``.
    """
    d = membrane_data(k_out, k_in, p_na_over_p_k)
    fig = go.Figure()
    for key, name, colour, dash in (
        ("e_k", "E_K (Nernst)", OKABE_ITO["blue"], "solid"),
        ("vm", "Vm (GHK)", OKABE_ITO["vermillion"], "dash"),
    ):
        fig.add_scatter(
            uid=key,
            **d[key],
            mode="lines",
            name=name,
            line={"color": colour, "width": LINE_WIDTH, "dash": dash},
            hovertemplate=f"{name}: %{{y:.1f}} mV<extra></extra>",
        )
        fig.add_scatter(
            uid=f"{key}_point",
            **d[f"{key}_point"],
            mode="markers",
            showlegend=False,
            marker={"color": colour, "size": 16, "line": {"color": "black", "width": 2}},
            hovertemplate=f"{name}: %{{y:.1f}} mV<extra>current</extra>",
        )
    fig.add_vrect(x0=K_NORMAL[0], x1=K_NORMAL[1], fillcolor=BAND_COLOUR, line_width=0, layer="below")
    fig.add_vrect(
        x0=MEMBRANE_K_RANGE[0],
        x1=BISTABLE_K,
        fillcolor=rgba(OKABE_ITO["orange"], 0.18),
        line_width=0,
        layer="below",
    )
    fig.add_annotation(
        x=(MEMBRANE_K_RANGE[0] + BISTABLE_K) / 2,
        y=1.0,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        text="real muscle<br>may depolarise",
        font={"size": FONT_SIZE - 4},
    )
    fig.add_annotation(
        x=sum(K_NORMAL) / 2,
        y=1.0,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        text="normal K",
        font={"size": FONT_SIZE - 4},
    )
    fig.update_xaxes(title_text="Extracellular (serum) K (mmol/L)", range=list(MEMBRANE_K_RANGE))
    fig.update_yaxes(title_text="Membrane potential (mV)", title_standoff=12, automargin=True)
    alt = membrane_alt(k_out, d["e_k_mv"], d["vm_mv"])
    return finish(fig, alt, "Membrane potential and extracellular K", 560)
