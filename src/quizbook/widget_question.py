"""One question of the live quiz: its controls, Check button, feedback and state."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from . import score as scoring
from .layout import matching_options, ordering_start
from .markdown import render, render_inline
from .plaintext import (
    distinct_labels,
    inline_text,
    number_text,
    parse_number,
    points_number,
    points_phrase,
)

WIDE = {"description_width": "initial"}
NO_CHOICE = -1  # the value of a matching question's "Choose…" option


class QuestionControls:
    """One question's controls, Check button, feedback and state."""

    def __init__(self, owner, question, number: int, n: int):
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
            value=f"<p><strong>Question {number} of {n}</strong>"
            f" ({points_phrase(question.points)})</p>{render(question.prompt)}",
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
            labels = distinct_labels([inline_text(q.choices[i].text) for i in order])
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
                style=WIDE,
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
            labels = distinct_labels([inline_text(q.pairs[j].right) for j in offered])
            # not None: ipywidgets reads a value of None as "nothing selected" (a blank box)
            options = [("Choose…", NO_CHOICE), *zip(labels, offered, strict=True)]
            self.selects = [
                make(
                    widgets.Dropdown,
                    "qb-live-pair",
                    options=options,
                    value=NO_CHOICE,
                    description=render_inline(pair.left),
                    description_allow_html=True,
                    style=WIDE,
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
        picked = [None if s.value == NO_CHOICE else s.value for s in self.selects]
        return picked if any(p is not None for p in picked) else None

    def write(self, answer) -> None:
        kind = self.question.type
        if kind in ("single", "truefalse"):
            self.radio.value = answer
        elif kind == "multiple":
            for i, box in self.boxes.items():
                box.value = answer is not None and i in answer
        elif kind in ("numeric", "text"):
            self.text.value = "" if answer is None else number_text(answer)
        elif kind == "ordering":
            self.moved = answer is not None
            self.order = list(self.start if answer is None else answer)
            self.moved_note.value = ""
            self._show_order()
        else:
            for i, select in enumerate(self.selects):
                picked = None if answer is None else answer[i]
                select.value = NO_CHOICE if picked is None else picked

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
            verdict = f"Partly right: {points_number(earned)} of {points_phrase(q.points)}."
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
