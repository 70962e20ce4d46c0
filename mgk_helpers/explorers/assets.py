"""The front ends' files (``static/*.js``, ``static/*.css``) as the pages get them: compacted; and the mime
bundle that carries a widget together with its kernel-free page (:func:`with_page`).

Every saved explorer or quiz output carries its front end, so its size counts against each notebook's 1 MB:
the page gets the files without their comment lines and indentation (the files in ``static/`` stay
readable). Only whole-line ``//`` comments, ``/* … */`` comments and leading spaces go; no code is rewritten.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["compact_css", "compact_js", "static_text", "with_page"]

_STATIC = resources.files("mgk_helpers.explorers") / "static"


def compact_js(source: str) -> str:
    """``source`` without comment-only lines, block comments on lines of their own and indentation."""
    source = re.sub(r"^[ \t]*/\*.*?\*/[ \t]*\n", "", source, flags=re.S | re.M)
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def compact_css(source: str) -> str:
    """``source`` without comments and indentation."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return "\n".join(line.strip() for line in source.splitlines() if line.strip()) + "\n"


@cache
def static_text(name: str) -> str:
    """The compacted text of ``static/<name>`` (a ``.js`` or ``.css`` file)."""
    text = _STATIC.joinpath(name).read_text("utf-8")
    return compact_js(text) if name.endswith(".js") else compact_css(text)


def with_page(bundle: Any, html: str, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A widget's mime ``bundle`` (anywidget's data, or ``(data, metadata)``) with ``html``, the widget's
    self-contained page, as its ``text/html`` and ``text/plain`` set to ``text``.

    A front end with a kernel shows the widget; GitHub, nbviewer, nbconvert and the course site show the page.
    """
    data, meta = bundle if isinstance(bundle, tuple) else (bundle or {}, {})
    return {**data, "text/html": html, "text/plain": text}, meta
