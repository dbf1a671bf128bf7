"""The instructor's path: JupyterLab on loopback, the History notebook run in Chromium, and the
live widget quiz answered by clicking, with its Python callbacks running in a real kernel."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

TOKEN = "lips-and-teeth-test"


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


def test_instructor_runs_history_and_answers_the_live_quiz(lab, offline):
    url, work = lab
    page = offline.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{url}/lab/tree/chapters/01-history.ipynb?token={TOKEN}")
    page.locator(".jp-Notebook").wait_for()
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    quiz = page.locator(".qb-live").first
    quiz.wait_for()
    first = quiz.locator(".qb-live-question").first
    # a wrong answer first, then the right one, as a student in class would
    first.locator("input[type=radio]").nth(_wrong_choice(work)).check()
    first.locator(".qb-live-check").click()
    feedback = first.locator(".qb-live-feedback")
    feedback.get_by_text("Not quite").wait_for()
    first.locator("input[type=radio]").nth(_right_choice(work)).check()
    first.locator(".qb-live-check").click()
    feedback.get_by_text("Correct").wait_for()
    assert "Score: 1 of" in quiz.locator(".qb-live-score").inner_text()
    assert offline.escaped == [], offline.escaped


def _first_single(work):
    from quizbook import load_quiz

    quiz = load_quiz(work / "quizzes" / "01-history.yml")
    question = quiz.questions[0]
    assert question.type == "single", "the History quiz should open with a single-choice question"
    return question


def _right_choice(work) -> int:
    return next(i for i, c in enumerate(_first_single(work).choices) if c.correct)


def _wrong_choice(work) -> int:
    return next(i for i, c in enumerate(_first_single(work).choices) if not c.correct)
