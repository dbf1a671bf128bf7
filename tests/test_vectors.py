"""The shared scoring vectors through the Python rules; tests/js/scoring.test.mjs runs the same
file through quizbook.js, so the static quiz and the grader can never disagree."""

import json
import math
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from quizbook.model import QUESTION_TYPES, Question
from quizbook.score import fraction, normalise_text

VECTORS = json.loads(
    (Path(__file__).parent / "vectors" / "scoring.json").read_text(encoding="utf-8")
)
question = TypeAdapter(Question).validate_python


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_vector(case):
    got = fraction(question(case["question"]), case["answer"])
    assert math.isclose(got, case["expected"], abs_tol=1e-9), case["name"]


def test_vectors_cover_every_type_partial_credit_and_blanks():
    names = [c["name"] for c in VECTORS]
    assert len(set(names)) == len(names), "vector names must be unique"
    kinds = {c["question"]["type"] for c in VECTORS}
    assert kinds == set(QUESTION_TYPES)
    for kind in QUESTION_TYPES:
        mine = [c for c in VECTORS if c["question"]["type"] == kind]
        assert any(c["answer"] is None and c["expected"] == 0 for c in mine), kind
        assert any(c["expected"] == 1 for c in mine), kind
        assert any(c["expected"] == 0 and c["answer"] is not None for c in mine), kind
    for kind in ("multiple", "ordering", "matching"):
        assert any(0 < c["expected"] < 1 for c in VECTORS if c["question"]["type"] == kind), (
            f"{kind}: no partial credit case"
        )


NORMALISE = json.loads(
    (Path(__file__).parent / "vectors" / "normalise.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", NORMALISE, ids=[c["text"] for c in NORMALISE])
def test_normalise_vector(case):
    """The JS test checks normalise() against the same expected strings."""
    assert normalise_text(case["text"]) == case["normalised"]
