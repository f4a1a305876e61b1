"""The offline answerer: exact, cited answers from the structured records, no LLM, no network.

It recognises what a question asks (a target, who is responsible, what a unit does,
a document fact, a plain fact), answers from the records with the clause it rests
on, and says “方案中未找到” when the evidence does not support an answer.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field, replace

from langchain_core.documents import Document

from policykb.bot.answer import Answer, Source
from policykb.bot.evidence import CODE, Evidence, unknown_years, wording_for
from policykb.bot.facts import ASKS_TIME, best_sentence
from policykb.bot.question import Question, classify
from policykb.bot.responsibility import deadline_lines, match_tasks, owner_lines, unit_tasks_by_plan
from policykb.bot.scope import compared, for_plan
from policykb.bot.targeting import (
    DenseGate,
    best_group,
    closest_target,
    match_targets,
    sentence_year_compatible,
    target_line,
    target_lines,
    unit_compatible,
    unit_compatible_text,
    year_compatible,
)
from policykb.bot.thresholds import Thresholds
from policykb.ingest.structure import heading_title
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.glossary import Glossary
from policykb.kb.index import KnowledgeIndex
from policykb.kb.lexicon import PARTIAL_LEAD
from policykb.kb.records import PATH_SEPARATOR, Chunk, DocumentRecord, Section, Target, Task, path_label
from policykb.prompts.library import Phrases

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_QUESTION = 500
WIDE = 300  # above this many targets or tasks, score only those near the retrieved sections
PER_PLAN = ("target", "owner", "deadline")  # kinds answered plan by plan when several plans are in play
MAX_PLANS = 5


@dataclass
class Context:
    """What every kind of answer reads: the question, its evidence, the documents, the ranking."""

    q: Question
    evidence: Evidence
    docs: list[DocumentRecord]
    ranked: list[str]
    ranked_ids: list[str]
    doc_ids: list[str] | None = None  # the question's document filter; ``None``: every document
    plain: str = ""  # the question in the plans' words (glossary applied)
    words: dict[str, dict[str, float]] = field(default_factory=dict)  # each named word's nearness to each target


def enclosing(section: str) -> list[str]:
    """``section`` and every section above it: ``"一 > 二"`` → ``["一", "一 > 二"]``."""
    parts = section.split(PATH_SEPARATOR)
    return [PATH_SEPARATOR.join(parts[: n + 1]) for n in range(len(parts))]


def clean_question(text: str) -> str:
    return CONTROL.sub(" ", text or "").strip()


class OfflineAnswerer:
    """Writes a short Chinese answer from the records and the retrieved chunks.

    Args:
        index: the loaded knowledge index.
        phrases: the validated phrase templates (``prompts/offline.toml``).
        thresholds: evidence needed per kind of question.
        max_sources: how many sources an answer lists at most.
        structured: answer from the records; ``False`` only quotes the best sentence (ablation).
        embeddings: the index's model, for matching targets by meaning; ``None`` matches by words only.
        glossary: everyday ↔ official words (default: the shipped glossary).
    """

    def __init__(
        self,
        index: KnowledgeIndex,
        phrases: Phrases,
        thresholds: Thresholds | None = None,
        max_sources: int = 5,
        structured: bool = True,
        embeddings: EmbeddingModel | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        self.index = index
        self.glossary = glossary
        self.structured = structured
        self.embeddings = embeddings
        self.phrases = phrases
        self.thresholds = thresholds or Thresholds()
        self.max_sources = max_sources

    # -- entry points ---------------------------------------------------------
    def invalid(self, question: str) -> Answer | None:
        """An answer for an empty or over-long question, else ``None``."""
        text = clean_question(question)
        if not text:
            return Answer(question=question, answer=self.phrases("refusal.empty"), answerable=False, kind="invalid")
        if len(text) > MAX_QUESTION:
            message = self.phrases("refusal.too_long", length=len(text), limit=MAX_QUESTION)
            return Answer(question=question[:MAX_QUESTION], answer=message, answerable=False, kind="invalid")
        return None

    def answer(self, question: str, documents: list[Document], doc_ids: list[str] | None = None) -> Answer:
        """Answer ``question`` from the retrieved ``documents`` and the records."""
        invalid = self.invalid(question)
        if invalid is not None:
            return invalid
        text = clean_question(question)
        q = classify(text, self.index.units)  # type: ignore[arg-type]
        docs = self._documents(doc_ids)
        ranked = [d.metadata["section"] for d in documents]
        retrieved = [
            Source(
                d.metadata["document"],
                d.metadata["doc_id"],
                d.metadata["section"],
                d.page_content,
                float(d.metadata["score"]),
                notes=self._notes(d.metadata["doc_id"]),
            )
            for d in documents
        ]
        refusal = self._unknown_entities(q, docs)
        if refusal:
            return self._refuse(q, refusal, retrieved)
        plain = wording_for(self.index, self.glossary).plain(text)
        evidence = Evidence.of(plain, self.index.segmenter, self.index.bm25)  # type: ignore[arg-type]
        handler = (
            {
                "document": self._document,
                "unit_tasks": self._unit_tasks,
                "owner": self._owner,
                "deadline": self._deadline,
                "list": self._listing,
                "outline": self._outline,
                "target": self._target,
            }.get(q.kind, self._fact)
            if self.structured
            else self._fact
        )
        ctx = Context(q, evidence, docs, ranked, [d.metadata["id"] for d in documents], doc_ids, plain)
        result = self._per_plan(handler, ctx) if q.kind in PER_PLAN else handler(ctx)
        if result is None and q.kind != "fact":
            result = self._fact(ctx, need_quantity=q.kind in ("target", "list"))
        if result is None:
            return self._refuse(q, self.phrases("refusal.generic"), retrieved)
        lines, cited, kind, facts = result[:4]
        confidence = result[4] if len(result) > 4 else "full"
        if len(self.index.documents) > 1 and "plans" not in facts:
            titles = "、".join(dict.fromkeys(f"《{self.index.documents[c.doc_id].title}》" for c in cited))
            lines = [self.phrases("document.from", titles=titles), *lines]
        sources = self._sources(cited, retrieved)
        return Answer(
            question=text,
            answer="\n".join(lines),
            answerable=True,
            kind=kind,
            sources=sources,
            evidence=facts,
            confidence=confidence,
        )

    # -- many plans -------------------------------------------------------------
    def _per_plan(self, handler, ctx: Context):
        """Answer plan by plan when several are in play: the plans the question named, else those retrieval
        surfaced. Each plan's lines stand under its own title, never merged; a named plan without an answer
        says so. One plan answering (of several surfaced) answers alone."""
        named = ctx.doc_ids is not None and compared(ctx.q.text, ctx.docs)  # several places or years named
        plans = ctx.docs if named else self._surfaced(ctx)
        if len(plans) < 2:
            return handler(ctx)
        asked = {d.doc_id: replace(ctx.q, text=for_plan(ctx.q.text, d, plans)) for d in plans}
        parts = [
            (doc, handler(replace(ctx, q=asked[doc.doc_id], docs=[doc], doc_ids=[doc.doc_id])))
            for doc in plans[:MAX_PLANS]
        ]
        found = [(doc, result) for doc, result in parts if result is not None]
        if not found or (len(found) == 1 and not named):
            return found[0][1] if found else None
        lines: list[str] = []
        cited: list[Chunk] = []
        facts: dict = {"plans": []}
        partial = any(len(r) > 4 and r[4] == "partial" for _, r in found)
        for doc, result in parts if named else found:  # a plan the question did not name is listed only if it answers
            lines.append(self.phrases("document.plan", title=doc.title, place=doc.place or "—"))
            if result is None:
                lines.append(self.phrases("document.plan_lacks"))
                continue
            lines.extend(result[0])
            cited.extend(result[1])
            facts["plans"].append({"doc_id": doc.doc_id, "title": doc.title, **result[3]})
        return lines, cited, found[0][1][2], facts, "partial" if partial else "full"

    def _surfaced(self, ctx: Context) -> list[DocumentRecord]:
        """The question's documents in the order retrieval ranked their chunks."""
        wanted = {d.doc_id: d for d in ctx.docs}
        order = [self.index.chunks[self.index.chunk_rows[c]].doc_id for c in ctx.ranked_ids]
        return [wanted[i] for i in dict.fromkeys(order) if i in wanted]

    # -- kinds ------------------------------------------------------------------
    def _document(self, ctx: Context):
        best = max(ctx.docs, key=lambda d: ctx.evidence.coverage(d.title + d.text[:300]), default=None)
        if best is None:
            return None
        line = self.phrases(
            "document.line",
            title=best.title,
            number=best.number or "（未注明）",
            authority=best.authority or "（未注明）",
            date=best.date or "（未注明）",
        )
        return [line], [self._chunk_at(best, 0)], "document", {"document": best.doc_id}

    def _unit_tasks(self, ctx: Context):
        docs = list({d.doc_id: d for d in [*self._surfaced(ctx), *ctx.docs]}.values())  # best match first
        found = unit_tasks_by_plan(self.index.units, ctx.q.text, docs, self.phrases, ctx.q.focus == "lead", MAX_PLANS)
        if found is None:
            return None
        return found.lines, [self._task_chunk(t) for t in found.tasks], "unit_tasks", found.facts

    def _deadline(self, ctx: Context):
        task = self._task_asked(ctx)
        if task is None:
            return None
        facts = {"task": task.title, "deadline": task.deadline, "lead_units": task.responsibility.lead_units}
        return deadline_lines(task, self.phrases), [self._task_chunk(task)], "deadline", facts

    def _owner(self, ctx: Context):
        task = self._task_asked(ctx)
        if task is None:
            return None
        facts = {
            "task": task.title,
            "lead_units": task.responsibility.lead_units,
            "co_units": task.responsibility.co_units,
            "deadline": task.deadline,
        }
        return owner_lines(task, self.phrases), [self._task_chunk(task)], "owner", facts

    def _task_asked(self, ctx: Context) -> Task | None:
        """The task a question about responsibility or a deadline is about."""
        tasks = self._near(ctx, "tasks")
        matches = match_tasks(ctx.q.text, ctx.evidence, tasks, ctx.ranked)
        task = matches[0].task if matches and matches[0].support >= self.thresholds.owner else None
        if task is None:
            target = self._dense_target(ctx)
            task = self.index.documents[target.doc_id].task_for(target.path, target.start) if target else None
        if task is None:
            task = self._dense_task(ctx, tasks)
        return task

    def _target(self, ctx: Context):
        """The target the question asks for: by words, else by meaning; the closest one, with a caution,
        when none fits exactly and one comes close enough. Never a target about a neighbour of what the
        question names (another year, another kind of vehicle, another pollutant)."""
        th = self.thresholds
        targets = [
            t
            for t in self._near(ctx, "targets")
            if unit_compatible(ctx.q.text, t) and year_compatible(ctx.q.text, t) and self._fits(ctx, t)
        ]
        matches = match_targets(ctx.evidence, targets, ctx.ranked)
        group = [m.target for m in best_group(matches)]
        if group and matches[0].support >= th.target:
            return self._target_answer(group)
        hits = self._dense_hits(ctx) if targets else []
        nearness = _standardized(hits)
        dense = DenseGate(th.dense_z, th.dense_margin).pick(hits)
        chosen = {t.id: t for t in targets}.get(dense or "")
        if chosen is not None:
            return self._target_answer([chosen])
        closest = closest_target(matches, nearness, th.partial_dense_weight, th.partial_margin)
        if closest is None or closest[1] < th.partial:
            return None
        target = closest[0]
        if self.unexplained(ctx, target.sentence, target.id, th.partial_word_z, strict=True) > 0:
            return None  # a partial answer only when every named thing is in the clause or plainly meant by it
        return self._target_answer([target], partial=True)

    def _fits(self, ctx: Context, target: Target, most: float | None = None) -> bool:
        """Whether the target's clause is about what the question names, not about a neighbour of it."""
        limit = self.thresholds.missing if most is None else most
        return self.unexplained(ctx, target.sentence, target.id, strict=self.thresholds.fit_strict) <= limit

    def unexplained(
        self, ctx: Context, clause: str, target_id: str = "", near: float | None = None, strict: bool = False
    ) -> float:
        """Share of the question's weight in named things that ``clause`` neither holds nor means.

        A question about 物流 vehicles is not answered by a clause about 公交 vehicles: 物流 is a
        thing the plans name, the clause lacks it, and the word 物流 is not near in meaning to the
        clause. 养殖场 is near in meaning to a clause on 畜禽粪污, so it does not count against it.
        Without an embedding model every named thing the clause lacks counts. ``near`` is how near in
        meaning (standard deviations) a word must be to count as said; default ``thresholds.word_z``.
        ``strict`` counts every content word, not only the named things.
        """
        lacking = 0.0
        for word, share in ctx.evidence.named(strict):
            if word in clause.lower():
                continue
            bar = self.thresholds.word_z if near is None else near
            code = CODE.fullmatch(word) is not None  # a code (PM10) is never another way of saying something
            if target_id and not code and self._word_nearness(ctx, word).get(target_id, -9.0) >= bar:
                continue
            lacking += share
        return lacking

    def _word_nearness(self, ctx: Context, word: str) -> dict[str, float]:
        """How near in meaning ``word`` is to each target, in standard deviations above the mean of the nearest 64."""
        if word not in ctx.words:
            hits = []
            if self.embeddings is not None:
                vector = self.embeddings.embed_query(word)
                found = self.index.store.target_search(self.index.manifest, vector, 64, ctx.doc_ids)
                hits = [(i, 1.0 - d) for i, d in found]
            ctx.words[word] = _standardized(hits)
        return ctx.words[word]

    def _target_answer(self, group: list[Target], partial: bool = False):
        lines = [line for target in group for line in target_lines(target, self.phrases)]
        if partial:
            lines = [PARTIAL_LEAD, *lines]
        facts = {"targets": [_target_fact(t) for t in group]}
        return lines, [self._target_chunk(t) for t in group], "target", facts, "partial" if partial else "full"

    def _dense_task(self, ctx: Context, tasks: list[Task]) -> Task | None:
        """The task whose title and section are nearest in meaning to the question, if it clearly stands out
        and nothing the question names is missing from its text."""
        if self.embeddings is None or len(tasks) < 5:
            return None
        texts = [f"{t.title}：{t.text[:120]}" for t in tasks]
        vectors = _task_vectors(self.embeddings, texts)
        question = self.embeddings.embed_query(ctx.q.text)
        hits = [(str(i), _cosine(question, v)) for i, v in enumerate(vectors)]
        picked = DenseGate(self.thresholds.dense_z, self.thresholds.dense_margin).pick(hits)
        if picked is None:
            return None
        task = tasks[int(picked)]
        return task if self.unexplained(ctx, f"{task.section} {task.text}") <= self.thresholds.missing else None

    def _dense_hits(self, ctx: Context) -> list[tuple[str, float]]:
        """``(target id, cosine similarity)`` of the 64 targets of the question's documents nearest to it."""
        if self.embeddings is None:
            return []
        vector = self.embeddings.embed_query(ctx.q.text)
        hits = self.index.store.target_search(self.index.manifest, vector, 64, ctx.doc_ids)
        return [(i, 1.0 - d) for i, d in hits]

    def _dense_target(self, ctx: Context, targets: list[Target] | None = None) -> Target | None:
        """The target nearest in meaning, if it clearly stands out from all others.

        Args:
            ctx: the question's context.
            targets: the targets it may be; ``None``: any target of the question's documents.
        """
        if self.embeddings is None or targets == []:
            return None
        vector = self.embeddings.embed_query(ctx.q.text)
        hits = self.index.store.target_search(self.index.manifest, vector, 64, ctx.doc_ids)
        gate = DenseGate(self.thresholds.dense_z, self.thresholds.dense_margin)
        picked = gate.pick([(i, 1.0 - d) for i, d in hits])
        if picked is None:
            return None
        allowed = self.index.target_by_id if targets is None else {t.id: t for t in targets}
        return allowed.get(picked)

    def _listing(self, ctx: Context):
        targets = self._near(ctx, "targets")
        matches = match_targets(ctx.evidence, targets, ctx.ranked)
        if not matches:
            return None
        sections: dict[str, list] = {}
        for m in matches:
            sections.setdefault(m.target.section, []).append(m)
        section, group = max(
            sections.items(), key=lambda kv: max(m.score for m in kv[1]) + 0.1 * max(m.support for m in kv[1])
        )
        if max(ctx.evidence.coverage(f"{section} {m.target.sentence}") for m in group) < self.thresholds.listing:
            return None
        chosen = sorted((m.target for m in group), key=lambda t: t.start)
        lines = [self.phrases("listing.summary", section=section, count=len(chosen))]
        lines += [self.phrases("listing.item", n=i, line=target_line(t, self.phrases)) for i, t in enumerate(chosen, 1)]
        lines.append(self.phrases("target.evidence", clause="”“".join(dict.fromkeys(t.sentence for t in chosen))))
        return lines, [self._target_chunk(t) for t in chosen], "list", {"targets": [_target_fact(t) for t in chosen]}

    def _outline(self, ctx: Context):
        best: tuple[float, DocumentRecord, Section, list[Section]] | None = None
        for doc in ctx.docs:
            for parent in doc.sections:
                children = [
                    s for s in doc.sections if len(s.path) == len(parent.path) + 1 and s.path[:-1] == parent.path
                ]
                if len(children) < 2:
                    continue
                title = heading_title(parent.heading) if parent.path else doc.title
                score = ctx.evidence.coverage(title)
                if best is None or score > best[0]:
                    best = (score, doc, parent, children)
        if best is None or best[0] < self.thresholds.outline:
            return None
        _, doc, parent, children = best
        lines = [self.phrases("outline.summary", section=parent.heading or doc.title, count=len(children))]
        lines += [self.phrases("outline.item", n=n, heading=c.heading) for n, c in enumerate(children, 1)]
        return lines, [self._chunk_at(doc, c.start) for c in children], "outline", {"section": parent.label}

    def _fact(self, ctx: Context, need_quantity: bool = False):
        wanted = {d.doc_id for d in ctx.docs}
        chunks = [self.index.chunks[self.index.chunk_rows[c]] for c in ctx.ranked_ids]
        chunks = [c for c in chunks if c.doc_id in wanted]
        passages = [(c.section, c.text) for c in chunks]
        best = best_sentence(ctx.evidence, passages, need_quantity, ASKS_TIME.search(ctx.q.text) is not None)
        needed = self.thresholds.quantity_fact if need_quantity else self.thresholds.fact
        if best is None or best.support < needed or not unit_compatible_text(ctx.q.text, best.sentence):
            return None
        if need_quantity and self.unexplained(ctx, best.sentence) > self.thresholds.missing:
            return None
        if not sentence_year_compatible(ctx.q.text, best.sentence):
            return None
        chunk = chunks[best.rank]
        section = chunk.section or self.index.documents[chunk.doc_id].title
        return [self.phrases("fact.quote", sentence=best.sentence, section=section)], [chunk], "fact", {}

    # -- helpers ----------------------------------------------------------------
    def _near(self, ctx: Context, kind: str) -> list:
        """The question's documents' records of ``kind`` (``"targets"`` or ``"tasks"``): all of them
        in a small corpus; in a large one, those in a retrieved chunk's section or one above it."""
        if sum(len(getattr(d, kind)) for d in ctx.docs) <= WIDE:
            return [r for d in ctx.docs for r in getattr(d, kind)]
        sections: dict[str, set[str]] = {}
        for chunk_id, section in zip(ctx.ranked_ids, ctx.ranked):
            doc_id = self.index.chunks[self.index.chunk_rows[chunk_id]].doc_id
            sections.setdefault(doc_id, set()).update(enclosing(section))
        return [
            r for d in ctx.docs if d.doc_id in sections for r in getattr(d, kind) if r.section in sections[d.doc_id]
        ]

    def _documents(self, doc_ids: list[str] | None) -> list[DocumentRecord]:
        docs = self.index.documents
        return [docs[i] for i in doc_ids] if doc_ids else list(docs.values())

    def _unknown_entities(self, q: Question, docs: list[DocumentRecord]) -> str | None:
        corpus = self.index.text if len(docs) == len(self.index.documents) else "\n".join(d.text for d in docs)
        years = unknown_years(q.text, corpus)
        if years:
            return self.phrases("refusal.year", year=f"{years[0]}年")
        for place in self.index.segmenter.places(q.text):
            if place not in corpus:
                return self.phrases("refusal.place", place=place)
        unknown = self.index.units.unknown_org_mentions(q.text)  # type: ignore[union-attr]
        if unknown and not q.units:
            return self.phrases("refusal.unit", unit=unknown[0])
        return None

    def _refuse(self, q: Question, message: str, retrieved: list[Source]) -> Answer:
        return Answer(
            question=q.text, answer=message, answerable=False, kind=q.kind, sources=retrieved[: self.max_sources]
        )

    def _chunk_at(self, doc: DocumentRecord, offset: int) -> Chunk:
        for chunk in doc.chunks:
            if chunk.start <= offset < chunk.end:
                return chunk
        return min(doc.chunks, key=lambda c: abs(c.start - offset))

    def _task_chunk(self, task: Task) -> Chunk:
        return self._chunk_at(self.index.documents[task.doc_id], task.end - 2)

    def _target_chunk(self, target: Target) -> Chunk:
        return self._chunk_at(self.index.documents[target.doc_id], target.start)

    def _notes(self, doc_id: str) -> str:
        doc = self.index.documents.get(doc_id)
        return "；".join(doc.notes) if doc else ""

    def _sources(self, cited: list[Chunk], retrieved: list[Source]) -> list[Source]:
        out: list[Source] = []
        seen: set[tuple[str, str]] = set()
        for chunk in cited:
            key = (chunk.doc_id, chunk.text)
            if key not in seen:
                seen.add(key)
                title = self.index.documents[chunk.doc_id].title
                notes = self._notes(chunk.doc_id)
                out.append(Source(title, chunk.doc_id, chunk.section, chunk.text, 1.0, cited=True, notes=notes))
        for source in retrieved:
            if (source.doc_id, source.text) not in seen and len(out) < max(self.max_sources, len(cited)):
                seen.add((source.doc_id, source.text))
                out.append(source)
        return out


_TASK_VECTORS: dict[tuple[int, str], list[float]] = {}


def _task_vectors(embeddings: EmbeddingModel, texts: list[str]) -> list[list[float]]:
    """Vectors of task texts, embedded once per model and text (tasks have no vectors in the store)."""
    key = id(embeddings)
    todo = [t for t in dict.fromkeys(texts) if (key, t) not in _TASK_VECTORS]
    if todo:
        if len(_TASK_VECTORS) > 20_000:
            _TASK_VECTORS.clear()
        for text, vector in zip(todo, embeddings.embed_documents(todo)):
            _TASK_VECTORS[(key, text)] = list(vector)
    return [_TASK_VECTORS[(key, t)] for t in texts]


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)) or 1e-9
    return dot / norm


def _standardized(hits: list[tuple[str, float]]) -> dict[str, float]:
    """Each similarity in standard deviations above the mean of them all (empty for fewer than five)."""
    if len(hits) < 5:
        return {}
    values = [s for _, s in hits]
    mean, spread = statistics.fmean(values), statistics.pstdev(values) or 1e-9
    return {i: (s - mean) / spread for i, s in hits}


def _target_fact(target: Target) -> dict[str, str]:
    return {
        "indicator": target.indicator,
        "comparator": target.comparator,
        "value": target.value,
        "unit": target.unit,
        "year": target.year,
        "section": path_label(target.path),
    }
