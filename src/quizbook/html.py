"""The static face of a quiz: a short HTML wrapper and one JSON island that `static/quizbook.js`
turns into the interactive quiz.

The built book shows this (no kernel, no network); the live widget carries the same string as
its `text/html`, so the output is deterministic: ids come from `layout.element_id`, display
orders from `layout`, and nothing depends on the clock or on chance.

    <section class="quizbook" id="qb-QUIZ" data-qb-mode="practice|assessed" aria-labelledby=…>
    <h2 class="qb-title" id="qb-QUIZ-title">TITLE</h2>
    <p class="qb-intro">N questions, P points. …</p>
    <noscript>This quiz needs JavaScript.</noscript>
    <script type="application/json" class="qb-data">ISLAND</script>
    </section>

Every piece of key text goes through `markdown.render`/`render_inline` exactly once, here,
with raw HTML disabled: the island's HTML strings are renderer output only, and the script
inserts them as markup and everything else as text. The island (`data_island`), with short
keys and defaults left out:

    i  quiz id             h  content hash        a  checks allowed (absent: unlimited)
    s  1 if shuffled       q  the questions       refs  reread targets (practice only)

each question:

    i  id                  t  type (absent: single)   p  points (absent: 1)
    q  prompt HTML         c  choice HTML (single, multiple)
    u  unit text (numeric) o  item HTML in key order (ordering)
    l, r  left and right HTML in key order (matching)
    s  display order: items first shown (ordering), options offered (matching)

and in practice mode only:

    k  scoring key: the correct choice (single) or choices (multiple), the answer
       (truefalse), the answer or [min, max] (numeric), the accepted answers (text);
       ordering and matching need none (the key order is the answer)
    f  feedback HTML by choice value ("0", "1", … or "true", "false")
    e  explanation HTML    x  index into refs of the section to reread

`refs` holds one entry per section label, `{"ref": LABEL, "t": TITLE TEXT, "href": URL}`;
`t` is left out when the title is unknown and `href` while it is `#LABEL` (the Sphinx
extension rewrites it to the section's real URL). Assessed quizzes carry no key, no
feedback, no explanations and no refs; but `o`, `l` and `r` stay in key order, which is the
answer to an ordering or matching question, so an assessed page still gives those away.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape

from .layout import element_id, matching_options, ordering_start
from .markdown import render, render_inline
from .plaintext import quiz_size

_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script)", re.IGNORECASE)
ISLAND = re.compile(r'(<script type="application/json" class="qb-data">)(.*?)(</script>)', re.S)


def render_html(quiz, titles: dict[str, str] | None = None) -> str:
    """One quiz as HTML; `titles` maps section labels to titles for the "Reread" links."""
    howmany = quiz_size(quiz) + "."
    if quiz.mode == "practice":
        intro = "Check each answer as you go; your answers stay in this browser."
    else:
        intro = (
            "This quiz is graded: it shows no feedback."
            " When you are done, download your answers and hand in the file."
        )
    title = _e(element_id(quiz.id, "title"))
    return (
        f'<section class="quizbook" id="{_e(element_id(quiz.id))}" data-qb-mode="{quiz.mode}"'
        f' aria-labelledby="{title}">\n'
        f'<h2 class="qb-title" id="{title}">{render_inline(quiz.title)}</h2>\n'
        f'<p class="qb-intro">{howmany} {intro}</p>\n'
        "<noscript>This quiz needs JavaScript.</noscript>\n"
        '<script type="application/json" class="qb-data">'
        f"{island_json(data_island(quiz, titles))}</script>\n"
        "</section>\n"
    )


def data_island(quiz, titles: dict[str, str] | None = None) -> dict:
    """Everything the script needs to build and run the quiz (keys: see the module doc)."""
    titles = titles or {}
    practice = quiz.mode == "practice"
    refs: list[dict] = []
    where: dict[str, int] = {}
    questions = []
    for q in quiz.questions:
        item = {"i": q.id}
        if q.type != "single":
            item["t"] = q.type
        if q.points != 1:
            item["p"] = _num(q.points)
        item["q"] = render(q.prompt)
        if q.type in ("single", "multiple"):
            item["c"] = [render_inline(c.text) for c in q.choices]
        elif q.type == "numeric" and q.unit:
            item["u"] = q.unit
        elif q.type == "ordering":
            item["o"] = [render_inline(i) for i in q.items]
            item["s"] = ordering_start(quiz, q)
        elif q.type == "matching":
            item["l"] = [render_inline(p.left) for p in q.pairs]
            item["r"] = [render_inline(p.right) for p in q.pairs]
            item["s"] = matching_options(quiz, q)
        if practice:
            if (key := _key(q)) is not None:
                item["k"] = key
            said = _feedback(q)
            if said:
                item["f"] = said
            if q.explanation:
                item["e"] = render(q.explanation)
            if q.section:
                if q.section not in where:
                    where[q.section] = len(refs)
                    ref = {"ref": q.section}
                    if title := titles.get(q.section):
                        ref["t"] = unescape(_TAG.sub("", render_inline(title)))
                    refs.append(ref)
                item["x"] = where[q.section]
        questions.append(item)
    data = {"i": quiz.id, "h": quiz.content_hash()}
    if quiz.attempts:
        data["a"] = quiz.attempts
    if quiz.shuffle:
        data["s"] = 1
    data["q"] = questions
    if refs:
        data["refs"] = refs
    return data


def island_json(data: dict) -> str:
    """The island as script text: compact JSON in which nothing can end the <script> element
    or open a comment (`</`, `<!--`, `<script`), nor end a line for old JavaScript parsers."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
    text = _SCRIPT.sub(r"\\u003c\1", text)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def read_island(html: str) -> dict | None:
    """The island of the (first) quiz in `html`, or None."""
    m = ISLAND.search(html)
    return json.loads(m.group(2)) if m else None


def _key(q):
    if q.type == "single":
        return next(i for i, c in enumerate(q.choices) if c.correct)
    if q.type == "multiple":
        return [i for i, c in enumerate(q.choices) if c.correct]
    if q.type == "truefalse":
        return q.answer
    if q.type == "numeric":
        lo, hi = q.bounds()
        return _num(lo) if lo == hi else [_num(lo), _num(hi)]
    if q.type == "text":
        return list(q.accepted)
    return None


def _feedback(q) -> dict[str, str]:
    if q.type in ("single", "multiple"):
        said = [(str(i), c.feedback) for i, c in enumerate(q.choices)]
    elif q.type == "truefalse":
        said = [("true", q.feedback_true), ("false", q.feedback_false)]
    else:
        said = []
    return {value: render(text) for value, text in said if text}


def _num(x: float) -> float | int:
    """1961.0 as 1961: the same number to JSON.parse, in fewer bytes."""
    return int(x) if float(x).is_integer() else x


def _e(text: str) -> str:
    return escape(str(text), quote=True)
