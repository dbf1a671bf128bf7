"""The guessing benchmark's arithmetic: blind chance and each cue's expected score, worked by
hand on small keys."""

from __future__ import annotations

import runpy
import sys
import textwrap
from pathlib import Path

import pytest

from quizbook import parse_quiz
from quizbook.cues import Option
from quizbook.guessing import STRATEGIES, Item, expected_score, items_of, net_correct, run

ROOT = Path(__file__).resolve().parents[2]


def key(questions: str) -> object:
    return parse_quiz(
        "id: k\ntitle: K\nquestions:\n" + textwrap.indent(textwrap.dedent(questions), "  ")
    )


SINGLE_LONG_KEY = key("""\
    - id: q
      type: single
      prompt: Which one?
      choices:
        - text: The right option, written at some length
          correct: true
        - text: Wrong one
        - text: Wrong two
        - text: Wrong three
""")


def result(quiz, name: str):
    return next(r for r in run([quiz]) if r.strategy == name)


def test_blind_chance_on_single_choice_is_one_over_the_options():
    assert result(SINGLE_LONG_KEY, "blind chance").overall == pytest.approx(0.25)


def test_the_longest_option_finds_a_long_key():
    assert result(SINGLE_LONG_KEY, "longest option").overall == 1.0
    assert result(SINGLE_LONG_KEY, "shortest option").overall == 0.0


def test_ties_are_averaged():
    quiz = key("""\
        - id: q
          type: single
          prompt: Which one?
          choices:
            - text: Same length A
              correct: true
            - text: Same length B
            - text: Short
    """)
    assert result(quiz, "longest option").overall == pytest.approx(0.5)


def test_multiple_choice_chance_by_hand():
    """Two right of four, two ticks at random: 6 pairs; only the right pair scores (1);
    one right and one wrong nets 0; so 1/6."""
    options = [Option("a", True), Option("b", True), Option("c", False), Option("d", False)]
    item = Item(None, None, "multiple", options)
    assert expected_score(item, None) == pytest.approx(1 / 6)
    assert net_correct(options, (0, 2)) == 0.0
    assert net_correct(options, (0, 1)) == 1.0


def test_multiple_choice_ties_at_the_boundary():
    """Scores 2, 1, 1, 0 with two to tick: the 2 is sure, then one of the two 1s."""
    options = [Option("a", True), Option("b", True), Option("c", False), Option("d", False)]
    item = Item(None, None, "multiple", options)
    assert expected_score(item, [2.0, 1.0, 1.0, 0.0]) == pytest.approx(0.5)


def test_true_false_always_false_and_absolutes():
    quiz = key("""\
        - id: a
          type: truefalse
          prompt: "True or false: every river flows north."
          answer: false
        - id: b
          type: truefalse
          prompt: "True or false: the Nile flows north."
          answer: true
        - id: c
          type: truefalse
          prompt: "True or false: the Congo never floods."
          answer: false
    """)
    assert result(quiz, "always false").overall == pytest.approx(2 / 3)
    assert result(quiz, "no absolute words").overall == 1.0
    assert result(quiz, "blind chance").overall == 0.5


def test_every_strategy_scores_every_kind_between_zero_and_one():
    quiz = key("""\
        - id: s
          type: single
          prompt: Which one?
          choices:
            - {text: "About 1,200 km, some say", correct: true}
            - {text: Never 900 km}
            - {text: "1,500 km"}
        - id: m
          type: multiple
          prompt: Which ones?
          choices:
            - {text: "It was 'said' by Ann", correct: true}
            - {text: It was not Bob, correct: true}
            - {text: All of them}
        - id: t
          type: truefalse
          prompt: "True or false: it may rain."
          answer: true
    """)
    assert [i.kind for i in items_of(quiz)] == ["single", "multiple", "truefalse"]
    for r in run([quiz]):
        assert all(0.0 <= v <= 1.0 for v in r.by_kind.values()), r
    assert len(run([quiz])) == len(STRATEGIES) + 1


def test_the_benchmark_script_reports_a_missed_target(tmp_path, capsys, monkeypatch):
    (tmp_path / "k.yml").write_text(
        "id: k\ntitle: K\nquestions:\n"
        + "".join(
            textwrap.indent(
                textwrap.dedent(f"""\
                - id: q{i}
                  type: single
                  prompt: Which one?
                  choices:
                    - text: The right option, written at some length
                      correct: true
                    - text: Wrong one
                    - text: Wrong two
            """),
                "  ",
            )
            for i in range(3)
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "argv", ["guessing.py", str(tmp_path)])
    with pytest.raises(SystemExit) as stop:
        runpy.run_path(str(ROOT / "benchmarks" / "guessing.py"), run_name="__main__")
    assert stop.value.code == 1
    out = capsys.readouterr().out
    assert "blind chance" in out and "MISSED" in out
    assert "best overall: longest option, 100.0% against chance 33.3%: +66.7 points" in out


def test_a_cue_read_backwards_is_a_cue_too():
    """Keys rewritten never to be the longest option are found by betting against length."""
    quiz = key("""\
        - id: q
          type: single
          prompt: Which one?
          choices:
            - text: Key
              correct: true
            - text: A much longer wrong option
            - text: Wrong
    """)
    assert result(quiz, "longest option").overall == 0.0
    assert result(quiz, "against: longest option").overall == pytest.approx(0.5)
