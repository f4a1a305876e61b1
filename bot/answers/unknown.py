"""A question about a year, place or unit the plans never name gets a refusal that names it."""

from __future__ import annotations

from policykb.bot.evidence import unknown_years
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import Question
from policykb.bot.scope import named_anywhere, stands_as_place
from policykb.kb.index import KnowledgeIndex
from policykb.kb.records import DocumentRecord
from policykb.kb.units import short_forms, written_short
from policykb.prompts.library import Phrases


def unknown_entity(index: KnowledgeIndex, phrases: Phrases, q: Question, docs: list[DocumentRecord]) -> str | None:
    """The refusal for the first year, place or unit ``q`` names that ``docs`` never do, else ``None``; a word the
    tagger took for a place but that does not stand as one (``货车上路``) is not a place, and a unit the plans'
    text writes is known even when no task names it."""
    corpus = index.text if len(docs) == len(index.documents) else "\n".join(d.text for d in docs)
    years = (
        [] if q.kind == QuestionKind.LEDGER else unknown_years(q.text, corpus)
    )  # a window's year need not be written
    if years:
        return phrases("refusal.year", year=f"{years[0]}年")
    for place in index.segmenter.places(q.text):
        # named with or without its level, in the text or the identity
        if stands_as_place(q.text, place) and not named_anywhere(place, docs):
            return phrases("refusal.place", place=place)
    # a body the plans write (报市安办备案) is known though no task names it as an owner
    unknown = [u for u in index.units.unknown_org_mentions(q.text) if not written_short(u, corpus)]  # type: ignore[union-attr]
    unknown = [u for u in unknown if not any(short in corpus for short in short_forms(u))]  # 县人民政府办: 县政府办
    if unknown and not q.units and q.kind != QuestionKind.DOCUMENT:  # a document question names its basis's issuer
        return phrases("refusal.unit", unit=unknown[0])
    return None
