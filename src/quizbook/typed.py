"""How a typed answer is read: text compared loosely, numbers parsed as the static quiz does.

A leaf module: the model (accepted answers must not be blank), scoring (text answers) and
the live quiz (reading a text field) all use it. `static/quizbook.js` mirrors
`normalise_text` and `parse_number`; `tests/vectors/normalise.json` keeps them identical.
"""

from __future__ import annotations

import math
import re
import unicodedata

# Spellings of one name differ in hyphens and apostrophes (Jean-Paul, Jean Paul; O'Neill):
# a typed answer must not fail on them, nor on where the spaces fall, nor on a full stop or
# quotation marks around it. Punctuation is Unicode's P* categories; the backtick and the
# modifier-letter apostrophes are not punctuation to Unicode but serve as apostrophes here.
_APOSTROPHES = frozenset("`\u02bb\u02bc")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", re.IGNORECASE)
_INTEGER = re.compile(r"[+-]?\d+")


def _dropped(char: str) -> bool:
    return char in _APOSTROPHES or unicodedata.category(char)[0] == "P"


def normalise_text(text: str) -> str:
    """Fold case and diacritics and drop spaces and punctuation: 'Crème brûlée. ' and
    'cremebrulee' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = "".join(c for c in stripped.casefold() if not _dropped(c))
    return "".join(kept.split())


def parse_number(text: str) -> float | int | None:
    """What the static quiz accepts: "12", "-2.5", "0,5" (a comma is the decimal point
    only when there is no point); anything else is not a number (None)."""
    s = text.strip()
    if s.startswith("\u2212"):
        s = "-" + s[1:]
    if "." not in s:
        s = s.replace(",", ".", 1)
    if not _NUMBER.match(s):
        return None
    if _INTEGER.fullmatch(s):
        return int(s)
    value = float(s)
    return value if math.isfinite(value) else None


def number_text(answer) -> str:
    """A number as a student would type it back: 12.0 as "12"."""
    if isinstance(answer, str):
        return answer
    if isinstance(answer, float) and answer.is_integer() and abs(answer) < 1e15:
        return str(int(answer))
    return repr(answer)
