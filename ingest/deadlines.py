"""Deadlines as plans write them: ``2024年6月底前``, ``2023年底前完成``, ``持续推进``, ``长期坚持``."""

from __future__ import annotations

import re

_WHEN = (
    r"(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上半年|下半年|年底|年末|底|末|中旬|上旬|下旬|第[一二三四]季度|一季度|二季度|"
    r"三季度|四季度)?)"
)
_WHEN_IN_YEAR = (
    r"(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末|中旬|上旬|下旬)?|年底|年末|年内|上半年|下半年|第?[一二三四]季度(?:末)?)"
)
"""A time without its year, as annual plans write it inside a task's bracket: ``6月底完成``, ``年底前``, ``三季度``."""
ONGOING = (
    r"(?:持续推进|长期坚持|长期推进|持续实施|持续开展|长期开展|常态化推进|常态化开展|持续落实|长期落实"
    r"|持续|长期|每年|逐年推进)"
)
DEADLINE_ONLY = re.compile(
    rf"(?:{_WHEN}(?:(?:至|—|-|－|~){_WHEN})?(?:前|以前|之前|内)?(?:完成|启动|建成|出台|实现|基本完成|取得.{{0,6}}成效)?(?:，?并?{ONGOING})?"
    rf"|{_WHEN_IN_YEAR}(?:前|以前|之前|内)?(?:完成|启动|建成|出台|实现|基本完成)?"
    rf"|{ONGOING}(?:推进)?|{_WHEN}起{ONGOING}?)"
)
DEADLINE_CELL = re.compile(rf"^(?:{_WHEN}|{_WHEN_IN_YEAR}|{ONGOING})")
"""The start of a table cell that is a deadline: ``12月底前``, ``5月底前动工``, ``9月投入使用``, ``2026年底前``."""
CLOCK = r"(?:\d{1,2}[:：]\d{2}|\d{1,2}时(?:\d{1,2}分)?)"
"""An hour on the day a report is due (``6月20日18：00前``, ``17时前``)."""
IN_TEXT = re.compile(
    rf"(?:{_WHEN}|(?:每年|每季度|当年|年内)?\d{{1,2}}月(?:\d{{1,2}}日)?(?:底|末|中旬|上旬|下旬)?)(?:(?<=日){CLOCK})?(?:前|以前|之前)(?!后)"
)
STATED = re.compile(
    r"(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:上半年|下半年|底|末)?|(?<![\d年])(?:年底|年末|上半年|下半年)|"
    r"(?<![\d年月])\d{1,2}月(?:底|末))(?:前|以前|之前)(?!后)"
    r"|到(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|末)?(?=[，,]|[^\d的前后以为止时])"
    r"|(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|末)(?=(?:全面|基本|全部|如期)?(?:完成|启动|建成|出台|实现))"
)
"""A deadline stated in a task's own text: ``2024年6月底前``, ``年底前``, ``到2020年，`` or ``到2015年每个…``
(a year-target clause), ``2013年底全面完成…`` (a year's end the work is done by)."""


DESCRIBES = re.compile(r"[\u4e00-\u9fa5]{1,4}的")
"""What follows a time that describes a thing rather than sets a deadline: ``2000年以前建成的小区``."""


def describes(text: str, end: int) -> bool:
    """Whether the time ending at ``end`` of ``text`` only describes what follows it (``…以前建成的``)."""
    return DESCRIBES.match(text, end) is not None


def stated_deadlines(text: str) -> list[str]:
    """The deadlines a task's own text states, each once, in order: ``年底前…``, ``每年6月底前``, ``到2020年，…``;
    not a time that describes a thing (``2000年以前建成的小区``), nor one inside a longer one found."""
    found = [m for pattern in (STATED, IN_TEXT) for m in pattern.finditer(text) if not describes(text, m.end())]
    found.sort(key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in found:
        if not any(k.start() <= match.start() and match.end() <= k.end() for k in kept):
            kept.append(match)
    return list(dict.fromkeys(m.group(0) for m in kept))


def find_deadline(text: str) -> str:
    """The first dated deadline inside running text (``…于2024年6月底前完成…`` → ``2024年6月底前``), or ``""``;
    a time that describes a thing (``2000年以前建成的老旧小区``) is none."""
    match = next((m for m in IN_TEXT.finditer(text) if not describes(text, m.end())), None)
    return match.group(0) if match else ""


_TRAILING_VERB = re.compile(r"(?:基本完成|完成|启动|建成|出台|实现|取得.{0,6}成效)$")


def deadline_phrase(clause: str) -> str:
    """A deadline clause as the time it names: ``2025年底前完成`` → ``2025年底前``; ``持续推进`` stays."""
    trimmed = _TRAILING_VERB.sub("", clause.strip())
    return trimmed if re.search(r"\d|前|底|末|年内|半年|季度", trimmed) else clause.strip()
