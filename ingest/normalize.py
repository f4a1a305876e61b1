"""Whitespace normalisation that keeps meaning.

Full-width spaces, tabs and no-break spaces become ordinary spaces; spaces between
Chinese characters (layout, not meaning) are dropped; brackets and quotes
(［］（）“”〔〕) are kept exactly as they are (their small forms ﹝﹞﹙﹚ read as 〔〕（）), and joint
issuers written side by side (``甲市发改委 甲市民政局 关于…``) keep a ``、`` between them. Blank lines are
removed and each line is stripped, so lines are paragraphs. A copy in traditional script is read in simplified
characters first (ingest/script.py), since every rule downstream is written in simplified ones; a copy glossed
with pinyin after its characters is read without the glosses (ingest/pinyin.py).
"""

from __future__ import annotations

import re

from policykb.ingest.layout import plain_ideographs
from policykb.ingest.pinyin import without_pinyin_glosses
from policykb.ingest.script import to_simplified
from policykb.kb.lexicon import ISSUER_NAME_ENDS, JOINT_SIGNER_ENDS, alternation

_SPACES = re.compile(r"[\u3000\u00a0\u2002\u2003\u2009\t\f\v ]+")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2018-\u201d"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\ufeff]")
_SMALL_BRACKETS = str.maketrans(
    {"\ufe5d": "〔", "\ufe5e": "〕", "\ufe59": "（", "\ufe5a": "）", "\u2e3a": "——", "\u2e3b": "———"}
)
"""The small forms of brackets some sites write a 文号 with (``国发﹝2022﹞5号``, ``〔2022﹞``) as the full ones, so a
bracket opened with one form closes with the other. A two-em dash ``⸺`` (a browser's PDF gives ``——`` back so) reads
as the two dashes it is, so a ``——`` item opens as in the text."""


_ORGAN = re.compile(rf"[\u4e00-\u9fff]{{2,30}}(?:{alternation((*ISSUER_NAME_ENDS, *JOINT_SIGNER_ENDS))})")
"""A whole name of an issuing body: 甲市发展和改革委员会, 中共甲市委社会工作部."""


def _joint_issuers(line: str) -> str:
    """Joint issuers written side by side with spaces (``甲市发改委 甲市民政局 关于印发…``) joined by ``、``.

    Only a run of two or more whole organ names that fills the line, or the part of it before ``关于``.
    """
    head, about, tail = line.partition("关于")
    names = head.split()
    if len(names) >= 2 and all(_ORGAN.fullmatch(name) for name in names):
        return "、".join(names) + about + tail
    return line


def normalize_text(text: str) -> str:
    """Normalised text: one paragraph per line, no blank lines."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).translate(_SMALL_BRACKETS)
    text = to_simplified(plain_ideographs(without_pinyin_glosses(text)))
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^#{1,6} +", "", _SPACES.sub(" ", line).strip())
        line = _SPACE_NEAR_CJK.sub("", _joint_issuers(line))
        if line:
            lines.append(line)
    return "\n".join(lines)
