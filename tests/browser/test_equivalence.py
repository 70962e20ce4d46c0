"""The page and Python agree: each explorer driven through a sample of states in the browser shows exactly the
readout, text alternative and trace values that Python's reading of the same tables gives
(:meth:`mgk_helpers.explorers.engine.Spec.view`), and those match the model (tests/test_explorer_*.py)."""

from __future__ import annotations

import random

import pytest
from static_site import FACTORIES, StaticServer, temp_dir

from mgk_helpers import widgets
from mgk_helpers.explorers.base import Explorer
from mgk_helpers.plotly_view.server import plotly_js_path

pytestmark = pytest.mark.browser

SAMPLES = 25


def browser_explorers() -> list[tuple[str, Explorer]]:
    out = []
    for name in FACTORIES:
        ex = getattr(widgets, name)()
        if isinstance(ex, Explorer):
            out.append((name, ex))
    return out


def sample_states(ex: Explorer, n: int, seed: int) -> list[dict[str, int]]:
    rng = random.Random(seed)
    controls = ex._spec.controls
    states = [{c.name: 0 for c in controls}, {c.name: len(c.values) - 1 for c in controls}]
    states += [{c.name: rng.randrange(len(c.values)) for c in controls} for _ in range(n)]
    return states


def test_page_and_python_read_the_same_answers(page):
    import shutil

    explorers = browser_explorers()
    assert explorers, "no explorer is answered in the browser"
    root = temp_dir("mgk-equivalence-")
    shutil.copy(plotly_js_path(), root / "plotly.min.js")
    body = "".join(f'<section id="{name}">{ex.static_html()}</section>' for name, ex in explorers)
    (root / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Equivalence</title>'
        f'<link rel="icon" href="data:,"></head><body><main>{body}</main></body></html>',
        encoding="utf-8",
    )
    with StaticServer(root) as server:
        page.goto(server.url("index.html"))
        page.wait_for_function(
            "n => document.querySelectorAll('.mgk-explorer .main-svg').length >= n", arg=len(explorers)
        )
        checked = 0
        for k, (name, ex) in enumerate(explorers):
            for state in sample_states(ex, SAMPLES, seed=k):
                data, _layout, readout, alt = ex._spec.view(state)
                shown = page.evaluate(
                    """async ([id, state]) => {
                      const root = document.querySelector(`#${id} .mgk-explorer`);
                      root.mgk.setState(state, true);
                      await root.mgk.drawnFrame();
                      const fig = root.querySelector('.mgk-figure');
                      return {readout: root.querySelector('.mgk-readout').textContent,
                              alt: fig.getAttribute('aria-label'),
                              traces: root.mgk.plot.data.map(t => ({x: t.x, y: t.y}))};
                    }""",
                    [name, state],
                )
                assert shown["readout"] == readout, f"{name} at {state}: readout differs"
                assert shown["alt"] == alt, f"{name} at {state}: text alternative differs"
                assert len(shown["traces"]) == len(data), f"{name} at {state}: number of traces differs"
                for i, (t_page, t_py) in enumerate(zip(shown["traces"], data, strict=True)):
                    for axis in ("x", "y"):
                        got, want = t_page.get(axis), t_py.get(axis)
                        if isinstance(want, list) and want and isinstance(want[0], (int, float)):
                            assert got == pytest.approx(want, rel=1e-12, abs=1e-12), (
                                f"{name} at {state}: trace {i} {axis} differs"
                            )
                checked += 1
        assert checked >= len(explorers) * SAMPLES
        page.watch.assert_clean()
