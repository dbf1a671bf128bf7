"""Browser fixtures: the built book served on loopback, driven in Debian's headless Chromium.

Every request that would leave loopback is blocked and recorded, so a test can assert that a
page works offline and fetches nothing from the internet.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BOOK = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def book_url():
    if not (BOOK / "index.html").is_file():
        pytest.fail(f"{BOOK} has no built book: run 'make book' first")
    handler = functools.partial(_QuietHandler, directory=str(BOOK))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: 'make test' installs Debian's chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OfflineContext:
    """A browser context that refuses and records every request leaving loopback."""

    def __init__(self, browser, **options):
        self.escaped: list[str] = []
        self.errors: list[str] = []
        self.console_errors: list[str] = []
        self.context = browser.new_context(**options)
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK:
            route.continue_()
        else:
            self.escaped.append(url)
            route.abort()

    def new_page(self):
        page = self.context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self._console)
        return page

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.location.get('url', '?')}: {message.text}")


@pytest.fixture
def offline(browser, tmp_path):
    ctx = OfflineContext(browser, accept_downloads=True)
    yield ctx
    ctx.context.close()


def book_pages() -> list[str]:
    """Every HTML page of the built book, relative to its root."""
    return sorted(
        str(p.relative_to(BOOK))
        for p in BOOK.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


def run_axe(page, within: str | None = None) -> list[dict]:
    """WCAG 2.2 A/AA violations axe-core finds on the page (or within the element that
    `within` selects), as {id, nodes} summaries."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """within => axe.run(within ? document.querySelector(within) : document,
             {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
              resultTypes: ['violations']})""",
        within,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
