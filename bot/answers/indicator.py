"""The indicator a question asks about, and whether a clause names the same one.

``城镇登记失业率要控制在多少`` asks about ``失业率``; ``孕产妇死亡率要降到多少`` about ``孕产妇`` ``死亡率``. A
closest-match answer (``partial``) may lack a word the question says, but never the indicator: a clause that sets
``新增就业`` or ``婴儿死亡率`` does not answer it, and the plan sets no such figure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykb.bot.answers.context import Context
from policykb.bot.evidence import GENERIC_NOUNS
from policykb.kb.lexicon import INDICATOR_ENDS, SHARE_OF, SHARE_SCOPE, SHARE_WORDS, WHOLE_SHARE_WORDS
from policykb.kb.records import Target
from policykb.kb.segmenter import Segmenter

__all__ = [
    "asked_indicator",
    "later_subject",
    "names_indicator",
    "names_later_subject",
    "names_share_subject",
    "share_subject",
    "share_whole",
    "whole_implied",
]

PLACE_TAGS = ("ns", "nr", "nt")  # a place, person or body before the indicator scopes it, it is not its name
MODIFIER_TAGS = ("n", "vn", "j", "eng")
OWN_WHOLE = re.compile(r"占(?!比)")  # a clause that names the whole of its share: ``占能源消费总量比重``


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


@lru_cache(maxsize=256)  # of the question only, asked for every word and clause a target check weighs
def share_subject(question: str) -> str:
    """The thing whose share ``question`` asks: ``煤`` of ``煤在全部能源消费里的占比``, ``非化石能源`` of
    ``非化石能源占能源消费总量比重``, ``清洁能源`` of ``清洁能源的比重``; ``""`` when it asks no share (``秸秆要利用
    起来多大比例`` asks a rate, said in any words)."""
    found = [question.find(word) for word in SHARE_WORDS if word in question]
    if not found:
        return ""
    head = SHARE_SCOPE.sub("", re.split(r"[，。？！、；,?!;：:]", question[: min(found)])[-1])
    marks = [head.find(mark) for mark in SHARE_OF if head.find(mark) > 0]
    if marks:
        return head[: min(marks)]
    return head.removesuffix("的") if question[min(found) :].startswith(WHOLE_SHARE_WORDS) else ""


@lru_cache(maxsize=256)
def share_whole(question: str) -> str:
    """The whole a share question measures its thing against: ``能源消费总量`` of ``煤在能源消费总量里的占比``;
    ``""`` when it names none (``清洁能源的比重``)."""
    subject = share_subject(question)
    found = [question.find(word) for word in SHARE_WORDS if word in question]
    if not subject or not found:
        return ""
    head = re.split(r"[，。？！、；,?!;：:]", question[: min(found)])[-1]
    at = head.find(subject)
    rest = head[at + len(subject) :] if at >= 0 else ""
    return re.sub(r"(?:里|中|当中|之中)?的?$", "", rest.lstrip("".join(SHARE_OF)))


def whole_implied(question: str, word: str, clause: str) -> bool:
    """Whether ``word`` names only the whole of the share ``question`` asks, and ``clause`` states a share without
    a whole of its own (``煤炭消费比重下降到…`` is coal's share of all energy consumed): the whole is implied. A
    clause that names its whole (``占能源消费总量比重``) must say the asked one."""
    whole = share_whole(question)
    if not whole or word not in whole or word in share_subject(question):
        return False
    return OWN_WHOLE.search(clause) is None and any(w in clause for w in WHOLE_SHARE_WORDS)


def names_share_subject(ctx: Context, text: str, plans: str) -> bool:
    """Whether ``text`` names every thing whose share ``ctx``'s question asks, itself and not only inside its
    negation (``非化石能源`` does not name ``化石能源``); a thing only near in meaning (``煤`` to ``非化石能源``) is
    not named. The words that name the plans (``plans``: title, place, issuer) pick a plan, they need not be named.
    True when the question asks no share."""
    subject = share_subject(ctx.plain or ctx.q.text)
    words = (
        []
        if not subject
        else [
            w for w, _ in ctx.evidence.named() if w in subject and not w.isdigit() and not ctx.evidence.holds(w, plans)
        ]
    )  # a year (``到2026年…的占比``) is when, checked apart, not the thing whose share is asked
    return all(ctx.evidence.holds(word, said_not_negated(text, word, subject)) for word in words)


def said_not_negated(text: str, word: str, subject: str) -> str:
    """``text`` without its ``非word`` (``非化石`` does not say ``化石``), unless ``subject`` says ``非word`` itself."""
    negated = f"非{word}"
    return text if negated in subject else text.replace(negated, "")


CLAUSE_END = re.compile(r"[，,；;]")


def names_later_subject(ctx: Context, target: Target, plans: str) -> bool:
    """Whether a thing the question names is said in ``target``'s sentence only in a clause after the target's own
    (:func:`later_subject`); ``False`` when the sentence does not hold the target's clause as written."""
    at = target.sentence.find(target.clause) if target.clause else -1
    return at >= 0 and later_subject(ctx, target.sentence, at + len(target.clause), " ".join(target.path), plans)


def later_subject(ctx: Context, sentence: str, end: int, heading: str, plans: str) -> bool:
    """Whether a thing the question names is said in ``sentence`` only in a clause after the one that ends the
    figure at ``end`` (``…森林覆盖率达到30%，湿地面积保持稳定`` asked as 湿地面积要达到多少): that later clause has a
    subject of its own, so the figure is not that thing's. A thing said before the figure (a subject shared by
    several figures, ``农村污水收集率达85%、处理率达70%``), in the figure's own clause or in its ``heading`` is the
    figure's; the words that name the plans do not count."""
    cut = CLAUSE_END.search(sentence, end) if end >= 0 else None
    if cut is None:
        return False
    own, later = f"{heading} {sentence[: cut.start()]}", sentence[cut.end() :]
    return any(
        ctx.evidence.holds(word, later) and not ctx.evidence.holds(word, own)
        for word, _ in ctx.evidence.named()
        if not word.isdigit() and not ctx.evidence.holds(word, plans)
    )
