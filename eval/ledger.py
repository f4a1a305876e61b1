"""The ledger's eval: deadlines dated right, and window questions answered with the complete set.

A folder (``tests/data/ledger``) holds plans, their ``*.gold.json`` (each task's ``key``, ``deadline`` and
``milestones``: ``status`` and ``date``) and ``questions.jsonl`` (``question``, ``today``, ``document`` or
``null``, ``gold``: the keys of every task the answer must list, ``split``). The plans are ingested alone into
one index; each question is asked through the engine with the ledger's “today” set to its ``today``.

A window answer is right only as a set: every gold task listed and no other (a task listed twice for two
milestones counts once), read from the answer's structured ``tasks``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policykb.bot.engine import KnowledgeBot
from policykb.bot.kinds import QuestionKind
from policykb.eval.harness import load_jsonl
from policykb.kb.ledger import LedgerRow, ledger_rows
from policykb.kb.records import DocumentRecord
from policykb.kb.settings import Settings

__all__ = ["DateScore", "SetScore", "judge_set", "run_ledger", "score_dates", "write_ledger_report"]


@dataclass
class DateScore:
    """Gold milestones dated right (status and date), and the undatable ones said to be undatable."""

    right: int = 0
    total: int = 0
    undatable_right: int = 0
    undatable_total: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass
class SetScore:
    """Window questions answered with exactly their set, per split."""

    by_split: dict[str, list[int]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def share(self, split: str) -> float:
        right, total = self.by_split.get(split, [0, 0])
        return right / total if total else 0.0


def task_rows(rows: Iterable[LedgerRow], doc: DocumentRecord, key: str) -> list[LedgerRow]:
    """The ledger rows of the first task of ``doc`` whose title or text holds ``key``."""
    task = next((t for t in doc.tasks if key in t.title or key in t.text), None)
    return [r for r in rows if task is not None and r.doc_id == doc.doc_id and r.start == task.start]


def score_dates(documents: list[DocumentRecord], folder: Path) -> DateScore:
    """Each gold task's milestones against the ledger's: right when the statuses and dates are the same."""
    rows = ledger_rows(documents)
    score = DateScore()
    for gold_file in sorted(folder.glob("*.gold.json")):
        stem = gold_file.name.removesuffix(".gold.json")
        doc = next((d for d in documents if Path(d.source).stem == stem), None)
        for item in json.loads(gold_file.read_text(encoding="utf-8"))["tasks"]:
            if "milestones" not in item or doc is None:
                continue
            want = [(m["status"], m["date"]) for m in item["milestones"]]
            got = [(r.status, r.due) for r in task_rows(rows, doc, item["key"])]
            score.total += 1
            score.right += got == want
            if got != want:
                score.misses.append(f"{stem} · {item['key']}: {got} ≠ {want}")
            if all(status == "undatable" for status, _ in want):
                score.undatable_total += 1
                score.undatable_right += got == want
    return score


def judge_set(gold: list[str], listed: list[dict[str, Any]]) -> list[str]:
    """Why the listed tasks are not exactly the gold set (``[]`` when they are)."""
    reasons = [f"missing {key}" for key in gold if not any(key in t["task"] for t in listed)]
    reasons += [f"extra {t['task']}" for t in listed if not any(key in t["task"] for key in gold)]
    return list(dict.fromkeys(reasons))


def run_ledger(settings: Settings, folder: Path, workdir: Path) -> tuple[DateScore, SetScore]:
    """Ingest ``folder``'s plans alone, score their dates, then ask its window questions."""
    first = KnowledgeBot(replace(settings, home=workdir), show_progress=False)
    first.ingest([folder])
    documents = list(first.index().documents.values())
    by_source = {Path(d.source).name: d.doc_id for d in documents}
    dates = score_dates(documents, folder)
    sets = SetScore()
    bots: dict[str, KnowledgeBot] = {}  # one per “today” the questions are asked on
    for item in load_jsonl("", folder / "questions.jsonl"):
        today = item["today"]
        if today not in bots:
            bots[today] = KnowledgeBot(replace(settings, home=workdir, today=today), show_progress=False)
        answer = bots[today].ask(item["question"], doc=by_source.get(item["document"] or ""))
        listed = answer.evidence.get("tasks", []) if answer.kind == QuestionKind.LEDGER else []
        reasons = (
            judge_set(item["gold"], listed) if answer.kind == QuestionKind.LEDGER else [f"answered as {answer.kind}"]
        )
        counts = sets.by_split.setdefault(item.get("split", "tune"), [0, 0])
        counts[0] += not reasons
        counts[1] += 1
        if reasons:
            sets.failures.append({"id": item["id"], "question": item["question"], "reasons": reasons})
    return dates, sets


def write_ledger_report(out: Path, dates: DateScore, sets: SetScore, command: str) -> Path:
    """``RESULTS-ledger.md`` and ``results-ledger.json`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Eval of the task ledger",
        "",
        f"`{command}`",
        "",
        f"- deadlines dated right: {dates.right}/{dates.total}; undatable ones said so: "
        f"{dates.undatable_right}/{dates.undatable_total}",
        *[f"- window questions, complete sets · {split}: {r}/{t}" for split, (r, t) in sets.by_split.items()],
        "",
        "## Failures",
        "",
        *[f"- {m}" for m in dates.misses],
        *[f"- {f['id']} {f['question']} — {'; '.join(f['reasons'])}" for f in sets.failures],
    ]
    path = out / "RESULTS-ledger.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = {"dates": dates.__dict__, "sets": sets.__dict__}
    (out / "results-ledger.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
