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
from html import escape
from pathlib import Path

import ipywidgets as widgets

from . import score as scoring
from .book import find_book_root, section_titles
from .detached import close_widget, comms_off
from .load import load_quiz
from .markdown import render_inline
from .plaintext import (
    file_part,
    html_to_text,
    inline_text,
    points_number,
    points_phrase,
    quiz_size,
)
from .response import make_response, write_json_atomic
from .widget_question import WIDE, QuestionControls

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# ipywidgets gives radio and checkbox labels one fixed line: long choices would overlap.
_STYLE = """<style>
.qb-live .widget-html-content { line-height: 1.5; }
.qb-live .widget-radio-box label { height: auto; line-height: 1.4; margin: 3px 0;
  display: flex; align-items: baseline; }
.qb-live .widget-radio-box input { order: -1; flex: none; }
.qb-live .widget-checkbox { height: auto; line-height: 1.4; margin: 3px 0; }
.qb-live .widget-checkbox label, .qb-live .widget-dropdown > label { white-space: normal; }
.qb-live .qb-live-question { margin: 0.5em 0 1em; }
.qb-live .qb-live-pair { width: 100%; flex-wrap: wrap; row-gap: 2px; }
.qb-live .qb-live-pair > select { flex: 1 1 18em; max-width: 40em; }
.qb-live .qb-live-row { width: 100%; align-items: baseline; }
.qb-live .qb-live-row > .qb-live-item { flex: 1 1 auto; }
</style>"""


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
        with comms_off(detached):
            super().__init__()
            self._quiz = quiz
            self._titles = dict(titles or {})
            self._mode = mode or quiz.mode
            self._attempts = quiz.attempts if attempts is None else attempts
            self._practice = self._mode == "practice"
            self._rng = random.Random(seed)
            self._questions: dict[str, QuestionControls] = {}
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
            name = file_part(data["student"]) or "anonymous"
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
            close_widget(child)
        for shared in getattr(self, "_styles", {}).values():
            close_widget(shared)
        close_widget(self)

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
        howmany = quiz_size(quiz) + "."
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
            q = QuestionControls(self, question, number, len(quiz.questions))
            self._questions[question.id] = q
            parts.append(q.box)
        self._student = self._make(
            widgets.Text,
            "qb-live-student",
            value=student,
            description="Your name or student ID",
            style=WIDE,
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
            total = points_phrase(self._quiz.total_points)
            self._score_label.value = f"<p>Score: {points_number(self.score())} of {total}</p>"

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

    def _question(self, qid: str) -> QuestionControls:
        try:
            return self._questions[qid]
        except KeyError:
            raise KeyError(f"quiz '{self._quiz.id}' has no question '{qid}'") from None
