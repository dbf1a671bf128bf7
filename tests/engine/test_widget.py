"""The live quiz (ipywidgets), driven through its controls with no kernel: a dummy comm stands
in for the front end, the way ipywidgets tests its own widgets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import ipywidgets as widgets
import jsonschema
import pytest

import quizbook
from quizbook import KeyProblems, load_quiz
from quizbook.layout import matching_options, ordering_start
from quizbook.typed import parse_number
from quizbook.widget import WIDGET_VIEW, QuizWidget

ROOT = Path(__file__).resolve().parents[2]
RESPONSE_SCHEMA = ROOT / "src" / "quizbook" / "schema" / "response.schema.json"

KEY = textwrap.dedent("""\
    id: demo
    title: "Demo *quiz*"
    questions:
      - id: crossing
        type: single
        section: demo-rome
        prompt: In which year did Caesar cross the **Rubicon**?
        choices:
          - text: 44 BC
            feedback: That is when he was killed.
          - text: 49 BC
            correct: true
            feedback: Yes, in January 49 BC.
          - text: 31 BC
        explanation: Roman sources date the crossing to 49 BC.
      - id: gases
        type: multiple
        points: 3
        prompt: Which of these are noble gases?
        choices:
          - text: Helium
            correct: true
          - text: Nitrogen
            feedback: Nitrogen is not a noble gas.
          - text: Neon
            correct: true
          - text: Oxygen
        explanation: Helium, neon, argon, krypton, xenon and radon.
      - id: boiling
        type: truefalse
        prompt: At sea level, pure water boils at 50 °C.
        answer: false
        feedback_true: It boils at 100 °C.
      - id: year
        type: numeric
        prompt: In which year did Mendeleev publish his periodic table?
        answer: 1869
        unit: year
      - id: city
        type: text
        prompt: Which Swiss city is the largest?
        accepted: [Zurich, Zuerich]
      - id: events
        type: ordering
        prompt: Put these in time order.
        items: [Caesar crosses the Rubicon, Caesar is killed, Augustus becomes emperor, Vesuvius buries Pompeii]
      - id: capitals
        type: matching
        points: 1.5
        prompt: Match each country to its capital.
        pairs:
          - {left: France, right: Paris}
          - {left: Italy, right: Rome}
          - {left: Spain, right: Madrid}
    """)

RIGHT = {
    "crossing": 1,
    "gases": [0, 2],
    "boiling": False,
    "year": 1869,
    "city": "zürich ",
    "events": [0, 1, 2, 3],
    "capitals": [0, 1, 2],
}
WRONG = {
    "crossing": 0,
    "gases": [1, 3],
    "boiling": True,
    "year": 1870,
    "city": "Basel",
    "events": [3, 2, 1, 0],
    "capitals": [1, 2, 0],
}


pytestmark = pytest.mark.usefixtures("dummy_comm")


def write_key(folder: Path, text: str = KEY, name: str = "demo.yml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def make(tmp_path, text: str = KEY, **kwargs) -> QuizWidget:
    return QuizWidget(load_quiz(write_key(tmp_path, text)), **kwargs)


def descendants(w) -> list:
    out = [w]
    for child in getattr(w, "children", ()):
        out += descendants(child)
    return out


def with_class(w, name: str) -> list:
    return [d for d in descendants(w) if name in d._dom_classes]


def question_box(w, qid: str):
    (box,) = with_class(w, f"qb-live-q-{qid}")
    return box


def one(w, name: str):
    (found,) = with_class(w, name)
    return found


# -- every type, right and wrong ------------------------------------------------------------


def test_the_key_earns_full_marks_on_every_type(tmp_path):
    quiz = make(tmp_path)
    for qid, answer in RIGHT.items():
        quiz.set_answer(qid, answer)
        quiz.check(qid)
        assert quiz.feedback_text(qid).startswith("Correct."), qid
        assert quiz.earned(qid) == quiz.quiz.question(qid).points
    assert quiz.score() == 9.5
    assert one(quiz, "qb-live-score").value == "<p>Score: 9.5 of 9.5 points</p>"


def test_wrong_answers_say_so_in_words(tmp_path):
    quiz = make(tmp_path)
    for qid, answer in WRONG.items():
        quiz.set_answer(qid, answer)
        quiz.check(qid)
        assert quiz.feedback_text(qid).startswith("Not quite."), qid
        assert quiz.earned(qid) == 0
    assert "Score: 0 of 9.5 points" in one(quiz, "qb-live-score").value


def test_feedback_on_the_picked_choice_the_explanation_and_where_to_reread(tmp_path):
    quiz = QuizWidget(load_quiz(write_key(tmp_path)), {"demo-rome": "The *Roman* Republic"})
    assert quiz.feedback_text("crossing") == ""
    quiz.set_answer("crossing", 0)
    quiz.check("crossing")
    assert quiz.feedback_text("crossing").splitlines() == [
        "Not quite.",
        "44 BC:",
        "That is when he was killed.",
        "Roman sources date the crossing to 49 BC.",
        "Reread: The Roman Republic",
    ]
    quiz.set_answer("crossing", 1)
    quiz.check("crossing")
    text = quiz.feedback_text("crossing")
    assert "Yes, in January 49 BC." in text
    assert "That is when he was killed." not in text  # only the picked choice's feedback
    quiz.set_answer("boiling", True)
    quiz.check("boiling")
    assert "True:\nIt boils at 100 °C." in quiz.feedback_text("boiling")


def test_reread_without_the_book_names_no_title(tmp_path):
    quiz = make(tmp_path)
    quiz.set_answer("crossing", 2)
    quiz.check("crossing")
    assert quiz.feedback_text("crossing").endswith("Reread the section")
    quiz.set_answer("year", 1)
    quiz.check("year")
    assert "Reread" not in quiz.feedback_text("year")  # a question with no section


def test_partial_credit_is_shown_with_its_points(tmp_path):
    quiz = make(tmp_path)
    quiz.set_answer("gases", [0])
    quiz.check("gases")
    assert quiz.feedback_text("gases").startswith("Partly right: 1.5 of 3 points.")
    assert quiz.earned("gases") == 1.5
    assert "qb-live-part" in one(quiz, "qb-live-q-gases").children[-1]._dom_classes
    quiz.set_answer("gases", [0, 1, 2])  # net-correct: two right, one wrong, of two
    quiz.check("gases")
    assert quiz.feedback_text("gases").splitlines()[:3] == [
        "Partly right: 1.5 of 3 points.",
        "Nitrogen:",
        "Nitrogen is not a noble gas.",
    ]
    quiz.set_answer("capitals", [0, None, None])
    quiz.check("capitals")
    assert quiz.feedback_text("capitals").startswith("Partly right: 0.5 of 1.5 points.")
    assert "Score: 2 of 9.5 points" in one(quiz, "qb-live-score").value


def test_partial_credit_says_which_parts_were_right(tmp_path):
    quiz = make(tmp_path)
    quiz.set_answer("gases", [0, 1])
    quiz.check("gases")
    assert quiz.feedback_text("gases").splitlines()[:6] == [
        "Not quite.",
        "Nitrogen:",
        "Nitrogen is not a noble gas.",
        "Right: Helium",
        "Wrong: Nitrogen",
        "Missed: Neon",
    ]
    quiz.set_answer("capitals", [0, 2, None])
    quiz.check("capitals")
    assert quiz.feedback_text("capitals").splitlines() == [
        "Partly right: 0.5 of 1.5 points.",
        "Right: France",
        "Wrong: Italy",
        "Wrong: Spain",
    ]
    quiz.set_answer("events", [0, 2, 1, 3])
    quiz.check("events")
    assert quiz.feedback_text("events").splitlines() == [
        "Partly right: 0.75 of 1 point.",
        "In order: Caesar crosses the Rubicon",
        "In order: Augustus becomes emperor",
        "Out of order: Caesar is killed",
        "In order: Vesuvius buries Pompeii",
    ]
    quiz.set_answer("events", [0, 1, 2, 3])
    quiz.check("events")
    assert quiz.feedback_text("events") == "Correct.", "no parts once all is right"


def test_the_running_score_follows_the_last_check_of_each_question(tmp_path):
    quiz = make(tmp_path)
    score = one(quiz, "qb-live-score")
    assert score.value == "<p>Score: 0 of 9.5 points</p>"
    quiz.set_answer("crossing", 1)
    quiz.check("crossing")
    assert score.value == "<p>Score: 1 of 9.5 points</p>"
    quiz.set_answer("gases", [0, 2])
    quiz.check("gases")
    assert score.value == "<p>Score: 4 of 9.5 points</p>"
    quiz.set_answer("crossing", 2)
    quiz.check("crossing")
    assert score.value == "<p>Score: 3 of 9.5 points</p>"
    assert quiz.score() == 3


# -- the controls: what a student touches is what is read back ------------------------------


def test_answers_are_read_back_from_the_controls(tmp_path):
    quiz = make(tmp_path)
    assert set(quiz.answers().values()) == {None}
    radio = one(question_box(quiz, "crossing"), "qb-live-choices")
    assert isinstance(radio, widgets.RadioButtons)
    radio.value = 2  # what the front end does when a radio button is clicked
    boxes = with_class(question_box(quiz, "gases"), "qb-live-choice")
    assert [b.description for b in boxes] == ["Helium", "Nitrogen", "Neon", "Oxygen"]
    boxes[2].value = boxes[1].value = True
    one(question_box(quiz, "boiling"), "qb-live-choices").value = True
    one(question_box(quiz, "year"), "qb-live-answer").value = " 1 869 "
    one(question_box(quiz, "city"), "qb-live-answer").value = "Zurich"
    pairs = with_class(question_box(quiz, "capitals"), "qb-live-pair")
    pairs[2].value = 2
    pairs[0].index = 1
    pairs[0].index = 0  # back to "Choose…", as a student may
    assert quiz.answers() == {
        "crossing": 2,
        "gases": [1, 2],
        "boiling": True,
        "year": None,  # not a number
        "city": "Zurich",
        "events": None,  # not moved yet
        "capitals": [None, None, 2],
    }


def test_text_fields_are_labelled(tmp_path):
    quiz = make(tmp_path)
    year = one(question_box(quiz, "year"), "qb-live-answer")
    assert (year.description, year.placeholder) == ("Your answer (year)", "Type a number")
    city = one(question_box(quiz, "city"), "qb-live-answer")
    assert city.description == "Your answer"
    student = one(quiz, "qb-live-student")
    assert student.description == "Your name or student ID"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1869", 1869),
        (" -2.5 ", -2.5),
        ("\u22123", -3),
        ("0,5", 0.5),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("", None),
        ("nineteen", None),
        ("1869 AD", None),
        ("inf", None),
        ("1e999", None),
    ],
)
def test_numbers_are_read_as_the_static_quiz_reads_them(typed, number):
    assert parse_number(typed) == number


def test_a_check_without_an_answer_asks_for_one_and_costs_nothing(tmp_path):
    quiz = make(tmp_path, KEY.replace("id: demo\n", "id: demo\nattempts: 1\n"))
    quiz.check("crossing")
    assert quiz.feedback_text("crossing") == "Answer the question first."
    one(question_box(quiz, "year"), "qb-live-answer").value = "MDCCCLXIX"
    quiz.check("year")
    assert quiz.feedback_text("year") == "Type a number, such as 42 or 2.5."
    assert quiz.earned("year") is None and quiz.checks_used("year") == 0
    assert not one(question_box(quiz, "year"), "qb-live-check").disabled


def test_ordering_starts_scrambled_and_moves_with_buttons(tmp_path):
    quiz = make(tmp_path)
    box = question_box(quiz, "events")
    question = quiz.quiz.question("events")
    start = ordering_start(quiz.quiz, question)
    items = with_class(box, "qb-live-item")
    assert [i.value for i in items] == [f"{n}. {question.items[i]}" for n, i in enumerate(start, 1)]
    ups, downs = with_class(box, "qb-live-up"), with_class(box, "qb-live-down")
    assert ups[1].tooltip == f"Move up: {question.items[start[1]]}"
    ups[0].click()
    assert one(box, "qb-live-moved").value == f"<p>{question.items[start[0]]} is already first.</p>"
    assert quiz.answers()["events"] is None
    downs[0].click()
    moved = [start[1], start[0], *start[2:]]
    assert quiz.answers()["events"] == moved
    assert one(box, "qb-live-moved").value == (
        f"<p>Moved {question.items[start[0]]} to position 2 of 4.</p>"
    )
    assert items[0].value == f"1. {question.items[start[1]]}"


def test_an_untouched_ordering_counts_once_checked(tmp_path):
    quiz = make(tmp_path)
    quiz.check("events")
    start = ordering_start(quiz.quiz, quiz.quiz.question("events"))
    assert quiz.answers()["events"] == start
    assert quiz.earned("events") is not None


def test_matching_offers_the_right_items_in_layout_order_and_an_empty_choice(tmp_path):
    quiz = make(tmp_path)
    question = quiz.quiz.question("capitals")
    pairs = with_class(question_box(quiz, "capitals"), "qb-live-pair")
    assert [p.description for p in pairs] == ["France", "Italy", "Spain"]
    offered = matching_options(quiz.quiz, question)
    assert pairs[0].options == (
        ("Choose…", -1),
        *((question.pairs[j].right, j) for j in offered),
    )
    assert all(p.label == "Choose…" for p in pairs)
    quiz.set_answer("capitals", [2, None, 1])
    assert [p.index for p in pairs] == [1 + offered.index(2), 0, 1 + offered.index(1)]
    quiz.set_answer("capitals", None)
    assert [p.label for p in pairs] == ["Choose…"] * 3


def test_shuffled_choices_keep_key_indices(tmp_path):
    key = KEY.replace("id: demo\n", "id: demo\nshuffle: true\n")
    orders = set()
    for seed in range(8):
        quiz = make(tmp_path, key, seed=seed)
        radio = one(question_box(quiz, "crossing"), "qb-live-choices")
        orders.add(tuple(value for _, value in radio.options))
        for label, value in radio.options:
            assert label == quiz.quiz.question("crossing").choices[value].text
        quiz.set_answer("crossing", 1)
        quiz.check("crossing")
        assert quiz.earned("crossing") == 1
        boxes = with_class(question_box(quiz, "gases"), "qb-live-choice")
        for b in boxes:
            b.value = b.description in ("Helium", "Neon")
        assert quiz.answers()["gases"] == [0, 2]
    assert len(orders) > 1


def test_set_answer_rejects_a_malformed_answer(tmp_path):
    quiz = make(tmp_path)
    with pytest.raises(ValueError, match="choice index"):
        quiz.set_answer("crossing", 7)
    with pytest.raises(ValueError, match="all 4 items"):
        quiz.set_answer("events", [0, 1])
    with pytest.raises(KeyError, match="no question 'nope'"):
        quiz.set_answer("nope", 1)


# -- attempts and modes ---------------------------------------------------------------------


def test_attempts_run_out_and_lock_the_question(tmp_path):
    quiz = make(tmp_path, KEY.replace("id: demo\n", "id: demo\nattempts: 2\n"))
    box = question_box(quiz, "crossing")
    left = one(box, "qb-live-left")
    assert left.value == "2 checks allowed."
    quiz.set_answer("crossing", 0)
    quiz.check("crossing")
    assert left.value == "1 check left."
    quiz.set_answer("crossing", 2)
    quiz.check("crossing")
    assert left.value == "No checks left."
    assert one(box, "qb-live-check").disabled
    assert one(box, "qb-live-choices").disabled
    with pytest.raises(RuntimeError, match="no checks left"):
        quiz.set_answer("crossing", 1)
    one(box, "qb-live-choices").value = 1  # even if the value changes behind its back
    quiz.check("crossing")
    assert quiz.earned("crossing") == 0 and quiz.checks_used("crossing") == 2
    assert quiz.feedback_text("crossing").startswith("Not quite.")
    events = question_box(quiz, "events")
    quiz.check("events")
    quiz.check("events")
    assert all(b.disabled for b in with_class(events, "qb-live-up"))


def test_assessed_mode_collects_answers_and_shows_no_feedback_or_score(tmp_path):
    quiz = make(tmp_path, KEY.replace("id: demo\n", "id: demo\nmode: assessed\n"))
    assert "qb-live-assessed" in quiz._dom_classes
    for name in ("qb-live-check", "qb-live-feedback", "qb-live-score", "qb-live-left"):
        assert with_class(quiz, name) == [], name
    assert "This quiz is graded: it shows no feedback." in one(quiz, "qb-live-title").value
    quiz.set_answer("crossing", 1)
    with pytest.raises(RuntimeError, match="assessed"):
        quiz.check("crossing")
    assert quiz.feedback_text("crossing") == ""
    assert quiz.response()["answers"] == {"crossing": 1}
    html = "".join(
        getattr(w, "value", "") for w in descendants(quiz) if isinstance(w, widgets.HTML)
    )
    assert "Score" not in html and "Roman sources" not in html and "he was killed" not in html


# -- safety ---------------------------------------------------------------------------------

HOSTILE = textwrap.dedent("""\
    id: hostile
    title: "<script>alert('title')</script>"
    questions:
      - id: one
        type: single
        section: sec
        prompt: "<script>alert('prompt')</script> <img src=x onerror=alert(1)>"
        choices:
          - text: "<b onmouseover=alert(2)>right</b>"
            correct: true
            feedback: "<script>alert('feedback')</script>"
          - text: "<i>wrong</i>"
        explanation: "<iframe src=javascript:alert(3)></iframe>"
      - id: two
        type: matching
        prompt: Match.
        pairs:
          - {left: "<img src=x onerror=alert(4)>", right: "<script>r</script>"}
          - {left: "<svg onload=alert(5)>", right: ok}
      - id: three
        type: ordering
        prompt: Order.
        items: ["<script>a</script>", "<img src=y onerror=alert(6)>"]
    """)


def test_hostile_key_text_is_shown_as_text(tmp_path):
    quiz = QuizWidget(
        load_quiz(write_key(tmp_path, HOSTILE)), {"sec": "<script>alert('t')</script>"}
    )
    quiz.set_answer("one", 0)
    quiz.check("one")
    quiz.set_answer("three", [1, 0])
    quiz.check("three")
    with_class(question_box(quiz, "three"), "qb-live-up")[0].click()
    html = [
        w.value if isinstance(w, widgets.HTML) else w.description
        for w in descendants(quiz)
        if isinstance(w, widgets.HTML | widgets.Dropdown)
    ]
    joined = "\n".join(html)
    for bad in ("<script", "<img", "<iframe", "<svg", "<b ", "<i>"):
        assert bad not in joined, bad
    assert "&lt;script&gt;alert('prompt')&lt;/script&gt;" in joined
    assert "&lt;img src=x onerror=alert(4)&gt;" in joined
    assert "Reread: <script>alert('t')</script>" in quiz.feedback_text("one")
    # native labels are text, never HTML
    radio = one(question_box(quiz, "one"), "qb-live-choices")
    assert radio.options[0][0] == "<b onmouseover=alert(2)>right</b>"


# -- responses ------------------------------------------------------------------------------


def test_response_validates_against_the_schema(tmp_path):
    quiz = make(tmp_path, student="s1234567")
    for qid, answer in RIGHT.items():
        quiz.set_answer(qid, answer)
    quiz.set_answer("capitals", None)
    data = quiz.response()
    schema = json.loads(RESPONSE_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["quiz"] == "demo" and data["student"] == "s1234567"
    assert data["quiz_hash"] == quiz.quiz.content_hash()
    assert data["answers"] == {k: v for k, v in RIGHT.items() if k != "capitals"}
    assert quiz.response("other")["student"] == "other"


def test_save_writes_the_response_atomically(tmp_path, monkeypatch):
    keys = tmp_path / "keys"
    keys.mkdir()
    monkeypatch.chdir(tmp_path)
    quiz = make(keys, student="Jo Smith-Jones / s12")
    quiz.set_answer("year", 1869)
    path = quiz.save()
    assert path == tmp_path / "responses" / "demo-Jo-Smith-Jones-s12.json"
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == {"year": 1869}
    assert os.listdir(path.parent) == [path.name]  # no temporary file left behind
    elsewhere = quiz.save(tmp_path / "out" / "mine.json")
    assert json.loads(elsewhere.read_text(encoding="utf-8"))["student"] == "Jo Smith-Jones / s12"
    one(quiz, "qb-live-student").value = ""
    assert quiz.save().name == "demo-anonymous.json"


def test_the_save_button_reports_where_or_why_not(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    quiz = make(tmp_path)
    one(quiz, "qb-live-student").value = "s1"
    one(quiz, "qb-live-save").click()
    status = one(quiz, "qb-live-status")
    assert status.value == "<p>Saved your answers to responses/demo-s1.json.</p>"
    assert (tmp_path / "responses" / "demo-s1.json").is_file()
    one(quiz, "qb-live-student").value = "x" * 201
    one(quiz, "qb-live-save").click()
    assert status.value == (
        "<p>Could not save your answers: the name or student ID is longer than 200 characters</p>"
    )
    (tmp_path / "responses").rename(tmp_path / "moved")
    (tmp_path / "responses").write_text("a file where the folder should be")
    one(quiz, "qb-live-student").value = "<s2>"
    one(quiz, "qb-live-save").click()
    assert status.value.startswith("<p>Could not save your answers: ")
    assert "\n" not in status.value and "<s2>" not in status.value


# -- show() and the package -----------------------------------------------------------------


def book(tmp_path: Path) -> Path:
    """A minimal book: config, table of contents, a chapter with the section label."""
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "intro.md").write_text(
        "(demo-rome)=\n## The Roman Republic\n\nText.\n"
    )
    (tmp_path / "quizzes").mkdir()
    return write_key(tmp_path / "quizzes")


def test_show_displays_one_bundle_with_the_widget_and_its_html_twin(tmp_path, monkeypatch):
    from quizbook.html import render_html

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    path = book(tmp_path)
    quiz = quizbook.show(path, student="s9")
    ((args, kwargs),) = shown
    assert kwargs == {"raw": True, "display_id": True}
    (bundle,) = args
    assert set(bundle) == {"text/plain", WIDGET_VIEW, "text/html"}
    assert bundle["text/plain"] == "Quiz: Demo quiz (7 questions)"
    assert bundle[WIDGET_VIEW] == {
        "version_major": 2,
        "version_minor": 0,
        "model_id": quiz.model_id,
    }
    titles = {"demo-rome": "The Roman Republic"}
    assert bundle["text/html"] == render_html(load_quiz(path), titles)
    assert isinstance(quiz, QuizWidget) and "qb-live" in quiz._dom_classes
    assert one(quiz, "qb-live-student").value == "s9"
    quiz.set_answer("crossing", 0)
    quiz.check("crossing")
    assert quiz.feedback_text("crossing").endswith("Reread: The Roman Republic")
    assert quiz._repr_mimebundle_() == bundle


def test_show_reports_a_broken_key_line_by_line(tmp_path, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: pytest.fail("displayed"))
    path = write_key(tmp_path, KEY.replace("answer: 1869", "answer: soon"))
    with pytest.raises(KeyProblems) as caught:
        quizbook.show(path)
    (line,) = str(caught.value).splitlines()
    assert line.startswith(f"{path}:") and ": year: " in line


def test_a_detached_widget_works_without_reaching_a_front_end(tmp_path):
    from ipywidgets.widgets.widget import _instances

    from quizbook.detached import NullComm

    before = set(_instances)
    quiz = make(tmp_path, detached=True)
    made = [w for k, w in _instances.items() if k not in before]
    assert made and all(isinstance(w.comm, NullComm) for w in made)
    quiz.set_answer("crossing", 1)
    quiz.check("crossing")
    assert quiz.earned("crossing") == 1
    with pytest.raises(RuntimeError, match="detached"):
        quiz.mimebundle()
    quiz.close()
    assert set(_instances) <= before


def test_closing_the_quiz_closes_every_model_it_made(tmp_path):
    quiz = make(tmp_path)
    parts = descendants(quiz)
    quiz.close()
    assert all(w.comm is None for w in parts)
    assert all(w.layout.comm is None for w in parts if w.layout is not None)


def test_importing_quizbook_does_not_import_ipywidgets():
    code = (
        "import sys, quizbook\n"
        "assert 'ipywidgets' not in sys.modules, 'imported too early'\n"
        "assert callable(quizbook.show) and callable(quizbook.self_check)\n"
        "assert 'ipywidgets' in sys.modules\n"
        "assert 'show' in dir(quizbook)\n"
    )
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


def test_saving_leaves_the_response_in_the_notebook_output(tmp_path, monkeypatch):
    """The quiz's own output gains the response under its media type, so a notebook saved
    afterwards carries it for the grader."""
    from quizbook.response import MEDIA_TYPE

    class Handle:
        updates = []

        def update(self, bundle, raw=False):
            self.updates.append((bundle, raw))

    monkeypatch.setattr("IPython.display.display", lambda *a, **k: Handle())
    quiz = quizbook.show(book(tmp_path), student="s9")
    monkeypatch.chdir(tmp_path)
    quiz.set_answer("crossing", 1)
    quiz.check("crossing")
    quiz.set_answer("crossing", 0)
    quiz.check("crossing")
    quiz.save()
    ((bundle, raw),) = Handle.updates
    assert raw and WIDGET_VIEW in bundle and "text/html" in bundle
    response = bundle[MEDIA_TYPE]
    assert response["format"] == "quizbook-response/2" and response["student"] == "s9"
    assert response["checks"] == {"crossing": 2}
    assert response["first"] == {"crossing": 1} and response["answers"]["crossing"] == 0
