"""What the quiz engine needs to know about the book around it: its section labels.

A question's `section` names a MyST label, `(label)=`, written just above a heading in a
chapter. The validator checks the label exists; feedback links back to it by its title.
"""

from __future__ import annotations

import json
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
    return dict(_titles_cached(str(Path(root).resolve())))


@lru_cache(maxsize=8)
def _titles_cached(root: str) -> tuple[tuple[str, str], ...]:
    titles: dict[str, str] = {}
    for path in sorted(Path(root).rglob("*")):
        if _SKIP.intersection(path.relative_to(root).parts):
            continue
        if path.suffix == ".md":
            titles.update(_labels_in(path.read_text(encoding="utf-8")))
        elif path.suffix == ".ipynb":
            for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
                if cell.get("cell_type") == "markdown":
                    titles.update(_labels_in("".join(cell.get("source", ""))))
    return tuple(titles.items())


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
