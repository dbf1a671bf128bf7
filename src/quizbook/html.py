"""The static face of a quiz: self-contained HTML that `static/quizbook.js` makes interactive.

The built book shows this (no kernel, no network); the live widget carries the same string as
its `text/html`, so the output is deterministic: ids come from `layout.element_id`, display
orders from `layout`, and nothing depends on the clock or on chance.

Every piece of key text goes through `markdown.render`/`render_inline` exactly once, here;
everything else is escaped. The script finds the quiz's id, hash, mode and (in practice mode
only) its scoring key in one `<script type="application/json" class="qb-data">` island.
Assessed quizzes carry no key, no feedback and no explanations.
"""

from __future__ import annotations

import json
import re
from html import escape

from .layout import element_id, matching_options, ordering_start
from .markdown import render, render_inline

_TAG = re.compile(r"<[^>]*>")
_SCORING = {
    "truefalse": ("answer",),
    "numeric": ("answer", "tolerance", "range"),
    "text": ("accepted",),
}


def render_html(quiz, titles: dict[str, str] | None = None) -> str:
    """One quiz as HTML; `titles` maps section labels to titles for the "Reread" links."""
    titles = titles or {}
    practice = quiz.mode == "practice"
    qid = quiz.id
    n = len(quiz.questions)
    total = quiz.total_points
    title = _e(element_id(qid, "title"))
    out = [
        f'<section class="quizbook" id="{_e(element_id(qid))}" data-qb-mode="{quiz.mode}"'
        f' aria-labelledby="{title}">',
        f'<h2 class="qb-title" id="{title}">{render_inline(quiz.title)}</h2>',
    ]
    howmany = f"{n} question{'' if n == 1 else 's'}, {_points(total)}."
    if practice:
        out.append(
            f'<p class="qb-intro">{howmany} Check each answer as you go;'
            " your answers stay in this browser.</p>"
        )
        out.append(
            f'<p class="qb-score" id="{_e(element_id(qid, "score"))}" aria-live="polite">'
            f"Score: 0 of {_points(total)}</p>"
        )
    else:
        out.append(
            f'<p class="qb-intro">{howmany} This quiz is graded: it shows no feedback.'
            " When you are done, download your answers and hand in the file.</p>"
        )
    for number, q in enumerate(quiz.questions, 1):
        out.append(_question(quiz, q, number, n, practice, titles))
    sid = _e(element_id(qid, "student"))
    out.append(
        '<div class="qb-tools">'
        f'<p><label for="{sid}">Your name or student ID</label>'
        f' <input type="text" class="qb-student" id="{sid}" maxlength="200" autocomplete="off"></p>'
        '<p><button type="button" class="qb-download">Download my answers</button>'
        ' <button type="button" class="qb-reset">Start again</button></p>'
        '<p class="qb-status" role="status"></p></div>'
    )
    out.append(f'<script type="application/json" class="qb-data">{_island(quiz)}</script>')
    out.append("</section>")
    return "\n".join(out) + "\n"


def data_island(quiz) -> dict:
    """What the script needs: the quiz's id, hash, mode and, in practice mode only, each
    question's scoring key in key shape (`questions[i]` goes with the i-th `.qb-q`; its id and
    type are the fieldset's `data-qb-q` and `data-qb-type`). Defaults are left out: points 1,
    correct false, tolerance 0."""
    questions = []
    for q in quiz.questions:
        item = {} if q.points == 1 else {"points": q.points}
        if quiz.mode == "practice":
            if q.type in ("single", "multiple"):
                item["choices"] = [{"correct": True} if c.correct else {} for c in q.choices]
            for field in _SCORING.get(q.type, ()):
                value = getattr(q, field)
                if value:
                    item[field] = list(value) if isinstance(value, tuple) else value
                elif value is not None and field != "tolerance":
                    item[field] = value  # answer: false or 0
        questions.append(item)
    return {
        "quiz": quiz.id,
        "hash": quiz.content_hash(),
        "mode": quiz.mode,
        "shuffle": quiz.shuffle,
        "attempts": quiz.attempts,
        "total": quiz.total_points,
        "questions": questions,
    }


def _island(quiz) -> str:
    text = json.dumps(data_island(quiz), ensure_ascii=True, separators=(",", ":"))
    # nothing in key text can close the <script> element or open a comment
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _question(quiz, q, number: int, n: int, practice: bool, titles: dict[str, str]) -> str:
    def eid(part: str) -> str:
        return _e(element_id(quiz.id, q.id, part))

    out = [
        f'<fieldset class="qb-q" data-qb-q="{_e(q.id)}" data-qb-type="{q.type}"'
        f' aria-describedby="{eid("prompt")}">',
        f"<legend>Question {number} of {n} ({_points(q.points)})</legend>",
        f'<div class="qb-prompt" id="{eid("prompt")}">{render(q.prompt)}</div>',
        _controls(quiz, q, eid),
    ]
    if practice:
        left = ""
        if quiz.attempts:
            left = f"{quiz.attempts} check{'' if quiz.attempts == 1 else 's'} allowed."
        out.append(
            f'<p class="qb-actions"><button type="button" class="qb-check" id="{eid("check")}">'
            f'Check</button> <span class="qb-left" id="{eid("left")}">{left}</span></p>'
        )
        out.append(_feedback(q, eid, titles))
    out.append("</fieldset>")
    return "\n".join(out)


def _controls(quiz, q, eid) -> str:
    kind = q.type
    name = _e(element_id(quiz.id, q.id))
    if kind in ("single", "multiple"):
        box = "radio" if kind == "single" else "checkbox"
        rows = [
            f'<label class="qb-choice"><input type="{box}" name="{name}" id="{eid(f"c{i}")}"'
            f' value="{i}"> <span>{render_inline(c.text)}</span></label>'
            for i, c in enumerate(q.choices)
        ]
        return '<div class="qb-choices">\n' + "\n".join(rows) + "\n</div>"
    if kind == "truefalse":
        rows = [
            f'<label class="qb-choice"><input type="radio" name="{name}" id="{eid(value)}"'
            f' value="{value}"> <span>{value.title()}</span></label>'
            for value in ("true", "false")
        ]
        return '<div class="qb-choices">\n' + "\n".join(rows) + "\n</div>"
    if kind in ("numeric", "text"):
        label = "Your answer"
        extra = ' maxlength="1000" spellcheck="false"'
        if kind == "numeric":
            label += f" ({_e(q.unit)})" if q.unit else ""
            extra = ' inputmode="decimal"'
        box = eid("ans")
        return (
            f'<p class="qb-field"><label for="{box}">{label}</label>'
            f' <input type="text" class="qb-answer" id="{box}"{extra} autocomplete="off"></p>'
        )
    if kind == "ordering":
        rows = []
        for i in ordering_start(quiz, q):
            item = render_inline(q.items[i])
            name = _text(item)  # escaped text, fit for an attribute
            rows.append(
                f'<li data-qb-item="{i}"><span class="qb-item">{item}</span>'
                f' <span class="qb-moves"><button type="button" class="qb-up"'
                f' aria-label="Move up: {name}">Move up</button>'
                f' <button type="button" class="qb-down"'
                f' aria-label="Move down: {name}">Move down</button></span></li>'
            )
        return (
            '<ol class="qb-order">\n'
            + "\n".join(rows)
            + '\n</ol>\n<p class="qb-moved qb-vh" aria-live="polite"></p>'
        )
    if kind == "matching":
        options = "".join(
            f'<option value="{j}">{_text(render_inline(q.pairs[j].right))}</option>'
            for j in matching_options(quiz, q)
        )
        rows = [
            f'<p class="qb-pair"><label for="{eid(f"m{i}")}">{render_inline(p.left)}</label>'
            f' <select id="{eid(f"m{i}")}"><option value="">Choose…</option>{options}</select></p>'
            for i, p in enumerate(q.pairs)
        ]
        return '<div class="qb-pairs">\n' + "\n".join(rows) + "\n</div>"
    raise ValueError(f"unknown question type {kind!r}")


def _feedback(q, eid, titles: dict[str, str]) -> str:
    out = [
        f'<div class="qb-feedback" id="{eid("fb")}" role="status" aria-live="polite">',
        '<p class="qb-verdict"></p>',
    ]
    if q.type in ("single", "multiple"):
        said = [(str(i), c.feedback) for i, c in enumerate(q.choices)]
    elif q.type == "truefalse":
        said = [("true", q.feedback_true), ("false", q.feedback_false)]
    else:
        said = []
    for value, text in said:
        if text:
            out.append(f'<div class="qb-fb" data-qb-choice="{value}" hidden>{render(text)}</div>')
    if q.explanation or q.section:
        body = render(q.explanation) if q.explanation else ""
        if q.section:
            label = _e(q.section)
            title = titles.get(q.section)
            text = f"Reread: {_text(render_inline(title))}" if title else "Reread the section"
            body += f'<p class="qb-reread"><a href="#{label}" data-qb-ref="{label}">{text}</a></p>'
        out.append(f'<div class="qb-explanation" hidden>{body}</div>')
    out.append("</div>")
    return "\n".join(out)


def _text(html: str) -> str:
    """Rendered inline Markdown without its tags, for places that take text only (<option>,
    link text); the text stays escaped, since markdown-it escapes every literal `<`."""
    return _TAG.sub("", html)


def fmt_points(x: float) -> str:
    """A number of points as the script shows it: at most two decimals, no trailing zeros."""
    return f"{round(x, 2):.2f}".rstrip("0").rstrip(".")


def _points(x: float) -> str:
    return f"{fmt_points(x)} point{'' if x == 1 else 's'}"


def _e(text: str) -> str:
    return escape(str(text), quote=True)
