"""Mends for the stock Jupyter Book 1 stack that this book's tests caught.

sphinx-thebe registers its inline configuration script once per read phase, and Jupyter Book
runs two, so every page declared `const THEBE_JS_URL` twice: a script error on every page.
This book launches live notebooks through launch buttons, not Thebe, so identical inline
scripts are simply kept once.

Docutils writes each bibliography entry as role="doc-biblioentry" inside role="list": the
role is deprecated (DPUB-ARIA 1.1) and a list must hold list items, so axe reports both.
Entries become plain list items.

sphinxcontrib-bibtex formats the whole bibliography again on every build, even one that reads
no page (about a second here); the formatted entries are kept with the environment instead,
while the bibliography file and the order in which pages cite it stay the same.

The theme builds launch buttons from the repository's address and fails on every page when
launch providers are set but `repository.url` is empty. Until a publisher sets the address
(see README, "Publishing the course"), the book goes without launch buttons.
"""

from __future__ import annotations


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


def setup(app):
    app.connect("builder-inited", keep_formatted_references)
    app.connect("config-inited", launch_buttons_need_a_repository)
    app.connect("html-page-context", drop_repeated_inline_scripts, priority=900)
    app.connect("html-page-context", list_citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
