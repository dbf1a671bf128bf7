"""Answers in words, for feedback and statistics, as the question classes give them.

Options are counted by letter, A, B, C… in key order (the order the answer key lists them),
which is how an instructor reads the key; students saw them shuffled.
"""

from __future__ import annotations

from ..plaintext import inline_text
from ..typed import normalise_text, number_text


def letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"#{i + 1}"


def describe(q, answer) -> str:
    """A student's (well-formed) answer as plain text; "—" when blank or empty."""
    if answer is None:
        return "—"
    return inline_text(q.answer_text(answer)) or "—"


def key_answer(q) -> str:
    return inline_text(q.key_text())


def choice_feedback(q, answer) -> list[str]:
    """The key's feedback (Markdown) for what was picked."""
    return [text for _, text in q.feedback_for(answer)] if answer is not None else []


def labels(q, answer) -> list[str]:
    """What the item statistics count: the options picked, by letter (or true/false), or a
    typed answer folded as scoring folds it; nothing for orderings and matchings."""
    if answer is None:
        return []
    picked = q.picked(answer)
    if picked:
        return [_label(key) for key in picked]
    if isinstance(answer, str):
        return [normalise_text(answer)[:40] or "(blank)"]
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        return [number_text(answer)]
    return []


def keyed_labels(q) -> set[str]:
    """The labels of the right options, where options are counted (empty otherwise)."""
    return {_label(key) for key in q.picked(q.key_answers()[0])}


def _label(key: str) -> str:
    return letter(int(key)) if key.isdigit() else key
