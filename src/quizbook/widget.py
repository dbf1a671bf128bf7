"""The live face of a quiz: an ipywidgets form whose Check buttons run in the kernel.

`show(path)` displays one output carrying the live widget and its static HTML twin
(`html.render_html`): JupyterLab shows the widget, the built book shows the HTML. Every
control is a native ipywidgets control, so the quiz is keyboard operable; every piece of key
text goes through `markdown.render`/`render_inline` (raw HTML is shown as text).

The quiz is one object: `QuizWidget` holds the form, one `QuestionPanel` per question
(header, control, Check button, checks left, feedback) and does all checking and scoring
itself; each question's control comes from `controls.CONTROLS`, one class per type, and
never reaches back into the quiz. Answers read from the controls follow `score.py`'s
encoding; scoring happens only when a Check button is clicked, exactly as a student would
do it. The programmatic API
(`set_answer`, `check`, `answers`, `earned`, `score`, `feedback_text`) drives those same
controls: the self-check and the tests use it, never the scoring functions directly.

Stable CSS classes for browser tests: `qb-live` (the quiz), `qb-live-question` (one per
question, also `qb-live-q-<question id>`), `qb-live-choices`, `qb-live-answer`,
`qb-live-order`, `qb-live-up`/`qb-live-down`, `qb-live-pair`, `qb-live-check`,
`qb-live-left`, `qb-live-feedback`, `qb-live-parts`, `qb-live-score`, `qb-live-student`,
`qb-live-save`, `qb-live-status`.
"""

from __future__ import annotations

import os
import random
from html import escape
from pathlib import Path

import ipywidgets as widgets

from .book import find_book_root, section_titles
from .controls import WIDE, Control, Maker, control_for
from .detached import close_widget, comms_off
from .load import load_quiz
from .markdown import render, render_inline
from .plaintext import (
    file_part,
    html_to_text,
    inline_text,
    points_number,
    points_phrase,
    questions_phrase,
    quiz_size,
)
from .response import MEDIA_TYPE, make_response, write_json_atomic
from .score import AnswerError, fraction
from .wording import TEXT, counted, say, verdict

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
VERDICT_STYLES = {"correct": "qb-live-ok", "partly": "qb-live-part", "wrong": "qb-live-no"}
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
    quiz_widget.shown_as = display(quiz_widget.mimebundle(), raw=True, display_id=True)
    return quiz_widget


class QuestionPanel:
    """One question on the form: header, control, Check button, checks left and feedback,
    and what its checks did. The quiz fills it in; it holds no rules of its own."""

    def __init__(self, question, control: Control, make: Maker, number: int, count: int):
        self.question = question
        self.control = control
        self.checks = 0
        self.checked = None  # the answer the last check scored
        self.first = None  # the answer the first check scored
        self.earned: float | None = None
        self.share: float | None = None
        self.check_button = self.left = self.feedback = None
        numbered = escape(say("question_number", number=number, count=count))
        legend = _say_html(
            "legend", question=f"<strong>{numbered}</strong>", points=points_phrase(question.points)
        )
        header = make(
            widgets.HTML, "qb-live-prompt", value=f"<p>{legend}</p>{render(question.prompt)}"
        )
        self.parts = [header, control.box]

    def add_checking(self, make: Maker, number: int, attempts: int) -> None:
        """Practice mode: a Check button, the checks allowed, and a feedback area."""
        self.check_button = make(
            widgets.Button,
            "qb-live-check",
            description=say("check"),
            tooltip=say("check_tip", number=number),
        )
        allowed = counted("checks_allowed", attempts) if attempts else ""
        self.left = make(widgets.HTML, "qb-live-left", value=allowed)
        self.feedback = make(widgets.HTML, "qb-live-feedback")
        actions = make(widgets.HBox, "qb-live-actions", children=[self.check_button, self.left])
        self.parts += [actions, self.feedback]

    def box(self, make: Maker) -> widgets.VBox:
        return make(
            widgets.VBox,
            "qb-live-question",
            f"qb-live-q-{self.question.id}",
            f"qb-live-type-{self.question.type}",
            children=self.parts,
        )

    def show_verdict(self, kind: str | None, html: str) -> None:
        """Feedback HTML, styled by the verdict's kind (None: no verdict, only a notice)."""
        self.feedback.value = html
        for style in VERDICT_STYLES.values():
            self.feedback.remove_class(style)
        if kind is not None:
            self.feedback.add_class(VERDICT_STYLES[kind])

    def lock(self) -> None:
        self.control.freeze()
        self.check_button.disabled = True


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
        self.shown_as = None  # the display that shows the quiz (show() sets it)
        with comms_off(detached):
            super().__init__()
            self._quiz = quiz
            self._titles = dict(titles or {})
            self._mode = mode or quiz.mode
            self._attempts = quiz.attempts if attempts is None else attempts
            self._practice = self._mode == "practice"
            self._make = Maker()
            self._questions: dict[str, QuestionPanel] = {}
            self.children = self._build(student, random.Random(seed))
        self.add_class("qb-live")
        self.add_class(f"qb-live-{self._mode}")

    # -- the programmatic API: it works the controls, as a student would ---------------------

    @property
    def quiz(self):
        return self._quiz

    def set_answer(self, qid: str, answer) -> None:
        """Set a question's controls from an answer in score.py's encoding (None clears)."""
        panel = self._question(qid)
        if self._locked(panel):
            raise RuntimeError(f"{qid}: no checks left, the question is locked")
        if answer is not None:
            panel.question.check_answer(answer)
        panel.control.write(answer)

    def check(self, qid: str) -> None:
        """Click the question's Check button."""
        panel = self._question(qid)
        if panel.check_button is None:
            raise RuntimeError(f"quiz '{self._quiz.id}' is assessed: it has no Check buttons")
        panel.check_button.click()

    def answers(self) -> dict:
        """The answers the controls hold now, by question id (None: not answered)."""
        return {qid: panel.control.read() for qid, panel in self._questions.items()}

    def earned(self, qid: str) -> float | None:
        """Points the question's last check earned, as displayed (None: never checked)."""
        return self._question(qid).earned

    def score(self) -> float:
        """The running score, as displayed."""
        return round(sum(p.earned or 0.0 for p in self._questions.values()), 4)

    def checks_used(self, qid: str) -> int:
        return self._question(qid).checks

    def feedback_text(self, qid: str) -> str:
        """The question's feedback area as plain text, one line per paragraph."""
        panel = self._question(qid)
        return html_to_text(panel.feedback.value) if panel.feedback is not None else ""

    def response(self, student: str = "") -> dict:
        """A response (response.py's format) holding the answers the controls hold now."""
        student = (student or self._student.value).strip()
        if len(student) > 200:
            raise ValueError("the name or student ID is longer than 200 characters")
        checks = {qid: panel.checks for qid, panel in self._questions.items()}
        first = {qid: panel.first for qid, panel in self._questions.items()}
        return make_response(
            self._quiz, self.answers(), student=student, checks=checks, first=first
        )

    def save(self, path: str | Path | None = None) -> Path:
        """Write the response file atomically, by default responses/<quiz>-<student>.json,
        and leave the same response in the notebook: the quiz's output gains it, so that a
        notebook saved afterwards can be graded as it is, without running it."""
        data = self.response()
        if path is None:
            name = file_part(data["student"]) or "anonymous"
            path = Path.cwd() / "responses" / f"{self._quiz.id}-{name}.json"
        written = write_json_atomic(path, data)
        if self.shown_as is not None:
            self.shown_as.update({**self.mimebundle(), MEDIA_TYPE: data}, raw=True)
        return written

    def mimebundle(self) -> dict:
        """The display bundle: plain text, the live widget's view and its static HTML twin."""
        from .html import render_html

        if self._detached:
            raise RuntimeError("a detached QuizWidget has no front end to display it")
        title = inline_text(self._quiz.title)
        questions = questions_phrase(len(self._quiz.questions))
        return {
            "text/plain": say("plain_title", title=title, questions=questions),
            WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": self.model_id},
            "text/html": render_html(self._quiz, self._titles, reveal=_revealed()),
        }

    def _repr_mimebundle_(self, **kwargs):
        return self.mimebundle()

    def close(self):
        """Close the quiz and every control it made."""
        make = getattr(self, "_make", None)
        if make is not None:
            for child in reversed(make.made):
                close_widget(child)
            for shared in make.shared.values():
                close_widget(shared)
        close_widget(self)

    # -- building ---------------------------------------------------------------------------

    def _build(self, student: str, rng: random.Random) -> list:
        make, quiz = self._make, self._quiz
        intro = say("intro_practice_live" if self._practice else "intro_assessed_live")
        parts = [
            make(
                widgets.HTML,
                "qb-live-title",
                value=f"{_STYLE}<h2>{render_inline(quiz.title)}</h2>"
                f"<p>{escape(quiz_size(quiz))}. {escape(intro)}</p>",
            )
        ]
        self._score_label = None
        if self._practice:
            self._score_label = make(widgets.HTML, "qb-live-score")
            parts.append(self._score_label)
        count = len(quiz.questions)
        for number, question in enumerate(quiz.questions, 1):
            panel = QuestionPanel(
                question, control_for(question, make, quiz, rng), make, number, count
            )
            if self._practice:
                panel.add_checking(make, number, self._attempts)
                panel.check_button.on_click(lambda _b, qid=question.id: self._check(qid))
            self._questions[question.id] = panel
            parts.append(panel.box(make))
        self._student = make(
            widgets.Text, "qb-live-student", value=student, description=say("student"), style=WIDE
        )
        save = make(
            widgets.Button, "qb-live-save", description=say("save"), tooltip=say("save_tip")
        )
        save.on_click(self._on_save)
        self._status = make(widgets.HTML, "qb-live-status")
        tools = make(widgets.VBox, "qb-live-tools", children=[self._student, save])
        parts += [tools, self._status]
        self._show_score()
        return parts

    # -- checking ---------------------------------------------------------------------------

    def _check(self, qid: str) -> None:
        """What a Check button does: score the answer shown, say so, count the check."""
        panel = self._questions[qid]
        if not self._practice or self._locked(panel):
            return
        question, control = panel.question, panel.control
        control.touch()
        answer = control.read()
        if answer is None:
            notice = control.unreadable() or "answer_first"
            panel.show_verdict(None, self._feedback_html(panel, say(notice)))
            return
        try:
            share = fraction(question, answer)
        except AnswerError as err:
            notice = say("cannot_check", reason=err)
            panel.show_verdict(None, self._feedback_html(panel, notice))
            return
        if not panel.checks:
            panel.first = answer
        panel.checks += 1
        panel.checked, panel.share = answer, share
        panel.earned = round(question.points * share, 4)
        kind = verdict(share)
        said = say(kind, earned=points_number(panel.earned), points=points_phrase(question.points))
        panel.show_verdict(kind, self._feedback_html(panel, said))
        self._count_check(panel)
        self._show_score()

    def _count_check(self, panel: QuestionPanel) -> None:
        if not self._attempts:
            return
        left = self._attempts - panel.checks
        panel.left.value = counted("checks_left", left) if left else say("no_checks_left")
        if self._locked(panel):
            panel.lock()

    def _locked(self, panel: QuestionPanel) -> bool:
        return bool(self._practice and self._attempts and panel.checks >= self._attempts)

    def _feedback_html(self, panel: QuestionPanel, said: str) -> str:
        """The verdict (or notice), then, once checked: feedback on the picked options,
        which parts were right, the explanation and where to reread."""
        question, control = panel.question, panel.control
        out = [f'<p class="qb-live-verdict"><strong>{escape(said)}</strong></p>']
        if not panel.checks:
            return out[0]
        for key, text in question.feedback_for(panel.checked):
            out.append(
                f'<div class="qb-live-choice-feedback"><p><em>{control.option_label(key)}</em>:'
                f"</p>{render(text)}</div>"
            )
        if panel.share < 1 and (marks := question.marks(panel.checked)):
            out.append(_marks_html(marks))
        if question.explanation:
            out.append(f'<div class="qb-live-explanation">{render(question.explanation)}</div>')
        if question.section:
            title = self._titles.get(question.section)
            reread = say("reread", title=inline_text(title)) if title else say("reread_section")
            out.append(f'<p class="qb-live-reread">{escape(reread)}</p>')
        return "\n".join(out)

    def _show_score(self) -> None:
        if self._score_label is not None:
            total = points_phrase(self._quiz.total_points)
            said = say("score", earned=points_number(self.score()), total=total)
            self._score_label.value = f"<p>{escape(said)}</p>"

    def _on_save(self, _button=None) -> None:
        try:
            path = self.save()
        except (OSError, ValueError) as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            self._status.value = f"<p>{escape(say('not_saved', reason=reason))}</p>"
            return
        try:
            shown = path.relative_to(Path.cwd())
        except ValueError:
            shown = path
        self._status.value = f"<p>{escape(say('saved', path=shown))}</p>"

    def _question(self, qid: str) -> QuestionPanel:
        try:
            return self._questions[qid]
        except KeyError:
            raise KeyError(f"quiz '{self._quiz.id}' has no question '{qid}'") from None


def _revealed() -> bool:
    """An instructor's copy of the book is built with QUIZBOOK_REVEAL=1: its kernels show an
    assessed quiz's static twin with its answers (`make instructor-book`)."""
    return os.environ.get("QUIZBOOK_REVEAL") == "1"


def _marks_html(marks: list[tuple[str, str]]) -> str:
    """Which parts were right, one list item each ("Wrong: India")."""
    items = "".join(
        f'<li class="qb-live-{mark}">{_say_html(f"mark_{mark}", part=render_inline(part))}</li>'
        for mark, part in marks
    )
    return f'<ul class="qb-live-parts">{items}</ul>'


def _say_html(name: str, **html_values: str) -> str:
    """A text of the wording table as HTML, its values already HTML."""
    return escape(TEXT[name]).format(**html_values)
