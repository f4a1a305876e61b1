"""A part of a place a question asks about (农村, 城区, 开发区): a figure for the whole place is not that part's.

``宜春市农村的单位生产总值能耗要下降多少？`` asks of the countryside of a city. A clause that names the part answers
it; a clause of the whole place (``全市单位生产总值能耗下降15.5%``) is given only with a caution that it is the whole's
figure (``partial``) when the plan speaks of that part at all, and the question is refused when it never does.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykb.bot.answers.finding import Finding
from policykb.kb.lexicon import POLLUTANT_MEDIA, SUB_AREAS, TOWNS, alternation
from policykb.kb.records import DocumentRecord
from policykb.prompts.library import Phrases

__all__ = ["asked_part", "counted_whole", "of_other_place", "part_unwritten", "within_part", "without_part"]

PART = re.compile(rf"(?:^|[省市县区州旗盟在])({alternation(SUB_AREAS)})(?:的|里|中|内)")
"""A part said as where the question asks: after the place (or opening the question once the place is set aside),
before ``的``/``里``/``中``/``内``: ``农村的``, ``市城区里``, ``在开发区内``; never inside a term (``农村生活污水``)."""

QUOTED = ("依据", "方案原文")  # lines quoting the whole sentence a figure is read from
PLACE_END = re.compile(r"(?<=[\u4e00-\u9fa5])(?:自治县|县|市|区|旗)(?=的)")
"""Where a place's name ends as the subject of its own clause (``白沙县的…``, ``青柳市的…``): a phrase such as
``市对县区级政府`` names no place."""
PLACE_NAME_LENGTHS = (3, 4, 5)  # 甲乙县 … 甲乙丙自治县: the lengths a county's or district's name is written in


def asked_part(question: str) -> str:
    """The part of a place ``question`` asks about, or ``""``."""
    found = PART.search(question)
    return found.group(1) if found else ""


def without_part(question: str, part: str) -> str:
    """``question`` asked of the whole place: without the ``part`` and the word after it (``农村的``)."""
    return re.sub(rf"{re.escape(part)}(?:的|里|中|内)", "", question, count=1)


def within_part(
    finding: Finding | None, part: str, documents: dict[str, DocumentRecord], phrases: Phrases
) -> Finding | None:
    """``finding`` for the ``part`` asked: as it is when its lines name the part; the whole place's figure with a
    caution (``partial``) when the plans it cites name the part elsewhere; ``None`` (a refusal) when they never do,
    or when its lines name another part (``农村的…`` answered by ``县级以上城市…``: the towns', not the whole's)."""
    said = "".join(finding.lines) if finding is not None else ""
    if finding is None or not part or part in said:
        return finding
    stated = "".join(line for line in finding.lines if not line.strip().startswith(QUOTED))  # the figure
    if any(other in stated for other in (*SUB_AREAS, *TOWNS) if other not in part):
        return None  # another part's figure (县级以上城市…, 城区…), not the whole place's
    plans = {chunk.doc_id for chunk in finding.cited}
    if not any(part in documents[i].text for i in plans if i in documents):
        return None
    return replace(finding, lines=[phrases("clause.whole_only", part=part), *finding.lines], confidence="partial")


def part_unwritten(finding: Finding | None, question: str, documents: dict[str, DocumentRecord]) -> Finding | None:
    """``finding``, unless the question names a part of the place (``农村生活垃圾分类覆盖率``, ``乡镇集中式饮用水源``)
    that no plan it cites ever writes: the plans set nothing for that part, and the whole's or another part's figure
    is not its figure (``None``, a refusal)."""
    if finding is None or not finding.cited:
        return finding
    texts = [_unbracketed(documents[c.doc_id].text) for c in finding.cited if c.doc_id in documents]
    parts = [part for part in SUB_AREAS if part in question]
    return None if texts and any(all(part not in text for text in texts) for part in parts) else finding


BRACKETED = re.compile(r"[（(][^（）()]{1,8}[)）]")
"""A short bracket inside a name (``县(市、区)城市管理``): the text says the name without it too (``县城市管理``)."""


def _unbracketed(text: str) -> str:
    """``text``, and after it the same text without its short brackets, and with each bracket's first name joined
    to the word before it (``乡(镇、街道)`` names ``乡镇``)."""
    if "(" not in text and "（" not in text:
        return text
    joined = BRACKETED.sub(lambda m: re.split(r"[、,，]", m.group(0)[1:-1])[0], text)
    return f"{text}\n{BRACKETED.sub('', text)}\n{joined}"


def of_other_place(finding: Finding | None, question: str, documents: dict[str, DocumentRecord]) -> Finding | None:
    """``finding``, unless the question asks of a place within its plan (``…中白沙县的…``) that its lines never name
    while they name another such place as its clause's subject (``青柳市的…不高于30微克``): that figure is the
    other place's, and the plan gives none for the one asked (``None``, a refusal). A place counts when the plan's
    text writes it and it is not the plan's own (its title, place or issuer), nor a part such as 城区."""
    if finding is None or not finding.cited:
        return finding
    doc = documents.get(finding.cited[0].doc_id)
    if doc is None:
        return finding
    said = "".join(finding.lines)
    asked = _places_in(question, doc)
    if not asked or any(place in said for place in asked):
        return finding
    others = [place for place in _places_in(said, doc) if place not in question]
    return None if others else finding


def _places_in(text: str, doc: DocumentRecord) -> set[str]:
    """The places within ``doc`` that ``text`` names: names ending as a county's, city's or district's do, that the
    plan's text writes too, none of them the plan's own place nor a part of a place (城区, 开发区)."""
    own = f"{doc.title} {doc.place} {doc.authority}"
    found = set()
    for end in PLACE_END.finditer(text):
        for length in PLACE_NAME_LENGTHS:
            start = end.end() - length
            name = text[max(start, 0) : end.end()]
            if start < 0 or not re.fullmatch(r"[\u4e00-\u9fa5]+", name) or name not in doc.text:
                continue
            if name in own or (doc.place and name[:2] == doc.place[:2]) or name.endswith((*SUB_AREAS, *TOWNS)):
                continue
            found.add(name)
            break
    return found


def counted_whole(finding: Finding | None, found_in: str, phrases: Phrases) -> Finding | None:
    """``finding`` for a pollutant asked where it is found (``工业里的氮氧化物``, ``found_in``): a plan's figure counts
    the pollutant whole, so it is given as ``partial`` with that caution, unless its lines name where."""
    if finding is None or not found_in or found_in in "".join(finding.lines):
        return finding
    if all(where in POLLUTANT_MEDIA for where in found_in.split("、")):
        return finding  # 空气里的细颗粒物: the medium it is counted in, not a source or a part
    return replace(finding, lines=[phrases("clause.whole_count", part=found_in), *finding.lines], confidence="partial")
