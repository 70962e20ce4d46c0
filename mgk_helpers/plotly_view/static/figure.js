// Front end of mgk_helpers.plotly_view.PlotlyView (an anywidget ES module).
// plotly.js is loaded ONCE per page with an ordinary <script> from this Jupyter server
// ({baseUrl}mgk-helpers/static/plotly.min.js, cached by the browser); only if that fails is it
// asked for over the kernel websocket (once per page). No request leaves the server's origin.

const KEY = "__mgkPlotlyPromise";

function baseUrl() {
  try {
    const el = document.getElementById("jupyter-config-data");
    const url = el ? JSON.parse(el.textContent || "{}").baseUrl : null;
    if (url) return url.endsWith("/") ? url : url + "/";
  } catch (err) {
    // fall through to the server root
  }
  return "/";
}

function addScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.async = true;
    s.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly")));
    s.onerror = () => {
      s.remove();
      reject(new Error("could not load " + src));
    };
    document.head.appendChild(s);
  });
}

function askKernel(model) {
  // Fallback: the kernel sends the plotly.js bundle that ships with the plotly package.
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer from the kernel")), 60000);
    const onMsg = (msg) => {
      if (!msg || msg.type !== "plotly-js") return;
      clearTimeout(timer);
      model.off("msg:custom", onMsg);
      const url = URL.createObjectURL(new Blob([msg.source], { type: "text/javascript" }));
      addScript(url).then(resolve, reject).finally(() => URL.revokeObjectURL(url));
    };
    model.on("msg:custom", onMsg);
    try {
      model.send({ type: "request-plotly-js" });
    } catch (err) {
      clearTimeout(timer);
      reject(err);
    }
  });
}

function loadPlotly(model) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window[KEY]) {
    window[KEY] = addScript(baseUrl() + model.get("plotly_js_route")).catch(() => askKernel(model));
    // a failure is not memoised: the next figure may try again (e.g. once the kernel is back)
    window[KEY].catch(() => {
      window[KEY] = null;
    });
  }
  return window[KEY];
}

function render({ model, el }) {
  el.classList.add("mgk-figure");
  el.setAttribute("role", "img");
  const note = document.createElement("div");
  note.className = "mgk-figure-note";
  note.textContent = "Loading the figure…";
  note.style.cssText = "padding:1em;font-size:16px;color:#444";
  el.appendChild(note);
  const plot = document.createElement("div");
  plot.className = "mgk-plot";
  el.appendChild(plot);

  let Plotly = null;
  let drawn = false;
  let pending = false;
  let alive = true;

  const label = () => el.setAttribute("aria-label", model.get("alt_text") || "Figure");
  const draw = () => {
    pending = false;
    if (!alive || !Plotly) return;
    label();
    const layout = Object.assign({}, model.get("figure_layout"));
    const data = model.get("data");
    const config = model.get("config");
    (drawn ? Plotly.react : Plotly.newPlot)(plot, data, layout, config);
    drawn = true;
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(draw);
  };

  label();
  loadPlotly(model).then(
    (P) => {
      Plotly = P;
      note.remove();
      draw();
    },
    (err) => {
      note.textContent =
        "The figure could not be drawn: plotly.js did not load (" + err.message + "). " +
        "Restart the kernel and run this cell again; the text below the controls still describes the result.";
    },
  );
  // one hold_sync batch from Python arrives as one "change" event: redraw once per batch, at once
  // (waiting for the next animation frame would add up to a frame to every slider move)
  const onChange = () => (drawn ? draw() : schedule());
  model.on("change", onChange);
  // follow the width of the output area (it is often still settling when the plot is first drawn)
  const observer = new ResizeObserver(() => {
    if (drawn && alive && plot.offsetWidth > 0) Plotly.Plots.resize(plot);
  });
  observer.observe(el);
  return () => {
    alive = false;
    observer.disconnect();
    model.off("change", onChange);
    if (drawn && window.Plotly) window.Plotly.purge(plot);
  };
}

export default { render };
