"""What the quiz engine needs to know about the book around it: its section labels.

A question's `section` names a MyST label, `(label)=`, written just above a heading in a
chapter. The validator checks the label exists; feedback links back to it by its title.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

_LABEL = re.compile(r"^\(([A-Za-z0-9_.:-]+)\)=\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_SKIP = {"_build", ".venv", "node_modules", ".git", ".jupyter_cache", ".ipynb_checkpoints"}


def find_book_root(start: str | Path) -> Path | None:
    """The nearest folder at or above `start` that holds `_config.yml` and `_toc.yml`."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    return None


def section_titles(root: str | Path) -> dict[str, str]:
    """Every section label in the book's Markdown and notebooks, with its heading text."""
    return {label: title for label, (title, _) in _sections_cached(str(Path(root).resolve()))}


def section_pages(root: str | Path) -> dict[str, str]:
    """Every section label, with the page that holds it (its path from the book's root,
    without suffix: `chapters/01-history`), as the built book names its HTML file."""
    return {label: page for label, (_, page) in _sections_cached(str(Path(root).resolve()))}


@lru_cache(maxsize=8)
def _sections_cached(root: str) -> tuple[tuple[str, tuple[str, str]], ...]:
    sections: dict[str, tuple[str, str]] = {}
    for path in _book_files(Path(root)):
        page = path.relative_to(root).with_suffix("").as_posix()
        if path.suffix == ".md":
            texts = [path.read_text(encoding="utf-8")]
        else:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            texts = [
                "".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown"
            ]
        for text in texts:
            sections.update((label, (title, page)) for label, title in _labels_in(text).items())
    return tuple(sections.items())


def _book_files(root: Path) -> list[Path]:
    """The book's Markdown and notebook files, in name order; build output, environments and
    hidden folders are not entered at all (a virtual environment holds thousands of files)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP and not d.startswith("."))
        found += [Path(folder) / f for f in files if f.endswith((".md", ".ipynb"))]
    return sorted(found)


def _labels_in(markdown: str) -> dict[str, str]:
    titles, pending = {}, None
    for line in markdown.splitlines():
        if m := _LABEL.match(line):
            pending = m.group(1)
            titles[pending] = pending
        elif pending and line.strip():
            if m := _HEADING.match(line):
                titles[pending] = m.group(1)
            pending = None
    return titles
