"""How well a student who knows nothing scores from wording cues alone, beside blind chance.

    python benchmarks/guessing.py [KEY-OR-FOLDER ...] [--git REV] [--by-quiz]

Each strategy (quizbook.guessing) takes every choice question of the course's quizzes
(single choice, multiple choice, true/false) using one cue: the longest option, no absolute
words, the hedged option, the option that repeats the prompt, always "false", and so on.
Scores are exact expectations, ties and random picks averaged. The reference is blind
chance, computed in the same run for the same questions.

Targets (issue 9): no strategy beats blind chance by more than 10 percentage points over all
choice questions, nor by more than 15 within any question type. `--git REV` reads the keys
as they were at a commit (for a before-and-after table); the exit status is 1 when a target
is missed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from quizbook.guessing import KIND_NAMES, KINDS, per_item, run  # noqa: E402
from quizbook.load import load_quiz, parse_quiz  # noqa: E402

OVERALL_MARGIN = 0.10
KIND_MARGIN = 0.15


def key_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.glob("*.yml")) if p.is_dir() else [p]
    return files


def load_all(paths: list[str], rev: str | None) -> list:
    if rev is None:
        return [load_quiz(path) for path in key_files(paths)]
    quizzes = []
    for path in paths:
        listing = (
            _git("ls-tree", "--name-only", f"{rev}:{path}") if not path.endswith(".yml") else path
        )
        names = [n for n in listing.split() if n.endswith(".yml")]
        for name in names:
            full = name if name.endswith(".yml") and "/" in name else f"{path.rstrip('/')}/{name}"
            quizzes.append(parse_quiz(_git("show", f"{rev}:{full}"), f"{rev}:{full}"))
    return quizzes


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def table(results) -> list[str]:
    kinds = [k for k in KINDS if k in results[0].counts]
    head = f"{'strategy':<34}" + "".join(
        f"{KIND_NAMES[k] + ' (' + str(results[0].counts[k]) + ')':>18}" for k in kinds
    )
    total = sum(results[0].counts.values())
    lines = [head + f"{'all choice (' + str(total) + ')':>20}"]
    for r in results:
        cells = "".join(f"{100 * r.by_kind[k]:>17.1f}%" for k in kinds)
        lines.append(f"{r.strategy:<34}{cells}{100 * r.overall:>19.1f}%")
    return lines


def verdict(results) -> tuple[list[str], bool]:
    chance, *strategies = results
    best = max(strategies, key=lambda r: r.overall)
    margin = best.overall - chance.overall
    ok = margin <= OVERALL_MARGIN
    lines = [
        f"best overall: {best.strategy}, {100 * best.overall:.1f}% against chance"
        f" {100 * chance.overall:.1f}%: +{100 * margin:.1f} points"
        f" (target: at most +{100 * OVERALL_MARGIN:.0f}) {'ok' if ok else 'MISSED'}"
    ]
    for kind in chance.by_kind:
        top = max(strategies, key=lambda r, k=kind: r.by_kind[k])
        gap = top.by_kind[kind] - chance.by_kind[kind]
        fine = gap <= KIND_MARGIN
        ok &= fine
        lines.append(
            f"best on {KIND_NAMES[kind]}: {top.strategy}, {100 * top.by_kind[kind]:.1f}% against"
            f" {100 * chance.by_kind[kind]:.1f}%: +{100 * gap:.1f} points"
            f" (target: at most +{100 * KIND_MARGIN:.0f}) {'ok' if fine else 'MISSED'}"
        )
    return lines, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["quizzes"])
    parser.add_argument("--git", metavar="REV", help="read the keys as they were at REV")
    parser.add_argument("--by-quiz", action="store_true", help="a table for each quiz too")
    parser.add_argument(
        "--items", metavar="STRATEGY", help="each question's score under one strategy"
    )
    args = parser.parse_args(argv)
    quizzes = load_all(args.paths, args.git)
    where = f" at {args.git}" if args.git else ""
    print(f"Guessing from wording alone: {len(quizzes)} quizzes{where}")
    results = run(quizzes)
    print("\n".join(table(results)))
    lines, ok = verdict(results)
    print("\n".join(lines))
    if args.items:
        print(f"\n{args.items}: questions where it beats blind chance")
        for quiz_id, qid, score, chance in per_item(quizzes, args.items):
            if score > chance + 1e-9:
                print(f"  {quiz_id}/{qid}: {100 * score:.0f}% (chance {100 * chance:.0f}%)")
    if args.by_quiz:
        for quiz in quizzes:
            print(f"\n{quiz.id}")
            print("\n".join(table(run([quiz]))))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
