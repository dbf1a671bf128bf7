"""The Sphinx extension (quizbook.sphinx): assets only on quiz pages, reread links that reach
their section, and a warning for a label the book does not define.

One tiny project, built once per module with Sphinx's default theme; a second, smaller build
goes through myst-nb as the book does (a notebook whose saved output holds the quiz)."""

from __future__ import annotations

import io
import json
import re
import textwrap

import pytest
from sphinx.application import Sphinx

from quizbook import parse_quiz
from quizbook.html import render_html

KEY = """\
id: demo
title: Demo quiz
questions:
  - id: far
    type: single
    prompt: Which?
    section: other-target
    choices: [{{text: a, correct: true}}, {{text: b}}]
    explanation: Because.
  - id: near
    type: truefalse
    prompt: True?
    section: quiz-local
    answer: true
  - id: anon
    type: truefalse
    prompt: True?
    section: other-para
    answer: true
{extra}"""
MISSING = """\
  - id: lost
    type: truefalse
    prompt: True?
    section: no-such-label
    answer: true
"""


def _raw(html: str) -> str:
    return ".. raw:: html\n\n" + textwrap.indent(html, "   ") + "\n"


def _build(src, builder="html", **conf):
    (src / "conf.py").write_text(
        "extensions = "
        + repr(conf.pop("extensions", ["quizbook.sphinx"]))
        + "\n"
        + "".join(f"{k} = {v!r}\n" for k, v in conf.items()),
        encoding="utf-8",
    )
    out, warnings = src / "_build" / builder, io.StringIO()
    app = Sphinx(
        str(src),
        str(src),
        str(out),
        str(src / "_build" / "doctrees"),
        builder,
        status=None,
        warning=warnings,
        freshenv=True,
    )
    app.build()
    return out, warnings.getvalue()


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    src = tmp_path_factory.mktemp("book")
    quiz = render_html(parse_quiz(KEY.format(extra="")), {"other-target": "Target"})
    broken = render_html(parse_quiz(KEY.format(extra=MISSING).replace("id: demo", "id: broken")))
    (src / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n\n   quiz\n   sub/other\n   broken\n", encoding="utf-8"
    )
    (src / "quiz.rst").write_text(
        "Quiz page\n=========\n\n.. _quiz-local:\n\nLocal section\n-------------\n\nText.\n\n"
        + _raw(quiz),
        encoding="utf-8",
    )
    (src / "sub").mkdir()
    (src / "sub" / "other.rst").write_text(
        "Other page\n==========\n\n.. _other-target:\n\nThe target\n----------\n\nText.\n\n"
        ".. _other-para:\n\nA paragraph with a label but no heading.\n",
        encoding="utf-8",
    )
    (src / "broken.rst").write_text("Broken\n======\n\n" + _raw(broken), encoding="utf-8")
    return _build(src)


def _assets(page: str) -> tuple[list[str], list[str]]:
    scripts = re.findall(r'<script[^>]*src="([^"]*quizbook[^"]*)"[^>]*>', page)
    styles = re.findall(r'<link[^>]*href="([^"]*quizbook[^"]*)"[^>]*>', page)
    return scripts, styles


def test_assets_only_on_pages_with_a_quiz(book):
    out, _ = book
    quiz = (out / "quiz.html").read_text(encoding="utf-8")
    scripts, styles = _assets(quiz)
    assert [s.split("?")[0] for s in scripts] == ["_static/quizbook.js"]
    assert [s.split("?")[0] for s in styles] == ["_static/quizbook.css"]
    assert re.search(r'<script defer="defer" src="_static/quizbook\.js', quiz)
    for page in ("index.html", "sub/other.html", "genindex.html", "search.html"):
        assert _assets((out / page).read_text(encoding="utf-8")) == ([], []), page
    assert _assets((out / "broken.html").read_text(encoding="utf-8"))[0]
    assert (out / "_static" / "quizbook.js").is_file()
    assert (out / "_static" / "quizbook.css").is_file()


def test_reread_links_point_at_their_sections(book):
    out, _ = book
    quiz = (out / "quiz.html").read_text(encoding="utf-8")
    assert 'href="sub/other.html#other-target" data-qb-ref="other-target"' in quiz
    assert 'href="#quiz-local" data-qb-ref="quiz-local"' in quiz
    assert 'href="sub/other.html#other-para" data-qb-ref="other-para"' in quiz
    assert ">Reread: Target</a>" in quiz
    assert 'id="other-target"' in (out / "sub" / "other.html").read_text(encoding="utf-8")
    assert 'id="quiz-local"' in quiz


def test_an_unknown_label_is_a_warning_naming_document_and_label(book):
    out, warnings = book
    lines = [w for w in warnings.splitlines() if "no-such-label" in w]
    assert len(lines) == 1, warnings
    assert "broken.rst" in lines[0] and "'broken'" in lines[0] and "WARNING" in lines[0]
    assert "other-target" not in warnings and "quiz-local" not in warnings, warnings
    page = (out / "broken.html").read_text(encoding="utf-8")
    assert 'href="#no-such-label" data-qb-ref="no-such-label"' in page


def test_the_extension_is_parallel_safe():
    from quizbook import sphinx as ext

    class App:
        def __init__(self):
            self.events = []

        def connect(self, event, handler):
            self.events.append(event)

    app = App()
    meta = ext.setup(app)
    assert meta["parallel_read_safe"] and meta["parallel_write_safe"]
    assert set(app.events) == {"config-inited", "doctree-resolved", "html-page-context"}


def test_a_myst_nb_notebook_output_gets_assets_and_links(tmp_path):
    quiz = render_html(parse_quiz(KEY.format(extra="")), {"other-target": "Target"})
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "id": "quiz",
        "metadata": {},
        "source": ["quiz"],
        "outputs": [
            {
                "output_type": "execute_result",
                "execution_count": 1,
                "metadata": {},
                "data": {"text/html": quiz, "text/plain": "<Quiz demo>"},
            }
        ],
    }
    markdown = {
        "cell_type": "markdown",
        "id": "head",
        "metadata": {},
        "source": [
            "# Chapter\n\n(quiz-local)=\n## Local\n\n(other-target)=\n## Target\n\n"
            "(other-para)=\n## Para\n"
        ],
    }
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "cells": [markdown, cell],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    }
    (tmp_path / "index.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    out, warnings = _build(
        tmp_path,
        extensions=["myst_nb", "quizbook.sphinx"],
        nb_execution_mode="off",
        exclude_patterns=["_build"],
    )
    page = (out / "index.html").read_text(encoding="utf-8")
    assert _assets(page)[0], "quizbook.js missing from the notebook page"
    assert 'href="#other-target" data-qb-ref="other-target"' in page
    assert "quizbook" not in warnings, warnings
