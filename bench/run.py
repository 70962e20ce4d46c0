"""Run every benchmark in bench/ (``bench_*.py``, each with a ``main()``) and print its figures.

Benchmarks print medians, p95 and ratios; they never fail on time. A benchmark that crashes is
reported and makes the run exit non-zero (a broken benchmark is a bug, a slow one is a figure).
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = set(argv)
    stamp = time.strftime("%Y-%m-%d %H:%M")
    print(f"# make bench — {stamp} — {platform.machine()}, Python {platform.python_version()}")
    failures = []
    for script in sorted(HERE.glob("bench_*.py")):
        if only and script.stem not in only and script.stem.removeprefix("bench_") not in only:
            continue
        print(f"\n## {script.stem}\n", flush=True)
        proc = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        if proc.returncode != 0:
            failures.append(script.name)
    if failures:
        print(f"\nbenchmarks that crashed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
