"""The course website (``make site``): build time, and each notebook page as a student's browser gets it
(printed, never pass/fail).

* ``make site``'s build (``tools/build_site.py`` in a fresh process): seconds, median of 3.
* Per notebook page, served by a plain static file server: its weight on a first visit with an empty cache
  (every file it loads: HTML, the theme's CSS, JavaScript and fonts, the explorers' front end; plotly.js
  aside), as files and as sent gzip-compressed,
  navigation → every explorer interactive (plotly.js cached, as after the first page), and key press → updated
  in the page / → painted on the first control of each explorer, median / p95 over N presses.

    python bench/bench_site.py [--presses N]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from bench_static import measure  # noqa: E402
from jlab import REPO, chromium_context, find_chromium  # noqa: E402
from static_site import StaticServer, temp_dir  # noqa: E402


def build_seconds(out: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, str(REPO / "tools" / "build_site.py"), str(out)], check=True, capture_output=True
        )
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def first_visit_bytes(browser, url: str) -> tuple[int, int, int]:
    """Bytes of every file a page loads with an empty cache, plotly.js aside: as files, and gzip-compressed
    (what a static host such as GitHub Pages sends for text; web fonts go as they are); and how many files."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []

    def on_response(response) -> None:
        if not response.url.endswith("/plotly.min.js"):
            try:
                bodies.append((response.url, response.body()))
            except Exception:  # a redirect or an aborted request has no body
                pass

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    context.close()
    raw = sum(len(b) for _, b in bodies)
    sent = sum(len(b) if u.split("?")[0].endswith(".woff2") else len(gzip.compress(b, 6)) for u, b in bodies)
    return raw, sent, len(bodies)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presses", type=int, default=20)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = temp_dir("mgk-bench-site-")
    seconds = build_seconds(out)
    html = out / "html"
    print(f"### make site (goal < 120 s): {seconds:.1f} s to build {len(list(html.glob('*.html')))} pages\n")
    print(
        "### Course website pages (plain static file server; goals: page ≤ 1 MB with plotly.js aside, "
        "interactive ≤ 1.5 s, key → updated ≤ 10 ms)\n"
    )
    print(
        "| page | first visit: files (MB) | first visit: sent gzip (MB) | this page's HTML (MB) | explorers "
        "| navigation → interactive (s) | updated (ms) | painted (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    pages = sorted(p.name for p in html.glob("[0-9][0-9]_*.html"))
    with sync_playwright() as pw, StaticServer(html) as server:
        browser = pw.chromium.launch(executable_path=find_chromium(), headless=True)
        weights = {name: first_visit_bytes(browser, server.url(name)) for name in pages}
        browser.close()
        with chromium_context(pw) as context:
            page = context.new_page()
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(server.url(pages[1]))  # plotly.js into the cache, as after a student's first page
            page.wait_for_timeout(2000)
            for name in pages:
                m = measure(page, server.url(name), args.presses)
                raw, sent, files = weights[name]
                own = (html / name).stat().st_size
                row = [name[:-5], f"{raw / 1e6:.2f} ({files} files)", f"{sent / 1e6:.2f}", f"{own / 1e6:.2f}"]
                row += [m["explorers"], f"{m['interactive_s']:.2f}"]
                print("| " + " | ".join(map(str, [*row, m["updated"], m["painted"]])) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
