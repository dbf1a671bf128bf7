"""The quiz model: what an answer key may say, and the rules it must obey.

One answer key (YAML) becomes one `Quiz`. The JSON Schema shipped with the package is
generated from these classes (`quizbook schema`), so editors and the loader agree.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .score import (
    AnswerError,
    all_or_nothing,
    check_bool,
    check_index,
    check_indices,
    check_number,
    check_text,
    just_outside,
    longest_ordered_run,
    matched_share,
    net_correct,
    ordered_share,
    text_matches,
    within,
)
from .typed import normalise_text, number_text

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Markdown = Annotated[str, Field(min_length=1)]
Reason = Annotated[str, Field(min_length=1, pattern=r"\S")]
Waivers = Annotated[
    dict[Id, Reason],
    Field(
        description="Item-writing checks silenced here, by check name, each with the reason"
        " (`quizbook validate` shows it)."
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    text: Markdown
    correct: bool = False
    feedback: str | None = Field(None, description="Shown when this choice is picked.")


class Pair(Strict):
    left: Markdown
    right: Markdown


# A question type is one class below, and all it knows is here: the fields of its key, the
# rules the key must obey, the shape of an answer (`check_answer`), its score (`share`), the
# answers the key counts right (`key_answers`) and those just wrong (`wrong_answers`), the
# feedback a picked option carries (`choice_feedback`), and which parts of an answer were
# right (`marks`). Faces and other consumers ask the question; none switches on its type.


class QuestionBase(Strict):
    id: Id = Field(description="Stable id; responses and grades refer to it.")
    prompt: Markdown
    points: float = Field(1.0, gt=0, allow_inf_nan=False)
    explanation: str | None = Field(None, description="Shown after the question is checked.")
    section: str | None = Field(
        None, description="Label of the book section the question tests (for 'reread')."
    )
    objective: int | None = Field(
        None, ge=1, description="Number of the chapter objective the question tests."
    )
    waive: Waivers = {}

    # A statement the student judges true or false (its options are True and False).
    is_statement: ClassVar[bool] = False

    def choices_offered(self) -> list[Choice]:
        """The choices a student picks among, each marked right or not; none for a type
        that offers none."""
        return []

    def shown_texts(self) -> list[str]:
        """The texts (Markdown) a student sees besides the prompt before answering: the
        choices, items or pairs."""
        return [c.text for c in self.choices_offered()]

    def check_answer(self, answer) -> None:
        """Raise `score.AnswerError` unless `answer` has the shape this type needs."""
        raise NotImplementedError

    def share(self, answer) -> float:
        """The share of the points a well-formed answer earns, 0 to 1."""
        raise NotImplementedError

    def key_answers(self) -> list:
        """Every answer the key counts right (each accepted text, both ends of a range);
        the first is the key's own answer."""
        raise NotImplementedError

    def wrong_answers(self) -> list:
        """Answers just wrong, in a fixed order, without repeats: each wrong option, each
        near miss. The self-check tries them all."""
        raise NotImplementedError

    def choice_feedback(self) -> dict[str, str]:
        """Feedback (Markdown) by picked option, keyed by the option's value as JSON text
        ("0", "1", or "true", "false")."""
        return {}

    def picked(self, answer) -> list[str]:
        """The options an answer picks, keyed as in `choice_feedback`."""
        return []

    def feedback_for(self, answer) -> list[tuple[str, str]]:
        """(option key, feedback) for each option the answer picks that has feedback."""
        said = self.choice_feedback()
        return [(key, said[key]) for key in self.picked(answer) if key in said]

    def marks(self, answer) -> list[tuple[str, str]]:
        """Which parts of an answer were right: (mark, part's Markdown) for each part, the
        mark one of MARKS. Empty for a type that has no parts."""
        return []

    def answer_text(self, answer) -> str:
        """A well-formed answer as Markdown a reader can follow (feedback, reports)."""
        raise NotImplementedError

    def listed(self) -> list[int]:
        """The order in which a page that must not give the answer away (an assessed quiz)
        lists the items whose key order is the answer: none for most types."""
        return []

    def key_echoes(self) -> list[tuple[str, ...]]:
        """The key's answer as texts another question of the quiz could show, each a group
        whose texts would all have to appear (a pair's two sides). None where the answer is
        an option or a statement: the item-writing checks read those directly."""
        return []

    def facts_shown(self) -> list[str]:
        """Texts besides the prompt that the question presents as true (an ordering's
        events): what it says there may answer another question."""
        return []

    def from_listed(self, answer):
        """An answer that counts items as `listed()` lists them, in the key's terms."""
        return answer

    def key_text(self) -> str:
        """The key's answer, as `answer_text` writes an answer."""
        return self.answer_text(self.key_answers()[0])


# What `marks` can say about one part of an answer.
MARKS = ("right", "wrong", "missed", "placed", "misplaced")


class SingleChoice(QuestionBase):
    type: Literal["single"]
    choices: list[Choice] = Field(min_length=2)

    def choices_offered(self) -> list[Choice]:
        return self.choices

    @model_validator(mode="after")
    def _one_correct(self):
        n = sum(c.correct for c in self.choices)
        if n != 1:
            raise ValueError(f"choices: single choice needs exactly one correct choice, found {n}")
        _distinct([c.text for c in self.choices], "choices")
        return self

    @property
    def correct_index(self) -> int:
        return next(i for i, c in enumerate(self.choices) if c.correct)

    def check_answer(self, answer) -> None:
        check_index(answer, len(self.choices))

    def share(self, answer) -> float:
        return all_or_nothing(self.choices[answer].correct)

    def key_answers(self) -> list:
        return [self.correct_index]

    def wrong_answers(self) -> list:
        return [i for i, c in enumerate(self.choices) if not c.correct]

    def choice_feedback(self) -> dict[str, str]:
        return _by_index(self.choices)

    def picked(self, answer) -> list[str]:
        return [str(answer)]

    def answer_text(self, answer) -> str:
        return self.choices[answer].text


class MultipleChoice(QuestionBase):
    type: Literal["multiple"]
    choices: list[Choice] = Field(min_length=2)

    def choices_offered(self) -> list[Choice]:
        return self.choices

    @model_validator(mode="after")
    def _some_correct(self):
        if not any(c.correct for c in self.choices):
            raise ValueError("choices: multiple choice needs at least one correct choice")
        _distinct([c.text for c in self.choices], "choices")
        return self

    @property
    def correct_indices(self) -> list[int]:
        return [i for i, c in enumerate(self.choices) if c.correct]

    def check_answer(self, answer) -> None:
        check_indices(answer, len(self.choices))

    def share(self, answer) -> float:
        return net_correct(answer, set(self.correct_indices))

    def key_answers(self) -> list:
        return [self.correct_indices]

    def wrong_answers(self) -> list:
        """Each wrong choice added to the key, each right one left out, and all wrong ones
        (nothing, if every choice is right)."""
        right = self.correct_indices
        wrong = [i for i, c in enumerate(self.choices) if not c.correct]
        tries = [sorted([*right, w]) for w in wrong]
        tries += [[r for r in right if r != gone] for gone in right]
        tries.append(wrong)
        return _unique([t or None for t in tries])

    def choice_feedback(self) -> dict[str, str]:
        return _by_index(self.choices)

    def picked(self, answer) -> list[str]:
        return [str(i) for i in answer]

    def answer_text(self, answer) -> str:
        return "; ".join(self.choices[i].text for i in answer)

    def marks(self, answer) -> list[tuple[str, str]]:
        """Each choice picked, right or wrong, and each right choice missed."""
        chosen = set(answer)
        out = []
        for i, choice in enumerate(self.choices):
            if i in chosen:
                out.append(("right" if choice.correct else "wrong", choice.text))
            elif choice.correct:
                out.append(("missed", choice.text))
        return out


class TrueFalse(QuestionBase):
    type: Literal["truefalse"]
    answer: bool
    feedback_true: str | None = None
    feedback_false: str | None = None

    is_statement: ClassVar[bool] = True

    def check_answer(self, answer) -> None:
        check_bool(answer)

    def share(self, answer) -> float:
        return all_or_nothing(answer == self.answer)

    def key_answers(self) -> list:
        return [self.answer]

    def wrong_answers(self) -> list:
        return [not self.answer]

    def choice_feedback(self) -> dict[str, str]:
        said = {"true": self.feedback_true, "false": self.feedback_false}
        return {key: text for key, text in said.items() if text}

    def picked(self, answer) -> list[str]:
        return [json.dumps(answer)]

    def answer_text(self, answer) -> str:
        return "True" if answer else "False"


Finite = Annotated[float, Field(allow_inf_nan=False)]


class Numeric(QuestionBase):
    type: Literal["numeric"]
    answer: Finite | None = None
    tolerance: Finite = 0
    range: tuple[Finite, Finite] | None = Field(None, description="Inclusive [min, max].")
    unit: str | None = None

    @model_validator(mode="after")
    def _answer_or_range(self):
        if (self.answer is None) == (self.range is None):
            raise ValueError("numeric needs either 'answer' (with optional 'tolerance') or 'range'")
        if self.tolerance < 0:
            raise ValueError(f"tolerance: must not be negative, got {self.tolerance:g}")
        if self.range is not None:
            if self.tolerance:
                raise ValueError("tolerance: goes with 'answer', not with 'range'")
            if self.range[0] > self.range[1]:
                raise ValueError(
                    f"range: minimum {self.range[0]:g} exceeds maximum {self.range[1]:g}"
                )
        return self

    def bounds(self) -> tuple[float, float]:
        if self.range is not None:
            return self.range
        return (self.answer - self.tolerance, self.answer + self.tolerance)

    def check_answer(self, answer) -> None:
        check_number(answer)

    def share(self, answer) -> float:
        return all_or_nothing(within(answer, *self.bounds()))

    def key_answers(self) -> list:
        return [self.answer] if self.range is None else _unique(list(self.range))

    def wrong_answers(self) -> list:
        return list(just_outside(*self.bounds()))

    def answer_text(self, answer) -> str:
        return number_text(answer) + (f" {self.unit}" if self.unit else "")

    def key_text(self) -> str:
        low, high = self.bounds()
        if low == high:
            return self.answer_text(low)
        return f"{number_text(low)}–{self.answer_text(high)}"

    def key_echoes(self) -> list[tuple[str, ...]]:
        return [(number_text(self.answer),)] if self.answer is not None else []


class ShortText(QuestionBase):
    type: Literal["text"]
    accepted: list[Annotated[str, Field(min_length=1)]] = Field(
        description="Accepted answers; compared ignoring case, diacritics, spaces and punctuation."
    )

    @model_validator(mode="after")
    def _has_answers(self):
        if not self.accepted:
            raise ValueError("accepted: a text question needs at least one accepted answer")
        if any(not normalise_text(a) for a in self.accepted):
            raise ValueError("accepted: an accepted answer is blank")
        return self

    def check_answer(self, answer) -> None:
        check_text(answer)

    def share(self, answer) -> float:
        return all_or_nothing(text_matches(answer, self.accepted))

    def key_answers(self) -> list:
        return list(self.accepted)

    def wrong_answers(self) -> list:
        """A blank answer, and one that no accepted answer matches."""
        taken = {normalise_text(a) for a in self.accepted}
        candidate = f"not {self.accepted[0]}"
        while normalise_text(candidate) in taken:
            candidate += " really"
        return ["", candidate]

    def answer_text(self, answer) -> str:
        return answer

    def key_text(self) -> str:
        return " / ".join(self.accepted)

    def key_echoes(self) -> list[tuple[str, ...]]:
        return [(accepted,) for accepted in self.accepted]


class Ordering(QuestionBase):
    type: Literal["ordering"]
    items: list[Markdown] = Field(min_length=2, description="Listed in the correct order.")

    @model_validator(mode="after")
    def _distinct_items(self):
        _distinct(self.items, "items")
        return self

    def check_answer(self, answer) -> None:
        check_indices(answer, len(self.items))
        if len(answer) != len(self.items):
            raise AnswerError(f"expected all {len(self.items)} items in some order")

    def share(self, answer) -> float:
        return ordered_share(answer)

    def key_answers(self) -> list:
        return [list(range(len(self.items)))]

    def wrong_answers(self) -> list:
        """The key reversed, and each neighbouring pair swapped."""
        key = list(range(len(self.items)))
        tries = [key[::-1]]
        for i in range(len(key) - 1):
            swapped = list(key)
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
            tries.append(swapped)
        return _unique(tries)

    def shown_texts(self) -> list[str]:
        return list(self.items)

    def answer_text(self, answer) -> str:
        return " → ".join(self.items[i] for i in answer)

    def listed(self) -> list[int]:
        return _by_text(self.items)

    def from_listed(self, answer):
        listed = self.listed()
        return [listed[i] for i in answer]

    def facts_shown(self) -> list[str]:
        return list(self.items)

    def marks(self, answer) -> list[tuple[str, str]]:
        """Each item in the order given: placed if it is in the longest run that scoring
        counts, misplaced if not (all misplaced when that run is a single item)."""
        run = longest_ordered_run(answer)
        kept = set(run) if len(run) >= 2 else set()
        return [
            ("placed" if at in kept else "misplaced", self.items[item])
            for at, item in enumerate(answer)
        ]


class Matching(QuestionBase):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct_sides(self):
        _distinct([p.left for p in self.pairs], "left items", "pairs")
        _distinct([p.right for p in self.pairs], "right items", "pairs")
        return self

    def check_answer(self, answer) -> None:
        if not isinstance(answer, list) or len(answer) != len(self.pairs):
            raise AnswerError(f"expected a list of {len(self.pairs)} choices (or null)")
        for picked in answer:
            if picked is not None:
                check_index(picked, len(self.pairs))

    def share(self, answer) -> float:
        return matched_share(answer)

    def key_answers(self) -> list:
        return [list(range(len(self.pairs)))]

    def wrong_answers(self) -> list:
        """Every rotation of the right-hand column."""
        n = len(self.pairs)
        return _unique([[(i + k) % n for i in range(n)] for k in range(1, n)])

    def shown_texts(self) -> list[str]:
        return [text for pair in self.pairs for text in (pair.left, pair.right)]

    def answer_text(self, answer) -> str:
        return "; ".join(
            f"{pair.left} → {self.pairs[picked].right if picked is not None else '—'}"
            for pair, picked in zip(self.pairs, answer, strict=True)
        )

    def listed(self) -> list[int]:
        """The right-hand items, which the student matches; the left stay in key order."""
        return _by_text([pair.right for pair in self.pairs])

    def from_listed(self, answer):
        listed = self.listed()
        return [listed[i] if i is not None else None for i in answer]

    def key_echoes(self) -> list[tuple[str, ...]]:
        return [(pair.left, pair.right) for pair in self.pairs]

    def marks(self, answer) -> list[tuple[str, str]]:
        """Each row, by its left item: right if matched with its partner."""
        return [
            ("right" if picked == i else "wrong", pair.left)
            for i, (pair, picked) in enumerate(zip(self.pairs, answer, strict=True))
        ]


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Numeric | ShortText | Ordering | Matching,
    Field(discriminator="type"),
]
QUESTION_CLASSES: tuple[type[QuestionBase], ...] = get_args(get_args(Question)[0])
QUESTION_TYPES = tuple(get_args(c.model_fields["type"].annotation)[0] for c in QUESTION_CLASSES)


class Quiz(Strict):
    id: Id
    title: Markdown
    mode: Literal["practice", "assessed"] = Field(
        "practice", description="practice: feedback shown; assessed: answers collected only."
    )
    shuffle: bool = Field(False, description="Show choices in a different order to each student.")
    attempts: int = Field(0, ge=0, description="Checks allowed per question; 0 means unlimited.")
    waive: Waivers = {}
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self):
        seen = set()
        for q in self.questions:
            if q.id in seen:
                raise ValueError(f"duplicate question id '{q.id}'")
            seen.add(q.id)
        return self

    @property
    def total_points(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, qid: str):
        return next(q for q in self.questions if q.id == qid)

    def content_hash(self) -> str:
        """A short, stable fingerprint of the key: a response records which key it answered.
        Waivers of item-writing checks are notes on the key, not part of what was asked."""
        unasked = {"waive": True, "questions": {"__all__": {"waive"}}}
        return "sha256:" + canonical_hash(self.model_dump(mode="json", exclude=unasked))[:16]


def canonical_hash(data) -> str:
    """SHA-256 (hex) of JSON data written canonically: sorted keys, UTF-8."""
    canon = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canon.encode()).hexdigest()


def _by_text(texts: list[str]) -> list[int]:
    """Indices of `texts` in alphabetical order: an order that says nothing of the key's."""
    return sorted(range(len(texts)), key=lambda i: (normalise_text(texts[i]), texts[i]))


def _distinct(values: list[str], what: str, field: str | None = None) -> None:
    field = field or what
    seen = set()
    for v in values:
        if v in seen:
            raise ValueError(f"{field}: {what} must be distinct; '{v}' appears twice")
        seen.add(v)


def _by_index(choices: list[Choice]) -> dict[str, str]:
    return {str(i): c.feedback for i, c in enumerate(choices) if c.feedback}


def _unique(tries: list) -> list:
    seen, out = set(), []
    for t in tries:
        mark = json.dumps(t)
        if mark not in seen:
            seen.add(mark)
            out.append(t)
    return out


def json_schema() -> dict:
    schema = Quiz.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "quizbook-quiz.schema.json"
    return schema
