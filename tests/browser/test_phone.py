"""The book on a phone (390 x 844, as in the reader's report) and on a desktop: wide tables
say that they scroll, figures open full size, the quiz's dropdowns show the whole chosen
answer and its move buttons line up, "Back to top" covers no text, glossary links look
unlike citations, and a desktop page shows one search box."""

from __future__ import annotations

import pytest

from .conftest import OfflineContext, book_pages, run_axe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
CHAPTERS = [p for p in book_pages() if p.startswith("chapters/0")]


@pytest.fixture
def phone(browser):
    ctx = OfflineContext(browser, viewport=PHONE, device_scale_factor=2, is_mobile=True)
    yield ctx
    ctx.context.close()


@pytest.fixture
def desktop(browser):
    ctx = OfflineContext(browser, viewport=DESKTOP)
    yield ctx
    ctx.context.close()


@pytest.fixture
def laptop(browser):
    """Narrower than the width from which the theme hides "Back to top" (1200 px)."""
    ctx = OfflineContext(browser, viewport={"width": 1024, "height": 768})
    yield ctx
    ctx.context.close()


def box(locator) -> dict:
    return locator.evaluate("e => e.getBoundingClientRect().toJSON()")


def test_the_quiz_fits_a_phone(phone, book_url):
    page = phone.new_page()
    checked = {"matching": 0, "ordering": 0}
    for path in CHAPTERS:
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
        page.locator("fieldset.qb-q").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        for fieldset in page.locator("fieldset[data-qb-type='matching']").all():
            select = fieldset.locator("select").first
            options = select.locator("option").all_inner_texts()[1:]
            longest = max(options, key=len)
            select.select_option(label=longest)
            chosen = fieldset.locator(".qb-chosen").first
            assert chosen.is_visible() and chosen.inner_text() == longest, path
            shown = box(chosen)
            assert shown["right"] <= PHONE["width"] and shown["height"] > 0, path
            assert box(select)["width"] >= 0.8 * box(fieldset)["width"], "a full-width dropdown"
            checked["matching"] += 1
        for fieldset in page.locator("fieldset[data-qb-type='ordering']").all():
            lefts = {round(box(b)["left"]) for b in fieldset.locator(".qb-up").all()}
            assert len(lefts) == 1, f"{path}: move buttons at {sorted(lefts)}"
            checked["ordering"] += 1
    assert checked["matching"] and checked["ordering"], checked
    assert phone.errors == [] and phone.escaped == []


def test_wide_tables_say_they_scroll_and_take_focus(phone, book_url):
    page = phone.new_page()
    wide = 0
    for path in book_pages():
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
        for container in page.locator(".bd-article .pst-scrollable-table-container").all():
            overflows = container.evaluate("e => e.scrollWidth > e.clientWidth + 1")
            hinted = container.evaluate(
                "e => !!e.previousElementSibling?.classList.contains('lt-scroll-hint')"
            )
            assert hinted == overflows, f"{path}: a table that scrolls says so, no other"
            if not overflows:
                continue
            wide += 1
            hint = container.locator("xpath=preceding-sibling::p[1]")
            assert hint.is_visible() and "Scroll sideways" in hint.inner_text()
            assert container.get_attribute("tabindex") == "0"
            assert container.get_attribute("role") == "region"
            assert "lt-at-end" not in container.get_attribute("class")
            container.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
            page.wait_for_function(
                "e => e.classList.contains('lt-at-end')", arg=container.element_handle()
            )
        if path == "chapters/05-military-sanctions.html":
            assert run_axe(page) == [], "axe on a page of wide tables, at phone width"
    assert wide >= 1, "no table overflows a phone: nothing was checked"


def test_figures_open_full_size(phone, book_url):
    page = phone.new_page()
    figures = 0
    for path in CHAPTERS:
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
        for figure in page.locator(".bd-article figure").all():
            link = figure.locator("a.image-reference")
            image = figure.locator("img")
            assert link.count() == 1 and link.locator("img").count() == image.count() == 1
            href = link.get_attribute("href")
            assert href == image.get_attribute("src")
            response = page.request.get(page.evaluate("h => new URL(h, location).href", href))
            assert response.ok and response.headers["content-type"] == "image/png"
            figures += 1
    assert figures >= len(CHAPTERS), figures


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_back_to_top_covers_no_text(request, book_url, size):
    ctx = request.getfixturevalue(size)
    page = ctx.new_page()
    page.goto(f"{book_url}/chapters/01-history.html", wait_until="networkidle")
    page.evaluate("window.scrollTo(0, 3000)")
    page.wait_for_timeout(200)
    page.evaluate("window.scrollBy(0, -400)")  # the theme shows it on the way up
    button = page.locator("#pst-back-to-top")
    button.wait_for(state="visible")
    page.wait_for_timeout(300)
    mine, bar = box(button), box(page.locator(".bd-header-article"))
    assert bar["top"] <= mine["top"] and mine["bottom"] <= bar["bottom"], (mine, bar)
    for other in page.locator(".bd-header-article button, .bd-header-article a").all():
        if other.is_visible():
            them = box(other)
            apart = mine["right"] <= them["left"] or them["right"] <= mine["left"]
            assert apart, f"Back to top covers a header button: {mine} {them}"


def test_one_search_box_on_a_desktop(desktop, book_url):
    page = desktop.new_page()
    page.goto(f"{book_url}/chapters/01-history.html", wait_until="networkidle")
    shown = [
        b for b in page.locator(".search-button-field, .search-button").all() if b.is_visible()
    ]
    assert len(shown) == 1


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_glossary_links_look_unlike_citations(desktop, book_url, theme):
    page = desktop.new_page()
    page.goto(f"{book_url}/chapters/01-history.html", wait_until="networkidle")
    page.evaluate(
        "t => { localStorage.setItem('theme', t); localStorage.setItem('mode', t); }", theme
    )
    page.reload(wait_until="networkidle")
    style = "e => { const s = getComputedStyle(e); return [s.color, s.textDecorationStyle]; }"
    term = page.locator(".bd-article a.reference:has(> .std-term)").first.evaluate(style)
    cite = page.locator(".bd-article a.reference[href*='references.html#']").first.evaluate(style)
    assert term[1] == "dotted" and cite[1] == "solid"
    assert term[0] != cite[0], "a glossary link has its own colour"
