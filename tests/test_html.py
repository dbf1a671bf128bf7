"""The static face of a quiz (quizbook.html): deterministic, safe, accessible markup.

The regression file tests/regression/all-types.html is compared byte for byte; after a
deliberate change to the markup, regenerate it with QUIZBOOK_REGEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quizbook import load_quiz, parse_quiz
from quizbook.html import data_island, render_html
from quizbook.layout import element_id, matching_options, ordering_start

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "all-types.yml"
REGRESSION = HERE / "regression" / "all-types.html"
TITLES = {"demo-war": "The *Korean* War", "demo-treaty": "The 1961 treaty"}
VOID = {"input", "br", "hr", "img", "meta", "link", "wbr", "area", "base", "col", "source"}
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


class Tree(HTMLParser):
    """A small DOM: every element as (tag, attrs, parent index, children indices), text per
    element, and a check that every element is closed where it should be."""

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


def _variant(text: str, **replace) -> str:
    for old, new in replace.items():
        text = text.replace(old.replace("_", "-"), new)
    return text


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


def test_markup_is_well_formed_and_self_contained(html):
    tree = Tree(html)
    assert tree.nodes[0]["tag"] == "section" and tree.nodes[0]["parent"] is None
    assert sum(1 for n in tree.nodes if n["parent"] is None) == 1, "one root element"
    scripts = tree.find("script")
    assert len(scripts) == 1 and scripts[0]["attrs"] == {
        "type": "application/json",
        "class": "qb-data",
    }
    for node in tree.nodes:
        for name in node["attrs"]:
            assert not name.startswith("on"), f"inline handler {name} on <{node['tag']}>"
            assert name != "style", f"style attribute on <{node['tag']}>"
    assert "javascript:" not in html
    assert "<link" not in html and "<img" not in html and "src=" not in html


def test_ids_are_unique_and_derived_from_quiz_and_question_ids(quiz, html):
    tree = Tree(html)
    ids = [n["attrs"]["id"] for n in tree.nodes if "id" in n["attrs"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert all(i.startswith(element_id(quiz.id)) for i in ids)
    for q in quiz.questions:
        assert element_id(quiz.id, q.id, "prompt") in ids
        assert element_id(quiz.id, q.id, "check") in ids
        assert element_id(quiz.id, q.id, "fb") in ids
    for node in tree.nodes:  # every reference points at an element of the quiz
        for attr in ("for", "aria-describedby", "aria-labelledby"):
            for ref in node["attrs"].get(attr, "").split():
                assert ref in ids, f"{attr}={ref} names no element"


def test_every_question_is_a_fieldset_with_legend_and_described_by_its_prompt(quiz, html):
    tree = Tree(html)
    fieldsets = tree.find("fieldset")
    assert [f["attrs"]["data-qb-q"] for f in fieldsets] == [q.id for q in quiz.questions]
    assert [f["attrs"]["data-qb-type"] for f in fieldsets] == [q.type for q in quiz.questions]
    n = len(quiz.questions)
    for number, (fs, q) in enumerate(zip(fieldsets, quiz.questions, strict=True), 1):
        legend = tree.nodes[fs["children"][0]]
        assert legend["tag"] == "legend"
        points = "1 point" if q.points == 1 else f"{q.points:g} points"
        assert legend["text"] == f"Question {number} of {n} ({points})"
        prompt = tree.find(id=fs["attrs"]["aria-describedby"])[0]
        assert "qb-prompt" in prompt["attrs"]["class"]
        assert fs["attrs"]["aria-describedby"] == element_id(quiz.id, q.id, "prompt")


def test_every_control_has_a_label_and_every_button_a_name(html):
    tree = Tree(html)
    labelled = {n["attrs"].get("for") for n in tree.find("label")} - {None}
    controls = tree.find("input") + tree.find("select")
    assert controls
    for c in controls:
        inside = any(a["tag"] == "label" for a in tree.ancestors(c))
        assert inside or c["attrs"].get("id") in labelled, c["attrs"]
    for c in tree.find("input", type="text"):
        assert c["attrs"].get("id") in labelled
    for b in tree.find("button"):
        assert b["attrs"].get("type") == "button"
        assert b["text"].strip() or b["attrs"].get("aria-label")


def test_no_nested_interactive_elements_and_lists_hold_only_items(html):
    tree = Tree(html)
    interactive = {"button", "a", "select", "input"}
    for node in tree.nodes:
        if node["tag"] in interactive:
            inner = [d["tag"] for d in tree.descendants(node) if d["tag"] in interactive]
            assert not inner or node["tag"] == "select", f"{inner} inside <{node['tag']}>"
        if node["tag"] in ("ol", "ul"):
            assert {tree.nodes[i]["tag"] for i in node["children"]} <= {"li"}
        if node["tag"] == "select":
            assert {tree.nodes[i]["tag"] for i in node["children"]} == {"option"}


def test_controls_by_type(quiz, html):
    tree = Tree(html)
    by_q = {f["attrs"]["data-qb-q"]: f for f in tree.find("fieldset")}
    for q in quiz.questions:
        inner = list(tree.descendants(by_q[q.id]))
        inputs = [n for n in inner if n["tag"] == "input"]
        if q.type == "single":
            assert [i["attrs"]["type"] for i in inputs] == ["radio"] * len(q.choices)
            assert [i["attrs"]["value"] for i in inputs] == [str(i) for i in range(len(q.choices))]
        elif q.type == "multiple":
            assert [i["attrs"]["type"] for i in inputs] == ["checkbox"] * len(q.choices)
        elif q.type == "truefalse":
            assert [i["attrs"]["value"] for i in inputs] == ["true", "false"]
        elif q.type == "numeric":
            assert inputs[0]["attrs"]["inputmode"] == "decimal"
            label = tree.find("label", for_=inputs[0]["attrs"]["id"])[0]
            unit = f" ({q.unit})" if q.unit else ""
            assert label["text"] == f"Your answer{unit}"
        elif q.type == "text":
            assert inputs[0]["attrs"]["type"] == "text"
            assert tree.find("label", for_=inputs[0]["attrs"]["id"])[0]["text"] == "Your answer"
        elif q.type == "ordering":
            items = [n for n in inner if n["tag"] == "li"]
            assert [int(i["attrs"]["data-qb-item"]) for i in items] == ordering_start(quiz, q)
            ups = [n["attrs"]["aria-label"] for n in inner if n["attrs"].get("class") == "qb-up"]
            assert ups == [f"Move up: {q.items[i]}" for i in ordering_start(quiz, q)]
            live = [n for n in inner if "qb-moved" in n["attrs"].get("class", "")]
            assert live[0]["attrs"]["aria-live"] == "polite"
        elif q.type == "matching":
            selects = [n for n in inner if n["tag"] == "select"]
            assert len(selects) == len(q.pairs)
            for left, sel in zip(q.pairs, selects, strict=True):
                options = [tree.nodes[i] for i in sel["children"]]
                assert options[0]["attrs"]["value"] == "" and options[0]["text"] == "Choose…"
                order = [int(o["attrs"]["value"]) for o in options[1:]]
                assert order == matching_options(quiz, q)
                assert [o["text"] for o in options[1:]] == [q.pairs[j].right for j in order]
                assert tree.find("label", for_=sel["attrs"]["id"])[0]["text"] == left.left


def test_feedback_regions_reread_links_and_score(quiz, html):
    tree = Tree(html)
    score = tree.has_class("qb-score")
    assert len(score) == 1 and score[0]["attrs"]["aria-live"] == "polite"
    assert score[0]["text"] == "Score: 0 of 10.5 points"
    for q in quiz.questions:
        region = tree.find(id=element_id(quiz.id, q.id, "fb"))[0]
        assert region["attrs"]["role"] == "status" and region["attrs"]["aria-live"] == "polite"
    links = tree.find("a")
    assert {(a["attrs"]["href"], a["attrs"]["data-qb-ref"]) for a in links} == {
        ("#demo-war", "demo-war"),
        ("#demo-talks", "demo-talks"),
        ("#demo-treaty", "demo-treaty"),
    }
    texts = {a["attrs"]["data-qb-ref"]: a["text"] for a in links}
    assert texts["demo-war"] == "Reread: The Korean War"  # Markdown in a title becomes text
    assert texts["demo-talks"] == "Reread the section"  # no title known
    for node in tree.has_class("qb-explanation") + tree.has_class("qb-fb"):
        assert "hidden" in node["attrs"]
    student = tree.has_class("qb-student")[0]
    assert tree.find("label", for_=student["attrs"]["id"])[0]["text"] == "Your name or student ID"
    assert tree.has_class("qb-download")[0]["text"] == "Download my answers"
    assert tree.has_class("qb-reset")[0]["text"] == "Start again"
    assert tree.has_class("qb-status")[0]["attrs"]["role"] == "status"


def test_data_island_carries_the_scoring_key_in_practice(quiz, html):
    raw = re.search(r'class="qb-data">(.*?)</script>', html).group(1)
    data = json.loads(raw)
    assert data == data_island(quiz)
    assert data["quiz"] == quiz.id and data["hash"] == quiz.content_hash()
    assert data["mode"] == "practice" and data["attempts"] == 3 and data["total"] == 10.5
    first = data["questions"][0]
    assert first == {"points": 2.0, "choices": [{"correct": True}, {}, {}]}
    assert data["questions"][3] == {"answer": 1961.0}
    assert data["questions"][5] == {"range": [1951.0, 1953.0]}
    assert data["questions"][6] == {"accepted": ["Panmunjom", "Panmunjeom"]}
    assert "prompt" not in raw and "feedback" not in raw and "explanation" not in raw


def test_assessed_mode_carries_no_key_feedback_or_explanation():
    text = FIXTURE.read_text(encoding="utf-8").replace("mode: practice", "mode: assessed")
    quiz = parse_quiz(text, "assessed.yml")
    html = render_html(quiz, TITLES)
    tree = Tree(html)
    raw = re.search(r'class="qb-data">(.*?)</script>', html).group(1)
    data = json.loads(raw)
    assert data["mode"] == "assessed"
    for q in data["questions"]:
        assert set(q) <= {"points"}, q
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
        "data-qb-ref",
    ):
        assert secret not in html, secret
    assert not tree.has_class("qb-feedback") and not tree.has_class("qb-check")
    assert not tree.has_class("qb-score") and not tree.has_class("qb-explanation")
    assert tree.has_class("qb-download") and tree.has_class("qb-student")
    assert "graded" in tree.has_class("qb-intro")[0]["text"]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_key_text_is_shown_as_text(payload):
    key = f"""\
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
    quiz = parse_quiz(key, "hostile.yml")
    html = render_html(quiz, {"nowhere": f"Section {payload}"})
    tree = Tree(html)
    assert [n["tag"] for n in tree.nodes if n["tag"] in ("script", "img", "b")] == ["script"]
    assert html.count("</script>") == 1 and html.count("<script") == 1
    assert "<img" not in html and "onerror=alert(1)>" not in html.replace("&gt;", "")
    shown = re.sub(r"<[^>]+>", "", html.split('<script type="application/json"')[0])
    escaped = payload.replace("<", "&lt;").replace(">", "&gt;")
    for where in ("Title", "Prompt", "Choice", "Feedback", "Explanation", "True", "Item"):
        assert f"{where} {escaped}" in shown, where
    assert f"Left {escaped}" in shown and f"Right {escaped}" in shown
    assert f"Reread: Section {escaped}" in shown
    for node in tree.nodes:
        assert not any(a.startswith("on") for a in node["attrs"]), node
    island = json.loads(re.search(r'class="qb-data">(.*?)</script>', html).group(1))
    assert island["questions"][4]["accepted"][0] == "</script><script>alert(1)</script>"
