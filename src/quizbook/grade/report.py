"""What grading writes for one student: a row of grades.csv, a Gradescope results.json, and a
feedback page the student can open in any browser.

Right answers and explanations appear only where the quiz's mode shows them (practice);
for an assessed quiz a student sees their answers and points, and where to reread.
"""

from __future__ import annotations

import hashlib
import json
import re
from html import escape

from ..markdown import render, render_inline
from ..plaintext import inline_text, points_number
from . import answers

BASES = {"final": "final answers", "first": "first checked answers"}


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
    return [
        "student",
        "name",
        *[q.id for q in quiz.questions],
        "total",
        "maximum",
        "percent",
        "basis",
        "status",
        "submissions",
        "source",
    ]


def grade_row(quiz, mark, basis: str, submissions: int) -> list[str]:
    pts = mark.points(basis)
    total, maximum = sum(pts), quiz.total_points
    return [
        mark.student,
        mark.name or mark.typed,
        *[points_number(p) for p in pts],
        points_number(total),
        points_number(maximum),
        points_number(100 * total / maximum),
        basis,
        status(mark, basis),
        str(submissions),
        mark.source,
    ]


def gradescope(quiz, mark, basis: str) -> str:
    """Gradescope's autograder results format: score, output, visibility, and one test per
    question (name, score, max_score, status, output, visibility)."""
    practice = quiz.mode == "practice"
    visibility = "visible" if practice else "after_published"
    pts = mark.points(basis)
    given = mark.answers_for(basis)
    tests = []
    for i, (q, p) in enumerate(zip(quiz.questions, pts, strict=True), start=1):
        lines = [f"Your answer: {_shown(mark, q, given)}"]
        if practice:
            lines.append(f"Right answer: {answers.key_answer(q)}")
            if q.explanation:
                lines.append(inline_text(q.explanation))
        tests.append(
            {
                "name": f"{i}. {q.id}",
                "score": _number(p),
                "max_score": _number(q.points),
                "status": "passed" if p >= q.points else "failed",
                "output": "\n".join(lines),
                "visibility": visibility,
            }
        )
    result = {
        "score": _number(sum(pts)),
        "output": _summary_line(quiz, mark, basis),
        "visibility": visibility,
        "tests": tests,
    }
    return json.dumps(result, ensure_ascii=False, indent=1) + "\n"


def _summary_line(quiz, mark, basis: str) -> str:
    return f"{inline_text(quiz.title)}: {_basis_sentence(mark, basis)}"


def _basis_sentence(mark, basis: str) -> str:
    said = status(mark, basis)
    note = "" if said == "graded" else f" Note: {said}."
    return f"{BASES[basis].capitalize()} graded.{note}"


def _number(x: float) -> float | int:
    x = round(x, 4)
    return int(x) if x == int(x) else x


STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "color:#1b1b1b;background:#fff}h1{font-size:1.4em}section{border-top:1px solid #ccc;"
    "padding:.5em 0}.ok{color:#1d6b2f}.no{color:#a12b2b}.part{color:#7a5300}dt{font-weight:600}"
    "@media(prefers-color-scheme:dark){body{color:#eee;background:#161616}.ok{color:#7fd18f}"
    ".no{color:#f2a1a1}.part{color:#e8c46b}}"
)


def feedback_page(quiz, mark, basis: str, links: dict[str, tuple[str, str]]) -> str:
    """A self-contained page: every question, the student's answer, points, and where to
    reread (`links`: section label -> (title, URL or "")); no script, nothing fetched."""
    practice = quiz.mode == "practice"
    pts = mark.points(basis)
    given = mark.answers_for(basis)
    total = sum(pts)
    who = escape(mark.name or mark.typed or mark.student)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(inline_text(quiz.title))}: feedback for {who}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{render_inline(quiz.title)}</h1>",
        f"<p>Feedback for <strong>{who}</strong> ({escape(mark.student)}): "
        f"{points_number(total)} of {points_number(quiz.total_points)} points. "
        f"{escape(_basis_sentence(mark, basis))}</p>",
    ]
    for i, (q, p) in enumerate(zip(quiz.questions, pts, strict=True), start=1):
        shown = _shown(mark, q, given)
        parts.append(_question_block(i, q, p, given.get(q.id), shown, practice, links))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _shown(mark, q, given: dict) -> str:
    if q.id not in given and q.id in mark.unreadable:
        return "(an answer the quiz cannot read)"
    return answers.describe(q, given.get(q.id))


def _question_block(i, q, p, answer, shown: str, practice, links) -> str:
    verdict, css = _verdict(p, q.points)
    rows = [
        f'<section aria-labelledby="q{i}"><h2 id="q{i}">Question {i}</h2>',
        render(q.prompt),
        "<dl>",
        f"<dt>Your answer</dt><dd>{escape(shown)}</dd>",
        f'<dt>Points</dt><dd class="{css}">{points_number(p)} of {points_number(q.points)}:'
        f" {verdict}</dd>",
    ]
    if practice:
        rows.append(f"<dt>Right answer</dt><dd>{escape(answers.key_answer(q))}</dd>")
        said = answers.choice_feedback(q, answer)
        if said:
            rows.append(
                "<dt>About your answer</dt>" + "".join(f"<dd>{render_inline(s)}</dd>" for s in said)
            )
        if q.explanation:
            rows.append(f"<dt>Why</dt><dd>{render(q.explanation)}</dd>")
    if q.section and q.section in links:
        title, url = links[q.section]
        target = f'<a href="{escape(url)}">{escape(title)}</a>' if url else escape(title)
        rows.append(f"<dt>Reread</dt><dd>{target}</dd>")
    rows.append("</dl></section>")
    return "\n".join(rows)


def _verdict(p: float, full: float) -> tuple[str, str]:
    if p >= full:
        return "right", "ok"
    if p > 0:
        return "partly right", "part"
    return "not right", "no"


def file_name(student: str) -> str:
    """A file name for a student: readable, and distinct for distinct students even on a
    file system that ignores case."""
    safe = re.sub(r"[^\w.-]+", "-", student).strip("-._")[:60].lower()
    if safe != student or not safe:
        safe = f"{safe or 'student'}-{hashlib.sha1(student.encode()).hexdigest()[:8]}"
    return safe


def rejected_header() -> list[str]:
    return ["file", "reason"]
