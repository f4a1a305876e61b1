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

import cProfile  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from bench.system import ROOT, CpuWindow, disk_mib, git_commit, peak_rss_mib, rss_mib, say  # noqa: E402
from policykb.eval.harness import percentile  # noqa: E402

Args = dict[str, Any]
SEED = 8  # the eval file is grouped by kind: a run cut short by its budget must still be a fair sample
FIRST_QUESTION = "清洁取暖率要到多少？"


def bench_questions(limit: int | None = None) -> list[dict[str, Any]]:
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
    say(message, prefix="worker")


# -- shared set-up ----------------------------------------------------------------
def settings_of(a: Args):
    from policykb.kb.settings import Settings

    return Settings.from_env({}, home=Path(a["home"]), embedding_backend=a["backend"], embedding_model=a["model"])


def source_files(a: Args) -> tuple[list[Path], list[Path], int]:
    """The paths to ingest (default: the shipped plan), the files they hold, and their characters."""
    from policykb.bot.engine import shipped_sources

    paths = [Path(p) for p in a.get("paths") or []] or shipped_sources()
    files = [p for folder in paths for p in (sorted(folder.glob("*.txt")) if folder.is_dir() else [folder])]
    return paths, files, sum(len(p.read_text(encoding="utf-8")) for p in files)


def pool_texts(plan: Path, chunk_size: int) -> list[str]:
    """What the proxy vectors are borrowed from: every passage either recipe embeds for the plan itself."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from policykb.ingest.parser import parse_file
    from policykb.ingest.pipeline import embedding_text

    doc = parse_file(plan, chunk_size)
    texts = [embedding_text(c, doc.title) for c in doc.chunks] + [t.search_text for t in doc.targets]
    return texts + RecursiveCharacterTextSplitter(chunk_size=300, chunk_overlap=30).split_text(doc.text)


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


def bot_of(a: Args, embeddings):
    from policykb.bot.engine import KnowledgeBot

    return KnowledgeBot(settings_of(a), embeddings=embeddings, show_progress=False)


def progress_logger(label: str):
    state = {"next": 0.0}

    def report(fraction: float, message: str) -> None:
        if fraction >= state["next"]:
            log(f"{label}: {fraction:4.0%} {message}")
            state["next"] = fraction + 0.1

    return report


def seconds(call: Callable[[], Any]) -> tuple[Any, float]:
    """What ``call()`` returns, and the seconds it took."""
    start = time.perf_counter()
    return call(), time.perf_counter() - start


# -- tasks ------------------------------------------------------------------------
def task_ingest(a: Args, marks: Marks) -> dict[str, Any]:
    """Ingest ``paths`` (default: the shipped plan) into an empty home, then re-ingest them unchanged."""
    marks("imported")
    emb = embeddings_of(a, load_model(a, marks))
    bot = bot_of(a, emb)
    paths, files, chars = source_files(a)
    log(f"ingest of {len(files)} files, {chars:,} characters, vectors: {a.get('vectors', 'real')}")
    window = CpuWindow.open()
    report, ingest_s = seconds(lambda: bot.ingest(paths, progress=progress_logger("ingest")))
    cpu = window.close()
    marks("ingested")
    return {
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
        "model_plus_ingest_s": marks.points["ingested"] - marks.points["imported"],
        "spawn_to_ingested_s": marks.points["ingested"],
        "reingest_s": seconds(lambda: bot.ingest(paths))[1],
        "disk_mib": disk_mib(bot.settings.chroma_path),
    }


def task_add(a: Args, marks: Marks) -> dict[str, Any]:
    """Add one document to an existing index (fresh process; the model load is timed apart)."""
    bot = bot_of(a, embeddings_of(a, load_model(a, marks)))
    log(f"adding {Path(a['add']).name} to the index")
    return {"add_one_s": seconds(lambda: bot.ingest([Path(a["add"])]))[1], "peak_rss_mib": peak_rss_mib()}


def task_coldstart(a: Args, marks: Marks) -> dict[str, Any]:
    """A new process to its first answer, on an index that exists."""
    marks("imported")
    bot = bot_of(a, load_model(a, marks))
    marks("bot")
    bot.ready()
    marks("index")
    bot.ask(FIRST_QUESTION)
    marks("first_answer")
    return {"peak_rss_mib": peak_rss_mib()}


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


def timed_runs(a: Args, calls: dict[str, Any], clear, judge, label: str = "") -> tuple[dict[str, Any], dict]:
    """:func:`_latency_runs` over the bench questions within ``a``'s runs and budget; with the CPU window."""
    window = CpuWindow.open()
    deadline = time.monotonic() + float(a["budget_s"])
    timed = _latency_runs(bench_questions(a.get("limit")), calls, a["runs"], deadline, clear, judge, label)
    return timed, window.close()


def task_serve(a: Args, marks: Marks) -> dict[str, Any]:
    """Open an index, answer once, then time retrieval and full answers over the eval questions."""
    from bench.vectors import Timed
    from policykb.eval.scoring import judge

    marks("imported")
    emb = Timed(load_model(a, marks))
    bot = bot_of(a, emb)
    index, index_load_s = seconds(bot.ready)
    marks("index")
    log(f"index loaded in {index_load_s:.2f} s: {len(index.documents)} documents, {len(index.chunks):,} chunks")
    bot.ask(FIRST_QUESTION)
    marks("first_answer")
    rss_loaded = rss_mib()
    calls = {"retrieval": lambda q: bot.retriever("hybrid").invoke(q), "answer": bot.ask, "answer_cached": bot.ask}
    timed, cpu = timed_runs(a, calls, emb.clear_query_cache, lambda item, ans: judge(item, ans.to_dict()).correct)
    out: dict[str, Any] = {
        "documents": len(index.documents),
        "chunks": len(index.chunks),
        "index_load_s": index_load_s,
        **timed,
        "rss_loaded_mib": rss_loaded,
        "cpu": cpu,
    }
    if a.get("profile_n"):
        deadline = time.monotonic() + a.get("profile_budget_s", 120)
        out["profile"] = profile_serving(bot, emb, bench_questions(a.get("limit"))[: a["profile_n"]], deadline)
    return {**out, "peak_rss_mib": peak_rss_mib()}


def profile_serving(bot, emb, questions: list[dict[str, Any]], deadline: float) -> dict[str, Any]:
    """cProfile of retrieval and answering, in this thread (``ask`` runs retrieval in a pool thread)."""
    emb.clear_query_cache()
    answerer = bot.answerer()

    def one(question: str) -> None:
        answerer.answer(question, bot.retriever("hybrid").invoke(question), None)

    log(f"profiling {len(questions)} questions")
    return profile_calls(one, [q["question"] for q in questions], deadline)


def _label(func: tuple[str, int, str]) -> str:
    """``file:line(function)``, the file relative to this checkout or to site-packages / the standard library."""
    filename, line, name = func
    if filename == "~":
        return name
    for marker in ("site-packages/", f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/", f"{ROOT}/"):
        filename = filename.split(marker, 1)[-1]
    return f"{filename}:{line}({name})"


def profile_calls(call: Callable[[str], Any], items: list[str], deadline: float, top: int = 14) -> dict[str, Any]:
    """Profile ``call(item)`` for each item (until ``deadline``); the engine's top functions by cumulative time."""
    profiler = cProfile.Profile()
    done, start = 0, time.perf_counter()
    for item in items:
        if time.monotonic() > deadline and done:
            break
        profiler.enable()
        call(item)
        profiler.disable()
        done += 1
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = [{"function": _label(f), "calls": nc, "own_s": tt, "cum_s": ct} for f, (_, nc, tt, ct, _) in stats.items()]
    engine = [r for r in rows if any(k in r["function"] for k in ("kb/", "bot/", "ingest/"))]
    return {
        "questions": done,
        "wall_s": wall,
        "per_question_ms": wall / max(done, 1) * 1000,
        "by_cumulative": sorted(engine, key=lambda r: -r["cum_s"])[:top],
    }


def task_stock(a: Args, marks: Marks) -> dict[str, Any]:
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
    emb = embeddings_of(a, load_model(a, marks))
    _, files, chars = source_files(a)  # characters as the ingest counts them
    documents, parse_s = seconds(lambda: [parse_file(p, a["chunk_size"]) for p in files])
    marks("parsed")
    log(f"stock recipe over {len(documents)} documents, {chars:,} characters, vectors: {a.get('vectors', 'real')}")
    window = CpuWindow.open()
    recipe, build_s = seconds(lambda: StockRecipe(documents, emb, load_phrases(), k=5))
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
        calls = {"retrieval": recipe.retriever.invoke, "answer": recipe.ask}
        clear = getattr(emb, "clear_query_cache", lambda: None)
        timed, out["cpu"] = timed_runs(a, calls, clear, lambda item, ans: judge(item, ans).correct, "stock ")
        out.update(timed)
    return {**out, "peak_rss_mib": peak_rss_mib()}


def task_pool(a: Args, marks: Marks) -> dict[str, Any]:
    """Embed (for real) the passages the proxy vectors are borrowed from, once; cached in ``pool_file``."""
    from bench.vectors import StandInEmbeddings

    texts = pool_texts(Path(a["plan"]), a["chunk_size"])
    log(f"embedding the {len(texts)} passages of the plan that proxy vectors are borrowed from")
    StandInEmbeddings(load_model(a, marks), "proxy", texts, Path(a["pool_file"]))
    return {"passages": len(texts)}


def task_embedq(a: Args, marks: Marks) -> dict[str, Any]:
    """Query-embedding latency (cache bypassed) and passage throughput, under this process's OpenMP settings."""
    from concurrent.futures import ThreadPoolExecutor

    real = load_model(a, marks)
    real._embed_query("热身")

    def in_new_thread(q: str) -> None:  # as LangChain's RunnableParallel runs the retriever inside ``ask``
        with ThreadPoolExecutor(1) as pool:
            pool.submit(real._embed_query, q).result()

    window = CpuWindow.open()
    latencies: dict[str, list[float]] = {"query": [], "query_new_thread": []}
    for q in [item["question"] for item in bench_questions()][: a.get("n", 60)]:
        for name, call in (("query", real._embed_query), ("query_new_thread", in_new_thread)):
            latencies[name].append(seconds(lambda: call(q))[1] * 1000)  # noqa: B023
    out: dict[str, Any] = {name: latency_summary(values) for name, values in latencies.items()}
    out["cpu"] = window.close()
    if a.get("passages"):
        texts = pool_texts(Path(a["plan"]), a["chunk_size"])[: a["passages"]]
        out["passages_per_s"] = len(texts) / seconds(lambda: real.embed_documents(texts))[1]
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
    result["commit"] = git_commit(ROOT)  # the engine this process ran
    result.setdefault("peak_rss_mib", peak_rss_mib())
    Path(args["result"]).write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
