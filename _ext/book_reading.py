"""Reading the book on any screen (from a reader's report on a phone, 390 px wide).

- A wide table says that it scrolls sideways: a line above it says so, its right edge fades
  while there is more to see, and it takes keyboard focus so that it can be scrolled
  without a mouse (static/book-reading.js, .css).
- A figure opens full size: its image is a link to the image file, so a reader can tap it
  and zoom into the legend.
- Glossary links ({term}) look different from citation links: a dotted underline in their
  own colour, light and dark.
- The desktop page shows one search box (the sidebar's), not two: the theme's top bar held
  nothing else.
- The floating "Back to top" button sits on the article's header bar, never over the text.
"""

from __future__ import annotations

import re
from pathlib import Path

STATIC = Path(__file__).parent / "static"
# An image that a figure shows, not already inside a link.
FIGURE_IMAGE = re.compile(r'(<figure\b[^>]*>\s*)(<img\b[^>]*\bsrc="([^"]+)"[^>]*>)', re.S)


def add_static_path(app, config) -> None:
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def link_figures_to_their_images(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and "<figure" in body:
        context["body"] = FIGURE_IMAGE.sub(
            r'\1<a class="reference internal image-reference" href="\3">\2</a>', body
        )


def setup(app):
    app.connect("config-inited", add_static_path)
    app.add_css_file("book-reading.css")
    app.add_js_file("book-reading.js", defer="defer")
    app.connect("html-page-context", link_figures_to_their_images)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
