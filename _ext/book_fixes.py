"""Mends for the stock Jupyter Book 1 stack that this book's tests caught.

sphinx-thebe registers its inline configuration script once per read phase, and Jupyter Book
runs two, so every page declared `const THEBE_JS_URL` twice: a script error on every page.
This book launches live notebooks through launch buttons, not Thebe, so identical inline
scripts are simply kept once.

Docutils writes each bibliography entry as role="doc-biblioentry" inside role="list": the
role is deprecated (DPUB-ARIA 1.1) and a list must hold list items, so axe reports both.
Entries become plain list items.

sphinxcontrib-bibtex formats the whole bibliography again on every build, even one that reads
no page, and every citation again on every page it writes (a second or more here): the
formatted entries are kept with the environment, and the formatted citations in a file
beside it, while the bibliography file and the order in which pages cite it stay the same.

The theme builds launch buttons from the repository's address and fails on every page when
launch providers are set but `repository.url` is empty. Until a publisher sets the address
(see README, "Publishing the course"), the book goes without launch buttons.
"""

from __future__ import annotations

import contextlib
import pickle
from pathlib import Path


def drop_repeated_inline_scripts(app, pagename, templatename, context, doctree) -> None:
    files = context.get("script_files")
    if not files:
        return
    seen: set[str] = set()
    kept = []
    for script in files:
        body = getattr(script, "attributes", {}).get("body")
        if body is not None:
            if body in seen:
                continue
            seen.add(body)
        kept.append(script)
    files[:] = kept


def list_citations_as_list_items(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def launch_buttons_need_a_repository(app, config) -> None:
    options = config.html_theme_options
    if not options.get("repository_url"):
        options["launch_buttons"] = {}


def keep_formatted_references(app) -> None:
    """Format the bibliography again only when the bibliography file or the citation order
    changed (a changed references.bib also makes the Makefile start the environment afresh)."""
    from sphinxcontrib.bibtex.domain import BibtexDomain

    if getattr(BibtexDomain, "book_fixes_kept", False):
        return
    format_entries = BibtexDomain.get_formatted_entries

    def get_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style):
        stamp = (
            tuple(key for key, _ in self.get_sorted_entries(bibliography_key, docnames)),
            tuple((str(name), f.mtime) for name, f in self.bibdata.bibfiles.items()),
            self.bibliographies[bibliography_key].style,
            tooltips,
            tooltips_style,
        )
        kept = self.data.setdefault("book_fixes_entries", {})
        if kept.get(bibliography_key, (None,))[0] != stamp:
            entries = format_entries(self, bibliography_key, docnames, tooltips, tooltips_style)
            kept[bibliography_key] = (stamp, list(entries))
        return iter(kept[bibliography_key][1])

    BibtexDomain.get_formatted_entries = get_formatted_entries
    BibtexDomain.book_fixes_kept = True
    resolve = BibtexDomain.resolve_xref

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if CITATION_STAMP[0] is None:  # the first citation this build writes
            load_kept_citations(builder.app)
        entries = self.data["book_fixes_entries"].items()
        CITATION_STAMP[0] = tuple(sorted((str(k), stamp) for k, (stamp, _) in entries))
        key = (CITATION_STAMP[0], builder.name, fromdocname, typ, target)
        if key not in KEPT_CITATIONS:
            found = resolve(self, env, fromdocname, builder, typ, target, node, contnode)
            KEPT_CITATIONS[key] = found
        return KEPT_CITATIONS[key].deepcopy()

    BibtexDomain.resolve_xref = resolve_xref


KEPT_CITATIONS: dict = {}  # (entries' stamp, builder, page, role, target): citation node
CITATION_STAMP: list = [None]  # the entries' stamp of this build


def _citations_file(app) -> Path:
    return Path(app.doctreedir) / "book-fixes-citations.pickle"


def load_kept_citations(app) -> None:
    """The citations an earlier build formatted (read only when a page is written)."""
    KEPT_CITATIONS.clear()
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        KEPT_CITATIONS.update(pickle.loads(_citations_file(app).read_bytes()))


def save_kept_citations(app, exception) -> None:
    """Keep this build's citations (those of other bibliographies or orders go)."""
    if exception is not None or CITATION_STAMP[0] is None:
        return
    kept = {key: node for key, node in KEPT_CITATIONS.items() if key[0] == CITATION_STAMP[0]}
    path = _citations_file(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(kept))
    temporary.replace(path)


def setup(app):
    app.connect("builder-inited", keep_formatted_references)
    app.connect("build-finished", save_kept_citations)
    app.connect("config-inited", launch_buttons_need_a_repository)
    app.connect("html-page-context", drop_repeated_inline_scripts, priority=900)
    app.connect("html-page-context", list_citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
