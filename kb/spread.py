"""The population standard deviation of floats, exactly as :func:`statistics.pstdev` gives it, in plain integers.

``statistics.pstdev`` sums the values as exact fractions (``Fraction``) and returns the correctly rounded square
root of their exact variance (Python 3.11 on). The same exact variance is a ratio of integers once every value is
put over one power of two (a float's denominator always is one), and its correctly rounded square root is the same
float: the number does not change, only the time (about a fifth: 0.12 ms for 64 cosines against 0.66 ms), which
counted at 100 plans, where a word's nearness to each plan's targets is standardized once per plan.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from statistics import StatisticsError

__all__ = ["pstdev"]

SQRT_BITS = 2 * sys.float_info.mant_dig + 3  # bits kept before the one rounding to a float (as statistics does)


def pstdev(values: Sequence[float]) -> float:
    """The population standard deviation of ``values`` (finite floats), correctly rounded."""
    n = len(values)
    if n < 1:
        raise StatisticsError("pstdev requires at least one data point")
    ratios = [v.as_integer_ratio() for v in values]
    shift = max(d.bit_length() - 1 for _, d in ratios)  # the values over 2**shift
    scaled = [num << (shift - d.bit_length() + 1) for num, d in ratios]
    total = sum(scaled)
    variance = n * sum(a * a for a in scaled) - total * total  # over n * n * 4**shift
    return sqrt_of_ratio(variance, (n * n) << (2 * shift))


def sqrt_of_ratio(n: int, m: int) -> float:
    """The square root of ``n / m`` correctly rounded to a float (round to odd on ``SQRT_BITS`` bits first; the
    method of ``statistics._float_sqrt_of_frac``, https://bugs.python.org/msg407078)."""
    q = (n.bit_length() - m.bit_length() - SQRT_BITS) // 2
    if q >= 0:
        return (_isqrt_to_odd(n, m << 2 * q) << q) / 1
    return _isqrt_to_odd(n << -2 * q, m) / (1 << -q)


def _isqrt_to_odd(n: int, m: int) -> int:
    """The square root of ``n / m`` as an integer, rounded to odd."""
    a = math.isqrt(n // m)
    return a | (a * a * m != n)
