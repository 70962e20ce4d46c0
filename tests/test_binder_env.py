"""Build the Binder environment the way repo2docker would, without Docker, and run the start notebook.

repo2docker (Python buildpack) creates an environment with the Python of ``binder/runtime.txt``,
installs ``binder/requirements.txt``, runs ``binder/postBuild`` from the repository root, and then
starts Jupyter. This test does the same in a fresh virtual environment with this machine's Python
(the runtime pin itself is checked in test_foundation.py), then executes
``notebooks/00_start_here.ipynb`` with that environment's kernel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=120, startup_timeout=60, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
print("executed", sum(c.cell_type == "code" for c in nb.cells), "code cells")
"""


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def test_binder_environment_builds_and_runs_the_start_notebook(tmp_path):
    # repo2docker builds from a copy of the repository; copy what it would see (tracked layout).
    repo = tmp_path / "repo"
    ignore = shutil.ignore_patterns(".venv", ".git", "artifacts", "__pycache__", "*.egg-info", "student")
    shutil.copytree(ROOT, repo, ignore=ignore)
    env_dir = tmp_path / "binder-env"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER"))},
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(env_dir),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    python = str(bin_dir / "python")
    _run([python, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"], env, repo)
    _run(["bash", "binder/postBuild"], env, repo)
    listed = _run([str(bin_dir / "jupyter"), "server", "extension", "list"], env, repo)
    assert "mgk_helpers" in listed.stdout + listed.stderr
    out = _run([python, "-c", EXECUTE, "notebooks/00_start_here.ipynb", str(repo / "notebooks")], env, repo)
    assert "executed" in out.stdout
    # the kernel used the Binder environment, not the test runner's
    probe = "import mgk_helpers, sys; print(sys.prefix, mgk_helpers.__file__)"
    where = _run([python, "-c", probe], env, repo)
    assert str(env_dir) in where.stdout and str(repo) in where.stdout
    assert sys.prefix not in where.stdout.split()[0]
