"""Exports, proven by the formats' own parsers: gift-pegjs reads the GIFT, an XML parser the
Moodle XML and the Canvas QTI zip, quizbook's import (checked by the loader) the jupyterquiz
file; each must give back the key's questions, and the notes must name what was left out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from quizbook import cli
from quizbook.export import FORMATS, export_keys, load_keys
from quizbook.export.moodle import GRADES, choice_weights
from quizbook.load import KeyProblems, load_quiz

from . import export_readers as readers
from .support import FIXTURE, hostile_key, write_key

ALL = list(FORMATS)


def read_back(fmt: str, path: Path) -> list[dict]:
    if fmt == "gift":
        parsed = readers.parse_gift([path])[str(path)]
        assert "error" not in parsed, parsed
        return readers.read_gift(parsed)
    if fmt == "moodle-xml":
        return readers.read_moodle_xml(path.read_bytes())
    if fmt == "qti":
        return readers.read_qti(path.read_bytes())
    return readers.read_jupyterquiz(path)


def assert_round_trip(key_path: Path, fmt: str, out: Path):
    result = export_keys([key_path], fmt, out)
    (written,) = result.files
    quiz = load_quiz(key_path)
    assert read_back(fmt, written) == readers.expected(quiz, fmt)
    noted = {p.where for p in result.problems if "left out" in p.message}
    assert noted == set(readers.left_out(quiz, fmt))
    return result


@pytest.mark.parametrize("fmt", ALL)
def test_every_type_comes_back_from_the_formats_own_parser(fmt, tmp_path):
    assert_round_trip(FIXTURE, fmt, tmp_path)


def test_every_question_class_is_known_to_the_readers():
    from quizbook.model import QUESTION_CLASSES

    assert set(readers.EXPECT) == set(QUESTION_CLASSES)
    for fmt in ALL:
        assert set(FORMATS[fmt].WRITERS) == readers.HOLDS[fmt]


def test_the_notes_say_what_each_format_cannot_carry(tmp_path):
    said = {fmt: [str(p) for p in export_keys([FIXTURE], fmt, tmp_path).problems] for fmt in ALL}
    path = str(FIXTURE)
    assert (
        f"{path}:73: events: GIFT: has no ordering question type; this question is left out"
        in said["gift"]
    )
    assert (
        f"{path}:13: crossing: GIFT: has no points field: this question counts 1, not 2"
        in said["gift"]
    )
    assert (
        f"{path}:73: events: Canvas QTI: has no ordering question type; this question is left out"
        in said["qti"]
    )
    assert not any("events" in line for line in said["moodle-xml"])
    for kind, line in (("ordering", 73), ("matching", 84)):
        assert any(
            s.startswith(f"{path}:{line}:") and f"no {kind} question type" in s
            for s in said["jupyterquiz"]
        )
    for fmt in ALL:
        assert any(":7: quiz:" in s and "'attempts: 3'" in s for s in said[fmt])
        assert any(
            s.startswith(f"{path}:53: table-year:") and "unit 'year'" in s for s in said[fmt]
        )
        assert any(s.startswith(f"{path}:70: city:") and "ignoring case" in s for s in said[fmt])


HOSTILE_TEXT = "a ~tilde =equals #hash {brace} :colon \\back\\slash\nsecond line; $5 [x](y) *star* \\[lit\\](z)"

SPECIALS = f"""\
id: specials
title: "Specials: {{~=#}}"
questions:
  - id: pick
    type: single
    prompt: {json.dumps(HOSTILE_TEXT)}
    choices:
      - text: {json.dumps(HOSTILE_TEXT.replace(chr(10), " "))}
        correct: true
        feedback: {json.dumps(HOSTILE_TEXT)}
      - text: "-> arrow, 100% sure"
        feedback: "````\\ncode ~ = # {{ }} :\\n\\n\\nblank lines\\n````"
    explanation: {json.dumps(HOSTILE_TEXT + chr(10) + chr(10) + "// not a comment")}
  - id: state
    type: truefalse
    prompt: "Is #1 = {{true}}?"
    answer: true
    feedback_false: "No: ~ it is."
  - id: typed
    type: text
    prompt: Type it.
    accepted: ["C:\\\\path", "a*b", "x=y#z", "{{1}}~2"]
  - id: pairs
    type: matching
    prompt: Match.
    pairs:
      - {{left: "a -> b", right: "c -> d"}}
      - {{left: "#1", right: "=2"}}
      - {{left: "x: y", right: "{{z}}"}}
  - id: negative
    type: numeric
    prompt: Below zero?
    answer: -0.0001
    tolerance: 0.00005
"""


@pytest.mark.parametrize("fmt", ALL)
@pytest.mark.parametrize("name", ["specials", "hostile-script", "hostile-img"])
def test_special_characters_survive_every_format(fmt, name, tmp_path):
    text = {"specials": SPECIALS}.get(name) or hostile_key(
        {
            "hostile-script": "<script>alert(1)</script>",
            "hostile-img": "<img src=x onerror=alert(1)>",
        }[name]
    )
    key = write_key(tmp_path, text, f"{name}.yml")
    assert_round_trip(key, fmt, tmp_path / "out")


def test_gift_escapes_so_no_text_ends_a_question_or_makes_a_comment(tmp_path):
    (path,) = export_keys([write_key(tmp_path, SPECIALS)], "gift", tmp_path).files
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    assert len(blocks) == 1 + 5  # the category, then one block per question
    for block in blocks[1:]:
        lines = block.splitlines()
        assert lines[0].startswith("// [id:") and lines[1].startswith("::")
        assert not any(line.startswith("//") for line in lines[1:])


@pytest.mark.parametrize("right", range(1, 11))
def test_several_right_choices_get_grades_moodle_accepts_that_score_as_quizbook_does(right):
    correct = [True] * right + [False] * 3
    weights = choice_weights(correct)
    assert all(w.lstrip("-") in GRADES for w in weights)
    from quizbook.model import MultipleChoice

    q = MultipleChoice(type="multiple", id="q", prompt="p", choices=[
        {"text": str(i), "correct": ok} for i, ok in enumerate(correct)
    ])  # fmt: skip
    for picked in ([], [0], list(range(right)), [0, right], list(range(right + 3))):
        moodle = min(1.0, max(0.0, sum(float(weights[i]) for i in picked) / 100))
        assert moodle == pytest.approx(q.share(picked), abs=1e-6)


def test_eleven_right_choices_are_left_out_of_moodle_formats_and_said_so(tmp_path):
    choices = "\n".join(f"      - {{text: c{i}, correct: true}}" for i in range(11))
    key = write_key(
        tmp_path,
        f"id: many\ntitle: Many\nquestions:\n  - id: lots\n    type: multiple\n    prompt: p\n    choices:\n{choices}\n      - {{text: wrong}}\n",
    )
    for fmt in ("gift", "moodle-xml"):
        result = export_keys([key], fmt, tmp_path / fmt)
        (lost,) = [p for p in result.problems if p.where != "quiz"]
        assert lost.where == "lots" and "1/11" in lost.message and "left out" in lost.message
    assert readers.read_moodle_xml(result.files[0].read_bytes()) == []


@pytest.mark.parametrize("fmt", ALL)
def test_the_same_key_gives_the_same_bytes(fmt, tmp_path):
    first = export_keys([FIXTURE], fmt, tmp_path / "a").files[0].read_bytes()
    second = export_keys([FIXTURE], fmt, tmp_path / "b").files[0].read_bytes()
    assert first == second


def test_a_broken_key_writes_nothing_and_says_where(tmp_path):
    good = write_key(tmp_path, FIXTURE.read_text(encoding="utf-8"), "good.yml")
    bad = write_key(
        tmp_path,
        "id: bad\ntitle: Bad\nquestions:\n  - id: q\n    type: single\n    prompt: p\n    choices: [{text: a}, {text: b}]\n",
        "bad.yml",
    )
    with pytest.raises(KeyProblems) as caught:
        export_keys([good, bad], "gift", tmp_path / "out")
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}:7: q: choices: single choice needs exactly one correct choice, found 0"
    ]
    assert not (tmp_path / "out").exists()
    out, err = io.StringIO(), io.StringIO()
    assert cli.export([str(good), str(bad)], "qti", str(tmp_path / "out"), out=out, err=err) == 1
    assert err.getvalue().splitlines() == [
        str(caught.value.problems[0]),
        "quizbook: nothing exported",
    ]


def test_an_output_folder_that_is_a_file_gets_one_line(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    err = io.StringIO()
    assert cli.export([str(FIXTURE)], "gift", str(blocker), out=io.StringIO(), err=err) == 1
    assert err.getvalue() == f"quizbook: cannot write to {blocker}: File exists\n"


def test_two_keys_with_one_quiz_id_are_refused(tmp_path):
    a = write_key(tmp_path, FIXTURE.read_text(encoding="utf-8"), "a.yml")
    b = write_key(tmp_path, FIXTURE.read_text(encoding="utf-8"), "b.yml")
    with pytest.raises(KeyProblems, match="quiz id 'all-types' is also the id of"):
        load_keys([a, b])


def test_a_failed_write_leaves_no_file_behind(tmp_path, monkeypatch):
    import os

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        export_keys([FIXTURE], "moodle-xml", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_command_exports_folders_and_reports_each_loss(tmp_path):
    keys = tmp_path / "keys"
    keys.mkdir()
    write_key(keys, FIXTURE.read_text(encoding="utf-8"), "all-types.yml")
    out, err = io.StringIO(), io.StringIO()
    code = cli.export([str(keys)], "gift", str(tmp_path / "out"), out=out, err=err)
    assert code == 0
    assert out.getvalue() == f"wrote {tmp_path / 'out' / 'all-types.gift'}\n"
    lines = err.getvalue().splitlines()
    assert lines[-1] == f"quizbook: {len(lines) - 1} notes on what gift cannot carry"
    assert all(line.startswith(f"{keys / 'all-types.yml'}:") for line in lines[:-1])
    strict = cli.export(
        [str(keys)], "gift", str(tmp_path / "out"), True, io.StringIO(), io.StringIO()
    )
    assert strict == 1


def test_the_command_line_parses_export_and_import(tmp_path, capsys):
    assert cli.main(["export", "--format", "jupyterquiz", str(FIXTURE), "-o", str(tmp_path)]) == 0
    exported = tmp_path / "all-types.json"
    assert cli.main(["import", "jupyterquiz", str(exported), "-o", str(tmp_path / "back.yml")]) == 0
    back = load_quiz(tmp_path / "back.yml")
    assert back.id == "back" and back.title == "back"
    with pytest.raises(SystemExit):
        cli.main(["export", "--format", "pdf", str(FIXTURE), "-o", str(tmp_path)])
    capsys.readouterr()


def test_exports_write_readable_files(tmp_path):
    for fmt in ALL:
        (path,) = export_keys([FIXTURE], fmt, tmp_path).files
        assert path.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"all-types{FORMATS[f].SUFFIX}" for f in ALL
    )


def test_jupyterquiz_text_cannot_turn_into_maths_or_links(tmp_path):
    (path,) = export_keys([write_key(tmp_path, SPECIALS)], "jupyterquiz", tmp_path).files
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    shown = [q["question"] for q in data]
    shown += [
        a.get(f, "")
        for q in data
        if q["type"] != "string"
        for a in q["answers"]
        for f in ("answer", "feedback")
    ]
    assert not [text for text in shown if "$" in text or "[" in text]
    assert "&#36;5" in raw and "&#91;lit](z)" in raw and '<a href=\\"y\\">x</a>' in raw
