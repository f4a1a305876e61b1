"""What the page shows, shaped from the index: tables, download files, plans and their units, an ingest's outcome.

Plain data, no gradio and no markup: :mod:`policykb.bot.page` turns these into components and HTML. The page
imports from here, the engine and :mod:`policykb.bot.answer` only, never from ``ingest/`` or ``kb/``; the few
types and constants it needs from there are re-exported below.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykb.bot.answer import Source
from policykb.bot.examples import example_questions
from policykb.ingest.errors import DocumentError
from policykb.ingest.pipeline import IngestReport as IngestReport
from policykb.ingest.reader import SUPPORTED as SUPPORTED
from policykb.ingest.report import FileReport as FileReport
from policykb.ingest.report import review_notes
from policykb.ingest.tables import parse_row as parse_row
from policykb.ingest.tables import rows_above
from policykb.kb.duties import partition
from policykb.kb.embedding import EmbeddingModelError
from policykb.kb.export import DOCUMENT_COLUMNS, export, local_minute
from policykb.kb.export import document_rows as document_rows
from policykb.kb.lexicon import MARKED_UNITS as MARKED_UNITS
from policykb.kb.lexicon import REFUSAL_MARK as REFUSAL_MARK
from policykb.kb.lexicon import alternation as alternation
from policykb.kb.lock import IngestBusyError
from policykb.kb.records import DocumentRecord
from policykb.kb.records import Task as Task
from policykb.kb.settings import Settings as Settings
from policykb.kb.store import IndexMismatchError, IndexMissingError
from policykb.kb.units import UnitShelf, longest_matches

if TYPE_CHECKING:
    from policykb.bot.engine import KnowledgeBot
    from policykb.kb.index import KnowledgeIndex

# What an ingest from the page can fail with: each is shown as a message, never raised to the page.
INGEST_ERRORS = (DocumentError, IngestBusyError, EmbeddingModelError, IndexMismatchError, IndexMissingError, ValueError)
TARGET_HEADERS = ["指标", "比较", "数值", "单位", "年份", "章节", "责任单位", "原文", "文件"]
TARGET_TYPES = ["str", "str", "number", "str", "str", "str", "str", "str", "str"]
DOC_HEADERS = ["标题", "地区", "发文机关", "文号", "成文日期", "片段数", "任务数", "指标数", "说明", "导入时间"]
DOC_COLUMNS = [c for c in DOCUMENT_COLUMNS if c != "doc_id"]  # a person reads titles, not ids
DOWNLOADS = [
    ("responsibilities", "xlsx", "职责分工表 (xlsx)"),
    ("responsibilities", "csv", "职责分工表 (csv)"),
    ("targets", "xlsx", "目标指标表 (xlsx)"),
    ("targets", "csv", "目标指标表 (csv)"),
]
EXPORT_NAMES = {"responsibilities": "职责分工", "targets": "目标指标"}
ALL_PLANS = "*"  # the 部门职责 tab's choice of every plan, its units grouped by plan
ALL_PLANS_LABEL = "全部方案"
KEY_SEPARATOR = "\t"  # between a plan's id and a unit's name in a unit's key: a unit belongs to its plan


class UnitNames:
    """Unit names to mark in a page, gathered once per render (a large corpus has thousands)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(n for n in names if len(n) >= 2)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)

    @classmethod
    def of(cls, units: Iterable[str]) -> UnitNames:
        return units if isinstance(units, UnitNames) else cls(units)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def spans(self, text: str, own: str = "") -> list[tuple[int, int]]:
        """Spans of the names (and ``own``) in ``text``, left to right, the longest at each place."""
        if not own:
            return longest_matches(text, self.lengths, self.names.__contains__)
        lengths = sorted({*self.lengths, len(own)}, reverse=True)
        return longest_matches(text, lengths, lambda s: s in self.names or s == own)


# -- tables and files -------------------------------------------------------------------------


def number(value: str) -> int | float | str:
    """A target's value as a number, so that the table sorts it numerically."""
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def target_table(documents: Mapping[str, DocumentRecord]) -> list[list[Any]]:
    """The 目标指标 table: one row per target, in the order of :data:`TARGET_HEADERS`."""
    return [
        [t.indicator, t.comparator, number(t.value), t.unit, t.year, t.section, "、".join(t.owners), t.clause, d.title]
        for d in documents.values()
        for t in d.targets
    ]


def document_table(documents: Mapping[str, DocumentRecord]) -> list[list[Any]]:
    """The 文件 table: one row per plan, in the order of :data:`DOC_HEADERS`."""
    rows = document_rows(documents.values())
    return [[local_minute(row[c]) if c == "ingested_at" else row[c] for c in DOC_COLUMNS] for row in rows]


class Downloads:
    """The four export files of each index generation, in a folder removed when this object goes."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="policykb-export-")

    def files(self, index: KnowledgeIndex) -> list[str]:
        """The paths of the current generation's files, in the order of :data:`DOWNLOADS`; each written once."""
        paths = []
        for kind, fmt, _ in DOWNLOADS:
            path = Path(self._folder.name) / f"policykb-{EXPORT_NAMES[kind]}-v{index.manifest.generation}.{fmt}"
            if not path.exists():
                partial = path.with_suffix(f".{uuid.uuid4().hex}.part")
                partial.write_bytes(export(kind, fmt, list(index.documents.values())))
                partial.replace(path)
            paths.append(str(path))
        return paths


# -- 部门职责: a plan, then a unit, then its tasks ---------------------------------------------


@dataclass
class PlanUnits:
    """One plan's units with ``(unit, tasks led, tasks co-operated on)``, most tasks first; names as resolved
    within the plan (``市场监管局`` in a city's plan is its ``市市场监管局``)."""

    doc_id: str
    title: str
    counts: list[tuple[str, int, int]]

    def key(self, unit: str) -> str:
        """The key of ``unit`` of this plan in the unit picker."""
        return f"{self.doc_id}{KEY_SEPARATOR}{unit}"


@dataclass
class UnitsPanel:
    """The units of the plan picked (or of every plan, grouped by plan)."""

    plans: list[PlanUnits]

    @property
    def grouped(self) -> bool:
        return len(self.plans) > 1

    def choices(self) -> list[tuple[str, str]]:
        """``(label, key)`` of the unit picker: each unit of the one plan shown; with several plans, one entry per
        unit name, its tasks summed over the plans that name it (:func:`unit_tasks` shows them plan by plan)."""
        if not self.grouped:
            return [
                (f"{u}（牵头 {lead} · 配合 {co}）", plan.key(u)) for plan in self.plans for u, lead, co in plan.counts
            ]
        return [(label, f"{ALL_PLANS}{KEY_SEPARATOR}{unit}") for unit, label in self._names()]

    def _names(self) -> list[tuple[str, str]]:
        """``(unit, label)`` per unit name over every plan shown, most tasks first."""
        seen: dict[str, tuple[list[str], list[int]]] = {}
        for plan in self.plans:
            for unit, lead, co in plan.counts:
                titles, counts = seen.setdefault(unit, ([], [0, 0]))
                titles.append(plan.title)
                counts[0] += lead
                counts[1] += co
        ranked = sorted(seen.items(), key=lambda kv: (-sum(kv[1][1]), -kv[1][1][0]))
        return [
            (unit, f"{unit}（牵头 {lead} · 配合 {co}）" + (f" —《{t[0]}》" if len(t) == 1 else f" — {len(t)} 个方案"))
            for unit, (t, (lead, co)) in ranked
        ]


@dataclass
class UnitTasks:
    """A unit's tasks in one plan: those it leads, and those it co-operates on or shares.

    ``written``: how the plan writes the unit (``市场监管局`` for its ``市市场监管局``), the name itself first.
    """

    unit: str
    plan: str
    lead: list[Task] = field(default_factory=list)
    co: list[Task] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


@dataclass
class UnitView:
    """The unit picked and its tasks plan by plan: in the plan picked, or in every plan that names it when every
    plan was; no plan when none names it."""

    unit: str
    plans: list[UnitTasks] = field(default_factory=list)

    @property
    def lead(self) -> int:
        return sum(len(p.lead) for p in self.plans)

    @property
    def co(self) -> int:
        return sum(len(p.co) for p in self.plans)


def plan_choices(documents: Mapping[str, DocumentRecord]) -> list[tuple[str, str]]:
    """``(label, value)`` of the plan picker: every plan, then each plan by its title."""
    return [(ALL_PLANS_LABEL, ALL_PLANS), *((d.title, d.doc_id) for d in documents.values())]


def units_panel(
    documents: Mapping[str, DocumentRecord], plan: str | None, shelf: UnitShelf | None = None
) -> UnitsPanel:
    """The units of ``plan`` (a document id), or of every plan for :data:`ALL_PLANS` or an unknown id; ``shelf``
    (the index's, else one of ``documents``) resolves each plan's names within it."""
    shelf = UnitShelf.of_documents(documents.values()) if shelf is None else shelf
    picked = [documents[plan]] if plan in documents else list(documents.values())
    return UnitsPanel([PlanUnits(d.doc_id, d.title, shelf.of(d.doc_id).counts(d.tasks)) for d in picked])


def unit_tasks(
    documents: Mapping[str, DocumentRecord], key: str | None, shelf: UnitShelf | None = None
) -> UnitView | None:
    """The tasks of the unit ``key`` names: within its plan, or in every plan that names it (an
    :data:`ALL_PLANS` key), plan by plan in the index's order; ``None`` when no unit is picked. ``shelf`` (the
    index's, else one of ``documents``) resolves each plan's names within it."""
    if not key:
        return None
    shelf = UnitShelf.of_documents(documents.values()) if shelf is None else shelf
    doc_id, _, unit = key.rpartition(KEY_SEPARATOR)
    docs = list(documents.values()) if doc_id == ALL_PLANS else [documents[doc_id]] if doc_id in documents else []
    plans = [plan_tasks(doc, shelf, unit) for doc in docs]
    return UnitView(unit, [p for p in plans if p.lead or p.co])


def plan_tasks(doc: DocumentRecord, shelf: UnitShelf, unit: str) -> UnitTasks:
    """``unit``'s tasks in ``doc`` by the one lead/co rule of :mod:`policykb.kb.duties`, names resolved in the plan."""
    plan = shelf.of(doc.doc_id)
    lead, co = partition(unit, doc.tasks, plan.names_of)
    written = [unit, *(raw for raw, name in plan.canonical.items() if name == unit and raw != unit)]
    return UnitTasks(unit, doc.title, lead, co, written=written)


# -- an answer's sources -----------------------------------------------------------------------

RELATED_FLOOR = 0.5  # an uncited source shows when its fused score is at least this share of the best one's


def _plain(text: str) -> str:
    return "".join(text.split())


def shown_sources(sources: list[Source]) -> list[Source]:
    """The sources a person reads: one per distinct clause (a clause inside another one shown is left out), the
    cited ones first, and uncited ones only when close in score to the best uncited one."""
    related = [s.score for s in sources if not s.cited]
    floor = RELATED_FLOOR * max(related) if related else 0.0
    kept: list[Source] = []
    for source in sorted(sources, key=lambda s: not s.cited):  # stable: each group keeps its order
        if not source.cited and source.score < floor:
            continue
        text = _plain(source.text)
        same = [k for k in kept if k.doc_id == source.doc_id]
        if any(text in _plain(k.text) for k in same):
            continue
        kept = [k for k in kept if k.cited or k.doc_id != source.doc_id or _plain(k.text) not in text]
        kept.append(source)
    return kept


class TableHeaders:
    """The header row of the table a source's rows belong to, found in its document's text."""

    def __init__(self, documents: Mapping[str, DocumentRecord]) -> None:
        self.documents = documents

    def __call__(self, source: Source) -> list[str]:
        """The cells of the header row above the first table row of ``source`` (``[]`` when there is none)."""
        doc = self.documents.get(source.doc_id)
        first = next((line for line in source.text.splitlines() if parse_row(line) is not None), None)
        if doc is None or first is None:
            return []
        at = doc.text.find(first)
        if at < 0:
            return []
        above = rows_above(doc.text, at)
        return above[-1] if above else parse_row(first) or []


# -- the whole page on a visit ---------------------------------------------------------------


@dataclass
class Summary:
    """What the index holds and which model embedded it."""

    documents: int
    chunks: int
    model: str
    dim: int
    generation: int


@dataclass
class PageView:
    """Everything on the page that depends on the index, read once per visit."""

    summary: Summary
    documents: list[tuple[str, str]]  # (title, id) for the chat's document filter
    examples: list[str]
    plans: list[tuple[str, str]]
    plan: str  # the plan picked first: the only one, else every plan
    units: UnitsPanel
    targets: list[list[Any]]
    table: list[list[Any]]
    downloads: list[str]
    review: list[tuple[str, list[str]]] = field(default_factory=list)  # (title, notes) of plans that need review


def page_view(bot: KnowledgeBot, downloads: Downloads) -> PageView:
    """The page's index-dependent parts for one visit."""
    index = bot.index()
    docs = index.documents
    m = index.manifest
    plan = next(iter(docs)) if len(docs) == 1 else ALL_PLANS
    return PageView(
        summary=Summary(len(docs), len(index.chunks), f"{m.backend}:{m.model}", m.dim, m.generation),
        documents=[(d.title, d.doc_id) for d in docs.values()],
        examples=example_questions(docs.values()),
        plans=plan_choices(docs),
        plan=plan,
        units=units_panel(docs, plan, index.units),
        targets=target_table(docs),
        table=document_table(docs),
        downloads=downloads.files(index),
        review=[(d.title, notes) for d in docs.values() if (notes := review_notes(d.notes))],
    )


@dataclass
class IngestView:
    """An ingest as the page shows it: one line on the index (``""`` when nothing was indexed) and every file."""

    indexed: str
    files: list[FileReport]

    @property
    def failed(self) -> bool:
        return any(f.outcome == "failed" for f in self.files)

    @property
    def to_check(self) -> bool:
        """Whether a file that went in (or was left out as a copy) carries a warning."""
        return any(f.warnings for f in self.files)


def ingest_view(report: IngestReport) -> IngestView:
    """What an ingest did, in Chinese, by document titles: the index after it, then each file's report."""
    done = [
        f"{label} {len(ids)} 个"
        for label, ids in (("新增", report.added), ("更新", report.replaced), ("未变化", report.unchanged))
        if ids
    ]
    indexed = "，".join(done) + f"。索引版本 {report.generation}，共 {report.chunks} 个片段。" if done else ""
    return IngestView(indexed, report.files)
