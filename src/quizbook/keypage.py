"""One page per quiz for the instructor: every question with its right answer, explanation
and the section it tests. Self-contained HTML, like the feedback pages: no script, nothing
fetched. `make instructor-book` adds these pages to the instructor's copy of the book;
they are never part of the student book.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .files import write_atomic
from .markdown import render, render_inline
from .plaintext import inline_text, points_phrase, quiz_size

STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:50em;margin:2em auto;padding:0 1em;"
    "color:#1b1b1b;background:#fff}section{border-top:1px solid #ccc;padding:.5em 0}"
    "dt{font-weight:600}@media(prefers-color-scheme:dark){body{color:#eee;background:#161616}}"
)


def key_page(quiz, titles: dict[str, str] | None = None) -> str:
    """The answer key of `quiz` as one page; `titles` names the sections questions test."""
    titles = titles or {}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Answer key: {escape(inline_text(quiz.title))}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Answer key: {render_inline(quiz.title)}</h1>",
        f"<p>Quiz <code>{escape(quiz.id)}</code>, {escape(quiz_size(quiz))}, mode"
        f" {escape(quiz.mode)}. For the instructor: do not publish.</p>",
    ]
    for number, q in enumerate(quiz.questions, start=1):
        parts.append(_question(number, q, titles))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _question(number: int, q, titles: dict[str, str]) -> str:
    rows = [
        f'<section aria-labelledby="q{number}"><h2 id="q{number}">Question {number}'
        f" <small>({escape(q.id)}, {escape(points_phrase(q.points))})</small></h2>",
        render(q.prompt),
        "<dl>",
        f"<dt>Right answer</dt><dd>{render_inline(q.key_text())}</dd>",
    ]
    if q.explanation:
        rows.append(f"<dt>Explanation</dt><dd>{render(q.explanation)}</dd>")
    if q.section:
        title = titles.get(q.section, q.section)
        rows.append(f"<dt>Tests</dt><dd>{escape(inline_text(title))}</dd>")
    rows.append("</dl></section>")
    return "\n".join(rows)


def write_key_pages(quizzes: list, folder: Path, titles: dict[str, str] | None = None) -> list:
    """One page per quiz, `folder/QUIZ.html`, each written whole or not at all."""
    return [write_atomic(folder / f"{quiz.id}.html", key_page(quiz, titles)) for quiz in quizzes]
