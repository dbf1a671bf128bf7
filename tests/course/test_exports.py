"""Every course quiz through every format that can hold its questions: the formats' own
parsers (gift-pegjs, an XML parser, the jupyterquiz import) read back each question the
format holds, as the key has it, and the export names every question it left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizbook.export import FORMATS, export_keys
from quizbook.load import load_quiz
from tests.engine import export_readers as readers

QUIZZES = sorted((Path(__file__).resolve().parents[2] / "quizzes").glob("*.yml"))


@pytest.fixture(scope="module")
def gift_read(tmp_path_factory):
    out = tmp_path_factory.mktemp("gift")
    files = export_keys(QUIZZES, "gift", out).files
    return dict(zip(QUIZZES, readers.parse_gift(files).values(), strict=True))


def read_back(fmt: str, key: Path, tmp_path: Path, gift_read) -> tuple[list, list]:
    result = export_keys([key], fmt, tmp_path)
    (path,) = result.files
    if fmt == "gift":
        read = readers.read_gift(gift_read[key])
    elif fmt == "moodle-xml":
        read = readers.read_moodle_xml(path.read_bytes())
    elif fmt == "qti":
        read = readers.read_qti(path.read_bytes())
    else:
        read = readers.read_jupyterquiz(path)
    return read, result.problems


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("key", QUIZZES, ids=[q.stem for q in QUIZZES])
def test_a_course_quiz_comes_back_from_the_format(fmt, key, tmp_path, gift_read):
    quiz = load_quiz(key)
    read, problems = read_back(fmt, key, tmp_path, gift_read)
    assert read == readers.expected(quiz, fmt)
    assert {p.where for p in problems if "left out" in p.message} == set(
        readers.left_out(quiz, fmt)
    )
    assert all(p.file == str(key) for p in problems)


def test_moodle_xml_holds_every_course_question(tmp_path):
    for key in QUIZZES:
        assert readers.left_out(load_quiz(key), "moodle-xml") == []
