"""Which plans a question is about: the place, the 文号, the title or the year it names.

A knowledge base holds many plans. ``齐齐哈尔清洁取暖率要到多少？`` is about the plans whose place is
齐齐哈尔市 (a place may be named with or without 市/县/省), ``青政办发〔2024〕12号`` about that notice,
``2023年政府工作报告任务分解`` about that year's plan. A place no plan's identity holds (title, issuer) is
looked for in the plans' text: the plans that name it most are the ones asked about (``六盘水`` in a plan whose
title does not say it, but whose text does). A place that no plan belongs to and no plan mentions gets a
refusal that names it, never another plan's answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from policykb.kb.lexicon import (
    LEVEL_WORD_ENDS,
    LOCAL_GROUP,
    NAMED_AFTER_PLACE,
    NOT_BUREAU_HEADS,
    PLACE_RANKS,
    PROVINCE_NAMES,
    SUB_AREAS,
    TOWNS,
    alternation,
)
from policykb.kb.records import DocumentRecord
from policykb.kb.text import annual_year
from policykb.kb.units import ORG_NAME, UnitDirectory

PLACE_SUFFIX = re.compile(r"(?:自治区|自治州|特别行政区|省|市|县|区|旗|盟|州)$")
LEVEL = rf"(?:(?:自治区|自治州|自治县|省|市|县|区|州|旗|盟)(?![{LEVEL_WORD_ENDS}]))?"
"""A place's level after its name, unless it opens a word of its own (``市控断面``, ``省考``, ``市级``)."""
PLACE_USE = r"(?:自治区|自治州|自治县|省|市|县|区|州|旗|盟|人民政府|政府|实际|关于)"
"""What follows a place's short name where a plan uses it as one: its level, its government, 结合X实际, X关于…."""
VILLAGE_SUFFIX = re.compile(r"[镇乡村]$")
LEVEL_AFTER = r"(?:自治区|自治州|自治县|省|市|县|区|州|旗|盟|镇|乡|村)"
NAME_BEFORE = re.compile(r"(?:^|[\s，。、；：？！,;:?!“”\"（(《]|[和与及同跟或在到至从对于去])$")
"""What stands before a bare place name (no level) in a question: nothing, a clause's start, a quote, a word
that joins or places it."""
YEAR = re.compile(r"(\d{4})年")
PLAN_YEAR = re.compile(r"(?<![到至])(\d{4})年")  # 到2025年: the year a target is due by, not the plan's
COMPARING = re.compile(r"分别|各自|各是|两(个|份)方案|[和与及].{2,40}[和与及]?.*(?:是|有)")
"""A question asking the same of several things: 分别是什么, 各自, A和B…是…."""
ASKS_EACH = re.compile(
    rf"{COMPARING.pattern}|各(?=要|是|为|达到|多少|到|有|由|自)|更[高低多少大小]|比.{{0,8}}?[高低多少大小]"
)
"""A question that asks the same of each thing it names, or which of them is higher: its other parts are
answered when one names no plan."""
JOINED_PLACES = r"[和与及、跟同]"
THING_OF_PLACE = re.compile(rf"(?:{alternation(NAMED_AFTER_PLACE)})")
QUOTED = re.compile(r"“([^”]{2,12})”")
TOPIC_NAMED = re.compile(r"(?P<topic>[\u4e00-\u9fa5“”]{2,20}?)(?:方案|计划|意见|规划)")
"""A plan named by its topic and a plan word: ``营商环境方案``, ``数字政府建设实施方案``."""
JOINS_PLANS = r"[和与及、，,跟同]"
TOPIC_SIZE = 4  # characters of a distinctive title a topic holds to name its plan (营商环境, 数字政府)
CITED_TITLE = re.compile(r"《[^》]*》")
OPENING_NAMES = 120  # characters of a plan's text whose naming of a place makes it that place's plan
TITLE_SHARE = 8  # characters of a plan's distinctive title a comparing question says to name it
OWN_LEVEL = re.compile(r"[全我本](省|市|县|区|州|国)")
"""How a plan names its own place by level: 全市, 我省, 本县, 全国."""
TERM_ASKED = r"(?:具体|主要|分别|都)?(?:是什么|是哪|是指|指什么|指的是|指哪|包括|包含|有哪些|分别是)"
"""What follows a term whose meaning is asked: ``…分别是哪五个``, ``…具体指什么``, ``…包括哪些``."""
TERM_ASKED_BEFORE = r"(?:什么是|何为|何谓|什么叫)"
GENERIC_TITLE = re.compile(
    r"关于|印发|实施方案|工作方案|行动方案|行动计划|实施意见|方案|计划|意见|通知|若干|措施|重点|工作|任务|分工|分解|责任|"
    r"“|”|《|》|（|）|\d{4}|年|—|-"
)


@dataclass
class Scope:
    """The plans a question names (``None``: it names none), or a place that no plan is about."""

    doc_ids: list[str] | None = None
    missing: str = ""
    mentioned_by: tuple[str, ...] = ()  # plans of lower places that name ``missing`` in passing (its 文件, 视察X)
    names: tuple[str, ...] = ()  # how the question named the plans' place
    exact: bool = False  # named by 文号 or narrowed by a plan's year: no stretch of a title narrows it further
    absent: tuple[str, ...] = ()  # places or topics a question naming several asks of, that no plan is about

    def strip(self, question: str, units: UnitDirectory | None = None) -> str:
        """The question without the place it was scoped by (the plans' text rarely repeats it) and without the
        places or topics no plan is about (``absent``); a place that begins the name of one of ``units``
        (``齐齐哈尔海事局``) stays, as part of that name."""
        question = without_absent(question, self.absent)
        if not self.names:
            return question
        kept = [(start, end) for start, end, _ in units.spans(question)] if units is not None else []
        pattern = "|".join(f"{_named(name)}的?" for name in sorted(self.names, key=len, reverse=True))

        def drop(found: re.Match[str]) -> str:
            if any(start <= found.start() < end for start, end in kept):
                return found.group(0)
            return level_of_body(question, found, units)

        return re.sub(pattern, drop, question).strip() or question


def level_of_body(question: str, found: re.Match[str], units: UnitDirectory | None) -> str:
    """What stays of the place ``found`` in ``question``: its level when the name of a body no plan names follows
    it (``白沙区应急局`` asks of a ``区应急局``: kept whole, the question is refused as of an unknown unit), else
    nothing."""
    place = found.group(0)
    body = None if place.endswith("的") else ORG_NAME.match(question, found.end() - 1)
    if units is None or body is None or not BUREAU.fullmatch(body.group(0)[1:]):
        return ""  # 白沙区完善街道党工委…: a task's words, not a body's name
    return place[-1] if units.unknown_org_mentions(body.group(0)) else ""


BUREAU = re.compile(rf"[\u4e00-\u9fa5]{{2,5}}(?<![{NOT_BUREAU_HEADS}])局")
"""The name of a bureau (``应急管理局``), not a word ending as one does (``格局``, ``布局``)."""


def _named(name: str) -> str:
    """A pattern of the place ``name`` in a question: its level not taken when it opens a word of its own
    (``青禾市控以上断面`` names 青禾, and asks of 市控断面)."""
    if PLACE_SUFFIX.search(name):
        return rf"{re.escape(name)}(?![{LEVEL_WORD_ENDS}])"
    return re.escape(name)


AUTONOMOUS = re.compile(r"^(?P<stem>[\u4e00-\u9fa5]{2,4}?)(?:[\u4e00-\u9fa5]{1,3}族)+自治(?P<level>县|州|旗|区)$")
"""An autonomous place, named by the words before its peoples: 桐溪藏族自治县 is 桐溪县, 桐溪."""


def place_names(place: str) -> list[str]:
    """How a question may name a place: ``青禾市`` → ``青禾市``, ``青禾``; ``桐溪藏族自治县`` → also ``桐溪县``,
    ``桐溪``."""
    return list(_place_names(place))


@lru_cache(maxsize=65536)  # asked of every plan's place for each question
def _place_names(place: str) -> tuple[str, ...]:
    if not place:
        return []
    autonomous = AUTONOMOUS.match(place)
    if autonomous:
        stem, level = autonomous.group("stem"), autonomous.group("level")
        return (place, *([stem + level] if level != "区" else []), stem)
    short = PLACE_SUFFIX.sub("", place)
    return (place, short) if len(short) >= 2 and short != place else (place,)


def mentions(text: str, place: str) -> int:
    """How often ``text`` names ``place``, with or without its level (``六盘水市`` is named by ``六盘水``)."""
    return max((text.count(name) for name in place_names(place)), default=0)


OPTIONAL_CHARACTER = re.compile(r"[（(]([\u4e00-\u9fa5])[)）]")
"""A character a name writes in brackets as optional (``河(湖)长制``): the name reads with it too (``河湖长制``)."""


def named_anywhere(place: str, documents: list[DocumentRecord]) -> bool:
    """Whether any of ``documents`` names ``place``: in its place, title, issuer or text, read with a character it
    writes in brackets as optional (``河(湖)长制`` names ``河湖``)."""
    names = place_names(place)
    return any(any(n in text for n in names) for text in _identities(documents)) or any(
        mentions(OPTIONAL_CHARACTER.sub(r"\1", text), place)
        for text in _identities(documents)
        if "(" in text or "（" in text
    )


def _identities(documents: list[DocumentRecord]) -> Iterator[str]:
    """Each plan's place, title, issuer and text, one plan at a time (the first that names a place ends the look)."""
    return (f"{d.place} {d.title} {d.authority}\n{d.text}" for d in documents)


def question_scope(question: str, documents: list[DocumentRecord], places: list[str]) -> Scope:
    """The documents ``question`` is scoped to; ``places`` are the place names a tagger found in it.

    A plan's own place (its identity) comes first; a tagged place no plan's identity holds scopes to the
    plans whose text names it most. A place no plan names at all is ``missing``.
    """
    by_number = [d for d in documents if d.number and d.number in question]
    if by_number:
        return Scope([d.doc_id for d in by_number], exact=True)
    places = [*places, *(p for p in governed_places(question, documents) if p not in places)]
    names = [n for d in documents for n in _place_names(d.place) if n in question and _as_place(question, n)]
    places = [p for p in places if _as_place(question, p) and not _a_group(question, p)]
    others = [
        p
        for p in dict.fromkeys(places)
        if not any(p in n or n in p for n in names)
        and (_a_place(p, documents) or (stands_as_place(question, p) and _bare_place(p, documents)))
    ]
    in_text = {p: _naming_most(p, [d for d in documents if not in_passing(_as_asked(question, p), d)]) for p in others}
    names += [_as_asked(question, p) for p, found in in_text.items() if found]
    placed = list(names)  # the places of plans the question names, before any title or topic names one
    owners = [
        d.place for d in documents if any(n in question and _as_place(question, n) for n in _place_names(d.place))
    ]
    owners += [_as_asked(question, p) for p, found in in_text.items() if found]
    ids = {d.doc_id for found in in_text.values() for d in found}
    named = [
        d
        for d in documents
        if d.doc_id in ids
        or any(n in question and _as_place(question, n) for n in _place_names(d.place))
        or _opened_by(d, owners)
    ]
    higher, lower = unnamed_sub_place(question, places, documents)
    if lower and named and not any(_plan_of(d, higher) for d in named):  # 甲市乙区 asked, only 甲市丙区's plan here
        return Scope(missing=lower)
    passing = next((p for p, found in in_text.items() if not found and stands_as_place(question, p)), "")
    mentioned_by = tuple(d.doc_id for d in documents if passing and mentions(d.text, passing))
    if mentioned_by and not named:  # only plans of lower places name it: no plan of it, whatever title is said
        return Scope(missing=_as_asked(question, passing), mentioned_by=mentioned_by)
    names += [_as_asked(question, p) for p, found in in_text.items() if not found and _mentioned(p, named)]
    compared_titles = [] if named else titles_compared(question, documents)
    if not named and not compared_titles:
        named = named_by_title(question, documents)
        names += [t for d in named for t in _quoted_terms(d) if t in question and not asks_term(question, t)]
    named = named or compared_titles  # kept whole: the question as searched still names each plan
    by_topic = [] if compared_titles else topics_named(question, named)  # 苇洲市营商环境方案和数字政府方案
    absent = _absent_places(question, places, placed, documents) if named else ()
    if not by_topic and not compared_titles:  # 营商环境方案和数字政府方案, when no plan is about 数字政府
        by_topic, lacking = topics_lacking(question, named or documents, documents)
        absent += lacking
    named = by_topic or named
    if named:
        dated = _by_year(question, named)
        exact = len(dated) < len(named) or bool(compared_titles or by_topic)  # each plan named: all of them
        return Scope([d.doc_id for d in dated], names=tuple(dict.fromkeys(names)), exact=exact, absent=absent)
    missing = next((p for p in places if stands_as_place(question, p) and not named_anywhere(p, documents)), "")
    return Scope(missing=missing)


SUB_PLACE = re.compile(r"[\u4e00-\u9fa5]{2,3}?(?:自治县|区|县|市|旗)")
NOT_IN_SUB_PLACE = re.compile(r"[省市县区乡镇街村各全本该我所辖城和与及跟同或对在到从]")
"""Characters the name of a place written right after another never holds before its level (``甲市城区``,
``甲市各区``, ``甲市所辖县``: parts or groups of the place; ``甲市和乙市``: two places joined, not one in another)."""


def unnamed_sub_place(question: str, places: list[str], documents: list[DocumentRecord]) -> tuple[str, str]:
    """``(higher, lower)``: a place the question writes right after a place it names, with a level of its own
    (``甲市乙区``: 乙区 in 甲市), that no plan names anywhere; ``("", "")`` when there is none. A tagger may miss
    the lower name; the higher one before it says it is a place."""
    for higher in (p for p in places if PLACE_SUFFIX.search(p)):
        for found in re.finditer(re.escape(higher), question):
            lower = SUB_PLACE.match(question, found.end())
            if not lower or NOT_IN_SUB_PLACE.search(lower.group()[:-1]) or lower.group() in SUB_AREAS:
                continue
            if not named_anywhere(lower.group(), documents):
                return higher, lower.group()
    return "", ""


def _plan_of(doc: DocumentRecord, place: str) -> bool:
    """Whether ``doc`` is the plan of ``place`` itself (or has no place on record, so it may be): a district's plan
    that names its city in passing is not the city's plan."""
    return not doc.place or doc.place in place_names(place) or place in place_names(doc.place)


def _absent_places(
    question: str, places: list[str], names: list[str], documents: list[DocumentRecord]
) -> tuple[str, ...]:
    """The places a question asking the same of several (``苇洲市和杭州市…分别``) names joined to a plan's place
    (``names``), that no plan names at all: each is said to have no plan, the others are answered. A place beside
    a plan named by its title only (``杭州市X实施方案由谁牵头``) is not one: that question stays refused."""
    if not ASKS_EACH.search(question):
        return ()
    absent = [_as_asked(question, p) for p in dict.fromkeys(places) if not any(p in n or n in p for n in names)]
    return tuple(
        a
        for a in absent
        if stands_as_place(question, a) and not named_anywhere(a, documents) and _joined(question, a, names)
    )


def _joined(question: str, place: str, names: list[str]) -> bool:
    """Whether ``question`` joins ``place`` to one of ``names`` (``苇洲市和杭州市``, ``杭州、苇洲``)."""
    said = re.escape(place)
    return any(
        re.search(rf"{said}{JOINED_PLACES}{re.escape(n)}|{re.escape(n)}{JOINED_PLACES}{said}", question) for n in names
    )


def governed_places(question: str, documents: list[DocumentRecord]) -> list[str]:
    """Places ``question`` names that a tagger may miss (``桐溪县``): two or three characters and a level that
    some plan writes as a place's (:func:`_governed`: ``桐溪县人民政府``, ``北江桐溪县``), so the name is a place's,
    not a word's (开发区); a county's name may be one character (``苇县``)."""
    found = []
    for level in re.finditer(r"[县市区旗盟]", question):
        for size in (3, 2, 1) if level.group() == "县" else (3, 2):
            name = question[max(0, level.start() - size) : level.end()]
            if (
                len(name) == size + 1
                and (HAN_NAME.fullmatch(name) or ONE_CHARACTER_COUNTY.fullmatch(name))
                and _governed(name, documents)
            ):
                found.append(name)
                break
    return found


ONE_CHARACTER_COUNTY = re.compile(r"(?![各全本该我省市县区乡镇])[\u4e00-\u9fa5]县")
"""A county named by one character and its level (``苇县``)."""
HAN_NAME = re.compile(r"(?![各全本该我省市县区乡镇])[\u4e00-\u9fa5]{3,4}")
"""A place's name and level: Han characters, not a group (``各县区``) or a level that opens a unit (``市政府``)."""


PROVINCE_BEFORE = re.compile(rf"(?:{alternation(PROVINCE_NAMES)})(?:省|市|自治区)?$")


def _governed(name: str, documents: list[DocumentRecord]) -> bool:
    """Whether a plan writes ``name`` as a place: followed by its government (``桐溪县人民政府``, ``桐溪县政府``),
    or right after its province (``北江桐溪县``, ``北江省桐溪县``: a county a report names with its province); a
    county of one character only so (``报县政府办`` names no county 报县)."""
    government = re.compile(re.escape(name) + r"(?:人民政府|政府)")
    if len(name) > 2 and any(government.search(f"{d.authority}\n{d.text}") for d in documents):
        return True  # not a county of one character: ``报县政府办`` is a verb before the county's government
    return any(
        PROVINCE_BEFORE.search(d.text[max(0, m.start() - 6) : m.start()])
        for d in documents
        for m in re.finditer(re.escape(name), d.text)
    )


def place_rank(place: str) -> int:
    """The level of ``place`` by the level its name ends with (4 the country … 1 a county or district); 0 when
    its name says none."""
    level = PLACE_SUFFIX.search(place)
    return PLACE_RANKS.get(level.group(0), 0) if level else 0


def plan_rank(doc: DocumentRecord) -> int:
    """The level of the place ``doc`` is the plan of: its own place's, else the level its text speaks of itself
    by (``全市`` and ``我市`` more often than any other level); 0 when neither says, or when it says ``全区`` (a
    district's, a new area's or an autonomous region's)."""
    if doc.place:
        return place_rank(doc.place)
    counts = Counter(OWN_LEVEL.findall(doc.text)).most_common(2)
    if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]) or counts[0][0] == "区":
        return 0
    return PLACE_RANKS[counts[0][0]]


def in_passing(place: str, doc: DocumentRecord) -> bool:
    """Whether ``doc`` names ``place`` only in passing: its identity does not name it, and it is the plan of a
    lower place (a city's plan that names its province's 文件 or 视察北江 is not the province's plan)."""
    if mentions(f"{doc.place} {doc.title} {doc.authority}", place):
        return False
    asked, own = place_rank(place), plan_rank(doc)
    return bool(asked and own and asked > own)


def stands_as_place(question: str, word: str) -> bool:
    """Whether a tagged ``word`` stands in ``question`` as a place's name, not as a word a tagger took for one
    (``货车上路``, ``企业深度治理``): it ends with its level (``桐溪县``) or is followed by it, or it stands where a
    bare name stands: at the start of the question or of a clause, after a quote, or after a word that joins or
    places it (``和``, ``在``, ``到``, ``对``)."""
    if PLACE_SUFFIX.search(word) or VILLAGE_SUFFIX.search(word):
        return True
    for found in re.finditer(re.escape(word), question):
        before, after = question[: found.start()], question[found.end() :]
        if re.match(LEVEL_AFTER, after) or NAME_BEFORE.search(before):
            return True
    return False


def _a_group(question: str, name: str) -> bool:
    """Whether ``name`` is said as a group of places (``各县区``, ``各乡镇``), which names no one place's plan."""
    return bool(LOCAL_GROUP.search(name)) or (f"各{name}" in question and bool(LOCAL_GROUP.search(f"各{name}")))


def _as_place(question: str, name: str) -> bool:
    """Whether ``question`` names the place ``name`` somewhere as a place, not only as the start of the name of a
    thing in it (``郑州机场``, ``乙港``)."""
    at = question.find(name)
    while at >= 0:
        if not THING_OF_PLACE.match(question, at + len(name)):
            return True
        at = question.find(name, at + 1)
    return False


def _as_asked(question: str, place: str) -> str:
    """``place`` as the question writes it: with its level when one follows (tagged ``柳河`` in ``柳河市…``)."""
    found = re.search(re.escape(place) + LEVEL, question)
    return found.group(0) if found else place


def _a_place(word: str, documents: list[DocumentRecord]) -> bool:
    """Whether a tagged ``word`` is a place's name, not a word a tagger took for one (城市, 新区, 上市): a name
    with its level (two characters or more before it), a province's short name, or one a plan writes as a place
    (``淮安实际``, ``泰州关于印发…``, ``遂宁市``)."""
    stem = PLACE_SUFFIX.sub("", word)
    as_place = re.compile(re.escape(word) + PLACE_USE)
    used = len(word) >= 2 and any(as_place.search(d.text) for d in documents)
    if stem != word:  # a county of one character (``苇县``) when a plan writes it as a place; a city whose name
        return (  # ends in 州 (``雍州``) when a plan writes it as one (``雍州市``, ``雍州人民政府``)
            len(stem) >= 2
            or (ONE_CHARACTER_COUNTY.fullmatch(word) is not None and _governed(word, documents))
            or (word.endswith("州") and used)
        )
    return word in PROVINCE_NAMES or used  # a province a plan names bare only (X是农业大省, X特点)


def _bare_place(word: str, documents: list[DocumentRecord]) -> bool:
    """Whether a plan writes the bare ``word`` (no level of its own) where only a place's name stands: right
    after a province's name and level, as the place a name of a thing there begins with
    (``北江省柳河双元铝业有限公司``), or in a list of places counted by their level (``柳河、桐溪、杉岭3市``).
    Never a word (``全省城市``, ``各省农村``); the towns and parts of a place are never one."""
    if len(word) < 2 or word in (*TOWNS, *SUB_AREAS) or PLACE_SUFFIX.search(word):  # 山区, 上市: not bare names
        return False
    name = re.escape(word)
    count = r"(?:\d+|[二三四五六七八九十两]{1,3})个?(?:市|县|区|州|盟|旗)"
    counted = re.compile(rf"{name}(?:[、和及][\u4e00-\u9fa5]{{2,5}}?)*{count}")
    return any(_bare_at(d.text, word, counted) for d in documents if word in d.text)


AFTER_PROVINCE = re.compile(r"[\u4e00-\u9fa5](?<![全各本我该外跨分])(?:省|自治区)$")
"""What comes right before a place named bare after its province (``北江省`` before ``柳河双元铝业``)."""
NOT_BARE = "省市县区州旗盟镇乡村"  # a level right after the name: it is not written bare


def _bare_at(text: str, word: str, counted: re.Pattern[str]) -> bool:
    """Whether ``text`` writes ``word`` bare somewhere: after a province's name and level, or counted by level.
    Each place the word stands is checked (the word is searched first: a pattern opening on a class of characters
    is slow over many plans)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        following = text[end : end + 1]
        after = AFTER_PROVINCE.search(text, max(0, start - 4), start) and not (following and following in NOT_BARE)
        if after or counted.match(text, start):
            return True
        start = text.find(word, start + 1)
    return False


def _mentioned(place: str, documents: list[DocumentRecord]) -> bool:
    """Whether one of ``documents`` names ``place`` in its text (the province a city's plan names, said before
    the city: ``北江省柳河市…``)."""
    return any(mentions(d.text, place) for d in documents)


def _opened_by(doc: DocumentRecord, places: list[str]) -> bool:
    """Whether ``doc``, a plan with no place of its own, names one of ``places`` in its opening (a report's dateline
    or lead sentence), not inside a file's title (``为贯彻落实《北江省…》``) nor in passing: it is that place's
    plan beside the plans titled by it."""
    opening = CITED_TITLE.sub("", doc.text[:OPENING_NAMES])
    return not doc.place and any(mentions(opening, p) and not in_passing(p, doc) for p in places)


def _naming_most(place: str, documents: list[DocumentRecord]) -> list[DocumentRecord]:
    """The plans whose text names ``place`` most often (ties all kept); none when no plan names it."""
    counts = {d.doc_id: mentions(d.text, place) for d in documents}
    most = max(counts.values(), default=0)
    return [d for d in documents if most and counts[d.doc_id] == most]


def _title_said(question: str, doc: DocumentRecord) -> list[str]:
    """The distinctive parts of the plan's title the question quotes (six characters or more), and the term the
    title quotes (``“无废城市”建设试点工作方案``: 无废城市)."""
    return [part for part in _title_parts(doc.title, doc.place) if part in question] + [
        t for t in _title_terms(doc.title) if t in question
    ]


@lru_cache(maxsize=65536)  # of every plan's title, for every question's scope
def _title_parts(title: str, place: str) -> tuple[str, ...]:
    """The parts of a plan's title, its place and generic words aside, of six characters or more."""
    return tuple(part for part in GENERIC_TITLE.sub(" ", title.removeprefix(place)).split() if len(part) >= 6)


def named_by_title(question: str, documents: list[DocumentRecord]) -> list[DocumentRecord]:
    """The plans whose title the question quotes a part of, and the plans whose text gave no title that say that
    part (their titles are unknown: the part may as well name them)."""
    said = {d.doc_id: _title_said(question, d) for d in documents}
    parts = [part for found in said.values() for part in found]
    untitled = {d.doc_id for d in documents if file_named(d.title, d.source) and any(p in d.text for p in parts)}
    return [d for d in documents if said[d.doc_id] or d.doc_id in untitled]


@lru_cache(maxsize=65536)  # of every plan, for every question's scope
def file_named(title: str, source: str) -> bool:
    """Whether a document's title is only its file's name (the text gave none): no name a person says, so a
    pronoun for the plan is not replaced by it (``甲-2019.txt`` would put a year into the question)."""
    return title == re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source.rsplit("/", 1)[-1])


def asks_term(question: str, term: str) -> bool:
    """Whether ``question`` asks what the term its plan's title quotes stands for (``“五个全覆盖”分别是哪五个``,
    ``什么是“无废城市”``): the term is then what its text is searched for, not only the plan's name."""
    said = rf"“?{re.escape(term)}”?"
    return re.search(rf"{said}\s*{TERM_ASKED}|{TERM_ASKED_BEFORE}{said}", question) is not None


def _quoted_terms(doc: DocumentRecord) -> list[str]:
    """The terms a plan's title quotes, four characters or more (“无废城市”建设…: 无废城市; not “十四五”)."""
    return list(_title_terms(doc.title))


@lru_cache(maxsize=65536)  # of every plan's title, for every question's scope
def _title_terms(title: str) -> tuple[str, ...]:
    return tuple(term for term in QUOTED.findall(title) if len(term) >= 4)


def titles_compared(question: str, documents: list[DocumentRecord]) -> list[DocumentRecord]:
    """The plans a comparing question (``A和B的文号分别是什么``) names each by a good part of its title
    (``国家职业教育改革实施方案和“无废城市”建设试点工作方案分别…``), or each by its topic (``营商环境方案和
    数字政府方案各…``); none unless it names two or more."""
    by_topic = topics_named(question, documents)
    if by_topic or not COMPARING.search(question):
        return by_topic
    named = [d for d in documents if _title_share(question, d) >= min(TITLE_SHARE, 0.8 * len(_title_core(d)))]
    return named if len(named) >= 2 else []


def topics_named(question: str, documents: list[DocumentRecord]) -> list[DocumentRecord]:
    """The plans a question names two or more of by their topics, each a plan word its own
    (``营商环境方案和数字政府方案``, ``A计划与B方案``): the plans whose distinctive title holds a topic, when
    each of two topics or more names a plan the others do not; none otherwise."""
    topics = [_topic(found.group("topic"), documents) for found in TOPIC_NAMED.finditer(question)]
    named = [[d for d in documents if len(topic) >= TOPIC_SIZE and topic in _title_core(d)] for topic in topics]
    named = [plans for plans in named if plans]
    ids = [{d.doc_id for d in plans} for plans in named]
    if len(named) < 2 or any(not (own - set().union(*ids[:i], *ids[i + 1 :])) for i, own in enumerate(ids)):
        return []
    return [d for d in documents if any(d.doc_id in own for own in ids)]


def topics_lacking(
    question: str, plans: list[DocumentRecord], documents: list[DocumentRecord]
) -> tuple[list[DocumentRecord], tuple[str, ...]]:
    """A question naming two plans or more by their topics (``营商环境方案和数字政府方案分别…``) of which some
    name no plan: the ``plans`` the others name, and the topics no title of ``documents`` (the whole shelf) shares
    two characters running with (``数字政府``); nothing when every topic names a plan, none does, or a topic is
    only worded otherwise than a title (``营商环境改革`` of a title's ``优化营商环境``)."""
    if not ASKS_EACH.search(question):
        return [], ()
    said = [_topic(found.group("topic"), documents) for found in TOPIC_NAMED.finditer(question)]
    topics = [topic for topic in dict.fromkeys(said) if len(topic) >= TOPIC_SIZE]
    named = {topic: [d for d in plans if topic in _title_core(d)] for topic in topics}
    lacking = tuple(t for t, of in named.items() if not of and not any(_title_share(t, d) for d in documents))
    found = [d for d in plans if any(d in of for of in named.values())]
    if len(topics) < 2 or not lacking or not found or len(lacking) + sum(bool(p) for p in named.values()) < len(topics):
        return [], ()
    return found, lacking


def without_absent(question: str, absent: tuple[str, ...]) -> str:
    """``question`` without the places or topics no plan is about, with the plan word after a topic and the
    word that joined it (``营商环境方案和数字政府方案分别…`` → ``营商环境方案分别…``)."""
    for name in sorted(absent, key=len, reverse=True):
        said = rf"{re.escape(name)}(?:[\u4e00-\u9fa5]{{0,4}}?(?:方案|计划|意见|规划))?"
        question = re.sub(rf"{said}{JOINS_PLANS}|{JOINS_PLANS}?{said}", "", question, count=1)
    return question


def _topic(said: str, documents: list[DocumentRecord]) -> str:
    """The topic of ``said`` (what stands before a plan word): after the last word that joins plans, without
    a place a plan is of (``苇洲市营商环境`` → ``营商环境``)."""
    topic = re.split(JOINS_PLANS, said)[-1]
    for name in sorted({n for d in documents for n in place_names(d.place)}, key=len, reverse=True):
        topic = topic.removeprefix(name)
    return GENERIC_TITLE.sub("", topic)


def _title_core(doc: DocumentRecord) -> str:
    return "".join(GENERIC_TITLE.sub(" ", doc.title.removeprefix(doc.place)).split())


def _title_share(question: str, doc: DocumentRecord) -> int:
    """How many characters of the plan's distinctive title the question says, in stretches of two or more."""
    core, shared, i = _title_core(doc), 0, 0
    while i < len(question) - 1:
        size = 2
        while i + size <= len(question) and question[i : i + size] in core:
            size += 1
        size -= 1
        shared += size if size >= 2 else 0
        i += size if size >= 2 else 1
    return shared


def _by_year(question: str, documents: list[DocumentRecord]) -> list[DocumentRecord]:
    """Of several plans, the annual plans of the year the question names (``2023年政府工作报告…``), if any.

    A year inside a span (``2023—2025年``) does not narrow: it is as likely a target year as the plan's;
    nor does a year a target is due by (``到2025年``, ``至2025年底``).
    """
    years = PLAN_YEAR.findall(question)
    if len(documents) < 2 or not years:
        return documents
    dated = [d for d in documents if annual_year(d.title) in years]
    return dated or documents


def within_places(scope: Scope, read: list[str], documents: dict[str, DocumentRecord]) -> list[str]:
    """The plans to answer from when the question names plans (``scope``) and the conversation or a stretch
    of a title points at some (``read``): those of ``read`` among the named if they cover every place the
    question names (and the scope is not exact), else the named. “南屿市和齐齐哈尔市…” keeps both cities, though
    one city's name is a stretch of its plan's title; “金川市…到2023年底” is 金川市's plan, not the one whose
    title holds 2023; “青禾市2024年和2025年…” keeps both years' plans."""
    named = scope.doc_ids
    if named is None:
        return read
    if scope.exact:
        return named
    both = [i for i in named if i in read]
    places = {documents[i].place for i in named}
    return both if both and {documents[i].place for i in both} == places else named


def compared(question: str, documents: list[DocumentRecord]) -> bool:
    """Whether ``question`` names each of several plans: plans of several places, or annual plans each of
    whose year it names (“青禾市2024年和2025年的…”); then a plan without an answer is said to lack one."""
    if len(documents) < 2:
        return False
    years = set(PLAN_YEAR.findall(question))
    if len({d.place for d in documents if d.place}) > 1 or all(annual_year(d.title) in years for d in documents):
        return True
    return len(titles_compared(question, documents)) == len(documents)


def for_plan(question: str, document: DocumentRecord, documents: list[DocumentRecord]) -> str:
    """``question`` as asked of one of the plans it compares: without the years of the others' annual plans
    (“青禾市2024年和2025年的…” asks the 2024 plan about 2024 only)."""
    question = _without_other_topics(question, document, documents)
    own = annual_year(document.title)
    for other in documents:
        year = annual_year(other.title)
        if year and year != own:
            question = re.sub(rf"[和与及、]{year}年|(?<![到至\d]){year}年[和与及、]?", "", question)
    return question


def _without_other_topics(question: str, document: DocumentRecord, documents: list[DocumentRecord]) -> str:
    """``question`` without the topics that name the other plans it names by topic (``营商环境方案和数字政府方案
    各…`` asks the digital plan ``数字政府方案各…``), with the word that joined them."""
    if len(topics_named(question, documents)) < 2:
        return question
    for found in reversed(list(TOPIC_NAMED.finditer(question))):
        said = re.split(JOINS_PLANS, found.group("topic"))[-1]
        topic = _topic(said, documents)
        plans = [d for d in documents if len(topic) >= TOPIC_SIZE and topic in _title_core(d)]
        if not plans or document in plans:
            continue
        start, end = found.end() - len(found.group(0)) + len(found.group("topic")) - len(said), found.end()
        if start > 0 and re.match(JOINS_PLANS, question[start - 1]):
            start -= 1
        elif re.match(JOINS_PLANS, question[end : end + 1]):
            end += 1
        question = question[:start] + question[end:]
    return question
