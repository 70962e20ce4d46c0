"""The explorers' lookup engine: the model's answers over a control grid, and how a view is read from them.

Python is the single source of truth. An explorer computes, once and in Python, the model's answers over the
grid of its controls (:class:`Table`), and declares how its figure and its readout are read from them
(:class:`Spec`: controls, tables, bindings, text templates). The browser (``static/explorer.js``) only looks
values up in those tables and fills the templates; it holds no model equation. This module is the same
reading in Python, so ``explorer.readout_text`` and ``explorer.figure.data`` are exactly what the page shows
(the browser tests compare the two).

The small vocabulary both sides understand
------------------------------------------
*State*: one index per control (a position on its grid, or an option).

*Table* (:class:`Table`): numbers over some controls' grids, with a leading *member* axis (member 0 is the
model's central answer; further members are the corners of an uncertainty range). Stored either in full
(``float32``) or, when the model's answer is an exact product of one factor per control, as those factors
(``product``: value = Π factor_c[member, index_c]; tests check the factorisation against the model).

*Source* (a small JSON dict) names a value the view needs:

``{"control": c}``                 the control's value as shown (in the unit chosen by its unit control)
``{"axis": c}``                    every grid value of control ``c`` as shown (an x axis)
``{"table": t, "free": c, "reduce": r}``
                                   table ``t`` at the current state; along control ``c`` if ``free`` is given
                                   (an array); ``reduce`` ``"first"`` (member 0), ``"min"`` or ``"max"``
                                   over members, or ``"sum"`` of the members (a separable expansion:
                                   value = Σ_m Π_c factor_c[m, index_c], for an answer that is not one
                                   product but a short sum of them)
``{"pick": c, "values": [...]}``   the entry for the current position of control ``c`` (any JSON value)
``{"pick": [c, d], "values": [[...], ...]}``  the same over several controls (nested lists, in that order)
``{"index": source, "values": [...]}``  the entry at the position a number (e.g. a table value) names
``{"list": [source, ...]}``        a list of values (a one-point trace)
``{"repeat": source, "along": c}`` a value repeated once per grid point of control ``c`` (a flat line)
``{"sum": [s, ...]}``, ``{"mul": [s, ...]}``, ``{"div": [a, b]}``
                                   numbers (or arrays, element by element) added, multiplied, divided, left to
                                   right: combining looked-up answers (a total of servings), never a model
``{"band": source, "bands": [[lo, hi, lo_closed, hi_closed, label], ...]}``
                                   the label of the first interval holding the value
``{"format": template, "fields": {name: source}}``
                                   ``template`` with ``{name}``, ``{name:.Nf}`` or ``{name:,.Nf}`` (thousands)
                                   filled in; numbers are rounded half away from zero, as JS ``toFixed`` does
``{"const": value}``               a constant

*Bindings*: ``[{"trace": i, "prop": p, "source": s}]`` set trace properties (``{"trace": "*", "source": s}``
replaces the whole list of traces: a view whose number of traces changes); ``[{"path": "a.b.0.c",
"source": s}]`` set layout properties. ``readout`` and ``alt`` are sources that give text.
"""

from __future__ import annotations

import base64
import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np

__all__ = [
    "Control",
    "b64",
    "band_label",
    "Spec",
    "Table",
    "bands_of",
    "fill",
    "pack_tables",
    "resolve",
    "set_path",
    "unpack_tables",
]


@dataclass(frozen=True)
class Control:
    """One control: a slider over a grid (``kind="range"``) or a set of options (``"choice"``, ``"select"``).

    ``values`` are the model's values (a range's grid, in the model's unit; a choice's option values);
    ``labels`` the text shown for each option. A range shows its values in the unit picked by the choice
    control ``unit_control`` (``shown[unit]`` is the grid in that unit); ``digits`` is how many decimals it
    shows. ``label`` is the visible name without the unit (the unit is appended: "Serum Mg (mmol/L)").
    ``sets`` (a choice or select) gives, per option, the positions it moves other controls to (a preset).
    ``play`` (a range only) adds a Play/Pause button beside the slider: the page steps the slider one grid
    point about every 0.4 s up to its end (Play at the end starts again from the start) and stops on any key
    or pointer on the slider, or Reset; where the reader prefers reduced motion the button steps once per
    press instead ("Next"). Playing changes nothing in Python's reading of a state.
    """

    name: str
    kind: str
    label: str
    values: tuple[Any, ...]
    index: int
    unit: str = ""
    digits: int = 2
    labels: tuple[str, ...] = ()
    unit_control: str = ""
    shown: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    help: str = ""
    sets: tuple[Mapping[str, int], ...] = ()
    play: bool = False

    def __post_init__(self) -> None:
        if self.play and self.kind != "range":
            raise ValueError(f"control {self.name!r}: play=True needs kind='range', not {self.kind!r}")
        if self.kind not in ("range", "choice", "select"):
            raise ValueError(
                f"control {self.name!r}: kind={self.kind!r}; valid kinds are range, choice, select"
            )
        if self.sets and len(self.sets) != len(self.values):
            raise ValueError(
                f"control {self.name!r}: sets has {len(self.sets)} entries for {len(self.values)} options"
            )
        if not 0 <= self.index < len(self.values):
            raise ValueError(f"control {self.name!r}: index {self.index} is outside 0–{len(self.values) - 1}")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "values": list(self.values),
            "index": self.index,
        }
        for key in ("unit", "unit_control", "help"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.kind == "range":
            out["digits"] = self.digits
            if self.shown:
                out["shown"] = {u: list(v) for u, v in self.shown.items()}
            if self.play:
                out["play"] = True
        else:
            out["labels"] = list(self.labels or (str(v) for v in self.values))
            if self.sets:
                out["sets"] = [dict(s) for s in self.sets]
        return out


@dataclass(frozen=True)
class Table:
    """The model's answers over some controls' grids (see the module docstring).

    ``axes`` names the controls; ``data`` has shape ``(members, *grid sizes)`` (full form) or, with
    ``product=True``, ``data`` is a sequence of one ``(members, grid size)`` factor per axis.
    """

    axes: tuple[str, ...]
    data: Any
    product: bool = False

    def arrays(self) -> list[np.ndarray]:
        if self.product:
            return [np.asarray(f, dtype=np.float32) for f in self.data]
        return [np.asarray(self.data, dtype=np.float32)]

    @property
    def members(self) -> int:
        return self.arrays()[0].shape[0]

    def values(self, state: Mapping[str, int], free: str | None = None) -> np.ndarray:
        """``(members,)`` at the state, or ``(members, n)`` along control ``free``; float64."""
        if self.product:
            out = None
            for axis, factor in zip(self.axes, self.arrays(), strict=True):
                f = factor.astype(np.float64)
                part = f if axis == free else f[:, state[axis] : state[axis] + 1]
                out = part if out is None else out * part
            return out if free else out[:, 0]
        a = self.arrays()[0].astype(np.float64)
        index: list[Any] = [slice(None)]
        for axis in self.axes:
            index.append(slice(None) if axis == free else state[axis])
        return a[tuple(index)]


def pack_tables(tables: Mapping[str, Table]) -> tuple[dict[str, Any], bytes]:
    """The tables' layout (JSON) and their numbers as one little-endian float32 buffer."""
    layout: dict[str, Any] = {}
    chunks: list[bytes] = []
    offset = 0
    for name, table in tables.items():
        parts = []
        for a in table.arrays():
            raw = np.ascontiguousarray(a, dtype="<f4").tobytes()
            parts.append({"offset": offset // 4, "shape": list(a.shape)})
            chunks.append(raw)
            offset += len(raw)
        layout[name] = {"axes": list(table.axes), "product": table.product, "parts": parts}
    return layout, b"".join(chunks)


def unpack_tables(layout: Mapping[str, Any], buffer: bytes) -> dict[str, Table]:
    """Inverse of :func:`pack_tables` (used by tests)."""
    flat = np.frombuffer(buffer, dtype="<f4")
    out = {}
    for name, t in layout.items():
        arrays = [
            flat[p["offset"] : p["offset"] + int(np.prod(p["shape"]))].reshape(p["shape"]) for p in t["parts"]
        ]
        out[name] = Table(tuple(t["axes"]), arrays if t["product"] else arrays[0], t["product"])
    return out


def b64(buffer: bytes) -> str:
    return base64.b64encode(buffer).decode("ascii")


# --------------------------------------------------------------------------------------------------
# reading a state


@dataclass
class Spec:
    """Everything an explorer's front end needs: controls, tables, figure, bindings, readout and alt text."""

    title: str
    controls: list[Control]
    tables: dict[str, Table]
    figure: dict[str, Any]  # {"data": [...], "layout": {...}} at the default state
    traces: list[dict[str, Any]]
    layout: list[dict[str, Any]]
    readout: dict[str, Any]
    alt: dict[str, Any]
    legend: str = ""  # HTML
    caveat: str = ""
    note: str = ""
    #: predict first (:meth:`~.base.Explorer.predict_first`): ``{"prompt", "options" | "unit", "explain"}``;
    #: the page hides the figure and the readout until the student locks a prediction
    predict: dict[str, Any] | None = None

    def control(self, name: str) -> Control:
        for c in self.controls:
            if c.name == name:
                return c
        raise KeyError(f"no control named {name!r}; controls are {[c.name for c in self.controls]}")

    def default_state(self) -> dict[str, int]:
        return {c.name: c.index for c in self.controls}

    def to_json(self) -> tuple[dict[str, Any], bytes]:
        """(the JSON spec, the tables' binary buffer)."""
        layout, buffer = pack_tables(self.tables)
        spec = {
            "title": self.title,
            "controls": [c.to_json() for c in self.controls],
            "tables": layout,
            "figure": self.figure,
            "traces": self.traces,
            "layout": self.layout,
            "readout": self.readout,
            "alt": self.alt,
            "legend": self.legend,
            "caveat": self.caveat,
            "note": self.note,
        }
        if self.predict:
            spec["predict"] = copy.deepcopy(self.predict)
        return spec, buffer

    # -- the view at a state (what the page shows; static/explorer.js does the same) --
    def view(self, state: Mapping[str, int]) -> tuple[list[dict], dict, str, str]:
        """``(data, layout, readout, alt)`` at ``state``."""
        data = copy.deepcopy(self.figure["data"])
        layout = copy.deepcopy(self.figure["layout"])
        for b in self.traces:
            if b["trace"] == "*":
                data = copy.deepcopy(resolve(self, b["source"], state))
            else:
                data[b["trace"]][b["prop"]] = _plain(resolve(self, b["source"], state))
        for b in self.layout:
            set_path(layout, b["path"], _plain(resolve(self, b["source"], state)))
        return data, layout, str(resolve(self, self.readout, state)), str(resolve(self, self.alt, state))


def _plain(x: Any) -> Any:
    if isinstance(x, np.ndarray):
        return [float(v) for v in x.tolist()]
    if isinstance(x, np.floating):
        return float(x)
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return x


def set_path(obj: Any, path: str, value: Any) -> None:
    """Set ``obj["a"]["b"][0]["c"]`` for ``path="a.b.0.c"``, creating dicts on the way."""
    keys = path.split(".")
    for key in keys[:-1]:
        if isinstance(obj, list):
            obj = obj[int(key)]
        else:
            obj = obj.setdefault(key, {})
    last = keys[-1]
    if isinstance(obj, list):
        obj[int(last)] = value
    else:
        obj[last] = value


def _shown_values(spec: Spec, c: Control, state: Mapping[str, int]) -> Sequence[float]:
    if c.unit_control:
        unit_control = spec.control(c.unit_control)
        return c.shown[unit_control.values[state[unit_control.name]]]
    return c.values


def resolve(spec: Spec, source: Mapping[str, Any], state: Mapping[str, int]) -> Any:
    """The value ``source`` names at ``state`` (see the module docstring)."""
    if "const" in source:
        return source["const"]
    if "control" in source:
        c = spec.control(source["control"])
        if c.kind == "range":
            return float(np.float32(_shown_values(spec, c, state)[state[c.name]]))
        return c.values[state[c.name]]
    if "axis" in source:
        c = spec.control(source["axis"])
        return np.asarray(_shown_values(spec, c, state), dtype=np.float32).astype(np.float64)
    if "table" in source:
        v = spec.tables[source["table"]].values(state, source.get("free"))
        reduce = source.get("reduce", "first")
        if reduce == "first":
            return v[0]
        if reduce == "min":
            return v.min(axis=0)
        if reduce == "max":
            return v.max(axis=0)
        if reduce == "sum":  # a separable expansion: members in order, as the browser adds them
            out = v[0]
            for row in v[1:]:
                out = out + row
            return out
        raise ValueError(f"reduce={reduce!r}; valid are first, min, max, sum")
    if "pick" in source:
        names = source["pick"] if isinstance(source["pick"], list) else [source["pick"]]
        value = source["values"]
        for name in names:
            value = value[state[name]]
        return value
    if "index" in source:
        return source["values"][round(float(resolve(spec, source["index"], state)))]
    if "list" in source:
        return [resolve(spec, s, state) for s in source["list"]]
    if "repeat" in source:
        n = len(spec.control(source["along"]).values)
        return np.full(n, float(resolve(spec, source["repeat"], state)))
    if "sum" in source or "mul" in source:  # in order, left to right, as the browser does
        op = "sum" if "sum" in source else "mul"
        parts = [resolve(spec, p, state) for p in source[op]]
        out = np.asarray(parts[0], dtype=float)
        for p in parts[1:]:
            out = out + np.asarray(p, dtype=float) if op == "sum" else out * np.asarray(p, dtype=float)
        return out if out.ndim else float(out)
    if "div" in source:
        a, b = (np.asarray(resolve(spec, p, state), dtype=float) for p in source["div"])
        if np.any(b == 0):
            raise ValueError(f"division by zero in {source!r} at {dict(state)}")
        out = a / b
        return out if out.ndim else float(out)
    if "band" in source:
        return band_label(float(resolve(spec, source["band"], state)), source["bands"])
    if "format" in source:
        template = source["format"]
        if isinstance(template, Mapping):
            template = resolve(spec, template, state)
        values = {k: resolve(spec, s, state) for k, s in source.get("fields", {}).items()}
        return fill(template, values)
    raise ValueError(f"unknown source {source!r}")


def band_label(value: float, bands: Sequence[Sequence[Any]]) -> str:
    for lo, hi, lo_closed, hi_closed, label in bands:
        above = value >= lo if lo_closed else value > lo
        below = value <= hi if hi_closed else value < hi
        if above and below:
            return label
    raise ValueError(f"value {value!r} is in no band")


def bands_of(grades: Sequence[Any], normal: tuple[float, float]) -> list[list[Any]]:
    """Interval list for :func:`band_label` from reference grades: normal closed at both ends, then
    every other band half-open (lower ≤ value < upper), as :mod:`mgk_helpers.model.reference` reads them."""
    out: list[list[Any]] = []
    for g in grades:
        if g.direction == "normal":
            out.insert(0, [normal[0], normal[1], True, True, g.label])
        else:
            out.append([g.lower, g.upper if np.isfinite(g.upper) else 1e300, True, False, g.label])
    return out


_FIELD = re.compile(r"\{(\w+)(?::(,?)\.(\d+)f)?\}")


def _fixed(x: float, digits: int) -> str:
    """``x`` with ``digits`` decimals, rounded half away from zero on its exact value (as JS toFixed)."""
    return str(Decimal(float(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _thousands(text: str) -> str:
    """``"-12345.6"`` → ``"-12,345.6"`` (a comma between groups of three digits of the integer part)."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, frac = digits.partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return sign + ",".join([whole, *groups]) + dot + frac


def fill(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with ``{name}``, ``{name:.Nf}`` or ``{name:,.Nf}`` (thousands) filled from ``values``."""

    def one(m: re.Match[str]) -> str:
        v = values[m.group(1)]
        if m.group(3) is not None:
            text = _fixed(float(v), int(m.group(3)))
            return _thousands(text) if m.group(2) else text
        if isinstance(v, float):
            return repr(v)
        return str(v)

    return _FIELD.sub(one, template)
