"""Explorers, Python side: what a kernel sends when an explorer is shown and when a control moves.

For every explorer the notebooks call: the bytes of its first display (the widget state — spec, binary tables,
front end — plus the saved HTML fragment that makes it work without a kernel), the bytes one control change
sends (only the new state: the page looks the answer up), and the time Python takes to read the view at a new
state (``readout_text`` / ``figure``: what self-checks and tests read; the page never waits for it). Then
the sum for each notebook's explorers and quiz against the Run All budget (1.5 MB). Printed only.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from mgk_helpers import widgets
from mgk_helpers.quizzes import nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07

N_CHANGES = 120

#: What each notebook shows (explorer factories with their notebook arguments, then its quiz).
NOTEBOOKS: dict[str, list[Callable[[], Any]]] = {
    "00": [widgets.unit_converter, lambda: widgets.quiz(nb00.questions())],
    "01": [widgets.mg_k_steady_state, lambda: widgets.quiz(nb01.questions())],
    "02": [widgets.cell_distribution, lambda: widgets.quiz(nb02.questions())],
    "03": [widgets.membrane_explorer, lambda: widgets.quiz(nb03.questions())],
    "04": [
        lambda: widgets.time_course(scenario="refractory_repletion"),
        lambda: widgets.quiz(nb04.questions()),
    ],
    "05": [widgets.cause_presets, widgets.lab_panel, lambda: widgets.quiz(nb05.questions())],
    "06": [widgets.food_explorer, widgets.diet_planner, lambda: widgets.quiz(nb06.questions())],
    "07": [
        lambda: widgets.lab_panel(serum_k=3.1, serum_mg=0.5),
        lambda: widgets.time_course(scenario="refractory_repletion"),
        lambda: widgets.diet_planner(
            foods={"oats": 1, "banana": 1, "potato_baked": 1, "yogurt_low_fat": 1}, age=72, sex="female"
        ),
        lambda: widgets.quiz(nb07.questions()),
    ],
}


class CountingComm:
    """Stands in for a kernel comm: counts the JSON and binary bytes of each message."""

    kernel = object()
    comm_id = "bench"

    def __init__(self) -> None:
        self.bytes = 0

    def send(self, data: Any = None, buffers: Any = None, **_kw: Any) -> None:
        self.bytes += len(json.dumps(data, separators=(",", ":")).encode("utf-8"))
        self.bytes += sum(len(memoryview(b).cast("B")) for b in buffers or ())

    def on_msg(self, *_a: Any) -> None: ...

    def on_close(self, *_a: Any) -> None: ...

    def close(self, *_a: Any, **_kw: Any) -> None: ...


def display_bytes(widget: Any) -> int:
    """Widget state (JSON and binary buffers, as the kernel sends them) plus the saved output's HTML."""
    from ipywidgets.widgets.widget import _remove_buffers

    state, _paths, buffers = _remove_buffers(widget.get_state())
    data, _meta = widget._repr_mimebundle_()
    html = data.get("text/html", "")
    return len(json.dumps(state).encode()) + sum(len(b) for b in buffers) + len(html.encode())


def change_cost(ex: Any) -> tuple[float, float, float]:
    """(median ms to read the view after a change, p95 ms, bytes per change) over N_CHANGES changes."""
    comm = CountingComm()
    ex.comm = comm
    controls = list(ex._spec.controls)
    times = []
    for k in range(N_CHANGES):
        c = controls[k % len(controls)]
        handle = ex.controls[c.name]
        t0 = time.perf_counter()
        handle.index = (handle.index + 1 + k) % len(c.values)
        _ = ex.readout_text, ex.figure.data
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1e3, times[int(0.95 * (len(times) - 1))] * 1e3, comm.bytes / N_CHANGES


def main() -> None:
    print("### Per explorer: first display, a control change, Python reading the view\n")
    print("| explorer | first display (kB) | per change (bytes) | Python reads the view (ms, median / p95) |")
    print("|---|---:|---:|---:|")
    seen = set()
    totals = {}
    for nb, factories in NOTEBOOKS.items():
        total = 0
        for factory in factories:
            widget = factory()
            n = display_bytes(widget)
            total += n
            name = type(widget).__name__
            if name in seen or not hasattr(widget, "_spec"):
                continue
            seen.add(name)
            med, p95, per = change_cost(widget)
            print(f"| {name} | {n / 1e3:.0f} | {per:.0f} | {med:.2f} / {p95:.2f} |")
        totals[nb] = total
    print("\n### Per notebook: everything its explorers and quiz send on Run All (budget 1.5 MB)\n")
    print("| notebook | explorers + quiz (MB) |")
    print("|---|---:|")
    for nb, total in totals.items():
        print(f"| {nb} | {total / 1e6:.2f} |")


if __name__ == "__main__":
    main()
