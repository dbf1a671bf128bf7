"""The shared vectors through the Python rules; tests/js/scoring.test.mjs runs the same cases
through quizbook.js, so the static quiz and the grader can never disagree.

scoring.json and marks.json give each question as a key states it. quizbook.js scores the
question as the page's island carries it, so island.json holds every case with its question
as html.py writes it into the island (practice mode): written from the other two, and
checked here to be current. After a deliberate change, regenerate it with QUIZBOOK_REGEN=1.
"""

import json
import math
import os
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from quizbook.html import data_island
from quizbook.model import QUESTION_TYPES, Question, Quiz
from quizbook.score import fraction, normalise_text

VECTORS = Path(__file__).parents[1] / "vectors"
SCORING = json.loads((VECTORS / "scoring.json").read_text(encoding="utf-8"))
MARKS = json.loads((VECTORS / "marks.json").read_text(encoding="utf-8"))
NORMALISE = json.loads((VECTORS / "normalise.json").read_text(encoding="utf-8"))
question = TypeAdapter(Question).validate_python


@pytest.mark.parametrize("case", SCORING, ids=[c["name"] for c in SCORING])
def test_vector(case):
    got = fraction(question(case["question"]), case["answer"])
    assert math.isclose(got, case["expected"], abs_tol=1e-9), case["name"]


def test_vectors_cover_every_type_partial_credit_and_blanks():
    names = [c["name"] for c in SCORING]
    assert len(set(names)) == len(names), "vector names must be unique"
    kinds = {c["question"]["type"] for c in SCORING}
    assert kinds == set(QUESTION_TYPES)
    for kind in QUESTION_TYPES:
        mine = [c for c in SCORING if c["question"]["type"] == kind]
        assert any(c["answer"] is None and c["expected"] == 0 for c in mine), kind
        assert any(c["expected"] == 1 for c in mine), kind
        assert any(c["expected"] == 0 and c["answer"] is not None for c in mine), kind
    partial = {c["question"]["type"] for c in SCORING if 0 < c["expected"] < 1}
    assert partial == {"multiple", "ordering", "matching"}


@pytest.mark.parametrize("case", MARKS, ids=[c["name"] for c in MARKS])
def test_marks_vector(case):
    got = question(case["question"]).marks(case["answer"])
    assert [list(mark) for mark in got] == case["marks"], case["name"]


def test_marks_vectors_cover_every_type():
    assert {c["question"]["type"] for c in MARKS} == set(QUESTION_TYPES)


def island_vectors() -> list[dict]:
    """Every scoring and marks case with its question as the island carries it."""
    cases = []
    for case in [*SCORING, *MARKS]:
        quiz = Quiz.model_validate({"id": "v", "title": "v", "questions": [case["question"]]})
        cases.append({**case, "question": data_island(quiz)["q"][0]})
    return cases


def test_island_vectors_are_current():
    path = VECTORS / "island.json"
    text = "[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in island_vectors()) + "\n]\n"
    if os.environ.get("QUIZBOOK_REGEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.read_text(encoding="utf-8") == text, "rerun with QUIZBOOK_REGEN=1"


@pytest.mark.parametrize("case", NORMALISE, ids=[c["text"] for c in NORMALISE])
def test_normalise_vector(case):
    """The JS test checks normalise() against the same expected strings."""
    assert normalise_text(case["text"]) == case["normalised"]
