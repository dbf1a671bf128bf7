"""A book that only lists `quizbook.sphinx` among its extensions shows static quizzes, and a
rebuild after a key or a data file changes shows the change, executing again only the
chapters that read it. The book (support.SMALL_BOOK) knows nothing of this course;
tests/browser/test_small_book.py takes its quiz in Chromium."""

from __future__ import annotations

import pytest

from .support import build_book, executed, make_small_book

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    folder = make_small_book(tmp_path_factory.mktemp("small-book"))
    first = build_book(folder)
    return folder, first


def page(folder, name: str) -> str:
    return (folder / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")


def test_the_extension_alone_shows_static_quizzes_with_no_widget_scripts(book):
    folder, first = book
    assert executed(first) == ["alpha", "beta"]
    alpha = page(folder, "alpha")
    assert '<section class="quizbook" id="qb-alpha"' in alpha
    assert "_static/quizbook.js" in alpha and "_static/quizbook.css" in alpha
    for unwanted in ("require.min.js", "embed-amd", "widget-view+json", "widget-state+json"):
        assert unwanted not in alpha, unwanted
    assert "quizbook.js" not in page(folder, "intro")


def test_a_changed_key_or_data_file_re_executes_only_the_chapters_that_read_it(book):
    folder, _ = book
    assert executed(build_book(folder)) == [], "a no-op rebuild executes nothing"

    key = folder / "keys" / "alpha.yml"
    key.write_text(key.read_text().replace("two plus two", "two and two"), encoding="utf-8")
    assert executed(build_book(folder)) == ["alpha"]
    assert "What is two and two?" in page(folder, "alpha")
    assert "What is two plus two?" not in page(folder, "alpha")

    (folder / "data" / "squares.csv").write_text("n,square\n8,64\n", encoding="utf-8")
    assert executed(build_book(folder)) == ["beta"]
    assert "64" in page(folder, "beta")

    key.write_text(key.read_text().replace("two and two", "two plus two"), encoding="utf-8")
    assert executed(build_book(folder)) == [], "the first key's run comes from the cache"
    assert "What is two plus two?" in page(folder, "alpha")
