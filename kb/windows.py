"""Windows of time a ledger is read in: a span of dates (本月、本季度、下半年、2024年、2024年6月底前), overdue on a
day, or standing (ongoing, recurring).

:func:`window_of` reads the window a question names, relative to a day it is given (``today``: never the
clock); :func:`named_window` builds the page's and the API's windows (已逾期、本月、本季度、本年、长期).
``截至2024年3月`` sets the day overdue is judged on to the end of that month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from policykb.ingest.duedates import DATED, ONGOING_STATUS, RECURRING, month_end
from policykb.kb.lexicon import RECURRING_ASKED_WORDS, alternation

__all__ = ["NAMED_WINDOWS", "Window", "as_of_in", "named_window", "parse_day", "window_of"]

STANDING = "standing"  # ongoing or recurring
NAMED_WINDOWS = ("已逾期", "本月", "本季度", "本年", "长期")

OVERDUE = re.compile(
    r"逾期|超期|过期|超过了?.{0,6}(?:时限|期限)|已?经?过了.{0,6}(?:时限|期限|截止)|未按期|已到期|到期未"
)
ONGOING_ASKED = re.compile(r"持续推进|长期坚持|长期推进|持续开展|长期性|常态化|长期(?:的|任务|工作|事项)")
RECURRING_ASKED = re.compile(alternation(RECURRING_ASKED_WORDS))
AS_OF = re.compile(
    r"(?:截至|截止到?|到|至)\s*(?P<y>(?:19|20)\d{2})年(?:(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[0-3]?\d)日)?|(?P<end>底|末))?"
)
BY_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})年(?:(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[0-3]?\d)日)?(?P<me>底|末)?|(?P<ye>底|末))?(?:前|以前|之前)"
)
SPAN = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})年|(?P<rel>今年|本年|明年|去年|年内|本年度|今年内))?"
    r"(?:(?P<half>上半年|下半年)|第?(?P<q>[一二三四1-4])季度|(?P<m>1[0-2]|0?[1-9])月份?)?"
)
THIS_MONTH = re.compile(r"本月|这个月|当月")
THIS_QUARTER = re.compile(r"本季度|这个季度|当季")
QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


@dataclass(frozen=True)
class Window:
    """Dates from ``start`` to ``end`` (either open), or a standing kind (``ongoing``, ``recurring``, ``standing``)."""

    label: str
    start: date | None = None
    end: date | None = None
    kind: str = DATED
    as_of: date | None = None  # for overdue: the day it is judged on

    def holds(self, status: str, due: date | None) -> bool:
        """Whether a milestone of ``status`` due on ``due`` falls in the window."""
        if self.kind != DATED:
            return status == self.kind or (self.kind == STANDING and status in (ONGOING_STATUS, RECURRING))
        if status != DATED or due is None:
            return False
        return (self.start is None or due >= self.start) and (self.end is None or due <= self.end)

    @property
    def overdue(self) -> bool:
        return self.as_of is not None


def overdue_window(as_of: date) -> Window:
    """Milestones due before ``as_of``."""
    return Window(f"截至{as_of:%Y-%m-%d}已逾期", end=as_of - timedelta(days=1), as_of=as_of)


def named_window(name: str, today: date) -> Window | None:
    """The page's and the API's windows by name: 已逾期、本月、本季度、本年、长期 (``全部`` or ``""``: none)."""
    if name in ("", "全部"):
        return None
    if name == "已逾期":
        return overdue_window(today)
    if name == "本月":
        return Window("本月", date(today.year, today.month, 1), month_end(today.year, today.month))
    if name == "本季度":
        first = (today.month - 1) // 3 * 3 + 1
        return Window("本季度", date(today.year, first, 1), month_end(today.year, first + 2))
    if name == "本年":
        return Window("本年", date(today.year, 1, 1), date(today.year, 12, 31))
    if name == "长期":
        return Window("长期", kind=STANDING)
    raise ValueError(f"时间范围应为 {'、'.join(NAMED_WINDOWS)} 之一：{name}")


def parse_day(text: str) -> date:
    """An ISO day (``2024-03-31``); a message in Chinese when it is not one."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def as_of_in(text: str, today: date) -> date:
    """The day a question judges overdue on: ``截至2024年3月`` → 2024-03-31, ``截至2024年3月15日`` → that day;
    else ``today``."""
    match = AS_OF.search(text)
    if not match:
        return today
    year = int(match["y"])
    if match["m"]:
        month = int(match["m"])
        return date(year, month, int(match["d"])) if match["d"] else month_end(year, month)
    return date(year, 12, 31)


def window_of(text: str, today: date) -> Window | None:
    """The window a question names, relative to ``today``; ``None`` when it names none."""
    if OVERDUE.search(text):
        return overdue_window(as_of_in(text, today))
    if ONGOING_ASKED.search(text):
        return Window("持续推进、长期坚持", kind=ONGOING_STATUS)
    if RECURRING_ASKED.search(text):
        return Window("定期开展", kind=RECURRING)
    by = BY_DATE.search(text)
    if by:
        end = _end_of(int(by["y"]), by["m"], by["d"])
        return Window(f"{end:%Y-%m-%d}前（含当日）", end=end)
    if THIS_MONTH.search(text):
        return named_window("本月", today)
    if THIS_QUARTER.search(text):
        return named_window("本季度", today)
    return _span(text, today)


def _end_of(year: int, month: str | None, day: str | None) -> date:
    if not month:
        return date(year, 12, 31)
    return date(year, int(month), int(day)) if day else month_end(year, int(month))


def _span(text: str, today: date) -> Window | None:
    """``2024年``, ``今年下半年``, ``三季度``, ``2024年6月``: the first such span the question names."""
    for match in SPAN.finditer(text):
        if not match.group(0) or not (match["y"] or match["rel"] or match["half"] or match["q"]):
            continue
        year = _year(match, today)
        if match["half"]:
            first, last = (1, 6) if match["half"] == "上半年" else (7, 12)
        elif match["q"]:
            last = QUARTER_END[match["q"]]
            first = last - 2
        elif match["m"] and (match["y"] or match["rel"]):
            first = last = int(match["m"])
        else:
            first, last = 1, 12
        return Window(match.group(0), date(year, first, 1), month_end(year, last))
    return None


def _year(match: re.Match[str], today: date) -> int:
    if match["y"]:
        return int(match["y"])
    return today.year + {"明年": 1, "去年": -1}.get(match["rel"] or "", 0)
