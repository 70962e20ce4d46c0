"""The parts of the lab-server hub that are code: the spawner with a memory limit, the first-login copy.

Imported by hub/jupyterhub_config.py (and by tests/test_hub.py, which checks them on their own).
"""

from __future__ import annotations

import json
import logging
import re
import resource
import shutil
import time
from pathlib import Path

from jupyterhub.spawner import SimpleLocalProcessSpawner

#: written into a student's folder once the student edition has been copied there: its presence means
#: "first login done", and nothing is copied again (a student's edits and deletions are kept)
MARKER = ".mgk-student-edition"

_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def memory_limit_bytes(spec: str | int | None) -> int:
    """'1G', '768M', '1.5G', '1073741824' → bytes (binary units, as JupyterHub reads them); '0' or '' → 0."""
    if spec is None:
        return 0
    if isinstance(spec, int):
        return spec
    m = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]?)i?B?\s*", str(spec), flags=re.IGNORECASE)
    if not m:
        raise ValueError(f"memory limit {spec!r}: use a number with K, M, G or T, e.g. 1G or 768M")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


#: the course pages the notebooks link to (``../docs/GLOSSARY.md#…``), copied into ``home/docs/``: JupyterLab
#: resolves a link above the student's folder to that folder, so the links work there as in the repository
DOCS = ("GLOSSARY.md", "MODEL_CARD.md", "REFERENCES.md")


def copy_student_edition(source: Path, home: Path, log: logging.Logger | None = None) -> bool:
    """Copy ``source/*.ipynb`` and ``source/figures/`` into ``home``, and the :data:`DOCS` beside ``source``
    (``source/../docs/``) into ``home/docs/``, the first time only.

    Returns True if it copied. The first time is when ``home`` has no :data:`MARKER`; even then an existing
    file is never overwritten (a copy interrupted half-way is completed, not redone).
    """
    home.mkdir(parents=True, exist_ok=True)
    marker = home / MARKER
    if marker.exists():
        return False
    files = sorted(source.glob("*.ipynb")) + sorted(p for p in (source / "figures").rglob("*") if p.is_file())
    if not files:
        raise RuntimeError(f"no student edition in {source}: run `make student`")
    docs = source.parent / "docs"
    targets = [(src, home / src.relative_to(source)) for src in files]
    targets += [(docs / name, home / "docs" / name) for name in DOCS if (docs / name).is_file()]
    copied = 0
    for src, dest in targets:
        if dest.exists():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        copied += 1
    marker.write_text(
        f"The student edition was copied here on {time.strftime('%Y-%m-%d %H:%M:%S %Z')} ({copied} files).\n"
        "While this file exists the hub copies nothing again. Delete it to get missing notebooks back\n"
        "(existing files are never overwritten).\n"
    )
    if log is not None:
        log.info("student edition: %d files copied into %s", copied, home)
    return True


#: JupyterLab's settings for a student (their ~/.jupyter): no "get notified about Jupyter news?" prompt, no
#: news or update checks (the server has them off too: LabApp.news_url=None, NeverCheckForUpdate)
LAB_SETTINGS = {
    ".jupyter/lab/user-settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def write_lab_settings(home: Path) -> None:
    """Write :data:`LAB_SETTINGS` into the student's folder where the student has not set them."""
    for rel, settings in LAB_SETTINGS.items():
        path = home / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings, indent=2) + "\n")


def set_memory_limit(limit: int) -> None:
    """RLIMIT_DATA = limit (soft and hard) for this process and every process it starts.

    RLIMIT_DATA counts what a process allocates for itself (heap, anonymous private mappings: numpy arrays,
    Python objects), not shared libraries or files it maps. Past it, an allocation fails: Python raises
    MemoryError in the kernel, which keeps running. It applies to each process separately.
    """
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


class MgkSpawner(SimpleLocalProcessSpawner):
    """SimpleLocalProcessSpawner that enforces ``mem_limit`` (as RLIMIT_DATA on each process).

    LocalProcessSpawner only passes ``mem_limit`` to the server as the MEM_LIMIT environment variable; this
    sets the limit in the new process before it runs the server, and every kernel inherits it.
    """

    def make_preexec_fn(self, name):
        base = super().make_preexec_fn(name)  # creates the student's folder and enters it
        limit = int(self.mem_limit or 0)

        def preexec() -> None:
            base()
            set_memory_limit(limit)

        return preexec
