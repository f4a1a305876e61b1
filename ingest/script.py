"""Plans copied in traditional characters are read in simplified ones.

Many public copies of mainland plans are served through big5 mirrors or wiki sites in traditional
script (`牽頭單位：省發展改革委；責任單位：…`). Every rule of the parser, the unit lexicon and the
questions are written in simplified characters, so such a copy would yield no task, unit or title.
A text is converted (OpenCC ``t2s``, phrase-aware: 顯著 → 显著, 乾燥 → 干燥) only when it is clearly
written in traditional script; a simplified text is returned unchanged, so its stray variant
characters (乾坤, 著作) stay as written.
"""

from __future__ import annotations

import re
from functools import cache

_HAN = re.compile(r"[\u4e00-\u9fff]")
PINYIN_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*|[a-zü]{1,6}[1-5])\)")
"""The reading a mirror page writes after a character (``據(jù)``, ``責(zé)任單位``, ``建設(shè)``): a pinyin syllable
with its tone mark (or tone digit) in half-width brackets, right after a Han character. An English word or a
number in brackets (``(PPP)``, ``(2023)``) has no tone mark and stays."""
TRADITIONAL_SHARE = 0.03
"""Share of Han characters that must change before a text counts as traditional script.

Simplified plans change well under 1 % (a rare 於 or 乾 in a name); a traditional copy changes
15-30 % (單位, 發展, 關於, 實施, 責任)."""


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text in simplified characters when it is written in traditional script, else unchanged; readings a
    mirror page writes after its characters are dropped either way."""
    text = PINYIN_NOTE.sub("", text)
    han = len(_HAN.findall(text))
    if not han:
        return text
    converted = _converter().convert(text)
    changed = sum(1 for a, b in zip(text, converted) if a != b)  # t2s keeps length; a rare shift only adds
    return converted if changed / han >= TRADITIONAL_SHARE else text
