"""Scoring: the rules by which an answer earns points, each written once.

An answer is plain JSON data, the same in the live widget, the static quiz and a response
file. Each question type's class in `model` says which shape its answers take and which rule
below scores them:

- one choice (an index), true/false, a number, a text: all or nothing;
- several choices: net-correct, (right picks - wrong picks) / number of correct choices,
  floored at 0;
- an ordering: the longest run of items in the right relative order, over the item count;
- pairs: the fraction of rows matched.

`fraction(question, answer)` returns the share of the question's points earned, 0 to 1.
`static/quizbook.js` mirrors these rules; `tests/vectors/` keeps the two identical.
This module knows no wording and no question type.
"""

from __future__ import annotations

from .typed import normalise_text

MAX_TEXT = 1000  # characters in a typed answer


class AnswerError(ValueError):
    """An answer that does not have the shape its question type needs."""


def fraction(question, answer) -> float:
    """Share of the points earned (0..1); an unanswered question (None) earns 0."""
    if answer is None:
        return 0.0
    question.check_answer(answer)
    return question.share(answer)


def points(question, answer) -> float:
    return round(question.points * fraction(question, answer), 4)


# -- the rules ------------------------------------------------------------------------------


def all_or_nothing(right: bool) -> float:
    return 1.0 if right else 0.0


def net_correct(picked: list[int], correct: set[int]) -> float:
    """(right picks - wrong picks) / number of correct choices, floored at 0."""
    right = sum(1 for i in set(picked) if i in correct)
    wrong = len(set(picked)) - right
    return max(0.0, (right - wrong) / len(correct))


def within(value: float, low: float, high: float) -> bool:
    """Inside [low, high], forgiving float noise (0.1 + 0.2 is 0.3)."""
    eps = _allowance(low, high)
    return low - eps <= value <= high + eps


def text_matches(given: str, accepted: list[str]) -> bool:
    folded = normalise_text(given)
    return any(folded == normalise_text(ok) for ok in accepted)


def ordered_share(order: list[int]) -> float:
    """Longest ordered subset (as Moodle's ordering question): the longest run of items, not
    necessarily adjacent, that stand in the right relative order, over the item count.
    A run of one item earns nothing."""
    longest = longest_increasing_subsequence(order)
    return longest / len(order) if longest >= 2 else 0.0


def matched_share(answer: list) -> float:
    """Fraction of rows whose pick is their own partner (row i matched with i)."""
    return sum(1 for i, picked in enumerate(answer) if picked == i) / len(answer)


def longest_ordered_run(seq: list[int]) -> list[int]:
    """Positions of one longest increasing subsequence of `seq`: for each position the
    longest run ending there, keeping the first predecessor that gives it; the run ends at
    the first position of greatest length. quizbook.js picks the same run."""
    length = [1] * len(seq)
    before = [-1] * len(seq)
    for i, value in enumerate(seq):
        for j in range(i):
            if seq[j] < value and length[j] + 1 > length[i]:
                length[i], before[i] = length[j] + 1, j
    if not seq:
        return []
    position = length.index(max(length))
    run = []
    while position != -1:
        run.append(position)
        position = before[position]
    return run[::-1]


def longest_increasing_subsequence(seq: list[int]) -> int:
    return len(longest_ordered_run(seq))


def just_outside(low: float, high: float) -> tuple[float, float]:
    """A number just below `low` and one just above `high`, a step of the bounds' own
    precision away (11 and 13 for 12; 3.3 and 3.7 for 3.4 to 3.6), and never so close that
    `within`'s float allowance would let it in."""
    scale = max(1.0, abs(low), abs(high))
    step = 1e-6
    for digits in range(7):
        if all(abs(round(v, digits) - v) <= 1e-9 * scale for v in (low, high)):
            step = 10.0**-digits
            break
    step = max(step, 1e-6 * scale)
    return _tidy(low - step), _tidy(high + step)


def _allowance(low: float, high: float) -> float:
    return 1e-9 * max(1.0, abs(low), abs(high))


def _tidy(x: float) -> float | int:
    """Drop float noise (3.3000000000000003 -> 3.3): the step is far larger than that."""
    rounded = round(x, 9)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 1e15 else rounded


# -- answer shapes --------------------------------------------------------------------------


def check_index(value, n: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < n:
        raise AnswerError(f"expected a choice index from 0 to {n - 1}, got {value!r:.40}")


def check_indices(value, n: int) -> None:
    """A list of distinct indices below n."""
    if not isinstance(value, list):
        raise AnswerError("expected a list of indices")
    for v in value:
        check_index(v, n)
    if len(set(value)) != len(value):
        raise AnswerError("an index appears twice")


def check_bool(value) -> None:
    if not isinstance(value, bool):
        raise AnswerError("expected true or false")


def check_number(value) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerError("expected a number")
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError("expected a finite number")


def check_text(value) -> None:
    if not isinstance(value, str):
        raise AnswerError("expected a string")
    if len(value) > MAX_TEXT:
        raise AnswerError(f"answer longer than {MAX_TEXT} characters")
