"""How far wording alone gets a student who knows nothing of the subject.

Each `Strategy` is one cue a test-wise student uses (the longest option, no absolute words,
the hedged option, the option that repeats the prompt, …). Given a choice question, it
scores the answers a student could give; the student gives the best-scored one, choosing at
random among ties. For a multiple-choice question the student ticks as many options as the
question has right answers (a generous assumption: the quiz does not say how many).

Scores are expectations computed exactly (ties and random picks averaged, never sampled),
so the same keys always give the same figures. Blind chance is the same student with no
cue at all. A strategy that has nothing to say about a question guesses blindly there.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from math import comb

from . import cues
from .cues import Option

KINDS = ("single", "multiple", "truefalse")
KIND_NAMES = {"single": "single", "multiple": "multiple", "truefalse": "true/false"}


@dataclass(frozen=True)
class Item:
    """A choice question as a guesser sees it."""

    quiz: object
    question: object
    kind: str  # one of KINDS
    options: list[Option]  # for truefalse: the two answers, True first


def items_of(quiz) -> list[Item]:
    found = []
    for q in quiz.questions:
        options = cues.choice_options(q)
        if options:
            found.append(Item(quiz, q, q.type, options))
        elif cues.is_truefalse(q):
            answers = [Option("true", q.answer is True), Option("false", q.answer is False)]
            found.append(Item(quiz, q, q.type, answers))
    return found


# -- strategies: each maps an item to a score per option (None: no opinion) --------------------

Scorer = Callable[[Item], list[float] | None]


@dataclass(frozen=True)
class Strategy:
    name: str
    scores: Scorer


def _per_option(measure: Callable[[str], float]) -> Scorer:
    """A cue read off each option's text; for a true/false statement, the same cue decides
    true when the statement reads like the options this cue picks."""

    def scores(item: Item) -> list[float] | None:
        if item.kind != "truefalse":
            return [measure(o.text) for o in item.options]
        return None

    return scores


def _statement_cue(decide: Callable[[Item], bool | None]) -> Callable[[Scorer], Scorer]:
    def wrap(choice_scores: Scorer) -> Scorer:
        def scores(item: Item) -> list[float] | None:
            if item.kind != "truefalse":
                return choice_scores(item)
            verdict = decide(item)
            return None if verdict is None else [float(verdict), float(not verdict)]

        return scores

    return wrap


def _statement(item: Item) -> str:
    return cues.statement(item.question)


def _longer_than_usual(item: Item) -> bool | None:
    """True/false statements longer than the quiz's median read as the qualified, true ones."""
    lengths = [
        len(cues.statement(i.question)) for i in items_of(item.quiz) if i.kind == "truefalse"
    ]
    median = statistics.median(lengths)
    mine = len(_statement(item))
    return None if mine == median else mine > median


def _shorter_than_usual(item: Item) -> bool | None:
    longer = _longer_than_usual(item)
    return None if longer is None else not longer


def _prompt_overlap(item: Item) -> list[float] | None:
    if item.kind == "truefalse":
        return None
    prompt = cues.content_words(item.question.prompt)
    return [float(len(prompt & cues.content_words(o.text))) for o in item.options]


def _echo_elsewhere(item: Item) -> list[float] | None:
    """Options whose words other questions of the quiz show (a key often reappears)."""
    others = [q for q in item.quiz.questions if q is not item.question]
    seen = [cues.content_words(cues.visible_text(q)) for q in others]
    if item.kind == "truefalse":
        mine = cues.content_words(_statement(item)) - cues.content_words("true false")
        if not mine:
            return None
        share = max((len(mine & s) / len(mine) for s in seen), default=0.0)
        return [float(share >= 0.5), float(share < 0.5)]
    prompt = cues.content_words(item.question.prompt)
    words = [cues.content_words(o.text) - prompt for o in item.options]
    return [float(sum(len(w & s) for s in seen)) for w in words]


def _like_the_others(item: Item) -> list[float] | None:
    """The option sharing most words with the other options: distractors are often made
    by varying the key, so the key sits at their centre."""
    if item.kind == "truefalse":
        return None
    words = [cues.content_words(o.text) for o in item.options]
    return [
        float(sum(len(w & other) for j, other in enumerate(words) if j != i))
        for i, w in enumerate(words)
    ]


def _specific(text: str) -> float:
    """Numbers, names and quotations: the detailed option looks like the careful one."""
    plain = cues.plain(text)
    names = sum(1 for w in plain.split()[1:] if w[:1].isupper())
    return float(sum(c.isdigit() for c in plain) > 0) + names + cues.has_quotation(text)


def _middle_value(item: Item) -> list[float] | None:
    """Options that are all numbers or dates: the middle one."""
    if item.kind == "truefalse":
        return None
    values = [_number_in(o.text) for o in item.options]
    if any(v is None for v in values) or len(set(values)) < 3:
        return None
    order = sorted(values)
    middle = (order[(len(order) - 1) // 2], order[len(order) // 2])
    return [float(v in middle) for v in values]


def _number_in(text: str) -> float | None:
    digits = "".join(c if c.isdigit() or c == "." else " " for c in cues.plain(text)).split()
    try:
        return float(digits[-1]) if digits else None
    except ValueError:
        return None


def _always(answer: bool) -> Scorer:
    def scores(item: Item) -> list[float] | None:
        return [float(answer), float(not answer)] if item.kind == "truefalse" else None

    return scores


def _count(finder) -> Callable[[str], float]:
    return lambda text: float(len(finder(text)))


STRATEGIES = [
    Strategy(
        "longest option",
        _statement_cue(_longer_than_usual)(_per_option(lambda t: float(cues.length(t)))),
    ),
    Strategy(
        "shortest option",
        _statement_cue(_shorter_than_usual)(_per_option(lambda t: -float(cues.length(t)))),
    ),
    Strategy(
        "no absolute words",
        _statement_cue(lambda i: not cues.absolutes(_statement(i)))(
            _per_option(lambda t: -_count(cues.absolutes)(t))
        ),
    ),
    Strategy(
        "hedged option",
        _statement_cue(lambda i: bool(cues.hedges(_statement(i))))(
            _per_option(_count(cues.hedges))
        ),
    ),
    Strategy(
        "attributed option",
        _statement_cue(lambda i: bool(cues.attributions(_statement(i))))(
            _per_option(_count(cues.attributions))
        ),
    ),
    Strategy(
        "no negation",
        _statement_cue(lambda i: not cues.negations(_statement(i)))(
            _per_option(lambda t: -_count(cues.negations)(t))
        ),
    ),
    Strategy("repeats the prompt", _prompt_overlap),
    Strategy("echoed elsewhere", _echo_elsewhere),
    Strategy("most like the others", _like_the_others),
    Strategy("most specific", _per_option(_specific)),
    Strategy("middle value", _middle_value),
    Strategy("always true", _always(True)),
    Strategy("always false", _always(False)),
]


CUES = tuple(s for s in STRATEGIES if not s.name.startswith("always"))


def _all_cues(item: Item) -> list[float] | None:
    """Every cue above votes for the answers it would give; the most-voted answer wins."""
    votes = [0.0] * len(item.options)
    voted = False
    for strategy in CUES:
        scores = strategy.scores(item)
        if scores is None or len(set(scores)) == 1:
            continue
        best = max(scores)
        winners = [i for i, s in enumerate(scores) if s == best]
        for i in winners:
            votes[i] += 1 / len(winners)
        voted = True
    return votes if voted else None


STRATEGIES.append(Strategy("all cues together", _all_cues))


def _contrary(strategy: Strategy) -> Strategy:
    """The same cue read the other way: a student who has noticed that this quiz's writers
    avoid it (the key never the longest, never the hedged option…) bets against it."""

    def scores(item: Item) -> list[float] | None:
        given = strategy.scores(item)
        if given is None or len(set(given)) == 1:
            return None
        best = max(given)
        return [0.0 if x == best else 1.0 for x in given]

    return Strategy(f"against: {strategy.name}", scores)


# Reading a cue backwards is a cue too: keys rewritten to avoid a cue can end up marked by
# its absence. "always true" and "always false" are each other's contrary already.
STRATEGIES += [_contrary(s) for s in list(STRATEGIES) if not s.name.startswith("always")]


# -- expected scores -------------------------------------------------------------------------


def net_correct(options: list[Option], ticked: tuple[int, ...]) -> float:
    """The multiple-choice rule: (right ticks - wrong ticks) / right options, floored at 0."""
    right = sum(1 for i in ticked if options[i].correct)
    n_right = sum(o.correct for o in options)
    return max(0.0, (right - (len(ticked) - right)) / n_right)


def expected_score(item: Item, scores: list[float] | None) -> float:
    """The expected share of the points of a student who answers by `scores` (None: blind)."""
    scores = scores if scores is not None else [0.0] * len(item.options)
    if item.kind != "multiple":
        best = max(scores)
        winners = [o for o, s in zip(item.options, scores, strict=True) if s == best]
        return sum(o.correct for o in winners) / len(winners)
    return _expected_ticks(item.options, scores)


def _expected_ticks(options: list[Option], scores: list[float]) -> float:
    """Tick the k best-scored options (k = number of right ones), ties broken at random."""
    k = sum(o.correct for o in options)
    ranked = sorted(set(scores), reverse=True)
    sure: list[int] = []
    for level in ranked:
        tied = [i for i, s in enumerate(scores) if s == level]
        if len(sure) + len(tied) <= k:
            sure += tied
            continue
        need = k - len(sure)
        picks = list(combinations(tied, need))
        return sum(net_correct(options, (*sure, *p)) for p in picks) / comb(len(tied), need)
    return net_correct(options, tuple(sure))


@dataclass(frozen=True)
class Result:
    strategy: str
    by_kind: dict[str, float]  # mean expected score (0..1) per kind with questions
    overall: float
    counts: dict[str, int]


def per_item(quizzes: list, name: str) -> list[tuple[str, str, float, float]]:
    """(quiz, question, strategy's expected score, blind chance) for each choice question."""
    strategy = next(s for s in STRATEGIES if s.name == name)
    return [
        (
            item.quiz.id,
            item.question.id,
            expected_score(item, strategy.scores(item)),
            expected_score(item, None),
        )
        for quiz in quizzes
        for item in items_of(quiz)
    ]


def run(quizzes: list, strategies: list[Strategy] | None = None) -> list[Result]:
    """Blind chance first, then each strategy, over every choice question of the quizzes."""
    items = [item for quiz in quizzes for item in items_of(quiz)]
    rows = [("blind chance", [expected_score(i, None) for i in items])]
    for strategy in strategies or STRATEGIES:
        rows.append((strategy.name, [expected_score(i, strategy.scores(i)) for i in items]))
    return [_summarise(name, items, scores) for name, scores in rows]


def _summarise(name: str, items: list[Item], scores: list[float]) -> Result:
    by_kind, counts = {}, {}
    for kind in KINDS:
        mine = [s for i, s in zip(items, scores, strict=True) if i.kind == kind]
        if mine:
            by_kind[kind] = sum(mine) / len(mine)
            counts[kind] = len(mine)
    overall = sum(scores) / len(scores) if scores else 0.0
    return Result(name, by_kind, overall, counts)
