"""Matching by meaning: how near a question, or one of its words, is to the targets and tasks."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable

from policykb.bot.answers.context import Context
from policykb.bot.answers.indicator import whole_implied
from policykb.bot.answers.plan_names import plan_identity
from policykb.bot.answers.targeting import DenseGate
from policykb.bot.evidence import CODE, YEAR, Evidence
from policykb.bot.kinds import QuestionKind
from policykb.bot.thresholds import Thresholds
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.index import KnowledgeIndex
from policykb.kb.records import Target, Task
from policykb.kb.spread import pstdev

NEAREST = 64  # targets fetched from the store per search
# kinds whose answer checks the clause of each near target word by word (:meth:`Meaning.fits`): most of their
# questions look up the meaning of their words, so the words are embedded with the question, in one model call
WORDS_CHECKED = (QuestionKind.TARGET,)


class Meaning:
    """Dense matching of questions to targets and tasks, and what a clause leaves unsaid.

    Args:
        index: the loaded knowledge index (its store holds the target vectors).
        thresholds: evidence needed per kind of question.
        embeddings: the index's model; ``None`` matches by words only (every dense pick is ``None``).
    """

    def __init__(self, index: KnowledgeIndex, thresholds: Thresholds, embeddings: EmbeddingModel | None) -> None:
        self.index = index
        self.thresholds = thresholds
        self.embeddings = embeddings
        self._identities: dict[str, str] = {}

    def identity(self, doc_id: str) -> str:
        """:func:`plan_identity` of the plan ``doc_id`` (``""`` for none), read once per plan."""
        if doc_id not in self._identities:
            document = self.index.documents.get(doc_id)
            self._identities[doc_id] = plan_identity(document) if document else ""
        return self._identities[doc_id]

    def explains(
        self,
        ctx: Context,
        clause: str,
        allowed: float,
        target_id: str = "",
        near: float | None = None,
        strict: bool = False,
        headings: str = "",
    ) -> bool:
        """Whether ``clause`` lacks at most ``allowed`` of the question's weight in named things: those it
        neither holds nor means.

        A question about 物流 vehicles is not answered by a clause about 公交 vehicles: 物流 is a
        thing the plans name, the clause lacks it, and the word 物流 is not near in meaning to the
        clause. 养殖场 is near in meaning to a clause on 畜禽粪污, so it does not count against it.
        Without an embedding model every named thing the clause lacks counts. ``near`` is how near in
        meaning (standard deviations) a word must be to count as said; default ``thresholds.word_z``.
        ``strict`` counts every content word, not only the named things. A word of the clause's
        ``headings`` counts as said (预期 under 主要预期目标), but they never make it a neighbour's clause.
        Meaning is looked up (a word embedded) only while the outcome is still open.
        """
        unsaid = self._unsaid(ctx, clause, target_id, strict, headings)
        return unsaid is not None and weighed(unsaid, allowed, lambda word: self._means(ctx, word, target_id, near))

    def looks_up(
        self, ctx: Context, clause: str, allowed: float, target_id: str = "", strict: bool = False, headings: str = ""
    ) -> bool:
        """Whether :meth:`explains` with these arguments would look up the meaning of a word, told from the words
        alone: the same words weighed in the same order, each that would be looked up taken as lacking (all
        :meth:`explains` does up to its first look-up is the same)."""
        unsaid = self._unsaid(ctx, clause, target_id, strict, headings)
        looked: list[str] = []

        def lacks(word: str) -> bool:
            if by_meaning(word, target_id):
                looked.append(word)
            return False

        if unsaid is not None:
            weighed(unsaid, allowed, lacks)
        return bool(looked)

    def _unsaid(
        self, ctx: Context, clause: str, target_id: str, strict: bool, headings: str
    ) -> list[tuple[str, float]] | None:
        """The question's named things (with their shares) that ``clause`` does not hold; ``None`` when the clause
        is about a neighbour of what the question names (城镇 for 农村)."""
        if ctx.evidence.neighbour(clause):
            return None
        return [
            (word, share)
            for word, share in ctx.evidence.named(strict)
            if not (ctx.evidence.holds(word, clause) or (headings and ctx.evidence.holds(word, headings)))
            and not (target_id and YEAR.fullmatch(word))  # a target's year is its own (often set by its title)
            and not whole_implied(ctx.plain or ctx.q.text, word, clause)  # 煤炭消费比重 is of all energy consumed
        ]

    def _means(self, ctx: Context, word: str, target_id: str, near: float | None) -> bool:
        """Whether the target ``target_id``'s clause is near enough in meaning to ``word`` to say it."""
        if not by_meaning(word, target_id):
            return False
        bar = self.thresholds.word_z if near is None else near
        return self.word_nearness(ctx, word).get(target_id, -9.0) >= bar

    def fits(self, ctx: Context, target: Target) -> bool:
        """Whether the target's clause is about what the question names, not about a neighbour of it."""
        return self.explains(ctx, target.sentence, **self._fit(target))

    def fit_looks_up(self, ctx: Context, target: Target) -> bool:
        """Whether :meth:`fits` would look up the meaning of a word for ``target`` (see :meth:`looks_up`)."""
        return self.looks_up(ctx, target.sentence, **self._fit(target))

    def _fit(self, target: Target) -> dict:
        """How :meth:`fits` weighs ``target``'s clause: the arguments of :meth:`explains` after the clause. Its plan's
        title is a heading above every clause (``低空经济`` of a 低空经济 plan's ``产业规模达100亿元``), and so are its
        place and issuer (``甲县`` of a page whose only name of its county is its 发布机构 field)."""
        th = self.thresholds
        return {
            "allowed": th.missing,
            "target_id": target.id,
            "strict": th.fit_strict,
            "headings": " ".join([*target.path, self.identity(target.doc_id)]),
        }

    def word_nearness(self, ctx: Context, word: str) -> dict[str, float]:
        """How near in meaning ``word`` is to each target, in standard deviations above the mean of the nearest 64."""
        if word not in ctx.words:
            scope = None if ctx.doc_ids is None else tuple(ctx.doc_ids)
            if (scope, word) not in ctx.nearness:
                others = [w for w in open_words(ctx) if w != word and (scope, w) not in ctx.nearness]
                self._look_up(ctx, scope, [word, *others])
            ctx.words[word] = ctx.nearness[(scope, word)]
        return ctx.words[word]

    def _look_up(self, ctx: Context, scope: tuple[str, ...] | None, words: list[str]) -> None:
        """The nearness of ``words`` to the targets of the documents ``scope`` (``ctx.doc_ids``): one search, the
        words' vectors those stored at ingest (:mod:`policykb.kb.word_vectors`), the rest embedded in one batch."""
        found: list[list[tuple[str, float]]] = [[] for _ in words]
        if self.embeddings is not None:
            stored = self.index.word_vectors.of(words) if self.index.word_vectors is not None else {}
            embedded = iter(self.embeddings.embed_queries([w for w in words if w not in stored]))
            vectors = [stored[w] if w in stored else next(embedded) for w in words]
            found = self.index.target_searches(vectors, NEAREST, ctx.doc_ids)
        for word, hits in zip(words, found):
            ctx.nearness[(scope, word)] = standardized([(i, 1.0 - d) for i, d in hits])

    def target_hits(self, ctx: Context) -> list[tuple[str, float]]:
        """``(target id, cosine similarity)`` of the 64 targets of the question's documents nearest to it."""
        if self.embeddings is None:
            return []
        vector = self.embeddings.embed_query(ctx.q.text)
        hits = self.index.target_searches([vector], NEAREST, ctx.doc_ids)[0]
        return [(i, 1.0 - d) for i, d in hits]

    def gate(self) -> DenseGate:
        """The gate a dense pick must pass: it clearly stands out from all others."""
        return DenseGate(self.thresholds.dense_z, self.thresholds.dense_margin)

    def target(self, ctx: Context) -> Target | None:
        """The target of the question's documents nearest in meaning, if it clearly stands out from all others and
        its clause or headings say at least one thing the question names: ``绿色防控覆盖率`` is near ``全覆盖`` in
        meaning but says neither 风险 nor 时限 of ``那安全风险识别全覆盖…的完成时限呢``; ``PM2.5浓度`` says PM2.5 of
        ``PM2.5治理是哪个局牵头``."""
        if self.embeddings is None:
            return None
        picked = self.gate().pick(self.target_hits(ctx))
        target = None if picked is None else self.index.target_by_id.get(picked)
        if target is None:
            return None
        said = f"{' '.join(target.path)} {target.sentence}"
        named = [word for word, _ in ctx.evidence.named()]
        return target if not named or any(ctx.evidence.holds(w, said) for w in named) else None

    def task(self, ctx: Context, tasks: list[Task]) -> Task | None:
        """The task whose title and section are nearest in meaning to the question, if it clearly stands out
        and nothing the question names is missing from its text."""
        if self.embeddings is None or len(tasks) < 5:
            return None
        vectors = self.task_vectors(tasks)
        question = self.embeddings.embed_query(ctx.q.text)
        picked = self.gate().pick([(str(i), cosine(question, v)) for i, v in enumerate(vectors)])
        if picked is None:
            return None
        task = tasks[int(picked)]
        return task if self.explains(ctx, f"{task.section} {task.text}", self.thresholds.missing) else None

    def task_vectors(self, tasks: list[Task]) -> list[list[float]]:
        """The vectors of ``tasks``: those the index stored at ingest, else embedded now (an index written
        before tasks had vectors)."""
        assert self.embeddings is not None
        held = self.index.task_vectors.of(tasks) if self.index.task_vectors is not None else [None] * len(tasks)
        missing = [t.search_text for t, v in zip(tasks, held) if v is None]
        embedded = iter(task_vectors(self.embeddings, missing) if missing else [])
        return [v if v is not None else next(embedded) for v in held]


def weighed(unsaid: list[tuple[str, float]], allowed: float, means: Callable[[str], bool]) -> bool:
    """Whether the words ``unsaid`` (with their shares) lack at most ``allowed`` of the weight, a word counting as
    said when ``means(word)``; ``means`` is asked in order, and only while the outcome is still open."""
    lacking, open_share = 0.0, sum(share for _, share in unsaid)
    for word, share in unsaid:
        if lacking + open_share <= allowed:
            return True  # even if every word left were lacking
        open_share -= share
        if not means(word):
            lacking += share
            if lacking > allowed:
                return False
    return lacking <= allowed


def by_meaning(word: str, target_id: str) -> bool:
    """Whether ``word`` is weighed by its meaning against the clause of target ``target_id``: only a target's
    clause, and never for a code (PM10 is never another way of saying something)."""
    return bool(target_id) and not CODE.fullmatch(word)


def open_words(ctx: Context) -> list[str]:
    """The question's named things whose nearness may still be looked up: looked up with the first one, in one
    batch."""
    return [w for w in checked_words(ctx.evidence) if w not in ctx.words]


def checked_words(evidence: Evidence) -> list[str]:
    """The question's named things whose meaning an answer may look up (a code or a year never is: see
    :meth:`Meaning._means` and :meth:`Meaning.explains`)."""
    return [w for w, _ in evidence.named(strict=True) if not (CODE.fullmatch(w) or YEAR.fullmatch(w))]


_TASK_VECTORS: dict[tuple[int, str], list[float]] = {}


def task_vectors(embeddings: EmbeddingModel, texts: list[str]) -> list[list[float]]:
    """Vectors of task texts, embedded once per model and text (tasks of an index written before they had
    vectors in the store)."""
    key = id(embeddings)
    todo = [t for t in dict.fromkeys(texts) if (key, t) not in _TASK_VECTORS]
    if todo:
        if len(_TASK_VECTORS) > 20_000:
            _TASK_VECTORS.clear()
        for text, vector in zip(todo, embeddings.embed_documents(todo)):
            _TASK_VECTORS[(key, text)] = list(vector)
    return [_TASK_VECTORS[(key, t)] for t in texts]


def cosine(a: list[float], b: list[float]) -> float:
    """The cosine similarity of two vectors."""
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)) or 1e-9
    return dot / norm


def standardized(hits: list[tuple[str, float]]) -> dict[str, float]:
    """Each similarity in standard deviations above the mean of them all (empty for fewer than five)."""
    if len(hits) < 5:
        return {}
    values = [s for _, s in hits]
    mean, spread = statistics.fmean(values), pstdev(values) or 1e-9  # pstdev: statistics.pstdev's own number
    return {i: (s - mean) / spread for i, s in hits}
