"""Answers in words, for feedback and statistics: what a student answered, what the key says,
and the labels that count how often each option was chosen.

Options are labelled A, B, C… in key order (the order the answer key lists them), which is
how an instructor reads the key; students saw them shuffled.
"""

from __future__ import annotations

from ..model import Matching, MultipleChoice, Numeric, Ordering, ShortText, SingleChoice, TrueFalse
from ..plaintext import inline_text, number_text
from ..score import normalise_text


def letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"#{i + 1}"


def describe(q, answer) -> str:
    """A student's answer as text ("—" when blank). Options are named by their text, not
    by a letter: each student saw them in an order of their own."""
    if answer is None:
        return "—"
    try:
        return _DESCRIBE[type(q)](q, answer)
    except (IndexError, TypeError, KeyError, ValueError):
        return "(an answer the quiz cannot read)"


def key_answer(q) -> str:
    """The right answer as text."""
    if isinstance(q, SingleChoice | MultipleChoice):
        right = [i for i, c in enumerate(q.choices) if c.correct]
        return describe(q, right[0] if isinstance(q, SingleChoice) else right)
    if isinstance(q, TrueFalse):
        return describe(q, q.answer)
    if isinstance(q, Numeric):
        low, high = q.bounds()
        unit = f" {q.unit}" if q.unit else ""
        if q.range is None and not q.tolerance:
            return f"{number_text(q.answer)}{unit}"
        return f"from {number_text(low)} to {number_text(high)}{unit}"
    if isinstance(q, ShortText):
        return " or ".join(q.accepted)
    if isinstance(q, Ordering):
        return describe(q, list(range(len(q.items))))
    return describe(q, list(range(len(q.pairs))))


def choice_feedback(q, answer) -> list[str]:
    """The key's feedback for what was picked (choices, or true/false)."""
    if isinstance(q, SingleChoice) and isinstance(answer, int):
        return [q.choices[answer].feedback] if q.choices[answer].feedback else []
    if isinstance(q, MultipleChoice) and isinstance(answer, list):
        return [q.choices[i].feedback for i in answer if q.choices[i].feedback]
    if isinstance(q, TrueFalse) and isinstance(answer, bool):
        said = q.feedback_true if answer else q.feedback_false
        return [said] if said else []
    return []


def labels(q, answer) -> list[str]:
    """What to count for the item statistics: option letters, "true"/"false", or the typed
    answer folded as scoring folds it."""
    if answer is None:
        return []
    if isinstance(q, SingleChoice):
        return [letter(answer)]
    if isinstance(q, MultipleChoice):
        return [letter(i) for i in answer]
    if isinstance(q, TrueFalse):
        return ["true" if answer else "false"]
    if isinstance(q, ShortText):
        return [normalise_text(answer)[:40] or "(blank)"]
    if isinstance(q, Numeric):
        return [number_text(answer)]
    return []


def keyed_labels(q) -> set[str]:
    """The labels of the right options, where options are counted (empty otherwise)."""
    if isinstance(q, SingleChoice | MultipleChoice):
        return {letter(i) for i, c in enumerate(q.choices) if c.correct}
    if isinstance(q, TrueFalse):
        return {"true" if q.answer else "false"}
    return set()


_DESCRIBE = {
    SingleChoice: lambda q, a: inline_text(q.choices[a].text),
    MultipleChoice: lambda q, a: (
        "; ".join(inline_text(q.choices[i].text) for i in a) or "none ticked"
    ),
    TrueFalse: lambda q, a: "True" if a else "False",
    Numeric: lambda q, a: number_text(a) + (f" {q.unit}" if q.unit else ""),
    ShortText: lambda q, a: str(a),
    Ordering: lambda q, a: " → ".join(inline_text(q.items[i]) for i in a),
    Matching: lambda q, a: "; ".join(
        f"{inline_text(p.left)} → {inline_text(q.pairs[r].right) if r is not None else '—'}"
        for p, r in zip(q.pairs, a, strict=True)
    ),
}
