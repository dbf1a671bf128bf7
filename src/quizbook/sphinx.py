"""Sphinx extension: static quizzes in the built book. Adding `quizbook.sphinx` to a book's
extensions (in Jupyter Book, `sphinx: extra_extensions`) is all it takes:

- the book shows each quiz's static HTML twin: for the html builder, myst-nb drops the live
  widget's view from outputs (`nb_mime_priority_overrides`) and loads no widget script from
  a CDN (`nb_ipywidgets_js`), unless the book's own configuration ranks widget views;
- ships `static/quizbook.js` (with its wording filled in) and `quizbook.css` minified as
  `_static/quizbook.js` and `_static/quizbook.css` (see `assets`), and links them only from
  pages that show a quiz (myst-nb turns a quiz cell's `text/html` output into a raw node);
- points each quiz's "Reread" links at the page and anchor of their section label: the
  label is a `refs` entry of the quiz's JSON island (`{"ref": LABEL, "href": URL}`, see
  quizbook.html), and a label the book does not define is a warning;
- keeps rebuilds right: a notebook page depends on the files its cells read and on the
  engine (`inputs`), so changing an answer key re-reads and re-executes the chapters that
  read it, and no others.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from docutils.nodes import fully_normalize_name
from sphinx.util import logging

from . import __version__
from .assets import write_assets
from .inputs import cell_inputs, digest
from .island import ISLAND, island_json

QUIZ = re.compile(r'<[a-z]+ class="quizbook"')
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
    """Sphinx copies `html_static_path` into `_static` before it writes pages (so each link
    carries the minified file's checksum); the minified files live with the doctrees."""
    static = str(write_assets(Path(app.doctreedir) / "quizbook-static"))
    if static not in config.html_static_path:
        config.html_static_path.append(static)


def show_static_quizzes(app, config) -> None:
    """In HTML, myst-nb shows a quiz output's static twin, not the widget view (which needs
    a kernel), and loads no widget scripts from a CDN; a book that ranks widget views
    itself keeps its choice."""
    if "nb_mime_priority_overrides" not in config:
        return  # no myst-nb: quizzes reach the page as raw HTML anyway
    overrides = list(config.nb_mime_priority_overrides or ())
    if not any(builder in ("html", "*") and mime == WIDGET_VIEW for builder, mime, *_ in overrides):
        overrides.append(("html", WIDGET_VIEW, None))
        config.nb_mime_priority_overrides = overrides
    if widget_views_hidden(config):
        config.nb_ipywidgets_js = {}


def track_notebook_inputs(app, docname: str, source: list[str]) -> None:
    """A notebook page depends on what its cells read (see `inputs`): each such file becomes
    a dependency of the page, so Sphinx re-reads the page when it changes, and each cell
    carries their digest in its metadata, so the execution cache runs the notebook again."""
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".ipynb":
        return
    try:
        notebook = json.loads(source[0])
    except ValueError:
        return  # not for us to report: the notebook reader will
    root = Path(app.srcdir).resolve()
    tracked = False
    for cell in notebook.get("cells", ()):
        if cell.get("cell_type") != "code":
            continue
        code = cell.get("source", "")
        found = cell_inputs(code if isinstance(code, str) else "".join(code), path.parent, root)
        for file in found:
            app.env.note_dependency(str(file))
        if found:
            cell.setdefault("metadata", {})["quizbook"] = {"inputs": digest(found)}
            tracked = True
    if tracked:
        source[0] = json.dumps(notebook, ensure_ascii=False)


def rewrite_reread_links(app, doctree, docname: str) -> None:
    """Each island's `#LABEL` href becomes the label's real URL, relative to this page."""
    if app.builder.format != "html":
        return
    for node in list(doctree.findall(_is_html_raw)):
        text = node.astext()
        if '"refs":' not in text:
            continue

        def rewrite(match, node=node) -> str:
            try:
                data = json.loads(match.group(2))
            except ValueError:
                return match.group(0)
            for ref in data.get("refs", ()):
                href = _resolve(app, docname, ref["ref"], node)
                if href is None or href == "#" + ref["ref"]:
                    ref.pop("href", None)  # unknown, or the default: left out
                else:
                    ref["href"] = href
            return match.group(1) + island_json(data) + match.group(3)

        new = ISLAND.sub(rewrite, text)
        if new != text:
            node.replace(node.children[0], nodes.Text(new))


def _resolve(app, docname: str, label: str, node) -> str | None:
    """The URL of a section label relative to `docname`; None (and a warning) if unknown."""
    std = app.env.get_domain("std")
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
        return None
    todoc, anchor = target[0], target[1]
    page = "" if todoc == docname else app.builder.get_relative_uri(docname, todoc)
    return page + ("#" + anchor if anchor else "")


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
    app.connect("config-inited", show_static_quizzes)
    app.connect("source-read", track_notebook_inputs)
    app.connect("doctree-resolved", rewrite_reread_links)
    app.connect("html-page-context", add_assets)
    app.connect("html-page-context", drop_dead_widget_state, priority=900)  # after myst-nb
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
