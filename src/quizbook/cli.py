"""The `quizbook` command: a thin face over functions the tests call directly."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from . import model, response
from .book import find_book_root, section_titles
from .itemcheck import check_across, check_quiz
from .load import KeyProblems, load_key, load_quiz
from .plaintext import quiz_size

SCHEMA_DIR = Path(__file__).parent / "schema"
FORMAT_NAMES = ["gift", "moodle-xml", "qti", "jupyterquiz"]  # quizbook.export.FORMATS
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


def grade(args, out=None, err=None) -> int:
    """Grade submissions against keys into an output folder."""
    from .grade import GradeError, Options
    from .grade import grade as run_grade

    out, err = out or sys.stdout, err or sys.stderr
    options = Options(
        basis=args.attempts,
        keep=args.keep,
        changed_key=args.changed_key,
        book_url=args.book_url,
        jobs=args.jobs,
        progress=None if args.progress is None else args.progress == "on",
        stats=not args.no_stats,
    )
    try:
        summary = run_grade(args.key, args.submissions, args.out, options)
    except GradeError as problem:
        print(f"quizbook grade: {problem}", file=err)
        return 1
    if args.results_json:
        from .grade.single import SingleResultError, write_single_result

        try:
            said = write_single_result(summary.out, Path(args.results_json))
        except SingleResultError as problem:
            print(f"quizbook grade: --results-json: {problem}", file=err)
            return 1
        print(f"{args.results_json}: {said}", file=out)
    for quiz, n in sorted(summary.graded.items()):
        print(f"{quiz}: {n} student{'' if n == 1 else 's'} graded", file=out)
    print(
        f"{summary.received} file(s) graded, {summary.rejected} rejected"
        f" (see {summary.out / 'rejected.csv'}); results in {summary.out}",
        file=out,
    )
    return 0


def answer_key(paths: list[str], out_dir: str, out=None, err=None) -> int:
    """Write one answer-key page per quiz into `out_dir`, for the instructor."""
    from .keypage import write_key_pages

    out, err = out or sys.stdout, err or sys.stderr
    files = _key_files(paths)
    if not files:
        print(f"quizbook: no answer keys (*.yml) found in {' '.join(paths)}", file=err)
        return 2
    quizzes, titles = [], {}
    try:
        for path in files:
            quizzes.append(load_quiz(path))
            root = find_book_root(path.parent)
            titles |= section_titles(root) if root else {}
    except KeyProblems as problems:
        for p in problems.problems:
            print(p, file=err)
        return 1
    for path in write_key_pages(quizzes, Path(out_dir), titles):
        print(f"wrote {path}", file=out)
    return 0


def export(paths: list[str], fmt: str, out_dir: str, strict=False, out=None, err=None) -> int:
    """Export keys to a platform's format in `out_dir`; what the format cannot carry is
    reported one line each. 1 if a key is broken (nothing written), or if `strict` and
    something was not carried."""
    from .export import export_keys

    out, err = out or sys.stdout, err or sys.stderr
    files = _key_files(paths)
    if not files:
        print(f"quizbook: no answer keys (*.yml) found in {' '.join(paths)}", file=err)
        return 2
    try:
        result = export_keys(files, fmt, out_dir)
    except KeyProblems as problems:
        for p in problems.problems:
            print(p, file=err)
        print("quizbook: nothing exported", file=err)
        return 1
    except OSError as error:
        print(f"quizbook: cannot write to {out_dir}: {error.strerror or error}", file=err)
        return 1
    for p in result.problems:
        print(p, file=err)
    for path in result.files:
        print(f"wrote {path}", file=out)
    if result.problems:
        n = len(result.problems)
        print(f"quizbook: {n} note{'' if n == 1 else 's'} on what {fmt} cannot carry", file=err)
    return 1 if strict and result.problems else 0


def import_jupyterquiz(source: str, target: str, quiz_id=None, title=None, out=None, err=None):
    """Write a key from a jupyterquiz file; report what it held that quizbook cannot."""
    from .export.jupyterquiz import import_file
    from .files import write_atomic

    out, err = out or sys.stdout, err or sys.stderr
    stem = Path(target).stem
    quiz_id = quiz_id or (re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "quiz")[:64]
    try:
        text, problems = import_file(source, quiz_id, title or stem.replace("-", " ").strip())
    except KeyProblems as problems:
        for p in problems.problems:
            print(p, file=err)
        return 1
    for p in problems:
        print(p, file=err)
    try:
        write_atomic(Path(target), text.encode("utf-8"))
    except OSError as error:
        print(f"quizbook: cannot write {target}: {error.strerror or error}", file=err)
        return 1
    print(f"wrote {target}", file=out)
    return 0


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
    _grade_parser(sub)
    e = sub.add_parser("export", help="write keys in a learning platform's import format")
    e.add_argument("--format", required=True, choices=FORMAT_NAMES)
    e.add_argument("paths", nargs="+", metavar="KEY", help="answer keys, or folders of them")
    e.add_argument("-o", "--out", required=True, metavar="FOLDER", help="where files go")
    e.add_argument("--strict", action="store_true", help="fail if anything is not carried")
    a = sub.add_parser("answer-key", help="one answer-key page per quiz, for the instructor")
    a.add_argument("paths", nargs="+", metavar="KEY", help="answer keys, or folders of them")
    a.add_argument("-o", "--out", required=True, metavar="FOLDER", help="where the pages go")
    i = sub.add_parser("import", help="write an answer key from another tool's quiz file")
    i.add_argument("tool", choices=["jupyterquiz"])
    i.add_argument("source", metavar="FILE")
    i.add_argument("-o", "--out", required=True, metavar="KEY.yml")
    i.add_argument("--id", help="the quiz id (default: from the key's file name)")
    i.add_argument("--title", help="the quiz title (default: from the key's file name)")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.paths, strict=args.strict)
    if args.command == "export":
        return export(args.paths, args.format, args.out, strict=args.strict)
    if args.command == "import":
        return import_jupyterquiz(args.source, args.out, args.id, args.title)
    if args.command == "grade":
        return grade(args)
    if args.command == "answer-key":
        return answer_key(args.paths, args.out)
    return schema(args.check)


def _grade_parser(sub) -> None:
    g = sub.add_parser(
        "grade",
        help="grade response files, saved notebooks and platform zips; never runs them",
        description="Grade what students submitted (response files, saved notebooks, a folder"
        " or a zip as Canvas or Moodle downloads it) against answer keys. Writes, per quiz,"
        " grades.csv, Gradescope results, feedback pages and item statistics, and"
        " rejected.csv for every file not graded.",
    )
    g.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="files, folders or zips")
    g.add_argument(
        "--key",
        "-k",
        action="append",
        required=True,
        metavar="KEY",
        help="an answer key, or a folder of them (repeatable)",
    )
    g.add_argument("--out", "-o", required=True, metavar="FOLDER", help="the output folder")
    g.add_argument(
        "--attempts",
        choices=("final", "first"),
        default="final",
        help="grade the final answers (default) or the first checked ones",
    )
    g.add_argument(
        "--keep",
        choices=("latest", "earliest", "best"),
        default="latest",
        help="which of a student's several submissions counts (default: latest)",
    )
    g.add_argument(
        "--changed-key",
        choices=("grade", "reject"),
        default="grade",
        help="a response to an older version of the key: grade it and flag it"
        " (default), or reject it",
    )
    g.add_argument(
        "--book-url",
        default="",
        metavar="URL",
        help="the published book's address, for 'reread' links in feedback",
    )
    g.add_argument(
        "--jobs", "-j", type=int, default=0, help="worker processes (default: one per core)"
    )
    g.add_argument(
        "--progress",
        choices=("on", "off"),
        default=None,
        help="progress bar (default: when writing to a terminal)",
    )
    g.add_argument("--no-stats", action="store_true", help="skip the item statistics")
    g.add_argument(
        "--results-json",
        metavar="PATH",
        help="also write the one graded student's Gradescope results to PATH, or a zero result"
        " saying why nothing could be graded (for a Gradescope autograder)",
    )


if __name__ == "__main__":
    sys.exit(main())
