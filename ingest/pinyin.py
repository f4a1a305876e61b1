"""Pinyin glosses that copied pages put after characters, taken out.

Some sites that copy plans add the pinyin of characters in brackets after them, with or without tone marks
and sometimes several in a row: ``桐(tong)溪县农(nong)业局``, ``落实(shí )``, ``青(qing)(qing)(qing)禾``. The
glosses break every word they fall into (titles, issuers, 文号), so a page that carries many of them is read
without them. A page with only a few bracketed syllables keeps them (a unit such as ``(ha)`` is not a gloss).
"""

from __future__ import annotations

import re

__all__ = ["without_pinyin_glosses"]

_VOWELS = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWELS}]{{1,3}}(?:ng|n|r)?"
GLOSSES = re.compile(rf"(?<=[\u4e00-\u9fff])(?:[（(]{_SYLLABLE} ?[)）])+")
"""One or more bracketed pinyin syllables right after a character."""
MIN_GLOSSES = 5  # a page glossed throughout, not a bracketed syllable or two
MIN_SYLLABLES = 3  # … of several different syllables


def without_pinyin_glosses(text: str) -> str:
    """``text`` without the pinyin glosses after its characters, when it carries enough of them to be a glossed
    copy; otherwise unchanged."""
    found = GLOSSES.findall(text)
    syllables = {re.sub(r"[()（） ]", "", g) for g in found}
    if len(found) < MIN_GLOSSES or len(syllables) < MIN_SYLLABLES:
        return text
    return GLOSSES.sub("", text)
