"""Deadlines as dates: ``2024年6月底前`` → 2024-06-30, ``年底前`` in a 2023 plan → 2023-12-31.

A deadline as a plan writes it (:mod:`policykb.ingest.deadlines`) is kept as written beside what it
means: one :class:`Due` per milestone (``2021年6月底前…，2022年底前…`` → two), ``ongoing`` for
``持续推进``/``长期坚持``, ``recurring`` for ``每年``/``每季度``, and ``undatable`` when no date can be read
(a time without its year in a plan whose year is unknown). Nothing is guessed: a phrase that names no
time of its own is undatable.

A plan's year (for ``年底前``, ``三季度``, ``6月底前``) is read from its identity: a single year in its
title, else the year of its 文号, else the year of its date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from policykb.ingest.deadlines import ONGOING, stated_deadlines
from policykb.kb.lexicon import RECURRING_WORDS, alternation

__all__ = ["Due", "due_dates", "month_end", "plan_year", "stated_deadlines"]

DATED, ONGOING_STATUS, RECURRING, UNDATABLE = "dated", "ongoing", "recurring", "undatable"
CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}  # fmt: skip
QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
WHEN = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})年)?"
    r"(?:"
    rf"(?P<month>{_MONTH})月(?:(?P<day>[0-3]?\d)日)?(?P<part>底|末|上旬|中旬|下旬)?"
    r"|(?P<half>上半年|下半年)"
    r"|第?(?P<quarter>[一二三四1-4])季度(?:末)?"
    r"|(?P<yearend>年底|年末|底|末|年内|内)"
    r")?"
)
BEFORE = re.compile(r"^(?:前|以前|之前)")
RANGE = re.compile(r"^(?:年)?(?:至|到|—|－|-|~|～)")
RECURRING_RE = re.compile(alternation(RECURRING_WORDS))
ONGOING_RE = re.compile(ONGOING)
FROM = re.compile(r"^(?:起|开始)")
SINGLE_YEAR = re.compile(r"(?<![\d—\-－~至到])((?:19|20)\d{2})年(?!\s*[—\-－~至到])")
NUMBER_YEAR = re.compile(r"[〔\[［（(【]((?:19|20)\d{2})[〕\]］）)】]")
DATE_YEAR = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]")


@dataclass(frozen=True)
class Due:
    """One milestone of a deadline: the words for it, and the date they mean (ISO) or why there is none.

    ``status`` is ``dated`` (``date`` set), ``ongoing``, ``recurring`` or ``undatable``.
    """

    text: str
    status: str
    date: str = ""


def plan_year(title: str, number: str = "", issued: str = "") -> int | None:
    """The year a plan's yearless deadlines belong to: a single year in the title (``2023年政府工作报告``),
    else the 文号's (``〔2023〕``), else the date's; ``None`` when none says."""
    years = set(SINGLE_YEAR.findall(title))
    if len(years) == 1 and not re.search(r"\d{4}\s*[—\-－~至到]\s*\d{4}", title):
        return int(years.pop())
    for pattern, text in ((NUMBER_YEAR, number), (DATE_YEAR, issued)):
        match = pattern.search(text or "")
        if match:
            return int(match.group(1))
    return None


def due_dates(deadline: str, year: int | None) -> list[Due]:
    """Every milestone of ``deadline`` (as written) with its date; ``year`` dates a time without a year.

    ``[]`` for an empty deadline. A deadline with no time and no ongoing or recurring word is one
    ``undatable`` milestone.
    """
    text = (deadline or "").strip()
    if not text:
        return []
    recurring = RECURRING_RE.search(text) is not None
    dues = [d for d in _dated(text, None) if d.status == DATED] if recurring else _dated(text, year)
    for pattern, status in ((RECURRING_RE, RECURRING), (ONGOING_RE, ONGOING_STATUS)):
        standing = pattern.search(text)
        if standing:
            dues.append(Due(standing.group(0), status))
            break
    return dues or [Due(text, UNDATABLE)]


def _dated(text: str, year: int | None) -> list[Due]:
    """The dated milestones; a range (``2024年6月至2025年底``) counts by its end; ``2024年起`` is no deadline."""
    found: list[tuple[int, int, Due]] = []
    for match in WHEN.finditer(text):
        if not match.group(0) or not (match.group("year") or _in_year(match)):
            continue
        end = match.end()
        after = text[end:]
        if FROM.match(after):
            continue  # 2024年起持续推进: when it starts, not when it is due
        before = BEFORE.match(after)
        begin = match.start() - 1 if text[max(0, match.start() - 1) : match.start()] == "到" else match.start()
        words = text[begin : end + (before.end() if before else 0)]
        if found and RANGE.match(text[found[-1][1] : match.start()]) is not None:
            found.pop()  # the start of a range
        found.append((match.start(), end, _due(words, match, year, bool(before))))
    return [due for _, _, due in found]


def _in_year(match: re.Match[str]) -> bool:
    """A time with no year of its own that still names one: ``6月底``, ``上半年``, ``三季度``, ``年底``."""
    if match.group("month") or match.group("half") or match.group("quarter"):
        return True
    return match.group("yearend") in ("年底", "年末", "年内")


def _due(words: str, match: re.Match[str], year: int | None, before: bool) -> Due:
    y = int(match.group("year")) if match.group("year") else year
    if y is None:
        return Due(words, UNDATABLE)
    return Due(words, DATED, _day(match, y, before).isoformat())


def _day(match: re.Match[str], year: int, before: bool) -> date:
    if match.group("month"):
        month = _month(match.group("month"))
        if match.group("day"):
            return date(year, month, min(int(match.group("day")), calendar.monthrange(year, month)[1]))
        part = match.group("part")
        if part == "上旬":
            return date(year, month, 10)
        if part == "中旬":
            return date(year, month, 20)
        if not part and before:  # 2024年6月前: before June begins
            return month_end(year, month - 1) if month > 1 else date(year - 1, 12, 31)
        return month_end(year, month)
    if match.group("half"):
        return date(year, 6, 30) if match.group("half") == "上半年" else date(year, 12, 31)
    if match.group("quarter"):
        return month_end(year, QUARTERS[match.group("quarter")])
    return date(year, 12, 31)  # 2025年, 2023年底, 年内


def _month(token: str) -> int:
    return int(token) if token.isdigit() else CN_MONTHS[token]


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` of ``year``."""
    return date(year, month, calendar.monthrange(year, month)[1])
