"""The static face of a quiz (quizbook.html): a short, deterministic, safe wrapper and one JSON
island that quizbook.js turns into the quiz (tests/browser/test_static_dom.py checks the quiz it builds
in a real browser).

The regression file tests/engine/regression/all-types.html is compared byte for byte; after a
deliberate change to the markup, regenerate it with QUIZBOOK_REGEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from html import unescape

import pytest

from quizbook import load_quiz, parse_quiz
from quizbook.html import data_island, render_html
from quizbook.island import ISLAND, island_json, read_island
from quizbook.layout import element_id, matching_options, ordering_start
from quizbook.markdown import render, render_inline

from .support import FIXTURE, HOSTILE, TITLES, Tree, hostile_key
from .support import REGRESSION as REGRESSION_DIR

REGRESSION = REGRESSION_DIR / "all-types.html"


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
    assert by_id["table-year"]["u"] == "year" and "u" not in by_id["war-window"]


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
        "<p>In which year did Caesar cross the <strong>Rubicon</strong> with his army?</p>"
    )


def test_island_carries_the_scoring_key_in_practice(quiz, html):
    data = island_of(html)
    keys = {q["i"]: q.get("k") for q in data["q"]}
    assert keys == {
        "crossing": 0,
        "gases": [0, 1, 3],
        "water-boils": False,
        "table-year": 1869,
        "river-length": [1180, 1280],
        "war-window": [1939, 1945],
        "city": ["Zurich", "Zuerich"],
        "events": None,  # the key order is the answer
        "capitals": None,
    }
    assert isinstance(keys["table-year"], int), "1869.0 is written 1869"


def test_reread_targets_are_listed_once_each_with_title_text(quiz, html):
    data = island_of(html)
    assert data["refs"] == [
        {"ref": "demo-rome", "t": "The Roman Republic"},  # Markdown in a title becomes text
        {"ref": "demo-chemistry"},  # no title known
        {"ref": "demo-water", "t": "Water at 100 °C"},
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


def test_an_assessed_page_lists_orderings_and_matchings_by_text_not_by_key():
    """In practice mode the key's order is the scoring key; an assessed page must not show
    it, so it lists items alphabetically and its responses say so."""
    practice = {
        q["i"]: q for q in data_island(parse_quiz(FIXTURE.read_text(encoding="utf-8")))["q"]
    }
    assessed = {q["i"]: q for q in data_island(assessed_fixture())["q"]}
    assert practice["events"]["o"][0] == "Caesar crosses the Rubicon"
    assert assessed["events"]["o"] == [
        "Augustus becomes emperor",
        "Caesar crosses the Rubicon",
        "Caesar is killed",
        "Vesuvius buries Pompeii",
    ]
    assert practice["capitals"]["r"] == ["Paris", "Rome", "Madrid"]
    assert assessed["capitals"]["r"] == ["Madrid", "Paris", "Rome"]
    assert assessed["capitals"]["l"] == practice["capitals"]["l"]


def test_an_instructors_copy_shows_an_assessed_quiz_with_its_key():
    revealed = island_of(render_html(assessed_fixture(), TITLES, reveal=True))
    assert any("k" in q for q in revealed["q"])
    assert 'data-qb-mode="practice"' in render_html(assessed_fixture(), TITLES, reveal=True)


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
        "Zuerich",
        "Yes, in January",
        "That is when he was killed",
        "Nitrogen is not a noble gas",
        "100 °C",
        "Roman sources",
        "lower pressure",
        "Reread",
        "demo-rome",
        "1869.0",
        "1180",
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


def test_element_ids_the_script_derives_are_those_of_layout(quiz, html):
    """The script names elements `<section id>-<question id>-<part>`, as element_id does."""
    root = Tree(html).nodes[0]["attrs"]["id"]
    for q in quiz.questions:
        assert f"{root}-{q.id}-prompt" == element_id(quiz.id, q.id, "prompt")
