"""An explorer that answers in the browser from the model's answers over its control grid, computed in Python.

An explorer module declares its controls (:func:`range_control`, :func:`mg_control`, :func:`choice_control`),
computes its tables (the model's answers over the grid of those controls, :class:`~.engine.Table`), takes its
default figure from :mod:`mgk_helpers.plots`, and says how the figure and the readout are read from the tables
(:class:`~.engine.Spec`). :class:`Explorer` hands all of it to one front end (``static/explorer.js``):

* with a kernel, an anywidget view; a control change is looked up in the page (no kernel round trip) and
  the new state is sent back, so ``explorer.controls[...]``, ``readout_text``, ``figure`` and ``reset()``
  work from Python as before;
* without one (GitHub, nbviewer, an exported HTML page, the course site, JupyterLab before Run All), the saved
  output is a self-contained HTML fragment: the same front end, the spec and the tables, plus a static
  fallback (the readout, the figure's text alternative and, once ``make notebooks`` has drawn it, a picture of
  the default figure) for renderers that strip scripts.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import anywidget
import numpy as np
import plotly
import traitlets

from .. import model, plots
from ..model.notices import MG_K_LABEL, TEACHING_MODEL_NOTE
from ..model.reference import K_GRADES, K_NORMAL, MG_GRADES, MG_NORMAL
from ..model.units import CONCENTRATION_UNITS, check_range, from_mmol_per_l
from ..plotly_view import figure_json
from ..plotly_view.server import PLOTLY_JS_ROUTE, plotly_js_path
from .assets import static_text, with_page
from .engine import Control, Spec, b64, bands_of

__all__ = [
    "FALLBACK_HINT",
    "LETTERS",
    "PREDICT_TEXTS",
    "K_BANDS",
    "MG_BANDS",
    "MG_GRID_MMOL",
    "MG_K_NOTE",
    "ControlHandle",
    "Explorer",
    "FigureState",
    "check_mg_unit",
    "checked_value",
    "choice_control",
    "explorer_css",
    "explorer_js",
    "mg_control",
    "range_control",
    "unit_control",
    "PLOTLY_WHERE",
    "base_figure",
    "fragment",
    "grid",
    "model_answer_text",
    "predict_fallback",
    "mg_axis",
    "k_grade",
    "mg_axis_binding",
    "mg_band_bindings",
    "mg_grade_of_control",
    "trace_number",
]


#: The predict-first panel's wording (sent in the spec's ``predict``; one home for Python and the page).
#: Option letters, as the page numbers a prediction's options.
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

PREDICT_TEXTS = {
    "heading": "Predict first",
    "lock": "Lock my prediction",
    "yours": "Your prediction: ",
    "explain": "Explain: ",
    "locked": "Make your prediction first: the figure and the readout appear once you lock it.",
    "alt": "Make your prediction first",
    "number": "Your prediction",
    "reveal": "Show the model's answer",
    "answer": "The model's answer: ",
    "write": "Write your prediction down first. Then open the explorer's starting state below.",
    "starting": "Show the explorer's starting state (after you have written your prediction)",
}


def explorer_js() -> str:
    """The front end (``static/explorer.js``, compacted), a script defining ``globalThis.mgkExplorers``."""
    return static_text("explorer.js")


def explorer_css() -> str:
    """The explorers' stylesheet (``static/explorer.css``, compacted)."""
    return static_text("explorer.css")


#: The note under every readout that shows a Mg → K result: the label, then the disclaimer.
MG_K_NOTE = f"{MG_K_LABEL}. {TEACHING_MODEL_NOTE}"
FALLBACK_HINT = (
    "This is a picture of the explorer's starting state. Open the notebook in JupyterLab and run the cell, "
    "or open it on the course website, to move the controls."
)

#: The serum Mg grid, in mmol/L: the model's valid range in steps of 0.01 mmol/L.
MG_GRID_MMOL: tuple[float, ...] = tuple(
    round(model.SERUM_MG_RANGE[0] + 0.01 * k, 2)
    for k in range(round((model.SERUM_MG_RANGE[1] - model.SERUM_MG_RANGE[0]) / 0.01) + 1)
)

#: Grade intervals for the browser's band lookup (the reference grades, read as the model reads them).
K_BANDS = bands_of(K_GRADES, K_NORMAL)
MG_BANDS = bands_of(MG_GRADES, MG_NORMAL)

#: Where the front end finds plotly.js: the Jupyter server's route, a copy next to an exported page, the CDN.
PLOTLY_WHERE = {
    "route": PLOTLY_JS_ROUTE,
    "local": "plotly.min.js",
    "cdn": f"https://cdn.plot.ly/plotly-{plotly.offline.get_plotlyjs_version()}.min.js",
}


def checked_value(name: str, value: float, lo: float, hi: float, unit: str) -> float:
    """``value`` as a float if it is in [lo, hi], else ValueError naming it, its unit and the range."""
    check_range(name, value, lo, hi, unit)
    return float(value)


def check_mg_unit(mg_unit: str) -> str:
    """``mg_unit`` if it is one of the concentration units, else ValueError naming them."""
    if mg_unit not in CONCENTRATION_UNITS:
        raise ValueError(
            f"mg_unit={mg_unit!r} is not a known unit; valid units are {', '.join(CONCENTRATION_UNITS)}"
        )
    return mg_unit


def grid(lo: float, hi: float, step: float) -> tuple[float, ...]:
    """``lo, lo + step, …, hi`` rounded to the step's decimals (the grid of a slider)."""
    n = round((hi - lo) / step)
    decimals = max(0, -int(np.floor(np.log10(step))) + 1)
    return tuple(round(lo + step * k, decimals) for k in range(n + 1))


def _nearest(values: Sequence[float], value: float) -> int:
    return int(np.argmin(np.abs(np.asarray(values, dtype=float) - value)))


def range_control(
    name: str,
    label: str,
    unit: str,
    value: float,
    lo: float,
    hi: float,
    step: float,
    digits: int,
    help: str = "",
) -> Control:
    """A slider over ``lo..hi`` in steps of ``step`` (the model's valid range: it rejects nothing it reaches).

    ``value`` outside [lo, hi] raises ValueError naming the parameter, its unit and the range; inside, the
    slider starts at the grid point nearest it.
    """
    value = checked_value(name, value, lo, hi, unit)
    values = grid(lo, hi, step)
    return Control(name, "range", label, values, _nearest(values, value), unit=unit, digits=digits, help=help)


def mg_control(value_mmol: float, unit_control_name: str = "mg_unit") -> Control:
    """The serum Mg slider (0.01 mmol/L grid over the model's range), shown in the unit of ``mg_unit``."""
    lo, hi = model.SERUM_MG_RANGE
    value_mmol = checked_value("serum_mg", value_mmol, lo, hi, "mmol/L")
    shown = {
        u: tuple(float(x) for x in from_mmol_per_l(np.asarray(MG_GRID_MMOL), u, "Mg"))
        for u in CONCENTRATION_UNITS
    }
    return Control(
        "serum_mg",
        "range",
        "Serum Mg",
        MG_GRID_MMOL,
        _nearest(MG_GRID_MMOL, value_mmol),
        unit="mmol/L",
        digits=2,
        unit_control=unit_control_name,
        shown=shown,
    )


def unit_control(unit: str) -> Control:
    """The mmol/L · mg/dL · mEq/L choice for serum Mg."""
    check_mg_unit(unit)
    units = tuple(CONCENTRATION_UNITS)
    return Control("mg_unit", "choice", "Serum Mg unit", units, units.index(unit), labels=units)


def choice_control(
    name: str,
    label: str,
    options: Sequence[tuple[str, Any]],
    value: Any,
    kind: str = "choice",
    sets: Sequence[Mapping[str, int]] = (),
) -> Control:
    """Radio buttons (``kind="choice"``) or a drop-down (``"select"``) over ``(label, value)`` options.

    ``sets`` (one mapping per option): the positions choosing that option moves other controls to (a preset).
    """
    labels = tuple(o[0] for o in options)
    values = tuple(o[1] for o in options)
    if value not in values:
        raise ValueError(f"{name}={value!r} is not an option; valid options are {list(values)}")
    return Control(name, kind, label, values, values.index(value), labels=labels, sets=tuple(sets))


def mg_axis(unit: str) -> str:
    return plots.mg_axis_title(unit)


# --------------------------------------------------------------------------------------------------


class ControlHandle:
    """A control seen from Python: ``value`` (get/set, in the model's unit), ``description``, ``options``…"""

    def __init__(self, explorer: Explorer, control: Control) -> None:
        self._explorer = explorer
        self._control = control
        self._dom_classes = ("mgk-units",) if control.name == "mg_unit" else ()

    @property
    def kind(self) -> str:
        return self._control.kind

    @property
    def index(self) -> int:
        return int(self._explorer.state[self._control.name])

    @index.setter
    def index(self, i: int) -> None:
        c = self._control
        if not 0 <= int(i) < len(c.values):
            raise ValueError(f"{c.name}: position {i} is outside 0–{len(c.values) - 1}")
        # a preset option also moves the controls it names (as the page does)
        moved = dict(c.sets[int(i)]) if c.sets else {}
        self._explorer.state = {**self._explorer.state, **moved, c.name: int(i)}

    @property
    def value(self) -> Any:
        return self._control.values[self.index]

    @value.setter
    def value(self, value: Any) -> None:
        c = self._control
        if c.kind == "range":
            lo, hi = c.values[0], c.values[-1]
            checked_value(c.name, value, lo, hi, c.unit)
            self.index = _nearest(c.values, float(value))
        else:
            if value not in c.values:
                raise ValueError(f"{c.name}={value!r} is not an option; valid options are {list(c.values)}")
            self.index = c.values.index(value)

    @property
    def min(self) -> float:
        return self._control.values[0]

    @property
    def max(self) -> float:
        return self._control.values[-1]

    @property
    def options(self) -> list[tuple[str, Any]]:
        """``(label, value)`` per option; for a range, its grid labelled in the unit shown."""
        c = self._control
        if c.kind == "range":
            shown = self._explorer._shown(c)
            return [(f"{s:.{c.digits}f}", v) for s, v in zip(shown, c.values, strict=True)]
        return list(zip(c.labels, c.values, strict=True))

    @property
    def label(self) -> str:
        """The current value as the slider shows it (in the unit shown), or the chosen option's label."""
        return self.options[self.index][0]

    @property
    def _options_labels(self) -> list[str]:
        return [o[0] for o in self.options]

    @property
    def description(self) -> str:
        """The visible label (with the unit shown, for a range)."""
        c = self._control
        if c.kind != "range":
            return c.label
        unit = self._explorer._unit_of(c)
        return f"{c.label} ({unit})" if unit else c.label


class FigureState:
    """The figure as the page draws it now: ``data``, ``figure_layout``, ``alt_text``."""

    def __init__(self, data: list[dict], layout: dict, alt_text: str) -> None:
        self.data = data
        self.figure_layout = layout
        self.alt_text = alt_text
        self._dom_classes = ("mgk-figure",)

    def trace_index(self, uid: str) -> int:
        for i, trace in enumerate(self.data):
            if trace.get("uid") == uid:
                return i
        raise ValueError(f"uid={uid!r}: no trace has this uid; uids are {[t.get('uid') for t in self.data]}")


class _ResetButton:
    """Python's view of the Reset button (``click()`` resets, as the button in the page does)."""

    _dom_classes = ("mgk-reset",)

    def __init__(self, explorer: Explorer) -> None:
        self._explorer = explorer

    def click(self) -> None:
        self._explorer.reset()


class _Readout:
    """Python's view of the readout (``value`` is its HTML)."""

    _dom_classes = ("mgk-readout",)

    def __init__(self, explorer: Explorer) -> None:
        self._explorer = explorer

    @property
    def value(self) -> str:
        return f'<p class="mgk-readout">{html.escape(self._explorer.readout_text)}</p>'


class _Prediction(traitlets.TraitType):
    """A locked prediction (text or number), None before; None goes through validation (no unlocking)."""

    default_value = None
    allow_none = False
    info_text = "an option's text or a number"

    def validate(self, obj: Any, value: Any) -> Any:
        return value


class Explorer(anywidget.AnyWidget):
    """Controls, a figure and a readout in words, answered in the browser from tables computed here.

    Subclasses build a :class:`~.engine.Spec` and pass it to ``super().__init__``. Traits: ``spec`` (JSON),
    ``tables`` (binary), ``state`` (one index per control, synced both ways).
    """

    _esm = explorer_js() + ("\nexport default { render: (ctx) => globalThis.mgkExplorers.render(ctx) };\n")
    _css = explorer_css()

    spec = traitlets.Dict({}).tag(sync=True)
    tables = traitlets.Bytes(b"").tag(sync=True)
    state = traitlets.Dict({}).tag(sync=True)
    #: the locked prediction (an option's text, or a number); None until the student locks one
    prediction = _Prediction().tag(sync=True)

    title: str = "Explorer"

    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self.title = spec.title
        spec_json, buffer = spec.to_json()
        spec_json["plotly"] = PLOTLY_WHERE
        super().__init__(spec=spec_json, tables=buffer, state=spec.default_state())
        self.add_class("mgk-explorer-host")
        self.controls: dict[str, ControlHandle] = {c.name: ControlHandle(self, c) for c in spec.controls}
        self.defaults: dict[str, Any] = {name: h.value for name, h in self.controls.items()}
        self.readout = _Readout(self)
        self.reset_button = _ResetButton(self)
        self.on_msg(self._on_frontend_msg)

    @traitlets.validate("state")
    def _valid_state(self, proposal: Any) -> dict[str, int]:
        new = dict(proposal["value"])
        for c in self._spec.controls:
            i = new.get(c.name, c.index)
            if not isinstance(i, (int, np.integer)) or not 0 <= i < len(c.values):
                raise traitlets.TraitError(f"{c.name}: position {i!r} is outside 0–{len(c.values) - 1}")
            new[c.name] = int(i)
        return new

    # --- what Python sees ----------------------------------------------------------------------
    def _unit_of(self, c: Control) -> str:
        if c.unit_control:
            u = self._spec.control(c.unit_control)
            return u.values[self.state[u.name]]
        return c.unit

    def _shown(self, c: Control) -> Sequence[float]:
        if c.unit_control:
            return c.shown[self._unit_of(c)]
        return c.values

    def view(self) -> tuple[list[dict], dict, str, str]:
        """``(data, layout, readout, alt)`` as the page shows them now."""
        return self._spec.view(self.state)

    @property
    def figure(self) -> FigureState:
        data, layout, _readout, alt = self.view()
        return FigureState(data, layout, alt)

    @property
    def readout_text(self) -> str:
        """The readout as plain text (what the page shows)."""
        return self.view()[2]

    @property
    def mg_unit(self) -> str:
        c = self.controls.get("mg_unit")
        return c.value if c is not None else "mmol/L"

    def serum_mg_mmol(self) -> float:
        return float(self.controls["serum_mg"].value)

    def reset(self) -> None:
        """Restore every control to its starting value."""
        self.state = self._spec.default_state()

    # --- predict first, then observe and explain --------------------------------------------------
    def predict_first(
        self,
        prompt: str,
        *,
        options: Sequence[str | tuple[str, str]] | None = None,
        unit: str | None = None,
        explain: str = "",
        answer: int | str | float | None = None,
    ) -> Explorer:
        """Ask for a prediction before the explorer shows anything; returns the explorer (chainable).

        The page shows a "Predict first" panel above the explorer: ``prompt``, then radio buttons
        (``options``) or a number box labelled with ``unit``, and "Lock my prediction". Until a prediction
        is locked the figure and the readout are hidden and the controls disabled; locking shows them,
        keeps "Your prediction: …" visible, and asks ``explain`` ("Explain: …"). A locked prediction
        cannot be changed, and Reset keeps it. Call this before the explorer is displayed.

        ``answer`` is what the model shows: an option (its index or text) or, for a number, the model's
        value. With it, the locked panel offers "Show the model's answer", so the student first looks and
        explains, then compares. An option may be ``(text, feedback)``: the feedback of the option the
        student picked is shown with the model's answer (every option needs feedback, or none; feedback
        needs ``answer``).
        """
        if not isinstance(prompt, str) or not prompt.strip():
            raise ValueError(f"prompt={prompt!r} must be a non-empty string")
        if not isinstance(explain, str):
            raise ValueError(f"explain={explain!r} must be a string")
        predict: dict[str, Any] = {
            "prompt": prompt.strip(),
            "explain": explain.strip(),
            "texts": dict(PREDICT_TEXTS),
        }
        if options is not None:
            if unit is not None:
                raise ValueError("give options (a multiple-choice prediction) or unit (a number), not both")
            opts, feedback = _predict_options(options)
            predict["options"] = opts
            if feedback:
                if answer is None:
                    raise ValueError("options with feedback need answer= (the option the model shows)")
                predict["feedback"] = feedback
            if answer is not None:
                if isinstance(answer, str) and answer.strip() in opts:
                    predict["answer"] = opts.index(answer.strip())
                elif (
                    isinstance(answer, numbers.Integral)
                    and not isinstance(answer, bool)
                    and 0 <= answer < len(opts)
                ):
                    predict["answer"] = int(answer)
                else:
                    raise ValueError(
                        f"answer={answer!r} is not an option (its index or text); options are {opts}"
                    )
        else:
            if unit is not None and not isinstance(unit, str):
                raise ValueError(f"unit={unit!r} must be a string (e.g. 'mmol/L') or None")
            predict["unit"] = (unit or "").strip()
            if answer is not None:
                if (
                    isinstance(answer, bool)
                    or not isinstance(answer, numbers.Real)
                    or not math.isfinite(answer)
                ):
                    raise ValueError(f"answer={answer!r} must be a finite number (the model's value)")
                predict["answer"] = float(answer)
        if self.prediction is not None:
            raise ValueError("a prediction is already locked; set predict_first before the student answers")
        self._spec = dataclasses.replace(self._spec, predict=predict)
        self.spec = {**self.spec, "predict": predict}
        return self

    def _prediction_value(self, value: Any) -> str | float:
        p = self._spec.predict
        if not p:
            raise ValueError("this explorer asks for no prediction: call predict_first(...) first")
        if "options" in p:
            options = p["options"]
            if (
                isinstance(value, numbers.Integral)
                and not isinstance(value, bool)
                and 0 <= value < len(options)
            ):
                return options[int(value)]
            if isinstance(value, str) and value.strip() in options:
                return value.strip()
            raise ValueError(f"prediction {value!r} is not an option; options are {options}")
        if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
            raise ValueError(f"prediction {value!r} must be a number")
        try:
            x = float(value)
        except ValueError:
            raise ValueError(f"prediction {value!r} must be a number") from None
        if not math.isfinite(x):
            raise ValueError(f"prediction {value!r} must be a finite number")
        return x

    @traitlets.validate("prediction")
    def _valid_prediction(self, proposal: Any) -> str | float | None:
        value = proposal["value"]
        if value is None:
            if self.prediction is not None:
                raise traitlets.TraitError("a locked prediction cannot be unlocked")
            return None
        try:
            value = self._prediction_value(value)
        except ValueError as err:
            raise traitlets.TraitError(str(err)) from None
        if self.prediction is not None and value != self.prediction:
            raise traitlets.TraitError(f"the prediction is locked ({self.prediction!r}); it cannot change")
        return value

    def lock_prediction(self, value: Any) -> Explorer:
        """Lock a prediction (an option's text or index, or a number), as the student's Lock button does."""
        if self.prediction is not None:
            raise ValueError(f"the prediction is already locked ({self.prediction!r}); it cannot change")
        self.prediction = self._prediction_value(value)
        return self

    @property
    def locked(self) -> bool:
        """Whether the explorer shows its figure and readout: no prediction asked, or one locked."""
        return not self._spec.predict or self.prediction is not None

    @property
    def prediction_text(self) -> str:
        """ "Your prediction: …" as the page shows it once locked ("" before)."""
        p = self._spec.predict
        if not p or self.prediction is None:
            return ""
        if "options" in p:
            return p["texts"]["yours"] + str(self.prediction)
        unit = f" {p['unit']}" if p.get("unit") else ""
        return p["texts"]["yours"] + _number_text(float(self.prediction)) + unit

    @property
    def answer_text(self) -> str:
        """What "Show the model's answer" shows once a prediction is locked ("" before, or without an
        answer): "The model's answer: …", then the feedback of the option picked, if any."""
        p = self._spec.predict
        if not p or self.prediction is None or "answer" not in p:
            return ""
        return model_answer_text(p, self.prediction)

    def _on_frontend_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "request-plotly-js":
            self.send({"type": "plotly-js", "source": plotly_js_path().read_text(encoding="utf-8")})

    # --- without a kernel ----------------------------------------------------------------------
    def static_html(self, image: str = "") -> str:
        """The self-contained HTML fragment saved with the output (see the module docstring).

        ``image`` (a data URI of the default figure) is added by ``make notebooks``; without it the fallback
        shows the readout and the figure's text alternative.
        """
        return fragment(self._spec, image)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_page(
            super()._repr_mimebundle_(**kwargs), self.static_html(), f"{self.title} (interactive explorer)"
        )


def _predict_options(options: Any) -> tuple[list[str], list[str]]:
    """(texts, feedback) of predict_first's ``options``: strings, or (text, feedback) pairs for all."""
    if isinstance(options, str) or not isinstance(options, Sequence):
        raise ValueError(
            f"options={options!r} must be a sequence of non-empty strings or (text, feedback) pairs"
        )
    pairs = [isinstance(o, tuple) for o in options]
    if any(pairs) and not all(pairs):
        raise ValueError("options: give feedback for every option, or for none")
    texts, feedback = [], []
    for o in options:
        text, note = o if isinstance(o, tuple) and len(o) == 2 else (o, "")
        if not isinstance(text, str) or not text.strip() or not isinstance(note, str):
            raise ValueError(
                f"options: {o!r} must be a non-empty string or a (text, feedback) pair of strings"
            )
        if isinstance(o, tuple) and not note.strip():
            raise ValueError(f"options: the feedback of {text!r} is empty")
        texts.append(text.strip())
        feedback.append(note.strip())
    if len(texts) < 2 or len(set(texts)) != len(texts):
        raise ValueError(f"options={texts!r}: give at least 2 different options")
    return texts, feedback if all(pairs) else []


def _number_text(x: float) -> str:
    """A typed number as the page's String(x) writes it (3, 3.2, -0.5)."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def _script_json(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


def fragment(spec: Spec, image: str = "") -> str:
    """The self-contained, live HTML of an explorer at its default state (:meth:`Explorer.static_html`)."""
    spec_json, buffer = spec.to_json()
    spec_json["plotly"] = PLOTLY_WHERE
    _data, _layout, readout, alt = spec.view(spec.default_state())
    picture = (
        f'<img class="mgk-fallback-figure" src="{image}" alt="{html.escape(alt)}">'
        if image
        else f'<p class="mgk-fallback-alt"><em>Figure:</em> {html.escape(alt)}</p>'
    )
    shown = f'<p class="mgk-readout">{html.escape(readout)}</p>{picture}'
    return (
        f'<div class="mgk-explorer-static" data-mgk-explorer="1">'
        f"<style>{explorer_css()}</style>"
        f'<div class="mgk-fallback mgk-static"><h3>{html.escape(spec.title)}</h3>'
        f"<p><strong>{html.escape(FALLBACK_HINT)}</strong></p>"
        f"{predict_fallback(spec.predict, shown)}</div>"
        f'<script type="application/json" class="mgk-spec">{_script_json(spec_json)}</script>'
        f'<script type="text/plain" class="mgk-tables">{b64(buffer)}</script>'
        f"<script>{explorer_js()}\n;globalThis.mgkExplorers.boot(document.currentScript.parentElement);</script>"
        "</div>"
    )


def model_answer_text(predict: Mapping[str, Any], picked: str | float | None = None) -> str:
    """ "The model's answer: …" for a predict_first spec, then the feedback of the option ``picked`` (if the
    options have feedback). The page writes the same text (explorer.js, predictPanel)."""
    texts, answer = predict["texts"], predict["answer"]
    if predict.get("options"):
        options = predict["options"]
        text = f"{texts['answer']}{LETTERS[answer]}. {options[answer]}"
        feedback = predict.get("feedback")
        if feedback and picked in options:
            text += f" — {feedback[options.index(picked)]}"
        return text
    unit = f" {predict['unit']}" if predict.get("unit") else ""
    return f"{texts['answer']}{_number_text(float(answer))}{unit}"


def predict_fallback(predict: Mapping[str, Any] | None, shown: str) -> str:
    """The page where scripts do not run. With a prediction asked: its prompt and options, then ``shown``
    (the readout and picture of the starting state) folded away until the student opens it, then the
    explain prompt and, folded away too, the model's answer with every option's feedback."""
    if not predict:
        return shown
    texts = predict["texts"]
    if predict.get("options"):
        items = "".join(f"<li>{html.escape(o)}</li>" for o in predict["options"])
        choices = f'<ol type="A">{items}</ol>'
    else:
        unit = f" in {html.escape(predict['unit'])}" if predict.get("unit") else ""
        choices = f"<p><i>Write down a number{unit}.</i></p>"
    explain = ""
    if predict.get("explain"):
        explain = f'<p class="mgk-explain">{html.escape(texts["explain"] + predict["explain"])}</p>'
    answer = ""
    if "answer" in predict:
        notes = "".join(
            f"<li>{LETTERS[k]}. {html.escape(note)}</li>"
            for k, note in enumerate(predict.get("feedback") or [])
        )
        answer = (
            f"<details><summary>{html.escape(texts['reveal'])}</summary>"
            f"<p>{html.escape(model_answer_text(predict))}</p>{'<ul>' + notes + '</ul>' if notes else ''}"
            "</details>"
        )
    return (
        f'<div class="mgk-predict-fallback"><p><strong>{html.escape(texts["heading"])}:</strong> '
        f"{html.escape(predict['prompt'])}</p>{choices}<p><i>{html.escape(texts['write'])}</i></p></div>"
        f"<details><summary>{html.escape(texts['starting'])}</summary>{shown}</details>{explain}{answer}"
    )


def base_figure(fig: Any) -> dict[str, Any]:
    """A plotly figure as a spec's default figure (plain JSON; no title: the explorer's heading names it)."""
    data, layout = figure_json(fig)
    layout = dict(layout)
    layout.pop("title", None)
    layout["margin"] = {**layout.get("margin", {}), "t": 50}
    return {"data": data, "layout": layout}


def mg_band_bindings(layout: Mapping[str, Any], unit_control_name: str = "mg_unit") -> list[dict[str, Any]]:
    """Layout bindings that move every normal serum Mg band (shapes named ``mg_normal``) to the unit shown."""
    units = tuple(CONCENTRATION_UNITS)
    lo = [float(from_mmol_per_l(MG_NORMAL[0], u, "Mg")) for u in units]
    hi = [float(from_mmol_per_l(MG_NORMAL[1], u, "Mg")) for u in units]
    out = []
    for i, shape in enumerate(layout.get("shapes", [])):
        if shape.get("name") != "mg_normal":
            continue
        horizontal = str(shape.get("xref", "")).endswith("domain")
        a, b = ("y0", "y1") if horizontal else ("x0", "x1")
        out.append({"path": f"shapes.{i}.{a}", "source": {"pick": unit_control_name, "values": lo}})
        out.append({"path": f"shapes.{i}.{b}", "source": {"pick": unit_control_name, "values": hi}})
    return out


def mg_axis_binding(path: str, unit_control_name: str = "mg_unit") -> dict[str, Any]:
    """A layout binding that titles a serum Mg axis in the unit shown."""
    titles = [plots.mg_axis_title(u) for u in CONCENTRATION_UNITS]
    return {"path": path, "source": {"pick": unit_control_name, "values": titles}}


def trace_number(figure: Mapping[str, Any], uid: str) -> int:
    """Index of the trace with ``uid`` in a spec figure."""
    for i, t in enumerate(figure["data"]):
        if t.get("uid") == uid:
            return i
    raise ValueError(f"uid={uid!r}: no trace has this uid")


def k_grade(source: Mapping[str, Any]) -> dict[str, Any]:
    """A source: the serum K grade label of ``source`` (a value in mmol/L)."""
    return {"band": source, "bands": K_BANDS}


def mg_grade_of_control(name: str = "serum_mg") -> dict[str, Any]:
    """A source: the serum Mg grade label of the Mg control (graded on its mmol/L grid)."""
    labels = [next(b[4] for b in MG_BANDS if _in_band(v, b)) for v in MG_GRID_MMOL]
    return {"pick": name, "values": labels}


def _in_band(v: float, b: Sequence[Any]) -> bool:
    lo, hi, lo_closed, hi_closed, _label = b
    return (v >= lo if lo_closed else v > lo) and (v <= hi if hi_closed else v < hi)
