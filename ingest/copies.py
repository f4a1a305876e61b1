"""Copies of one plan: a file that holds a plan already indexed (or already in the batch) under another name.

The same plan is often at hand as .docx, PDF and .doc, or downloaded twice. Such a file is a copy when it has
the indexed plan's title and either its 文号 or near-identical text (character trigrams, so that line breaks,
table rulings, page numbers and a few OCR slips do not matter). A file with the same title over a text that differs
more, or with the same 文号 under another title, may be another version or a misread: kept, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["NEAR_IDENTICAL", "Candidate", "Match", "find_copy", "same_number", "similarity"]

NEAR_IDENTICAL = 0.8  # trigram Jaccard of two readings of one plan (docx/PDF/.doc, a clean scan)
_NOT_TEXT = re.compile(r"[^0-9A-Za-z\u3400-\u9fff]+")
_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "(": "〔", "（": "〔", "]": "〕", "］": "〕", ")": "〕", "）": "〕"})


@dataclass
class Candidate:
    """A plan a new file may copy: its id, title, 文号 and a way to get its text (read only when needed)."""

    doc_id: str
    title: str
    number: str
    text: Callable[[], str]


@dataclass(frozen=True)
class Match:
    """The plan a file copies (``certain``) or may be another version of (same title, other text)."""

    doc_id: str
    title: str
    certain: bool
    reason: str  # 文号和标题相同 · 标题相同且正文几乎一致 · 文号相同而标题不同 · 标题相同而正文不同


def number_key(number: str) -> str:
    """A 文号 written one way: no spaces, one kind of bracket around the year."""
    return "".join(number.split()).translate(_BRACKETS)


def same_number(a: str, b: str) -> bool:
    return bool(a.strip()) and number_key(a) == number_key(b)


def _trigrams(text: str) -> set[str]:
    plain = _NOT_TEXT.sub("", text)
    return {plain[i : i + 3] for i in range(len(plain) - 2)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' character trigrams (letters, digits and Han characters only)."""
    grams_a, grams_b = _trigrams(a), _trigrams(b)
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / len(grams_a | grams_b)


def find_copy(doc_id: str, title: str, number: str, text: str, candidates: Iterable[Candidate]) -> Match | None:
    """The first plan of ``candidates`` (other than ``doc_id`` itself) the file copies: the same title and either the
    same 文号 or near-identical text. Else one it may be a copy or another version of (the same 文号 under another
    title, or the same title over other text): kept, with a warning. Else ``None``.

    A 文号 alone does not decide: a 文号 misread from a plan's text (a cited document's) must not drop a plan.
    """
    maybe: Match | None = None
    for other in candidates:
        if other.doc_id == doc_id:
            continue  # the same file again: a replacement, not a copy
        numbered = same_number(number, other.number)
        titled = bool(title) and title == other.title
        if titled and numbered:
            return Match(other.doc_id, other.title, True, "文号和标题相同")
        if titled and similarity(text, other.text()) >= NEAR_IDENTICAL:
            return Match(other.doc_id, other.title, True, "标题相同且正文几乎一致")
        if numbered or titled:
            maybe = maybe or Match(
                other.doc_id, other.title, False, "文号相同而标题不同" if numbered else "标题相同而正文不同"
            )
    return maybe
