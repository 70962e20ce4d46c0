"""End-to-end performance in a real JupyterLab + headless Chromium (printed, never pass/fail).

Per notebook: Run All → every figure rendered (s), websocket bytes of Run All, kernel RSS after Run All.
Per explorer (first slider, 20 key presses): key press → readout changed, → trace path changed, → painted
(two animation frames later), median and p95, plus websocket bytes per press. The same for a naive
``ipywidgets.interact`` + a new ``go.Figure`` per move on the same model, and the ratio. Then the browser
test suite N times in a row and its failure count (flakiness).

    python bench/bench_browser.py [--quick] [--presses N] [--runs N] [--no-flaky]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import nbformat
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from jlab import (  # noqa: E402
    REPO,
    TRACE_PATHS,
    JupyterServer,
    PageWatch,
    chromium_context,
    notebooks,
    open_notebook,
    run_all,
    unlock_all,
)

# Arm a measurement for the next key press: resolves with ms from the keydown to readout changed, to
# trace path changed and to painted (two rAF after both), or null for what did not change within 5 s.
_JS_ARM = """([root, readoutSel, traceSel]) => {
  const text = () => { const r = root.querySelector(readoutSel); return r ? r.innerText : ''; };
  // Drawn data: every scatter path (lines, markers) with its geometry; a redrawn figure has new nodes.
  const nodes = () => [...root.querySelectorAll(traceSel)];
  const paths = () => nodes().map(p => `${p.getAttribute('d')} ${p.getAttribute('transform')}`).join('|');
  const nodes0 = new Set(nodes());
  const changed = () => {
    const now = nodes();
    return now.length > 0 && (paths() !== paths0 || now.some(n => !nodes0.has(n)));
  };
  const text0 = text(), paths0 = paths();
  const res = {update: null, readout: null, trace: null, painted: null};
  window.__mgkMeasure = new Promise(resolve => {
    let t0 = null;
    // times are taken as they happen and made relative to the key press at the end: an explorer answered in
    // the page may update before the key listener below has run (see mgk-updated)
    let tReadout = null, tTrace = null, done = false;
    const finish = () => {
      if (done) return;
      done = true;
      obs.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        if (t0 !== null) {
          if (tUpdate !== null) res.update = tUpdate - t0;
          if (tReadout !== null) res.readout = tReadout - t0;
          if (tTrace !== null) res.trace = tTrace - t0;
          if (tPainted !== null) res.painted = tPainted - t0;
          else if (tReadout !== null && tTrace !== null) res.painted = performance.now() - t0;
        }
        resolve(res);
      }));
    };
    const obs = new MutationObserver(() => {
      const now = performance.now();
      if (tReadout === null && text() !== text0) tReadout = now;
      if (tTrace === null && changed()) tTrace = now;
      if (tReadout !== null && tTrace !== null) finish();
    });
    obs.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
    // explorers answered in the browser say when the page has looked the answer up; they handle a key in the
    // window's capture phase, before the listener below runs, so the key's time is the event's timeStamp
    // painted: two animation frames after the update (the figure is redrawn in the first; for the naive
    // baseline, which has no update event, two frames after its readout and trace have both changed)
    let tUpdate = null, tPainted = null;
    root.addEventListener('mgk-updated', () => {
      tUpdate = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { tPainted = performance.now(); }));
    }, {once: true});
    window.addEventListener('keydown', (e) => {
      t0 = e.timeStamp;
      setTimeout(finish, 5000);
    }, {once: true, capture: true});
  });
}"""

_JS_KERNEL_IDLE = """async () => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  await kernel.requestExecute({code: '', silent: true, store_history: false}).done;
}"""

EXPLORER = (".mgk-readout", TRACE_PATHS)
NAIVE = (".widget-output .jp-RenderedText", ".cartesianlayer .trace path")

NAIVE_CODE = textwrap.dedent("""\
    import plotly.io as pio
    from ipywidgets import FloatSlider, interact

    from mgk_helpers import model, plots

    pio.renderers.default = "plotly_mimetype"  # JupyterLab's bundled plotly renderer, no CDN
    lo, hi = model.SERUM_MG_RANGE


    @interact(serum_mg=FloatSlider(value=0.85, min=lo, max=hi, step=0.01, description="Serum Mg (mmol/L)"))
    def naive(serum_mg):
        point = model.steady_state(serum_mg, model.K_INTAKE_DEFAULT, 1.0)
        print(f"Serum K {point.serum_k:.2f} mmol/L; urine K {point.urine_k:.0f} mmol/day (Mg {serum_mg:.2f})")
        plots.steady_state_figure(serum_mg, model.K_INTAKE_DEFAULT, 1.0, model.Params(), "mmol/L").show()
    """)


def stats(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return statistics.median(values), p95


def kernel_rss_mb(server: JupyterServer, kernel_id: str) -> float:
    for child in psutil.Process(server.proc.pid).children(recursive=True):
        try:
            if any(kernel_id in arg for arg in child.cmdline()):
                return child.memory_info().rss / 2**20
        except psutil.NoSuchProcess:
            continue
    return float("nan")


def measure_presses(page, watch: PageWatch, root, selectors: tuple[str, str], presses: int) -> dict:
    """Alternate PageUp/PageDown on the first slider under `root`; one measurement per press."""
    native = root.locator("input[type=range]")
    if native.count():
        handle = native.first
        at_max = int(handle.input_value()) >= int(handle.get_attribute("max"))
    else:
        handle = root.locator(".widget-slider .noUi-handle").first
        at_max = float(handle.get_attribute("aria-valuetext")) >= float(handle.get_attribute("aria-valuemax"))
    keys = ["PageDown", "PageUp"] if at_max else ["PageUp", "PageDown"]
    results, ws = [], []
    for i in range(presses):
        page.evaluate(_JS_ARM, [root.element_handle(), *selectors])
        handle.focus()
        before = watch.ws_bytes()
        page.keyboard.press(keys[i % 2])
        results.append(page.evaluate("() => window.__mgkMeasure"))
        page.evaluate(_JS_KERNEL_IDLE)
        ws.append(watch.ws_bytes() - before)
    out = {"missed": sum(r["painted"] is None for r in results), "ws": statistics.median(ws)}
    for key in ("update", "readout", "trace", "painted"):
        got = [r[key] for r in results if r[key] is not None]
        out[key] = stats(got) if got else (float("nan"), float("nan"))
    return out


def idle_round_trip_bytes(page, watch: PageWatch) -> int:
    before = watch.ws_bytes()
    page.evaluate(_JS_KERNEL_IDLE)
    return watch.ws_bytes() - before


def bench_notebooks(context, presses: int) -> tuple[list, list]:
    per_notebook, per_explorer = [], []
    with JupyterServer().start() as server:
        for nb in notebooks():
            rel = nb.relative_to(REPO).as_posix()
            page = context.new_page()
            watch = PageWatch().attach(page)
            try:
                kernel_id = open_notebook(page, server, rel, workspace=f"bench-{nb.stem}")
                before = watch.ws_bytes()
                result = run_all(page)
                ws_run_all = watch.ws_bytes() - before
                unlock_all(page)  # predict first: lock every prediction (by keyboard) to see the figures
                per_notebook.append(
                    (
                        rel,
                        result["seconds"],
                        result["figures"],
                        ws_run_all,
                        kernel_rss_mb(server, kernel_id),
                        result["errors"],
                    )
                )
                idle = idle_round_trip_bytes(page, watch)
                explorers = page.locator(".mgk-explorer")
                for i in range(explorers.count()):
                    explorer = explorers.nth(i)
                    if not explorer.locator(".mgk-figure").count() or not (
                        explorer.locator(".noUi-handle").count()
                        or explorer.locator("input[type=range]").count()
                    ):
                        continue
                    explorer.scroll_into_view_if_needed()
                    m = measure_presses(page, watch, explorer, EXPLORER, presses)
                    m["ws"] -= idle
                    per_explorer.append((f"{rel.removesuffix('.ipynb')} #{i}", m))
            finally:
                page.close()
                server.delete_sessions()
    return per_notebook, per_explorer


def bench_naive(context, presses: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="mgk-naive-") as tmp:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(NAIVE_CODE)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, Path(tmp) / "naive.ipynb")
        with JupyterServer(root_dir=Path(tmp)).start() as server:
            page = context.new_page()
            watch = PageWatch().attach(page)
            try:
                open_notebook(page, server, "naive.ipynb", workspace="naive")
                run_all(page)
                page.wait_for_selector(".widget-interact .js-plotly-plot", timeout=60_000)
                idle = idle_round_trip_bytes(page, watch)
                m = measure_presses(page, watch, page.locator(".widget-interact").first, NAIVE, presses)
                m["ws"] -= idle
                m["console_errors"] = watch.console_errors
                m["external"] = watch.external_requests
                return m
            finally:
                page.close()
                server.delete_sessions()


def flakiness(runs: int) -> list[int]:
    codes = []
    for i in range(runs):
        cmd = [sys.executable, "-m", "pytest", "tests", "-m", "browser", "-q"]
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        codes.append(proc.returncode)
        tail = proc.stdout.strip().splitlines()[-1:] or ["(no output)"]
        print(f"  run {i + 1}/{runs}: exit {proc.returncode} — {tail[0]}", flush=True)
    return codes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10 presses, 2 suite runs")
    ap.add_argument("--presses", type=int, default=20)
    ap.add_argument("--runs", type=int, default=10, help="browser-suite runs for the flakiness count")
    ap.add_argument("--no-flaky", action="store_true", help="skip the flakiness runs")
    args = ap.parse_args(argv)
    presses, runs = (10, 2) if args.quick else (args.presses, args.runs)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, chromium_context(pw) as context:
        per_notebook, per_explorer = bench_notebooks(context, presses)
        naive = bench_naive(context, presses)

    print(
        "### Run All per notebook (goals: figures rendered ≤ 3 s, websocket ≤ 1.5 MB, kernel RSS ≤ 250 MB)\n"
    )
    print(
        "| notebook | Run All → figures rendered (s) | figures | websocket (MB) | kernel RSS (MB) | errors |"
    )
    print("|---|---:|---:|---:|---:|---|")
    for rel, secs, figs, ws, rss, errors in per_notebook:
        print(f"| {rel} | {secs:.2f} | {figs} | {ws / 1e6:.3f} | {rss:.0f} | {'; '.join(errors) or '—'} |")

    print(
        f"\n### Key press → update, {presses} presses (PageUp/PageDown) per explorer, ms median / p95 "
        "(goals: updated in the page ≤ 10 ms; painted ≤ 35 ms and ≥ 5× faster than naive)\n"
    )
    print(
        "| explorer | updated in page | readout | trace | painted | painted vs naive "
        "| websocket per press (kB) | missed |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")

    def cell(pair: tuple[float, float]) -> str:
        return "—" if pair[0] != pair[0] else f"{pair[0]:.1f} / {pair[1]:.1f}"

    def row(name: str, m: dict, ratio: str) -> None:
        cells = " | ".join(cell(m[k]) for k in ("update", "readout", "trace", "painted"))
        print(f"| {name} | {cells} | {ratio} | {m['ws'] / 1e3:.1f} | {m['missed']} |")

    for name, m in per_explorer:
        row(name, m, f"{naive['painted'][0] / m['painted'][0]:.1f}× faster")
    row("naive interact + new go.Figure", naive, "1×")
    if naive["console_errors"] or naive["external"]:
        print(
            f"\n(naive page: console errors {naive['console_errors']}, external requests {naive['external']})"
        )

    if not args.no_flaky:
        print(f"\n### Flakiness: `pytest tests -m browser`, {runs} runs in a row\n")
        codes = flakiness(runs)
        print(f"\nfailures: {sum(c != 0 for c in codes)} of {runs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
