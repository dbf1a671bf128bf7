"""Item-writing checks: each flaw is found, placed on its line, and can be waived with a reason;
a sound key has none."""

from __future__ import annotations

import textwrap

import pytest

from quizbook.cli import main as cli
from quizbook.itemcheck import CHECKS, check_across, check_quiz
from quizbook.load import _parse

SOUND = textwrap.dedent("""\
    id: rivers
    title: Rivers
    questions:
      - id: longest-river
        type: single
        prompt: Which river do most atlases list as the longest in Africa?
        choices:
          - text: The Nile
            correct: true
          - text: The Congo
          - text: The Niger
          - text: The Zambezi
      - id: source-lakes
        type: multiple
        prompt: Which lakes feed the rivers named in the course?
        choices:
          - text: Lake Victoria, for the White Nile
            correct: true
          - text: Lake Tana, for the Blue Nile
            correct: true
          - text: Lake Tanganyika, for the Congo
          - text: Lake Volta, for the Niger
      - id: delta
        type: truefalse
        prompt: "True or false: the Nile ends in a delta on the Mediterranean."
        answer: true
      - id: estuary
        type: truefalse
        prompt: "True or false: the Congo ends in a delta on the Indian Ocean."
        answer: false
    """)


def flaws(text: str) -> list[str]:
    quiz, lines = _parse(text, "key.yml", None)
    return [str(f) for f in check_quiz(quiz, lines, "key.yml")]


def checks(text: str) -> set[str]:
    quiz, lines = _parse(text, "key.yml", None)
    return {f.check for f in check_quiz(quiz, lines, "key.yml") if f.waived is None}


def test_a_sound_key_has_no_flaws():
    assert flaws(SOUND) == []


def with_choices(*choices: tuple[str, bool], prompt: str = "Which river is it?") -> str:
    lines = [
        f"      - text: {text}" + ("\n        correct: true" if ok else "") for text, ok in choices
    ]
    return SOUND.replace(
        SOUND[SOUND.index("  - id: longest-river") : SOUND.index("  - id: source-lakes")],
        "  - id: longest-river\n    type: single\n"
        f"    prompt: {prompt}\n    choices:\n" + "\n".join(lines) + "\n",
    )


CASES = {
    "key-longest": with_choices(
        ("The Nile, running north through Sudan and Egypt to the sea", True),
        ("The Congo", False),
        ("The Niger", False),
        ("The Zambezi", False),
    ),
    "absolutes-in-distractors": with_choices(
        ("The Nile", True),
        ("Never the Congo", False),
        ("The Niger", False),
        ("The Zambezi", False),
    ),
    "hedges-in-key": with_choices(
        ("Perhaps the Nile", True),
        ("The Congo", False),
        ("The Niger", False),
        ("The Zambezi", False),
    ),
    "all-none-of-the-above": with_choices(
        ("The Nile", True),
        ("The Congo", False),
        ("The Niger", False),
        ("None of the above", False),
    ),
    "stem-echo": with_choices(
        ("The Nile, through the desert", True),
        ("The Congo", False),
        ("The Niger", False),
        ("The Zambezi", False),
        prompt="Which river crosses the desert?",
    ),
    "distractors-alike": with_choices(
        ("The Nile", True),
        ("The Congo, said Stanley", False),
        ("The Niger, said Park", False),
        ("The Zambezi, said Livingstone", False),
    ),
    "truefalse-balance": SOUND.replace("answer: true", "answer: false"),
}


@pytest.mark.parametrize("check", CASES)
def test_each_flaw_is_found(check):
    assert check in checks(CASES[check]), flaws(CASES[check])


def test_every_check_has_a_case_or_its_own_test():
    tested = set(CASES) | {"key-length-pattern", "truefalse-wording", "gives-away", "waiver"}
    assert tested == set(CHECKS)


def test_a_flaw_is_one_line_at_the_option_it_is_about():
    (line,) = flaws(CASES["absolutes-in-distractors"])
    assert line.startswith("key.yml:10: longest-river: absolutes-in-distractors: ")
    assert "never" in line and "'Never the Congo'" in line


def test_the_key_longest_line_gives_both_lengths():
    (line,) = flaws(CASES["key-longest"])
    assert line.startswith("key.yml:4: longest-river: key-longest: the keyed option has 58")
    assert "longest distractor 11" in line


def test_a_month_is_not_a_hedge():
    assert "hedges-in-key" not in checks(
        with_choices(
            ("On 7 May 1999", True),
            ("On 9 June 1999", False),
            ("On 2 July 1999", False),
        )
    )


def test_gives_away_finds_an_answer_stated_elsewhere():
    key = SOUND + textwrap.indent(
        textwrap.dedent("""\
            - id: delta-name
              type: text
              prompt: Name the city at the head of the Nile delta.
              accepted: [Cairo]
            - id: cities
              type: ordering
              prompt: Put these in order from south to north along the Nile.
              items: [Khartoum, Aswan, Cairo]
        """),
        "  ",
    )
    found = [f for f in flaws(key) if ": gives-away: " in f]
    assert found == [
        "key.yml:31: delta-name: gives-away: question 'cities' shows this question's answer"
        " ('Cairo') in its text"
    ]


def test_the_key_echoed_in_another_prompt_is_found_and_a_shared_echo_is_not():
    def with_lake(lake_prompt: str) -> str:
        return SOUND + textwrap.indent(
            textwrap.dedent(f"""\
                - id: dam
                  type: single
                  prompt: Which dam holds back the largest reservoir on the Zambezi?
                  choices:
                    - text: The Kariba Dam
                      correct: true
                    - text: The Cahora Bassa Dam
                    - text: The Itezhi-Tezhi Dam
                - id: lake
                  type: truefalse
                  prompt: "{lake_prompt}"
                  answer: true
            """),
            "  ",
        )

    echo = with_lake("True or false: Lake Kariba lies on the border of Zambia and Zimbabwe.")
    assert "gives-away" in checks(echo), flaws(echo)
    shared = with_lake("True or false: the Kariba and Cahora Bassa lakes lie on one border.")
    assert "gives-away" not in checks(shared), flaws(shared)


def test_truefalse_wording_flags_absolutes_only_in_false_statements():
    key = SOUND.replace("the Congo ends in a delta", "the Congo always ends in a delta")
    assert "truefalse-wording" in checks(key)
    both = key.replace("the Nile ends in a delta", "the Nile always ends in a delta")
    assert "truefalse-wording" not in checks(both)


def test_length_pattern_across_a_quiz():
    questions = "".join(
        textwrap.dedent(f"""\
          - id: q{i}
            type: single
            prompt: Question {i}?
            choices:
              - text: A long and careful keyed option number {i}
                correct: true
              - text: Short {i}a
              - text: Short {i}b
              - text: Short {i}c
        """)
        for i in range(4)
    )
    key = "id: pattern\ntitle: Pattern\nquestions:\n" + textwrap.indent(questions, "  ")
    found = flaws(key)
    assert any(
        f.startswith("key.yml:3: quiz: key-length-pattern: the key is the longest option in 4 of 4")
        for f in found
    ), found


def test_a_waiver_silences_one_check_and_shows_its_reason():
    key = CASES["key-longest"].replace(
        "    prompt: Which river is it?",
        "    prompt: Which river is it?\n    waive:\n"
        "      key-longest: The distance is part of what is taught.",
    )
    assert checks(key) == set()
    assert (
        "key.yml:4: longest-river: key-longest waived: The distance is part of what is taught."
        in flaws(key)
    )


def test_a_waiver_of_an_unknown_or_idle_check_is_itself_a_flaw():
    key = SOUND.replace(
        "    prompt: Which river do most atlases",
        "    waive: {key-longer: typo, stem-echo: not needed}\n    prompt: Which river do most atlases",
    )
    found = [f for f in flaws(key) if ": waiver: " in f]
    assert len(found) == 2
    assert "unknown check 'key-longer'" in found[0] + found[1]
    assert "'stem-echo' finds nothing here" in found[0] + found[1]


def test_a_waiver_needs_a_reason():
    from quizbook import KeyProblems, parse_quiz

    with pytest.raises(KeyProblems, match="waive"):
        parse_quiz(
            SOUND.replace(
                "    prompt: Which river do",
                "    waive: {key-longest: ' '}\n    prompt: Which river do",
            )
        )


def test_waivers_do_not_change_the_key_fingerprint():
    from quizbook import parse_quiz

    waived = SOUND.replace(
        "    prompt: Which river do most atlases",
        "    waive: {key-longest: a reason}\n    prompt: Which river do most atlases",
    )
    assert parse_quiz(waived).content_hash() == parse_quiz(SOUND).content_hash()


def test_course_wide_truefalse_balance():
    quizzes = []
    for i in range(3):
        quiz, _ = _parse(
            SOUND.replace("answer: true", "answer: false").replace("id: rivers", f"id: r{i}"),
            f"q/{i}.yml",
            None,
        )
        quizzes.append((quiz, f"q/{i}.yml"))
    (flaw,) = [f for f in check_across(quizzes) if f.check == "truefalse-balance"]
    assert str(flaw) == (
        "q/: course: truefalse-balance: 0 of 6 true/false questions in these keys are keyed"
        " true: balance them across the course"
    )


def test_validate_warns_by_default_and_fails_with_strict(tmp_path, capsys):
    (tmp_path / "a.yml").write_text(CASES["key-longest"], encoding="utf-8")
    assert cli(["validate", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "ok (4 questions, 4 points; 1 item-writing warning)" in out
    assert "key-longest:" in err and err.rstrip().endswith("(warning)")
    assert cli(["validate", "--strict", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "fails --strict (4 questions, 4 points; 1 item-writing error)" in out


def test_strict_passes_a_sound_key_and_shows_waivers(tmp_path, capsys):
    key = CASES["hedges-in-key"].replace(
        "    prompt: Which river is it?",
        "    prompt: Which river is it?\n    waive: {hedges-in-key: The hedge is the point.}",
    )
    (tmp_path / "a.yml").write_text(key, encoding="utf-8")
    assert cli(["validate", "--strict", str(tmp_path)]) == 0
    out, _ = capsys.readouterr()
    assert "hedges-in-key waived: The hedge is the point." in out
