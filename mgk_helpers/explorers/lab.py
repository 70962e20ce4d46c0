"""The lab panel: a serum K and a serum Mg (any unit) → grade, typical symptoms, ECG pattern, red flags.

Answered in the browser (:mod:`.base`): the readout and the figure are looked up in what Python computed once
over the grid of the controls (serum K in steps of 0.1 mmol/L over :data:`~mgk_helpers.plots.lab.LAB_K_RANGE`,
serum Mg in steps of 0.01 mmol/L over the model's range, the Mg unit).

The readout is :func:`~mgk_helpers.model.clinical.summary_text` of
:func:`~mgk_helpers.model.clinical.lab_summary`, and it depends on serum K and serum Mg *together* (which
symptom lines are shown, the sentence for two normal values, the near-edge note, the red flags). It is read
as one of a list of templates (a few hundred): an integer table over (serum K, serum Mg) names the template;
the template's fields fill in the values as ``summary_text`` prints them (``{k_value}``, ``{mg_value}`` in the
unit shown) and the pieces of text the templates share (``{s0}``, ``{s1}``, …: constants, so that each
sentence is sent to the page once, not once per template).

How the templates are found (:func:`lab_readout_parts`, once per process). ``lab_summary`` is called at every
serum K grid point (serum Mg at the reference value) and at every serum Mg grid point (serum K 4.2 mmol/L).
A field of :class:`~mgk_helpers.model.clinical.LabSummary` that changes along only one of the two is that
ion's; one that changes along both (the near-edge note, ``urgent``) is read from ``lab_summary`` itself, once
per combination of the two ions' values of it. Grid points whose summaries agree (numbers aside) share a
template; each template is ``summary_text`` of a summary built that way, with the numbers replaced by fields.
``tests/test_explorer_lab.py`` checks the result against ``summary_text(lab_summary(k, mg), unit)`` at every
(serum K, serum Mg, unit) grid state, so any dependence this reading misses fails there. Building the parts
costs a few hundred ``lab_summary`` calls (about 2 ms each), so they are kept for the process
(:func:`functools.cache`): the first panel of a kernel pays it, later ones do not.

The figure is :func:`~mgk_helpers.plots.lab.lab_figure`; what moves with serum K, with serum Mg and with
the unit is read from :func:`~mgk_helpers.plots.lab.lab_figure_data` at every grid point
(:func:`lab_figure_parts`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from ..model.clinical import LabSummary, lab_summary, summary_text
from ..model.equations import SERUM_MG_REF
from ..model.units import CONCENTRATION_UNITS
from ..plots.lab import LAB_K_RANGE, lab_alt, lab_figure, lab_figure_data
from .base import (
    MG_GRID_MMOL,
    Explorer,
    base_figure,
    check_mg_unit,
    grid,
    mg_control,
    range_control,
    trace_number,
    unit_control,
)
from .engine import Control, Spec, Table

__all__ = [
    "BAND_LABEL_SIZE",
    "K_GRID",
    "LEGEND",
    "TITLE",
    "LabFigureParts",
    "LabPanel",
    "LabReadoutParts",
    "k_control",
    "lab_figure_parts",
    "lab_panel",
    "lab_readout_parts",
    "lab_spec",
]

TITLE = "Lab panel: read a serum K and Mg"
LEGEND = (
    "<b>Serum K</b>: blood potassium (1 mmol/L = 1 mEq/L). <b>Serum Mg</b>: blood magnesium, in the "
    "unit chosen with <b>Serum Mg unit</b>. Coloured bands: severe, moderate and mild low values, normal, "
    "and high values (reference ranges of NIH ODS and the published grades). Dotted band around each "
    "marker: where a repeat sample could land (measurement uncertainty), so a value near an edge "
    "could carry either label."
)

#: Font size (px) of the grade band labels in the explorer's figure.
BAND_LABEL_SIZE = 12

#: The serum K slider's grid (mmol/L): the lab panel's range in steps of 0.1 mmol/L.
K_GRID: tuple[float, ...] = grid(*LAB_K_RANGE, 0.1)
_UNITS: tuple[str, ...] = tuple(CONCENTRATION_UNITS)
#: The other ion's value while one ion's grid is read: both in their reference ranges, on no grade edge.
_K_HELD, _MG_HELD = 4.2, SERUM_MG_REF


def k_control(value: float) -> Control:
    """The serum K slider: 0.1 mmol/L steps over the lab panel's range (1.5–9.0 mmol/L)."""
    return range_control("serum_k", "Serum K", "mmol/L", value, *LAB_K_RANGE, 0.1, 1)


# --------------------------------------------------------------------------------------------------
# the readout


@dataclass(frozen=True)
class LabReadoutParts:
    """The lab readout over the grid (see the module docstring).

    ``template[i, j]`` is the number of the template for ``K_GRID[i]``, ``MG_GRID_MMOL[j]``;
    ``templates`` hold the fields ``{k_value}``, ``{mg_value}`` and ``{s<n>}`` (``shared[n]``);
    ``k_value[i]`` and ``mg_value[u][j]`` are the values as ``summary_text`` prints them (unit ``_UNITS[u]``).
    ``alt`` is the figure's text alternative with the fields ``{alt_k}`` (``alt_k[i]``) and ``{alt_mg}``
    (``alt_mg[u][j]``).
    """

    template: np.ndarray
    templates: tuple[str, ...]
    shared: tuple[str, ...]
    k_value: tuple[str, ...]
    mg_value: tuple[tuple[str, ...], ...]
    alt: str
    alt_k: tuple[str, ...]
    alt_mg: tuple[tuple[str, ...], ...]


def _varying(summaries: Sequence[LabSummary]) -> set[str]:
    """The LabSummary fields whose value changes across ``summaries``."""
    return {
        f.name
        for f in dataclasses.fields(LabSummary)
        if len({getattr(s, f.name) for s in summaries}) > 1  # every field is hashable
    }


def _classes(keys: Sequence[Hashable]) -> tuple[np.ndarray, list[int]]:
    """A class number per key (equal keys, one class) and the first position of each class."""
    number: dict[Hashable, int] = {}
    first: list[int] = []
    out = []
    for i, key in enumerate(keys):
        if key not in number:
            number[key] = len(first)
            first.append(i)
        out.append(number[key])
    return np.asarray(out, dtype=int), first


def _value_in(text: str, pattern: str) -> str:
    m = re.search(pattern, text)
    if m is None:
        raise ValueError(f"pattern {pattern!r} is not in the text {text[:120]!r}…")
    return m.group(1)


def _common_prefix(texts: Sequence[str]) -> int:
    n = min(len(t) for t in texts)
    return next((i for i in range(n) if any(t[i] != texts[0][i] for t in texts)), n)


def _window(texts: Sequence[str]) -> tuple[int, int]:
    """``(start, end)``: ``texts`` agree on their first ``start`` and last ``end`` characters."""
    start = _common_prefix(texts)
    end = min(_common_prefix([t[::-1] for t in texts]), min(len(t) for t in texts) - start)
    return start, end


def _varying_part(text: str, start: int, end: int) -> str:
    return text[start : len(text) - end]


def _share_pieces(templates: Sequence[str]) -> tuple[list[str], list[str]]:
    """The templates with every piece of text between a field and a sentence end replaced by a field
    ``{s<n>}``, and those pieces (``n``-th); filling the fields back gives the templates unchanged."""
    shared: dict[str, int] = {}
    out = []
    for t in templates:
        tokens = re.split(r"(\{\w+\}|(?<=\.) )", t)  # the separators (fields, spaces after a ".") are kept
        out.append(
            "".join(
                tok
                if tok == " " or tok.startswith("{") or not tok
                else f"{{s{shared.setdefault(tok, len(shared))}}}"
                for tok in tokens
            )
        )
    return out, list(shared)


@cache
def lab_readout_parts() -> LabReadoutParts:
    """The readout's templates and fields over the grid (computed once; see the module docstring)."""
    by_k = [lab_summary(k, _MG_HELD) for k in K_GRID]
    by_mg = [lab_summary(_K_HELD, mg) for mg in MG_GRID_MMOL]
    k_fields, mg_fields = _varying(by_k), _varying(by_mg)
    joint = sorted(k_fields & mg_fields)
    k_own = sorted(k_fields - {"serum_k"})
    mg_own = sorted(mg_fields - {"serum_mg"} - set(joint))
    k_class, k_first = _classes([tuple(getattr(s, n) for n in k_own) for s in by_k])
    mg_class, mg_first = _classes([tuple(getattr(s, n) for n in mg_own + joint) for s in by_mg])

    # the fields that depend on both ions, from lab_summary once per combination of their one-ion values
    # (the held values are themselves grid points: those calls are already made)
    joint_of: dict[tuple, dict[str, Any]] = {}
    i_held, j_held = K_GRID.index(_K_HELD), MG_GRID_MMOL.index(_MG_HELD)

    def joint_key(i: int, j: int) -> tuple:
        return tuple(getattr(by_k[i], n) for n in joint), tuple(getattr(by_mg[j], n) for n in joint)

    for i, s in enumerate(by_k):
        joint_of[joint_key(i, j_held)] = {n: getattr(s, n) for n in joint}
    for j, s in enumerate(by_mg):
        joint_of[joint_key(i_held, j)] = {n: getattr(s, n) for n in joint}

    k_value = tuple(_value_in(summary_text(s), r"^Serum K (.+?) — ") for s in by_k)
    mg_value = tuple(
        tuple(_value_in(summary_text(s, u), r"Serum Mg (.+?) — ") for s in by_mg) for u in _UNITS
    )
    templates: dict[str, int] = {}
    pair_template = np.zeros((len(k_first), len(mg_first)), dtype=int)
    for a, i in enumerate(k_first):
        for b, j in enumerate(mg_first):
            key = joint_key(i, j)
            if key not in joint_of:
                s = lab_summary(K_GRID[i], MG_GRID_MMOL[j])
                joint_of[key] = {n: getattr(s, n) for n in joint}
            pair = dataclasses.replace(
                by_k[i],
                serum_mg=by_mg[j].serum_mg,
                **{n: getattr(by_mg[j], n) for n in mg_own},
                **joint_of[key],
            )
            text = summary_text(pair)
            if "{" in text or "}" in text:
                raise ValueError(f"the readout has a brace, which a template cannot hold: {text!r}")
            k_head, mg_head = f"Serum K {k_value[i]} — ", f"Serum Mg {mg_value[0][j]} — "
            if not text.startswith(k_head) or text.count(mg_head) != 1:
                raise ValueError(f"the readout does not start with {k_head!r}, {mg_head!r}: {text!r}")
            template = text.replace(k_head, "Serum K {k_value} — ", 1).replace(
                mg_head, "Serum Mg {mg_value} — "
            )
            pair_template[a, b] = templates.setdefault(template, len(templates))
    shared_templates, shared = _share_pieces(list(templates))

    # the figure's text alternative: one part moves with serum K, one with serum Mg and its unit
    alt_by_k = [lab_alt(s, _UNITS[0]) for s in by_k]
    alt_by_mg = [[lab_alt(s, u) for s in by_mg] for u in _UNITS]
    k0, k1 = _window(alt_by_k)
    m0, m1 = _window([t for texts in alt_by_mg for t in texts])
    base = alt_by_k[i_held]  # K and Mg held, _UNITS[0]: the same text as alt_by_mg[0][j_held]
    if len(base) - k1 > m0:
        raise ValueError("the K and Mg parts of the figure's text alternative overlap")
    if "{" in base or "}" in base:
        raise ValueError(f"the figure's text alternative has a brace, which a template cannot hold: {base!r}")
    alt = base[:k0] + "{alt_k}" + base[len(base) - k1 : m0] + "{alt_mg}" + base[len(base) - m1 :]
    return LabReadoutParts(
        template=pair_template[np.ix_(k_class, mg_class)],
        templates=tuple(shared_templates),
        shared=tuple(shared),
        k_value=k_value,
        mg_value=mg_value,
        alt=alt,
        alt_k=tuple(_varying_part(t, k0, k1) for t in alt_by_k),
        alt_mg=tuple(tuple(_varying_part(t, m0, m1) for t in texts) for texts in alt_by_mg),
    )


# --------------------------------------------------------------------------------------------------
# the figure


@dataclass(frozen=True)
class LabFigureParts:
    """What of :func:`~mgk_helpers.plots.lab.lab_figure_data` moves, and with which control.

    ``by_k[(uid, prop)]`` / ``by_k_layout[path]``: one value per serum K grid point; ``by_unit`` /
    ``by_unit_layout``: one per unit; ``by_mg`` / ``by_mg_layout``: ``[unit][Mg grid point]``. ``shape_names``
    are the shapes' names in order (``None`` for an unnamed shape).
    """

    by_k: dict[tuple[str, str], list[Any]]
    by_unit: dict[tuple[str, str], list[Any]]
    by_mg: dict[tuple[str, str], list[list[Any]]]
    by_k_layout: dict[str, list[Any]]
    by_unit_layout: dict[str, list[Any]]
    by_mg_layout: dict[str, list[list[Any]]]
    shape_names: tuple[str | None, ...]


def _flat(d: dict[str, Any]) -> dict[tuple[str, str] | str, Any]:
    """Trace properties ``(uid, prop)`` and layout paths (``shapes.3.x0``, ``xaxis2.range``) of figure
    data, with their values."""
    out: dict[Any, Any] = {}
    for uid, props in d["traces"].items():
        for prop, value in props.items():
            out[(uid, prop)] = value
    for n, shape in enumerate(d["shapes"]):
        for key, value in shape.items():
            out[f"shapes.{n}.{key}"] = value
    out["xaxis2.range"] = d["xaxis2"]["range"]
    out["xaxis2.title.text"] = d["xaxis2"]["title"]["text"]
    return out


@cache
def lab_figure_parts() -> LabFigureParts:
    """Read :func:`~mgk_helpers.plots.lab.lab_figure_data` at every grid point (computed once)."""
    by_k = [_flat(lab_figure_data(k, _MG_HELD, _UNITS[0])) for k in K_GRID]
    by_mg = [[_flat(lab_figure_data(_K_HELD, mg, u)) for mg in MG_GRID_MMOL] for u in _UNITS]
    keys = by_k[0].keys()
    if any(d.keys() != keys for d in by_k) or any(d.keys() != keys for row in by_mg for d in row):
        raise ValueError("lab_figure_data does not give the same traces and shapes at every grid point")
    parts: dict[str, dict[Any, Any]] = {name: {} for name in ("k", "unit", "mg")}
    for key in keys:
        along_k = [d[key] for d in by_k]
        along_mg = [[d[key] for d in row] for row in by_mg]
        if any(v != along_k[0] for v in along_k):
            parts["k"][key] = along_k
        if any(v != row[0] for row in along_mg for v in row):
            parts["mg"][key] = along_mg
        elif any(row[0] != along_mg[0][0] for row in along_mg):
            parts["unit"][key] = [row[0] for row in along_mg]
        if key in parts["k"] and (key in parts["mg"] or key in parts["unit"]):
            raise ValueError(f"{key}: moves with serum K and with serum Mg; the lab figure has no such part")

    def split(part: dict[Any, Any]) -> tuple[dict, dict]:
        return {k: v for k, v in part.items() if isinstance(k, tuple)}, {
            k: v for k, v in part.items() if isinstance(k, str)
        }

    (k_traces, k_layout), (u_traces, u_layout), (m_traces, m_layout) = (split(parts[n]) for n in parts)
    names = tuple(s.get("name") for s in lab_figure_data(_K_HELD, _MG_HELD, _UNITS[0])["shapes"])
    return LabFigureParts(k_traces, u_traces, m_traces, k_layout, u_layout, m_layout, names)


# --------------------------------------------------------------------------------------------------
# the explorer


def lab_spec(serum_k: float = 4.2, serum_mg: float = SERUM_MG_REF, mg_unit: str = "mmol/L") -> Spec:
    """The lab panel's :class:`~.engine.Spec`, starting at the grid points nearest the values given.

    ``serum_k`` in mmol/L (1.5–9.0), ``serum_mg`` in mmol/L (the model's range), ``mg_unit`` the unit Mg is
    shown in. Bad values raise ValueError naming the parameter, its unit and the valid range.
    """
    k_c = k_control(serum_k)
    check_mg_unit(mg_unit)
    mg_c, unit_c = mg_control(serum_mg), unit_control(mg_unit)
    r, f = lab_readout_parts(), lab_figure_parts()
    fig = lab_figure(k_c.values[k_c.index], mg_c.values[mg_c.index], mg_unit)
    figure = base_figure(fig)
    for uid in ("k_bands", "mg_bands"):
        # the explorer is at most 860 px wide: at lab_figure's 14 px the labels of the three 0.5 mmol/L bands
        # above the K reference range ("above", "mild high", "mod.") run into each other; at 12 px they do not
        figure["data"][trace_number(figure, uid)]["textfont"]["size"] = BAND_LABEL_SIZE
    shapes = figure["layout"].get("shapes", [])
    if tuple(s.get("name") for s in shapes) != f.shape_names:
        raise ValueError("lab_figure's shapes are not lab_figure_data's shapes, in order")

    on_mg = ["mg_unit", "serum_mg"]
    traces: list[dict[str, Any]] = []
    layout: list[dict[str, Any]] = []
    for pick, trace_parts, layout_parts in (
        ("serum_k", f.by_k, f.by_k_layout),
        ("mg_unit", f.by_unit, f.by_unit_layout),
        (on_mg, f.by_mg, f.by_mg_layout),
    ):
        for (uid, prop), values in trace_parts.items():
            source = {"pick": pick, "values": values}
            traces.append({"trace": trace_number(figure, uid), "prop": prop, "source": source})
        layout += [{"path": path, "source": {"pick": pick, "values": v}} for path, v in layout_parts.items()]
    fields = {
        "k_value": {"pick": "serum_k", "values": list(r.k_value)},
        "mg_value": {"pick": on_mg, "values": [list(v) for v in r.mg_value]},
    }
    fields |= {f"s{n}": {"const": text} for n, text in enumerate(r.shared)}
    alt = {
        "format": r.alt,
        "fields": {
            "alt_k": {"pick": "serum_k", "values": list(r.alt_k)},
            "alt_mg": {"pick": on_mg, "values": [list(v) for v in r.alt_mg]},
        },
    }
    if "meta" in figure["layout"]:  # the plotly figure's own text alternative follows the state too
        layout.append({"path": "meta.alt_text", "source": alt})
    return Spec(
        title=TITLE,
        controls=[k_c, mg_c, unit_c],
        tables={"template": Table(("serum_k", "serum_mg"), r.template[np.newaxis].astype(np.float32))},
        figure=figure,
        traces=traces,
        layout=layout,
        readout={"format": {"index": {"table": "template"}, "values": list(r.templates)}, "fields": fields},
        alt=alt,
        legend=LEGEND,
    )


class LabPanel(Explorer):
    """Serum K and serum Mg (any unit) → classification, typical symptoms, ECG pattern, red flags."""

    def __init__(self, serum_k: float = 4.2, serum_mg: float = SERUM_MG_REF, mg_unit: str = "mmol/L") -> None:
        super().__init__(lab_spec(serum_k, serum_mg, mg_unit))


def lab_panel(**kwargs: Any) -> LabPanel:
    """Explorer: serum K (mmol/L) and serum Mg (mmol/L, mg/dL or mEq/L) → classification, typical
    symptoms, ECG pattern and the red flags when relevant.

    Keyword overrides: ``serum_k`` (mmol/L, 1.5–9.0), ``serum_mg`` (mmol/L, 0.2–1.5), ``mg_unit``.
    """
    return LabPanel(**kwargs)
