"""Foundation checks: the package imports, the Binder pins agree with the classroom pins,
the server extension is wired, and the project files that `make lab`/Binder rely on exist."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _requirements(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-e"):
            lines.append(re.sub(r"\s+", "", line))
    return lines


def test_package_imports_and_has_version():
    mgk = importlib.import_module("mgk_helpers")
    assert re.fullmatch(r"\d+\.\d+\.\d+", mgk.__version__)
    assert "not medical advice" in mgk.DISCLAIMER


def test_binder_pins_match_root_pins():
    root_pins = _requirements(ROOT / "requirements.txt")
    binder_pins = _requirements(ROOT / "binder" / "requirements.txt")
    assert binder_pins == root_pins


def test_every_classroom_requirement_is_pinned_exactly():
    for line in _requirements(ROOT / "requirements.txt"):
        spec = line.split(";", 1)[0]
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", spec), f"not pinned with ==: {line}"
    names = {line.split("==")[0].lower() for line in _requirements(ROOT / "requirements.txt")}
    # plotly's FigureWidget and our own figure widget need anywidget, which plotly does not depend on.
    assert {"jupyterlab", "ipywidgets", "plotly", "anywidget", "pandas", "numpy", "scipy", "pint"} <= names
    assert "-e ." in (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_test_requirements_are_pinned():
    for line in _requirements(ROOT / "requirements-test.txt"):
        if line.startswith("-r"):
            continue
        assert "==" in line, f"not pinned with ==: {line}"


def test_binder_runtime_and_postbuild():
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime)
    post = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8").splitlines()
    assert post[0].startswith("#!")
    assert any(line.strip() == "set -e" for line in post[:4]), "postBuild must start with set -e"
    assert any("pip install" in line and "-e ." in line for line in post)


def test_server_extension_is_declared_and_configured():
    mgk = importlib.import_module("mgk_helpers")
    points = mgk._jupyter_server_extension_points()
    server = importlib.import_module(points[0]["module"])
    assert hasattr(server, "_load_jupyter_server_extension")
    assert server.plotly_js_path().is_file() and server.plotly_js_path().name == "plotly.min.js"
    config = json.loads((ROOT / "jupyter-config" / "mgk_helpers.json").read_text(encoding="utf-8"))
    assert config["ServerApp"]["jpserver_extensions"]["mgk_helpers"] is True


def test_server_extension_routes_plotly_js_to_the_local_file():
    """Load the extension into a real (unstarted) ServerApp and resolve the URL the figures use."""
    from jupyter_server.serverapp import ServerApp
    from tornado.httputil import HTTPHeaders, HTTPServerRequest
    from tornado.web import StaticFileHandler

    import mgk_helpers.plotly_view.server as server

    app = ServerApp()
    app.initialize(argv=["--ServerApp.token=", "--ServerApp.open_browser=False"], find_extensions=False)
    server._load_jupyter_server_extension(app)
    request = HTTPServerRequest(
        method="GET", uri="/mgk-helpers/static/plotly.min.js", headers=HTTPHeaders({"Host": "127.0.0.1"})
    )
    delegate = app.web_app.find_handler(request)
    assert delegate.handler_class is StaticFileHandler
    served = Path(delegate.handler_kwargs["path"]) / "plotly.min.js"
    assert served.is_file() and served.stat().st_size > 1_000_000
    miss = HTTPServerRequest(
        method="GET", uri="/mgk-helpers/static/secret.txt", headers=HTTPHeaders({"Host": "127.0.0.1"})
    )
    assert app.web_app.find_handler(miss).handler_class is not StaticFileHandler


def test_readme_has_the_two_commands_and_binder_badge():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    assert "not medical advice" in readme.lower()


def test_makefile_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("lab", "test", "notebooks", "bench", "clean"):
        assert re.search(rf"^{target}:", makefile, re.M), target
