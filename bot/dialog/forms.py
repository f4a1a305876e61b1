"""The forms of a follow-up, each a function from the question and the last subject to a standalone question
(``""``: not this form). Read offline, in this order:

* continue — “还有呢/其他的呢”: the rest of a list (the other targets, the co-operating units);
* base year — “比哪一年下降？/这是和哪一年比？”: the last target asked again (its clause says the year);
* pointer — “这项任务/该工程/它/其中/上述/这个指标”: the last answer's task, target or unit;
* ellipsis — “那市商务局呢？/人均综合能耗呢？”: the last question again with a new unit, indicator, task,
  year or place (a *swap*);
* aspect — “配合单位有哪些？/谁牵头？/什么时候完成？/依据是什么？”: asked of the last task;
* predicate — “涉及多少个责任单位？”: a new predicate of the last question's subject.

Their words are in :mod:`policykb.kb.lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from policykb.bot.dialog.names import MIN_INDICATOR, PlanNames, common
from policykb.bot.dialog.subject import Subject, core
from policykb.bot.evidence import ASKED_UNIT
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import DOCUMENT, SENT_BY, classify
from policykb.kb.lexicon import (
    ASK_RESIDUE,
    ASKS_WHAT_ITEM,
    ASPECT_START,
    BARE_DATE_ASK,
    BARE_ISSUER_ASK,
    BARE_NUMBER_ASK,
    BASE_YEAR,
    BASE_YEAR_ASK,
    BASIS,
    COMPARATORS,
    CONTINUE,
    ELLIPSIS,
    INTERROGATIVE,
    LEAD_IN,
    LEADING_TIME,
    LEADING_YEAR,
    ORDINAL,
    ORDINAL_AGAIN,
    ORDINAL_DIGITS,
    POINTER,
    QUESTION_END,
    ROLE_ALONE,
    ROLE_WORDS,
    SUBJECT_VERB,
    TARGET_LEVELS,
    UNITS_ASKED,
    YEAR,
    alternation,
)

__all__ = [
    "FORMS",
    "Form",
    "read_aspect",
    "read_base_year",
    "read_continue",
    "read_ellipsis",
    "read_pointer",
    "read_predicate",
    "read_year_asked",
    "residue",
]

Form = Callable[[str, str, Subject, list[str] | None, PlanNames], str]
ROLE_WORD = re.compile("|".join(ROLE_WORDS))
CJK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.]")


def read_continue(body: str, asked: str, s: Subject, doc_ids: list[str] | None, names: PlanNames) -> str:
    """“还有呢/其他的呢”: the rest of what the last answer listed; “第三项呢？”: the item of that place in the list
    an earlier turn asked an item of."""
    again = ORDINAL_AGAIN.match(body)
    listed = s.listed or s.question
    if again and ORDINAL.search(listed):  # “第一项预期目标是什么？” then “第三项呢？”
        return with_ordinal(listed, again.group("n"))
    if not CONTINUE.match(body):
        return ""
    ordinal = ORDINAL.search(s.question)
    if ordinal:  # “第一项措施是什么？” then “还有呢？”: the next one
        return next_ordinal(s.question, ordinal)
    if s.kind == QuestionKind.OWNER and s.task:
        return f"{s.task}的{'配合单位' if s.focus == 'lead' else '责任单位'}有哪些"
    if s.kind == QuestionKind.UNIT_TASKS and s.units:
        return f"{s.units[0]}{'配合' if s.focus == 'lead' else '参与'}哪些工作"
    if s.kind in (QuestionKind.TARGET, QuestionKind.LIST) and s.task:
        return f"{s.task}有哪些量化目标"
    return s.question


def next_ordinal(question: str, ordinal: re.Match[str]) -> str:
    """``question`` asking the item after the one its ordinal names (第一项 → 第二项, 第3条 → 第4条)."""
    n = ordinal.group("n")
    if n.isdigit():
        following = str(int(n) + 1)
    elif n in ORDINAL_DIGITS[:-1]:
        following = ORDINAL_DIGITS[ORDINAL_DIGITS.index(n) + 1]
    else:
        following = "十一"
    return with_ordinal(question, following)


def with_ordinal(question: str, n: str) -> str:
    """``question`` asking the item its first ordinal names at place ``n`` instead (第一项 → 第三项)."""
    ordinal = ORDINAL.search(question)
    if ordinal is None:
        return ""
    return core(question[: ordinal.start("n")] + n + question[ordinal.end("n") :])


def _ordinal_of(text: str) -> int:
    """The place an ordinal of ``text`` names (``第四条`` → 4; 0: none)."""
    found = ORDINAL.search(text)
    n = found.group("n") if found else ""
    if n.isdigit():
        return int(n)
    return ORDINAL_DIGITS.index(n) + 1 if n in ORDINAL_DIGITS else 0


def read_base_year(body: str, asked: str, s: Subject, doc_ids: list[str] | None, names: PlanNames) -> str:
    """“比哪一年下降？/这是和哪一年比？/基准年是哪年？” after a target: that target asked again, whose clause and
    answer say the year it is measured against (``比2020年下降…``)."""
    if s.kind not in (QuestionKind.TARGET, QuestionKind.LIST) or not BASE_YEAR_ASK.match(body):
        return ""
    return s.question


def read_pointer(body: str, asked: str, s: Subject, doc_ids: list[str] | None, names: PlanNames) -> str:
    """“这项任务/该工程/它/其中/上述/这个指标…”: the pointer replaced by what it points to."""
    match = POINTER.search(body)
    if not match:
        return ""
    group = match.lastgroup
    if group == "among" and match.start() == 0 and _part_of_target(asked, s):
        return ""  # “其中灌排机械动力呢？”: an ellipsis of the last target's part
    if group == "item":
        return _listed_item(body, match, s, names)
    if group == "pair":
        name = _pair(s, names)
    elif group == "task":
        name = s.task or s.led or s.anchor  # after “改革办负责什么？”: the one task the unit leads
    elif group == "target":
        name = s.indicator or s.anchor
    elif group == "units":
        name = f"{s.task}的责任单位" if s.task else ""
    elif group == "among":
        name = _among(s)
    elif group == "plan" and not _asks_plan(body[: match.start()] + "该方案" + body[match.end() :], names):
        return ""  # “这个方案里甲局负责什么？”: not a question about the plan itself
    elif _asks_plan(body[: match.start()] + "该方案" + body[match.end() :], names):
        # “它的文号是什么？”: the plan, whatever the last turn asked; the plan of the place the question names
        name = "该方案" if _names_other_place(body, s, names) else _plan_of(s, names, asked_of_plan=True)
    else:
        name = s.anchor or _plan_of(s, names)
    if not name:
        return ""
    start, end = match.span()
    rest = body[end:]
    plan = name.endswith(("》", "方案"))  # a plan is the subject of what follows (它依据了…), not its owner
    joiner = "的" if group != "among" and not plan and rest and rest[0] not in "的中里" and _noun_next(rest) else ""
    return body[:start] + name + joiner + body[end:]


def _listed_item(body: str, match: re.Match[str], s: Subject, names: PlanNames) -> str:
    """“上面说的第四条由谁牵头？” after an ordinal question (“…的第一条是什么？”) and others: the fourth item of
    the part that question's answer came from, asked what follows; “上面说的第四条是什么？”: that question of the
    fourth item."""
    n = _ordinal_of(match.group(0))
    if not s.listed or not n:
        return ""
    rest = body[match.end() :]
    if ASKS_WHAT_ITEM.fullmatch(rest):
        return with_ordinal(s.listed, ORDINAL_DIGITS[n - 1] if n <= len(ORDINAL_DIGITS) else str(n))
    item = names.item_beside(*s.item, n) if all(s.item) else None
    if item is None:
        return ""
    joiner = "的" if rest[0] != "的" and _noun_next(rest) else ""
    return body[: match.start()] + item.title + joiner + rest


def _plan_of(s: Subject, names: PlanNames, asked_of_plan: bool = False) -> str:
    """The plan a turn about a plan itself (its 文号, basis, issuer) was about, or (``asked_of_plan``) the plan of
    any last turn: its title in book-title marks when the turn was scoped to it or its answer cited it alone, else
    该方案 (and the place that turn named is put before it): “它依据了哪些文件？” after “甲县…实施方案的文号是什么？”
    asks that plan's basis; “它是什么时候印发的？” after a refused “甲县…有多少项任务？” asks 甲县's plan."""
    if s.kind != QuestionKind.DOCUMENT and not asked_of_plan:
        return ""
    plans = s.doc_ids or (s.answered_in if s.answered else [])
    title = names.titles.get(plans[0], "") if len(plans) == 1 else ""
    return f"《{title}》" if title else "该方案"  # the place the last question named is put before it


def _pair(s: Subject, names: PlanNames) -> str:
    """“这两个方案” after turns about two plans: both, by their places (``乙县和甲市的方案``); ``""`` when the last
    two plans the conversation answered from are not two plans of two places."""
    plans = [*s.earlier_in[:1], *(s.doc_ids or s.answered_in)[:1]]
    places = [names.place_of(doc_id) for doc_id in plans]
    if len(plans) < 2 or plans[0] == plans[1] or not all(places) or places[0] == places[1]:
        return ""
    return f"{places[0]}和{places[1]}的方案"


def _names_other_place(body: str, s: Subject, names: PlanNames) -> bool:
    """Whether ``body`` names a place other than the last turn's plans' (“回到乙县的方案，它是哪个单位印发的？” after
    a turn about 甲市's plan): its 它 is that place's plan, not the last one."""
    span = names.place_span(body)
    if span is None:
        return False
    plans = s.doc_ids or (s.answered_in if s.answered else [])
    return not any(names.is_place_of(body[span[0] : span[1]], doc_id) for doc_id in plans)


def _asks_plan(text: str, names: PlanNames) -> bool:
    """Whether ``text`` (the pointer read as 该方案) asks about the plan itself: its 文号, issuer, date or basis."""
    return classify(text, names.units).kind == QuestionKind.DOCUMENT


def _part_of_target(asked: str, s: Subject) -> bool:
    """Whether ``asked`` (``其中X呢？``) names a part of the last target's indicator, asked like it."""
    return s.kind in (QuestionKind.TARGET, QuestionKind.LIST) and QUESTION_END.sub("", asked).endswith("呢")


def _among(s: Subject) -> str:
    if s.kind == QuestionKind.UNIT_TASKS and s.units:
        return f"{s.units[0]}的任务中"
    if s.kind in (QuestionKind.TARGET, QuestionKind.LIST) and s.task:
        return f"{s.task}的目标中"
    if s.task:
        return f"{s.task}的责任单位中"
    return f"{s.anchor}中" if s.anchor else ""


def read_ellipsis(body: str, asked: str, s: Subject, doc_ids: list[str] | None, names: PlanNames) -> str:
    """“那X呢？”: the last question again with X in place of its unit, task, indicator or year."""
    match = ELLIPSIS.match(QUESTION_END.sub("", asked)) or ELLIPSIS.match(body + "呢")
    if not match or not (asked.rstrip("？? 。").endswith(("呢", "怎么样", "如何"))):
        return ""
    x = match.group("x").strip()
    x = re.sub(r"^(?:到|至|截至|在)(?=(?:19|20)\d\d)", "", LEAD_IN.sub("", x))
    x = YEAR_END.sub(r"\1", x)  # “那2020年底呢？”: that year
    if not x or not CJK.search(x) or (residue(x) == "" and not YEAR.fullmatch(x)):
        return ""  # “那配合单位呢”: an aspect, not a new subject
    if INTERROGATIVE.search(x):
        return ""  # “……由哪些单位牵头呢？” is a whole question, not an ellipsis
    previous = s.question
    dated = LEADING_YEAR.match(x)
    if dated and residue(x[dated.end() :]):  # “那2025年单位GDP能耗呢？”: a new subject, then its year
        swapped = _swap(names, previous, s, x[dated.end() :], doc_ids)
        return swap_year(names, swapped, dated.group(1)) if swapped else ""
    return _swap(names, previous, s, x, doc_ids)


YEAR_END = re.compile(r"^((?:19|20)\d\d年)(?:底|末)$")
"""A year asked by its end (``2020年底``): the year itself."""


def _swap(names: PlanNames, previous: str, s: Subject, x: str, doc_ids: list[str] | None) -> str:
    """The last question with ``x`` in place of its place, unit, year, task, indicator or verb phrase."""
    asking = _document_asking(previous) if s.kind == QuestionKind.DOCUMENT else ""
    if asking and names.plan_in(x) and not names.units.find(x):  # “乙县…实施方案呢？”: that plan's 文号, date
        return f"{x}{asking}"
    place = names.place_opening(x)
    if place and not x[len(place) :].strip("的"):  # “河西市的呢？”: the last question of another place
        return swap_place(names, previous, place)
    units = names.units.find(x) or names.units.unknown_org_mentions(x)
    if place and not units:  # “河西市省考断面达标率呢？”: another place and its own subject, both swapped
        swapped = _swap(names, previous, s, x[len(place) :].lstrip("的"), doc_ids)
        return swap_place(names, without_own_year(names, swapped, place), place) if swapped else ""
    if units and not any(x[:2] in unit for unit in units) and swap_phrase(previous, x):
        return swap_phrase(previous, x)  # “报送县政府”: a verb and its object, not a unit
    if units:
        return swap_unit(names, previous, s, x)
    if YEAR.fullmatch(x):
        return swap_year(names, previous, x)
    named = names.task_in(x, doc_ids)
    if named and (not names.indicator_in(x, doc_ids) or len(named[1]) >= len(x) - 2):
        return swap_task(names, previous, s, named[0].title, doc_ids)
    return swap_indicator(names, previous, s, x, doc_ids) or swap_phrase(previous, x)


def _document_asking(previous: str) -> str:
    """What a question about a plan itself asks, after the words naming the plan (``是哪个单位印发的``, ``的文号是多少``
    of ``甲市…方案是哪个单位印发的？``); ``""`` when the question names no plan before it."""
    body = core(previous)
    found = DOCUMENT.search(body) or re.search(SENT_BY, body)  # ``…意见是哪几个部门发的``
    if found is None:
        return ""
    start = found.start()
    while start > 0 and body[start - 1] in "是的":
        start -= 1
    return body[start:] if residue(body[:start]) else ""


def swap_phrase(previous: str, x: str) -> str:
    """“…什么时候前报送分管领导？” then “那报送市政府呢？”: the last question's phrase that starts with ``x``'s verb
    (its first two characters), up to the words of asking or the end, replaced by ``x``."""
    body = core(previous)
    start = body.find(x[:2]) if len(x) > 2 else -1
    if start < 0:
        return ""
    asking = INTERROGATIVE.search(body, start + 2)
    end = asking.start() if asking else len(body)
    return body[:start] + x + body[end:] if end - start > 2 and body[start:end] != x else ""


def swap_unit(names: PlanNames, previous: str, s: Subject, x: str) -> str:
    spans = names.unit_spans(previous, s.units)
    if spans:
        start = previous.find(spans[0])
        end = start + len(spans[0])
        old = names.place_span(previous)
        if old and old[0] <= start <= old[1] and names.place_opening(x):
            start = old[0]  # “桐溪县城管局” then “临川县交通运输局呢”: the new place and unit replace both
        return previous[:start] + x + previous[end:]
    if s.kind == QuestionKind.OWNER and s.task:
        return f"{s.task}的责任单位中有{x}吗"
    return f"{x}{'牵头' if s.focus == 'lead' else '参与'}哪些工作"


PLACE_LEVEL_END = re.compile(r"(?:县|区|市|旗|镇|乡|街道)$")
"""The level a place's name ends with (``柳溪县``, ``东浦区``)."""


def place_run(level: str) -> re.Pattern[str]:
    """A run of places of one level joined by ``、``/``和`` (``青岩县、白沙县``), at the start of a text."""
    one = rf"[\u4e00-\u9fff]{{1,4}}?{level}"
    return re.compile(rf"^{one}(?:[、和及与]{one})*")


def swap_place(names: PlanNames, previous: str, place: str) -> str:
    """The last question asked of ``place``: in place of the place it named (or of the places of ``place``'s level
    it named within that place: ``白岭州青岩县、白沙县…`` then ``那柳溪县呢？``), else before it (after a leading
    “到2025年，”)."""
    old = names.place_span(previous)
    level = PLACE_LEVEL_END.search(place)
    if old and level:
        within = place_run(level.group(0)).match(previous[old[1] :])
        members = re.split(r"[、和及与]", within.group(0)) if within else []
        if members and place not in previous[old[0] : old[1]] and all(names.place_opening(m) == m for m in members):
            return previous[: old[1]] + place + previous[old[1] + within.end() :]
    if old:
        return previous[: old[0]] + place + previous[old[1] :]
    lead = LEADING_TIME.match(previous)
    cut = lead.end() if lead else 0
    return previous[:cut] + place + previous[cut:]


OWN_YEAR = re.compile(r"(?:到|至|截至|在)?((?:19|20)\d\d)年(?:底|末)?(?:前)?[，,]?")
"""The year a question asks of (``到2020年底``)."""


def without_own_year(names: PlanNames, question: str, place: str) -> str:
    """``question`` without its year when that year is its own place's annual plan's and ``place``'s annual plans
    are of other years (``青禾市到2026年底…`` of 青禾市's 2026 plan, asked next of 栗原's 2025 plan)."""
    old, year = names.place_span(question), OWN_YEAR.search(question)
    if old is None or year is None:
        return question
    own, other = names.annual_years(question[old[0] : old[1]]), names.annual_years(place)
    if year.group(1) in own and other and year.group(1) not in other:
        return question[: year.start()] + question[year.end() :]
    return question


def swap_year(names: PlanNames, previous: str, x: str) -> str:
    """The last question of another year: its year replaced, else the year put first (“到2030年，…”); the
    year of an annual plan is that plan's (“青禾市2024年…”), not a year a target is due by."""
    year = x if x.endswith("年") or "五" in x else f"{x}年"
    if YEAR.search(previous):
        return YEAR.sub(year, previous, count=1).replace("年年", "年")
    place = names.place_span(previous)
    if place and year[:4] in names.annual_years(previous[place[0] : place[1]]):
        return previous[: place[1]] + year + previous[place[1] :]
    return f"到{year}，{previous}"


def swap_task(names: PlanNames, previous: str, s: Subject, title: str, doc_ids: list[str] | None) -> str:
    old = names.task_in(previous, doc_ids)
    if old:
        return previous.replace(old[1], title, 1)
    if s.kind in (QuestionKind.TARGET, QuestionKind.LIST):
        return f"{title}有哪些量化目标"
    if s.kind == QuestionKind.UNIT_TASKS and s.units:
        return f"{title}的责任单位中有{s.units[0]}吗"
    return f"{title}由哪些单位负责"


def swap_indicator(names: PlanNames, previous: str, s: Subject, x: str, doc_ids: list[str] | None) -> str:
    named = names.indicator_in(x, doc_ids)
    new = named[0].indicator if named and named[0] is not None and len(named[1]) >= len(x) - 1 else x
    if s.kind == QuestionKind.TARGET and TARGET_LEVELS.match(x):  # “激励目标呢？”: the same target's other level
        return f"{core(previous)}，{x}是多少"
    if s.kind in (QuestionKind.TARGET, QuestionKind.LIST, QuestionKind.FACT):
        old = common(previous, s.indicator) if s.indicator else ""
        if len(old) >= max(MIN_INDICATOR, len(s.indicator) // 2):
            replacement = new if old == s.indicator else x
            at = previous.find(old)
            said = _said_before(previous[:at], replacement)  # “全年新增光伏装机” then “新增公共充电设施呢？”
            said = said or _qualifiers_before(previous[:at], replacement, old)
            swapped = previous[: at - len(said)] + replacement + previous[at + len(old) :]
            swapped = BASE_YEAR.sub("", swapped)
            return ASKED_UNIT.sub("多少", swapped)  # 公里, 比2005年: the last indicator's unit and base
        return f"{new}要达到多少" if s.kind != QuestionKind.FACT else ""
    task = names.task_in(previous, doc_ids)  # “这项任务谁负责？” then “人均综合能耗呢？”
    return previous.replace(task[1], new, 1) if task else ""


QUALIFIER_RUN = re.compile(r"(?:[\u4e00-\u9fff]{2}[、和])+[\u4e00-\u9fff]{2}$")
"""Kinds listed before a thing (``公共、专用`` of ``公共、专用充电基础设施``)."""


def _qualifiers_before(before: str, new: str, old: str) -> str:
    """The kinds listed right before the last indicator (``公共、专用``) when the new subject is that indicator of its
    own kind (``个人充电基础设施`` after ``公共、专用充电基础设施``): the new kind stands in their place."""
    if not (new.endswith(old) and len(new) > len(old)):
        return ""
    found = QUALIFIER_RUN.search(before)
    return found.group(0) if found else ""


def _said_before(before: str, new: str) -> str:
    """The words that end ``before`` and open ``new`` (two characters or more), which ``new`` says again."""
    return next((new[:k] for k in range(min(len(before), len(new) - 1), 1, -1) if before.endswith(new[:k])), "")


SETTING_VERB = re.compile(alternation(COMPARATORS))  # “要控制在多少”: how a figure is set, no subject
YEAR_ASKED = re.compile(r"^(?:到|至|截至|在)?((?:19|20)\d\d)年(?:底|末)?(?:前|时)?[，,]?")


def read_year_asked(body: str, asked: str, s: Subject, doc_ids: list[str] | None, names: PlanNames) -> str:
    """“那到2025年要达到多少？” after “甲市2020年粮食总产量是多少？”: a year and words of asking, no subject of the
    question's own: the last question of that year (asked bare, it was answered from any plan's 2025 figure)."""
    year = YEAR_ASKED.match(body)
    rest = body[year.end() :] if year else ""
    if not year or not INTERROGATIVE.search(rest) or residue(SETTING_VERB.sub("", rest)):
        return ""
    return swap_year(names, s.question, f"{year.group(1)}年")


def read_aspect(body: str, asked: str, s: Subject, doc_ids: list[str] | None, names: PlanNames) -> str:
    """“配合单位有哪些？/谁牵头？/什么时候完成？/依据是什么？”: asked of the last task."""
    if s.kind == QuestionKind.DOCUMENT and BARE_NUMBER_ASK.match(body):
        plan = _plan_asked(s)  # “文号呢？” after “甲市…意见是哪几个部门发的？”
        return f"{plan}的文号是多少" if plan else ""
    if s.kind == QuestionKind.DOCUMENT and (BARE_DATE_ASK.match(body) or BARE_ISSUER_ASK.match(body)):
        plan = _plan_asked(s)  # “什么时候？”, “是谁印发的？” after “甲市…方案是哪个单位印发的？”
        asked = body.removeprefix("是")
        return f"{plan}是{asked}{'' if ISSUING_END.search(asked) else '印发的'}" if plan else ""
    if residue(body) or names.units.find(body) or names.units.unknown_org_mentions(body):
        return ""
    if BASIS.search(body):
        return s.question
    if YEAR.search(body):
        return ""
    anchor = _unit_anchor(body, s) if s.kind == QuestionKind.UNIT_TASKS else (s.task or s.anchor)
    if not anchor:
        return ""
    body = re.sub(r"^(它的|它|其|该)", "", body)
    body = ROLE_WORD.sub(lambda found: ROLE_WORDS[found.group(0)], body)  # “协办单位呢” → “配合单位呢”
    body = ROLE_ALONE.sub(r"\1单位呢", body)  # “参与的呢” → “参与单位呢”
    if body.endswith("呢"):  # “配合单位呢” → “配合单位有哪些”
        body = body[:-1] + ("有哪些" if body[:-1].endswith(("单位", "部门", "目标", "指标", "任务")) else "是什么")
    return f"{anchor}{'' if ASPECT_START.match(body) else '的'}{body}"


ISSUING_END = re.compile(r"(?:印发|发布|下发|出台|发)的?$")
"""A bare question that says its verb (``是谁印发的``): nothing to add after it."""


def _plan_asked(s: Subject) -> str:
    """The words the last question about a plan itself named it by (``甲市…方案`` of ``甲市…方案是哪个单位印发的？``),
    ``""`` when it named none before its asking words."""
    asking = _document_asking(s.question)
    return core(s.question)[: len(core(s.question)) - len(asking)] if asking else ""


def _unit_anchor(body: str, s: Subject) -> str:
    """What an aspect asked after a unit's tasks is of: the one task the unit leads when the aspect asks units
    (“市经贸委牵头哪些项目？” then “配合单位有哪些？” asks that task's), else the unit (“参与哪些工作？”)."""
    return s.led if s.led and UNITS_ASKED.search(body) else s.anchor


def read_predicate(body: str, asked: str, s: Subject, doc_ids: list[str] | None, names: PlanNames) -> str:
    """“涉及多少个责任单位？” after “甲县重点工作任务分解明确了多少项任务？”: a new predicate of the last question's
    subject (what it said before its own verb of the same kind, else its task or unit)."""
    verb = SUBJECT_VERB.match(body)
    if not verb or not INTERROGATIVE.search(body) or YEAR.search(body) or names.place_span(body, tagged=False):
        return ""
    if names.units.find(body) or names.units.unknown_org_mentions(body):
        return ""
    previous = core(s.question)
    asking = INTERROGATIVE.search(previous)
    said = [found.start() for found in SUBJECT_VERB.finditer(previous, 0, asking.start() if asking else 0)]
    subject = previous[: said[-1]] if said else (s.task or s.anchor)  # else what the last turn was about
    return subject + body if len(residue(subject)) >= 2 else ""


FORMS: tuple[tuple[str, Form], ...] = (
    ("continue", read_continue),
    ("base year", read_base_year),
    ("pointer", read_pointer),
    ("ellipsis", read_ellipsis),
    ("year", read_year_asked),
    ("aspect", read_aspect),
    ("predicate", read_predicate),
)


def residue(text: str) -> str:
    """What is left of ``text`` once the words of asking are taken out (its own subject, if any)."""
    rest = ASK_RESIDUE.sub("", text)
    return "".join(CJK.findall(rest))


def _noun_next(rest: str) -> bool:
    return not ASPECT_START.match(rest)
