"""The static face of a quiz: a short HTML wrapper and one JSON island that `static/quizbook.js`
turns into the interactive quiz.

The built book shows this (no kernel, no network); the live widget carries the same string as
its `text/html`, so the output is deterministic: ids come from `layout.element_id`, display
orders from `layout`, and nothing depends on the clock or on chance. What a question type
adds to the island is written by its class in `ISLAND_WRITERS`, one per type; the script
has the twin of each (`TYPES` in quizbook.js).

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
    u  unit text (numeric) o  item HTML (ordering)
    l, r  left and right HTML (matching)
    s  display order: items first shown (ordering), options offered (matching)

`o` and `r` are in the key's order in practice mode, where that order is the scoring key; an
assessed page, which must not give it away, lists them as the question's `listed()` says
(alphabetically), and the response it writes says so (`"order": "listed"`).

and in practice mode only:

    k  scoring key: the correct choice (single) or choices (multiple), the answer
       (truefalse), the answer or [min, max] (numeric), the accepted answers (text);
       ordering and matching need none (the key order is the answer)
    f  feedback HTML by choice value ("0", "1", … or "true", "false")
    e  explanation HTML    x  index into refs of the section to reread

`refs` holds one entry per section label, `{"ref": LABEL, "t": TITLE TEXT, "href": URL}`;
`t` is left out when the title is unknown and `href` while it is `#LABEL` (the Sphinx
extension rewrites it to the section's real URL). Assessed quizzes carry no key, no
feedback, no explanations and no refs. An instructor's copy (`reveal=True`) shows an
assessed quiz as a practice one: with its key.
"""

from __future__ import annotations

from html import escape

from .island import island_element
from .layout import element_id, matching_options, ordering_start
from .markdown import render, render_inline
from .model import Matching, MultipleChoice, Numeric, Ordering, ShortText, SingleChoice, TrueFalse
from .plaintext import inline_text, quiz_size
from .wording import say


def render_html(quiz, titles: dict[str, str] | None = None, reveal: bool = False) -> str:
    """One quiz as HTML; `titles` maps section labels to titles for the "Reread" links.
    `reveal` (an instructor's copy of the book) shows an assessed quiz with its answers."""
    if reveal and quiz.mode != "practice":
        quiz = quiz.model_copy(update={"mode": "practice"})
    intro = say("intro_practice_static" if quiz.mode == "practice" else "intro_assessed_static")
    title = _e(element_id(quiz.id, "title"))
    return (
        f'<section class="quizbook" id="{_e(element_id(quiz.id))}" data-qb-mode="{quiz.mode}"'
        f' aria-labelledby="{title}">\n'
        f'<h2 class="qb-title" id="{title}">{render_inline(quiz.title)}</h2>\n'
        f'<p class="qb-intro">{_e(quiz_size(quiz))}. {_e(intro)}</p>\n'
        f"<noscript>{_e(say('needs_script'))}</noscript>\n"
        f"{island_element(data_island(quiz, titles))}\n"
        "</section>\n"
    )


def data_island(quiz, titles: dict[str, str] | None = None) -> dict:
    """Everything the script needs to build and run the quiz (keys: see the module doc)."""
    reread = _RereadTargets(titles or {})
    practice = quiz.mode == "practice"
    questions = [_question(quiz, q, practice, reread) for q in quiz.questions]
    data = {"i": quiz.id, "h": quiz.content_hash()}
    if quiz.attempts:
        data["a"] = quiz.attempts
    if quiz.shuffle:
        data["s"] = 1
    data["q"] = questions
    if reread.refs:
        data["refs"] = reread.refs
    return data


def _question(quiz, q, practice: bool, reread: _RereadTargets) -> dict:
    writer = ISLAND_WRITERS[type(q)]
    item = {"i": q.id}
    if not writer.default:
        item["t"] = q.type
    if q.points != 1:
        item["p"] = _num(q.points)
    item["q"] = render(q.prompt)
    item.update(writer.shown(quiz, q))
    if practice:
        if (key := writer.key(q)) is not None:
            item["k"] = key
        if said := q.choice_feedback():
            item["f"] = {value: render(text) for value, text in said.items()}
        if q.explanation:
            item["e"] = render(q.explanation)
        if q.section:
            item["x"] = reread.index(q.section)
    return item


class _RereadTargets:
    """The island's `refs`: one entry per section label, in order of first use."""

    def __init__(self, titles: dict[str, str]):
        self.titles = titles
        self.refs: list[dict] = []
        self._where: dict[str, int] = {}

    def index(self, label: str) -> int:
        if label not in self._where:
            self._where[label] = len(self.refs)
            ref = {"ref": label}
            if title := self.titles.get(label):
                ref["t"] = inline_text(title)
            self.refs.append(ref)
        return self._where[label]


# -- what each question type adds to the island ------------------------------------------------


class IslandWriter:
    """A question type's own island keys: what the quiz shows (`shown`) and, in practice
    mode, the scoring key (`key`, None when the key order is the answer)."""

    default = False  # the type an island question has when it names none

    @staticmethod
    def shown(quiz, q) -> dict:
        return {}

    @staticmethod
    def key(q):
        return None


class ChoiceWriter(IslandWriter):
    @staticmethod
    def shown(quiz, q) -> dict:
        return {"c": [render_inline(c.text) for c in q.choices]}


class SingleWriter(ChoiceWriter):
    default = True

    @staticmethod
    def key(q):
        return q.correct_index


class MultipleWriter(ChoiceWriter):
    @staticmethod
    def key(q):
        return q.correct_indices


class TrueFalseWriter(IslandWriter):
    @staticmethod
    def key(q):
        return q.answer


class NumericWriter(IslandWriter):
    @staticmethod
    def shown(quiz, q) -> dict:
        return {"u": q.unit} if q.unit else {}

    @staticmethod
    def key(q):
        low, high = q.bounds()
        return _num(low) if low == high else [_num(low), _num(high)]


class TextWriter(IslandWriter):
    @staticmethod
    def key(q):
        return list(q.accepted)


class OrderingWriter(IslandWriter):
    @staticmethod
    def shown(quiz, q) -> dict:
        items = _as_listed(quiz, q, q.items)
        return {"o": [render_inline(i) for i in items], "s": ordering_start(quiz, q)}


class MatchingWriter(IslandWriter):
    @staticmethod
    def shown(quiz, q) -> dict:
        return {
            "l": [render_inline(p.left) for p in q.pairs],
            "r": [render_inline(r) for r in _as_listed(quiz, q, [p.right for p in q.pairs])],
            "s": matching_options(quiz, q),
        }


def _as_listed(quiz, q, texts: list[str]) -> list[str]:
    """Key order where it is the scoring key (practice); else the order `listed()` gives."""
    return texts if quiz.mode == "practice" else [texts[i] for i in q.listed()]


ISLAND_WRITERS: dict[type, type[IslandWriter]] = {
    SingleChoice: SingleWriter,
    MultipleChoice: MultipleWriter,
    TrueFalse: TrueFalseWriter,
    Numeric: NumericWriter,
    ShortText: TextWriter,
    Ordering: OrderingWriter,
    Matching: MatchingWriter,
}


def _num(x: float) -> float | int:
    """12.0 as 12: the same number to JSON.parse, in fewer bytes."""
    return int(x) if float(x).is_integer() else x


def _e(text: str) -> str:
    return escape(str(text), quote=True)
