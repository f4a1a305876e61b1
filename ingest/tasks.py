"""Tasks of a plan: every place its text assigns responsibility, with the task text it belongs to.

A task ends where a responsibility phrase stands: a bracket naming duties (at the end or in the
middle of a paragraph), a sentence that is only a responsibility (``甲局牵头，乙局配合。``), or label
lines under the task (``责任单位：…`` then ``完成时限：…``). Its text runs from the end of the previous
task in the same section. A heading that names its lead (``一、市发改委牵头工作（8项）``) makes that
unit the lead of every task below it, and so does a heading that is only a unit's name (``三、市教育局（4项）``);
task-division tables give one task per row (:mod:`policykb.ingest.tasktable`). Conventions stated once
(``列第一位的为牵头单位，下同``) carry on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policykb.ingest.deadlines import stated_deadlines
from policykb.ingest.responsibility import (
    DUTY_VERB_END,
    LABEL,
    LISTED_LINE,
    Conventions,
    Duty,
    conventions_after,
    names_duty,
    opens_own_task,
    opens_work,
    parse_duty,
    responsibility,
    sentence_duty,
)
from policykb.ingest.structure import COLOPHON_HEADING
from policykb.ingest.tables import is_rule, parse_row
from policykb.ingest.tasktable import table_tasks
from policykb.ingest.unit_names import is_org
from policykb.kb.duties import is_generic_group, is_local_group
from policykb.kb.lexicon import (
    COMMAND_VERBS,
    DUTY_VERBS,
    HEADING_UNIT_ENDS,
    HOST_VERBS,
    UNIT_DUTY_OPENERS,
    alternation,
)
from policykb.kb.records import Section, Task
from policykb.kb.text import HEADING_PATTERNS, heading_number_end, heading_title

OPEN_CLOSE = {"（": "）", "(": ")", "〔": "〕", "【": "】", "［": "］", "[": "]"}
LEAD_HEADING = re.compile(
    r"^(?P<unit>[^，。；]{2,30}?)(?:牵头|负责)(?:的|推进的|落实的|抓总的)?(?:重点)?(?:工作|任务|事项)(?:清单)?(?:[（(].{1,8}[）)])?$"
)
UNIT_HEADING = re.compile(  # 一、市发展改革委（5项）: a heading that is only a unit's name
    r"^(?P<unit>(?:省|市|县|区|州|盟|旗|镇|乡|国家)[^，。；：:、\s]{1,18}?"
    rf"(?<![布格大全结开东西南北中内外局干])(?:{alternation(HEADING_UNIT_ENDS)}))"
    r"(?:[（(][^（）()]{1,8}[）)])?[：:]?$"
)
ITEM_UNIT = re.compile(
    r"^(?P<unit>(?:省|市|县|区|州|盟|旗|镇|乡|国家)[^，,。；;：:、\s（）()]{1,28}?)(?:[：:]|负责)(?P<duty>(?!的).{4,})"
)
"""An item whose subject is a unit: the unit, then 负责 or a colon, then its duties (``3.区商务局负责服务业普查的
协调`` · ``（35）县民政局：支持引导…``), in a division of duties."""
SUBJECT_UNIT = r"(?:省|市|县|区|州|盟|旗|镇|乡|国家)[^，,。；;：:、\s（）()]{1,28}?(?:[（(][^（）()]{1,8}[）)])?"
UNIT_NAME = re.compile(SUBJECT_UNIT)
UNIT_COLON = re.compile(
    rf"(?:^|(?<=[。；;\s])|(?<=职责)|(?<=分工)|(?<=如下：)|(?<=如下:))"
    rf"(?P<unit>{SUBJECT_UNIT}(?:、[^，,。；;：:、\s（）()]{{2,20}}?)*)(?:[：:]|。)\s*(?={alternation(UNIT_DUTY_OPENERS)})"
)
"""A unit's name and a colon at the start of a line or sentence, or right after a heading of duties (``成员单位
职责``, ``职责如下：``), its duties after (``市环保局：负责…。协调…。市监察局：负责…``): each unit's duties run to the
next such name. A name standing as a sentence of its own (``县甲局。负责…``, a heading run into the text) is one too,
and so is a list of units (``县乙局、丙局。负责…``: they share the duties, no lead)."""
SUBJECT_SENTENCE = re.compile(
    rf"^(?P<units>{SUBJECT_UNIT}(?:、{SUBJECT_UNIT})*)(?:会同(?P<partners>[^，,。；;]{{2,30}}?))?"
    rf"(?:负责(?!的|人|制)|(?P<must>要)(?!求|点|素|件))(?P<duty>.{{4,}})"
)
"""A sentence whose subject is a unit or a list of units, then 负责 and its duty (``县交警大队负责编印宣传挂图`` ·
``甲局、乙局负责兑付补贴`` · ``甲中心会同区、镇负责核实面积``): a division of duties written as
running text, one sentence a unit. ``区甲委要建立台账制度，…`` (a notice's duty by 要) is one too, when the subject
names a body (not ``区级部门``, not a local government: ``县政府要求…`` asks others)."""
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]{1,5}条\s*")
"""``第五条县甲组负责…``: an article's number before the sentence's subject."""
LEVEL_KIND = re.compile(r"^(?:省|市|县|区|州|盟|旗|镇|乡)(?:级|直)(?:各)?(?:有关)?(?:部门|单位)$")
RESPONSIBILITY_LABEL_LINE = re.compile(rf"^(?:{LABEL.pattern})")
DUTY_WORD = re.compile(alternation((*DUTY_VERBS, *HOST_VERBS)))
COMMAND_WORD = re.compile(alternation(COMMAND_VERBS))
"""``…，由县防火指挥部指挥，…``: a sentence of a division written as running text (read with its ``X负责…``
sentences), never one of a plan that divides its work by brackets or labels."""
"""A sentence with none of these assigns nothing; ``由甲局承办。`` alone after its task does."""
TITLE_CUT = re.compile(r"[。；：:！？]")
MAX_TITLE = 40
CLAUSE_CUT = re.compile(r"[，,]")
MIN_CLAUSE = 4
UNIT_LIST_CUT = re.compile(r"[、，,]")
SENTENCE_END = "。；;"
SAID_ORDINAL = re.compile(r"^[一二三四五六七八九十]{1,3}是(?=[\u4e00-\u9fff])")
"""An item numbered in words (``一是强化家庭教育指导。…``), as plans list the work under a heading."""


def item_number_end(line: str) -> int:
    """Where an item's number ends (``1.``, ``（一）``, ``一是``), 0 when the line opens with none."""
    said = SAID_ORDINAL.match(line)
    return heading_number_end(line) or (said.end() if said else 0)


CUT_PIECE = re.compile(r"(?P<piece>[^、，,；;:：（）()]+)$")


@dataclass
class Span:
    """A responsibility phrase inside a line: where it is and what it says."""

    start: int
    end: int
    inner: str
    inline: bool = False  # a sentence of running text, read strictly
    duty: Duty | None = None  # read already: its units' own task, its text the task's even outside any section


@dataclass
class Walker:
    """Reads a document's sections in order, carrying conventions from task to task."""

    text: str
    doc_id: str
    subjects: bool = False  # read sentences whose subject is units that 负责 (a plan with no other division)
    conventions: Conventions = field(default_factory=Conventions)
    tasks: list[Task] = field(default_factory=list)
    lead_of: dict[tuple[str, ...], str] = field(default_factory=dict)
    by_path: dict[tuple[str, ...], Section] = field(default_factory=dict)
    first_child: dict[tuple[str, ...], Section] = field(default_factory=dict)
    line_unit: str = ""  # a unit named by a line of its own (``市建设局``), over the numbered items after it
    line_level: int = 0  # the numbering of those items (the first after the unit's line)
    line_led: set[tuple[str, ...]] = field(default_factory=set)  # sections led by such a line
    label_task: Task | None = None  # the task label items (``（五）责任单位：…``) are filling in
    label_deadlines: dict[tuple[str, ...], str] = field(default_factory=dict)  # a time item before the units' items

    def walk(self, sections: list[Section]) -> list[Task]:
        self.by_path = {tuple(s.path): s for s in sections}
        for s in sections:
            self.first_child.setdefault(tuple(s.path[:-1]), s)
        parents = {tuple(s.path[:-1]) for s in sections if s.path}
        for section in sections:
            if section.path[:1] == [COLOPHON_HEADING]:
                continue
            self._note_lead_heading(section)
            before = len(self.tasks)
            if not self._label_item(section):
                self._section(section)
            lead = self._heading_lead(section.path)
            deep = len(section.path) > 1 or tuple(section.path) in self.line_led
            if lead and len(self.tasks) == before and tuple(section.path) not in parents and deep:
                self._whole_section_task(section, lead)
        return self.tasks

    # -- sections -----------------------------------------------------------------------
    def _note_lead_heading(self, section: Section) -> None:
        title = heading_title(section.heading) if section.path else ""
        match = LEAD_HEADING.match(title) or UNIT_HEADING.match(title)
        if match and is_org(match.group("unit")):
            self.lead_of[tuple(section.path)] = match.group("unit")
        elif self.line_unit and section.path:
            self._under_unit_line(section)

    def _under_unit_line(self, section: Section) -> None:
        """A numbered item after a unit's own line is the unit's, as are the items numbered as it after it; an item
        numbered otherwise ends the unit's run."""
        level = _number_level(section.heading)
        self.line_level = self.line_level or level
        if level and level == self.line_level and tuple(section.path) not in self.lead_of:
            self.lead_of[tuple(section.path)] = self.line_unit
            self.line_led.add(tuple(section.path))
        else:
            self.line_unit, self.line_level = "", 0

    def _heading_lead(self, path: list[str]) -> str:
        for n in range(len(path), 0, -1):
            if tuple(path[:n]) in self.lead_of:
                return self.lead_of[tuple(path[:n])]
        return ""

    def _section(self, section: Section) -> None:
        pending = section.start  # where the next task's text begins
        labelled: Task | None = None  # the task that label lines are filling in
        lines = _lines(self.text, section.start, section.end)
        tail = -1  # where the duties of a unit named by a line inside this section begin
        i = 0
        while i < len(lines):
            start, line = lines[i]
            if unit := _unit_line(line, self.text[start + len(line) :]):  # 市建设局 on its own line, duties after it
                self._close_before_unit_line(section, start)
                self.line_unit, self.line_level = unit, 0
                pending, labelled, i = start + len(line) + 1, None, i + 1
                tail = pending
                continue
            if self.line_unit and UNIT_DUTY.match(line) and not _spans(line):  # 负责… under the unit's line
                self._add(section, start, start + len(line), Duty(owners=[self.line_unit]), line, headed=False)
                pending, i = start + len(line) + 1, i + 1
                continue
            if parse_row(line) is not None:
                j = i
                while j < len(lines) and (parse_row(lines[j][1]) is not None or is_rule(lines[j][1])):
                    j += 1
                self._table(section, lines[i:j])
                pending, labelled, i = lines[j - 1][0] + len(lines[j - 1][1]) + 1, None, j
                continue
            if RESPONSIBILITY_LABEL_LINE.match(line) and section.path:
                duty = parse_duty(line)
                if labelled is not None or not duty.empty or duty.deadline:
                    owner, begin = self._owner_of_closing_line(section, pending, start)
                    labelled = self._label_line(owner, begin, start, line, duty, labelled)
                    pending = start + len(line) + 1
            else:
                labelled = None
                spans = _spans(line, self.subjects)
                self.conventions = self._conventions_outside_spans(line, spans)
                whole = len(spans) == 1 and spans[0].start == 0 and spans[0].end >= len(line.rstrip("。；; "))
                made = len(self.tasks)
                for span in spans:
                    owner, begin = self._owner_of_closing_line(section, pending, start) if whole else (section, pending)
                    if start < begin < start + span.start and span.inline and opens_own_task(span.inner):
                        begin = start + span.start  # a task ended earlier on this line: this sentence is its own
                    if span.duty is not None:  # a sentence whose subject is units opens its own task
                        owner, begin = section, start + span.start
                    pending = self._task(owner, begin, start + span.end, span)
                if spans:
                    _close_by_time(line[spans[-1].end :], self.tasks[made:])
                if not spans and section.path and (unit := _item_unit(line)):
                    self._add(section, start, start + len(line), Duty(owners=[unit]), line)
                    pending = start + len(line) + 1
            i += 1
        self._unit_tail(section, tail)

    def _label_item(self, section: Section) -> bool:
        """An item that is only a label (``（四）完成时限：6月底前`` · ``（五）责任单位：甲局。`` ·
        ``（六）配合单位：乙局、丙局。``) says who does the work of the item it stands under, and by when: the items
        before it under the same parent are that work's text; further label items fill in the same task."""
        body = self.text[section.start : section.end].strip()
        label = body[heading_number_end(body) :].strip()
        parent = self.by_path.get(tuple(section.path[:-1]))
        if parent is None or label == body or "\n" in label or not RESPONSIBILITY_LABEL_LINE.match(label):
            return False
        duty = parse_duty(label)
        if duty.empty and not duty.deadline:
            return False
        self.conventions = conventions_after(label, self.conventions)
        task = self.label_task
        if task is not None and task.path == parent.path and task.end >= parent.start:
            self._merge(task, duty, label)
        elif duty.empty:
            self.label_deadlines[tuple(parent.path)] = duty.deadline
        else:
            begin = max([parent.start, *(t.end for t in self.tasks if t.start >= parent.start)])
            duty.deadline = duty.deadline or self.label_deadlines.get(tuple(parent.path), "")
            self.label_task = self._add(parent, begin, section.end, duty, label)
        return True

    def _close_before_unit_line(self, section: Section, at: int) -> None:
        """The text of a unit-led section before the next unit's own line: the earlier unit's task, if it has none."""
        lead = self._heading_lead(section.path)
        if lead and tuple(section.path) in self.line_led and not any(t.start >= section.start for t in self.tasks):
            self._add(section, section.start, at, Duty(lead=[lead]), f"{lead}牵头")

    def _unit_tail(self, section: Section, tail: int) -> None:
        """The duties after a unit's own line to the section's end, when no task of them was read: the unit's."""
        if (
            0 <= tail < section.end
            and self.text[tail : section.end].strip()
            and not any(t.start >= tail for t in self.tasks)
        ):
            self._add(section, tail, section.end, Duty(owners=[self.line_unit]), self.line_unit, headed=False)

    def _owner_of_closing_line(self, section: Section, pending: int, start: int) -> tuple[Section, int]:
        """The section a line that only assigns responsibility closes, and where that task's text begins.

        After sub-items ``（1）…（2）…（3）…`` none of which has its own, the line closes their parent.
        """
        if pending != section.start or start == section.start or len(section.path) < 2:
            return section, pending
        parent = self.by_path.get(tuple(section.path[:-1]))
        first_child = self.first_child.get(tuple(section.path[:-1]))
        if parent is None or first_child is section or (self.tasks and self.tasks[-1].start >= parent.start):
            return section, pending  # the first sub-item, or the parent already has a task (tasks are in order)
        return parent, parent.start

    def _conventions_outside_spans(self, line: str, spans: list[Span]) -> Conventions:
        """A convention stated in running text or in a bracket that assigns nothing (``（下同）``)."""
        text = line
        for span in reversed(spans):
            text = text[: span.start] + text[span.end :]
        return conventions_after(text, self.conventions)

    def _label_line(
        self, section: Section, pending: int, start: int, line: str, duty: Duty, labelled: Task | None
    ) -> Task | None:
        if labelled is not None:  # a further label of the same task: merge
            self._merge(labelled, duty, line)
            return labelled
        if duty.empty and not duty.deadline:
            return None
        if duty.empty and self.tasks and self.tasks[-1].path == section.path:  # a deadline for the last task
            self.tasks[-1].deadline = self.tasks[-1].deadline or duty.deadline
            return None
        self.conventions = conventions_after(line, self.conventions)
        return self._add(section, pending, start + len(line), duty, line)

    def _merge(self, task: Task, duty: Duty, line: str) -> None:
        old = task.responsibility
        shared = old.mode == "shared"
        merged = Duty(lead=[] if shared else list(old.lead_units), deadline=task.deadline)
        (merged.shared if shared else merged.co).extend(old.co_units)
        if shared and LISTED_LINE.match(old.raw):  # 责任单位：甲、乙 on the line before: the units it lists
            merged.listed.extend(old.co_units)
        merged.co_labelled = duty.co_labelled
        merged.lead.extend(duty.lead)
        merged.co.extend(duty.co)
        merged.shared.extend(duty.shared)
        merged.deadline = merged.deadline or duty.deadline
        merged.owners.extend(duty.owners)
        merged.guides.extend(duty.guides)
        merged.notes = [*old.notes, *duty.notes]
        raw = f"{old.raw}；{line}"
        task.responsibility = responsibility(self._with_heading_lead(merged, task.path), self.conventions, raw)
        task.deadline = merged.deadline or task.deadline
        task.end = max(task.end, task.start + len(task.text))

    def _task(self, section: Section, pending: int, end: int, span: Span) -> int:
        self.conventions = conventions_after(span.inner, self.conventions)
        duty = span.duty or (sentence_duty(span.inner) if span.inline else parse_duty(span.inner))
        if duty is None or (duty.empty and not self._heading_lead(section.path)):
            return pending
        if span.inline and self._continues_last(section, pending, end - (span.end - span.start), duty):
            self._join_last(duty, span.inner, end)
            return end
        self._add(section, pending, end, duty, span.inner)
        return end

    def _continues_last(self, section: Section, pending: int, at: int, duty: Duty) -> bool:
        """A sentence that only names co-operating units, right after the sentence that closed the last task
        (``甲厅、乙委牵头；丙厅配合；``): the second half of that task's phrase, not a task of its own."""
        last = self.tasks[-1] if self.tasks else None
        return (
            last is not None
            and last.path == section.path
            and last.end == pending
            and not self.text[pending:at].strip()
            and bool(duty.co)
            and not (duty.lead or duty.owners)
            and bool(last.responsibility.lead_units)
        )

    def _join_last(self, duty: Duty, inner: str, end: int) -> None:
        last = self.tasks[-1]
        self._merge(last, duty, inner)
        last.end = end
        last.text = self.text[last.start : end].strip()

    def _add(self, section: Section, start: int, end: int, duty: Duty, raw: str, headed: bool = True) -> Task:
        """A task of ``section``'s text from ``start`` to ``end``; a heading that names a lead leads it unless it is
        the duty of a unit named on its own line (``headed`` false), which stands under that unit, not the heading
        of the item before the unit's line."""
        duty = self._with_heading_lead(duty, section.path) if headed else duty
        if not headed:
            section = replace(section, path=[*section.path[:-1], self.line_unit], heading=self.line_unit)
        body = self.text[start:end].strip()
        task = Task(
            doc_id=self.doc_id,
            path=section.path,
            title="",
            text=body,
            start=start,
            end=end,
            responsibility=responsibility(duty, self.conventions, raw),
            deadline=duty.deadline or "，".join(stated_deadlines(body)),
        )
        path = tuple(section.path)
        names_lead = path in self.lead_of and path not in self.line_led  # 二、县交通运输局牵头工作: a heading
        task.title = _title(task, section, start == section.start and not names_lead)
        self.tasks.append(task)
        return task

    def _with_heading_lead(self, duty: Duty, path: list[str]) -> Duty:
        lead = self._heading_lead(path)
        if not lead or duty.lead:
            return duty
        co = [u for u in [*duty.owners, *duty.co, *duty.shared] if u != lead]
        return Duty(lead=[lead], co=co, deadline=duty.deadline, notes=duty.notes)

    def _whole_section_task(self, section: Section, lead: str) -> None:
        duty = Duty(lead=[lead])
        self._add(section, section.start, section.end, duty, f"{lead}牵头")

    def _table(self, section: Section, rows: list[tuple[int, str]]) -> None:
        for task in table_tasks(rows, section.path, self.doc_id, self.conventions):
            lead = self._heading_lead(section.path)
            if lead and not task.responsibility.lead_units:
                duty = Duty(lead=[lead], co=list(task.responsibility.co_units), deadline=task.deadline)
                task.responsibility = responsibility(duty, self.conventions, task.responsibility.raw)
            self.tasks.append(task)


def find_tasks(text: str, sections: list[Section], doc_id: str) -> list[Task]:
    """Every task of the document, in order. A plan whose division of duties is mostly running text (its
    sentences whose subject is units that 负责 a duty, more than its tasks of brackets, labels, tables and
    headings) has those sentences read as tasks too; a plan that divides its work by brackets writes such
    sentences as prose around its division."""
    tasks = Walker(text, doc_id).walk(sections)
    with_subjects = Walker(text, doc_id, subjects=True).walk(sections)
    return with_subjects if len(with_subjects) > 2 * sum(map(_names_body, tasks)) else tasks


def _names_body(task: Task) -> bool:
    """Whether the task names a body of its own, not only a group (``各职能部门要主动配合``)."""
    units = [*task.responsibility.lead_units, *task.responsibility.co_units]
    return any(_named_body(u) and not u.startswith("各") for u in units)


def _item_unit(line: str) -> str:
    """The unit an item opens with as its subject (``1.区住建局负责…``, ``（2）县民政局：…``), else ``""``."""
    number = item_number_end(line)
    match = ITEM_UNIT.match(line[number:].lstrip()) if number else None
    return match.group("unit") if match and is_org(match.group("unit")) else ""


def _subject_sentences(line: str) -> list[Span]:
    """The sentences of ``line`` whose subject is units that 负责 a duty, each with its duty: the units own it
    (one alone leads); units they work 会同 (with) co-operate, local governments among them left out. A sentence
    whose later clause has a subject of its own (``甲组负责…，乙部门负责…``) gives each its own task."""
    out = []
    for match in re.finditer(r"[^。；;]+[。；;]?", line):
        whole = match.group(0)
        start = match.start() + len(whole) - len(whole.lstrip())
        start += len(ARTICLE.match(whole.lstrip()).group(0)) if ARTICLE.match(whole.lstrip()) else 0
        cuts = [start, *(start + c for c in _subject_clauses(line[start : match.end()])), match.end()]
        for begin, end in zip(cuts, cuts[1:]):
            sentence = line[begin:end].strip().rstrip("，,")
            if duty := _subject_duty(sentence):
                out.append(Span(begin, end, sentence, duty=duty))
    return out


def _subject_clauses(sentence: str) -> list[int]:
    """Where a later clause of ``sentence`` opens with a subject of its own that 负责 or 要 a duty."""
    return [m.end() for m in re.finditer(r"[，,]", sentence) if _subject_duty(sentence[m.end() :])]


def _subject_duty(sentence: str) -> Duty | None:
    """The duty a sentence whose subject is units states, else ``None``."""
    subject = SUBJECT_SENTENCE.match(sentence)
    if subject is None:
        return None
    units = subject.group("units").split("、")
    partners = [u for u in (subject.group("partners") or "").split("、") if UNIT_NAME.fullmatch(u) and is_org(u)]
    if not all(is_org(u) for u in units) or (subject.group("must") and not all(_named_body(u) for u in units)):
        return None
    return Duty(lead=units, co=partners) if partners else Duty(owners=units)


def _named_body(unit: str) -> bool:
    """A body by its name, not a level's kind of body (``区级部门``) nor a local government (``县政府``)."""
    return not (LEVEL_KIND.match(unit) or is_local_group(unit) or is_generic_group(unit))


CLOSING_TIME = re.compile(r"^[^，,。；;]{0,16}(?:结束|完成|完毕)$")


def _close_by_time(rest: str, tasks: list[Task]) -> None:
    """``…县丙局负责…。各项整治于6月底前完成。``: a last sentence of a line that only says by when its work ends dates
    every task the line gave that states no time of its own."""
    sentence = rest.strip(" 。；;")
    when = stated_deadlines(sentence) if CLOSING_TIME.match(sentence) else []
    for task in tasks if when else ():
        task.deadline = task.deadline or when[0]


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out, offset = [], start
    for line in text[start:end].split("\n"):
        if line:
            out.append((offset, line))
        offset += len(line) + 1
    return out


def _spans(line: str, subjects: bool = False) -> list[Span]:
    """Responsibility phrases in ``line``: duty brackets, responsibility-only sentences, labelled tails; with
    ``subjects``, sentences whose subject is units that 负责."""
    spans = _brackets(line)
    subject = _subject_sentences(line) if subjects else []
    inline = [s for s in _inline_sentences(line, subjects) if not _co_only_over(s, subject)]
    found = [*_colon_duties(line), *inline, *_label_tails(line)]
    for span in [*found, *subject]:
        if not any(s.start < span.end and span.start < s.end for s in spans):
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _co_only_over(span: Span, subject: list[Span]) -> bool:
    """A sentence read as only co-operating units (``…，各责任部门要积极配合``) over a sentence whose subject is a
    body (``区督查室要逐月抽查，…``): the body's duty is the sentence's task, not a co list joined to the last one."""
    duty = sentence_duty(span.inner)
    overlaps = any(s.start < span.end and span.start < s.end for s in subject)
    return overlaps and duty is not None and not (duty.lead or duty.owners)


UNIT_DUTY = re.compile(rf"^(?:{alternation(UNIT_DUTY_OPENERS)})")


def _unit_line(line: str, rest: str) -> str:
    """The unit a line names all by itself (``市建设局``, ``人民法院``) when the line after it opens a numbered item or
    states a duty (``负责…``): a heading of the unit's duties that carries no number; a signature (a date after it) is
    none."""
    line = line.strip()
    after = next((a.strip() for a in rest.split("\n") if a.strip()), "")
    if not (2 <= len(line) <= 20) or re.search(r"[，,。；;：:、\s（）()]", line) or not is_org(line):
        return ""
    return line if after and (heading_number_end(after) or UNIT_DUTY.match(after)) else ""


def _number_level(heading: str) -> int:
    """The kind of number a heading opens with (``一、`` 1, ``（一）`` 2, ``1.`` 3, ``（1）`` 4), 0 for none."""
    return next((level for level, pattern in HEADING_PATTERNS if pattern.match(heading)), 0)


def _colon_duties(line: str) -> list[Span]:
    """The duties of each unit a line names with a colon (``市环保局：负责…``), up to the next unit so named; the
    unit alone owns them."""
    marks = [m for m in UNIT_COLON.finditer(line) if all(is_org(u) for u in m.group("unit").split("、"))]
    ends = [m.start() for m in marks[1:]] + [len(line)] if marks else []
    return [
        Span(m.start(), end, line[m.start() : end].rstrip(), duty=_listed_duty(m.group("unit").split("、")))
        for m, end in zip(marks, ends, strict=True)
    ]


def _listed_duty(units: list[str]) -> Duty:
    """One unit named over its duties owns them; several named together share them, none leading."""
    return Duty(owners=units) if len(units) == 1 else Duty(shared=units)


def _brackets(line: str) -> list[Span]:
    spans, stack = [], []
    for i, ch in enumerate(line):
        if ch in OPEN_CLOSE:
            stack.append((ch, i))
        elif stack and ch == OPEN_CLOSE[stack[-1][0]]:
            _, begin = stack.pop()
            if not stack:
                inner = line[begin + 1 : i]
                if (names_duty(inner) and _assigns(inner)) or _bare_units(line, begin, inner):
                    end = i + 1
                    while end < len(line) and line[end] in "。；;":
                        end += 1
                    spans.append(Span(begin, end, inner))
    if stack and (span := _open_bracket(line, stack[0][1])) is not None:
        spans.append(span)
    return spans


def _open_bracket(line: str, begin: int) -> Span | None:
    """A duty bracket the line (a page's stored opening, cut short) never closes: ``…（牵头单位：甲局；责任单位：乙``.
    Its last unit may be cut inside its name, so a last piece that reads as no unit (nor as one with its duty verb,
    ``乙局配合``) is left out. A closer of another kind at the end (OCR reads ``］`` as ``】``) still closes it."""
    inner = line[begin + 1 :].rstrip("".join(OPEN_CLOSE.values()))
    cut = CUT_PIECE.search(inner)
    piece = cut.group("piece") if cut else ""
    if cut and not is_org(piece) and not is_org(DUTY_VERB_END.sub("", piece)):
        inner = inner[: cut.start("piece")].rstrip("、，,；;")
    if not (names_duty(inner) and _assigns(inner)) and not _bare_units(line, begin, inner):
        return None
    return Span(begin, len(line), inner)


def _bare_units(line: str, begin: int, inner: str) -> bool:
    """A bracket right after a sentence that only names units (``…。（甲局、乙局）``): they share the task, no lead
    stated (a convention stated earlier may name one)."""
    pieces = [piece for piece in UNIT_LIST_CUT.split(inner) if piece]
    return begin > 0 and line[begin - 1] in SENTENCE_END and bool(pieces) and all(is_org(p) for p in pieces)


def _assigns(inner: str) -> bool:
    duty = parse_duty(inner)
    return any(is_org(u) for u in duty.units) or bool(duty.deadline and LABEL.search(inner))


SENTENCE = re.compile(r"(?:[^。；;.]|(?<=\d)\.|\.(?=\d))+(?:[。；;]|\.)?")
"""A sentence of a line, to its 。 or ；, or to a half-width full stop a page writes for 。 (``…4个.由甲局…``; not the
point of ``1.5`` nor an item's ``1.``)."""


def _inline_sentences(line: str, commands: bool = False) -> list[Span]:
    """Sentences whose leading or trailing clauses say who is responsible: ``市发改委牵头，市财政局配合。``; with
    ``commands`` (running text read as a division), also ``…，由县防火指挥部指挥。``"""
    spans, begin = [], heading_number_end(line)
    for match in SENTENCE.finditer(line[begin:]):
        whole = match.group(0).rstrip("。；;.")
        parts = _works(whole)
        for start, end in parts:
            sentence = whole[start:end]
            said = DUTY_WORD.search(sentence) or (commands and COMMAND_WORD.search(sentence))
            if LABEL.search(sentence) or not said or sentence_duty(sentence) is None:
                continue
            close = begin + (match.end() if end == len(whole) else match.start() + end)
            spans.append(Span(begin + match.start() + start, close, sentence, inline=True))
    return spans


def _works(sentence: str) -> list[tuple[int, int]]:
    """The stretches of ``sentence`` that each name their own work and its units (``甲整治由乙办负责，丙整治以丁所为主，
    戊部门配合``): a clause whose subject is a work (``…由/以…负责/为主``) opens a stretch of its own."""
    cuts = [
        0,
        *(m.end() for m in re.finditer(r"[，,]", sentence) if opens_work(re.split(r"[，,]", sentence[m.end() :])[0])),
    ]
    ends = [cut - 1 for cut in cuts[1:]] + [len(sentence)]
    return list(zip(cuts, ends, strict=True))


def _label_tails(line: str) -> list[Span]:
    """``…推进某项工作。牵头单位：甲；配合单位：乙。``: a labelled phrase after a sentence, to the line's end."""
    for match in LABEL.finditer(line):
        if match.start() > 0 and line[match.start() - 1] in "。；;" and not parse_duty(line[match.start() :]).empty:
            return [Span(match.start(), len(line), line[match.start() :])]
    return []


def _only_item(text: str, heading: str) -> str:
    """The one numbered item under the heading line a task's text opens with (``一、落实财税政策`` /
    ``1.积极争取专项资金……``, or on the heading's own line after its full stop:
    ``1.深化登记改革。（1）全面落实…（甲局牵头）``): the task is that item, so it titles the task; ``""`` when there is
    none or several."""
    if not heading or not text.startswith(heading):
        return ""
    items = [line for line in text[len(heading) :].split("\n") if item_number_end(line.strip().lstrip(SENTENCE_END))]
    body = text[len(heading) :].lstrip("。；; \n")
    return body if len(items) == 1 and item_number_end(body) else ""


def _title(task: Task, section: Section, at_section_start: bool) -> str:
    """The section's heading for its first task, else the task text's first sentence."""
    item = _only_item(task.text, section.heading)
    if at_section_start and section.path and section.heading and not item:
        return heading_title(section.heading)
    text = item or task.text
    if not at_section_start and text.startswith(section.heading) and "\n" in text:
        text = text.split("\n", 1)[1]  # the item under a heading that names its lead
    number = item_number_end(text) if item else heading_number_end(text)
    text = text[number:]
    if named := UNIT_COLON.match(text):  # 市环保局：负责…: the duty names the task, not its unit
        text = text[named.end() :]
    cut = TITLE_CUT.search(text)
    first = text[: cut.start()] if cut else text
    for opener in OPEN_CLOSE:
        first = first.split(opener)[0]
    clause = CLAUSE_CUT.split(first, maxsplit=1)[0]
    if item and len(clause) >= MIN_CLAUSE:  # an item's name is its first clause (not …，由甲局会同乙局研究…)
        first = clause
    return first.strip("，, ")[:MAX_TITLE] or heading_title(section.heading)
