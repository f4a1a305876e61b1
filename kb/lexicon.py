"""The one lexicon of plan language that ingest and the bot both read.

Words of duty (``牵头``, ``按职责分工负责``), comparators (``下降到``, ``不低于``),
quantity units (``克标准煤/千瓦时``, ``蒸吨``) and the fixed phrases of a refusal or a
partial answer live here and nowhere else. Regular expressions are built from the word
lists by :func:`alternation`, longest word first, so a longer word is never cut short by
a shorter one (``万吨标准煤`` before ``万吨`` before ``吨``).

Nothing here is a fact of one plan: only the general vocabulary of Chinese plan documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` without repeats, longest first (ties in first-seen order)."""
    unique = list(dict.fromkeys(words))
    return tuple(sorted(unique, key=len, reverse=True))


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, escaped, longest first."""
    return "|".join(re.escape(w) for w in longest_first(words))


# -- quantities ---------------------------------------------------------------------------
# Every unit a plan writes after a number, longest first.
QUANTITY_UNITS: tuple[str, ...] = longest_first(
    (
        "千克标准煤/吨 克标准煤/千瓦时 千克标准煤 万吨标准煤 吨标准煤 微克/立方米 毫克/立方米 "
        "微克每立方米 毫克每立方米 立方米/万元 万千瓦时 千瓦时 万千瓦 千瓦 万吨 吨 万立方米 立方米 "
        "万平方米 平方米 公顷 万亩 亩 公里 千米 % ％ ‰ 个百分点 百分点 万标箱 标箱 万辆 家 个 座 辆 台 套 "
        "处 所 项 户 万户 万套 万个 万公顷 万人 人 万亿元 亿元 万元 元 亿美元 万美元 美元 亿千瓦时 倍 条 工作日 蒸吨 "
        "亿斤 万斤 万公斤 公斤 斤 "
        # livestock and plants counted by head (``出栏1万头``, ``100只以上``, ``家禽3000万羽``, ``栽植5万株``)
        "头 只 羽 株 "
        # areas and lengths of a place, in words or in Latin letters, and the other measures plans of land and water
        # write in Latin letters (``海域面积2950km2``, ``治理面积120平方公里``, ``海拔1180m``)
        "万平方公里 平方公里 km2 km² hm2 hm² km m2 m² m3 m³ mm m mg/L mg/m3 μg/m3 μg/m³ kWh MWh kW MW GW"
    ).split()
)
UNIT_PATTERN = alternation(QUANTITY_UNITS)
# Magnitudes a plan writes between a number and its measure (``15万台``, ``1.5亿吨``).
MAGNITUDES: tuple[str, ...] = ("万", "亿")
# Measures a plan counts or weighs in 万 or 亿 of them: every such form is a unit (``万台`` as ``万辆``).
MAGNIFIED_MEASURES: tuple[str, ...] = tuple(
    (
        "个 家 项 座 处 所 台 套 条 户 辆 名 人 人次 张 件 吨 立方米 平方米 亩 公顷 千瓦 千瓦时 标箱 元 美元 斤 "
        "公斤 头 只 羽 株 平方公里 公里 千米"
    ).split()
)
# What ingest reads after a target's number: the units above and the counts and spans plans also set.
TARGET_UNITS: tuple[str, ...] = longest_first(
    [
        *QUANTITY_UNITS,
        *"万家 个工作日 张 件 岁 万户 万个 千家 批 次 人次 万人次 小时 天 分钟 年".split(),
        # people counted (``5000名``), spans of months (``每年至少1个月``), amounts in 亿 (``11亿千瓦``)
        *"名 万名 个月 亿千瓦 亿千瓦时 亿吨 亿立方米 亿平方米 亿亩 万亿元".split(),
        # any count or measure in 万 or 亿 of it (``15万台``, ``3.2万座``, ``1.2亿人次``)
        *(f"{m}{u}" for m in MAGNITUDES for u in MAGNIFIED_MEASURES),
    ]
)
# Units of a span of time (``3天``, ``2小时``): a number in them sets a target only where a target is being set.
SPAN_UNITS: tuple[str, ...] = ("天", "小时", "分钟")
# Units a question asks a span of time in (``多少天``, ``几个工作日``, ``几个月``): it asks an amount, not a date.
ASKED_SPAN_UNITS: tuple[str, ...] = (*SPAN_UNITS, "工作日", "个月")
# Units the page marks together with their number in an answer (``15%``, ``300克标准煤/千瓦时``, ``2025年``).
MARKED_UNITS: tuple[str, ...] = longest_first(
    "% ％ ‰ 年 万吨 吨 千克标准煤/吨 克标准煤/千瓦时 微克/立方米 公里 千瓦时 万千瓦 亿元 万元 家 个 项 辆".split()
)
# The same unit spelled two ways: a target keeps one spelling.
UNIT_SPELLINGS = {"微克每立方米": "微克/立方米", "毫克每立方米": "毫克/立方米", "个工作日": "工作日", "％": "%"}
# Units a question asks for after 多少/几 (``多少万千瓦``, ``几家``): an answer must be in the same unit.
ASKED_UNITS: tuple[str, ...] = longest_first(
    (
        "万千瓦时 万千瓦 千瓦时 千瓦 万吨标准煤 万吨 吨 亿元 万元 元 公里 千米 万平方米 平方米 公顷 万亩 亩 "
        "名 人 辆 座 个 家 项 台 套 处 条 件 户 工作日 蒸吨 个百分点 头 只 羽 株 钱 平方公里"
    ).split()
)
# What a question asks a sum of money by in everyday words (``每年投入多少钱``): an amount in yuan (``5000万元``).
MONEY_ASKED: tuple[str, ...] = ("钱",)
MONEY_UNIT = "元"
# What a measure word counts by itself (``多少户居民``: a plan's ``2.4万户`` are households of residents).
MEASURED_NOUNS: dict[str, tuple[str, ...]] = {"户": ("居民", "家庭", "住户", "群众")}
# Words after a section's name that put the asked part inside it (``总体要求里的第二项``, ``主要任务中的第一项``).
WITHIN_WORDS: tuple[str, ...] = ("当中", "之中", "里面", "里边", "里", "中")
# Measure words that count things: one count answers a question asked in another (``几个`` ↔ ``5家``).
COUNT_MEASURES = frozenset("个家项座处所台套条件户")
# Measure words after a Chinese numeral that make it a quantity (``六成``, ``两项``).
CHINESE_NUMERAL_MEASURES = "%个家项座所台套处名人辆吨倍成"
# The measures a count said in words takes (``九大行动``, ``每年一次``, ``三个方面``, ``四级响应``).
COUNTED_MEASURES: tuple[str, ...] = longest_first(
    (*CHINESE_NUMERAL_MEASURES, *"次级大类条批轮期年月日天周种点届部段步", "季度", "方面", "部分", "环节")
)

# -- comparators --------------------------------------------------------------------------
COMPARATOR_PREFIXES: tuple[str, ...] = ("分别", "均", "力争", "总体", "稳定", "累计")
CREATION_VERBS: tuple[str, ...] = ("新建改造", "新建", "建成", "创建", "遴选", "培育", "打造", "实施", "完成")
COMPARATORS: tuple[str, ...] = longest_first(
    (
        "下降到 下降至 降低到 降低至 降至 下降 降低 减少到 减少 削减 提高到 提高至 提升到 提升至 提高 提升 "
        "增长到 增长 增加到 增加 达到 超过 不低于 不高于 不少于 不超过 低于 高于 小于 大于 控制在 保持在 稳定在"
    ).split()
    + list(CREATION_VERBS)
)
# Verbs that set a target in ingest besides the comparators: ``压缩至1个工作日``, ``新增托育位300个``.
TARGET_VERBS: tuple[str, ...] = tuple(
    "压缩至 压缩到 缩短至 缩短到 缩小至 缩小到 减至 突破 新增 引进 淘汰 开通 认定 为 达 至少 最多 最高 最低".split()
)
# Verbs a target's amount may follow with no unit of its own (``指数提高至560``): those that set a level, not a change
# (``提高5`` is no level).
BARE_AMOUNT_VERBS: tuple[str, ...] = tuple(
    v for v in (*COMPARATORS, *TARGET_VERBS) if v.endswith(("到", "至", "在")) or v in ("达到", "达", "超过", "突破")
)
# What a ratio set as a target's value follows (``总产值比达到2.6比1``, ``师生比1:15``, ``调整为6:42:52``): a verb that
# sets a level, or the word of the ratio itself.
RATIO_BEFORE: tuple[str, ...] = (*BARE_AMOUNT_VERBS, "为", "比", "比例", "比值")
# Measures a clause piece may open with, naming no thing of its own (``A项目建设，总投资6.5亿元，年产值12亿元``): the
# piece before it that states no amount is what they measure.
MEASURE_OPENERS: tuple[str, ...] = longest_first(
    (
        "总投资 计划总投资 年度计划投资 计划投资 年投资 投资额 年产值 总产值 产值 年销售收入 销售收入 年营业收入 "
        "营业收入 建筑面积 占地面积 总面积 面积 总规模 规模 年产能 产能 年产量 总产量 总里程 总长度 总库容"
    ).split()
)
# Verbs a plan sets a rank with (``跃居全省前40位``, ``进入全国前十名``).
RANK_VERBS: tuple[str, ...] = ("跃居", "跻身", "进入", "位居", "位列", "稳居", "保持")
# Words that open a higher aim for the amount just stated (``下降15.5%，力争达到16%``): the clause piece after
# them has no indicator of its own and belongs with the piece before it.
STRIVING_WORDS: tuple[str, ...] = ("力争", "争取", "努力", "确保")
# Spans a target holds for besides a year or a five-year period: ``每年至少1个月``, ``5年内培训…``.
RECURRING_SPANS: tuple[str, ...] = ("每年", "每季度", "每月", "年均")
# Words that set the baseline a change is measured from (``较2020年下降``, ``比2005年降低``): how it is measured
# (the baseline year is matched apart), not what is asked.
BASELINE_MARKERS: tuple[str, ...] = ("相较", "相比", "较", "比")
# A baseline year set between two words (``与2010年相比降低40%``, ``同2020年相比``): the opener before the year,
# the closer after it.
BASELINE_OPENERS: tuple[str, ...] = ("与", "同", "和")
BASELINE_CLOSERS: tuple[str, ...] = ("相比", "相较")
# Units of a share a question may ask a change in (``下降几个百分点``) that a plan states in percent (``下降13.5%``).
PERCENT_UNITS: tuple[str, ...] = ("个百分点", "百分点", "%", "％")
# Words after a quantity that qualify it (``90%以上``, ``70%左右``).
QUALIFIERS: tuple[str, ...] = ("及以上", "以上", "左右", "以内", "以下")
# The two sides a number bounds a group from (``30人以上``, ``30人（含）以下``): one side's figure is not the other's.
# A floor or a ceiling a question asks (``最少不能低于多少``, ``最多不超过多少``) and the comparators that set one:
# of the figures one sentence sets for a thing (``保有量稳定在2.1万头左右，最低保有量不低于1.8万头``), the bound
# answers.
FLOOR_ASKED: tuple[str, ...] = tuple("不低于 不能低于 不得低于 不少于 不能少于 不得少于 至少 最少 最低".split())
FLOOR_COMPARATORS: tuple[str, ...] = ("不低于", "不少于", "至少", "最低")
CEILING_ASKED: tuple[str, ...] = ("不高于", "不能高于", "不得高于", "不超过", "不能超过", "不得超过", "最多", "最高")
CEILING_COMPARATORS: tuple[str, ...] = ("不高于", "不超过", "最多", "最高")
# Words that make a bound of a measure a clause restates (``…正常保有量稳定在…，最低保有量不低于…``).
MEASURE_BOUNDS: tuple[str, ...] = ("最低", "最高", "最少", "最多")
ABOVE_BOUNDS: tuple[str, ...] = ("以上",)
BELOW_BOUNDS: tuple[str, ...] = ("以下", "以内")
# Comparators a question can reuse as they are (``下降多少``, ``达到多少``).
QUESTION_COMPARATORS: tuple[str, ...] = (
    "下降",
    "下降到",
    "下降至",
    "降至",
    "降低",
    "减少",
    "达到",
    "力争达到",
    "均达到",
    "提高到",
    "提升到",
    "增长",
    "超过",
    "不低于",
    "控制在",
)

# Nouns that name an amount (``降幅``, ``比重``): ``X有什么不同`` of two plans then asks each plan's figure.
AMOUNT_NOUNS: tuple[str, ...] = (
    "降幅", "增幅", "幅度", "目标", "指标", "比例", "比重", "率", "量", "浓度", "规模", "总额", "数量", "多少",
)  # fmt: skip
# Verbs after 要 in a question about a target (``要达到多少``, ``要降到什么水平``).
ASKED_TARGET_VERBS: tuple[str, ...] = ("达到", "降到", "降至", "提高到", "提升到", "下降", "降低", "减少", "控制在")

# -- outlines -----------------------------------------------------------------------------
# Verbs that open a clause listing a plan's parts (按照A、B、C的总要求; 推进A、B、C改造): not part of the first item.
LIST_OPENING_WORDS: tuple[str, ...] = (
    "按照", "围绕", "坚持", "实施", "推进", "推动", "开展", "加快", "聚焦", "突出", "包括", "实现",
    "重点", "着力", "大力", "深入", "持续", "全面", "统筹", "强化", "做到", "以", "从", "分为",
)  # fmt: skip

# Marks that open a bulleted item of a section (``——坚持A、B。``, ``●A``, ``①A``): items with no heading number.
BULLET_MARKS: tuple[str, ...] = ("——", "—", "－－", "--", "●", "◆", "■", "▲", "□", "◇", "○", "★", "☆", "•", "·", "※")
CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Titles of a plan's framing parts (its aims and principles, how it is carried out): not among its measures.
FRAME_PART_WORDS: tuple[str, ...] = (
    "总体要求", "指导思想", "基本原则", "工作原则", "目标", "保障", "组织实施", "组织领导", "实施步骤", "工作步骤",
    "进度安排", "时间安排", "适用范围", "编制依据", "背景",
)  # fmt: skip
# Things a plan numbers as its measures (``第1条措施``, ``第三项举措``): asked with no section named, they are the
# plan's finest numbered items outside its framing parts.
MEASURE_WORDS: tuple[str, ...] = ("措施", "举措", "政策", "条款")
# Words after which a plan binds a list to the thing it names (``以A、B、C为主要任务``, ``主要任务是A、B``).
BOUND_LIST_VERBS: tuple[str, ...] = ("分别是", "包括", "分为", "主要有", "主要是", "有", "是", "为")

# Words by which a question asks a plan's stated total (``一共分解了多少项任务``) and a plan states it (``共149项``).
TOTAL_WORDS: tuple[str, ...] = ("一共", "总共", "共计", "合计", "总计", "共")
# Words by which a question asks how long a plan gives itself (``用多长时间打造``, ``几年内建成``), answered by a span
# a sentence states (``用3年时间``, ``三年内``), not by a date.
DURATION_ASKING_WORDS: tuple[str, ...] = (
    "多长时间",
    "多长的时间",
    "多久",
    "几年时间",
    "多少年时间",
    "用几年",
    "几年内",
)
# Verbs of spending the time a question asks the length of (``花多长时间``, ``要用多久``): the plan says ``用3年时间``.
SPENDING_VERBS: tuple[str, ...] = ("花费", "花", "要用", "用", "需要", "耗时")
# Names of the office a body sets up to run its daily work (``领导小组办公室``, ``指挥部的办事机构``).
OFFICE_WORDS: tuple[str, ...] = ("办公室", "办事机构")
# Kinds of body that set up an office (``联席会议办公室``, ``领导小组办公室``): the one a question names must be the one
# a sentence seats.
SEATED_BODY_ENDS: tuple[str, ...] = ("联席会议", "领导小组", "指挥部", "委员会", "工作专班", "专班", "工作组", "小组")
# Verbs a question of where an office sits asks with (``办公室设在哪``); they name nothing a sentence must hold.
SEAT_ASKING_WORDS: tuple[str, ...] = ("设在", "设于")
# Verbs by which a plan states how many items it divides its work into (``分解为86项``, ``梳理出40项``).
DIVIDED_VERBS: tuple[str, ...] = (
    "分解为", "分解成", "细化为", "细化成", "梳理出", "梳理", "明确了", "明确", "确定了", "确定",
)  # fmt: skip

# -- responsibility -----------------------------------------------------------------------
# Verbs that give the units before them a task: a sentence with none of them assigns nothing (``甲局牵头，乙局配合``).
# Verbs a unit's duties open with after its name and a colon (``市环保局：负责…``, ``县财政局：做好…``): a division
# of duties written one unit a sentence or a line, with no item number.
UNIT_DUTY_OPENERS: tuple[str, ...] = ("负责", "牵头", "承担", "配合", "协助", "指导", "会同", "做好", "组织")
DUTY_VERBS: tuple[str, ...] = ("牵头", "负责", "配合", "参与", "参加", "协助", "协办", "落实", "会同")
# Verbs after a unit list that make it the task's lead, as 牵头 does: it hosts or undertakes the task while others
# 协办 or 配合 (``由甲局承办，乙局、丙局协办``; ``甲局主办，乙局协办``).
HOST_VERBS: tuple[str, ...] = ("承办", "主办")
# Verbs of command after ``由`` and a unit (``由县防火指挥部指挥``, ``由甲局统一指挥``): the unit alone answers for the
# task, as ``由甲局负责`` says.
COMMAND_VERBS: tuple[str, ...] = ("指挥", "统一指挥", "负责指挥", "统一组织指挥")
# Words that make a text worth reading as a responsibility phrase: the duty verbs, the guiding and hosting verbs
# and the labels of a unit column.
DUTY_MENTION_WORDS: tuple[str, ...] = (*DUTY_VERBS, *HOST_VERBS, "指导", "责任单位", "责任部门")
# Verbs that close a responsibility phrase (``…甲局牵头``, ``…乙局配合``): a label's value ending in one states a role.
CLOSING_DUTY_VERBS: tuple[str, ...] = ("牵头", "负责", "配合", "参与", "参加", "落实")
# Verbs that may trail a list of units and say no role of their own (``甲、乙等按职责分工负责``).
TRAILING_DUTY_VERBS: tuple[str, ...] = ("负责", "配合", "落实")
# Words that name the lead in a column's header, a label or a convention (``主办单位``, ``列第一位的为主责``).
LEAD_NAMES: tuple[str, ...] = ("牵头", "主办", "主责")
# Words that make a ``责任单位`` column the main one beside another (``主要责任单位`` | ``责任单位``): its units lead.
MAIN_COLUMN_WORDS: tuple[str, ...] = ("主要",)
# Words of a lead column naming the item's leads (``分项牵头单位``) beside a column naming the group's (``总牵头单位``).
ITEM_LEAD_WORDS: tuple[str, ...] = ("分项",)
OVERALL_LEAD_WORDS: tuple[str, ...] = ("总牵头",)
# Names of a task table's category column, merged over its rows (``分类`` / ``序号`` / ``事项`` / …).
CATEGORY_COLUMN_WORDS: tuple[str, ...] = ("分类", "类别", "领域", "板块")
# Words that name co-operating units in a column's header (``配合单位``, ``协办部门``) or a phrase's verb.
CO_NAMES: tuple[str, ...] = ("配合", "参与", "参加", "协办", "协助", "协同")
# Words before 单位/部门 in a sentence's role label (``牵头单位：甲``, ``协同部门：乙``).
ROLE_LABEL_WORDS: tuple[str, ...] = ("牵头", "责任", "负责", "主责", "配合", "协同", "参与")
LEAD_WORDS: tuple[str, ...] = ("牵头", "挑头", "主责")
CO_WORDS: tuple[str, ...] = ("配合", "协同", "协助", "按职责分工负责")
PART_WORDS: tuple[str, ...] = ("参与",)
# Signs that a text assigns tasks to units: a plan with one of them and no task read deserves a second look.
TASK_SIGNS: tuple[str, ...] = ("牵头", "责任单位", "配合单位", "责任部门", "完成时限")
# Verbs a question asks a unit's tasks with (``甲局负责哪些工作``, ``乙局牵头了什么``).
UNIT_TASK_VERBS: tuple[str, ...] = ("负责", "牵头", "参与", "配合", "承担", "涉及")
# What closes a clause whose subject is the work (``摊点整治以甲所为主``, ``门前整治由乙室负责``); 为主 leads.
WORK_DUTY_VERBS: tuple[str, ...] = ("负责", "牵头", "为主")
# Roles a question may ask beside leading (``负责或牵头``, ``牵头和配合``): then leading is not all it asks.
NON_LEAD_ROLE_WORDS: tuple[str, ...] = ("负责", "责任", "配合", "参与")
# Words a question uses to ask about co-operating units.
COOPERATE_WORDS: tuple[str, ...] = ("配合", "协同", "参与", "协助")
# Local governments named as a group (``各区、县级市``, ``各有关省级人民政府``, ``试点城市政府``, ``园区管委会``):
# they carry a task out where they are, and lead it only when no other unit is named.
LOCAL_GROUP = re.compile(
    r"(?:政府|管委会|管委|管理委员会)(?:[（(][^（）()]{1,8}[）)])?$|"
    r"^各(?:有关|相关)?[省市县区州旗乡镇街道级（）()、]{1,12}$"
)
# A label that lists units without their roles (``负责部门：甲``, ``责任单位：甲``, a ``指导部门`` column).
ROLELESS_LABEL = re.compile(r"^[［\[（(〔【]?(?:责任|负责|指导|实施|承办|落实)(?:单位|部门)\s*[:：]")
# Groups of no named unit (``各有关单位``, ``市直有关部门``, ``相关部门``, ``各成员单位``): nobody in particular.
GENERIC_GROUP = re.compile(r"(?:有关|相关|其他|其它|成员|各)(?:单位|部门|机构|方面)(?:[（(](?:单位|部门)[）)])?$")

# -- unit names ---------------------------------------------------------------------------
# What a unit's name ends with (``县水利局``, ``市发展改革委``, ``县融媒体中心``, ``县公安局交警大队``): a name that
# ends with none of them reads as a unit only when it names a group of them (``各乡镇``). Every list of unit ends
# below ends each of its words with one of these; a reader that needs a narrower list takes one from here.
UNIT_NAME_ENDS: tuple[str, ...] = tuple(
    "局 委 办 厅 部 院 会 中心 公司 集团 政府 单位 部门 机关 机构 银行 支行 分行 处 科 室 所 站 队 社 联 团 "
    "司 署 馆 校 学校 大学 协会 组 园区 管委会 街道 乡镇 分局 支队 大队 总队 海关 法院 检察院 办公室 指挥部 "
    "医院 企业 中队".split()
)
# Kinds of body, each of which alone names nobody (``市直有关部门、单位``: ``单位``, ``部门``).
UNIT_KINDS: tuple[str, ...] = tuple(
    "单位 部门 机关 机构 企业 政府 中心 公司 集团 学校 局 委 办 厅 部 院 会 处 科 室 所 站 队 社 联 团 司 署 馆 校 "
    "组".split()
)
# The words a body's name opens with when it says its level (``市…局``, ``县…``, ``各乡镇…``, ``国家…``).
BODY_LEVELS: tuple[str, ...] = tuple("市 省 县 区 州 镇 乡 旗 盟 街道 各 国家 中共 国务院 自治区".split())
# The ends that name a body whatever words lead them (``有关部门``, ``教育部门``, ``大数据中心``, ``管理委员会``).
BODY_KIND_ENDS: tuple[str, ...] = ("部门", "单位", "机关", "中心", "委员会", "办公室", "政府")
# The ends of a government body's name (``商务局``, ``发展改革委``, ``大数据中心``).
BODY_ENDS: tuple[str, ...] = ("局", "委员会", "委", "办公室", "办", "厅", "中心")
# How a body's name is written short (``县人民政府办公室`` → ``县政府办``, ``县府办``): its kind by its first character,
# ``人民政府`` as ``政府`` or ``府``.
BODY_KIND_SHORT: dict[str, str] = {"办公室": "办", "委员会": "委"}
GOVERNMENT_SHORT: dict[str, tuple[str, ...]] = {"人民政府": ("政府", "府"), "政府": ("府",)}
# The ends of a unit as a question names it, short (``市发改委``, ``市文联``, ``县供销社``).
ASKED_UNIT_ENDS: tuple[str, ...] = ("局", "委", "办", "厅", "社", "联")
# The characters before 局 in words that end as a bureau's name does but are none (格局, 布局, 大局, 全局, 开局).
NOT_BUREAU_HEADS = "格布大全开结当时变棋饭赌"
# The ends of a unit's name in a table cell, where OCR or a reader may run two names together (``市财政局市税务局``).
CELL_UNIT_ENDS: tuple[str, ...] = ("局", "委", "办", "厅", "院", "中心", "公司", "政府", "办公室", "处")
# The ends of a heading that is only a unit's name (``一、市发展改革委（5项）``, ``三、县供销总社``).
HEADING_UNIT_ENDS: tuple[str, ...] = (*BODY_ENDS, "部", "署", "政府", "管委会", "总社")
# The ends of the body that issues a notice (``甲市人民政府办公厅关于…的通知``).
ISSUER_ENDS: tuple[str, ...] = (*BODY_ENDS, "政府", "办公厅", "部", "院", "署")
# The ends of a body named as a list's whole name (``甲市发展和改革委员会``, ``甲市电力公司``).
ISSUER_NAME_ENDS: tuple[str, ...] = (*ISSUER_ENDS, "公司")
# The ends of national bodies that sign joint notices besides the body words (``人民银行``, ``全国工商联``,
# ``全国总工会``): a joint signature prints them beside ministries.
JOINT_SIGNER_ENDS: tuple[str, ...] = ("银行", "工商联", "妇联", "残联", "总工会")
# The ends of a body that signs a plan on a line of its own (``甲市发展和改革委员会``, ``中共甲县县委``).
SIGNER_ENDS: tuple[str, ...] = (
    *"政府 办公室 办公厅 委员会 党委 市委 省委 县委 区委 局 厅 部 委 办 院 署 中心".split(),
    *JOINT_SIGNER_ENDS,
)
# The national bodies a question names a higher-level file by (``依据的国务院文件``); a place names the others.
STATE_ISSUERS: tuple[str, ...] = ("国务院", "党中央", "中共中央")
# The ends of a government's own name or its office's (``甲市人民政府``, ``甲县人民政府办公室``).
GOVERNMENT_ENDS: tuple[str, ...] = ("人民政府", "政府", "办公室", "办公厅")
# The ends of the body whose red header opens a 公文 (``甲市人民政府办公室文件``).
RED_HEADER_ENDS: tuple[str, ...] = (*GOVERNMENT_ENDS, "委员会", "局", "厅")
# The ends of a department a city names after itself (``甲市发展改革委``, ``甲市大数据中心``).
DEPARTMENT_ENDS: tuple[str, ...] = ("局", "委", "办", "厅", "部", "中心")
# A place's government, named right after it (``甲县人民政府``, ``甲市委员会``): it tells a place's name from a word.
PLACE_GOVERNMENTS: tuple[str, ...] = ("人民政府", "政府", "委员会")
# A place's own bodies: its government, its people's congress and its political consultative conference.
PLACE_BODIES: tuple[str, ...] = (*PLACE_GOVERNMENTS, "人大", "政协")
# The party's bodies a place's name may stand before or after (``中共甲市委员会``, ``甲市党委``).
PARTY_BODIES: tuple[str, ...] = ("中共", "党委", "市委")
# Words that point at things without naming any (``各由哪个部门牵头``, ``每个月``): no content of a question.
DETERMINERS: tuple[str, ...] = ("各", "每", "本", "该", "其")
# What a question calls the units it asks for (``哪些部门``, ``什么单位``, ``哪几个机构``).
ASKED_UNIT_KINDS: tuple[str, ...] = ("部门", "单位", "机构")
# What a question calls the bodies that issued a document (``哪个单位印发``, ``哪几个机关联合印发``).
ISSUER_KINDS: tuple[str, ...] = ("单位", "部门", "机关", "机构")

# A level of the same target (``到2025年下降13%（激励目标14.5%）``): “激励目标呢？” asks the last target's other level.
TARGET_LEVELS = re.compile(r"^(?:激励|力争|约束性|预期性|奋斗|底线|基本|保底)(?:性)?(?:目标|指标|值)$")

# The ends of an indicator's name (``失业率``, ``孕产妇死亡率``, ``PM2.5浓度``): the noun that says what is measured.
# A closest-match answer must name the same indicator; another one's figure (``新增就业``) is not an answer.
INDICATOR_ENDS: tuple[str, ...] = ("率", "浓度", "密度", "指数", "寿命")

# Words that ask for one thing's share of a whole (``煤在能源消费中的占比``, ``绿色建筑占新建建筑的比例``): the thing
# before them (before ``在``/``占``) is whose share is asked, and an answer must name that thing, not its neighbour.
SHARE_WORDS: tuple[str, ...] = ("占比", "比重", "比例", "份额", "占多大比")
# Where a share question's whole begins: ``X在Y中的占比``, ``X占Y的比重``.
SHARE_OF: tuple[str, ...] = ("在", "占")
# Share words that name a share of a whole without ``在``/``占`` (``清洁能源的比重``); ``多大比例`` alone asks a rate.
WHOLE_SHARE_WORDS: tuple[str, ...] = ("占比", "比重", "份额")
# What a share question says before the thing to set its time or scope (``到2025年全市``, ``本区``), not the thing.
SHARE_SCOPE = re.compile(r"^(?:(?:到|至)?20\d\d年(?:底|末)?)?(?:(?:全|本)(?:省|市|区|县|州|盟|旗|乡|镇|国))?")

# Words that ask what has actually happened (``实际增速``, ``已完成``), which a target (what a plan wants) does not say.
ACTUAL_WORDS: tuple[str, ...] = tuple("实际 实绩 现状 已完成 完成了 实现了 达到了".split())

# Everyday words of asking that name nothing a plan states: how large or long an amount is (多大, 多长), its bound
# (最多, 最高: a plan writes 不超过, 力争), what a term means (指的是), whose work a thing is (这件事, 活), and the
# counting words a question points with (一个房屋建筑工程, 那份意见).
# Words that ask for an amount (``多少``, ``多大``, ``百分之几``; ``几`` is read apart: ``几乎`` asks nothing).
AMOUNT_ASKING_WORDS: tuple[str, ...] = ("多少", "多大", "多高", "多长", "多久", "多远", "百分之几")
# Words that ask what or when (``什么``, ``哪``, ``何时``).
THING_ASKING_WORDS: tuple[str, ...] = ("什么", "哪", "何时")
# Words that ask which thing of a kind, the kind named after them (``什么危害``, ``哪些人群``, ``什么样的城``).
KIND_ASKING_WORDS: tuple[str, ...] = ("什么样", "什么", "哪", "啥样", "啥")
# Verbs by which a question asks what a thing is to become (``要把县城打造成啥样``, ``最后建成个啥``) …
BECOMING_ASKING_VERBS: tuple[str, ...] = ("打造成", "打造为", "建设成", "建成", "创建成")
# … and by which a plan says it (``将甲市建成…``, ``成为…的示范城市``, ``全力铸造…县城``).
BECOMING_VERBS: tuple[str, ...] = ("打造", "建成", "建设成", "成为", "铸造", "塑造", "创建")
# Everyday verbs of doing (``搞绿化``, ``把普查搞完``, ``重点抓哪几件事``): they say a thing is done, never what.
EVERYDAY_DOING_WORDS: tuple[str, ...] = ("搞", "弄", "抓")
# Words asking what a thing is like or becomes (``要把县城打造成啥样``): the ``样`` jieba splits off is no content.
MANNER_ASKING_WORDS: tuple[str, ...] = ("什么样", "啥样", "咋样", "怎么样", "怎样")
ASKING_WORDS: frozenset[str] = frozenset(
    "多大 多长 多久 多高 多远 最 最多 最高 最少 最低 最长 最短 做到 指 是指 意思 活 活儿 这件 这事 事 份 想 想要 希望 "
    "一个 一项 一份 这个 那个 这项 那项 这份 那份 该份".split()
)
# Words said only aloud at the end of a question (``…是多少来着？``, ``…有要求吧``): no plan's word, never content.
SPOKEN_ENDINGS: tuple[str, ...] = ("来着", "呀", "啊", "吧", "嘛", "呗", "啦", "哦")

# Words that make a place's name the name of a thing in it (``甲市机场``, ``乙港``, ``丙片区``): a question that names
# such a thing asks about it, not about the plans of that place.
NAMED_AFTER_PLACE: tuple[str, ...] = tuple(
    "机场 国际机场 港口 港 站 火车站 口岸 海关 片区 综合保税区 保税区 保税港区 自贸试验区 自贸区 高新区 开发区 "
    "大学 学院 医院 航空 铁路 地铁 经济圈 都市圈 城市群".split()
)

# The levels of places, higher above lower (a province above its cities, a city above its counties and districts),
# by the level a place's name ends with or a plan speaks of itself by (全市, 我省, 本县, 全国).
PLACE_RANKS: dict[str, int] = {
    "国": 4, "省": 3, "自治区": 3, "特别行政区": 3, "市": 2, "州": 2, "盟": 2, "自治州": 2, "县": 1, "区": 1, "旗": 1
}  # fmt: skip

# Words for a place's GDP: an amount a question asks as a share of it (``研发投入占地区生产总值的多少``) is what a
# plan calls that amount's ``强度`` (研发投入强度, 能耗强度).
GDP_WORDS: tuple[str, ...] = ("地区生产总值", "国内生产总值", "生产总值", "经济总量", "GDP", "gdp")
PER_GDP_WORD = "强度"

# Parts of a place a question may ask about (``宜春市农村的…``, ``城区的…``): a plan's figure for the whole place is
# not that part's figure.
SUB_AREAS: tuple[str, ...] = tuple(
    "农村 乡村 城区 主城区 中心城区 市区 城镇 县城 城乡结合部 开发区 经开区 高新区 园区 工业园区 乡镇 街道 社区".split()
)
REGION_PARTS: tuple[str, ...] = tuple(
    "东部 中部 西部 南部 北部 东北部 西北部 西南部 东南部 沿海 山区 平原 丘陵".split()
)
"""Parts of a province or city named by where they lie (``…入园率达到85%，东部地区达到95%以上``): a piece that names
only one of them gives the figure of the indicator the sentence named before."""
POLLUTANT_MEDIA: tuple[str, ...] = ("空气", "大气", "环境空气", "水", "水体", "水中", "污水", "废水", "废气", "环境")
"""Where a pollutant is by its nature (``空气里的细颗粒物``, ``污水里的化学需氧量``): not a part of its total."""
PROVINCE_NAMES: tuple[str, ...] = tuple(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
    "云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split()
)
"""The provinces' own short names: a plan that never writes its province with its level (``X是农业大省``,
``X特点``) is still named by them, bare."""
PROVINCE_ABBREVIATIONS: dict[str, str] = dict(
    pair.split(":")
    for pair in (
        "北京:京 天津:津 上海:沪 重庆:渝 河北:冀 山西:晋 辽宁:辽 吉林:吉 黑龙江:黑 江苏:苏 浙江:浙 安徽:皖 福建:闽 "
        "江西:赣 山东:鲁 河南:豫 湖北:鄂 湖南:湘 广东:粤 海南:琼 四川:川 贵州:黔 云南:云 陕西:陕 甘肃:甘 青海:青 "
        "内蒙古:内 广西:桂 西藏:藏 宁夏:宁 新疆:新"
    ).split()
)
"""The character a province's 文号 opens with (``鄂政发〔2015〕52号``): a city's plan cites its province's file as
``《省人民政府关于…》（鄂政发〔2015〕52号）``, naming the province only by it."""
# Words that end a phrase a sentence's amounts are counted within (``新增或更新的车辆中，…比例不低于30%``).
FRAME_ENDS: tuple[str, ...] = ("中", "内", "里", "方面", "领域")
# Words that open a breakdown of the amount just stated (``完成改造7000户，其中重点区域5500户``).
BREAKDOWN_OPENERS: tuple[str, ...] = ("其中",)
KIND_QUALIFIERS: tuple[str, ...] = ("专用", "快速", "慢速", "直流", "交流", "国家级", "省级")
"""Words that make a kind of a thing (``专用充电设施``, ``省级专精特新企业``): a figure of the thing unqualified, or of
another kind, is not the figure of that kind."""
WHOLE_SCOPES: tuple[str, ...] = ("全市", "全省", "全县", "全区", "全旗", "全盟", "我市", "我省", "全国")
"""The whole place a figure is of (``全市建成…``, ``跃居全省前30位``): words before an amount that name no thing."""
# A clause that opens with the share it states: of what the clause before it counts (``…达2450亿元，占…比重达60%``).
SHARE_OPENERS: tuple[str, ...] = ("占",)
TOWNS: tuple[str, ...] = ("城市",)  # a clause of the towns (县级以上城市…) is a part's, never the whole place's

# -- refusals and cautions ----------------------------------------------------------------
REFUSAL_MARK = "方案中未找到"  # every refusal starts with it
PARTIAL_MARK = "方案中没有与问题完全一致的表述"  # every partial (closest-clause) answer starts with it
PARTIAL_LEAD = f"{PARTIAL_MARK}，最接近的是："
REFUSAL_PHRASES: tuple[str, ...] = (REFUSAL_MARK,)

# -- deadlines ----------------------------------------------------------------------------
# Words of a deadline that comes round again (a task due every year or quarter, not once).
RECURRING_WORDS: tuple[str, ...] = tuple("每年 每半年 每季度 每季 每月 每周 每两年 每三年 年度内定期".split())
# Words of a question that asks about tasks that come round again (``每年要做哪些``, ``定期开展的任务``).
RECURRING_ASKED_WORDS: tuple[str, ...] = ("每年", "每季度", "每半年", "每月", "定期", "周期性", "年年")

# -- follow-up questions (bot/dialog) ---------------------------------------------------------
# Words that open a follow-up (``那``, ``还有``, ``请问``) and the marks that end a question.
LEAD_IN = re.compile(r"^(那么?|那|还有|另外|再问一下|请问|再问)[，,、\s]*")
# ``换个话题，…``: words that open a question on another subject; they name nothing a plan states.
TOPIC_SWITCH = re.compile(
    r"^(?:好的?[，,、\s]*)?(?:换个|换一个|说个|问个|再问个|再问一个)(?:别的|其他的?)?(?:话题|问题)[吧啊了]?[，,、:：\s]*"
    r"|^(?:另外|顺便|再)问(?:一下|个别的)[，,、:：\s]*"
)
QUESTION_END = re.compile(r"[？?。！!，,\s]+$")
# ``那X呢？``: the last question again, with X in place of its unit, task, indicator or year (``其中X呢？``: X, a part
# of the last target's indicator, in its place).
ELLIPSIS = re.compile(
    r"^(?:那么?|那|还有|另外|其中)?[，,\s]*(?P<x>[^？?，,。呢吗]{1,30}?)(?:的情况|方面|的)?(?:呢|怎么样|如何|又如何)$"
)
# ``还有呢/其他的呢``: the rest of what the last answer listed.
CONTINUE = re.compile(
    r"^(?:那|那么)?[，,\s]*(?:还有|其他|其它|别的|另外|其余)(?:的|还有)?"
    r"(?:呢|吗|哪些|什么|几项|的呢|的吗|内容|预期|主要|量化|目标|指标|单位|部门)*"
    r"(?:呢|吗)?$"
)
# ``不是，我问的是乙市的`` / ``(我说的)不是甲市，是乙市``: the last question corrected (the words it takes back
# may be said after ``不是``); what follows is read as a follow-up of the turn before.
CORRECTION = re.compile(
    r"^(?:(?:我说的|我问的|我指的)?不是(?:[^，,。！!？?\s是]{1,20}?(?=[，,]))?|不对|错了|搞错了)(?:[，,。！!\s]+|(?=我))(?:我|我是)?(?:想问的是|要问的是|问的是|说的是|是问|是说|问)?[，,：:\s]*"
    r"(?:是(?!什么|哪|谁|多少|几|否))?"
)
# ``第一项/第2条``: an item asked by its place in a list; “还有呢？” after it asks the next one.
ORDINAL = re.compile(r"第(?P<n>[一二三四五六七八九十]|\d{1,2})(?=[项个条点部大方])")
ORDINAL_DIGITS = "一二三四五六七八九十"
# ``第三项呢？/第二条是什么？`` alone: the item of that place in the list the conversation last asked an item of.
ORDINAL_AGAIN = re.compile(r"^第(?P<n>[一二三四五六七八九十]|\d{1,2})[项个条点](?:呢|的呢|是什么|是啥|是哪项|是哪条)?$")
# What follows ``上面说的第二条`` when it asks the item itself (``是什么``, or nothing).
ASKS_WHAT_ITEM = re.compile(r"(?:的内容|的具体内容)?(?:是什么|是啥|讲的是什么|说的是什么|讲的什么|说的什么)?")
# ``什么时候？/哪天？/谁？/哪个单位？`` after a question about a plan itself: the same plan's date or issuer.
BARE_DATE_ASK = re.compile(r"^(?:是|在)?(?:什么时候|什么时间|何时|哪天|哪一天|几月几号|哪年)(?:的)?$")
BARE_ISSUER_ASK = re.compile(
    r"^(?:是|由)?(?:谁|哪个单位|哪个部门|哪个机关|哪家单位|哪些单位|哪些部门)(?:联合)?(?:印发|发布|下发|出台|发)?(?:的)?$"
)
# ``文号呢？/文号是多少？`` after a question about a plan itself: the same plan's 文号.
BARE_NUMBER_ASK = re.compile(r"^(?:那|它的|其)?(?:文号|发文字号|文件编号|发文编号)(?:呢|是多少|是什么|多少)?$")
# ``这项任务/这项（啥时候…）/该工程/这个指标/这些单位/其中/上述/它``: what the last answer's task, target or units
# are pointed at by; ``这个方案/这份通知/本方案``: the plan of the last turn (when the question asks about the plan
# itself);
# ``上面说的第二条``: the item of that place in the list an earlier turn asked an item of.
POINTER = re.compile(
    r"(?P<item>(?:上面|前面|刚才|之前|上述)(?:所)?(?:说|讲|提|列|问)?(?:到|过)?的?第(?:[一二三四五六七八九十]|\d{1,2})"
    r"[项个条点](?:措施|任务|目标|预期目标|工作|指标)?)|"
    r"(?P<plan>(?:这|此)(?:个|份|一)?(?:方案|通知|意见|计划|规划|办法|要点)|本(?:方案|通知|计划|意见))|"
    r"(?P<pair>这两个(?:方案|文件|通知|意见|计划)|这两份(?:方案|文件|通知|意见|计划)?|两个方案|两份方案|二者|两者)|"
    r"(?P<task>这项(?:工作|任务|工程|行动|措施|政策)|(?:这|此|该)项(?=啥|什么|何时|几时|哪|谁|由|要|是|需|应|怎|归)|"
    r"这个(?:任务|工程|行动|政策)|"
    r"该(?:项)?(?:工作|任务|工程|行动|措施|政策)|此项(?:工作|任务|工程|政策)|这一(?:任务|工程|工作|政策)|这件事)|"
    r"(?P<target>这(?:个|项|一)?(?:指标|目标)|该(?:项)?(?:指标|目标)|此项(?:指标|目标))|"
    r"(?P<units>这些(?:单位|部门)|上述(?:单位|部门))|"
    r"(?P<among>其中)|"
    r"(?P<any>上述(?:任务|工作|工程)?|(?<![^，,、：:的在])以上(?:任务|工作|工程)?|(?<!其)它们?|(?<!其)他们)"
)
# ``依据是什么？/原文怎么说``: the last question's source asked for.
BASIS = re.compile(
    r"^(?:它的|其)?(?:依据|出处|原文|根据)(?:是|在)?(?:什么|哪|哪里|哪儿|何在)|"
    r"有什么(?:依据|根据)|哪里规定|怎么规定的|原文怎么说"
)
# How an aspect asked of a task opens when it joins the task's name without ``的`` (``谁牵头``, ``牵头了吗``).
ASPECT_START = re.compile(
    r"^(谁|什么|啥|有|由|是|要|哪|怎|何|在|几|多|能|会|应|需|已|共|都)|^(牵头|负责|参与|配合|承担|涉及)(?!单位|部门)"
)
YEAR = re.compile(r"(?:(?:19|20)\d\d年?|“?十[一二三四五六七八九]五”?)")
# ``明确/涉及``: the verbs a question says of a plan's part (“…任务分解明确了多少项任务？”); a follow-up that opens
# with one (“涉及多少个责任单位？”) says a new thing of the last question's subject.
SUBJECT_VERB = re.compile(r"涉及|明确|包括|包含|确定|列出|安排|部署|提出|设立|覆盖|惠及")
# ``2025年单位GDP能耗``: the year a follow-up puts before its new subject (“那2025年单位GDP能耗呢？”).
LEADING_YEAR = re.compile(r"^(?:到|至|截至|在)?((?:19|20)\d\d年)(?:的|底|末)?")
# ``比2005年``: the base year a target is measured from (it belongs to its indicator).
BASE_YEAR = re.compile(r"(?:比|较)(?:19|20)\d\d年(?:水平)?")
# ``比哪一年下降？/这是和哪一年比？/基准年是哪年？``: the year the last target is measured against, asked alone.
BASE_YEAR_ASK = re.compile(
    r"^(?:这|这个|它|其|那)?(?:是)?(?:和|跟|与|同|比|较|相比|相对于|相较于|对比)(?:哪一?年|哪个年份|什么时候)(?:的水平)?(?:相比|比较?)?的?"
    r"(?:下降|降低|提高|提升|增长|减少|上升)?的?$"
    r"|^(?:这|这个|它|其|那)?(?:的)?(?:基准年|基期|基年)(?:份)?(?:是)?(?:哪一?年|哪个年份|什么时候)$"
)
PLACE_LEVEL = re.compile(r"[省市县区州旗]$")
# What follows a level character when the two make a word of their own, not the end of a place's name
# (``青禾市控以上断面``: 青禾 and 市控断面; ``省考断面``, ``市级``, ``市属``, ``市管``, ``市直部门``, ``市域``).
LEVEL_WORD_ENDS = "控考级属管直域"
# Sections and figures named by the level that monitors or assesses them (``国控断面``, ``市控以上断面``, ``省考断面``):
# one word each to the segmenter, so a question's ``青禾市控以上断面`` reads 青禾 and 市控.
LEVEL_WORDS: tuple[str, ...] = tuple(level + kind for kind in "控考" for level in "国省市县")
LEADING_TIME = re.compile(r"^(?:到|至|截至)?(?:(?:19|20)\d\d年(?:\d{1,2}月)?(?:底|末)?)[，,、\s]*")
# The words of asking: what is left of a question without them is its own subject, if any.
ASK_RESIDUE = re.compile(
    r"谁来?|牵头|负责|主管|主办|协办|协助|配合|协同|参与|参加|承担|落实|责任|单位|部门|机构|"
    r"是哪些|有哪些|哪些|哪个|哪几个|哪几项|"
    r"(?:什么时候|什么时间|时候|何时|哪一?年|哪一?天|几月份?底?)(?:之?前)?|多久|完成|截止|期限|时限|时间|进度|依据|出处|原文|根据|是什么|什么|"
    r"具体|主要|量化|目标|指标|要求|内容|措施|任务|工作|工程|事项|多少|几项|几个|几家|达到|提高|下降|降低|减少|"
    r"要|是|有|由|的|了|吗|呢|和|与|及|还|都|分别|一共|共|方案|中|里|在|怎么|如何|说|讲|介绍|一下|请问|那么?|"
    r"它们?|其|该|这些?|此|上述|以上|项|个|之|对|把|被|给|为|能|会|应|需|已|吧"
)
# How plans name the two roles, in the words the question reader knows (牵头, 配合).
# An aspect that asks units (``配合单位有哪些``, ``谁牵头``), not tasks (``参与哪些工作``).
UNITS_ASKED = re.compile(r"单位|部门|谁")
ROLE_WORDS = {"主办": "牵头", "协办": "配合", "协助": "配合", "参加": "配合"}
# ``参与的呢？/牵头的呢？``: a role alone, asked of the last task (its units of that role).
ROLE_ALONE = re.compile(r"^(牵头|配合|参与|负责|责任)的呢$")
INTERROGATIVE = re.compile(r"哪|什么|谁|多少|几[项个家成座年]|是否|怎么|怎样|如何|吗")
# Words of the genre (any plan's title or heading has them), too common to name one plan or task; a run of the
# words a document's kind is named by names none either: ``实施方案``, ``行动计划``, and ``计划实施`` of
# ``…计划实施多少户`` (计划 the verb), inside a title's ``…行动计划实施方案``.
GENERIC_NAME = re.compile(
    r"^(?:“?十[一二三四五六七八九]五”?|(?:实施|工作|行动|推进|方案|计划|规划|意见|办法|细则){2,}|人民政府|工程|重点工程|"
    r"[市县区省]?)$"
)

# -- site chrome of a web page (navigation, toolbars, related links, footers) -------------------------------
# Menu entries of a government site: a line or run of lines made of them is navigation, not the plan.
NAV_WORDS: tuple[str, ...] = longest_first(
    (
        "首页 网站首页 返回首页 政务公开 政府信息公开 信息公开 政务服务 办事服务 网上办事 互动交流 政民互动 公众参与 "
        "新闻中心 新闻动态 新闻资讯 政务动态 要闻动态 工作动态 通知公告 政策文件 政策法规 政策解读 规划计划 专题专栏 "
        "数据开放 数据发布 机构设置 领导信息 网站地图 联系我们 关于我们 网站声明 隐私声明 使用帮助 无障碍 无障碍浏览 "
        "长者模式 长辈版 关怀版 适老化 繁体 简体 繁體 English 登录 注册 个人中心 搜索 高级搜索 手机版 移动版 微信 微博 "
        "政务微博 政务微信 客户端 我要留言 我要纠错 纠错 收藏本站 设为首页 加入收藏"
    ).split()
)
# Words that open a menu entry named after the place (走进青禾, 魅力东浦).
NAV_PREFIXES: tuple[str, ...] = ("走进", "魅力", "印象")
# How a site's own name ends (青禾市人民政府门户网站): a short line of the name alone is the site, not the plan.
SITE_NAME_ENDINGS: tuple[str, ...] = longest_first(
    "门户网站 政府网站 官方网站 人民政府网 政府网 政务网 政务服务网 信息网 官网".split()
)
# A line that alone heads a list of links to other pages: the heading and the titles below it are not the plan.
RELATED_HEADINGS: tuple[str, ...] = longest_first(
    (
        "相关链接 相关文章 相关阅读 相关新闻 相关稿件 相关信息 相关文件 相关政策 相关解读 政策解读 延伸阅读 推荐阅读 "
        "热点推荐 热点文章 热门文章 热点信息 猜你喜欢 友情链接 最新文章 最新信息 最新发布 往期回顾 图片新闻 专题专栏 "
        "扩展阅读 阅读排行 点击排行"
    ).split()
)
# Marks only a site's footer carries (its ICP and police filing numbers, the site code, the copyright line).
FOOTER_MARKS: tuple[str, ...] = longest_first(
    "ICP备 ICP证 公网安备 网站标识码 版权所有 Copyright copyright COPYRIGHT © Rights Reserved".split()
)
# Labels that open the other lines of a footer (主办单位：…, 地址：…), read as footer only beside a footer mark.
FOOTER_LABELS: tuple[str, ...] = longest_first(
    (
        "主办单位 承办单位 协办单位 主办 承办 技术支持 运维单位 运行维护 维护单位 网站维护 地址 通讯地址 邮编 邮政编码 "
        "电话 联系电话 值班电话 传真 邮箱 电子邮箱 E-mail 建议使用 推荐使用 最佳浏览 违法和不良信息举报 举报电话 "
        "本站支持"
    ).split()
)
# Buttons of a page's toolbar (打印本页, 关闭窗口, 字号 大 中 小, 分享到 微信 微博, 上一篇/下一篇).
TOOLBAR_WORDS: tuple[str, ...] = longest_first(
    (
        "打印本页 打印整页 打印正文 打印文章 打印 关闭窗口 关闭本页 关闭 分享到 分享 收藏 字号 字体 默认 视力保护色 "
        "扫一扫在手机打开当前页 扫一扫 手机扫一扫 二维码 返回顶部 返回列表 返回 更多 浏览次数 访问次数 阅读次数 点击数 "
        "点击量 浏览量 阅读量 微信 微博 QQ空间 朋友圈 人人网 豆瓣 复制链接 大 中 小 次 "
        "下载 相关 举报 下载资源 资源描述 点击查看更多"
    ).split()
)
# What a document-sharing site writes around a plan it shows (``《甲方案.docx》由会员分享,可在线阅读,更多相关…请在乙网上
# 搜索。``, ``上传人:… 文档编号:… 上传时间:…``): a line holding one is the site's, whatever else it says.
DOC_SHARE_MARKS: tuple[str, ...] = ("由会员分享", "可在线阅读", "页珍藏版", "上传人", "文档编号", "上传时间")
# What a page's app, desktop and bookmark prompts say (``添加青禾网到电脑桌面``, ``安装后可以在桌面快捷访问``,
# ``打开APP阅读全文``, ``拖动LOGO至书签栏``): a short line holding one is the site's, not the plan's.
SITE_PROMPTS: tuple[str, ...] = longest_first(
    (
        "电脑桌面 到桌面 至桌面 桌面快捷 快捷访问 添加到主屏幕 打开APP 下载APP APP内打开 APP阅读 客户端内打开 "
        "立即添加 立即下载 立即收藏 立即打开 书签栏 扫码下载 扫码阅读"
    ).split()
)
# The words a question names a document's 文号 by (``文件字号是多少``, ``这个方案的文件编号``).
NUMBER_WORDS: tuple[str, ...] = ("发文字号", "文件字号", "文件编号", "发文编号", "文号", "文件号")
# A law database's labels in brackets (``•【制定机关】甲市人民政府•【字号】甲政发〔2020〕1号``), and the page label
# each stands for: read as that label's line.
BRACKET_FIELD_LABELS: dict[str, str] = {
    "制定机关": "发文机关",
    "发布部门": "发文机关",
    "发文机关": "发文机关",
    "字号": "发文字号",
    "发文字号": "发文字号",
    "文号": "发文字号",
    "公布日期": "发布日期",
    "发布日期": "发布日期",
    "成文日期": "成文日期",
    "施行日期": "生效日期",
    "效力等级": "有效性",
    "时效性": "有效性",
    "法规类别": "主题分类",
}
# How a question names the fields a site files a page under, and which field (by its key in ``FIELD_KEYS``) each
# asks: ``信息索引号是什么`` asks the page's 索引号 field, ``属于哪个主题分类`` its 主题分类 (or 组配分类, 文件分类),
# ``这条消息来自哪家媒体`` its 来源.
FILING_ASKED: dict[str, str] = {
    "索引号": "index",
    "索引编号": "index",
    "主题分类": "topic",
    "组配分类": "topic",
    "文件分类": "topic",
    "体裁分类": "genre",
    "公文种类": "genre",
    "公开方式": "disclosure",
    "消息来源": "source",
    "信息来源": "source",
    "文章来源": "source",
    "哪家媒体": "source",
    "哪个媒体": "source",
    "哪个网站": "source",
    "哪家网站": "source",
}
# The date a question names (``发布时间``, ``落款日期``), as a document's dates are labelled (``DocumentRecord.dates``);
# 印发 and any other word: 印发日期.
DATE_ASKED_LABELS: dict[str, str] = {
    "成文": "成文日期",
    "落款": "成文日期",
    "发文": "成文日期",
    "发布": "发布日期",
    "公布": "发布日期",
    "公开": "发布日期",
    "颁布": "发布日期",
    "生成": "生成日期",
    "产生": "生成日期",
}
# The page fields that print each asked date (``发布日期`` may be printed as ``发布时间``), first the field of that
# very name; an answer quotes the field as the page printed it (``生成日期 2018-03-28``).
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "成文日期": ("成文日期", "发文日期"),
    "发布日期": (
        "发布日期",
        "发布时间",
        "颁布日期",
        "公布日期",
        "公开日期",
        "时间",
        "日期",
        "编稿时间",
        "发稿时间",
        "录入时间",
    ),
    "印发日期": ("印发日期",),
    "生成日期": ("生成日期", "产生日期"),
}
# A short line made of chrome words holds one of these (``首页 > 通知公告``, ``【打印】【关闭】``).
CHROME_LINE_MARKS: tuple[str, ...] = ("首页", "打印", "关闭", "分享")
# Words that open a link to the page before or after this one (上一篇：…, 下一篇：…).
NEIGHBOUR_WORDS: tuple[str, ...] = ("上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页")
