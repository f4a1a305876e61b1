"""Who answers for a task, from the retrieved sentence that names the task and a role, when no task record does.

A sentence answers when it covers the question's content as a clause answer must (:mod:`.clause`) and holds a
role phrase: a label (``责任单位：A、B``, ``负责部门：A``, ``牵头单位：A``), ``由A负责``, ``A牵头``, ``A会同B``.
The units are given as the sentence states them: a lead apart from the co units only where the sentence says
who leads (``牵头``, ``会同``); otherwise one line of every unit, the plan naming no lead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from policykb.bot.answers.clause import MIN_HELD, retrieved_sentences
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.sentences import cover
from policykb.bot.kinds import QuestionKind
from policykb.kb.lexicon import COOPERATE_WORDS, ROLE_LABEL_WORDS, alternation
from policykb.kb.text import split_top_level
from policykb.kb.units import ORG_NAME

__all__ = ["RoleClause", "stated_roles"]

_UNITS = r"[^，,。；;：:（）()“”]{2,40}?"
LABEL = re.compile(rf"(?P<label>{alternation(ROLE_LABEL_WORDS)})(?:单位|部门)[：:](?P<units>[^，,；;。）)]+)")
LEADS = re.compile(
    rf"(?:由)?(?P<lead>{_UNITS})(?:牵头(?!单位|部门)|会同(?P<co>{_UNITS})(?=负责|推进|开展|组织|制定|实施|研究))"
)
BY = re.compile(rf"由(?P<units>{_UNITS})(?:共同)?负责")
SUBJECT = re.compile(
    r"^(?P<units>[^，,。；;：:（）()“”]{2,120}?)等?(?:有关)?(?:部门|单位)?(?:要|应|应当|负责|按职责|共同|各负其责)"
)
"""Units that open their sentence as its subject: ``A、B、C等部门要加强对…的统筹协调``."""


LIST_CLOSE = re.compile(r"等?(?:有关|相关)?(?:责任|成员|主管)?(?:部门|单位)?$")
"""What closes a list of units (``…乙局等责任单位``): no part of the last name."""


@dataclass
class Roles:
    """The units a sentence gives a task: who leads and who co-operates, or all of them when it names no lead."""

    lead: list[str]
    co: list[str]
    shared: list[str]


def _units(text: str) -> list[str]:
    return [u.strip() for u in split_top_level(text, "、，,") if u.strip()]


def stated_roles(sentence: str, known: Callable[[str], bool] | None = None) -> Roles | None:
    """The roles ``sentence`` states, else ``None``. With ``known`` (whether a name is a unit of the plans), units
    that open the sentence as its subject (``A、B等部门要…``) are its units too, when every one of them is known."""
    lead: list[str] = []
    co: list[str] = []
    shared: list[str] = []
    for m in LABEL.finditer(sentence):
        units = _units(m.group("units"))
        (lead if m.group("label") == "牵头" else co if m.group("label") in COOPERATE_WORDS else shared).extend(units)
    if not (lead or shared):
        for m in LEADS.finditer(sentence):
            leads, cos = _named(m.group("lead"), known), _named(m.group("co") or "", known)
            if leads and (cos or not m.group("co")):
                lead.extend(leads)
                co.extend(cos)
        for m in BY.finditer(sentence):
            shared.extend(_named(m.group("units"), known))
    if not (lead or shared or co) and known is not None:
        shared.extend(_subject_units(sentence, known))
    if lead:
        return Roles(lead, [u for u in [*co, *shared] if u not in lead], [])
    if shared or co:
        return Roles([], [], [*shared, *co])
    return None


def _named(text: str, known: Callable[[str], bool] | None) -> list[str]:
    """The units ``text`` lists before a role verb, from where its list starts (after ``由``, or inside the words
    run into its first name: ``该项工作由甲局``, ``…建设单位甲局``); none when a name is no unit (with ``known``):
    the words before ``牵头`` of a table's run-together header (``…建设单位牵头推进部门``) name nobody."""
    units = [LIST_CLOSE.sub("", u) for u in _units(text.rsplit("由", 1)[-1])]
    if known is None or not units:
        return units
    first = next((units[0][i:] for i in range(len(units[0]) - 1) if known(units[0][i:])), "")
    rest = units[1:]
    return [first, *rest] if first and all(known(u) for u in rest) else []


def _subject_units(sentence: str, known: Callable[[str], bool]) -> list[str]:
    """The units that open ``sentence`` as its subject, when every listed name is ``known``; else none."""
    found = SUBJECT.match(sentence)
    units = _units(found.group("units")) if found else []
    return units if units and all(known(u) for u in units) else []


class RoleClause(Kind):
    """The units a retrieved sentence gives the task the question names, cited with the sentence."""

    name = "role"

    def find(self, ctx: Context) -> Finding | None:
        th = self.thresholds
        best = None
        for r in retrieved_sentences(self.records, ctx):
            roles = stated_roles(r.sentence, self.is_unit)
            if roles is None:
                continue
            held = cover(ctx.evidence, r.plan, f"{r.section} {r.sentence}")
            score = 0.8 * held.support + 0.2 / (r.rank + 1)
            if best is None or score > best[0]:
                best = (score, held, r.sentence, r.section, r.chunk, roles)
        if best is None:
            return None
        _, held, sentence, section, chunk, roles = best
        if held.support < th.clause or held.lacking > th.missing:
            return None  # another task, or a thing the question names is not in the sentence
        if held.weight < MIN_HELD * self.kit.index.bm25.max_idf or ctx.evidence.neighbour(sentence):
            return None
        lines = self.role_lines(roles)
        lines.append(self.phrases("fact.quote", sentence=sentence, section=section))
        facts = {"lead_units": roles.lead, "co_units": roles.co or roles.shared, "sentence": sentence}
        return Finding(lines, [chunk], QuestionKind.OWNER, facts)

    def is_unit(self, name: str) -> bool:
        """Whether ``name`` is, whole, a unit of the plans (``发展改革委``) or shaped like a government body
        (``市发展改革委``), not a phrase that holds one."""
        units = self.kit.index.units
        known = units is not None and any(s == 0 and min(e, len(name)) == len(name) for s, e, _ in units.spans(name))
        return known or ORG_NAME.fullmatch(name) is not None

    def role_lines(self, roles: Roles) -> list[str]:
        """The lines of who leads and who co-operates, as the sentence states them (never an invented lead)."""
        if roles.lead:
            co = [self.phrases("owner.co", units="、".join(roles.co))] if roles.co else []
            return [self.phrases("owner.lead", units="、".join(roles.lead)), *co]
        if len(roles.shared) == 1:
            return [self.phrases("owner.listed", units=roles.shared[0])]
        return [self.phrases("owner.shared", units="、".join(roles.shared))]
