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


def report(template: str, /, **values: object) -> str:
    """Print ``template.format(**values)`` and return it; while any value is ``...``, print :data:`NOT_DONE`.

    >>> _ = report("Serum K {k:.2f} mmol/L", k=3.4567)
    Serum K 3.46 mmol/L
    >>> report("Serum K {k:.2f} mmol/L", k=...) == NOT_DONE  # doctest: +ELLIPSIS
    Not done yet: replace the ... in the line marked '# your code here' ...
    True
    """
    if any(value is Ellipsis for value in values.values()):
        text = NOT_DONE
    else:
        text = template.format(**values)
    print(text)
    return text
