"""The static quiz in a real browser: quizbook.js builds, from the wrapper and JSON island that
quizbook.html writes, the quiz the book shows, and that quiz works.

Each page here is one rendered quiz with quizbook.js and quizbook.css, served on loopback
(localStorage needs a real origin); requests that would leave loopback are refused. The main
tests run twice: with the readable sources and with the minified files the book ships.
The whole-book browser tests are in tests/browser/.

The DOM the script builds is compared with tests/engine/regression/all-types.dom.html (and its
assessed twin), the markup html.py used to write before the script built it; after a
deliberate change, regenerate them with QUIZBOOK_REGEN=1 and review the diff.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import os
import queue
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from quizbook import load_quiz, parse_quiz
from quizbook.assets import write_assets
from quizbook.grade import Options, grade
from quizbook.html import data_island, render_html
from quizbook.layout import element_id, matching_options, ordering_start
from quizbook.model import Quiz

from ..engine.support import FIXTURE, HOSTILE, REGRESSION, TITLES, Tree, hostile_key

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "quizbook" / "static"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMA = ROOT / "src" / "quizbook" / "schema" / "response.schema.json"
VECTORS = ROOT / "tests" / "vectors" / "scoring.json"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
ASSETS = ("readable", "minified")
QID = "qb-all-types"


# -- the browser, in a thread of its own --------------------------------------------------


class Chromium:
    """Headless Chromium driven from its own thread. Playwright's sync API allows one instance
    per thread, and the book's browser tests may hold one in the main thread: each test hands
    a function of the browser to `run`, which calls it there and returns or raises its
    result here."""

    def __init__(self):
        self.jobs: queue.Queue = queue.Queue()
        self.started = queue.Queue()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        if (problem := self.started.get(timeout=120)) is not None:
            raise problem

    def _serve(self):
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                self.started.put(None)
                while (job := self.jobs.get()) is not None:
                    fn, answer = job
                    try:
                        answer.put((True, fn(browser)))
                    except BaseException as exc:
                        answer.put((False, exc))
                browser.close()
        except BaseException as exc:
            self.started.put(exc)

    def run(self, fn):
        answer: queue.Queue = queue.Queue()
        self.jobs.put((fn, answer))
        ok, value = answer.get(timeout=300)
        if not ok:
            raise value
        return value

    def close(self):
        self.jobs.put(None)
        self.thread.join(timeout=60)


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: 'make test' installs Debian's chromium")
    browser = Chromium()
    yield browser
    browser.close()


# -- the pages, on loopback -----------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="quizbook.css">{pre}
<script defer src="quizbook.js"></script></head>
<body><main><h1>{title}</h1>
{quiz}</main></body></html>
"""


def _pages() -> dict[str, tuple[str, str]]:
    """name: (quiz HTML, extra head script)."""
    fixture = FIXTURE.read_text(encoding="utf-8")
    pages = {
        "practice": (render_html(load_quiz(FIXTURE), TITLES), ""),
        "assessed": (
            render_html(parse_quiz(fixture.replace("mode: practice", "mode: assessed")), TITLES),
            "",
        ),
        "shuffled": (
            render_html(parse_quiz(fixture.replace("attempts: 3", "shuffle: true")), TITLES),
            "",
        ),
        "scoring": ("", "\n<script>var module = {exports: {}};</script>"),
    }
    for n, payload in enumerate(HOSTILE):
        quiz = parse_quiz(hostile_key(payload))
        pages[f"hostile-{n}"] = (render_html(quiz, {"nowhere": f"Section {payload}"}), "")
    return pages


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The pages under /readable/ and /minified/, served on loopback."""
    root = tmp_path_factory.mktemp("site")
    for folder in ASSETS:
        (root / folder).mkdir()
    write_assets(root / "readable", minify=False)
    write_assets(root / "minified")
    assert (root / "minified" / "quizbook.js").stat().st_size < (
        STATIC / "quizbook.js"
    ).stat().st_size
    for name, (quiz, pre) in _pages().items():
        for folder in ASSETS:
            page = PAGE.format(title=f"Quiz: {name}", quiz=quiz, pre=pre)
            (root / folder / f"{name}.html").write_text(page, encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Session:
    """A fresh browser context (its own localStorage) that refuses every request leaving
    loopback and records script errors and dialogs."""

    def __init__(self, browser, base: str):
        self.base, self.errors, self.dialogs, self.escaped = base, [], [], []
        self.context = browser.new_context(accept_downloads=True)
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.escaped.append(url)
            route.abort()

    def open(self, path: str):
        page = self.context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.goto(f"{self.base}/{path}", wait_until="load")
        if "scoring" not in path:  # a quiz page: wait for the script to build the quiz
            page.wait_for_selector(".qb-tools", state="attached")
        return page

    def close(self):
        self.context.close()
        assert self.errors == [], self.errors
        assert self.escaped == [], self.escaped


def in_session(chromium, site, fn):
    def job(browser):
        session = Session(browser, site)
        try:
            return fn(session)
        finally:
            session.close()

    return chromium.run(job)


# -- helpers on the built DOM ---------------------------------------------------------------


def quiz_html(page) -> str:
    return page.evaluate("document.querySelector('.quizbook').outerHTML")


class _Shape(HTMLParser):
    """Elements, attributes and text in document order, without the island and <noscript>
    and without the line breaks between block elements."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "noscript"):
            self.skip += 1
        elif not self.skip:
            self.out.append(("<", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_endtag(self, tag):
        if tag in ("script", "noscript"):
            self.skip -= 1
        elif not self.skip:
            self.out.append(("</", tag))

    def handle_data(self, data):
        if self.skip or (not data.strip() and "\n" in data):
            return
        if self.out and self.out[-1][0] == "#":
            self.out[-1] = ("#", self.out[-1][1] + data)
        else:
            self.out.append(("#", data))


def shape(html: str) -> list:
    return _Shape(html).out


def verdict(page, qid: str) -> str:
    return page.locator(f"#{QID}-{qid}-fb .qb-verdict").inner_text()


def visible_texts(page, selector: str) -> list[str]:
    return [el.inner_text() for el in page.locator(selector).all() if el.is_visible()]


def answer(page, qid: str, value) -> None:
    """Set a question of the all-types fixture as a student would."""
    fs = page.locator(f'fieldset[data-qb-q="{qid}"]')
    kind = fs.get_attribute("data-qb-type")
    if kind == "single":
        page.check(f"#{QID}-{qid}-c{value}")
    elif kind == "multiple":
        for box in fs.locator("input").all():
            box.set_checked(int(box.get_attribute("value")) in value)
    elif kind == "truefalse":
        page.check(f"#{QID}-{qid}-{'true' if value else 'false'}")
    elif kind in ("numeric", "text"):
        page.fill(f"#{QID}-{qid}-ans", str(value))
    elif kind == "ordering":
        for position, item in enumerate(value):
            while (now := order_of(page, qid).index(item)) > position:
                fs.locator(f'li[data-qb-item="{item}"] .qb-up').click()
                assert order_of(page, qid).index(item) == now - 1
    elif kind == "matching":
        for i, j in enumerate(value):
            page.select_option(f"#{QID}-{qid}-m{i}", str(j))


def order_of(page, qid: str) -> list[int]:
    items = page.locator(f'fieldset[data-qb-q="{qid}"] li[data-qb-item]')
    return [int(li.get_attribute("data-qb-item")) for li in items.all()]


def check(page, qid: str) -> str:
    page.click(f"#{QID}-{qid}-check")
    return verdict(page, qid)


RIGHT = {
    "crossing": 0,
    "gases": [0, 1, 3],
    "water-boils": False,
    "table-year": 1869,
    "river-length": 1200,
    "war-window": 1942,
    "city": " zürich ",
    "events": [0, 1, 2, 3],
    "capitals": [0, 1, 2],
}
WRONG = {  # and what the check says
    "crossing": (1, "Not quite."),
    "gases": ([2], "Not quite."),
    "water-boils": (True, "Not quite."),
    "table-year": (1868, "Not quite."),
    "river-length": ("1,230", "Not quite."),  # a decimal comma: 1.23 km
    "war-window": (1938, "Not quite."),
    "city": ("Basel", "Not quite."),
    "events": (None, "Partly right: 0.5 of 1 point."),  # the start order, as shown
    "capitals": ([1, 0, 2], "Partly right: 0.5 of 1.5 points."),
}
RESPONSE = dict(RIGHT, city=" zürich ")


# -- the markup ------------------------------------------------------------------------------


@pytest.mark.parametrize("assets", ASSETS)
@pytest.mark.parametrize("mode", ["practice", "assessed"])
def test_the_script_builds_the_markup_html_py_used_to_write(chromium, site, assets, mode):
    built = in_session(chromium, site, lambda s: quiz_html(s.open(f"{assets}/{mode}.html")))
    expected = REGRESSION / (
        "all-types.dom.html" if mode == "practice" else "all-types-assessed.dom.html"
    )
    if os.environ.get("QUIZBOOK_REGEN") and assets == "readable":
        text = re.sub(
            r"<script[^>]*>.*?</script>\n?|<noscript>.*?</noscript>\n?", "", built, flags=re.S
        )
        expected.write_text(text + "\n", encoding="utf-8", newline="\n")
    assert shape(built) == shape(expected.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(chromium, site):
    """The practice quiz as the browser shows it on first load, parsed."""
    return Tree(in_session(chromium, site, lambda s: quiz_html(s.open("readable/practice.html"))))


@pytest.fixture(scope="module")
def quiz():
    return load_quiz(FIXTURE)


def test_ids_are_unique_and_derived_from_quiz_and_question_ids(quiz, built):
    ids = [n["attrs"]["id"] for n in built.nodes if "id" in n["attrs"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert all(i.startswith(element_id(quiz.id)) for i in ids)
    for q in quiz.questions:
        for part in ("prompt", "check", "fb", "left"):
            assert element_id(quiz.id, q.id, part) in ids
    for node in built.nodes:  # every reference points at an element of the quiz
        for attr in ("for", "aria-describedby", "aria-labelledby"):
            for ref in node["attrs"].get(attr, "").split():
                assert ref in ids, f"{attr}={ref} names no element"


def test_every_question_is_a_fieldset_with_legend_and_described_by_its_prompt(quiz, built):
    fieldsets = built.find("fieldset")
    assert [f["attrs"]["data-qb-q"] for f in fieldsets] == [q.id for q in quiz.questions]
    assert [f["attrs"]["data-qb-type"] for f in fieldsets] == [q.type for q in quiz.questions]
    n = len(quiz.questions)
    for number, (fs, q) in enumerate(zip(fieldsets, quiz.questions, strict=True), 1):
        legend = built.nodes[fs["children"][0]]
        assert legend["tag"] == "legend"
        points = "1 point" if q.points == 1 else f"{q.points:g} points"
        assert legend["text"] == f"Question {number} of {n} ({points})"
        prompt = built.find(id=fs["attrs"]["aria-describedby"])[0]
        assert prompt["attrs"]["class"] == "qb-prompt" and prompt["tag"] == "div"
        assert fs["attrs"]["aria-describedby"] == element_id(quiz.id, q.id, "prompt")


def test_every_control_has_a_label_and_every_button_a_name(built):
    labelled = {n["attrs"].get("for") for n in built.find("label")} - {None}
    controls = built.find("input") + built.find("select")
    assert controls
    for c in controls:
        inside = any(a["tag"] == "label" for a in built.ancestors(c))
        assert inside or c["attrs"].get("id") in labelled, c["attrs"]
    for c in built.find("input", type="text"):
        assert c["attrs"].get("id") in labelled
    for b in built.find("button"):
        assert b["attrs"].get("type") == "button"
        assert b["text"].strip() or b["attrs"].get("aria-label")
    block = {"p", "div", "ul", "ol", "li", "blockquote", "pre", "h1", "h2", "h3", "table"}
    for label in built.find("label"):
        inner = {d["tag"] for d in built.descendants(label)}
        assert not inner & block, f"block element in a label: {inner & block}"


def test_no_nested_interactive_elements_and_lists_hold_only_items(built):
    interactive = {"button", "a", "select", "input"}
    for node in built.nodes:
        if node["tag"] in interactive:
            inner = [d["tag"] for d in built.descendants(node) if d["tag"] in interactive]
            assert not inner or node["tag"] == "select", f"{inner} inside <{node['tag']}>"
        if node["tag"] in ("ol", "ul"):
            assert {built.nodes[i]["tag"] for i in node["children"]} <= {"li"}
        if node["tag"] == "select":
            assert {built.nodes[i]["tag"] for i in node["children"]} == {"option"}


def test_controls_by_type(quiz, built):
    by_q = {f["attrs"]["data-qb-q"]: f for f in built.find("fieldset")}
    for q in quiz.questions:
        inner = list(built.descendants(by_q[q.id]))
        inputs = [n for n in inner if n["tag"] == "input"]
        eid = functools.partial(element_id, quiz.id, q.id)
        if q.type in ("single", "multiple"):
            box = "radio" if q.type == "single" else "checkbox"
            assert [i["attrs"] for i in inputs] == [
                {"type": box, "name": eid(), "id": eid(f"c{i}"), "value": str(i)}
                for i in range(len(q.choices))
            ]
            labels = [n for n in inner if n["tag"] == "label"]
            assert [lab["attrs"]["class"] for lab in labels] == ["qb-choice"] * len(q.choices)
        elif q.type == "truefalse":
            assert [(i["attrs"]["id"], i["attrs"]["value"]) for i in inputs] == [
                (eid("true"), "true"),
                (eid("false"), "false"),
            ]
            assert [n["text"] for n in inner if n["tag"] == "label"] == [" True", " False"]
        elif q.type == "numeric":
            assert inputs[0]["attrs"]["inputmode"] == "decimal"
            assert (
                inputs[0]["attrs"]["id"] == eid("ans")
                and inputs[0]["attrs"]["class"] == "qb-answer"
            )
            label = built.find("label", for_=eid("ans"))[0]
            unit = f" ({q.unit})" if q.unit else ""
            assert label["text"] == f"Your answer{unit}"
        elif q.type == "text":
            assert inputs[0]["attrs"]["type"] == "text" and inputs[0]["attrs"]["id"] == eid("ans")
            assert built.find("label", for_=eid("ans"))[0]["text"] == "Your answer"
        elif q.type == "ordering":
            items = [n for n in inner if n["tag"] == "li"]
            assert [int(i["attrs"]["data-qb-item"]) for i in items] == ordering_start(quiz, q)
            for cls, verb in (("qb-up", "up"), ("qb-down", "down")):
                names = [n["attrs"]["aria-label"] for n in inner if n["attrs"].get("class") == cls]
                assert names == [f"Move {verb}: {q.items[i]}" for i in ordering_start(quiz, q)]
            live = [n for n in inner if "qb-moved" in n["attrs"].get("class", "")]
            assert live[0]["attrs"]["aria-live"] == "polite"
        elif q.type == "matching":
            selects = [n for n in inner if n["tag"] == "select"]
            assert [s["attrs"]["id"] for s in selects] == [
                eid(f"m{i}") for i in range(len(q.pairs))
            ]
            for left, sel in zip(q.pairs, selects, strict=True):
                options = [built.nodes[i] for i in sel["children"]]
                assert options[0]["attrs"]["value"] == "" and options[0]["text"] == "Choose…"
                order = [int(o["attrs"]["value"]) for o in options[1:]]
                assert order == matching_options(quiz, q)
                assert [o["text"] for o in options[1:]] == [q.pairs[j].right for j in order]
                assert built.find("label", for_=sel["attrs"]["id"])[0]["text"] == left.left


def test_feedback_regions_reread_links_score_and_tools(quiz, built):
    score = built.has_class("qb-score")
    assert len(score) == 1 and score[0]["attrs"]["aria-live"] == "polite"
    assert score[0]["text"] == "Score: 0 of 10.5 points"
    for q in quiz.questions:
        region = built.find(id=element_id(quiz.id, q.id, "fb"))[0]
        assert region["attrs"]["role"] == "status" and region["attrs"]["aria-live"] == "polite"
        assert built.nodes[region["children"][0]]["attrs"]["class"] == "qb-verdict"
        check = built.find(id=element_id(quiz.id, q.id, "check"))[0]
        assert check["tag"] == "button" and check["attrs"]["class"] == "qb-check"
        assert built.find(id=element_id(quiz.id, q.id, "left"))[0]["text"] == "3 checks left."
    said = [(n["attrs"]["data-qb-choice"], n["text"]) for n in built.has_class("qb-fb")]
    assert said[:2] == [
        ("0", "Yes, in January 49 BC."),
        ("1", "That is when he was killed."),
    ]
    assert ("true", "It boils at 100 °C.") in said
    links = built.find("a")
    assert {(a["attrs"]["href"], a["attrs"]["data-qb-ref"]) for a in links} == {
        ("#demo-rome", "demo-rome"),
        ("#demo-chemistry", "demo-chemistry"),
        ("#demo-water", "demo-water"),
    }
    texts = {a["attrs"]["data-qb-ref"]: a["text"] for a in links}
    assert texts["demo-rome"] == "Reread: The Roman Republic"  # Markdown in a title becomes text
    assert texts["demo-chemistry"] == "Reread the section"  # no title known
    for node in built.has_class("qb-explanation") + built.has_class("qb-fb"):
        assert "hidden" in node["attrs"]
    student = built.has_class("qb-student")[0]
    assert built.find("label", for_=student["attrs"]["id"])[0]["text"] == "Your name or student ID"
    assert built.has_class("qb-download")[0]["text"] == "Download my answers"
    assert built.has_class("qb-reset")[0]["text"] == "Start again"
    assert built.has_class("qb-status")[0]["attrs"]["role"] == "status"


# -- behaviour -------------------------------------------------------------------------------


@pytest.mark.parametrize("assets", ASSETS)
def test_a_wrong_then_a_right_answer_per_type_then_reload_download_and_reset(
    chromium, site, assets, tmp_path
):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    quiz = load_quiz(FIXTURE)

    def run(s):
        page = s.open(f"{assets}/practice.html")
        score = page.locator(".qb-score")
        for qid, (wrong, said) in WRONG.items():
            if wrong is not None:
                answer(page, qid, wrong)
            assert check(page, qid) == said, qid
            assert page.locator(f"#{QID}-{qid}-fb").get_attribute("class") != "qb-feedback qb-ok"
        assert visible_texts(page, f"#{QID}-crossing-fb .qb-fb") == ["That is when he was killed."]
        assert visible_texts(page, f"#{QID}-water-boils-fb .qb-fb") == ["It boils at 100 °C."]
        assert score.inner_text() == "Score: 1 of 10.5 points"  # the two half points
        for qid, value in RIGHT.items():
            answer(page, qid, value)
            assert check(page, qid) == "Correct.", qid
            assert page.locator(f"#{QID}-{qid}-fb").get_attribute("class") == "qb-feedback qb-ok"
            assert page.inner_text(f"#{QID}-{qid}-left") == "1 check left."
        assert score.inner_text() == "Score: 10.5 of 10.5 points"
        assert visible_texts(page, f"#{QID}-crossing-fb .qb-fb") == ["Yes, in January 49 BC."]
        link = page.locator(f"#{QID}-crossing-fb a[data-qb-ref]")
        assert link.is_visible() and link.inner_text() == "Reread: The Roman Republic"
        page.fill(".qb-student", "s1234567")

        page.reload(wait_until="load")  # progress survives a reload
        page.wait_for_selector(".qb-tools", state="attached")
        assert score.inner_text() == "Score: 10.5 of 10.5 points"
        for qid in RIGHT:
            assert verdict(page, qid) == "Correct.", qid
        assert page.is_checked(f"#{QID}-crossing-c0") and page.is_checked(f"#{QID}-gases-c3")
        assert page.is_checked(f"#{QID}-water-boils-false")
        assert page.input_value(f"#{QID}-city-ans") == " zürich "
        assert order_of(page, "events") == [0, 1, 2, 3]
        assert page.input_value(f"#{QID}-capitals-m2") == "2"
        assert page.input_value(".qb-student") == "s1234567"

        with page.expect_download() as caught:
            page.click(".qb-download")
        path = tmp_path / f"{assets}.json"
        caught.value.save_as(path)
        assert caught.value.suggested_filename == "all-types-s1234567-response.json"
        assert page.inner_text(".qb-status") == "Downloaded all-types-s1234567-response.json."
        first_and_final_are_graded(path, quiz, tmp_path / f"{assets}-graded")

        page.click(".qb-reset")  # Start again asks first
        assert page.inner_text(".qb-reset") == "Yes, clear all my answers"
        assert "again" in page.inner_text(".qb-status")
        page.click(".qb-reset")
        assert page.inner_text(".qb-status") == "All answers cleared."
        assert page.inner_text(".qb-reset") == "Start again"
        assert score.inner_text() == "Score: 0 of 10.5 points"
        assert page.locator(".quizbook input:checked").count() == 0
        assert page.input_value(f"#{QID}-city-ans") == ""
        assert order_of(page, "events") == ordering_start(quiz, quiz.question("events"))
        assert visible_texts(page, ".qb-explanation, .qb-fb") == []
        assert page.evaluate("Object.keys(localStorage)") == ["quizbook:student"]
        page.reload(wait_until="load")
        page.wait_for_selector(".qb-tools", state="attached")
        assert score.inner_text() == "Score: 0 of 10.5 points"
        assert page.inner_text(f"#{QID}-crossing-left") == "3 checks left."

    in_session(chromium, site, run)
    response = json.loads((tmp_path / f"{assets}.json").read_text(encoding="utf-8"))
    jsonschema.validate(response, schema)
    assert response["quiz"] == "all-types" and response["quiz_hash"] == quiz.content_hash()
    assert response["student"] == "s1234567"
    assert response["answers"] == RESPONSE
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", response["saved"])


def test_checks_run_out_and_a_blank_answer_is_not_a_check(chromium, site):
    def run(s):
        page = s.open("readable/practice.html")
        assert check(page, "table-year") == "Type a number, such as 42 or 2.5."
        assert check(page, "city") == "Answer the question first."
        assert page.inner_text(f"#{QID}-city-left") == "3 checks left."
        answer(page, "crossing", 1)
        for left in ("2 checks left.", "1 check left.", "No checks left."):
            check(page, "crossing")
            assert page.inner_text(f"#{QID}-crossing-left") == left
        assert page.locator('fieldset[data-qb-q="crossing"]').evaluate("fs => fs.disabled")
        assert page.is_disabled(f"#{QID}-crossing-c0")

    in_session(chromium, site, run)


def test_feedback_says_which_parts_were_right(chromium, site):
    def parts(page, qid):
        return visible_texts(page, f"#{QID}-{qid}-fb .qb-marks li")

    def run(s):
        page = s.open("readable/practice.html")
        answer(page, "gases", [0, 2])  # one right, one wrong: net nothing
        assert check(page, "gases") == "Not quite."
        assert parts(page, "gases") == [
            "Right: Helium",
            "Missed: Neon",
            "Wrong: Nitrogen",
            "Missed: Argon",
        ]
        answer(page, "capitals", [1, 0, 2])
        assert check(page, "capitals") == "Partly right: 0.5 of 1.5 points."
        assert parts(page, "capitals") == ["Wrong: France", "Wrong: Italy", "Right: Spain"]
        answer(page, "events", [1, 0, 2, 3])
        assert check(page, "events") == "Partly right: 0.75 of 1 point."
        assert parts(page, "events") == [
            "In order: Caesar is killed",
            "Out of order: Caesar crosses the Rubicon",
            "In order: Augustus becomes emperor",
            "In order: Vesuvius buries Pompeii",
        ]
        marks = page.locator(f"#{QID}-events-fb > *").evaluate_all(
            "els => els.map(e => e.className)"
        )
        assert marks == ["qb-verdict", "qb-marks", "qb-explanation"], "before the explanation"
        page.reload(wait_until="load")  # kept with the check
        page.wait_for_selector(".qb-tools", state="attached")
        assert parts(page, "capitals") == ["Wrong: France", "Wrong: Italy", "Right: Spain"]
        answer(page, "capitals", [0, 1, 2])
        assert check(page, "capitals") == "Correct."
        assert parts(page, "capitals") == [], "no parts list once all is right"

    in_session(chromium, site, run)


def test_moving_an_item_keeps_focus_and_says_where_it_went(chromium, site):
    def run(s):
        page = s.open("readable/practice.html")
        first = page.locator('fieldset[data-qb-q="events"] li').first
        name = first.locator(".qb-item").inner_text()
        first.locator(".qb-down").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            f"Move down: {name}"
        )
        assert page.inner_text(".qb-moved") == f"{name}: position 2 of 4."
        page.keyboard.press("Enter")
        assert page.inner_text(".qb-moved") == f"{name}: position 3 of 4."

    in_session(chromium, site, run)


@pytest.mark.parametrize("assets", ASSETS)
def test_assessed_quiz_collects_answers_and_shows_nothing_else(chromium, site, assets, tmp_path):
    def run(s):
        page = s.open(f"{assets}/assessed.html")
        for gone in (".qb-check", ".qb-feedback", ".qb-score", ".qb-explanation", "a"):
            assert page.locator(gone).count() == 0, gone
        answer(page, "crossing", 1)
        answer(page, "city", "Basel")
        with page.expect_download() as caught:
            page.click(".qb-download")
        caught.value.save_as(tmp_path / "r.json")

    in_session(chromium, site, run)
    response = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert response["answers"] == {"crossing": 1, "city": "Basel"}


@pytest.mark.parametrize("assets", ASSETS)
def test_an_assessed_page_lists_items_by_text_and_the_grader_maps_them_back(
    chromium, site, assets, tmp_path
):
    """Events listed alphabetically (Augustus, Rubicon, killed, Vesuvius): the right order is
    the second, third, first, fourth; capitals offered Madrid, Paris, Rome."""

    def run(s):
        page = s.open(f"{assets}/assessed.html")
        shown = page.locator('fieldset[data-qb-q="events"] li .qb-item').all_inner_texts()
        assert sorted(shown) == [
            "Augustus becomes emperor",
            "Caesar crosses the Rubicon",
            "Caesar is killed",
            "Vesuvius buries Pompeii",
        ]
        answer(page, "events", [1, 2, 0, 3])
        answer(page, "capitals", [1, 2, 0])
        with page.expect_download() as caught:
            page.click(".qb-download")
        caught.value.save_as(tmp_path / "r.json")

    in_session(chromium, site, run)
    response = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert response["order"] == "listed"
    assert response["answers"] == {"events": [1, 2, 0, 3], "capitals": [1, 2, 0]}
    key = tmp_path / "keys" / "all-types.yml"
    key.parent.mkdir()
    key.write_text(FIXTURE.read_text(encoding="utf-8").replace("mode: practice", "mode: assessed"))
    grade([str(key)], [str(tmp_path / "r.json")], tmp_path / "out", Options(jobs=1, progress=False))
    with open(tmp_path / "out" / "all-types" / "grades.csv", encoding="utf-8") as f:
        (row,) = csv.DictReader(f)
    assert (row["events"], row["capitals"]) == ("1", "1.5")


def first_and_final_are_graded(path, quiz, out):
    """The downloaded file records each question's checks and first checked answer (wrong
    first, then right), and the grader scores either."""
    response = json.loads(path.read_text(encoding="utf-8"))
    assert response["format"] == "quizbook-response/2"
    assert response["checks"] == {qid: 2 for qid in RIGHT}
    first = {qid: wrong for qid, (wrong, _) in WRONG.items() if wrong is not None}
    first |= {"river-length": 1.23, "events": ordering_start(quiz, quiz.question("events"))}
    assert response["first"] == first
    for basis, expected in (("final", 10.5), ("first", 1.0)):
        grade(
            [str(FIXTURE)], [str(path)], out / basis, Options(basis=basis, jobs=1, progress=False)
        )
        with open(out / basis / quiz.id / "grades.csv", encoding="utf-8") as f:
            (row,) = csv.DictReader(f)
        assert float(row["total"]) == expected, basis


def test_a_shuffled_quiz_moves_choices_but_keeps_their_values(chromium, site):
    def shown_order(page):
        values = page.eval_on_selector_all(
            '[data-qb-q="gases"] .qb-choice input', "els => els.map(e => e.value)"
        )
        for v in values:
            label = page.locator(f"#{QID}-gases-c{v}").locator("xpath=..").inner_text()
            assert label.strip() == ["Helium", "Neon", "Nitrogen", "Argon"][int(v)]
        tf = page.eval_on_selector_all(
            '[data-qb-q="water-boils"] input', "els => els.map(e => e.value)"
        )
        assert tf == ["true", "false"]
        return tuple(values)

    def run(s):
        students = set()
        for _ in range(6):
            page = s.open("readable/shuffled.html")
            first = shown_order(page)
            page.reload(wait_until="load")
            assert shown_order(page) == first, "a reload moved the choices"
            students.add(first)
            page.evaluate("localStorage.clear()")  # the next load is another student's browser
            page.close()
        assert len(students) > 1, "six browsers, one order"

    in_session(chromium, site, run)


@pytest.mark.parametrize("mode", ["practice", "assessed"])
def test_axe_finds_no_wcag_violations(chromium, site, mode):
    def run(s):
        page = s.open(f"readable/{mode}.html")
        if mode == "practice":  # with feedback and explanations showing
            for qid, (wrong, _) in WRONG.items():
                if wrong is not None:
                    answer(page, qid, wrong)
                check(page, qid)
        page.add_script_tag(path=str(AXE))
        return page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
                 resultTypes: ['violations']})"""
        )["violations"]

    violations = in_session(chromium, site, run)
    summary = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in violations]
    assert summary == []


# -- safety ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(len(HOSTILE)), ids=["script", "img-onerror"])
def test_hostile_key_text_shows_as_text_and_never_runs(chromium, site, n):
    payload = HOSTILE[n]

    def run(s):
        page = s.open(f"readable/hostile-{n}.html")
        hq = "qb-hostile"
        page.check(f"#{hq}-pick-c0")
        page.click(f"#{hq}-pick-check")
        page.check(f"#{hq}-tf-true")
        page.click(f"#{hq}-tf-check")
        page.fill(f"#{hq}-words-ans", payload)
        page.click(f"#{hq}-words-check")
        page.hover(f"label[for='{hq}-num-ans']")
        page.wait_for_timeout(100)
        found = {
            "img": page.locator("img").count(),
            "b": page.locator(".quizbook b").count(),
            "scripts": page.locator("script").count(),  # the island and quizbook.js
            "title": page.inner_text(".qb-title"),
            "prompt": page.inner_text(f"#{hq}-pick-prompt"),
            "choice": page.locator(f"#{hq}-pick-c0").locator("xpath=..").inner_text(),
            "feedback": visible_texts(page, f"#{hq}-pick-fb .qb-fb"),
            "explanation": page.inner_text(f"#{hq}-pick-fb .qb-explanation"),
            "tf": visible_texts(page, f"#{hq}-tf-fb .qb-fb"),
            "item": page.inner_text('[data-qb-q="order"] li[data-qb-item="0"] .qb-item'),
            "up": page.locator('[data-qb-q="order"] li[data-qb-item="0"] .qb-up').get_attribute(
                "aria-label"
            ),
            "left": page.inner_text(f"label[for='{hq}-pairs-m0']"),
            "options": page.eval_on_selector_all(
                f"#{hq}-pairs-m0 option", "els => els.map(e => e.textContent)"
            ),
            "unit": page.inner_text(f"label[for='{hq}-num-ans']"),
            "words": page.inner_text(f"#{hq}-words-fb .qb-verdict"),
        }
        return found, list(s.dialogs)

    found, dialogs = in_session(chromium, site, run)
    assert dialogs == [], "a key's text ran as script"
    assert found["img"] == 0 and found["b"] == 0 and found["scripts"] == 2
    assert found["title"] == f"Title {payload}"
    assert found["prompt"] == f"Prompt {payload}"
    assert found["choice"].strip() == f"Choice {payload}"
    assert found["feedback"] == [f"Feedback {payload}"]
    assert found["explanation"].split("\n")[0] == f"Explanation {payload}"
    assert found["explanation"].endswith(f"Reread: Section {payload}")
    assert found["tf"] == [f"True {payload}"]
    assert found["item"] == f"Item {payload}" and found["up"] == f"Move up: Item {payload}"
    assert found["left"] == f"Left {payload}"
    assert f"Right {payload}" in found["options"]
    assert found["unit"] == "Your answer (<b onmouseover=alert(1)>km</b>)"
    assert found["words"] == "Correct."


# -- the island's scoring key ---------------------------------------------------------------


def test_the_island_key_scores_every_vector_as_score_py_does(chromium, site):
    """The shared vectors (tests/vectors/scoring.json), each as html.py writes its question
    into the island, scored by quizbook.js through key() and score()."""
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    cases = []
    for case in vectors:
        quiz = Quiz.model_validate({"id": "v", "title": "v", "questions": [case["question"]]})
        cases.append([data_island(quiz)["q"][0], case["answer"]])

    def run(s):
        page = s.open("readable/scoring.html")
        return page.evaluate("cases => cases.map(([q, a]) => module.exports.score(q, a))", cases)

    got = in_session(chromium, site, run)
    for case, value in zip(vectors, got, strict=True):
        assert abs(value - case["expected"]) <= 1e-9, case["name"]
