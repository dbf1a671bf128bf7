"""The answer-key self-check, and the tool that refreshes its expected output in notebooks."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import nbformat
import pytest

import quizbook
from quizbook import KeyProblems, load_quiz
from quizbook import notebook as nbtool
from quizbook.score import just_outside
from quizbook.selfcheck import check_widget, question_hash
from quizbook.widget import QuizWidget

KEY = textwrap.dedent("""\
    id: demo
    title: Demo
    questions:
      - id: crossing
        type: single
        prompt: In which year did Caesar cross the Rubicon?
        choices:
          - text: 44 BC
          - text: 49 BC
            correct: true
          - text: 31 BC
      - id: gases
        type: multiple
        points: 2
        prompt: Which of these are noble gases?
        choices:
          - {text: Helium, correct: true}
          - {text: Nitrogen}
          - {text: Neon, correct: true}
      - id: boiling
        type: truefalse
        prompt: At sea level, pure water boils at 50 °C.
        answer: false
      - id: year
        type: numeric
        prompt: In which year did Mendeleev publish his periodic table?
        answer: 1869
      - id: river
        type: numeric
        prompt: How long is the Rhine, in km?
        answer: 1230
        tolerance: 50
      - id: window
        type: numeric
        prompt: Any year of the Second World War.
        range: [1939, 1945]
      - id: city
        type: text
        prompt: Which Swiss city is the largest?
        accepted: [Zurich, Zürich]
      - id: events
        type: ordering
        prompt: Put these in time order.
        items: [The Rubicon, Caesar killed, Augustus emperor, Pompeii buried]
      - id: capitals
        type: matching
        points: 1.5
        prompt: Match each country to its capital.
        pairs:
          - {left: France, right: Paris}
          - {left: Italy, right: Rome}
          - {left: Spain, right: Madrid}
    """)

SUMMARY = """\
Self-check of quiz 'demo' (key {hash}): 9 questions, 10.5 points.
crossing  single     key 1/1  wrong answers 2 tried, best 0/1  [{crossing}]
gases     multiple   key 2/2  wrong answers 4 tried, best 1/2  [{gases}]
boiling   truefalse  key 1/1  wrong answers 1 tried, best 0/1  [{boiling}]
year      numeric    key 1/1  wrong answers 2 tried, best 0/1  [{year}]
river     numeric    key 1/1  wrong answers 2 tried, best 0/1  [{river}]
window    numeric    key 1/1  wrong answers 2 tried, best 0/1  [{window}]
city      text       key 1/1  wrong answers 2 tried, best 0/1  [{city}]
events    ordering   key 1/1  wrong answers 4 tried, best 0.75/1  [{events}]
capitals  matching   key 1.5/1.5  wrong answers 2 tried, best 0/1.5  [{capitals}]
Key earns 10.5/10.5. Every wrong answer earns less: yes.
"""


pytestmark = pytest.mark.usefixtures("dummy_comm")


def write_key(folder: Path, text: str = KEY, name: str = "demo.yml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def expected(text: str = KEY) -> str:
    quiz = quizbook.parse_quiz(text)
    return SUMMARY.format(
        hash=quiz.content_hash(), **{q.id: question_hash(q) for q in quiz.questions}
    )


def test_a_sound_key_passes_with_a_deterministic_summary(tmp_path, capsys):
    path = write_key(tmp_path)
    assert quizbook.self_check(path) is None
    first = capsys.readouterr().out
    quizbook.self_check(path)
    assert capsys.readouterr().out == first == expected()
    assert not re.search(r"0x[0-9a-f]+|\d{4}-\d\d-\d\dT|\d\.\d{5,}", first)


def test_shuffle_and_mode_do_not_change_what_is_checked(tmp_path, capsys):
    key = KEY.replace("title: Demo\n", "title: Demo\nshuffle: true\nmode: assessed\nattempts: 1\n")
    quizbook.self_check(write_key(tmp_path, key))
    out = capsys.readouterr().out
    assert out.splitlines()[1:] == expected(key).splitlines()[1:]


def test_the_self_check_builds_its_own_widget_and_leaves_nothing_behind(tmp_path, capsys):
    from ipywidgets.widgets.widget import _instances

    before = set(_instances)
    quizbook.self_check(write_key(tmp_path))
    assert set(_instances) == before


# -- what it tries --------------------------------------------------------------------------


def test_the_wrong_options_tried_for_each_type():
    quiz = quizbook.parse_quiz(KEY)
    tried = {q.id: q.wrong_answers() for q in quiz.questions}
    assert tried == {
        "crossing": [0, 2],
        "gases": [[0, 1, 2], [2], [0], [1]],
        "boiling": [True],
        "year": [1868, 1870],
        "river": [1179, 1281],
        "window": [1938, 1946],
        "city": ["", "not Zurich"],
        "events": [[3, 2, 1, 0], [1, 0, 2, 3], [0, 2, 1, 3], [0, 1, 3, 2]],
        "capitals": [[1, 2, 0], [2, 0, 1]],
    }
    keys = {q.id: q.key_answers() for q in quiz.questions}
    assert keys["window"] == [1939, 1945]
    assert keys["city"] == ["Zurich", "Zürich"]
    assert keys["gases"] == [[0, 2]]


@pytest.mark.parametrize(
    ("low", "high", "outside"),
    [
        (1869, 1869, (1868, 1870)),
        (3.4, 3.6, (3.3, 3.7)),
        (0.1 + 0.2, 0.1 + 0.2, (0.2, 0.4)),
        (-5, 5, (-6, 6)),
        (0.000123, 0.000123, (0.000122, 0.000124)),
        (1 / 3, 1 / 3, (1 / 3 - 1e-6, 1 / 3 + 1e-6)),
        (2e12, 2e12, (2e12 - 2e6, 2e12 + 2e6)),
    ],
)
def test_just_outside_the_bounds(low, high, outside):
    below, above = just_outside(low, high)
    assert below == pytest.approx(outside[0], abs=1e-9)
    assert above == pytest.approx(outside[1], abs=1e-9)
    eps = 1e-9 * max(1.0, abs(low), abs(high))
    assert below < low - eps and above > high + eps


def test_a_single_item_key_with_no_wrong_choice_is_still_checked(tmp_path, capsys):
    key = textwrap.dedent("""\
        id: all-right
        title: All right
        questions:
          - id: pick
            type: multiple
            prompt: Pick both.
            choices:
              - {text: a, correct: true}
              - {text: b, correct: true}
          - id: two
            type: ordering
            prompt: Two items.
            items: [first, second]
        """)
    quizbook.self_check(write_key(tmp_path, key))
    lines = capsys.readouterr().out.splitlines()
    # remove each right choice, and "all wrong" (nothing picked): refused, so 0
    assert "pick  multiple   key 1/1  wrong answers 3 tried, best 0.5/1" in lines[1]
    assert "two   ordering   key 1/1  wrong answers 1 tried, best 0/1" in lines[2]


# -- what a broken key or a broken face looks like ------------------------------------------


def test_a_changed_key_changes_the_summary_where_it_changed(tmp_path, capsys):
    """The commonest real mistake loads fine: the wrong choice marked correct. The summary
    carries the key's hash and each question's, so nbval fails on the line that changed."""
    good = expected()
    swapped = KEY.replace(
        "      - text: 44 BC\n      - text: 49 BC\n        correct: true\n",
        "      - text: 44 BC\n        correct: true\n      - text: 49 BC\n",
    )
    assert swapped != KEY
    quizbook.self_check(write_key(tmp_path, swapped))
    changed = capsys.readouterr().out
    differ = [
        (a, b) for a, b in zip(good.splitlines(), changed.splitlines(), strict=True) if a != b
    ]
    assert [a.split()[0] for a, _ in differ] == ["Self-check", "crossing"]


def test_a_check_button_wired_to_the_wrong_question_fails_naming_it(tmp_path):
    """A classic late-binding bug: every Check button checks the last question."""
    quiz = QuizWidget(load_quiz(write_key(tmp_path)), detached=True)
    crossing = quiz._questions["crossing"]
    crossing.check_button._click_handlers.callbacks.clear()
    crossing.check_button.on_click(lambda _button: quiz._check("capitals"))
    lines, failures = check_widget(quiz)
    assert "crossing  single     key 0/1  wrong answers 2 tried, best 0/1" in lines[1]
    assert failures == ["crossing: the key's answer 1 earns 0/1, not full marks"]
    assert lines[-1] == "Key earns 9.5/10.5. Every wrong answer earns less: yes."


def test_controls_that_read_back_the_wrong_answer_fail_naming_the_question(tmp_path):
    """An ordering whose read-back sorts the items (positions, not the order shown)."""
    quiz = QuizWidget(load_quiz(write_key(tmp_path)), detached=True)
    events = quiz._questions["events"].control
    events.read = lambda: sorted(events.order)
    lines, failures = check_widget(quiz)
    assert "events    ordering   key 1/1  wrong answers 4 tried, best 1/1" in lines[8]
    assert lines[-1] == "Key earns 10.5/10.5. Every wrong answer earns less: no."
    assert failures == [
        "events: the wrong answer [3, 2, 1, 0] earns full marks (1/1)",
        "events: the wrong answer [1, 0, 2, 3] earns full marks (1/1)",
        "events: the wrong answer [0, 2, 1, 3] earns full marks (1/1)",
        "events: the wrong answer [0, 1, 3, 2] earns full marks (1/1)",
    ]


def test_self_check_prints_the_summary_then_raises_naming_the_question(
    tmp_path, capsys, monkeypatch
):
    from quizbook.controls import TextControl

    real = TextControl.read

    def broken(self):  # a text field that drops what was typed
        return None if self.question.id == "city" else real(self)

    monkeypatch.setattr(TextControl, "read", broken)
    with pytest.raises(AssertionError) as caught:
        quizbook.self_check(write_key(tmp_path))
    out = capsys.readouterr().out
    assert "city      text       key 0/1  wrong answers 2 tried, best 0/1" in out
    assert out.splitlines()[-1] == "Key earns 9.5/10.5. Every wrong answer earns less: yes."
    assert str(caught.value).splitlines() == [
        "self-check of quiz 'demo' failed:",
        '  city: the key\'s answer "Zurich" earns 0/1, not full marks',
        '  city: the key\'s answer "Zürich" earns 0/1, not full marks',
    ]


def test_a_section_missing_from_the_book_fails_the_self_check(tmp_path):
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (tmp_path / "intro.md").write_text("(demo-rome)=\n# Rome\n")
    (tmp_path / "quizzes").mkdir()
    key = KEY.replace("    type: single\n", "    type: single\n    section: demo-athens\n")
    path = write_key(tmp_path / "quizzes", key)
    with pytest.raises(KeyProblems, match="section 'demo-athens' is not a label in the book"):
        quizbook.self_check(path)


# -- refreshing the expected output ---------------------------------------------------------


def notebook_with_checked_cell(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A chapter"),
        nbformat.v4.new_code_cell("import quizbook\nquiz = 1", metadata={"tags": ["remove-input"]}),
        nbformat.v4.new_code_cell(
            'quizbook.self_check("demo.yml")',
            metadata={"tags": ["remove-cell", "nbval-check-output"], "custom": {"kept": True}},
        ),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="stale\n")]
    nb.cells[1].execution_count = 4
    path = folder / "chapter.ipynb"
    nbformat.write(nb, path)
    return path


def test_refresh_keeps_only_the_checked_cells_outputs(tmp_path, monkeypatch):
    path = notebook_with_checked_cell(tmp_path)
    before = nbformat.read(path, as_version=4)
    ran_in = []

    class FakeClient:  # stands in for nbclient: what a run leaves in the notebook
        def __init__(self, nb, timeout, kernel_name, resources):
            self.nb = nb
            ran_in.append((resources["metadata"]["path"], kernel_name, timeout))

        def execute(self):
            self.nb.metadata["widgets"] = {"state": "from the run"}
            for n, cell in enumerate(self.nb.cells):
                if cell.cell_type == "code":
                    cell.execution_count = n
                    cell.metadata["execution"] = {"when": "now"}
                    cell.outputs = [
                        nbformat.v4.new_output("stream", text=f"out {n} a\n"),
                        nbformat.v4.new_output("stream", text=f"out {n} b\n"),
                    ]

    monkeypatch.setattr("nbclient.NotebookClient", FakeClient)
    assert nbtool.refresh(path) == 1
    assert ran_in == [(str(tmp_path), "python3", 300)]
    after = nbformat.read(path, as_version=4)
    assert after.metadata == before.metadata
    assert [c.metadata for c in after.cells] == [c.metadata for c in before.cells]
    assert [c.source for c in after.cells] == [c.source for c in before.cells]
    assert after.cells[1].outputs == [] and after.cells[1].execution_count is None
    assert after.cells[2].execution_count == 2  # nbval compares only cells that ran
    assert [dict(o) for o in after.cells[2].outputs] == [
        {"output_type": "stream", "name": "stdout", "text": "out 2 a\nout 2 b\n"}
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chapter.ipynb"]
    assert path.read_text(encoding="utf-8").endswith("}\n")


def test_a_failing_run_leaves_the_notebook_as_it_was(tmp_path, monkeypatch, capsys):
    path = notebook_with_checked_cell(tmp_path)
    text = path.read_text(encoding="utf-8")

    class Failing:
        def __init__(self, nb, **kwargs):
            pass

        def execute(self):
            raise RuntimeError("AssertionError: self-check of quiz 'demo' failed")

    monkeypatch.setattr("nbclient.NotebookClient", Failing)
    assert nbtool.main(["refresh", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == text
    err = capsys.readouterr().err
    assert f"{path}: not refreshed: RuntimeError" in err and "self-check of quiz" in err


@pytest.mark.slow
def test_refresh_runs_a_real_kernel(tmp_path):
    write_key(tmp_path)
    path = notebook_with_checked_cell(tmp_path)
    assert nbtool.main(["refresh", str(path)]) == 0
    cell = nbformat.read(path, as_version=4).cells[2]
    (output,) = cell.outputs
    assert output.output_type == "stream" and output.text == expected()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [c.get("execution_count") for c in saved["cells"]] == [None, None, 2]
