"""The instructor's path: JupyterLab on loopback, the History notebook run in Chromium, and the
live widget quiz answered by clicking, with its Python callbacks running in a real kernel."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jsonschema
import pytest

from quizbook import load_quiz
from quizbook.grade import Options, grade
from quizbook.layout import ordering_start
from quizbook.plaintext import inline_text, points_phrase
from quizbook.response import MEDIA_TYPE
from quizbook.score import fraction

from .conftest import ROOT

TOKEN = "lips-and-teeth-test"
RESPONSE_SCHEMA = json.loads(
    (ROOT / "src" / "quizbook" / "schema" / "response.schema.json").read_text(encoding="utf-8")
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    work = tmp_path_factory.mktemp("lab")
    for name in ("chapters", "quizzes", "data"):
        shutil.copytree(ROOT / name, work / name)
    for name in ("_config.yml", "_toc.yml", "references.bib"):
        shutil.copy2(ROOT / name, work / name)
    home = tmp_path_factory.mktemp("jupyter-home")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    log = home / "lab.log"  # a file, not a pipe: a full pipe would stall the server
    errors = log.open("wb")
    port = _free_port()
    jupyter = Path(sys.executable).with_name("jupyter")
    proc = subprocess.Popen(
        [
            str(jupyter),
            "lab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={work}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("JupyterLab did not start: " + log.read_text()[-2000:])
            time.sleep(0.5)
    yield url, work
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    errors.close()


def test_instructor_runs_history_and_answers_the_live_quiz(lab, offline, tmp_path):
    url, work = lab
    quiz = load_quiz(work / "quizzes" / "01-history.yml")
    page = offline.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{url}/lab/tree/chapters/01-history.ipynb?token={TOKEN}")
    page.locator(".jp-Notebook").wait_for()
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    live = page.locator(".qb-live").first
    live.wait_for()
    first = quiz.questions[0]
    box = _box(live, first)
    # a wrong answer first, then the right one, as a student in class would
    wrong = next(c for c in first.choices if not c.correct)
    box.get_by_label(inline_text(wrong.text), exact=True).check()
    assert _check(box) == "Not quite."
    for q in quiz.questions:
        _answer_with_key(_box(live, q), quiz, q)
        assert _check(_box(live, q)) == "Correct.", q.id
    total = points_phrase(quiz.total_points)
    expect_text(live.locator(".qb-live-score"), f"Score: {total.split()[0]} of {total}")

    live.locator(".qb-live-student input").fill("s1234567")
    live.locator(".qb-live-save").click()
    expect_text(
        live.locator(".qb-live-status"), "Saved your answers to responses/history-s1234567.json."
    )
    saved = json.loads((work / "chapters" / "responses" / "history-s1234567.json").read_text())
    jsonschema.validate(saved, RESPONSE_SCHEMA)
    assert saved["student"] == "s1234567" and saved["quiz_hash"] == quiz.content_hash()
    assert {qid: fraction(quiz.question(qid), a) for qid, a in saved["answers"].items()} == {
        q.id: 1.0 for q in quiz.questions
    }
    assert saved["checks"] == {q.id: 2 if q is first else 1 for q in quiz.questions}
    assert saved["first"][first.id] == first.choices.index(wrong)

    # the notebook itself, saved as a student hands it in, is graded without running it
    page.keyboard.press("Control+s")
    notebook = work / "chapters" / "01-history.ipynb"
    for _ in range(200):
        if MEDIA_TYPE in notebook.read_text(encoding="utf-8"):
            break
        page.wait_for_timeout(50)
    out = tmp_path / "graded"
    key = str(work / "quizzes" / "01-history.yml")
    grade([key], [str(notebook)], out, Options(basis="first", jobs=1, progress=False))
    with open(out / quiz.id / "grades.csv", encoding="utf-8") as f:
        (row,) = csv.DictReader(f)
    assert (row["student"], float(row["total"])) == ("s1234567", quiz.total_points - first.points)
    assert offline.escaped == [] and offline.errors == []


def expect_text(locator, text: str) -> None:
    """Wait until a widget the kernel updates shows `text` (round trips take a moment)."""
    locator.get_by_text(text, exact=False).wait_for()


def _box(live, q):
    return live.locator(f".qb-live-q-{q.id}")


def _check(box) -> str:
    """Click Check and wait for the kernel's verdict."""
    before = box.locator(".qb-live-feedback").inner_text()
    box.locator(".qb-live-check").click()
    verdict = box.locator(".qb-live-verdict")
    for _ in range(200):
        if verdict.count() and box.locator(".qb-live-feedback").inner_text() != before:
            break
        box.page.wait_for_timeout(50)
    return verdict.inner_text()


def _answer_with_key(box, quiz, q) -> None:
    """Give the key's answer by clicking, typing, choosing and moving, as an instructor would."""
    if q.type in ("single", "multiple"):
        for c in q.choices:
            control = box.get_by_label(inline_text(c.text), exact=True)
            control.check() if c.correct else (q.type == "multiple" and control.uncheck())
    elif q.type == "truefalse":
        box.get_by_label("True" if q.answer else "False", exact=True).check()
    elif q.type in ("numeric", "text"):
        field = box.locator(".qb-live-answer input")
        field.fill(f"{q.bounds()[0]:g}" if q.type == "numeric" else q.accepted[0])
        field.press("Tab")  # ipywidgets syncs a text field's value on change
    elif q.type == "ordering":
        shown = list(ordering_start(quiz, q))
        for position in range(len(q.items)):
            for step in range(shown.index(position), position, -1):
                row = box.locator(".qb-live-row").nth(step)
                row.locator(".qb-live-up").click()
                shown[step - 1], shown[step] = shown[step], shown[step - 1]
                label = f"{step}. {inline_text(q.items[shown[step - 1]])}"
                expect_text(box.locator(".qb-live-row").nth(step - 1), label)
    elif q.type == "matching":
        for i, pair in enumerate(q.pairs):
            box.locator(".qb-live-pair select").nth(i).select_option(label=inline_text(pair.right))
