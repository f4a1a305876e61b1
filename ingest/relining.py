"""Line breaks back into a plan stored without them.

Some pages keep a whole plan as one run of text: ``…目标1.生产总值增长6%。责任单位：甲局2.…``. Every rule
downstream reads lines (headings, label lines, tables), so such a line is cut again before the heading marks
that number its items in order (``一、`` ``二、`` · ``（一）`` ``（二）`` · ``1.`` ``2.`` · ``（1）`` ``（2）``) and
before a responsibility label that follows a sentence or a bracket (``。责任单位：``).

The other way round, a label a copy left alone on its line inside an opened bracket (``（责任单位：`` with the units
on the next line, as documents converted run by run are stored) is joined to the next line that is not blank.

A mark inside an open quotation (``“三证合一、一窗受理”``) numbers nothing: the quoted words are one name.

A line is cut only when, after its start, it holds items numbered in order in at least two kinds of mark
(three marks in all): an ordinary paragraph with inline ``（1）…（2）…`` sub-items stays one paragraph.
"""

from __future__ import annotations

import re

from policykb.ingest.identity import DOC_NUMBER, RED_HEADER_ORGAN
from policykb.ingest.responsibility import LABEL

__all__ = ["reline"]

CN_DIGITS = "一二三四五六七八九十"
MARKS = (
    re.compile(rf"(?<![{CN_DIGITS}、第])(?P<n>[{CN_DIGITS}]{{1,3}})、"),
    re.compile(rf"[（(](?P<n>[{CN_DIGITS}]{{1,3}})[）)]"),
    re.compile(r"(?<![0-9.．（(])(?P<n>[0-9]{1,2})[.．、](?![0-9])"),
    re.compile(r"[（(](?P<n>[0-9]{1,2})[）)]"),
)
LABEL_AFTER = re.compile(rf"(?<=[。；;）)])(?={LABEL.pattern})")
OPEN_LABEL_ALONE = re.compile(rf"[（(]\s*(?:{LABEL.pattern})$")
"""A line that ends inside a duty bracket right after its label: ``…（责任单位：``."""
OPEN_TITLE_MARK = "《"
"""A line a page broke right after a book-title mark (``…及《`` / ``甲省人民政府关于…的通知》（文号）``): no paragraph
ends in an open title."""
OPEN_SHORT_NAME = re.compile(r"[（(](?:以下简称|以下称|下称|简称)$")
"""A line a page broke inside a citation's bracket, before the short name it gives the file (``…办法》(以下简称`` /
``《办法》)等有关规定，…``): no paragraph ends there."""
MIN_MARKS, MIN_KINDS = 3, 2
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
TASK_FIELD = r"(?:重点工作|工作任务|重点任务|主要任务|任务内容|目标任务|工作内容)\s*[:：]"
FIELD_ROW = re.compile(rf"^(?:(?P<task>{TASK_FIELD})|{LABEL.pattern})\s*\|\s*(?P<value>[^|]+?)\s*\|$")
"""A record written as ``label: | value |`` lines (``重点工作: | 128.统筹… |`` / ``牵头单位: | 市城管局 |``)."""
RED_HEADER_RUN = re.compile(
    rf"^(?P<head>{RED_HEADER_ORGAN}文件)(?P<number>{DOC_NUMBER.pattern})"
    r"(?P<title>[^。；;:：]{4,100}?的(?:通知|意见|决定|函|通报|批复))(?=各|[\u4e00-\u9fa5]{2,30}[:：])"
)
"""A 公文's head run together (red header, 文号, title, then whom it is sent to): each a line again."""


def _number(text: str) -> int:
    """``3`` → 3, ``三`` → 3, ``十二`` → 12, ``二十`` → 20; 0 for anything else."""
    if text.isdigit():
        return int(text)
    ones = "一二三四五六七八九"
    tens, ten, unit = text.rpartition("十")
    if not ten:
        return ones.index(text) + 1 if len(text) == 1 and text in ones else 0
    if len(tens) > 1 or len(unit) > 1 or (tens and tens not in ones) or (unit and unit not in ones):
        return 0
    return (ones.index(tens) + 1 if tens else 1) * 10 + (ones.index(unit) + 1 if unit else 0)


def _in_order(line: str, mark: re.Pattern[str]) -> list[int]:
    """Where ``mark`` numbers items in order (1, 2, 3 …; a new run may start at 1), after the line's start."""
    cuts, last = [], 0
    for match in mark.finditer(line):
        if _quoted(line, match.start()):
            continue
        n = _number(match.group("n"))
        if n == last + 1 or (n == 1 and last):
            cuts.append(match.start())
            last = n
    return [c for c in cuts if c > 0]


def _quoted(line: str, at: int) -> bool:
    """Whether ``at`` stands inside a quotation ``line`` opened before it and has not closed (``“三证合一、``)."""
    before = line[:at]
    return before.count(OPEN_QUOTE) > before.count(CLOSE_QUOTE)


def reline(text: str) -> str:
    """``text`` with each run-together line cut at its numbered items and responsibility labels (and a notice's
    head run into one line cut into its title, 文号, addressees and signature: :func:`notice_head`)."""
    lines = _labels_joined(text.split("\n"))
    lines = [*notice_head(lines[0]).split("\n"), *lines[1:]] if lines else lines
    return "\n".join(_reline(_field_row(line)) for line in lines)


RUN_NOTICE = re.compile(
    rf"^(?P<lead>{DOC_NUMBER.pattern})?(?P<notice>{RED_HEADER_ORGAN}关于(?P<handing>印发|转发|批转)?[^。；]{{4,120}}?的通知)"
    rf"(?P<number>{DOC_NUMBER.pattern})?(?P<addressees>各[^。；:：]{{2,80}}[:：])?"
)
"""A notice's head run into one line with what follows (``甲市人民政府办公室关于印发《乙措施》的通知甲政办发〔2025〕8号
各县(市、区)人民政府,各有关单位:《乙措施》已经…``, ``甲政发〔2009〕2号甲市人民政府关于…的通知各镇人民政府:为…``): a
notice that hands out no plan is read so only with its addressees after it."""
SIGNATURE = re.compile(
    rf"(?<=[,，。])(?P<organ>{RED_HEADER_ORGAN})(?P<day>\d{{4}}年\d{{1,2}}月\d{{1,2}}日)(?P<note>[（(]此件[^（）()]{{2,8}}[）)])?"
)
"""The notice's signature and day run into the line (``…已经市政府同意,甲市人民政府办公室2025年11月20日(此件公开
发布)``)."""
RUN_NOTICE_LEAST = 200  # characters: a first line this long that opens with a notice's title is a head run together


def notice_head(line: str) -> str:
    """A first line that runs a notice's title, 文号, addressees and signature into the plan (a page stored with no
    line breaks) cut into the lines a notice prints; any other line as it is."""
    head = RUN_NOTICE.match(line)
    if head is None or len(line) < RUN_NOTICE_LEAST or not (head.group("handing") or head.group("addressees")):
        return line
    parts = [head.group("lead") or "", head.group("notice"), head.group("number") or "", head.group("addressees") or ""]
    rest = line[head.end() :]
    signed = SIGNATURE.search(rest, 0, RUN_NOTICE_LEAST)
    if signed:
        parts += [rest[: signed.start()], signed.group("organ"), signed.group("day"), signed.group("note") or ""]
        rest = rest[signed.end() :]
    plan = re.search(r"《(?P<plan>[^《》]{4,120})》", head.group("notice"))
    if plan and rest.startswith(plan.group("plan")):  # the plan's own title over its text
        parts.append(plan.group("plan"))
        rest = rest[len(plan.group("plan")) :]
    return "\n".join(part.strip() for part in [*parts, rest] if part.strip())


def _field_row(line: str) -> str:
    """A ``label: | value |`` line as the plain line it stands for: the task itself, or ``牵头单位：市城管局``."""
    match = FIELD_ROW.match(line.strip())
    if not match:
        return line
    if match.group("task"):
        return match.group("value")
    return f"{match.group('label')}：{match.group('value')}"


def _labels_joined(lines: list[str]) -> list[str]:
    """``lines`` with each bracket label left alone at a line's end, each open book-title mark and each open bracket
    of a short name, joined to the next line that is not blank."""
    out: list[str] = []
    waiting = False
    for line in lines:
        if waiting and not line.strip():
            continue
        if waiting:
            out[-1] += line.strip()
        else:
            out.append(line)
        end = out[-1].rstrip()
        waiting = bool(OPEN_LABEL_ALONE.search(end) or OPEN_SHORT_NAME.search(end)) or end.endswith(OPEN_TITLE_MARK)
    return out


def _reline(line: str) -> str:
    head = RED_HEADER_RUN.match(line)
    if head:
        rest = line[head.end() :]
        return "\n".join([head.group("head"), head.group("number"), head.group("title"), _reline(rest)])
    runs = [cuts for cuts in (_in_order(line, mark) for mark in MARKS) if cuts]
    if len(runs) < MIN_KINDS or sum(len(c) for c in runs) < MIN_MARKS:
        return line
    cuts = sorted({c for run in runs for c in run} | {m.start() for m in LABEL_AFTER.finditer(line)} - {0})
    pieces = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)])]
    return "\n".join(p for p in pieces if p)
