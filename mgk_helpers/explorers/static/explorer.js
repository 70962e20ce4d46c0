// The explorers' front end: one file for every explorer, with a kernel (an anywidget view) or without one
// (a self-contained HTML fragment in the notebook's saved output, nbconvert HTML, nbviewer, the course site).
//
// Python computed the model's answers over the grid of the controls (the tables) and declared how the figure
// and the readout are read from them (the spec; see mgk_helpers/explorers/engine.py, which reads them the same
// way in Python). A control change is handled here: look the state up, patch the figure, write the readout.
// There is no model equation in this file.
(function () {
  "use strict";
  const VERSION = 9; // 2: reduce "sum"; 3: presets ("sets"); 4: sum, mul, div, thousands; 5: page theme, print; 6: titles fit;
  // 7: Play/Pause beside a slider ("play"); 8: predict first ("predict"); 9: the model's answer and feedback
  if (globalThis.mgkExplorers && globalThis.mgkExplorers.version >= VERSION) return;

  // ---------------------------------------------------------------------------------------------
  // tables and sources (engine.py: Table, resolve)
  function decodeTables(layout, buffer) {
    // buffer: an ArrayBuffer or a DataView of little-endian float32
    let ab = buffer, byteOffset = 0, byteLength = buffer.byteLength;
    if (ArrayBuffer.isView(buffer)) {
      ab = buffer.buffer;
      byteOffset = buffer.byteOffset;
    }
    let flat;
    if (byteOffset % 4 === 0) flat = new Float32Array(ab, byteOffset, byteLength / 4);
    else flat = new Float32Array(ab.slice(byteOffset, byteOffset + byteLength));
    const out = {};
    for (const [name, t] of Object.entries(layout)) {
      const parts = t.parts.map((p) => ({
        shape: p.shape,
        data: flat.subarray(p.offset, p.offset + p.shape.reduce((a, b) => a * b, 1)),
      }));
      out[name] = { axes: t.axes, product: t.product, parts };
    }
    return out;
  }

  // (members,) at the state, or (members, n) along `free`, as arrays of numbers
  function tableValues(table, state, free) {
    const members = table.parts[0].shape[0];
    const rows = [];
    if (table.product) {
      for (let m = 0; m < members; m++) {
        let row = null;
        table.axes.forEach((axis, k) => {
          const part = table.parts[k];
          const n = part.shape[1];
          if (axis === free) {
            const f = Array.from(part.data.subarray(m * n, (m + 1) * n));
            row = row === null ? f : row.map((v, i) => v * f[i]);
          } else {
            const v = part.data[m * n + state[axis]];
            row = row === null ? [v] : row.map((x) => x * v);
          }
        });
        rows.push(row);
      }
    } else {
      const part = table.parts[0];
      const shape = part.shape;
      const strides = new Array(shape.length).fill(1);
      for (let k = shape.length - 2; k >= 0; k--) strides[k] = strides[k + 1] * shape[k + 1];
      for (let m = 0; m < members; m++) {
        let base = m * strides[0];
        let freeStride = 0, freeN = 1;
        table.axes.forEach((axis, k) => {
          if (axis === free) {
            freeStride = strides[k + 1];
            freeN = shape[k + 1];
          } else base += state[axis] * strides[k + 1];
        });
        const row = [];
        for (let i = 0; i < freeN; i++) row.push(part.data[base + i * freeStride]);
        rows.push(row);
      }
    }
    return free ? rows : rows.map((r) => r[0]);
  }

  function toFixed(x, digits) {
    return Number(x).toFixed(digits);
  }

  function thousands(text) {
    const sign = text.startsWith("-") ? "-" : "";
    const [whole, frac] = text.slice(sign.length).split(".");
    return sign + whole.replace(/\B(?=(\d{3})+$)/g, ",") + (frac !== undefined ? "." + frac : "");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)(?::(,?)\.(\d+)f)?\}/g, (_m, name, comma, digits) => {
      const v = values[name];
      if (digits !== undefined) {
        const text = toFixed(v, Number(digits));
        return comma ? thousands(text) : text;
      }
      return String(v);
    });
  }

  // numbers or arrays, element by element, left to right (engine.py: sum, mul, div)
  function arith(op, parts) {
    const f = { sum: (a, b) => a + b, mul: (a, b) => a * b, div: (a, b) => a / b }[op];
    return parts.slice(1).reduce((acc, p) => {
      if (Array.isArray(acc) || Array.isArray(p)) {
        const n = Array.isArray(acc) ? acc.length : p.length;
        return Array.from({ length: n }, (_x, i) => f(Array.isArray(acc) ? acc[i] : acc, Array.isArray(p) ? p[i] : p));
      }
      return f(acc, p);
    }, Array.isArray(parts[0]) ? Array.from(parts[0], Number) : Number(parts[0]));
  }

  function bandLabel(value, bands) {
    for (const [lo, hi, loClosed, hiClosed, label] of bands) {
      const above = loClosed ? value >= lo : value > lo;
      const below = hiClosed ? value <= hi : value < hi;
      if (above && below) return label;
    }
    return "";
  }

  class Reader {
    constructor(spec, tables) {
      this.spec = spec;
      this.tables = tables;
      this.controls = {};
      for (const c of spec.controls) this.controls[c.name] = c;
    }
    shownValues(c, state) {
      if (c.unit_control) {
        const u = this.controls[c.unit_control];
        return c.shown[u.values[state[u.name]]];
      }
      return c.values;
    }
    resolve(src, state) {
      if ("const" in src) return src.const;
      if ("control" in src) {
        const c = this.controls[src.control];
        if (c.kind === "range") return Math.fround(this.shownValues(c, state)[state[c.name]]);
        return c.values[state[c.name]];
      }
      if ("axis" in src) {
        const c = this.controls[src.axis];
        return this.shownValues(c, state).map(Math.fround);
      }
      if ("table" in src) {
        const v = tableValues(this.tables[src.table], state, src.free);
        const reduce = src.reduce || "first";
        if (reduce === "first") return v[0];
        if (reduce === "sum") {
          if (!src.free) return v.reduce((a, b) => a + b);
          return v[0].map((_x, i) => v.reduce((a, row) => a + row[i], 0));
        }
        const pick = reduce === "min" ? Math.min : Math.max;
        if (!src.free) return pick(...v);
        return v[0].map((_x, i) => pick(...v.map((row) => row[i])));
      }
      if ("pick" in src) {
        let value = src.values;
        for (const name of Array.isArray(src.pick) ? src.pick : [src.pick]) value = value[state[name]];
        return value;
      }
      if ("index" in src) return src.values[Math.round(Number(this.resolve(src.index, state)))];
      if ("list" in src) return src.list.map((s) => this.resolve(s, state));
      if ("repeat" in src) return new Array(this.controls[src.along].values.length).fill(Number(this.resolve(src.repeat, state)));
      for (const op of ["sum", "mul", "div"]) {
        if (op in src) return arith(op, src[op].map((p) => this.resolve(p, state)));
      }
      if ("band" in src) return bandLabel(Number(this.resolve(src.band, state)), src.bands);
      if ("format" in src) {
        const template = typeof src.format === "string" ? src.format : this.resolve(src.format, state);
        const values = {};
        for (const [k, s] of Object.entries(src.fields || {})) values[k] = this.resolve(s, state);
        return fill(template, values);
      }
      throw new Error("unknown source " + JSON.stringify(src));
    }
    view(state) {
      let data = structuredClone(this.spec.figure.data);
      const layout = structuredClone(this.spec.figure.layout);
      for (const b of this.spec.traces) {
        if (b.trace === "*") data = structuredClone(this.resolve(b.source, state));
        else data[b.trace][b.prop] = this.resolve(b.source, state);
      }
      for (const b of this.spec.layout) setPath(layout, b.path, this.resolve(b.source, state));
      return {
        data,
        layout,
        readout: String(this.resolve(this.spec.readout, state)),
        alt: String(this.resolve(this.spec.alt, state)),
      };
    }
  }

  function setPath(obj, path, value) {
    const keys = path.split(".");
    for (const key of keys.slice(0, -1)) {
      if (Array.isArray(obj)) obj = obj[Number(key)];
      else obj = obj[key] === undefined ? (obj[key] = {}) : obj[key];
    }
    const last = keys[keys.length - 1];
    if (Array.isArray(obj)) obj[Number(last)] = value;
    else obj[last] = value;
  }

  // ---------------------------------------------------------------------------------------------
  // plotly.js, loaded once per page: from the page, the Jupyter server's route, a plotly.min.js next to
  // the page, and only then (for a reader who is online) the public CDN.
  const PLOTLY = "__mgkPlotlyPromise";

  function jupyterBaseUrl() {
    try {
      const el = document.getElementById("jupyter-config-data");
      const url = el ? JSON.parse(el.textContent || "{}").baseUrl : null;
      if (url) return url.endsWith("/") ? url : url + "/";
    } catch (err) {
      // not a Jupyter page
    }
    return null;
  }

  function addScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly in " + src)));
      s.onerror = () => {
        s.remove();
        reject(new Error("could not load " + src));
      };
      document.head.appendChild(s);
    });
  }

  function loadPlotly(where, askKernel) {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!window[PLOTLY]) {
      const urls = [];
      const base = jupyterBaseUrl();
      if (base) urls.push(base + where.route);
      urls.push(where.local);
      let p = Promise.reject(new Error("start"));
      for (const url of urls) p = p.catch(() => addScript(url));
      if (askKernel) p = p.catch(askKernel);
      if (where.cdn) p = p.catch(() => addScript(where.cdn));
      window[PLOTLY] = p;
      p.catch(() => {
        window[PLOTLY] = null;
      });
    }
    return window[PLOTLY];
  }

  // ---------------------------------------------------------------------------------------------
  // theme: follow JupyterLab's light/dark theme, a documentation theme's choice (pydata-sphinx-theme's
  // <html data-theme>, as on the course website), or else the reader's colour-scheme preference
  function isDark() {
    const jp = document.body && document.body.getAttribute("data-jp-theme-light");
    if (jp !== null && jp !== undefined) return jp === "false";
    const page = document.documentElement.getAttribute("data-theme");
    if (page === "dark" || page === "light") return page === "dark";
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  function themed(layout, root) {
    const dark = isDark();
    const style = getComputedStyle(root);
    const ink = style.color || (dark ? "#e8e8e8" : "#1a1a1a");
    const grid = dark ? "rgba(255,255,255,0.18)" : "rgba(0,0,0,0.12)";
    const out = Object.assign({}, layout, {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: Object.assign({}, layout.font || {}, { color: ink }),
    });
    for (const key of Object.keys(out)) {
      if (/^[xy]axis\d*$/.test(key)) {
        out[key] = Object.assign({}, out[key], { gridcolor: grid, zerolinecolor: grid, linecolor: ink });
      }
    }
    if (out.legend) out.legend = Object.assign({}, out.legend, { bgcolor: "rgba(0,0,0,0)" });
    // reference-range bands are a translucent black, invisible on a dark page: make them a translucent white
    if (dark && Array.isArray(out.shapes)) {
      out.shapes = out.shapes.map((sh) =>
        /^rgba\(0, ?0, ?0, ?[0-9.]+\)$/.test(sh.fillcolor || "") ? Object.assign({}, sh, { fillcolor: "rgba(255,255,255,0.14)" }) : sh,
      );
    }
    if (Array.isArray(out.annotations)) {
      out.annotations = out.annotations.map((a) =>
        Object.assign({}, a, { font: Object.assign({}, a.font || {}, { color: ink }) }),
      );
    }
    return out;
  }

  // Titles (annotations, horizontal axis titles) that stick out of a narrow figure break onto more lines
  // (before a bracket if there is one, else at the space nearest the middle) instead of being cut off.
  let measureCtx = null;
  function textWidth(text, font) {
    measureCtx = measureCtx || document.createElement("canvas").getContext("2d");
    measureCtx.font = font;
    return measureCtx.measureText(text.replace(/<[^>]+>/g, "")).width;
  }

  function breakLine(text) {
    const bracket = text.indexOf(" (");
    if (bracket > 0) return [text.slice(0, bracket), text.slice(bracket + 1)];
    const mid = text.length / 2;
    let best = -1;
    for (let i = text.indexOf(" "); i >= 0; i = text.indexOf(" ", i + 1)) {
      if (best < 0 || Math.abs(i - mid) < Math.abs(best - mid)) best = i;
    }
    return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)];
  }

  function fitText(text, font, room) {
    let lines = text.split("<br>");
    for (let pass = 0; pass < 4; pass++) {
      const next = lines.flatMap((line) => (textWidth(line, font) > room ? breakLine(line) : [line]));
      if (next.length === lines.length) break;
      lines = next;
    }
    return lines.join("<br>");
  }

  // On a narrow figure (a phone) every font in the figure shrinks with the width, to 70 % at most: titles,
  // ticks, legends and labels keep their proportions instead of crowding into each other.
  const NARROW = 560;
  function narrowed(layout, width) {
    if (!(width > 0) || width >= NARROW) return layout;
    const factor = Math.max(0.7, width / NARROW);
    const scale = (obj) => {
      if (Array.isArray(obj)) return obj.map(scale);
      if (!obj || typeof obj !== "object") return obj;
      const out = {};
      for (const [key, value] of Object.entries(obj)) {
        out[key] = /font$/.test(key) && value && typeof value.size === "number"
          ? Object.assign({}, scale(value), { size: Math.round(value.size * factor * 10) / 10 })
          : scale(value);
      }
      return out;
    };
    const out = scale(layout);
    if (!(out.font && typeof out.font.size === "number")) out.font = Object.assign({}, out.font, { size: Math.round(12 * factor) });
    return out;
  }

  // the layout path of a drawn title: an annotation's text, or a horizontal axis's title
  function titlePath(g) {
    const ann = g.closest(".annotation");
    if (ann && ann.dataset.index !== undefined) return "annotations." + ann.dataset.index + ".text";
    const m = /\bg-(x\d*)title\b/.exec(g.getAttribute("class") || "");
    return m ? m[1].replace(/^x/, "xaxis") + ".title.text" : null;
  }

  function getPath(obj, path) {
    for (const key of path.split(".")) obj = obj == null ? undefined : obj[key];
    return obj;
  }

  /** Title texts to change so that none sticks out of the figure or runs into its neighbour: {path: text}. */
  function overflowingTitles(plot, layout) {
    const box = plot.getBoundingClientRect();
    const titles = [...plot.querySelectorAll(".infolayer .annotation, .infolayer g[class^='g-x'][class$='title']")]
      .map((g) => ({ g, r: g.getBoundingClientRect() }))
      .filter((t) => t.r.width > 0);
    const out = {};
    for (const t of titles) {
      const { g, r } = t;
      const centre = (r.left + r.right) / 2;
      // the room this title has about its centre: to the figure's edges, and half-way to a title beside it
      let room = 2 * Math.min(centre - box.left, box.right - centre);
      let crowded = r.left < box.left - 1 || r.right > box.right + 1;
      for (const o of titles) {
        const shared = Math.min(o.r.bottom, r.bottom) - Math.max(o.r.top, r.top);
        if (o === t || shared < 0.5 * Math.min(o.r.height, r.height)) continue; // not side by side
        const gap = Math.abs((o.r.left + o.r.right) / 2 - centre);
        room = Math.min(room, gap);
        if (o.r.left < r.right && o.r.right > r.left) crowded = true;
      }
      if (!crowded) continue;
      const path = titlePath(g);
      const text = path && getPath(layout, path);
      const el = g.querySelector("text");
      if (typeof text !== "string" || !el) continue;
      const style = getComputedStyle(el);
      const wrapped = fitText(text, style.fontSize + " " + style.fontFamily, Math.max(room - 8, 40));
      if (wrapped !== text) out[path] = wrapped;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Navigation keys pressed in an explorer or a quiz belong to it. Notebook clients listen for keys before the
  // page's elements do (Notebook 7 moves the focus back to the active cell on an arrow key; JupyterLab's command
  // mode maps arrows to "select the next cell"), so one listener on the window, in the capture phase, stops
  // them from travelling further. The browser's own handling of the key (a slider step, the next radio button)
  // still happens; a control that handles a key itself (Page Up/Down on a slider) gets it through __mgkKey.
  const PAGE_STEPS = 5;
  const NAV_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);
  const OWNERS = '.mgk-explorer[data-lm-suppress-shortcuts], .mgk-quiz[data-lm-suppress-shortcuts]';
  if (!window.__mgkKeyGuard) {
    window.__mgkKeyGuard = true;
    window.addEventListener(
      "keydown",
      (e) => {
        const t = e.target;
        if (!NAV_KEYS.has(e.key) || !t || !t.closest || !t.closest(OWNERS)) return;
        e.stopPropagation();
        if (typeof t.__mgkKey === "function") t.__mgkKey(e);
      },
      true,
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
      else if (k === "html") e.innerHTML = v;
      else e.setAttribute(k, v);
    }
    for (const c of children || []) e.appendChild(c);
    return e;
  }

  function rangeLabel(c, reader, state) {
    let unit = c.unit;
    if (c.unit_control) {
      const u = reader.controls[c.unit_control];
      unit = u.values[state[u.name]];
    }
    return unit ? `${c.label} (${unit})` : c.label;
  }

  function rangeText(c, reader, state) {
    const v = reader.shownValues(c, state)[state[c.name]];
    let unit = c.unit;
    if (c.unit_control) {
      const u = reader.controls[c.unit_control];
      unit = u.values[state[u.name]];
    }
    const text = toFixed(v, c.digits);
    return unit ? `${text} ${unit}` : text;
  }

  // The "Predict first" panel (base.py: Explorer.predict_first; spec.predict = {prompt, options | unit, explain,
  // texts}): the prompt, radio buttons or a number box, and "Lock my prediction" (disabled until something is
  // chosen or typed). Until a prediction is locked the figure, the readout and its live region are hidden (the
  // hidden attribute: out of the accessibility tree too) and the controls disabled. Locking shows them, keeps
  // "Your prediction: …" and the explain prompt; there is no way to change a locked prediction, and Reset keeps it.
  // With spec.predict.answer, a "Show the model's answer" button follows the explain prompt: the student looks and
  // explains first, then compares (the answer, and the feedback of the option picked: base.py, model_answer_text).
  function answerText(predict, picked) {
    const t = predict.texts;
    if (predict.options) {
      let text = `${t.answer}${"ABCDEFGHIJKLMNOPQRSTUVWXYZ"[predict.answer]}. ${predict.options[predict.answer]}`;
      const k = predict.options.indexOf(picked);
      if (predict.feedback && k >= 0) text += " — " + predict.feedback[k];
      return text;
    }
    return t.answer + String(predict.answer) + (predict.unit ? " " + predict.unit : "");
  }
  function predictPanel(id, predict, prediction, onLock) {
    const t = predict.texts;
    const pid = id + "-predict";
    const panel = el("section", { class: "mgk-predict", "aria-labelledby": pid + "-h" });
    panel.appendChild(el("h4", { class: "mgk-predict-heading", id: pid + "-h", text: t.heading }));
    const prompt = el("p", { class: "mgk-predict-prompt", id: pid + "-p", text: predict.prompt });
    const lock = el("button", { type: "button", class: "mgk-lock", text: t.lock });
    const status = el("p", { class: "mgk-sr-only", role: "status", "aria-live": "polite" });
    let read = () => null;
    let form;
    if (predict.options) {
      form = el("fieldset", { class: "mgk-predict-choices" }, [el("legend", { class: "mgk-predict-prompt", text: predict.prompt })]);
      const box = el("div", { class: "mgk-options" });
      const radios = predict.options.map((text, k) => {
        const input = el("input", { type: "radio", name: pid, id: `${pid}-${k}`, value: String(k) });
        input.addEventListener("change", () => (lock.disabled = read() === null));
        box.appendChild(el("label", { class: "mgk-option", for: `${pid}-${k}` }, [input, el("span", { text })]));
        return input;
      });
      form.appendChild(box);
      read = () => {
        const k = radios.findIndex((r) => r.checked);
        return k >= 0 ? predict.options[k] : null;
      };
    } else {
      const nid = pid + "-n";
      const input = el("input", { type: "number", step: "any", id: nid, inputmode: "decimal", autocomplete: "off", "aria-describedby": pid + "-p" });
      read = () => {
        if (input.validity && input.validity.badInput) return null;
        const x = input.value.trim() === "" ? NaN : Number(input.value);
        return Number.isFinite(x) ? x : null;
      };
      input.addEventListener("input", () => (lock.disabled = read() === null));
      input.addEventListener("keydown", (e) => {
        if (e.key !== "Enter") return;
        e.preventDefault();
        if (read() !== null) lock.click();
      });
      const label = predict.unit ? `${t.number} (${predict.unit})` : t.number;
      form = el("div", { class: "mgk-predict-number" }, [prompt, el("label", { class: "mgk-label", for: nid, text: label }), input]);
    }
    lock.disabled = true;
    const actions = el("div", { class: "mgk-predict-actions" }, [lock]);
    panel.appendChild(form);
    panel.appendChild(actions);
    panel.appendChild(status);

    function text(value) {
      if (predict.options) return t.yours + value;
      return t.yours + String(value) + (predict.unit ? " " + predict.unit : "");
    }
    // show the locked prediction (read-only) and the explain prompt in place of the inputs
    function showLocked(value, announce) {
      const kept = [el("p", { class: "mgk-predict-prompt", text: predict.prompt }), el("p", { class: "mgk-predicted", tabindex: "-1", text: text(value) })];
      if (predict.explain) kept.push(el("p", { class: "mgk-explain", text: t.explain + predict.explain }));
      if (predict.answer !== undefined && predict.answer !== null) {
        const reveal = el("button", { type: "button", class: "mgk-reveal", text: t.reveal });
        reveal.addEventListener("click", () => {
          const shown = el("p", { class: "mgk-model-answer", tabindex: "-1", text: answerText(predict, value) });
          reveal.replaceWith(shown);
          shown.focus();
          status.textContent = shown.textContent;
        });
        kept.push(el("div", { class: "mgk-predict-actions" }, [reveal]));
      }
      const hadFocus = panel.contains(document.activeElement);
      form.replaceWith(...kept);
      actions.remove();
      panel.classList.add("mgk-predict-locked");
      if (hadFocus) kept[1].focus();
      if (announce) status.textContent = text(value) + ". " + (predict.explain ? t.explain + predict.explain : "");
    }
    lock.addEventListener("click", () => {
      const value = read();
      if (value !== null) onLock(value, true);
    });
    return { panel, showLocked };
  }

  // mount(root, {spec, tables, state, prediction, onState, onPrediction, plotlyWhere, askKernel})
  //   → {setState, lockPrediction, destroy}
  function mount(root, opts) {
    const spec = opts.spec;
    const reader = new Reader(spec, decodeTables(spec.tables, opts.tables));
    const defaults = {};
    for (const c of spec.controls) defaults[c.name] = c.index;
    let state = Object.assign({}, defaults, opts.state || {});
    const id = "mgk" + ++counter + "-" + Math.random().toString(36).slice(2, 7);

    root.classList.add("mgk-explorer");
    root.setAttribute("role", "group");
    root.setAttribute("aria-labelledby", id + "-title");
    // keys pressed inside the explorer are the explorer's: never notebook shortcuts
    root.setAttribute("data-lm-suppress-shortcuts", "true");
    root.addEventListener("keydown", (e) => e.stopPropagation());
    root.replaceChildren();

    root.appendChild(el("h3", { class: "mgk-title", id: id + "-title", text: spec.title }));
    const predict = spec.predict || null;
    let prediction = predict && opts.prediction !== undefined && opts.prediction !== null ? opts.prediction : null;
    let locked = !predict || prediction !== null;
    const predictView = predict ? predictPanel(id, predict, prediction, (v, fromUser) => lockPrediction(v, fromUser)) : null;
    if (predictView) root.appendChild(predictView.panel);
    const controlsBox = el("div", { class: "mgk-controls" });
    root.appendChild(controlsBox);
    const inputs = {};
    const labels = {};
    const outputs = {};

    // Play/Pause beside a slider (engine.Control.play): one grid step every STEP_MS to the slider's end; a key
    // or pointer on the slider, or Reset, stops it. Each step goes through change(), whose announcement waits
    // for 0.6 s of quiet, so nothing is announced until the playing stops. Where the reader prefers reduced
    // motion the button is "Next": one step per press (from the end back to the start).
    const STEP_MS = 400;
    let playing = null; // {button, timer}
    function stopPlay() {
      if (!playing) return;
      clearInterval(playing.timer);
      playing.button.textContent = "Play";
      playing.button.setAttribute("aria-pressed", "false");
      playing = null;
    }
    function playButton(c, input) {
      const reduced = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
      const button = el("button", { type: "button", class: "mgk-play", "aria-controls": input.id, text: reduced ? "Next" : "Play" });
      if (!reduced) button.setAttribute("aria-pressed", "false");
      const last = c.values.length - 1;
      const step = () => {
        if (state[c.name] < last) change(c.name, state[c.name] + 1);
        if (state[c.name] >= last) stopPlay();
      };
      button.addEventListener("click", () => {
        if (reduced) return change(c.name, state[c.name] >= last ? 0 : state[c.name] + 1);
        const mine = playing && playing.button === button;
        stopPlay();
        if (mine) return;
        if (state[c.name] >= last) change(c.name, 0);
        playing = { button, timer: setInterval(step, STEP_MS) };
        button.textContent = "Pause";
        button.setAttribute("aria-pressed", "true");
      });
      input.addEventListener("pointerdown", stopPlay);
      input.addEventListener("keydown", (e) => e.key !== "Tab" && e.key !== "Shift" && stopPlay());
      return button;
    }

    for (const c of spec.controls) {
      const cid = `${id}-${c.name}`;
      if (c.kind === "range") {
        const label = el("label", { for: cid, class: "mgk-label" });
        const out = el("output", { for: cid, class: "mgk-value", "aria-hidden": "true" });
        const input = el("input", {
          id: cid,
          type: "range",
          min: "0",
          max: String(c.values.length - 1),
          step: "1",
          value: String(state[c.name]),
          class: "mgk-range",
          "data-control": c.name,
        });
        if (c.help) input.setAttribute("aria-describedby", cid + "-help");
        input.addEventListener("input", () => change(c.name, Number(input.value)));
        // Page Up / Page Down move five steps (browsers differ; the instructor guide counts presses with five);
        // called by the page-wide key guard below, which keeps navigation keys away from the notebook
        input.__mgkKey = (e) => {
          if (c.play) stopPlay(); // navigation keys reach the slider only through here (see the key guard)
          if (e.key !== "PageUp" && e.key !== "PageDown") return;
          e.preventDefault();
          const big = PAGE_STEPS;
          const next = Math.min(c.values.length - 1, Math.max(0, state[c.name] + (e.key === "PageUp" ? big : -big)));
          input.value = String(next);
          change(c.name, next);
        };
        const row = el("div", { class: "mgk-control mgk-control-range" }, [
          el("div", { class: "mgk-label-row" }, [label, out]),
          c.play ? el("div", { class: "mgk-range-row" }, [input, playButton(c, input)]) : input,
        ]);
        if (c.help) row.appendChild(el("div", { class: "mgk-help", id: cid + "-help", text: c.help }));
        controlsBox.appendChild(row);
        inputs[c.name] = input;
        labels[c.name] = label;
        outputs[c.name] = out;
      } else if (c.kind === "choice") {
        const fs = el("fieldset", { class: "mgk-control mgk-choice", "data-control": c.name }, [
          el("legend", { class: "mgk-label", text: c.label }),
        ]);
        if (c.name === "mg_unit" || c.name.endsWith("_unit")) fs.classList.add("mgk-units");
        const opts2 = el("div", { class: "mgk-options" });
        c.labels.forEach((text, i) => {
          const input = el("input", { type: "radio", name: cid, id: `${cid}-${i}`, value: String(i) });
          if (i === state[c.name]) input.checked = true;
          input.addEventListener("change", () => input.checked && change(c.name, i));
          opts2.appendChild(el("label", { class: "mgk-option", for: `${cid}-${i}` }, [input, el("span", { text: text })]));
        });
        fs.appendChild(opts2);
        controlsBox.appendChild(fs);
        inputs[c.name] = fs;
      } else {
        const label = el("label", { for: cid, class: "mgk-label", text: c.label });
        const select = el("select", { id: cid, class: "mgk-select", "data-control": c.name });
        c.labels.forEach((text, i) => select.appendChild(el("option", { value: String(i), text })));
        select.value = String(state[c.name]);
        select.addEventListener("change", () => change(c.name, Number(select.value)));
        controlsBox.appendChild(el("div", { class: "mgk-control mgk-control-select" }, [label, select]));
        inputs[c.name] = select;
      }
    }
    const reset = el("button", { type: "button", class: "mgk-reset", text: "Reset" });
    reset.addEventListener("click", () => {
      stopPlay();
      setState(Object.assign({}, defaults), true);
    });
    controlsBox.appendChild(el("div", { class: "mgk-control mgk-buttons" }, [reset]));

    if (spec.legend) root.appendChild(el("div", { class: "mgk-legend", html: spec.legend }));
    const readout = el("p", { class: "mgk-readout" });
    const live = el("p", { class: "mgk-live mgk-sr-only", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    root.appendChild(readout);
    root.appendChild(live);
    const figure = el("div", { class: "mgk-figure", role: "img" });
    const plot = el("div", { class: "mgk-plot", "aria-hidden": "true" });
    const note = el("div", { class: "mgk-figure-note", text: "Loading the figure…" });
    figure.appendChild(note);
    figure.appendChild(plot);
    root.appendChild(figure);
    const lockedNote = predict ? el("p", { class: "mgk-locked-note", text: predict.texts.locked }) : null;
    if (lockedNote) root.insertBefore(lockedNote, readout);
    if (spec.caveat) root.appendChild(el("p", { class: "mgk-caveat", text: spec.caveat }));
    if (spec.note) root.appendChild(el("p", { class: "mgk-note", text: spec.note }));

    let Plotly = null;
    let drawn = false;
    let alive = true;
    let liveTimer = null;
    let current = null;

    function syncControls() {
      for (const c of spec.controls) {
        const i = state[c.name];
        if (c.kind === "range") {
          const input = inputs[c.name];
          if (Number(input.value) !== i) input.value = String(i);
          const text = rangeText(c, reader, state);
          input.setAttribute("aria-valuetext", text);
          outputs[c.name].textContent = text;
          labels[c.name].textContent = rangeLabel(c, reader, state);
        } else if (c.kind === "choice") {
          const radio = inputs[c.name].querySelector(`input[value="${i}"]`);
          if (radio && !radio.checked) radio.checked = true;
        } else if (Number(inputs[c.name].value) !== i) inputs[c.name].value = String(i);
      }
    }

    // The figure is redrawn once per animation frame with the latest state: a burst of key presses costs one
    // plotly.js redraw per frame, and the readout never waits for the drawing.
    let frame = null;
    function scheduleDraw() {
      if (frame === null) frame = requestAnimationFrame(() => {
        frame = null;
        draw();
      });
    }

    // titles wrapped to fit this figure's width, kept for later draws at the same width: path → {text as the
    // spec has it → text as drawn} (a title whose text changes with the state is wrapped for each text it shows)
    let wraps = new Map();
    let wrapWidth = 0;
    function withWraps(layout) {
      if (wrapWidth !== plot.offsetWidth) {
        wraps = new Map();
        wrapWidth = plot.offsetWidth;
      }
      const out = JSON.parse(JSON.stringify(layout));
      for (const [path, texts] of wraps) {
        const text = getPath(out, path);
        if (texts.has(text)) setPath(out, path, texts.get(text));
      }
      return out;
    }
    function fit() {
      const more = overflowingTitles(plot, withWraps(current.layout));
      if (!Object.keys(more).length) return;
      for (const [path, text] of Object.entries(more)) {
        if (!wraps.has(path)) wraps.set(path, new Map());
        wraps.get(path).set(getPath(current.layout, path), text);
      }
      Plotly.relayout(plot, Object.fromEntries(Object.entries(more).map(([p, t]) => [p.replace(/\.(\d+)\./g, "[$1]."), t])));
    }
    function draw() {
      if (!alive || !Plotly || !current || !locked) return;
      const layout = themed(narrowed(withWraps(current.layout), plot.offsetWidth), root);
      const drawing = (drawn ? Plotly.react : Plotly.newPlot)(plot, current.data, layout, Object.assign({}, spec.figure.config || {}, {
        displayModeBar: false,
        responsive: true,
        displaylogo: false,
        showLink: false,
        typesetMath: false,
      }));
      drawn = true;
      Promise.resolve(drawing).then(() => alive && fit());
    }

    function render(announce) {
      syncControls();
      current = reader.view(state);
      readout.textContent = current.readout;
      figure.setAttribute("aria-label", locked ? current.alt : predict.texts.alt);
      root.dataset.readout = current.readout;
      if (announce) {
        // announce the first sentence once the student stops moving, not the whole readout at every step
        clearTimeout(liveTimer);
        liveTimer = setTimeout(() => {
          live.textContent = current.readout.split(/(?<=[.;])\s/)[0];
        }, 600);
      }
      if (drawn) scheduleDraw();
      else draw();
      root.dispatchEvent(new CustomEvent("mgk-updated", { detail: { state: Object.assign({}, state) } }));
    }

    function change(name, index) {
      if (state[name] === index) return;
      const c = reader.controls[name];
      const moved = c.sets ? c.sets[index] || {} : {}; // a preset option moves the controls it names
      state = Object.assign({}, state, moved, { [name]: index });
      render(true);
      if (opts.onState) opts.onState(Object.assign({}, state));
    }

    function setState(next, fromUser) {
      state = Object.assign({}, defaults, next);
      render(!!fromUser);
      if (fromUser && opts.onState) opts.onState(Object.assign({}, state));
    }

    // until a prediction is locked: figure, readout and its live region hidden, controls disabled
    function applyLock() {
      readout.hidden = !locked;
      live.hidden = !locked;
      figure.hidden = !locked;
      if (lockedNote) lockedNote.hidden = locked;
      for (const input of controlsBox.querySelectorAll("input, select, button")) input.disabled = !locked;
    }

    function lockPrediction(value, fromUser) {
      if (!predict || prediction !== null || value === null || value === undefined) return;
      prediction = value;
      locked = true;
      predictView.showLocked(value, !!fromUser);
      applyLock();
      render(false);
      if (fromUser && opts.onPrediction) opts.onPrediction(value);
      root.dispatchEvent(new CustomEvent("mgk-predicted", { detail: { prediction: value } }));
    }

    if (predictView && prediction !== null) predictView.showLocked(prediction, false);
    applyLock();
    render(false);
    loadPlotly(opts.plotlyWhere || {}, opts.askKernel).then(
      (P) => {
        Plotly = P;
        note.remove();
        draw();
      },
      (err) => {
        note.textContent =
          "The figure could not be drawn: plotly.js did not load (" +
          err.message +
          "). The text above describes the result.";
      },
    );
    const themeObserver = new MutationObserver(() => drawn && draw());
    if (document.body) themeObserver.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light"] });
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    const onMedia = () => drawn && draw();
    if (media && media.addEventListener) media.addEventListener("change", onMedia);
    const resizer = new ResizeObserver(() => {
      if (!(drawn && alive && plot.offsetWidth > 0)) return;
      if (wrapWidth !== plot.offsetWidth) draw(); // titles wrapped for another width
      Plotly.Plots.resize(plot);
    });
    resizer.observe(figure);
    // printing lays the page out at the paper's width: redraw the figure to fit it, and back afterwards
    const onPrint = () => {
      if (drawn && alive) Plotly.Plots.resize(plot);
    };
    window.addEventListener("beforeprint", onPrint);
    window.addEventListener("afterprint", onPrint);

    // for tests and benchmarks: the reader, the state, and a promise of the next drawn frame
    const drawnFrame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    root.mgk = { reader, getState: () => Object.assign({}, state), setState, plot, drawnFrame, getPrediction: () => prediction, lockPrediction };
    return {
      setState,
      lockPrediction,
      destroy() {
        alive = false;
        stopPlay();
        themeObserver.disconnect();
        resizer.disconnect();
        window.removeEventListener("beforeprint", onPrint);
        window.removeEventListener("afterprint", onPrint);
        if (media && media.removeEventListener) media.removeEventListener("change", onMedia);
        if (drawn && window.Plotly) window.Plotly.purge(plot);
      },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // without a kernel: <div data-mgk-explorer> holding <script type="application/json" class="mgk-spec">
  // and <script type="text/plain" class="mgk-tables"> (base64)
  function b64ToBuffer(text) {
    const bin = atob(text.trim());
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes.buffer;
  }

  function boot(container) {
    if (!container || container.dataset.mgkBooted) return;
    container.dataset.mgkBooted = "1";
    const spec = JSON.parse(container.querySelector("script.mgk-spec").textContent);
    const tables = b64ToBuffer(container.querySelector("script.mgk-tables").textContent);
    const fallback = container.querySelector(".mgk-fallback");
    const root = document.createElement("div");
    container.appendChild(root);
    try {
      mount(root, { spec, tables, plotlyWhere: spec.plotly });
      if (fallback) fallback.remove();
    } catch (err) {
      root.remove();
      console.error("mgk explorer:", err);
    }
  }

  function bootAll(doc) {
    (doc || document).querySelectorAll("[data-mgk-explorer]").forEach(boot);
  }

  // with a kernel: the anywidget view (state syncs back to Python)
  function render({ model, el: host }) {
    const root = document.createElement("div");
    host.appendChild(root);
    const askKernel = () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no answer from the kernel")), 60000);
        const onMsg = (msg) => {
          if (!msg || msg.type !== "plotly-js") return;
          clearTimeout(timer);
          model.off("msg:custom", onMsg);
          const url = URL.createObjectURL(new Blob([msg.source], { type: "text/javascript" }));
          addScript(url).then(resolve, reject).finally(() => URL.revokeObjectURL(url));
        };
        model.on("msg:custom", onMsg);
        model.send({ type: "request-plotly-js" });
      });
    const view = mount(root, {
      spec: model.get("spec"),
      tables: model.get("tables"),
      state: model.get("state"),
      prediction: model.get("prediction"),
      plotlyWhere: model.get("spec").plotly,
      askKernel,
      onState: (s) => {
        model.set("state", s);
        model.save_changes();
      },
      onPrediction: (value) => {
        model.set("prediction", value);
        model.save_changes();
      },
    });
    const onPrediction = () => view.lockPrediction(model.get("prediction"), false);
    model.on("change:prediction", onPrediction);
    const onState = () => {
      const next = model.get("state") || {};
      const now = root.mgk.getState();
      if (Object.keys(next).every((k) => next[k] === now[k])) return; // our own change echoed back
      view.setState(next, false);
    };
    model.on("change:state", onState);
    return () => {
      model.off("change:state", onState);
      model.off("change:prediction", onPrediction);
      view.destroy();
    };
  }

  globalThis.mgkExplorers = { version: VERSION, mount, boot, bootAll, render, Reader, decodeTables };
})();
