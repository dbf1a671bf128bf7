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

import json
from pathlib import Path

from .book import find_book_root, section_titles
from .load import load_quiz
from .model import canonical_hash
from .plaintext import questions_phrase
from .wording import counted

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
    size = f"{questions_phrase(len(quiz.questions))}, {counted('points', total, shown=_g(total))}"
    lines = [f"Self-check of quiz '{quiz.id}' (key {quiz.content_hash()}): {size}."]
    failures: list[str] = []
    key_ok = wrong_ok = True
    for q in quiz.questions:
        full = round(q.points, 4)
        wrong = [(answer, _earned(widget, q, answer)) for answer in q.wrong_answers()]
        # the key last, so the widget ends showing the key's score for every question
        key = [(answer, _earned(widget, q, answer)) for answer in q.key_answers()]
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


def question_hash(q) -> str:
    """A short fingerprint of one question as the key states it (waivers of item-writing
    checks are notes on the key, not part of the question)."""
    return canonical_hash(q.model_dump(mode="json", exclude={"waive"}))[:8]


def _earned(widget, q, answer) -> float:
    """Answer through the controls, click Check and read the points shown. A check the quiz
    refuses (a blank answer) scores nothing."""
    before = widget.checks_used(q.id)
    widget.set_answer(q.id, answer)
    widget.check(q.id)
    if widget.checks_used(q.id) == before:
        return 0.0
    return widget.earned(q.id)


def _g(x: float) -> str:
    return f"{round(x, 4):g}"


def _show(answer) -> str:
    return json.dumps(answer, ensure_ascii=False)
