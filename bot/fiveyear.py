"""Five-year periods (``“十四五”时期``) and the year each ends in: a plan that says ``到2025年`` sets the period's
figure, and a question may name either."""

from __future__ import annotations

import re

PERIOD = re.compile(r"“?([一二三四五六七八九十]{1,3}五)”?(?:时期|期间|末|规划)")
"""A five-year period named as one (``“十四五”时期``, ``十三五期间``, ``“十四五”末``), its numeral in group 1."""


def end_year(year: str) -> str:
    """``2025`` → ``2025``; a five-year period ``十四五`` → its last year ``2025``."""
    if year.isdigit():
        return year
    numerals = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    head = year.removesuffix("五")
    if not head or any(c not in numerals and c != "十" for c in head):
        return year
    number = (10 if head.startswith("十") else 0) + (numerals.get(head[-1], 0) if head != "十" else 0)
    if head.endswith("十") and len(head) == 2:  # 二十五
        number = numerals[head[0]] * 10
    elif len(head) == 3:  # 二十一五
        number = numerals[head[0]] * 10 + numerals[head[2]]
    return str(1981 + 5 * (number - 6) + 4) if number >= 6 else year


def period_years(text: str) -> dict[str, str]:
    """The five-year periods ``text`` names, each with the year it ends in:
    ``“十二五”期间`` → ``{"十二五": "2015"}``."""
    found = {m.group(1): end_year(m.group(1)) for m in PERIOD.finditer(text)}
    return {period: year for period, year in found.items() if year.isdigit()}


TITLE_TIME = re.compile(
    r"(?<![到至\d])(?P<time>“?[一二三四五六七八九十]{1,3}五”?|20\d\d年度?)"
    r"(?=[\u4e00-\u9fa5“”]{0,12}?(?:规划|方案|计划|纲要|要点|意见)(?:纲要)?(?:中|里|上|的|提出|明确|要求|规定|[，,]))"
)
"""A period or year a question names a plan by (``…“十四五”规划中，…``, ``2031年工作要点里…``): a plan word follows
it, read as a noun (``中``, ``的``, ``提出``); not a year a target is due by (``到2030年``), nor one a plan word
follows as a verb (``2031年计划新建…``)."""


def without_title_time(question: str, titles: list[str]) -> str:
    """``question`` without the periods and years it names a plan by that the plan's title holds (one of
    ``titles``): they pick the plan, they do not ask a time (``…“十四五”规划中，全县陆域面积是多少``)."""
    joined = " ".join(titles)

    def drop(found: re.Match[str]) -> str:
        token = found.group("time").strip("“”").removesuffix("度").removesuffix("年")
        return "" if token in joined else found.group(0)

    return TITLE_TIME.sub(drop, question)
