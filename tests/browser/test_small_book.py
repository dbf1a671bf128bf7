"""The second, minimal book (tests/engine/support.py): its configuration lists only
`quizbook.sphinx`, its keys know nothing of this course, and its built quiz works offline in
Chromium."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from ..engine.support import build_book, make_small_book
from .conftest import OfflineContext, run_axe


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def small_book_url(tmp_path_factory):
    folder = make_small_book(tmp_path_factory.mktemp("small-book"))
    build_book(folder)
    handler = functools.partial(_Quiet, directory=str(folder / "_build" / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_small_books_quiz_works_offline(browser, small_book_url):
    offline = OfflineContext(browser)
    try:
        page = offline.new_page()
        page.goto(f"{small_book_url}/alpha.html", wait_until="networkidle")
        quiz = page.locator("section.quizbook#qb-alpha")
        quiz.locator("fieldset.qb-q").first.wait_for()
        assert quiz.locator(".qb-score").inner_text() == "Score: 0 of 2 points"

        page.get_by_label("Five").check()
        page.click("#qb-alpha-sum-check")
        assert page.inner_text("#qb-alpha-sum-fb .qb-verdict") == "Not quite."
        assert page.locator("#qb-alpha-sum-fb .qb-fb").inner_text() == "One too many."
        link = page.locator("#qb-alpha-sum-fb a[data-qb-ref]")
        assert link.inner_text() == "Reread: Sums" and link.get_attribute("href") == "#alpha-sums"
        page.get_by_label("Four").check()
        page.click("#qb-alpha-sum-check")
        assert page.inner_text("#qb-alpha-sum-fb .qb-verdict") == "Correct."

        page.check("#qb-alpha-primes-c0")
        page.click("#qb-alpha-primes-check")
        assert page.inner_text("#qb-alpha-primes-fb .qb-verdict") == "Partly right: 0.5 of 1 point."
        marks = page.locator("#qb-alpha-primes-fb .qb-marks li").all_inner_texts()
        assert marks == ["Right: 2", "Missed: 7"]
        assert quiz.locator(".qb-score").inner_text() == "Score: 1.5 of 2 points"
        assert run_axe(page, "section.quizbook") == []  # the theme is the stock one
        assert offline.escaped == []
        # Stock Jupyter Book 1 declares sphinx-thebe's THEBE_JS_URL twice on every page, and
        # its theme logs a console error on a first visit (this course mends both in its own
        # configuration); nothing of the quiz may fail.
        stock = "Identifier 'THEBE_JS_URL' has already been declared"
        assert [e for e in offline.errors if stock not in e] == []
        assert [e for e in offline.console_errors if "quizbook" in e] == []
    finally:
        offline.context.close()
