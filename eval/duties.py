"""The responsibility score: gold rows of who leads, who co-operates and by when, against the task records.

Beside a plan ``<stem>.txt`` (or ``.html`` …) a file ``<stem>.gold.json`` may hold
``{"tasks": [{"key", "lead", "co", "deadline", "local"?}]}``. A row is scored against the first task whose
text, title or section contains ``key``:

- the lead units are exactly the gold lead (a sole unit may stand as lead either way: gold lead empty and one
  co unit, or one lead and no co);
- the co-operating units are a superset of the gold co; a local-government group (``各区、县级市``) or a
  generic group (``各有关单位``) never counts as a co unit, on either side, nor as a lead unit the engine reads
  unless the gold names it as lead (``甲局、各县（市、区）政府牵头``: gold lead 甲局, the group in ``local``);
- deadlines are counted apart: right when the task's deadline holds the gold one.

Units compare after NFKC and without spaces (``各县（市、区）政府`` = ``各县(市、区)政府``).

A file that ingest kept out as a copy of another plan (the same plan as ``.docx`` and as PDF in one folder) is scored
against the tasks of the plan it copies: that plan is what a user who loads both gets. The report names such files.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykb.kb.duties import is_generic_group, is_local_group, roles
from policykb.kb.records import DocumentRecord, Task

__all__ = ["GOLD_SUFFIX", "DutyScore", "RowOutcome", "form_of", "gold_files", "score_documents", "score_row"]

GOLD_SUFFIX = ".gold.json"


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class RowOutcome:
    """One gold row, judged: the task found (if any), what it says, and whether lead/co and deadline are right."""

    document: str
    key: str
    form: str
    gold_lead: list[str]
    gold_co: list[str]
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    found: bool = False
    right: bool = False
    gold_deadline: str = ""
    deadline: str = ""
    deadline_right: bool | None = None  # None: the gold row gives no deadline

    @property
    def reason(self) -> str:
        if not self.found:
            return "no task holds the key"
        return f"read lead {self.lead or '—'} co {self.co or '—'}"


@dataclass
class DutyScore:
    """All rows of a folder, with counts per document and per form."""

    rows: list[RowOutcome] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # gold file stem → the plan (source) it was scored on

    @property
    def right(self) -> int:
        return sum(r.right for r in self.rows)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def deadlines(self) -> list[int]:
        judged = [r.deadline_right for r in self.rows if r.deadline_right is not None]
        return [sum(judged), len(judged)]

    def by(self, attribute: str) -> dict[str, list[int]]:
        """``[right, total]`` per value of a row attribute (``document`` or ``form``), in first-seen order."""
        counts: dict[str, list[int]] = {}
        for row in self.rows:
            cell = counts.setdefault(getattr(row, attribute), [0, 0])
            cell[0] += row.right
            cell[1] += 1
        return counts

    @property
    def misses(self) -> list[RowOutcome]:
        return [r for r in self.rows if not r.right]

    def to_dict(self) -> dict[str, Any]:
        return {
            "right": self.right,
            "total": self.total,
            "deadlines": self.deadlines,
            "by_document": self.by("document"),
            "by_form": self.by("form"),
            "copies": self.copies,
            "rows": [r.__dict__ for r in self.rows],
        }


def gold_files(plans: Path) -> dict[str, Path]:
    """Gold file per plan source file name (``01-x.txt`` → ``01-x.gold.json``), for plans that have one."""
    out = {}
    for gold in sorted(plans.glob(f"*{GOLD_SUFFIX}")):
        stem = gold.name.removesuffix(GOLD_SUFFIX)
        for source in sorted(plans.glob(f"{stem}.*")):
            if source != gold and not source.name.endswith(GOLD_SUFFIX):
                out[source.name] = gold
                break
    return out


def form_of(row: dict[str, Any]) -> str:
    """The kind of responsibility a gold row states: one lead and co units, several leads, a unit alone,
    units with no lead; ``+ local`` when local governments are named besides."""
    lead, co = row.get("lead", []), row.get("co", [])
    if len(lead) > 1:
        form = "several leads"
    elif lead and co:
        form = "lead + co"
    elif len(lead) + len(co) == 1:
        form = "one unit"
    else:
        form = "no lead named"
    return form + (" + local" if row.get("local") else "")


def find_task(key: str, tasks: list[Task]) -> Task | None:
    """The first task whose text holds ``key``; else the first whose title or section does."""
    want = _norm(key)
    return next((t for t in tasks if want in _norm(t.text)), None) or next(
        (t for t in tasks if want in _norm(f"{t.title} {t.section}")), None
    )


def score_row(document: str, row: dict[str, Any], tasks: list[Task]) -> RowOutcome:
    """One gold row against the tasks of its document."""
    outcome = RowOutcome(
        document, row["key"], form_of(row), list(row.get("lead", [])), list(row.get("co", [])),
        gold_deadline=row.get("deadline", ""),
    )  # fmt: skip
    task = find_task(row["key"], tasks)
    if task is None:
        outcome.deadline_right = False if outcome.gold_deadline else None
        return outcome
    lead, co = roles(task.responsibility)
    outcome.found, outcome.lead, outcome.co, outcome.deadline = True, lead, co, task.deadline
    outcome.right = _units_right(lead, co, outcome.gold_lead, outcome.gold_co)
    if outcome.gold_deadline:
        outcome.deadline_right = _norm(outcome.gold_deadline) in _norm(task.deadline or "")
    return outcome


def _units_right(lead: list[str], co: list[str], gold_lead: list[str], gold_co: list[str]) -> bool:
    want_lead = {_norm(u) for u in gold_lead}
    groups = {_norm(u) for u in lead} - _named_units(lead) - want_lead
    read_lead = {_norm(u) for u in lead} - groups  # a group leading beside units the gold has in local, not lead
    read_co, want_co = _named_units(co), _named_units(gold_co)
    if read_lead == want_lead and read_co >= want_co:
        return True
    alone = want_lead | want_co
    if len(alone) == 1 and not (want_lead and want_co):  # a sole unit, as lead or as the one unit named
        return (read_lead == alone and not read_co) or (not read_lead and read_co == alone)
    return False


def _named_units(units: list[str]) -> set[str]:
    """The units of a list that count: local-government and generic groups left out."""
    return {_norm(u) for u in units if not (is_local_group(u) or is_generic_group(u))}


def score_documents(plans: Path, documents: list[DocumentRecord], copies: dict[str, str] | None = None) -> DutyScore:
    """Every gold row of the folder ``plans`` against the task records of its plan (``documents`` by source); a
    file kept out as a copy (``copies``: file name → id of the plan it copies) against the plan it copies."""
    by_source = {d.source: d for d in documents}
    by_id = {d.doc_id: d for d in documents}
    score = DutyScore()
    for source, gold in gold_files(plans).items():
        stem = gold.name.removesuffix(GOLD_SUFFIX)
        doc = by_source.get(source)
        if doc is None and (copied := by_id.get((copies or {}).get(source, ""))) is not None:
            doc, score.copies[stem] = copied, copied.source
        tasks = doc.tasks if doc is not None else []
        for row in json.loads(gold.read_text(encoding="utf-8")).get("tasks", []):
            score.rows.append(score_row(stem, row, tasks))
    return score
