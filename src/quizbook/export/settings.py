"""Notes on the parts of a key that are quiz settings or book links rather than questions:
most platforms set these on their own quiz, not in an imported question bank."""

from __future__ import annotations

from .common import Notes

SHUFFLE_HINT = "set shuffling in the platform's quiz settings"


def note_settings(
    notes: Notes, carried: frozenset[str] = frozenset(), shuffle_hint: str = SHUFFLE_HINT
) -> None:
    """Note each quiz setting that the format does not carry (`carried` names the ones it
    does: "shuffle", "attempts", "mode", "title"): mode and attempts when not the default,
    shuffling either way (platforms have their own default)."""
    quiz = notes.key.quiz
    if quiz.mode == "assessed" and "mode" not in carried:
        notes.quiz(
            "mode 'assessed' (no feedback) is not carried: hide feedback in the platform's"
            " quiz settings",
            "mode",
        )
    if quiz.attempts and "attempts" not in carried:
        notes.quiz(
            f"'attempts: {quiz.attempts}' (checks per question) is not carried: set the"
            " number of tries in the platform's quiz settings",
            "attempts",
        )
    if "shuffle" not in carried:
        said = "true" if quiz.shuffle else "false"
        notes.quiz(f"'shuffle: {said}' is not carried: {shuffle_hint}", "shuffle")
    if "title" not in carried:
        notes.quiz("the quiz title is not carried", "title")
    linked = sum(1 for q in quiz.questions if q.section)
    if linked:
        notes.quiz(f"the 'reread' links of {linked} question(s) to book sections are not carried")


def note_unit(question, notes: Notes) -> None:
    """For the numeric writers: a unit is shown beside quizbook's answer field."""
    if question.unit:
        notes.question(
            question, f"the unit '{question.unit}' is not shown: say it in the prompt", "unit"
        )


def note_points(question, notes: Notes) -> None:
    if question.points != 1:
        notes.question(
            question,
            f"has no points field: this question counts 1, not {question.points:g}",
            "points",
        )


def note_loose_text(question, notes: Notes, how: str) -> None:
    """quizbook forgives case, accents, spaces and punctuation in a typed answer."""
    notes.question(
        question,
        f"compares a typed answer {how}; quizbook also ignores accents, spaces and"
        " punctuation, so an answer quizbook accepts may be marked wrong",
        "accepted",
    )
