"""The `quizbook` command: a thin face over functions the tests call directly."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import model, response
from .book import find_book_root, section_titles
from .itemcheck import check_across, check_quiz
from .load import KeyProblems, load_key
from .plaintext import quiz_size

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMAS = {"quiz.schema.json": model.json_schema, "response.schema.json": response.json_schema}


def validate(paths: list[str], strict: bool = False, out=None, err=None) -> int:
    """Validate answer keys (files, or folders of *.yml): 0 if all are sound. Item-writing
    flaws are warnings, or errors when `strict`; waived ones are shown with their reason."""
    out, err = out or sys.stdout, err or sys.stderr
    files = _key_files(paths)
    if not files:
        print(f"quizbook: no answer keys (*.yml) found in {' '.join(paths)}", file=err)
        return 2
    failed = 0
    loaded = []
    for path in files:
        root = find_book_root(path.parent)
        labels = set(section_titles(root)) if root else None
        try:
            quiz, lines = load_key(path, labels)
        except KeyProblems as problems:
            failed += 1
            for p in problems.problems:
                print(p, file=err)
            continue
        loaded.append((quiz, str(path)))
        flaws = check_quiz(quiz, lines, str(path))
        failed += _report(flaws, strict, out, err)
        status = "fails --strict" if strict and any(f.waived is None for f in flaws) else "ok"
        print(f"{path}: {status} ({quiz_size(quiz)}{_flaw_count(flaws, strict)})", file=out)
    if len(loaded) > 1:
        failed += _report(check_across(loaded), strict, out, err)
    return 1 if failed else 0


def _report(flaws, strict: bool, out, err) -> int:
    """Print flaws (waived ones as notes); the number that fail the run."""
    open_flaws = [f for f in flaws if f.waived is None]
    for flaw in flaws:
        if flaw.waived is not None:
            print(flaw, file=out)
        else:
            print(f"{flaw}{'' if strict else ' (warning)'}", file=err)
    return len(open_flaws) if strict else 0


def _flaw_count(flaws, strict: bool) -> str:
    n = sum(1 for f in flaws if f.waived is None)
    if not n:
        return ""
    kind = "error" if strict else "warning"
    return f"; {n} item-writing {kind}{'' if n == 1 else 's'}"


def _key_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted([*p.glob("*.yml"), *p.glob("*.yaml")])
        else:
            files.append(p)
    return files


def schema(check: bool, out=None, err=None) -> int:
    """Write the JSON Schemas shipped in the package, or check they match the model."""
    out, err = out or sys.stdout, err or sys.stderr
    stale = []
    for name, make in SCHEMAS.items():
        text = json.dumps(make(), indent=2, ensure_ascii=False) + "\n"
        path = SCHEMA_DIR / name
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            SCHEMA_DIR.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}", file=out)
    for name in stale:
        print(f"quizbook: {SCHEMA_DIR / name} is out of date: run 'quizbook schema'", file=err)
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quizbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check answer keys; one line per problem")
    v.add_argument("paths", nargs="*", default=["quizzes"], metavar="PATH")
    v.add_argument(
        "--strict",
        action="store_true",
        help="item-writing flaws (quizbook.itemcheck) fail the check instead of warning",
    )
    s = sub.add_parser("schema", help="write (or --check) the shipped JSON Schemas")
    s.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.paths, strict=args.strict)
    return schema(args.check)


if __name__ == "__main__":
    sys.exit(main())
