"""A class at once: N students on the lab-server hub (``make hub``'s config), in headless Chromium (printed).

A hub from hub/jupyterhub_config.py with its own temporary state on free ports of 127.0.0.1, a short
culling timeout; N students (threads, each its own Chromium) log in at the same moment through the login
page, land in JupyterLab at 00_start_here.ipynb, open a notebook (01 by default), Run All, lock the
explorer's prediction and move a slider 20 times (Page Up/Down). Then they close their browsers and the idle
culler must stop every server. Printed: hub start, spawn (as the hub measures it, and login → JupyterLab
ready in the browser), Run All, key press → updated / painted p50 and p95 over all students, memory per
student (RSS and PSS of the server and its kernels), CPU seconds, failures (must be 0) and culling. Figures,
never pass/fail on time; a failure (an error, a missed update, a request leaving 127.0.0.1, a server not
culled) makes the exit status 1.

    python bench/bench_class.py [--students N] [--time-bound S] [--notebook NAME] [--presses 20]
                                [--cull-timeout S] [--mem-limit 1G]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "hub"))
from bench_browser import _JS_ARM, EXPLORER  # noqa: E402
from jlab import _JS_NOTEBOOK_READY, CHROMIUM_ARGS, PageWatch, find_chromium, run_all, unlock_all  # noqa: E402


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank), as bench_browser.stats does for p95."""
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


class Student(threading.Thread):
    """One student: log in, land in JupyterLab, open the notebook, Run All, predict, move a slider."""

    def __init__(self, hub, name: str, args, start_line: threading.Barrier, deadline: float):
        super().__init__(name=name, daemon=True)
        self.hub, self.user, self.args, self.start_line, self.deadline = hub, name, args, start_line, deadline
        self.result: dict = {"user": name, "failures": []}
        self.done_at: float | None = None

    def remaining_ms(self) -> float:
        return max(1000.0, (self.deadline - time.monotonic()) * 1000)

    def run(self) -> None:
        from playwright.sync_api import sync_playwright

        r = self.result
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
                )
                try:
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    watch = PageWatch().attach(page)
                    try:
                        self.work(page, watch)
                    except Exception:
                        watch.save(page, f"bench-class-{self.user}")  # screenshot and console log
                        raise
                    finally:
                        r["external_requests"] = watch.external_requests
                        r["console_errors"] = watch.console_errors
                        context.close()
                finally:
                    browser.close()
        except Exception as exc:  # reported as a failure of this student, with where it happened
            r["failures"].append(f"{type(exc).__name__}: {exc}".splitlines()[0][:300])
            r["traceback"] = traceback.format_exc()
        finally:
            self.done_at = time.monotonic()

    def work(self, page, watch: PageWatch) -> None:
        r, hub = self.result, self.hub
        page.goto(f"{hub.url}/hub/login", timeout=self.remaining_ms())
        page.fill("#username_input", self.user)
        page.fill("#password_input", hub.password)
        self.start_line.wait(timeout=self.remaining_ms() / 1000)  # everybody presses "Sign in" together
        t0 = time.monotonic()
        page.click("#login_submit")
        # the spawn-pending page, then JupyterLab at the default URL (00_start_here.ipynb) with its kernel
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext",
            timeout=self.remaining_ms(),
        )
        page.evaluate(_JS_NOTEBOOK_READY)
        r["landed"] = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")
        r["login_to_lab"] = time.monotonic() - t0
        r["cpu_landed"] = self.cpu_seconds()
        if r["landed"] != "00_start_here.ipynb":
            r["failures"].append(f"landed on {r['landed']!r}, not 00_start_here.ipynb")

        # the notebook of the lesson, in a fresh workspace (as jlab.open_notebook does)
        t1 = time.monotonic()
        page.goto(
            f"{hub.url}/user/{self.user}/lab/workspaces/bench/tree/{self.args.notebook}?reset",
            timeout=self.remaining_ms(),
        )
        page.wait_for_function(
            "path => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.context.path === path",
            arg=self.args.notebook,
            timeout=self.remaining_ms(),
        )
        page.evaluate(_JS_NOTEBOOK_READY)
        r["open_notebook"] = time.monotonic() - t1
        ran = run_all(page, timeout_s=self.remaining_ms() / 1000)
        r["run_all"] = ran["seconds"]
        if ran["errors"]:
            r["failures"].append(f"Run All: {'; '.join(ran['errors'])}")
        r["predictions"] = unlock_all(page)  # predict first, by keyboard: then the figure is drawn

        explorer = page.locator(".mgk-explorer").filter(has=page.locator("input[type=range]")).first
        explorer.scroll_into_view_if_needed()
        slider = explorer.locator("input[type=range]").first
        at_max = int(slider.input_value()) >= int(slider.get_attribute("max"))
        keys = ["PageDown", "PageUp"] if at_max else ["PageUp", "PageDown"]
        root = explorer.element_handle()
        r["updated"], r["painted"], r["missed"] = [], [], 0
        for i in range(self.args.presses):
            page.evaluate(_JS_ARM, [root, *EXPLORER])
            slider.focus()
            page.keyboard.press(keys[i % 2])
            m = page.evaluate("() => window.__mgkMeasure")
            if m["painted"] is None:
                r["missed"] += 1
            else:
                r["painted"].append(m["painted"])
            if m["update"] is not None:
                r["updated"].append(m["update"])
        if r["missed"]:
            r["failures"].append(
                f"{r['missed']} of {self.args.presses} key presses changed nothing within 5 s"
            )
        r["memory"] = self.memory()

    def cpu_seconds(self) -> float:
        """CPU seconds so far of the student's Jupyter server and its kernels."""
        import psutil

        total = 0.0
        for proc in self.hub.user_processes(self.user):
            try:
                t = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += t.user + t.system
        return total

    def memory(self) -> dict:
        """RSS and PSS (MB) of the student's Jupyter server and of its kernels, CPU seconds of both."""
        import psutil

        procs = self.hub.user_processes(self.user)
        out = {"server_rss": 0.0, "server_pss": 0.0, "kernels_rss": 0.0, "kernels_pss": 0.0, "kernels": 0,
               "cpu": 0.0}  # fmt: skip
        for i, proc in enumerate(procs):
            try:
                info = proc.memory_full_info()
                cpu = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            kind = "server" if i == 0 else "kernels"
            out[f"{kind}_rss"] += info.rss / 2**20
            out[f"{kind}_pss"] += info.pss / 2**20
            out["kernels"] += kind == "kernels"
            out["cpu"] += cpu.user + cpu.system
        return out


class Sampler(threading.Thread):
    """Every second: each student's process tree (peak RSS, when it went away) and the CPU seconds of every
    process this benchmark started, by kind: the students' servers and kernels, the hub (with its proxy and
    culler), the browsers (Chromium and Playwright's drivers)."""

    def __init__(self, hub, users: list[str]):
        super().__init__(daemon=True)
        self.hub, self.users = hub, users
        self.peak = dict.fromkeys(users, 0.0)
        self.seen: set[str] = set()
        self.gone: dict[str, float] = {}
        self.kind: dict[tuple, str] = {}
        self.cpu: dict[tuple, float] = {}
        self.stop_event = threading.Event()

    def cpu_by_kind(self) -> dict[str, float]:
        out = {"students": 0.0, "hub": 0.0, "browsers": 0.0}
        for key, seconds in list(self.cpu.items()):
            out[self.kind[key]] += seconds
        return out

    def _classify(self, proc) -> str:
        if proc.environ().get("JUPYTERHUB_USER"):
            return "students"  # a Jupyter server and its kernels
        if self.hub.proc is not None and (proc.pid == self.hub.proc.pid or self.hub.proc.pid in
                                          [p.pid for p in proc.parents()]):  # fmt: skip
            return "hub"
        return "browsers"

    def sample(self) -> None:
        import psutil

        for proc in psutil.Process(os.getpid()).children(recursive=True):
            try:
                key = (proc.pid, proc.create_time())
                if key not in self.kind:
                    self.kind[key] = self._classify(proc)
                t = proc.cpu_times()
                self.cpu[key] = t.user + t.system
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        for user in self.users:
            try:
                procs = self.hub.user_processes(user)
                rss = sum(p.memory_info().rss for p in procs) / 2**20
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            if procs:
                self.seen.add(user)
                self.peak[user] = max(self.peak[user], rss)
            elif user in self.seen and user not in self.gone:
                self.gone[user] = time.monotonic()

    def run(self) -> None:
        while not self.stop_event.wait(1.0):
            self.sample()


def spawn_seconds(log: str) -> dict[str, float]:
    """The hub's own measure: "User NAME took S seconds to start"."""
    return {m[1]: float(m[2]) for m in re.finditer(r"User (\S+) took ([0-9.]+) seconds to start", log)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", "-n", type=int, default=8, help="simulated students (default 8)")
    ap.add_argument("--time-bound", type=float, default=900, help="seconds for the whole run (default 900)")
    ap.add_argument("--notebook", default="01_electrolytes_and_the_kidney.ipynb")
    ap.add_argument("--presses", type=int, default=20)
    ap.add_argument("--cull-timeout", type=int, default=30, help="the idle culler's timeout for the run (s)")
    ap.add_argument("--mem-limit", default="1G", help="memory limit per process (as MGK_HUB_MEM_LIMIT)")
    args = ap.parse_args(argv)
    try:
        import jupyterhub  # noqa: F401
        import psutil
        from hubctl import Hub
    except ImportError as exc:  # `make bench` (bench/run.py) runs every bench_*.py; the hub is optional there
        print(f"skipped: {exc.name} is not installed (`make bench-class` installs requirements-hub.txt)")
        return 0
    if find_chromium() is None:
        print("skipped: no Chromium (see CONTRIBUTING.md, Tests)")
        return 0

    t_start = time.monotonic()
    deadline = t_start + args.time_bound
    users = [f"student{i + 1:02d}" for i in range(args.students)]
    cull_every = max(2, args.cull_timeout // 6)
    hub = Hub(
        MGK_HUB_TESTING="1",  # window.jupyterapp for the harness
        MGK_HUB_MEM_LIMIT=args.mem_limit,
        MGK_HUB_CULL_TIMEOUT=str(args.cull_timeout),
        MGK_HUB_CULL_EVERY=str(cull_every),
        MGK_HUB_ACTIVITY_INTERVAL="5",
    )
    failures: list[str] = []
    cpu0 = psutil.cpu_times()
    try:
        hub.start()
        sampler = Sampler(hub, users)
        sampler.start()
        start_line = threading.Barrier(len(users))
        students = [Student(hub, user, args, start_line, deadline) for user in users]
        t_active = time.monotonic()
        for s in students:
            s.start()
        for s in students:
            s.join(timeout=max(0.0, deadline - time.monotonic()))
        active_s = time.monotonic() - t_active
        cpu1 = psutil.cpu_times()
        sampler.sample()
        cpu_split = sampler.cpu_by_kind()
        hub_rss = sum(p.memory_info().rss for p in [psutil.Process(hub.proc.pid)] + [
            p for p in psutil.Process(hub.proc.pid).children(recursive=True)
            if not p.environ().get("JUPYTERHUB_USER")]) / 2**20  # fmt: skip
        if any(s.is_alive() for s in students):
            failures.append(f"time bound of {args.time_bound:.0f} s reached with students still working")
        for s in students:
            failures += [f"{s.user}: {f}" for f in s.result["failures"]]
            failures += [f"{s.user}: request to {u}" for u in s.result.get("external_requests", [])]

        # the culler: every server must stop within the timeout, plus a culling round and an activity report
        wait_until = min(deadline, time.monotonic() + args.cull_timeout + 2 * cull_every + 60)
        while time.monotonic() < wait_until and any(hub.server(u) for u in users):
            time.sleep(1)
        running = [u for u in users if hub.server(u)]
        if running:
            failures.append(f"the culler left {len(running)} server(s) running: {', '.join(running)}")
        sampler.stop_event.set()
        sampler.join()
        culled_log = len(re.findall(r"Culling server", hub.log()))
        log = hub.log()
    finally:
        hub.stop()

    results = [s.result for s in students]
    spawns = spawn_seconds(log)
    done = {s.user: s.done_at for s in students}
    cull_after = [sampler.gone[u] - done[u] for u in users if u in sampler.gone and done[u]]
    pressed_up = [v for r in results for v in r.get("updated", [])]
    painted = [v for r in results for v in r.get("painted", [])]
    mems = [r["memory"] for r in results if "memory" in r]
    ncpu = psutil.cpu_count()
    busy = sum(getattr(cpu1, f) - getattr(cpu0, f) for f in ("user", "system", "nice"))

    def row(label: str, values: list, unit: str, digits: int = 1) -> None:
        values = [v for v in values if v is not None]
        if not values:
            print(f"| {label} | — | — | — | — |")
            return
        fmt = f"{{:.{digits}f}}"
        cells = [
            fmt.format(statistics.median(values)),
            fmt.format(pct(values, 0.95)),
            fmt.format(max(values)),
        ]
        print(f"| {label} ({unit}) | {len(values)} | " + " | ".join(cells) + " |")

    print(
        f"# A class at once: {args.students} students, notebook {args.notebook}, "
        f"{args.presses} presses each; {ncpu} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
        f"memory limit {args.mem_limit} per process, culler timeout {args.cull_timeout} s "
        f"(every {cull_every} s)\n"
    )
    print(f"hub start (launch → /hub/health answers): {hub.start_seconds:.2f} s\n")
    print("| figure | n | median | p95 | max |")
    print("|---|---:|---:|---:|---:|")
    row("server spawn, as the hub measures it", list(spawns.values()), "s", 2)
    row("login → JupyterLab ready at 00_start_here", [r.get("login_to_lab") for r in results], "s", 2)
    row("open the notebook → kernel ready", [r.get("open_notebook") for r in results], "s", 2)
    row("Run All → every figure rendered", [r.get("run_all") for r in results], "s", 2)
    row("key press → explorer updated in the page", pressed_up, "ms")
    row("key press → painted", painted, "ms")
    row("memory per student: Jupyter server RSS", [m["server_rss"] for m in mems], "MB", 0)
    row("memory per student: kernels RSS", [m["kernels_rss"] for m in mems], "MB", 0)
    row(
        "memory per student: server + kernels RSS",
        [m["server_rss"] + m["kernels_rss"] for m in mems],
        "MB",
        0,
    )
    row(
        "memory per student: server + kernels PSS",
        [m["server_pss"] + m["kernels_pss"] for m in mems],
        "MB",
        0,
    )
    row("peak RSS per student (sampled every s)", [v for v in sampler.peak.values() if v], "MB", 0)
    row("CPU per student: server + kernels", [m["cpu"] for m in mems], "s", 1)
    row("culled after the browser closed", cull_after, "s", 0)
    kernels = sorted({m["kernels"] for m in mems})
    landed = [r["cpu_landed"] for r in results if "cpu_landed" in r]
    print(
        f"\nkernels per student: {kernels} (00_start_here, opened on landing, and {args.notebook}); "
        f"CPU per student up to landing in JupyterLab (server start + first kernel): "
        f"median {statistics.median(landed) if landed else float('nan'):.1f} s; "
        f"hub + proxy + culler RSS at the end of the work: {hub_rss:.0f} MB"
    )
    other = busy - sum(cpu_split.values())
    print(
        f"CPU while the students worked ({active_s:.0f} s, {ncpu} cores = {ncpu * active_s:.0f} CPU s): "
        f"students' servers and kernels {cpu_split['students']:.0f} s, hub + proxy + culler "
        f"{cpu_split['hub']:.0f} s, the {args.students} headless Chromiums {cpu_split['browsers']:.0f} s, "
        f"other processes on the machine {max(other, 0):.0f} s"
    )
    print(
        f"culler: {culled_log} 'Culling server' lines in the hub log; "
        f"{len(sampler.gone)} of {len(users)} servers gone"
    )
    errors = [e for r in results for e in r.get("console_errors", [])]
    kinds = sorted({re.sub(r"[0-9a-f-]{36}|:[0-9]+/", "…", e)[:140] for e in errors})
    print(f"browser console errors: {len(errors)} (not counted as failures): {kinds}")
    print(f"\nfailures: {len(failures)}")
    for f in failures:
        print(f"  - {f}")
    for r in results:
        if "traceback" in r:
            print(f"\n{r['user']}:\n{r['traceback']}", file=sys.stderr)
    if mems:
        per = max(m["server_rss"] + m["kernels_rss"] for m in mems)
        cpu = max(m["cpu"] for m in mems)
        print(
            "\nsizing (see BENCHMARKS.md, 'A class at once', for how): "
            f"{1024 / per:.1f} students per GB of RSS (largest student {per:.0f} MB), "
            f"{60 / cpu:.0f} students per core if everyone does this in the same minute "
            f"({cpu:.1f} CPU s each, largest)"
        )
    print(f"\ntotal {time.monotonic() - t_start:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
