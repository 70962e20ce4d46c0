"""Shared test configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def notebook_paths() -> list[Path]:
    """Every notebook the project ships: the instructor masters and, once generated, the student versions."""
    return sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("student/*.ipynb"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
