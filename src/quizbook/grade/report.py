"""What grading writes for one student: a row of grades.csv, a Gradescope results.json, and a
feedback page the student can open in any browser.

Right answers and explanations appear only where the quiz's mode shows them (practice);
for an assessed quiz a student sees their answers and points, and where to reread.

A `Sheet` renders everything about a quiz that is the same for every student once (prompts,
right answers, explanations, links), so that a class of thousands costs little more than
the answers that differ.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from html import escape

from ..markdown import render, render_inline
from ..plaintext import inline_text, points_number
from . import answers

BASES = {"final": "final answers", "first": "first checked answers"}
UNREADABLE = "(an answer the quiz cannot read)"

STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "color:#1b1b1b;background:#fff}h1{font-size:1.4em}section{border-top:1px solid #ccc;"
    "padding:.5em 0}.ok{color:#1d6b2f}.no{color:#a12b2b}.part{color:#7a5300}dt{font-weight:600}"
    "@media(prefers-color-scheme:dark){body{color:#eee;background:#161616}.ok{color:#7fd18f}"
    ".no{color:#f2a1a1}.part{color:#e8c46b}}"
)


def status(mark, basis: str) -> str:
    """What an instructor should know about how this submission was graded."""
    parts = []
    if mark.key_changed:
        parts.append("answered a different version of the key")
    if basis == "first" and not mark.attempts_known:
        parts.append("first attempts not recorded: final answers graded")
    if mark.late:
        parts.append("late")
    parts += mark.notes
    return "; ".join(parts) or "graded"


def header(quiz) -> list[str]:
    fixed = ["total", "maximum", "percent", "basis", "status", "submissions", "source"]
    return ["student", "name", *[q.id for q in quiz.questions], *fixed]


def rejected_header() -> list[str]:
    return ["file", "reason"]


def file_name(student: str) -> str:
    """A file name for a student: readable, and distinct for distinct students even on a
    file system that ignores case."""
    safe = re.sub(r"[^\w.-]+", "-", student).strip("-._")[:60].lower()
    if safe != student or not safe:
        safe = f"{safe or 'student'}-{hashlib.sha1(student.encode()).hexdigest()[:8]}"
    return safe


@dataclass(frozen=True)
class _Question:
    """What a question shows every student alike."""

    q: object
    number: int
    points: str
    prompt_html: str
    key_text: str
    explanation_text: str
    explanation_html: str
    reread_html: str


class Sheet:
    """One quiz's outputs for any student, with the shared parts rendered once."""

    def __init__(self, quiz, basis: str, links: dict[str, tuple[str, str]]):
        self.quiz, self.basis = quiz, basis
        self.practice = quiz.mode == "practice"
        self.title_text = inline_text(quiz.title)
        self.title_html = render_inline(quiz.title)
        self.maximum = points_number(quiz.total_points)
        self.questions = [self._question(i, q, links) for i, q in enumerate(quiz.questions, 1)]
        self.visibility = "visible" if self.practice else "after_published"
        self._cache: dict = {}

    def _question(self, i: int, q, links) -> _Question:
        reread = ""
        if q.section and q.section in links:
            title, url = links[q.section]
            target = f'<a href="{escape(url)}">{escape(title)}</a>' if url else escape(title)
            reread = f"<dt>Reread</dt><dd>{target}</dd>"
        return _Question(
            q=q,
            number=i,
            points=points_number(q.points),
            prompt_html=render(q.prompt),
            key_text=answers.key_answer(q),
            explanation_text=inline_text(q.explanation) if q.explanation else "",
            explanation_html=render(q.explanation) if q.explanation else "",
            reread_html=reread,
        )

    def shown(self, mark, q) -> str:
        """The student's answer to `q` as text."""
        given = mark.answers_for(self.basis)
        if q.id not in given:
            return UNREADABLE if q.id in mark.unreadable else "—"
        return self._once(
            ("shown", q.id, _answer_key(given[q.id])), answers.describe, q, given[q.id]
        )

    def _once(self, key, make, *args) -> str:
        """Pieces that depend only on one answer, made once per distinct answer. Free-text
        answers can all differ, so the store is emptied when it grows large."""
        if key not in self._cache:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = make(*args)
        return self._cache[key]

    def row(self, mark, submissions: int) -> list[str]:
        pts = mark.points(self.basis)
        total = sum(pts)
        return [
            mark.student,
            mark.name or mark.typed,
            *[points_number(p) for p in pts],
            points_number(total),
            self.maximum,
            points_number(100 * total / self.quiz.total_points),
            self.basis,
            status(mark, self.basis),
            str(submissions),
            mark.source,
        ]

    def basis_sentence(self, mark) -> str:
        said = status(mark, self.basis)
        note = "" if said == "graded" else f" Note: {said}."
        return f"{BASES[self.basis].capitalize()} graded.{note}"

    def labels(self, mark, keys: list[str]) -> list[list[str]]:
        """What the item statistics count for each answer (answers.labels), once per answer."""
        given = mark.answers_for(self.basis)
        return [
            self._once(
                ("labels", shared.q.id, key), answers.labels, shared.q, given.get(shared.q.id)
            )
            for shared, key in zip(self.questions, keys, strict=True)
        ]

    def keys(self, mark) -> list[str]:
        """Each answer's cache key, worked out once per student for both outputs."""
        return [self._answer_of(mark, shared.q) for shared in self.questions]

    def gradescope(self, mark, keys: list[str] | None = None) -> str:
        """Gradescope's autograder results format: score, output, visibility, and one test per
        question (name, score, max_score, status, output, visibility)."""
        pts = mark.points(self.basis)
        keys = keys or self.keys(mark)
        tests = [
            self._once(("test", shared.q.id, key, p), self._test, shared, mark, p)
            for shared, p, key in zip(self.questions, pts, keys, strict=True)
        ]
        head = {
            "score": _number(sum(pts)),
            "output": f"{self.title_text}: {self.basis_sentence(mark)}",
            "visibility": self.visibility,
        }
        return (
            json.dumps(head, ensure_ascii=False)[:-1] + ', "tests": [' + ", ".join(tests) + "]}\n"
        )

    def _answer_of(self, mark, q) -> str:
        given = mark.answers_for(self.basis)
        if q.id in given:
            return _answer_key(given[q.id])
        return "unreadable" if q.id in mark.unreadable else "blank"

    def _test(self, shared: _Question, mark, p: float) -> str:
        lines = [f"Your answer: {self.shown(mark, shared.q)}"]
        if self.practice:
            lines.append(f"Right answer: {shared.key_text}")
            if shared.explanation_text:
                lines.append(shared.explanation_text)
        test = {
            "name": f"{shared.number}. {shared.q.id}",
            "score": _number(p),
            "max_score": _number(shared.q.points),
            "status": "passed" if p >= shared.q.points else "failed",
            "output": "\n".join(lines),
            "visibility": self.visibility,
        }
        return json.dumps(test, ensure_ascii=False)

    def feedback(self, mark, keys: list[str] | None = None) -> str:
        """A self-contained page: every question, the student's answer, points, and where to
        reread; no script, nothing fetched."""
        pts = mark.points(self.basis)
        who = escape(mark.name or mark.typed or mark.student)
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(self.title_text)}: feedback for {who}</title>",
            f"<style>{STYLE}</style></head><body>",
            f"<h1>{self.title_html}</h1>",
            f"<p>Feedback for <strong>{who}</strong> ({escape(mark.student)}): "
            f"{points_number(sum(pts))} of {self.maximum} points. "
            f"{escape(self.basis_sentence(mark))}</p>",
        ]
        keys = keys or self.keys(mark)
        for shared, p, key in zip(self.questions, pts, keys, strict=True):
            parts.append(self._once(("block", shared.q.id, key, p), self._block, shared, p, mark))
        parts.append("</body></html>\n")
        return "\n".join(parts)

    def _block(self, shared: _Question, p: float, mark) -> str:
        q = shared.q
        verdict, css = _verdict(p, q.points)
        rows = [
            f'<section aria-labelledby="q{shared.number}"><h2 id="q{shared.number}">'
            f"Question {shared.number}</h2>",
            shared.prompt_html,
            "<dl>",
            f"<dt>Your answer</dt><dd>{escape(self.shown(mark, q))}</dd>",
            f'<dt>Points</dt><dd class="{css}">'
            f"{points_number(p)} of {shared.points}: {verdict}</dd>",
        ]
        if self.practice:
            rows.append(f"<dt>Right answer</dt><dd>{escape(shared.key_text)}</dd>")
            said = answers.choice_feedback(q, mark.answers_for(self.basis).get(q.id))
            if said:
                rows.append("<dt>About your answer</dt>")
                rows += [f"<dd>{render_inline(s)}</dd>" for s in said]
            if shared.explanation_html:
                rows.append(f"<dt>Why</dt><dd>{shared.explanation_html}</dd>")
        if shared.reread_html:
            rows.append(shared.reread_html)
        rows.append("</dl></section>")
        return "\n".join(rows)


CACHE_LIMIT = 10_000


def _answer_key(answer) -> str:
    """A cheap, exact key for a JSON answer (True and 1 differ: types are in the text)."""
    return f"{type(answer).__name__}:{answer!r}"


def _verdict(p: float, full: float) -> tuple[str, str]:
    if p >= full:
        return "right", "ok"
    if p > 0:
        return "partly right", "part"
    return "not right", "no"


def _number(x: float) -> float | int:
    x = round(x, 4)
    return int(x) if x == int(x) else x
