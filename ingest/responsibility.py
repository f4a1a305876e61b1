"""The grammar of responsibility phrases: who leads, who co-operates, by when.

One parser reads every form plans use, wherever the phrase stands (a bracket at the
end or in the middle of a paragraph, a label on its own line, a table cell):

- verbs: ``甲、乙牵头，丙等按职责分工负责`` · ``由甲会同乙负责`` · ``甲牵头督导`` · ``甲、乙分别牵头`` ·
  ``甲局负责`` (sole) · ``甲、乙等按职责分工负责`` (shared, no lead) · ``甲、乙指导`` and ``甲指导，乙参与``
  (guiding units: no lead, all share); ``由甲、乙、丙等部门负责落实选址`` (an action of its own, shared);
- a list that ends in local governments (``甲、乙等和各有关省级人民政府负责``, ``甲及各县区政府按职责分工负责``)
  splits before the group, so no unit name holds both;
- labels: ``责任单位：甲、乙`` · ``牵头单位：甲；配合单位：乙、丙`` · ``牵头单位：甲 参加单位：乙`` ·
  ``主办/协办`` · ``完成时限：2024年6月底前``; a unit marked ``甲局（牵头）``;
- document conventions: ``列第一位的为牵头单位，下同`` makes the first unit of a plain list its lead
  until a later ``不分先后`` says otherwise; ``标☆的为牵头单位`` makes the marked units the leads; standing notes
  such as ``以下均需各县区政府落实，不再列出``.

Without a convention a plain list names no lead: the units share the task (``shared``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policykb.ingest.deadlines import DEADLINE_ONLY, deadline_phrase, find_deadline
from policykb.ingest.unit_names import VERBISH, is_org, split_units
from policykb.kb.lexicon import (
    CLOSING_DUTY_VERBS,
    CO_NAMES,
    COMMAND_VERBS,
    DUTY_MENTION_WORDS,
    GENERIC_GROUP,
    HOST_VERBS,
    LEAD_NAMES,
    LOCAL_GROUP,
    WORK_DUTY_VERBS,
    alternation,
)
from policykb.kb.records import Responsibility
from policykb.kb.text import split_top_level

SKIP_LABEL = r"(?:牵头|责任|分管|牵头负责|责任分管)(?:市|县|区)?领导|责任人|联系人|适用范围|推广范围|实施范围|适用地区"
LEAD_LABEL = (
    r"牵头单位|牵头部门|牵头责任单位|主要责任单位|主要责任部门|主办单位|主责单位|主责部门|第一责任单位|牵\s*头|主\s*办"
)
CO_LABEL = (
    rf"(?:{alternation(CO_NAMES)}|协作)(?:责任|配合)?(?:单位|部门)|"
    r"责任单位（配合）|配\s*合|协\s*办"
)
GUIDE_LABEL = r"(?:督导|指导)(?:单位|部门)"
"""``督导单位：乙局`` · ``指导部门：甲部``: units that supervise or guide the task share it and never lead it."""
GENERIC_LABEL = r"责任单位|责任部门|负责单位|负责部门|实施单位|承办单位|落实单位|责任主体|实施主体"
DIVISION_LABEL = r"(?:部门|责任|任务|职责|工作)分工"
"""``部门分工：甲厅牵头，各地、各部门配合。``: a label whose value states the division in a sentence; read like a
sentence of running text, so words that are no unit name nobody."""
DEADLINE_LABEL = (
    r"完成时限|时限要求|完成时间|时间节点|时间要求|完成期限|进度安排|时间安排|"
    r"(?:办结|治理|整治|整改|建设|实施)时限|时\s*限"
)
"""``治理时限：2024年底`` · ``整改时限：…``: the time a work of its kind is to be done by."""
LABEL_LEVEL = r"(?:(?:省|市|县|区|州|盟|旗)级)?"
"""``市级配合单位：乙局`` · ``县级责任单位：甲局``: a label a government level opens is the label itself (the plan
names the units of its own level apart from the local ones it lists elsewhere)."""
LABEL = re.compile(
    rf"{LABEL_LEVEL}(?P<label>{SKIP_LABEL}|{LEAD_LABEL}|{CO_LABEL}|{GUIDE_LABEL}|{GENERIC_LABEL}|{DIVISION_LABEL}|"
    rf"{DEADLINE_LABEL})"
    r"\s*[:：]\s*",
)
LEAD_LABEL_RE = re.compile(rf"^(?:{LEAD_LABEL})$")
CO_LABEL_RE = re.compile(rf"^(?:{CO_LABEL})$")
GUIDE_LABEL_RE = re.compile(rf"^(?:{GUIDE_LABEL})$")
DEADLINE_LABEL_RE = re.compile(rf"^(?:{DEADLINE_LABEL})$")
GENERIC_LABEL_RE = re.compile(rf"^(?:{GENERIC_LABEL})$")
LISTED_LINE = re.compile(rf"^[［\[（(〔【]?{LABEL_LEVEL}(?:{GENERIC_LABEL})\s*[:：]")
"""A label line that lists the task's units without a role (``责任单位：甲局、乙局``); a ``配合单位`` line after it
makes them the leads, as a ``责任单位`` column beside a ``配合单位`` column does."""
SKIP_LABEL_RE = re.compile(rf"^(?:{SKIP_LABEL})$")
DIVISION_LABEL_RE = re.compile(rf"^(?:{DIVISION_LABEL})$")

DUTY_MENTION = re.compile(alternation(DUTY_MENTION_WORDS))
LEAD_VERB = re.compile(r"^(?P<units>.+?)(?:共同|分别|具体|统一)?牵头(?:负责|督导|推进|组织|实施|落实|抓总)?(?:落实)?$")
SPEAKER = re.compile(r"^[^：:，,。；;、]{1,12}[：:](?=由)")
"""``李某：由甲局、乙局等责任单位牵头``: who speaks (an interview's answer) opens the clause; the units start at 由."""
TASK_SUBJECT = re.compile(r"^(?:该|此|这|本|上述|以上|各)(?:项|些|几项)?(?:工作|任务|事项|项目|措施)由")
"""``该项工作由甲局牵头``: the clause's subject is the task itself; the units start after 由."""
WORK_SUBJECT = re.compile(
    rf"^(?P<subject>[^，,。；;：:由以]{{2,30}}?[：:]?)(?P<by>由|以)(?P<units>[^，,。；;由以]{{2,40}}?)(?P<verb>{alternation(WORK_DUTY_VERBS)})$"
)
"""``门前整治由乙室负责`` · ``摊点整治以甲所、乙办为主`` · ``占道清理以丙办负责``: a clause whose subject is
the work named before 由/以 (no unit); its units follow, and 以…为主 makes them the leads as 牵头 does."""
HOST_VERB = re.compile(rf"^由?(?P<units>[^由]+?)(?:{alternation(HOST_VERBS)})$")
"""``由甲局承办`` · ``甲局主办``: the units lead, as with 牵头; never a thing they host (``某博览会由省政府主办``)."""
CO_HOST = re.compile(r"协办$")
"""A clause that closes on 协办 (``乙局协办``): the clause beside it that 承办 states the lead, 由 or not."""
LEAD_ACTION = re.compile(r"^由(?P<units>[^，,。；;]+?)(?:共同|分别|具体)?牵头(?P<action>[^，,。；;]{2,20})$")
"""``由甲厅、乙委等省级主管部门牵头完成自查报告``: the units 由 names lead the action after 牵头."""
SHARE_ACTION = re.compile(
    r"^由(?P<units>[^，,。；;由]+?)(?P<many>等部门|等单位|等)?(?:共同|分别|具体)?负责(?:落实)?(?!相关|有关|具体|各项|此项|该项|上述)(?P<action>[^，,。；;]{2,20})$"
)
"""``由甲局、乙局、丙局等部门负责落实选址``: the units 由 names carry out the action after 负责 together (one unit
alone, ``由甲局负责编制规划``, owns it); never an action of no content of its own (``由直属部门负责相关工作``)."""
COMMAND = re.compile(rf"^由(?P<units>[^，,。；;由]+?)(?:{alternation(COMMAND_VERBS)})$")
"""``由县防火指挥部指挥``: the unit that commands owns the task alone; only after 由, so a body named ``…指挥部`` or a
sentence about commanding (``统一协调指挥``) names nobody."""
WITH = re.compile(
    r"^由?(?P<lead>.+?)(?:会同)(?P<co>.+?)(?:等)?(?:共同)?"
    r"(?:负责落实|负责|推进|落实|实施|组织实施|抓好落实|研究落实|研究提出(?:具体)?(?:落实|实施)?(?:意见|办法|措施|方案))?$"
)
CO_VERB = re.compile(
    r"^(?P<units>.+?)(?:等)?(?:各有关单位|有关单位)?(?:按职责分工|按照职责分工|按职责|根据职责|依职责|分工)?"
    r"(?:要|应|应当|须|必须|需)?(?:密切|紧密|积极|主动|全力|全面|通力|协调)?"
    r"(?P<verb>负责落实|负责|配合|参与|参加|协助|协同|协办|落实|共同负责|分别负责|配合落实|共同推进|按职责落实|"
    r"(?:负责|共同|督促)?指导(?:督促|推进|实施|落实)?)$"
)
LEAD_MARK = re.compile(r"[（(]牵头(?:单位)?[）)]$")
FIRST_IS_LEAD = re.compile(
    r"(?:列|排|位)(?:名|序)?(?:在|于)?(?:第一位|第一|首位|首)(?:的|者)?(?:责任)?(?:单位|部门)?(?:为|是)(?:工作)?(?:"
    rf"{alternation(LEAD_NAMES)})|"
    r"第一(?:责任)?(?:单位|部门)为牵头|首位(?:单位|部门)?为牵头"
)
ALL_LEAD = re.compile(r"(?:无|没有|未列|未明确)牵头单位的?[，,]?(?:责任单位|所列单位)?(?:即|均)?为牵头单位")
MARK_IS_LEAD = re.compile(
    r"(?:标注|标有|带有|加注|标|带|加|打|注)?[“”\"「」]?(?P<mark>[☆★*＊※△▲◆◇●■#＃])[“”\"「」]?(?:号|标记|符号|标志)?"
    rf"(?:的|者)?(?:单位|部门)?(?:为|是)(?:工作)?(?:{alternation(LEAD_NAMES)})"
)
"""``标☆的为牵头单位`` · ``带*号的为牵头部门`` · ``★为牵头单位``: a mark before or after a unit's name makes it
a lead."""
NOT_RANKED = re.compile(r"不分先后|不分主次|排名不分|排序不分")
STANDING = re.compile(r"^以下(?:均|各项|任务|各项任务)?(?:均)?(?:需|由)?(?P<who>.+?)(?:负责)?落实")
STANDING_TAIL = re.compile(r"不再(?:一一)?(?:列出|单独列出|重复列出|做分工|分工|列举)|下同$")
LOCAL_GOVERNMENT = re.compile(r"(县|区|乡|镇|州|市)[^，、]{0,6}政府")
NOTE_BRACKET = re.compile(r"[（(]([^（）()]{4,60})[）)]")
ROLES = ("lead", "co", "shared", "owners", "guides")  # the lists of a Duty, by role
CO_VERBS = (*CO_NAMES, "配合落实")
DUTY_VERB_END = re.compile(rf"(?:{alternation(CLOSING_DUTY_VERBS)})$")
CO_TAIL = re.compile(r"(?:负责)?落实$")
LOCAL_CLOSE = re.compile(r"(?:具体|负责|抓好|组织|共同)*落实$")


@dataclass(frozen=True)
class Conventions:
    """What a document states once and every later task inherits."""

    first_is_lead: bool = False
    all_lead: bool = False  # 无牵头单位的，责任单位即为牵头单位
    county_implements: bool = False
    standing_notes: tuple[str, ...] = ()
    lead_mark: str = ""  # 标☆的为牵头单位: the mark that makes a unit a lead


@dataclass
class Duty:
    """A responsibility phrase, parsed: units by role, a deadline, notes.

    ``owners`` are units that simply ``负责`` (without 按职责分工): the lead when others co-operate. ``guides`` are
    units that ``指导`` (guide): they share the task and never lead it, even alone.
    """

    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    deadline: str = ""
    notes: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    guides: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)  # units a 责任单位 label lists (kept in shared as well)
    co_labelled: bool = False  # a 配合单位 label names co-operating units
    strict: bool = field(default=False, repr=False)  # every unit must read as a unit (running text)
    paired: bool = field(default=False, repr=False)  # a 协办 clause beside: a bare 甲局承办 is a duty, no event's

    @property
    def empty(self) -> bool:
        return not (self.lead or self.co or self.shared or self.owners or self.guides)

    @property
    def units(self) -> list[str]:
        return [*self.lead, *self.owners, *self.co, *self.shared, *self.guides]


def names_duty(text: str) -> bool:
    """Whether ``text`` (a bracket's inside, a line) could assign responsibility."""
    return bool(DUTY_MENTION.search(text) or LABEL.search(text))


def parse_duty(text: str, strict: bool = False, paired: bool = False) -> Duty:
    """Parse a responsibility phrase; ``strict`` for running text, where every unit must read as one; ``paired``
    when a 协办 clause stands beside a bare ``甲局承办``."""
    duty = Duty(strict=strict, paired=paired)
    for label, value in _segments(text):
        _read_segment(label, value, duty)
    return duty


def sentence_duty(sentence: str) -> Duty | None:
    """The responsibility a sentence of running text assigns in its leading or trailing clauses
    (``甲局牵头，乙局配合，2023年9月底前完成…`` / ``…，由甲局会同乙局负责``) or in a run of clauses that opens
    with 由 inside it (``各项重点，由甲厅、乙委等主管部门牵头完成报告，其他部门配合，于…前报送``), else ``None``.

    Every unit must read as a unit, so an ordinary sentence (``市发改委牵头制定办法``) assigns nothing.
    """
    clauses = split_top_level(sentence, "，,")
    paired = any(CO_HOST.search(c) for c in clauses)
    inner = [_duty_run(clauses[i:], paired) for i, c in enumerate(clauses) if i and c.strip().startswith("由")]
    for part in (_duty_run(clauses, paired), _duty_run(clauses[::-1], paired)[::-1], *inner):
        if part:
            duty = parse_duty("，".join(part), strict=True, paired=paired)
            if not duty.empty and all(_local_implements(n) for n in duty.notes):
                rest = [c for c in clauses if c not in part]
                duty.deadline = duty.deadline or _rest_deadline(rest)
                return duty
    return None


def _rest_deadline(rest: list[str]) -> str:
    """The deadline the clauses beside a sentence's duty set: a dated one (``…，2024年6月底前完成``), else a clause
    that is only a standing term (``…，市乙局配合，长期坚持``)."""
    standing = (deadline_phrase(c) for c in rest if DEADLINE_ONLY.fullmatch(c.strip()))
    return find_deadline("，".join(rest)) or next(standing, "")


def opens_own_task(sentence: str) -> bool:
    """Whether ``sentence`` opens with its units and goes on to an action of its own (``甲局负责，乙局配合，强化对…的
    监管``): its task is that action, not the text before it. A sentence whose remainder only sets a time (``甲局牵头，
    2026年底前完成``) closes the task before it."""
    clauses = split_top_level(sentence, "，,")
    run = _duty_run(clauses)
    rest = [c.strip() for c in clauses[len(run) :]]
    return bool(run) and any(len(c) >= 4 and not DEADLINE_ONLY.fullmatch(c) and not find_deadline(c) for c in rest)


def _duty_run(clauses: list[str], paired: bool = False) -> list[str]:
    """The longest run of clauses from the start that are responsibility clauses, ending on a verb."""
    run: list[str] = []
    best: list[str] = []
    duty = Duty(strict=True, paired=paired)
    for clause in clauses:
        role = _read_clause(clause, duty)
        if role == "note" and _local_implements(clause):  # …，各县区政府负责落实: with the units around it
            role = "shared" if run else "list"
        if role not in (*ROLES, "list"):
            break
        run.append(clause)
        if role != "list":
            best = list(run)
    return best


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


def _read_segment(label: str, value: str, duty: Duty) -> None:
    if SKIP_LABEL_RE.match(label):
        return
    if DEADLINE_LABEL_RE.match(label):
        duty.deadline = duty.deadline or value.strip()
    elif DIVISION_LABEL_RE.match(label):
        _read_division(value, duty)
    elif not label and STANDING_TAIL.search(value) and not _all_orgs(split_top_level(value, "，,")[0], False):
        duty.notes.append(value)  # a note alone; 甲，乙，排名第一位为牵头单位，下同 names its units first
    elif LEAD_LABEL_RE.match(label):
        duty.lead.extend(_named(value, duty))
    elif GUIDE_LABEL_RE.match(label):
        duty.guides.extend(_named(value, duty))
    elif CO_LABEL_RE.match(label) or label and duty.lead and not DUTY_VERB_END.search(value):
        duty.co.extend(_named(value, duty))
        duty.co_labelled = duty.co_labelled or bool(CO_LABEL_RE.match(label))
    else:  # a generic label, or none: the verbs inside say who does what
        before = len(duty.shared)
        _read_clauses(value, duty, labelled=bool(label))
        if GENERIC_LABEL_RE.match(label):
            duty.listed.extend(duty.shared[before:])


def _read_division(value: str, duty: Duty) -> None:
    """The duty a division label's sentence states (``甲厅牵头，乙局配合``), every unit read as a unit; a list with
    no verb shares the task; running words name nobody."""
    stated = sentence_duty(value) or parse_duty(value, strict=True)
    for role in ROLES:
        getattr(duty, role).extend(u for u in getattr(stated, role) if _division_unit(u))
    duty.deadline = duty.deadline or stated.deadline


def _division_unit(name: str) -> bool:
    """A unit of a division sentence: a body, or a group as groups are written (``各地``, ``各有关部门``), not a
    clause that opens with 各 (``各部门要密切``)."""
    return is_org(name) and (not name.startswith("各") or bool(LOCAL_GROUP.search(name) or GENERIC_GROUP.search(name)))


def _without_note_brackets(value: str, duty: Duty) -> str:
    """``value`` without the brackets that only state a convention or a standing note (``甲、乙（列第一位的为
    牵头单位，下同）``); their insides go to ``duty.notes``."""

    def keep_note(match: re.Match[str]) -> str:
        duty.notes.append(match.group(1))
        return ""

    return NOTE_BRACKET.sub(lambda m: keep_note(m) if _is_note(m.group(1)) else m.group(0), value)


def _named(value: str, duty: Duty) -> list[str]:
    """Units of a labelled list; a verb tail (``…按职责分工负责``) is dropped, notes and deadlines kept."""
    units: list[str] = []
    for clause in split_top_level(_without_note_brackets(value, duty), "，,"):
        if _is_note(clause, duty):
            duty.notes.append(clause)
        elif DEADLINE_ONLY.fullmatch(clause):
            duty.deadline = staged(duty.deadline, deadline_phrase(clause))
        else:
            units.extend(split_units(clause))
    return units


def staged(deadline: str, later: str) -> str:
    """A deadline with a later stage added (``2026年6月底前启动，2027年底前建成`` → both, in order), once."""
    return f"{deadline}，{later}" if deadline and later not in deadline else deadline or later


def _read_clauses(value: str, duty: Duty, labelled: bool) -> None:
    """Comma clauses; a verb-less list takes the role of the next clause's verb (``乙、丙等部门，丁配合``)."""
    waiting: list[str] = []
    for clause in split_top_level(_without_note_brackets(value, duty), "，,"):
        clause = TASK_SUBJECT.sub("由", SPEAKER.sub("", clause.strip()))
        if not clause:
            continue
        if waiting and _local_implements(clause):  # 由甲、乙，各县（市）、区人民政府负责落实: the group joins the list
            duty.shared.extend([*waiting, *split_units(LOCAL_CLOSE.sub("", clause))])
            waiting = []
            continue
        role = _read_clause(clause, duty)
        if role == "list":
            waiting.extend(split_units(clause.removeprefix("由")))
        elif role in ROLES and waiting:
            getattr(duty, role).extend(waiting)
            waiting = []
        elif role == "other" and (labelled or _all_orgs(clause, duty.strict)):
            _read_marked(clause, duty)
        elif role == "other":
            duty.deadline = duty.deadline or find_deadline(clause)
            duty.notes.append(clause)
    for unit in waiting:
        _read_marked(unit, duty)


def _read_clause(clause: str, duty: Duty) -> str:
    """Read one clause into ``duty``; returns its role (``lead``, ``co``, ``shared``, ``owners``, ``guides``), ``note``,
    ``deadline``, ``list`` (units without a verb) or ``other``."""
    clause = _without_work_subject(clause)
    if _is_note(clause, duty):
        duty.notes.append(clause)
        return "note"
    if DEADLINE_ONLY.fullmatch(clause):
        duty.deadline = staged(duty.deadline, deadline_phrase(clause))
        return "deadline"
    if (
        (match := WITH.match(clause))
        and is_org(_first(match.group("lead")))
        and _all_orgs(match.group("co"), duty.strict)
    ):
        duty.lead.extend(split_units(match.group("lead").removeprefix("由")))
        duty.co.extend(split_units(match.group("co")))
        return "co"
    hosting = clause.startswith("由") or not duty.strict or duty.paired  # 某会市政府承办 alone: no duty
    hosts = HOST_VERB.match(clause) if hosting else None
    if (match := LEAD_VERB.match(clause) or hosts or LEAD_ACTION.match(clause)) and _all_orgs(
        match.group("units").removeprefix("由"), duty.strict
    ):
        duty.lead.extend(split_units(match.group("units").removeprefix("由")))
        return "lead"
    if (match := SHARE_ACTION.match(clause)) and _all_orgs(match.group("units"), duty.strict):
        units = split_units(match.group("units"))
        role = "shared" if match.group("many") or len(units) > 1 else "owners"
        getattr(duty, role).extend(units)
        return role
    if (match := COMMAND.match(clause)) and _all_orgs(match.group("units"), duty.strict):
        duty.owners.extend(split_units(match.group("units")))
        return "owners"
    after_lead = bool(duty.lead) and (match := CO_VERB.match(clause)) is not None and match.group("verb") in CO_VERBS
    if (match := CO_VERB.match(clause)) and _all_orgs(
        match.group("units").removeprefix("由"), duty.strict and not after_lead
    ):
        units = split_units(match.group("units").removeprefix("由"))
        role = _verb_role(clause, match.group("verb"), duty)
        getattr(duty, role).extend(units)
        return role
    if _all_orgs(clause.removeprefix("由"), duty.strict) and not LEAD_MARK.search(clause):
        return "list"
    return "other"


def opens_work(clause: str) -> bool:
    """Whether ``clause`` names a work of its own and who does it (``丙整治以丁所为主``)."""
    match = WORK_SUBJECT.match(clause.strip())
    return bool(match) and not _all_orgs(match.group("subject"))


def _without_work_subject(clause: str) -> str:
    """``门前整治由乙室负责`` → ``由乙室负责``, ``摊点整治以甲所为主`` → ``由甲所牵头``: the work that is the clause's
    subject (no unit) taken off, so it is never read as a unit's name."""
    match = WORK_SUBJECT.match(clause.strip())
    if not match or _all_orgs(match.group("subject")):
        return clause  # what follows 由 that reads as no unit is then read as nobody, not with the work as a unit
    verb = "牵头" if match.group("verb") == "为主" else match.group("verb")
    return f"由{match.group('units')}{verb}"


def _verb_role(clause: str, verb: str, duty: Duty) -> str:
    if "指导" in verb:
        return "guides"
    if verb in CO_VERBS or (duty.lead and verb in ("落实", "负责落实")):
        return "co"
    if verb == "负责" and not re.search(r"按职责|按照职责|职责分工|等|分工|共同|分别", clause):
        return "owners"
    if verb == "分别负责" and not re.search(r"按职责|按照职责|职责分工|等|分工", clause):
        return "owners"  # 甲、乙分别负责，丙配合: each leads its part
    return "shared"


def _all_orgs(text: str, strict: bool = True) -> bool:
    """Whether ``text`` lists units: all of them read as units, or (``strict=False``, inside a bracket that
    names duties) at least one does and none reads as an action."""
    units = split_units(text)
    if strict:
        return bool(units) and all(is_org(u) for u in units)
    return any(is_org(u) for u in units) and not any(VERBISH.search(u) or len(u) > 40 for u in units)


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


def _local_implements(clause: str) -> bool:
    """``各县（市）、区人民政府负责落实`` · ``试点乡镇政府具体落实``: local governments carry the task out."""
    return bool(LOCAL_GOVERNMENT.search(clause) and clause.endswith("落实") and not clause.startswith("由"))


def _is_note(clause: str, duty: Duty | None = None) -> bool:
    local_implements = _local_implements(clause)
    return bool(
        STANDING.match(clause)
        or STANDING_TAIL.search(clause)
        or FIRST_IS_LEAD.search(clause)
        or ALL_LEAD.search(clause)
        or MARK_IS_LEAD.search(clause)
        or NOT_RANKED.search(clause)
        or (local_implements and not (duty is not None and duty.lead and _all_orgs(CO_TAIL.sub("", clause))))
    )


def conventions_after(text: str, conventions: Conventions) -> Conventions:
    """The conventions in force after ``text`` (a bracket or line) is read."""
    first_is_lead, all_lead = conventions.first_is_lead, conventions.all_lead
    if FIRST_IS_LEAD.search(text):
        first_is_lead = True
    elif NOT_RANKED.search(text):
        first_is_lead = False
    all_lead = all_lead or bool(ALL_LEAD.search(text))
    mark = match.group("mark") if (match := MARK_IS_LEAD.search(text)) else conventions.lead_mark
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
    return Conventions(first_is_lead, all_lead, county, standing, mark)


def responsibility(duty: Duty, conventions: Conventions, raw: str) -> Responsibility:
    """The task's :class:`Responsibility` from its parsed phrase and the conventions in force."""
    if conventions.lead_mark:
        duty = _marked_leads(duty, conventions.lead_mark)
    lead = list(dict.fromkeys(duty.lead))
    co = list(dict.fromkeys(duty.co))
    if not lead and duty.owners and co:  # 甲负责，乙配合
        lead = list(dict.fromkeys(duty.owners))
    elif not lead and duty.listed and duty.co_labelled:  # 责任单位：甲、乙；配合单位：丙
        lead = list(dict.fromkeys(duty.listed))
    plain = [u for u in dict.fromkeys([*duty.owners, *duty.shared, *duty.guides]) if u not in lead]
    co = _in_text_order([u for u in dict.fromkeys([*co, *plain]) if u not in lead], raw)
    county = conventions.county_implements or any(LOCAL_GOVERNMENT.search(n) and n.endswith("落实") for n in duty.notes)
    own = [n for n in duty.notes if not any(n in s for s in conventions.standing_notes)]
    notes = list(dict.fromkeys([*conventions.standing_notes, *own]))
    if lead:
        mode = "lead_co"
    elif conventions.all_lead and co:
        lead, co, mode = co, [], "lead_co"
    elif conventions.first_is_lead and co:
        lead, co, mode = co[:1], co[1:], "lead_co"
    elif len(co) == 1 and not duty.co and not duty.guides:
        lead, co, mode = co, [], "sole"
    else:
        mode = "shared"
    return Responsibility(
        lead_units=lead, co_units=co, mode=mode, county_implements=county, notes=notes, raw=raw.strip()
    )


def _marked_leads(duty: Duty, mark: str) -> Duty:
    """``duty`` with the units that carry the document's lead mark (``☆甲局、乙局``) as its leads, every name
    without the mark; a phrase that marks no unit is left as it is."""
    named = [*duty.lead, *duty.co, *duty.owners, *duty.shared, *duty.guides]
    marked = [u.strip(mark) for u in named if u.startswith(mark) or u.endswith(mark)]
    if not marked:
        return duty
    unmarked = [u.strip(mark) for u in named if u.strip(mark) not in marked]
    return replace(duty, lead=marked, co=unmarked, owners=[], shared=[], guides=[], listed=[])


def _in_text_order(units: list[str], raw: str) -> list[str]:
    """``units`` in the order the phrase names them (``甲指导，乙参与`` → 甲, 乙); a unit not found stays last."""
    return sorted(units, key=lambda u: raw.find(u) if u in raw else len(raw))


# -- compatibility with the bracket-at-the-end API --------------------------------------------
BracketState = Conventions


def parse_bracket(inner: str, state: Conventions) -> tuple[Responsibility, Conventions]:
    """Parse the inside of one responsibility bracket under ``state``; returns the state after it."""
    after = conventions_after(inner, state)
    return responsibility(parse_duty(inner), after, inner), after
