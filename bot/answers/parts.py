"""The parts of a question that asks for several things: ``…是多少？激励目标是多少？``, ``A和B分别是多少？``."""

from __future__ import annotations

import re

from policykb.kb.lexicon import AMOUNT_ASKING_WORDS, THING_ASKING_WORDS, alternation
from policykb.kb.text import split_spans, split_top_level

__all__ = ["question_parts"]

ASKS = re.compile(rf"{alternation((*AMOUNT_ASKING_WORDS, *THING_ASKING_WORDS))}|几(?!乎)")
TIME = re.compile(r"^(?:到|至)?(?:\d{4}年(?:底|末)?|“?[一二三四五六七八九十]+五”?(?:时期|期间|末))")
LINKING = re.compile(r"(?:又|还|另外|同时)(?=要|需|应|必须|得|在|是|将)")
"""A word that links a later part to the one before (``B又要在何时…``): not what the part is about."""
RESPECTIVE = re.compile(r"分别|各自?(?=要|是|为|达到|多少|到|有)")


def question_parts(question: str) -> list[str]:
    """The question's parts, each a question of its own; ``[question]`` when it asks one thing.

    Sentences that each ask (``…下降多少？力争达到多少？``) are parts; so are the items of ``A和B分别…``,
    each with the rest of the question (``A多久修订一次``, ``B多久修订一次``).
    """
    asked = [question[s:e].strip() for s, e in split_spans(question, "？?；;")]
    asked = [p for p in asked if ASKS.search(p)]
    if len(asked) > 1:
        return [asked[0], *(LINKING.sub("", p) for p in asked[1:])]
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
