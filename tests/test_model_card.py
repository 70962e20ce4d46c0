"""The model card is the project's own account of the model: current with the code, and self-contained."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CARD = ROOT / "docs" / "MODEL_CARD.md"


def test_parameter_table_is_generated_from_the_model():
    proc = subprocess.run(
        [sys.executable, "tools/make_model_card.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_card_names_every_parameter_and_its_tag():
    from mgk_helpers.model import PARAM_INFO

    text = CARD.read_text(encoding="utf-8")
    for name, info in PARAM_INFO.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        assert info.tag in row and info.source in row


def test_card_is_honest_about_the_sufficiency_argument():
    text = CARD.read_text(encoding="utf-8")
    for phrase in (
        "not** a clinical prediction",
        "sufficiency argument",
        "Hypothesis",
        "Calibration",
        "Mechanism",
    ):
        assert phrase in text
