"""Item statistics against a class worked by hand.

Five students, three right-or-wrong items of one point:

    student  item1 item2 item3  total
    s1         1     1     1      3
    s2         1     1     0      2
    s3         1     0     0      1
    s4         0     1     0      1
    s5         0     0     0      0

Item 1: difficulty 3/5 = 0.6. Its rest scores (total minus the item) are 2, 1, 0, 1, 0 with
mean 0.8; deviations of the item (0.4, 0.4, 0.4, -0.6, -0.6) and of the rest (1.2, 0.2,
-0.8, 0.2, -0.8) give a cross-product sum 0.6, sums of squares 1.2 and 2.8, so the corrected
point-biserial is 0.6 / sqrt(1.2 × 2.8) = 0.3273.

KR-20: p = 0.6, 0.6, 0.2, so Σpq = 0.24 + 0.24 + 0.16 = 0.64; totals 3, 2, 1, 1, 0 have mean
1.4 and variance 5.2 / 5 = 1.04; KR-20 = 3/2 × (1 - 0.64/1.04) = 0.5769.
"""

from __future__ import annotations

import numpy as np
import pytest

from quizbook.grade import stats

SCORES = [[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 0]]


class Q:
    def __init__(self, qid):
        self.id = qid


def sums_of(scores, weights=(1.0, 1.0, 1.0)) -> stats.Sums:
    sums = stats.Sums(np.array(weights))
    for row in scores:
        sums.add(row, [[] for _ in row])
    return sums


def test_difficulty_discrimination_and_kr20_by_hand():
    sums = sums_of(SCORES)
    items = stats.item_stats(sums, [Q("i1"), Q("i2"), Q("i3")], [set(), set(), set()])
    assert [round(i.difficulty, 4) for i in items] == [0.6, 0.6, 0.2]
    assert items[0].discrimination == pytest.approx(0.6 / np.sqrt(1.2 * 2.8))
    assert round(items[0].discrimination, 4) == 0.3273
    assert stats.cronbach_alpha(sums) == pytest.approx(1.5 * (1 - 0.64 / 1.04))
    assert round(stats.cronbach_alpha(sums), 4) == 0.5769


def test_running_sums_agree_with_numpy_on_partial_credit():
    rng = np.random.default_rng(7)
    weights = np.array([1.0, 2.0, 0.5, 1.0])
    x = rng.choice([0, 0.25, 0.5, 1.0], size=(40, 4))
    sums = sums_of(x.tolist(), weights)
    items = stats.item_stats(sums, [Q(str(i)) for i in range(4)], [set()] * 4)
    points = x * weights
    total = points.sum(axis=1)
    for i, item in enumerate(items):
        rest = total - points[:, i]
        assert item.discrimination == pytest.approx(np.corrcoef(x[:, i], rest)[0, 1])
        assert item.difficulty == pytest.approx(x[:, i].mean())
    k = 4
    alpha = k / (k - 1) * (1 - points.var(axis=0).sum() / total.var())
    assert stats.cronbach_alpha(sums) == pytest.approx(alpha)


def test_sums_from_several_workers_add_up_to_the_same_figures():
    whole = sums_of(SCORES)
    part = sums_of(SCORES[:2])
    part.merge(sums_of(SCORES[2:]))
    assert stats.cronbach_alpha(part) == pytest.approx(stats.cronbach_alpha(whole))


def test_flags_name_the_weak_items():
    sums = stats.Sums(np.array([1.0]))
    for right in [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]:
        sums.add([right], [["A"] if right else ["B"]])
    (item,) = stats.item_stats(sums, [Q("q")], [{"A"}])
    assert "distractor B chosen more than the key: check the key" in item.flags
    assert item.chosen == {"A": 4, "B": 6}
    few = sums_of(SCORES[:3])
    assert stats.item_stats(few, [Q("a"), Q("b"), Q("c")], [set()] * 3)[0].flags == [
        "only 3 student(s): too few to judge"
    ]


def test_the_csv_and_the_plot(tmp_path):
    sums = sums_of(SCORES)
    items = stats.item_stats(sums, [Q("i1"), Q("i2"), Q("i3")], [set()] * 3)
    text = stats.stats_csv(items, stats.cronbach_alpha(sums), sums.n)
    assert text.splitlines()[1].startswith("i1,1,5,0.6,0.327,")
    assert text.splitlines()[-1].endswith("Cronbach's alpha 0.577")
    stats.plot(items, stats.cronbach_alpha(sums), sums.n, "demo", tmp_path / "s.png")
    assert (tmp_path / "s.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
