"""What Moodle's two import formats (GIFT and Moodle XML) share: the grades Moodle accepts
for an answer, and how a multiple-choice key becomes answer weights.

Moodle refuses on import an answer whose grade is not one of its fixed grade options
(`question_bank::fraction_options_full()`, matched within 0.00001): 100%, 90%, 83.33333%,
80%, 75%, 70%, 66.66667%, 60%, 50%, 40%, 33.33333%, 30%, 25%, 20%, 16.66667%, 14.28571%,
12.5%, 11.11111%, 10%, 5%, 0% and their negatives.

quizbook scores several choices by net-correct: (right picks - wrong picks) / correct
count, floored at 0. Moodle's multiple-answer question adds up the grades of the picked
answers and keeps the sum between 0 and 1. The two agree exactly when each right answer
is worth 1/k and each wrong one -1/k (k right answers), which Moodle can say for k up
to 10.
"""

from __future__ import annotations

from ..plaintext import inline_text
from .common import has_formatting

GRADES = (
    "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333",
    "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0",
)  # fmt: skip
MATCH = 0.00001 * 100  # Moodle's tolerance, in percent


def accepted_grade(percent: float) -> str | None:
    """The grade as Moodle writes it ("33.33333"), or None if Moodle does not accept it."""
    for grade in GRADES:
        if abs(abs(percent) - float(grade)) < MATCH:
            return "-" + grade if percent < 0 and grade != "0" else grade
    return None


def choice_weights(correct: list[bool]) -> list[str] | None:
    """Grades in percent, one per choice, that score as net-correct does: 1/k for each
    right choice and -1/k for each wrong one; None if Moodle has no such grade."""
    k = sum(correct)
    right, wrong = accepted_grade(100 / k), accepted_grade(-100 / k)
    if right is None or wrong is None:
        return None
    return [right if ok else wrong for ok in correct]


def choice_grades(question, notes) -> list[str] | None:
    """`choice_weights` for a multiple-choice question, or None with a note saying why the
    question is left out."""
    weights = choice_weights([c.correct for c in question.choices])
    if weights is None:
        k = sum(c.correct for c in question.choices)
        notes.question(
            question,
            f"{k} right choices need a grade of 1/{k} each, which Moodle does not accept;"
            " this question is left out",
            "choices",
        )
    return weights


# Moodle's matching question asks for at least two questions and three answers.
MATCHING_MIN_PAIRS = 3


def matching_rights(q, notes) -> list[str]:
    """A matching question's right-hand items as Moodle takes them (plain text), saying what
    Moodle changes: fewer than three pairs, formatting lost."""
    if len(q.pairs) < MATCHING_MIN_PAIRS:
        notes.question(
            q, "Moodle's matching question asks for at least three pairs; add one", "pairs"
        )
    rights = []
    for pair in q.pairs:
        right = inline_text(pair.right)
        if has_formatting(pair.right):
            notes.question(q, f"right-hand items are plain text: '{right}' loses its formatting")
        rights.append(right)
    return rights


def shortanswer_text(text: str) -> str:
    """An accepted answer as Moodle's short-answer question reads it: `*` is its wildcard,
    so a literal one is escaped."""
    return text.replace("*", "\\*")
