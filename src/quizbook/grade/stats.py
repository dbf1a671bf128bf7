"""Item statistics an instructor reads to see which questions work.

For each question: difficulty (the mean share of its points earned: 1 is easy), corrected
point-biserial discrimination (the correlation between the question's score and the rest of
the quiz: high means strong students get it right), and how often each option was chosen.
For the quiz: Cronbach's alpha (KR-20 when every question is right or wrong).

Everything is computed from running sums, so a class of any size takes the same memory, and
partial sums from several workers add up in a fixed order to the same figures.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

import numpy as np

# Thresholds for flagging an item, from common classroom practice (e.g. Haladyna 2004,
# "Developing and validating multiple-choice test items"): distractors chosen by under 5%
# of students do no work; discrimination under 0.2 separates students poorly.
TOO_EASY = 0.95
TOO_HARD = 0.20
WEAK_DISCRIMINATION = 0.20
IDLE_DISTRACTOR = 0.05
MIN_STUDENTS = 5  # fewer, and the figures mean nothing
MAX_DISTINCT = 50  # distinct typed answers counted per question; the rest are "other"


@dataclass
class Sums:
    """Running sums over students for one quiz with k questions of given points."""

    weights: np.ndarray  # points of each question
    n: int = 0
    x: np.ndarray = None  # Σ fraction earned, per question
    xx: np.ndarray = None  # Σ fraction²
    xt: np.ndarray = None  # Σ fraction × total points
    t: float = 0.0  # Σ total points
    tt: float = 0.0  # Σ total²
    chosen: list = field(default_factory=list)  # per question: {answer label: count}

    def __post_init__(self):
        k = len(self.weights)
        self.x = np.zeros(k) if self.x is None else self.x
        self.xx = np.zeros(k) if self.xx is None else self.xx
        self.xt = np.zeros(k) if self.xt is None else self.xt
        self.chosen = self.chosen or [{} for _ in range(k)]

    def add(self, fractions: list[float], labels: list[list[str]]) -> None:
        """One student: the share earned on each question, and the labels of what they
        chose on each (option letters, "true"/"false", a typed answer; [] if blank)."""
        f = np.asarray(fractions, dtype=float)
        total = float(f @ self.weights)
        self.n += 1
        self.x += f
        self.xx += f * f
        self.xt += f * total
        self.t += total
        self.tt += total * total
        for counts, chosen in zip(self.chosen, labels, strict=True):
            for label in chosen:
                if label in counts or len(counts) < MAX_DISTINCT:
                    counts[label] = counts.get(label, 0) + 1
                else:
                    counts["(other)"] = counts.get("(other)", 0) + 1

    def merge(self, other: Sums) -> None:
        self.n += other.n
        self.x += other.x
        self.xx += other.xx
        self.xt += other.xt
        self.t += other.t
        self.tt += other.tt
        for mine, theirs in zip(self.chosen, other.chosen, strict=True):
            for label, count in theirs.items():
                mine[label] = mine.get(label, 0) + count


@dataclass(frozen=True)
class ItemStats:
    question: str
    points: float
    difficulty: float
    discrimination: float | None
    chosen: dict[str, int]
    flags: list[str]


def item_stats(sums: Sums, questions, keyed: list[set[str]]) -> list[ItemStats]:
    """Per question: `keyed` holds the labels of the right answers (options), or an empty
    set where there are none to count (numeric, text, ordering, matching)."""
    out = []
    for i, q in enumerate(questions):
        n = sums.n
        difficulty = sums.x[i] / n if n else float("nan")
        discrimination = _rest_correlation(sums, i)
        chosen = dict(sorted(sums.chosen[i].items()))
        out.append(
            ItemStats(
                q.id,
                float(sums.weights[i]),
                float(difficulty),
                discrimination,
                chosen,
                _flags(n, difficulty, discrimination, chosen, keyed[i]),
            )
        )
    return out


def _rest_correlation(sums: Sums, i: int) -> float | None:
    """Pearson r between the item's fraction x and the rest score R = T - w·x."""
    n, w = sums.n, sums.weights[i]
    if n < 2:
        return None
    sx, sxx = sums.x[i], sums.xx[i]
    sr = sums.t - w * sx
    srr = sums.tt - 2 * w * sums.xt[i] + w * w * sxx
    sxr = sums.xt[i] - w * sxx
    cov = sxr - sx * sr / n
    var_x = sxx - sx * sx / n
    var_r = srr - sr * sr / n
    if var_x <= 1e-12 or var_r <= 1e-12:
        return None  # everyone scored alike on the item or on the rest: no correlation
    return float(cov / math.sqrt(var_x * var_r))


def cronbach_alpha(sums: Sums) -> float | None:
    """alpha = k/(k-1) · (1 - Σ var(item points) / var(total)); KR-20 for right/wrong items."""
    k, n = len(sums.weights), sums.n
    if k < 2 or n < 2:
        return None
    w = sums.weights
    item_var = (w * w) * (sums.xx - sums.x * sums.x / n) / n
    total_var = (sums.tt - sums.t * sums.t / n) / n
    if total_var <= 1e-12:
        return None
    return float(k / (k - 1) * (1 - item_var.sum() / total_var))


def _flags(n, difficulty, discrimination, chosen, keyed) -> list[str]:
    if n < MIN_STUDENTS:
        return [f"only {n} student(s): too few to judge"]
    flags = []
    if difficulty >= TOO_EASY:
        flags.append(f"too easy: {difficulty:.0%} of the points earned")
    elif difficulty <= TOO_HARD:
        flags.append(f"too hard: {difficulty:.0%} of the points earned")
    if discrimination is not None and discrimination < 0:
        flags.append(f"negative discrimination ({discrimination:.2f}): check the key")
    elif discrimination is not None and discrimination < WEAK_DISCRIMINATION:
        flags.append(f"weak discrimination ({discrimination:.2f})")
    if keyed:
        top_key = max((chosen.get(k, 0) for k in keyed), default=0)
        for label, count in chosen.items():
            if label not in keyed and count > top_key:
                flags.append(f"distractor {label} chosen more than the key: check the key")
        idle = [o for o in chosen if o not in keyed and chosen[o] / n < IDLE_DISTRACTOR]
        if idle:
            flags.append(f"distractor(s) {', '.join(idle)} chosen by under 5%")
    return flags


def stats_csv(items: list[ItemStats], alpha: float | None, n: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["question", "points", "students", "difficulty", "discrimination", "chosen", "flags"]
    )
    for item in items:
        writer.writerow(
            [
                item.question,
                _num(item.points),
                n,
                _num(item.difficulty),
                "" if item.discrimination is None else _num(item.discrimination),
                "; ".join(f"{label}: {count}" for label, count in item.chosen.items()),
                "; ".join(item.flags),
            ]
        )
    writer.writerow(
        [
            "(quiz)",
            "",
            n,
            "",
            "",
            "",
            f"Cronbach's alpha {_num(alpha) if alpha is not None else 'n/a'}",
        ]
    )
    return out.getvalue()


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") if math.isfinite(x) else ""


def plot(items: list[ItemStats], alpha: float | None, n: int, title: str, path) -> None:
    """Difficulty against discrimination, one labelled dot per question; weak zones shaded."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=100)
    ax.axhspan(-1, WEAK_DISCRIMINATION, color="#f4d6d6", zorder=0)
    ax.axvspan(0, TOO_HARD, color="#f4ead6", zorder=0)
    ax.axvspan(TOO_EASY, 1, color="#f4ead6", zorder=0)
    for item in items:
        d = item.discrimination if item.discrimination is not None else 0.0
        ax.plot(item.difficulty, d, "o", color="#1f4e79" if not item.flags else "#b03030")
        ax.annotate(
            item.question,
            (item.difficulty, d),
            fontsize=7,
            xytext=(4, 3),
            textcoords="offset points",
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.5, 1)
    ax.set_xlabel("difficulty (share of points earned; right = easier)")
    ax.set_ylabel("discrimination (item–rest correlation)")
    a = f"{alpha:.2f}" if alpha is not None else "n/a"
    ax.set_title(f"{title}: {n} students, Cronbach's alpha {a}", fontsize=10)
    ax.text(
        0.01, -0.45, "shaded: weak discrimination (red), too hard or too easy (amber)", fontsize=7
    )
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
