"""Answers about targets: which indicator, what value and unit, by when."""

from __future__ import annotations

import os
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from policykb.bot.answers.responsibility import rank_bonus, role_lines
from policykb.bot.evidence import BASELINE_WORD, Evidence
from policykb.bot.fiveyear import PERIOD, end_year, period_years
from policykb.kb.lexicon import (
    AMOUNT_ASKING_WORDS,
    ASKED_UNITS,
    BARE_AMOUNT_VERBS,
    CEILING_ASKED,
    CEILING_COMPARATORS,
    COMPARATORS,
    COUNT_MEASURES,
    FLOOR_ASKED,
    FLOOR_COMPARATORS,
    MAGNITUDES,
    MEASURE_BOUNDS,
    MONEY_ASKED,
    MONEY_UNIT,
    PERCENT_UNITS,
    RECURRING_SPANS,
    SHARE_WORDS,
    TARGET_VERBS,
    alternation,
)
from policykb.kb.records import Target, Task
from policykb.kb.text import RATIO
from policykb.prompts.library import Phrases

VERB_TAIL = re.compile(rf"(?:{alternation((*COMPARATORS, *TARGET_VERBS))})+$")
"""The verb an amount follows, at the end of the words before it (``…保有量稳定在``)."""
ASKED_UNIT = re.compile(rf"(?:多少|(?<!哪)几)(?:{alternation(MAGNITUDES)})??({alternation(ASKED_UNITS)})")
"""The unit a question asks an amount in: ``多少名``, ``几个`` (not ``哪几个``, which asks which ones); also after a
magnitude not of a unit of its own (``多少万人次``, ``多少万头``: 人, 头), which the plan may write before it or not."""
COUNT_WORDS = COUNT_MEASURES
RATE_ASKED = re.compile(
    rf"(?:率|{alternation(SHARE_WORDS)})(?:是|为|要|将|能|可|需)?(?:{alternation(BARE_AMOUNT_VERBS)})?"
    rf"(?:{alternation(AMOUNT_ASKING_WORDS)}|几成)"
)
"""A question asking a rate or a share (``按期办结率为多少``): a figure in %, 个百分点, ‰, 成 or a ratio answers it, a
count (``40人``) never does."""
SHARE_WRITTEN = re.compile(
    rf"\d\s*(?:{alternation((*PERCENT_UNITS, '‰'))})|[一二三四五六七八九十]成|分之|\d/\d|{RATIO.pattern}"
)
SHARE_UNITS = (*PERCENT_UNITS, "‰", "成")


def rate_unstated(question: str, text: str) -> bool:
    """Whether ``question`` asks a rate or share (:data:`RATE_ASKED`) that ``text`` states no figure of."""
    return RATE_ASKED.search(question) is not None and not SHARE_WRITTEN.search(text)


def bound_first(question: str, targets: list[Target]) -> list[Target]:
    """``targets`` without those whose measure a bound of the kind the question asks restates in the same sentence
    (``最少不能低于多少头`` of ``保有量稳定在2.1万头左右，最低保有量不低于1.8万头``): the bound answers, not the
    level the sentence sets first."""
    for asked, comparators in ((FLOOR_ASKED, FLOOR_COMPARATORS), (CEILING_ASKED, CEILING_COMPARATORS)):
        if any(w in question for w in asked):
            bounds = [b for b in targets if b.comparator.startswith(comparators)]
            return [
                t
                for t in targets
                if not any(b.sentence == t.sentence and restates_measure(t.indicator, b.indicator) for b in bounds)
            ]
    return targets


def restates_measure(lead: str, head: str) -> bool:
    """Whether ``head`` (the words before a later amount) names only a bound of the measure ``lead`` (the words
    before an earlier one) names: ``最低保有量不低于`` after ``全县能繁母猪正常保有量稳定在`` — the measure's last
    two characters or more, after a word of bound (lexicon ``MEASURE_BOUNDS``) and nothing else (``海域面积`` does
    not restate ``陆域面积``, nor ``农村低保标准`` ``城市低保标准``)."""
    lead_core, own = (VERB_TAIL.sub("", t.strip("，,：: ")) for t in (lead, head))
    common = len(os.path.commonprefix([lead_core[::-1], own[::-1]]))
    return common >= 2 and own[: len(own) - common] in MEASURE_BOUNDS and len(lead_core) > len(own)


def as_written(asked: str) -> str:
    """The unit a plan writes what a question asks in everyday words (``多少钱`` → ``元``)."""
    return MONEY_UNIT if asked in MONEY_ASKED else asked


def unit_compatible(question: str, target: Target) -> bool:
    """False when the question asks for a unit (``多少元``) that the target is not in, or a rate that is no share."""
    if RATE_ASKED.search(question) and target.unit and target.unit not in SHARE_UNITS:
        return False
    match = ASKED_UNIT.search(question)
    if not match:
        return True
    asked = as_written(match.group(1))
    counts = asked in COUNT_WORDS and target.unit in COUNT_WORDS
    return asked in target.unit or counts or both_shares(asked, target.unit)


def both_shares(asked: str, unit: str) -> bool:
    """Whether ``asked`` and ``unit`` both state a share (``几个百分点`` of a figure in ``%``)."""
    return asked in PERCENT_UNITS and unit in PERCENT_UNITS


def unit_compatible_text(question: str, text: str) -> bool:
    """False when the question asks for a unit (``多少元``) that no number in ``text`` carries (in figures or in
    Chinese numerals: ``五个方面``), or a rate (``办结率为多少``) and ``text`` states no share."""
    if rate_unstated(question, text):
        return False
    match = ASKED_UNIT.search(question)
    if not match:
        return True
    asked = as_written(match.group(1))
    written = alternation(PERCENT_UNITS if asked in PERCENT_UNITS else (asked,))
    magnitude = f"(?:{alternation(MAGNITUDES)})?"  # 5万元 is in 元, 3万头 in 头
    return re.search(rf"[\d一二三四五六七八九十两百千]{magnitude}(?:{written})", text) is not None


QUESTIONS_KEPT = 256  # questions (and their parts, as asked of each plan) whose years are kept
QUESTION_YEAR = re.compile(
    rf"(?<!\d)(?P<year>20\d\d)(?!\d)(?!\s*(?:{alternation(ASKED_UNITS)}|[{''.join(sorted(COUNT_MEASURES))}]))\s*年?"
)
"""A year: 20XX, not an amount in a unit (``城镇新增就业2000人``, ``2000个``)."""
SINCE_YEAR = re.compile(rf"{BASELINE_WORD}(?P<year>20\d\d)年")


def asked_years(question: str) -> list[str]:
    """The years ``question`` asks about, a baseline (``比2020年``) aside, a five-year period as the year it ends in
    (``“十二五”期间`` → ``2015``: a plan sets the period's figure ``到2015年``)."""
    return list(_question_years(question)[1])


@lru_cache(maxsize=QUESTIONS_KEPT)
def _question_years(question: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The baseline years of ``question`` and the years it asks about (:func:`asked_years`): read once per question,
    not once for each target weighed."""
    since = frozenset(m.group("year") for m in SINCE_YEAR.finditer(question))
    years = [m.group("year") for m in QUESTION_YEAR.finditer(question) if m.group("year") not in since]
    return since, (*years, *(year for year in period_years(question).values() if year not in years))


def year_compatible(question: str, target: Target) -> bool:
    """False when the question names a year the target is not set for.

    ``2020年的比重是多少`` is not answered by a 2025 target measured against 2020; ``比2020年下降多少`` is.
    """
    since, asked = _question_years(question)
    if since and target.baseline_year and target.baseline_year not in since:
        return False
    span = not end_year(target.year).isdigit()  # 每年, 5年内: a span, not a year
    if span and annual(question) and not annual(target.year):
        return False  # 每年 asked of a 5年内 total
    if span and TOTAL_SPAN.search(target.year) and one_year_asked(question, asked):
        return False  # one year asked (2026年…多少) of a total over several years (未来5年…总投资)
    return not target.year or span or all(year == end_year(target.year) for year in asked)


def one_year_asked(question: str, asked: tuple[str, ...]) -> bool:
    """Whether ``question`` asks one year's figure (``2026年…多少``): it names a year, and neither a period
    (``“十五五”``) nor a span of years (``5年内``, ``累计``) whose total a plan may give."""
    return bool(asked) and not period_years(question) and TOTAL_SPAN.search(question) is None


TOTAL_SPAN = re.compile(r"[\d一二三四五六七八九十两]+年(?:内|间)|(?:未来|今后)[\d一二三四五六七八九十两]+年|期间|累计")
"""A figure said over several years as one total (``5年内``, ``未来5年``, ``“十四五”期间``, ``累计``)."""


def total_only(question: str, sentence: str) -> bool:
    """Whether ``question`` asks a yearly figure (``每年``) and ``sentence`` gives only a total over several years."""
    return annual(question) and not annual(sentence) and TOTAL_SPAN.search(sentence) is not None


def annual(text: str) -> bool:
    """Whether ``text`` says a figure recurs each year or period (``每年``, ``年均``)."""
    return any(word in text for word in RECURRING_SPANS)


def sentence_year_compatible(question: str, sentence: str) -> bool:
    """False when the question names a year (not a baseline ``比2020年``) that ``sentence`` names only as a
    baseline or not at all: ``2020年的比重是多少`` is not answered by ``到2025年…比2020年下降15%``; and when
    it names a baseline the sentence's are not: ``比2016年下降多少`` is not answered by ``比2015年下降20%``."""
    since = {m.group("year") for m in SINCE_YEAR.finditer(question)}
    asked = asked_years(question)
    baselines = {m.group("year") for m in SINCE_YEAR.finditer(sentence)}
    if since and baselines and not since <= baselines:
        return False
    named = {m.group("year") for m in QUESTION_YEAR.finditer(sentence)} - baselines
    named |= {end_year(m.group(1)) for m in PERIOD.finditer(sentence)}
    return all(year in named for year in asked)


@dataclass
class DenseGate:
    """Whether the nearest target stands out from the rest: z-score and margin in standard deviations."""

    min_z: float = 3.0
    min_margin: float = 0.9

    def pick(self, similarities: list[tuple[str, float]]) -> str | None:
        """The id of the nearest target if it stands out enough, else ``None``."""
        if len(similarities) < 5:
            return None
        values = [s for _, s in similarities]
        spread = statistics.pstdev(values) or 1e-9
        ordered = sorted(similarities, key=lambda item: -item[1])
        z = (ordered[0][1] - statistics.fmean(values)) / spread
        margin = (ordered[0][1] - ordered[1][1]) / spread
        return ordered[0][0] if z >= self.min_z and margin >= self.min_margin else None


@dataclass
class TargetMatch:
    target: Target
    score: float
    support: float


def match_targets(
    evidence: Evidence, targets: list[Target], ranked_sections: list[str], titles: dict[str, str] | None = None
) -> list[TargetMatch]:
    """Targets ordered by how well their indicator fits the question.

    A target's ``support`` is how much of the question its indicator, clause and headings say; the words of its plan's
    title (``titles``, by document id) need not be said again when they are all it leaves unsaid (``低空经济产业规模``
    of a 低空经济 plan's ``产业规模达100亿元``); a place the title does not hold must be (``白岭市的…`` is not
    ``桐溪城区``'s)."""
    matches = []
    for target in targets:
        indicator = evidence.coverage(target.indicator)
        context = evidence.coverage(f"{target.section} {target.clause}")
        said = f"{target.indicator} {target.clause} {target.section} {framing(target)}"
        title = (titles or {}).get(target.doc_id, "")
        unsaid = [token for token in evidence.tokens if not evidence.holds(token, said)]
        titled = bool(title) and bool(unsaid) and all(evidence.holds(token, title) for token in unsaid)
        support = evidence.coverage_beyond(title, said) if titled else evidence.coverage(said)
        score = 0.55 * indicator + 0.25 * context + 0.2 * rank_bonus(target.section, ranked_sections)
        matches.append(TargetMatch(target, score, support))
    return sorted(matches, key=lambda m: -m.score)


def framing(target: Target) -> str:
    """The opening of the target's sentence before any amount, which frames every clause after it: ``建立招商引资
    “红黑榜”制度,严格考核,确保项目履约率…达到90%`` (招商引资 frames 履约率); ``力争“开门红”引进A资金22亿元,引进B资金
    14亿元`` (开门红 frames B's too). The clause of an amount before the target's (``规模以上工业单位增加值能耗下降
    10%，…，水泥熟料综合能耗降至110千克``) frames nothing of it: it is that amount's own."""
    at = target.sentence.find(target.clause)
    opening = target.sentence[: at if at > 0 else 0]
    amount = re.search(r"\d", opening)
    if amount is None:
        return opening
    cut = max(opening.rfind(mark, 0, amount.start()) for mark in "，,；;：:")
    return opening[: max(cut, 0)]  # up to the clause of the first amount, which is that clause's own


def closest_target(
    matches: list[TargetMatch], nearness: dict[str, float], dense_weight: float, margin: float = 0.0
) -> tuple[Target, float] | None:
    """The target closest to the question by words and meaning together, with its score, if it leads the
    next one by ``margin``.

    ``nearness`` is each target's similarity to the question in standard deviations above the
    mean; the score adds ``dense_weight`` times it to the word score.
    """
    scored = sorted(
        ((m.target, m.score + dense_weight * max(0.0, nearness.get(m.target.id, 0.0))) for m in matches),
        key=lambda item: -item[1],
    )
    if not scored or (len(scored) > 1 and scored[0][1] - scored[1][1] < margin):
        return None
    return scored[0]


def best_group(matches: list[TargetMatch], margin: float = 0.02) -> list[TargetMatch]:
    """The best match and any that tie with it in the same section (e.g. two indicators, one question)."""
    if not matches:
        return []
    best = matches[0]
    return [
        m
        for m in matches[:4]
        if m.score >= best.score - margin
        and m.target.path == best.target.path
        and m.target.doc_id == best.target.doc_id
    ]


def when_phrase(year: str, phrases: Phrases, end: str = "") -> str:
    """``到2025年，``, ``到2024年底，`` (``end``: the plan's end-of-year word), ``“十四五”时期，`` or ``每年，``
    (a span); ``""`` for no year."""
    if year.isdigit():
        return phrases("target.when_year_end", year=year, end=end) if end else phrases("target.when_year", year=year)
    if year and end_year(year).isdigit():
        return phrases("target.when_period", year=year.strip("“”"))
    return phrases("target.when_span", span=year) if year else ""


def target_line(target: Target, phrases: Phrases) -> str:
    """``到2025年，清洁取暖率提高到86%。``"""
    when = when_phrase(target.year, phrases, target.year_end)
    comparator = target.comparator.replace("…", "")
    quantity = target.quantity
    if "…" in target.comparator:
        head, tail = target.comparator.split("…", 1)
        comparator, quantity = head, f"{target.quantity}{tail}"
    if target.verb_first:
        return phrases(
            "target.line_verb_first", when=when, indicator=target.indicator, comparator=comparator, quantity=quantity
        )
    return phrases("target.line", when=when, indicator=target.indicator, comparator=comparator, quantity=quantity)


def target_lines(target: Target, phrases: Phrases, task: Task | None = None) -> list[str]:
    """A target, the clause that sets it, and who answers for it: by ``task``'s bracket (the task the target
    belongs to), the units that lead apart from those that co-operate; its units on one line when the task is
    not at hand."""
    lines = [target_line(target, phrases), phrases("target.evidence", clause=target.sentence)]
    if task is not None and task.responsibility.units == target.owners:
        lines.extend(role_lines(task.responsibility, phrases))
    elif target.owners:
        lines.append(phrases("target.owners", units="、".join(target.owners)))
    return lines
