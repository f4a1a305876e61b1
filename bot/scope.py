"""Which plans a question is about: the place, the 文号, the title or the year it names.

A knowledge base holds many plans. ``齐齐哈尔清洁取暖率要到多少？`` is about the plans whose place is
齐齐哈尔市 (a place may be named with or without 市/县/省), ``青政办发〔2024〕12号`` about that notice,
``2023年政府工作报告任务分解`` about that year's plan. A place that no plan belongs to and no plan
mentions gets a refusal that names it, never another plan's answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykb.kb.records import DocumentRecord
from policykb.kb.units import UnitDirectory
from policykb.kb.text import annual_year

PLACE_SUFFIX = re.compile(r"(?:自治区|自治州|特别行政区|省|市|县|区|旗|盟|州)$")
YEAR = re.compile(r"(\d{4})年")
PLAN_YEAR = re.compile(r"(?<![到至])(\d{4})年")  # 到2025年: the year a target is due by, not the plan's
GENERIC_TITLE = re.compile(
    r"关于|印发|实施方案|工作方案|行动方案|行动计划|实施意见|方案|计划|意见|通知|若干|措施|重点|工作|任务|分工|分解|责任|"
    r"“|”|《|》|（|）|\d{4}|年|—|-"
)


@dataclass
class Scope:
    """The plans a question names (``None``: it names none), or a place that no plan is about."""

    doc_ids: list[str] | None = None
    missing: str = ""
    names: tuple[str, ...] = ()  # how the question named the plans' place
    exact: bool = False  # named by 文号 or narrowed by a plan's year: no stretch of a title narrows it further

    def strip(self, question: str, units: UnitDirectory | None = None) -> str:
        """The question without the place it was scoped by (the plans' text rarely repeats it); a place that
        begins the name of one of ``units`` (``齐齐哈尔海事局``) stays, as part of that name."""
        if not self.names:
            return question
        kept = [(start, end) for start, end, _ in units.spans(question)] if units is not None else []
        pattern = "|".join(f"{re.escape(name)}的?" for name in sorted(self.names, key=len, reverse=True))

        def drop(found: re.Match[str]) -> str:
            return found.group(0) if any(start <= found.start() < end for start, end in kept) else ""

        return re.sub(pattern, drop, question).strip() or question


def place_names(place: str) -> list[str]:
    """How a question may name a place: ``青禾市`` → ``青禾市``, ``青禾``."""
    if not place:
        return []
    short = PLACE_SUFFIX.sub("", place)
    return [place, short] if len(short) >= 2 and short != place else [place]


def question_scope(question: str, documents: list[DocumentRecord], places: list[str]) -> Scope:
    """The documents ``question`` is scoped to; ``places`` are the place names a tagger found in it."""
    by_number = [d for d in documents if d.number and d.number in question]
    if by_number:
        return Scope([d.doc_id for d in by_number], exact=True)
    names = [n for d in documents for n in place_names(d.place) if n in question]
    named = [d for d in documents if any(name in question for name in place_names(d.place))]
    named = named or [d for d in documents if _names_title(question, d)]
    if named:
        dated = _by_year(question, named)
        return Scope([d.doc_id for d in dated], names=tuple(dict.fromkeys(names)), exact=len(dated) < len(named))
    for place in places:
        if not any(place in d.place or place in d.title or place in d.text for d in documents):
            return Scope(missing=place)
    return Scope()


def _names_title(question: str, doc: DocumentRecord) -> bool:
    """Whether the question quotes the distinctive part of the plan's title (six characters or more)."""
    core = GENERIC_TITLE.sub(" ", doc.title.removeprefix(doc.place)).split()
    return any(len(part) >= 6 and part in question for part in core)


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
    return len({d.place for d in documents}) > 1 or all(annual_year(d.title) in years for d in documents)


def for_plan(question: str, document: DocumentRecord, documents: list[DocumentRecord]) -> str:
    """``question`` as asked of one of the plans it compares: without the years of the others' annual plans
    (“青禾市2024年和2025年的…” asks the 2024 plan about 2024 only)."""
    own = annual_year(document.title)
    for other in documents:
        year = annual_year(other.title)
        if year and year != own:
            question = re.sub(rf"[和与及、]{year}年|(?<![到至\d]){year}年[和与及、]?", "", question)
    return question
