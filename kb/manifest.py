"""The manifest: which generation of the index is current, built by which model, holding which documents."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

FORMAT = 1  # bump when the layout of collections or records changes


class IndexMissingError(RuntimeError):
    """No index has been built yet."""


class IndexMismatchError(RuntimeError):
    """The index was built with another embedding model than the one configured."""


@dataclass
class Manifest:
    """Which generation is current, built by which model, holding which documents."""

    generation: int
    backend: str
    model: str
    dim: int
    chunk_size: int
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    updated_at: str = ""
    format: int = 0
    segments: list[int] = field(default_factory=list)
    writer: str = ""  # who committed it (see :meth:`policykb.kb.store.KnowledgeStore.commit`)

    @property
    def live_segments(self) -> list[int]:
        """The segments this generation reads (a manifest from before segments: its generation's; an empty
        index: none, so that nothing looks for a segment an empty commit never wrote)."""
        if self.segments:
            return self.segments
        return [self.generation] if self.documents else []

    def segment_of(self, doc_id: str) -> int:
        """The segment holding ``doc_id``."""
        return int(self.documents[doc_id].get("segment", self.generation))

    def in_segment(self, segment: int) -> list[str]:
        """The documents of ``segment``, in manifest order."""
        return self._members.get(segment, [])

    @cached_property
    def _members(self) -> dict[int, list[str]]:
        """Documents by segment, worked out once: every dense query asks (a manifest is never changed)."""
        members: dict[int, list[str]] = {}
        for doc_id in self.documents:
            members.setdefault(self.segment_of(doc_id), []).append(doc_id)
        return members

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """The manifest ``text`` holds; fields a later version added are left out (its ``format`` says so).

        Raises:
            IndexMismatchError: the text is not a manifest this program can read.
        """
        try:
            data = json.loads(text)
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (ValueError, TypeError, AttributeError) as exc:
            raise IndexMismatchError(
                "索引清单无法读取（由不兼容的 policykb 版本写入）。"
                "请换一个知识库名称（POLICYKB_COLLECTION）或删除原索引后，重新运行：policykb ingest"
            ) from exc

    def count(self, what: str, segment: int | None = None) -> int:
        """How many ``"chunks"``, ``"tasks"`` or ``"targets"`` the documents hold (of one segment, if given)."""
        docs = self.documents if segment is None else self.in_segment(segment)
        return sum(int(self.documents[d].get(what, 0)) for d in docs)

    def check_model(self, identity: dict[str, Any]) -> None:
        """Refuse to mix vectors of two models.

        Raises:
            IndexMismatchError: ``identity`` differs from the model that built the index.
        """
        if self.format != FORMAT:
            raise IndexMismatchError(
                f"索引格式为第 {self.format} 版，当前程序需要第 {FORMAT} 版。请重建索引：policykb ingest --rebuild"
            )
        built = (self.backend, self.model, self.dim)
        wanted = (identity["backend"], identity["model"], identity["dim"])
        if built != wanted:
            raise IndexMismatchError(
                f"索引由向量模型 {self.backend}:{self.model}（{self.dim} 维）建立，"
                f"当前设置为 {wanted[0]}:{wanted[1]}（{wanted[2]} 维），不能混用两种模型的向量。"
                "请用当前模型重建索引：policykb ingest --rebuild"
            )
