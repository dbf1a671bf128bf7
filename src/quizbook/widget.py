"""The live face of a quiz: an ipywidgets form whose Check buttons run in the kernel.

`show(path)` displays one output carrying the live widget and its static HTML twin
(`html.render_html`): JupyterLab shows the widget, the built book shows the HTML. Every
control is a native ipywidgets control, so the quiz is keyboard operable; every piece of key
text goes through `markdown.render`/`render_inline` (raw HTML is shown as text).

Answers read from the controls follow `score.py`'s encoding; scoring happens only when a
Check button is clicked, exactly as a student would do it. The programmatic API
(`set_answer`, `check`, `answers`, `earned`, `score`, `feedback_text`) drives those same
controls: the self-check and the tests use it, never the scoring functions directly.

Stable CSS classes for browser tests: `qb-live` (the quiz), `qb-live-question` (one per
question, also `qb-live-q-<question id>`), `qb-live-choices`, `qb-live-answer`,
`qb-live-order`, `qb-live-up`/`qb-live-down`, `qb-live-pair`, `qb-live-check`,
`qb-live-left`, `qb-live-feedback`, `qb-live-score`, `qb-live-student`, `qb-live-save`,
`qb-live-status`.
"""

from __future__ import annotations

import random
import re
import uuid
from contextlib import contextmanager
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as widgets

from . import score as scoring
from .book import find_book_root, section_titles
from .layout import matching_options, ordering_start
from .load import load_quiz
from .markdown import render, render_inline
from .response import make_response, write_json_atomic

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDE = {"description_width": "initial"}
# ipywidgets gives radio and checkbox labels one fixed line: long choices would overlap.
_STYLE = """<style>
.qb-live .widget-html-content { line-height: 1.5; }
.qb-live .widget-radio-box label { height: auto; line-height: 1.4; margin: 3px 0;
  display: flex; align-items: baseline; }
.qb-live .widget-radio-box input { order: -1; flex: none; }
.qb-live .widget-checkbox { height: auto; line-height: 1.4; margin: 3px 0; }
.qb-live .widget-checkbox label, .qb-live .widget-dropdown > label { white-space: normal; }
.qb-live .qb-live-question { margin: 0.5em 0 1em; }
</style>"""
_NONE = -1  # the value of a matching question's "Choose…" option
_TAG = re.compile(r"<[^>]*>")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", re.IGNORECASE)


def show(path: str | Path, *, student: str = "") -> QuizWidget:
    """Load an answer key and display its quiz: the live widget, with the static HTML quiz as
    its twin in the same output. A broken key raises `KeyProblems`."""
    from IPython.display import display

    path = Path(path)
    quiz = load_quiz(path)
    root = find_book_root(path.parent)
    titles = section_titles(root) if root else {}
    quiz_widget = QuizWidget(quiz, titles, student=student)
    display(quiz_widget.mimebundle(), raw=True)
    return quiz_widget


class QuizWidget(widgets.VBox):
    """One quiz as a live form.

    `mode` and `attempts` override the key's (the self-check runs an assessed key as a
    practice quiz with unlimited checks); `seed` fixes the shuffle of choices when the key
    asks for one; `detached=True` builds the widget without opening comms to a front end
    (it cannot be displayed, but its controls and callbacks work, and none of its models
    reaches the notebook's saved widget state).
    """

    def __init__(
        self,
        quiz,
        titles: dict[str, str] | None = None,
        *,
        student: str = "",
        mode: str | None = None,
        attempts: int | None = None,
        seed: int | None = None,
        detached: bool = False,
    ):
        self._detached = detached
        with _comms_off(detached):
            super().__init__()
            self._quiz = quiz
            self._titles = dict(titles or {})
            self._mode = mode or quiz.mode
            self._attempts = quiz.attempts if attempts is None else attempts
            self._practice = self._mode == "practice"
            self._rng = random.Random(seed)
            self._questions: dict[str, _Question] = {}
            self._owned: list[widgets.Widget] = []
            self._styles: dict[tuple, widgets.Widget] = {}
            self.children = self._build(student)
        self.add_class("qb-live")
        self.add_class(f"qb-live-{self._mode}")

    # -- the programmatic API: it works the controls, as a student would ---------------------

    @property
    def quiz(self):
        return self._quiz

    def set_answer(self, qid: str, answer) -> None:
        """Set a question's controls from an answer in score.py's encoding (None clears)."""
        q = self._question(qid)
        if q.locked:
            raise RuntimeError(f"{qid}: no checks left, the question is locked")
        if answer is not None:
            scoring.check_shape(q.question, answer)
        q.write(answer)

    def check(self, qid: str) -> None:
        """Click the question's Check button."""
        q = self._question(qid)
        if q.check_button is None:
            raise RuntimeError(f"quiz '{self._quiz.id}' is assessed: it has no Check buttons")
        q.check_button.click()

    def answers(self) -> dict:
        """The answers the controls hold now, by question id (None: not answered)."""
        return {qid: q.read() for qid, q in self._questions.items()}

    def earned(self, qid: str) -> float | None:
        """Points the question's last check earned, as displayed (None: never checked)."""
        return self._question(qid).earned

    def score(self) -> float:
        """The running score, as displayed."""
        return round(sum(q.earned or 0.0 for q in self._questions.values()), 4)

    def checks_used(self, qid: str) -> int:
        return self._question(qid).checks

    def feedback_text(self, qid: str) -> str:
        """The question's feedback area as plain text, one line per paragraph."""
        q = self._question(qid)
        return html_to_text(q.feedback.value) if q.feedback is not None else ""

    def response(self, student: str = "") -> dict:
        """A response (response.py's format) holding the answers the controls hold now."""
        student = (student or self._student.value).strip()
        if len(student) > 200:
            raise ValueError("the name or student ID is longer than 200 characters")
        return make_response(self._quiz, self.answers(), student=student)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the response file atomically; by default responses/<quiz>-<student>.json."""
        data = self.response()
        if path is None:
            name = _file_part(data["student"]) or "anonymous"
            path = Path.cwd() / "responses" / f"{self._quiz.id}-{name}.json"
        return write_json_atomic(path, data)

    def mimebundle(self) -> dict:
        """The display bundle: plain text, the live widget's view and its static HTML twin."""
        from .html import render_html

        if self._detached:
            raise RuntimeError("a detached QuizWidget has no front end to display it")
        n = len(self._quiz.questions)
        return {
            "text/plain": f"Quiz: {inline_text(self._quiz.title)}"
            f" ({n} question{'' if n == 1 else 's'})",
            WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": self.model_id},
            "text/html": render_html(self._quiz, self._titles),
        }

    def _repr_mimebundle_(self, **kwargs):
        return self.mimebundle()

    def close(self):
        """Close the quiz and every control it made."""
        for child in reversed(getattr(self, "_owned", [])):
            _close(child)
        for shared in getattr(self, "_styles", {}).values():
            _close(shared)
        _close(self)

    def _close_self(self):
        super().close()

    # -- building ---------------------------------------------------------------------------

    def _make(self, cls, *classes: str, **kwargs):
        """A control with the given CSS classes. Controls share their layout and style
        models (never changed after this), which keeps the quiz to a third of the models."""
        kwargs.setdefault("layout", self._shared(widgets.Layout))
        style = cls.class_traits().get("style")
        if style is not None:
            kwargs["style"] = self._shared(style.klass, **kwargs.get("style", {}))
        w = cls(**kwargs)
        for name in classes:
            w.add_class(name)
        self._owned.append(w)
        return w

    def _shared(self, klass, **traits):
        key = (klass, tuple(sorted(traits.items())))
        if key not in self._styles:
            self._styles[key] = klass(**traits)
        return self._styles[key]

    def _build(self, student: str) -> list:
        quiz = self._quiz
        n = len(quiz.questions)
        howmany = f"{n} question{'' if n == 1 else 's'}, {_points(quiz.total_points)}."
        if self._practice:
            intro = f"{howmany} Check each answer as you go."
        else:
            intro = (
                f"{howmany} This quiz is graded: it shows no feedback. When you are done,"
                " save your answers and hand in the file."
            )
        parts = [
            self._make(
                widgets.HTML,
                "qb-live-title",
                value=f"{_STYLE}<h2>{render_inline(quiz.title)}</h2><p>{escape(intro)}</p>",
            )
        ]
        self._score_label = None
        if self._practice:
            self._score_label = self._make(widgets.HTML, "qb-live-score")
            parts.append(self._score_label)
        for number, question in enumerate(quiz.questions, 1):
            q = _Question(self, question, number, n)
            self._questions[question.id] = q
            parts.append(q.box)
        self._student = self._make(
            widgets.Text,
            "qb-live-student",
            value=student,
            description="Your name or student ID",
            style=_WIDE,
        )
        save = self._make(
            widgets.Button,
            "qb-live-save",
            description="Save my answers",
            tooltip="Save your answers to a response file to hand in",
        )
        save.on_click(self._on_save)
        self._status = self._make(widgets.HTML, "qb-live-status")
        tools = self._make(widgets.VBox, "qb-live-tools", children=[self._student, save])
        parts += [tools, self._status]
        self._show_score()
        return parts

    # -- callbacks --------------------------------------------------------------------------

    def _show_score(self) -> None:
        if self._score_label is not None:
            total = _points(self._quiz.total_points)
            self._score_label.value = f"<p>Score: {_fmt(self.score())} of {total}</p>"

    def _on_save(self, _button=None) -> None:
        try:
            path = self.save()
        except (OSError, ValueError) as err:
            message = " ".join(str(err).split()) or type(err).__name__
            self._status.value = f"<p>Could not save your answers: {escape(message)}</p>"
            return
        try:
            shown = path.relative_to(Path.cwd())
        except ValueError:
            shown = path
        self._status.value = f"<p>Saved your answers to {escape(str(shown))}.</p>"

    def _question(self, qid: str) -> _Question:
        try:
            return self._questions[qid]
        except KeyError:
            raise KeyError(f"quiz '{self._quiz.id}' has no question '{qid}'") from None


class _Question:
    """One question's controls, Check button, feedback and state."""

    def __init__(self, owner: QuizWidget, question, number: int, n: int):
        self.owner = owner
        self.question = question
        self.checks = 0
        self.checked = None  # the answer the last check scored
        self.earned: float | None = None
        self.moved = False  # an ordering counts as answered once moved or checked
        make = owner._make
        kind = question.type
        header = make(
            widgets.HTML,
            "qb-live-prompt",
            value=f"<p><strong>Question {number} of {n}</strong> ({_points(question.points)})</p>"
            + render(question.prompt),
        )
        parts = [header, self._controls(make, kind)]
        self.check_button = self.left = self.feedback = None
        if owner._practice:
            self.check_button = make(
                widgets.Button,
                "qb-live-check",
                description="Check",
                tooltip=f"Check your answer to question {number}",
            )
            self.check_button.on_click(self._on_check)
            attempts = owner._attempts
            allowed = f"{attempts} check{'' if attempts == 1 else 's'} allowed." if attempts else ""
            self.left = make(widgets.HTML, "qb-live-left", value=allowed)
            self.feedback = make(widgets.HTML, "qb-live-feedback")
            actions = make(widgets.HBox, "qb-live-actions", children=[self.check_button, self.left])
            parts += [actions, self.feedback]
        self.box = make(
            widgets.VBox,
            "qb-live-question",
            f"qb-live-q-{question.id}",
            f"qb-live-type-{kind}",
            children=parts,
        )

    @property
    def locked(self) -> bool:
        attempts = self.owner._attempts
        return bool(self.owner._practice and attempts and self.checks >= attempts)

    # -- controls ---------------------------------------------------------------------------

    def _controls(self, make, kind: str):
        q = self.question
        if kind in ("single", "multiple"):
            order = list(range(len(q.choices)))
            if self.owner._quiz.shuffle:
                self.owner._rng.shuffle(order)
            labels = _distinct_labels([inline_text(q.choices[i].text) for i in order])
            if kind == "single":
                self.radio = make(
                    widgets.RadioButtons,
                    "qb-live-choices",
                    options=list(zip(labels, order, strict=True)),
                    value=None,
                    layout=self.owner._shared(widgets.Layout, width="auto"),
                )
                self.inputs = [self.radio]
                return self.radio
            self.boxes = {}
            for label, i in zip(labels, order, strict=True):
                self.boxes[i] = make(
                    widgets.Checkbox,
                    "qb-live-choice",
                    value=False,
                    description=label,
                    indent=False,
                    layout=self.owner._shared(widgets.Layout, width="auto"),
                )
            self.inputs = [self.boxes[i] for i in order]
            return make(widgets.VBox, "qb-live-choices", children=self.inputs)
        if kind == "truefalse":
            self.radio = make(
                widgets.RadioButtons,
                "qb-live-choices",
                options=[("True", True), ("False", False)],
                value=None,
                layout=self.owner._shared(widgets.Layout, width="auto"),
            )
            self.inputs = [self.radio]
            return self.radio
        if kind in ("numeric", "text"):
            label = "Your answer"
            if kind == "numeric" and q.unit:
                label += f" ({q.unit})"
            self.text = make(
                widgets.Text,
                "qb-live-answer",
                value="",
                description=label,
                placeholder="Type a number" if kind == "numeric" else "Type your answer",
                style=_WIDE,
            )
            self.inputs = [self.text]
            return self.text
        if kind == "ordering":
            self.start = ordering_start(self.owner._quiz, q)
            self.order = list(self.start)
            self.rows = []
            self.inputs = []
            rows = []
            for position in range(len(q.items)):
                label = make(widgets.HTML, "qb-live-item")
                up = make(widgets.Button, "qb-live-up", description="Move up")
                down = make(widgets.Button, "qb-live-down", description="Move down")
                up.on_click(lambda _b, p=position: self._move(p, -1))
                down.on_click(lambda _b, p=position: self._move(p, +1))
                self.rows.append((label, up, down))
                self.inputs += [up, down]
                rows.append(make(widgets.HBox, "qb-live-row", children=[label, up, down]))
            self.moved_note = make(widgets.HTML, "qb-live-moved")
            self._show_order()
            return make(widgets.VBox, "qb-live-order", children=[*rows, self.moved_note])
        if kind == "matching":
            offered = matching_options(self.owner._quiz, q)
            labels = _distinct_labels([inline_text(q.pairs[j].right) for j in offered])
            # not None: ipywidgets reads a value of None as "nothing selected" (a blank box)
            options = [("Choose…", _NONE), *zip(labels, offered, strict=True)]
            self.selects = [
                make(
                    widgets.Dropdown,
                    "qb-live-pair",
                    options=options,
                    value=_NONE,
                    description=render_inline(pair.left),
                    description_allow_html=True,
                    style=_WIDE,
                )
                for pair in q.pairs
            ]
            self.inputs = list(self.selects)
            return make(widgets.VBox, "qb-live-pairs", children=self.selects)
        raise ValueError(f"unknown question type {kind!r}")

    def read(self):
        """The answer the controls hold, in score.py's encoding, or None."""
        kind = self.question.type
        if kind in ("single", "truefalse"):
            return self.radio.value
        if kind == "multiple":
            picked = sorted(i for i, box in self.boxes.items() if box.value)
            return picked or None
        if kind == "numeric":
            return parse_number(self.text.value)
        if kind == "text":
            return self.text.value if self.text.value.strip() else None
        if kind == "ordering":
            return list(self.order) if self.moved else None
        picked = [None if s.value == _NONE else s.value for s in self.selects]
        return picked if any(p is not None for p in picked) else None

    def write(self, answer) -> None:
        kind = self.question.type
        if kind in ("single", "truefalse"):
            self.radio.value = answer
        elif kind == "multiple":
            for i, box in self.boxes.items():
                box.value = answer is not None and i in answer
        elif kind in ("numeric", "text"):
            self.text.value = "" if answer is None else _number_text(answer)
        elif kind == "ordering":
            self.moved = answer is not None
            self.order = list(self.start if answer is None else answer)
            self.moved_note.value = ""
            self._show_order()
        else:
            for i, select in enumerate(self.selects):
                picked = None if answer is None else answer[i]
                select.value = _NONE if picked is None else picked

    def _show_order(self) -> None:
        items = self.question.items
        for position, (label, up, down) in enumerate(self.rows):
            item = items[self.order[position]]
            label.value = f"{position + 1}. {render_inline(item)}"
            up.tooltip = f"Move up: {inline_text(item)}"
            down.tooltip = f"Move down: {inline_text(item)}"

    def _move(self, position: int, step: int) -> None:
        if self.locked:
            return
        items, n = self.question.items, len(self.order)
        name = render_inline(items[self.order[position]])
        target = position + step
        if not 0 <= target < n:
            where = "first" if step < 0 else "last"
            self.moved_note.value = f"<p>{name} is already {where}.</p>"
            return
        self.order[position], self.order[target] = self.order[target], self.order[position]
        self.moved = True
        self._show_order()
        self.moved_note.value = f"<p>Moved {name} to position {target + 1} of {n}.</p>"

    # -- checking ---------------------------------------------------------------------------

    def _on_check(self, _button=None) -> None:
        if not self.owner._practice or self.locked:
            return
        q = self.question
        self.moved = True  # an ordering counts as answered once checked
        answer = self.read()
        if answer is None:
            typed = q.type == "numeric" and self.text.value.strip()
            say = "Type a number, such as 1961 or 2.5." if typed else "Answer the question first."
            self.feedback.value = self._feedback_html(say)
            return
        try:
            share = scoring.fraction(q, answer)
            earned = scoring.points(q, answer)
        except scoring.AnswerError as err:
            self.feedback.value = self._feedback_html(f"That answer cannot be checked: {err}.")
            return
        self.checks += 1
        self.checked = answer
        self.earned = earned
        if share >= 1:
            verdict = "Correct."
        elif share > 0:
            verdict = f"Partly right: {_fmt(earned)} of {_points(q.points)}."
        else:
            verdict = "Not quite."
        self.feedback.value = self._feedback_html(verdict)
        for name in ("qb-live-ok", "qb-live-part", "qb-live-no"):
            self.feedback.remove_class(name)
        self.feedback.add_class(
            {"Correct.": "qb-live-ok", "Not quite.": "qb-live-no"}.get(verdict, "qb-live-part")
        )
        attempts = self.owner._attempts
        if attempts:
            left = attempts - self.checks
            plural = "s" if left > 1 else ""
            self.left.value = f"{left} check{plural} left." if left else "No checks left."
        if self.locked:
            for control in [*self.inputs, self.check_button]:
                control.disabled = True
        self.owner._show_score()

    def _feedback_html(self, verdict: str) -> str:
        """The verdict, then (once checked) feedback on the picked choices, the explanation
        and where to reread."""
        q = self.question
        out = [f'<p class="qb-live-verdict"><strong>{escape(verdict)}</strong></p>']
        if self.checks:
            for label, text in self._said(self.checked):
                out.append(
                    f'<div class="qb-live-choice-feedback"><p><em>{label}</em>:</p>'
                    f"{render(text)}</div>"
                )
            if q.explanation:
                out.append(f'<div class="qb-live-explanation">{render(q.explanation)}</div>')
            if q.section:
                title = self.owner._titles.get(q.section)
                reread = f"Reread: {inline_text(title)}" if title else "Reread the section"
                out.append(f'<p class="qb-live-reread">{escape(reread)}</p>')
        return "\n".join(out)

    def _said(self, answer) -> list[tuple[str, str]]:
        """(rendered label, feedback) for each picked choice that has feedback."""
        q = self.question
        if q.type == "single":
            picked = [answer]
        elif q.type == "multiple":
            picked = answer
        elif q.type == "truefalse":
            text = q.feedback_true if answer else q.feedback_false
            return [("True" if answer else "False", text)] if text else []
        else:
            return []
        return [
            (render_inline(q.choices[i].text), q.choices[i].feedback)
            for i in picked
            if q.choices[i].feedback
        ]


# -- helpers ----------------------------------------------------------------------------------


def parse_number(text: str) -> float | int | None:
    """What the static quiz accepts: "1961", "-2.5", "0,5" (a comma is the decimal point
    only when there is no point); anything else is not a number (None)."""
    s = text.strip()
    if s.startswith("\u2212"):
        s = "-" + s[1:]
    if "." not in s:
        s = s.replace(",", ".", 1)
    if not _NUMBER.match(s):
        return None
    if re.fullmatch(r"[+-]?\d+", s):
        return int(s)
    value = float(s)
    return value if value not in (float("inf"), float("-inf")) else None


def _number_text(answer) -> str:
    if isinstance(answer, str):
        return answer
    if isinstance(answer, float) and answer.is_integer() and abs(answer) < 1e15:
        return str(int(answer))
    return repr(answer)


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


def _distinct_labels(labels: list[str]) -> list[str]:
    """Native option labels must differ: `*a*` and `a` both read "a"."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _fmt(x: float) -> str:
    """Points as both faces show them: at most two decimals, no trailing zeros."""
    return f"{round(x, 2):.2f}".rstrip("0").rstrip(".")


def _points(x: float) -> str:
    return f"{_fmt(x)} point{'' if x == 1 else 's'}"


def _file_part(student: str) -> str:
    return re.sub(r"[^\w.-]+", "-", student).strip("-._")[:64]


def _close(w) -> None:
    """Close a widget with its layout and style models."""
    if w.comm is None:
        return
    for part in (w.layout, getattr(w, "style", None)):
        if isinstance(part, widgets.Widget) and part.comm is not None:
            part.close()
    if isinstance(w, QuizWidget):
        w._close_self()
    else:
        w.close()


class _NullComm:
    """A comm that goes nowhere: a detached widget's models never reach a front end."""

    kernel = None

    def __init__(self, **_kwargs):
        self.comm_id = uuid.uuid4().hex

    def on_msg(self, callback):
        pass

    def send(self, *args, **kwargs):
        pass

    def close(self, *args, **kwargs):
        pass


@contextmanager
def _comms_off(enabled: bool):
    """While building a detached widget, every model it makes gets a `_NullComm`."""
    if not enabled:
        yield
        return
    from ipywidgets import comm as widget_comm

    original = widget_comm.create_comm
    widget_comm.create_comm = _NullComm
    try:
        yield
    finally:
        widget_comm.create_comm = original
