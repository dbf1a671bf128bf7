"""Bytes the quiz adds to a chapter page of the built book, against the same page without it,
as written and as a reader's browser receives them gzip-compressed (every static host
compresses HTML, JS and CSS; level 9 here, so figures are comparable run to run).

    python benchmarks/page_weight.py [_build/html]

Targets (issue 2): at most 12 KB added to the first page that shows a quiz (shared asset
included), and at most 3 KB beyond its own questions on each later page (asset cached).
Issue 11: the shared asset at most 5 KB gzipped. "Its own questions" are the quiz's texts
rendered as the page shows them: title, prompts, choices, items, pairs, feedback and
explanations.

What the quiz adds is everything that goes when it is cut out of the page: the whole
`<section class="quizbook">` element (wrapper and JSON island; the island's content is skipped
when matching tags, since it is data) and the page's <link>/<script> tags for quizbook.css
and quizbook.js. The shared asset is counted as shipped in `_static` (minified).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from quizbook import load_quiz  # noqa: E402
from quizbook.markdown import render, render_inline  # noqa: E402

KB = 1024
QUIZ_START = re.compile(r'<(section|div) class="quizbook[ "]')
TAG = re.compile(r"<script\b.*?</script\s*>|<(/?)(?:section|div)\b", re.DOTALL | re.IGNORECASE)
ASSET_TAGS = re.compile(r"<(?:script|link)[^>]*quizbook\.(?:js|css)[^>]*>(?:</script>)?\s*")


def without_quizzes(html: str) -> str:
    """The page with every quiz element (class="quizbook") cut out."""
    while m := QUIZ_START.search(html):
        depth = 0
        for tag in TAG.finditer(html, m.start()):
            if tag.group(0)[:7].lower() == "<script":
                continue  # a script's content is not markup
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = html.index(">", tag.end()) + 1
                html = html[: m.start()] + html[end:]
                break
        else:
            raise ValueError("unbalanced quiz element")
    return html


def question_text_bytes(quiz) -> int:
    texts = [render_inline(quiz.title)]
    for q in quiz.questions:
        texts += [render(q.prompt), render(q.explanation or "")]
        texts += [render_inline(t) for t in q.shown_texts()]
        texts += [render(t) for t in q.choice_feedback().values()]
    return sum(len(t.encode()) for t in texts)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def main() -> None:
    book = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    static = book / "_static"
    files = [(static / f).read_bytes() for f in ("quizbook.js", "quizbook.css")]
    asset, asset_gz = sum(map(len, files)), sum(map(gz, files))
    print(f"shared asset (quizbook.js + quizbook.css): {asset:6d} B  = {asset / KB:5.1f} KB")
    print(
        f"shared asset, gzipped:                     {asset_gz:6d} B  = {asset_gz / KB:5.1f} KB"
        " (target <= 5 KB)"
    )
    print(
        f"{'page':34} {'page':>8} {'no quiz':>8} {'added':>7} {'questions':>9} {'beyond':>7}"
        f" {'added gz':>9}"
    )
    worst_later, first_total, first_gz = 0, None, 0
    for key in sorted((ROOT / "quizzes").glob("*.yml")):
        page = book / "chapters" / f"{key.stem}.html"
        if not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        if not QUIZ_START.search(html):
            sys.exit(f'{page}: no quiz found (the benchmark looks for class="quizbook")')
        bare = ASSET_TAGS.sub("", without_quizzes(html))
        added = len(html.encode()) - len(bare.encode())
        added_gz = gz(html.encode()) - gz(bare.encode())
        own = question_text_bytes(load_quiz(key))
        beyond = added - own
        print(
            f"{page.relative_to(book)!s:34} {len(html.encode()):8d} {len(bare.encode()):8d}"
            f" {added:7d} {own:9d} {beyond:7d} {added_gz:9d}"
        )
        first_gz = asset_gz + added_gz if first_total is None else first_gz
        if first_total is None:
            first_total = asset + beyond
        worst_later = max(worst_later, beyond)
    if first_total is None:
        sys.exit("no chapter page with a quiz found: build the book first (make book)")
    print()
    print(
        f"first page with a quiz, asset + markup beyond its questions: {first_total / KB:5.1f} KB"
        " (target <= 12 KB)"
    )
    print(
        f"later pages, markup beyond their questions (worst):          {worst_later / KB:5.1f} KB"
        " (target <= 3 KB)"
    )
    print(f"first page with a quiz, gzipped, asset + all the quiz adds:  {first_gz / KB:5.1f} KB")
    print("for comparison: jupyterquiz inlines about 43 KB of JS+CSS into every page with a quiz")


if __name__ == "__main__":
    main()
