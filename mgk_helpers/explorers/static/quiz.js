// The self-check quiz's front end: one file, with a kernel (an anywidget view whose answers sync to Python) or
// without one (a self-contained HTML fragment in the notebook's saved output, nbconvert HTML, the course site).
//
// Python (mgk_helpers/explorers/quiz.py) sends the questions, their answers and explanations, and the
// feedback wording (the spec). Marking is the same rule as quiz.py's is_correct and feedback_for: an option's
// index, or a number within the tolerance of the answer (inclusive). Native HTML only: a fieldset per question,
// radio buttons or a number box with a visible label, a Check button, feedback in a polite live region.
(function () {
  "use strict";
  const VERSION = 1;
  if (globalThis.mgkQuiz && globalThis.mgkQuiz.version >= VERSION) return;

  // ---------------------------------------------------------------------------------------------
  // marking (quiz.py: MARK_SLACK, is_correct, feedback_for)
  const SLACK = 1e-9; // a typed boundary value (0.32 for 0.30 ± 0.02) counts despite binary rounding

  function asNumber(value) {
    if (value === null || value === undefined || typeof value === "boolean") return null;
    if (typeof value === "string" && value.trim() === "") return null;
    const x = typeof value === "number" ? value : Number(value);
    return Number.isFinite(x) ? x : null;
  }

  function isCorrect(q, value) {
    if (q.kind === "choice") {
      const index = typeof value === "string" ? q.options.indexOf(value) : value;
      return typeof index === "number" && index === q.answer;
    }
    const x = asNumber(value);
    if (x === null) return false;
    return Math.abs(x - q.answer) <= q.tolerance + SLACK * Math.max(1, Math.abs(q.answer));
  }

  // {correct: true | false | null, feedback: text} for a checked answer (value null: nothing entered yet)
  function feedbackFor(q, value, messages) {
    if (value === null || value === undefined) {
      return { correct: null, feedback: q.kind === "choice" ? messages.pick : messages.number };
    }
    const correct = isCorrect(q, value);
    const head = correct ? messages.correct : q.wrong;
    return { correct, feedback: (head + " " + (q.explanation || "")).trim() };
  }

  function entryFor(q, value, checked, messages) {
    if (!checked) return { value, checked: false, correct: null, feedback: "" };
    const v = feedbackFor(q, value, messages);
    return { value, checked: true, correct: v.correct, feedback: v.feedback };
  }

  function sameEntry(a, b) {
    return (
      !!a &&
      !!b &&
      a.value === b.value &&
      !!a.checked === !!b.checked &&
      a.correct === b.correct &&
      (a.feedback || "") === (b.feedback || "")
    );
  }

  // ---------------------------------------------------------------------------------------------
  // the view
  let counter = 0;

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children || []) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    return e;
  }

  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  // mount(root, {spec, answers, onAnswers}) → {setAnswers, destroy}
  function mount(root, opts) {
    const spec = opts.spec;
    const messages = spec.messages;
    const questions = spec.questions;
    const id = "mgkq" + ++counter + "-" + Math.random().toString(36).slice(2, 7);
    let entries = questions.map((q, i) => {
      const given = (opts.answers || [])[i];
      return given ? Object.assign({}, given) : entryFor(q, null, false, messages);
    });

    root.classList.add("mgk-quiz");
    root.setAttribute("role", "group");
    root.setAttribute("aria-labelledby", id + "-title");
    // keys pressed inside the quiz are the quiz's (arrow keys between options): never notebook shortcuts
    root.setAttribute("data-lm-suppress-shortcuts", "true");
    const stop = (e) => e.stopPropagation();
    root.addEventListener("keydown", stop);
    root.replaceChildren();
    root.appendChild(el("h3", { class: "mgk-title", id: id + "-title", text: spec.title }));

    const parts = questions.map((q, i) => {
      const qid = `${id}-q${i + 1}`;
      const fs = el("fieldset", { class: "mgk-question", "data-kind": q.kind, "data-question": String(i + 1) });
      fs.appendChild(
        el("legend", { class: "mgk-prompt" }, [el("span", { class: "mgk-number", text: `${i + 1}.` }), " " + q.prompt]),
      );
      const part = { fs, radios: [], number: null };
      if (q.kind === "choice") {
        const box = el("div", { class: "mgk-options" });
        q.options.forEach((text, k) => {
          const input = el("input", { type: "radio", name: qid, id: `${qid}-${k}`, value: String(k) });
          input.addEventListener("change", () => {
            if (input.checked) change(i, k, false);
          });
          part.radios.push(input);
          box.appendChild(
            el("label", { class: "mgk-option", for: `${qid}-${k}` }, [
              input,
              el("span", { class: "mgk-option-text" }, [
                el("span", { class: "mgk-letter", text: `${LETTERS[k] || k + 1}.` }),
                " " + text,
              ]),
            ]),
          );
        });
        fs.appendChild(box);
      } else {
        const input = el("input", {
          type: "number",
          step: "any",
          id: `${qid}-n`,
          class: "mgk-number-input",
          inputmode: "decimal",
          autocomplete: "off",
        });
        input.addEventListener("input", () => change(i, readNumber(input), false));
        input.addEventListener("keydown", (e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          check(i);
        });
        part.number = input;
        fs.appendChild(
          el("div", { class: "mgk-numeric" }, [
            el("label", { class: "mgk-label", for: `${qid}-n`, text: q.unit ? `Answer (${q.unit})` : "Answer" }),
            input,
          ]),
        );
      }
      const button = el("button", {
        type: "button",
        class: "mgk-check",
        "aria-label": `Check question ${i + 1}`,
        text: "Check",
      });
      button.addEventListener("click", () => check(i));
      const feedback = el("p", {
        class: "mgk-feedback",
        role: "status",
        "aria-live": "polite",
        "aria-atomic": "true",
        "data-verdict": "none",
      });
      fs.appendChild(el("div", { class: "mgk-actions" }, [button]));
      fs.appendChild(feedback);
      part.feedback = feedback;
      root.appendChild(fs);
      return part;
    });

    function readNumber(input) {
      if (input.validity && input.validity.badInput) return null;
      return asNumber(input.value);
    }

    // the inputs and the feedback of question i as entries[i] says (without touching what the student typed
    // if it already reads as that number)
    function show(i, announce) {
      const e = entries[i];
      const part = parts[i];
      if (questions[i].kind === "choice") {
        part.radios.forEach((r, k) => {
          const want = e.value === k;
          if (r.checked !== want) r.checked = want;
        });
      } else if (readNumber(part.number) !== e.value) {
        part.number.value = e.value === null || e.value === undefined ? "" : String(e.value);
      }
      const text = e.checked ? e.feedback || "" : "";
      const fb = part.feedback;
      fb.setAttribute("data-verdict", e.correct === true ? "correct" : e.correct === false ? "wrong" : "none");
      if (announce && fb.textContent === text && text) {
        // the same verdict again: empty the live region first so that it is announced again
        fb.textContent = "";
        setTimeout(() => {
          if (entries[i] === e) fb.textContent = text;
        }, 80);
      } else if (fb.textContent !== text) fb.textContent = text;
    }

    function emit() {
      if (opts.onAnswers) opts.onAnswers(entries.map((e) => Object.assign({}, e)));
    }

    function change(i, value, checked) {
      const next = entryFor(questions[i], value, checked, messages);
      if (sameEntry(next, entries[i])) return;
      entries = entries.slice();
      entries[i] = next;
      show(i, false);
      emit();
      root.dispatchEvent(new CustomEvent("mgk-answered", { detail: { question: i, entry: next } }));
    }

    function check(i) {
      const q = questions[i];
      let value = entries[i].value;
      if (q.kind === "choice") {
        const k = parts[i].radios.findIndex((r) => r.checked);
        value = k >= 0 ? k : null;
      } else value = readNumber(parts[i].number);
      entries = entries.slice();
      entries[i] = entryFor(q, value, true, messages);
      show(i, true);
      emit();
      root.dispatchEvent(new CustomEvent("mgk-answered", { detail: { question: i, entry: entries[i] } }));
    }

    // answers from elsewhere (Python's .answer() / .check(), another view of the same widget)
    function setAnswers(next) {
      (next || []).forEach((given, i) => {
        if (i >= questions.length || !given || sameEntry(given, entries[i])) return;
        entries = entries.slice();
        entries[i] = Object.assign({}, given);
        show(i, false);
      });
    }

    questions.forEach((_q, i) => show(i, false));
    root.mgkQuiz = { getAnswers: () => entries.map((e) => Object.assign({}, e)), setAnswers, check };
    return {
      setAnswers,
      destroy() {
        root.removeEventListener("keydown", stop);
      },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // without a kernel: <div data-mgk-quiz> holding <script type="application/json" class="mgk-quiz-spec">
  function boot(container) {
    if (!container || container.dataset.mgkBooted) return;
    container.dataset.mgkBooted = "1";
    const fallback = container.querySelector(".mgk-quiz-fallback");
    const root = document.createElement("div");
    container.appendChild(root);
    try {
      const spec = JSON.parse(container.querySelector("script.mgk-quiz-spec").textContent);
      mount(root, { spec });
      if (fallback) fallback.remove();
    } catch (err) {
      root.remove();
      console.error("mgk quiz:", err);
    }
  }

  function bootAll(doc) {
    (doc || document).querySelectorAll("[data-mgk-quiz]").forEach(boot);
  }

  // with a kernel: the anywidget view (the student's answers and verdicts sync to Python)
  function render({ model, el: host }) {
    const view = mount(host, {
      spec: model.get("spec"),
      answers: model.get("answers"),
      onAnswers: (answers) => {
        model.set("answers", answers);
        model.save_changes();
      },
    });
    const onAnswers = () => view.setAnswers(model.get("answers"));
    model.on("change:answers", onAnswers);
    return () => {
      model.off("change:answers", onAnswers);
      view.destroy();
    };
  }

  globalThis.mgkQuiz = { version: VERSION, mount, boot, bootAll, render, isCorrect, feedbackFor, SLACK };
})();
