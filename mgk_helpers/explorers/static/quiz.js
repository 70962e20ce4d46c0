// The self-check quiz's front end: one file, with a kernel (an anywidget view whose answers sync to Python) or
// without one (a self-contained HTML fragment in the notebook's saved output, nbconvert HTML, the course site).
//
// Python (mgk_helpers/explorers/quiz.py) sends the questions, their answers and explanations, and the
// feedback wording (the spec). Marking is the same rule as quiz.py's is_correct and feedback_for: an option's
// index, or a number within the tolerance of the answer (inclusive). Native HTML only: a fieldset per question,
// radio buttons or a number box with a visible label, a Check button, feedback in a polite live region.
// Feedback: a choice gives the picked option's own text; a wrong number gets the hint first and the answer on
// the second attempt or on "Show the answer" (quiz.py: feedback_for, entry_for, next_entry).
// The concept inventory (mgk_helpers/explorers/inventory.py) is mounted here too: mountInventory.
(function () {
  "use strict";
  const VERSION = 2; // 2: per-option feedback, numeric attempts and "Show the answer", the concept inventory
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

  // an option's index from an index or an option's text (null if it is neither)
  function optionIndex(q, value) {
    if (typeof value === "string") {
      const k = q.options.indexOf(value);
      return k >= 0 ? k : null;
    }
    return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < q.options.length ? value : null;
  }

  function join(parts) {
    return parts
      .map((p) => (p || "").trim())
      .filter((p) => p)
      .join(" ");
  }

  // {correct: true | false | null, feedback: text} for a checked answer (value null: nothing entered yet);
  // attempts counts the checks including this one, revealed: the answer was shown already
  function feedbackFor(q, value, messages, attempts, revealed) {
    if (attempts === undefined) attempts = 1;
    if (value === null || value === undefined) {
      return { correct: null, feedback: q.kind === "choice" ? messages.pick : messages.number };
    }
    const correct = isCorrect(q, value);
    const head = correct ? messages.correct : q.wrong;
    if (q.kind === "choice") {
      const k = optionIndex(q, value);
      const own = q.feedback && k !== null ? q.feedback[k] : "";
      return { correct, feedback: join([head, own, correct || !q.feedback ? q.explanation : ""]) };
    }
    if (correct) return { correct, feedback: join([head, q.explanation, q.right]) };
    if (revealed || attempts >= 2) return { correct, feedback: join([head, q.reveal, q.explanation]) };
    return { correct, feedback: join([head, q.hint || messages.retry]) };
  }

  // one question's entry: what the page shows (quiz.py: entry_for)
  function entryFor(q, value, checked, messages, attempts, revealed) {
    attempts = Math.max(0, attempts || 0);
    revealed = !!revealed && q.kind === "numeric" && attempts >= 1;
    if (!checked) {
      const feedback = revealed ? join([q.reveal, q.explanation]) : "";
      return { value, checked: false, correct: null, feedback, attempts, revealed };
    }
    const v = feedbackFor(q, value, messages, attempts, revealed);
    if (q.kind === "numeric" && v.correct === false && attempts >= 2) revealed = true;
    return { value, checked: true, correct: v.correct, feedback: v.feedback, attempts, revealed };
  }

  // the entry after an action: "input" (value picked or typed), "check" (an answer entered is an attempt),
  // "reveal" (Show the answer: a numeric question after one attempt) (quiz.py: next_entry)
  function nextEntry(q, entry, action, value, messages) {
    const attempts = entry.attempts || 0;
    const revealed = !!entry.revealed;
    if (action === "input") return entryFor(q, value, false, messages, attempts, revealed);
    if (action === "check") {
      const entered = value !== null && value !== undefined;
      return entryFor(q, value, true, messages, attempts + (entered ? 1 : 0), revealed);
    }
    if (action === "reveal") {
      if (q.kind !== "numeric" || attempts < 1) return Object.assign({}, entry);
      return entryFor(q, entry.value, false, messages, attempts, true);
    }
    throw new Error("unknown action " + action);
  }

  // the "Show the answer" button: a numeric question after one attempt, until the answer is shown or right
  function offersAnswer(q, e) {
    return q.kind === "numeric" && (e.attempts || 0) >= 1 && !e.revealed && e.correct !== true;
  }

  function sameEntry(a, b) {
    return (
      !!a &&
      !!b &&
      a.value === b.value &&
      !!a.checked === !!b.checked &&
      a.correct === b.correct &&
      (a.feedback || "") === (b.feedback || "") &&
      (a.attempts || 0) === (b.attempts || 0) &&
      !!a.revealed === !!b.revealed
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
      return given ? Object.assign({}, given) : entryFor(q, null, false, messages, 0, false);
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
            if (input.checked) change(i, k);
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
        input.addEventListener("input", () => change(i, readNumber(input)));
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
      const actions = el("div", { class: "mgk-actions" }, [button]);
      if (q.kind === "numeric") {
        // offered after one attempt (hidden until then, and once the answer is shown or right)
        const show = el("button", { type: "button", class: "mgk-show", hidden: "", text: messages.show || "Show the answer" });
        show.setAttribute("aria-label", `${messages.show || "Show the answer"} to question ${i + 1}`);
        show.addEventListener("click", () => reveal(i));
        actions.appendChild(show);
        part.show = show;
      }
      const feedback = el("p", {
        class: "mgk-feedback",
        role: "status",
        "aria-live": "polite",
        "aria-atomic": "true",
        "data-verdict": "none",
      });
      fs.appendChild(actions);
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
      if (part.show) {
        const offer = offersAnswer(questions[i], e);
        if (!offer && part.show === document.activeElement) part.number.focus(); // keep the focus in the question
        part.show.hidden = !offer;
      }
      const text = e.checked || e.revealed ? e.feedback || "" : "";
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

    function change(i, value) {
      const next = nextEntry(questions[i], entries[i], "input", value, messages);
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
      entries[i] = nextEntry(q, nextEntry(q, entries[i], "input", value, messages), "check", value, messages);
      show(i, true);
      emit();
      root.dispatchEvent(new CustomEvent("mgk-answered", { detail: { question: i, entry: entries[i] } }));
    }

    function reveal(i) {
      const next = nextEntry(questions[i], entries[i], "reveal", null, messages);
      if (sameEntry(next, entries[i])) return;
      entries = entries.slice();
      entries[i] = next;
      show(i, true);
      emit();
      root.dispatchEvent(new CustomEvent("mgk-answered", { detail: { question: i, entry: next } }));
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
    root.mgkQuiz = { getAnswers: () => entries.map((e) => Object.assign({}, e)), setAnswers, check, reveal };
    return {
      setAnswers,
      destroy() {
        root.removeEventListener("keydown", stop);
      },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // the concept inventory (inventory.py): the same items before the series ("pre": answers saved in this
  // browser, nothing marked) and after it ("post": both scores, then each item's feedback and answer)
  function readStore(key) {
    try {
      const text = globalThis.localStorage.getItem(key);
      const data = text ? JSON.parse(text) : null;
      return data && typeof data === "object" ? data : null;
    } catch (err) {
      return null; // no storage (a private window, a sandboxed frame, storage turned off)
    }
  }

  function writeStore(key, data) {
    try {
      globalThis.localStorage.setItem(key, JSON.stringify(data));
      return true;
    } catch (err) {
      return false;
    }
  }

  function fillText(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
  }

  // {correct, feedback} of one inventory item after "post" (inventory.py: inventory_feedback)
  function inventoryFeedback(q, value, texts, messages) {
    const k = value === null || value === undefined ? null : optionIndex(q, value);
    const answer = fillText(texts.answer, { letter: LETTERS[q.answer], option: q.options[q.answer] });
    if (k === null) return { correct: null, feedback: join([texts.unanswered, answer, q.explanation]) };
    const v = feedbackFor(q, k, messages, 1, false);
    return { correct: v.correct, feedback: v.correct ? v.feedback : join([v.feedback, answer, q.explanation]) };
  }

  // the score of a list of option indices (null: not answered)
  function inventoryScore(questions, answers) {
    return questions.reduce((n, q, i) => n + (answers && answers[i] === q.answer ? 1 : 0), 0);
  }

  // mountInventory(root, {spec, answers, onSubmit}) → {destroy}
  function mountInventory(root, opts) {
    const spec = opts.spec;
    const texts = spec.inventory;
    const questions = spec.questions;
    const id = "mgki" + ++counter + "-" + Math.random().toString(36).slice(2, 7);
    let answers = questions.map((_q, i) => {
      const given = (opts.answers || [])[i];
      return typeof given === "number" ? given : null;
    });

    root.classList.add("mgk-inventory");
    root.setAttribute("role", "group");
    root.setAttribute("aria-labelledby", id + "-title");
    root.setAttribute("data-stage", texts.stage);
    root.setAttribute("data-lm-suppress-shortcuts", "true");
    const stop = (e) => e.stopPropagation();
    root.addEventListener("keydown", stop);
    root.replaceChildren();
    root.appendChild(el("h3", { class: "mgk-title", id: id + "-title", text: spec.title }));
    root.appendChild(el("p", { class: "mgk-intro", text: texts.intro }));

    const parts = questions.map((q, i) => {
      const qid = `${id}-q${i + 1}`;
      const fs = el("fieldset", { class: "mgk-question", "data-kind": "choice", "data-question": String(i + 1) });
      fs.appendChild(
        el("legend", { class: "mgk-prompt" }, [el("span", { class: "mgk-number", text: `${i + 1}.` }), " " + q.prompt]),
      );
      const box = el("div", { class: "mgk-options" });
      const radios = q.options.map((text, k) => {
        const input = el("input", { type: "radio", name: qid, id: `${qid}-${k}`, value: String(k) });
        if (answers[i] === k) input.checked = true;
        input.addEventListener("change", () => {
          if (input.checked) answers[i] = k;
        });
        box.appendChild(
          el("label", { class: "mgk-option", for: `${qid}-${k}` }, [
            input,
            el("span", { class: "mgk-option-text" }, [el("span", { class: "mgk-letter", text: `${LETTERS[k]}.` }), " " + text]),
          ]),
        );
        return input;
      });
      fs.appendChild(box);
      // the item's feedback: only after a "post" submit (no live region: the summary below is announced)
      const feedback = el("p", { class: "mgk-feedback", "data-verdict": "none" });
      fs.appendChild(feedback);
      root.appendChild(fs);
      return { radios, feedback };
    });

    const submit = el("button", { type: "button", class: "mgk-submit", text: texts.submit });
    const status = el("p", { class: "mgk-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    root.appendChild(el("div", { class: "mgk-actions" }, [submit]));
    root.appendChild(status);

    function say(text) {
      // the same text again: empty the live region first so that it is announced again
      if (status.textContent === text) {
        status.textContent = "";
        setTimeout(() => (status.textContent = text), 80);
      } else status.textContent = text;
    }

    submit.addEventListener("click", () => {
      answers = parts.map((p) => {
        const k = p.radios.findIndex((r) => r.checked);
        return k >= 0 ? k : null;
      });
      if (answers.every((a) => a === null)) return say(texts.empty);
      const store = readStore(texts.key) || {};
      store[texts.stage] = { answers, items: questions.length, when: new Date().toISOString() };
      const kept = writeStore(texts.key, store);
      if (texts.stage === "pre") {
        say(kept ? texts.saved : texts.nostore);
      } else {
        const n = questions.length;
        const now = fillText(texts.now, { score: inventoryScore(questions, answers), n });
        const pre = store.pre && Array.isArray(store.pre.answers) && store.pre.items === n ? store.pre : null;
        const before = pre ? fillText(texts.before, { score: inventoryScore(questions, pre.answers), n }) : texts.nobefore;
        root.dataset.score = String(inventoryScore(questions, answers));
        root.dataset.before = pre ? String(inventoryScore(questions, pre.answers)) : "";
        parts.forEach((p, i) => {
          const v = inventoryFeedback(questions[i], answers[i], texts, spec.messages);
          p.feedback.textContent = v.feedback;
          p.feedback.setAttribute("data-verdict", v.correct === true ? "correct" : v.correct === false ? "wrong" : "none");
        });
        say(join([now, before, texts.below]));
      }
      if (opts.onSubmit) opts.onSubmit(answers.slice());
      root.dispatchEvent(new CustomEvent("mgk-submitted", { detail: { answers: answers.slice() } }));
    });

    return {
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
      if (spec.inventory) mountInventory(root, { spec });
      else mount(root, { spec });
      if (fallback) fallback.remove();
    } catch (err) {
      root.remove();
      console.error("mgk quiz:", err);
    }
  }

  function bootAll(doc) {
    (doc || document).querySelectorAll("[data-mgk-quiz], [data-mgk-inventory]").forEach(boot);
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

  // the concept inventory with a kernel: the submitted answers go to Python (the `answers` trait)
  function renderInventory({ model, el: host }) {
    const view = mountInventory(host, {
      spec: model.get("spec"),
      answers: model.get("answers"),
      onSubmit: (answers) => {
        model.set("answers", answers);
        model.set("submitted", true);
        model.save_changes();
      },
    });
    return () => view.destroy();
  }

  globalThis.mgkQuiz = {
    version: VERSION,
    mount,
    mountInventory,
    boot,
    bootAll,
    render,
    renderInventory,
    isCorrect,
    feedbackFor,
    entryFor,
    nextEntry,
    offersAnswer,
    inventoryFeedback,
    inventoryScore,
    SLACK,
  };
})();
