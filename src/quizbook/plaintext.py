"""Plain text for the faces of a quiz: text from rendered Markdown, native labels, the
numbers of points as both faces show them, and safe file names. The static quiz's script
mirrors `points_number`."""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

from .markdown import render_inline
from .wording import counted, say

_TAG = re.compile(r"<[^>]*>")


class _TextOf(HTMLParser):
    BLOCKS = {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = [""]

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data):
        self.lines[-1] += data


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment: one line per block, spacing collapsed."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in parser.lines)
    return "\n".join(line for line in lines if line)


def inline_text(markdown: str) -> str:
    """Inline Markdown as plain text, for places that take text only (native labels)."""
    return " ".join(unescape(_TAG.sub("", render_inline(markdown))).split())


def distinct_labels(labels: list[str]) -> list[str]:
    """Native option labels must differ: `*a*` and `a` both read "a"."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


@lru_cache(maxsize=4096)
def points_number(x: float) -> str:
    """Points as both faces of a quiz show them: at most two decimals, no trailing zeros.
    (A class's grades hold the same few values over and over: each is written once.)"""
    return f"{round(x, 2):.2f}".rstrip("0").rstrip(".")


def points_phrase(x: float) -> str:
    """ "1 point", "2.5 points"."""
    return counted("points", x, shown=points_number(x))


def questions_phrase(n: int) -> str:
    """ "1 question", "12 questions"."""
    return counted("questions", n)


def quiz_size(quiz) -> str:
    """ "12 questions, 12 points"."""
    return say(
        "size",
        questions=questions_phrase(len(quiz.questions)),
        points=points_phrase(quiz.total_points),
    )


def file_part(student: str) -> str:
    return re.sub(r"[^\w.-]+", "-", student).strip("-._")[:64]
