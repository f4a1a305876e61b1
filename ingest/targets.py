"""Numeric targets: every quantity a plan sets, with its indicator, comparator and year.

A sentence opened by ``到2025年`` or ``“十四五”时期`` sets targets in each of its
clauses that hold a quantity; elsewhere a clause counts only when a comparator
(``不低于``, ``达到`` …) stands right before the quantity. ``A、B、C分别达到x、y、z``
yields one target per quantity, each matched to its own indicator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policykb.ingest.tables import parse_row
from policykb.kb.lexicon import (
    BASELINE_CLOSERS,
    BASELINE_OPENERS,
    COMPARATOR_PREFIXES,
    COMPARATORS,
    CREATION_VERBS,
    QUALIFIERS,
    RECURRING_SPANS,
    SPAN_UNITS,
    TARGET_UNITS,
    TARGET_VERBS,
    TOTAL_WORDS,
    UNIT_SPELLINGS,
    WHOLE_SCOPES,
    alternation,
)
from policykb.kb.records import Target
from policykb.kb.text import DASH_ITEM, QUANTITY, RATIO, heading_number_end, split_items, split_spans

UNIT_SPELLING = UNIT_SPELLINGS
COMPARATOR = re.compile(
    rf"(?P<cmp>(?:{alternation(COMPARATOR_PREFIXES)})?(?:{alternation([*COMPARATORS, *TARGET_VERBS])}))$"
)
COMPARATOR_REACH = 16  # characters: longer than any prefix and comparator together
QUALIFIER = re.compile(rf"^({alternation(QUALIFIERS)})")
# Qualifiers that can stand before a join (``50%以上和…``): 及 of ``及以上`` is itself a join.
BARE_QUALIFIERS = tuple(q for q in QUALIFIERS if not q.startswith("及"))
YEAR_CONTEXT = re.compile(
    r"到(?P<year>\d{4})年(?:底|末)?|(?<![比较一二三四五六七八九十])(?<![比较]“)(?P<fyp>“?[一二三四五六七八九十]+五”?)(?:时期|期间|末)|"
    r"(?P<by>\d{4})年(?:\d{1,2}月)?(?:底|末|年底)?(?:前|以前)|^(?P<lead>\d{4})年[，,]|^(?:全年|年内|今年)|"
    r"(?P<span>(?:\d+|[一二三四五六七八九十]+)年内|未来\d+年)"
)
# A recurring span (每年, 年均) a clause's target holds for, when no year or period is named.
RECURRING = re.compile(alternation(RECURRING_SPANS))
VERB_FIRST = re.compile(
    r"^(?:累计|全年|年内|力争|再|新|组织|全面|加快|持续)?(?:(?:新建改造|新建|新增|建成|建设|投资|创建|培育|引进|打造|实施|完成|淘汰|开通|"
    r"认定|改造|提升|推广|招引|落地|培训|发放|开展|整治|治理|修复|种植|植树|造林|发展)){1,2}"
)
LISTED_AMOUNT = re.compile(rf"[\u4e00-\u9fa5“”]{{2,16}}\d+(?:\.\d+)?(?:{alternation(TARGET_UNITS)})")
"""A clause that is only a thing and its amount (``完成新造林600亩，低改林200亩``): it shares the verb of the clause
before it, which set amounts."""
JOINED = re.compile(rf"(?:{alternation(BARE_QUALIFIERS)})?[和、及与]")
ITEM_COUNT_BEFORE = re.compile(rf"(?:{alternation(TOTAL_WORDS)})$")
ITEM_COUNT_AFTER = re.compile(r"^(?:重点)?(?:任务|措施|举措|事项|工作|内容|条目)")
ITEM_UNITS = ("项", "条", "个", "类", "批")
STRETCH = re.compile(r"^(?:力争|激励目标为?|奋斗目标为?|争取)")
YEAR_ITEM = r"(?:到|至)?\d{4}年(?:底|末)?"
YEAR_LIST = re.compile(rf"(?<![比较]){YEAR_ITEM}(?:[、和及与]{YEAR_ITEM})+")
"""Years listed for one indicator: ``2024年、2026年``, ``到2024年底和2026年``."""
YEAR_DIGITS = re.compile(r"\d{4}")
BASELINE = re.compile(
    rf"(?:比|较|(?:{alternation(BASELINE_OPENERS)})(?=\d{{4}}年(?:底|末)?(?:{alternation(BASELINE_CLOSERS)})))"
    rf"(?P<year>\d{{4}})年(?:底|末)?(?:{alternation(BASELINE_CLOSERS)})?"
)
"""The baseline of a change: ``比2020年``, ``较2005年底``, ``与2010年相比``."""
SCOPE_PREFIX = re.compile(rf"^({alternation(WHOLE_SCOPES)})")
INDICATOR_SUFFIX = re.compile(
    r"(减排量|覆盖率|利用率|处理率|回收率|治理率|收集率|普及率|达标率|占比|比重|比例|浓度|能耗|用量|强度|总量|率|"
    r"饲养量|存栏量|出栏量|养殖量|产量|销量|产值|种植面积|面积|规模|零售额|销售额)$"
)
"""The measure the last of several things a clause lists is named with (``肉牛、肉羊饲养量分别达到…``): the measure
of each of them."""


def year_end(text: str, year: str) -> str:
    """The end-of-year word ``text`` gives ``year`` (``到2024年底`` → ``底``, ``2025年末`` → ``末``), else ``""``:
    a figure set for the year's end is not set for the year."""
    found = re.search(rf"(?<!比)(?<!较){re.escape(year)}年(?P<end>底|末)", text) if year.isdigit() else None
    return found.group("end") if found else ""


def extract_targets(text: str, doc_id: str, path: list[str], start: int = 0, default_year: str = "") -> list[Target]:
    """All targets in the section text ``text`` (which starts at offset ``start``).

    ``default_year`` is the year of an annual plan (``2023年政府工作报告…``), for sentences that name none.
    """
    targets: list[Target] = []
    opening = opening_year(text, path[-1] if path else "") or default_year  # the year its paragraphs hold for
    carried = opening  # a year named earlier in the paragraph holds for its later sentences
    lead = opening  # the year of the last paragraph that is no dash item: the dash items below it hold for it
    line_start = -1
    for s, _end, sentence in _sentences(text):
        line = text.rfind("\n", 0, s) + 1
        if line != line_start:
            lead = lead if line_start < 0 or DASH_ITEM.match(text, line_start) else carried
            line_start, carried = line, (lead if DASH_ITEM.match(text, line) else opening)
        year, in_context = year_of(sentence, carried)
        carried = year or carried
        found: list[Target] = []
        verb_carried = False  # the clause before set amounts under a verb the next bare amount shares
        for clause, offset in _clauses(sentence):
            recurring = RECURRING.search(clause)
            clause_year = year_of(clause, "")[0] or year_before(sentence, offset + len(clause)) or year
            clause_year = clause_year or (recurring.group(0) if recurring else "")
            listed = verb_carried and LISTED_AMOUNT.fullmatch(clause) is not None
            clause_targets = _clause_targets(clause, clause_year, in_context or bool(opening) or listed)
            verb_carried = bool(clause_targets) and (listed or VERB_FIRST.match(_clean_subject(clause)) is not None)
            for target in clause_targets:
                target.doc_id, target.path, target.sentence = doc_id, path, sentence
                target.year_end = year_end(clause, target.year) or year_end(sentence, target.year)
                target.start = start + s + offset
                found.append(target)
        targets.extend(_with_stretch(found))
    return targets


def _sentences(text: str) -> Iterator[tuple[int, int, str]]:
    """Sentences, with the sentences of a table row's cells as sentences of their own (a cell may end a sentence
    inside the row: ``| 1 | 新增托位300个。 | 甲局 |``)."""
    for s, e in split_spans(text, ""):
        cells = parse_row(text[s:e])
        if cells is None:
            for a, b in split_items(text[s:e], "。；;", s):
                yield a, b, text[a:b]
            continue
        offset = s
        for cell in cells:
            at = text.find(cell, offset, e) if cell else -1
            if at >= 0:
                for a, b in split_items(cell, "。；;", at):
                    yield a, b, text[a:b]
                offset = at + len(cell)


BARE_YEAR = re.compile(
    rf"(?<![比较\d])(?P<year>20\d\d)年(?!以来|来)(?!{alternation(BASELINE_CLOSERS)})(?!\d|[底末]?(?:前|以前))"
)
"""A year named bare (``一、主要目标2022年全县…``): not a baseline, a span since, or a deadline."""


def year_before(sentence: str, at: int) -> str:
    """The year (or period) of the last time phrase of ``sentence`` before ``at``, ``""`` when none: in ``2022年A
    控制在…，B达到88%，到2026年C…`` the 88% is 2022's, for the year named after it opens another statement."""
    head = sentence[:at]
    baselines = [m.span() for m in BASELINE.finditer(head)]
    found = [
        (m.start(), year)
        for m in YEAR_CONTEXT.finditer(head)
        if (year := year_of(m.group(0), "")[0]) and not any(a <= m.start() < b for a, b in baselines)
    ]
    found += [
        (m.start(), m.group("year"))
        for m in BARE_YEAR.finditer(head)
        if not any(a <= m.start() < b for a, b in baselines)
    ]
    return max(found)[1] if found else ""


OPENING_PHRASE = 14
"""The longest first clause of a section that is only its time phrase (``到2020年``, ``力争到“十四五”末``)."""


def opening_year(section_text: str, heading: str = "") -> str:
    """The year or period a section's first paragraph opens with, its heading aside (``二、工作目标\n到2020年，全面
    建成…``), else ``""``: the section's later paragraphs that name none hold for it (``供给质量明显改善。每千名老年人
    拥有养老床位数45张以上``)."""
    body = section_text.lstrip()
    if heading and body.startswith(heading):
        body = body[len(heading) :].lstrip("。．.:：， \n")
    first = re.split(r"[，,。；;\n]", body, maxsplit=1)[0]
    if len(first) > OPENING_PHRASE:
        return ""
    year, named = year_of(first, "")
    return year if named else ""


def year_of(text: str, carried: str) -> tuple[str, bool]:
    """The year ``text`` names (or ``carried``), and whether it names one at all."""
    context = YEAR_CONTEXT.search(text)
    if not context:
        return carried, False
    found = context.group("year") or context.group("by") or context.group("lead") or context.group("span")
    if not found and context.group("fyp"):
        found = context.group("fyp").strip("“”")
    return found or carried, True


def _with_stretch(found: list[Target]) -> list[Target]:
    """Fold ``…，力争14.5%`` into the target before it; a clause with no subject takes the one before."""
    out: list[Target] = []
    for target in found:
        previous = out[-1] if out else None
        if (
            previous is not None
            and STRETCH.match(target.clause)
            and (not target.indicator or target.indicator in previous.indicator or target.unit == previous.unit)
        ):
            previous.stretch = target.value
            continue
        if previous is not None and not target.indicator:
            target.indicator = previous.indicator
        out.append(target)
    return out


def _clauses(sentence: str) -> Iterator[tuple[str, int]]:
    for s, e in split_spans(sentence, "，,："):
        yield sentence[s:e].rstrip("，,：。；"), s


def _quantities(clause: str, in_context: bool) -> list[re.Match[str]]:
    found = []
    verb_first = VERB_FIRST.match(_clean_subject(clause)) is not None
    ratios = [m.span() for m in RATIO.finditer(clause)]
    for match in QUANTITY.finditer(clause):
        if not match.group("unit") and any(a <= match.start() < b for a, b in ratios):
            continue  # a term of a ratio (``总产值比达到2.6比1``): the answer reads the ratio from the clause
        if clause.count("“", 0, match.start()) > clause.count("”", 0, match.start()):
            continue  # inside a quoted name: “15分钟健身圈”
        if clause[max(0, match.start() - 1) : match.start()] == "第":
            continue  # an ordinal, not an amount: 第54次常务会议, 第3批
        if _item_count(clause, match):
            continue  # how many items the plan lists: （共计121项）, 共58项任务
        after = clause[match.end() : match.end() + 1]
        if after in ("年", "月", "日", "号", "时", "期") and not match.group("unit"):
            continue
        if match.group("unit") == "年" or (match.group("unit") in SPAN_UNITS and not in_context):
            continue
        window = clause[max(0, match.start() - COMPARATOR_REACH) : match.start()]  # it ends right before the number
        has_cmp = COMPARATOR.search(window) is not None or (verb_first and bool(match.group("unit")))
        if not match.group("unit") and not has_cmp:
            continue
        joined = bool(found) and JOINED.fullmatch(clause[found[-1].end() : match.start()]) is not None
        if not in_context and not has_cmp and not joined:  # ``达到65%和55%``: the second shares the comparator
            continue
        found.append(match)
    return found


def _item_count(clause: str, match: re.Match[str]) -> bool:
    """Whether ``match`` counts the plan's own items (``（共计121项）``, ``共58项任务``) rather than setting a
    target."""
    if not ITEM_COUNT_BEFORE.search(clause[: match.start()]):
        return False
    after = clause[match.end() :]
    bracketed = clause.rfind("（", 0, match.start()) > clause.rfind("）", 0, match.start()) or clause.rfind(
        "(", 0, match.start()
    ) > clause.rfind(")", 0, match.start())
    unit = match.group("unit")
    return (bracketed and unit in ("项", "条")) or (unit in ITEM_UNITS and ITEM_COUNT_AFTER.match(after) is not None)


def _clause_targets(clause: str, year: str, in_context: bool) -> list[Target]:
    quantities = _quantities(clause, in_context)
    if not quantities:
        return []
    if len(quantities) > 1 and ("分别" in clause or "、" in clause[: quantities[0].start()]):
        respective = _respective(clause, quantities, year) or _pairs_unsaid(clause, quantities, year)
        if respective:
            return respective
    targets = []
    begin = 0
    for match in quantities:
        targets.append(_single(clause, begin, match, year))
        begin = match.end()
    return targets


def _respective(clause: str, quantities: list[re.Match[str]], year: str) -> list[Target]:
    head = clause[: quantities[0].start()]
    cmp = COMPARATOR.search(head)
    subject = head[: cmp.start()] if cmp else head
    by_year = _respective_years(clause, subject, quantities, cmp)
    if by_year:
        return by_year
    subject = _clean_subject(subject)
    items = [i for i in re.split(r"[、和及]", subject) if i]
    if len(items) != len(quantities):
        return []
    suffix = INDICATOR_SUFFIX.search(items[-1])
    out = []
    for item, match in zip(items, quantities):
        indicator = item if (INDICATOR_SUFFIX.search(item) or not suffix) else item + suffix.group(0)
        comparator = (cmp.group("cmp") if cmp else "").removeprefix("分别")
        out.append(_target(indicator, comparator, match, year, clause, baseline=""))
    return out


def _pairs_unsaid(clause: str, quantities: list[re.Match[str]], year: str) -> list[Target]:
    """``城乡居民收入分别增长6%、6.5%``: amounts given 分别 to parts the clause does not list (城镇 and 农村 in 城乡).
    Which amount is whose is not written, so it is one target that keeps them all as written (its comparator
    carries the amounts after the first: ``分别增长…、6.5%``)."""
    head = clause[: quantities[0].start()]
    cmp = COMPARATOR.search(head)
    subject = _clean_subject(head[: cmp.start()] if cmp else head)
    if "分别" not in head or not subject or re.search(r"[、和及与]", subject):
        return []
    comparator = f"{cmp.group('cmp') if cmp else ''}…{clause[quantities[0].end() : quantities[-1].end()]}"
    return [_target(subject, comparator, quantities[0], year, clause, baseline="")]


def _respective_years(
    clause: str, subject: str, quantities: list[re.Match[str]], cmp: re.Match[str] | None
) -> list[Target]:
    """``A2024年、2026年分别达到36%、40%``: one indicator, one target a listed year (none when the list and the
    amounts differ in number)."""
    listed = YEAR_LIST.search(subject)
    years = YEAR_DIGITS.findall(listed.group(0)) if listed else []
    if len(years) != len(quantities):
        return []
    indicator = _clean_subject(f"{subject[: listed.start()]}{subject[listed.end() :]}")  # type: ignore[union-attr]
    comparator = (cmp.group("cmp") if cmp else "").removeprefix("分别")
    return [_target(indicator, comparator, m, y, clause, baseline="") for y, m in zip(years, quantities)]


def _single(clause: str, begin: int, match: re.Match[str], year: str) -> Target:
    head = clause[begin : match.start()]
    if begin and re.match(rf"^(?:{alternation(BARE_QUALIFIERS)})?的", head):  # 收入达到10万元以上的村达到120个
        begin, head = 0, clause[: match.start()]
    head = re.sub(rf"^(?:{alternation(BARE_QUALIFIERS)})?、", "", head) if begin else head  # …以上、B达到…
    cmp = COMPARATOR.search(head)
    before = head[: cmp.start()] if cmp else head
    baseline = BASELINE.search(before)
    before = _clean_subject(BASELINE.sub("", before))
    comparator = cmp.group("cmp") if cmp else ""
    verb = VERB_FIRST.match(before)
    if verb and len(before) > verb.end() + 1:  # 新增托育位300个: the verb compares, the object is the indicator
        comparator, before = f"{verb.group(0)}{comparator}", before[verb.end() :]
    elif verb and verb.end() == len(before) and not comparator:  # 投资5600万元建设…: the verb alone comes first
        comparator, before = verb.group(0), ""
    after = clause[match.end() :]
    qualifier = QUALIFIER.match(after)
    after = after[qualifier.end() :] if qualifier else after
    after = "" if after.startswith("、") else after  # A达到2.5%、B达到65%: what follows 、 is the next item's
    verb_first = len(before) < 2
    if verb_first:
        indicator = after
    elif after and len(after) >= 2 and not comparator.endswith(CREATION_VERBS) and not verb:
        indicator = before + after
    else:
        indicator = before
    if qualifier:
        comparator = f"{comparator}…{qualifier.group(0)}"  # ``…以上`` with no verb: said after the amount
    target = _target(indicator, comparator, match, year, clause, baseline.group("year") if baseline else "")
    target.verb_first = verb_first
    return target


def _clean_subject(text: str) -> str:
    text = YEAR_CONTEXT.sub("", text).strip("，, ")
    text = text[heading_number_end(text) :]
    text = re.sub(r"^[\u4e00-\u9fff]{1,6}[:：]", "", text)  # 2.目标:全市粮食播种面积…: a label, not the indicator
    text = re.sub(r"^(?:其中|努力实现|力争实现|确保实现|实现|确保)", "", text)
    text = RECURRING.sub("", text) if RECURRING.match(text) else text
    return SCOPE_PREFIX.sub("", text).strip()


def _target(indicator: str, comparator: str, match: re.Match[str], year: str, clause: str, baseline: str) -> Target:
    return Target(
        doc_id="",
        path=[],
        indicator=indicator.strip("，、 "),
        comparator=comparator,
        value=match.group("num"),
        unit=UNIT_SPELLING.get(match.group("unit") or "", match.group("unit") or ""),
        year=year,
        clause=clause,
        sentence="",
        start=0,
        baseline_year=baseline,
    )
