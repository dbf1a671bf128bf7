"""The live quiz's controls, one class per question type, in one registry (`CONTROLS`).

A control is the part of a question a student answers with: it builds its widgets, reads
them back in its type's answer shape (see `score`), sets them from an answer, and names the
options an answer picked. It knows nothing of the quiz around it: the form (`widget`) gives
it a `Maker` for its widgets and the quiz's display order, and asks it; it never asks back.
"""

from __future__ import annotations

import random

import ipywidgets as widgets

from .layout import matching_options, ordering_start
from .markdown import render_inline
from .model import Matching, MultipleChoice, Numeric, Ordering, ShortText, SingleChoice, TrueFalse
from .plaintext import distinct_labels, inline_text
from .typed import number_text, parse_number
from .wording import say

WIDE = {"description_width": "initial"}
NO_CHOICE = -1  # the value of a matching question's "Choose…" option


class Maker:
    """Makes the widgets of one quiz and remembers them, so the quiz can close them all.
    Controls share their layout and style models (never changed after this), which keeps a
    quiz to a third of the models."""

    def __init__(self):
        self.made: list[widgets.Widget] = []
        self.shared: dict[tuple, widgets.Widget] = {}

    def __call__(self, cls, *classes: str, **kwargs):
        """A widget of class `cls` with the given CSS classes."""
        kwargs.setdefault("layout", self.share(widgets.Layout))
        style = cls.class_traits().get("style")
        if style is not None:
            kwargs["style"] = self.share(style.klass, **kwargs.get("style", {}))
        w = cls(**kwargs)
        for name in classes:
            w.add_class(name)
        self.made.append(w)
        return w

    def share(self, klass, **traits):
        """One model of `klass` with these traits for the whole quiz."""
        key = (klass, tuple(sorted(traits.items())))
        if key not in self.shared:
            self.shared[key] = klass(**traits)
        return self.shared[key]


class Control:
    """One question's answering widgets. `box` is placed on the form; `inputs` are disabled
    when the question locks."""

    def __init__(self, question, make: Maker, quiz, rng: random.Random):
        self.question = question
        self.make = make
        self.frozen = False  # locked: no more changes
        self.inputs: list[widgets.Widget] = []
        self.box = self.build(quiz, rng)

    def build(self, quiz, rng: random.Random) -> widgets.Widget:
        raise NotImplementedError

    def read(self):
        """The answer the widgets hold, in the type's answer shape, or None."""
        raise NotImplementedError

    def write(self, answer) -> None:
        """Set the widgets from an answer (None clears them)."""
        raise NotImplementedError

    def touch(self) -> None:
        """A check was asked for: what is shown now counts as an answer."""

    def unreadable(self) -> str | None:
        """Why what was entered is no answer (a wording name), when something was."""
        return None

    def option_label(self, key: str) -> str:
        """The HTML label of a picked option, keyed as `choice_feedback` keys it."""
        raise NotImplementedError

    def freeze(self) -> None:
        self.frozen = True
        for control in self.inputs:
            control.disabled = True

    def _auto(self) -> widgets.Layout:
        return self.make.share(widgets.Layout, width="auto")

    def _radio(self, options: list[tuple]) -> widgets.RadioButtons:
        radio = self.make(
            widgets.RadioButtons,
            "qb-live-choices",
            options=options,
            value=None,
            layout=self._auto(),
        )
        self.inputs = [radio]
        return radio


class ChoiceControl(Control):
    """Options shown in key order, or shuffled when the quiz asks; values stay key indices."""

    def shown_order(self, quiz, rng: random.Random) -> list[int]:
        order = list(range(len(self.question.choices)))
        if quiz.shuffle:
            rng.shuffle(order)
        return order

    def labels(self, order: list[int]) -> list[str]:
        return distinct_labels([inline_text(self.question.choices[i].text) for i in order])

    def option_label(self, key: str) -> str:
        return render_inline(self.question.choices[int(key)].text)


class SingleControl(ChoiceControl):
    def build(self, quiz, rng):
        order = self.shown_order(quiz, rng)
        options = list(zip(self.labels(order), order, strict=True))
        self.radio = self._radio(options)
        return self.radio

    def read(self):
        return self.radio.value

    def write(self, answer) -> None:
        self.radio.value = answer


class MultipleControl(ChoiceControl):
    def build(self, quiz, rng):
        order = self.shown_order(quiz, rng)
        self.boxes = {
            i: self.make(
                widgets.Checkbox,
                "qb-live-choice",
                value=False,
                description=label,
                indent=False,
                layout=self._auto(),
            )
            for label, i in zip(self.labels(order), order, strict=True)
        }
        self.inputs = [self.boxes[i] for i in order]
        return self.make(widgets.VBox, "qb-live-choices", children=self.inputs)

    def read(self):
        return sorted(i for i, box in self.boxes.items() if box.value) or None

    def write(self, answer) -> None:
        for i, box in self.boxes.items():
            box.value = answer is not None and i in answer


class TrueFalseControl(Control):
    def build(self, quiz, rng):
        options = [(say("true"), True), (say("false"), False)]
        self.radio = self._radio(options)
        return self.radio

    def read(self):
        return self.radio.value

    def write(self, answer) -> None:
        self.radio.value = answer

    def option_label(self, key: str) -> str:
        return say(key)  # "true" or "false"


class TypedControl(Control):
    """A text field: what is typed, read as the type reads it."""

    placeholder = "type_an_answer"

    def build(self, quiz, rng):
        self.text = self.make(
            widgets.Text,
            "qb-live-answer",
            value="",
            description=self.label(),
            placeholder=say(self.placeholder),
            style=WIDE,
        )
        self.inputs = [self.text]
        return self.text

    def label(self) -> str:
        return say("your_answer")

    def write(self, answer) -> None:
        self.text.value = "" if answer is None else number_text(answer)


class NumericControl(TypedControl):
    placeholder = "type_a_number"

    def label(self) -> str:
        unit = self.question.unit
        return say("your_answer_unit", unit=unit) if unit else say("your_answer")

    def read(self):
        return parse_number(self.text.value)

    def unreadable(self) -> str | None:
        return "not_a_number"


class TextControl(TypedControl):
    def read(self):
        return self.text.value if self.text.value.strip() else None


class OrderingControl(Control):
    """Items in a list, moved with buttons; an ordering counts as answered once moved or
    checked, since its first order is itself an answer."""

    def build(self, quiz, rng):
        self.start = ordering_start(quiz, self.question)
        self.order = list(self.start)
        self.moved = False
        self.rows = []
        boxes = []
        for position in range(len(self.question.items)):
            label = self.make(widgets.HTML, "qb-live-item")
            up = self.make(widgets.Button, "qb-live-up", description=say("move_up"))
            down = self.make(widgets.Button, "qb-live-down", description=say("move_down"))
            up.on_click(lambda _b, p=position: self.move(p, -1))
            down.on_click(lambda _b, p=position: self.move(p, +1))
            self.rows.append((label, up, down))
            self.inputs += [up, down]
            boxes.append(self.make(widgets.HBox, "qb-live-row", children=[label, up, down]))
        self.moved_note = self.make(widgets.HTML, "qb-live-moved")
        self._show_order()
        return self.make(widgets.VBox, "qb-live-order", children=[*boxes, self.moved_note])

    def read(self):
        return list(self.order) if self.moved else None

    def write(self, answer) -> None:
        self.moved = answer is not None
        self.order = list(self.start if answer is None else answer)
        self.moved_note.value = ""
        self._show_order()

    def touch(self) -> None:
        self.moved = True

    def move(self, position: int, step: int) -> None:
        """Swap the item at `position` with its neighbour, and say where it went."""
        if self.frozen:
            return
        items, n = self.question.items, len(self.order)
        name = render_inline(items[self.order[position]])
        target = position + step
        if not 0 <= target < n:
            edge = "already_first" if step < 0 else "already_last"
            self.moved_note.value = f"<p>{say(edge, item=name)}</p>"
            return
        self.order[position], self.order[target] = self.order[target], self.order[position]
        self.moved = True
        self._show_order()
        said = say("moved_live", item=name, position=target + 1, count=n)
        self.moved_note.value = f"<p>{said}</p>"

    def _show_order(self) -> None:
        items = self.question.items
        for position, (label, up, down) in enumerate(self.rows):
            item = items[self.order[position]]
            label.value = f"{position + 1}. {render_inline(item)}"
            up.tooltip = say("move_up_item", item=inline_text(item))
            down.tooltip = say("move_down_item", item=inline_text(item))


class MatchingControl(Control):
    """One dropdown per left item, offering the right items in the quiz's display order."""

    def build(self, quiz, rng):
        offered = matching_options(quiz, self.question)
        pairs = self.question.pairs
        labels = distinct_labels([inline_text(pairs[j].right) for j in offered])
        # not None: ipywidgets reads a value of None as "nothing selected" (a blank box)
        options = [(say("choose"), NO_CHOICE), *zip(labels, offered, strict=True)]
        self.selects = [
            self.make(
                widgets.Dropdown,
                "qb-live-pair",
                options=options,
                value=NO_CHOICE,
                description=render_inline(pair.left),
                description_allow_html=True,
                style=WIDE,
            )
            for pair in pairs
        ]
        self.inputs = list(self.selects)
        return self.make(widgets.VBox, "qb-live-pairs", children=self.selects)

    def read(self):
        picked = [None if s.value == NO_CHOICE else s.value for s in self.selects]
        return picked if any(p is not None for p in picked) else None

    def write(self, answer) -> None:
        for i, select in enumerate(self.selects):
            picked = None if answer is None else answer[i]
            select.value = NO_CHOICE if picked is None else picked


CONTROLS: dict[type, type[Control]] = {
    SingleChoice: SingleControl,
    MultipleChoice: MultipleControl,
    TrueFalse: TrueFalseControl,
    Numeric: NumericControl,
    ShortText: TextControl,
    Ordering: OrderingControl,
    Matching: MatchingControl,
}


def control_for(question, make: Maker, quiz, rng: random.Random) -> Control:
    return CONTROLS[type(question)](question, make, quiz, rng)
