"""The *Time:* of each notebook is the estimate of tools/estimate_minutes.py (a stated timing model), kept
current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import estimate_minutes as em  # noqa: E402


def _code(source: str, html: str = "", text: str = "", tags=()) -> nbformat.NotebookNode:
    outputs = []
    if html:
        outputs.append(nbformat.v4.new_output("display_data", data={"text/html": html}))
    if text:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=text))
    return nbformat.v4.new_code_cell(source, outputs=outputs, metadata={"tags": list(tags)})


def test_the_timing_model_counts_what_a_student_does(tmp_path):
    words = " ".join(["word"] * 400)  # 2 minutes at 200 words a minute
    quiz_html = '<script type="application/json" class="mgk-quiz-spec">' + '{"prompt":1},' * 4 + "</script>"
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(f"# Title\n\n**Time:** about 1 minutes.\n\n{words}"),
            _code("x.predict_first('?', options=('a', 'b'))", html='<div data-mgk-explorer="1"></div>'),
            _code("print(1)", text=" ".join(["out"] * 200)),  # printed words are read: 1 minute
            nbformat.v4.new_markdown_cell("### Exercise\nDo it."),
            nbformat.v4.new_markdown_cell("answer", metadata={"tags": ["answer"]}),
            nbformat.v4.new_markdown_cell("### Going further (Python, optional)\n" + words),
            _code("x = ...  # your code here", tags=["solution"]),
            nbformat.v4.new_markdown_cell("## Check your understanding"),
            _code("quiz(nb.questions())", html=quiz_html),
            nbformat.v4.new_markdown_cell(
                "> **Going further (optional).** " + words + "\n\nback in the main line"
            ),
        ]
    )
    path = tmp_path / "99_demo.ipynb"
    nbformat.write(nb, path)
    e = em.estimate(path)
    assert (e.explorers, e.questions, e.exercises, e.scaffolds) == (1, 4, 1, 1)
    main_words = (
        400 + 3 + 200 + 3 + 3 + 4
    )  # text, title words, printed, exercise, heading, "back in the main line"
    assert abs(e.words - main_words) <= 6
    assert 800 <= e.optional_words <= 810  # the Going further section and the box
    # 2 + 1 reading, 5 explorer, 4 questions, 5 exercise = about 17 → 20; optional 4 reading + 10 = 14 → 15
    assert (e.minutes, e.optional_minutes) == (20, 15)
    assert em.time_line(e) == "**Time:** about 20 minutes, plus 15 for the optional *Going further* parts"


def test_the_notebooks_show_the_estimate():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "estimate_minutes.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr  # (and every notebook has a Time line)
