"""The static face of a quiz (quizbook.html): a short, deterministic, safe wrapper and one JSON
island that quizbook.js turns into the quiz (tests/test_static_dom.py checks the quiz it builds
in a real browser).

The regression file tests/regression/all-types.html is compared byte for byte; after a
deliberate change to the markup, regenerate it with QUIZBOOK_REGEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quizbook import load_quiz, parse_quiz
from quizbook.html import data_island, render_html
from quizbook.island import ISLAND, island_json, read_island
from quizbook.layout import element_id, matching_options, ordering_start
from quizbook.markdown import render, render_inline

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "all-types.yml"
REGRESSION = HERE / "regression" / "all-types.html"
TITLES = {"demo-war": "The *Korean* War", "demo-treaty": "The 1961 treaty"}
VOID = {"input", "br", "hr", "img", "meta", "link", "wbr", "area", "base", "col", "source"}
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


class Tree(HTMLParser):
    """A small DOM: every element as (tag, attrs, parent index, children indices), text per
    element, and a check that every element is closed where it should be. Like a browser,
    it reads a <script>'s content as text, up to the first `</script`."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.nodes: list[dict] = []
        self.stack: list[int] = []
        self.feed(html)
        self.close()
        assert not self.stack, f"unclosed elements: {[self.nodes[i]['tag'] for i in self.stack]}"

    def handle_starttag(self, tag, attrs):
        parent = self.stack[-1] if self.stack else None
        node = {"tag": tag, "attrs": dict(attrs), "parent": parent, "children": [], "text": ""}
        self.nodes.append(node)
        if parent is not None:
            self.nodes[parent]["children"].append(len(self.nodes) - 1)
        if tag not in VOID:
            self.stack.append(len(self.nodes) - 1)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        assert self.stack, f"</{tag}> closes nothing"
        top = self.nodes[self.stack.pop()]["tag"]
        assert top == tag, f"</{tag}> closes <{top}>"

    def handle_data(self, data):
        for i in self.stack:
            self.nodes[i]["text"] += data

    def find(self, tag=None, **attrs):
        return [
            n
            for n in self.nodes
            if (tag is None or n["tag"] == tag)
            and all(n["attrs"].get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def has_class(self, cls):
        return [n for n in self.nodes if cls in n["attrs"].get("class", "").split()]

    def ancestors(self, node):
        while node["parent"] is not None:
            node = self.nodes[node["parent"]]
            yield node

    def descendants(self, node):
        for i in node["children"]:
            yield self.nodes[i]
            yield from self.descendants(self.nodes[i])


@pytest.fixture(scope="module")
def quiz():
    return load_quiz(FIXTURE)


@pytest.fixture(scope="module")
def html(quiz):
    return render_html(quiz, TITLES)


def assessed_fixture():
    text = FIXTURE.read_text(encoding="utf-8").replace("mode: practice", "mode: assessed")
    return parse_quiz(text, "assessed.yml")


def island_of(html: str) -> dict:
    """The island as the browser reads it: the script element's text, parsed as JSON."""
    (script,) = Tree(html).find("script")
    return json.loads(script["text"])


def test_regression_file_matches_byte_for_byte(html):
    if os.environ.get("QUIZBOOK_REGEN"):
        REGRESSION.parent.mkdir(parents=True, exist_ok=True)
        REGRESSION.write_text(html, encoding="utf-8", newline="\n")
    assert REGRESSION.is_file(), "no regression file: run with QUIZBOOK_REGEN=1 once"
    expected = REGRESSION.read_text(encoding="utf-8")
    assert html == expected, "markup changed: if on purpose, rerun with QUIZBOOK_REGEN=1"


def test_output_is_deterministic(quiz):
    again = load_quiz(FIXTURE)
    assert render_html(quiz, TITLES) == render_html(again, dict(TITLES))
    assert render_html(quiz) == render_html(again)


def test_wrapper_is_short_well_formed_and_self_contained(quiz, html):
    tree = Tree(html)
    root = tree.nodes[0]
    assert root["tag"] == "section" and root["parent"] is None
    assert sum(1 for n in tree.nodes if n["parent"] is None) == 1, "one root element"
    assert root["attrs"] == {
        "class": "quizbook",
        "id": "qb-all-types",
        "data-qb-mode": "practice",
        "aria-labelledby": "qb-all-types-title",
    }
    assert [n["tag"] for n in tree.nodes] == ["section", "h2", "em", "p", "noscript", "script"]
    title, intro = tree.find("h2")[0], tree.has_class("qb-intro")[0]
    assert title["attrs"] == {"class": "qb-title", "id": "qb-all-types-title"}
    assert title["text"] == "Check your understanding: every type"
    assert intro["text"] == (
        "9 questions, 10.5 points. Check each answer as you go; your answers stay in this browser."
    )
    assert "JavaScript" in tree.find("noscript")[0]["text"]
    (script,) = tree.find("script")
    assert script["attrs"] == {"type": "application/json", "class": "qb-data"}
    for node in tree.nodes:
        for name in node["attrs"]:
            assert not name.startswith("on"), f"inline handler {name} on <{node['tag']}>"
            assert name != "style", f"style attribute on <{node['tag']}>"
    assert "javascript:" not in html
    assert "<link" not in html and "<img" not in html and "src=" not in html
    assert html.count("\n") == 6 and html.endswith("</section>\n")


def test_the_island_is_what_data_island_says_and_reads_back(quiz, html):
    assert island_of(html) == data_island(quiz, TITLES) == read_island(html)
    assert ISLAND.search(html).group(2) == island_json(data_island(quiz, TITLES))


def test_island_carries_ids_types_points_and_display_orders(quiz, html):
    data = island_of(html)
    assert data["i"] == quiz.id and data["h"] == quiz.content_hash()
    assert data["a"] == 3 and "s" not in data  # no shuffle: left out
    assert [q["i"] for q in data["q"]] == [q.id for q in quiz.questions]
    assert [q.get("t", "single") for q in data["q"]] == [q.type for q in quiz.questions]
    assert "t" not in data["q"][0], "single choice is the default type"
    assert [q.get("p", 1) for q in data["q"]] == [q.points for q in quiz.questions]
    assert "p" not in data["q"][1] and data["q"][0]["p"] == 2 and data["q"][8]["p"] == 1.5
    by_id = {q["i"]: q for q in data["q"]}
    events, capitals = quiz.question("events"), quiz.question("capitals")
    assert by_id["events"]["s"] == ordering_start(quiz, events)
    assert by_id["capitals"]["s"] == matching_options(quiz, capitals)
    assert by_id["treaty-year"]["u"] == "year" and "u" not in by_id["armistice-window"]


def test_every_html_string_in_the_island_is_renderer_output(quiz, html):
    """Each Markdown text rendered once, by quizbook.markdown, and nothing else as markup."""
    data = island_of(html)
    for q, d in zip(quiz.questions, data["q"], strict=True):
        assert d["q"] == render(q.prompt)
        if q.type in ("single", "multiple"):
            assert d["c"] == [render_inline(c.text) for c in q.choices]
            assert d.get("f", {}) == {
                str(i): render(c.feedback) for i, c in enumerate(q.choices) if c.feedback
            }
        if q.type == "truefalse":
            assert d["f"] == {"true": render(q.feedback_true), "false": render(q.feedback_false)}
        if q.type == "ordering":
            assert d["o"] == [render_inline(i) for i in q.items]
        if q.type == "matching":
            assert d["l"] == [render_inline(p.left) for p in q.pairs]
            assert d["r"] == [render_inline(p.right) for p in q.pairs]
        assert d.get("e") == (render(q.explanation) if q.explanation else None)
    crossing = data["q"][0]
    assert crossing["q"] == (
        "<p>When did the Chinese People's Volunteers cross the <strong>Yalu</strong> River?</p>"
    )


def test_island_carries_the_scoring_key_in_practice(quiz, html):
    data = island_of(html)
    keys = {q["i"]: q.get("k") for q in data["q"]}
    assert keys == {
        "crossing": 0,
        "talks": [0, 1, 3],
        "treaty-renewed": False,
        "treaty-year": 1961,
        "border-length": [1366, 1466],
        "armistice-window": [1951, 1953],
        "village": ["Panmunjom", "Panmunjeom"],
        "events": None,  # the key order is the answer
        "capitals": None,
    }
    assert isinstance(keys["treaty-year"], int), "1961.0 is written 1961"


def test_reread_targets_are_listed_once_each_with_title_text(quiz, html):
    data = island_of(html)
    assert data["refs"] == [
        {"ref": "demo-war", "t": "The Korean War"},  # Markdown in a title becomes text
        {"ref": "demo-talks"},  # no title known
        {"ref": "demo-treaty", "t": "The 1961 treaty"},
    ]
    refs = [data["refs"][q["x"]]["ref"] if "x" in q else None for q in data["q"]]
    assert refs == [q.section for q in quiz.questions]
    assert "href" not in html, "the default href (#label) is left out"


def test_island_json_escapes_what_could_end_the_script_and_little_else():
    data = {
        "a": "</script><script>x</script>",
        "b": "<!-- <SCRIPT>y</Script >",
        "c": "<p>fine</p> & <em>fine</em>",
        "d": "line\u2028para\u2029end",
        "e": '</SCRIPT\t>"',
    }
    text = island_json(data)
    assert json.loads(text) == data
    low = text.lower()
    assert "</" not in text and "<!--" not in text and "<script" not in low
    assert "\u2028" not in text and "\u2029" not in text
    assert "<p>fine<\\/p> & <em>fine<\\/em>" in text, "a plain < or & stays as it is"
    page = f'<script type="application/json" class="qb-data">{text}</script>'
    assert json.loads(Tree(page).find("script")[0]["text"]) == data


def test_assessed_mode_carries_no_key_feedback_or_explanation():
    quiz = assessed_fixture()
    html = render_html(quiz, TITLES)
    tree = Tree(html)
    data = island_of(html)
    assert tree.nodes[0]["attrs"]["data-qb-mode"] == "assessed"
    assert "refs" not in data
    for q in data["q"]:
        assert set(q) <= {"i", "t", "p", "q", "c", "u", "o", "l", "r", "s"}, q
    for secret in (
        "correct",
        "accepted",
        "Panmunjom",
        "Yes, on the night",
        "That is when the war began",
        "India was not a party",
        "renews",
        "Chinese official sources",
        "Article 7",
        "Reread",
        "demo-war",
        "1961.0",
        "1366",
        '"k"',
        '"f"',
        '"e"',
    ):
        assert secret not in html, secret
    assert "graded" in tree.has_class("qb-intro")[0]["text"]


def test_a_quiz_with_one_question_says_so():
    quiz = parse_quiz(
        "id: one\ntitle: One\nquestions:\n"
        "  - {id: q, type: truefalse, prompt: p, answer: true, points: 1}\n"
    )
    html = render_html(quiz)
    assert '<p class="qb-intro">1 question, 1 point. ' in html
    assert island_of(html)["q"] == [{"i": "q", "t": "truefalse", "q": "<p>p</p>", "k": True}]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_key_text_reaches_the_island_only_as_renderer_output(payload):
    quiz = parse_quiz(hostile_key(payload), "hostile.yml")
    html = render_html(quiz, {"nowhere": f"Section {payload}"})
    tree = Tree(html)
    assert [n["tag"] for n in tree.nodes] == ["section", "h2", "p", "noscript", "script"]
    assert html.count("</script>") == 1 and html.lower().count("<script") == 1
    escaped = payload.replace("<", "&lt;").replace(">", "&gt;")
    assert tree.find("h2")[0]["text"] == f"Title {payload}"  # as text: the tags are escaped
    assert f"Title {escaped}" in html
    data = island_of(html)
    pick, tf, order, pairs, words, num = data["q"]
    assert pick["q"] == f"<p>Prompt {escaped}</p>"
    assert pick["c"] == [f"Choice {escaped}", "other"]
    assert pick["f"] == {"0": f"<p>Feedback {escaped}</p>"}
    assert pick["e"] == f"<p>Explanation {escaped}</p>"
    assert tf["f"] == {"true": f"<p>True {escaped}</p>"}
    assert order["o"] == [f"Item {escaped}", "second"]
    assert pairs["l"][0] == f"Left {escaped}" and pairs["r"][0] == f"Right {escaped}"
    # strings the script sets as text (textContent) stay as the key says
    assert data["refs"] == [{"ref": "nowhere", "t": f"Section {payload}"}]
    assert words["k"] == ["</script><script>alert(1)</script>", payload]
    assert num["u"] == "<b onmouseover=alert(1)>km</b>"
    # every HTML string holds no tag but the renderer's own
    strings = [pick["q"], pick["c"][0], pick["f"]["0"], pick["e"], tf["f"]["true"]]
    strings += [order["o"][0], pairs["l"][0], pairs["r"][0]]
    for s in strings:
        assert set(re.findall(r"</?([a-z]+)", s)) <= {"p"}, s
        assert unescape(re.sub(r"<[^>]+>", "", s)).count(payload) == 1


def hostile_key(payload: str) -> str:
    return f"""\
id: hostile
title: "Title {payload}"
questions:
  - id: pick
    type: single
    prompt: "Prompt {payload}"
    section: nowhere
    choices:
      - text: "Choice {payload}"
        correct: true
        feedback: "Feedback {payload}"
      - text: other
    explanation: "Explanation {payload}"
  - id: tf
    type: truefalse
    prompt: p
    answer: true
    feedback_true: "True {payload}"
  - id: order
    type: ordering
    prompt: p
    items: ["Item {payload}", "second"]
  - id: pairs
    type: matching
    prompt: p
    pairs: [{{left: "Left {payload}", right: "Right {payload}"}}, {{left: a, right: b}}]
  - id: words
    type: text
    prompt: p
    accepted: ["</script><script>alert(1)</script>", "{payload}"]
  - id: num
    type: numeric
    prompt: p
    answer: 1
    unit: "<b onmouseover=alert(1)>km</b>"
"""


def test_element_ids_the_script_derives_are_those_of_layout(quiz, html):
    """The script names elements `<section id>-<question id>-<part>`, as element_id does."""
    root = Tree(html).nodes[0]["attrs"]["id"]
    for q in quiz.questions:
        assert f"{root}-{q.id}-prompt" == element_id(quiz.id, q.id, "prompt")
