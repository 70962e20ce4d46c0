"""Start the repository's hub (hub/jupyterhub_config.py) on free ports with its own state, and drive it.

Used by tests/test_hub.py and bench/bench_class.py: a hub like `make hub`'s, but with a temporary state
directory, free ports on 127.0.0.1, a known class password and a read-only monitor token.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HUB_DIR = Path(__file__).resolve().parent
REPO = HUB_DIR.parent
CONFIG = HUB_DIR / "jupyterhub_config.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    """`jupyterhub -f hub/jupyterhub_config.py` in a temp state dir; ``env`` adds MGK_HUB_* settings."""

    def __init__(self, state: Path | None = None, **env: str):
        self.own_state = state is None
        self.state = Path(state or tempfile.mkdtemp(prefix="mgk-hub-"))
        self.port = free_port()
        self.password = secrets.token_urlsafe(12)
        self.token = secrets.token_hex(16)
        self.env = {
            "MGK_HUB_STATE": str(self.state),
            "MGK_HUB_IP": "127.0.0.1",
            "MGK_HUB_PORT": str(self.port),
            "MGK_HUB_API_PORT": str(free_port()),
            "MGK_HUB_PROXY_API_PORT": str(free_port()),
            "MGK_HUB_PASSWORD": self.password,
            "MGK_HUB_MONITOR_TOKEN": self.token,
            **env,
        }
        self.proc: subprocess.Popen | None = None
        self.log_path = self.state / "hub.log"
        self.start_seconds: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Hub:
        self.state.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")
        jupyterhub = Path(sys.executable).parent / "jupyterhub"
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [str(jupyterhub), "-f", str(CONFIG)],
            cwd=REPO,
            env={**os.environ, **self.env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends the proxy and servers with it
        )
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited ({self.proc.returncode}):\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/health", timeout=5) as resp:
                    if resp.status == 200:
                        self.start_seconds = time.monotonic() - t0
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the hub did not answer within {timeout} s:\n{self.log()}")

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    # ------------------------------------------------------------------------------------------ REST API

    def api(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"{self.url}/hub/api/{path.lstrip('/')}",
            method=method,
            data=data,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def server(self, user: str) -> dict | None:
        """The user's default server model ({ready, pending, started, last_activity, ...}) or None."""
        try:
            return self.api("GET", f"users/{user}")["servers"].get("")
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise

    def wait_ready(self, user: str, timeout: float = 120) -> float:
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            server = self.server(user)
            if server and server["ready"]:
                return time.monotonic() - t0
            time.sleep(0.25)
        raise TimeoutError(f"{user}'s server not ready within {timeout} s:\n{self.log()[-4000:]}")

    def start_server(self, user: str) -> None:
        self.api("POST", f"users/{user}/server")

    def stop_server(self, user: str, timeout: float = 60) -> None:
        try:
            self.api("DELETE", f"users/{user}/server")
        except urllib.error.HTTPError as exc:
            if exc.code != 204:
                raise
        t0 = time.monotonic()
        while self.server(user) is not None:
            if time.monotonic() - t0 > timeout:
                raise TimeoutError(f"{user}'s server still running after {timeout} s")
            time.sleep(0.25)

    def home(self, user: str) -> Path:
        return self.state / "users" / user

    # ------------------------------------------------------------------------------------------ processes

    def user_processes(self, user: str) -> list:
        """psutil.Process of the user's Jupyter server and everything it started (kernels)."""
        import psutil

        out = []
        for proc in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if (
                    "jupyterhub-singleuser" in " ".join(proc.cmdline())
                    and proc.environ().get("JUPYTERHUB_USER") == user
                ):
                    out.append(proc)
                    out.extend(proc.children(recursive=True))
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return out

    def stop(self) -> None:
        if self.proc is None:
            return
        import psutil

        try:  # servers and the proxy run in sessions of their own: remember them to check they are gone
            left = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            left = []
        if self.proc.poll() is None:
            # the hub stops every server (cleanup_servers) and the proxy
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        try:  # anything left in the hub's process group (a service)
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, alive = psutil.wait_procs(left, timeout=10)
        for proc in alive:  # a server or proxy the hub did not stop
            try:
                proc.kill()
            except psutil.NoSuchProcess:
                pass
        self._log.close()
        self.proc = None
        if self.own_state and not os.environ.get("MGK_HUB_KEEP_STATE"):
            shutil.rmtree(self.state, ignore_errors=True)
