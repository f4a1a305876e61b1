"""A conversation: earlier turns carry their subject into a follow-up that leaves it out.

The state is rebuilt from the previous **user** questions alone (each re-read with the same
classifier, :func:`policykb.bot.question.classify`, and resolved in turn), helped by the
structured evidence of our own earlier answer when there is one. So an API client that sends
the whole ``messages`` list, whatever its assistant texts say, gets the same reading as the page.

Forms read offline (no LLM):

* ellipsis — “那市商务局呢？/人均综合能耗呢？”: the last question again, with a new unit,
  indicator, task or year;
* a pointer — “这项任务/该工程/它/其中/上述/这个指标”: the last answer's task, target or unit;
* an aspect of the last task — “配合单位有哪些？/谁牵头？/什么时候完成？/依据是什么？”;
* a continuation — “还有呢/其他的呢”: the rest of a list (the other targets, the co-operating units);
* a plan named once (“在《…方案》中”) scopes the later turns until another plan is named.

A question that names its own subject is answered as it stands (a topic switch is not
coloured by the history), and a question the documents cannot answer is still refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policykb.bot.answer import Answer
from policykb.bot.evidence import ASKED_UNIT
from policykb.bot.question import asks_ledger, classify
from policykb.bot.scope import place_names
from policykb.kb.lexicon import TARGET_LEVELS
from policykb.kb.records import PATH_SEPARATOR
from policykb.kb.text import annual_year
from policykb.kb.units import UnitDirectory, longest_matches, unit_aliases

if TYPE_CHECKING:
    from policykb.kb.index import KnowledgeIndex

AnswerOf = Callable[["ResolvedQuestion"], Answer | None]
MAX_TURNS = 6  # earlier user questions read back to rebuild the state
MIN_NAME = 4  # characters a title fragment needs to name a task or a plan
CUT_YEAR = re.compile(r"\d+年?")
MIN_INDICATOR = 2

LEAD_IN = re.compile(r"^(那么?|那|还有|另外|再问一下|请问|再问)[，,、\s]*")
END = re.compile(r"[？?。！!，,\s]+$")
ELLIPSIS = re.compile(
    r"^(?:那么?|那|还有|另外)?[，,\s]*(?P<x>[^？?，,。呢吗]{1,30}?)(?:的情况|方面|的)?(?:呢|怎么样|如何|又如何)$"
)
CONTINUE = re.compile(
    r"^(?:那|那么)?[，,\s]*(?:还有|其他|其它|别的|另外|其余)(?:的|还有)?"
    r"(?:呢|吗|哪些|什么|几项|的呢|的吗|内容|目标|指标|单位|部门)*"
    r"(?:呢|吗)?$"
)
POINTER = re.compile(
    r"(?P<task>这项(?:工作|任务|工程|行动|措施)|这个(?:任务|工程|行动)|该(?:项)?(?:工作|任务|工程|行动|措施)|"
    r"此项(?:工作|任务|工程)|这一(?:任务|工程|工作)|这件事)|"
    r"(?P<target>这(?:个|项|一)?(?:指标|目标)|该(?:项)?(?:指标|目标)|此项(?:指标|目标))|"
    r"(?P<units>这些(?:单位|部门)|上述(?:单位|部门))|"
    r"(?P<among>其中)|"
    r"(?P<any>上述(?:任务|工作|工程)?|以上(?:任务|工作|工程)?|(?<!其)它们?|(?<!其)他们)"
)
BASIS = re.compile(
    r"^(?:它的|其)?(?:依据|出处|原文|根据)(?:是|在)?(?:什么|哪|哪里|哪儿|何在)|"
    r"有什么(?:依据|根据)|哪里规定|怎么规定的|原文怎么说"
)
ASPECT_START = re.compile(
    r"^(谁|什么|有|由|是|要|哪|怎|何|在|几|多|能|会|应|需|已|共|都)|^(牵头|负责|参与|配合|承担|涉及)(?!单位|部门)"
)
YEAR = re.compile(r"(?:(?:19|20)\d\d年?|“?十[一二三四五六七八九]五”?)")
PLACE_LEVEL = re.compile(r"[省市县区州旗]$")
LEADING_TIME = re.compile(r"^(?:到|至|截至)?(?:(?:19|20)\d\d年(?:\d{1,2}月)?(?:底|末)?)[，,、\s]*")
ASK_RESIDUE = re.compile(
    r"谁来?|牵头|负责|主管|主办|协办|协助|配合|协同|参与|参加|承担|落实|责任|单位|部门|机构|"
    r"是哪些|有哪些|哪些|哪个|哪几个|哪几项|"
    r"什么时候|什么时间|时候|何时|哪一?年|多久|完成|截止|期限|时限|时间|进度|依据|出处|原文|根据|是什么|什么|"
    r"具体|主要|量化|目标|指标|要求|内容|措施|任务|工作|工程|事项|多少|几项|几个|几家|达到|提高|下降|降低|减少|"
    r"要|是|有|由|的|了|吗|呢|和|与|及|还|都|分别|一共|共|方案|中|里|在|怎么|如何|说|讲|介绍|一下|请问|那么?|"
    r"它们?|其|该|这些?|此|上述|以上|项|个|之|对|把|被|给|为|能|会|应|需|已|吧"
)
# How plans name the two roles, in the words the question reader knows (牵头, 配合).
ROLE_WORDS = {"主办": "牵头", "协办": "配合", "协助": "配合", "参加": "配合"}
ROLE_WORD = re.compile("|".join(ROLE_WORDS))
INTERROGATIVE = re.compile(r"哪|什么|谁|多少|几[项个家成座年]|是否|怎么|怎样|如何|吗")
CJK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.]")


@dataclass
class Turn:
    """One exchange: what the user asked, and (when known) what was answered.

    ``answer`` is our own structured :class:`Answer` (page, CLI); ``reply`` is an assistant text
    from any client (API), kept for the LLM rewrite but never trusted for the subject.
    """

    question: str
    answer: Answer | None = None
    reply: str = ""


@dataclass
class Conversation:
    """The turns so far, oldest first."""

    turns: list[Turn] = field(default_factory=list)

    def add(self, question: str, answer: Answer | None = None, reply: str = "") -> None:
        """Append one exchange."""
        self.turns.append(Turn(question, answer, reply or (answer.answer if answer else "")))

    @classmethod
    def of(cls, history: Conversation | Iterable[Turn | dict[str, Any] | tuple[str, str]] | None) -> Conversation:
        """A conversation from a conversation, turns, ``(question, reply)`` pairs or chat messages."""
        if history is None:
            return cls()
        if isinstance(history, Conversation):
            return cls(list(history.turns))
        items = list(history)
        if items and all(isinstance(i, dict) for i in items):
            return cls.from_messages(items)  # type: ignore[arg-type]
        turns = [i if isinstance(i, Turn) else Turn(str(i[0]), reply=str(i[1])) for i in items]  # type: ignore[index]
        return cls(turns)

    @classmethod
    def from_messages(cls, messages: Sequence[dict[str, Any]]) -> Conversation:
        """Turns from OpenAI-style messages (``role`` and text ``content``): each user message with
        the assistant text that follows it. System and other roles are skipped."""
        turns: list[Turn] = []
        for message in messages:
            role, text = message.get("role"), message.get("content")
            if not isinstance(text, str):
                continue
            if role == "user":
                turns.append(Turn(text))
            elif role == "assistant" and turns and not turns[-1].reply:
                turns[-1].reply = text
        return cls(turns)


def split_messages(messages: object) -> tuple[str, Conversation]:
    """The last user question of chat ``messages`` and the conversation before it.

    Raises:
        ValueError: not a list of messages, or no user message with text (the message says so in Chinese).
    """
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        raise ValueError("messages 应为消息列表，每条消息形如 {\"role\": \"user\", \"content\": \"问题\"}。")
    users = [i for i, m in enumerate(messages) if m.get("role") == "user"]
    if not users or not isinstance(messages[users[-1]].get("content"), str):
        raise ValueError("messages 中没有文本形式的用户消息（role 为 user）。")
    last = users[-1]
    return messages[last]["content"], Conversation.from_messages(messages[:last])


@dataclass
class Subject:
    """What a turn was about: the kind of question, its task, units, indicator and plan."""

    kind: str = ""
    question: str = ""
    task: str = ""
    units: list[str] = field(default_factory=list)
    indicator: str = ""
    focus: str = "all"
    doc_ids: list[str] | None = None
    answered: bool = True

    @property
    def anchor(self) -> str:
        """The name a pointer stands for: the task, else the unit asked about, else the indicator."""
        if self.kind == "unit_tasks" and self.units:
            return self.units[0]
        return self.task or (self.units[0] if self.units else "") or self.indicator


@dataclass
class ResolvedQuestion:
    """How a question was read in its conversation.

    ``text`` is the standalone question answered; ``form`` says how it was read
    (``standalone``, ``ellipsis``, ``pointer``, ``aspect``, ``continue``, ``llm``); ``doc_ids``
    is the plan the conversation is scoped to (``None``: every plan).
    """

    asked: str
    text: str
    form: str = "standalone"
    subject: Subject | None = None
    doc_ids: list[str] | None = None

    @property
    def follow_up(self) -> bool:
        """Whether the question was completed from the turns before it."""
        return self.form not in ("standalone", "plan")

    @property
    def changed(self) -> bool:
        """Whether the standalone question differs from what was asked."""
        return _core(self.text) != _core(self.asked)


@dataclass(frozen=True)
class NamedTask:
    title: str
    doc_id: str
    section: str


@dataclass(frozen=True)
class NamedTarget:
    indicator: str
    doc_id: str
    section: str


class NameIndex:
    """Names found in a text by the two-character stretches they share with it, so a question is
    compared with the few names it could mean, not with every task of a thousand plans."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(dict.fromkeys(names))
        self._exact = set(self.names)
        self._postings: dict[str, set[int]] = {}
        for i, name in enumerate(self.names):
            for gram in _bigrams(name):
                self._postings.setdefault(gram, set()).add(i)

    def scan(self, text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """The names ``text`` holds whole, and the longest stretches it shares with names (each with
        the names that hold it), from every starting place."""
        whole: list[str] = []
        shared: list[tuple[str, list[str]]] = []
        for i in range(len(text) - 1):
            ids = self._postings.get(text[i : i + 2])
            if not ids:
                continue
            j = i + 2
            while True:
                if text[i:j] in self._exact:
                    whole.append(text[i:j])
                following = self._postings.get(text[j - 1 : j + 1]) if j < len(text) else None
                narrowed = ids & following if following else set()
                if not narrowed:
                    break
                ids, j = narrowed, j + 1
            span = text[i:j]
            holders = [self.names[k] for k in ids if span in self.names[k]]
            if holders:
                shared.append((span, holders))
        return whole, shared


class Lexicon:
    """The names a conversation refers to: units, task titles, target indicators, plan titles and places.

    ``places`` are the plans' places (doc id → ``青禾市``); ``tag_places`` finds other place names in a text
    (a tagger's), so a follow-up may name a place no plan is about (and be refused by name).
    """

    def __init__(
        self,
        units: UnitDirectory,
        tasks: list[NamedTask],
        targets: list[NamedTarget],
        titles: dict[str, str],
        places: dict[str, str] | None = None,
        tag_places: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.units = units
        self.tag_places = tag_places
        self._places = {name for place in (places or {}).values() for name in place_names(place)}
        self._annual: dict[str, set[str]] = {}  # a place's name → the years of its annual plans
        for doc_id, place in (places or {}).items():
            for name in place_names(place):
                self._annual.setdefault(name, set()).update({annual_year(titles.get(doc_id, ""))} - {""})
        self._place_lengths = sorted({len(name) for name in self._places}, reverse=True)
        self.tasks = tasks
        self.targets = targets
        self.titles = titles
        self._task_by_section = {(t.doc_id, t.section): t for t in tasks}
        self._tasks_named: dict[str, list[NamedTask]] = {}
        for task in tasks:
            self._tasks_named.setdefault(task.title, []).append(task)
        self._targets_named: dict[str, list[NamedTarget]] = {}
        for target in targets:
            self._targets_named.setdefault(target.indicator, []).append(target)
        self._plans_named: dict[str, list[str]] = {}
        for doc_id, title in titles.items():
            self._plans_named.setdefault(re.sub(r"《|》", "", title), []).append(doc_id)
        self._task_names = NameIndex(self._tasks_named)
        self._indicators = NameIndex(self._targets_named)
        self._plan_names = NameIndex(self._plans_named)

    @classmethod
    def of(cls, index: KnowledgeIndex) -> Lexicon:
        """The lexicon of every document of ``index``."""
        docs = list(index.documents.values())
        tasks = [NamedTask(t.title, t.doc_id, t.section) for d in docs for t in d.tasks]
        targets = [NamedTarget(t.indicator, t.doc_id, t.section) for d in docs for t in d.targets]
        titles = {d.doc_id: d.title for d in docs}
        places = {d.doc_id: d.place for d in docs if d.place}
        return cls(index.units, tasks, targets, titles, places, index.segmenter.places)  # type: ignore[arg-type]

    # -- what a text names ------------------------------------------------------
    def task_in(self, text: str, doc_ids: list[str] | None = None) -> tuple[NamedTask, str] | None:
        """The task ``text`` names (its title, or a stretch of it no other title shares) and that stretch."""
        whole, shared = self._task_names.scan(text)
        whole = [t for t in whole if _in_scope(self._tasks_named[t], doc_ids)]
        if whole:
            title = max(whole, key=len)
            return _in_scope(self._tasks_named[title], doc_ids)[0], title
        best: tuple[str, str] | None = None
        for span, titles in shared:
            titles = [t for t in titles if _in_scope(self._tasks_named[t], doc_ids)]
            if len(span) < MIN_NAME or _generic(span) or len(titles) != 1:
                continue
            if best is None or len(span) > len(best[1]):
                best = (titles[0], span)
        return (_in_scope(self._tasks_named[best[0]], doc_ids)[0], best[1]) if best else None

    def indicator_in(self, text: str, doc_ids: list[str] | None = None) -> tuple[NamedTarget | None, str] | None:
        """The target indicator ``text`` covers best, and the longest stretch they share.

        The target is ``None`` when several indicators are covered equally well.
        """
        _, shared = self._indicators.scan(text)
        candidates = dict.fromkeys(i for span, names in shared if not _generic(span) for i in names)
        best: tuple[float, list[str]] | None = None
        for indicator in candidates:
            if not _in_scope(self._targets_named[indicator], doc_ids):
                continue
            share = _covered(text, indicator)
            if share < 0.5 or len(_common(text, indicator)) < MIN_INDICATOR:
                continue
            if best is None or share > best[0] + 1e-9:
                best = (share, [indicator])
            elif abs(share - best[0]) <= 1e-9:
                best[1].append(indicator)
        if best is None:
            return None
        first = best[1][0]
        target = _in_scope(self._targets_named[first], doc_ids)[0] if len(best[1]) == 1 else None
        return target, _common(text, first)

    def plan_in(self, text: str, cut_years: bool = False) -> tuple[list[str], str] | None:
        """The documents ``text`` names by a stretch of title no other title shares, and the title to
        drop from the question (only a whole title: “牡丹江市……方案” is not this city's plan). A stretch that is only
        a place and a year (“青禾市2025年”) names no plan by title: the place and year scope that question alone.
        ``cut_years``: nor does a stretch cut inside a year (“024年”); a window of dates asked of names no plan."""
        whole, shared = self._plan_names.scan(text)
        words = self._title_words
        named = [d for span, titles in shared if len(span) >= MIN_NAME and not _generic(span) and len(titles) == 1
                 and len(words(span, cut_years)) >= MIN_NAME - 1 for d in self._plans_named[titles[0]]]  # fmt: skip
        if not named:
            return None
        drop = max((t for t in whole if set(self._plans_named[t]) <= set(named)), key=len, default="")
        return list(dict.fromkeys(named)), drop

    def _title_words(self, span: str, cut_years: bool = False) -> str:
        """``span`` without the plans' place names and years (``cut_years``: and digits of a year cut short)."""
        core = YEAR.sub("", span)
        core = CUT_YEAR.sub("", core) if cut_years else core
        for name in sorted((n for n in self._places if n in core), key=len, reverse=True):
            core = core.replace(name, "")
        return core

    def place_span(self, text: str, tagged: bool = True) -> tuple[int, int] | None:
        """Where ``text`` first names a place: a plan's place (the longest name at the first place one starts),
        else (when ``tagged``) a place the tagger finds."""
        spans = longest_matches(text, self._place_lengths, self._places.__contains__)
        if spans:
            return spans[0]
        for place in self.tag_places(text) if self.tag_places and tagged else []:
            if place in text and not self.units.find(place):
                start = text.find(place)
                end = start + len(place)
                level = not PLACE_LEVEL.search(place) and PLACE_LEVEL.match(text[end : end + 1])
                return start, end + 1 if level else end  # “杭州” tagged in “杭州市”: the place with its level
        return None

    def annual_years(self, place: str) -> set[str]:
        """The years of the annual plans of ``place`` (``青禾市`` → 2024, 2025)."""
        return self._annual.get(place, set())

    def place_opening(self, text: str) -> str:
        """The place ``text`` opens with (``河西市`` of ``河西市的``, ``临川县`` of ``临川县交通运输局``), or ``""``."""
        span = self.place_span(text)
        return text[: span[1]] if span and span[0] == 0 else ""

    def has_task(self, title: str, doc_id: str) -> bool:
        """Whether the plan ``doc_id`` has a task of this title."""
        return any(task.doc_id == doc_id for task in self._tasks_named.get(title, []))

    def task_at(self, doc_id: str, section: str) -> NamedTask | None:
        """The task whose section is ``section`` or encloses it."""
        parts = section.split(PATH_SEPARATOR)
        for n in range(len(parts), 0, -1):
            task = self._task_by_section.get((doc_id, PATH_SEPARATOR.join(parts[:n])))
            if task:
                return task
        return None

    def unit_spans(self, text: str, names: list[str]) -> list[str]:
        """The stretches of ``text`` that name one of ``names`` (full names or their short forms)."""
        spans = [alias for name in names for alias in unit_aliases(name) if alias in text]
        return sorted(dict.fromkeys(spans), key=len, reverse=True)


class Resolver:
    """Reads a question in the light of the turns before it (offline, deterministic)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def resolve(self, question: str, history: Conversation | Sequence[Turn] | None = None) -> ResolvedQuestion:
        """The standalone reading of ``question`` after ``history`` (oldest turn first)."""
        subject = self.state(history)
        return self.step(question, subject)

    def state(self, history: Conversation | Sequence[Turn] | None, answer_of: AnswerOf | None = None) -> Subject | None:
        """The subject after the history's turns, each resolved in turn.

        Args:
            history: the earlier turns, oldest first.
            answer_of: answers a resolved earlier question when its turn carries no :class:`Answer`
                of ours (an API client's history), so its structured evidence can still be read.
        """
        turns = Conversation.of(history).turns[-MAX_TURNS:]
        subject: Subject | None = None
        for turn in turns:
            resolved = self.step(turn.question, subject)
            answer = turn.answer
            if answer is None and answer_of is not None and resolved.text.strip():
                answer = answer_of(resolved)
            following = self.subject_of(resolved, answer, subject)
            if resolved.follow_up and subject is not None and not following.answered:
                following = subject  # a refused follow-up (“那2035年呢？”) leaves the subject as it was
            subject = following
        return subject

    # -- one step ---------------------------------------------------------------
    def step(self, question: str, subject: Subject | None) -> ResolvedQuestion:
        """Resolve one question against the subject of the turns before it."""
        asked = (question or "").strip()
        named_plan = self.lexicon.plan_in(asked, cut_years=asks_ledger(asked))  # a year there is a window
        doc_ids = named_plan[0] if named_plan else (subject.doc_ids if subject else None)
        if named_plan and named_plan[1]:
            rest = _without_plan(asked, named_plan[1])
            if _residue(rest) and classify(rest, self.lexicon.units).kind != "document":
                # the plan scopes the turn; its name is not part of the question (unless the question is about it)
                return ResolvedQuestion(asked, _question_mark(rest), "plan", subject, doc_ids)
        if subject is None or not asked:
            return ResolvedQuestion(asked, asked, "standalone", subject, doc_ids)
        whole = END.sub("", asked)
        body = whole if CONTINUE.match(whole) else END.sub("", LEAD_IN.sub("", asked))  # “还有呢” keeps its 还有
        for form, reader in (
            ("continue", self._continue),
            ("pointer", self._pointer),
            ("ellipsis", self._ellipsis),
            ("aspect", self._aspect),
        ):
            text = reader(body, asked, subject, doc_ids)
            if text:
                text = self._with_place(text, subject) if form != "ellipsis" else text
                return ResolvedQuestion(asked, _question_mark(text), form, subject, doc_ids)
        return ResolvedQuestion(asked, asked, "standalone", subject, doc_ids)

    def _with_place(self, text: str, s: Subject) -> str:
        """``text`` with the plan's place the last question named, when it names none (“东浦区新开工…由哪个单位牵头？”
        then “那责任单位呢？” asks 东浦区's task), so the follow-up is asked of the same place's plans."""
        old = self.lexicon.place_span(s.question, tagged=False)
        if old is None or self.lexicon.place_span(text, tagged=False) is not None:
            return text
        return s.question[old[0] : old[1]] + text

    def subject_of(self, resolved: ResolvedQuestion, answer: Answer | None, before: Subject | None) -> Subject:
        """The subject a resolved turn leaves for the next one (from its text, and its answer when given)."""
        text = resolved.text
        scope = resolved.doc_ids
        q = classify(text, self.lexicon.units)
        subject = Subject(kind=q.kind, question=text, units=list(q.units), focus=q.focus, doc_ids=scope)
        named = self.lexicon.task_in(text, scope)
        if named:
            subject.task = named[0].title
        indicator = self.lexicon.indicator_in(text, scope) if q.kind in ("target", "list", "fact") else None
        if indicator and indicator[0] is not None:
            subject.indicator = indicator[0].indicator
            if not subject.task:
                task = self.lexicon.task_at(indicator[0].doc_id, indicator[0].section)
                subject.task = task.title if task else ""
        if answer is not None:
            self._from_answer(subject, answer)
        if resolved.follow_up and before is not None:
            subject.task = subject.task or before.task
            subject.indicator = subject.indicator or before.indicator
            subject.units = subject.units or list(before.units)
        return subject

    def _from_answer(self, subject: Subject, answer: Answer) -> None:
        """Fill the subject from our own structured answer (its task, targets or units)."""
        subject.answered = answer.answerable
        if not answer.answerable:
            return
        evidence = answer.evidence or {}
        if evidence.get("task"):
            subject.task = str(evidence["task"])
        targets = evidence.get("targets") or []
        if targets:
            subject.indicator = str(targets[0].get("indicator", "")) or subject.indicator
        cited = [s for s in answer.sources if s.cited]
        if cited and not evidence.get("task") and answer.kind != "unit_tasks":
            doc_id = cited[0].doc_id
            elsewhere = bool(subject.task) and not self.lexicon.has_task(subject.task, doc_id)
            if targets or not subject.task or elsewhere:  # a title another plan shares a stretch with is not it
                task = self.lexicon.task_at(doc_id, cited[0].section)  # the task the cited clause is in
                subject.task = task.title if task else ("" if elsewhere else subject.task)
        if evidence.get("units"):
            subject.units = [str(u) for u in evidence["units"]]

    # -- the forms ---------------------------------------------------------------
    def _continue(self, body: str, asked: str, s: Subject, doc_ids: list[str] | None) -> str:
        """“还有呢/其他的呢”: the rest of what the last answer listed."""
        if not CONTINUE.match(body):
            return ""
        if s.kind == "owner" and s.task:
            return f"{s.task}的{'配合单位' if s.focus == 'lead' else '责任单位'}有哪些"
        if s.kind == "unit_tasks" and s.units:
            return f"{s.units[0]}{'配合' if s.focus == 'lead' else '参与'}哪些工作"
        if s.kind in ("target", "list") and s.task:
            return f"{s.task}有哪些量化目标"
        return s.question

    def _pointer(self, body: str, asked: str, s: Subject, doc_ids: list[str] | None) -> str:
        """“这项任务/该工程/它/其中/上述/这个指标…”: the pointer replaced by what it points to."""
        match = POINTER.search(body)
        if not match:
            return ""
        group = match.lastgroup
        if group == "task":
            name = s.task or s.anchor
        elif group == "target":
            name = s.indicator or s.anchor
        elif group == "units":
            name = f"{s.task}的责任单位" if s.task else ""
        elif group == "among":
            name = self._among(s)
        else:
            name = s.anchor
        if not name:
            return ""
        start, end = match.span()
        rest = body[end:]
        joiner = "的" if group != "among" and rest and rest[0] not in "的中里" and _noun_next(rest) else ""
        return body[:start] + name + joiner + body[end:]

    @staticmethod
    def _among(s: Subject) -> str:
        if s.kind == "unit_tasks" and s.units:
            return f"{s.units[0]}的任务中"
        if s.kind in ("target", "list") and s.task:
            return f"{s.task}的目标中"
        if s.task:
            return f"{s.task}的责任单位中"
        return f"{s.anchor}中" if s.anchor else ""

    def _ellipsis(self, body: str, asked: str, s: Subject, doc_ids: list[str] | None) -> str:
        """“那X呢？”: the last question again with X in place of its unit, task, indicator or year."""
        match = ELLIPSIS.match(END.sub("", asked)) or ELLIPSIS.match(body + "呢")
        if not match or not (asked.rstrip("？? 。").endswith(("呢", "怎么样", "如何"))):
            return ""
        x = match.group("x").strip()
        x = re.sub(r"^(?:到|至|截至|在)(?=(?:19|20)\d\d)", "", LEAD_IN.sub("", x))
        if not x or not CJK.search(x) or (_residue(x) == "" and not YEAR.fullmatch(x)):
            return ""  # “那配合单位呢”: an aspect, not a new subject
        if INTERROGATIVE.search(x):
            return ""  # “……由哪些单位牵头呢？” is a whole question, not an ellipsis
        previous = s.question
        place = self.lexicon.place_opening(x)
        if place and not x[len(place) :].strip("的"):  # “河西市的呢？”: the last question of another place
            return self._swap_place(previous, place)
        units = self.lexicon.units.find(x) or self.lexicon.units.unknown_org_mentions(x)
        if units:
            return self._swap_unit(previous, s, x)
        if YEAR.fullmatch(x):
            return self._swap_year(previous, x)
        named = self.lexicon.task_in(x, doc_ids)
        if named and (not self.lexicon.indicator_in(x, doc_ids) or len(named[1]) >= len(x) - 2):
            return self._swap_task(previous, s, named[0].title, doc_ids)
        return self._swap_indicator(previous, s, x, doc_ids)

    def _swap_unit(self, previous: str, s: Subject, x: str) -> str:
        spans = self.lexicon.unit_spans(previous, s.units)
        if spans:
            start = previous.find(spans[0])
            end = start + len(spans[0])
            old = self.lexicon.place_span(previous)
            if old and old[0] <= start <= old[1] and self.lexicon.place_opening(x):
                start = old[0]  # “桐溪县城管局” then “临川县交通运输局呢”: the new place and unit replace both
            return previous[:start] + x + previous[end:]
        if s.kind == "owner" and s.task:
            return f"{s.task}的责任单位中有{x}吗"
        return f"{x}{'牵头' if s.focus == 'lead' else '参与'}哪些工作"

    def _swap_place(self, previous: str, place: str) -> str:
        """The last question asked of ``place``: in place of the place it named, else before it (after a
        leading “到2025年，”)."""
        old = self.lexicon.place_span(previous)
        if old:
            return previous[: old[0]] + place + previous[old[1] :]
        lead = LEADING_TIME.match(previous)
        cut = lead.end() if lead else 0
        return previous[:cut] + place + previous[cut:]

    def _swap_year(self, previous: str, x: str) -> str:
        """The last question of another year: its year replaced, else the year put first (“到2030年，…”); the
        year of an annual plan is that plan's (“青禾市2024年…”), not a year a target is due by."""
        year = x if x.endswith("年") or "五" in x else f"{x}年"
        if YEAR.search(previous):
            return YEAR.sub(year, previous, count=1).replace("年年", "年")
        place = self.lexicon.place_span(previous)
        if place and year[:4] in self.lexicon.annual_years(previous[place[0] : place[1]]):
            return previous[: place[1]] + year + previous[place[1] :]
        return f"到{year}，{previous}"

    def _swap_task(self, previous: str, s: Subject, title: str, doc_ids: list[str] | None) -> str:
        old = self.lexicon.task_in(previous, doc_ids)
        if old:
            return previous.replace(old[1], title, 1)
        if s.kind in ("target", "list"):
            return f"{title}有哪些量化目标"
        if s.kind == "unit_tasks" and s.units:
            return f"{title}的责任单位中有{s.units[0]}吗"
        return f"{title}由哪些单位负责"

    def _swap_indicator(self, previous: str, s: Subject, x: str, doc_ids: list[str] | None) -> str:
        named = self.lexicon.indicator_in(x, doc_ids)
        new = named[0].indicator if named and named[0] is not None and len(named[1]) >= len(x) - 1 else x
        if s.kind == "target" and TARGET_LEVELS.match(x):  # “激励目标呢？”: the same target's other level
            return f"{_core(previous)}，{x}是多少"
        if s.kind in ("target", "list", "fact"):
            old = _common(previous, s.indicator) if s.indicator else ""
            if len(old) >= max(MIN_INDICATOR, len(s.indicator) // 2):
                swapped = previous.replace(old, new if old == s.indicator else x, 1)
                return ASKED_UNIT.sub("多少", swapped)  # 公里 was the last indicator's unit, not the new one's
            return f"{new}要达到多少" if s.kind != "fact" else ""
        task = self.lexicon.task_in(previous, doc_ids)  # “这项任务谁负责？” then “人均综合能耗呢？”
        return previous.replace(task[1], new, 1) if task else ""

    def _aspect(self, body: str, asked: str, s: Subject, doc_ids: list[str] | None) -> str:
        """“配合单位有哪些？/谁牵头？/什么时候完成？/依据是什么？”: asked of the last task."""
        if _residue(body) or self.lexicon.units.find(body) or self.lexicon.units.unknown_org_mentions(body):
            return ""
        if BASIS.search(body):
            return s.question
        if YEAR.search(body):
            return ""
        anchor = s.anchor if s.kind == "unit_tasks" else (s.task or s.anchor)
        if not anchor:
            return ""
        body = re.sub(r"^(它的|它|其|该)", "", body)
        body = ROLE_WORD.sub(lambda found: ROLE_WORDS[found.group(0)], body)  # “协办单位呢” → “配合单位呢”
        if body.endswith("呢"):  # “配合单位呢” → “配合单位有哪些”
            body = body[:-1] + ("有哪些" if body[:-1].endswith(("单位", "部门", "目标", "指标", "任务")) else "是什么")
        return f"{anchor}{'' if ASPECT_START.match(body) else '的'}{body}"


def _bigrams(text: str) -> list[str]:
    return list(dict.fromkeys(text[i : i + 2] for i in range(len(text) - 1)))


def _in_scope(items: list[Any], doc_ids: list[str] | None) -> list[Any]:
    """The items (named tasks, targets) of the documents in scope, all of them when ``doc_ids`` is ``None``."""
    return [i for i in items if doc_ids is None or i.doc_id in doc_ids]


def _without_plan(text: str, name: str) -> str:
    """``text`` without the plan's name and the words around it (“在《…》中，”)."""
    pattern = rf"(?:在|按照|根据|依据)?《?{re.escape(name)}》?(?:中的|里的|中|里|内|的)?[，,、：:\s]*"
    return re.sub(pattern, "", text, count=1).strip()


def _residue(text: str) -> str:
    """What is left of ``text`` once the words of asking are taken out (its own subject, if any)."""
    rest = ASK_RESIDUE.sub("", text)
    return "".join(CJK.findall(rest))


def _noun_next(rest: str) -> bool:
    return not ASPECT_START.match(rest)


def _covered(text: str, name: str) -> float:
    """The share of ``name``'s characters that lie in stretches of two or more it shares with ``text``."""
    if not name:
        return 0.0
    covered = i = 0
    while i < len(name):
        size = 0
        while i + size < len(name) and name[i : i + size + 1] in text:
            size += 1
        if size >= 2:
            covered += size
            i += size
        else:
            i += 1
    return covered / len(name)


def _common(a: str, b: str) -> str:
    """The longest stretch ``a`` and ``b`` share."""
    if not a or not b:
        return ""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


# Words of the genre (any plan's title or heading has them), too common to name one plan or task.
GENERIC = re.compile(
    r"^(?:“?十[一二三四五六七八九]五”?|实施方案|工作方案|行动计划|推进方案|人民政府|工程|重点工程|[市县区省]?)$"
)


def _generic(span: str) -> bool:
    """A stretch too common to name anything (``节能减排``, ``“十四五”``, ``工程``)."""
    core = span.strip("“”《》，、 ")
    return len(core) < 2 or GENERIC.match(core) is not None or re.fullmatch(r"[\d.%]+", core) is not None


def _core(text: str) -> str:
    return END.sub("", (text or "").strip())


def _question_mark(text: str) -> str:
    return END.sub("", text) + "？"


def resolve(question: str, history: Conversation | Sequence[Turn] | None, index: KnowledgeIndex) -> ResolvedQuestion:
    """The standalone reading of ``question`` after ``history``, over the names of ``index``."""
    return Resolver(Lexicon.of(index)).resolve(question, history)
