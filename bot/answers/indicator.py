"""The indicator a question asks about, and whether a clause names the same one.

``城镇登记失业率要控制在多少`` asks about ``失业率``; ``孕产妇死亡率要降到多少`` about ``孕产妇`` ``死亡率``. A
closest-match answer (``partial``) may lack a word the question says, but never the indicator: a clause that sets
``新增就业`` or ``婴儿死亡率`` does not answer it, and the plan sets no such figure.
"""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.evidence import GENERIC_NOUNS
from policykb.kb.lexicon import INDICATOR_ENDS
from policykb.kb.segmenter import Segmenter

__all__ = ["asked_indicator", "names_indicator"]

PLACE_TAGS = ("ns", "nr", "nt")  # a place, person or body before the indicator scopes it, it is not its name
MODIFIER_TAGS = ("n", "vn", "j", "eng")


def asked_indicator(question: str, segmenter: Segmenter) -> list[str]:
    """The words that name the indicator ``question`` asks about: its word ending in ``率``/``浓度``/… and the
    noun just before it (``孕产妇`` ``死亡率``); a bare or generic end (``率``, ``比率``) is said with that noun
    (``污水处理率``, ``天数``). Empty when the question names no indicator."""
    tagged = [(w, f) for w, f in segmenter.tagged(question) if w.strip()]
    for i, (word, _) in enumerate(tagged):
        if not word.endswith(INDICATOR_ENDS):
            continue
        before, tag = tagged[i - 1] if i else ("", "")
        named = len(before) > 1 and tag.startswith(MODIFIER_TAGS) and not tag.startswith(PLACE_TAGS)
        modifier = before if named and not before.isascii() else ""
        if word in INDICATOR_ENDS:
            return [modifier + word] if modifier else []
        if word in GENERIC_NOUNS or word == "比率":
            return [modifier] if modifier else []
        return [w for w in (modifier, word) if w]
    return []


def names_indicator(ctx: Context, segmenter: Segmenter, text: str) -> bool:
    """Whether ``text`` names every word of the indicator ``ctx``'s question asks about (true when it names none)."""
    return all(ctx.evidence.holds(word, text) for word in asked_indicator(ctx.plain or ctx.q.text, segmenter))
