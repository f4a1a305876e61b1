"""What a thing is to become: ``…要把县城打造成啥样？``, ``最后要把甲市建成个啥？`` asks the goal a plan states in
words (``以建设“A城、B市”为目标``, ``将甲市建成…的中心城市``, ``全力铸造…的县城``). Such a question names nothing
beyond its plan but the verb of becoming, so any sentence of the plan covers it; only one that says what the thing
becomes answers it (a notice line that the plan was passed does not)."""

from __future__ import annotations

import re
from collections.abc import Callable

from policykb.bot.evidence import BECOMING_ASKED
from policykb.kb.lexicon import BECOMING_VERBS, alternation

__all__ = ["asks_becoming", "becoming_kept", "says_becoming"]

BECOMING_SAID = re.compile(rf"{alternation(BECOMING_VERBS)}|以[^，。；]{{2,40}}为(?:总体)?目标")
"""A sentence saying what a thing becomes: ``建成…``, ``打造成…``, ``成为…``, ``以建设…为目标``."""


def asks_becoming(question: str) -> bool:
    """Whether ``question`` asks what a thing is to become."""
    return BECOMING_ASKED.search(question) is not None


def says_becoming(sentence: str) -> bool:
    """Whether ``sentence`` says what a thing becomes."""
    return BECOMING_SAID.search(sentence) is not None


def becoming_kept(question: str, keep: Callable[[str], bool] | None) -> Callable[[str], bool] | None:
    """``keep`` (which sentences may answer), without those that say nothing becomes anything when ``question``
    asks what a thing is to become."""
    if not asks_becoming(question):
        return keep
    return lambda sentence: (keep is None or keep(sentence)) and says_becoming(sentence)
