"""Importing jupyterquiz files: the key validates, exporting it gives the same questions back,
and whatever quizbook cannot hold is reported, one line each, with the file's line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from quizbook import cli
from quizbook.export import export_keys
from quizbook.export.html_markdown import to_markdown
from quizbook.export.jupyterquiz import import_file
from quizbook.load import KeyProblems, load_quiz, parse_quiz
from quizbook.markdown import render

from .export_readers import norm
from .support import FIXTURE

# Written as jupyterquiz's own README and examples write questions: plain text, feedback
# on every answer, no quizbook fields.
NATIVE = [
    {
        "question": "Which of these are prime?",
        "type": "many_choice",
        "answers": [
            {"answer": "2", "correct": True, "feedback": "Yes, the only even prime."},
            {"answer": "4", "correct": False, "feedback": "4 = 2 × 2."},
            {"answer": "7", "correct": True},
        ],
    },
    {
        "question": "Which language writes <b>bold</b> as **bold**?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "Markdown", "correct": True, "feedback": "Correct."},
            {"answer": "LaTeX", "correct": False, "feedback": "LaTeX uses \\textbf."},
        ],
    },
    {
        "question": "The Earth is flat.",
        "type": "multiple_choice",
        "answers": [
            {"answer": "True", "correct": False, "feedback": "It is round."},
            {"answer": "False", "correct": True},
        ],
    },
    {
        "question": "What is 6 × 7?",
        "type": "numeric",
        "answers": [{"type": "value", "value": 42, "correct": True, "feedback": "Yes: 42."}],
    },
    {
        "question": "Name the capital of France.",
        "type": "string",
        "answers": [
            {"answer": "Paris", "correct": True, "feedback": "Paris it is.", "match_case": False},
            {"answer": "paris, france", "correct": True, "feedback": "Paris it is."},
        ],
    },
]


def write_json(folder: Path, data, name="quiz.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def shown(question: dict) -> dict:
    """A jupyterquiz question as a student sees it: texts as a browser reads them."""

    def text(value):
        return norm(to_markdown(value)[0]) if isinstance(value, str) else value

    return {
        "type": question["type"],
        "question": text(question["question"]),
        "answers": [
            {
                k: text(v) if k in ("answer", "feedback") else v
                for k, v in a.items()
                if k != "match_case"
            }
            for a in question["answers"]
        ],
    }


def test_a_native_file_imports_validates_and_exports_back_the_same(tmp_path):
    source = write_json(tmp_path, NATIVE)
    text, problems = import_file(source, "native", "Native")
    quiz = parse_quiz(text)
    assert [q.type for q in quiz.questions] == [
        "multiple",
        "single",
        "truefalse",
        "numeric",
        "text",
    ]
    assert [q.id for q in quiz.questions] == ["q1", "q2", "q3", "q4", "q5"]
    assert problems == []
    key = tmp_path / "native.yml"
    key.write_text(text, encoding="utf-8")
    (back,) = export_keys([key], "jupyterquiz", tmp_path / "out").files
    again = json.loads(back.read_text(encoding="utf-8"))
    expect = [shown(q) for q in NATIVE]
    # feedback the import turned into the explanation comes back on every right answer
    expect[4]["answers"] = [{**a, "feedback": "Paris it is."} for a in expect[4]["answers"]]
    expect[4]["answers"][1]["answer"] = "paris, france"
    assert [shown(q) for q in again] == expect
    assert all(q["quizbook"]["id"] == f"q{i}" for i, q in enumerate(again, start=1))


def test_an_exported_key_imports_back_whole(tmp_path):
    (exported,) = export_keys([FIXTURE], "jupyterquiz", tmp_path).files
    text, problems = import_file(exported, "all-types", "Every type")
    back = parse_quiz(text)
    original = load_quiz(FIXTURE)
    held = [q for q in original.questions if q.type not in ("ordering", "matching")]
    assert [q.id for q in back.questions] == [q.id for q in held]
    for was, now in zip(held, back.questions, strict=True):
        assert (now.type, now.points, now.section, now.objective) == (
            was.type,
            was.points,
            was.section,
            was.objective,
        )
        assert norm(render(now.prompt)) == norm(render(was.prompt))
        assert norm(render(now.explanation or "-")) == norm(render(was.explanation or "-"))
        assert now.key_answers() == was.key_answers() or now.bounds() == was.bounds()
        assert {k: norm(render(v)) for k, v in now.choice_feedback().items()} == {
            k: norm(render(v)) for k, v in was.choice_feedback().items()
        }
    assert problems == []


def test_what_quizbook_cannot_hold_is_reported_with_its_line(tmp_path):
    data = [
        {"question": "Pi to two places, $\\pi$?", "type": "numeric", "precision": 3,
         "answers": [{"type": "value", "value": 3.14, "correct": True},
                     {"type": "range", "range": [3.1428, 3.1429], "correct": True, "feedback": "22/7"},
                     {"type": "range", "range": [-100, 0], "correct": False, "feedback": "Positive."},
                     {"type": "default", "feedback": "Try again."}]},
        {"question": "Say <sub>hi</sub>", "type": "string", "input_width": 5,
         "answers": [{"answer": "Hi", "correct": True, "match_case": True, "fuzzy_threshold": 0.8}]},
        {"question": "Drag these", "type": "ordering", "answers": []},
        {"question": "", "type": "many_choice", "answers": [{"answer": "a", "correct": True}]},
        {"question": "Same twice", "type": "multiple_choice",
         "answers": [{"answer": "a", "correct": True}, {"answer": "a", "correct": False}]},
        {"question": "Range only", "type": "numeric",
         "answers": [{"type": "range", "range": [1, 2], "correct": True, "feedback": "In."}]},
    ]  # fmt: skip
    source = write_json(tmp_path, data)
    text, problems = import_file(source, "odd", "Odd")
    quiz = parse_quiz(text)
    assert [q.id for q in quiz.questions] == ["q1", "q2", "q6"]
    assert quiz.questions[0].answer == 3.14 and quiz.questions[2].range == (1, 2)
    said = [str(p).removeprefix(f"{source}:") for p in problems]
    assert said == [
        "2: question 1: question: quizbook shows $…$ as typed, not as maths",
        "2: question 1: 'precision' (rounding a typed number) is not carried",
        "2: question 1: only the first right answer is kept",
        "2: question 1: wrong answers and their feedback are not carried",
        "2: question 1: the default feedback for a wrong answer is not carried",
        "36: question 2: 'input_width' (layout) is not carried",
        "36: question 2: question: the HTML <sub> is not carried; its text is kept",
        "36: question 2: 'match_case' is not carried: quizbook ignores case",
        "36: question 2: 'fuzzy_threshold' (near misses) is not carried",
        "49: question 3: unknown type 'ordering'; expected one of multiple_choice, many_choice, numeric, string; question left out",
        "54: question 4: the question text is empty; quizbook needs one; question left out",
        "64: question 5: choices: choices must be distinct; 'a' appears twice; question left out",
        "78: question 6: jupyterquiz's range leaves out its upper end; quizbook's keeps it",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "1: quiz: not JSON: Expecting property name enclosed in double quotes"),
        ('{"question": "a"}', "1: quiz: a jupyterquiz file is a list of questions"),
        ("[]", "1: quiz: no question could be imported"),
        (
            '[1, {"type": "numeric"}]',
            "1: question 1: a question must be an object; question left out",
        ),
        (
            '[{"type": "numeric", "question": "q", "answers": 3}]',
            "1: question 1: 'answers' must be a list of objects; question left out",
        ),
        (
            '[{"type": "numeric", "question": "q", "answers": [{"value": "x", "correct": true}]}]',
            "1: question 1: a value must be a number; question left out",
        ),
        (
            '[{"type": "string", "question": "q", "answers": [{"answer": "x", "correct": false}]}]',
            "1: question 1: has no right answer; question left out",
        ),
    ],
)
def test_a_malformed_file_gets_one_clear_line(tmp_path, content, message):
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(KeyProblems) as caught:
        import_file(source, "bad", "Bad")
    assert f"{source}:{message}" in [str(p) for p in caught.value.problems]
    err = io.StringIO()
    assert (
        cli.import_jupyterquiz(str(source), str(tmp_path / "k.yml"), out=io.StringIO(), err=err)
        == 1
    )
    assert not (tmp_path / "k.yml").exists()
    assert err.getvalue().splitlines()[0].startswith(f"{source}:")


def test_a_file_that_is_not_there_or_not_text(tmp_path):
    with pytest.raises(KeyProblems, match="cannot read the file"):
        import_file(tmp_path / "missing.json", "m", "M")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe[")
    with pytest.raises(KeyProblems, match="not UTF-8"):
        import_file(binary, "b", "B")


@pytest.mark.parametrize(
    "markdown",
    [
        "Plain *emphasis*, **strong**, `code`, and a [link](https://example.org/a_b).",
        "First paragraph.\n\nSecond, with a line  \nbreak.",
        "- one\n- two *2*\n\n1. first\n2. second",
        "```\ncode ~ {x}\n  indented\n```",
        "Not markup: 2\\*3, a\\_b, \\<b>, &amp;, \\# not a heading, 1\\. not a list",
        "Dollars $5 and [brackets] and back\\\\slash",
    ],
)
def test_html_back_to_markdown_renders_the_same(markdown):
    html = render(markdown)
    back, dropped = to_markdown(html)
    assert dropped == []
    assert norm(render(back)) == norm(html)
