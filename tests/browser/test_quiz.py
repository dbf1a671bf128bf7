"""A student takes each chapter's quiz in the built book, offline: every question answered
wrong and then right by clicking and typing, feedback and score checked, progress kept across
a reload, answers downloaded and validated, and a fresh start after "Start again"."""

from __future__ import annotations

import json

import jsonschema
import pytest

from quizbook import load_quiz
from quizbook.score import fraction

from .conftest import ROOT, run_axe

KEYS = sorted((ROOT / "quizzes").glob("*.yml"))
SCHEMA = json.loads((ROOT / "src" / "quizbook" / "schema" / "response.schema.json").read_text())


@pytest.fixture(scope="module")
def quiz():
    return load_quiz(ROOT / "quizzes" / "01-history.yml")


def key_answer(q):
    return {
        "single": lambda: next(i for i, c in enumerate(q.choices) if c.correct),
        "multiple": lambda: [i for i, c in enumerate(q.choices) if c.correct],
        "truefalse": lambda: q.answer,
        "numeric": lambda: q.answer if q.answer is not None else q.range[0],
        "text": lambda: q.accepted[0],
        "ordering": lambda: list(range(len(q.items))),
        "matching": lambda: list(range(len(q.pairs))),
    }[q.type]()


def wrong_answer(q):
    return {
        "single": lambda: next(i for i, c in enumerate(q.choices) if not c.correct),
        "multiple": lambda: [next(i for i, c in enumerate(q.choices) if not c.correct)],
        "truefalse": lambda: not q.answer,
        "numeric": lambda: q.bounds()[1] + 50,
        "text": lambda: "Somewhere else entirely",
        "ordering": lambda: list(reversed(range(len(q.items)))),
        "matching": lambda: [(i + 1) % len(q.pairs) for i in range(len(q.pairs))],
    }[q.type]()


def answer(fieldset, q, value) -> None:
    """Give an answer the way a student does: clicking, typing, choosing, moving."""
    if q.type == "single":
        fieldset.locator(f"input[value='{value}']").check()
    elif q.type == "multiple":
        for i in range(len(q.choices)):
            box = fieldset.locator(f"input[value='{i}']")
            box.check() if i in value else box.uncheck()
    elif q.type == "truefalse":
        fieldset.locator(f"input[id$='-{str(value).lower()}']").check()
    elif q.type in ("numeric", "text"):
        fieldset.locator("input.qb-answer").fill(f"{value:g}" if q.type == "numeric" else value)
    elif q.type == "ordering":
        for position, item in enumerate(value):
            shown = [
                int(x)
                for x in fieldset.locator("li[data-qb-item]").evaluate_all(
                    "els => els.map(e => e.dataset.qbItem)"
                )
            ]
            for _ in range(shown.index(item) - position):
                fieldset.locator(f"li[data-qb-item='{item}'] button.qb-up").click()
    elif q.type == "matching":
        for i, right in enumerate(value):
            fieldset.locator("select").nth(i).select_option(str(right))


def check(fieldset) -> str:
    fieldset.locator("button.qb-check").click()
    verdict = fieldset.locator(".qb-feedback .qb-verdict")
    verdict.wait_for()
    return verdict.inner_text()


@pytest.mark.parametrize("key", KEYS, ids=lambda path: path.stem)
def test_student_takes_the_quiz(offline, book_url, key, tmp_path):
    quiz = load_quiz(key)
    page = offline.new_page()
    page.goto(f"{book_url}/chapters/{key.stem}.html")
    root = page.locator(f"section.quizbook#qb-{quiz.id}")
    root.locator("fieldset.qb-q").first.wait_for()
    assert root.locator("fieldset.qb-q").count() == len(quiz.questions)
    score = root.locator(".qb-score")
    assert score.inner_text() == f"Score: 0 of {quiz.total_points:g} points"

    for q in quiz.questions:
        fieldset = root.locator(f"fieldset.qb-q[data-qb-q='{q.id}']")
        wrong = wrong_answer(q)
        answer(fieldset, q, wrong)
        expected = "Not quite." if fraction(q, wrong) == 0 else "Partly right"
        assert check(fieldset).startswith(expected), q.id
        if q.explanation:
            assert fieldset.locator(".qb-explanation").is_visible(), q.id
        if q.section:
            link = fieldset.locator(".qb-explanation a[data-qb-ref]")
            assert link.inner_text().startswith("Reread: ")
            href = link.get_attribute("href")
            assert href.startswith("#") and page.locator(f"[id='{href[1:]}']").count() == 1, href
        answer(fieldset, q, key_answer(q))
        assert check(fieldset) == "Correct.", q.id

    total = f"{quiz.total_points:g}"
    assert score.inner_text() == f"Score: {total} of {total} points"
    assert run_axe(page) == []  # with every feedback panel open

    # progress survives a reload
    page.reload()
    root.locator("fieldset.qb-q").first.wait_for()
    assert score.inner_text() == f"Score: {total} of {total} points"
    verdicts = root.locator(".qb-feedback .qb-verdict").all_inner_texts()
    assert verdicts == ["Correct."] * len(quiz.questions)

    # download my answers: a response file that validates and holds the right answers
    root.locator("input.qb-student").fill("s1234567")
    with page.expect_download() as download:
        root.locator("button.qb-download").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    response = json.loads(saved.read_text())
    jsonschema.validate(response, SCHEMA)
    assert response["quiz"] == quiz.id and response["student"] == "s1234567"
    assert response["quiz_hash"] == quiz.content_hash()
    for q in quiz.questions:
        assert fraction(q, response["answers"][q.id]) == 1, q.id

    # start again: two presses, then a clean quiz, also after a reload
    root.locator("button.qb-reset").click()
    root.locator("button.qb-reset").click()
    assert score.inner_text() == f"Score: 0 of {total} points"
    page.reload()
    root.locator("fieldset.qb-q").first.wait_for()
    assert score.inner_text() == f"Score: 0 of {total} points"
    assert offline.escaped == [] and offline.errors == []


def test_keyboard_only(offline, book_url, quiz):
    page = offline.new_page()
    page.goto(f"{book_url}/chapters/01-history.html")
    first = quiz.questions[0]
    fieldset = page.locator(f"fieldset.qb-q[data-qb-q='{first.id}']")
    fieldset.wait_for()
    fieldset.locator("input").first.focus()
    right = key_answer(first)
    shown = fieldset.locator("input").evaluate_all("els => els.map(e => +e.value)")
    for _ in range(shown.index(right)):  # choices may be shuffled
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert fieldset.locator(f"input[value='{right}']").is_checked()
    while not page.evaluate("document.activeElement.classList.contains('qb-check')"):
        page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused Check button shows no focus ring"
    page.keyboard.press("Enter")
    assert fieldset.locator(".qb-verdict").inner_text() == "Correct."
