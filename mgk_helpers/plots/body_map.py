"""A schematic body map of K: gut → blood (ECF) ⇄ cells (pump in, leak out) → kidney → urine.

Plot layer (plotly only). The map is drawn with layout shapes and annotations on hidden axes (x 0–100,
y 0–50 per panel; one panel, or several stacked, e.g. the three arms of a trial at the same day). Every
part that follows the model is listed in :func:`body_map_links`: a layout path, the panel it belongs to and
either a linear reading of one quantity (``offset + scale × value``: an arrow's width, a pool's fill level,
the ROMK brake's opening) or a text template whose fields are quantities. :func:`body_map_figure` fills
them from the values it is given; an explorer binds the same paths to its tables, so the page draws the
same thing without computing anything.

Quantities (:data:`BODY_MAP_QUANTITIES`): fluxes in mmol/day, pools in mmol/L and mmol, the two Mg pools of
model v2 (renal tubule cells, muscle) in mM, and the ROMK factor R (× baseline).

Scales (stated on the figure): the gut and kidney arrows are 1 px wide per :data:`GUT_SCALE` mmol/day, the
cell pump and leak 1 px per :data:`CELL_SCALE` mmol/day (they carry about 1,500 times the daily intake, so
they get their own scale). Fills: blood K on 0–:data:`ECF_FULL` mmol/L, cell K on 0–:data:`ICF_FULL`
mmol/L, cell Mg on 0–:data:`MG_FULL` mM.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import plotly.graph_objects as go

from ..model.notices import TEACHING_MODEL_NOTE
from .theme import OKABE_ITO, TEMPLATE, rgba

__all__ = [
    "BODY_MAP_ALT",
    "BODY_MAP_QUANTITIES",
    "BODY_MAP_SCALE_NOTE",
    "CELL_SCALE",
    "ECF_FULL",
    "GUT_SCALE",
    "ICF_FULL",
    "MG_FULL",
    "BodyMapLink",
    "body_map_alt",
    "body_map_alt_template",
    "body_map_figure",
    "body_map_links",
]

#: What the map shows, name → meaning and unit.
BODY_MAP_QUANTITIES: dict[str, str] = {
    "intake": "K eaten (mmol/day)",
    "absorbed": "K absorbed from the gut (mmol/day)",
    "stool": "K lost in stool (mmol/day)",
    "urine": "K in urine (mmol/day)",
    "pump": "K pumped into the cells (mmol/day)",
    "leak": "K leaking out of the cells (mmol/day)",
    "net": "net K into the cells, pump − leak (mmol/day)",
    "serum_k": "blood (ECF) K (mmol/L)",
    "ecf_amount": "K in the blood and other extracellular fluid (mmol)",
    "icf_k": "cell (ICF) K (mmol/L)",
    "icf_amount": "K in the K-exchanging cells (mmol)",
    "mg_fast": "free Mg in the renal tubule cells (mM)",
    "mg_i": "free Mg in muscle (mM)",
    "romk": "ROMK factor R: how far the brake on K secretion is released (× baseline)",
}

GUT_SCALE = 10.0  # mmol/day per px
CELL_SCALE = 10_000.0  # mmol/day per px
ECF_FULL = 8.0  # mmol/L: a full blood box
ICF_FULL = 160.0  # mmol/L: a full cell box
MG_FULL = 0.6  # mM: a full Mg gauge
_JAW_GAP = 2.5  # ROMK brake opening (y units) per unit of R
_MG_REF_MM = 0.5  # reference cytosolic free Mg (Params.mg_i0), drawn as a mark on the gauges

BODY_MAP_SCALE_NOTE = (
    f"Widths: gut and kidney 1 px = {GUT_SCALE:g} mmol/day; cells 1 px = {CELL_SCALE:,.0f} mmol/day"
)

_LINE = "#8a8a8a"  # box outlines: visible on light and dark pages
_ARROW = {
    "intake": OKABE_ITO["orange"],
    "absorbed": OKABE_ITO["orange"],
    "stool": OKABE_ITO["orange"],
    "to_kidney": OKABE_ITO["reddish_purple"],
    "urine": OKABE_ITO["reddish_purple"],
    "pump": OKABE_ITO["bluish_green"],
    "leak": OKABE_ITO["sky_blue"],
}
_FONT = 14


class BodyMapLink(NamedTuple):
    """One part of the map that follows the model: layout ``path`` of panel ``panel``, either
    ``offset + scale × quantity`` or the text ``template`` (fields named after quantities)."""

    path: str
    panel: int
    quantity: str = ""
    offset: float = 0.0
    scale: float = 1.0
    template: str = ""


def _axes(panel: int) -> tuple[str, str]:
    return ("x", "y") if panel == 0 else (f"x{panel + 1}", f"y{panel + 1}")


def _panel(
    panel: int, title: str, gain: bool
) -> tuple[list[dict], list[dict], list[tuple[str, int, BodyMapLink]]]:
    """Shapes, annotations and links (kind, index within its list, link) of one panel."""
    xr, yr = _axes(panel)
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    links: list[tuple[str, int, BodyMapLink]] = []

    def box(x0, y0, x1, y1, **kw):
        shapes.append(
            {"type": "rect", "xref": xr, "yref": yr, "x0": x0, "y0": y0, "x1": x1, "y1": y1,
             "line": {"color": _LINE, "width": 2}, **kw}
        )  # fmt: skip
        return len(shapes) - 1

    def fill(x0, y0, x1, y1_full, quantity, full, colour):
        i = box(x0, y0, x1, y0, fillcolor=colour, line={"width": 0}, layer="below")
        links.append(("shape", i, BodyMapLink("y1", panel, quantity, y0, (y1_full - y0) / full)))
        return i

    def text(x, y, s, anchor="center", valign="middle", size=_FONT, template="", bold=False, name=""):
        notes.append(
            {"xref": xr, "yref": yr, "x": x, "y": y, "text": f"<b>{s}</b>" if bold else s, "showarrow": False,
             "xanchor": anchor, "yanchor": valign, "font": {"size": size}, "name": name}
        )  # fmt: skip
        if template:
            links.append(("note", len(notes) - 1, BodyMapLink("text", panel, template=template)))

    def arrow(tail, head, quantity, scale, colour):
        notes.append(
            {"xref": xr, "yref": yr, "axref": xr, "ayref": yr, "x": head[0], "y": head[1], "ax": tail[0],
             "ay": tail[1], "text": "", "showarrow": True, "arrowhead": 2, "arrowsize": 0.5,
             "arrowwidth": 1, "arrowcolor": colour, "name": f"arrow_{quantity}"}
        )  # fmt: skip
        links.append(("note", len(notes) - 1, BodyMapLink("arrowwidth", panel, quantity, 0.0, 1.0 / scale)))

    if title:
        text(0, 50.5, title, anchor="left", valign="bottom", size=_FONT + 2, bold=True, name="panel_title")
    # pools: outlines, then the fills drawn below them
    fill(32, 26, 58, 46, "serum_k", ECF_FULL, rgba(OKABE_ITO["sky_blue"], 0.45))
    fill(32, 0.5, 58, 17, "icf_k", ICF_FULL, rgba(OKABE_ITO["bluish_green"], 0.4))
    fill(66, 3, 69, 15, "mg_fast", MG_FULL, rgba(OKABE_ITO["orange"], 0.6))
    fill(22, 1, 25, 13, "mg_i", MG_FULL, rgba(OKABE_ITO["orange"], 0.6))
    box(2, 26, 18, 40)  # gut
    box(32, 26, 58, 46)  # blood
    box(32, 0.5, 58, 17)  # cells
    box(63, 26, 78, 40)  # kidney
    box(66, 3, 69, 15)  # renal Mg gauge
    box(22, 1, 25, 13)  # muscle Mg gauge
    for x0, y0, y1 in ((66, 3, 15), (22, 1, 13)):  # the reference cytosolic Mg on each gauge
        y = y0 + (y1 - y0) * _MG_REF_MM / MG_FULL
        shapes.append(
            {"type": "line", "xref": xr, "yref": yr, "x0": x0 - 0.8, "x1": x0 + 3.8, "y0": y, "y1": y,
             "line": {"color": _LINE, "width": 2, "dash": "dot"}}
        )  # fmt: skip
    # the ROMK brake: two jaws on the urine path whose gap follows R
    jaw = {"fillcolor": OKABE_ITO["vermillion"], "line": {"color": _LINE, "width": 1}}
    upper = box(81, 33, 85, 39.5, **jaw)
    lower = box(81, 26.5, 85, 33, **jaw)
    links.append(("shape", upper, BodyMapLink("y0", panel, "romk", 33.0, _JAW_GAP / 2)))
    links.append(("shape", lower, BodyMapLink("y1", panel, "romk", 33.0, -_JAW_GAP / 2)))

    # labels of the places
    text(10, 38.5, "Gut", valign="top", bold=True)
    text(45, 45, "Blood (ECF)", valign="top", bold=True)
    text(45, 16.5, "Cells (ICF)", valign="top", bold=True)
    text(70.5, 38.5, "Kidney", valign="top", bold=True)
    text(99, 31, "Urine", anchor="right", valign="top", bold=True)
    # pools in words
    text(45, 36, "", template="K {serum_k:.2f} mmol/L<br>{ecf_amount:,.0f} mmol")
    text(45, 9.5, "", template="K {icf_k:.0f} mmol/L<br>{icf_amount:,.0f} mmol")
    text(70, 9, "", anchor="left", size=_FONT - 1, template="kidney-cell Mg<br>{mg_fast:.2f} mM")
    text(21, 6.5, "", anchor="right", size=_FONT - 1, template="muscle Mg<br>{mg_i:.2f} mM")
    text(45, 21.5, "", size=_FONT - 2, template="net<br>{net:.1f}")
    if gain:
        text(45, 1, "", valign="bottom", size=_FONT - 2, template="since day 0: {gained:,.0f} mmol")
    # fluxes: arrows and their numbers
    arrow((10, 49), (10, 40.5), "intake", GUT_SCALE, _ARROW["intake"])
    text(13, 46, "", anchor="left", size=_FONT - 1, template="eaten {intake:.0f} mmol/day")
    arrow((18.5, 33), (31.5, 33), "absorbed", GUT_SCALE, _ARROW["absorbed"])
    text(25, 34.5, "", valign="bottom", size=_FONT - 1, template="absorbed<br>{absorbed:.0f}/day")
    arrow((10, 25.5), (10, 17), "stool", GUT_SCALE, _ARROW["stool"])
    text(8.5, 21, "", anchor="right", size=_FONT - 1, template="stool<br>{stool:.0f}/day")
    arrow((37, 25.5), (37, 17.5), "pump", CELL_SCALE, _ARROW["pump"])
    text(35.5, 21.5, "", anchor="right", size=_FONT - 1, template="pump in<br>{pump:,.0f}/day")
    arrow((53, 17.5), (53, 25.5), "leak", CELL_SCALE, _ARROW["leak"])
    text(54.5, 21.5, "", anchor="left", size=_FONT - 1, template="leak out<br>{leak:,.0f}/day")
    arrow((58.5, 36), (62.5, 36), "urine", GUT_SCALE, _ARROW["to_kidney"])
    arrow((78.5, 33), (97, 33), "urine", GUT_SCALE, _ARROW["urine"])
    text(91, 35, "", valign="bottom", size=_FONT - 1, template="urine<br>{urine:.0f}/day")
    text(
        88, 25.5, "", valign="top", size=_FONT - 2,
        template="ROMK brake<br>(hypothesis: Mg block)<br>opened {romk:.2f}×",
    )  # fmt: skip
    return shapes, notes, links


def _all(titles: Sequence[str], gain: bool) -> tuple[list[dict], list[dict], list[BodyMapLink]]:
    shapes: list[dict] = []
    notes: list[dict] = []
    links: list[BodyMapLink] = []
    for p, title in enumerate(titles):
        s, n, lk = _panel(p, title, gain)
        for kind, i, link in lk:
            where = f"shapes.{len(shapes) + i}" if kind == "shape" else f"annotations.{len(notes) + i}"
            links.append(link._replace(path=f"{where}.{link.path}"))
        shapes += s
        notes += n
    notes.append(
        {"xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -8, "xanchor": "left", "yanchor": "top",
         "text": BODY_MAP_SCALE_NOTE, "showarrow": False, "font": {"size": _FONT - 3}, "name": "scale"}
    )  # fmt: skip
    return shapes, notes, links


def body_map_links(titles: Sequence[str] = ("",), gain: bool = False) -> list[BodyMapLink]:
    """Every part of the map (one panel per title) that follows the model, with its layout path (``gain``:
    with the K the cells gained since day 0, for a run)."""
    return _all(titles, gain)[2]


def _fill_text(template: str, values: Mapping[str, float]) -> str:
    return template.format(**{k: float(v) for k, v in values.items()})


#: One panel's text alternative (fields: :data:`BODY_MAP_QUANTITIES`).
BODY_MAP_ALT = (
    "blood K {serum_k:.2f} mmol/L; eaten {intake:.0f}, absorbed {absorbed:.0f}, stool "
    "{stool:.0f}, urine {urine:.0f} mmol/day; the cells pump in {pump:,.0f} and leak out {leak:,.0f} "
    "mmol/day (net {net:.1f}); cell K {icf_k:.0f} mmol/L; kidney-cell Mg {mg_fast:.2f} mM, muscle Mg "
    "{mg_i:.2f} mM; ROMK brake opened {romk:.2f}×."
)


def body_map_alt(values: Mapping[str, float], title: str = "") -> str:
    """One panel's text alternative (``title``: the panel's name, if any)."""
    return _alt_head(title) + _fill_text(BODY_MAP_ALT, values)


def body_map_alt_template(title: str = "") -> str:
    """:data:`BODY_MAP_ALT` with the panel's name in front (the template :func:`body_map_alt` fills)."""
    return _alt_head(title) + BODY_MAP_ALT


def _alt_head(title: str) -> str:
    return f"Body map of K, {title}: " if title else "Body map of K: "


def body_map_figure(
    panels: Sequence[Mapping[str, float]],
    titles: Sequence[str] | None = None,
    height: int | None = None,
    gain: bool = False,
) -> go.Figure:
    """The body map for each mapping of :data:`BODY_MAP_QUANTITIES` in ``panels`` (stacked top to bottom;
    ``titles`` one per panel, shown above it when there are several). ``gain``: a run, whose panels also
    give ``gained`` (the K the cells gained since day 0, mmol), written in the cells."""
    titles = list(titles) if titles is not None else [""] * len(panels)
    if len(titles) != len(panels):
        raise ValueError(f"{len(titles)} titles for {len(panels)} panels")
    needed = [*BODY_MAP_QUANTITIES, "gained"] if gain else list(BODY_MAP_QUANTITIES)
    missing = [q for q in needed if any(q not in v for v in panels)]
    if missing:
        raise ValueError(f"panel values are missing {missing}; every panel needs {list(BODY_MAP_QUANTITIES)}")
    shapes, notes, links = _all(titles, gain)
    layout: dict[str, Any] = {"shapes": shapes, "annotations": notes}
    for link in links:
        v = panels[link.panel]
        value = (
            _fill_text(link.template, v)
            if link.template
            else link.offset + link.scale * float(v[link.quantity])
        )
        _set(layout, link.path, value)
    n = len(panels)
    gap = 0.06 if n > 1 else 0.0
    fig = go.Figure()
    axis = {"visible": False, "fixedrange": True}
    for p in range(n):
        xr, yr = _axes(p)
        top = 1 - p * (1 + gap) / n
        bottom = max(0.0, top - (1 - gap * (n - 1)) / n)
        fig.update_layout(
            {
                xr.replace("x", "xaxis"): {**axis, "range": [0, 100], "domain": [0, 1]},
                yr.replace("y", "yaxis"): {
                    **axis,
                    "range": [0, 54 if titles[p] else 50],
                    "domain": [bottom, top],
                },
            }
        )
    alt = (
        " ".join(body_map_alt(v, t) for v, t in zip(panels, titles, strict=True)) + f" {TEACHING_MODEL_NOTE}"
    )
    fig.update_layout(
        template=TEMPLATE,
        height=height or (430 if n == 1 else 360 * n),
        margin={"l": 10, "r": 10, "t": 10, "b": 44},
        showlegend=False,
        hovermode=False,
        meta={"alt_text": alt},
        **layout,
    )
    return fig


def _set(obj: Any, path: str, value: Any) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        obj = obj[int(key)] if isinstance(obj, list) else obj[key]
    obj[keys[-1]] = value
