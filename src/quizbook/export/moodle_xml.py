"""Moodle XML: one file per key, imported into Moodle's question bank. It carries what
GIFT cannot: the ordering question (Moodle's qtype_ordering, core since Moodle 4.4),
points (`defaultgrade`), the penalty for another try, and shuffling per question.

Texts are HTML rendered from the key's Markdown (`format="html"`). Every question has its
id as name and ID number. quizbook takes no points off for another try, so `penalty` is 0;
ordering is scored by the longest ordered subset, quizbook's own rule.
"""

from __future__ import annotations

from decimal import Decimal

from ..markdown import render, render_inline
from ..model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from ..plaintext import inline_text
from .common import Key, Notes, plain_number, writer_for
from .moodle import choice_grades, matching_rights, shortanswer_text
from .settings import note_loose_text, note_settings, note_unit
from .xmltext import element, serialise

NAME = "Moodle XML"
SUFFIX = ".xml"


def text(value: str, tag: str = "text"):
    return element(tag, text=value)


def html(tag: str, markdown: str | None):
    """`<tag format="html"><text>…</text></tag>`, the text rendered from Markdown."""
    return element(tag, {"format": "html"}, text(render(markdown) if markdown else ""))


def answer(fraction: str, markdown_or_text: str, feedback: str | None, *, plain=False):
    """An answer with its grade and feedback: inline Markdown as HTML, or `plain` text as
    Moodle compares it (true/false, short answers)."""
    body = text(markdown_or_text) if plain else text(render_inline(markdown_or_text))
    fmt = "moodle_auto_format" if plain else "html"
    return element(
        "answer", {"fraction": fraction, "format": fmt}, body, html("feedback", feedback)
    )


def combined_feedback():
    """The right/partly right/wrong messages Moodle shows: left to Moodle's own."""
    return [
        html(tag, None)
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
    ]


def yes(flag: bool) -> str:
    return "true" if flag else "false"


def _single(q: SingleChoice, notes: Notes, shuffle: bool):
    return "multichoice", [
        text("true", "single"),
        text(yes(shuffle), "shuffleanswers"),
        text("abc", "answernumbering"),
        text("0", "showstandardinstruction"),
        *combined_feedback(),
        *[answer("100" if c.correct else "0", c.text, c.feedback) for c in q.choices],
    ]


def _multiple(q: MultipleChoice, notes: Notes, shuffle: bool):
    weights = choice_grades(q, notes)
    if weights is None:
        return None
    return "multichoice", [
        text("false", "single"),
        text(yes(shuffle), "shuffleanswers"),
        text("abc", "answernumbering"),
        text("0", "showstandardinstruction"),
        *combined_feedback(),
        element("shownumcorrect"),
        *[answer(w, c.text, c.feedback) for w, c in zip(weights, q.choices, strict=True)],
    ]


def _true_false(q: TrueFalse, notes: Notes, shuffle: bool):
    return "truefalse", [
        answer("100" if q.answer else "0", "true", q.feedback_true, plain=True),
        answer("0" if q.answer else "100", "false", q.feedback_false, plain=True),
    ]


def _numeric(q: Numeric, notes: Notes, shuffle: bool):
    note_unit(q, notes)
    if q.range is None:
        middle, tolerance = plain_number(q.answer), plain_number(q.tolerance)
    else:
        middle, tolerance = _centre(*q.range)
    value = element(
        "answer",
        {"fraction": "100", "format": "moodle_auto_format"},
        text(middle),
        html("feedback", None),
        text(tolerance, "tolerance"),
    )
    return "numerical", [
        value,
        text("0", "unitgradingtype"),
        text("0", "unitpenalty"),
        text("3", "showunits"),  # units not used
        text("0", "unitsleft"),
    ]


def _centre(low: float, high: float) -> tuple[str, str]:
    """A range as Moodle's value and tolerance, in exact decimals ([0.1, 0.3]: 0.2 and 0.1)."""
    low, high = Decimal(plain_number(low)), Decimal(plain_number(high))
    return _decimal((low + high) / 2), _decimal((high - low) / 2)


def _decimal(d: Decimal) -> str:
    return format(d.normalize(), "f")


def _text(q: ShortText, notes: Notes, shuffle: bool):
    note_loose_text(q, notes, "ignoring case only")
    return "shortanswer", [
        text("0", "usecase"),
        *[answer("100", shortanswer_text(a), None, plain=True) for a in q.accepted],
    ]


def _matching(q: Matching, notes: Notes, shuffle: bool):
    rights = matching_rights(q, notes)
    subquestions = [
        element(
            "subquestion",
            {"format": "html"},
            text(render_inline(pair.left)),
            element("answer", {}, text(right)),
        )
        for pair, right in zip(q.pairs, rights, strict=True)
    ]
    return "matching", [
        text(yes(shuffle), "shuffleanswers"),
        *combined_feedback(),
        element("shownumcorrect"),
        *subquestions,
    ]


def _ordering(q: Ordering, notes: Notes, shuffle: bool):
    """Moodle's ordering question, all items shown, scored by the longest ordered subset
    (as quizbook scores it); each answer's fraction is its place in the right order."""
    return "ordering", [
        text("VERTICAL", "layouttype"),
        text("ALL", "selecttype"),
        text("0", "selectcount"),
        text("LONGEST_ORDERED_SUBSET", "gradingtype"),
        text("SHOW", "showgrading"),
        text("none", "numberingstyle"),
        *combined_feedback(),
        text("1", "shownumcorrect"),
        *[
            element("answer", {"fraction": str(i), "format": "html"}, text(render_inline(item)))
            for i, item in enumerate(q.items, start=1)
        ],
    ]


WRITERS = {
    SingleChoice: _single,
    MultipleChoice: _multiple,
    TrueFalse: _true_false,
    Numeric: _numeric,
    ShortText: _text,
    Matching: _matching,
    Ordering: _ordering,
}


def question_element(q, kind: str, body: list):
    return element(
        "question",
        {"type": kind},
        element("name", {}, text(q.id)),
        html("questiontext", q.prompt),
        html("generalfeedback", q.explanation),
        text(plain_number(q.points), "defaultgrade"),
        text("0", "penalty"),
        text("0", "hidden"),
        text(q.id, "idnumber"),
        *body,
    )


def render_key(key: Key, notes: Notes) -> bytes:
    quiz = key.quiz
    note_settings(notes, carried=frozenset({"title", "shuffle"}))
    category = inline_text(quiz.title).replace("/", "-")
    root = element(
        "quiz",
        {},
        element(
            "question",
            {"type": "category"},
            element("category", {}, text(f"$course$/top/{category}")),
        ),
    )
    for q in quiz.questions:
        writer = writer_for(WRITERS, q, notes)
        written = writer(q, notes, quiz.shuffle) if writer else None
        if written is not None:
            root.append(question_element(q, *written))
    return serialise(root)
