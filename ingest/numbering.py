"""Word's automatic list numbers written out: a heading numbered by Word (``一、`` ``（一）`` ``1.``)
has no number in its text, so the number is rebuilt from ``numbering.xml`` (level format and text,
start value) and counted paragraph by paragraph, as Word shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_CHINESE = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
            "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified"}  # fmt: skip


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class ListNumbers:
    """The numbering definitions of one document and the running counts of its lists."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → level → format
    counts: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> ListNumbers:  # noqa: ANN001 - docx.Document
        """The numbering of a python-docx document (empty when it has none)."""
        numbers = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbers
        abstract = {a.get(_W + "abstractNumId"): _levels(a) for a in root.iterfind(_W + "abstractNum")}
        for num in root.iterfind(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                numbers.levels[num.get(_W + "numId", "")] = dict(abstract.get(ref.get(_W + "val"), {}))
        return numbers

    def label(self, paragraph, style=None) -> str:  # noqa: ANN001 - w:p and w:style elements
        """The number Word shows before this paragraph (``""`` when it has none), its own or its
        style's; counts it."""
        num_id, level = _num_pr(paragraph)
        if num_id is None and style is not None:
            num_id, level = _num_pr(style)
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels:
            return ""
        counts = self.counts.setdefault(num_id, {})  # type: ignore[arg-type]
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        text = levels[level].text
        for lvl, spec in levels.items():
            value = counts.get(lvl, spec.start)
            text = text.replace(f"%{lvl + 1}", _format(value, spec.fmt))
        return text


def _levels(abstract) -> dict[int, _Level]:  # noqa: ANN001
    out: dict[int, _Level] = {}
    for lvl in abstract.iterfind(_W + "lvl"):
        spec = _Level()
        for name, attr in (("start", "start"), ("numFmt", "fmt"), ("lvlText", "text")):
            node = lvl.find(_W + name)
            if node is not None and node.get(_W + "val") is not None:
                value = node.get(_W + "val")
                setattr(spec, attr, int(value) if attr == "start" and value.isdigit() else value)
        out[int(lvl.get(_W + "ilvl", "0"))] = spec
    return out


def _num_pr(paragraph) -> tuple[str | None, int]:  # noqa: ANN001
    ppr = paragraph.find(_W + "pPr")
    num_pr = ppr.find(_W + "numPr") if ppr is not None else None
    if num_pr is None:
        return None, 0
    num_id, level = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
    return (
        num_id.get(_W + "val") if num_id is not None else None,
        int(level.get(_W + "val", "0")) if level is not None else 0,
    )


def _format(value: int, fmt: str) -> str:
    if fmt in _CHINESE:
        return chinese_number(value)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalEnclosedCircleChinese" or fmt == "decimalEnclosedCircle":
        return chr(0x2460 + value - 1) if 1 <= value <= 20 else str(value)
    if fmt == "none":
        return ""
    return str(value)


def chinese_number(value: int) -> str:
    """``1 → 一``, ``10 → 十``, ``12 → 十二``, ``21 → 二十一``, ``105 → 一百零五``."""
    if value <= 0 or value >= 1000:
        return str(value)
    hundreds, tens, ones = value // 100, value // 10 % 10, value % 10
    out = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_DIGITS[ones] if ones else "")
