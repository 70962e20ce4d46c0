"""Drive a real JupyterLab (or Voilà) in headless Debian Chromium with Playwright.

Shared by the browser tests (``tests/browser``) and the benchmarks (``bench/bench_browser.py``).
See CONTRIBUTING.md, Tests, for the conventions this follows.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "browser"
INSTALL_HINT = "install Debian's Chromium: sudo apt-get install chromium chromium-driver"

# Debian chromium, never `playwright install` (see CONTRIBUTING.md, Tests).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# User settings for the test JupyterLab: no news/update toasts (they fetch from jupyterlab.github.io
# and pypi.org), no LSP chatter.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # the tests run the committed notebooks in place: a slow run must never autosave its outputs (widget
    # state included) over them
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


# Voilà (the server extension on the same server) offline: its "lab" template links Font Awesome from
# cdn.jsdelivr.net and its page loads MathJax 2 from cdnjs unless both MathJax settings are null (then it
# uses JupyterLab's bundled MathJax 3). The widgets bring their own icon font. The configuration ships in
# app/ (used by `make app`), and the tests use those same files.
APP_DIR = REPO / "app"
SERVER_CONFIG = json.loads((APP_DIR / "jupyter_server_config.json").read_text(encoding="utf-8"))
# The same culling of kernels nobody is connected to, on a test time scale (app/: 300 s idle, every 60 s).
SERVER_CONFIG["MappingKernelManager"] = {**SERVER_CONFIG["MappingKernelManager"], "cull_idle_timeout": 4,
                                         "cull_interval": 2}  # fmt: skip
_TEMPLATE_DIR = APP_DIR / "share" / "voila" / "templates" / "mgk-offline"
VOILA_TEMPLATE = {p.name: p.read_text(encoding="utf-8") for p in sorted(_TEMPLATE_DIR.iterdir())}


def notebooks() -> list[Path]:
    """Every notebook the browser tests cover: notebooks/*.ipynb and, when it exists, student/*.ipynb."""
    return sorted(REPO.glob("notebooks/*.ipynb")) + sorted(REPO.glob("student/*.ipynb"))


def find_chromium() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


# --------------------------------------------------------------------------------------------- server


class JupyterServer:
    """`python -m jupyterlab` (or any jupyter server app) on 127.0.0.1, random port and token.

    The user-level Jupyter directories are isolated in a temp dir; the sys-prefix config in .venv is
    kept, so the mgk_helpers (plotly.js) and voila server extensions are loaded as in the classroom.
    """

    def __init__(self, root_dir: Path = REPO, app: str = "jupyterlab", extra_args: tuple[str, ...] = ()):
        self.root_dir = Path(root_dir)
        self.app = app
        self.extra_args = list(extra_args)
        self.token = secrets.token_hex(16)
        self.tmp = Path(tempfile.mkdtemp(prefix="mgk-jupyter-"))
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.log_path = self.tmp / "server.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str, **query: str) -> str:
        sep = "&" if "?" in path else "?"
        extra = "".join(f"&{k}={v}" for k, v in query.items())
        return f"{self.base}{path.lstrip('/')}{sep}token={self.token}{extra}"

    def start(self, timeout: float = 60) -> JupyterServer:
        settings = self.tmp / "user-settings"
        for rel, content in LAB_SETTINGS.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(content))
        (self.tmp / "config").mkdir()
        config = json.loads(json.dumps(SERVER_CONFIG))
        if self.app == "notebook":
            # Notebook 7 cannot read mathjax_url=None (set for the offline Voilà page); it bundles MathJax
            config["ServerApp"].pop("tornado_settings", None)
        (self.tmp / "config" / "jupyter_server_config.json").write_text(json.dumps(config))
        template = self.tmp / "data" / "voila" / "templates" / "mgk-offline"
        template.mkdir(parents=True)
        for name, text in VOILA_TEMPLATE.items():
            (template / name).write_text(text)
        env = dict(
            os.environ,
            JUPYTER_CONFIG_DIR=str(self.tmp / "config"),
            JUPYTER_DATA_DIR=str(self.tmp / "data"),
            JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"),
            IPYTHONDIR=str(self.tmp / "ipython"),
            JUPYTER_PLATFORM_DIRS="1",
        )
        args = [
            sys.executable,
            "-m",
            self.app,
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port=0",  # the OS picks a free port; read it back from the runtime file
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--ServerApp.open_browser=False",
        ]
        if self.app == "jupyterlab":
            args += [
                "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run commands, read kernel state
                "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}",
                f"--LabApp.user_settings_dir={settings}",
            ]
        if self.app == "notebook":  # Notebook 7
            args += [
                "--JupyterNotebookApp.expose_app_in_browser=True",
                f"--JupyterNotebookApp.workspaces_dir={self.tmp / 'workspaces'}",
            ]  # its own settings: the notification plugin configured for JupyterLab is not part of it
        if os.geteuid() == 0:
            args.append("--allow-root")
        args += self.extra_args
        self._log = open(self.log_path, "wb")  # closed in stop()
        self.proc = subprocess.Popen(
            args,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=self.root_dir,
            start_new_session=True,
        )
        runtime = self.tmp / "runtime" / f"jpserver-{self.proc.pid}.json"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log, code = self.log(), self.proc.returncode
                self.stop()
                raise RuntimeError(f"jupyter server exited ({code}):\n{log}")
            if self.port is None and runtime.exists():
                try:
                    self.port = json.loads(runtime.read_text())["port"]
                except (ValueError, KeyError):
                    pass  # file still being written
            if self.port is not None:
                try:
                    self.get("api/status")
                    return self
                except (urllib.error.URLError, ConnectionError):
                    pass
            time.sleep(0.2)
        log = self.log()
        self.stop()
        raise RuntimeError(f"jupyter server did not answer within {timeout} s:\n{log}")

    def __enter__(self) -> JupyterServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def request(self, method: str, path: str) -> tuple[int, bytes]:
        req = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()

    def get(self, path: str):
        return json.loads(self.request("GET", path)[1] or b"null")

    def delete_sessions(self) -> None:
        """Shut down every kernel through the REST API: notebook sessions, then any other (Voilà's)."""
        for session in self.get("api/sessions"):
            self.request("DELETE", f"api/sessions/{session['id']}")
        for kernel in self.get("api/kernels"):
            self.request("DELETE", f"api/kernels/{kernel['id']}")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None and self.port is not None:
            try:
                self.delete_sessions()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass  # server already going down; terminating it below stops its kernels too
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()
        self.proc = None
        shutil.rmtree(self.tmp, ignore_errors=True)


# -------------------------------------------------------------------------------------------- browser


@contextmanager
def chromium_context(playwright):
    """A Chromium context with a fresh user-data dir, deleted afterwards."""
    executable = find_chromium()
    if executable is None:
        raise RuntimeError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="mgk-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()


@dataclass
class PageWatch:
    """Everything a page logs or fetches that the tests must see as empty, and websocket traffic."""

    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    console_log: list[str] = field(default_factory=list)
    ws_sent: int = 0
    ws_received: int = 0

    def attach(self, page) -> PageWatch:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}\n{exc.stack}"))
        page.on("request", self._on_request)
        page.on("websocket", self._on_websocket)
        return self

    def _on_console(self, msg) -> None:
        line = f"[{msg.type}] {msg.text}"
        self.console_log.append(line)
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def _on_request(self, request) -> None:
        host = urlparse(request.url).hostname
        if host not in ("127.0.0.1", None) and not request.url.startswith(("data:", "blob:")):
            self.external_requests.append(request.url)

    def _on_websocket(self, ws) -> None:
        ws.on("framesent", lambda payload: self._count("ws_sent", payload))
        ws.on("framereceived", lambda payload: self._count("ws_received", payload))

    def _count(self, attr: str, payload) -> None:
        size = len(payload.encode()) if isinstance(payload, str) else len(payload)
        setattr(self, attr, getattr(self, attr) + size)

    def ws_bytes(self) -> int:
        return self.ws_sent + self.ws_received

    @staticmethod
    def artifact(filename: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        return ARTIFACTS / filename

    def save(self, page, name: str) -> None:
        """Screenshot and console log under artifacts/browser/ (kept after a failure)."""
        page.screenshot(path=str(self.artifact(f"{name}.png")))
        lines = [
            *self.console_log,
            "",
            "errors:",
            *self.console_errors,
            "",
            "external requests:",
            *self.external_requests,
        ]
        self.artifact(f"{name}.console.log").write_text("\n".join(lines) + "\n")

    def assert_clean(self) -> None:
        assert not self.console_errors, "browser console errors:\n" + "\n".join(self.console_errors)
        assert not self.external_requests, "requests to hosts other than 127.0.0.1:\n" + "\n".join(
            self.external_requests
        )


# ----------------------------------------------------------------------------------- lab page actions

# In-page helpers. `window.jupyterapp` exists because the test server runs with expose_app_in_browser.
_JS_NOTEBOOK_READY = """async () => {
  const nb = window.jupyterapp.shell.currentWidget;
  await nb.context.ready;
  await nb.sessionContext.ready;
  return nb.sessionContext.session.kernel.id;
}"""

# Run All, then wait until the kernel is idle, every code cell has run, and every .mgk-figure the kernel
# created is on the page with plotly's plot inside it. Returns seconds from Run All to that point.
_JS_RUN_ALL = """async ([timeoutMs, countCode, PENDING]) => {
  const nb = window.jupyterapp.shell.currentWidget;
  const kernel = () => nb.sessionContext.session.kernel;
  const t0 = performance.now();
  const commands = window.jupyterapp.commands;
  const runAll = commands.hasCommand('runmenu:run-all') ? 'runmenu:run-all' : 'notebook:run-all-cells';
  await commands.execute(runAll);
  const reply = await kernel().requestExecute(
    {code: '', silent: true, store_history: false, user_expressions: {n: countCode}}).done;
  const expr = reply.content.user_expressions.n;
  if (expr.status !== 'ok') throw new Error('counting figures in the kernel failed: ' + JSON.stringify(expr));
  const expected = Number(expr.data['text/plain']);
  // an explorer that asks for a prediction first draws nothing until it is locked (unlock_all): its
  // figure counts as rendered once the explorer is mounted and shows its predict panel
  const rendered = () => [...document.querySelectorAll('.mgk-figure')].filter(
    f => f.matches('.js-plotly-plot') || f.querySelector('.js-plotly-plot') ||
      (f.closest('.mgk-explorer') && f.closest('.mgk-explorer').querySelector(PENDING))).length;
  const cellsDone = () => nb.content.widgets.every(c => c.model.type !== 'code' ||
    (c.model.executionCount !== null && c.model.executionState !== 'running'));
  // Run All stops at the first error: report it instead of waiting for cells that will never run.
  const errors = () => nb.content.widgets.flatMap(c => c.model.type === 'code' ?
    c.model.outputs.toJSON().filter(o => o.output_type === 'error').map(o => `${o.ename}: ${o.evalue}`) : []);
  while (!(kernel().status === 'idle' && (cellsDone() || errors().length) && rendered() >= expected)) {
    if (performance.now() - t0 > timeoutMs) {
      throw new Error(`after ${timeoutMs} ms: kernel ${kernel().status}, cells done ${cellsDone()}, ` +
                      `figures rendered ${rendered()} of ${expected}`);
    }
    await new Promise(r => requestAnimationFrame(r));
  }
  return {seconds: (performance.now() - t0) / 1000, figures: expected, errors: errors()};
}"""

# Python expression evaluated in the kernel: how many figure widgets carry the mgk-figure class.
_COUNT_FIGURES = (
    "sum(bool({'mgk-figure', 'mgk-explorer-host'} & set(getattr(w, '_dom_classes', ()))) "
    "for w in list(__import__('ipywidgets').widgets.widget._instances.values()))"
)

# A kernel round trip: every comm message sent before it has been handled and its replies received.
_JS_SETTLE = """async () => {
  if (window.jupyterapp) {  // no kernel on a static page: the page answers by itself
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    await kernel.requestExecute({code: '', silent: true, store_history: false}).done;
  }
  for (let i = 0; i < 2; i++) await new Promise(r => requestAnimationFrame(r));
}"""


def open_notebook(page, server: JupyterServer, rel_path: str, workspace: str) -> str:
    """Open a notebook in a fresh workspace; returns the kernel id once the kernel is ready."""
    page.goto(server.url(f"lab/workspaces/{workspace}/tree/{rel_path}", reset=""))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext",
        timeout=60_000,
    )
    return page.evaluate(_JS_NOTEBOOK_READY)


def open_in_notebook7(page, server: JupyterServer, rel_path: str) -> str:
    """Open a notebook in Notebook 7 (``/notebooks/<path>``); returns the kernel id once it is ready."""
    page.goto(server.url(f"notebooks/{rel_path}"))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext",
        timeout=60_000,
    )
    return page.evaluate(_JS_NOTEBOOK_READY)


def run_all(page, timeout_s: float = 120, unlock: bool = False) -> dict:
    """Run All; wait until every figure is rendered. Returns {seconds, figures, errors}.

    An explorer that asks for a prediction first (``predict_first``) draws no figure until the prediction is
    locked: Run All waits for its predict panel instead. ``unlock=True`` then locks every such prediction by
    keyboard and waits for the figures (:func:`unlock_all`; not counted in ``seconds``).
    """
    result = page.evaluate(_JS_RUN_ALL, [timeout_s * 1000, _COUNT_FIGURES, PENDING])
    if unlock:
        result["predictions"] = unlock_all(page)
    return result


# ------------------------------------------------------------------------------ predict first, then look

#: a predict panel whose prediction is not locked yet (the explorer hides its figure and readout)
PENDING = ".mgk-predict:not(.mgk-predict-locked)"
#: the number typed where a prediction is a number
TYPED_PREDICTION = "4"


def lock_prediction(page, explorer, timeout_s: float = 20) -> str | None:
    """Lock the explorer's prediction by keyboard, if it asks for one and none is locked yet.

    Picks the first option with Space (or types :data:`TYPED_PREDICTION` into the number box), then focuses
    "Lock my prediction" and presses Enter; waits until the figure (plotly's SVG) and the readout are shown
    and returns the "Your prediction: …" text (None: no prediction asked, or one was locked already).
    """
    panel = explorer.locator(PENDING)
    if panel.count() == 0:
        return None
    panel = panel.first
    panel.scroll_into_view_if_needed()
    lock = panel.locator(".mgk-lock")
    assert lock.is_disabled(), "Lock is enabled before a prediction is chosen"
    radios = panel.locator("input[type=radio]")
    if radios.count():
        radios.first.focus()
        page.keyboard.press("Space")
        assert radios.first.is_checked(), "Space did not pick the first option"
    else:
        panel.locator("input[type=number]").focus()
        page.keyboard.type(TYPED_PREDICTION)
    assert lock.is_enabled(), "Lock stays disabled after a prediction is chosen"
    lock.focus()
    page.keyboard.press("Enter")
    predicted = explorer.locator(".mgk-predicted").first
    predicted.wait_for(timeout=timeout_s * 1000)
    text = predicted.inner_text()
    assert text.startswith("Your prediction: "), f"after locking: {text!r}"
    assert explorer.locator(PENDING).count() == 0 and explorer.locator(".mgk-lock").count() == 0
    readout = explorer.locator(".mgk-readout").first
    assert not readout.evaluate("e => e.hidden"), "the readout is still hidden after locking"
    if explorer.locator(".mgk-figure").count():
        explorer.locator(".mgk-figure .main-svg").first.wait_for(timeout=timeout_s * 1000)
        assert not explorer.locator(".mgk-figure").first.evaluate("e => e.hidden"), "figure still hidden"
    assert explorer.locator(".mgk-locked-note").evaluate_all("es => es.every(e => e.hidden)")
    return text


#: in-page predicate (arg: n): n explorers are on the page, each drawn or asking for its prediction first
MOUNTED_JS = (
    "n => [...document.querySelectorAll('[data-mgk-explorer] .mgk-explorer')].filter("
    f"e => e.querySelector('.main-svg') || e.querySelector('{PENDING}')).length >= n"
)
#: in-page predicate (arg: n): n explorers are on the page, each with its figure drawn
DRAWN_JS = "n => document.querySelectorAll('[data-mgk-explorer] .mgk-explorer .main-svg').length >= n"


def unlock_all(page, scope: str = ".mgk-explorer", timeout_s: float = 20) -> int:
    """Lock, by keyboard, every prediction the page's explorers still ask for; returns how many were locked.

    Afterwards every explorer in ``scope`` shows its figure and readout, as an explorer without a prediction
    does from the start (use it before anything that waits for ``.main-svg``).
    """
    explorers = page.locator(scope)  # by position: a locked explorer no longer matches ":has(PENDING)"
    n = 0
    for i in range(explorers.count()):
        if lock_prediction(page, explorers.nth(i), timeout_s) is not None:
            n += 1
    assert page.locator(f"{scope} {PENDING}").count() == 0, "a prediction is still not locked"
    return n


def settle(page) -> None:
    page.evaluate(_JS_SETTLE)


def wait_js(page, js: str, arg, what: str, timeout_s: float = 15) -> None:
    """Wait until the in-page predicate `js(arg)` is true; a timeout is a test failure saying `what`."""
    try:
        page.wait_for_function(js, arg=arg, timeout=timeout_s * 1000)
    except Exception as exc:  # playwright's TimeoutError
        raise AssertionError(f"{what} (not within {timeout_s} s)") from exc


TEXT_IS = "([el, v]) => el.innerText === v"
TEXT_IS_NOT = "([el, v]) => el.innerText !== v"
# The figure as drawn: every trace path (scatter lines, fills, markers, bars) and layout shape (bands,
# reference lines), with its geometry.
# What a figure shows: its traces and shapes, and its axis titles (a figure may legitimately change only
# its title, e.g. the diet planner's "% of the reference intake for a female aged 51" when the intake
# itself is the same at the new age).
TRACE_PATHS = ".mgk-figure .cartesianlayer .trace path, .mgk-figure .shapelayer path"
FIGURE_TEXT = ".mgk-figure .infolayer [class*='title']"
_PATHS_JS = (
    f"el => [...el.querySelectorAll('{TRACE_PATHS}')]"
    ".map(p => `${p.getAttribute('d')} ${p.getAttribute('transform') || ''}`)"
)
_TRACES_JS = (
    f"el => [...el.querySelectorAll('{TRACE_PATHS}')]"
    ".map(p => `${p.getAttribute('d')} ${p.getAttribute('transform') || ''}`)"
    f'.concat([...el.querySelectorAll("{FIGURE_TEXT}")].map(t => t.textContent))'
)
_LABELS_JS = (
    "el => [...el.querySelectorAll(\".mgk-label, .mgk-figure .infolayer [class*='title']\")]"
    ".map(e => e.textContent)"
)
_SAME = "([el, v]) => JSON.stringify(({f})(el)) === JSON.stringify(v)"
_DIFFERENT = "([el, v]) => JSON.stringify(({f})(el)) !== JSON.stringify(v)"


def exercise_explorer(page, explorer) -> dict:
    """Move every native slider with the keyboard, Reset, switch units; assert readout and figure follow.

    Returns counts of what was exercised (for the test's report).
    """
    predicted = lock_prediction(page, explorer)  # predict first (by keyboard), then the figure appears
    if explorer.locator(".mgk-predict").count():
        shown = explorer.locator(".mgk-predicted").first.inner_text()
        assert shown.startswith("Your prediction: "), f"a locked prediction is not shown: {shown!r}"
    el = explorer.element_handle()
    readout = explorer.locator(".mgk-readout").first.element_handle()
    has_figure = explorer.locator(".mgk-figure").count() > 0
    # JupyterLab 4 skips rendering of off-screen cells (content-visibility), and innerText of skipped
    # content is empty: after scrolling the explorer into view, wait for its readout to be laid out.
    wait_js(page, "([el]) => el.innerText.trim().length > 0", [readout], "the explorer's readout is empty")
    readout0 = readout.inner_text()
    traces0 = el.evaluate(_TRACES_JS)
    if has_figure:
        assert el.evaluate(_PATHS_JS), f"the explorer's figure draws no trace ({TRACE_PATHS})"
    ranges = explorer.locator("input[type=range]")
    for i in range(ranges.count()):
        _exercise_range(page, explorer, el, readout, readout0, traces0, has_figure, ranges.nth(i))
    radios = explorer.locator("fieldset.mgk-units input[type=radio]")
    if radios.count():
        _exercise_unit_radios(page, el, readout, readout0, radios)
    selects = explorer.locator("select")
    for i in range(selects.count()):
        _exercise_select(page, explorer, readout, readout0, selects.nth(i))
    assert ranges.count() + radios.count() + selects.count(), "the explorer has no control"
    if explorer.locator(".mgk-predict").count():  # Reset never unlocks: the prediction is still shown
        assert explorer.locator(PENDING).count() == 0
        assert explorer.locator(".mgk-predicted").first.is_visible()
    return {
        "sliders": ranges.count(),
        "units": radios.count(),
        "drop-downs": selects.count(),
        "predictions": int(predicted is not None),
    }


def _exercise_select(page, explorer, readout, readout0, select) -> None:
    """A drop-down: an arrow key picks the next option (focus stays), the readout follows, Reset restores."""
    label = select.evaluate("s => s.labels[0].innerText")
    n = select.evaluate("s => s.options.length")
    if n < 2:
        return
    first = select.evaluate("s => s.selectedIndex")
    select.focus()
    page.keyboard.press("ArrowUp" if first == n - 1 else "ArrowDown")
    wait_js(
        page, "([s, i]) => s.selectedIndex !== i", [select.element_handle(), first], f"{label!r}: key ignored"
    )
    assert select.evaluate("s => document.activeElement === s"), (
        f"drop-down {label!r}: an arrow key moved focus"
    )
    if "no effect" not in readout.inner_text():
        wait_js(page, TEXT_IS_NOT, [readout, readout0], f"drop-down {label!r}: readout stayed the same")
    explorer.locator(".mgk-reset").first.click()
    wait_js(
        page, TEXT_IS, [readout, readout0], f"Reset after drop-down {label!r}: readout not back to default"
    )


def _exercise_range(page, explorer, el, readout, readout0, traces0, has_figure, rng) -> None:
    """A native slider: arrow, Page Up/Down, End/Home move it (and never leave it); Reset restores it."""
    label = rng.evaluate("r => r.labels[0].innerText")
    value = rng.evaluate_handle("r => r.closest('.mgk-control').querySelector('.mgk-value')").as_element()
    value0 = value.inner_text()
    assert rng.get_attribute("aria-valuetext") == value0, (
        f"slider {label!r}: aria-valuetext is not {value0!r}"
    )
    up = int(rng.input_value()) < int(rng.get_attribute("max"))
    rng.focus()
    page.keyboard.press("ArrowRight" if up else "ArrowLeft")
    wait_js(
        page, TEXT_IS_NOT, [value, value0], f"slider {label!r}: the arrow key did not move it from {value0}"
    )
    assert rng.evaluate("r => document.activeElement === r"), (
        f"slider {label!r}: the arrow key moved the focus"
    )
    page.keyboard.press("End" if up else "Home")
    wait_js(
        page,
        TEXT_IS_NOT,
        [readout, readout0],
        f"slider {label!r} moved to its {'max' if up else 'min'}: readout stayed {readout0!r}",
    )
    # the figure follows, unless the readout says the control has no effect (the servings of an empty slot)
    if has_figure and "no effect" not in readout.inner_text():
        wait_js(
            page,
            _DIFFERENT.format(f=_TRACES_JS),
            [el, traces0],
            f"slider {label!r} moved: the figure's traces did not change",
        )
    explorer.locator(".mgk-reset").first.click()
    wait_js(page, TEXT_IS, [readout, readout0], f"Reset after slider {label!r}: readout not back to default")
    wait_js(page, TEXT_IS, [value, value0], f"Reset: slider {label!r} not back to {value0}")
    if has_figure:
        wait_js(page, _SAME.format(f=_TRACES_JS), [el, traces0], "Reset: the figure's traces not back")


def _exercise_unit_radios(page, el, readout, readout0, radios) -> None:
    """The units choice (native radio buttons): another unit relabels the sliders and axes; back restores."""
    labels0 = el.evaluate(_LABELS_JS)
    active = radios.evaluate_all("rs => rs.findIndex(r => r.checked)")
    other = 1 if active == 0 else 0
    names = radios.evaluate_all("rs => rs.map(r => r.labels[0].innerText.trim())")
    radios.nth(other).focus()
    radios.nth(other).check()
    if not all(name in readout0 for name in names):
        wait_js(
            page, TEXT_IS_NOT, [readout, readout0], f"units → {names[other]!r}: readout stayed {readout0!r}"
        )
    wait_js(
        page,
        _DIFFERENT.format(f=_LABELS_JS),
        [el, labels0],
        f"units → {names[other]!r}: no slider label or axis title changed",
    )
    # arrow keys move between the units and never leave the explorer
    page.keyboard.press("ArrowLeft" if other > 0 else "ArrowRight")
    assert el.evaluate("(el) => el.contains(document.activeElement)"), (
        "an arrow key on the units left the explorer"
    )
    radios.nth(active).check()
    wait_js(page, TEXT_IS, [readout, readout0], "units switched back: readout not back to default")


def exercise_quiz(page, quiz) -> list[str]:
    """Try every option of the quiz's first multiple-choice question: exactly one must be Correct.

    Returns the feedback texts, one per option.
    """
    questions = quiz.locator(".mgk-question")
    assert questions.count() > 0, "the quiz has no .mgk-question"
    question = None
    for i in range(questions.count()):
        if questions.nth(i).locator(".mgk-options input[type=radio]").count():
            question = questions.nth(i)
            break
    assert question is not None, "no question of the quiz has options (.mgk-options RadioButtons)"
    options = question.locator(".mgk-options input[type=radio]")
    feedback = question.locator(".mgk-feedback").first
    texts = []
    for i in range(options.count()):
        options.nth(i).check()
        settle(page)  # the kernel has the new choice before Check is pressed
        question.locator(".mgk-check").first.click()
        settle(page)  # ... and has answered the click
        texts.append(feedback.inner_text().strip())
    verdicts = [
        "Correct" if t.startswith("Correct") else "Not quite" if t.startswith("Not quite") else None
        for t in texts
    ]
    assert None not in verdicts, f"feedback must start with 'Correct' or 'Not quite': {texts}"
    assert verdicts.count("Correct") == 1, f"exactly one option must be Correct: {texts}"
    return texts
