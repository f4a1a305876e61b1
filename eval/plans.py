"""The eval over plans of other places: fixture plans in every common form, many in one knowledge base.

Every plan of a folder (``tests/data/plans`` in a checkout) is ingested beside the shipped plan into one
index; each question is then asked twice: with the document filter set to its plan (``filtered``: does
ingest read the plan right?) and with no filter over all plans (``open``: does the question find its
plan among many?). Each question carries a ``split``; no threshold is tuned on the ``heldout`` part.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from policykb.bot.engine import KnowledgeBot
from policykb.eval.harness import RunResult, load_questions, run
from policykb.kb.settings import Settings

SPLITS = ("tune", "heldout")


def run_plans(settings: Settings, plans: Path, questions: Path, workdir: Path) -> dict[str, RunResult]:
    """Ingest ``plans`` beside the shipped plan and measure ``questions`` filtered and open, per split."""
    bot = KnowledgeBot(replace(settings, home=workdir), show_progress=False)
    bot.ingest()
    bot.ingest([plans])
    by_source = {d.source: d.doc_id for d in bot.index().documents.values()}
    items = load_questions(questions)
    results: dict[str, RunResult] = {}
    plan_of = {i["question"]: by_source.get(i.get("document", "")) for i in items}

    def filtered(question: str) -> dict[str, Any]:
        return bot.ask(question, doc=plan_of.get(question)).to_dict()

    def open_shelf(question: str) -> dict[str, Any]:
        return bot.ask(question).to_dict()

    for split in SPLITS:
        part = [i for i in items if i.get("split", "tune") == split]
        results[f"filtered · {split}"] = run(f"filtered {split}", filtered, part, {"filter": True})
        results[f"open · {split}"] = run(f"open {split}", open_shelf, part, {"filter": False})
    return results


def write_plans_report(out: Path, results: dict[str, RunResult], command: str) -> Path:
    """``RESULTS-plans.md`` in ``out``: accuracy per kind, filtered and open, each split."""
    out.mkdir(parents=True, exist_ok=True)
    kinds = sorted({k for r in results.values() for k in r.by_kind})
    lines = [
        "# Eval over plans of other places",
        "",
        f"`{command}` · {datetime.now(UTC):%Y-%m-%d} · fixture plans of invented places in the forms real plans use "
        "(`tests/data/plans`), ingested beside the shipped plan.",
        "",
        "| run | accuracy | " + " | ".join(kinds) + " |",
        "|---|---|" + "---|" * len(kinds),
    ]
    for name, result in results.items():
        cells = [_cell(result.by_kind.get(k)) for k in kinds]
        lines.append(f"| {name} | {result.accuracy:.1%} ({result.correct}/{result.total}) | " + " | ".join(cells) + " |")
    lines += ["", "## Failures", ""]
    for name, result in results.items():
        for kind, failures in result.failures.items():
            for f in failures:
                lines.append(f"- {name} · {kind} · {f['id']} {f['question']} — {'; '.join(f['reasons'])}")
    path = out / "RESULTS-plans.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "results-plans.json").write_text(
        json.dumps({k: v.to_dict() for k, v in results.items()}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return path


def _cell(counts: list[int] | None) -> str:
    return f"{counts[0]}/{counts[1]}" if counts else "—"
