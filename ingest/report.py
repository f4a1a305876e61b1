"""What an ingest tells its user about each file: what was found in it, and what to check.

One :class:`FileReport` per file of the batch: its outcome (added, replaced, unchanged, a copy, failed),
pages, tasks, targets and deadlines, and warnings — a plan that assigns tasks but of which none was read,
text that came from OCR, pages OCR read with low confidence (needs review), pages left unread, a probable copy
of a plan already indexed. The CLI prints these and the page shows them where the upload happened; the wording
is here, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from policykb.ingest.copies import Match
from policykb.ingest.ocr import LOW_CONFIDENCE_MARK, OCR_NOTE, TABLE_UNREAD_MARK
from policykb.ingest.reader import UNREAD_MARK
from policykb.kb.lexicon import TASK_SIGNS
from policykb.kb.records import DocumentRecord

ANNEX = "附件"
ANNEX_MENTION = re.compile(rf"{ANNEX}\s*\d{{0,2}}\s*(?:[:：]\s*(?P<name>[^\n。；;]{{2,60}}))?")
"""A notice's mention of what it attaches: its ``附件：…`` line (``附件1：甲表``), or ``附件`` in a sentence
(``见附件``)."""

__all__ = [
    "OUTCOMES",
    "FileReport",
    "Parsed",
    "copy_report",
    "missing_annex",
    "document_report",
    "failed_report",
    "needs_review",
    "review_notes",
    "unchanged_report",
]

REPLACE_HINT = "要用本文件替换旧文件，请选择“替换副本”（命令行 --replace）。"
OUTCOMES = {
    "added": "新增",
    "replaced": "更新",
    "unchanged": "未变化",
    "copy": "副本，未导入",
    "failed": "导入失败",
}


@dataclass
class Parsed:
    """A file read and parsed in this ingest: its record, its pages (PDF, OFD) and the plan it may copy."""

    doc: DocumentRecord
    pages: int | None = None
    match: Match | None = None


@dataclass
class FileReport:
    """One file of an ingest: its outcome, what was read from it, and what its user should check."""

    name: str  # the file's name, as its user knows it
    outcome: str  # a key of OUTCOMES
    title: str = ""
    doc_id: str = ""
    pages: int | None = None  # PDF and OFD only
    tasks: int = 0
    targets: int = 0
    deadlines: int | None = 0  # None: not known (a plan indexed before deadlines were counted)
    warnings: list[str] = field(default_factory=list)
    reason: str = ""  # why it failed

    @property
    def label(self) -> str:
        return OUTCOMES[self.outcome]

    @property
    def counts(self) -> str:
        """``12 页，8 项任务，5 个目标，6 个完成时限`` (pages only where the format has them)."""
        pages = f"{self.pages} 页，" if self.pages else ""
        deadlines = f"，{self.deadlines} 个完成时限" if self.deadlines is not None else ""
        return f"{pages}{self.tasks} 项任务，{self.targets} 个目标{deadlines}"

    def lines(self) -> list[str]:
        """The report as lines of text: the outcome with the title and counts, then one line per warning."""
        if self.outcome == "failed":
            return [f"{self.label}：{self.reason if self.name in self.reason else f'{self.name}：{self.reason}'}"]
        head = f"{self.label}：{self.name}"
        if self.title:
            head += f" →《{self.title}》"
        return [f"{head}（{self.counts}）", *(f"  注意：{w}" for w in self.warnings)]


def looks_like_task_plan(doc: DocumentRecord) -> bool:
    """Whether the text assigns tasks to units (``牵头``, ``责任单位``…), so that 0 tasks read is suspicious."""
    return any(sign in doc.text for sign in TASK_SIGNS)


def missing_annex(text: str) -> str:
    """What a notice attaches when the annex itself is not in ``text``: the name its last ``附件`` line gives
    (``附件：2024年重点工作任务分工表``), else ``附件``; ``""`` when the text names no annex, or when a task sign
    (``牵头单位``, ``完成时限``…) follows that line, so the annex is there but unread (a table, a scan)."""
    mentions = list(ANNEX_MENTION.finditer(text))
    if not mentions:
        return ""
    last = mentions[-1]
    if any(sign in text[last.end() :] for sign in TASK_SIGNS):
        return ""
    return (last.group("name") or "").strip() or ANNEX


def document_report(name: str, doc: DocumentRecord, outcome: str, pages: int | None = None) -> FileReport:
    """The report of a file read into ``doc``."""
    report = FileReport(
        name,
        outcome,
        title=doc.title,
        doc_id=doc.doc_id,
        pages=pages,
        tasks=len(doc.tasks),
        targets=len(doc.targets),
        deadlines=sum(1 for t in doc.tasks if t.deadline),
    )
    if not doc.tasks and looks_like_task_plan(doc):
        annex = missing_annex(doc.text)
        report.warnings.append(
            f"通知提到附件{f'“{annex}”' if annex != ANNEX else ''}，但文中没有任务分工内容；附件似乎没有随文件导入，"
            "请把附件（如任务分工表）一并导入后再核对。"
            if annex
            else "文中有“牵头”“责任单位”等分工字样，但未识别出任何任务；表格或扫描页可能未读出，请核对原文。"
        )
    if any(OCR_NOTE in note for note in doc.notes):
        report.warnings.append(
            f"{'；'.join(n for n in doc.notes if OCR_NOTE in n)}：识别可能有误，请核对数字和单位名称。"
        )
    report.warnings.extend(f"{note}。" for note in doc.notes if UNREAD_MARK in note)
    report.warnings.extend(
        f"{note}：这一页的文字看不清，识别出的单位名称、数字和时限可能有误，请对照原件核对后再据此回答。"
        for note in doc.notes
        if LOW_CONFIDENCE_MARK in note
    )
    report.warnings.extend(
        f"{note}：这一页表格的单元格没能分清，各行的牵头单位、配合单位和完成时限可能错行，请对照原件核对后再据此回答。"
        for note in doc.notes
        if TABLE_UNREAD_MARK in note
    )
    return report


def review_notes(notes: Iterable[str]) -> list[str]:
    """The notes that make a document **need review**: a page OCR read with low confidence, or a table it could
    not read into rows (see :data:`LOW_CONFIDENCE_MARK`, :data:`TABLE_UNREAD_MARK`). One such page makes the
    whole document need review: its answers carry the caution, whatever page they come from."""
    return [note for note in notes if LOW_CONFIDENCE_MARK in note or TABLE_UNREAD_MARK in note]


def needs_review(doc: DocumentRecord) -> bool:
    """Whether the document needs review (:func:`review_notes`)."""
    return bool(review_notes(doc.notes))


def copy_report(name: str, parsed: Parsed, outcome: str) -> FileReport:
    """The report of a file that copies another plan: not added (``copy``), or put in its place
    (``replaced``); or, when only the titles agree, added beside it as possibly another version."""
    match = parsed.match
    assert match is not None
    report = document_report(name, parsed.doc, outcome, parsed.pages)
    if outcome == "copy":
        warning = f"与《{match.title}》{match.reason}，是同一方案，未重复导入；{REPLACE_HINT}"
    elif match.certain:
        warning = f"与《{match.title}》{match.reason}，已替换旧文件。"
    else:
        warning = f"与《{match.title}》{match.reason}，可能是同一方案的另一版本，请核对；两份均已保留。"
    report.warnings.insert(0, warning)
    return report


def unchanged_report(name: str, doc_id: str, summary: dict[str, object]) -> FileReport:
    """The report of a file indexed before and unchanged (its counts from the manifest)."""
    return FileReport(
        name,
        "unchanged",
        title=str(summary.get("title", "")),
        doc_id=doc_id,
        tasks=int(summary.get("tasks", 0) or 0),  # type: ignore[call-overload]
        targets=int(summary.get("targets", 0) or 0),  # type: ignore[call-overload]
        deadlines=int(summary["deadlines"]) if "deadlines" in summary else None,  # type: ignore[call-overload]
    )


def failed_report(name: str, reason: str) -> FileReport:
    return FileReport(name, "failed", reason=reason)
