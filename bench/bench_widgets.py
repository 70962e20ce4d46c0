"""Explorer speed and weight: Python-side time per control change, and websocket bytes.

For every explorer: set a control ≥ 200 times (each set runs model + figure patch + readout, and the
JSON serialisation a kernel would do) and print the median and p95 time per change, the bytes sent
per change, and the bytes of the explorer's first display (all its widgets' states, including the
figure's ``_esm``). Goals (see CONTRIBUTING.md, Explorers): ≤ 2 ms per change for steady-state
explorers, ≤ 15 ms for the time-course explorer; a notebook's Run All ≤ 1.5 MB. Printed only; never
fails on time.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets

from mgk_helpers import widgets
from mgk_helpers.plotly_view import PlotlyView
from mgk_helpers.quizzes import NumericQuestion

N_CHANGES = 240


class CountingComm:
    """Stands in for a kernel comm: serialises each message as the kernel would and counts bytes."""

    kernel = object()
    comm_id = "bench"

    def __init__(self) -> None:
        self.bytes = 0
        self.messages = 0

    def send(self, data: Any = None, buffers: Any = None, **_kw: Any) -> None:
        self.bytes += len(json.dumps(data, separators=(",", ":")).encode("utf-8"))
        self.messages += 1

    def on_msg(self, *_a: Any) -> None: ...

    def on_close(self, *_a: Any) -> None: ...

    def close(self, *_a: Any, **_kw: Any) -> None: ...


def tree(widget: ipywidgets.Widget) -> Iterable[ipywidgets.Widget]:
    """A widget and every widget inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


def display_bytes(explorer: ipywidgets.Widget) -> int:
    """Bytes of the states the kernel sends when the explorer is first displayed."""
    return sum(len(json.dumps(w.get_state(), separators=(",", ":")).encode("utf-8")) for w in tree(explorer))


def attach(explorer: ipywidgets.Widget) -> CountingComm:
    comm = CountingComm()
    for w in tree(explorer):
        w.comm = comm
    return comm


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(explorer: widgets.Explorer, name: str, values: list[Any]) -> tuple[list[float], float]:
    """Seconds per change and bytes per change when control ``name`` takes each value in turn."""
    control = explorer.controls[name]
    comm = attach(explorer)
    times = []
    for v in values:
        t0 = time.perf_counter()
        control.value = v
        times.append(time.perf_counter() - t0)
    return times, comm.bytes / len(values)


def slider_values(control: ipywidgets.FloatSlider, n: int = N_CHANGES) -> list[float]:
    """n distinct in-range values sweeping the slider back and forth."""
    lo, hi = control.min, control.max
    return [lo + (hi - lo) * (0.05 + 0.9 * abs(((i * 0.0371) % 2.0) - 1.0)) for i in range(n)]


def cycle(options: Iterable[Any], n: int = N_CHANGES) -> list[Any]:
    opts = list(options)
    return [opts[i % len(opts)] for i in range(n)]


def row(label: str, times: list[float], per_change: float, goal_ms: float) -> str:
    med, p95 = statistics.median(times) * 1e3, pct(times, 0.95) * 1e3
    flag = "ok" if p95 <= goal_ms else "over goal"
    return (
        f"| {label:<44} | {med:7.2f} | {p95:7.2f} | {goal_ms:5.0f} | {flag:<9} | {per_change / 1024:8.1f} |"
    )


def main() -> None:
    print(f"Python-side time per control change over {N_CHANGES} changes (model + figure + readout + JSON).")
    print(
        "| explorer · control                           | med ms  | p95 ms  | goal  | p95       | KB/change |"
    )
    print(
        "|----------------------------------------------|---------|---------|-------|-----------|-----------|"
    )
    factories: dict[str, Callable[[], widgets.Explorer]] = {
        "mg_k_steady_state": widgets.mg_k_steady_state,
        "cell_distribution": widgets.cell_distribution,
        "membrane_explorer": widgets.membrane_explorer,
    }
    first_display = {}
    for ex_name, factory in factories.items():
        ex = factory()
        first_display[ex_name] = display_bytes(ex)
        for name, control in ex.controls.items():
            if isinstance(control, ipywidgets.FloatSlider):
                values = slider_values(control)
            else:
                options = getattr(control, "options", (True, False))
                # a SelectionSlider's options are (label, value) pairs; walk them like a slider
                values = cycle([o[1] if isinstance(o, tuple) else o for o in options])
            times, per_change = measure(ex, name, values)
            print(row(f"{ex_name} · {name}", times, per_change, 2.0))

    tc = widgets.time_course()
    first_display["time_course"] = display_bytes(tc)
    options = [value for _title, value in tc.controls["scenario"].options]  # (title, id) pairs
    times, per_change = measure(tc, "scenario", cycle(options))
    print(row("time_course · scenario (cached runs)", times, per_change, 15.0))
    units = [value for _label, value in tc.controls["mg_unit"].options]  # (label, value) pairs
    times, per_change = measure(tc, "mg_unit", cycle(units))
    print(row("time_course · mg_unit (cached runs)", times, per_change, 15.0))
    build = []
    for _ in range(5):
        t0 = time.perf_counter()
        widgets.time_course()
        build.append(time.perf_counter() - t0)
    print(
        f"\ntime_course construction (simulates and builds every scenario's figure once, so no change "
        f"waits for a simulation): median {statistics.median(build) * 1e3:.0f} ms, "
        f"max {max(build) * 1e3:.0f} ms"
    )

    esm = len(PlotlyView._esm.encode("utf-8"))
    print(
        f"\nPlotlyView _esm: {esm / 1024:.1f} KB per figure "
        "(plotly.js itself is loaded once per page by URL)."
    )
    print("First display of each explorer (all widget states incl. the figure and its _esm):")
    for name, n in first_display.items():
        print(f"  {name:<20} {n / 1024:7.1f} KB")
    quiz_bytes = display_bytes(widgets.quiz([NumericQuestion("q", 1.0, 0.0, "", "")]))
    total = sum(first_display.values()) + quiz_bytes
    print(f"  all four + a quiz     {total / 1024:7.1f} KB  (Run All budget 1536 KB)")
    try:
        import plotly

        from mgk_helpers.plotly_view import plotly_js_path

        stock = len(plotly_js_path().read_bytes())
        print(
            f"  (stock FigureWidget would send ~{stock / 1e6:.1f} MB of plotly.js per figure; "
            f"plotly {plotly.__version__})"
        )
    except OSError:
        pass


if __name__ == "__main__":
    main()
