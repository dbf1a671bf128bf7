"""jupyterquiz JSON, both ways: a key becomes a list of jupyterquiz questions that
`jupyterquiz.display_quiz("file.json")` shows, and a jupyterquiz file becomes a key.

jupyterquiz has four types: `multiple_choice` (one right answer; a true/false statement
is one with the answers True and False), `many_choice`, `numeric` and `string`. It has no
ordering or matching question, keeps no score (so points are not used), and no
explanation: the explanation is added to the feedback of the right answer(s).

Its texts are HTML that it writes into the page after turning `$…$` into maths and
`[text](url)` into links, so a `$` or `[` of the key's text is written as an HTML entity.
quizbook's own fields that jupyterquiz ignores (id, points, explanation, section,
objective) ride along in each question's `quizbook` object, so that importing an
exported file gives the key back.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ..load import QUESTION, KeyProblems, Problem, parse_quiz
from ..markdown import render, render_inline
from ..model import MultipleChoice, Numeric, ShortText, SingleChoice, TrueFalse
from ..wording import say
from .common import Key, Notes, writer_for
from .html_markdown import to_markdown
from .settings import note_loose_text, note_settings, note_unit

NAME = "jupyterquiz"
SUFFIX = ".json"
EXTRA = "quizbook"  # the key's own fields, which jupyterquiz ignores


# -- export -----------------------------------------------------------------------------------


def shown(html: str) -> str:
    """HTML as jupyterquiz must get it: no `$` or `[` for it to read as maths or links."""
    return html.replace("$", "&#36;").replace("[", "&#91;")


def block(markdown: str) -> str:
    return shown(render(markdown))


def inline(markdown: str) -> str:
    return shown(render_inline(markdown))


def right_feedback(q, own: str | None) -> str | None:
    """The feedback of a right answer: its own, then the question's explanation."""
    parts = [block(text) for text in (own, q.explanation) if text]
    return "\n".join(parts) or None


def choice(text_html: str, correct: bool, feedback: str | None) -> dict:
    answer = {"answer": text_html, "correct": correct}
    if feedback:
        answer["feedback"] = feedback
    return answer


def _choices(q, kind: str) -> dict:
    answers = [
        choice(
            inline(c.text),
            c.correct,
            right_feedback(q, c.feedback) if c.correct else c.feedback and block(c.feedback),
        )
        for c in q.choices
    ]
    return {"type": kind, "answers": answers}


def _single(q: SingleChoice, notes: Notes) -> dict:
    return _choices(q, "multiple_choice")


def _multiple(q: MultipleChoice, notes: Notes) -> dict:
    return _choices(q, "many_choice")


def _true_false(q: TrueFalse, notes: Notes) -> dict:
    answers = []
    for value, label, own in ((True, "true", q.feedback_true), (False, "false", q.feedback_false)):
        right = value == q.answer
        said = right_feedback(q, own) if right else own and block(own)
        answers.append(choice(say(label), right, said))
    return {"type": "multiple_choice", "answers": answers}


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


def _numeric(q: Numeric, notes: Notes) -> dict:
    """A value, or a range [low, high) with the value high beside it: jupyterquiz's range
    leaves out its upper end, quizbook's keeps it."""
    note_unit(q, notes)
    said = right_feedback(q, None) or say("correct")
    low, high = q.bounds()
    if low == high:
        answers = [{"type": "value", "value": _number(low), "correct": True, "feedback": said}]
    else:
        answers = [
            {"type": "range", "range": [_number(low), _number(high)], "correct": True,
             "feedback": said},
            {"type": "value", "value": _number(high), "correct": True, "feedback": said},
        ]  # fmt: skip
    return {"type": "numeric", "answers": answers}


def _text(q: ShortText, notes: Notes) -> dict:
    note_loose_text(q, notes, "ignoring case and surrounding spaces only")
    said = right_feedback(q, None)
    answers = []
    for accepted in q.accepted:
        answer = {"answer": accepted, "correct": True, "match_case": False}
        if said:
            answer["feedback"] = said
        answers.append(answer)
    return {"type": "string", "answers": answers}


WRITERS = {
    SingleChoice: _single,
    MultipleChoice: _multiple,
    TrueFalse: _true_false,
    Numeric: _numeric,
    ShortText: _text,
}


def own_fields(q) -> dict:
    fields = {"id": q.id}
    if q.points != 1:
        fields["points"] = q.points
    for name in ("explanation", "section", "objective"):
        if getattr(q, name) is not None:
            fields[name] = getattr(q, name)
    return fields


def render_key(key: Key, notes: Notes) -> bytes:
    shuffle = "True" if key.quiz.shuffle else "False"
    note_settings(notes, shuffle_hint=f"call display_quiz(…, shuffle_answers={shuffle})")
    if any(q.points != 1 for q in key.quiz.questions):
        notes.quiz("keeps no score: points are not used")
    questions = []
    for q in key.quiz.questions:
        writer = writer_for(WRITERS, q, notes)
        if writer:
            written = writer(q, notes)
            questions.append({"question": block(q.prompt), **written, EXTRA: own_fields(q)})
    return (json.dumps(questions, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# -- import -----------------------------------------------------------------------------------


class Reading:
    """One jupyterquiz file being read: its problems, and where each question stands."""

    def __init__(self, path: str, lines: list[int]):
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []

    def note(self, index: int, what: str):
        line = self.lines[index] if index < len(self.lines) else 1
        problem = Problem(self.path, line, f"question {index + 1}", what)
        if problem not in self.problems:
            self.problems.append(problem)


def markdown(html: str, reading: Reading, index: int, what: str) -> str:
    html = str(html)
    text, dropped = to_markdown(html)
    if dropped:
        tags = ", ".join(f"<{t}>" for t in dropped)
        reading.note(index, f"{what}: the HTML {tags} is not carried; its text is kept")
    if "$" in html:
        reading.note(index, f"{what}: quizbook shows $…$ as typed, not as maths")
    return text


def _answers(raw: dict, reading: Reading, index: int) -> list[dict] | None:
    answers = raw.get("answers")
    if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
        reading.note(index, "'answers' must be a list of objects; question left out")
        return None
    return answers


def _without_explanation(feedback: str | None, explanation_html: str | None) -> str | None:
    if not feedback or not explanation_html:
        return feedback
    if feedback == explanation_html:
        return None
    return (
        feedback.removesuffix("\n" + explanation_html)
        if feedback.endswith(explanation_html)
        else feedback
    )


def _read_choices(raw: dict, reading: Reading, index: int, own: dict) -> dict | None:
    answers = _answers(raw, reading, index)
    if answers is None:
        return None
    explained = block(own["explanation"]) if own.get("explanation") else None
    choices = []
    for a in answers:
        text = markdown(a.get("answer", ""), reading, index, "answer")
        if a.get("code"):
            reading.note(index, "an answer's code block is written as inline code")
            text = (text + " " if text else "") + "`" + str(a["code"]).replace("`", "'") + "`"
        entry = {"text": text, "correct": a.get("correct") is True}
        if not entry["correct"]:
            del entry["correct"]
        said = a.get("feedback")
        if entry.get("correct"):
            said = _without_explanation(said, explained)
        if said:
            entry["feedback"] = markdown(said, reading, index, "feedback")
        choices.append(entry)
    right = sum(c.get("correct", False) for c in choices)
    if raw["type"] == "multiple_choice" and right == 1:
        return _true_false_from(choices) or {"type": "single", "choices": choices}
    if raw["type"] == "multiple_choice" and right > 1:
        reading.note(index, f"multiple_choice with {right} right answers becomes a multiple-choice"
                     " question (jupyterquiz shows it as many_choice)")  # fmt: skip
    return {"type": "multiple", "choices": choices}


def _true_false_from(choices: list[dict]) -> dict | None:
    """Two answers, True and False: a true/false statement."""
    by_text = {c["text"]: c for c in choices}
    if len(choices) != 2 or set(by_text) != {say("true"), say("false")}:
        return None
    statement = {"type": "truefalse", "answer": by_text[say("true")].get("correct", False)}
    for label in ("true", "false"):
        if by_text[say(label)].get("feedback"):
            statement[f"feedback_{label}"] = by_text[say(label)]["feedback"]
    return statement


def _numbers(values) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _read_numeric(raw: dict, reading: Reading, index: int, own: dict) -> dict | None:
    """The first right answer: a value, or a range [low, high) (with the value high beside
    it, as quizbook writes an inclusive range)."""
    answers = _answers(raw, reading, index)
    if answers is None:
        return None
    if "precision" in raw:
        reading.note(index, "'precision' (rounding a typed number) is not carried")
    right = [a for a in answers if a.get("correct") is True and ("value" in a or "range" in a)]
    if not right:
        reading.note(index, "has no right answer; question left out")
        return None
    first, rest = right[0], right[1:]
    if "range" in first:
        bounds = first["range"]
        if not (isinstance(bounds, list) and len(bounds) == 2 and _numbers(bounds)):
            reading.note(index, "a range must be two numbers; question left out")
            return None
        question = {"type": "numeric", "range": bounds}
        if rest and rest[0].get("value") == bounds[1]:
            rest = rest[1:]
        else:
            reading.note(index, "jupyterquiz's range leaves out its upper end; quizbook's keeps it")
    elif _numbers([first["value"]]):
        question = {"type": "numeric", "answer": first["value"]}
    else:
        reading.note(index, "a value must be a number; question left out")
        return None
    if rest:
        reading.note(index, "only the first right answer is kept")
    _note_wrong_answers(answers, reading, index)
    _explanation_from(answers, reading, index, own)
    return question


def _note_wrong_answers(answers: list[dict], reading: Reading, index: int):
    if any(a.get("correct") is False for a in answers):
        reading.note(index, "wrong answers and their feedback are not carried")
    if any(a.get("type") == "default" for a in answers):
        reading.note(index, "the default feedback for a wrong answer is not carried")


def _explanation_from(answers: list[dict], reading: Reading, index: int, own: dict):
    """The feedback every right answer shows becomes the explanation, unless the key's
    own fields carry one."""
    if "explanation" in own:
        return
    said = {a.get("feedback") for a in answers if a.get("correct") is True}
    said.discard(None)
    said.discard(say("correct"))
    if len(said) == 1:
        own["explanation"] = markdown(said.pop(), reading, index, "feedback")
    elif said:
        reading.note(index, "right answers with different feedback: none is kept")


def _read_string(raw: dict, reading: Reading, index: int, own: dict) -> dict | None:
    answers = _answers(raw, reading, index)
    if answers is None:
        return None
    right = [a for a in answers if a.get("correct") is True and isinstance(a.get("answer"), str)]
    if not right:
        reading.note(index, "has no right answer; question left out")
        return None
    if any(a.get("match_case") for a in right):
        reading.note(index, "'match_case' is not carried: quizbook ignores case")
    if any(a.get("fuzzy_threshold") for a in right):
        reading.note(index, "'fuzzy_threshold' (near misses) is not carried")
    _note_wrong_answers(answers, reading, index)
    _explanation_from(answers, reading, index, own)
    return {"type": "text", "accepted": [a["answer"].strip() for a in right]}


READERS = {
    "multiple_choice": _read_choices,
    "many_choice": _read_choices,
    "numeric": _read_numeric,
    "string": _read_string,
}
OWN_FIELDS = ("id", "points", "explanation", "section", "objective")


def _read_question(raw, reading: Reading, index: int, taken: set[str]) -> dict | None:
    if not isinstance(raw, dict):
        reading.note(index, "a question must be an object; question left out")
        return None
    reader = READERS.get(raw.get("type"))
    if reader is None:
        reading.note(index, f"unknown type {raw.get('type')!r}; expected one of"
                     f" {', '.join(READERS)}; question left out")  # fmt: skip
        return None
    if not isinstance(raw.get("question"), str):
        reading.note(index, "'question' must be a string; question left out")
        return None
    if not raw["question"].strip():
        reading.note(index, "the question text is empty; quizbook needs one; question left out")
        return None
    for name in ("answer_cols", "input_width"):
        if name in raw:
            reading.note(index, f"'{name}' (layout) is not carried")
    extra = raw.get(EXTRA) if isinstance(raw.get(EXTRA), dict) else {}
    own = {k: extra[k] for k in OWN_FIELDS if k in extra}
    qid = own.pop("id", None)
    if not isinstance(qid, str) or qid in taken:
        qid = f"q{index + 1}"
    prompt = markdown(raw["question"], reading, index, "question")
    if raw.get("code"):
        reading.note(index, "the question's code block is written into the prompt")
        prompt += "\n\n```\n" + str(raw["code"]).rstrip("\n") + "\n```"
    body = reader(raw, reading, index, own)
    if body is None:
        return None
    explanation = own.pop("explanation", None)
    question = {"id": qid, "type": body.pop("type"), **own, "prompt": prompt, **body}
    if explanation is not None:
        question["explanation"] = explanation
    try:
        QUESTION.validate_python(question)
    except ValidationError as err:
        first = err.errors()[0]
        reading.note(index, f"{first['msg'].removeprefix('Value error, ')}; question left out")
        return None
    taken.add(qid)
    return question


def question_lines(text: str, count: int) -> list[int]:
    """The line on which each question of a JSON list starts."""
    decoder, lines, at = json.JSONDecoder(), [], text.index("[") + 1
    for _ in range(count):
        while text[at] in " \t\r\n,":
            at += 1
        lines.append(text.count("\n", 0, at) + 1)
        at = decoder.raw_decode(text, at)[1]
    return lines


def read_file(path: str | Path) -> tuple[list, list[int]]:
    """The questions of a jupyterquiz file and the line each starts on."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as err:
        raise KeyProblems(
            [Problem(name, 1, "quiz", f"cannot read the file: {err.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise KeyProblems([Problem(name, 1, "quiz", "the file is not UTF-8 text")]) from None
    except json.JSONDecodeError as err:
        raise KeyProblems([Problem(name, err.lineno, "quiz", f"not JSON: {err.msg}")]) from None
    if not isinstance(data, list):
        raise KeyProblems([Problem(name, 1, "quiz", "a jupyterquiz file is a list of questions")])
    return data, question_lines(text, len(data))


def import_quiz(path: str | Path, quiz_id: str, title: str) -> tuple[dict, list[Problem]]:
    """A jupyterquiz file as an answer key (plain data, validated by the loader) and what
    it held that quizbook cannot carry. A file with no question quizbook can hold raises
    `KeyProblems`."""
    data, lines = read_file(path)
    reading = Reading(str(path), lines)
    taken: set[str] = set()
    questions = [
        q for i, raw in enumerate(data) if (q := _read_question(raw, reading, i, taken)) is not None
    ]
    if not questions:
        reading.problems.append(Problem(str(path), 1, "quiz", "no question could be imported"))
        raise KeyProblems(reading.problems)
    key = {"id": quiz_id, "title": title, "questions": questions}
    return key, reading.problems


def import_file(path: str | Path, quiz_id: str, title: str) -> tuple[str, list[Problem]]:
    """`import_quiz` written as a key's YAML, checked by the loader as it will be read."""
    key, problems = import_quiz(path, quiz_id, title)
    text = key_yaml(key)
    parse_quiz(text, f"{path} (imported)")
    return text, problems


def key_yaml(key: dict) -> str:
    """An imported key as YAML, in the field order answer keys use."""
    from io import StringIO

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import LiteralScalarString

    def literal(value):
        if isinstance(value, str) and "\n" in value:
            return LiteralScalarString(value)
        if isinstance(value, dict):
            return {k: literal(v) for k, v in value.items()}
        if isinstance(value, list):
            return [literal(v) for v in value]
        return value

    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = StringIO()
    yaml.dump(literal(key), out)
    return out.getvalue()
