"""Where things appear on screen, the same in every face and on every run.

Ordering items must not start in the right order, and matching's right-hand column must
not line up with the left; both are permuted by a generator seeded from the quiz and
question ids, so ids and markup stay deterministic (nbval compares them).
"""

from __future__ import annotations

import hashlib
import random


def element_id(quiz_id: str, *parts: object) -> str:
    """A stable DOM id: qb-<quiz>-<question>-<part>."""
    return "-".join(["qb", quiz_id, *map(str, parts)])


def scrambled(quiz_id: str, question_id: str, n: int) -> list[int]:
    """A fixed permutation of range(n) that is never the identity (for n >= 2)."""
    seed = int(hashlib.sha256(f"{quiz_id}/{question_id}".encode()).hexdigest()[:16], 16)
    order = list(range(n))
    rng = random.Random(seed)
    while n >= 2 and order == sorted(order):
        rng.shuffle(order)
    return order


def ordering_start(quiz, question) -> list[int]:
    """The order in which an ordering question's items are first shown."""
    return scrambled(quiz.id, question.id, len(question.items))


def matching_options(quiz, question) -> list[int]:
    """The order in which a matching question's right-hand items are offered."""
    return scrambled(quiz.id, question.id, len(question.pairs))
