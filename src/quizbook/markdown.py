"""Markdown to HTML, once, for every face of a quiz.

Raw HTML in a key is shown as text, never passed through: a prompt holding `<script>` or
`<img onerror=...>` cannot run in the book or in Jupyter.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable("image")  # no key may make the page fetch anything


@lru_cache(maxsize=4096)
def render(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) as safe HTML."""
    return _md.render(text).strip()


@lru_cache(maxsize=4096)
def render_inline(text: str) -> str:
    """Inline Markdown for short texts (choices, items), with no wrapping <p>."""
    return _md.renderInline(text).strip()
