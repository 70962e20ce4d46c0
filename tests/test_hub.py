"""The lab-server hub (`make hub`, hub/): starts from the repository's config, a student logs in, gets the
student edition once, works in JupyterLab under a memory limit, and the idle culler is configured.

One hub for the module (temporary state, free ports on 127.0.0.1); about a minute in all. Needs the packages
of requirements-hub.txt in the environment (`make hub` installs them).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hub"))

if os.environ.get("CI") != "true":  # in CI a missing hub is a failure (ImportError below), not a skip
    pytest.importorskip(
        "jupyterhub", reason="JupyterHub not installed: `make hub` installs requirements-hub.txt"
    )
requests = pytest.importorskip("requests")
psutil = pytest.importorskip("psutil")

from hubctl import Hub  # noqa: E402
from mgk_hub import DOCS, LAB_SETTINGS, MARKER, copy_student_edition, memory_limit_bytes  # noqa: E402

pytestmark = pytest.mark.timeout(300)

STUDENT = REPO / "student"
LIMIT = "640M"  # not the default (1G): the test sees the setting go through


def student_files() -> list[str]:
    files = sorted(STUDENT.glob("*.ipynb")) + sorted(
        p for p in (STUDENT / "figures").rglob("*") if p.is_file()
    )
    docs = [f"docs/{name}" for name in DOCS]  # the glossary the notebooks link to, and the pages it links to
    return sorted([p.relative_to(STUDENT).as_posix() for p in files] + docs)


# ------------------------------------------------------------------------------------------ no hub needed


def test_memory_limit_spec():
    assert memory_limit_bytes("1G") == 2**30
    assert memory_limit_bytes("768M") == 768 * 2**20
    assert memory_limit_bytes("1.5G") == int(1.5 * 2**30)
    assert memory_limit_bytes("0") == 0
    with pytest.raises(ValueError):
        memory_limit_bytes("a lot")


def test_copy_student_edition_first_time_only(tmp_path):
    home = tmp_path / "alice"
    assert copy_student_edition(STUDENT, home)
    got = sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file() and p.name != MARKER)
    assert got == student_files()
    # every glossary link in the student edition reaches a copied entry (JupyterLab keeps ../ in the folder)
    assert "../docs/GLOSSARY.md#romk" in (home / "01_electrolytes_and_the_kidney.ipynb").read_text("utf-8")
    assert (home / "docs" / "GLOSSARY.md").read_bytes() == (
        STUDENT.parent / "docs" / "GLOSSARY.md"
    ).read_bytes()
    (home / "00_start_here.ipynb").write_text("my work")
    (home / "01_electrolytes_and_the_kidney.ipynb").unlink()
    assert not copy_student_edition(STUDENT, home)
    assert (home / "00_start_here.ipynb").read_text() == "my work"
    assert not (home / "01_electrolytes_and_the_kidney.ipynb").exists()


def load_config(tmp_path, monkeypatch, **env: str):
    """hub/jupyterhub_config.py as JupyterHub loads it (no hub started), with MGK_HUB_* settings `env`."""
    from traitlets.config import Config

    for name in list(os.environ):
        if name.startswith("MGK_HUB_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("MGK_HUB_STATE", str(tmp_path / "state"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config()
    path = REPO / "hub" / "jupyterhub_config.py"
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: config, "__file__": str(path)})
    return config


def test_config_defaults(tmp_path, monkeypatch, capsys):
    c = load_config(tmp_path, monkeypatch)
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000", (
        "the hub must listen on this machine only by default"
    )
    assert c.JupyterHub.hub_ip == "127.0.0.1"
    password = (tmp_path / "state" / "class-password").read_text().strip()
    assert len(password) >= 8 and c.SharedPasswordAuthenticator.user_password == password
    assert password in capsys.readouterr().out, "the generated class password is not printed"
    assert c.Spawner.mem_limit == 2**30
    assert c.Spawner.default_url == "/lab/tree/00_start_here.ipynb"
    assert c.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "state" / "users" / "{username}")
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert "--timeout=3600" in culler["command"]
    # a second start keeps the same password; the lab-network setting and the limit go through
    c = load_config(tmp_path, monkeypatch, MGK_HUB_IP="0.0.0.0", MGK_HUB_MEM_LIMIT="768M")
    assert c.SharedPasswordAuthenticator.user_password == password
    assert c.JupyterHub.bind_url == "http://0.0.0.0:8000"
    assert c.Spawner.mem_limit == 768 * 2**20


def test_z2jh_values_agree_with_the_lab_hub(tmp_path, monkeypatch):
    """hub/z2jh-config.yaml (not run here: no Kubernetes) parses, and agrees with `make hub`'s config."""
    yaml = pytest.importorskip("yaml")
    values = yaml.safe_load((REPO / "hub" / "z2jh-config.yaml").read_text())
    c = load_config(tmp_path, monkeypatch)
    single = values["singleuser"]
    limit = memory_limit_bytes(single["memory"]["limit"])
    guarantee = memory_limit_bytes(single["memory"]["guarantee"])
    assert limit == c.Spawner.mem_limit, "the pod's memory limit differs from the lab hub's"
    assert 0 < guarantee <= limit
    assert single["defaultUrl"] == c.Spawner.default_url
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert values["cull"]["enabled"] and f"--timeout={values['cull']['timeout']}" in culler["command"]
    hook = " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert MARKER in hook and "cp -rn" in hook, (
        "the first-start copy must leave the marker and never overwrite"
    )
    assert values["prePuller"]["hook"]["enabled"] and values["scheduling"]["userPlaceholder"]["enabled"]
    # the hook itself, run by sh with the image's checkout replaced by this one: it copies what `make hub`
    # copies, the first time only
    script = single["lifecycleHooks"]["postStart"]["exec"]["command"][2].replace(
        "/srv/mg-k-notebooks", str(REPO)
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(["sh", "-c", script], env=env, check=True)
    got = sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file() and p.name != MARKER)
    assert got == student_files()
    (home / "00_start_here.ipynb").write_text("my work")
    subprocess.run(["sh", "-c", script], env=env, check=True)
    assert (home / "00_start_here.ipynb").read_text() == "my work"


# --------------------------------------------------------------------------------------------- the hub


@pytest.fixture(scope="module")
def hub():
    with Hub(MGK_HUB_MEM_LIMIT=LIMIT, MGK_HUB_CULL_TIMEOUT="900").start() as hub:
        yield hub


def login(hub: Hub, user: str) -> requests.Session:
    """Log in through the hub's login form, as a browser does; returns the session (cookies)."""
    session = requests.Session()
    session.get(f"{hub.url}/hub/login", timeout=30).raise_for_status()
    resp = session.post(
        f"{hub.url}/hub/login",
        data={"username": user, "password": hub.password, "_xsrf": session.cookies.get("_xsrf")},
        timeout=120,
    )
    resp.raise_for_status()
    return session


def execute(hub: Hub, session: requests.Session, user: str, kernel_id: str, code: str) -> dict:
    """Run `code` in the kernel over its websocket (through the proxy); returns {stdout, error, status}."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    url = f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{kernel_id}/channels"
    msg_id = uuid.uuid4().hex
    msg = {
        "header": {
            "msg_id": msg_id,
            "msg_type": "execute_request",
            "username": user,
            "session": uuid.uuid4().hex,
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "channel": "shell",
        "buffers": [],
    }

    async def run() -> dict:
        ws = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookies}))
        ws.write_message(json.dumps(msg))
        out = {"stdout": "", "error": None, "status": None}
        idle = False  # iopub's "idle" comes after every output; the shell reply may come before them
        while out["status"] is None or not idle:
            raw = await asyncio.wait_for(ws.read_message(), timeout=60)
            assert raw is not None, "the kernel's websocket closed"
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = reply["header"]["msg_type"]
            if kind == "stream":
                out["stdout"] += reply["content"]["text"]
            elif kind == "error":
                out["error"] = reply["content"]["ename"]
            elif kind == "execute_reply":
                out["status"] = reply["content"]["status"]
            elif kind == "status" and reply["content"]["execution_state"] == "idle":
                idle = True
        ws.close()
        return out

    return asyncio.run(run())


def kernel_protocol(hub: Hub, session: requests.Session, user: str, kernel_id: str) -> str | None:
    """Open the kernel's websocket as JupyterLab does (asking for its v1 protocol); the protocol agreed."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    url = f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{kernel_id}/channels"

    async def run() -> str | None:
        request = HTTPRequest(url, headers={"Cookie": cookies})
        ws = await websocket_connect(request, subprotocols=["v1.kernel.websocket.jupyter.org"])
        protocol = ws.selected_subprotocol
        ws.close()
        return protocol

    return asyncio.run(run())


def test_hub_student_login_edition_memory_culler(hub):
    user = "student-a"
    home = hub.home(user)
    assert not home.exists()

    # first login: the server is spawned and the student edition is copied into the student's folder
    session = login(hub, user)
    hub.wait_ready(user)
    got = sorted(
        p.relative_to(home).as_posix()
        for p in home.rglob("*")
        if p.is_file() and p.name != MARKER and not p.relative_to(home).parts[0].startswith(".")
    )
    assert got == student_files(), "the student's folder is not the student edition"
    for rel in got:  # student/… and, for the links, docs/…
        source = REPO / rel if rel.startswith("docs/") else STUDENT / rel
        assert (home / rel).read_bytes() == source.read_bytes(), f"{rel} differs from {source}"
    for rel, settings in LAB_SETTINGS.items():  # JupyterLab asks nothing about news, fetches none
        assert json.loads((home / rel).read_text()) == settings

    # the server serves JupyterLab, opening at 00_start_here.ipynb, and plotly.js (mgk_helpers extension)
    resp = session.get(f"{hub.url}/user/{user}/", timeout=60)
    assert resp.status_code == 200
    assert resp.url.endswith(f"/user/{user}/lab/tree/00_start_here.ipynb"), resp.url
    assert "jupyter-config-data" in resp.text
    config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', resp.text, re.S).group(1))
    assert config["news"] == {"disabled": True}, "JupyterLab would fetch news from the internet"
    plotly = session.get(f"{hub.url}/user/{user}/mgk-helpers/static/plotly.min.js", timeout=60)
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000

    # the memory limit: set on the server process and inherited by a kernel, where it stops a big allocation
    procs = hub.user_processes(user)
    assert procs, f"no Jupyter server process for {user}"
    limit = memory_limit_bytes(LIMIT)
    assert procs[0].rlimit(psutil.RLIMIT_DATA) == (limit, limit)
    xsrf = session.cookies.get("_xsrf", path=f"/user/{user}/")
    resp = session.post(
        f"{hub.url}/user/{user}/api/kernels",
        json={"name": "python3"},
        headers={"X-XSRFToken": xsrf},
        timeout=60,
    )
    assert resp.status_code == 201, resp.text
    kernel_id = resp.json()["id"]
    ok = execute(
        hub, session, user, kernel_id, "import resource; print(resource.getrlimit(resource.RLIMIT_DATA))"
    )
    assert ok["status"] == "ok" and ok["stdout"].strip() == f"({limit}, {limit})", ok
    # JupyterLab's kernel protocol through the proxy (hub/proxy.py): the server's choice reaches the browser
    assert kernel_protocol(hub, session, user, kernel_id) == "v1.kernel.websocket.jupyter.org"
    big = execute(hub, session, user, kernel_id, f"x = bytearray({2 * limit})")  # twice the limit
    assert big["error"] == "MemoryError", big
    small = execute(hub, session, user, kernel_id, "y = bytearray(50 * 2**20); print(len(y))")
    assert small["status"] == "ok" and small["stdout"].strip() == str(50 * 2**20), (
        "the kernel did not survive"
    )
    assert requests.get(f"{hub.url}/hub/health", timeout=10).status_code == 200, "the hub went down"

    # the student's work is kept: a restarted server (or a second login) copies nothing again
    (home / "00_start_here.ipynb").write_text('{"my": "work"}')
    (home / "07_case_study.ipynb").unlink()
    hub.stop_server(user)
    session = login(hub, user)
    hub.wait_ready(user)
    assert (home / "00_start_here.ipynb").read_text() == '{"my": "work"}', (
        "the student's notebook was overwritten"
    )
    assert not (home / "07_case_study.ipynb").exists(), "a notebook the student deleted came back"

    # the idle culler runs as a hub service with the configured timeout
    services = hub.api("GET", "services")
    assert "idle-culler" in services, services
    children = psutil.Process(hub.proc.pid).children(recursive=True)
    culler = [p for p in children if "jupyterhub_idle_culler" in " ".join(p.cmdline())]
    assert len(culler) == 1, "the idle culler is not running"
    assert "--timeout=900" in culler[0].cmdline()
