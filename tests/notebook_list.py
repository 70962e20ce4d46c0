"""The notebooks the project ships (imported by several test modules)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def notebook_paths() -> list[Path]:
    """The instructor masters and, once generated, the student versions."""
    return sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("student/*.ipynb"))
