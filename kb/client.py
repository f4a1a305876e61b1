"""Build the Chroma client the settings ask for: embedded by default, a server if configured."""

from __future__ import annotations

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from policykb.kb.settings import Settings


def make_client(settings: Settings) -> ClientAPI:
    """``PersistentClient`` under ``home/chroma``, or ``HttpClient`` when ``chroma_host`` is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.uses_server:
        headers = {"Authorization": f"Bearer {settings.chroma_token}"} if settings.chroma_token else None
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, headers=headers, settings=chroma_settings
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
