"""Bytes the quiz adds to a chapter page of the built book, against the same page without it.

    python benchmarks/page_weight.py [_build/html]

Targets (issue 2): at most 12 KB added to the first page that shows a quiz (shared asset
included), and at most 3 KB beyond its own questions on each later page (asset cached).
"Its own questions" are the quiz's texts rendered as the page shows them: title, prompts,
choices, items, pairs, feedback and explanations.

What the quiz adds is everything that goes when it is cut out of the page: the whole
`<section class="quizbook">` element (wrapper and JSON island; the island's content is skipped
when matching tags, since it is data) and the page's <link>/<script> tags for quizbook.css
and quizbook.js. The shared asset is counted as shipped in `_static` (minified).
"""

from __future__ import annotations

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
        for c in getattr(q, "choices", []):
            texts += [render_inline(c.text), render(c.feedback or "")]
        texts += [render_inline(i) for i in getattr(q, "items", [])]
        for p in getattr(q, "pairs", []):
            texts += [render_inline(p.left), render_inline(p.right)]
        texts += [render(getattr(q, f, None) or "") for f in ("feedback_true", "feedback_false")]
    return sum(len(t.encode()) for t in texts)


def main() -> None:
    book = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    static = book / "_static"
    asset = sum((static / f).stat().st_size for f in ("quizbook.js", "quizbook.css"))
    print(f"shared asset (quizbook.js + quizbook.css): {asset:6d} B  = {asset / KB:5.1f} KB")
    print(f"{'page':34} {'page':>8} {'no quiz':>8} {'added':>7} {'questions':>9} {'beyond':>7}")
    worst_later, first_total = 0, None
    for key in sorted((ROOT / "quizzes").glob("*.yml")):
        page = book / "chapters" / f"{key.stem}.html"
        if not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        if not QUIZ_START.search(html):
            sys.exit(f'{page}: no quiz found (the benchmark looks for class="quizbook")')
        bare = ASSET_TAGS.sub("", without_quizzes(html))
        added = len(html.encode()) - len(bare.encode())
        own = question_text_bytes(load_quiz(key))
        beyond = added - own
        print(
            f"{page.relative_to(book)!s:34} {len(html.encode()):8d} {len(bare.encode()):8d}"
            f" {added:7d} {own:9d} {beyond:7d}"
        )
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
    print("for comparison: jupyterquiz inlines about 43 KB of JS+CSS into every page with a quiz")


if __name__ == "__main__":
    main()
