"""One response marked against its key: points per question for the final answers and, where
the response recorded them, for the first checked answers.

A malformed answer to one question costs that question, not the file: it scores nothing
and the mark says why. Answers to questions the key does not have are counted, not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..score import AnswerError, points


@dataclass
class Mark:
    quiz: str
    student: str  # who the grades name: the platform's id, else what the file says
    name: str  # the platform's name for the student, or ""
    typed: str  # the student field of the response
    platform: str
    late: bool
    saved: str
    source: str
    key_changed: bool
    attempts_known: bool  # a version-2 response, which records first attempts
    final: list[float]  # points per question, in key order
    first: list[float]  # points per question for the first checked answers
    answers: dict  # final answers by question id, readable ones only
    firsts: dict  # first checked answers by question id, readable ones only
    checks: dict  # checks per question id
    notes: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # question ids with a malformed answer

    def points(self, basis: str) -> list[float]:
        return self.first if basis == "first" else self.final

    def answers_for(self, basis: str) -> dict:
        return self.firsts if basis == "first" and self.attempts_known else self.answers


def mark(quiz, response: dict, owner, source: str, quiz_hash: str | None = None) -> Mark:
    """Mark `response` (already checked by `response.check_response`) against `quiz`, whose
    content hash is `quiz_hash` (computed once by a caller that marks many responses)."""
    listed = response.get("order") == "listed"
    answers = _in_key_terms(quiz, response["answers"], listed)
    attempts_known = response.get("format") == "quizbook-response/2"
    firsts = {}
    if attempts_known:
        # a question never checked showed no feedback: its final answer is its first
        checks, given = (
            response.get("checks", {}),
            _in_key_terms(quiz, response.get("first", {}), listed),
        )
        firsts = {
            q.id: given.get(q.id) if checks.get(q.id) else answers.get(q.id) for q in quiz.questions
        }
        firsts = {qid: a for qid, a in firsts.items() if a is not None}
    notes: list[str] = []
    bad: set[str] = set()
    final = [_points(q, answers.get(q.id), notes, "", bad) for q in quiz.questions]
    first = (
        [
            same
            if firsts.get(q.id) is answers.get(q.id)
            else _points(q, firsts.get(q.id), notes, "first ", bad)
            for q, same in zip(quiz.questions, final, strict=True)
        ]
        if attempts_known
        else list(final)
    )
    keyed = {q.id for q in quiz.questions}
    unknown = sorted(set(answers) - {q.id for q in quiz.questions})
    if unknown:
        notes.append(f"{len(unknown)} answer(s) to questions the key does not have ignored")
    typed = response.get("student", "")
    return Mark(
        quiz=quiz.id,
        student=owner.student or typed.strip() or _stem(source),
        name=owner.name,
        typed=typed,
        platform=owner.platform,
        late=owner.late,
        saved=response["saved"],
        source=source,
        key_changed=response["quiz_hash"] != (quiz_hash or quiz.content_hash()),
        attempts_known=attempts_known,
        final=final,
        first=first,
        answers={k: a for k, a in answers.items() if k in keyed and (k, "") not in bad},
        firsts={k: a for k, a in firsts.items() if k in keyed and (k, "first ") not in bad},
        checks=dict(response.get("checks", {})),
        notes=notes,
        unreadable=sorted({qid for qid, _ in bad}),
    )


def _in_key_terms(quiz, answers: dict, listed: bool) -> dict:
    """Answers as the key counts items. A page that lists items in an order of its own
    (`order: listed`) sends them counted its way; a malformed one is left for scoring to
    report."""
    if not listed:
        return answers
    out = dict(answers)
    for q in quiz.questions:
        if out.get(q.id) is not None:
            try:
                q.check_answer(out[q.id])
            except AnswerError:
                continue
            out[q.id] = q.from_listed(out[q.id])
    return out


def _points(question, answer, notes: list[str], which: str, bad: set) -> float:
    try:
        return points(question, answer)
    except AnswerError as err:
        notes.append(f"{question.id}: {which}answer unreadable ({err})")
        bad.add((question.id, which))
        return 0.0


def _stem(source: str) -> str:
    name = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    return name.rsplit(".", 1)[0]
