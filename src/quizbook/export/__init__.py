"""Exports of answer keys to the formats learning platforms import, and the import of
jupyterquiz files.

    export_keys(["quizzes/01-history.yml"], "gift", "out/")  ->  Exported(files, problems)

One module per format (`gift`, `moodle_xml`, `qti`, `jupyterquiz`), each with one writer
per question class in one dict keyed by the class. What a format cannot express comes
back as `problems`, one `load.Problem` per loss (`file:line: question-id: what`), and is
never dropped silently. Output is deterministic (ids come from the quiz and question ids;
no dates, no random ids) and every file is written atomically.

This package imports the model, the loader and the text helpers only: no face, no grader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..files import write_atomic
from ..load import KeyProblems, Problem, load_key
from . import gift, jupyterquiz, moodle_xml, qti
from .common import Key, Notes

FORMATS = {
    "gift": gift,
    "moodle-xml": moodle_xml,
    "qti": qti,
    "jupyterquiz": jupyterquiz,
}


@dataclass
class Exported:
    """What an export wrote, and what the format could not carry."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def export_key(key: Key, fmt: str) -> tuple[bytes, list[Problem]]:
    """One key in one format: the file's bytes and the notes on what it lost."""
    module = FORMATS[fmt]
    notes = Notes(key, module.NAME)
    data = module.render_key(key, notes)
    return data, notes.problems


def load_keys(paths: list[str | Path]) -> list[Key]:
    """Load every key or none: a broken key raises `KeyProblems` with all the problems of
    all the keys."""
    keys, problems = [], []
    for path in paths:
        try:
            quiz, lines = load_key(path)
        except KeyProblems as err:
            problems += err.problems
            continue
        keys.append(Key(quiz, lines, str(path)))
    if problems:
        raise KeyProblems(problems)
    seen: dict[str, str] = {}
    for key in keys:
        if key.quiz.id in seen:
            clash = f"quiz id '{key.quiz.id}' is also the id of {seen[key.quiz.id]}"
            raise KeyProblems([Problem(key.path, key.lines.quiz("id"), "quiz", clash)])
        seen[key.quiz.id] = key.path
    return keys


def export_keys(paths: list[str | Path], fmt: str, out: str | Path) -> Exported:
    """Export each key to `out/<quiz id><suffix>`. A broken key raises `KeyProblems` before
    any file is written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}'; expected one of {', '.join(FORMATS)}")
    keys = load_keys(paths)
    rendered = [(key, *export_key(key, fmt)) for key in keys]
    result = Exported()
    for key, data, problems in rendered:
        path = Path(out) / f"{key.quiz.id}{FORMATS[fmt].SUFFIX}"
        result.files.append(write_atomic(path, data))
        result.problems += problems
    return result
