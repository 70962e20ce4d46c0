"""The package installs the ordinary way: build the wheel, install it into a fresh virtual environment outside
the checkout, and use it there (every table, the model, one explorer headless, one question bank)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

CHECK = r"""
import json, pathlib, mgk_helpers
from mgk_helpers import data, model, widgets
from mgk_helpers.quizzes import nb04

here = pathlib.Path(mgk_helpers.__file__).resolve()
tables = {name: len(data.load_table(name)) for name in data.TABLES}
ss = model.steady_state(0.45, 100.0, 1.7)
ex = widgets.mg_k_steady_state(serum_mg=0.45, driver=1.7)
ex.controls["driver"].value = 1.0
print(json.dumps({
    "package": str(here),
    "data_dir": str(data.DATA_DIR),
    "tables": tables,
    "serum_k": ss.serum_k,
    "readout": ex.readout_text,
    "questions": len(nb04.questions()),
}))
"""


def _constraints(tmp: Path) -> Path:
    """The classroom pins (requirements.txt) without the editable install of the checkout."""
    lines = [
        line
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "-e"))
    ]
    path = tmp / "constraints.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_wheel_installs_and_works_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=600,
    )
    wheels = list(dist.glob("mgk_helpers-*.whl"))
    assert len(wheels) == 1, wheels
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheels[0]), "-c", str(_constraints(tmp_path))],
        check=True,
        timeout=900,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    proc = subprocess.run(
        [str(python), "-c", CHECK], cwd=work, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert str(env_dir) in result["package"] and str(ROOT) not in result["package"]
    assert str(env_dir) in result["data_dir"]
    from mgk_helpers import data

    assert result["tables"] == {name: len(data.load_table(name)) for name in data.TABLES}  # same rows as here
    assert 3.0 < result["serum_k"] < 4.0
    assert "Serum K" in result["readout"] and "driver 1.00" in result["readout"]
    assert result["questions"] >= 4
