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
CITED_NAME = re.compile(r"《(?P<name>[^《》\n]{4,60})》")
"""A plan a page cites by its name (``…就《甲县…规划（征求意见稿）》展开研讨``)."""


def plan_words(docs: list[DocumentRecord], places: Iterable[str] = ()) -> str:
    """The words that name the plans (title, place, issuer): a question says them to pick a plan, not to ask. With
    ``places`` (those a question names), also each of them that a plan of no place of its own (a news page, an
    untitled copy) names in its opening (``甲市召开…大会``): it picks that plan as a title's place would; and the names
    of plans such a page cites in its opening (:func:`_opening_names`)."""
    return " ".join(f"{d.title} {d.place} {d.authority}{_opening_places(d, places)}{_opening_names(d)}" for d in docs)


def _opening_places(doc: DocumentRecord, places: Iterable[str]) -> str:
    """The ``places`` the opening of ``doc`` names when no place of its own was read, each after a space."""
    if doc.place:
        return ""
    opening = doc.text[:OPENING]
    return "".join(f" {p}" for p in places if p in opening)


def _opening_names(doc: DocumentRecord) -> str:
    """The names of the plans the opening of ``doc`` cites (``…座谈会召开，…就《甲县…规划》展开研讨``), each after
    a space, when no place of its own was read (a news page that reports a plan): a question names that plan to
    pick the page, as it would a title."""
    if doc.place:
        return ""
    return "".join(f" {m.group('name')}" for m in CITED_NAME.finditer(doc.text[:OPENING]))


def plan_identity(document: DocumentRecord) -> str:
    """:func:`plan_words` of one plan, with its page's fields (a page whose only name of its county is its
    ``发布机构`` field) and a government its opening names (a report of the plan)."""
    issuers = OPENING_ISSUER.findall(document.text[:OPENING])
    fields = [v for label, v in document.page_fields.items() if FIELD_KEYS.get(label) not in FILING_KEYS]
    return " ".join([plan_words([document]), *fields, *issuers])
