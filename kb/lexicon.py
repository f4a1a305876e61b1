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
        "处 所 项 户 万人 人 亿元 万元 元 倍 条 工作日 蒸吨"
    ).split()
)
UNIT_PATTERN = alternation(QUANTITY_UNITS)
# What ingest reads after a target's number: the units above and the counts and spans plans also set.
TARGET_UNITS: tuple[str, ...] = longest_first(
    [
        *QUANTITY_UNITS,
        *"万家 个工作日 张 岁 万户 万个 千家 批 次 人次 万人次 小时 天 分钟 年".split(),
        # people counted (``5000名``), spans of months (``每年至少1个月``), amounts in 亿 (``11亿千瓦``)
        *"名 万名 个月 亿千瓦 亿千瓦时 亿吨 亿立方米 亿平方米 亿亩 万亿元".split(),
    ]
)
# The same unit spelled two ways: a target keeps one spelling.
UNIT_SPELLINGS = {"微克每立方米": "微克/立方米", "毫克每立方米": "毫克/立方米", "个工作日": "工作日", "％": "%"}
# Units a question asks for after 多少/几 (``多少万千瓦``, ``几家``): an answer must be in the same unit.
ASKED_UNITS: tuple[str, ...] = longest_first(
    (
        "万千瓦时 万千瓦 千瓦时 千瓦 万吨标准煤 万吨 吨 亿元 万元 元 公里 千米 万平方米 平方米 公顷 万亩 亩 "
        "名 人 辆 座 个 家 项 台 套 处 条 户 工作日 蒸吨"
    ).split()
)
# Measure words that count things: one count answers a question asked in another (``几个`` ↔ ``5家``).
COUNT_MEASURES = frozenset("个家项座处所台套条户")
# Measure words after a Chinese numeral that make it a quantity (``六成``, ``两项``).
CHINESE_NUMERAL_MEASURES = "%个家项座所台套处名人辆吨倍成"

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
    "压缩至 压缩到 缩短至 缩短到 减至 突破 新增 引进 淘汰 开通 认定 为 达 至少 最多 最高 最低".split()
)
# Spans a target holds for besides a year or a five-year period: ``每年至少1个月``, ``5年内培训…``.
RECURRING_SPANS: tuple[str, ...] = ("每年", "每季度", "每月", "年均")
# Words after a quantity that qualify it (``90%以上``, ``70%左右``).
QUALIFIERS: tuple[str, ...] = ("及以上", "以上", "左右", "以内", "以下")
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

# -- outlines -----------------------------------------------------------------------------
# Verbs that open a clause listing a plan's parts (按照A、B、C的总要求; 推进A、B、C改造): not part of the first item.
LIST_OPENING_WORDS: tuple[str, ...] = (
    "按照", "围绕", "坚持", "实施", "推进", "推动", "开展", "加快", "聚焦", "突出", "包括", "实现",
    "重点", "着力", "大力", "深入", "持续", "全面", "统筹", "强化", "做到", "以", "从",
)  # fmt: skip

# -- responsibility -----------------------------------------------------------------------
DUTY_WORDS: tuple[str, ...] = ("牵头", "负责", "配合", "落实")
LEAD_WORDS: tuple[str, ...] = ("牵头", "挑头", "主责")
CO_WORDS: tuple[str, ...] = ("配合", "协同", "协助", "按职责分工负责")
PART_WORDS: tuple[str, ...] = ("参与",)
# Signs that a text assigns tasks to units: a plan with one of them and no task read deserves a second look.
TASK_SIGNS: tuple[str, ...] = ("牵头", "责任单位", "配合单位", "责任部门", "完成时限")
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
GENERIC_GROUP = re.compile(r"(?:有关|相关|其他|其它|成员|各)(?:单位|部门|机构|方面)$")

# A level of the same target (``到2025年下降13%（激励目标14.5%）``): “激励目标呢？” asks the last target's other level.
TARGET_LEVELS = re.compile(r"^(?:激励|力争|约束性|预期性|奋斗|底线|基本|保底)(?:性)?(?:目标|指标|值)$")

# Words that ask what has actually happened (``实际增速``, ``已完成``), which a target (what a plan wants) does not say.
ACTUAL_WORDS: tuple[str, ...] = tuple("实际 实绩 现状 已完成 完成了 实现了 达到了".split())

# -- refusals and cautions ----------------------------------------------------------------
REFUSAL_MARK = "方案中未找到"  # every refusal starts with it
PARTIAL_MARK = "方案中没有与问题完全一致的表述"  # every partial (closest-clause) answer starts with it
PARTIAL_LEAD = f"{PARTIAL_MARK}，最接近的是："
REFUSAL_PHRASES: tuple[str, ...] = (REFUSAL_MARK,)

# -- deadlines ----------------------------------------------------------------------------
# Words of a deadline that comes round again (a task due every year or quarter, not once).
RECURRING_WORDS: tuple[str, ...] = tuple("每年 每半年 每季度 每季 每月 每周 每两年 每三年 年度内定期".split())
