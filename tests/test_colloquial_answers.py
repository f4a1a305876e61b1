"""Questions asked in everyday words get the clause that answers them (issue 23).

The plans below are invented (岚溪市 and 澄湖区 are no real places); their sentences are in forms real plans use:
a higher aim after an amount (``下降13.5%，力争达到14%``), a share written in Chinese numerals (``三分之一``), a
goal with no number (``基本实现…全面应用``), a term defined in a bracket (``（以下称…）``), units that open their
sentence as its subject (``A、B等部门要…``), a place's name inside the name of a thing (``岚溪机场``). The
questions ask as people do: ``最高争取降到多少``, ``占到多大份额``, ``最多可占多少``, ``要做到什么程度``,
``指的是什么``, ``是哪些部门的活``. Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.definition import asked_term, defining_clause
from policykb.bot.answers.role import stated_roles
from policykb.bot.answers.sentences import pieces, quantities
from policykb.bot.scope import question_scope
from policykb.kb.lexicon import REFUSAL_MARK
from policykb.kb.records import DocumentRecord

LANXI_PLAN = """\
岚溪市人民政府关于印发岚溪市绿色低碳发展实施方案的通知
岚政发〔2024〕7号
各县（市、区）人民政府，市政府各部门：
现将《岚溪市绿色低碳发展实施方案》印发给你们，请认真贯彻执行。
岚溪市人民政府
2024年3月18日
岚溪市绿色低碳发展实施方案
一、主要目标
到2025年，全市单位地区生产总值能源消耗比2020年下降13.5%，力争达到14%，非化石能源占能源消费总量比重达到22%，全市新增绿色建筑面积不少于300万平方米。
到2025年，基本实现城区快递绿色包装材料全面应用。全社会研发投入强度达到2.6%。
二、重点任务
（一）推行环境信用监管。在全市推行“随机抽取检查对象、随机选派执法检查人员”抽查机制（以下称双随机抽查），抽查结果向社会公开。
（二）放宽节能服务机构股东条件。新设立节能服务公司的，允许不超过三分之一不具有节能评估资格的人员担任股东。
（三）加强组织领导。市发展改革委、市生态环境局、市财政局等部门要加强对绿色低碳工作的统筹协调，制定配套政策。
（四）建设慢行设施。在城区主干道新建2座人行天桥，2025年10月底前投入使用。（市住房城乡建设局负责）
"""

CHENGHU_PLAN = """\
澄湖区人民政府关于印发澄湖区临空产业发展若干措施的通知
澄湖政发〔2024〕3号
各街道办事处，区政府各部门：
现将《澄湖区临空产业发展若干措施》印发给你们，请认真贯彻执行。
澄湖区人民政府
2024年5月6日
澄湖区临空产业发展若干措施
一、拓展航线网络
（一）支持岚溪机场开通国际全货运航线，培育临空物流企业。（负责部门：区交通运输局）
"""


@pytest.fixture(scope="module")
def lanxi_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan (a copy of ``e5_bot``'s index) and the two invented plans (embedded Chroma in a
    temp home, e5)."""
    from tests.conftest import bot_on_a_copy

    home = tmp_path_factory.mktemp("colloquial")
    for name, text in (("lanxi-lowcarbon.txt", LANXI_PLAN), ("chenghu-airport.txt", CHENGHU_PLAN)):
        (home / name).write_text(text, encoding="utf-8")
    instance = bot_on_a_copy(e5_bot, home / "home")
    instance.ingest([home / "lanxi-lowcarbon.txt", home / "chenghu-airport.txt"])
    return instance


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("岚溪市能耗强度最高争取降到多少？", ["14%"]),  # the higher aim stays with its indicator
        ("岚溪市到2025年，非化石能源要在能源消费里占到多大份额？", ["22%"]),  # 份额 asks a share, as 比重 does
        ("岚溪市新设立节能服务公司，不具有节能评估资格的股东最多可占多少？", ["三分之一"]),  # a share in numerals
        ("岚溪市到2025年城区快递的包装要做到什么程度？", ["绿色包装材料全面应用"]),  # a goal with no number
        ("岚溪市搞研发的钱要占到经济总量的多少？", ["2.6%"]),  # a share of GDP is the amount's 强度
        ("岚溪市新建的2座人行天桥要求什么时候投入使用？", ["2025年10月底前"]),  # when a thing opens: a deadline
        ("岚溪市方案中的“双随机抽查”指的是什么？", ["随机抽取检查对象、随机选派执法检查人员"]),  # the defining clause
        ("岚溪市绿色低碳整体统筹协调这件事是哪些部门的活？", ["市发展改革委", "市生态环境局", "市财政局"]),
        ("澄湖区临空产业发展若干措施中，支持岚溪机场开通国际全货运航线的负责部门是哪个？", ["区交通运输局"]),
    ],
)
def test_everyday_wording_gets_the_clause_that_answers(lanxi_bot, question, wanted):
    a = lanxi_bot.ask(question)
    assert a.answerable, a.answer
    for text in wanted:
        assert text in a.answer, a.answer


@pytest.mark.parametrize(
    "question",
    [
        "岚溪市到2030年能耗强度最高争取降到多少？",  # a year the plan does not set
        "岚溪市新设立节能服务公司，注册资本最少要多少？",  # an amount the plan does not give
        "岚溪市服务业增加值要占到经济总量的多少？",  # another indicator's share of GDP
        "岚溪市方案中的“三同时”指的是什么？",  # a term the plans never use
    ],
)
def test_what_the_plans_do_not_say_stays_refused(lanxi_bot, question):
    a = lanxi_bot.ask(question)
    assert not a.answerable, a.answer
    assert REFUSAL_MARK in a.answer or "没有" in a.answer, a.answer


def test_a_higher_aim_stays_with_the_piece_it_raises():
    found = [p.text for p in pieces("到2025年，能源消耗下降13.5%，力争达到14%，绿色建筑面积不少于300万平方米")]
    assert found[0].endswith("下降13.5%，力争达到14%")
    assert found[1].startswith("绿色建筑面积")


def test_a_share_in_chinese_numerals_is_an_amount():
    found = quantities("允许不超过三分之一的人员担任股东，比例不低于百分之二十")
    assert [q for q, _ in found] == ["三分之一", "百分之二十"]
    assert quantities("年满18周岁的公民") == []


def test_the_term_a_question_asks_the_meaning_of():
    assert asked_term("方案中的“双随机抽查”指的是什么？") == "双随机抽查"
    assert asked_term("什么是河湖长制？") == "河湖长制"
    assert asked_term("市发展改革委指导哪些工作？") == ""


def test_the_clause_that_defines_a_term():
    text = "甲。在全市推行“随机抽取、随机选派”抽查机制（以下称双随机抽查），结果公开。乙。"
    start, end = defining_clause("双随机抽查", text)
    assert text[start:end].startswith("在全市推行")
    said = "丙。本方案所称绿色工厂，是指实现用地集约化的工厂。"
    assert defining_clause("绿色工厂", said) is not None
    assert defining_clause("发展改革委", "发展改革委指导各区开展工作。") is None  # 指导 is not 指


def test_units_that_open_a_sentence_are_its_units_only_when_all_are_units():
    known = {"市发展改革委", "市财政局"}.__contains__
    roles = stated_roles("市发展改革委、市财政局等部门要加强统筹协调", known)
    assert roles is not None and roles.shared == ["市发展改革委", "市财政局"]
    assert stated_roles("各地区、各有关方面要加强统筹协调", known) is None


def _plan(doc_id: str, place: str, title: str, text: str) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, title=title, source=f"{doc_id}.txt", sha256="", text=text, place=place)


def test_a_place_inside_the_name_of_a_thing_does_not_scope_the_question():
    plans = [
        _plan("a", "岚溪市", "岚溪市绿色低碳发展实施方案", "岚溪市……"),
        _plan("b", "澄湖区", "澄湖区临空产业发展若干措施", "支持岚溪机场开通航线。"),
    ]
    airport = question_scope("临空产业发展若干措施中，支持岚溪机场开通航线的负责部门是哪个？", plans, ["岚溪"])
    assert airport.doc_ids == ["b"]
    city = question_scope("岚溪的能耗强度要降多少？", plans, ["岚溪"])
    assert city.doc_ids == ["a"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("岚溪市新建的2座人行天桥要求什么时候投入使用？", "deadline"),
        ("物流园什么时候竣工？", "deadline"),
        ("物流园什么时候开工？", "fact"),  # when it starts: a task's deadline is when it is done, not this
    ],
)
def test_when_a_thing_opens_is_a_deadline(question, kind):
    from policykb.bot.question import classify
    from policykb.kb.units import UnitDirectory

    assert classify(question, UnitDirectory(["市交通运输局"])).kind == kind
