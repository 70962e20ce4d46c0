"""JupyterHub for one lab server: `make hub` (README, "JupyterHub: a class on one lab server, and past …").

Local users through SimpleLocalProcessSpawner (no system accounts: every student's server runs as the user
who ran `make hub`), one class password, each student's folder under the state directory getting the
student edition on the first login only, a memory limit per process, the idle culler as a hub service, the
pure-Python configurable-http-proxy from the same .venv. Nothing is downloaded at run time.

Everything an instructor may change is an environment variable (the Makefile passes its HUB_* variables):

    MGK_HUB_IP           where students connect: 127.0.0.1 (this machine only); 0.0.0.0 for the lab network
    MGK_HUB_PORT         port students connect to (8000)
    MGK_HUB_STATE        hub state: database, cookie secret, class password, students' folders (.hub/)
    MGK_HUB_PASSWORD     class password (8+ characters); unset: generated once, kept in .hub/class-password
    MGK_HUB_MEM_LIMIT    memory limit per student process, e.g. 1G or 768M (1G); 0 turns it off
    MGK_HUB_CULL_TIMEOUT seconds without activity before a student's server is stopped (3600)
    MGK_HUB_CULL_EVERY   how often the culler looks, seconds (300; at most a third of the timeout is used)
    MGK_HUB_KERNEL_CULL  seconds before a kernel nobody is connected to is shut down in a server (1200)
    MGK_HUB_ACTIVITY_INTERVAL  how often servers and the proxy report activity to the hub, seconds (300)
    MGK_HUB_API_PORT, MGK_HUB_PROXY_API_PORT  the hub's and the proxy's internal ports (8081, 8001)
    MGK_HUB_MONITOR_TOKEN  if set, an "mgk-monitor" service with this API token: reads users, starts and
                         stops their servers (tests/test_hub.py, bench/bench_class.py)
    MGK_HUB_TESTING      1: expose the JupyterLab app object to the page (the browser harness needs it)
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from mgk_hub import MgkSpawner, copy_student_edition, memory_limit_bytes, write_lab_settings  # noqa: E402

BIN = Path(sys.executable).parent  # the project's .venv: the hub runs from it, so do the servers
STATE = Path(os.environ.get("MGK_HUB_STATE") or REPO / ".hub").resolve()
USERS = STATE / "users"
STUDENT_EDITION = REPO / "student"
FIRST_NOTEBOOK = "00_start_here.ipynb"

STATE.mkdir(parents=True, exist_ok=True)
USERS.mkdir(exist_ok=True)


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

# ------------------------------------------------------------------------------------------------ network
# The one setting for a lab network: MGK_HUB_IP=0.0.0.0 (`make hub HUB_IP=0.0.0.0`): every interface.
HUB_IP = os.environ.get("MGK_HUB_IP") or "127.0.0.1"
HUB_PORT = env_int("MGK_HUB_PORT", 8000)
c.JupyterHub.bind_url = f"http://{HUB_IP}:{HUB_PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"  # the hub's own API stays on this machine
c.JupyterHub.hub_port = env_int("MGK_HUB_API_PORT", 8081)
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env_int('MGK_HUB_PROXY_API_PORT', 8001)}"
# the pure-Python port of configurable-http-proxy, installed in .venv by requirements-hub.txt (no Node.js). It
# hands a response over only once it is complete (no streaming), with tornado's 20 s limit by default: the
# spawn page's progress stream lasts as long as a server takes to start, which is longer when a whole class
# logs in at once (the page then never left "pending"). 5 minutes, longer than start_timeout.
# hub/proxy.py runs it with websocket subprotocols passed on (JupyterLab's kernel protocol).
c.ConfigurableHTTPProxy.command = [sys.executable, str(HERE / "proxy.py"), "--proxy-timeout=300000"]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# ------------------------------------------------------------------------------------------------- state
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub (Ctrl-C) stops every student's server too

# ------------------------------------------------------------------------------------------------- login
# One class password for everybody; a student picks a user name at the first login and uses it again later.
PASSWORD_FILE = STATE / "class-password"
PASSWORD = os.environ.get("MGK_HUB_PASSWORD", "")
if not PASSWORD:
    if not PASSWORD_FILE.exists():
        alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I to misread
        PASSWORD_FILE.write_text("".join(secrets.choice(alphabet) for _ in range(12)) + "\n")
        PASSWORD_FILE.chmod(0o600)
    PASSWORD = PASSWORD_FILE.read_text().strip()
if len(PASSWORD) < 8:
    sys.exit("MGK_HUB_PASSWORD must have at least 8 characters")
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = PASSWORD
c.Authenticator.allow_all = True  # anyone with the class password, under any user name
# user names become folder names: lower-case letters, digits, '-', '_' only (JupyterHub lower-cases them)
c.Authenticator.username_pattern = r"^[a-z0-9][a-z0-9_-]{0,31}$"
print(
    f"[mgk-hub] students open http://{HUB_IP if HUB_IP != '0.0.0.0' else '<this machine>'}:{HUB_PORT}/ "
    f"and log in with any user name and the class password: {PASSWORD}",
    flush=True,
)

# ----------------------------------------------------------------------------------------------- spawner
# SimpleLocalProcessSpawner (no system users needed) with a memory limit: see mgk_hub.py
c.JupyterHub.spawner_class = MgkSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(USERS / "{username}")
c.Spawner.notebook_dir = "~"  # the student's own folder
c.Spawner.default_url = f"/lab/tree/{FIRST_NOTEBOOK}"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.start_timeout = 180  # a whole class logging in at once starts its servers together
c.Spawner.http_timeout = 180
KERNEL_CULL = env_int("MGK_HUB_KERNEL_CULL", 1200)
args = [
    # JupyterLab does not look for news or updates on the internet
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    # kernels whose notebook tab was closed are shut down after a while (memory comes back)
    f"--MappingKernelManager.cull_idle_timeout={KERNEL_CULL}",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=False",
    # not needed in a student's JupyterLab: Voilà (`make app` serves it)
    "--ServerApp.jpserver_extensions=voila.server_extension=False",
]
if os.geteuid() == 0:
    args.append("--allow-root")  # a root-run hub (containers, CI) starts the servers as root too
if os.environ.get("MGK_HUB_TESTING") == "1":
    args.append("--LabApp.expose_app_in_browser=True")
c.Spawner.args = args
ACTIVITY_INTERVAL = env_int("MGK_HUB_ACTIVITY_INTERVAL", 300)
c.Spawner.environment = {"JUPYTERHUB_ACTIVITY_INTERVAL": str(ACTIVITY_INTERVAL)}
c.JupyterHub.last_activity_interval = ACTIVITY_INTERVAL

# Memory: a limit on each process of a student's server (the Jupyter server and each kernel, separately):
# RLIMIT_DATA, the heap and private memory a process may allocate. LocalProcessSpawner's own mem_limit only
# tells the server (MEM_LIMIT environment variable), enforcing nothing; MgkSpawner enforces it (mgk_hub.py).
c.Spawner.mem_limit = memory_limit_bytes(os.environ.get("MGK_HUB_MEM_LIMIT", "1G")) or None


def pre_spawn_hook(spawner) -> None:
    """First login: copy the student edition into the student's folder. Later logins: leave it alone."""
    copy_student_edition(STUDENT_EDITION, Path(spawner.home_dir), spawner.log)
    write_lab_settings(Path(spawner.home_dir))  # no news prompt in JupyterLab


c.Spawner.pre_spawn_hook = pre_spawn_hook


# -------------------------------------------------------------------------------------------------- culler
CULL_TIMEOUT = env_int("MGK_HUB_CULL_TIMEOUT", 3600)
CULL_EVERY = min(env_int("MGK_HUB_CULL_EVERY", 300), max(1, CULL_TIMEOUT // 3))
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        # jupyterhub_idle_culler's main(), exiting at once on the SIGINT the hub stops it with (without this,
        # Ctrl-C on `make hub` waited ~30 s for the culler before stopping the students' servers)
        "command": [
            sys.executable,
            "-c",
            "import os, signal; signal.signal(signal.SIGINT, lambda *_: os._exit(0)); "
            "from jupyterhub_idle_culler import main; main()",
            f"--timeout={CULL_TIMEOUT}",
            f"--cull-every={CULL_EVERY}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
MONITOR_TOKEN = os.environ.get("MGK_HUB_MONITOR_TOKEN")
if MONITOR_TOKEN:  # the test and the benchmark read users and servers, and stop servers, with it
    c.JupyterHub.services.append({"name": "mgk-monitor", "api_token": MONITOR_TOKEN})
    c.JupyterHub.load_roles.append(
        {
            "name": "mgk-monitor",
            "scopes": [
                "list:users",
                "read:users",
                "read:servers",
                "servers",
                "list:services",
                "read:services",
            ],
            "services": ["mgk-monitor"],
        }
    )

if shutil.which("configurable-http-proxy", path=str(BIN)) is None:
    sys.exit(f"configurable-http-proxy is not in {BIN}: run `make hub` (it installs requirements-hub.txt)")
