"""``mgk_helpers.exercises.report``: a scaffold's blank (``...``) says "not done yet" instead of raising."""

from __future__ import annotations

from mgk_helpers.exercises import NOT_DONE, report


def test_report_formats_the_values(capsys):
    assert report("Serum K {k:.2f} mmol/L at Mg {mg}", k=3.4567, mg=0.45) is None  # shown once, not echoed
    assert capsys.readouterr().out == "Serum K 3.46 mmol/L at Mg 0.45\n"


def test_a_blank_value_prints_not_done_instead_of_an_error(capsys):
    # the template cannot format an Ellipsis with :.2f: report must not try
    report("Serum K {k:.2f} mmol/L at Mg {mg}", k=..., mg=0.45)
    assert capsys.readouterr().out == NOT_DONE + "\n"
    assert "# your code here" in NOT_DONE


def test_a_filled_in_zero_is_not_a_blank(capsys):
    report("{x}", x=0)
    assert capsys.readouterr().out == "0\n"
