"""Clean build time and no-op rebuild time of the book, in a scratch copy of the repository.

    python benchmarks/build_time.py [--runs N]

Target (issue 2): a no-op rebuild takes at most 10% of a clean build.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JB = Path(sys.executable).with_name("jupyter-book")


def tracked_copy(dest: Path) -> None:
    files = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, files):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)


def build(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(JB), "build", ".", "--warningiserror", "--nitpick", "--keep-going"],
        cwd=folder,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="clean builds to time (default 1)")
    args = parser.parse_args()
    clean, noop = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="lt-build-") as tmp:
            folder = Path(tmp)
            tracked_copy(folder)
            clean.append(build(folder))
            noop.append(build(folder))
    c, n = statistics.median(clean), statistics.median(noop)
    print(f"clean build:      {c:7.1f} s  (median of {len(clean)})")
    print(f"no-op rebuild:    {n:7.1f} s  (median of {len(noop)})")
    print(f"no-op / clean:    {100 * n / c:7.1f} %  (target: at most 10 %)")


if __name__ == "__main__":
    main()
