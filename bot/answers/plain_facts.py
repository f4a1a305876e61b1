"""Plain facts: the sentence of the retrieved chunks that best covers the question."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from policykb.bot.answers.sentences import paragraph_before, time_of
from policykb.bot.evidence import Evidence
from policykb.kb.text import APPROX_QUANTITY, DASH_ITEM, heading_number_end, split_items


@dataclass
class SentenceMatch:
    sentence: str
    section: str
    rank: int
    support: float
    score: float


ASKS_TIME = re.compile(r"哪一?年|什么时候|何时|哪天|几月|什么时间")
OWN_YEAR_TIME = r"(?<![\d年一二三四五六七八九十两])(?:年底|年末|年内|上半年|下半年)|[一二三四]季度"
"""A time of the plan's own year, as a year's 要点 writes it (``年底前``, ``上半年``, ``三季度``); not ``三年内``."""
DAY_ALONE = re.compile(r"^\W*(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})\W*$")
"""A sentence that is a day and nothing else: a signature's date (``2021年3月1日``), the document's own."""
DATE = re.compile(rf"\d{{4}}年|\d{{1,2}}月|{OWN_YEAR_TIME}")
"""A time a sentence states: a year or month, or a time of the plan's own year."""
ASKS_BEFORE = re.compile(r"(?:什么时候|何时|哪天|什么时间|几月几[日号])之?前")
"""A question asking the time something is due by (``什么时候之前报送``): a date with 前 answers it."""
DATE_BEFORE = re.compile(r"(?:\d{4}年|\d{1,2}月|\d{1,2}[日号]|底|末)(?:之|以)?前")
QUALIFYING = re.compile(r"(?>(?:底|末)?(?:(?:以|之)?前)?)(?![全本我各该其])[^\W\d_底末前]{1,3}的")
"""What makes a time a trait of the thing after it, not a time something is due: ``2005年底前建成的小区``,
``2006-2010年建成的``, ``…以前出生的`` (not ``2025年全市的``: a scope)."""
DUE_DATE = re.compile(
    r"(?:\d{4}年(?!度?(?:“[^”]{1,12}”[^\W\d]{0,6}?|工作|重点工作|行动|实施|工作推进)?(?:方案|计划|要点|规划|清单))"
    rf"|\d{{1,2}}月|{OWN_YEAR_TIME})"
    r"(?![^《》\n]*》)"
    rf"(?![\d月日]*{QUALIFYING.pattern})"
)
"""A date a task can be due by: not one inside a document's title (``《…三年行动计划（2022年—2024年）》``) nor the year
that names a plan to be drawn up (``出台2022年“某某”工作推进方案``)."""


ASKS_SPAN = re.compile(
    r"哪几年|哪些年|哪几个年[份度]|起止(?:年份|年限|时间)|实施(?:期限|年限|周期)|时间跨度|从哪年到哪年|(?:哪个|哪一|什么)时期"
)
"""A question asking the years a plan runs over (``三年行动分别是哪几年``, ``针对的是哪个时期``): its span answers
it."""
PLAN_SPAN_ASKED = re.compile(r"(?:规划|实施|执行)(?:期限|期|年限)|起止年")
"""A question about the span the plan itself runs over (``规划期限是哪几年``, ``实施期限是哪年到哪年``)."""
YEARS_SPAN = r"\d{4}\s*年?\s*[—–\-－~～至到]\s*\d{4}"
"""Two years joined as a span (``2024—2026``, ``2021年至2025``), before any 年 after the second."""
SPAN = re.compile(rf"{YEARS_SPAN}\s*年|“?十[一二三四五六七八九]五”?(?:期间|时期)")
"""A span of years as a plan's title or opening writes it: ``(2024—2026年)``, ``2021～2023年``, ``2018年至2020年``,
or a five-year plan's period (``“十一五”期间``)."""
OWN_SPAN = re.compile(rf"{YEARS_SPAN}(?:\s*年)?(?!\d)")
"""Two years a plan states as its own span; after 规划期为 they need no 年 (``规划期为2026-2030。``)."""


def date_asked(question: str, need_date: bool = False) -> re.Pattern[str] | None:
    """The date a sentence must state to answer ``question``: the span of years for ``哪几年``, one something is
    due by for ``什么时候之前``; for a deadline (``need_date``) a date a task can be due by; any date when a time is
    asked; else none."""
    if ASKS_SPAN.search(question):
        return SPAN
    if ASKS_BEFORE.search(question):
        return DATE_BEFORE
    if need_date:
        return DUE_DATE
    return DATE if ASKS_TIME.search(question) else None


def best_sentence(
    evidence: Evidence,
    passages: list[tuple[str, str]],
    need_quantity: bool = False,
    date: re.Pattern[str] | None = None,
    support_of: Callable[[str], float] | None = None,
    keep: Callable[[str], bool] | None = None,
    floor: float = 0.0,
) -> SentenceMatch | None:
    """The best sentence among ``(section, text)`` passages, ranked best first.

    With ``need_quantity`` only sentences that state a number count (the question asks for one); with ``date``
    only those that state a date of that shape (:func:`date_asked`). ``support_of``
    measures how a sentence (with its section, and the year its paragraph set when it names none) covers the
    question; default: :meth:`Evidence.coverage`. ``keep``, when given, says which sentences may answer at all.
    A sentence that covers the question less than ``floor`` is not one.
    """
    support_of = support_of or evidence.coverage
    best: SentenceMatch | None = None
    for rank, (section, text) in enumerate(passages):
        previous = ""
        for s, e in split_items(text):
            sentence, heading = text[s:e], inline_heading(previous)
            previous = sentence
            if need_quantity and not any(m.group("unit") for m in APPROX_QUANTITY.finditer(sentence)):
                continue
            if date is not None and not date.search(sentence):
                continue
            if keep is not None and not keep(sentence):
                continue
            support = support_of(f"{section} {heading} {paragraph_year(text, s)}{sentence}")
            if support < floor:
                continue
            score = 0.8 * support + 0.2 / (rank + 1)
            if best is None or score > best.score:
                best = SentenceMatch(sentence, section, rank, support, score)
    return best


INLINE_HEADING_CHARS = 24  # at most, of a sentence that heads the next one in its own paragraph


def inline_heading(sentence: str) -> str:
    """``sentence`` when it is a heading of the sentences after it, written in their paragraph (``(一)总体目标。``,
    ``二是加大就业帮扶力度。``, ``——处理好甲与乙的关系。``): its words hold for the next sentence as a section's
    heading does; else ``""``."""
    said = sentence.strip()
    if not said or len(said) > INLINE_HEADING_CHARS:
        return ""
    return said if heading_number_end(said) or DASH_ITEM.match(said) else ""


def paragraph_year(text: str, at: int) -> str:
    """The year (``2025年 ``) the paragraph of ``text`` set before the sentence at ``at``, when that sentence names
    no time of its own (``到2025年底前，…。总院全部达到…``: the second sentence holds for 2025 too); else ``""``."""
    end = next((e for s, e in split_items(text[at:])), 0)
    years, carried = time_of(text[at : at + end], paragraph_before(text, at), "")
    return f"{'、'.join(f'{y}年' for y in sorted(years))} " if carried else ""
