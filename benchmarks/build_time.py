"""Build times of the book, in a scratch copy of the repository: a clean build, a no-op
rebuild, and a rebuild after one answer key is edited (its quiz title changes).

    python benchmarks/build_time.py [--runs N]

Targets: a no-op rebuild takes at most 10% of a clean build (issue 2); after one key is
edited, the rebuild shows the edit and takes at most the no-op time plus 1.5 times that
chapter's execution time (issue 11), because only that chapter runs again.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JB = Path(sys.executable).with_name("jupyter-book")
KEY, PAGE = "quizzes/01-history.yml", "_build/html/chapters/01-history.html"
EDIT = " (edited)"


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


def build(folder: Path) -> tuple[float, str]:
    """Seconds the build took, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run(
        [str(JB), "build", ".", "--warningiserror", "--nitpick", "--keep-going"],
        cwd=folder,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return time.perf_counter() - start, done.stdout


def execution_seconds(output: str, notebook: str) -> float:
    """How long myst-nb took to execute one notebook, as the build printed it."""
    found = re.search(rf"{re.escape(notebook)}: Executed notebook in ([0-9.]+) seconds", output)
    if not found:
        sys.exit(f"the build did not execute {notebook}")
    return float(found.group(1))


def edit_key(folder: Path) -> str:
    """Change the key's quiz title; the new title, as the page must show it."""
    key = folder / KEY
    text = key.read_text(encoding="utf-8")
    match = re.search(r'^title: "(.*)"$', text, re.M)
    key.write_text(text.replace(match.group(0), f'title: "{match.group(1)}{EDIT}"'), "utf-8")
    return match.group(1) + EDIT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="clean builds to time (default 1)")
    args = parser.parse_args()
    clean, noop, edited, chapter = [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="lt-build-") as tmp:
            folder = Path(tmp)
            tracked_copy(folder)
            seconds, output = build(folder)
            clean.append(seconds)
            chapter.append(execution_seconds(output, "01-history.ipynb"))
            noop.append(build(folder)[0])
            title = edit_key(folder)
            seconds, output = build(folder)
            edited.append(seconds)
            ran = sorted(set(re.findall(r"([\w-]+\.ipynb): Executing notebook", output)))
            if ran != ["01-history.ipynb"]:
                sys.exit(f"editing {KEY} executed {ran}, not just 01-history.ipynb")
            if title not in (folder / PAGE).read_text(encoding="utf-8"):
                sys.exit(f"the rebuilt {PAGE} does not show the edited key")
    c, n, e = statistics.median(clean), statistics.median(noop), statistics.median(edited)
    x = statistics.median(chapter)
    print(f"clean build:      {c:7.1f} s  (median of {len(clean)})")
    print(f"no-op rebuild:    {n:7.1f} s  (median of {len(noop)})")
    print(f"one key edited:   {e:7.1f} s  (median of {len(edited)}; {KEY}, shown on the page)")
    print(f"no-op / clean:    {100 * n / c:7.1f} %  (target: at most 10 %)")
    print(
        f"one key edited:   {e:7.1f} s  against no-op + 1.5 x the chapter's execution"
        f" ({x:.1f} s): {n + 1.5 * x:.1f} s  (target: at most that)"
    )


if __name__ == "__main__":
    main()
