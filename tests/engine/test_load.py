"""Answer keys: a sound key loads; each broken key fails with `file:line: id: problem`."""

import json
import re

import jsonschema
import pytest

from quizbook import KeyProblems, load_quiz, parse_quiz
from quizbook.cli import main as cli
from quizbook.model import json_schema

LINE = re.compile(r"^[^:\n]+:\d+: [^:\n]+: .+$")


def problems(text: str, labels=None) -> list[str]:
    with pytest.raises(KeyProblems) as caught:
        parse_quiz(text, "key.yml", labels)
    lines = str(caught.value).splitlines()
    assert lines and all(LINE.match(line) for line in lines), lines
    return lines


def test_good_key_loads(good_key):
    quiz = parse_quiz(good_key, "key.yml")
    assert [q.id for q in quiz.questions] == ["pick-one", "year", "order"]
    assert quiz.total_points == 3
    assert quiz.content_hash() == parse_quiz(good_key).content_hash()
    assert quiz.content_hash() != parse_quiz(good_key.replace("1869", "1870")).content_hash()


BROKEN = {
    # name: (mutation of the good key, expected "line: where: fragment")
    "yaml syntax error": (
        lambda k: k.replace("title: A demo quiz", "title: [unclosed"),
        "3: quiz: YAML syntax error",
    ),
    "tab indentation": (
        lambda k: k.replace("    prompt: Which year?", "\tprompt: Which year?"),
        ": quiz: YAML syntax error",
    ),
    "duplicate mapping key": (
        lambda k: k.replace("    answer: 1869", "    answer: 1869\n    answer: 1870"),
        ": quiz: YAML syntax error",
    ),
    "empty file": (lambda k: "", "1: quiz: the answer key is empty"),
    "not a mapping": (lambda k: "- just\n- a list\n", "1: quiz: the answer key must be a mapping"),
    "no questions": (
        lambda k: k.split("questions:")[0] + "questions: []\n",
        "3: quiz: the quiz has no questions",
    ),
    "missing title": (
        lambda k: k.replace("title: A demo quiz\n", ""),
        "quiz: missing field 'title'",
    ),
    "unknown quiz field": (
        lambda k: k.replace("title: A demo quiz", "title: A demo quiz\ncolour: red"),
        "3: quiz: unknown field 'colour'",
    ),
    "bad mode": (
        lambda k: k.replace("title: A demo quiz", "title: A demo quiz\nmode: exam"),
        "3: quiz: mode: Input should be 'practice' or 'assessed'",
    ),
    "unknown question type": (
        lambda k: k.replace("type: numeric", "type: essay"),
        "14: year: unknown question type 'essay'",
    ),
    "missing question type": (
        lambda k: k.replace("    type: numeric\n", ""),
        "13: year: missing field 'type'",
    ),
    "unknown question field": (
        lambda k: k.replace("    answer: 1869", "    answer: 1869\n    hint: x"),
        "17: year: unknown field 'hint'",
    ),
    "duplicate question ids": (
        lambda k: k.replace("id: year", "id: pick-one"),
        "13: pick-one: duplicate question id (first used on line 4)",
    ),
    "bad question id": (
        lambda k: k.replace("id: year", "id: Year 1"),
        "13: Year 1: id: String should match",
    ),
    "missing prompt": (
        lambda k: k.replace("    prompt: Which year?\n", ""),
        "13: year: missing field 'prompt'",
    ),
    "zero points": (
        lambda k: k.replace("    answer: 1869", "    answer: 1869\n    points: 0"),
        "17: year: points: Input should be greater than 0",
    ),
    "single with no correct choice": (
        lambda k: k.replace("        correct: true\n", ""),
        "7: pick-one: choices: single choice needs exactly one correct",
    ),
    "single with two correct": (
        lambda k: k.replace("        feedback: Not this one.", "        correct: true"),
        "7: pick-one: choices: single choice needs exactly one correct choice, found 2",
    ),
    "single with one choice": (
        lambda k: k.replace("      - text: Wrong\n        feedback: Not this one.\n", ""),
        "7: pick-one: choices: List should have at least 2 items",
    ),
    "duplicate choices": (
        lambda k: k.replace("text: Wrong", "text: Right"),
        "7: pick-one: choices: choices must be distinct; 'Right' appears twice",
    ),
    "negative tolerance": (
        lambda k: k.replace("    answer: 1869", "    answer: 1869\n    tolerance: -1"),
        "17: year: tolerance: must not be negative",
    ),
    "numeric with neither answer nor range": (
        lambda k: k.replace("    answer: 1869\n", ""),
        "13: year: numeric needs either 'answer'",
    ),
    "numeric range reversed": (
        lambda k: k.replace("answer: 1869", "range: [1870, 1866]"),
        "16: year: range: minimum 1870 exceeds maximum 1866",
    ),
    "numeric answer not a number (NaN)": (
        lambda k: k.replace("answer: 1869", "answer: .nan"),
        "16: year: answer: Input should be a finite number",
    ),
    "numeric answer infinite": (
        lambda k: k.replace("answer: 1869", "answer: -.inf"),
        "16: year: answer: Input should be a finite number",
    ),
    "numeric tolerance infinite": (
        lambda k: k.replace("    answer: 1869", "    answer: 1869\n    tolerance: .inf"),
        "17: year: tolerance: Input should be a finite number",
    ),
    "numeric range bound NaN": (
        lambda k: k.replace("answer: 1869", "range: [1866, .nan]"),
        "16: year: range.1: Input should be a finite number",
    ),
    "infinite points": (
        lambda k: k.replace("    answer: 1869", "    answer: 1869\n    points: .inf"),
        "17: year: points: Input should be a finite number",
    ),
    "numeric answer not a number": (
        lambda k: k.replace("answer: 1869", "answer: nineteen"),
        "16: year: answer: Input should be a valid number",
    ),
    "ordering with duplicates": (
        lambda k: k.replace("[first, second, third]", "[first, second, first]"),
        "20: order: items: items must be distinct; 'first' appears twice",
    ),
    "ordering with one item": (
        lambda k: k.replace("[first, second, third]", "[first]"),
        "20: order: items: List should have at least 2 items",
    ),
    "text with no accepted answer": (
        lambda k: k.replace("type: numeric", "type: text").replace("answer: 1869", "accepted: []"),
        "16: year: accepted: a text question needs at least one",
    ),
    "text with a blank accepted answer": (
        lambda k: k.replace("type: numeric", "type: text").replace(
            "answer: 1869", "accepted: ['  ']"
        ),
        "16: year: accepted: an accepted answer is blank",
    ),
    "truefalse answer not a boolean": (
        lambda k: k.replace("type: numeric", "type: truefalse").replace(
            "answer: 1869", "answer: maybe"
        ),
        "16: year: answer: Input should be a valid boolean",
    ),
    "matching with duplicate right items": (
        lambda k: k.replace("type: ordering", "type: matching").replace(
            "items: [first, second, third]", "pairs: [{left: a, right: x}, {left: b, right: x}]"
        ),
        "20: order: pairs: right items must be distinct",
    ),
    "question is not a mapping": (
        lambda k: k.split("  - id: order")[0] + "  - just text\n",
        "17: question 3: a question must be a mapping",
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_key_fails_with_file_line(name, good_key):
    mutate, expected = BROKEN[name]
    text = mutate(good_key)
    assert text != good_key or name == "empty file"
    lines = problems(text)
    assert any(expected in line for line in lines), f"{expected!r} not in {lines}"
    assert all(line.startswith("key.yml:") for line in lines)


def test_at_least_twenty_distinct_broken_keys():
    assert len(BROKEN) >= 20


def test_section_must_exist_in_the_book(good_key):
    key = good_key.replace("    answer: 1869", "    answer: 1869\n    section: nowhere")
    assert parse_quiz(key, labels={"nowhere"})
    [line] = problems(key, labels={"intro", "intro-periodic-table"})
    assert line == "key.yml:17: year: section 'nowhere' is not a label in the book"


def test_every_problem_is_reported_not_just_the_first(good_key):
    key = good_key.replace("type: numeric", "type: essay").replace("id: order", "id: pick-one")
    lines = problems(key)
    assert len(lines) == 2


def test_an_unknown_field_does_not_hide_a_broken_rule(good_key):
    key = good_key.replace("      - text: Wrong\n", "      - text: Wrong\n        correct: true\n")
    key = key.replace("    explanation: Because.", "    explanation: Because.\n    hint: Think.")
    assert problems(key) == [
        "key.yml:14: pick-one: unknown field 'hint'",
        "key.yml:7: pick-one: choices: single choice needs exactly one correct choice, found 2",
    ]


def test_unreadable_file(tmp_path):
    path = tmp_path / "key.yml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(KeyProblems, match=r"key.yml:1: quiz: cannot read the file"):
        load_quiz(path)


def test_cli_validate(tmp_path, good_key, capsys):
    (tmp_path / "good.yml").write_text(good_key)
    assert cli(["validate", str(tmp_path / "good.yml")]) == 0
    assert "good.yml: ok (3 questions, 3 points)" in capsys.readouterr().out
    (tmp_path / "bad.yml").write_text(
        good_key.replace("tolerance", "x").replace("answer: 1869", "answer: many")
    )
    assert cli(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"{tmp_path / 'bad.yml'}:16: year: answer: Input should be a valid number, unable to parse string as a number"
    ]
    assert "Traceback" not in err


def test_cli_validate_counts_in_words(tmp_path, capsys):
    (tmp_path / "one.yml").write_text(
        "id: one\ntitle: One\nquestions:\n  - {id: q, type: truefalse, prompt: Yes?, answer: true}\n"
    )
    assert cli(["validate", str(tmp_path / "one.yml")]) == 0
    assert "one.yml: ok (1 question, 1 point)" in capsys.readouterr().out


def test_cli_validate_finds_nothing(tmp_path, capsys):
    assert cli(["validate", str(tmp_path)]) == 2
    assert "no answer keys" in capsys.readouterr().err


def test_schema_shipped_is_current_and_accepts_keys(good_key):
    assert cli(["schema", "--check"]) == 0
    from ruamel.yaml import YAML

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(YAML(typ="safe").load(good_key)))
    jsonschema.validate(data, schema)
    data["questions"][0]["type"] = "essay"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
