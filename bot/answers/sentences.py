"""Reading a plan's sentence for a quantity question: the time it holds for, and the number it pairs with a thing.

A sentence holds for the year or period it names (``到2025年``, ``“十四五”期间``, ``每年``), else the one an earlier
sentence of its paragraph named (``到2025年，…。…达到55%``), else its headings'. Its numbers sit in clause
pieces (split at ``，；``, and at ``、`` when each part holds its own number); a question's indicator is paired
with the number of the piece that names it, not with the sentence's first number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from policykb.bot.answers.targeting import (
    ASKED_UNIT,
    PERIOD,
    QUESTION_YEAR,
    SINCE_YEAR,
    as_written,
    both_shares,
    end_year,
    restates_measure,
)
from policykb.bot.evidence import CHANGE_WORDS, YEAR, Evidence
from policykb.ingest.targets import year_before, year_of
from policykb.kb.lexicon import (
    ASKED_UNITS,
    BARE_AMOUNT_VERBS,
    BREAKDOWN_OPENERS,
    COMPARATORS,
    COUNT_MEASURES,
    FRAME_ENDS,
    GDP_WORDS,
    KIND_QUALIFIERS,
    MAGNITUDES,
    MEASURE_OPENERS,
    QUALIFIERS,
    RANK_VERBS,
    RATIO_BEFORE,
    REGION_PARTS,
    SHARE_OPENERS,
    STRIVING_WORDS,
    SUB_AREAS,
    TARGET_VERBS,
    WHOLE_SCOPES,
    alternation,
)
from policykb.kb.text import APPROX_QUANTITY, DASH_ITEM, RATIO, SENTENCE_END, heading_number_end, split_spans

__all__ = [
    "Cover",
    "lacks_qualifier",
    "per_head_only",
    "verb_carries",
    "counted",
    "counted_head",
    "counts_other_thing",
    "things_counted",
    "Piece",
    "asked_times",
    "cover",
    "in_asked_unit",
    "subject_words",
    "covered",
    "pieces",
    "quantities",
    "since_years",
    "paragraph_before",
    "run_in_heading",
    "time_of",
    "times_named",
]

QUALIFIER = re.compile(rf"^(?:{alternation(QUALIFIERS)})")
AFTER_AMOUNT = re.compile(r"[，,。；;、：:（(）)]")  # where the words an amount counts end
NOT_NOUN_START = ("c", "d", "p", "u")  # a conjunction, adverb, preposition or particle opens no counted noun
DATE_AFTER = ("年", "月", "日", "号", "时", "期", "级", "批", "次会")
PEOPLE = frozenset("名人")
# Words that ask for the plan's own period, checked apart: ``这五年``, ``今年``.
TIME_WORD = re.compile(
    r"(?:这|近|未来|今后)?[一二三四五六七八九十两几\d]+年(?:来|内|间)?|今年|本年|年内|期间|这一轮|本轮"
    r"|截至|截止|年底|年末|月底|月末"
)
COUNTED = re.compile(rf"(?:多少|(?<!哪)几)(?:{alternation(ASKED_UNITS)})([^，,。；;？?、和及与]+)")  # 多少名乡村医生
# A piece that only raises the aim of the piece before it: ``力争达到16%`` after ``…下降15.5%``.
STRIVING = re.compile(rf"^(?:{alternation(STRIVING_WORDS)})(?:{alternation((*COMPARATORS, *TARGET_VERBS))})?\d")
# A share written in Chinese numerals (``五分之一``, ``百分之三十``): an amount of its own, in the unit of a share.
FRACTION = re.compile(r"(?:百|[一二三四五六七八九十两]+)分之[一二三四五六七八九十百零〇两点]+")
RANK = re.compile(r"前(?:\d{1,3}|[一二两三四五六七八九十]{1,3})(?P<unit>位|名)")
"""A rank a plan sets (``跃居全省前40位``, ``进入全国前十名``): an amount of its own, though ``前`` before a number
otherwise makes it no amount."""
OPENS_WITH_VERB = re.compile(rf"^(?:{alternation((*COMPARATORS, *TARGET_VERBS, *RANK_VERBS))})")
"""A piece that opens with the verb of its amount (``…位次实现进等升位，跃居全省前40位``) has no subject of its
own: it is of the piece before it, when that one states no amount."""
SHARE_OPENS = re.compile(rf"^(?:{alternation(SHARE_OPENERS)})(?![用有领据]|地(?!区))")  # not 占地面积, 占用, 占有
"""A piece that opens with the share it states (``…增加值达2450亿元，占服务业增加值比重达60%``) is a share of what
the piece before it states an amount of: that piece's words before its amount (and the words before it that state
none) are its subject."""
OPENS_WITH_MEASURE = re.compile(rf"^(?:{alternation(MEASURE_OPENERS)})")
"""A piece that opens with the measure of its amount (``…项目建设，总投资6.5亿元``, ``新建X120个，总投资50亿元``) is
of the piece before it, and so is each such piece right after it (``…，总投资3亿元，年产值8亿元``)."""
STATING = re.compile(rf"{alternation((*COMPARATORS, *TARGET_VERBS, '约', '可', '将', '预计'))}")
"""The words that only state a measure's amount (``可达``, ``约``, ``超过``)."""
OWN_SCOPE = re.compile(rf"^(?:{alternation(WHOLE_SCOPES)})(?:同类(?:城市|县市|地区))?")
"""The scope a verb's amount is held in (``跃居全省同类城市前10位``), naming no thing of the piece's own."""
RATIO_AFTER = re.compile(rf"(?:{alternation(RATIO_BEFORE)})$")
"""What comes right before a ratio (``kb.text.RATIO``: ``总产值比达到2.6比1``, ``师生比1:15``) set as the value, an
amount of its own in the unit ``比``: a verb that sets a level or the word of the ratio (a clock time does not)."""
RATIO_UNIT = "比"
HAN = re.compile(r"[\u4e00-\u9fa5]")
BARE_AFTER = re.compile(rf"(?:{alternation(BARE_AMOUNT_VERBS)})$")
"""The verbs a target's amount may follow without a unit of its own (``提高至560``)."""
QUOTED_NAME = 16  # characters: a quoted name is short; a quoted stretch of targets is longer


@dataclass
class Piece:
    """A clause piece of a sentence and the quantities it holds (``(text, unit)``, the qualifier kept)."""

    text: str
    quantities: list[tuple[str, str]]
    subject: str = ""  # of an amount in a run after the first (``A新开工36个、2.4万户``): the first's words before it
    frame: str = ""  # what its amount is stated within (``…车辆中，``; the indicator a ``县城达80%`` leaves out)


def quantities(text: str) -> list[tuple[str, str]]:
    """The amounts ``text`` states, as ``(number+unit+qualifier, unit)``: not years, dates, ordinals or quoted names;
    a share in Chinese numerals (``五分之一``) in the unit ``%``."""
    found = []
    for match in APPROX_QUANTITY.finditer(text):
        unit = match.group("unit") or ""
        if text[max(0, match.start() - 1) : match.start()] in ("第", "“", "前"):
            continue
        if _in_quoted_name(text, match.start()):
            continue  # inside a quoted name: “633”人才工程
        after = text[match.end() : match.end() + 2]
        magnitude = "" if unit else _bare_magnitude(text, match.end())
        if magnitude:  # a count in 万 with no measure (接待游客5800万): the number and its magnitude
            qualifier = QUALIFIER.match(text[match.end() + 1 :])
            found.append(
                (match.start(), match.group(0) + magnitude + (qualifier.group(0) if qualifier else ""), magnitude)
            )
            continue
        bare = not unit and _bare_amount(text, match.start(), match.end())
        if not unit and not bare and (not after or after.startswith(DATE_AFTER) or after[0] in "”）)"):
            continue
        if unit == "年" or (not unit and match.group("num").isdigit() and len(match.group("num")) == 4):
            continue
        qualifier = QUALIFIER.match(text[match.end() :])
        found.append((match.start(), match.group(0) + (qualifier.group(0) if qualifier else ""), unit or bare))
    found += [(m.start(), m.group(0), "%") for m in FRACTION.finditer(text) if not _in_quoted_name(text, m.start())]
    found += [
        (m.start(), m.group(0), m.group("unit")) for m in RANK.finditer(text) if not _in_quoted_name(text, m.start())
    ]
    ratios = list(_ratios(text))
    found = [f for f in found if not any(a <= f[0] < b for a, b, _ in ratios)]
    found += [(a, q, RATIO_UNIT) for a, _, q in ratios]
    return [(q, "" if u is True else u) for _, q, u in sorted(found) if u]


def _ratios(text: str) -> Iterator[tuple[int, int, str]]:
    """The ratios ``text`` sets as a value (:data:`RATIO`), as ``(start, end, ratio+qualifier)``."""
    for match in RATIO.finditer(text):
        if RATIO_AFTER.search(text[max(0, match.start() - 4) : match.start()]) is None:
            continue
        qualifier = QUALIFIER.match(text[match.end() :])
        yield match.start(), match.end(), match.group(0) + (qualifier.group(0) if qualifier else "")


def _bare_magnitude(text: str, end: int) -> str:
    """The magnitude (``万``, ``亿``) right after a number ending at ``end`` with no measure after it, where its
    clause ends or its qualifier follows (``接待旅游人次5800万``, ``新增就业1.2万以上``), else ``""``: a count whose
    indicator names what it counts."""
    magnitude = text[end : end + 1]
    if magnitude not in MAGNITUDES:
        return ""
    rest = text[end + 1 :]
    closes = not rest or rest[0] in "，,。；;、" or QUALIFIER.match(rest) is not None
    return magnitude if closes else ""


def _bare_amount(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` of ``text``, written without a unit, is an amount a target sets: right
    after the verb that sets it (``指数提高至560``, ``得分达到90以上``) and at the end of its clause or before its
    qualifier. Not a year (four digits), nor a number that opens a date or a name."""
    if len(text[start:end]) == 4 and text[start:end].isdigit():
        return False
    rest = text[end:]
    closes = not rest or rest[0] in "，,。；;、" or QUALIFIER.match(rest) is not None
    return closes and BARE_AFTER.search(text[max(0, start - 4) : start]) is not None


def _in_quoted_name(text: str, at: int) -> bool:
    """Whether ``at`` is inside a short quoted name (``“15分钟健身圈”``), not a quoted stretch of targets."""
    opened = text.rfind("“", 0, at)
    if opened < 0 or text.rfind("”", 0, at) > opened:
        return False
    closed = text.find("”", at)
    return closed < 0 or closed - opened <= QUOTED_NAME


def pieces(sentence: str) -> Iterator[Piece]:
    """The sentence's clause pieces that state an amount: split at ``，；``; at ``、`` too when each part has one.
    A piece of ``分别`` stays with the piece before it, which names what its amounts belong to in turn
    (``对A、B、C级景区，分别奖励200万元、50万元、30万元``); so does a piece that only raises its aim
    (``能源消耗下降15.5%，力争达到16%``); a piece whose amounts are given ``分别`` is not split at ``、``
    (``城乡居民收入分别增长6%、6.5%``: both amounts are the answer).

    Each piece carries its ``frame``: the phrases before the sentence's first amount that say what its amounts
    are counted within (``新增或更新的车辆中，新能源汽车比例不低于30%``); and a piece after the first that names
    only a part of the place or opens a breakdown (``…清洁取暖率达到50%，县城达到70%``, ``…改造7000户，其中重点
    区域5500户``) the first piece's words before its amount too: the indicator it leaves unsaid."""
    return iter(_framed_pieces(sentence))


PIECES_KEPT = 8192  # sentences whose pieces are kept (a few questions' retrieved sentences)


@lru_cache(maxsize=PIECES_KEPT)
def _framed_pieces(sentence: str) -> tuple[Piece, ...]:
    """:func:`pieces` of ``sentence``, read once: a question's checks ask a sentence's pieces many times over (the
    pieces are only read, never changed, by those who ask)."""
    found = list(_pieces(sentence))
    frame = _frame(sentence)
    lead = _before_amount(found[0].text) if found else ""
    for i, piece in enumerate(found):
        head = piece.subject or _before_amount(piece.text)
        elliptic = i > 0 and (_names_only_part(head) or _broken_down(sentence, piece) or restates_measure(lead, head))
        piece.frame = " ".join(t for t in (frame, lead if elliptic else "") if t)
    return tuple(found)


def _frame(sentence: str) -> str:
    """The phrases right before the sentence's first amount that end in a word of scope (``…车辆中``,
    ``在A方面``): what its amounts are counted within, not a statement of their own."""
    framing: list[str] = []
    for segment, _ in _segments(sentence):
        if quantities(segment):
            return " ".join(framing)
        framing = [*framing, segment] if segment.endswith(FRAME_ENDS) else []
    return ""


PART_WORDS = (*SUB_AREAS, *REGION_PARTS, *COMPARATORS, *TARGET_VERBS, "地区", "要", "将", "的")
PART_ONLY = re.compile(rf"(?:{alternation(PART_WORDS)}|[和及与、\s])+")
"""Words before an amount that name only a part of a place and how it compares (``县城和城乡结合部达到``)."""


def _names_only_part(head: str) -> bool:
    """Whether ``head`` (the words before a piece's amount) opens a breakdown (``其中``) or names only a part of
    the place (``县城达``, ``农村地区达到``): its amount is of the indicator the sentence named before."""
    head = head.strip("，,：: ")
    return head.startswith(BREAKDOWN_OPENERS) or (bool(head) and PART_ONLY.fullmatch(head) is not None)


def _broken_down(sentence: str, piece: Piece) -> bool:
    """Whether ``piece`` (or the run of amounts it is in) follows a breakdown's opener (``其中：A改造4300户``)."""
    at = sentence.find(piece.subject or piece.text)
    return at > 0 and sentence[:at].rstrip("，,：:；; ").endswith(BREAKDOWN_OPENERS)


def _pieces(sentence: str) -> Iterator[Piece]:
    """The clause pieces of ``sentence`` that state an amount, without their frames."""
    unstated = ""  # the piece before, when it states no amount: what a piece opening with its verb is of
    last = ""  # what the amount of the last piece that states one is of: what a piece opening with 占 is a share of
    measured = ""  # what the run of pieces opening with a measure (总投资…，年产值…) measures
    previous = ""  # the piece before
    for segment, respectively in _segments(sentence):
        parts = [segment[a:b].rstrip("、") for a, b in split_spans(segment, "、")]
        stated = quantities(segment)
        if not respectively and "分别" not in segment and len(parts) > 1 and sum(1 for p in parts if quantities(p)) > 1:
            subject = _before_amount(segment)  # the words before the run's first amount (its parts before too)
            yield from (Piece(p, quantities(p), subject if i else "") for i, p in enumerate(parts) if quantities(p))
        elif stated:
            measured = (measured or unstated or previous) if measure_carries(segment) else ""
            subject = last if SHARE_OPENS.match(segment) else unstated if verb_carries(segment) else measured
            yield Piece(segment, stated, subject)
        if stated:
            last = " ".join(t for t in dict.fromkeys((unstated, subject, _before_amount(segment))) if t)
        unstated = "" if stated else segment
        previous = segment


def verb_carries(segment: str) -> bool:
    """Whether ``segment`` opens with the verb of its amount and names no thing of its own before that amount
    (``跃居全省前30位``, ``达到92``): it is of the piece before it. ``新建换电站20座`` names its own (换电站)."""
    verb = OPENS_WITH_VERB.match(segment)
    if verb is None:
        return False
    between = OWN_SCOPE.sub("", _before_amount(segment)[verb.end() :])
    return len(HAN.findall(between)) < 2


def measure_carries(segment: str) -> bool:
    """Whether ``segment`` opens with the measure of its amount and names no thing of its own before that amount
    (``总投资6.5亿元``, ``年产值可达12亿元``): it measures the piece before it."""
    measure = OPENS_WITH_MEASURE.match(segment)
    if measure is None:
        return False
    between = STATING.sub("", _before_amount(segment)[measure.end() :])
    return len(HAN.findall(between)) < 2


def lacks_qualifier(question: str, text: str) -> bool:
    """Whether ``question`` asks a kind of a thing (``专用充电设施``, lexicon ``KIND_QUALIFIERS``) that ``text`` does
    not name: its figure is of the thing unqualified (``充电设施8000个``), or of another kind."""
    return any(q in question and q not in text for q in KIND_QUALIFIERS)


PER_HEAD = "人均"


def per_head_only(question: str, text: str) -> bool:
    """Whether ``text`` gives the figure of the economy per head only (``人均地区生产总值达9.1万元``) where
    ``question`` asks the economy's whole (``地区生产总值达到多少``; lexicon ``GDP_WORDS``): another indicator."""
    asked = [w for w in GDP_WORDS if w in question]
    if not asked or PER_HEAD in question:
        return False
    if not any(w in text for w in asked):
        return False
    return WHOLE_GDP.search(text) is None


WHOLE_GDP = re.compile(rf"(?<!{PER_HEAD})(?<!{PER_HEAD}地区)(?<!{PER_HEAD}国内)(?:{alternation(GDP_WORDS)})")
"""The economy's whole named (``全旗地区生产总值``), not only per head (``人均地区生产总值``)."""


def _before_amount(part: str) -> str:
    """The words of ``part`` before its first amount: what the amounts of its run are of."""
    found = quantities(part)
    return part[: part.find(found[0][0])] if found and found[0][0] in part else ""


def _segments(sentence: str) -> list[tuple[str, bool]]:
    """The sentence split at ``，；：``, each with whether it is a ``分别`` piece joined to the one before it."""
    out: list[tuple[str, bool]] = []
    for s, e in split_spans(sentence, "，,；;："):
        segment = sentence[s:e].rstrip("，,；;：。").strip()
        segment = segment[heading_number_end(segment) :]
        if (segment.startswith("分别") or STRIVING.match(segment)) and out:
            out[-1] = (f"{out[-1][0]}，{segment}", True)
        else:
            out.append((segment, False))
    return out


def in_asked_unit(found: list[Piece], asked: list[str]) -> bool:
    """Whether an amount of the ``found`` pieces is in one of the ``asked`` units itself (``万户`` for ``户``),
    not only in a measure that may count the same (``个``)."""
    return any(a in u for a in asked for p in found for _, u in p.quantities)


def asked_units(question: str) -> list[str]:
    """The units a question asks its amounts in (``多少名``, ``几家``)."""
    return [m.group(1) for m in ASKED_UNIT.finditer(question)]


def unit_fits(asked: str, unit: str) -> bool:
    """Whether an amount in ``unit`` answers a question asked in ``asked`` (``多少个`` ↔ ``5家``; ``多少钱`` ↔
    ``万元``)."""
    asked = as_written(asked)
    if not asked or asked in unit:
        return True
    if asked in COUNT_MEASURES and unit[-1:] in COUNT_MEASURES:
        return True
    if both_shares(asked, unit):
        return True
    return asked in PEOPLE and unit[-1:] in PEOPLE


def counted(evidence: Evidence, question: str) -> list[str]:
    """The named words of what a question counts (``多少名乡村医生`` → 乡村, 医生): a clause that counts another
    thing does not answer it."""
    things = " ".join(m.group(1) for m in COUNTED.finditer(question))
    return [w for w, _ in evidence.named() if w in things]


def counted_head(evidence: Evidence, question: str) -> str:
    """The last named word of what a question counts (``多少个通用机场`` → ``机场``): the thing itself, the words
    before it only kinds of it; ``""`` when it counts nothing named."""
    things = " ".join(m.group(1) for m in COUNTED.finditer(question))
    named = [w for w, _ in evidence.named() if w in things]
    return max(named, key=lambda w: things.rfind(w) + len(w), default="")


def things_counted(tagged: Callable[[str], list[tuple[str, str]]], text: str) -> list[str]:
    """What each amount of ``text`` in a measure word of things counts, where a noun phrase follows the measure
    word (``开通2-3条通用航空短途运输航线`` → ``通用航空短途运输航线``: it ends in a noun), else ``""`` (``建成5个，…``,
    ``10个并投入使用``: the words before it say what). ``tagged`` is the segmenter's part-of-speech tagger."""
    out, at = [], 0
    for quantity, unit in quantities(text):
        at = text.find(quantity, at)
        if at < 0:
            break
        at += len(quantity)
        if unit in COUNT_MEASURES:
            after = AFTER_AMOUNT.split(text[at:], maxsplit=1)[0]
            tags = tagged(after) if after else []
            noun = bool(tags) and tags[-1][1].startswith("n") and not tags[0][1].startswith(NOT_NOUN_START)
            out.append(after if noun else "")
    return out


def counts_other_thing(evidence: Evidence, head: str, counted_things: list[str]) -> bool:
    """Whether every amount whose counted noun phrase is written counts a thing other than ``head``, and at least
    one is written: ``2-3条通用航空短途运输航线`` does not count ``通用机场``."""
    written = [t for t in counted_things if t]
    return bool(head) and len(written) == len(counted_things) > 0 and not any(evidence.holds(head, t) for t in written)


def since_years(text: str) -> set[str]:
    """The baseline years of ``text``: ``比2020年下降`` → ``{"2020"}``."""
    return {m.group("year") for m in SINCE_YEAR.finditer(text)}


def times_named(text: str) -> set[str]:
    """The years ``text`` sets (baselines aside), a period as its last year: ``“十四五”期间`` → ``{"2025"}``."""
    return set(_times_named(text))


@lru_cache(maxsize=PIECES_KEPT)
def _times_named(text: str) -> frozenset[str]:
    """:func:`times_named`, read once per text: a question's years are asked of each target weighed."""
    years = {m.group("year") for m in QUESTION_YEAR.finditer(text)} - since_years(text)
    return frozenset(years | {end_year(m.group(1)) for m in PERIOD.finditer(text)})


DEADLINE_YEAR = re.compile(r"(?<![比较])(20\d\d)年[底末]?(?:前|以前)")
"""A deadline after an amount (``新建500个，2024年底前完成``): a year of the amount too."""


def amount_years(sentence: str, at: int) -> set[str]:
    """The years of the amount at ``at`` of ``sentence``: the last year named before it (``2022年A…，B达到88%，到
    2026年C…``: 2022's), and a deadline after it; empty when neither (the sentence's years stand)."""
    before = end_year(year_before(sentence, at))
    return ({before} if before else set()) | {m.group(1) for m in DEADLINE_YEAR.finditer(sentence, at)}


def amounts_in_year(sentence: str, asked: set[str]) -> bool:
    """Whether an amount of ``sentence`` (one that names several years) is of the years ``asked``."""
    if len(times_named(sentence)) < 2 or not asked:
        return True
    at = [sentence.find(q) for p in pieces(sentence) for q, _ in p.quantities]
    return any(asked <= (amount_years(sentence, a) or times_named(sentence)) for a in at if a >= 0)


def asked_times(question: str) -> set[str]:
    """The years (or a period's last year) a question asks about, a baseline (``比2020年``) aside."""
    return times_named(question)


RUN_IN_HEADING = re.compile(r"^[^\d，,；;：:。！？!?]{2,16}。")
"""A paragraph's opening phrase that heads it (``河西休闲农业示范带。市财政安排资金600万元，…``): short, one
sentence with no number and no pause."""


def run_in_heading(before: str) -> str:
    """The phrase that heads the paragraph whose text before a sentence is ``before`` (:data:`RUN_IN_HEADING`), else
    ``""``: the sentences after it are about what it names, as under a heading."""
    found = RUN_IN_HEADING.match(before.lstrip())
    return found.group(0).rstrip("。") if found else ""


TRAILING_YEAR = re.compile(r"(?:到|至|自|截至)?20\d\d年(?:底|末|以来|起)?$")
"""A line that ends with a bare year (``…图源:本报2025年``): a page that writes a phrase a line sets the year of the
lines after it."""
PHRASE_LINES = 8  # lines a phrase-per-line page's year is looked for above a line
PHRASE_LINE = 40  # characters: a line longer is a paragraph of its own, not a phrase of a broken sentence


def paragraph_before(text: str, at: int) -> str:
    """The text of the paragraph of ``text`` before ``at`` (where a year may be set); for a dash item, the lead
    paragraph above its list first (the items between, each with its own words and years, left out); for a line of
    a page that writes a phrase a line (no line ends a sentence), the bare year a line above it ends with."""
    start = text.rfind("\n", 0, at) + 1
    own = text[start:at]
    if not own.strip():
        return _phrase_year(text, start) + own
    if not DASH_ITEM.match(text, start):
        return own
    end = start - 1
    while end > 0:
        lead = text.rfind("\n", 0, end) + 1
        line = text[lead:end]
        if line.strip() and not DASH_ITEM.match(line):
            return f"{line}\n{own}"
        end = lead - 1
    return own


def _phrase_year(text: str, start: int) -> str:
    """The bare year a line above the line at ``start`` ends with (:data:`TRAILING_YEAR`), over the short lines
    between that end no sentence and name no year; ``""`` when a line above ends a sentence or names its own year."""
    end = start - 1
    for _ in range(PHRASE_LINES):
        if end <= 0:
            return ""
        lead = text.rfind("\n", 0, end) + 1
        line = text[lead:end].strip()
        year = TRAILING_YEAR.search(line)
        if year is not None:
            return year.group(0) if len(YEAR.findall(line)) == 1 else ""  # not a table's head row of years
        if line.endswith(tuple(SENTENCE_END)) or len(line) > PHRASE_LINE or YEAR.search(line):
            return ""
        end = lead - 1
    return ""


def time_of(sentence: str, before: str, headings: str, default: str = "", opening: str = "") -> tuple[set[str], str]:
    """The years ``sentence`` holds for and how to say them: its own, else the last one named earlier in its
    paragraph (``before``), else the one its section's first paragraph opens with (``opening``), else its
    headings', else ``default`` (an annual plan's year)."""
    own = times_named(sentence)
    if own:
        return own, ""
    year = _last_year(before) or opening or _last_year(headings)
    if year:
        return {end_year(year)}, year
    return ({default} if default else set()), ""


OPENING_YEAR = re.compile(r"(?P<year>20\d\d)年(?!\d|以来|来)")
"""A clause that opens with the year it is of (``2026年共安排重点项目43个``), not with a date (``2025年4月``)."""


def _last_year(text: str) -> str:
    """The year or period the last time phrase of ``text`` names (``到2025年``, ``“十四五”时期``, a clause opening
    with its year: ``2025年共安排…``, also after a colon: ``年度目标明确：2026年全县…``), else ``""``."""
    found = ""
    for s, e in split_spans(text, "，,。；;：:"):
        year, named = year_of(text[s:e], "")
        opening = OPENING_YEAR.match(text[s:e].strip())
        if named and year:
            found = year
        elif opening is not None:
            found = opening.group("year")
    return found


def covered(evidence: Evidence, piece: Piece, asked_units: list[str], exact: bool = False) -> float:
    """How well ``piece`` answers: the share of the question it holds, more when an amount is in an asked unit
    (``exact``: in that very unit, when another piece has it: ``2.4万户``, not ``36个``, for ``多少户``)."""
    fits = not asked_units or any(
        (a in u if exact else unit_fits(a, u)) for a in asked_units for _, u in piece.quantities
    )
    held = evidence.coverage(f"{piece.frame} {piece.subject}{piece.text}")
    return held + (0.2 if asked_units and fits else 0.0) - (0.0 if fits else 1.0)


@dataclass
class Cover:
    """How much of a question's own content a text holds (the words that only name its plan aside)."""

    support: float  # the share of the content it holds
    lacking: float  # the share of the named things it does not hold
    missing: list[str]
    held: list[str] = field(default_factory=list)
    weight: float = 0.0  # the IDF weight of the words it holds


def cover(evidence: Evidence, plan: str, text: str) -> Cover:
    """How ``text`` covers the question of ``evidence``; words ``plan`` holds (its title, place, issuer) and
    years (checked apart) are not the question's content."""
    named = {w for w, _ in evidence.named()}
    own = _own(evidence, plan)
    total = sum(own.values())
    if not total:
        return Cover(0.0, 1.0, [])
    held = {w for w in own if evidence.holds(w, text)}
    missing = [w for w in own if w in named and w not in held]
    support, lacking = sum(own[w] for w in held) / total, sum(own[w] for w in missing) / total
    idf = dict(zip(evidence.tokens, evidence.weights))
    return Cover(support, lacking, missing, sorted(held), sum(idf.get(w, 0.0) for w in held))


def _own(evidence: Evidence, plan: str) -> dict[str, float]:
    """The question's own content words with their shares: not a year, not how a figure changes, not a word
    ``plan`` holds."""
    return {
        w: share
        for w, share in evidence.named(strict=True)
        if not YEAR.fullmatch(w)
        and not TIME_WORD.fullmatch(w)
        and not (len(w) == 1 and any(w in c for c in CHANGE_WORDS))  # 压 of 压降: how it changes, not what
        and not (plan and (evidence.holds(w, plan) or _shortened(w, plan)))
    }


def subject_words(evidence: Evidence, plan: str) -> str:
    """The words a sentence is weighed by: ``plan`` (its title, place and issuer), or nothing when the question
    asks only of what the plan's title names (``青禾2020年老旧小区改造要改多少户`` of the 老旧小区改造方案): then the
    title's words are what it asks about."""
    return plan if _own(evidence, plan) or not _own(evidence, "") else ""


def _shortened(word: str, plan: str) -> bool:
    """Whether ``word`` is a two-character short form of a word of ``plan`` (``职教`` of ``职业教育``)."""
    return len(word) == 2 and re.search(f"{re.escape(word[0])}.{{1,2}}{re.escape(word[1])}", plan) is not None
