"""The quiz model: what an answer key may say, and the rules it must obey.

One answer key (YAML) becomes one `Quiz`. The JSON Schema shipped with the package is
generated from these classes (`quizbook schema`), so editors and the loader agree.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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


class QuestionBase(Strict):
    id: Id = Field(description="Stable id; responses and grades refer to it.")
    prompt: Markdown
    points: float = Field(1.0, gt=0)
    explanation: str | None = Field(None, description="Shown after the question is checked.")
    section: str | None = Field(
        None, description="Label of the book section the question tests (for 'reread')."
    )
    objective: int | None = Field(
        None, ge=1, description="Number of the chapter objective the question tests."
    )
    waive: Waivers = {}


class SingleChoice(QuestionBase):
    type: Literal["single"]
    choices: list[Choice] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_correct(self):
        n = sum(c.correct for c in self.choices)
        if n != 1:
            raise ValueError(f"choices: single choice needs exactly one correct choice, found {n}")
        _distinct([c.text for c in self.choices], "choices")
        return self


class MultipleChoice(QuestionBase):
    type: Literal["multiple"]
    choices: list[Choice] = Field(min_length=2)

    @model_validator(mode="after")
    def _some_correct(self):
        if not any(c.correct for c in self.choices):
            raise ValueError("choices: multiple choice needs at least one correct choice")
        _distinct([c.text for c in self.choices], "choices")
        return self


class TrueFalse(QuestionBase):
    type: Literal["truefalse"]
    answer: bool
    feedback_true: str | None = None
    feedback_false: str | None = None


class Numeric(QuestionBase):
    type: Literal["numeric"]
    answer: float | None = None
    tolerance: float = 0
    range: tuple[float, float] | None = Field(None, description="Inclusive [min, max].")
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


class ShortText(QuestionBase):
    type: Literal["text"]
    accepted: list[Annotated[str, Field(min_length=1)]] = Field(
        description="Accepted answers; compared ignoring case, diacritics, spaces and punctuation."
    )

    @model_validator(mode="after")
    def _has_answers(self):
        from .score import normalise_text

        if not self.accepted:
            raise ValueError("accepted: a text question needs at least one accepted answer")
        if any(not normalise_text(a) for a in self.accepted):
            raise ValueError("accepted: an accepted answer is blank")
        return self


class Ordering(QuestionBase):
    type: Literal["ordering"]
    items: list[Markdown] = Field(min_length=2, description="Listed in the correct order.")

    @model_validator(mode="after")
    def _distinct_items(self):
        _distinct(self.items, "items")
        return self


class Matching(QuestionBase):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct_sides(self):
        _distinct([p.left for p in self.pairs], "left items", "pairs")
        _distinct([p.right for p in self.pairs], "right items", "pairs")
        return self


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Numeric | ShortText | Ordering | Matching,
    Field(discriminator="type"),
]
QUESTION_TYPES = ("single", "multiple", "truefalse", "numeric", "text", "ordering", "matching")


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
        canon = json.dumps(
            self.model_dump(mode="json", exclude=unasked), sort_keys=True, ensure_ascii=False
        )
        return "sha256:" + hashlib.sha256(canon.encode()).hexdigest()[:16]


def _distinct(values: list[str], what: str, field: str | None = None) -> None:
    field = field or what
    seen = set()
    for v in values:
        if v in seen:
            raise ValueError(f"{field}: {what} must be distinct; '{v}' appears twice")
        seen.add(v)


def json_schema() -> dict:
    schema = Quiz.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "quizbook-quiz.schema.json"
    return schema
