"""The static quiz's script and style as a book ships them.

`static/quizbook.js` is written for its readers; `static/quizbook.min.js` is the same
script minified for browsers (`make assets` writes it with terser; a test checks that it is
current). Neither holds the quiz's wording: the texts the script shows come from
`wording.SCRIPT`, written in here (in place of `QUIZBOOK_WORDING`, or of `{}` in the
readable script) so that every page shares them in one cached file and a change of wording
needs no new minified file. The style is minified with rcssmin.
"""

from __future__ import annotations

import json
from pathlib import Path

from .wording import script_table

STATIC = Path(__file__).parent / "static"
NAMES = ("quizbook.js", "quizbook.css")
READABLE_SLOT = "const WORDING = {};"
MINIFIED_SLOT = "QUIZBOOK_WORDING"


def readable(name: str) -> str:
    """An asset as written, with the script's wording filled in (the tests serve it too)."""
    text = (STATIC / name).read_text(encoding="utf-8")
    if name == "quizbook.js":
        text = _fill(text, READABLE_SLOT, f"const WORDING = {_wording()};")
    return text


def minified(name: str) -> str:
    """An asset as the book ships it."""
    if name == "quizbook.js":
        text = (STATIC / "quizbook.min.js").read_text(encoding="utf-8")
        return _fill(text, MINIFIED_SLOT, _wording())
    import rcssmin

    return rcssmin.cssmin(readable(name)).strip() + "\n"


def write_assets(outdir: Path, minify: bool = True) -> Path:
    """Write the assets into `outdir` (only when their content changes, so an unchanged
    asset keeps its date) and return it."""
    outdir.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        text = minified(name) if minify else readable(name)
        target = outdir / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8", newline="\n")
    return outdir


def _wording() -> str:
    return json.dumps(script_table(), ensure_ascii=False, separators=(",", ":"))


def _fill(text: str, slot: str, value: str) -> str:
    if text.count(slot) != 1:
        raise ValueError(f"a quizbook script must hold '{slot}' once")
    return text.replace(slot, value)
