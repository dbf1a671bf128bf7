"""Grading a class: keys and submissions in, an output folder out.

    OUT/QUIZ/grades.csv           a row per student: points per question, total, status
    OUT/QUIZ/gradescope/S.json    each student's results.json, in Gradescope's format
    OUT/QUIZ/feedback/S.html      a page each student can open
    OUT/QUIZ/stats.csv, stats.png item statistics
    OUT/received.csv              every graded file, and whether it counted
    OUT/rejected.csv              every file not graded, and why

How it stays fast and small: workers read, check and mark files in parallel and spill the
marks to disk; the marks are sorted on disk by quiz and student (so a class of any size
needs the same memory); then workers write each student's files while the main process
writes the CSVs in order. The whole folder is built beside OUT and moved into place at the
end, so a run that fails leaves OUT as it was, and a run repeated gives the same bytes.
"""

from __future__ import annotations

import csv
import heapq
import io
import itertools
import json
import os
import shutil
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from ..book import find_book_root, section_pages, section_titles
from ..load import KeyProblems, load_quiz
from ..response import ResponseError
from . import answers, collect, report, stats
from .mark import Mark, mark
from .submission import responses_in

MARKER = ".quizbook-grades"  # in an output folder this command wrote, and may replace
CHUNK = 256  # files per task in the reading pass
BATCH = 256  # students per task in the writing pass
RUN_LINES = 8_000  # lines sorted in memory at once
SEP, END = "\x1f", "\x1e"


class GradeError(Exception):
    """A problem with the run itself (keys, output folder), not with one submission."""


@dataclass(frozen=True)
class Options:
    basis: str = "final"  # "final" or "first": which answers earn the points
    keep: str = "latest"  # "latest", "earliest" or "best" of a student's submissions
    changed_key: str = "grade"  # "grade" (and flag) or "reject" a response to an older key
    book_url: str = ""  # the built book's address, for "reread" links
    jobs: int = 0  # worker processes; 0: one per core
    progress: bool | None = None  # None: a progress bar when stderr is a terminal
    stats: bool = True  # item statistics and their plot, per quiz


@dataclass(frozen=True)
class Summary:
    graded: dict[str, int]  # students per quiz
    received: int
    rejected: int
    out: Path


def grade(
    keys: list[str], inputs: list[str], out: str | Path, options: Options = Options()
) -> Summary:
    quizzes = load_keys(keys)
    out = Path(out)
    _check_output(out)
    staging = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / ".spill").mkdir(parents=True)
    try:
        summary = _grade_into(staging, keys, quizzes, inputs, options)
        shutil.rmtree(staging / ".spill")
        (staging / MARKER).write_text("written by quizbook grade\n", encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Summary(summary.graded, summary.received, summary.rejected, out)


def load_keys(keys: list[str]) -> dict[str, object]:
    quizzes: dict[str, object] = {}
    problems: list[str] = []
    for path in _key_files(keys):
        try:
            quiz = load_quiz(path)
        except KeyProblems as err:
            problems += map(str, err.problems)
            continue
        if quiz.id in quizzes:
            problems.append(f"{path}:1: quiz: a second key for quiz '{quiz.id}'")
        quizzes[quiz.id] = quiz
    if problems:
        raise GradeError("\n".join(problems))
    if not quizzes:
        raise GradeError(f"no answer keys (*.yml) in {' '.join(keys)}")
    return quizzes


def _key_files(keys: list[str]) -> list[Path]:
    files: list[Path] = []
    for key in map(Path, keys):
        files += sorted([*key.glob("*.yml"), *key.glob("*.yaml")]) if key.is_dir() else [key]
    return files


def _check_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise GradeError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise GradeError(f"{out}: a folder quizbook grade did not write; choose a new or empty one")


def _swap(staging: Path, out: Path) -> None:
    """Replace OUT by the finished folder in two renames."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


# -- the reading pass: workers mark files and spill the marks ---------------------------------

_WORKER: dict = {}


def _start_worker(keys: list[str], spill: str, options: Options, quizzes=None) -> None:
    """A worker's state: keys loaded (a worker process loads its own; a run in this process
    passes the ones it has), their hashes, spill folder, options."""
    quizzes = quizzes or load_keys(keys)
    hashes = {quiz_id: quiz.content_hash() for quiz_id, quiz in quizzes.items()}
    _WORKER.update(
        quizzes=quizzes,
        hashes=hashes,
        sheets={},
        spill=Path(spill),
        options=options,
        pid=os.getpid(),
    )


def _read_chunk(refs: list[collect.Ref]) -> tuple[int, int]:
    """Read, check and mark each file; append marks and rejections to this worker's spills.
    Returns (files read, responses marked)."""
    quizzes, options = _WORKER["quizzes"], _WORKER["options"]
    reader = collect.Reader()
    marked_lines, rejected_lines = [], []
    try:
        for ref in refs:
            try:
                found = responses_in(ref.name, reader(ref))
            except ResponseError as err:
                rejected_lines.append(_reject(ref.source, str(err)))
                continue
            except (OSError, EOFError, RuntimeError, ValueError) as err:
                rejected_lines.append(_reject(ref.source, f"unreadable ({_short(err)})"))
                continue
            owner = collect.owner_of(ref.name)
            for response in found:
                quiz = quizzes.get(response["quiz"])
                if quiz is None:
                    rejected_lines.append(
                        _reject(ref.source, f"no answer key for quiz '{response['quiz']}'")
                    )
                    continue
                m = mark(quiz, response, owner, ref.source, _WORKER["hashes"][quiz.id])
                if m.key_changed and options.changed_key == "reject":
                    rejected_lines.append(
                        _reject(ref.source, "answered a different version of the key")
                    )
                    continue
                marked_lines.append(_mark_line(m))
    finally:
        reader.close()
    pid = _WORKER["pid"]
    _append(_WORKER["spill"] / f"marks-{pid}", marked_lines)
    _append(_WORKER["spill"] / f"rejected-{pid}", rejected_lines)
    return len(refs), len(marked_lines)


def _mark_line(m: Mark) -> str:
    key = SEP.join(_clean(x) for x in (m.quiz, m.student, m.saved, m.source))
    return key + END + json.dumps(m.__dict__, ensure_ascii=False, separators=(",", ":")) + "\n"


def _reject(source: str, reason: str) -> str:
    return _clean(source) + END + _clean(reason) + "\n"


def _clean(text: str) -> str:
    """Field text safe between the spill's separators: no separator, no line break."""
    return text.replace(SEP, " ").replace(END, " ").replace("\n", " ").replace("\r", " ")


def _append(path: Path, lines: list[str]) -> None:
    if lines:
        with open(path, "a", encoding="utf-8") as f:
            f.writelines(lines)


def _short(err: BaseException) -> str:
    return (str(err).splitlines() or [type(err).__name__])[0][:80]


# -- sorting on disk ----------------------------------------------------------------------------


def sorted_lines(paths: list[Path], folder: Path) -> Iterator[str]:
    """The lines of all `paths`, sorted, in memory of RUN_LINES lines at most."""
    runs: list[Path] = []
    buffer: list[str] = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                buffer.append(line)
                if len(buffer) >= RUN_LINES:
                    runs.append(_write_run(buffer, folder, len(runs)))
                    buffer = []
    if not runs:
        yield from sorted(buffer)
        return
    if buffer:
        runs.append(_write_run(buffer, folder, len(runs)))
    files = [open(run, encoding="utf-8") for run in runs]  # noqa: SIM115
    try:
        yield from heapq.merge(*files)
    finally:
        for f in files:
            f.close()


def _write_run(lines: list[str], folder: Path, n: int) -> Path:
    path = folder / f"run-{n}"
    lines.sort()
    path.write_text("".join(lines), encoding="utf-8")
    return path


# -- the writing pass: one student at a time ----------------------------------------------------


def _students(lines: Iterator[str], keep: str) -> Iterator[tuple[str, str, list[str]]]:
    """(quiz, kept mark line, superseded sources) per student, in sorted order."""
    split = (line.split(END, 1) for line in lines)
    for (quiz, _student), group in itertools.groupby(
        split, key=lambda kv: tuple(kv[0].split(SEP)[:2])
    ):
        entries = [body for _, body in group]
        kept = _choose(entries, keep)
        yield quiz, kept, [json.loads(e)["source"] for e in entries if e is not kept]


def _choose(entries: list[str], keep: str) -> str:
    """Entries come sorted by time saved (then file): the last is the latest."""
    if keep == "earliest":
        return entries[0]
    if keep == "best":
        return max(reversed(entries), key=lambda e: sum(json.loads(e)["final"]))
    return entries[-1]


def _write_batch(job) -> tuple[str, str, str, int, int, stats.Sums]:
    """Write each student's Gradescope results and feedback page; return the batch's rows
    of grades.csv and received.csv, and its item-statistics sums."""
    folder, quiz_id, bodies, superseded, basis, links = job
    quiz = _WORKER["quizzes"][quiz_id]
    sheet = _sheet(quiz, basis, links)
    root = Path(folder) / quiz_id
    (root / "gradescope").mkdir(parents=True, exist_ok=True)
    (root / "feedback").mkdir(exist_ok=True)
    sums = stats.Sums(np.array([q.points for q in quiz.questions], dtype=float))
    grades, received = io.StringIO(), io.StringIO()
    grades_csv, received_csv = csv.writer(grades), csv.writer(received)
    n_received = 0
    for body, others in zip(bodies, superseded, strict=True):
        m = Mark(**json.loads(body))
        name = report.file_name(m.student)
        keys = sheet.keys(m)
        _write(f"{root}/gradescope/{name}.json", sheet.gradescope(m, keys))
        _write(f"{root}/feedback/{name}.html", sheet.feedback(m, keys))
        grades_csv.writerow(sheet.row(m, 1 + len(others)))
        received_csv.writerow([m.source, quiz_id, m.student, m.saved, "counted"])
        for source in others:
            received_csv.writerow(
                [source, quiz_id, m.student, "", "superseded: another submission counted"]
            )
        n_received += 1 + len(others)
        fractions = [p / q.points for p, q in zip(m.points(basis), quiz.questions, strict=True)]
        sums.add(fractions, sheet.labels(m, keys))
    return quiz_id, grades.getvalue(), received.getvalue(), len(bodies), n_received, sums


def _sheet(quiz, basis: str, links) -> report.Sheet:
    sheets = _WORKER["sheets"]
    if (quiz.id, basis) not in sheets:
        sheets[(quiz.id, basis)] = report.Sheet(quiz, basis, links)
    return sheets[(quiz.id, basis)]


def _write(path: str, text: str) -> None:
    """One new file in a folder only this run writes to: no temporary name is needed."""
    data = memoryview(text.encode("utf-8"))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


# -- the run ------------------------------------------------------------------------------------


def _grade_into(staging: Path, keys, quizzes: dict, inputs, options: Options) -> Summary:
    spill = staging / ".spill"
    jobs = options.jobs or os.cpu_count() or 1
    progress = _progress_bar(options)
    parent_rejects = []
    with _pool(jobs, keys, spill, options, quizzes) as run_tasks:
        found = collect.find(inputs)

        def chunks():
            batch = []
            for item in found:
                if isinstance(item, collect.Rejected):
                    parent_rejects.append(_reject(item.source, item.reason))
                    if len(parent_rejects) >= CHUNK:
                        _append(spill / "rejected-parent", parent_rejects)
                        parent_rejects.clear()
                    continue
                batch.append(item)
                if len(batch) == CHUNK:
                    yield batch
                    batch = []
            if batch:
                yield batch

        read_bar = progress("reading", "file")
        for n_files, _ in run_tasks(_read_chunk, chunks()):
            read_bar.update(n_files)
        read_bar.close()
        _append(spill / "rejected-parent", parent_rejects)
        marks = sorted_lines(sorted(spill.glob("marks-*")), spill)
        links = _links(keys, options.book_url)
        graded, received = _write_all(staging, quizzes, marks, run_tasks, options, links, progress)
    rejected = _write_rejected(staging, spill)
    return Summary(graded, received, rejected, staging)


def _write_all(
    staging, quizzes, marks, run_tasks, options, links, progress
) -> tuple[dict[str, int], int]:
    graded: dict[str, int] = {}
    grade_files: dict[str, object] = {}
    totals: dict[str, stats.Sums] = {}
    received_count = 0
    write_bar = progress("writing", "student")
    with open(staging / "received.csv", "w", encoding="utf-8", newline="") as received_file:
        csv.writer(received_file).writerow(["file", "quiz", "student", "saved", "outcome"])
        jobs = _batches(str(staging), _students(marks, options.keep), options.basis, links)
        for quiz_id, rows, received_rows, n, n_received, sums in run_tasks(_write_batch, jobs):
            if quiz_id not in grade_files:
                grade_files[quiz_id] = _open_grades(staging / quiz_id, quizzes[quiz_id])
                totals[quiz_id] = sums
            else:
                totals[quiz_id].merge(sums)
            grade_files[quiz_id].write(rows)
            received_file.write(received_rows)
            received_count += n_received
            graded[quiz_id] = graded.get(quiz_id, 0) + n
            write_bar.update(n)
    write_bar.close()
    for handle in grade_files.values():
        handle.close()
    for quiz_id, sums in totals.items() if options.stats else ():
        _write_stats(staging / quiz_id, quizzes[quiz_id], sums)
    return graded, received_count


def _open_grades(folder: Path, quiz):
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / "grades.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
    csv.writer(handle).writerow(report.header(quiz))
    return handle


def _batches(folder, students, basis, links) -> Iterator[tuple]:
    """Jobs of up to BATCH students, never mixing two quizzes."""
    for quiz_id, group in itertools.groupby(students, key=lambda s: s[0]):
        while batch := list(itertools.islice(group, BATCH)):
            yield (
                folder,
                quiz_id,
                [b for _, b, _ in batch],
                [o for _, _, o in batch],
                basis,
                links,
            )


def _write_stats(folder: Path, quiz, sums: stats.Sums) -> None:
    items = stats.item_stats(
        sums, quiz.questions, [answers.keyed_labels(q) for q in quiz.questions]
    )
    alpha = stats.cronbach_alpha(sums)
    (folder / "stats.csv").write_text(stats.stats_csv(items, alpha, sums.n), encoding="utf-8")
    stats.plot(items, alpha, sums.n, quiz.id, folder / "stats.png")


def _write_rejected(staging: Path, spill: Path) -> int:
    count = 0
    with open(staging / "rejected.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(report.rejected_header())
        for line in sorted_lines(sorted(spill.glob("rejected-*")), spill):
            writer.writerow(line.rstrip("\n").split(END, 1))
            count += 1
    return count


def _links(keys: list[str], book_url: str) -> dict[str, tuple[str, str]]:
    root = find_book_root(_key_files(keys)[0].parent)
    if root is None:
        return {}
    titles, pages = section_titles(root), section_pages(root)
    base = book_url.rstrip("/")
    return {
        label: (titles[label], f"{base}/{pages[label]}.html#{label}" if base else "")
        for label in titles
    }


class _pool:
    """`run_tasks(fn, items)` over worker processes, or in this process for one job."""

    def __init__(self, jobs: int, keys, spill: Path, options: Options, quizzes: dict):
        self.jobs, self.args, self.quizzes = jobs, (keys, str(spill), options), quizzes
        self.executor = None

    def __enter__(self):
        if self.jobs > 1:
            self.executor = ProcessPoolExecutor(
                self.jobs,
                mp_context=get_context("fork"),
                initializer=_start_worker,
                initargs=self.args,
            )
        else:
            _start_worker(*self.args, self.quizzes)
        return self.run

    def run(self, fn, items):
        """Results in the order of `items`. Only a few tasks are ever in flight: a pool's own
        map() would take every item (the whole class) into memory before the first result."""
        if self.executor is None:
            yield from map(fn, items)
            return
        waiting: deque = deque()
        for item in items:
            waiting.append(self.executor.submit(fn, item))
            if len(waiting) >= 2 * self.jobs:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()

    def __exit__(self, *exc):
        if self.executor is not None:
            self.executor.shutdown()
        else:
            _WORKER.clear()
        return False


def _progress_bar(options: Options):
    show = sys.stderr.isatty() if options.progress is None else options.progress

    def make(what: str, unit: str):
        from tqdm import tqdm

        return tqdm(desc=what, unit=unit, disable=not show, file=sys.stderr, leave=False)

    return make
