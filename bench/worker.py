"""One measurement in a fresh process: ``python -m bench.worker ARGS.json``.

The parent (:mod:`bench.spawn`) writes the arguments to a JSON file, notes the
wall-clock time, starts this module and reads back the JSON result it writes to
``args["result"]``. Progress goes to stderr. Every figure here is taken in this
process only, so peak RSS (VmHWM) is the task's own.

Tasks: ``ingest``, ``add``, ``coldstart``, ``serve``, ``stock``, ``pool``, ``embedq``.
"""

from __future__ import annotations

import time

STARTED = time.time()  # before any heavy import: the interpreter's own start-up is STARTED - spawned_at

import json  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from bench.contention import CpuWindow  # noqa: E402
from bench.log import say  # noqa: E402
from bench.memory import disk_mib, peak_rss_mib, rss_mib  # noqa: E402
from bench.stats import latency_summary, percentile  # noqa: E402

Args = dict[str, Any]


class Marks:
    """Milestones in seconds since the parent spawned this process."""

    def __init__(self, spawned_at: float) -> None:
        self.spawned_at = spawned_at
        self.points: dict[str, float] = {"interpreter": STARTED - spawned_at}
        self._last = time.time()

    def __call__(self, name: str) -> float:
        now = time.time()
        self.points[name] = now - self.spawned_at
        step, self._last = now - self._last, now
        return step


def log(message: str) -> None:
    say(message, prefix="worker")


# -- shared set-up ----------------------------------------------------------------
def settings_of(a: Args):
    from policykb.kb.settings import Settings

    return Settings.from_env({}, home=Path(a["home"]), embedding_backend=a["backend"], embedding_model=a["model"])


def pool_texts(plan: Path, chunk_size: int) -> list[str]:
    """What the proxy vectors are borrowed from: every passage either recipe embeds for the plan itself."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from policykb.ingest.parser import parse_file
    from policykb.ingest.pipeline import embedding_text

    doc = parse_file(plan, chunk_size)
    texts = [embedding_text(c, doc.title) for c in doc.chunks] + [t.search_text for t in doc.targets]
    splitter = RecursiveCharacterTextSplitter(chunk_size=300, chunk_overlap=30, add_start_index=True)
    texts += [c for c in splitter.split_text(doc.text)]
    return texts


def embeddings_of(a: Args, real):
    """The real model (timed), or stand-in passage vectors around it (see :mod:`bench.vectors`)."""
    from bench.vectors import StandInEmbeddings, Timed

    mode = a.get("vectors", "real")
    if mode == "real":
        return Timed(real)
    if mode == "proxy":
        return StandInEmbeddings(real, "proxy", pool_texts(Path(a["plan"]), a["chunk_size"]), Path(a["pool_file"]))
    return StandInEmbeddings(real, "hash")


def load_model(a: Args, marks: Marks):
    from policykb.kb.embedding import load_embedding_model

    real = load_embedding_model(a["backend"], a["model"])
    marks("model")
    return real


def progress_logger(label: str):
    state = {"next": 0.0}

    def report(fraction: float, message: str) -> None:
        if fraction >= state["next"]:
            log(f"{label}: {fraction:4.0%} {message}")
            state["next"] = fraction + 0.1

    return report


def ingesting_bot(a: Args, marks: Marks):
    """A bot over ``a``'s home whose passage vectors are as ``a`` says (the model load is marked)."""
    from policykb.bot.engine import KnowledgeBot

    marks("imported")
    emb = embeddings_of(a, load_model(a, marks))
    return KnowledgeBot(settings_of(a), embeddings=emb, show_progress=False), emb


# -- tasks ------------------------------------------------------------------------
def task_ingest(a: Args, marks: Marks) -> dict[str, Any]:
    """Ingest ``paths`` (default: the shipped plan) into an empty home, then re-ingest them unchanged."""
    from policykb.bot.engine import shipped_sources

    bot, emb = ingesting_bot(a, marks)
    settings = bot.settings
    paths = [Path(p) for p in a.get("paths") or []] or shipped_sources()
    files = [p for folder in paths for p in (sorted(folder.glob("*.txt")) if folder.is_dir() else [folder])]
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    log(f"ingest of {len(files)} files, {chars:,} characters, vectors: {a.get('vectors', 'real')}")
    window = CpuWindow.open()
    start = time.perf_counter()
    report = bot.ingest(paths, progress=progress_logger("ingest"))
    ingest_s = time.perf_counter() - start
    cpu = window.close()
    marks("ingested")
    out: dict[str, Any] = {
        "files": len(files),
        "chars": chars,
        "ingest_s": ingest_s,
        "chars_per_s": chars / ingest_s,
        "passages_embedded": report.embedded,
        "chunks": report.chunks,
        "embed_s": emb.seconds,
        "embed_passages": emb.passages,
        "nonembed_s": ingest_s - emb.seconds,
        "vectors": a.get("vectors", "real"),
        "peak_rss_mib": peak_rss_mib(),
        "cpu": cpu,
        "failed": report.failed,
    }
    out["model_plus_ingest_s"] = marks.points["ingested"] - marks.points["imported"]
    out["spawn_to_ingested_s"] = marks.points["ingested"]
    start = time.perf_counter()
    again = bot.ingest(paths)
    out["reingest_s"] = time.perf_counter() - start
    out["reingest_unchanged"] = len(again.unchanged)
    out["reingest_embedded"] = again.embedded
    out["disk_mib"] = disk_mib(settings.chroma_path)
    out["peak_rss_total_mib"] = peak_rss_mib()
    return out


def task_add(a: Args, marks: Marks) -> dict[str, Any]:
    """Add one document to an existing index (fresh process; the model load is timed apart)."""
    bot, emb = ingesting_bot(a, marks)
    settings = bot.settings
    log(f"adding {Path(a['add']).name} to the index")
    start = time.perf_counter()
    added = bot.ingest([Path(a["add"])])
    add_s = time.perf_counter() - start
    return {
        "add_one_s": add_s,
        "embedded": added.embedded,
        "reused": added.reused,
        "embed_s": emb.seconds,
        "chunks": added.chunks,
        "disk_mib": disk_mib(settings.chroma_path),
        "peak_rss_mib": peak_rss_mib(),
    }


def task_coldstart(a: Args, marks: Marks) -> dict[str, Any]:
    """A new process to its first answer, on an index that exists."""
    from bench.questions import FIRST_QUESTION
    from policykb.bot.engine import KnowledgeBot

    marks("imported")
    real = load_model(a, marks)
    bot = KnowledgeBot(settings_of(a), embeddings=real, show_progress=False)
    marks("bot")
    bot.index()
    marks("index")
    answer = bot.ask(FIRST_QUESTION)
    marks("first_answer")
    return {"answer": answer.answer[:80], "answerable": answer.answerable, "peak_rss_mib": peak_rss_mib()}


def _latency_runs(
    questions: list[dict[str, Any]], calls: dict[str, Any], runs: int, deadline: float, clear, judge=None, label: str = ""
) -> dict[str, dict[str, Any]]:
    """``runs`` passes over ``questions``, until ``deadline``; per question, each of ``calls`` in turn.

    The calls are interleaved question by question so that each meets the same machine load;
    the query-vector cache is emptied before every call whose name does not end in ``_cached``
    (such a call repeats the previous one with the question's vector cached). ``judge(item, result)``
    scores the first run of the call named ``answer``.
    """
    per_run: dict[str, list[dict[str, float]]] = {name: [] for name in calls}
    by_kind: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in calls}
    correct = judged = 0
    cut = False
    # The first run always asks every question (≥ 200 for the eval set), up to 4× the budget;
    # past the budget it drops the ``_cached`` repeats, and later runs stop at the budget.
    hard_stop = deadline + 3 * max(deadline - time.monotonic(), 0.0)
    for r in range(runs):
        latencies: dict[str, list[float]] = {name: [] for name in calls}
        done = 0
        for item in questions:
            now = time.monotonic()
            past = now > deadline
            if past and (r > 0 or (now > hard_stop and done >= 20)):
                cut = True
                break
            for name, call in calls.items():
                if past and name.endswith("_cached"):
                    continue
                if not name.endswith("_cached"):
                    clear()
                start = time.perf_counter()
                result = call(item["question"])
                elapsed = (time.perf_counter() - start) * 1000
                latencies[name].append(elapsed)
                by_kind[name][item["kind"]].append(elapsed)
                if r == 0 and name == "answer" and judge is not None:
                    judged += 1
                    correct += bool(judge(item, result))
            done += 1
        if done and (not cut or r == 0):
            for name in calls:
                if latencies[name]:
                    per_run[name].append(latency_summary(latencies[name]))
        summary = "  ".join(f"{name} p50={per_run[name][-1]['p50']:.1f} p95={per_run[name][-1]['p95']:.1f} ms" for name in calls if per_run[name])
        log(f"{label}run {r + 1}/{runs}: {done} questions  {summary}")
        if cut:
            log(f"{label}time budget reached: {r if r else 1} run(s) kept")
            break
    out: dict[str, dict[str, Any]] = {}
    for name in calls:
        kinds = {k: {"n": len(v), "p50": percentile(v, 0.5), "p95": percentile(v, 0.95)} for k, v in by_kind[name].items()}
        out[name] = {"runs": per_run[name], "by_kind": kinds, "cut_by_budget": cut}
    if judged:
        out["answer"]["accuracy"] = correct / judged
        out["answer"]["judged"] = judged
    return out


def task_serve(a: Args, marks: Marks) -> dict[str, Any]:
    """Open an index, answer once, then time retrieval and full answers over the eval questions."""
    from bench.questions import FIRST_QUESTION, bench_questions
    from bench.vectors import Timed
    from policykb.bot.engine import KnowledgeBot
    from policykb.eval.scoring import judge

    marks("imported")
    real = load_model(a, marks)
    emb = Timed(real)
    bot = KnowledgeBot(settings_of(a), embeddings=emb, show_progress=False)
    start = time.perf_counter()
    index = bot.index()
    index_load_s = time.perf_counter() - start
    marks("index")
    log(f"index loaded in {index_load_s:.2f} s: {len(index.documents)} documents, {len(index.chunks):,} chunks")
    bot.ask(FIRST_QUESTION)
    marks("first_answer")
    rss_loaded = rss_mib()
    questions = bench_questions(a.get("limit"))
    budget = float(a["budget_s"])
    t0 = time.monotonic()
    window = CpuWindow.open()
    timed = _latency_runs(
        questions,
        {
            "retrieval": lambda q: bot.retriever("hybrid").invoke(q),
            "answer": lambda q: bot.ask(q),
            "answer_cached": lambda q: bot.ask(q),
        },
        a["runs"],
        t0 + budget,
        emb.clear_query_cache,
        judge=lambda item, ans: judge(item, ans.to_dict()).correct,
    )
    cpu = window.close()
    out: dict[str, Any] = {
        "documents": len(index.documents),
        "chunks": len(index.chunks),
        "index_load_s": index_load_s,
        "retrieval": timed["retrieval"],
        "answer": timed["answer"],
        "answer_cached": timed["answer_cached"],
        "rss_loaded_mib": rss_loaded,
        "cpu": cpu,
    }
    if a.get("profile_n"):
        out["profile"] = profile_serving(bot, emb, questions[: a["profile_n"]], deadline=time.monotonic() + a.get("profile_budget_s", 120))
    out["peak_rss_mib"] = peak_rss_mib()
    return out


def profile_serving(bot, emb, questions: list[dict[str, Any]], deadline: float) -> dict[str, Any]:
    """cProfile of retrieval and answering, in this thread (``ask`` runs retrieval in a pool thread)."""
    from bench.hotspots import profile_calls

    emb.clear_query_cache()
    answerer = bot.answerer()

    def one(question: str) -> None:
        docs = bot.retriever("hybrid").invoke(question)
        answerer.answer(question, docs, None)

    log(f"profiling {len(questions)} questions")
    return profile_calls(one, [q["question"] for q in questions], deadline)


def task_stock(a: Args, marks: Marks) -> dict[str, Any]:
    """LangChain's stock recipe: build it over the same documents, answer once, then time it."""
    import warnings

    warnings.simplefilter("ignore")
    import langchain_chroma  # noqa: F401  (imported here so that the build time holds no imports)
    import langchain_classic.retrievers  # noqa: F401
    import langchain_community.retrievers  # noqa: F401
    import langchain_text_splitters  # noqa: F401

    from bench.questions import FIRST_QUESTION, bench_questions
    from policykb.bot.engine import shipped_sources
    from policykb.eval.baseline import StockRecipe
    from policykb.eval.scoring import judge
    from policykb.ingest.parser import parse_file
    from policykb.prompts.library import load_phrases

    marks("imported")
    real = load_model(a, marks)
    emb = embeddings_of(a, real)
    paths = [Path(p) for p in a.get("paths") or []] or shipped_sources()
    files = [p for folder in paths for p in (sorted(folder.glob("*.txt")) if folder.is_dir() else [folder])]
    start = time.perf_counter()
    documents = [parse_file(p, a["chunk_size"]) for p in files]
    parse_s = time.perf_counter() - start
    marks("parsed")
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)  # as the ingest counts them
    log(f"stock recipe over {len(documents)} documents, {chars:,} characters, vectors: {a.get('vectors', 'real')}")
    window = CpuWindow.open()
    start = time.perf_counter()
    recipe = StockRecipe(documents, emb, load_phrases(), k=5)
    build_s = time.perf_counter() - start
    cpu_build = window.close()
    marks("built")
    log(f"built in {build_s:.1f} s ({recipe.chunk_count:,} chunks)")
    out: dict[str, Any] = {
        "files": len(files),
        "chars": chars,
        "parse_s": parse_s,
        "build_s": build_s,
        "chars_per_s": chars / build_s,
        "chunks": recipe.chunk_count,
        "embed_s": emb.seconds,
        "embed_passages": emb.passages,
        "nonembed_s": build_s - emb.seconds,
        "vectors": a.get("vectors", "real"),
        "peak_rss_build_mib": peak_rss_mib(),
        "cpu_build": cpu_build,
    }
    recipe.ask(FIRST_QUESTION)
    marks("first_answer")
    if a.get("runs"):
        questions = bench_questions(a.get("limit"))
        budget = float(a["budget_s"])
        t0 = time.monotonic()
        window = CpuWindow.open()
        timed = _latency_runs(
            questions,
            {"retrieval": lambda q: recipe.retriever.invoke(q), "answer": recipe.ask},
            a["runs"],
            t0 + budget,
            getattr(emb, "clear_query_cache", lambda: None),
            judge=lambda item, ans: judge(item, ans).correct,
            label="stock ",
        )
        out.update(timed)
        out["cpu"] = window.close()
    out["peak_rss_mib"] = peak_rss_mib()
    return out


def task_pool(a: Args, marks: Marks) -> dict[str, Any]:
    """Embed (for real) the passages the proxy vectors are borrowed from, once; cached in ``pool_file``."""
    from bench.vectors import StandInEmbeddings

    real = load_model(a, marks)
    texts = pool_texts(Path(a["plan"]), a["chunk_size"])
    log(f"embedding the {len(texts)} passages of the plan that proxy vectors are borrowed from")
    stand_in = StandInEmbeddings(real, "proxy", texts, Path(a["pool_file"]))
    seconds = getattr(stand_in, "pool_seconds", None)
    return {"passages": len(texts), "seconds": seconds, "cached": seconds is None}


def task_embedq(a: Args, marks: Marks) -> dict[str, Any]:
    """Query-embedding latency (cache bypassed) and passage throughput, under this process's OpenMP settings."""
    import os

    from bench.questions import bench_questions

    real = load_model(a, marks)
    questions = [q["question"] for q in bench_questions()][: a.get("n", 60)]
    real._embed_query("热身")
    from concurrent.futures import ThreadPoolExecutor

    def in_new_thread(q: str) -> None:  # as LangChain's RunnableParallel runs the retriever inside ``ask``
        with ThreadPoolExecutor(1) as pool:
            pool.submit(real._embed_query, q).result()

    window = CpuWindow.open()
    latencies: dict[str, list[float]] = {"main thread": [], "new thread": []}
    for q in questions:
        for name, call in (("main thread", real._embed_query), ("new thread", in_new_thread)):
            start = time.perf_counter()
            call(q)
            latencies[name].append((time.perf_counter() - start) * 1000)
    cpu = window.close()
    out: dict[str, Any] = {
        "query": latency_summary(latencies["main thread"]),
        "query_new_thread": latency_summary(latencies["new thread"]),
        "cpu": cpu,
        "env": {k: v for k, v in os.environ.items() if k.startswith("OMP_")},
    }
    if a.get("passages"):
        texts = pool_texts(Path(a["plan"]), a["chunk_size"])[: a["passages"]]
        start = time.perf_counter()
        real.embed_documents(texts)
        out["passages_per_s"] = len(texts) / (time.perf_counter() - start)
    return out


TASKS = {
    "ingest": task_ingest,
    "add": task_add,
    "coldstart": task_coldstart,
    "serve": task_serve,
    "stock": task_stock,
    "pool": task_pool,
    "embedq": task_embedq,
}


def main(argv: list[str]) -> int:
    args = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    marks = Marks(args["spawned_at"])
    result: dict[str, Any]
    try:
        result = TASKS[args["task"]](args, marks)
        status = 0
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which records the failure
        traceback.print_exc()
        result = {"error": f"{type(exc).__name__}: {exc}"}
        status = 1
    result["marks"] = marks.points
    from bench.machine import git_commit

    result["commit"] = git_commit(Path(__file__).resolve().parent.parent)  # the engine this process ran
    result.setdefault("peak_rss_mib", peak_rss_mib())
    Path(args["result"]).write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
