"""Support for the optional *Going further (Python)* exercises: ``mgk_helpers.exercises``.

A scaffold leaves one line for the student to complete, ``name = ...  # your code here``. Until it is
filled in, the value is ``...`` (Python's Ellipsis), and :func:`report` says so instead of raising an
error: a student who runs the whole notebook (Run All) is not stopped by an exercise they chose to skip.
"""

from __future__ import annotations

__all__ = ["NOT_DONE", "report"]

#: What :func:`report` prints while the scaffold's blank is still ``...``.
NOT_DONE = (
    "Not done yet: replace the ... in the line marked '# your code here' with your answer, then run "
    "this cell again. (This part is optional: the exercise above can be done without code.)"
)


def report(template: str, /, **values: object) -> None:
    """Print ``template.format(**values)``; while any value is ``...``, print :data:`NOT_DONE` instead.

    Returns nothing, so that as the last line of a cell the text is not shown twice.

    >>> report("Serum K {k:.2f} mmol/L", k=3.4567)
    Serum K 3.46 mmol/L
    >>> report("Serum K {k:.2f} mmol/L", k=...)  # doctest: +ELLIPSIS
    Not done yet: replace the ... in the line marked '# your code here' ...
    """
    blank = any(value is Ellipsis for value in values.values())
    print(NOT_DONE if blank else template.format(**values))
