"""Item-writing checks: flaws that let a student answer from the wording alone.

Each check is one of the classroom item-writing guidelines (Haladyna, Downing and Rodriguez
2002) made testable; `CHECKS` names them. `quizbook validate` reports each flaw as one line,
`file:line: question-id: check: what is wrong`, as a warning (an error with `--strict`).
A key silences a check for one question, or for the quiz, with `waive: {check: reason}`;
the report still shows the waiver and its reason.
"""

from __future__ import annotations

import os.path
from collections.abc import Iterator
from dataclasses import dataclass

from . import cues
from .cues import Option

CHECKS = {
    "key-longest": "the keyed option is clearly longer than the distractors",
    "key-length-pattern": "across a quiz, the key is the longest (or shortest) option too often",
    "absolutes-in-distractors": "absolute words ('never', 'all', 'only') appear only in wrong"
    " options",
    "hedges-in-key": "hedging words ('may', 'some', 'about') appear only in right options",
    "all-none-of-the-above": "an option is 'all of the above' or 'none of the above'",
    "stem-echo": "words of the prompt are repeated in the right option(s) and in no wrong one",
    "distractors-alike": "the wrong options share a kind of wording that the right ones lack"
    " (or the other way round)",
    "truefalse-balance": "a quiz's true/false keys are all, or nearly all, one way",
    "truefalse-wording": "absolute words only in false statements, or hedges only in true ones",
    "gives-away": "another question's text states or echoes this question's answer",
    "waiver": "a waiver names an unknown check, or a check that finds nothing to waive",
}

# How much longer the key must be to count as "clearly" longer: both a ratio and a number
# of characters, so that "1815" against "1805" or a few words more in a long option pass.
LONGER_RATIO = 1.25
LONGER_CHARS = 8
# A quiz-wide pattern: the key is the longest (shortest) option this much more often than
# chance would have it, and at least this many times.
PATTERN_EXCESS = 0.25
PATTERN_MIN = 3
# True/false keys: a quiz of four or more must have at least this share each way; a course
# (several keys checked together) of six or more, this share.
TRUEFALSE_MINORITY = 0.25
COURSE_TRUEFALSE_MINORITY = 0.35
# Across a course, the key may be the longest (shortest) option this much more often than
# chance, in single-choice questions.
COURSE_PATTERN_EXCESS = 0.15
# An option is echoed by another question when that question's text holds this share of
# the option's distinctive words (and at least two of them, unless there is only one).
ECHO_SHARE = 0.75


@dataclass(frozen=True)
class Flaw:
    file: str
    line: int  # 0 for a flaw of several keys together
    where: str  # a question id, or "quiz"
    check: str
    message: str
    waived: str | None = None  # the key's reason, when it waives this check here

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        if self.waived is not None:
            return f"{place}: {self.where}: {self.check} waived: {self.waived}"
        return f"{place}: {self.where}: {self.check}: {self.message}"


@dataclass(frozen=True)
class Finding:
    """A flaw before it is placed in the file: `choice` points at one option's line."""

    where: str
    check: str
    message: str
    choice: int | None = None


def check_quiz(quiz, lines, file: str) -> list[Flaw]:
    """Every item-writing flaw of one loaded key, in file order; waived ones included."""
    findings = [*_question_findings(quiz), *_quiz_findings(quiz)]
    flaws = [_placed(f, quiz, lines, file) for f in findings]
    flaws += _waiver_flaws(quiz, lines, file, findings)
    return sorted(flaws, key=lambda f: (f.line, f.where, f.check))


def _placed(finding: Finding, quiz, lines, file: str) -> Flaw:
    if finding.where == "quiz":
        line, waivers = lines.quiz("questions"), quiz.waive
    else:
        question = _by_id(quiz, finding.where)
        waivers = question.waive
        if finding.choice is None:
            line = lines.question(finding.where)
        else:
            line = lines.choice(finding.where, finding.choice)
    reason = waivers.get(finding.check)
    return Flaw(file, line, finding.where, finding.check, finding.message, reason)


def _waiver_flaws(quiz, lines, file: str, findings: list[Finding]) -> list[Flaw]:
    fired = {(f.where, f.check) for f in findings}
    flaws = []
    owners = [("quiz", quiz.waive, lines.quiz("waive"))]
    owners += [(q.id, q.waive, lines.question(q.id, "waive")) for q in quiz.questions]
    for where, waivers, line in owners:
        for check in waivers:
            if check not in CHECKS:
                message = f"waive: unknown check '{check}'; known: {', '.join(CHECKS)}"
            elif (where, check) not in fired:
                message = f"waive: '{check}' finds nothing here; remove the waiver"
            else:
                continue
            flaws.append(Flaw(file, line, where, "waiver", message))
    return flaws


def _by_id(quiz, qid: str):
    return next(q for q in quiz.questions if q.id == qid)


# -- one question at a time ------------------------------------------------------------------


def _question_findings(quiz) -> Iterator[Finding]:
    topic = topic_words(quiz)
    for question in quiz.questions:
        options = cues.choice_options(question)
        if not options:
            continue
        for check in (
            _key_longest,
            _absolutes_in_distractors,
            _hedges_in_key,
            _all_none_of_the_above,
            _distractors_alike,
        ):
            yield from check(question, options)
        yield from _stem_echo(question, options, topic)
    yield from _gives_away(quiz, topic)


# Words found in the text of this share of a quiz's questions (and at least this many) are
# its topic ("Rome" in a quiz on Rome): they echo everywhere, so they cue nothing.
TOPIC_SHARE = 0.25
TOPIC_MIN = 3


def topic_words(quiz) -> set[str]:
    counts: dict[str, int] = {}
    for question in quiz.questions:
        for word in cues.content_words(cues.visible_text(question)):
            counts[word] = counts.get(word, 0) + 1
    floor = max(TOPIC_MIN, TOPIC_SHARE * len(quiz.questions))
    return {word for word, n in counts.items() if n >= floor}


def _split(options: list[Option]) -> tuple[list[Option], list[Option]]:
    return [o for o in options if o.correct], [o for o in options if not o.correct]


def _quote(text: str, width: int = 40) -> str:
    text = cues.plain(text)
    return f"'{text}'" if len(text) <= width else f"'{text[: width - 1]}…'"


def _key_longest(question, options: list[Option]) -> Iterator[Finding]:
    keys, wrong = _split(options)
    if not wrong:
        return
    key_lengths = [cues.length(o.text) for o in keys]
    wrong_lengths = [cues.length(o.text) for o in wrong]
    if len(keys) == 1:
        key, longest_wrong = key_lengths[0], max(wrong_lengths)
        if _clearly_longer(key, longest_wrong):
            yield Finding(
                question.id,
                "key-longest",
                f"the keyed option has {key} characters, the longest distractor {longest_wrong}:"
                " write options of about the same length",
            )
        return
    mean_key = sum(key_lengths) / len(key_lengths)
    mean_wrong = sum(wrong_lengths) / len(wrong_lengths)
    if _clearly_longer(mean_key, mean_wrong) or (
        len(wrong) >= 2 and min(key_lengths) > max(wrong_lengths)
    ):
        yield Finding(
            question.id,
            "key-longest",
            f"right options average {mean_key:.0f} characters, wrong ones {mean_wrong:.0f}"
            f" (shortest right {min(key_lengths)}, longest wrong {max(wrong_lengths)}):"
            " write options of about the same length",
        )


def _clearly_longer(a: float, b: float) -> bool:
    return a >= LONGER_RATIO * b and a - b >= LONGER_CHARS


def _only_in(
    side: list[Option], other: list[Option], finder
) -> list[tuple[int, Option, list[str]]]:
    """Options of `side` with words `finder` finds, provided no option of `other` has any."""
    if any(finder(o.text) for o in other):
        return []
    return [(i, o, finder(o.text)) for i, o in enumerate(side) if finder(o.text)]


def _absolutes_in_distractors(question, options: list[Option]) -> Iterator[Finding]:
    keys, wrong = _split(options)
    yield from _one_sided(
        question,
        options,
        _only_in(wrong, keys, cues.absolutes),
        "absolutes-in-distractors",
        "absolute words ({words}) appear only in wrong options ({which}): a test-wise student"
        " rules those out unread",
    )


def _hedges_in_key(question, options: list[Option]) -> Iterator[Finding]:
    keys, wrong = _split(options)
    if wrong:
        yield from _one_sided(
            question,
            options,
            _only_in(keys, wrong, cues.hedges),
            "hedges-in-key",
            "hedging words ({words}) appear only in right options: a test-wise student picks"
            " the cautious option unread",
        )


def _one_sided(question, options, found, check: str, message: str) -> Iterator[Finding]:
    """A kind of word found on one side only (`found` from `_only_in`), reported at the
    first option that has it."""
    if found:
        words = ", ".join(sorted({w.casefold() for _, _, ws in found for w in ws}))
        which = ", ".join(_quote(o.text) for _, o, _ in found)
        yield Finding(
            question.id,
            check,
            message.format(words=words, which=which),
            options.index(found[0][1]),
        )


def _all_none_of_the_above(question, options: list[Option]) -> Iterator[Finding]:
    for i, option in enumerate(options):
        if cues.ALL_NONE_OF_THE_ABOVE.search(cues.plain(option.text)):
            yield Finding(
                question.id,
                "all-none-of-the-above",
                f"{_quote(option.text)}: 'all/none of the above' rewards partial knowledge and"
                " breaks when options are shuffled",
                i,
            )


def _stem_echo(question, options: list[Option], topic: set[str]) -> Iterator[Finding]:
    keys, wrong = _split(options)
    if not wrong:
        return
    forms = cues.content_forms(question.prompt)
    stem_words = {w for w in forms if len(w) >= 4} - topic
    in_wrong = set().union(*(cues.content_words(o.text) for o in wrong))
    echoed: set[str] = set()
    for key in keys:
        echoed |= (stem_words & cues.content_words(key.text)) - in_wrong
    words = sorted(forms[w] for w in echoed)
    if words:
        yield Finding(
            question.id,
            "stem-echo",
            f"the prompt's words ({', '.join(words)}) reappear in the right option(s) and in"
            " no wrong one: repeat them in the distractors too, or in none",
        )


def _distractors_alike(question, options: list[Option]) -> Iterator[Finding]:
    keys, wrong = _split(options)
    if not wrong or len(options) < 3:
        return
    for kind, has in cues.FEATURES.items():
        if kind in ("absolute words", "hedging words"):
            continue  # their own checks report them, with the words
        wrong_have = [has(o.text) for o in wrong]
        keys_have = [has(o.text) for o in keys]
        if len(wrong) >= 2 and all(wrong_have) and not any(keys_have):
            yield Finding(
                question.id,
                "distractors-alike",
                f"every wrong option has {kind} and no right one does: the kind of wording"
                " tells them apart",
            )
        elif len(wrong) >= 2 and all(keys_have) and not any(wrong_have):
            yield Finding(
                question.id,
                "distractors-alike",
                f"only the right option(s) have {kind}: the odd one out is the key",
            )


# -- one question against the others ---------------------------------------------------------


def _gives_away(quiz, topic: set[str]) -> Iterator[Finding]:
    for question in quiz.questions:
        others = [q for q in quiz.questions if q is not question]
        for other, what in _answer_echoes(question, others, topic):
            yield Finding(
                question.id,
                "gives-away",
                f"question '{other.id}' shows this question's answer ({what}) in its text",
            )


def _answer_echoes(question, others, topic: set[str]) -> Iterator[tuple[object, str]]:
    options = cues.choice_options(question)
    if options:
        yield from _key_echoes(question, options, others, topic)
    elif question.is_statement:
        yield from _statement_echoes(question, others)
    elif groups := question.key_echoes():
        if all(len(group) == 2 for group in groups):
            yield from _pair_echoes(question, groups, others, topic)
        else:
            yield from _text_echoes(question, [text for (text,) in groups], others)


def _distinctive(text: str, common: set[str]) -> set[str]:
    return cues.content_words(text) - common


def _echoed(distinctive: set[str], seen: set[str]) -> bool:
    hit = distinctive & seen
    if len(distinctive) == 1:
        word = next(iter(distinctive))
        return bool(hit) and (word.isdigit() or len(word) >= 5)
    return len(hit) >= 2 and len(hit) >= ECHO_SHARE * len(distinctive)


def _key_echoes(
    question, options: list[Option], others, topic: set[str]
) -> Iterator[tuple[object, str]]:
    """A right option whose distinctive words another question shows, while no wrong
    option's are shown: 'pick the option echoed elsewhere' would find the key."""
    prompt = cues.content_words(question.prompt) | topic
    keys, wrong = _split(options)
    wrong_words = [cues.content_words(o.text) for o in wrong]
    for other in others:
        seen = cues.content_words(cues.visible_text(other))
        if any(_echoed(w - prompt, seen) for w in wrong_words if w - prompt):
            continue
        for key in keys:
            mine = _distinctive(key.text, prompt | set().union(*wrong_words))
            if mine and _echoed(mine, seen):
                yield other, _quote(key.text)
                break


def _assertions(question) -> str:
    """Text a question presents as fact: its prompt, and what it shows as true."""
    return "\n".join([question.prompt, *question.facts_shown()])


def _statement_echoes(question, others) -> Iterator[tuple[object, str]]:
    mine = cues.content_words(cues.statement(question))
    if len(mine) < 3:
        return
    for other in others:
        hit = mine & cues.content_words(_assertions(other))
        if len(hit) >= 0.8 * len(mine):
            yield other, "its statement, as fact"


def _text_echoes(question, answers: list[str], others) -> Iterator[tuple[object, str]]:
    """A typed answer, word for word, in another question; a number only where that
    question shares the topic (a year may well recur for other reasons)."""
    topic = {w for w in cues.content_words(question.prompt) if len(w) >= 4 and not w.isdigit()}
    for other in others:
        seen = cues.words(cues.visible_text(other))
        for answer in answers:
            wanted = cues.words(answer)
            number = len(wanted) == 1 and wanted[0].replace(".", "").isdigit()
            if number and not topic & set(seen):
                continue
            if wanted and (number or len("".join(wanted)) >= 4) and _contains(seen, wanted):
                yield other, (f"the number {answer}" if number else _quote(answer))
                break


def _contains(seq: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(seq[i : i + n] == part for i in range(len(seq) - n + 1))


def _pair_echoes(question, pairs, others, topic: set[str]) -> Iterator[tuple[object, str]]:
    prompt = cues.content_words(question.prompt) | topic
    lefts = [cues.content_words(left) for left, _ in pairs]
    rights = [cues.content_words(right) for _, right in pairs]
    for other in others:
        seen = cues.content_words(cues.visible_text(other))
        for i, (left_text, right_text) in enumerate(pairs):
            left = lefts[i] - prompt - set().union(*(w for j, w in enumerate(lefts) if j != i))
            right = rights[i] - prompt - set().union(*(w for j, w in enumerate(rights) if j != i))
            if left and right and _echoed(left, seen) and _echoed(right, seen):
                yield other, f"the pair {_quote(left_text, 25)} – {_quote(right_text, 25)}"
                break


# -- the quiz as a whole ---------------------------------------------------------------------


def _quiz_findings(quiz) -> Iterator[Finding]:
    yield from _length_pattern(quiz)
    yield from _truefalse_balance(quiz)
    yield from _truefalse_wording(quiz)


def _length_pattern(quiz) -> Iterator[Finding]:
    singles = [
        options
        for q in quiz.questions
        if (options := cues.choice_options(q)) and len(options) >= 3 and _one_key(options)
    ]
    if not singles:
        return
    chance = sum(1 / len(options) for options in singles)
    for extreme, pick in (("longest", max), ("shortest", min)):
        count = sum(1 for options in singles if _key_is(options, pick))
        if count >= PATTERN_MIN and (count - chance) / len(singles) > PATTERN_EXCESS:
            yield Finding(
                "quiz",
                "key-length-pattern",
                f"the key is the {extreme} option in {count} of {len(singles)} single-choice"
                f" questions (chance would make it {chance:.1f}): vary which option is"
                f" {extreme}",
            )


def _one_key(options: list[Option]) -> bool:
    return sum(o.correct for o in options) == 1


def _key_is(options: list[Option], pick) -> bool:
    lengths = [cues.length(o.text) for o in options]
    target = pick(lengths)
    winners = [o for o, n in zip(options, lengths, strict=True) if n == target]
    return len(winners) == 1 and winners[0].correct


def _truefalse_balance(quiz) -> Iterator[Finding]:
    keys = [q.answer for q in quiz.questions if cues.is_truefalse(q)]
    if len(keys) < 2:
        return
    trues = sum(keys)
    minority = min(trues, len(keys) - trues)
    if minority == 0 or (len(keys) >= 4 and minority / len(keys) < TRUEFALSE_MINORITY):
        yield Finding(
            "quiz",
            "truefalse-balance",
            f"{trues} of {len(keys)} true/false questions are keyed true: 'always"
            f" {'true' if trues > len(keys) / 2 else 'false'}' scores"
            f" {max(trues, len(keys) - trues)} of {len(keys)}",
        )


def _truefalse_wording(quiz) -> Iterator[Finding]:
    statements = [q for q in quiz.questions if cues.is_truefalse(q)]
    for finder, kind, lone in ((cues.absolutes, "absolute", False), (cues.hedges, "hedging", True)):
        marked = [q for q in statements if finder(cues.statement(q))]
        if marked and all(q.answer is lone for q in marked):
            others = "true" if not lone else "false"
            for q in marked:
                words = ", ".join(sorted({w.casefold() for w in finder(cues.statement(q))}))
                yield Finding(
                    q.id,
                    "truefalse-wording",
                    f"{kind} words ({words}) appear only in statements keyed {str(lone).lower()}"
                    f", none in those keyed {others}: the wording gives the key away",
                )


# -- several keys together -------------------------------------------------------------------


def check_across(loaded: list[tuple[object, str]]) -> list[Flaw]:
    """Course-wide patterns over several keys (quiz, file): true/false keys one way, and
    the key the longest or shortest option too often. Reported against the keys' folder."""
    quizzes = [quiz for quiz, _ in loaded]
    place = _common_folder([file for _, file in loaded])
    messages = [*_course_truefalse(quizzes), *_course_length(quizzes)]
    return [Flaw(place, 0, "course", check, message) for check, message in messages]


def _common_folder(files: list[str]) -> str:
    return os.path.commonpath([os.path.dirname(f) or "." for f in files]) + "/"


def _course_truefalse(quizzes) -> Iterator[tuple[str, str]]:
    keys = [q.answer for quiz in quizzes for q in quiz.questions if cues.is_truefalse(q)]
    if len(keys) < 6:
        return
    trues = sum(keys)
    if min(trues, len(keys) - trues) / len(keys) < COURSE_TRUEFALSE_MINORITY:
        yield (
            "truefalse-balance",
            (
                f"{trues} of {len(keys)} true/false questions in these keys are keyed true:"
                " balance them across the course"
            ),
        )


def _course_length(quizzes) -> Iterator[tuple[str, str]]:
    singles = [
        options
        for quiz in quizzes
        for q in quiz.questions
        if (options := cues.choice_options(q)) and len(options) >= 3 and _one_key(options)
    ]
    if not singles:
        return
    chance = sum(1 / len(options) for options in singles)
    for extreme, pick in (("longest", max), ("shortest", min)):
        count = sum(1 for options in singles if _key_is(options, pick))
        if (count - chance) / len(singles) > COURSE_PATTERN_EXCESS:
            yield (
                "key-length-pattern",
                (
                    f"the key is the {extreme} option in {count} of {len(singles)} single-choice"
                    f" questions in these keys (chance: {chance:.1f})"
                ),
            )
