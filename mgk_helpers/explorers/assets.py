"""The front ends' files (``static/*.js``, ``static/*.css``) as the pages get them: compacted.

Every saved explorer or quiz output carries its front end, so its size counts against each notebook's 1 MB:
the page gets the files without their comment lines and indentation (the files in ``static/`` stay
readable). Only whole-line ``//`` comments, ``/* … */`` comments and leading spaces go; no code is rewritten.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["compact_css", "compact_js", "static_text"]

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
