"""Where the body's K is: extracellular, cell and total-body K at steady state against a reference."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..model import equations as model
from ..model.equations import SERUM_MG_REF
from ..model.notices import TEACHING_MODEL_NOTE
from .theme import (
    ICF_K_AXIS,
    OKABE_ITO,
    SERUM_K_AXIS,
    TOTAL_K_AXIS,
    add_k_band,
    finish,
)

__all__ = [
    "cell_distribution_alt",
    "cell_distribution_data",
    "cell_distribution_figure",
]


def cell_distribution_data(
    serum_mg: float = SERUM_MG_REF,
    k_intake: float = model.K_INTAKE_DEFAULT,
    driver: float = 1.0,
    params: model.Params | None = None,
) -> dict[str, Any]:
    """Numbers of :func:`cell_distribution_figure`: bars (uid ``"reference"`` and ``"current"``,
    y = [serum K, cell K, total-body K]) and the two :class:`~mgk_helpers.model.SteadyState`.

    The reference is normal Mg (0.85 mmol/L), 100 mmol/day intake, driver 1, same parameters.
    """
    params = params or model.Params()
    ref = model.steady_state(SERUM_MG_REF, k_intake=model.K_INTAKE_DEFAULT, driver=1.0, params=params)
    cur = model.steady_state(serum_mg, k_intake=k_intake, driver=driver, params=params)
    x = ["Serum (ECF) K", "Cell (ICF) K", "Total-body K"]

    def ys(s: Any) -> list[float]:
        return [float(s.serum_k), float(s.icf_k), float(s.total_body_k)]

    return {
        "reference": {"x": x, "y": ys(ref)},
        "current": {"x": x, "y": ys(cur)},
        "state": cur,
        "reference_state": ref,
    }


def cell_distribution_alt(cur: Any, ref: Any) -> str:
    """Text alternative of :func:`cell_distribution_figure`."""
    return (
        "Three bar panels comparing the current steady state with the reference (normal Mg, 100 mmol/day, "
        f"no driver): serum K {float(cur.serum_k):.2f} vs {float(ref.serum_k):.2f} mmol/L; cell K "
        f"{float(cur.icf_k):.0f} vs {float(ref.icf_k):.0f} mmol/L; "
        f"total-body K {float(cur.total_body_k):.0f} vs "
        f"{float(ref.total_body_k):.0f} mmol. {TEACHING_MODEL_NOTE}"
    )


def cell_distribution_figure(
    serum_mg: float = SERUM_MG_REF,
    k_intake: float = model.K_INTAKE_DEFAULT,
    driver: float = 1.0,
    params: model.Params | None = None,
) -> go.Figure:
    """ECF (serum) K, ICF (cell) K and total-body K as three panels with their own axes, so the
    small ECF value is as visible as the large ICF one; each panel compares the current steady
    state with the reference (normal Mg, 100 mmol/day, driver 1).

    Trace uids: ``"reference"`` / ``"current"`` in each panel,
    suffixed ``_serum``, ``_icf``, ``_total`` (uids must be valid CSS identifiers).
    """
    d = cell_distribution_data(serum_mg, k_intake, driver, params)
    titles = ("Serum (ECF) K, mmol/L", "Cell (ICF) K, mmol/L", "Total-body K, mmol")
    fig = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.1)
    for col, key in enumerate(("serum", "icf", "total"), start=1):
        for name, colour, pattern in (("reference", "#9a9a9a", "/"), ("current", OKABE_ITO["blue"], "")):
            y = d[name]["y"][col - 1]
            fig.add_bar(
                uid=f"{name}_{key}",
                x=[name],
                y=[y],
                name=name,
                legendgroup=name,
                showlegend=col == 1,
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern},
                    "line": {"color": "black", "width": 1.5},
                },
                text=[f"{y:.2f}" if key == "serum" else f"{y:.0f}"],
                textposition="outside",
                cliponaxis=False,
                hoverinfo="skip",
                row=1,
                col=col,
            )
    add_k_band(fig, row=1, col=1)
    for col, y_range in enumerate((SERUM_K_AXIS, ICF_K_AXIS, TOTAL_K_AXIS), start=1):
        fig.update_yaxes(range=list(y_range), row=1, col=col)
    fig.update_layout(bargap=0.25, hovermode=False)
    alt = cell_distribution_alt(d["state"], d["reference_state"])
    return finish(fig, alt, "Where the body's potassium is", 520)
