"""HTML, as another quiz tool writes it, back to the Markdown an answer key holds.

It knows the HTML that Markdown itself makes (paragraphs, emphasis, code, links, lists,
line breaks, code blocks), so `render(to_markdown(render(text)))` gives back the same
HTML. Any other tag keeps its text and is named in `dropped`, for the import's report.
Text is escaped so that Markdown reads it as text: `2*3` stays `2*3`, `<b>` stays text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*"}
BLOCKS = {"p", "div", "ul", "ol", "li", "pre", "blockquote"}
KNOWN = set(INLINE) | BLOCKS | {"code", "a", "br"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>&])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)


def escape_text(text: str) -> str:
    """Text that Markdown shows as it is."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\" + marker[-1] if marker[-1] in ".)" else "\\" + marker


class _Markdown(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []  # finished paragraphs, list items, code blocks
        self.line = ""  # the block being written
        self.dropped: list[str] = []
        self.links: list[str] = []
        self.lists: list[list] = []  # ["ol" or "ul", next number]
        self.items: list[str] = []  # the open list's items, one line each
        self.in_pre = False
        self.in_code = False

    def _end_block(self):
        if self.line.strip():
            (self.items if self.lists else self.blocks).append(self.line.strip())
        self.line = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in INLINE:
            self.line += INLINE[tag]
        elif tag == "code":
            if not self.in_pre:
                self.in_code = True
                self.line += "`"
        elif tag == "a":
            self.links.append(attrs.get("href") or "")
            self.line += "["
        elif tag == "br":
            self.line += "\\\n"
        elif tag == "pre":
            self._end_block()
            self.in_pre = True
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists.append([tag, 1])
        elif tag == "li":
            self._end_block()
            kind = self.lists[-1] if self.lists else ["ul", 1]
            self.line = "- " if kind[0] == "ul" else f"{kind[1]}. "
            kind[1] += 1
        elif tag in BLOCKS:
            self._end_block()
        else:
            self.dropped.append(tag)

    def handle_endtag(self, tag):
        if tag in INLINE:
            self.line += INLINE[tag]
        elif tag == "code" and not self.in_pre:
            self.in_code = False
            self.line += "`"
        elif tag == "a":
            href = self.links.pop() if self.links else ""
            self.line += f"]({href})"
        elif tag == "pre":
            self.blocks.append("```\n" + self.line.rstrip("\n") + "\n```")
            self.line = ""
            self.in_pre = False
        elif tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                self.lists.pop()
            if not self.lists and self.items:
                self.blocks.append("\n".join(self.items))
                self.items = []
        elif tag in BLOCKS:
            self._end_block()

    def handle_data(self, data):
        if self.in_pre or self.in_code:
            self.line += data
        else:
            self.line += escape_text(re.sub(r"\s+", " ", data))


def to_markdown(html: str) -> tuple[str, list[str]]:
    """(Markdown, tags whose markup was dropped)."""
    parser = _Markdown()
    parser.feed(html)
    parser.close()
    parser._end_block()
    return "\n\n".join(parser.blocks), sorted(set(parser.dropped))
