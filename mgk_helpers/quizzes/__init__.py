"""Self-check questions, one module per notebook (``nb00`` … ``nb07``).

Questions live here rather than in the notebooks so that a student reading a code cell does not
see the answer, and so that numeric answers are computed from the same package code the
explorers use (they cannot drift from the model). Each module exposes ``QUESTIONS``: a list of
dicts in the format :func:`mgk_helpers.widgets.quiz` accepts:

* multiple choice: ``{"question", "options", "answer" (index), "explanation"}``
* numeric: ``{"question", "answer" (float), "tolerance", "unit", "explanation"}``
"""
