"""A document fact: its title, 文号, issuing bodies and date, or the higher-level files it carries out."""

from __future__ import annotations

import re

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import ATTACHMENT_ASK, BASIS, DATE_ASKED, QUOTED_FILE
from policykb.ingest.identity import cited_number
from policykb.kb.lexicon import DATE_ASKED_LABELS
from policykb.kb.records import DocumentRecord

ATTACHED = re.compile(r"^附件\s*\d{0,2}\s*[:：]\s*(?P<files>[^\n]{2,120})$", re.MULTILINE)
"""A notice's line naming what it attaches (``附件：甲县工作任务安排表``, ``附件1：…``)."""


class DocumentFact(Kind):
    """The plan whose title and opening best cover the question, with its identity; a question about what the
    plan rests on (依据/贯彻/落实哪个文件) gets the files its opening names, or nothing when it names none."""

    name = QuestionKind.DOCUMENT

    def find(self, ctx: Context) -> Finding | None:
        best = max(ctx.docs, key=lambda d: ctx.evidence.coverage(d.title + d.text[:300]), default=None)
        if best is None:
            return None
        quoted = QUOTED_FILE.search(ctx.q.text)
        cited = self._cited(ctx, quoted.group("file")) if quoted and quoted.group("file") not in best.title else None
        if cited is not None:
            return cited  # a file the plan cites, not the plan itself
        if BASIS.search(ctx.q.text):
            return self._basis(best)
        if ATTACHMENT_ASK.search(ctx.q.text):
            return self._attachments(best)
        line = self.phrases(
            "document.line",
            title=best.title,
            number=best.number or "（未注明）",
            authority=best.authority or "（未注明）",
            date=best.date or "（未注明）",
        )
        dated = self._dated(best, ctx.q.text)
        lines = [line, dated] if dated else [line]
        return Finding(lines, [self.records.chunk_at(best, 0)], QuestionKind.DOCUMENT, {"document": best.doc_id})

    def _dated(self, doc: DocumentRecord, question: str) -> str:
        """The date the question names (``发布日期是哪天``) from the field that is that date; when the document
        gives another date only, which one it gives (``未写明发布日期；所载为成文日期…``). ``""`` when the question
        names no date, or names 印发 of a document that has no 印发日期 (its signature's date answers it)."""
        asked = DATE_ASKED.search(question)
        if asked is None:
            return ""
        label = DATE_ASKED_LABELS.get(asked.group("kind") or asked.group("verb") or "", "印发日期")
        known = doc.dates or ({"成文日期": doc.date} if doc.date else {})
        if label in known:
            return self.phrases("document.date", label=label, date=known[label])
        if label == "印发日期" or not known:
            return ""
        given = "；".join(f"{k}{v}" for k, v in known.items())
        return self.phrases("document.date_lacks", label=label, given=given)

    def _cited(self, ctx: Context, file: str) -> Finding | None:
        """The 文号 a plan's text gives beside a file the question names (``《乙纲要》（甲发〔2016〕4号）``)."""
        for doc in ctx.docs:
            found = cited_number(doc.text, file)
            if found:
                number, at = found
                line = self.phrases("document.cited", file=file, number=number)
                cited = [self.records.chunk_at(doc, at)]
                return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})
        return None

    def _attachments(self, doc: DocumentRecord) -> Finding | None:
        """The files a notice attaches, as its ``附件：…`` lines name them; ``None`` when it names none."""
        lines = [(m.start(), m.group("files")) for m in ATTACHED.finditer(doc.text)]
        if not lines:
            return None
        line = self.phrases("document.attachments", title=doc.title, files="；".join(f for _, f in lines))
        cited = [self.records.chunk_at(doc, lines[0][0])]
        return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})

    def _basis(self, doc: DocumentRecord) -> Finding | None:
        if not doc.basis:
            return None
        line = self.phrases("document.basis", title=doc.title, files="；".join(doc.basis))
        opening = doc.text.find(doc.basis[0].split("《", 1)[1].split("》", 1)[0])
        cited = [self.records.chunk_at(doc, max(opening, 0))]
        return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id, "basis": doc.basis})
