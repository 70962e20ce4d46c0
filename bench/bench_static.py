"""Explorers without a kernel, and what they cost to build (printed, never pass/fail).

* Python precompute per explorer: the constructor (model answers over the control grid), median of 5, with the
  bytes of its tables and of its saved HTML fragment.
* Per notebook exported with nbconvert (offline template) and served by a plain static file server: the page's
  own weight (plotly.js, loaded once and cached, aside), navigation → every explorer interactive, and
  key press → updated in the page / → painted (two animation frames later) on the first slider of each
  explorer, median / p95 over N presses.

    python bench/bench_static.py [--presses N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from jlab import DRAWN_JS, PENDING, REPO, chromium_context, unlock_all  # noqa: E402
from static_site import FACTORIES, StaticServer, export_html, temp_dir  # noqa: E402

from mgk_helpers import widgets  # noqa: E402
from mgk_helpers.explorers.base import Explorer  # noqa: E402

# Interactive: every explorer drawn, or (predict first) showing its predict panel, which is what a student
# can act on before a prediction is locked.
_JS_INTERACTIVE = f"""() => {{
  const n = document.querySelectorAll('[data-mgk-explorer]').length;
  const done = [...document.querySelectorAll('[data-mgk-explorer] .mgk-explorer')]
    .filter(e => e.querySelector('.main-svg') || e.querySelector('{PENDING}')).length;
  return done >= n ? performance.now() : null;
}}"""

_JS_ARM = """(root) => {
  // The explorer handles a key inside the window's own capture listener (its key guard), before any listener
  // added here runs: take the key's time from the event (its timeStamp) and the update's when it happens.
  window.__mgkMeasure = new Promise(resolve => {
    let t0 = null, tUpdate = null;
    const res = {update: null, painted: null};
    root.addEventListener('mgk-updated', () => {
      tUpdate = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        res.update = tUpdate - t0;
        res.painted = performance.now() - t0;
        resolve(res);
      }));
    }, {once: true});
    window.addEventListener('keydown', (e) => { t0 = e.timeStamp; }, {once: true, capture: true});
    setTimeout(() => resolve(res), 5000);
  });
}"""


def stats(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


_FIRST = (
    "import time, mgk_helpers.widgets as w; f = getattr(w, {name!r}); t = time.perf_counter(); f(); "
    "print((time.perf_counter() - t) * 1e3)"
)


def first_build_ms(name: str) -> float:
    """The first build in a fresh Python process (imports done first): what a student's Run All pays."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", _FIRST.format(name=name)], capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def precompute() -> None:
    print("### Python precompute per explorer (goal ≤ 250 ms), tables and saved fragment\n")
    print("| explorer | first build in a fresh kernel (ms) | later builds (ms, median of 5) | tables (kB) |")
    print("|---|---:|---:|---:|")
    for name in FACTORIES:
        first = first_build_ms(name)
        factory = getattr(widgets, name)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            ex = factory()
            times.append((time.perf_counter() - t) * 1e3)
        tables = f"{len(ex.tables) / 1e3:.1f}" if isinstance(ex, Explorer) else "(kernel-driven)"
        print(f"| {name} | {first:.0f} | {statistics.median(times):.0f} | {tables} |")


def measure(page, url: str, presses: int) -> dict:
    """One page (plotly.js already in the browser's cache): navigation → every explorer interactive (s), and
    key → updated / painted (ms, median / p95) on the first control of each explorer."""
    page.goto(url)
    n = page.locator("[data-mgk-explorer]").count()
    ready = page.wait_for_function(_JS_INTERACTIVE, timeout=30_000).json_value()
    # predict first: lock every prediction (by keyboard, not timed) so that the keys below move the figures
    unlock_all(page, "[data-mgk-explorer] .mgk-explorer")
    page.wait_for_function(DRAWN_JS, arg=n, timeout=30_000)
    updates, painted = [], []
    explorers = page.locator("[data-mgk-explorer] .mgk-explorer")
    for i in range(explorers.count()):
        rng = explorers.nth(i).locator("input[type=range]")
        if rng.count():  # the first slider, Page Up / Page Down
            rng = rng.first
            at_max = int(rng.input_value()) >= int(rng.get_attribute("max"))
            keys = ["PageDown", "PageUp"] if at_max else ["PageUp", "PageDown"]
        else:  # an explorer of drop-downs (the time course): the first one, arrow keys
            rng = explorers.nth(i).locator("select").first
            last = rng.evaluate("s => s.selectedIndex === s.options.length - 1")
            keys = ["ArrowUp", "ArrowDown"] if last else ["ArrowDown", "ArrowUp"]
        rng.scroll_into_view_if_needed()
        for k in range(presses):
            page.evaluate(_JS_ARM, explorers.nth(i).element_handle())
            rng.focus()
            page.keyboard.press(keys[k % 2])
            r = page.evaluate("() => window.__mgkMeasure")
            if r["update"] is not None:
                updates.append(r["update"])
                painted.append(r["painted"])
    return {
        "explorers": n,
        "interactive_s": ready / 1e3,
        "updated": "—" if not updates else "{:.1f} / {:.1f}".format(*stats(updates)),
        "painted": "—" if not painted else "{:.1f} / {:.1f}".format(*stats(painted)),
    }


def pages(presses: int) -> None:
    from playwright.sync_api import sync_playwright

    out = temp_dir("mgk-bench-static-")
    notebooks = sorted(REPO.glob("notebooks/*.ipynb"))
    for nb in notebooks:
        export_html(nb, out)
    print(
        "\n### Static pages (nbconvert HTML on a plain file server; goals: page ≤ 1 MB, interactive ≤ 1.5 s, "
        "key → updated ≤ 10 ms)\n"
    )
    print(
        "| page | own weight (MB) | explorers | navigation → interactive (s) | updated (ms) | painted (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    with sync_playwright() as pw, chromium_context(pw) as context, StaticServer(out) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server.url(notebooks[0].stem + ".html"))  # plotly.js into the cache, as on a course site
        for nb in notebooks:
            html = out / (nb.stem + ".html")
            m = measure(page, server.url(html.name), presses)
            weight = html.stat().st_size / 1e6
            print(
                f"| {nb.stem} | {weight:.2f} | {m['explorers']} | {m['interactive_s']:.2f} | {m['updated']} "
                f"| {m['painted']} |"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presses", type=int, default=20)
    args = ap.parse_args(argv)
    precompute()
    pages(args.presses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
