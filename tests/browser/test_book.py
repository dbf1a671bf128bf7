"""Every page of the built book: nothing leaves loopback, no script or console errors, no WCAG 2.2 A/AA
violation that axe-core can find, in the theme's light and dark modes."""

from __future__ import annotations

import json

from .conftest import book_pages, run_axe


def test_the_book_has_the_pages_it_should():
    pages = book_pages()
    for page in ("index.html", "chapters/01-history.html", "chapters/intro.html"):
        assert page in pages


def test_no_page_fetches_anything_beyond_loopback(offline, book_url):
    page = offline.new_page()
    for path in book_pages():
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
    assert offline.escaped == [], f"requests that left loopback: {offline.escaped[:10]}"
    assert offline.errors == [], f"script errors: {offline.errors[:10]}"
    assert offline.console_errors == [], f"console errors: {offline.console_errors[:10]}"


def test_no_accessibility_violations_on_any_page(offline, book_url):
    page = offline.new_page()
    found = {}
    for path in book_pages():
        for theme in ("light", "dark"):
            page.goto(f"{book_url}/{path}", wait_until="networkidle")
            # The theme reads its mode from localStorage on load; reloading applies it without
            # the colour transition that a live switch animates (and axe would measure midway).
            page.evaluate(
                "t => { localStorage.setItem('theme', t); localStorage.setItem('mode', t); }", theme
            )
            page.reload(wait_until="networkidle")
            assert page.evaluate("document.documentElement.dataset.theme") == theme
            if violations := run_axe(page):
                found[f"{path} ({theme})"] = violations
    assert not found, json.dumps(found, indent=1)[:6000]
