"""What the engine's tests share: the neutral fixtures, a small DOM of rendered HTML, and
keys full of hostile text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
REGRESSION = Path(__file__).parent / "regression"
FIXTURE = FIXTURES / "all-types.yml"
TITLES = {"demo-rome": "The *Roman* Republic", "demo-water": "Water at 100 °C"}
VOID = {"input", "br", "hr", "img", "meta", "link", "wbr", "area", "base", "col", "source"}
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def write_key(folder: Path, text: str, name: str = "demo.yml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


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
