"""Predict first, then observe and explain: Explorer.predict_first puts a prediction in the spec, the page
hides the figure and the readout until it is locked, and Python sees the locked prediction (and can lock
one)."""

from __future__ import annotations

import html
import json
import re

import pytest
import traitlets

from mgk_helpers import widgets
from mgk_helpers.explorers.base import PREDICT_TEXTS, explorer_css, explorer_js

PROMPT = "Lower serum Mg from 0.85 to 0.40 mmol/L with no diuretic. What happens to serum K?"
OPTIONS = ("It falls a lot, below 3.0", "It falls a little", "It rises")


def predicting(**kw):
    kw = kw or {"options": OPTIONS, "explain": "Why does Mg alone move K so little?"}
    return widgets.mg_k_steady_state().predict_first(PROMPT, **kw)


def spec_in(fragment: str) -> dict:
    m = re.search(r'<script type="application/json" class="mgk-spec">(.*?)</script>', fragment, re.S)
    return json.loads(m.group(1))


def test_predict_first_is_chainable_and_goes_into_the_spec():
    ex = widgets.mg_k_steady_state()
    assert ex.predict_first(PROMPT, options=OPTIONS, explain="Why?") is ex
    assert ex.spec["predict"] == {
        "prompt": PROMPT,
        "options": list(OPTIONS),
        "explain": "Why?",
        "texts": PREDICT_TEXTS,
    }
    assert spec_in(ex.static_html())["predict"] == ex.spec["predict"]
    number = widgets.mg_k_steady_state().predict_first("Serum K at Mg 0.40?", unit="mmol/L")
    assert number.spec["predict"]["unit"] == "mmol/L" and "options" not in number.spec["predict"]
    assert number.spec["predict"]["explain"] == ""
    # an explorer without a prediction: nothing in its spec, nothing hidden
    plain = widgets.mg_k_steady_state()
    assert "predict" not in plain.spec and plain.locked and plain.prediction is None
    assert "predict" not in spec_in(plain.static_html())


def test_the_prediction_is_none_until_locked_and_cannot_change():
    ex = predicting()
    assert ex.prediction is None and not ex.locked and ex.prediction_text == ""
    assert ex.lock_prediction(1) is ex
    assert ex.prediction == OPTIONS[1] and ex.locked
    assert ex.prediction_text == "Your prediction: It falls a little"
    with pytest.raises(ValueError, match="already locked"):
        ex.lock_prediction(OPTIONS[2])
    with pytest.raises(traitlets.TraitError, match="cannot"):
        ex.prediction = OPTIONS[0]
    with pytest.raises(traitlets.TraitError):  # no unlocking
        ex.prediction = None
    # Reset moves the controls back and keeps the prediction
    ex.controls["serum_mg"].value = 0.4
    ex.reset_button.click()
    assert ex.controls["serum_mg"].value == ex.defaults["serum_mg"] and ex.prediction == OPTIONS[1]
    with pytest.raises(ValueError, match="already locked"):
        ex.predict_first("Another?", options=("a", "b"))


def test_a_number_prediction_and_its_text():
    ex = predicting(unit="mmol/L", explain="Compare with your number.")
    with pytest.raises(ValueError, match="must be a number"):
        ex.lock_prediction("about four")
    with pytest.raises(ValueError, match="finite"):
        ex.lock_prediction(float("nan"))
    with pytest.raises(ValueError, match="must be a number"):
        ex.lock_prediction(True)
    ex.lock_prediction("3.8")
    assert ex.prediction == 3.8 and ex.prediction_text == "Your prediction: 3.8 mmol/L"
    whole = predicting(unit="mmol/L").lock_prediction(4)
    assert whole.prediction_text == "Your prediction: 4 mmol/L"  # as the page's String(4) writes it


def test_the_page_locks_and_python_sees_it():
    ex = predicting()
    ex.set_state({"prediction": OPTIONS[0]})
    assert ex.prediction == OPTIONS[0] and ex.locked
    ex2 = predicting()
    with pytest.raises(traitlets.TraitError, match="not an option"):
        ex2.set_state({"prediction": "Something else"})
    assert ex2.prediction is None


def test_validation_names_the_problem():
    ex = widgets.mg_k_steady_state()
    with pytest.raises(ValueError, match="prompt"):
        ex.predict_first("  ", options=OPTIONS)
    with pytest.raises(ValueError, match="not both"):
        ex.predict_first(PROMPT, options=OPTIONS, unit="mmol/L")
    with pytest.raises(ValueError, match="at least 2"):
        ex.predict_first(PROMPT, options=("only",))
    with pytest.raises(ValueError, match="at least 2"):
        ex.predict_first(PROMPT, options=("same", "same"))
    with pytest.raises(ValueError, match="sequence of non-empty strings"):
        ex.predict_first(PROMPT, options="abc")
    with pytest.raises(ValueError, match="asks for no prediction"):
        widgets.mg_k_steady_state().lock_prediction(0)
    with pytest.raises(ValueError, match="not an option"):
        predicting().lock_prediction(5)


def test_the_static_fallback_shows_the_prompt_above_the_picture():
    page = predicting().static_html(image="data:image/png;base64,AAAA")
    fallback = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    assert html.escape(PROMPT) in fallback and "Predict first:" in fallback
    for option in OPTIONS:
        assert f"<li>{html.escape(option)}</li>" in fallback
    assert "Explain: Why does Mg alone move K so little?" in fallback
    assert fallback.index(html.escape(PROMPT)) < fallback.index('class="mgk-fallback-figure"')
    # the starting state (readout and picture) is folded away below the options, and the explain prompt
    # comes after it: where scripts do not run, neither gives the answer away before the student predicts
    starting = re.escape(html.escape(PREDICT_TEXTS["starting"]))
    fold = re.search(rf"<details><summary>{starting}</summary>(.*?)</details>", fallback)
    assert fold and 'class="mgk-readout"' in fold.group(1) and 'class="mgk-fallback-figure"' in fold.group(1)
    assert fallback.count('class="mgk-readout"') == 1
    assert fallback.index("</details>") < fallback.index("Explain: ")
    assert fallback.index("<ol") < fallback.index("<details>")
    number = re.sub(r"<script\b.*?</script>", "", predicting(unit="mmol/L").static_html(), flags=re.S)
    assert "Write down a number in mmol/L." in number


KEYED = (
    ("It falls a lot, below 3.0", "Not with normal kidneys and diet: the model's fall is small."),
    ("It falls a little", "Yes: low Mg opens ROMK a little, so K settles slightly lower (a hypothesis)."),
    ("It rises", "No: less Mg in kidney cells lets more K out, not less."),
)


def test_the_models_answer_and_the_feedback_of_the_option_picked():
    ex = widgets.mg_k_steady_state().predict_first(PROMPT, options=KEYED, answer=1, explain="Why?")
    predict = ex.spec["predict"]
    assert predict["options"] == [t for t, _ in KEYED] and predict["feedback"] == [f for _, f in KEYED]
    assert predict["answer"] == 1 and spec_in(ex.static_html())["predict"] == predict
    assert ex.answer_text == ""  # nothing before the student commits
    ex.lock_prediction(2)
    assert ex.answer_text == f"The model's answer: B. It falls a little — {KEYED[2][1]}"
    by_text = widgets.mg_k_steady_state().predict_first(PROMPT, options=OPTIONS, answer="It rises")
    assert by_text.spec["predict"]["answer"] == 2 and "feedback" not in by_text.spec["predict"]
    assert by_text.lock_prediction(0).answer_text == "The model's answer: C. It rises"
    number = widgets.mg_k_steady_state().predict_first("Serum K?", unit="mmol/L", answer=3.5)
    assert number.lock_prediction(4).answer_text == "The model's answer: 3.5 mmol/L"
    # where scripts do not run: the answer and every option's feedback, folded away after the explain prompt
    page = re.sub(r"<script\b.*?</script>", "", ex.static_html(), flags=re.S)
    reveal = re.escape(html.escape(PREDICT_TEXTS["reveal"]))
    fold = re.search(rf"<details><summary>{reveal}</summary>(.*?)</details>", page)
    assert fold and html.escape("The model's answer: B. It falls a little") in fold.group(1)
    for k, (_, note) in enumerate(KEYED):
        assert f"<li>{'ABC'[k]}. {html.escape(note)}</li>" in fold.group(1)
    assert page.index("Explain: Why?") < page.index(html.escape(PREDICT_TEXTS["reveal"]))
    # the page writes the same text (explorer.js answerText)
    js = explorer_js()
    assert 'class: "mgk-reveal"' in js and "function answerText(predict, picked)" in js


def test_answer_and_feedback_are_checked():
    ex = widgets.mg_k_steady_state()
    with pytest.raises(ValueError, match="need answer"):
        ex.predict_first(PROMPT, options=KEYED)
    with pytest.raises(ValueError, match="answer=7 is not an option"):
        ex.predict_first(PROMPT, options=OPTIONS, answer=7)
    with pytest.raises(ValueError, match="answer='maybe' is not an option"):
        ex.predict_first(PROMPT, options=OPTIONS, answer="maybe")
    with pytest.raises(ValueError, match="for every option, or for none"):
        ex.predict_first(PROMPT, options=(KEYED[0], "It falls a little"), answer=0)
    with pytest.raises(ValueError, match="feedback of 'a' is empty"):
        ex.predict_first(PROMPT, options=(("a", " "), ("b", "x")), answer=0)
    with pytest.raises(ValueError, match="finite number"):
        ex.predict_first(PROMPT, unit="mmol/L", answer=float("inf"))
    with pytest.raises(ValueError, match="finite number"):
        ex.predict_first(PROMPT, unit="mmol/L", answer="3.5")


def test_front_end_hides_until_locked():
    js, css = explorer_js(), explorer_css()
    assert "const VERSION = 9" in js
    for needle in (
        "readout.hidden = !locked",
        "figure.hidden = !locked",
        "live.hidden = !locked",
        "input.disabled = !locked",
        "predict.texts.alt",
        'class: "mgk-lock"',
        "lock.disabled = true",
        "!alive || !Plotly || !current || !locked",
    ):
        assert needle in js, needle
    assert "Change my prediction" not in js  # the point is to commit
    assert ".mgk-explorer [hidden]" in css and ".mgk-predict" in css
