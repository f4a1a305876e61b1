"""A document's identity: title, issuing bodies, 文号, date, place and basis; and the page chrome around it.

Plans arrive as a notice (``X关于印发《Y》的通知`` · 文号 · body · issuer · date · the plan), as the
plan alone (title · issuer · date), as a web page copied with its site's chrome (当前位置、索引号、
发布时间、来源、浏览次数、字号、分享、打印、关闭), or as a bare body with no title at all. Chrome
lines are removed from the text; the metadata they carry (发文字号、发布机构、成文日期、发文日期) is kept.
A page that reports on a plan (a news item, a 政策解读, an encyclopedia entry) names it in a sentence instead:
``2023年7月，甲省人民政府办公厅印发《甲省…行动方案》``, ``近日，乙市出台《乙市…实施方案》``; that plan is the
title, and the body and date of that sentence are its issuer and date when nothing else gives them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from policykb.kb.lexicon import (
    BRACKET_FIELD_LABELS,
    CHROME_LINE_MARKS,
    DEPARTMENT_ENDS,
    GOVERNMENT_ENDS,
    ISSUER_ENDS,
    NAV_WORDS,
    PARTY_BODIES,
    PLACE_BODIES,
    PLACE_GOVERNMENTS,
    RED_HEADER_ENDS,
    SEATED_BODY_ENDS,
    SIGNER_ENDS,
    TOOLBAR_WORDS,
    UNIT_NAME_ENDS,
    alternation,
)
from policykb.kb.text import ARTICLE_HEAD, arabic_day, heading_number_end

DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}\s?[〔\[［（(【]\d{4}[〕\]］）)】]\s?\d{1,4}号")
BARE_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fa5]{1,12}?(?:发|函|字|办|通|规))(?P<year>(?:19|20)\d{2})年?(?P<n>\d{1,4})号"
)
"""A 文号 written without its brackets, as a search site or a reader writes it (``甲政办发202361号``,
``甲人社通2021年262号``)."""
NUMBER_LABEL = re.compile(r"^.*(?:文号|字号|序号|编号|文件号)[:：]?")
"""What stands before a 文号 on a chrome line whose labels lost their colon
(发布机构区人民政府办公室文号蔡政办〔…〕1号)."""
DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
ISO_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
NOTICE = re.compile(r"^(?P<authority>.*?)关于(?:印发|转发|公布|发布|下达)(?P<plan>.+?)的(?:通知|决定|意见|函)$")
NUMBERED_NOTICE = re.compile(
    r"^(?P<notice>.*?关于(?:印发|转发|公布|发布|下达).+?的(?:通知|决定|意见|函))"
    r"[（(]?(?P<number>[\u4e00-\u9fa5]{1,12}[〔\[［【]\d{4}[〕\]］】]\d{1,4}号)[）)]?$"
)
"""A notice's title with its 文号 after it, as a site titles the page (``甲市人民政府办公室关于印发乙方案的通知
甲府办函〔2018〕8号``, ``…的通知(甲政办〔2014〕9号)``)."""
OWN_NOTICE = re.compile(
    rf"^(?P<authority>[^，。；：:《》“”]{{2,60}}?(?:{alternation(ISSUER_ENDS)}))?"
    r"关于[^。；]{4,100}的(?:若干|实施|指导)?(?:通知|决定|意见|函)$"
)
"""A notice that is itself the plan (``…办公厅关于落实…分工的通知``): its own title names what it sets."""
REPORTED_NOTICE = re.compile(
    r"^(?P<authority>[^，。；：:《》“”]{2,60}?)关于[^。；]{4,100}的(?:若干|实施|指导)?(?:通知|决定|意见|函)$"
)
"""The same, named in 《》 by a report (``国家甲局综合司关于报送…方案的通知``): the words before 关于 are its issuer, a
body of any name (``…司``)."""
FORWARDING = re.compile(
    rf"^(?P<authority>[^，。；：:《》“”]{{2,40}}?(?:{alternation(ISSUER_ENDS)}))转发"
    rf"[^，。；：:]{{2,30}}?(?:{alternation(ISSUER_ENDS)})关于[^。；]{{4,100}}的(?:通知|意见)$"
)
"""A forwarding notice titled by its sender (``甲省人民政府办公厅转发乙部关于…意见的通知``): the notice is the plan."""
FORWARDS = re.compile(r"印发|转发")
PLAN_WORDS = (
    r"(?:方案|计划|规划|意见|措施|办法|安排|要点|清单|细则|政策|纲要|分解|分工|任务|报告|行动|工程|目标|条例|规定"
    r"|指引|指南|预案)"
)
EXPLAINED_TITLE = re.compile(
    rf"^(?:关于)?《?(?P<title>[^《》。；，：:]{{4,70}}?{PLAN_WORDS}[表书]?(?:[（(][^）)]{{1,20}}[）)])?)》?的?"
    r"(?:政策|文件|图文|文字|部门)?解读$"
)
"""The title of a page that explains a plan (``甲市粮食生产工作方案政策解读``, ``关于《乙方案》的解读``): the plan's."""
REPLY_TITLE = re.compile(r"^[^。；，,：:]{4,70}(?:提案|建议|议案)的?(?:答复|复函|办理答复|办理情况的函)$")
"""The title of a reply to a deputy's proposal (``对州政协第88号提案的答复``): the page's own, though it tells of
plans issued."""
TITLE_LINE = re.compile(rf"^[^。；，：:]{{4,70}}{PLAN_WORDS}[表书]?(?:[（(][^）)]{{1,20}}[）)])?$")
PLACE = re.compile(r"^(?:中共)?(?P<place>[\u4e00-\u9fa5]{2,10}?(?:自治区|自治州|特别行政区|省|市|县|区|旗|盟|州))")
ONE_CHARACTER_COUNTY = re.compile(rf"^(?P<place>[\u4e00-\u9fa5]县)(?={alternation((*PLACE_BODIES, '县委'))})")
"""A county of one character before 县, named before its government (X县人民政府办公室)."""
SUB_PLACE = re.compile(
    rf"^(?P<place>[\u4e00-\u9fa5]{{1,4}}?(?:自治县|区|县|旗|市))(?={alternation(PLACE_GOVERNMENTS)}|\d)"
)
"""A district, county or county-level city named right after its city, before its government or a year."""
CITY_IN_PROVINCE = re.compile(r"^(?P<place>[\u4e00-\u9fa5]{1,5}?(?:自治州|市|州|盟))")
"""A city named right after its province (青川省柳河市…)."""
NOT_SUB_PLACE = re.compile(r"^[省市县区州全各本我该]|(?:城|级|区|都|超|集|夜|门)市$")
"""Words shaped like a place after a province that are not one: 省市县三级, 市场监管局, 城市更新, 地级市."""
CITY_FOLLOWER = re.compile(
    rf"{alternation((*PLACE_BODIES, *PARTY_BODIES))}|\d|“|关于|"
    rf"[\u4e00-\u9fa5]{{1,10}}?(?:{alternation(DEPARTMENT_ENDS)}|自治县|区|县|旗|市)"
)
"""What may follow a city named after its province: its government, a year, one of its departments, a county."""
NOT_PLACE = re.compile(r"^(?:全市|全省|全县|全区|我市|我省|我县|我区|本市|本省|各市|各县|各区|城市|关于|政府)")
DATED_LABELS = r"(?:时间|(?<![文布成效施行产印录止])日期)(?=\s*[:：]\s*\d{4}[-/.年])|点击(?=\s*[:：]\s*\d)"
"""Labels a page prints only before a date or a count (``时间：2024-05-06``, ``日期 Date:2019-05-30``, ``点击：58``);
not the end of another date's label (``发文日期``)."""
CHROME_LABELS = (
    r"您的当前位置|您当前的位置|您当前位置|当前位置|您现在的位置|您所在的位置|所在位置|信息索引号|索引号|主题分类|组配分类|体裁分类|所属主题|所属栏目|栏目|"
    r"发布机构|所属机构|发文机关|发布机关|发文机构|发布单位|成文日期|生成日期|产生日期|印发日期|著录日期|内容概述|公开方式|公开范围|公开时限|"
    r"发文字号|发文单位|文件号|文号|发布时间|发布日期|颁布日期|公布日期|公开日期|发文日期|政策类型|文件分类|公文种类|生效日期|废止日期|有效性|效力状态|时效性|效力级别|施行日期|来源|信息来源|文章来源|浏览次数|点击量|浏览量|点击数|阅读量|"
    r"字号|字体|视力保护色|分享到|分享|作者|责任编辑|编辑|访问量|发文标题|文件标题|发文部门|发文时间|发文文号|实施时间|实施日期|"
    r"名称|标题|中文名|主题词|归档时间|编稿时间|发稿时间|录入时间|"
    rf"{DATED_LABELS}"
)
FIELD_LABELS = (
    r"信息索引号|索引号|主题分类|组配分类|体裁分类|文件分类|公文种类|所属主题|所属栏目|发布机构|所属机构|责任部门|发文机关|发布机关|发文机构|"
    r"发布单位|发文单位|成文日期|生成日期|产生日期|印发日期|著录日期|公开方式|公开范围|公开时限|发文字号|文件号|文号|发布时间|发布日期|颁布日期|"
    r"公布日期|公开日期|发文日期|政策类型|"
    r"生效日期|废止日期|有效性|效力状态|时效性|效力级别|施行日期|"
    r"发文标题|发文部门|发文时间|发文文号|实施时间|实施日期|信息来源|文章来源|来源|浏览次数|归档时间|编稿时间|发稿时间|录入时间|"
    rf"{DATED_LABELS}"
)
"""The labels of a page's metadata fields: one inside a field's value ends that value
(``发布机构东浦区水利局生成日期…``). 责任部门 (the section in charge of the page) is one, but no chrome label: a plan's
table names its 责任部门 too."""
FIELD_LABEL = re.compile(FIELD_LABELS)
CELL_LABEL = re.compile(rf"^(?:{CHROME_LABELS})[:：]?$")
"""A ``|`` cell that is one label (``发布单位 | 区政府 | 发文日期 | 2024-03-08 |``)."""
CELL_PAIR = re.compile(rf"^(?P<label>{CHROME_LABELS})\s*[:：]\s*(?P<value>\S.*)$")
"""A ``|`` cell that holds a label and its value (``主题词: | 发布日期:2024年03月08日 | 文 号: |``)."""
CHROME_LABEL = re.compile(CHROME_LABELS)
CHROME_LABEL_START = re.compile(rf"^(?:{CHROME_LABELS})")
CHROME_FIELD = re.compile(rf"(?P<label>{CHROME_LABELS})\s*[:：]\s*")
CHROME_WORDS = re.compile(
    rf"【?(?:{alternation((*TOOLBAR_WORDS, *NAV_WORDS))})】?|>|【?打印内容】?|"
    r"【?大\s*中\s*小】?|\[\s*大\s*中\s*小\s*\]|"
    r"扫一扫.{0,12}|在手机.{0,8}打开.{0,6}|无障碍(?:浏览)?|上一篇.*|下一篇.*|[\d\-:\s]+|[【】\[\]\s|｜]"
)
CHROME_LINE_MARK = re.compile(alternation(CHROME_LINE_MARKS))
WHERE_LABEL = r"(?:您的|您现在的|您所在的|您)?(?:当前)?(?:所在)?的?位置"
"""A breadcrumb's label (``当前位置``, ``您当前所在位置``, ``您现在的位置``)."""
HOME_STEP = r"(?:网站)?首页\s*[>＞»›]"
"""A breadcrumb's first step, the site's home page (``首页>``, ``网站首页 »``)."""
BREADCRUMB = re.compile(rf"^(?:{WHERE_LABEL}\s*[:：]\s*)?{HOME_STEP}")
FIELD_KEYS = {
    "发文字号": "number",
    "发文文号": "number",
    "发文部门": "authority",
    "发文时间": "date",
    "发文标题": "title",
    "文件标题": "title",
    "文号": "number",
    "文件号": "number",
    "发布机构": "authority",
    "所属机构": "authority",
    "发文机关": "authority",
    "发布机关": "authority",
    "发文机构": "authority",
    "发文单位": "authority",
    "发布单位": "authority",
    "成文日期": "date",
    "发文日期": "date",
    "生成日期": "date",
    "产生日期": "date",
    "印发日期": "issued",
    "发布日期": "published",
    "发布时间": "published",
    "颁布日期": "published",
    "公布日期": "published",
    "公开日期": "published",
    "时间": "published",
    "编稿时间": "published",
    "发稿时间": "published",
    "录入时间": "published",
    "日期": "published",
    "有效性": "validity",
    "效力状态": "validity",
    "时效性": "validity",
    "来源": "source",
    "信息来源": "source",
    "名称": "title",
    "中文名": "title",
    "标题": "title",
    "索引号": "index",
    "信息索引号": "index",
    "主题分类": "topic",
    "组配分类": "topic",
    "文件分类": "topic",
    "体裁分类": "genre",
    "公文种类": "genre",
    "公开方式": "disclosure",
}
"""What each labelled field of a page gives; the value is also kept under its label as the page printed it
(``生成日期`` → ``2018-03-28``, ``发布日期`` → ``2023-01-30 08:56``), for an answer that quotes the field."""
PRINTED_LABELS = tuple(label for label, key in FIELD_KEYS.items() if key != "title")
"""The labels whose printed value a document keeps (its issuer, 文号 and dates as the page's fields give them, and
what the page files it under: 索引号, 主题分类, 体裁分类, 公开方式, and where it took the page from: 来源)."""
FILING_KEYS = ("index", "topic", "genre", "disclosure", "source")
"""The fields that say how a site files a page (索引号, 主题分类 …) and where it took it from (来源): asked about,
never words naming the plan."""
SPACED_LABEL = re.compile(
    r"[\[【]\s*(?P<bracketed>[\u4e00-\u9fa5](?:\s*[\u4e00-\u9fa5]){1,5})\s*[\]】]\s*(?P<colon>[:：]?)"
    r"|(?<![\u4e00-\u9fa5])(?P<spaced>[\u4e00-\u9fa5](?:[ \u3000]+[\u4e00-\u9fa5]){1,4})"
    r"(?=[ \u3000]*[:：|｜]|[ \u3000]{2}|[ \u3000]*$)"
)
"""A field's label in brackets (``[ 索引号 ]``, ``【发布机构】``) or with spaces between its characters (``索 引 号：``,
``[ 有  效  性 ]``), as government sites print their heads."""
GOVERNMENT = re.compile(rf"^[\u4e00-\u9fa5]{{2,20}}(?:{alternation(RED_HEADER_ENDS)})$")
"""A page's 来源 that is a government or a department of one (丽水市政府, 青禾县人民政府办公室, 东浦区发展和改革局): the
plan's issuer when the text names none."""
LEADING_STAMP = re.compile(r"^\s*(?P<stamp>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*(?=\S)")
"""The time a news page prints with no label before its source and editor (``2024-05-06 10:20:30 来源:本网``): the
time it was published."""
TRAILING_CHROME = re.compile(rf"^(?P<text>[^\s。；，]{{4,70}}?)[\s\u3000]*(?P<chrome>(?:{CHROME_LABELS})\s*[:：].*)$")
"""A title with the page's chrome after it on one line (``X实施方案 发布时间:2022-10-10``)."""
HEAD_LINES = 30
SOURCE_NOTE = re.compile(r"^\s*[（(](?:信息来源|文章来源|来源)[:：](?P<source>[^（()）:：。]{2,30})[）)]\s*(?=\S)")
"""A page's source in brackets before the text's first sentence on its line (``（来源：甲省民宗委）为全面…``)."""
COLUMN_LINE = re.compile(r"^(?:所属)?栏目\s*[丨｜|:：]")
"""A line naming the site's column the page sits in (``栏目丨通知公告``, ``栏目：政策文件``)."""
COLUMN_PREFIX = re.compile(r"^[\u4e00-\u9fa5]{2,8}\s*[丨｜]\s*(?=\S)")
"""A column's name before the page's title on its line (``政策文件丨青禾市人民政府关于…``)."""
PERIOD_LINE = re.compile(r"^[（(][^（()）]{2,20}[）)]$")
"""A title's last line that is only its period or status in brackets (``（2024—2026年）``, ``（试行）``)."""
OPEN_LOST_PERIOD = re.compile(r"^\d{4}\s*[—–\-~～至]+\s*\d{4}年?[）)]$")
"""A title's period line whose opening bracket the page lost (``2015—2020年)``)."""
TITLE_TAIL = re.compile(rf"^[^。；，：:]{{0,12}}{PLAN_WORDS}$")
"""A title's last line after a break right before its kind (``关于…的\n实施意见``); a heading below a whole title
(``…奖励\n奖补办法``) does not follow a ``的``."""
REPORT_HEADING = re.compile(
    rf"^(?:[\u4e00-\u9fa5]{{2,4}}{PLAN_WORDS}|[^《》]{{2,30}}?(?:出台|印发|发布|出炉|推出)[^《》]{{2,40}})$"
)
"""A title line that is a site's column heading (``规划计划``, ``政府工作报告``) or a news headline with its verb
(``甲区出台养老服务提升行动方案``): the plan's title is the one the sentence under it names, when it names one."""
HANDED = re.compile(
    r"^(?:现将|经[^，,。《]{2,20}同意[，,]现将)?《(?P<title>[^《》]{4,90})》(?:(?:已经|已|经)[^，,。《]{2,40}?(?:同意|通过|完成)[，,])*"
    r"\s*(?:现?(?:印发|转发)(?:给)?你们|现予以?(?:印发|转发))"
)
"""The sentence of a notice that hands the plan out: ``《X》已经市政府同意，现印发给你们`` / ``现将《X》印发给你们`` /
``《X》已经修订完成，经区人民政府同意，现予印发``."""
BYLINE = re.compile(r"^(?:发布人|发布者|发稿人|信息发布人|发布单位)\s*[:：]")
"""A page's byline under its title, one the chrome reader keeps (who posted it)."""
BRACKET_FIELD = re.compile(rf"(?:文章属性)?\s*[•·]?\s*【(?P<label>{alternation(BRACKET_FIELD_LABELS)})】\s*")
"""A law database's field (``•【制定机关】``), on the title's line or its own: it starts a label line of its own."""
RED_HEADER_ORGAN = rf"[\u4e00-\u9fa5]{{2,30}}?(?:{alternation(RED_HEADER_ENDS)})"
ORGAN_NOTICE = re.compile(rf"^(?P<authority>{RED_HEADER_ORGAN})印发(?P<plan>[^。；]{{4,100}}?)的通知$")
"""A notice titled with its issuer and verb but no 关于 (``甲市人民政府办公室印发甲市关于…的意见的通知``), as sites and
news pages title it."""
RED_HEADER = re.compile(rf"^(?P<organ>{RED_HEADER_ORGAN})文件$")
"""The red header of a 公文 (``甲市人民政府办公室文件``): who issued it, and so its place."""
ORGAN = re.compile(rf"[\u4e00-\u9fa5]{{2,28}}(?:{alternation(SIGNER_ENDS)})")
"""A line that is one body's name (a signature line)."""
BARE_OFFICE = re.compile(r"办公室|办公厅|秘书处|秘书科|综合科")
"""An office named without its body, as a notice's title broken before it leaves it (``甲市…领导小组\n办公室关于
印发…``): the body is on the line above."""
MAX_SIGNERS = 12
"""The most lines of bodies a joint signature prints above its date (two a line: ``甲部、乙部``)."""
BASIS_VERB = re.compile(r"贯彻|落实|根据|依据|按照|遵照")
"""Words that open a plan's basis: 为贯彻落实《X》（文号）精神 / 根据《X》要求."""
OPENING = re.compile(r"^(?:为|根据|依据|按照|遵照)(?=.*(?:制定|制订|编制|提出|特作|现就|如下|结合|通知))")
"""The plan's opening sentence: it says why (为…/根据…) and that the plan is made (制定本方案, 特制订本方案,
编制了《…》, 提出以下意见)."""
CARRIED_FILE = re.compile(r"(?:推进|推动|执行好?)(?=《)")
"""A verb that names the file the plan carries out when the file follows it at once (``为深入推进《X》在甲州实施``);
other words after 推进 (``为推进乡村振兴``) name no file."""
MADE_PLAN = re.compile(r"(?:编制|制定|制订|起草)(?:了|完成)?(?=《)")
"""Where an opening names the plan it makes (``…根据《X》，编制了《Y》``): the files after it are the plan's own."""
CUT_OPENING = re.compile(
    r"^[^。；;《》]{2,40}[，,](?:为|根据|依据|按照|遵照)[^。；;]*[，,](?:现就|特制定|制定本|制定如下|制定以下)"
)
"""An opening sentence a page cut before its first words (``…质量全面提升，依据《X》精神，结合市实际，现就…``):
its basis verb after a clause, and it goes on to make this plan."""
YEAR_WORK_OPENING = re.compile(r"^(?:\d{4}年|今年)[^，,。；;]{0,20}工作")
"""The opening sentence of a year's work arrangement (``2020年全区食品安全工作，坚持…，认真落实《X》（文号）…``): it
names a basis by its 文号, and the arrangement itself follows (``现就…作出如下安排``)."""
BASIS_END = re.compile(r"精神|要求|部署|规定|有关|，结合|,结合|[，,]制[定订]|，特|,特|，就|,就|，现|,现")
"""Where the basis part of the opening sentence ends and its purpose begins."""
FILE_NUMBER = r"[^（()）]{0,16}?[〔\[［（(【]\d{4}[〕\]］）)】]\s?\d{1,4}号|[^（()）]{0,12}?令第\s?\d{1,4}\s?号"
"""A file's number as a citation gives it: a 文号 (``甲政发〔2018〕5号``) or an order's 令号 (``国务院令第7号``)."""
SHORT_NAME = r"[，,；;]\s*以下简称[^（()）]{1,24}"
"""The short name a citation gives its file after the 文号 in one bracket
(``（甲发〔2006〕7号，以下简称《纲要》）``)."""
BASIS_FILE = re.compile(
    r"(?P<issuer>[^《》，,。；;（()）]{0,16}?)《(?P<title>(?:[^《》]|《[^《》]*》){4,160})》\s*"
    rf"(?:[（(](?P<number>{FILE_NUMBER})(?:{SHORT_NAME})?[）)])?"
)
"""A file the plan rests on: an optional issuer, its title in book-title marks (one title may stand inside it:
``《甲办关于印发《乙方案》的通知》``) and its 文号 or 令号 in brackets."""
ADDRESSEE = re.compile(
    r"^(?P<bodies>(?=[^。；;：:]*(?:各|有关))(?![一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[）)])"
    rf"(?=.*(?:{alternation(UNIT_NAME_ENDS)}|[)）])[：:]$)"
    r"[^。；;：:（(]{0,40}(?:[（(][^。；;：:]{0,12}[）)][^。；;：:（(]{0,40}){0,4})[：:]$"
)
"""A notice's 主送 line: bodies only, a group among them (各…, 有关…), ending in a colon after a body's name
(``各乡镇（街道）人民政府（办事处）：``, ``区安委会各成员单位：``); not a numbered heading nor a sentence
(``各地要做好以下工作：``)."""
BODIES_BEFORE = re.compile(r"(?=[^。；;：:《》]*(?:各|有关))[^。；;：:《》]{4,160}[：:]")
"""The 主送 bodies before the opening on one line of a page with few line breaks: a list naming a group (各…, 有关…)
up to its colon; it counts only when the plan's opening sentence follows."""
TITLE_LABEL = re.compile(r"^(?:标题|名称)[:：]?\s*")
"""A page's 标题/名称 label that lost its colon before a notice's title (``标题甲局关于印发…的通知``)."""
OPENING_CHARS = 3000
BARE_ISSUED = re.compile(
    r"^(?P<organ>[^，,。；;《》“”]{0,30}?)(?:近日|日前|最近|正式|联合)*(?:印发|出台|发布|推出)了?"
    rf"(?P<title>[^，,。；;：:《》“”]{{4,60}}?{PLAN_WORDS})(?=[，,。；;]|$)"
)
"""A report's lead sentence that names the plan bare (``甲省近日发布第二期学前教育三年行动计划，提出…``)."""
CITED_NUMBER = rf"\s*[（(](?P<number>{FILE_NUMBER})(?:{SHORT_NAME})?[）)]"
"""A file's 文号 in brackets right after its title."""
FORWARDED = re.compile(
    r"现将(?P<issuer>[^《》，,。；;（()）]{0,16}?)《(?P<title>[^《》]{4,120})》" + CITED_NUMBER + r"\s*转发(?:给)?你们"
)
"""A notice forwarding a higher-level file with its 文号: ``现将《X》（X发〔2014〕1号）转发你们``."""
ISSUER_TRIM = re.compile(
    r"^(?:等[\u4e00-\u9fa5]{0,6}?(?:以及|[和及与、])|[、和及与]|以及|深入|认真|全面|新修订的|印发的|执行好?|推进|推动)+"
)
ISSUING = r"(?:出台|印发)?下发|出台|印发|发布"
"""How a report says a body issued a plan: 印发, 发布, 出台, 下发, 出台下发."""
ISSUED = re.compile(rf"(?:{ISSUING}|制定|制订|公布|形成)[了的]?《(?P<title>[^《》\n]{{4,90}}?)》")
"""A sentence that names the plan a page reports on: 印发《…》, 出台《…》, 公布《…》, 特制订《…》, 形成了《…》."""
ISSUED_AFTER = re.compile(
    r"《(?P<title>[^《》\n]{4,90}?)》(?:[（(]以下简称[^（()）]{1,20}[）)])?[，,]?\s*"
    r"(?:近日|日前|目前|已|正式|于\d{4}年\d{1,2}月(?:\d{1,2}日)?)*(?:印发|下发|出台|发布|公布)(?![给到至])"
)
"""The same sentence with the plan before its verb, as a news item writes it: ``《…实施方案》（以下简称《方案》）
近日印发``, ``《…》日前出台``; not a notice handing its plan out (``现印发给你们``)."""
REPORTED_ORGAN = rf"[\u4e00-\u9fa5]{{2,30}}?(?:{alternation((*RED_HEADER_ENDS, *SEATED_BODY_ENDS))})"
"""A body a report says issued a plan: a government or department, or a body it set up (``甲省…产业发展领导小组``)."""
ISSUED_BY = re.compile(
    rf"(?:(?P<date>\d{{4}}年\d{{1,2}}月(?:\d{{1,2}}日)?)[,，]?\s*)?(?P<organ>{REPORTED_ORGAN}(?:(?:[、和]|会同){REPORTED_ORGAN})*)"
    rf"(?:于(?P<dated>\d{{4}}年\d{{1,2}}月(?:\d{{1,2}}日)?))?"
    rf"(?:近日|日前|正式|联合|以[^，,。《]{{2,20}}?号)*(?:{ISSUING})了?《(?P<title>[^《》\n]{{4,90}}?)》"
)
"""Who issued the plan, and when, as a report says it: ``2023年7月，甲省人民政府办公厅印发《…》``; an entry names
joint issuers and may write 发布 (``2023年12月，甲委办公厅、甲省人民政府办公厅发布《…》``), or one body 会同 another and
the time after them (``州商务局会同州邮政管理局于2022年10月印发了《…》``)."""
CONSULTING_ORGAN = rf"[\u4e00-\u9fa5]{{2,30}}?(?:{alternation((*RED_HEADER_ENDS, *DEPARTMENT_ENDS))})"
CONSULTED_BY = (
    re.compile(
        rf"(?P<organ>{CONSULTING_ORGAN})(?:近日|日前)?(?:发布)?关于(?:向社会)?(?:公开)?征求"
        r"《(?P<title>[^《》\n]{4,90}?)》的?意见"
    ),
    re.compile(rf"(?P<organ>{CONSULTING_ORGAN})关于《(?P<title>[^《》\n]{{4,90}}?)》[^《》。\n]{{0,10}}?征求意见"),
)
"""Who drafted a plan a page gives as a draft for comment: the body that consults on it (``甲市住房城乡建设委发布关于
向社会公开征求《乙方案(征求意见稿)》意见的公告``, ``甲市农业农村局关于《乙政策》第二次公开征求意见的公告``)."""


@dataclass
class Identity:
    """What a document says about itself."""

    title: str = ""
    authority: str = ""
    number: str = ""
    date: str = ""
    place: str = ""
    basis: list[str] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)  # 成文日期/发布日期/印发日期 → 2024年3月8日, as the page gives
    fields: dict[str, str] = field(default_factory=dict)  # 生成日期 → 2018-03-28: the page's fields as it printed them
    addressee: str = ""  # whom a notice is sent to (主送): 各乡镇人民政府，县政府各部门


def strip_chrome(text: str) -> tuple[str, dict[str, str]]:
    """The text without web-page chrome lines, and the metadata fields those lines carried."""
    kept: list[str] = []
    fields: dict[str, str] = {}
    lines = BRACKET_FIELD.sub(lambda m: f"\n{BRACKET_FIELD_LABELS[m.group('label')]}：", text).split("\n")
    head = [spaced_labels(bulleted_field(line)) for line in lines[:HEAD_LINES]]
    lines = labelled_lines(stacked_fields(head + lines[HEAD_LINES:]))
    for i, line in enumerate(lines):
        if i < HEAD_LINES:
            if COLUMN_LINE.match(line):  # ``栏目: 政策文件 发布时间:2022-06-23``: chrome, its time a field
                for key, value in (_chrome_fields(line) or {}).items():
                    fields.setdefault(key, value)
                continue
            line = ENGLISH_LABEL.sub("", COLUMN_PREFIX.sub("", line))
        note = SOURCE_NOTE.match(line) if i < HEAD_LINES + 10 else None
        if note:  # ``（来源：甲委）为贯彻…``: the note is the page's, the sentence the plan's
            fields.setdefault("source", note.group("source").strip())
            line = line[note.end() :]
        if i < HEAD_LINES + 10 or i >= len(lines) - 8:
            trailing = TRAILING_CHROME.match(line)
            carried = _chrome_fields(trailing.group("chrome")) if trailing else None
            if trailing and carried is not None and TITLE_LINE.match(trailing.group("text")):
                line = trailing.group("text")
                for key, value in carried.items():
                    fields.setdefault(key, value)
            found = _chrome_fields(line)
            if found is not None:
                for key, value in found.items():
                    fields.setdefault(key, value)
                continue
        kept.append(line)
    return "\n".join(kept), fields


BULLETED_FIELD = re.compile(rf"^\s*[•·●◆■▪]\s*(?P<label>{CHROME_LABELS})[ \u3000]*(?P<value>\S.*?)?\s*$")
"""A field of a page's head as a bullet list prints it: a bullet, its label, its value (``• 成文日期 2022-04-02``,
spaces or none between), or its label alone when the page leaves it empty (``• 发文字号``)."""


def bulleted_field(line: str) -> str:
    """``line`` as ``label：value`` when it is a bulleted field (:data:`BULLETED_FIELD`); ``""`` for an empty one, whose
    label alone must take no other line as its value; any other line as it is."""
    field = BULLETED_FIELD.match(line)
    if not field or not CELL_LABEL.match(field.group("label")):
        return line
    return f"{field.group('label')}：{field.group('value')}" if field.group("value") else ""


def spaced_labels(line: str) -> str:
    """``line`` with its fields' labels written plainly: a bracketed label given its colon unless a ``|`` cell or a
    colon follows (``[ 索  引  号 ] 0015/2022-07`` → ``索引号：0015/2022-07``), a spaced one closed up (``索 引 号:`` →
    ``索引号:``); a bracket or run of spaced characters that is no known label stays as it is."""

    def plain(match: re.Match[str]) -> str:
        words = match.group("bracketed") or match.group("spaced")
        label = re.sub(r"[ \u3000]+", "", words)
        if not CELL_LABEL.match(label):
            return match.group(0)
        if match.group("spaced"):
            return label
        rest = line[match.end() :].lstrip()
        if rest.startswith(("|", "｜")):
            return f"{label} "
        return f"{label}{match.group('colon') or '：'}"

    return SPACED_LABEL.sub(plain, line)


ENGLISH_LABEL = re.compile(r"(?<=[\u4e00-\u9fa5])\s*(?:Source|Date|Time|Hits|Views|Author|Editor|From)(?=\s*[:：])")
"""The English a bilingual page prints after its labels (``来源 Source:…  日期 Date:2019-05-30  点击 Hits:58``)."""
STACKED_LABELS = 3
"""The fewest labels a page's head prints each on a line above its value for them to be read as its fields."""


def stacked_fields(lines: list[str]) -> list[str]:
    """The head's fields a page prints a label a line, its value on the next (``索引号`` / ``1137…`` / ``发布机关`` /
    ``甲县政府`` / ``统一编号`` / ``发布日期`` / …), each joined on one line (``发布机关：甲县政府``; a label with
    no value stays alone); other lines as they are. Read only when the head has at least :data:`STACKED_LABELS`."""
    head = lines[:HEAD_LINES]
    labels = [at for at, line in enumerate(head) if CELL_LABEL.match(line.strip())]
    if len(labels) < STACKED_LABELS:
        return lines
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at].strip()
        following = lines[at + 1].strip() if at + 1 < len(lines) else ""
        if at in labels and following and at + 1 not in labels:
            out.append(f"{line.rstrip(':：')}：{following}")
            at += 2
            continue
        out.append(lines[at])
        at += 1
    return out


LINE_LABEL = re.compile(rf"^(?P<label>{FIELD_LABELS})(?![:：\s])(?=\S)")
"""A head line that is a field whose colon the page lost (``发文机关甲市人民政府``, ``发文字号甲政办〔2023〕11号``)."""


def labelled_lines(lines: list[str]) -> list[str]:
    """The head's fields printed a line each with no colon after the label (``发文机关甲市人民政府`` /
    ``发文日期2023年08月18日`` / ``时效性现行有效``), each given its colon: only in a run of at least
    :data:`STACKED_LABELS` such lines one after the other, each with one label (a line of several runs its fields
    together, which :func:`_colonless_fields` reads); every other line as it is."""
    out = list(lines)
    run: list[tuple[int, re.Match[str]]] = []
    for at, line in enumerate([*lines[:HEAD_LINES], ""]):
        match = LINE_LABEL.match(line.strip())
        if match and not FIELD_LABEL.search(match.string[match.end() :]):
            run.append((at, match))
            continue
        if len(run) >= STACKED_LABELS:
            for i, found in run:
                out[i] = f"{found.group('label')}：{found.string[found.end() :]}"
        run = []
    return out


def _chrome_fields(line: str) -> dict[str, str] | None:
    """The metadata of a chrome line, or ``None`` when ``line`` is text."""
    cells = _cell_fields(line)
    if cells is not None:
        return cells
    if _colonless_chrome(line):
        return _colonless_fields(line)
    matches = [m for m in CHROME_FIELD.finditer(line) if not _label_in_phrase(line, m)]
    rest = line
    fields: dict[str, str] = {}
    stamp = LEADING_STAMP.match(line)
    if stamp and matches and matches[0].start() == stamp.end():  # ``2024-05-06 10:20:30 来源:本网 责任编辑:…``
        fields["published"] = fields["时间"] = stamp.group("stamp")
    for match, following in zip(matches, [*matches[1:], None]):
        value = line[match.end() : following.start() if following else len(line)].strip()
        key = FIELD_KEYS.get(match.group("label"))
        if key and _field_value(value):
            fields[key] = _field_value(value)
            fields[match.group("label")] = _field_value(value)
        rest = rest.replace(match.group(0) + value, "", 1) if value else rest.replace(match.group(0), "", 1)
    if matches and not fields and len(matches) == 1 and matches[0].start() > 0:
        return None  # ``……来源：…`` inside a sentence
    if any("。" in value for value in fields.values()):
        return None  # a field's value is no sentence: the line is the text's (``来源：…，制定本方案。``)
    leftover = CHROME_WORDS.sub("", rest)
    if _is_chrome_only(line):
        return fields
    if (matches or CHROME_WORDS.fullmatch(line.strip())) and len(leftover) <= 2:
        return fields
    return None


def _label_in_phrase(line: str, match: re.Match[str]) -> bool:
    """Whether a bare ``时间`` label ends a phrase of the text (``完成时间：2024年6月``) rather than starting a page's
    field: it is a field's label only at the line's start or after another field (``来源:本网 时间:2024-05-06``)."""
    if match.group("label") != "时间":
        return False
    before = line[: match.start()]
    return bool(re.search(r"[\u4e00-\u9fa5]$", before.rstrip("【[ ")) and not CHROME_FIELD.search(before))


def _field_value(value: str) -> str:
    """A field's value without the table's bars, cut where another field's label starts inside it
    (``东浦区水利局生成日期2024-03-08`` → ``东浦区水利局``); ``""`` for an empty field (``| |``)."""
    value = value.strip(" |｜\t\u3000")
    inner = FIELD_LABEL.search(value)
    return value[: inner.start()].strip(" |｜\t\u3000") if inner else value


def _cell_fields(line: str) -> dict[str, str] | None:
    """The fields of a line of ``|`` cells that pairs labels with values (``发布单位|区政府|发文日期|2024-03-08|``,
    ``发布机构: | |``), or ``None`` when the line is no such row."""
    cells = [cell.strip() for cell in line.strip().strip("|｜").split("|")]
    if len(cells) < 2 or not CELL_LABEL.match(cells[0]):
        return None
    fields: dict[str, str] = {}
    i = 0
    while i < len(cells):
        if not cells[i]:
            i += 1  # an empty cell where a label would stand (``发文单位 | 甲厅 | |``)
            continue
        paired = CELL_PAIR.match(cells[i])
        if paired and not CELL_LABEL.match(cells[i]):  # ``发布日期:2014年09月02日`` in a cell of its own
            label, value = paired.group("label"), _field_value(paired.group("value"))
            if FIELD_KEYS.get(label) and value:
                fields[FIELD_KEYS[label]] = fields[label] = value
            i += 1
            continue
        if not CELL_LABEL.match(cells[i]):
            return None  # a value with no label before it: a table's row, not the page's fields
        label = cells[i].rstrip(":：")
        following = cells[i + 1] if i + 1 < len(cells) else ""
        value = following if not CELL_LABEL.match(following) and not CELL_PAIR.match(following) else ""
        key = FIELD_KEYS.get(label)
        if key and _field_value(value):
            fields[key] = _field_value(value)
            fields[label] = _field_value(value)
        i += 2 if value or (i + 1 < len(cells) and not cells[i + 1]) else 1
    return fields


def _colonless_fields(line: str) -> dict[str, str]:
    """The fields of a line of labels whose colons were lost: each label's value runs to the next label."""
    labels = list(FIELD_LABEL.finditer(line))
    fields: dict[str, str] = {}
    for label, following in zip(labels, [*labels[1:], None]):
        printed = " ".join(line[label.end() : following.start() if following else len(line)].split())
        value = re.sub(r"\s+", "", printed)
        key = FIELD_KEYS.get(label.group(0))
        if key == "number":
            number = DOC_NUMBER.search(value)
            value = printed = number.group(0) if number else ""
        if key and value:
            fields.setdefault(key, value)
            fields.setdefault(label.group(0), printed)
    return fields


def _colonless_chrome(line: str) -> bool:
    """A line of labels whose colons were lost (``发布机构区人民政府办公室文号蔡政办〔2023〕1号``)."""
    return (
        CHROME_LABEL_START.match(line) is not None
        and len(CHROME_LABEL.findall(line)) >= 2
        and not re.search(r"[。，,；;：:]", line)
        and len(line) <= 80
    )


def _is_chrome_only(line: str) -> bool:
    if BREADCRUMB.match(line):
        return True
    return len(line) <= 40 and len(CHROME_WORDS.sub("", line)) <= 1 and bool(CHROME_LINE_MARK.search(line))


def read_identity(text: str, fields: dict[str, str], source: str) -> Identity:
    """Title, issuer, 文号, date and place of a chrome-free normalised text."""
    lines = text.split("\n")[:HEAD_LINES]
    identity = Identity()
    notice = _notice(lines) or _notice([fields.get("title", "")])  # a 标题 field may hold the notice
    forwarding = next((found for line in lines if (found := FORWARDING.match(line))), None)
    if notice is not None:
        identity.authority, identity.title = notice
    elif forwarding is not None:
        identity.authority, identity.title = forwarding.group("authority"), forwarding.group(0)
    elif not any(FORWARDS.search(line) for line in lines):
        identity.authority, identity.title = _own_notice(lines) or ("", "")
    reported = False
    if not identity.title and not _title_line(lines):
        identity.authority, identity.title = _issued(text)
        reported = bool(identity.title)
        if not identity.title:
            identity.authority, identity.title = _bare_issued(text)
    if not identity.title:  # a site's heading or a news headline above the sentence that names the plan
        identity.authority, identity.title = _reported(lines, _title_line(lines))
    identity.title = (
        identity.title
        or _title_line(lines)
        or _publicized_title(lines)
        or _headline_title(lines)
        or _handed_title(lines)
        or _byline_title(lines)
        or fields.get("title", "")
        or _run_in_title(lines)
        or _made_title(lines)
        or _file_title(source)
    )
    identity.title = _clean_title(_with_years(identity.title, _below_own_line(lines, identity.title)))
    signed = _authority_before_date(lines)
    if _fuller(signed, identity.authority):
        identity.authority = signed  # the notice line says 区政府办公室, the signature 蔡河区人民政府办公室
    named = fields.get("authority", "")
    if _fuller(named, identity.authority) and identity.authority:
        identity.authority = named  # the notice line says 县人民政府办公室, the page's field 柳河县人民政府办公室
    identity.authority = (
        identity.authority
        or signed
        or named
        or _government(fields)
        or _issuer_above_title(lines, identity.title)
        or _issuer_of(text[:OPENING_CHARS], identity.title)
        or _titled_issuer(identity.title)
    )
    identity.authority = _joint_issuers(identity.authority)
    cited = cited_number(text[:OPENING_CHARS], identity.title) if reported else None
    identity.number = (
        (cited[0] if cited else "")  # a report's plan has the 文号 beside its title, not the reporting page's own
        or _number(lines)
        or _notice_number(lines)
        or _number_of(fields.get("number", ""))
        or _number(text.split("\n")[-15:])
    )
    identity.date = _date(text, lines, fields) or _issued_date(text, identity.title)
    identity.dates = _dates(text, identity.date, fields)
    identity.place = _inner_place(_place(identity.title), _place(identity.authority), identity.title)
    identity.place = identity.place or _place(identity.authority) or _place(_red_header(lines))
    identity.basis = read_basis(text) or _title_basis(identity.title, text)
    identity.fields = {label: fields[label] for label in PRINTED_LABELS if fields.get(label)}
    identity.addressee = _addressee(lines)
    return identity


SECOND_ISSUER = re.compile(
    r"(?P<state>中共|中国共产党|国务院|中央|全国)|(?P<place>[\u4e00-\u9fa5]{1,6}?[省市县区州旗盟])"
)
"""How the second of two bodies whose names a page ran together starts: the party, the state, or the place the
first is of."""


def _joint_issuers(authority: str) -> str:
    """Two bodies a page's headline printed apart (``中共甲省委办公厅 甲省人民政府办公厅``) and normalising ran
    together, each named whole, with ``、`` between them; one body's name (``中共甲市委员会办公厅``) as it is."""
    if "、" in authority:
        return authority
    for at in range(4, len(authority) - 4):
        first, second = authority[:at], authority[at:]
        opening = SECOND_ISSUER.match(second)
        if not (opening and first.endswith(SIGNER_ENDS) and ORGAN.fullmatch(first) and ORGAN.fullmatch(second)):
            continue
        if opening.group("state") or opening.group("place") in first:  # 甲省…、甲省…: the place both are of
            return f"{first}、{second}"
    return authority


def _addressee(lines: list[str]) -> str:
    """Whom a notice is sent to: the head's first line that is a list of bodies ending in a colon
    (``各乡镇人民政府，县政府各部门：``, ``区安委会各成员单位:``), without the colon; ``""`` when there is none."""
    for line in lines:
        found = ADDRESSEE.match(line.strip())
        if found and not CHROME_LABEL_START.match(line.strip()):
            return found.group("bodies")
    return ""


def _fuller(name: str, short: str) -> bool:
    """Whether ``name`` is ``short`` with its place before it; 政府 and 人民政府 are one body
    (``区政府办公室`` → ``甲市乙区人民政府办公室``)."""
    full, tail = name.replace("人民政府", "政府"), short.replace("人民政府", "政府")
    return full.endswith(tail) and len(full) > len(tail)


def _issuer_above_title(lines: list[str], title: str) -> str:
    """The bodies printed on the line above the plan's own title, which may run on over the next lines
    (``中共甲市委、甲市人民政府`` / ``关于深化…的实施意见``): the issuers of a document that is no notice; ``""`` when
    the line above the title is no list of bodies."""
    if len(title) < 8:
        return ""
    for at, line in enumerate(lines[1:], start=1):
        if title.startswith(line[:8]) and len(line) >= 8 and _bodies(lines[at - 1]):
            return lines[at - 1]
    return ""


def _bodies(line: str) -> bool:
    """Whether ``line`` names bodies and nothing else (``中共甲市委、甲市人民政府``)."""
    names = [name for name in re.split(r"[、\s]+", line.strip()) if name]
    return 0 < len(names) <= MAX_SIGNERS // 2 and all(ORGAN.fullmatch(name) for name in names)


def _red_header(lines: list[str]) -> str:
    """The issuer a red header names (``甲市人民政府办公室文件``), else ``""``."""
    found = next((m for m in map(RED_HEADER.match, lines[:5]) if m), None)
    return found.group("organ") if found else ""


WRAPPED_VERB = re.compile(r"((?:^|\n)为(?:进一步|深入|认真|全面)?(?:贯彻落实|贯彻|落实))\n(?=《)")
"""An opening a page broke right after its verb (``为进一步落实`` / ``《X》（文号）精神，…``)."""
HANDING = re.compile(r"印发给?你们|转发给?你们")
FIRST_ARTICLE = re.compile(r"^\s*第一条\s*")
SHORT_NAMED = re.compile(r"》?\s*[（(][^（）()]{0,30}(?:以下简称|下称|简称)")
"""Right after a plan's title, the short name the page gives it (``（白商发〔2022〕9号，以下简称《实施方案》）``)."""
OWN_SHORT_NAME = re.compile(r"[（(](?:以下简称|下称|简称)《[^《》]{1,20}》[）)]")
"""The short name a plan gives itself or a file it cites (``（下称《防治方案》）``): no file of its basis."""
HANDING_BASIS_END = re.compile(r"精神|要求|部署|[，,](?:经|现|特)")
"""Where the cited files of a notice's handing sentence end: before its own plan is named (``，现将《Y》印发``)."""


def read_basis(text: str) -> list[str]:
    """The higher-level files the plan's opening sentence says it carries out (``为贯彻落实《X》（X政发〔2022〕14号）
    精神…制定本方案``, ``根据A《X》（文号）和B《Y》（文号），结合…``), each as ``issuer《title》（文号）``; or the
    file a notice forwards (``现将《X》（文号）转发你们``)."""
    forwarded = FORWARDED.search(text[:OPENING_CHARS])
    if forwarded:
        return [_basis_line(forwarded)]
    opening = WRAPPED_VERB.sub(r"\1", text[:OPENING_CHARS])  # ``为进一步落实\n《X》（文号）精神``: one sentence
    for sentence in map(after_addressee, re.split(r"[。\n]", opening)):
        sentence = FIRST_ARTICLE.sub("", sentence)  # a 办法's ``第一条 为…，根据《X》…，制定本办法``
        sentence = OWN_SHORT_NAME.sub("", sentence)  # ``制定本方案（下称《防治方案》）``: the plan's own short name
        verb = BASIS_VERB.search(sentence) or CARRIED_FILE.search(sentence)
        yearly = YEAR_WORK_OPENING.match(sentence.strip())
        handing = HANDING.search(sentence)
        opens = OPENING.match(sentence.strip()) or CUT_OPENING.match(sentence.strip())
        if not (opens or yearly) or not verb:
            continue
        stretch = sentence[verb.end() :]
        made = MADE_PLAN.search(stretch)
        stretch = stretch[: made.start()] if made else stretch
        if handing:  # ``为贯彻《X》（文号），经…同意，现将…印发给你们``: the files cited before the plan is handed out
            end = HANDING_BASIS_END.search(stretch)
        else:
            end = BASIS_END.search(stretch, stretch.rfind("》") if "》" in stretch else 0)
        found = BASIS_FILE.finditer(stretch[: end.start() if end else None])
        files = [_basis_line(f) for f in found if f.group("number") or not (yearly or handing)]
        if files:
            return files
    return _basis_section(text[:BASIS_SECTION_CHARS])


BASIS_HEADING = re.compile(
    r"^[\dlI一二三四五六七八九十（）()．.、\s]{1,10}(?:编制|制定|制订|起草|政策)依据[。.：:]?\s*"
)
"""A 预案's heading of its basis (``1.2编制依据``, ``（二）编制依据``), or a 解读 page's (``二、政策依据``,
``二、起草依据``), its text on its line or the next."""
BASIS_SECTION_CHARS = 6000


TITLE_BASIS = re.compile(r"^(?:关于)?(?:贯彻落实|贯彻|落实|实施)《(?P<title>[^《》]{4,60})》")
"""A title that says which file the plan carries out (``贯彻落实《甲市条例》推进…实施方案``)."""


def _title_basis(title: str, text: str) -> list[str]:
    """The file a plan's title says it carries out, with the 文号 the text cites for it; ``[]`` when it names none."""
    found = TITLE_BASIS.match(title)
    if not found:
        return []
    cited = cited_number(text, found.group("title"))
    return [f"《{found.group('title')}》" + (f"（{cited[0]}）" if cited else "")]


def _basis_section(text: str) -> list[str]:
    """The files a plan's ``编制依据`` part names (``《甲法》、《乙条例》等法律法规和《丙预案》等。``), each as
    ``《title》（文号）``; ``[]`` when the plan has no such part or it names no file in book-title marks."""
    lines = text.split("\n")
    for at, line in enumerate(lines):
        heading = BASIS_HEADING.match(line.strip())
        if not heading:
            continue
        body = line.strip()[heading.end() :] or next((x for x in lines[at + 1 : at + 3] if x.strip()), "")
        if heading_number_end(body):
            return []  # the part is empty: the next heading follows
        return [_basis_line(found) for found in BASIS_FILE.finditer(body)]
    return []


def after_addressee(sentence: str) -> str:
    """The sentence without the 主送 bodies a page with few line breaks writes before it on the same line
    (``各县（市、区）人民政府，市政府各部门： 为贯彻落实《X》（文号）…``); any other sentence unchanged."""
    found = BODIES_BEFORE.match(sentence.strip())
    rest = sentence.strip()[found.end() :].strip() if found else ""
    return rest if rest and OPENING.match(rest) else sentence


def cited_number(text: str, file: str) -> tuple[str, int] | None:
    """The 文号 ``text`` gives in brackets right after ``《file》``, and where; ``None`` when it gives none."""
    found = re.search(re.escape(f"《{file}》") + CITED_NUMBER, text)
    return ("".join(found.group("number").split()), found.start()) if found else None


CITED_FILE = re.compile(r"《(?P<file>(?:[^《》]|《[^《》]*》){4,160})》" + CITED_NUMBER)
"""A file cited with its 文号: ``《乙纲要》（甲发〔2016〕4号）``."""


def cited_file(text: str, number: str) -> tuple[str, int] | None:
    """The file ``text`` cites under the 文号 ``number`` (``《乙纲要》（甲发〔2016〕4号）``), and where; ``None`` when
    it cites none under it."""
    return next(((f, at) for f, n, at in cited_files(text) if same_number(number, n)), None)


def cited_files(text: str) -> list[tuple[str, str, int]]:
    """Every file ``text`` cites with its 文号: the file's title, the 文号 and where the citation stands."""
    return [(m.group("file"), "".join(m.group("number").split()), m.start()) for m in CITED_FILE.finditer(text)]


def same_number(given: str, number: str) -> bool:
    """Whether two 文号 are one: the shorter ends the longer (a question's words may run into the one it gives:
    ``请问甲政发〔2023〕2号``), and names at least two characters of its issuer before the year."""
    a, b = sorted(("".join(given.split()), "".join(number.split())), key=len)
    return b.endswith(a) and bool(re.match(r"[\u4e00-\u9fa5]{2}", a))


def _basis_line(found: re.Match[str]) -> str:
    issuer = ISSUER_TRIM.sub("", BASIS_VERB.sub("", found.group("issuer")).strip())
    number = "".join(found.group("number").split()) if found.group("number") else ""
    number = f"（{number}）" if number else ""
    return f"{issuer}《{found.group('title')}》{number}"


def _government(fields: dict[str, str]) -> str:
    source = fields.get("source", "").split()[0] if fields.get("source", "").split() else ""
    return source if GOVERNMENT.match(source) else ""


def _notice(lines: list[str]) -> tuple[str, str] | None:
    """``(authority, plan title)`` of a ``…关于印发《…》的通知`` line, possibly broken over up to four lines; a notice
    with no issuer before 关于 takes the body named on the line above it (``东浦区人民政府办公室\n关于印发…``), and
    a bare office the body above it (``东浦区…领导小组\n办公室关于印发…``)."""
    for size in (1, 2, 3, 4):
        for i in range(len(lines) - size + 1):
            parts = lines[i : i + size]
            if size > 1 and any(_metadata_line(part) for part in parts):
                continue
            candidate = "".join(parts)
            numbered = NUMBERED_NOTICE.match(candidate)
            candidate = numbered.group("notice") if numbered else candidate
            match = NOTICE.match(candidate) or ORGAN_NOTICE.match(candidate)
            if match and "。" not in candidate and len(candidate) <= 120:
                authority = TITLE_LABEL.sub("", match.group("authority").strip())
                if not authority and i > 0 and ORGAN.fullmatch(lines[i - 1]):
                    authority = lines[i - 1]
                if BARE_OFFICE.fullmatch(authority) and i > 0 and ORGAN.fullmatch(lines[i - 1] + authority):
                    authority = lines[i - 1] + authority
                return authority, match.group("plan")
    return None


def _own_notice(lines: list[str]) -> tuple[str, str] | None:
    """``(authority, title)`` of a notice that forwards nothing, its title possibly broken over three lines."""
    for size in (1, 2, 3):
        for i in range(len(lines) - size + 1):
            parts = lines[i : i + size]
            if any(_metadata_line(part) for part in parts):
                continue
            candidate = "".join(parts)
            match = OWN_NOTICE.match(candidate)
            if match and len(candidate) <= 120:
                return (match.group("authority") or "").strip(), candidate
    return None


def _issued(text: str) -> tuple[str, str]:
    """``(issuer, title)`` of the plan a report names in its opening (``甲省人民政府办公厅印发《…》``, ``出台《…》``),
    not a file the plan carries out (``根据国务院印发《…》``): the title as a notice (``X关于印发Y的通知``) gives
    its issuer too; else the body that issues it in that sentence, if any. Of several, the one the page gives a
    short name to (``印发了《甲州…实施方案》（…，以下简称《实施方案》）``) is the one it reports on, not the higher
    files it tells of first."""
    issued = [found for sentence in re.split(r"[。\n]", text[:OPENING_CHARS]) for found in _issued_in(sentence)]
    named = next((who for who, short in issued if short), None)
    return named or (issued[0][0] if issued else ("", ""))


def _issued_in(sentence: str) -> Iterator[tuple[tuple[str, str], bool]]:
    """Each ``(issuer, title)`` a sentence says was issued (no basis it carries out), and whether the sentence gives
    that plan a short name right after it (:data:`OWN_SHORT_NAME`)."""
    for found in (*ISSUED.finditer(sentence), *ISSUED_AFTER.finditer(sentence)):
        clause = re.split(r"[，,；;]", sentence[: found.start()])[-1]
        if BASIS_VERB.search(clause):
            continue  # a basis: the plan carries that file out
        short = bool(SHORT_NAMED.match(sentence[found.end() :]))
        title = found.group("title").replace("〈", "《").replace("〉", "》")
        notice = NOTICE.match(title) or ORGAN_NOTICE.match(title)
        own = REPORTED_NOTICE.match(title)
        if notice:
            yield (notice.group("authority").strip(), notice.group("plan")), short
        elif TITLE_LINE.match(title):
            yield (_issuer_of(sentence, title), title), short
        elif own:  # a notice that is itself the plan (``甲局综合司关于报送…方案的通知``)
            yield (own.group("authority").strip(), title), short


def _bare_issued(text: str) -> tuple[str, str]:
    """``(issuer, title)`` of the plan a report's lead sentence names without book-title marks (``甲省近日发布第二期
    学前教育三年行动计划，提出…``): the issuer is the place before the verb, if one is named; ``("", "")`` when the
    lead sentence names no plan so, or names it as a file the plan carries out (``为贯彻落实…``)."""
    lead = re.split(r"[。！!？?\n]", text.lstrip(), maxsplit=1)[0]
    found = BARE_ISSUED.search(lead)
    if found is None or BASIS_VERB.search(lead[: found.start("title")]):
        return "", ""
    place = PLACE.match(found.group("organ"))
    return (place.group("place") if place else ""), found.group("title")


def _reported(lines: list[str], heading: str) -> tuple[str, str]:
    """``(issuer, title)`` of the plan the lead sentence names (``近日，甲市人民政府办公室印发了《…方案》``,
    ``《…方案》日前正式印发``) when the page's title line is only a site's column heading (``规划计划``,
    ``政府工作报告``) or a news headline (``甲区出台养老服务提升行动方案``); ``("", "")`` otherwise. Only the
    first sentence under the heading is read: a plan's own opening that cites another file keeps its title."""
    if not heading or not REPORT_HEADING.match(heading):
        return "", ""
    at = next((i for i, line in enumerate(lines) if line.strip() and line.strip() in heading), None)
    below = [line.strip() for line in lines[at + 1 :] if line.strip()] if at is not None else []
    lead = next((line for line in below if not _metadata_line(line) and not FIELD_LABEL.match(line)), "")
    return _issued(re.split(r"[。！!？?]", lead, maxsplit=1)[0]) if lead else ("", "")


def _issuer_of(sentence: str, title: str) -> str:
    """The body that ``sentence`` says issued ``title`` (``甲省人民政府办公厅印发《title》``), or consults on it as
    its draft (:data:`CONSULTED_BY`), else ``""``."""
    for pattern in (ISSUED_BY, *CONSULTED_BY):
        by = next((m for m in pattern.finditer(sentence) if _clean_title(m.group("title")) == title), None)
        if by:
            return by.group("organ")
    return ""


TITLED_ISSUER = re.compile(rf"^(?P<organ>{RED_HEADER_ORGAN})关于(?!印发|转发|批转)")
"""A title that opens with its issuer, as a 公文's title does (``甲省人民政府办公厅关于加快…的实施意见``)."""


def _titled_issuer(title: str) -> str:
    """The body a title opens with before its 关于 (``甲省人民政府办公厅``), when nothing else names the issuer."""
    found = TITLED_ISSUER.match(title)
    return found.group("organ") if found else ""


def _issued_date(text: str, title: str) -> str:
    """The date of the sentence that says the body issued ``title`` (``2023年7月，…印发《title》``), else ``""``."""
    for found in ISSUED_BY.finditer(text[:OPENING_CHARS]):
        if (found.group("date") or found.group("dated")) and _clean_title(found.group("title")) == title:
            return found.group("date") or found.group("dated")
    return ""


def _metadata_line(line: str) -> bool:
    return bool(_day_line(line) or DOC_NUMBER.search(line) and len(line) <= 24)


STORED_FILE_END = re.compile(r"\.(?:docx?|pdf|wps|txt)$", re.IGNORECASE)
"""A document-sharing site names its page by the file stored (``甲乡…实施方案.docx``): the title is the name."""


def _title_line(lines: list[str]) -> str:
    lines = [STORED_FILE_END.sub("", line) for line in lines[:16]]
    for i, line in enumerate(lines[:15]):
        if heading_number_end(line) or ARTICLE_HEAD.match(line) or _day_line(line) or DOC_NUMBER.fullmatch(line):
            continue
        below = lines[i + 1] if i + 1 < len(lines) else ""
        if not TITLE_LINE.match(line) and line.endswith("的") and TITLE_TAIL.match(below) and _title_head(line):
            return _with_period(line + below, lines[i + 2] if i + 2 < len(lines) else "")  # ``…发展的\n实施意见``
        explained = EXPLAINED_TITLE.match(line)
        if explained:  # ``甲市…工作方案政策解读``: the page explains that plan
            return explained.group("title")
        if TITLE_LINE.match(line) or _quoted_title(line) or REPLY_TITLE.match(line):
            below = next((x for x in lines[i + 1 :] if x != line), "")  # a page may print its title twice or more
            if TITLE_LINE.match(below) and _placed_fuller(below, line):
                continue  # ``甲“十五五”供水规划`` above ``甲区“十五五”供水规划``: the page's short heading
            line = _quoted_title(line) or line
            before = lines[i - 1] if i > 0 else ""
            heading = _column_above(before, line) or _placed_fuller(line, before)
            if before and len(before) <= 30 and _title_head(before) and not heading:
                return _with_period(before + line, below)  # a title broken over two lines
            return _with_period(line, below)
    return ""


def _placed_fuller(full: str, short: str) -> bool:
    """Whether ``full`` is ``short`` with its place named in full (``甲区…规划`` for ``甲…规划``): one more
    character, a place's level, after the place name both share."""
    head = PLACE.match(full)
    if head is None or len(full) != len(short) + 1:
        return False
    place = head.group("place")
    return short == place[:-1] + full[len(place) :]


def _column_above(before: str, line: str) -> bool:
    """Whether ``before`` is the site's column name above a whole title, not the title's first line: a few words
    naming no place over a title that opens with its place (``民族政策`` over ``甲省…规划纲要``)."""
    column = len(before) <= COLUMN_CHARS and re.fullmatch(r"[\u4e00-\u9fa5]+", before) is not None
    logo = re.fullmatch(r"[A-Za-z]{2,20}", before) is not None  # a site's name in Latin letters (``Network``)
    return (column or logo) and not _place(before) and bool(_place(line))


COLUMN_CHARS = 8  # the longest column name a page prints over its title (``政策文件``, ``通知公告``, ``民族政策``)


def _title_head(line: str) -> bool:
    """Whether ``line`` may be a title's first line: words only, no metadata, not a body's name."""
    return (
        0 < len(line) <= 40
        and re.fullmatch(r"[\u4e00-\u9fa5“”\"A-Za-z0-9]+", line) is not None
        and not _metadata_line(line)
        and not line.endswith((*GOVERNMENT_ENDS, "委员会", "局", "文件"))
    )


def _with_period(title: str, below: str) -> str:
    """``title`` with the bracketed period on the line below it (``…行动方案\n（2024—2026年）``); a period whose
    opening bracket the page lost (``2015—2020年)``) gets it back."""
    if title.endswith(("）", ")")):
        return title
    if PERIOD_LINE.match(below):
        return title + below
    if OPEN_LOST_PERIOD.match(below):
        return title + ("(" if below.endswith(")") else "（") + below
    return title


HEADLINE_PLAN = re.compile(
    rf"^(?P<title>[^。；，,：:《》\s]{{4,60}}?{PLAN_WORDS})(?:正式|近日|日前)?(?:出炉|出台|发布|印发|公布)了?$"
)
"""A news headline that is the plan's name and its verb (``甲市2023年度全民阅读推广工作要点出炉``)."""


def _headline_title(lines: list[str]) -> str:
    """The plan a news headline names, on one of the page's first lines, when its report names it nowhere else."""
    found = next((m for m in map(HEADLINE_PLAN.match, (x.strip() for x in lines[:3])) if m), None)
    return found.group("title") if found else ""


PUBLICIZED = re.compile(
    r"^(?:[^《》，,。；;]{0,30}?)关于(?:(?P<files>(?:《[^《》]{4,90}》[、和及与]?){1,8})[^《》，,。；;]{0,16}?"
    rf"|(?P<plan>[^《》，,。；;]{{4,70}}?{PLAN_WORDS}(?:[（(][^（()）]{{1,20}}[）)]){{0,2}})的)(?:批前|批后)?公示$"
)
"""A notice that puts plans up for the public to see (``关于《甲县绿地系统规划》《甲县公园体系规划》规划内容公示``,
``关于甲县国土空间总体规划（草案）的公示``): the plans it names are what the page is about, not the notice."""


def _publicized_title(lines: list[str]) -> str:
    """The plan a 公示 notice names, or the plans it names joined by ``、``; ``""`` when no head line is one."""
    for line in lines[:15]:
        found = PUBLICIZED.match(line.strip())
        if found and found.group("files"):
            return "、".join(re.findall(r"《([^《》]+)》", found.group("files")))
        if found:
            return found.group("plan")
    return ""


YEARS_PERIOD = re.compile(r"^[（(]?\d{4}\s*[—–\-~～至]+\s*\d{4}年?[）)]$")
"""A bracketed span of years on a line of its own (``（2026—2030年）``, ``2026-2030年)`` with its bracket lost)."""


def _with_years(title: str, below: str) -> str:
    """``title`` with the span of years its own title line has below it (a notice names ``甲市…“十五五”规划``, and
    the plan's title further down has ``2026-2030年)`` under it); any other line below changes nothing."""
    return _with_period(title, below) if YEARS_PERIOD.match(below) else title


def _below_own_line(lines: list[str], title: str) -> str:
    """The line right below the head line that is ``title`` itself (a notice's plan printed as its own title
    further down), where its bracketed period stands; ``""`` when no such line is found."""
    at = next((i for i, line in enumerate(lines) if title and line.strip() == title), None)
    return next((x.strip() for x in lines[at + 1 :] if x.strip()), "") if at is not None else ""


def _handed_title(lines: list[str]) -> str:
    """The plan a notice hands out in its one sentence (``《X》已经市政府同意，现印发给你们``, ``现将《X》印发给你们``)
    when no line of the page is its title (a title broken after two characters, ``甲市加强…建设\n实施方案``)."""
    found = next((m for m in map(HANDED.search, lines) if m), None)
    return _clean_title(found.group("title")) if found else ""


def _byline_title(lines: list[str]) -> str:
    """The line right above a page's byline (``发布人：…``, ``发布者：…``): the page's title, whatever it ends with
    (``关于…情况意见通知``), when it reads as one line of title and not a sentence."""
    for line, below in zip(lines, lines[1:]):
        if BYLINE.match(below) and 4 <= len(line) <= 80 and not re.search(r"[。；;，,：:]", line):
            return line
    return ""


FULL_TEXT_NOTE = re.compile(r"\s*(?:[（(](?:附|含)?(?:全文|原文|解读)[）)]|全文(?:发布|公布)?)$")
"""What a news site writes after a plan's title in its headline (``《…实施意见》(附全文)``, ``《…方案》全文``)."""


def _quoted_title(line: str) -> str:
    """A title standing alone in book-title marks (``《关于…的实施细则》``, ``《…》(附全文)``), without them."""
    line = FULL_TEXT_NOTE.sub("", line)
    if line.startswith("《") and line.endswith("》") and line.count("《") == 1:
        return line[1:-1] if TITLE_LINE.match(line[1:-1]) else ""
    return ""


RUN_IN_TITLE = re.compile(
    r"^(?P<title>关于[^。；;，,：:、《》]{4,60}?(?:实施意见|实施方案|行动方案|工作方案|行动计划|工作要点|意见|方案|计划|通知|决定))"
    r"(?=[\u4e00-\u9fa5][^\n]{20,})"
)
"""A title a stored page ran into the body's first sentence (``关于做好…工作的实施意见甲省是农业大省，…``)."""
DOUBLED_TITLE = re.compile(
    rf"^(?P<title>[^。；;，,：:、《》\s]{{4,60}}?{PLAN_WORDS}(?:[（(][^）)]{{1,20}}[）)])?)\s*(?P=title)\s*(?=[\u4e00-\u9fa5|｜]|$)"
)
"""A title a stored page printed twice and ran into the body (``甲县技能行动方案甲县技能行动方案为…``)."""


MADE_TITLE = re.compile(rf"特(?:编制|制定|制订)(?P<title>[^。；;，,《》本]{{4,60}}?{PLAN_WORDS})。")
"""An opening that names the plan it makes with no book-title marks (``…，特编制甲县茶叶产业发展规划。``),
as a 解读 page's 起草背景 does."""


def _made_title(lines: list[str]) -> str:
    """The plan an opening says it makes (``特编制甲县…规划。``), when it opens with a place; ``""`` when none does."""
    found = next((m for m in map(MADE_TITLE.search, lines[:6]) if m), None)
    return found.group("title") if found and PLACE.match(found.group("title")) else ""


def _run_in_title(lines: list[str]) -> str:
    """The title at the head of the first line when the page lost the break after it (printed there once, or
    twice: ``X实施方案X实施方案为贯彻…``); ``""`` when none is."""
    found = (RUN_IN_TITLE.match(lines[0]) or DOUBLED_TITLE.match(lines[0])) if lines else None
    return found.group("title") if found else ""


def _file_title(source: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source.rsplit("/", 1)[-1])
    return stem


def _clean_title(title: str) -> str:
    title = title.strip()
    headline = ISSUING_HEADLINE.match(title)
    title = headline.group("plan") if headline else title
    if _one_bracketed(title):
        title = title[1:-1]
    return INNER_MARKS.sub(lambda m: "《" if m.group(0) in "〈<" else "》", title).strip()


ISSUING_HEADLINE = re.compile(
    rf"^(?:关于)?印发(?P<plan>《?[^《》]{{4,60}}?(?:{PLAN_WORDS})(?:[（(][^（()）]{{2,16}}[）)])?》?)(?:的通知)?$"
)
"""A page's headline that tells of a plan issued with no issuer before it (``印发甲市乙三年行动方案（2024—2026年）``):
the title is the plan's."""
INNER_MARKS = re.compile(r"[〈〉]|<(?=[^<>《》]{2,40}>)|(?<=[^<>《》]{2})>")
"""How a title writes a title inside it (``关于落实〈政府工作报告〉…``, ``《<政府工作报告>任务分解表》``): as 《》."""


def _one_bracketed(title: str) -> bool:
    """Whether ``title`` is one title in 《》, the first 《 closed by the last 》: ``《甲方案》``, and
    ``《甲县贯彻《乙计划》实施方案》`` as a page writes a title inside a title with the same marks (not
    ``《甲》和《乙》``)."""
    if not (title.startswith("《") and title.endswith("》")):
        return False
    depth = 0
    for at, char in enumerate(title):
        depth += {"《": 1, "》": -1}.get(char, 0)
        if depth == 0:
            return at == len(title) - 1
    return False


SEAL_NOTE = re.compile(r"[（(][^（()）]{0,30}(?:代章|代印|盖章)[）)]")
"""A line under a signature that says whose seal stands for it (``（甲市人民政府办公室代章）``): no signer itself."""


def _authority_before_date(lines: list[str]) -> str:
    """The signature above the date; several bodies signing one line each (联合印发) joined by ``、``."""
    lines = [line for at, line in enumerate(lines) if not _seal_above_date(lines, at)]
    for i, line in enumerate(lines):
        if _day_line(line) and i > 0 and len(lines[i - 1]) <= 30 and not re.search(r"[。:：]", lines[i - 1]):
            signers = [lines[i - 1]]
            for before in reversed(lines[max(0, i - 1 - MAX_SIGNERS) : i - 1]):
                if not (_signer_line(before) and _signer_line(signers[0])):
                    break
                signers.insert(0, before)
            return "、".join(signers)
    return ""


def _signer_line(line: str) -> bool:
    """Whether ``line`` is a signature line: one body's name, or bodies printed side by side (``甲部、乙委``)."""
    return all(ORGAN.fullmatch(name) for name in line.split("、"))


def _seal_above_date(lines: list[str], at: int) -> bool:
    """Whether ``lines[at]`` is a seal note right above the date, with a line above it (the signer)."""
    return 0 < at < len(lines) - 1 and bool(SEAL_NOTE.fullmatch(lines[at])) and bool(_day_line(lines[at + 1]))


def _number(lines: list[str]) -> str:
    for line in lines:
        match = DOC_NUMBER.search(line)
        if match and len(_outside_chrome(line[: match.start()] + line[match.end() :])) <= 6:
            return NUMBER_LABEL.sub("", re.sub(r"\s+", "", match.group(0)))
    return ""


def _notice_number(lines: list[str]) -> str:
    """The 文号 a notice's title line ends with (:data:`NUMBERED_NOTICE`), else ``""``."""
    found = next((m for m in map(NUMBERED_NOTICE.match, lines) if m), None)
    return found.group("number") if found else ""


def bracketed_numbers(text: str) -> str:
    """``text`` with each 文号 written without its brackets given them (``甲政办发202361号`` →
    ``甲政办发〔2023〕61号``)."""
    return BARE_NUMBER.sub(lambda m: f"{m['code']}〔{m['year']}〕{m['n']}号", text)


def _number_of(value: str) -> str:
    """A 文号 field's value: the number it holds, without the cells of the row that ran into it
    (``甲政〔2025〕2号 | 关 键 词: | …``), its brackets given when printed without them (``甲政办发20232号``);
    the value as printed when it holds none of that shape."""
    found = DOC_NUMBER.search(bracketed_numbers(value))
    return re.sub(r"\s+", "", found.group(0)) if found else value


def _outside_chrome(text: str) -> str:
    """``text`` without chrome labels and dates: what a line says besides its metadata."""
    return DATE.sub("", ISO_DATE.sub("", re.sub(rf"{CHROME_LABELS}|\s", "", text)))


def _date(text: str, lines: list[str], fields: dict[str, str]) -> str:
    for line in (*lines, *text.split("\n")[-10:]):
        if _day_line(line):
            return _day_line(line)
    dated = next((day for m in map(DATED_TITLE.match, lines) if m and (day := _day_line(m.group(1)))), "")
    if dated:
        return dated
    iso = ISO_DATE.search(fields.get("date", ""))
    if iso:
        return f"{int(iso['y'])}年{int(iso['m'])}月{int(iso['d'])}日"
    return fields.get("date", "")


def _day_line(line: str) -> str:
    """The day a line is and nothing else, in digits: ``2012年7月4日`` as written, ``二○一二年七月四日`` as
    ``2012年7月4日`` (a provincial office's signature); ``""`` for any other line."""
    return line if DATE.fullmatch(line) else arabic_day(line)


DATED_TITLE = re.compile(r"^\s*[（(]([^（()）]{6,16})[）)]\s*$")
"""A line that is a day in brackets (``（2018年7月2日）``), as a party's or a government's document prints it under its
title."""


PRINTED = re.compile(r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日)印发$", re.MULTILINE)
"""The 版记 of a 公文: ``甲市人民政府办公室 2024年3月8日印发`` (the day it was printed and sent)."""


def _dates(text: str, date: str, fields: dict[str, str]) -> dict[str, str]:
    """The document's dates by what they are: 成文日期 (the signature's, or the page's 成文/生成日期), 发布日期 (the
    page's 发布日期/发布时间) and 印发日期 (the page's field or the 版记's ``…印发`` line)."""
    printed = PRINTED.search(text[-600:])
    found = {
        "成文日期": date,
        "发布日期": day_of(fields.get("published", "")),
        "印发日期": day_of(fields.get("issued", "")) or (printed.group("date") if printed else ""),
    }
    return {label: day for label, day in found.items() if day}


def day_of(value: str) -> str:
    """``2024-03-12 09:30`` or ``2024年03月12日`` → ``2024年3月12日``; ``""`` when ``value`` holds no whole date."""
    found = ISO_DATE.search(value) or DATE.search(value)
    return f"{int(found['y'])}年{int(found['m'])}月{int(found['d'])}日" if found else ""


def _inner_place(place: str, issuer_place: str, title: str) -> str:
    """The title's place, or the issuer's when the title names it right after its own (``甲市乙区…预案`` issued by
    ``甲市乙区人民政府办公室``: 乙区)."""
    if place and issuer_place and title.lstrip("《“").startswith(place + issuer_place):
        return issuer_place
    return place


def _place(text: str) -> str:
    text = text.lstrip("《“")
    if NOT_PLACE.match(text):
        return ""
    match = PLACE.match(text) or ONE_CHARACTER_COUNTY.match(text)
    if not match:
        return ""
    place, rest = match.group("place"), text[match.end() :]
    if place.endswith("城市"):
        return ""  # “无废城市”建设…: a word, not a place
    if place.endswith(("省", "自治区")):
        city = CITY_IN_PROVINCE.match(rest)  # 青川省柳河市人民政府办公室: the city is the plan's place
        if city and not NOT_SUB_PLACE.search(city.group("place")) and CITY_FOLLOWER.match(rest[city.end() :]):
            place, rest = city.group("place"), rest[city.end() :]
    inner = SUB_PLACE.match(rest)  # 北京市大兴区人民政府办公室: the district is the plan's place
    if inner and not NOT_SUB_PLACE.search(inner.group("place")):
        place = inner.group("place")
    return place
