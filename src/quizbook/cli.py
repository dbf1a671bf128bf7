"""The `quizbook` command: a thin face over functions the tests call directly."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import model, response
from .book import find_book_root, section_titles
from .load import KeyProblems, load_quiz
from .plaintext import quiz_size

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMAS = {"quiz.schema.json": model.json_schema, "response.schema.json": response.json_schema}


def validate(paths: list[str], out=None, err=None) -> int:
    """Validate answer keys (files, or folders of *.yml): 0 if all are sound."""
    out, err = out or sys.stdout, err or sys.stderr
    files = _key_files(paths)
    if not files:
        print(f"quizbook: no answer keys (*.yml) found in {' '.join(paths)}", file=err)
        return 2
    failed = 0
    for path in files:
        root = find_book_root(path.parent)
        labels = set(section_titles(root)) if root else None
        try:
            quiz = load_quiz(path, labels)
        except KeyProblems as problems:
            failed += 1
            for p in problems.problems:
                print(p, file=err)
        else:
            print(f"{path}: ok ({quiz_size(quiz)})", file=out)
    return 1 if failed else 0


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
    s = sub.add_parser("schema", help="write (or --check) the shipped JSON Schemas")
    s.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.paths)
    return schema(args.check)


if __name__ == "__main__":
    sys.exit(main())
