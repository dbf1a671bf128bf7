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


# -- a second, minimal book: only `quizbook.sphinx` in its configuration ----------------------

SMALL_BOOK = {
    "_config.yml": """\
        title: A small course
        execute:
          execute_notebooks: cache
        sphinx:
          extra_extensions:
            - quizbook.sphinx
        """,
    "_toc.yml": """\
        format: jb-book
        root: intro
        chapters:
          - file: alpha
          - file: beta
        """,
    "intro.md": "# A small course\n\nTwo chapters, each with a quiz.\n",
    "keys/alpha.yml": """\
        id: alpha
        title: Alpha quiz
        questions:
          - id: sum
            type: single
            section: alpha-sums
            prompt: What is two plus two?
            choices:
              - text: Four
                correct: true
              - text: Five
                feedback: One too many.
            explanation: Two and two make four.
          - id: primes
            type: multiple
            prompt: Which of these are prime?
            choices:
              - {text: "2", correct: true}
              - {text: "4"}
              - {text: "7", correct: true}
        """,
    "keys/beta.yml": """\
        id: beta
        title: Beta quiz
        questions:
          - id: square
            type: numeric
            prompt: What is seven squared?
            answer: 49
        """,
    "data/squares.csv": "n,square\n7,49\n",
}
SMALL_NOTEBOOKS = {
    "alpha.ipynb": [
        ("markdown", "# Alpha\n\n(alpha-sums)=\n## Sums\n\nTwo and two make four."),
        ("code", 'import quizbook\n\nquiz = quizbook.show("keys/alpha.yml")'),
    ],
    "beta.ipynb": [
        ("markdown", "# Beta\n\nSquares."),
        (
            "code",
            'import csv\n\nwith open("data/squares.csv", encoding="utf-8") as f:\n'
            "    print([row['square'] for row in csv.DictReader(f)])",
        ),
        ("code", 'import quizbook\n\nquiz = quizbook.show("keys/beta.yml")'),
    ],
}


def make_small_book(folder: Path) -> Path:
    """A two-chapter Jupyter Book whose quizzes know nothing of this course."""
    import textwrap

    import nbformat

    for name, text in SMALL_BOOK.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    for name, cells in SMALL_NOTEBOOKS.items():
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        for kind, source in cells:
            if kind == "markdown":
                notebook.cells.append(nbformat.v4.new_markdown_cell(source))
            else:
                cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["remove-input"]})
                notebook.cells.append(cell)
        nbformat.write(notebook, folder / name)
    return folder


def build_book(folder: Path):
    """`jupyter-book build`, strict, as `make book` runs it; the finished process."""
    import subprocess
    import sys

    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    done = subprocess.run(
        [str(jupyter_book), "build", str(folder), "--warningiserror", "--nitpick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def executed(build) -> list[str]:
    """The notebooks a build executed (not those it took from the cache)."""
    import re

    return sorted(set(re.findall(r"([\w-]+)\.ipynb: Executing notebook", build.stdout)))
