"""The parts of a question that asks for several things.

``…是多少？激励目标是多少？`` (sentences that each ask), ``A和B分别是多少？`` (items asked the same thing),
``到2024年和2026年A分别是多少？`` (one indicator, several years) and ``A要达到多少？B呢？`` (a follow-up that takes
the first part's question and year).
"""

from __future__ import annotations

import re

from policykb.kb.lexicon import AMOUNT_ASKING_WORDS, THING_ASKING_WORDS, alternation
from policykb.kb.text import split_spans, split_top_level

__all__ = ["question_parts"]

ASKS = re.compile(rf"{alternation((*AMOUNT_ASKING_WORDS, *THING_ASKING_WORDS))}|几(?!乎)|谁|啥")
"""A sentence that asks: 多少, 什么, 哪, 几, 谁, and 啥 as officials say 什么 (``啥时候发布的？``)."""
WHEN = r"(?:到|至)?(?:\d{4}年(?:底|末)?|“?[一二三四五六七八九十]+五”?(?:时期|期间|末))"
TIME = re.compile(rf"^{WHEN}")
TIMES = re.compile(rf"(?<![比较和与及、]){WHEN}(?:(?:以及|和|与|及|、){WHEN})+")
"""Several years of one thing: ``到2024年底和到2026年``, ``2024年、2026年`` (not a baseline ``比2020年``)."""
WHEN_ANYWHERE = re.compile(rf"(?<![比较\d]){WHEN}")
LINKING = re.compile(r"(?:又|还|另外|同时)(?=要|需|应|必须|得|在|是|将)")
"""A word that links a later part to the one before (``B又要在何时…``): not what the part is about."""
RESPECTIVE = re.compile(r"分别|各自?(?=要|是|为|达到|多少|到|有|由)|都(?=由|是由|归)")
FOLLOW_UP = re.compile(r"^(?:那么?|而|还有)?(?P<what>.+?)的?呢[？?]?$")
"""A later sentence that names only another thing (``Y呢？``): it asks what the part before it asked."""
OWN_TIME = re.compile(r"目前|现在|当前|现状|今年|去年|明年|每年|年均|累计|期间|期末|以来|基期|基准")
"""Words by which a part names a time of its own (``目前是多少``): it does not take the first part's year."""
ASKED_TAIL = re.compile(rf"(?:{alternation(AMOUNT_ASKING_WORDS)}|几(?!乎)).*$")


def question_parts(question: str) -> list[str]:
    """The question's parts, each a question of its own; ``[question]`` when it asks one thing.

    Sentences that each ask (``…下降多少？力争达到多少？``) are parts, a follow-up ``Y呢？`` asking what the part
    before it asked; so are the years of ``到2024年和到2026年A分别…`` (``到2024年A…``, ``到2026年A…``) and the
    items of ``A和B分别…``, each with the rest of the question (``A多久修订一次``, ``B多久修订一次``).
    """
    asked = _asked_sentences(question)
    if len(asked) > 1:
        return [part for i, p in enumerate(asked) for part in _by_time(p if i == 0 else LINKING.sub("", p))]
    by_time = _by_time(question)
    if len(by_time) > 1:
        return by_time
    respective = RESPECTIVE.search(question)
    if respective is None:
        return [question]
    head, tail = question[: respective.start()], question[respective.end() :]
    cut = max(head.rfind("，"), head.rfind(","))
    lead, listed = head[: cut + 1], head[cut + 1 :]
    items = split_top_level(listed, "和、及与")
    if len(items) < 2:
        return [question]
    when = TIME.match(items[0])
    carried = [i if TIME.match(i) or when is None else f"{when.group(0)}{i}" for i in items[1:]]
    return [f"{lead}{item}{tail}" for item in [items[0], *carried]]


def _asked_sentences(question: str) -> list[str]:
    """The sentences of ``question`` that ask, a follow-up ``Y呢`` written out as the sentence before it asks; a
    later sentence that asks an amount and names no time of its own takes the first one's
    (``2021年A不低于多少？B不高于多少？``: B of 2021)."""
    parts: list[str] = []
    for sentence in _sentences(question):
        if ASKS.search(sentence):
            parts.append(_with_time(sentence, parts[0]) if parts else sentence)
            continue
        follow = FOLLOW_UP.match(sentence)
        if follow and parts:
            parts.append(_follow_up(parts[-1], follow.group("what")))
    return parts


def _sentences(question: str) -> list[str]:
    """The question's sentences; a trailing ``，Y呢`` is a sentence of its own (``A达到多少，B呢？``)."""
    out = []
    for s, e in split_spans(question, "？?；;"):
        sentence = question[s:e].strip()
        cut = max(sentence.rfind("，"), sentence.rfind(","))
        if cut > 0 and FOLLOW_UP.match(sentence[cut + 1 :]) and ASKS.search(sentence[:cut]):
            out.extend([sentence[:cut], sentence[cut + 1 :]])
        else:
            out.append(sentence)
    return [s for s in out if s.strip("，,？? ")]


def _with_time(part: str, first: str) -> str:
    """``part`` with the time the first part names, when it asks an amount and names no time of its own."""
    when = WHEN_ANYWHERE.search(first)
    if when is None or ASKED_TAIL.search(part) is None or WHEN_ANYWHERE.search(part) or OWN_TIME.search(part):
        return part
    return f"{when.group(0)}{part}"


def _follow_up(previous: str, what: str) -> str:
    """``Y呢`` after ``到2026年A要达到多少？``: ``到2026年Y是多少？`` (the year it carries unless it names its own);
    ``2030年呢`` asks the part before it of that year (``到2030年A要达到多少？``)."""
    said = WHEN_ANYWHERE.search(previous)
    if re.fullmatch(WHEN, what) and said is not None:
        to = said.group(0)[0] if said.group(0)[0] in "到至" and what[0] not in "到至" else ""
        return f"{previous[: said.start()]}{to}{what}{previous[said.end() :].rstrip('？?')}？"
    when = "" if WHEN_ANYWHERE.search(what) else "".join(m.group(0) for m in WHEN_ANYWHERE.finditer(previous))
    tail = ASKED_TAIL.search(previous.rstrip("？?，,"))
    asked = tail.group(0) if tail else "什么"
    return f"{when}{what}是{asked}？"


def _by_time(question: str) -> list[str]:
    """``到2024年底和到2026年A分别是多少`` → one question a year; ``[question]`` when it lists no years."""
    listed = TIMES.search(question)
    if listed is None or not ASKS.search(question):
        return [question]
    head, tail = question[: listed.start()], RESPECTIVE.sub("", question[listed.end() :], count=1)
    return [f"{head}{m.group(0)}{tail}" for m in re.finditer(WHEN, listed.group(0))]
