"""The Sphinx extension (quizbook.sphinx): minified assets only on quiz pages, reread links
(in each quiz's JSON island) that reach their section, and a warning for a label the book
does not define.

One tiny project, built once per module with Sphinx's default theme; a second, smaller build
goes through myst-nb as the book does (a notebook whose saved output holds the quiz)."""

from __future__ import annotations

import io
import json
import os
import re
import textwrap
import time

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from quizbook import parse_quiz
from quizbook.assets import STATIC, minified
from quizbook.html import render_html
from quizbook.island import ISLAND, island_json, read_island

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
FILLERS = 6
MISSING = """\
  - id: lost
    type: truefalse
    prompt: True?
    section: no-such-label
    answer: true
"""


def _raw(html: str) -> str:
    return ".. raw:: html\n\n" + textwrap.indent(html, "   ") + "\n"


def _build(src, builder="html", freshenv=True, parallel=0, **conf):
    (src / "conf.py").write_text(
        "extensions = "
        + repr(conf.pop("extensions", ["quizbook.sphinx"]))
        + "\n"
        + "".join(f"{k} = {v!r}\n" for k, v in conf.items()),
        encoding="utf-8",
    )
    out, warnings = src / "_build" / builder, io.StringIO()
    with docutils_namespace():  # as sphinx-build does: each build registers its own nodes
        app = Sphinx(
            str(src),
            str(src),
            str(out),
            str(src / "_build" / "doctrees"),
            builder,
            status=None,
            warning=warnings,
            freshenv=freshenv,
            parallel=parallel,
        )
        app.build()
    return out, warnings.getvalue()


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    src = tmp_path_factory.mktemp("book")
    quiz = render_html(parse_quiz(KEY.format(extra="")), {"other-target": "Target"})
    broken = render_html(parse_quiz(KEY.format(extra=MISSING).replace("id: demo", "id: broken")))
    (src / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n\n   quiz\n   sub/other\n   broken\n"
        + "".join(f"   more{n}\n" for n in range(FILLERS)),
        encoding="utf-8",
    )
    for n in range(FILLERS):  # enough pages for a parallel build to fork
        (src / f"more{n}.rst").write_text(f"More {n}\n======\n\nText.\n", encoding="utf-8")
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
    out, warnings = _build(src)
    return out, warnings, src


def _assets(page: str) -> tuple[list[str], list[str]]:
    scripts = re.findall(r'<script[^>]*src="([^"]*quizbook[^"]*)"[^>]*>', page)
    styles = re.findall(r'<link[^>]*href="([^"]*quizbook[^"]*)"[^>]*>', page)
    return scripts, styles


def _refs(page: str) -> dict[str, str | None]:
    """Each reread label of the page's quiz with its href (None: the default, #label)."""
    return {r["ref"]: r.get("href") for r in read_island(page)["refs"]}


def test_assets_only_on_pages_with_a_quiz(book):
    out, *_ = book
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


def test_the_shipped_assets_are_the_sources_minified_with_their_wording(book):
    out, *_ = book
    for name in ("quizbook.js", "quizbook.css"):
        source = (STATIC / name).read_text(encoding="utf-8")
        shipped = (out / "_static" / name).read_text(encoding="utf-8")
        assert shipped == minified(name), name
        assert len(shipped) < 0.85 * len(source), name
        assert "/*" not in shipped and "\n\n" not in shipped, name
    js = (out / "_static" / "quizbook.js").read_text(encoding="utf-8")
    assert "module.exports" in js and "qb-data" in js
    assert '"correct":"Correct."' in js and "QUIZBOOK_WORDING" not in js


def test_reread_links_point_at_their_sections(book):
    out, *_ = book
    quiz = (out / "quiz.html").read_text(encoding="utf-8")
    assert _refs(quiz) == {
        "other-target": "sub/other.html#other-target",
        "quiz-local": None,  # on this page: the default #quiz-local
        "other-para": "sub/other.html#other-para",
    }
    assert read_island(quiz)["refs"][0]["t"] == "Target"
    island = ISLAND.search(quiz).group(2)
    assert island == island_json(read_island(quiz)), "re-serialised with the same escaping"
    assert "<\\/p>" in island and "</" not in island
    assert 'id="other-target"' in (out / "sub" / "other.html").read_text(encoding="utf-8")
    assert 'id="quiz-local"' in quiz


def test_an_unknown_label_is_a_warning_naming_document_and_label(book):
    out, warnings, _ = book
    lines = [w for w in warnings.splitlines() if "no-such-label" in w]
    assert len(lines) == 1, warnings
    assert "broken.rst" in lines[0] and "'broken'" in lines[0] and "WARNING" in lines[0]
    assert "other-target" not in warnings and "quiz-local" not in warnings, warnings
    page = (out / "broken.html").read_text(encoding="utf-8")
    assert _refs(page)["no-such-label"] is None  # left as it was: #no-such-label
    assert _refs(page)["other-target"] == "sub/other.html#other-target"


def test_an_incremental_and_a_parallel_rebuild_are_clean(book):
    out, _, src = book
    shipped = (out / "_static" / "quizbook.js").read_bytes()
    for parallel in (0, 2):
        for page in src.glob("*.rst"):  # changed: read and written again
            later = time.time() + 10 + parallel
            os.utime(page, (later, later))
        written = (out / "quiz.html").stat().st_mtime_ns
        again, warnings = _build(src, freshenv=False, parallel=parallel)
        assert (out / "quiz.html").stat().st_mtime_ns > written, "the page was not rebuilt"
        assert again == out
        lines = [w for w in warnings.splitlines() if "WARNING" in w and "no-such-label" not in w]
        assert lines == [], warnings
        assert (out / "_static" / "quizbook.js").read_bytes() == shipped
    quiz = (out / "quiz.html").read_text(encoding="utf-8")
    assert _refs(quiz)["other-target"] == "sub/other.html#other-target"


def test_the_extension_is_parallel_safe():
    from quizbook import sphinx as ext

    class App:
        def __init__(self):
            self.events = []

        def connect(self, event, handler, **kwargs):
            self.events.append(event)

    app = App()
    meta = ext.setup(app)
    assert meta["parallel_read_safe"] and meta["parallel_write_safe"]
    assert set(app.events) == {
        "config-inited",
        "source-read",
        "doctree-resolved",
        "html-page-context",
    }


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
    assert _refs(page) == {"other-target": None, "quiz-local": None, "other-para": None}
    assert "quizbook" not in warnings, warnings
