"""The words that name a plan as a whole: a question says them to pick a plan, not to ask about it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from policykb.ingest.identity import FIELD_KEYS, FILING_KEYS
from policykb.kb.records import DocumentRecord

__all__ = ["plan_identity", "plan_words"]

OPENING_ISSUER = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:省|市|县|区|州|盟|旗)(?=(?:人民)?政府)")
"""A government named in a plan's opening (``星河市政府办公厅印发《…方案》``): its place, when no title says it."""
OPENING = 300  # characters: a page's title, issuer and lead sentence


def plan_words(docs: list[DocumentRecord], places: Iterable[str] = ()) -> str:
    """The words that name the plans (title, place, issuer): a question says them to pick a plan, not to ask. With
    ``places`` (those a question names), also each of them that a plan of no place of its own (a news page, an
    untitled copy) names in its opening (``甲市召开…大会``): it picks that plan as a title's place would."""
    return " ".join(f"{d.title} {d.place} {d.authority}{_opening_places(d, places)}" for d in docs)


def _opening_places(doc: DocumentRecord, places: Iterable[str]) -> str:
    """The ``places`` the opening of ``doc`` names when no place of its own was read, each after a space."""
    if doc.place:
        return ""
    opening = doc.text[:OPENING]
    return "".join(f" {p}" for p in places if p in opening)


def plan_identity(document: DocumentRecord) -> str:
    """:func:`plan_words` of one plan, with its page's fields (a page whose only name of its county is its
    ``发布机构`` field) and a government its opening names (a report of the plan)."""
    issuers = OPENING_ISSUER.findall(document.text[:OPENING])
    fields = [v for label, v in document.page_fields.items() if FIELD_KEYS.get(label) not in FILING_KEYS]
    return " ".join([plan_words([document]), *fields, *issuers])
