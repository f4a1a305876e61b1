"""Chroma's limits as the store knows them: batch sizes, the where-filter on documents, cutting a list in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from chromadb.api import ClientAPI

__all__ = ["ChromaLimits", "batches"]


class ChromaLimits:
    """What this store knows of Chroma's limits, in one place."""

    VECTORS_PER_WRITE = 2000  # chunks or targets per add/get (under the server's max batch size)
    RECORDS_PER_WRITE = 50  # a document's records are one JSON text: a few in memory at a time

    @staticmethod
    def batch(client: ClientAPI, wanted: int) -> int:
        """``wanted``, or the client's maximum batch size when that is smaller."""
        try:
            return max(1, min(wanted, int(client.get_max_batch_size())))
        except Exception:  # noqa: BLE001 - a client that cannot say: the wanted size
            return wanted

    @staticmethod
    def where_documents(doc_ids: list[str]) -> dict[str, Any]:
        """A where-filter on the ``doc`` metadata: an equality for one document, ``$in`` for several."""
        return {"doc": doc_ids[0]} if len(doc_ids) == 1 else {"doc": {"$in": doc_ids}}


def batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
