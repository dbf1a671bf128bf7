"""Scoring: each question type's rule, written once.

An answer is plain JSON data, the same in the live widget, the static quiz and a response file:

- single: index of the chosen choice (key order);     multiple: list of chosen indices
- truefalse: true or false;                            numeric: a number
- text: a string;                                      ordering: item indices in the order given
- matching: for each pair's left item, the index of the right item chosen (or null)

`fraction(question, answer)` returns the share of the question's points earned, 0 to 1.
`static/quizbook.js` mirrors these rules; `tests/vectors/scoring.json` keeps the two identical.
"""

from __future__ import annotations

import math
import unicodedata

from .model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)


class AnswerError(ValueError):
    """An answer that does not have the shape its question type needs."""


# Romanisations differ in hyphens and apostrophes (Kim Il-sung, Kim Il Sung; P'yŏngyang):
# a typed answer must not fail on them, nor on where the spaces fall, nor on a full stop or
# quotation marks around it. Punctuation is Unicode's P* categories; the backtick and the
# modifier-letter apostrophes are not punctuation to Unicode but serve as apostrophes here.
_APOSTROPHES = frozenset("`\u02bb\u02bc")


def _dropped(char: str) -> bool:
    return char in _APOSTROPHES or unicodedata.category(char)[0] == "P"


def normalise_text(text: str) -> str:
    """Fold case and diacritics and drop spaces and punctuation: 'Kim Il-sŏng. ' and
    'kimilsong' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = "".join(c for c in stripped.casefold() if not _dropped(c))
    return "".join(kept.split())


def fraction(question, answer) -> float:
    """Share of the points earned (0..1); an unanswered question (None) earns 0."""
    if answer is None:
        return 0.0
    check_shape(question, answer)
    return _RULES[type(question)](question, answer)


def points(question, answer) -> float:
    return round(question.points * fraction(question, answer), 4)


def _single(q: SingleChoice, a: int) -> float:
    return 1.0 if q.choices[a].correct else 0.0


def _multiple(q: MultipleChoice, a: list[int]) -> float:
    """Net-correct: (right picks - wrong picks) / number of correct choices, floored at 0."""
    picked = set(a)
    right = sum(1 for i in picked if q.choices[i].correct)
    wrong = len(picked) - right
    n_correct = sum(c.correct for c in q.choices)
    return max(0.0, (right - wrong) / n_correct)


def _truefalse(q: TrueFalse, a: bool) -> float:
    return 1.0 if a == q.answer else 0.0


def _numeric(q: Numeric, a: float) -> float:
    low, high = q.bounds()
    # a small epsilon so that 0.1 + 0.2 style float noise never costs a mark
    eps = 1e-9 * max(1.0, abs(low), abs(high))
    return 1.0 if low - eps <= a <= high + eps else 0.0


def _text(q: ShortText, a: str) -> float:
    given = normalise_text(a)
    return 1.0 if any(given == normalise_text(ok) for ok in q.accepted) else 0.0


def _ordering(q: Ordering, a: list[int]) -> float:
    """Longest ordered subset (as Moodle's ordering question): the longest run of items, not
    necessarily adjacent, that stand in the right relative order, over the item count.
    A subset of one item earns nothing."""
    longest = longest_increasing_subsequence(a)
    return longest / len(q.items) if longest >= 2 else 0.0


def _matching(q: Matching, a: list) -> float:
    """Fraction of pairs matched correctly."""
    return sum(1 for i, r in enumerate(a) if r == i) / len(q.pairs)


def longest_increasing_subsequence(seq: list[int]) -> int:
    best: list[int] = []  # best[k]: smallest tail of an increasing run of length k+1
    for x in seq:
        lo, hi = 0, len(best)
        while lo < hi:
            mid = (lo + hi) // 2
            if best[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        best[lo : lo + 1] = [x]
    return len(best)


_RULES = {
    SingleChoice: _single,
    MultipleChoice: _multiple,
    TrueFalse: _truefalse,
    Numeric: _numeric,
    ShortText: _text,
    Ordering: _ordering,
    Matching: _matching,
}


def check_shape(question, answer) -> None:
    """Raise AnswerError unless `answer` is a well-formed answer to `question`."""
    kind = question.type
    if kind == "single":
        _index(answer, len(question.choices))
    elif kind == "multiple":
        _index_list(answer, len(question.choices), distinct=True)
    elif kind == "truefalse":
        if not isinstance(answer, bool):
            raise AnswerError("expected true or false")
    elif kind == "numeric":
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            raise AnswerError("expected a number")
        if not math.isfinite(answer):
            raise AnswerError("expected a finite number")
    elif kind == "text":
        if not isinstance(answer, str):
            raise AnswerError("expected a string")
        if len(answer) > 1000:
            raise AnswerError("answer longer than 1000 characters")
    elif kind == "ordering":
        _index_list(answer, len(question.items), distinct=True)
        if len(answer) != len(question.items):
            raise AnswerError(f"expected all {len(question.items)} items in some order")
    elif kind == "matching":
        if not isinstance(answer, list) or len(answer) != len(question.pairs):
            raise AnswerError(f"expected a list of {len(question.pairs)} choices (or null)")
        for r in answer:
            if r is not None:
                _index(r, len(question.pairs))


def _index(value, n: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < n:
        raise AnswerError(f"expected a choice index from 0 to {n - 1}, got {value!r:.40}")


def _index_list(value, n: int, distinct: bool) -> None:
    if not isinstance(value, list):
        raise AnswerError("expected a list of indices")
    for v in value:
        _index(v, n)
    if distinct and len(set(value)) != len(value):
        raise AnswerError("an index appears twice")
