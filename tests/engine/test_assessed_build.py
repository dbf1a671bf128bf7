"""An assessed quiz keeps its key: the student build of a book holds none of its answers
anywhere (pages, scripts, data, notebooks, search index), while the instructor's copy shows
them and adds an answer-key page."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from quizbook import parse_quiz

from .support import build_book, make_small_book

pytestmark = pytest.mark.slow

KEY = textwrap.dedent("""\
    id: gamma
    title: Gamma test
    mode: assessed
    questions:
      - id: metal
        type: single
        prompt: Which metal is liquid at room temperature?
        choices:
          - text: Mercury
            correct: true
            feedback: Quicksilver-feedback-marker
          - text: Gallium
        explanation: Explanation-marker-for-metal
      - id: gases
        type: multiple
        prompt: Which are noble gases?
        choices:
          - {text: Neon, correct: true}
          - {text: Argon, correct: true}
          - {text: Oxygen}
      - id: sky
        type: truefalse
        prompt: "True or false: the sky is green."
        answer: false
        feedback_true: Truefalse-feedback-marker
      - id: prime
        type: numeric
        prompt: What is the thousandth prime?
        answer: 7919
      - id: word
        type: text
        prompt: Type the secret word.
        accepted: [Xylophonequartz]
      - id: order
        type: ordering
        prompt: From smallest to largest.
        items: [Zeta mouse, Yankee cat, Xray horse, Whisky whale]
      - id: pairs
        type: matching
        prompt: Match each country to its capital.
        pairs:
          - {left: Peru, right: Lima}
          - {left: Kenya, right: Nairobi}
          - {left: Chile, right: Santiago}
          - {left: Egypt, right: Cairo}
    """)


def secrets(quiz) -> dict[str, str]:
    """What a student must not find: the key's answers in any form a page could carry them."""
    order, pairs = quiz.question("order"), quiz.question("pairs")
    return {
        "explanation": "Explanation-marker-for-metal",
        "choice feedback": "Quicksilver-feedback-marker",
        "true/false feedback": "Truefalse-feedback-marker",
        "numeric answer": "7919",
        "accepted text": "Xylophonequartz",
        "ordering in key order": '", "'.join(order.items),
        "ordering in key order (compact)": '","'.join(order.items),
        "matching in key order": '","'.join(p.right for p in pairs.pairs),
        "matching in key order (spaced)": '", "'.join(p.right for p in pairs.pairs),
    }


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = make_small_book(tmp_path_factory.mktemp("assessed-book"))
    (folder / "keys" / "gamma.yml").write_text(KEY, encoding="utf-8")
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Gamma\n\nAn assessed quiz."),
        nbformat.v4.new_code_cell(
            'import quizbook\n\nquiz = quizbook.show("keys/gamma.yml")',
            metadata={"tags": ["remove-input"]},
        ),
    ]
    nbformat.write(notebook, folder / "gamma.ipynb")
    toc = folder / "_toc.yml"
    toc.write_text(toc.read_text() + "  - file: gamma\n", encoding="utf-8")
    build_book(folder)
    instructor = _instructor_build(folder)
    return folder, instructor


def _instructor_build(folder: Path) -> Path:
    """What `make instructor-book` runs: the build with QUIZBOOK_REVEAL=1, then the keys."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "QUIZBOOK_REVEAL": "1"}
    out = folder / "_instructor"
    subprocess.run(
        [
            str(bin_dir / "jupyter-book"),
            "build",
            str(folder),
            "--path-output",
            str(out),
            "--warningiserror",
            "--nitpick",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    html = out / "_build" / "html"
    subprocess.run(
        [
            str(bin_dir / "quizbook"),
            "answer-key",
            str(folder / "keys"),
            "-o",
            str(html / "answer-keys"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return html


def found_in(folder: Path, needle: str) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            try:
                text = path.read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if needle in text:
                hits.append(str(path.relative_to(folder)))
    return hits


def test_the_student_build_holds_none_of_an_assessed_quizs_answers(books):
    folder, _ = books
    build = folder / "_build" / "html"
    assert '<section class="quizbook" id="qb-gamma"' in (build / "gamma.html").read_text()
    quiz = parse_quiz(KEY)
    leaks = {what: found_in(build, text) for what, text in secrets(quiz).items()}
    assert {what: where for what, where in leaks.items() if where} == {}
    # the items themselves are on the page, alphabetically
    page = (build / "gamma.html").read_text()
    assert '"Whisky whale","Xray horse","Yankee cat","Zeta mouse"' in page


def test_the_instructors_copy_shows_the_answers_and_an_answer_key_page(books):
    _, instructor = books
    page = (instructor / "gamma.html").read_text()
    assert "Explanation-marker-for-metal" in page and "Xylophonequartz" in page
    key_page = (instructor / "answer-keys" / "gamma.html").read_text()
    assert "Answer key: Gamma test" in key_page
    for answer in (
        "Mercury",
        "Neon; Argon",
        "False",
        "7919",
        "Xylophonequartz",
        "Zeta mouse → Yankee cat → Xray horse → Whisky whale",
        "Peru → Lima",
    ):
        assert answer in key_page, answer
    assert (instructor / "answer-keys" / "alpha.html").is_file()
