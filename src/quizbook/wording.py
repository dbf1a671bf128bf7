"""Every word a quiz shows a student, in one table: the live quiz, the static quiz and its
script all read it, so changing "Correct." is one edit here.

Texts are `str.format` templates. A name ending in `_one` is the singular of the name
without it (`points_one` for 1, `points` otherwise). `SCRIPT` lists the texts the static
quiz's script needs: the book ships them inside quizbook.js (see `assets`), so no page
carries them. Styling never depends on these words: faces style a verdict by its kind.
"""

from __future__ import annotations

TEXT = {
    # the quiz
    "intro_practice_live": "Check each answer as you go.",
    "intro_practice_static": "Check each answer as you go; your answers stay in this browser.",
    "intro_assessed_live": "This quiz is graded: it shows no feedback."
    " When you are done, save your answers and hand in the file.",
    "intro_assessed_static": "This quiz is graded: it shows no feedback."
    " When you are done, download your answers and hand in the file.",
    "needs_script": "This quiz needs JavaScript.",
    "plain_title": "Quiz: {title} ({questions})",
    "size": "{questions}, {points}",
    "questions": "{n} questions",
    "questions_one": "{n} question",
    "points": "{n} points",
    "points_one": "{n} point",
    "score": "Score: {earned} of {total}",
    # one question
    "question_number": "Question {number} of {count}",
    "legend": "{question} ({points})",
    "your_answer": "Your answer",
    "your_answer_unit": "Your answer ({unit})",
    "type_a_number": "Type a number",
    "type_an_answer": "Type your answer",
    "true": "True",
    "false": "False",
    "choose": "Choose…",
    "move_up": "Move up",
    "move_down": "Move down",
    "move_up_item": "Move up: {item}",
    "move_down_item": "Move down: {item}",
    "moved_live": "Moved {item} to position {position} of {count}.",
    "moved_static": "{item}: position {position} of {count}.",
    "already_first": "{item} is already first.",
    "already_last": "{item} is already last.",
    "check": "Check",
    "check_tip": "Check your answer to question {number}",
    "checks_allowed": "{n} checks allowed.",
    "checks_allowed_one": "{n} check allowed.",
    "checks_left": "{n} checks left.",
    "checks_left_one": "{n} check left.",
    "no_checks_left": "No checks left.",
    # what a check says
    "answer_first": "Answer the question first.",
    "not_a_number": "Type a number, such as 42 or 2.5.",
    "cannot_check": "That answer cannot be checked: {reason}.",
    "correct": "Correct.",
    "partly": "Partly right: {earned} of {points}.",
    "wrong": "Not quite.",
    "mark_right": "Right: {part}",
    "mark_wrong": "Wrong: {part}",
    "mark_missed": "Missed: {part}",
    "mark_placed": "In order: {part}",
    "mark_misplaced": "Out of order: {part}",
    "reread": "Reread: {title}",
    "reread_section": "Reread the section",
    # handing in
    "student": "Your name or student ID",
    "save": "Save my answers",
    "save_tip": "Save your answers to a response file to hand in",
    "saved": "Saved your answers to {path}.",
    "not_saved": "Could not save your answers: {reason}",
    "download": "Download my answers",
    "downloaded": "Downloaded {file}.",
    "start_again": "Start again",
    "start_again_sure": "Yes, clear all my answers",
    "start_again_ask": "Press the button again to clear all your answers.",
    "cleared": "All answers cleared.",
}

# What the static quiz's script says itself (the page's wrapper says the intro).
SCRIPT = (
    "question_number",
    "legend",
    "your_answer",
    "your_answer_unit",
    "true",
    "false",
    "choose",
    "move_up",
    "move_down",
    "move_up_item",
    "move_down_item",
    "moved_static",
    "check",
    "checks_left",
    "checks_left_one",
    "no_checks_left",
    "answer_first",
    "not_a_number",
    "correct",
    "partly",
    "wrong",
    "mark_right",
    "mark_wrong",
    "mark_missed",
    "mark_placed",
    "mark_misplaced",
    "reread",
    "reread_section",
    "points",
    "points_one",
    "score",
    "student",
    "download",
    "downloaded",
    "start_again",
    "start_again_sure",
    "start_again_ask",
    "cleared",
)

# The verdict of a check, by the share of the points earned: its words and, in each face,
# its style are looked up by this kind.
VERDICTS = ("correct", "partly", "wrong")


def say(name: str, **values) -> str:
    return TEXT[name].format(**values)


def counted(name: str, n: float, shown: str | None = None, **values) -> str:
    """A text about `n` things (written `shown`, by default as it is), singular for one."""
    key = f"{name}_one" if n == 1 and f"{name}_one" in TEXT else name
    return TEXT[key].format(n=n if shown is None else shown, **values)


def verdict(share: float) -> str:
    """The kind of verdict a share of the points earns."""
    return "correct" if share >= 1 else "partly" if share > 0 else "wrong"


def script_table() -> dict[str, str]:
    """The texts the static quiz's script needs."""
    return {name: TEXT[name] for name in SCRIPT}
