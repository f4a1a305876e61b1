"""The grammar of responsibility phrases: who leads, who co-operates, by when.

One parser reads every form plans use, wherever the phrase stands (a bracket at the
end or in the middle of a paragraph, a label on its own line, a table cell):

- verbs: ``甲、乙牵头，丙等按职责分工负责`` · ``由甲会同乙负责`` · ``甲牵头督导`` · ``甲、乙分别牵头`` ·
  ``甲局负责`` (sole) · ``甲、乙等按职责分工负责`` (shared, no lead);
- labels: ``责任单位：甲、乙`` · ``牵头单位：甲；配合单位：乙、丙`` · ``牵头单位：甲 参加单位：乙`` ·
  ``主办/协办`` · ``完成时限：2024年6月底前``; a unit marked ``甲局（牵头）``;
- document conventions: ``列第一位的为牵头单位，下同`` makes the first unit of a plain list its lead
  until a later ``不分先后`` says otherwise; standing notes such as ``以下均需各县区政府落实，不再列出``.

Without a convention a plain list names no lead: the units share the task (``shared``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policykb.ingest.deadlines import DEADLINE_ONLY, find_deadline
from policykb.ingest.sentences import split_top_level
from policykb.kb.records import Responsibility

LEAD_LABEL = r"牵头单位|牵头部门|牵头领导|牵头责任单位|主办单位|主责单位|主责部门|第一责任单位|牵\s*头"
CO_LABEL = (
    r"配合单位|配合部门|参与单位|参与部门|参加单位|参加部门|协办单位|协助单位|协同单位|协作单位|协办部门|"
    r"责任单位（配合）|配\s*合|协\s*办"
)
GENERIC_LABEL = r"责任单位|责任部门|负责单位|负责部门|实施单位|承办单位|落实单位|责任主体|实施主体|主\s*办"
DEADLINE_LABEL = r"完成时限|时限要求|完成时间|时间节点|时间要求|完成期限|进度安排|时间安排|办结时限|时\s*限"
LABEL = re.compile(
    rf"(?P<label>{LEAD_LABEL}|{CO_LABEL}|{GENERIC_LABEL}|{DEADLINE_LABEL})\s*[:：]\s*",
)
LEAD_LABEL_RE = re.compile(rf"^(?:{LEAD_LABEL})$")
CO_LABEL_RE = re.compile(rf"^(?:{CO_LABEL})$")
DEADLINE_LABEL_RE = re.compile(rf"^(?:{DEADLINE_LABEL})$")

DUTY_WORDS = re.compile(r"牵头|负责|配合|落实|参与|参加|协办|主办|协助|会同|责任单位|责任部门")
LEAD_VERB = re.compile(r"^(?P<units>.+?)(?:共同|分别|具体)?牵头(?:负责|督导|推进|组织|实施|落实|抓总)?(?:落实)?$")
WITH = re.compile(r"^由?(?P<lead>.+?)(?:会同)(?P<co>.+?)(?:等)?(?:共同)?(?:负责|推进|落实|实施)?$")
CO_VERB = re.compile(
    r"^(?P<units>.+?)(?:等)?(?:各有关单位|有关单位)?(?:按职责分工|按照职责分工|按职责|根据职责|依职责|分工)?"
    r"(?P<verb>负责|配合|参与|参加|协助|协同|协办|落实|共同负责|分别负责|配合落实|共同推进|按职责落实)$"
)
LEAD_MARK = re.compile(r"[（(]牵头(?:单位)?[）)]$")
FIRST_IS_LEAD = re.compile(
    r"(?:列|排|位)(?:在|于)?(?:第一位|第一|首位|首)(?:的|者)?(?:单位|部门)?(?:为|是)(?:牵头|主办|主责)|"
    r"第一(?:责任)?(?:单位|部门)为牵头|首位(?:单位|部门)?为牵头"
)
NOT_RANKED = re.compile(r"不分先后|不分主次|排名不分|排序不分")
STANDING = re.compile(r"^以下(?:均|各项|任务|各项任务)?(?:均)?(?:需|由)?(?P<who>.+?)(?:负责)?落实")
STANDING_TAIL = re.compile(r"不再(?:一一)?(?:列出|单独列出|重复列出|做分工|分工|列举)|下同$")
LOCAL_GOVERNMENT = re.compile(r"(县|区|乡|镇|州|市)[^，、]{0,6}政府")
UNIT_SPLIT = re.compile(r"[、，,；;／/]|\s+|(?<=[局委办厅部社院联行司站心府])(?:和|及|与)")
ORG_SUFFIX = re.compile(
    r"(?:局|委|办|厅|部|院|会|中心|公司|集团|政府|单位|部门|机关|机构|银行|处|科|室|所|站|队|社|联|团|司|署|馆|校|"
    r"学校|大学|协会|组|园区|管委会|街道|乡镇|分局|支队|大队|总队|海关|法院|检察院|办公室|指挥部|医院|企业|中队)$"
)
VERBISH = re.compile(r"制定|推进|开展|建立|完善|加强|组织实施|研究|出台|推动|负责|配合|牵头")
TRAILING = re.compile(r"(?:等)?(?:相关|有关|各有关)?(?:单位|部门)?(?:按职责分工|按照职责分工|按职责)?(?:负责|配合|落实)?$")


@dataclass(frozen=True)
class Conventions:
    """What a document states once and every later task inherits."""

    first_is_lead: bool = False
    county_implements: bool = False
    standing_notes: tuple[str, ...] = ()


@dataclass
class Duty:
    """A responsibility phrase, parsed: units by role, a deadline, notes."""

    lead: list[str]
    co: list[str]
    shared: list[str]
    deadline: str = ""
    notes: list[str] | None = None

    @property
    def empty(self) -> bool:
        return not (self.lead or self.co or self.shared)


def is_org(name: str) -> bool:
    """Whether ``name`` reads as a unit (ends as bodies do, or names a group of them)."""
    name = name.strip()
    if not 2 <= len(name) <= 40 or VERBISH.search(name):
        return False
    return bool(ORG_SUFFIX.search(name)) or (name.startswith("各") and len(name) <= 10)


def split_units(text: str) -> list[str]:
    """Unit names of a list such as ``甲、乙和丙等`` (parentheses inside a name do not split it)."""
    units = []
    for part in _split_outside_brackets(text):
        part = TRAILING.sub("", part.strip()).strip() if not is_org(part.strip()) else part.strip()
        part = part.removesuffix("等").strip()
        if part and part not in units:
            units.append(part)
    return units


def _split_outside_brackets(text: str) -> list[str]:
    parts, depth, begin = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "（(〔［【":
            depth += 1
        elif ch in "）)〕］】" and depth:
            depth -= 1
        elif depth == 0:
            match = UNIT_SPLIT.match(text, i)
            if match and match.end() > i:
                parts.append(text[begin:i])
                begin = i = match.end()
                continue
        i += 1
    parts.append(text[begin:])
    return [p for p in parts if p.strip()]


def names_duty(text: str) -> bool:
    """Whether ``text`` (a bracket's inside, a line) could assign responsibility."""
    return bool(DUTY_WORDS.search(text) or LABEL.search(text))


def parse_duty(text: str) -> Duty:
    """Parse a responsibility phrase; units the phrase does not name as lead or co are ``shared``."""
    duty = Duty([], [], [], notes=[])
    for segment in _segments(text):
        _read_segment(segment, duty)
    return duty


def _segments(text: str) -> list[tuple[str, str]]:
    """``(label, value)`` pieces: labelled ones split at each label, the rest at top-level 。；."""
    out: list[tuple[str, str]] = []
    matches = list(LABEL.finditer(text))
    if not matches:
        return [("", s) for s in split_top_level(text, "。；;")]
    if matches[0].start() > 0:
        out.extend(("", s) for s in split_top_level(text[: matches[0].start()], "。；;"))
    for match, following in zip(matches, [*matches[1:], None]):
        value = text[match.end() : following.start() if following else len(text)].strip(" ；;。，,")
        label = re.sub(r"\s+", "", match.group("label"))
        pieces = split_top_level(value, "。；;") or [""]
        out.append((label, pieces[0]))
        out.extend(("", p) for p in pieces[1:])
    return out


def _read_segment(segment: tuple[str, str], duty: Duty) -> None:
    label, value = segment
    if DEADLINE_LABEL_RE.match(label):
        duty.deadline = duty.deadline or value.strip()
        return
    if LEAD_LABEL_RE.match(label):
        duty.lead.extend(_named(value, duty))
    elif CO_LABEL_RE.match(label):
        duty.co.extend(_named(value, duty))
    else:  # a generic label, or none: the verbs inside say who does what
        _read_clauses(value, duty, labelled=bool(label))


def _named(value: str, duty: Duty) -> list[str]:
    """Units of a labelled list; a verb tail (``…按职责分工负责``) is dropped, notes kept."""
    units: list[str] = []
    for clause in split_top_level(value, "，,"):
        if _is_note(clause):
            duty.notes.append(clause)  # type: ignore[union-attr]
            continue
        units.extend(split_units(clause))
    return units


def _read_clauses(value: str, duty: Duty, labelled: bool) -> None:
    for clause in split_top_level(value, "，,"):
        clause = clause.strip()
        if not clause:
            continue
        if _is_note(clause):
            duty.notes.append(clause)  # type: ignore[union-attr]
        elif DEADLINE_ONLY.fullmatch(clause):
            duty.deadline = duty.deadline or clause
        elif match := WITH.match(clause):
            if is_org(_first(match.group("lead"))):
                duty.lead.extend(split_units(match.group("lead")))
                duty.co.extend(split_units(match.group("co")))
            else:
                duty.notes.append(clause)  # type: ignore[union-attr]
        elif match := LEAD_VERB.match(clause):
            duty.lead.extend(split_units(match.group("units").removeprefix("由")))
        elif match := CO_VERB.match(clause):
            units = split_units(match.group("units").removeprefix("由"))
            (duty.co if match.group("verb") in ("配合", "参与", "参加", "协助", "协同", "协办") else duty.shared).extend(
                units
            )
        elif labelled or all(is_org(u) for u in split_units(clause)):
            _read_marked(clause, duty)
        else:
            found = find_deadline(clause)
            if found and not duty.deadline:
                duty.deadline = found
            duty.notes.append(clause)  # type: ignore[union-attr]


def _read_marked(clause: str, duty: Duty) -> None:
    """A plain list, where a unit may carry its role: ``甲局（牵头）、乙局``."""
    for unit in split_units(clause):
        if LEAD_MARK.search(unit):
            duty.lead.append(LEAD_MARK.sub("", unit))
        else:
            duty.shared.append(unit)


def _first(units: str) -> str:
    parts = split_units(units.removeprefix("由"))
    return parts[0] if parts else ""


def _is_note(clause: str) -> bool:
    return bool(
        STANDING.match(clause)
        or STANDING_TAIL.search(clause)
        or FIRST_IS_LEAD.search(clause)
        or NOT_RANKED.search(clause)
        or (LOCAL_GOVERNMENT.search(clause) and clause.endswith("落实") and not clause.startswith("由"))
    )


def conventions_after(text: str, conventions: Conventions) -> Conventions:
    """The conventions in force after ``text`` (a bracket or line) is read."""
    first_is_lead = conventions.first_is_lead
    if FIRST_IS_LEAD.search(text):
        first_is_lead = True
    elif NOT_RANKED.search(text):
        first_is_lead = False
    standing = conventions.standing_notes
    county = conventions.county_implements
    new = [
        clause
        for clause in split_top_level(text, "，。；,;")
        if STANDING.match(clause) or (STANDING_TAIL.search(clause) and "下同" not in clause)
    ]
    note = "，".join(new)
    if note and note not in standing:
        standing = (*standing, note)
        county = county or bool(LOCAL_GOVERNMENT.search(note))
    return Conventions(first_is_lead, county, standing)


def responsibility(duty: Duty, conventions: Conventions, raw: str) -> Responsibility:
    """The task's :class:`Responsibility` from its parsed phrase and the conventions in force."""
    lead = list(dict.fromkeys(duty.lead))
    co = [u for u in dict.fromkeys([*duty.co, *duty.shared]) if u not in lead]
    county = conventions.county_implements or any(
        LOCAL_GOVERNMENT.search(n) and n.endswith("落实") for n in duty.notes or []
    )
    own = [n for n in duty.notes or [] if not any(n in s for s in conventions.standing_notes)]
    notes = list(dict.fromkeys([*conventions.standing_notes, *own]))
    if lead:
        mode = "lead_co"
    elif conventions.first_is_lead and co:
        lead, co, mode = co[:1], co[1:], "lead_co"
    elif len(co) == 1 and not duty.co:
        lead, co, mode = co, [], "sole"
    else:
        mode = "shared"
    return Responsibility(
        lead_units=lead, co_units=co, mode=mode, county_implements=county, notes=notes, raw=raw.strip()
    )


# -- compatibility with the bracket-at-the-end API --------------------------------------------
BracketState = Conventions


def parse_bracket(inner: str, state: Conventions) -> tuple[Responsibility, Conventions]:
    """Parse the inside of one responsibility bracket under ``state``; returns the state after it."""
    after = conventions_after(inner, state)
    return responsibility(parse_duty(inner), replace(after), inner), after
