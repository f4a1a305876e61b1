"""What a question asks: a target, who is responsible, what a unit does, a fact."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from policykb.bot.kinds import QuestionKind
from policykb.ingest.duedates import DATED
from policykb.ingest.identity import DOC_NUMBER
from policykb.kb.lexicon import (
    ASKED_SPAN_UNITS,
    ASKED_TARGET_VERBS,
    ASKED_UNIT_KINDS,
    COOPERATE_WORDS,
    FILING_ASKED,
    ISSUER_KINDS,
    NON_LEAD_ROLE_WORDS,
    NUMBER_WORDS,
    SPOKEN_ENDINGS,
    UNIT_TASK_VERBS,
    alternation,
)
from policykb.kb.units import UnitDirectory
from policykb.kb.windows import window_of

ASKED_UNITS = alternation(ASKED_UNIT_KINDS)
ISSUERS = alternation(ISSUER_KINDS)
ADDRESSEE_ASK = re.compile(r"(?:印发|下发|转发|发送|发|送)给了?(?:谁|哪|什么)|发往(?:谁|哪)|主送")
"""A question about whom a notice is sent to (``这个通知是发给谁的``, ``主送单位``)."""
VALIDITY_ASK = re.compile(r"还有效|是否有效|有效吗|有没有效|失效了?(?:吗|没)|有效性|效力状态|废止了?(?:吗|没)")
"""A question whether a document is still in force (``现在还有效吗``): the page's 有效性 field answers it."""
PHONE_ASK = re.compile(r"电话(号码)?(是|为)(多少|什么|啥|几号|哪个)|(咨询|联系)(电话|方式)|电话号码")
"""A question about a telephone number the document gives (``咨询电话是多少``)."""
WHEN_ASKED = r"(?:哪(?:天|一天|年)|什么时候|啥时候|何时|什么时间)"
ON_SITE = r"(?:在网上|在网站上?|在官网上?|正式|对外|公开)?"
"""Words between when and the verb that still ask when the document came out (``哪天在网上发布的``)."""
REPORT_NOUNS = r"新闻|消息|报道|稿件|文章"
"""What a news page is called (``这条新闻是哪天发的``): 发 of it is its publication."""
ISSUED_VERBS = r"(?:印发|发布|公布|发文)|(?:下发|出台|颁布|转发|公开)(?=的)"
"""Verbs of a document coming out; 下发/出台/颁布/转发 only as done (``什么时候出台的``, a forwarding notice's
``什么时候转发的``): ``细则什么时候出台`` asks a task's deadline."""
FILE_NOUNS = r"通知|方案|计划|意见|文件|要点|措施|办法|规划|公告|函|分解|分工|清单|细则|纲要|预案|指南|指引|规定|条例"
"""What a question names a document by (``这个通知是哪个单位发的``, ``通知的第三点要求``): the document, not a task."""
FILE_SENT_WHEN = rf"(?:{FILE_NOUNS})》?(?:是|在)?{WHEN_ASKED}{ON_SITE}发的"
"""When a document it names was sent (``这个通知是哪年发的``, ``《…方案》是哪天发的``): bare 发 asks the issue date
only after a file's name; ``补贴什么时候发的`` asks when money is handed out."""
SENT_BY = rf"(?:哪(?:个|些|几个|[两二三四五]个|家)(?:{ISSUERS})|谁)(?:联合)?发的"
"""Who sent a document (``是哪个单位发的``): asked of a document it names (``这个通知…``), or of the plan whose
title the reading took off the question (``是哪个单位发的？``); ``补贴是哪个部门发的`` asks who hands it out."""
PART_TITLE = r"(?<!部分的)(?<!部分)(?<![项条点]的)"
"""Before 标题: ``第一部分的标题`` asks a part's heading, not the document's title."""
PAGE_DATE = r"(?P<page>网页|页面|网站)上?(?:标注|显示|标明|注明|所标|写)的?(?:日期|时间)"
"""The date a page prints, asked as such (``网页上标注的日期是哪天``): its 发布日期."""
FILING_ASK = re.compile(
    rf"(?:(?:这条|这篇|这则|该)?(?:消息|新闻|报道|文章)(?:是|最早)?(?:来自|出自|源自))?(?P<field>{alternation(FILING_ASKED)})"
)
"""A question about a field a site files the page under (``这份方案的索引号是什么``, ``公开方式是啥``), or where a
news page came from (``这条消息来自哪家媒体``: the words naming the page are part of the asking)."""
DOCUMENT = re.compile(
    rf"{alternation(NUMBER_WORDS)}|(?:印发|下发|出台|颁布|转发)(日期|时间)|发文(日期|时间|机关|单位)|{WHEN_ASKED}{ON_SITE}(?:{ISSUED_VERBS})|{FILE_SENT_WHEN}|"
    rf"(?:{FILE_NOUNS})的日期|(?:{FILE_NOUNS}|发布|公布)的?时间是?(?:哪天|哪一天|什么时候|何时|什么|啥)|"
    rf"成文日期|发布日期|公布日期|公开日期|(?:发布|发文|印发)(?:{ISSUERS})(?:是|为)?(?:哪|什么|谁)|"
    rf"哪(个|些|几个|[两二三四五]个)(?:{ISSUERS})(联合)?印发|联合印发|落款日期|{PART_TITLE}标题|全称|文件名|上级文件|"
    rf"(?:哪(?:个|些|几个|[两二三四五]个|家)(?:{ISSUERS})|谁)(?:联合)?(?:印发|发布|制定|出台|制发|下发)的|生成日期|产生日期|令号|"
    r"附件(是|有|包括|名称)|(哪些|什么|几个|几份|哪[两二三四五六几][个份])附件|"
    rf"{PAGE_DATE.replace('?P<page>', '')}|(?:{REPORT_NOUNS})[^？?。，]{{0,3}}{WHEN_ASKED}发(?=的|出来)|"
    rf"{ADDRESSEE_ASK.pattern}|{PHONE_ASK.pattern}|{VALIDITY_ASK.pattern}|{FILING_ASK.pattern}"
)
SENT_BY_ASK = re.compile(rf"(?:{FILE_NOUNS})(?:是|由)?{SENT_BY}|^是?{SENT_BY}")
"""Who sent a document, asked in words a task's question uses too (``…通知是哪个单位发的``): a document question
whose miss lets the question be read as it would be without it (:attr:`Question.otherwise`)."""
NUMBER_NAMED = re.compile(
    DOC_NUMBER.pattern
    + r"[^？?。，,]{0,8}?(?:是|为|指|叫)?(?:什么|哪个|哪份|哪一个|哪一份|啥)(?:样的)?(?:文件|文|方案|通知|意见)?"
)
"""A question that gives a 文号 and asks which file it is (``甲政发〔2023〕2号是什么文件``)."""
DATE_ASKED = re.compile(
    rf"{PAGE_DATE}|"
    r"(?P<kind>成文|发布|公布|公开|颁布|印发|发文|落款|生成|产生|下发|出台)(?:日期|时间)|"
    rf"{WHEN_ASKED}{ON_SITE}(?P<verb>印发|发布|公布|发文|(?:下发|出台|颁布|公开)(?=的))|{FILE_SENT_WHEN}|"
    rf"(?:{REPORT_NOUNS})[^？?。，]{{0,3}}{WHEN_ASKED}(?P<sent>发)(?=的|出来)|"
    rf"(?P<spread>印发|发布|公布)[^？?。，]{{2,40}}?(?:{FILE_NOUNS})》?的(?:时间|日期)"
)
"""A question that names which date of a document it asks: 成文日期, 发布日期 (发布时间, 哪天发布), 印发日期; 哪天发文
asks the 发文日期 a page's index prints, which is the 成文日期."""
CITING = r"(依据|根据|贯彻(?!(?:落实)?意见)|落实(?!意见))"
"""A verb citing the file a plan carries out; not 落实意见 or 贯彻落实意见, a plan's own title noun (``…工作落实意见的
文号`` asks that plan's 文号, not its basis's)."""
BASIS = re.compile(
    r"(依据|根据|贯彻|落实|按照)[^？?。，]{0,12}(哪个|哪份|哪些|什么|哪部)[^？?。，]{0,8}(文件|通知|意见|决定|纲要)|上级文件|"
    r"(依据|根据|贯彻|落实)[^？?。，]{0,6}(哪部|哪个|什么)[^？?。，]{0,6}(法规|条例|法律|规章)|"
    rf"{CITING}的?[^？?。，]{{0,24}}(通知|意见|决定|纲要|文件)的?(文号|令号)|"
    r"转发的[^？?。，]{0,24}(通知|意见|决定|纲要|文件|方案)的?(文号|令号)|"
    r"(依据|根据|贯彻|落实|按照)[^？?。，]{0,12}(哪个|哪份|哪些|什么)[^？?。，]{0,8}(方案|计划|规划|条例|办法|规定|法律|法规)"
    r"(?=[^？?。]{0,10}(制定|编制|起草|出台|印发|文号|令号)|定的)|"
    rf"{CITING}的?(是)?[^？?。，]{{0,12}}(文件|文号|令号)|转发的?(是)?[^？?。，]{{0,12}}(哪个|哪份|什么)|"
    r"(依据|根据|贯彻|落实)了?[^？?。，]{0,8}(哪份|哪个|哪部)[^？?。，]{0,6}(规划|方案|计划|办法)[？?]?$|"
    r"(编制|制定)依据(里|中)?(是|有|包括)|(依据|根据)的(是)?[^？?。，]{0,6}(法律|法规|条例|规章)(是|有)?(什么|哪些|哪个|哪部)|"
    r"为(推动|推进)(哪个|哪份|哪些|什么)[^？?。，]{0,8}(文件|方案|意见|通知|决定)"
)
"""A question about the higher-level file a plan carries out (依据哪个上级文件、贯彻的是哪个文件、文号, a 预案's
``编制依据有哪些``, ``依据的条例是什么``, ``是为推动哪个省级文件实施而制定的``), or the one a notice forwards
(转发的是哪个通知)."""
ATTACHMENT_ASK = re.compile(r"附件(是|有|包括|名称)|(哪些|什么|几个|几份|哪[两二三四五六几][个份])附件")
"""A question about what a notice attaches (``附件是什么``, ``有哪些附件``, ``有哪两个附件``); not one about a task in
an annex."""
QUOTED_FILE = re.compile(r"《(?P<file>[^《》]{4,80})》[^？?。]{0,8}(?:的)?(?:文号|发文字号)")
"""A question asking the 文号 of a file it names in book-title marks (``《甲省…纲要》文号是什么``)."""
UNIT_TASKS = re.compile(
    rf"({alternation(UNIT_TASK_VERBS)})(了)?(哪些|什么|啥|几项|多少项|哪几件|几件)|"
    r"哪(些|项|几项|几件|个|方面)(工作|任务|事项|项目|工程|事)?|"
    r"(职责|任务|分工|工作)(是|有)(什么|哪些|啥)|(做|干|管)(什么|啥|哪些事)|职责|有(什么|啥)任务|的任务"
)
PARTNERS_ASKED = re.compile(r"(?:联合|会同|协同|携手|联手)(?:了)?(?:哪些|哪几个|哪个|什么)(?:部门|单位)")
"""``县甲局这次联合哪些部门开展了走访？``: who the named unit worked with, as the sentence that says so states;
neither the unit's own tasks nor who leads a task."""
OWNER = re.compile(
    r"谁来?(牵头|负责|主管|挑头|挑大梁|管|抓|落实|配合|参与|承担|组织)|由谁|归谁|"
    rf"哪些(?:{ASKED_UNITS})|哪个(?:{ASKED_UNITS}|局)|"
    rf"什么(?:{ASKED_UNITS})|"
    r"牵头|配合|主管|由.{0,4}负责|挑头|挑大梁|负责(部门|单位)|责任(部门|单位)|指导(部门|单位)|归口|协同单位|参与(部门|单位)|"
    rf"哪几(个|家)?(?:{ASKED_UNITS})"
)
LISTING = re.compile(  # not 什么目标 alone: 紧紧围绕什么目标 asks an aim a sentence states, with no number
    r"(哪些|几项)(量化|主要|具体)?(目标|指标)|什么(量化|主要|具体)?指标|什么(量化|主要|具体)目标|"
    r"(目标|指标)(有|包括)(哪些|什么)|(量化|主要)(目标|指标)"
)
OUTLINE = re.compile(
    r"(哪些|哪几项|哪几个|几项|几个|什么)[^？?，。]{0,8}(工程|任务|方面|措施|内容|部分|举措)|包括(哪些|什么|哪几)|有哪几(项|个|部分|方面)|"
    r"第[一二三四五六七八九十\d]{1,3}(项|个|条|点|大)[^？?，。]{0,12}(是什么|是哪|是啥|(讲|说|写|提)了?的?是?(什么|啥))|"
    r"第[一二三四五六七八九十\d]{1,3}部分|"
    r"哪[两二三四五六七八九十\d]{1,3}(个|项|大|条|类|种|方面)|[两二三四五六七八九十\d]{1,3}大[^？?，。]{0,10}(分别|是什么|是哪|有哪|包括)|"
    r"(任务|工程|措施|举措|原则|行动)(分别)?(是|有|包括|分为)?哪(几|些)|"
    r"(任务|工程|措施|举措|原则|行动)分别是(什么|啥)|[两二三四五六七八九十\d]{1,3}[项条个](任务|工程|措施|举措|原则|行动)分别是(什么|哪些|啥)"
)
TARGET = re.compile(
    r"多少|(?<![哪第])几(?:成|个|家|项|座|[天条张辆人户亩所处倍批吨台套名])|百分之几|多大|多高|多低|多长|多远|比例|比重|"
    r"占比|什么水平|什么程度|到什么(?!时候|时间)|"
    r"(目标|指标)(是|为|有)|"
    rf"要({alternation(ASKED_TARGET_VERBS)})|浓度"
)
DEADLINE = re.compile(
    r"什么时候(完成|办结|到期|截止|前完成|落实|建成|出台)|何时(完成|办结|建成|出台)|(完成|办结)?时限|截止(时间|日期)|期限|"
    r"什么时间(完成|前)|哪年(完成|建成)|多久(完成|办完)|完成时间|时间节点|时间要求|要在什么时候|"
    r"(什么时候|啥时候|何时|哪天)(要|得|需要|必须|应|能)?(完成|办结|到期|截止|落实|建成|建好|出台|交|报送|上报|完工|"
    r"开通|投用|投入使用|投运|启用|竣工|完工|开业|上线|实现|验收|办完|做完|干完|搞完)|"
    r"截止到?(什么时候|啥时候|何时|哪天)|(什么时候|啥时候|何时|哪天)之?前"
)
SPAN_ASKED = re.compile(rf"(?:多少|几)个?(?:{alternation(ASKED_SPAN_UNITS)})")
"""An amount of time asked (``时限要压到多少天``, ``几个工作日办结``): a span a plan sets, not a due date."""
OBLIGED_WHEN = re.compile(r"(?:应|要|需|须|应当|需要|必须)(?:在|于)(?:什么时[候间]|何时|哪一?年)")
"""A time someone is bound to (``试点城市政府应在什么时候印发…``): a task's deadline, not when the plan was issued."""
COOPERATE = re.compile(alternation(COOPERATE_WORDS))
LEDGER_SET = re.compile(r"哪些|哪几|几项|多少项|什么任务|有什么|清单|列出|汇总")
LEDGER_THING = re.compile(r"任务|工作|事项|到期|完成|截止|逾期|超期|时限|持续推进|长期|每年|每季度|定期")
NOT_LEDGER = re.compile(
    rf"目标|指标|多少(?!项)|(?:{ASKED_UNITS})(?:有|是|都有)?(?:哪些|哪几|什么)|哪(?:些|个|几个)(?:{ASKED_UNITS})|谁|"
    r"哪几个?(?:月|天|日|周|年|季度)|哪些(?:月份|日子|时段)"
)
"""Questions about targets or about who (``…年内完成…的配合单位有哪些？``), or about which months or days
(``汛期是每年哪几个月``): a window's words name a task or a season there, not a set of tasks."""
DUE_WORD = re.compile(r"到期|完成|截止|时限|办结|节点|[底末月日]前")
"""A span of dates asks for what is due in it only with a word of being due (``2025年要完成哪些任务``): a year
alone often names the plan (``2023年政府工作报告中…负责哪些事项``)."""


def asks_ledger(text: str) -> bool:
    """Whether ``text`` asks for the set of tasks of a window of time (due by a date, overdue, ongoing…), not
    when one task is due."""
    if LEDGER_SET.search(text) is None or LEDGER_THING.search(text) is None or NOT_LEDGER.search(text):
        return False
    window = window_of(text, date.today())
    if window is None:
        return False
    return window.kind != DATED or window.overdue or DUE_WORD.search(text) is not None


LEAD_OR_OTHER = re.compile(  # 负责或牵头 · 牵头和配合: leading is not all the question asks
    rf"(?:{alternation(NON_LEAD_ROLE_WORDS)})(?:或|和|、|及|与|或者)牵头|"
    rf"牵头(?:或|和|、|及|与|或者)(?:{alternation(NON_LEAD_ROLE_WORDS)})"
)


SPOKEN_ENDING = re.compile(rf"(?:{alternation(SPOKEN_ENDINGS)})+(?=[？?！!。，,；;\s]|$)")
"""A word said only aloud where a question or its clause ends (``…要到多少来着？``)."""


def unspoken(text: str) -> str:
    """``text`` without the words said only aloud at the end of a clause (``…是多少来着？`` → ``…是多少？``): they
    name nothing a plan states, and a clause that answers the question never holds them."""
    return SPOKEN_ENDING.sub("", text)


@dataclass
class Question:
    """A classified question."""

    text: str
    kind: QuestionKind
    units: list[str] = field(default_factory=list)
    focus: str = "all"
    otherwise: QuestionKind | None = None  # the kind it reads as when its document reading finds nothing


def classify(text: str, units: UnitDirectory) -> Question:
    """The kind of ``text``: ``document``, ``ledger``, ``deadline``, ``unit_tasks``, ``owner``, ``list``, ``outline``,
    ``target`` or ``fact``."""
    mentioned = units.find(text)
    focus = "co" if COOPERATE.search(text) else ("lead" if "牵头" in text and not LEAD_OR_OTHER.search(text) else "all")
    kind = _kind(text, mentioned)
    if kind != QuestionKind.DOCUMENT and SENT_BY_ASK.search(text) and not OBLIGED_WHEN.search(text):
        return Question(text=text, kind=QuestionKind.DOCUMENT, units=mentioned, focus=focus, otherwise=kind)
    return Question(text=text, kind=kind, units=mentioned, focus=focus)


def _kind(text: str, mentioned: list[str]) -> QuestionKind:
    """The kind of ``text`` by the first pattern it fits, document questions before task ones."""
    if OBLIGED_WHEN.search(text):
        return QuestionKind.DEADLINE
    if DOCUMENT.search(text) or BASIS.search(text) or ADDRESSEE_ASK.search(text) or NUMBER_NAMED.search(text):
        return QuestionKind.DOCUMENT
    if asks_ledger(text):
        return QuestionKind.LEDGER
    if DEADLINE.search(text) and not SPAN_ASKED.search(text):
        return QuestionKind.DEADLINE
    if mentioned and PARTNERS_ASKED.search(text):
        return QuestionKind.FACT
    if mentioned and UNIT_TASKS.search(text):
        return QuestionKind.UNIT_TASKS
    for pattern, kind in (
        (OWNER, QuestionKind.OWNER),
        (LISTING, QuestionKind.LIST),
        (OUTLINE, QuestionKind.OUTLINE),
        (TARGET, QuestionKind.TARGET),
    ):
        if pattern.search(text):
            return kind
    return QuestionKind.FACT
