"""Counting what the real embedding model embeds: each uncached query batch, through the real backend."""

from __future__ import annotations

from typing import Any

import pytest


def counted_query_batches(model: Any, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts of each uncached query batch ``model`` embeds from now on (its query cache emptied first)."""
    calls: list[list[str]] = []
    embed = model._embed_queries

    def counted(texts: list[str]) -> list[list[float]]:
        calls.append(list(texts))
        return embed(texts)

    monkeypatch.setattr(model, "_embed_queries", counted)
    model.clear_query_cache()
    return calls
