"""kb/spread.py gives statistics.pstdev's own number: word nearness (its z-scores) must not move by a bit."""

from __future__ import annotations

import random
import statistics

import numpy as np
import pytest

from policykb.bot.answers.meaning import standardized
from policykb.kb.spread import pstdev


def samples() -> list[list[float]]:
    """Cosines as the target searches give them (one minus a float32 distance), and harder values."""
    rng = random.Random(26)
    out = [[1.0 - float(np.float32(rng.uniform(0.0, 0.6))) for _ in range(64)] for _ in range(300)]
    out += [[rng.gauss(0.8, 1e-3) for _ in range(rng.randint(1, 70))] for _ in range(300)]
    out += [[rng.choice([0.25, -7.5, 3.0, 1e-300, 1e300]) for _ in range(rng.randint(1, 9))] for _ in range(300)]
    out += [[0.5] * 64, [0.0] * 5, [np.float32(0.1), np.float32(0.7)] * 3]
    return out


def test_the_spread_is_the_one_statistics_gives_to_the_last_bit() -> None:
    for values in samples():
        assert pstdev(values) == statistics.pstdev(values), values


def test_a_word_nearness_is_the_same_z_scores() -> None:
    rng = random.Random(6)
    hits = [(f"t{i}", 1.0 - float(np.float32(rng.uniform(0.1, 0.4)))) for i in range(64)]
    values = [s for _, s in hits]
    mean, spread = statistics.fmean(values), statistics.pstdev(values)
    assert standardized(hits) == {i: (s - mean) / spread for i, s in hits}


def test_no_values_have_no_spread() -> None:
    with pytest.raises(statistics.StatisticsError):
        pstdev([])
