"""The knowledge base's records: what ingest produces and the bot reads.

Every record is a plain dataclass that round-trips through JSON, so the same
records can live in an embedded Chroma or on a shared Chroma server.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from typing import Any, TypeVar

PATH_SEPARATOR = " > "

T = TypeVar("T")


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _build(cls: type[T], data: dict[str, Any]) -> T:
    names = _field_names(cls)
    return cls(**{k: v for k, v in data.items() if k in names})


def path_label(path: list[str] | tuple[str, ...]) -> str:
    """Render a heading path as one string, e.g. ``二、… > （四）…``."""
    return PATH_SEPARATOR.join(path)


@dataclass
class Section:
    """A numbered section of a document and its own text (up to its first child)."""

    path: list[str]
    heading: str
    level: int
    start: int
    end: int

    @property
    def label(self) -> str:
        return path_label(self.path)


@dataclass
class Chunk:
    """A run of whole sentences inside one section, with offsets into the document text."""

    id: str
    doc_id: str
    path: list[str]
    text: str
    start: int
    end: int
    tokens: list[str] = field(default_factory=list)

    @property
    def section(self) -> str:
        return path_label(self.path)


@dataclass
class Responsibility:
    """Who answers for a task, as its bracket says.

    ``mode`` is ``lead_co`` (some units lead, others co-operate), ``shared``
    (units share the work by their duties, no lead named) or ``sole``.
    """

    lead_units: list[str]
    co_units: list[str]
    mode: str
    county_implements: bool = False
    notes: list[str] = field(default_factory=list)
    raw: str = ""

    @property
    def units(self) -> list[str]:
        return [*self.lead_units, *self.co_units]


@dataclass
class Task:
    """A numbered task of a plan: its heading, its text and its responsibility bracket."""

    doc_id: str
    path: list[str]
    title: str
    text: str
    start: int
    end: int
    responsibility: Responsibility
    deadline: str = ""

    @property
    def section(self) -> str:
        return path_label(self.path)

    @property
    def search_text(self) -> str:
        """What the dense model sees of a task: its title and the start of its text."""
        return f"{self.title}：{self.text[:120]}"

    @property
    def vector_id(self) -> str:
        """The id of the task's vector in the store: of its plan and what the model sees (a task of the same
        text in the same plan shares it; a task whose text changed has another)."""
        digest = hashlib.sha1("\x1f".join([self.doc_id, self.search_text]).encode("utf-8")).hexdigest()
        return f"{self.doc_id}-task-{digest[:16]}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        data = dict(data)
        data["responsibility"] = _build(Responsibility, data["responsibility"])
        return _build(cls, data)


@dataclass
class Target:
    """One quantity a plan sets: indicator, comparator, value, unit and year."""

    doc_id: str
    path: list[str]
    indicator: str
    comparator: str
    value: str
    unit: str
    year: str
    clause: str
    sentence: str
    start: int
    baseline_year: str = ""
    owners: list[str] = field(default_factory=list)
    verb_first: bool = False
    id: str = ""
    stretch: str = ""  # a higher value the plan strives for: 下降13%，力争14.5%
    year_end: str = ""  # 底 or 末 when the figure is set for the year's end (到2024年底)

    @property
    def search_text(self) -> str:
        """What the dense model sees of a target: indicator, comparator, quantity."""
        return f"{self.indicator}{self.comparator.replace('…', '')}{self.quantity}"

    @property
    def section(self) -> str:
        return path_label(self.path)

    @property
    def quantity(self) -> str:
        return f"{self.value}{self.unit}"


@dataclass
class DocumentRecord:
    """A whole ingested document with everything parsed out of it."""

    doc_id: str
    title: str
    source: str
    sha256: str
    text: str
    authority: str = ""
    number: str = ""
    date: str = ""
    place: str = ""
    basis: list[str] = field(default_factory=list)  # the higher-level files it carries out: 《X》（文号）
    dates: dict[str, str] = field(default_factory=dict)  # 成文日期/发布日期/印发日期 → its date, as the page gives
    page_fields: dict[str, str] = field(default_factory=dict)  # 生成日期 → 2018-03-28: page fields as printed
    addressee: str = ""  # whom a notice is sent to (主送): 各乡镇人民政府，县政府各部门
    notes: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # its targets' words, embedded as queries (kb.word_vectors)
    ingested_at: str = ""
    extractor: str = ""  # the version of the extractor that parsed it (ingest.parser.EXTRACTOR_VERSION)
    file_sha256: str = ""  # sha256 of the file's bytes as ingested ("" for text given directly)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentRecord:
        data = dict(data)
        data["sections"] = [_build(Section, s) for s in data.get("sections", [])]
        data["tasks"] = [Task.from_dict(t) for t in data.get("tasks", [])]
        data["targets"] = [_build(Target, t) for t in data.get("targets", [])]
        data["chunks"] = [_build(Chunk, c) for c in data.get("chunks", [])]
        return _build(cls, data)

    def task_for(self, path: list[str], offset: int | None = None) -> Task | None:
        """The task whose section is ``path`` or one of its ancestors; where a section holds several tasks,
        the one whose text holds ``offset`` (else the first that ends after it, else the last)."""
        candidates = [t for t in self.tasks if path[: len(t.path)] == t.path]
        if not candidates:
            return None
        deepest = max(len(t.path) for t in candidates)
        candidates = [t for t in candidates if len(t.path) == deepest]
        if offset is not None:
            for task in candidates:
                if task.start <= offset < task.end or offset < task.start:
                    return task
        return candidates[-1]
