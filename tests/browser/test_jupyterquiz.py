"""An exported jupyterquiz file, shown by jupyterquiz itself: a notebook calls
`display_quiz` on it in a real kernel, and the page made of that cell's outputs (what a
Jupyter Book page carries) is answered in Chromium, offline. jupyterquiz fetches nothing
when it reads a local file and the page has no MathJax: the test proves no request leaves."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from quizbook.export import export_keys

from ..engine.support import FIXTURE
from .conftest import OfflineContext


@pytest.fixture(scope="module")
def quiz_page(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("jupyterquiz")
    (exported,) = export_keys([FIXTURE], "jupyterquiz", folder).files
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "from jupyterquiz import display_quiz\n"
            f"display_quiz({exported.name!r}, shuffle_answers=False)"
        )
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    parts = []
    for output in notebook.cells[0].outputs:
        data = output.get("data", {})
        if "application/javascript" in data:
            parts.append(f"<script>{data['application/javascript']}</script>")
        elif "text/html" in data:
            parts.append(data["text/html"])
    assert len(parts) == 2, notebook.cells[0].outputs
    return "<!doctype html><html><head><meta charset='utf-8'></head><body>" + "".join(parts)


def test_jupyterquiz_shows_the_export_and_takes_right_answers(browser, quiz_page):
    offline = OfflineContext(browser)
    try:
        page = offline.new_page()
        page.set_content(quiz_page, wait_until="load")
        questions = page.locator("div.Quiz")
        questions.first.wait_for()
        # every type jupyterquiz has: ordering and matching are left out, with a note
        assert questions.count() == 7
        first = questions.nth(0)
        assert "Rubicon" in first.locator("strong").inner_text()

        first.get_by_text("49 BC", exact=True).click()
        feedback = first.locator(".Feedback")
        assert "correct" in feedback.get_attribute("class").split()
        assert "Yes, in January 49 BC." in feedback.inner_text()
        assert "Roman sources date the crossing" in feedback.inner_text()  # the explanation

        year = questions.nth(3).locator("input.Input-text")
        year.fill("1869")
        year.press("Enter")
        assert "correct" in questions.nth(3).locator(".Feedback").get_attribute("class").split()

        city = questions.nth(6).locator("input.Input-text")
        city.fill("zurich")
        city.press("Enter")
        assert "correct" in questions.nth(6).locator(".Feedback").get_attribute("class").split()

        assert offline.escaped == []
        assert offline.errors == []
    finally:
        offline.context.close()
