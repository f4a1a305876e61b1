"""What a term a plan uses means (``“1+X证书制度”指的是什么？``), from the clause of the plan that defines it.

A plan defines a term where it first names the thing in full and gives the short name in a bracket
(``…启动“甲证书+乙证书”制度试点（以下称1+X证书制度试点）``), or says what the term is
(``本方案所称双随机，是指…``, ``双随机即…``). The answer quotes that clause with its section; when no clause of
the question's plans defines the term, the other answers (and at last the refusal) take over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.kinds import QuestionKind
from policykb.kb.glossary import QUOTES
from policykb.kb.records import Chunk, DocumentRecord
from policykb.kb.text import CN_NUM, split_spans

__all__ = ["DefinitionAnswer", "asked_term", "asks_what_term_takes_in", "defining_clause"]

_TERM = r"[^，,。；;？?！!“”、的中里]{2,24}"
ASKS_MEANING = re.compile(
    rf"“(?P<quoted>[^”]{{2,24}})”(?:具体)?(?:指的是|是指|指|是(?:什么|啥)意思|啥意思|的意思|的含义|是什么)"
    rf"|(?P<plain>{_TERM}?)(?:具体)?(?:指的是|是指|是(?:什么|啥)意思|的意思是|的含义是)"
    rf"|(?:什么是|何为|何谓)“?(?P<after>[^”？?，,。]{{2,24}})”?"
    rf"|(?:所说|所称|所讲|说|讲)的?“?(?P<named>[^”？?，,。的]{{2,24}}?)”?(?:具体)?(?:包括|包含|涵盖|指)(?:哪些|什么|啥|哪几)"
)
"""A question about what a term means: ``“X”指的是什么``, ``X是指什么``, ``什么是X``, ``X是什么意思``; what the term
the plan speaks of takes in (``规定所称的“校园”包括哪些``)."""
NAMING = re.compile(r"[（(]\s*(?:以下|下文|下)?(?:简称|统称|称)(?:为)?[:：]?\s*(?P<short>[^）)]{1,30})[）)]")
SAYING = r"\s*[，,]?\s*(?:是指|指的是|系指|即(?![将时可便使])|指(?![导出挥标引定南令数]))"
RUN_IN_NUMBER = rf"(?:\d{{1,2}}[.．、]|[（(](?:[{CN_NUM}]+|\d{{1,2}})[）)]|[{CN_NUM}]+[、．.])"
"""The number of an item whose heading runs into its text (``1.坚持人民至上。牢固树立…``)."""


@dataclass(frozen=True)
class Defined:
    """The clause that defines a term: its sentence, its chunk and its section."""

    sentence: str
    chunk: Chunk
    section: str


def asked_term(question: str) -> str:
    """The term whose meaning ``question`` asks (``“1+X证书制度”指的是什么？`` → ``1+X证书制度``), else ``""``."""
    found = ASKS_MEANING.search(question)
    if found is None:
        return ""
    term = found.group("quoted") or found.group("plain") or found.group("after") or found.group("named") or ""
    return term.translate(QUOTES).strip()


def asks_what_term_takes_in(question: str) -> bool:
    """Whether ``question`` asks what a term the plan speaks of takes in (``所称的“园区”包括哪些``): a list
    question in its words, answered by the clause that names the term."""
    found = ASKS_MEANING.search(question)
    return found is not None and found.group("named") is not None


def defining_clause(term: str, text: str) -> tuple[int, int] | None:
    """The span of the first sentence of ``text`` that defines ``term``: names it in a bracket after the thing in
    full (``（以下称…term…）``) or says what it is (``term是指…``, ``所称term，即…``); else ``None``."""
    said = re.compile(re.escape(term) + SAYING)
    spans = list(split_spans(text, "。；;\n"))
    for at, (start, end) in enumerate(spans):
        sentence = text[start:end].translate(QUOTES)
        if any(term in m.group("short").translate(QUOTES) for m in NAMING.finditer(text[start:end])):
            return start, end
        if said.search(sentence):
            return start, end
        if at + 1 < len(spans) and headed_by(term, sentence):  # 1.坚持人民至上。牢固树立…: the item says it
            return start, spans[at + 1][1]
    return None


def headed_by(term: str, sentence: str) -> bool:
    """Whether ``sentence`` ends in the numbered heading ``term`` of an item whose text runs on after it in the same
    paragraph (``（二）基本原则1.坚持人民至上。牢固树立…``); a heading on a line of its own heads a section, not an item
    that says what the term means."""
    heading = sentence.strip()
    if not heading.endswith("。"):
        return False
    return re.search(rf"{RUN_IN_NUMBER}\s*{re.escape(term)}$", heading.rstrip("。").strip()) is not None


class DefinitionAnswer(Kind):
    """The clause of the question's plans that defines the term the question asks about."""

    name = "definition"

    def find(self, ctx: Context) -> Finding | None:
        term = asked_term(ctx.q.text)
        if not term:
            return None
        found = self.defined(ctx, term)
        if found is None:
            return None
        line = self.phrases("fact.quote", sentence=found.sentence, section=found.section)
        return Finding([line], [found.chunk], QuestionKind.FACT, {"term": term, "sentence": found.sentence})

    def about_term(self, ctx: Context, finding: Finding | None) -> Finding | None:
        """``finding`` when it says the term the question asks the meaning of (or the question asks none): a
        sentence without the term does not say what it means."""
        term = asked_term(ctx.q.text)
        if finding is None or not term:
            return finding
        return finding if any(term in line.translate(QUOTES) for line in finding.lines) else None

    def defined(self, ctx: Context, term: str) -> Defined | None:
        """Where a plan defines ``term``: the plans of the retrieved chunks first, best ranked first."""
        for doc in [*self.records.surfaced(ctx), *ctx.docs]:
            span = defining_clause(term, doc.text)
            if span is not None:
                return self.at(doc, *span)
        return None

    def at(self, doc: DocumentRecord, start: int, end: int) -> Defined:
        """The clause ``doc.text[start:end]`` with its chunk and section."""
        chunk = self.records.chunk_at(doc, start)
        return Defined(doc.text[start:end].strip(), chunk, chunk.section or doc.title)
