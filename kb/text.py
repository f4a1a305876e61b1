"""Pure text helpers shared by ingest and the query side: sentences, heading numbers, quantities, plan years.

Nothing here reads a record or a model; ingest parses with these, and the answerer reads questions
and records with the same rules, so both sides agree on what a sentence, a heading or a quantity is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from policykb.kb.lexicon import TARGET_UNITS, alternation

# -- sentences ------------------------------------------------------------------------------
OPENERS = {"（": "）", "(": ")", "［": "］", "[": "]", "【": "】", "“": "”", "《": "》", "〔": "〕"}
CLOSERS = {v: k for k, v in OPENERS.items()}
SENTENCE_END = "。；！？!?;"


DASH_ITEM = re.compile(r"[ \t\u3000]*(?:——|－－|--|[一二三四五六七八九十]{1,2}是(?![的否]))")
"""A paragraph that opens with a dash or an ordinal ``一是``/``二是``: one item of a list of goals under a lead
paragraph that may set their year (``到2020年，全市…。`` · ``——创新能力显著增强。…比重达到2.5%``; ``到2023年，…。`` ·
``一是基础设施进一步完善。…节点达到120个以上。``)."""


@lru_cache(maxsize=32)
def _marks(delimiters: str) -> re.Pattern[str]:
    """The characters that matter to :func:`split_spans`; every other character is skipped at C speed."""
    return re.compile("[" + re.escape("".join(sorted({*OPENERS, *CLOSERS, *delimiters, "\n"}))) + "]")


def split_spans(text: str, delimiters: str = SENTENCE_END, start: int = 0) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` spans of ``text`` ending at a delimiter outside brackets.

    A line break always ends a span. Offsets are shifted by ``start``.
    """
    depth = 0
    begin = 0
    for match in _marks(delimiters).finditer(text):
        i, ch = match.start(), match.group()
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        if ch == "\n" or (ch in delimiters and depth == 0):
            end = i if ch == "\n" else i + 1
            if text[begin:end].strip():
                yield start + begin, start + end
            begin = i + 1
            depth = 0
    if text[begin:].strip():
        yield start + begin, start + len(text)


TITLED_RUN = re.compile(r"《[^《》\n]+》(?:《[^《》\n]+》)+")
"""Items each in book-title marks, one after another: the measures a 政策解读 lists (《新增就业2000人》《建成…》)."""


def split_items(text: str, delimiters: str = SENTENCE_END, start: int = 0) -> Iterator[tuple[int, int]]:
    """:func:`split_spans`, with each item of a run of titled items (``…包括《A》《B》《C》…``) a span of its own
    (its words without the marks): each item states its own target, as a sentence would."""
    for s, e in split_spans(text, delimiters, start):
        piece, at = text[s - start : e - start], s
        for run in TITLED_RUN.finditer(piece):
            if piece[: run.start()].strip():
                yield at, at + len(piece[: run.start()])
            for item in re.finditer(r"《([^《》]+)》", run.group(0)):
                yield at + run.start() + item.start(1), at + run.start() + item.end(1)
            piece, at = piece[run.end() :], at + run.end()
            break  # one run a span: the rest is read below as it stands
        if piece.strip():
            yield at, at + len(piece)


def split_top_level(text: str, delimiters: str) -> list[str]:
    """Split ``text`` at delimiters that stand outside any bracket; drop empty parts."""
    return [
        text[s:e].rstrip(delimiters).strip()
        for s, e in split_spans(text, delimiters)
        if text[s:e].rstrip(delimiters).strip()
    ]


# -- heading numbers --------------------------------------------------------------------------
CN_NUM = "一二三四五六七八九十百零〇"
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{CN_NUM}]+[、．.](?=\S)")),
    (2, re.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    (3, re.compile(r"^\d{1,3}[．.、](?!\d)")),  # up to 190 items in a 分解 of a 政府工作报告
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)

ARTICLE_HEAD = re.compile(rf"^第[{CN_NUM}\d]+[章节条部分篇]")
"""A chapter's or article's heading (``第一章 总则``, ``第三条 工作目标``): a part of a document, never its title."""


def heading_number_end(line: str) -> int:
    """Where the number of a numbered line (``一、`` ``（一）`` ``1.`` ``（1）``) ends; 0 when it has none."""
    for _, pattern in HEADING_PATTERNS:
        match = pattern.match(line)
        if match:
            return match.end()
    return 0


def heading_title(heading: str) -> str:
    """The heading without its number: ``（四）交通物流节能减排工程`` → ``交通物流节能减排工程``."""
    for _, pattern in HEADING_PATTERNS:
        match = pattern.match(heading)
        if match:
            return heading[match.end() :].strip()
    return heading


# -- quantities and years -------------------------------------------------------------------
QUANTITY = re.compile(rf"(?<![A-Za-z\d.])(?P<num>\d+(?:\.\d+)?)(?P<unit>{alternation(TARGET_UNITS)})?(?![\d.])")
APPROX_QUANTITY = re.compile(
    rf"(?<![A-Za-z\d.])(?P<num>\d+(?:\.\d+)?)(?:[余多](?={alternation(TARGET_UNITS)}))?"
    rf"(?P<unit>{alternation(TARGET_UNITS)})?(?![\d.])"
)
""":data:`QUANTITY` with a round amount's ``余``/``多`` before its unit (``3200余人``, ``5600多万元``, ``30多项``): a
figure a plan reports, which the answerer reads (the target extractor reads :data:`QUANTITY`, what a plan sets)."""
RATIO = re.compile(r"(?<![\d.:：∶])\d+(?:\.\d+)?(?:(?:[:：∶]|比)\d+(?:\.\d+)?){1,2}(?![\d.:：∶])")
"""Two or three numbers joined by ``:``/``∶``/``比`` (``2.6比1``, ``1:15``, ``6:42:52``): a ratio when a verb or
the word of the ratio comes before it, not a clock time (``10:38``)."""


CN_ZEROS = "〇○零0OＯ０"
"""The zero of a year in Chinese numerals, and what pages type for it: a digit or a letter O (``二00七年``,
``二OO九年``)."""
CN_YEAR_FIGURES = (
    rf"[一二](?=[{CN_ZEROS}一二三四五六七八九]{{0,2}}[〇○零一二三四五六七八九])[{CN_ZEROS}一二三四五六七八九]{{3}}"
)
CN_YEAR = re.compile(rf"{CN_YEAR_FIGURES}(?=年)")
"""A year written in Chinese numerals (``二〇二三年``), as a party committee's or an older title writes it; at least
one of its last three figures is written as a Chinese one (``二000年`` is no such year, ``二00七年`` is)."""


def arabic_years(text: str) -> str:
    """``text`` with its years in Chinese numerals written in digits (``二〇二三年`` → ``2023年``)."""
    digits = str.maketrans(CN_ZEROS + "一二三四五六七八九", "0" * len(CN_ZEROS) + "123456789")
    return CN_YEAR.sub(lambda m: m.group(0).translate(digits), text)


NUMERAL_DAY = re.compile(
    rf"(?P<y>{CN_YEAR_FIGURES})年(?P<m>十[一二]?|[一二三四五六七八九])月"
    r"(?P<d>[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])日"
)
"""A day written in Chinese numerals, as a provincial office signs a 公文 (``二○一二年七月四日``)."""


def arabic_day(text: str) -> str:
    """``二○一二年七月四日`` → ``2012年7月4日`` when ``text`` is such a day and nothing else, else ``""``."""
    found = NUMERAL_DAY.fullmatch(text.strip())
    if not found:
        return ""
    return f"{arabic_years(found['y'] + '年')}{_small_numeral(found['m'])}月{_small_numeral(found['d'])}日"


def _small_numeral(numeral: str) -> int:
    """``四`` → 4, ``十`` → 10, ``十二`` → 12, ``二十三`` → 23 (a month or a day)."""
    ones = "一二三四五六七八九"
    tens, _, unit = numeral.rpartition("十") if "十" in numeral else ("", "", numeral)
    value = (ones.index(tens) + 1 if tens else 1) * 10 if "十" in numeral else 0
    return value + (ones.index(unit) + 1 if unit else 0)


@lru_cache(maxsize=65536)  # of titles: asked of every plan's title for each plan a question compares
def annual_year(title: str) -> str:
    """The year of an annual plan (``2024年政府工作报告…``, ``关于做好二〇二三年…工作的意见``), ``""`` for
    multi-year or undated titles."""
    title = arabic_years(title)
    years = re.findall(r"(?<![\d—\-－至~])(\d{4})年(?![\d]*[—\-－至~])", title)
    ranged = re.search(r"\d{4}\s*[—\-－至~]+\s*\d{4}", title)
    return years[0] if len(set(years)) == 1 and not ranged else ""
