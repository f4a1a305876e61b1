"""The eval over plans of other places: fixture plans in every common form, many in one knowledge base.

Every plan of a folder (``tests/data/plans`` in a checkout) is ingested beside the shipped plan into one
index; each question is then asked twice: with the document filter set to its plans (``filtered``: does
ingest read the plan right?) and with no filter over all plans (``open``: does the question find its
plans among many?). Each question carries a ``split``; no threshold is tuned on the ``heldout`` part.

Each question also carries a ``shelf`` kind: ``scoped`` (it names its plan's place, 文号, title or year),
``unscoped`` (it names none: the shelf must find the plan) or ``compare`` (it names several plans; its
``document`` is a list). An answer given plan by plan is judged on its plans' own blocks: the block of the
question's plan for one plan, and for ``plans`` (plan → keys) each key in the block of its own plan.

When a plan has a ``<stem>.gold.json`` beside it, its responsibility rows are scored against the task records
(:mod:`policykb.eval.duties`) and reported with the questions.

Dialogs over the same shelf (``dialogs.jsonl`` beside the questions, or ``--dialogs FILE``) are asked as an API
client asks them, over all plans; a turn may name its plan (``document``), and is then judged on that plan's block.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from policykb.bot.engine import KnowledgeBot
from policykb.eval.dialogs import DialogResult, run_dialogs
from policykb.eval.duties import DutyScore, score_documents
from policykb.eval.dutyreport import render_duties
from policykb.eval.harness import RunResult, load_questions, run
from policykb.eval.report import machine_line, render_dialogs
from policykb.eval.scoring import Verdict, judge
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.records import DocumentRecord
from policykb.kb.settings import Settings

SPLITS = ("tune", "heldout")
SHELF_KINDS = ("scoped", "unscoped", "compare")
Judge = Callable[[dict[str, Any], dict[str, Any]], Verdict]


def documents_of(item: dict[str, Any]) -> list[str]:
    """The plan files a question is about (one for most, several for a comparison)."""
    document = item.get("document", "")
    return [document] if isinstance(document, str) else list(document)


def plan_blocks(answer: str, documents: list[DocumentRecord]) -> dict[str, str]:
    """The answer's text under each plan's heading (``【title（place）】``, or ``出自《title》：`` for a
    one-plan answer), by the plan's source file."""
    heads = {}
    for doc in documents:
        heads[f"【{doc.title}（{doc.place or '—'}）】"] = doc.source
        heads[f"出自《{doc.title}》："] = doc.source
    blocks: dict[str, list[str]] = {}
    current = ""
    for line in answer.split("\n"):
        head = next((h for h in heads if line.strip().startswith(h)), None)
        if head is not None:
            current = heads[head]
            blocks.setdefault(current, [])
        elif current:
            blocks[current].append(line)
    return {source: "\n".join(lines) for source, lines in blocks.items()}


def shelf_judge(documents: list[DocumentRecord]) -> Judge:
    """The strict scorer, applied to the block of each plan a question is about when the answer has blocks."""

    def judge_on_shelf(item: dict[str, Any], answer: dict[str, Any]) -> Verdict:
        if not item["answerable"] or not answer["answerable"]:
            return judge(item, answer)
        blocks = plan_blocks(answer["answer"], documents)
        plans: dict[str, list[str]] = item.get("plans") or {}
        if plans:
            reasons = [
                f"{source}: missing key {key}" for source, keys in plans.items() for key in keys
                if key not in blocks.get(source, "")
            ]  # fmt: skip
            return Verdict(not reasons, reasons)
        own = [blocks[s] for s in documents_of(item) if s in blocks]
        if len(blocks) > 1 and own:  # several plans answered: the question's plan's own block is judged
            return judge(item, {**answer, "answer": "\n".join(own)})
        return judge(item, answer)

    return judge_on_shelf


def run_plans(
    settings: Settings,
    plans: Path,
    questions: Path,
    workdir: Path,
    dialogs: list[dict[str, Any]] | None = None,
    embeddings: EmbeddingModel | None = None,
) -> tuple[dict[str, RunResult], DialogResult | None, DutyScore]:
    """Ingest ``plans`` beside the shipped plan and measure ``questions`` filtered and open, per split; then the
    ``dialogs`` (if any) over the whole shelf; and the gold responsibility rows (none when there are no gold
    files). ``embeddings``: the settings' model already loaded (the tests pass theirs), else it is loaded."""
    bot = KnowledgeBot(replace(settings, home=workdir), embeddings=embeddings, show_progress=False)
    bot.ingest()
    report = bot.ingest([plans])
    documents = list(bot.index().documents.values())
    duties = score_documents(plans, documents, {Path(path).name: doc_id for path, doc_id in report.copies.items()})
    by_source = {d.source: d.doc_id for d in documents}
    items = load_questions(questions)
    results: dict[str, RunResult] = {}
    plan_of = {i["question"]: [by_source[s] for s in documents_of(i) if s in by_source] for i in items}
    scorer = shelf_judge(documents)

    def filtered(question: str) -> dict[str, Any]:
        return bot.ask(question, doc=plan_of.get(question) or None).to_dict()

    def open_shelf(question: str) -> dict[str, Any]:
        return bot.ask(question).to_dict()

    for split in SPLITS:
        part = [i for i in items if i.get("split", "tune") == split]
        results[f"filtered · {split}"] = run(f"filtered {split}", filtered, part, {"filter": True}, judge=scorer)
        results[f"open · {split}"] = run(f"open {split}", open_shelf, part, {"filter": False}, judge=scorer)
    shelf = {i["id"]: i.get("shelf", "") for i in items}
    for result in results.values():
        for outcome in result.outcomes:
            outcome["shelf"] = shelf.get(outcome["id"], "")
    talked = run_dialogs("open shelf", bot, dialogs, progress=False, judge_turn=scorer) if dialogs else None
    return results, talked, duties


def shelf_rows(results: dict[str, RunResult]) -> list[str]:
    """Rows ``scoped · tune`` … ``compare · heldout``: accuracy filtered and open, and per kind on the open shelf."""
    kinds = sorted({o["kind"] for r in results.values() for o in r.outcomes})
    lines = [
        "| shelf · split | filtered | open | " + " | ".join(f"open {k}" for k in kinds) + " |",
        "|---|---|---|" + "---|" * len(kinds),
    ]
    for shelf in SHELF_KINDS:
        for split in SPLITS:
            filtered, opened = (_of_shelf(results, f"{run} · {split}", shelf) for run in ("filtered", "open"))
            cells = [_share(filtered), _share(opened)]
            cells += [_cell(_counts([o for o in opened if o["kind"] == k])) for k in kinds]
            lines.append(f"| {shelf} · {split} | " + " | ".join(cells) + " |")
    return lines


def write_plans_report(
    out: Path,
    results: dict[str, RunResult],
    command: str,
    dialogs: DialogResult | None = None,
    source: str = "",
    duties: DutyScore | None = None,
    name: str = "plans",
) -> Path:
    """``RESULTS-<name>.md`` (and ``results-<name>.json``) in ``out``: accuracy per kind, filtered and open, each
    split; then per shelf kind; the responsibility rows when gold files were scored; then the dialogs (of
    ``source``) when they were run."""
    out.mkdir(parents=True, exist_ok=True)
    kinds = sorted({k for r in results.values() for k in r.by_kind})
    lines = [
        "# Eval over plans of other places",
        "",
        f"`{command}` · {datetime.now(UTC):%Y-%m-%d} · every plan of the folder, ingested beside the shipped plan, "
        "asked its own questions with the filter set to its plans (`filtered`) and over all plans (`open`).",
        "",
        machine_line(),
        "",
        "| run | accuracy | " + " | ".join(kinds) + " | refusals right / given |",
        "|---|---|" + "---|" * (len(kinds) + 1),
    ]
    for run_name, result in results.items():
        cells = [_cell(result.by_kind.get(k)) for k in kinds] + [refusal_precision_cell(result.outcomes)]
        share = f"{result.accuracy:.1%} ({result.correct}/{result.total})"
        lines.append(f"| {run_name} | {share} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## By shelf kind",
        "",
        "`scoped`: the question names its plan's place, 文号, title or year; `unscoped`: it names none; "
        "`compare`: it names two or three plans and is right only if each plan's figure stands under that plan.",
        "",
        *shelf_rows(results),
    ]
    if duties is not None and duties.total:
        lines += ["", *render_duties(duties)]
    lines += ["", "## Failures", ""]
    for run_name, result in results.items():
        for kind, failures in result.failures.items():
            for f in failures:
                lines.append(f"- {run_name} · {kind} · {f['id']} {f['question']} — {'; '.join(f['reasons'])}")
    if dialogs is not None:
        lines += ["", *render_dialogs(dialogs, source)]
    path = out / f"RESULTS-{name}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = {k: v.to_dict() for k, v in results.items()}
    if dialogs is not None:
        data["dialogs"] = dialogs.to_dict()
    if duties is not None and duties.total:
        data["responsibility"] = duties.to_dict()
    (out / f"results-{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _of_shelf(results: dict[str, RunResult], run_name: str, shelf: str) -> list[dict[str, Any]]:
    result = results.get(run_name)
    return [o for o in result.outcomes if o.get("shelf") == shelf] if result else []


def _counts(rows: list[dict[str, Any]]) -> list[int] | None:
    return [sum(o["correct"] for o in rows), len(rows)] if rows else None


def _share(rows: list[dict[str, Any]]) -> str:
    counts = _counts(rows)
    return f"{counts[0] / counts[1]:.0%} ({counts[0]}/{counts[1]})" if counts else "—"


def refusal_precision_cell(outcomes: list[dict[str, Any]]) -> str:
    """Refusal precision as ``right/given (share)``: of the questions the bot refused, how many the plans do not
    answer (a refusal of an answerable question is the miss it counts)."""
    given = [o for o in outcomes if o.get("refused")]
    right = sum(not o.get("answerable", True) for o in given)
    return f"{right}/{len(given)} ({right / len(given):.0%})" if given else "—"


def _cell(counts: list[int] | None) -> str:
    return f"{counts[0]}/{counts[1]}" if counts else "—"
