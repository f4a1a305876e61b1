"""An amount of money that qualifies the thing counted after it, not a figure of its own.

``培育旅游总收入百亿元县城3个``, ``新增产值超5亿元骨干企业8家``: the figure is a count of 县城 or 骨干企业;
``百亿元`` and ``5亿元`` only say which ones are counted. So a question about 旅游总收入 or 产值 is not answered
by ``3个`` or ``8家`` (it asks the 收入 itself), nor by ``5亿元`` (no target of that amount is set). A question
that names the counted thing (``多少个百亿元县城``) is answered by its count.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from policykb.kb.text import QUANTITY

__all__ = ["Tagger", "counted_by_qualifier", "qualifier_amount"]

QUALIFYING_MONEY = re.compile(
    r"(?:\d+(?:\.\d+)?[十百千万亿]*|[一二两三四五六七八九十百千万亿]+)元(?:以上|以下)?的?(?P<head>[\u4e00-\u9fa5]{1,12})$"
)
"""Words before a count that end in an amount of money and a thing: ``…百亿元县城`` (before ``3个``)."""

Tagger = Callable[[str], list[tuple[str, str]]]


def counted_by_qualifier(before: str, tagged: Tagger) -> str:
    """The thing counted when ``before`` (the words before a count) ends in an amount of money that qualifies it
    (``培育形成旅游总收入百亿元县城`` → ``县城``); ``""`` when it does not. A verb after the money
    (``投资5000万元建设站点``) says what the money is for: no qualifier."""
    match = QUALIFYING_MONEY.search(before)
    if match is None:
        return ""
    words = tagged(match.group("head"))
    if not words or not words[0][1].startswith("n") or words[0][1] == "vn":
        return ""
    return words[-1][0]


def qualifier_amount(clause: str, amount: str, tagged: Tagger) -> bool:
    """Whether ``amount`` (value and unit, as the clause writes it) only qualifies the thing counted right after it
    in ``clause`` (``产值超5亿元骨干企业8家``: ``5亿元``)."""
    at = clause.find(amount)
    if at < 0:
        return False
    rest = clause[at + len(amount) :]
    count = QUANTITY.search(rest)
    if count is None or count.start() == 0:
        return False
    return bool(counted_by_qualifier(amount + rest[: count.start()], tagged))
