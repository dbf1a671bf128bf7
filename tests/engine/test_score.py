"""Scoring rules beyond the shared vectors: shapes of answers and the partial-credit maths."""

import pytest
from pydantic import TypeAdapter

from quizbook.model import Question
from quizbook.score import (
    AnswerError,
    fraction,
    longest_increasing_subsequence,
    normalise_text,
    points,
)

question = TypeAdapter(Question).validate_python

SINGLE = question(
    {
        "id": "s",
        "type": "single",
        "prompt": "p",
        "choices": [{"text": "a", "correct": True}, {"text": "b"}],
    }
)
MULTI = question(
    {
        "id": "m",
        "type": "multiple",
        "prompt": "p",
        "points": 3,
        "choices": [
            {"text": "a", "correct": True},
            {"text": "b", "correct": True},
            {"text": "c", "correct": True},
            {"text": "d"},
        ],
    }
)
ORDER = question({"id": "o", "type": "ordering", "prompt": "p", "items": list("abcde")})
MATCH = question(
    {
        "id": "x",
        "type": "matching",
        "prompt": "p",
        "pairs": [
            {"left": "a", "right": "1"},
            {"left": "b", "right": "2"},
            {"left": "c", "right": "3"},
            {"left": "d", "right": "4"},
        ],
    }
)
NUMERIC = question({"id": "n", "type": "numeric", "prompt": "p", "answer": 0.3, "tolerance": 0})


@pytest.mark.parametrize(
    ("seq", "expected"),
    [
        ([], 0),
        ([3], 1),
        ([0, 1, 2], 3),
        ([2, 1, 0], 1),
        ([1, 0, 3, 2, 4], 3),
        ([4, 0, 1, 2, 3], 4),
    ],
)
def test_longest_increasing_subsequence(seq, expected):
    assert longest_increasing_subsequence(seq) == expected


def test_multiple_choice_is_net_correct_floored_at_zero():
    assert fraction(MULTI, [0, 1, 2]) == 1
    assert fraction(MULTI, [0, 1]) == pytest.approx(2 / 3)
    assert fraction(MULTI, [0, 1, 3]) == pytest.approx(1 / 3)
    assert fraction(MULTI, [0, 3]) == 0
    assert fraction(MULTI, [3]) == 0
    assert points(MULTI, [0, 1]) == 2


def test_ordering_longest_ordered_subset():
    assert fraction(ORDER, [0, 1, 2, 3, 4]) == 1
    assert fraction(ORDER, [1, 0, 2, 3, 4]) == pytest.approx(4 / 5)
    assert fraction(ORDER, [4, 3, 2, 1, 0]) == 0


def test_matching_fraction_of_pairs():
    assert fraction(MATCH, [0, 1, 2, 3]) == 1
    assert fraction(MATCH, [1, 0, 2, None]) == pytest.approx(1 / 4)


def test_numeric_float_noise_is_forgiven():
    assert fraction(NUMERIC, 0.1 + 0.2) == 1
    assert fraction(NUMERIC, 0.31) == 0


def test_text_normalisation():
    assert normalise_text("  Crème brûlée\t") == "cremebrulee"
    assert (
        normalise_text("JEAN   Paul-Sartre")
        == normalise_text("Jean Paul Sartre")
        == "jeanpaulsartre"
    )
    assert normalise_text("O'Neill") == normalise_text("ONeill")
    assert normalise_text("ＰＲＣ") == "prc"  # full-width letters fold too


def test_unanswered_earns_nothing():
    assert fraction(SINGLE, None) == 0


@pytest.mark.parametrize(
    ("q", "answer", "message"),
    [
        (SINGLE, 2, "index from 0 to 1"),
        (SINGLE, True, "index"),
        (SINGLE, "0", "index"),
        (MULTI, [0, 0], "appears twice"),
        (MULTI, 1, "list of indices"),
        (ORDER, [0, 1, 2], "all 5 items"),
        (MATCH, [0, 1], "list of 4"),
        (NUMERIC, "1869", "a number"),
        (NUMERIC, float("nan"), "finite"),
        (NUMERIC, True, "a number"),
    ],
)
def test_malformed_answers_are_refused(q, answer, message):
    with pytest.raises(AnswerError, match=message):
        fraction(q, answer)
