"""Whitespace normalisation that keeps meaning.

Full-width spaces, tabs and no-break spaces become ordinary spaces; spaces between
Chinese characters (layout, not meaning) are dropped; brackets and quotes
(［］（）“”〔〕) are kept exactly as they are. Blank lines are removed and each line
is stripped, so lines are paragraphs. A copy in traditional script is read in simplified
characters first (ingest/script.py), since every rule downstream is written in simplified ones.
"""

from __future__ import annotations

import re

from policykb.ingest.script import to_simplified

_SPACES = re.compile(r"[\u3000\u00a0\u2002\u2003\u2009\t\f\v ]+")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2018-\u201d"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\ufeff]")


def normalize_text(text: str) -> str:
    """Normalised text: one paragraph per line, no blank lines."""
    text = to_simplified(_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^#{1,6} +", "", _SPACES.sub(" ", line).strip())
        line = _SPACE_NEAR_CJK.sub("", line)
        if line:
            lines.append(line)
    return "\n".join(lines)
