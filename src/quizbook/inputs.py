"""What a notebook's outputs depend on besides its own code: the files its cells read, and
the quiz engine when a cell uses it.

A chapter that shows `quizbook.show("../quizzes/01-intro.yml")` or opens
`"../data/counts.csv"` must be executed again when that file changes, and only then; a
change to the engine concerns every notebook that uses it. A cell's inputs are the book's
files it names in a string literal (resolved from the notebook's folder) and, if it mentions
`quizbook`, every file of the engine. The Sphinx extension records them as the page's
dependencies and writes their digest into the cell's metadata, which the execution cache
hashes with the code.
"""

from __future__ import annotations

import ast
import hashlib
import re
from functools import lru_cache
from pathlib import Path

ENGINE = Path(__file__).resolve().parent
ENGINE_SUFFIXES = {".py", ".js", ".css", ".json"}
_QUOTED = re.compile(r"""(["'])((?:(?!\1)[^\\\n])+)\1""")
_MENTION = re.compile(r"\bquizbook\b")


def engine_files() -> list[Path]:
    """The engine's own files (its code, script, style and schemas; no bytecode)."""
    return sorted(
        p for p in ENGINE.rglob("*") if p.suffix in ENGINE_SUFFIXES and "__pycache__" not in p.parts
    )


def cell_inputs(source: str, folder: Path, root: Path) -> list[Path]:
    """Files one code cell depends on: book files it names, and the engine if it uses it."""
    named = set()
    for text in _strings(source):
        if not text or len(text) > 255 or "\n" in text:
            continue
        candidate = (folder / text).resolve()
        if candidate.is_file() and candidate.is_relative_to(root):
            named.add(candidate)
    found = sorted(named)
    if _MENTION.search(source):
        found += engine_files()
    return found


def digest(paths: list[Path]) -> str:
    """A short fingerprint of the files' contents, in order."""
    h = hashlib.sha256()
    for path in paths:
        h.update(_file_digest(path, *_stamp(path)).encode())
    return h.hexdigest()[:16]


def _strings(source: str) -> list[str]:
    """The string literals of a cell; a cell that is not plain Python (a magic) is read for
    quoted text instead."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return [m.group(2) for m in _QUOTED.finditer(source)]
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and type(n.value) is str]


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=1024)
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
