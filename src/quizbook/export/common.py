"""What every export shares: the key being exported, the notes on what a format cannot
carry, the choice of a writer by question class, numbers written plainly, atomic files.

A format module holds one writer per question class in a dict keyed by the class. A
question whose class has no writer is left out of the file and noted: nothing is dropped
silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ..load import KeyLines, Problem
from ..markdown import render_inline
from ..model import QuestionBase, Quiz


@dataclass(frozen=True)
class Key:
    """One loaded answer key and where its parts stand in its file."""

    quiz: Quiz
    lines: KeyLines
    path: str


@dataclass
class Notes:
    """What one format could not carry from one key: a Problem per loss, in the
    `file:line: question-id: what` style of `quizbook validate`."""

    key: Key
    platform: str  # as the messages name the format: "GIFT", "Canvas QTI"…
    problems: list[Problem] = field(default_factory=list)

    def question(self, question: QuestionBase, what: str, field_name: str | None = None):
        line = self.key.lines.question(question.id, field_name)
        self._add(line, question.id, what)

    def quiz(self, what: str, field_name: str | None = None):
        self._add(self.key.lines.quiz(field_name), "quiz", what)

    def _add(self, line: int, where: str, what: str):
        problem = Problem(self.key.path, line, where, f"{self.platform}: {what}")
        if problem not in self.problems:
            self.problems.append(problem)


Writer = Callable[..., object]


def writer_for(writers: dict[type, Writer], question: QuestionBase, notes: Notes):
    """The format's writer for this question's class, or None (and a note) if the
    format has no such question type."""
    writer = writers.get(type(question))
    if writer is None:
        notes.question(
            question, f"has no {question.type} question type; this question is left out", "type"
        )
    return writer


def plain_number(x: float) -> str:
    """A number as its shortest decimal, without exponent: 1869, 0.0001, -2.5, 1e-15 as
    0.000000000000001 (GIFT's grammar reads no exponent)."""
    if isinstance(x, int) or float(x).is_integer():
        return str(int(x))
    return format(Decimal(repr(x)), "f")


def has_formatting(markdown: str) -> bool:
    """Whether inline Markdown says more than its plain text (emphasis, code, a link):
    rendered, it holds a tag (raw HTML in a key is escaped, never a tag)."""
    return "<" in render_inline(markdown)
