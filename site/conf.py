"""Sphinx configuration of the course website (``make site``; see ``tools/build_site.py``).

The site is the student edition (``student/``) as a book: its saved outputs (live explorers and self-checks,
which answer in the page without a kernel) are shown as they are; nothing is executed. The build stages the
notebooks next to this file, so every page sits at the site's root (``01_electrolytes_and_the_kidney.html``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

from mgk_helpers.model.clinical import red_flags  # noqa: E402
from mgk_helpers.model.notices import DISCLAIMER, URGENT_CARE  # noqa: E402

#: Where "Launch on Binder" and the repository button point; a site built for a release tag launches that tag
#: (``MGK_REF=v0.1.0 make site``). A fork sets ``MGK_REPOSITORY``.
REPOSITORY = os.environ.get("MGK_REPOSITORY", "mgk-teaching/mg-k-notebooks")
REF = os.environ.get("MGK_REF", "HEAD")
#: A class JupyterHub (optional): its address adds a "JupyterHub" launch link (through nbgitpuller).
JUPYTERHUB_URL = os.environ.get("MGK_JUPYTERHUB_URL", "")

project = "Magnesium and potassium: how low Mg can lower K"
author = "The Mg–K teaching notebooks contributors"
copyright = "the Mg–K teaching notebooks contributors; text CC BY 4.0, code MIT"
language = "en"

extensions = ["myst_nb", "sphinx.ext.githubpages", "mgk_site"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "_series.md"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["site.css"]

# Notebooks are shown with their committed outputs: never executed here.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "deflist", "colon_fence", "html_image"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]

html_theme = "sphinx_book_theme"
html_title = "Magnesium and potassium"
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = True
html_math_renderer = "mathml"
html_favicon = "_static/favicon.svg"
html_context = {
    "default_mode": "auto",  # light or dark as the reader's system prefers, until they pick one
    "mgk_disclaimer": DISCLAIMER,
    "mgk_urgent_care": URGENT_CARE,
    "mgk_red_flags": red_flags(),
}
html_theme_options = {
    "repository_url": f"https://github.com/{REPOSITORY}",
    "repository_branch": REF,
    "path_to_docs": "student",
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "notebook_interface": "jupyterlab",
        **({"jupyterhub_url": JUPYTERHUB_URL} if JUPYTERHUB_URL else {}),
    },
    "article_footer_items": ["red-flags.html"],
    "show_prev_next": True,
    "navigation_with_keys": False,
}
mgk_ref = REF
