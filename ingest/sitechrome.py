"""A web page's site chrome out of its text: what a page copied (or saved) with its site carries around the plan.

Each form below is read from what the line says, never from where one site puts it:

- **metadata labels** near the start are put in the form :mod:`identity` reads (``label：value`` on one line):
  a bullet before a label dropped, a label alone on its line joined to the value below it;
- **a breadcrumb** after the page's title on its line (``甲方案 当前位置：首页>政务公开``), near the start;
- **the site's name** alone on a line (``青禾市人民政府门户网站``);
- **menus**: a line of menu entries (``首页 | 政务公开 | 政务服务 | 互动交流``), or a run of three or more short
  lines most of which are menu entries, one entry a line; a short line that opens with the site's ``首页`` and
  names no file (``首 页 园区介绍 投资指南 新闻中心``, whose spaces normalising took out: its entries are lost);
- **prompts**: a short line asking to add the site to the desktop, open its app or bookmark it
  (``添加青禾网到电脑桌面``, ``安装后可以在桌面快捷访问``, ``打开APP阅读全文``);
- **toolbars**: a short line made only of buttons (``【字号：大 中 小】【打印本页】【关闭窗口】``,
  ``分享到：微信 微博``, ``浏览次数：128``), and a link to the page before or after (``上一篇：…``);
- **related links**: a line that is only a list heading (``相关链接``, ``相关文章``, ``延伸阅读``) and the short
  title lines below it;
- **a document-sharing site's frame**: the shown file's name alone on a line after its first, which may be the
  title (``甲方案.docx_第2页``),
  its page count (``第2页 / 共8页``), and a line of the site's sharing notice or upload record (``…由会员分享,可在线
  阅读…请在乙网上搜索。``, ``上传人:… 文档编号:…``);
- **the footer**: from a footer mark near the end (``ICP备``, ``公网安备``, ``网站标识码``, ``版权所有``, ``©``) to the
  end of the text when all of that is short lines, with the footer lines just above it (``主办单位：…``,
  ``地址：…``, ``网站地图 | 联系我们``).

A plan's own lines never take these forms: its sentences end in ``。`` or ``；``, its headings carry a number, its
signature and date stand alone. The title, 文号, issuer and date lines are left for :mod:`identity` to read
(the ``发布时间/来源/索引号`` label lines there keep the fields they carry).
"""

from __future__ import annotations

import re

from policykb.ingest.identity import CHROME_LABELS, HOME_STEP, PLAN_WORDS, TITLE_LINE, WHERE_LABEL
from policykb.kb.lexicon import (
    DOC_SHARE_MARKS,
    FOOTER_LABELS,
    FOOTER_MARKS,
    NAV_PREFIXES,
    NAV_WORDS,
    NEIGHBOUR_WORDS,
    RELATED_HEADINGS,
    SITE_NAME_ENDINGS,
    SITE_PROMPTS,
    TOOLBAR_WORDS,
    alternation,
)
from policykb.kb.text import heading_number_end

__all__ = ["strip_site_chrome"]

_SEPARATORS = re.compile(r"[\s|｜丨/·•>＞»›\-—_:：,，、【】\[\]［］()（）<《》>]+")
_NAV = set(NAV_WORDS)
_TOOLBAR = re.compile(alternation(TOOLBAR_WORDS))
_STRONG_TOOLBAR = re.compile(alternation(w for w in TOOLBAR_WORDS if len(w) >= 2))
_LEFTOVER = re.compile(r"[\s\d|｜丨/·•>＞»›\-—_:：,，、.【】\[\]［］()（）<>《》+]+")
_NEIGHBOUR = re.compile(rf"^[【\[［]?(?:{alternation(NEIGHBOUR_WORDS)})[】\]］]?\s*[:：]?")
_RELATED = re.compile(rf"^(?:{alternation(RELATED_HEADINGS)})(?:更多)?$")
_FOOTER_MARK = re.compile(alternation(FOOTER_MARKS))
_FOOTER_LABEL = re.compile(rf"^(?:{alternation(FOOTER_LABELS)})\s*[:：]")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_BULLET_LABEL = re.compile(rf"^[•·●▪■◆◇○]\s*(?=(?:{CHROME_LABELS})\s*[:：])")
_BARE_LABEL = re.compile(rf"^(?:{CHROME_LABELS})\s*[:：]$")
_TITLE_LABEL = re.compile(r"^(?:信息名称|文件名称|标题|名称)\s*[:：]$")
_TABLE_ROW = re.compile(r"^\|")
_PROMPT = re.compile(alternation(SITE_PROMPTS), re.IGNORECASE)
_FILE_NAME = re.compile(r"^[^。；;]{2,100}\.(?:docx?|pdf|wps|pptx?|xlsx?|txt)(?:_第\d+页)?$", re.IGNORECASE)
_PAGE_COUNT = re.compile(r"^第\d+页\s*/?\s*共\d+页$")
_DOC_SHARE = re.compile(alternation(DOC_SHARE_MARKS))
_HOME_MENU = re.compile(r"^(?:网站)?首页")
_TRAILING_BREADCRUMB = re.compile(rf"(?<=\S)\s*{WHERE_LABEL}\s*[:：]\s*{HOME_STEP}.*$")
"""A breadcrumb printed after the page's title on its line (``甲方案 您当前所在位置:首页>政务公开``)."""
_FILE_NAMED = re.compile(rf"关于|(?:{PLAN_WORDS}|通知|决定)(?:[（(][^）)]*[）)])?$")
_SITE_NAME = re.compile(rf"^[\u4e00-\u9fa5]{{2,20}}(?:{alternation(SITE_NAME_ENDINGS)})$")

MENU_ENTRY_CHARS = 8  # the longest menu entry (``政府信息公开``, ``走进青禾``)
MENU_RUN = 3  # lines, one menu entry each, that make a menu
TOOLBAR_CHARS = 60  # the longest toolbar line
LINK_TITLE_CHARS = 80  # the longest title in a list of related links
PROMPT_CHARS = 30  # the longest app, desktop or bookmark prompt line
FOOTER_LINES = 40  # the footer starts this near the end of the text
FOOTER_LINE_CHARS = 100  # the longest footer line
HEAD_LINES = 40  # the metadata of a page stands this near the start
VALUE_CHARS = 40  # the longest value of a metadata label


def strip_site_chrome(text: str) -> str:
    """``text`` (normalised: one paragraph a line) without its site's menus, toolbars, related links and footer."""
    lines = [_TRAILING_BREADCRUMB.sub("", line) if n < HEAD_LINES else line for n, line in enumerate(text.split("\n"))]
    lines = _without_shared_frame(_labels_with_values(lines))
    lines = _without_footer(lines)
    lines = _without_related_links(lines)
    lines = _without_menu_runs(lines)
    return "\n".join(line for line in lines if not _chrome_line(line))


def _chrome_line(line: str) -> bool:
    return (
        _menu_line(line)
        or _home_menu_line(line)
        or _toolbar_line(line)
        or _prompt_line(line)
        or _SITE_NAME.match(line) is not None
    )


def _home_menu_line(line: str) -> bool:
    """A menu bar: a short line that opens with the site's ``首页``, no sentence, naming no file (``首页园区介绍投资
    指南新闻中心``: normalising took out the spaces between its entries, so :func:`_menu_line` cannot count them).
    A plan's title never opens with 首页."""
    return (
        len(line) <= TOOLBAR_CHARS
        and _HOME_MENU.match(line) is not None
        and not _SENTENCE_END.search(line)
        and _FILE_NAMED.search(line) is None
    )


def _without_shared_frame(lines: list[str]) -> list[str]:
    """``lines`` without a document-sharing site's frame: its page counts, sharing notice and upload record, and
    the shown file's name after its first line (which :mod:`identity` may read as the title, its extension off)."""
    kept: list[str] = []
    named = False
    for line in lines:
        bare = line.strip()
        shown_file = _FILE_NAME.match(bare) and not heading_number_end(bare) and not bare.startswith("附件")
        if _PAGE_COUNT.match(bare) or _DOC_SHARE.search(bare) or (shown_file and named):
            continue
        named = named or bool(shown_file)
        kept.append(line)
    return kept


def _prompt_line(line: str) -> bool:
    """A short line, no sentence and no heading, that asks the reader to add the site to the desktop, open its app
    or bookmark it (``电脑桌面``, ``添加青禾网到电脑桌面``, ``安装后可以在桌面快捷访问``, ``打开APP阅读全文``)."""
    return (
        len(line) <= PROMPT_CHARS
        and _PROMPT.search(line) is not None
        and not _SENTENCE_END.search(line)
        and not heading_number_end(line)
    )


def _labels_with_values(lines: list[str]) -> list[str]:
    """The page's metadata near the start in the one form :mod:`identity` reads, ``label：value`` on a line: a list
    bullet before a label dropped (``• 发文字号:``), and a label alone on its line joined to the value below it."""
    head = [_BULLET_LABEL.sub("", line) for line in lines[:HEAD_LINES]]
    joined: list[str] = []
    for line in head:
        if joined and _BARE_LABEL.match(joined[-1]) and _value(line) and not _title_below(joined[-1], line):
            joined[-1] += line
        else:
            joined.append(line)
    return joined + lines[HEAD_LINES:]


def _title_below(label: str, line: str) -> bool:
    """Whether ``line`` is the plan's title below an empty field (``• 发布机构:`` with nothing after it, then
    ``甲市…实施方案``): the title is no issuer's value; only a 标题/名称 label takes it."""
    return bool(TITLE_LINE.match(line.strip())) and not _TITLE_LABEL.match(label)


def _value(line: str) -> bool:
    return len(line) <= VALUE_CHARS and not _BARE_LABEL.match(line) and not _SENTENCE_END.search(line)


def _entries(line: str) -> list[str]:
    return [part for part in _SEPARATORS.split(line) if part]


def _menu_line(line: str) -> bool:
    """A line of three or more menu entries, most of them known menu words (``首页 | 政务公开 | 政务服务``)."""
    entries = _entries(line)
    if len(entries) < 3 or any(len(e) > MENU_ENTRY_CHARS for e in entries) or _SENTENCE_END.search(line):
        return False
    return 2 * sum(_nav_entry(e) for e in entries) >= len(entries) + 1


def _nav_entry(entry: str) -> bool:
    return entry in _NAV or entry.startswith(NAV_PREFIXES)


def _menu_entry(line: str) -> bool:
    return len(line) <= MENU_ENTRY_CHARS and not _SENTENCE_END.search(line) and not heading_number_end(line)


def _without_menu_runs(lines: list[str]) -> list[str]:
    """Without runs of :data:`MENU_RUN` or more short lines, one entry each, most of them known menu words."""
    kept: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _menu_entry(lines[j]):
            j += 1
        if j == i:
            kept.append(lines[i])
            i += 1
            continue
        run = lines[i:j]
        if len(run) < MENU_RUN or 2 * sum(_nav_entry(line) for line in run) <= len(run):
            kept.extend(run)
        i = j
    return kept


def _toolbar_line(line: str) -> bool:
    """A short line of page buttons only, or a link to the page before or after this one."""
    if _NEIGHBOUR.match(line) and len(line) <= LINK_TITLE_CHARS + 6:
        return True
    if len(line) > TOOLBAR_CHARS or not _STRONG_TOOLBAR.search(line):
        return False
    return len(_LEFTOVER.sub("", _TOOLBAR.sub("", line))) <= 1


def _link_title(line: str) -> bool:
    """A line that can be the title of a linked page: short, no sentence, no heading number, no table row."""
    return (
        len(line) <= LINK_TITLE_CHARS
        and not _SENTENCE_END.search(line)
        and not heading_number_end(line)
        and not _TABLE_ROW.match(line)
    )


def _related_heading(line: str) -> bool:
    return _RELATED.match(_LEFTOVER.sub("", line)) is not None


def _without_related_links(lines: list[str]) -> list[str]:
    """Without each list heading (``相关链接``), and without the link titles that follow a heading below the plan's
    first sentence (a list above it may stand right before the plan's own title, which looks like a link title)."""
    kept: list[str] = []
    in_list = False
    below_text = False
    for line in lines:
        if _related_heading(line):
            in_list = below_text
            continue
        if in_list and _link_title(line):
            continue
        in_list = False
        below_text = below_text or bool(_SENTENCE_END.search(line))
        kept.append(line)
    return kept


def _footer_line(line: str) -> bool:
    """A line of a footer block: a footer mark or label, a menu line or a toolbar line."""
    if _TABLE_ROW.match(line) or len(line) > FOOTER_LINE_CHARS:
        return False
    return bool(_FOOTER_MARK.search(line) or _FOOTER_LABEL.match(line) or _menu_line(line) or _toolbar_line(line))


def _without_footer(lines: list[str]) -> list[str]:
    """Without the footer: from the first footer mark of the last :data:`FOOTER_LINES` lines, when nothing after it
    is a sentence or a table row, to the end; with the footer lines right above that mark."""
    start = max(0, len(lines) - FOOTER_LINES)
    for i in range(start, len(lines)):
        if not _FOOTER_MARK.search(lines[i]) or not _short_aside(lines[i]) or _SENTENCE_END.search(lines[i]):
            continue
        if all(_footer_line(line) or _short_aside(line) for line in lines[i + 1 :]):
            while i > 0 and _footer_line(lines[i - 1]):
                i -= 1
            return lines[:i]
    return lines


def _short_aside(line: str) -> bool:
    return len(line) <= FOOTER_LINE_CHARS and not _TABLE_ROW.match(line) and "。" not in line
