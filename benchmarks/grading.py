"""Grading throughput: a class of response files graded end to end through the CLI, every output
written, beside the floor measured in the same run (reading, parsing and scoring the same
files in a bare loop, one process).

    python benchmarks/grading.py [--students 100000] [--also 10000] [--jobs 0] [--workdir DIR]

Targets (issue 12): at least 20,000 submissions per second end to end on a 2-core machine,
and peak memory that does not grow with the number of files (compare the two class sizes).
Every graded student costs two new files (Gradescope results, feedback page), so a second
reference is the disk itself: the same number of files of the same sizes written in a bare
loop, in the same run.
Generating the files is not timed. Peak memory is the largest resident set of any process
of the run (the command or one of its workers). The class is written under `_build/` (or
--workdir): the same disk the book builds on, and removed afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from quizbook import load_quiz  # noqa: E402
from quizbook.response import make_response, read_response  # noqa: E402
from quizbook.score import AnswerError, points  # noqa: E402

KEY = (
    """\
id: bench
title: Benchmark quiz
questions:
"""
    + "".join(
        f"""  - id: q{i}
    type: single
    prompt: Question {i}?
    choices:
      - {{text: Right {i}, correct: true}}
      - {{text: Wrong {i}a}}
      - {{text: Wrong {i}b}}
      - {{text: Wrong {i}c}}
"""
        for i in range(7)
    )
    + """  - id: q7
    type: multiple
    prompt: Which are right?
    choices:
      - {text: One, correct: true}
      - {text: Two, correct: true}
      - {text: Three}
  - id: q8
    type: truefalse
    prompt: "True or false: it is so."
    answer: true
  - id: q9
    type: numeric
    prompt: How many?
    answer: 42
    tolerance: 1
"""
)


def make_class(folder: Path, n: int, seed: int = 1) -> Path:
    """n response files, one per student, answers drawn so that abler students do better."""
    key = folder / "bench.yml"
    key.write_text(KEY, encoding="utf-8")
    quiz = load_quiz(key)
    subs = folder / "subs"
    subs.mkdir()
    rng = random.Random(seed)
    for s in range(n):
        ability = rng.random()
        answers = {}
        for i in range(7):
            answers[f"q{i}"] = 0 if rng.random() < 0.3 + 0.6 * ability else rng.randrange(1, 4)
        answers["q7"] = [0, 1] if rng.random() < ability else [0, 2]
        answers["q8"] = rng.random() < 0.5 + 0.4 * ability
        answers["q9"] = 42 if rng.random() < ability else rng.randrange(30, 50)
        response = make_response(quiz, answers, student=f"s{s:06d}", saved="2026-12-01T10:00:00Z")
        (subs / f"s{s:06d}.json").write_text(json.dumps(response), encoding="utf-8")
    return key


def floor(key: Path, subs: Path) -> float:
    """Submissions per second for read + parse + score in a bare loop."""
    quiz = load_quiz(key)
    questions = quiz.questions
    files = sorted(subs.iterdir())
    start = time.perf_counter()
    for path in files:
        response = read_response(path.read_bytes())
        answers = response["answers"]
        for q in questions:
            with contextlib.suppress(AnswerError):
                points(q, answers.get(q.id))
    return len(files) / (time.perf_counter() - start)


def write_floor(out: Path, folder: Path) -> float:
    """Students per second the disk allows: the run's own output files, written again in a
    bare loop (one process), two per student."""
    files = [
        p for p in out.rglob("*") if p.is_file() and p.parent.name in ("gradescope", "feedback")
    ]
    blobs = [p.read_bytes() for p in files]
    target = folder / "write-floor"
    target.mkdir()
    start = time.perf_counter()
    for i, data in enumerate(blobs):
        (target / f"{i}.out").write_bytes(data)
    seconds = time.perf_counter() - start
    shutil.rmtree(target)
    return len(blobs) / 2 / seconds


def end_to_end(key: Path, subs: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Submissions per second through `quizbook grade`, and the run's peak memory (MB)."""
    n = sum(1 for _ in subs.iterdir())
    command = [
        sys.executable,
        "-m",
        "quizbook.cli",
        "grade",
        str(subs),
        "-k",
        str(key),
        "-o",
        str(out),
        "--progress",
        "off",
        "-j",
        str(jobs),
    ]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *command], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    return n / seconds, int(done.stdout.split()[-1]) / 1024


# Runs a command and prints the largest resident set (KB) of it and its workers: a fresh
# process per measurement, so one run's peak never carries into the next.
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True,"
    " stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def measure(n: int, jobs: int, workdir: Path) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="quizbook-bench-", dir=workdir) as tmp:
        folder = Path(tmp)
        key = make_class(folder, n)
        rate, peak = end_to_end(key, folder / "subs", folder / "out", jobs)
        outputs = sum(1 for p in (folder / "out").rglob("*") if p.is_file())
        disk = write_floor(folder / "out", folder)
        bare = floor(key, folder / "subs")
        shutil.rmtree(folder / "out")
    return {"n": n, "rate": rate, "peak": peak, "floor": bare, "disk": disk, "outputs": outputs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--also", type=int, default=10_000, help="a smaller class, for memory")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=ROOT / "_build" / "benchmarks")
    args = parser.parse_args(argv)
    print("Grading a 10-question quiz end to end (quizbook grade, every output written)")
    columns = ("graded/s", "floor/s", "disk/s", "peak MB", "files out")
    print(f"{'students':>9}" + "".join(f" {c:>10}" for c in columns))
    rows = [measure(n, args.jobs, args.workdir) for n in (args.also, args.students) if n]
    for r in rows:
        print(
            f"{r['n']:>9,} {r['rate']:>10,.0f} {r['floor']:>10,.0f} {r['disk']:>10,.0f}"
            f" {r['peak']:>8.0f} {r['outputs']:>10,}"
        )
    print(
        "floor/s: read, parse and score in a bare loop, one process;"
        " disk/s: the run's two output files per student, rewritten in a bare loop"
    )
    big = rows[-1]
    print(
        f"target: at least 20,000 graded/s: {'ok' if big['rate'] >= 20_000 else 'MISSED'}"
        f" ({big['rate']:,.0f}/s for {big['n']:,} students)"
    )
    if len(rows) == 2:
        growth = rows[1]["peak"] / rows[0]["peak"]
        print(
            f"peak memory {rows[0]['peak']:.0f} MB for {rows[0]['n']:,} students,"
            f" {rows[1]['peak']:.0f} MB for {rows[1]['n']:,}: x{growth:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
