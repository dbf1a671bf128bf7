"""Sphinx extension: static quizzes in the built book (`quizbook.sphinx` in `_config.yml`).

- ships `static/quizbook.js` and `quizbook.css`, and links them only from pages that show a
  quiz (myst-nb turns a quiz cell's `text/html` output into a raw HTML node);
- points each quiz's "Reread" link, written as `href="#LABEL" data-qb-ref="LABEL"`, at the
  page and anchor of that section label, and warns about a label the book does not define.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from docutils.nodes import fully_normalize_name
from sphinx.util import logging

from . import __version__

STATIC = Path(__file__).parent / "static"
QUIZ = re.compile(r'<[a-z]+ class="quizbook"')
REF = re.compile(r'href="#[^"]*" data-qb-ref="([^"]*)"')
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

logger = logging.getLogger(__name__)


def _is_html_raw(node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


def has_quiz(doctree) -> bool:
    """Whether a document shows at least one quiz."""
    return doctree is not None and any(
        QUIZ.search(n.astext()) for n in doctree.findall(_is_html_raw)
    )


def add_static_path(app, config) -> None:
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def rewrite_reread_links(app, doctree, docname: str) -> None:
    """`href="#LABEL"` becomes the label's real URL, relative to this page."""
    if app.builder.format != "html":
        return
    std = app.env.get_domain("std")
    for node in list(doctree.findall(_is_html_raw)):
        text = node.astext()
        if "data-qb-ref=" not in text:
            continue

        def url(match, node=node) -> str:
            label = html.unescape(match.group(1))
            key = fully_normalize_name(label)
            target = std.labels.get(key) or std.anonlabels.get(key)
            if target is None:
                logger.warning(
                    "a quiz in '%s' links to section label '%s', which the book does not define",
                    docname,
                    label,
                    location=node if node.source and node.line else docname,
                    type="quizbook",
                    subtype="reread",
                )
                return match.group(0)
            todoc, anchor = target[0], target[1]
            page = "" if todoc == docname else app.builder.get_relative_uri(docname, todoc)
            href = page + ("#" + anchor if anchor else "")
            return f'href="{html.escape(href)}" data-qb-ref="{match.group(1)}"'

        new = REF.sub(url, text)
        if new != text:
            node.replace(node.children[0], nodes.Text(new))


def add_assets(app, pagename, templatename, context, doctree) -> None:
    """Link quizbook.js (deferred) and quizbook.css from this page only, if it has a quiz."""
    if has_quiz(doctree):
        app.builder.add_css_file("quizbook.css")
        app.builder.add_js_file("quizbook.js", defer="defer")


def widget_views_hidden(config) -> bool:
    """Whether the book's HTML never renders widget views (`nb_mime_priority_overrides`)."""
    for builder, mime, priority in getattr(config, "nb_mime_priority_overrides", None) or ():
        if builder in ("html", "*") and mime == WIDGET_VIEW:
            return priority is None  # myst-nb: None drops the type; a number only ranks it
    return False


def drop_dead_widget_state(app, pagename, templatename, context, doctree) -> None:
    """Executing a notebook saves the live quiz's widget state, which myst-nb embeds in the
    page (about 80 KB for a 12-question quiz). A book that renders no widget views has no
    use for it, so the page goes without."""
    if widget_views_hidden(app.config) and "script_files" in context:
        files = context["script_files"]
        files[:] = [f for f in files if getattr(f, "attributes", {}).get("type") != WIDGET_STATE]


def setup(app):
    app.connect("config-inited", add_static_path)
    app.connect("doctree-resolved", rewrite_reread_links)
    app.connect("html-page-context", add_assets)
    app.connect("html-page-context", drop_dead_widget_state, priority=900)  # after myst-nb
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
