"""Wording cues: what a test-wise reader notices in an option without knowing the subject.

The item-writing checks (`itemcheck`) and the guessing benchmark (`guessing`) read options
through this one module, so that what the checks forbid is exactly what the benchmark's
guessers exploit. The cues are those of the classroom item-writing guidelines (Haladyna,
Downing and Rodriguez 2002, "A review of multiple-choice item-writing guidelines for
classroom assessment", Applied Measurement in Education 15(3)): the longest option, words
that make a statement absolute or hedged, options that repeat the stem, "all/none of the
above", and options that echo other items.

The word lists are English and are the only language-specific part of the engine. Words are
compared after folding case and stripping a plural or verb ending (see `stem`), so list
each word once in its plain form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "Specific determiners" in the guidelines: words that make a statement absolute. A wrong
# option full of them, beside a right one free of them, is the oldest cue there is.
ABSOLUTES = _word_set(
    """all always never none nobody nothing only every everyone everything ever entirely
    completely totally wholly absolutely certainly definitely undoubtedly invariably sole
    solely exact exactly must impossible guarantee proof prove whatsoever single"""
)
# Multi-word absolutes, matched on the folded text.
ABSOLUTE_PHRASES = ("no one", "at all", "in every case", "without exception", "for good")

# Qualifiers that make a statement cautious: test-wise readers pick the hedged option.
HEDGES = _word_set(
    """may might could possibly possible probably likely perhaps some sometimes often usually
    generally mostly largely partly partially typically tend suggest appear seem about
    approximately roughly nearly almost estimate reportedly arguably"""
)
HEDGE_PHRASES = ("at least", "in part", "more or less", "up to")

# Words that attribute a statement to someone: careful keys are often the attributed ones.
ATTRIBUTION = _word_set(
    """according said say says called describe described report reported claim claimed
    argue argued assess assessed estimated stated view"""
)
ATTRIBUTION_PHRASES = ("according to", "by the count of", "in the view of")

NEGATIONS = _word_set("not no neither nor without cannot didn't doesn't isn't wasn't")

ALL_NONE_OF_THE_ABOVE = re.compile(
    r"\b(?:all|none|both|neither) (?:of )?the (?:above|options|answers|choices|these)\b"
    r"|\b(?:all|none|both|neither) of these\b",
    re.IGNORECASE,
)

# Words too common to tell options apart or to link a stem to an option.
STOPWORDS = _word_set(
    """a an the and or but if then than that this these those there their them they it its
    is are was were be been being am do does did done has have had having of in on at to for
    from by with as into onto over under about after before between during since until upon
    per via not no yes so such what which who whom whose when where why how true false its
    he she his her him we our us you your i me my mine one two three also both each any
    other another more most much many very can will would should shall same own just"""
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TAG = re.compile(r"<[^>]*>")
_MARKUP = re.compile(r"[*_`#>\[\]]")


def plain(markdown: str) -> str:
    """Text a student reads: Markdown and HTML marks dropped, spacing collapsed."""
    return " ".join(_MARKUP.sub("", _TAG.sub(" ", markdown)).split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem: enough that 'treaties', 'treaty' and 'treaty's' compare equal,
    and 'signed' and 'signs' meet 'sign'."""
    w = word.casefold().replace("’", "'").removesuffix("'s").removesuffix("'")
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ing") and len(w) >= 7:
        return w[:-3]
    if w.endswith("ed") and len(w) >= 5:
        return w[:-2]
    if w.endswith(("ses", "xes", "zes", "ches", "shes", "oes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) >= 4:
        return w[:-1]
    return w


def words(text: str) -> list[str]:
    """The text's words, folded and stemmed, in order."""
    return [stem(w) for w in _WORD.findall(plain(text))]


def content_words(text: str) -> set[str]:
    """Words that carry meaning, stemmed: no stopwords, nothing shorter than three letters
    unless it is a number."""
    return set(content_forms(text))


def content_forms(text: str) -> dict[str, str]:
    """`content_words`, each with the form it first takes in the text (for messages)."""
    found: dict[str, str] = {}
    for raw in _WORD.findall(plain(text)):
        w = stem(raw)
        if w not in _STOP_STEMS and (len(w) >= 3 or w.isdigit()):
            found.setdefault(w, raw)
    return found


_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)
_ABSOLUTE_STEMS = frozenset(stem(w) for w in ABSOLUTES)
_HEDGE_STEMS = frozenset(stem(w) for w in HEDGES)
_ATTRIBUTION_STEMS = frozenset(stem(w) for w in ATTRIBUTION)
_NEGATION_STEMS = frozenset(stem(w) for w in NEGATIONS)


def _has(text: str, stems: frozenset[str], phrases: tuple[str, ...]) -> list[str]:
    found = [w for w in _WORD.findall(plain(text)) if stem(w) in stems]
    folded = " " + " ".join(_WORD.findall(plain(text).casefold())) + " "
    found += [p for p in phrases if f" {p} " in folded]
    return found


def absolutes(text: str) -> list[str]:
    return _has(text, _ABSOLUTE_STEMS, ABSOLUTE_PHRASES)


_MONTH_MAY = re.compile(r"\b\d{1,2}(?:[–-]\d{1,2})? May\b|\bMay \d{1,4}\b")


def hedges(text: str) -> list[str]:
    """Hedging words; "May" in a date ("7 May", "May 2018") is a month, not a hedge."""
    return _has(_MONTH_MAY.sub(" ", plain(text)), _HEDGE_STEMS, HEDGE_PHRASES)


def attributions(text: str) -> list[str]:
    return _has(text, _ATTRIBUTION_STEMS, ATTRIBUTION_PHRASES)


def negations(text: str) -> list[str]:
    return _has(text, _NEGATION_STEMS, ())


def has_number(text: str) -> bool:
    return any(c.isdigit() for c in plain(text))


def has_quotation(text: str) -> bool:
    return bool(re.search(r"[\"“”«»]|(?:^|\s)'[^']+'", plain(text)))


def length(text: str) -> int:
    """An option's length as a reader sees it: characters of its plain text."""
    return len(plain(text))


# Kinds of wording a whole set of options can share; each maps an option's text to whether
# it has that kind. The checks and the guessers ask for them by name.
FEATURES = {
    "absolute words": lambda t: bool(absolutes(t)),
    "hedging words": lambda t: bool(hedges(t)),
    "attribution to a source": lambda t: bool(attributions(t)),
    "negation": lambda t: bool(negations(t)),
    "a number": has_number,
    "a quotation": has_quotation,
}


@dataclass(frozen=True)
class Option:
    """One option a student can pick: its text (Markdown) and whether the key marks it."""

    text: str
    correct: bool


def choice_options(question) -> list[Option] | None:
    """The options of a question that offers choices, or None for other types."""
    choices = question.choices_offered()
    return [Option(c.text, c.correct) for c in choices] if choices else None


def is_truefalse(question) -> bool:
    return question.is_statement


def statement(question) -> str:
    """A true/false question's statement, without its "True or false:" lead-in."""
    text = plain(question.prompt)
    return re.sub(r"^\s*true or false\s*[:?.-]?\s*", "", text, flags=re.IGNORECASE)


def visible_text(question) -> str:
    """What a student sees of a question before answering: prompt, options, items, pairs."""
    return "\n".join([question.prompt, *question.shown_texts()])
