"""Moodle GIFT: one text file per key, imported into Moodle's question bank.

Each question is one GIFT block: a comment with its id (`// [id:…]`, Moodle's ID
number), its name (`::id::`), the prompt as `[html]` rendered from the key's Markdown,
and its answers in braces, with per-answer feedback after `#` and the explanation as
general feedback after `####`. Every `~ = # { } :` in a text is escaped with a backslash,
a backslash is written as the HTML entity `&#92;`, and a newline as `\\n`, so no text
spans a line: none can start a comment (`//`) or end its question early (a blank line).

GIFT has no ordering type and no points: those are noted, never dropped silently
(Moodle XML carries both).
"""

from __future__ import annotations

from ..markdown import render, render_inline
from ..model import Matching, MultipleChoice, Numeric, ShortText, SingleChoice, TrueFalse
from ..plaintext import inline_text
from .common import Key, Notes, plain_number, writer_for
from .moodle import choice_grades, matching_rights, shortanswer_text
from .settings import note_loose_text, note_points, note_settings, note_unit

NAME = "GIFT"
SUFFIX = ".gift"
SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """Text as GIFT reads it back: specials escaped, backslashes as an HTML entity (Moodle
    keeps a `\\\\` as two backslashes), newlines as `\\n`."""
    text = text.replace("\\", "&#92;")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def escape_plain(text: str) -> str:
    """Text Moodle takes as it is (short answers, the right side of a pair): specials and
    newlines escaped; a backslash stays a backslash."""
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def block(markdown: str) -> str:
    return escape(render(markdown))


def inline(markdown: str) -> str:
    return escape(render_inline(markdown))


def feedback(markdown: str | None) -> str:
    return "#" + block(markdown) if markdown else ""


def _single(q: SingleChoice, notes: Notes) -> list[str]:
    return [("=" if c.correct else "~") + inline(c.text) + feedback(c.feedback) for c in q.choices]


def _multiple(q: MultipleChoice, notes: Notes) -> list[str] | None:
    weights = choice_grades(q, notes)
    if weights is None:
        return None
    return [
        f"~%{w}%" + inline(c.text) + feedback(c.feedback)
        for w, c in zip(weights, q.choices, strict=True)
    ]


def _true_false(q: TrueFalse, notes: Notes) -> list[str]:
    """`{TRUE#shown if wrong#shown if right}`: Moodle's order, not True's then False's."""
    right, wrong = (
        (q.feedback_true, q.feedback_false) if q.answer else (q.feedback_false, q.feedback_true)
    )
    said = "#" + (block(wrong) if wrong else "") if wrong or right else ""
    said += "#" + block(right) if right else ""
    return [("TRUE" if q.answer else "FALSE") + said]


def _numeric(q: Numeric, notes: Notes) -> list[str]:
    note_unit(q, notes)
    if q.range is not None:
        low, high = q.range
        return [f"#{plain_number(low)}..{plain_number(high)}"]
    if q.tolerance:
        return [f"#{plain_number(q.answer)}:{plain_number(q.tolerance)}"]
    return [f"#{plain_number(q.answer)}"]


def _text(q: ShortText, notes: Notes) -> list[str]:
    note_loose_text(q, notes, "ignoring case only")
    return ["=" + escape_plain(shortanswer_text(a)) for a in q.accepted]


def _matching(q: Matching, notes: Notes) -> list[str]:
    rights = matching_rights(q, notes)
    return [
        f"={inline(pair.left)} -> {escape_plain(right)}"
        for pair, right in zip(q.pairs, rights, strict=True)
    ]


WRITERS = {
    SingleChoice: _single,
    MultipleChoice: _multiple,
    TrueFalse: _true_false,
    Numeric: _numeric,
    ShortText: _text,
    Matching: _matching,
}


def render_key(key: Key, notes: Notes) -> bytes:
    quiz = key.quiz
    note_settings(notes, carried=frozenset({"title"}))
    category = inline_text(quiz.title).replace("/", "-")
    blocks = [f"// {quiz.id}: exported by quizbook\n$CATEGORY: $course$/top/{category}"]
    for q in quiz.questions:
        writer = writer_for(WRITERS, q, notes)
        answers = writer(q, notes) if writer else None
        if answers is None:
            continue
        note_points(q, notes)
        if q.explanation:
            answers.append("####" + block(q.explanation))
        body = "\n".join(answers)
        blocks.append(f"// [id:{q.id}]\n::{q.id}::[html]{block(q.prompt)}{{\n{body}\n}}")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
