"""The answer-key self-check: drive the live widget with the key and with every wrong option.

A chapter's self-check cell (tagged `remove-cell` and `nbval-check-output`) calls
`self_check("../quizzes/NN-slug.yml")`; nbval compares the printed summary with the committed
one. The summary is deterministic (no timestamps, object ids or float noise) and names the
key's content hash, and each question's, so any change to a key shows in the notebook test
until someone reviews it and refreshes the expected output (`make refresh-selfcheck`).

For every question the widget is driven through its controls, as a student would:
set the answer, click Check, read the points displayed. The key must earn full points and
every wrong answer less; if not, the summary says so and `AssertionError` names the question.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .book import find_book_root, section_titles
from .load import load_quiz

_EPS = 1e-9


def self_check(path: str | Path) -> None:
    """Print the self-check summary of one answer key; raise AssertionError if it fails."""
    from .widget import QuizWidget

    path = Path(path)
    root = find_book_root(path.parent)
    titles = section_titles(root) if root else {}
    quiz = load_quiz(path, set(titles) if root else None)
    widget = QuizWidget(quiz, titles, mode="practice", attempts=0, detached=True)
    try:
        lines, failures = check_widget(widget)
    finally:
        widget.close()
    print("\n".join(lines))
    if failures:
        raise AssertionError(
            f"self-check of quiz '{quiz.id}' failed:\n" + "\n".join(f"  {f}" for f in failures)
        )


def check_widget(widget) -> tuple[list[str], list[str]]:
    """Drive a practice-mode QuizWidget with unlimited checks: (summary lines, failures)."""
    quiz = widget.quiz
    width = max(len(q.id) for q in quiz.questions)
    total = quiz.total_points
    n = len(quiz.questions)
    lines = [
        f"Self-check of quiz '{quiz.id}' (key {quiz.content_hash()}): "
        f"{n} question{'' if n == 1 else 's'}, {_g(total)} point{'' if total == 1 else 's'}."
    ]
    failures: list[str] = []
    key_ok = wrong_ok = True
    for q in quiz.questions:
        full = round(q.points, 4)
        wrong = [(answer, _earned(widget, q, answer)) for answer in wrong_answers(q)]
        # the key last, so the widget ends showing the key's score for every question
        key = [(answer, _earned(widget, q, answer)) for answer in key_answers(q)]
        key_low = min(points for _, points in key)
        best = max((points for _, points in wrong), default=0.0)
        lines.append(
            f"{q.id:<{width}}  {q.type:<9}  key {_g(key_low)}/{_g(full)}"
            f"  wrong answers {len(wrong)} tried, best {_g(best)}/{_g(full)}"
            f"  [{question_hash(q)}]"
        )
        for answer, points in key:
            if points < full - _EPS:
                key_ok = False
                failures.append(
                    f"{q.id}: the key's answer {_show(answer)} earns {_g(points)}/{_g(full)},"
                    " not full marks"
                )
        for answer, points in wrong:
            if points >= full - _EPS:
                wrong_ok = False
                failures.append(
                    f"{q.id}: the wrong answer {_show(answer)} earns full marks"
                    f" ({_g(points)}/{_g(full)})"
                )
    shown = widget.score()
    lines.append(
        f"Key earns {_g(shown)}/{_g(total)}. "
        f"Every wrong answer earns less: {'yes' if wrong_ok else 'no'}."
    )
    if key_ok and shown < round(total, 4) - _EPS:
        failures.append(f"quiz: the running score shows {_g(shown)} of {_g(total)} points")
    return lines, failures


def key_answers(q) -> list:
    """The answers the key counts right (every accepted text, both ends of a range)."""
    kind = q.type
    if kind == "single":
        return [next(i for i, c in enumerate(q.choices) if c.correct)]
    if kind == "multiple":
        return [[i for i, c in enumerate(q.choices) if c.correct]]
    if kind == "truefalse":
        return [q.answer]
    if kind == "numeric":
        return [q.answer] if q.range is None else _unique(list(q.range))
    if kind == "text":
        return list(q.accepted)
    if kind in ("ordering", "matching"):
        return [list(range(len(q.items if kind == "ordering" else q.pairs)))]
    raise ValueError(f"unknown question type {kind!r}")


def wrong_answers(q) -> list:
    """Every wrong option the self-check tries, in a fixed order, without repeats."""
    kind = q.type
    if kind == "single":
        return [i for i, c in enumerate(q.choices) if not c.correct]
    if kind == "multiple":
        right = [i for i, c in enumerate(q.choices) if c.correct]
        wrong = [i for i, c in enumerate(q.choices) if not c.correct]
        tries = [sorted([*right, w]) for w in wrong]
        tries += [[r for r in right if r != gone] for gone in right]
        tries.append(wrong)
        return _unique([t or None for t in tries])
    if kind == "truefalse":
        return [not q.answer]
    if kind == "numeric":
        return list(just_outside(*q.bounds()))
    if kind == "text":
        return ["", _not_accepted(q)]
    if kind == "ordering":
        key = list(range(len(q.items)))
        tries = [key[::-1]]
        for i in range(len(key) - 1):
            swapped = list(key)
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
            tries.append(swapped)
        return _unique(tries)
    if kind == "matching":
        n = len(q.pairs)
        return _unique([[(i + k) % n for i in range(n)] for k in range(1, n)])
    raise ValueError(f"unknown question type {kind!r}")


def just_outside(low: float, high: float) -> tuple[float, float]:
    """A number just below `low` and one just above `high`, a step of the bounds' own
    precision away (1960 and 1962 for 1961; 3.3 and 3.7 for 3.4 to 3.6), and never so close
    that scoring's float allowance would let it in."""
    scale = max(1.0, abs(low), abs(high))
    step = 1e-6
    for digits in range(7):
        if all(abs(round(v, digits) - v) <= _EPS * scale for v in (low, high)):
            step = 10.0**-digits
            break
    step = max(step, 1e-6 * scale)
    return _tidy(low - step), _tidy(high + step)


def question_hash(q) -> str:
    """A short fingerprint of one question as the key states it (waivers of item-writing
    checks are notes on the key, not part of the question)."""
    canon = json.dumps(
        q.model_dump(mode="json", exclude={"waive"}), sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(canon.encode()).hexdigest()[:8]


def _earned(widget, q, answer) -> float:
    """Answer through the controls, click Check and read the points shown. A check the quiz
    refuses (a blank answer) scores nothing."""
    before = widget.checks_used(q.id)
    widget.set_answer(q.id, answer)
    widget.check(q.id)
    if widget.checks_used(q.id) == before:
        return 0.0
    return widget.earned(q.id)


def _not_accepted(q) -> str:
    from .score import normalise_text

    taken = {normalise_text(a) for a in q.accepted}
    candidate = f"not {q.accepted[0]}"
    while normalise_text(candidate) in taken:
        candidate += " really"
    return candidate


def _tidy(x: float) -> float | int:
    """Drop float noise (3.3000000000000003 -> 3.3): the step is far larger than that."""
    rounded = round(x, 9)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 1e15 else rounded


def _unique(tries: list) -> list:
    seen, out = set(), []
    for t in tries:
        mark = json.dumps(t)
        if mark not in seen:
            seen.add(mark)
            out.append(t)
    return out


def _g(x: float) -> str:
    return f"{round(x, 4):g}"


def _show(answer) -> str:
    return json.dumps(answer, ensure_ascii=False)
