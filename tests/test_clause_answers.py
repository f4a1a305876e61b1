"""The retrieved clause answers when it holds the answer (issue 23): forms real plans write targets in.

The plan below is invented (澄川市 is no real place); its sentences are in the forms real plans use and the
extractor used to miss: ``达`` for ``达到``, a period (``“十四五”期间``, ``5年内``, ``每年``) for a year, a year
set by an earlier sentence of the paragraph, several amounts in one sentence, counts (``名``, ``个月``), an
investment, a threshold (``月销售额12万元以下``). Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.parts import question_parts
from policykb.bot.answers.sentences import paragraph_before, pieces, quantities, time_of
from policykb.ingest.targets import extract_targets
from policykb.kb.lexicon import PARTIAL_MARK, REFUSAL_MARK

CLAUSE_PLAN = """\
澄川市人民政府关于印发澄川市乡村建设和人才振兴实施方案的通知
澄府发〔2023〕12号
各县（市、区）人民政府，市政府各部门：
现将《澄川市乡村建设和人才振兴实施方案》印发给你们，请认真贯彻执行。
澄川市人民政府
2023年4月6日
澄川市乡村建设和人才振兴实施方案
一、主要目标
到2025年，全市农村生活污水收集率达88%以上，行政村生活垃圾分类覆盖率达到95%。全市农作物耕种收综合机械化率达到80%，平原乡镇基本实现农业机械化，山区乡镇农作物耕种收综合机械化率达到58%。全市农机总动力稳定在8亿千瓦左右，其中灌排机械动力达到0.9亿千瓦。
“十四五”期间，重点建设18个左右市级乡村工匠工作站，带动乡村就业不少于6000人。
二、重点任务
（一）乡村人才培育。实施高素质农民培育计划，5年内培训高素质农民达到26000名，其中培育农村电商带头人1200名。（市农业农村局牵头，市人力资源社会保障局配合）
（二）乡村产业扶持。投资5600万元建设澄川市农产品冷链集配中心。对月销售额12万元以下的农户网店免收平台服务费。（市商务局负责）
（三）乡村教育提升。城区学校教师每年至少3个月在乡村学校支教。原则上每4年修订1次职业学校专业目录，每年调整1次专业设置。每2年修订1次乡土教材。（市教育局负责）
"""


@pytest.fixture(scope="module")
def clause_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan and the invented plan (embedded Chroma in a temp home, e5)."""
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("clause"), e5_bot, "chengchuan-rural.txt", CLAUSE_PLAN)


def _headline(answer: str) -> str:
    """The answer's lines before the quoted clause (the amounts it gives)."""
    return answer.split("方案原文")[0].split("依据：")[0]


@pytest.mark.parametrize(
    ("question", "amounts", "not_in_headline"),
    [
        ("澄川市到2025年山区乡镇农作物耕种收综合机械化率达到多少？", ["58%"], ["80%"]),  # year of the sentence before
        ("澄川市农村生活污水收集率要达到多少？", ["88%"], []),  # 达, not 达到
        ("澄川市“十四五”期间要重点建设多少个市级乡村工匠工作站？", ["18个"], []),  # a period
        ("澄川市5年内培训高素质农民达到多少名？", ["26000名"], ["1200名"]),
        ("澄川市城区学校教师每年至少要在乡村学校支教多久？", ["3个月"], []),
        ("澄川市对月销售额多少以下的农户网店免收平台服务费？", ["12万元"], []),
        ("澄川市投资多少建设农产品冷链集配中心？", ["5600万元"], []),
    ],
)
def test_the_clause_that_holds_the_amount_answers(clause_bot, question, amounts, not_in_headline):
    a = clause_bot.ask(question)
    assert a.answerable, a.answer
    head = _headline(a.answer)  # a plain fact (多久) may only quote its sentence; a target states its amount
    for amount in amounts:
        assert amount in (head if a.kind == "target" else a.answer), a.answer
    for other in not_in_headline:
        assert other not in head, a.answer
    assert a.sources and a.sources[0].cited


@pytest.mark.parametrize(
    ("question", "amounts"),
    [
        ("澄川市到2025年全市农机总动力和灌排机械动力分别是多少？", ["8亿千瓦", "0.9亿千瓦"]),  # two in one sentence
        ("澄川市职业学校专业目录和乡土教材分别多久修订一次？", ["每4年修订1次", "每2年修订1次"]),  # two sentences
        ("澄川市5年内培训高素质农民多少名？其中农村电商带头人多少名？", ["26000名", "1200名"]),
    ],
)
def test_every_part_of_a_two_part_question_is_answered(clause_bot, question, amounts):
    a = clause_bot.ask(question)
    assert a.answerable, a.answer
    for amount in amounts:
        assert amount in a.answer, a.answer


@pytest.mark.parametrize(
    "question",
    [
        "澄川市到2030年山区乡镇农作物耕种收综合机械化率达到多少？",  # another year
        "澄川市工业用水重复利用率要达到多少？",  # an indicator the plan does not name
        "澄川市农村生活污水收集率要比2015年提高多少？",  # a change since a year the plan does not measure from
        "澄川市5年内要培训多少名乡村医生？",  # another group of people
    ],
)
def test_a_question_no_sentence_covers_is_refused(clause_bot, question):
    a = clause_bot.ask(question)
    assert not a.answerable and a.answer.startswith(REFUSAL_MARK), a.answer


def test_a_part_the_plan_does_not_give_is_named(clause_bot):
    a = clause_bot.ask("澄川市5年内培训高素质农民多少名？乡村医生多少名？")
    assert a.answerable and "26000名" in a.answer, a.answer
    assert "方案未写明" in a.answer and "乡村医生" in a.answer.split("方案未写明")[1], a.answer
    assert a.confidence == "partial" or PARTIAL_MARK in a.answer


def test_a_respectively_piece_stays_with_what_it_names():
    """``对A、B、C，分别奖励X、Y、Z``: the amounts stay with the items they belong to in turn, in one piece."""
    found = list(pieces("对新认定的省级、市级示范街区，分别一次性奖励80万元、30万元。"))
    assert [p.text for p in found] == ["对新认定的省级、市级示范街区，分别一次性奖励80万元、30万元"]
    assert [q for q, _ in found[0].quantities] == ["80万元", "30万元"]


def test_the_amount_of_the_piece_that_names_the_indicator():
    sentence = "全市机械化率达到80%，平原乡镇基本实现农业机械化，山区乡镇机械化率达到58%。"
    assert [p.text for p in pieces(sentence)] == ["全市机械化率达到80%", "山区乡镇机械化率达到58%"]
    assert [p.text for p in pieces("马铃薯种植、收获机械化率均达到45%，花生种植率达到65%、收获率达到55%")] == [
        "马铃薯种植、收获机械化率均达到45%",
        "花生种植率达到65%",
        "收获率达到55%",
    ]
    assert [q for q, _ in quantities("到2025年，建设“15分钟健身圈”30个，第3批")] == ["30个"]


def test_a_sentence_holds_for_the_year_its_paragraph_set():
    years, when = time_of("农机总动力稳定在8亿千瓦左右。", "到2025年，污水收集率达88%以上。", "一、主要目标")
    assert years == {"2025"} and when == "2025"
    assert time_of("“十四五”期间，重点建设18个左右工作站。", "", "")[0] == {"2025"}
    assert time_of("到2030年，达到70%。", "到2025年，达到60%。", "")[0] == {"2030"}


def test_a_dash_item_holds_for_the_year_its_lead_paragraph_set():
    """``到2027年，…。`` · ``——…达到45%``: the items of a list of goals hold for the year of the paragraph above
    them, not a sibling item's own year; a paragraph that is no dash item keeps its own text only."""
    text = (
        "二、工作目标\n到2027年，全县果蔬产业链基本成形。\n——到2026年，冷库容量达到3万吨。\n"
        "——加工能力明显提升。农产品加工转化率达到45%，精深加工企业达到12家。\n三、重点任务\n建成集配中心。"
    )
    at = text.find("农产品加工转化率")
    assert time_of("农产品加工转化率达到45%。", paragraph_before(text, at), "二、工作目标")[0] == {"2027"}
    assert paragraph_before(text, text.find("建成")) == ""
    assert paragraph_before(text, text.find("全县")) == "到2027年，"
    years = {t.indicator: t.year for t in extract_targets(text, "d", [])}  # the target records read it alike
    assert years == {"冷库容量": "2026", "农产品加工转化率": "2027", "精深加工企业": "2027"}


def test_an_amount_before_a_comma_of_listing_ends_its_item():
    """``A达到68%以上、B达到45亿元``: B and its amount are not part of A's indicator, nor the qualifier A's of B."""
    targets = extract_targets("到2026年，全县农产品加工转化率达到68%以上、加工企业营业收入达到45亿元。", "d", [])
    assert [(t.indicator, t.value) for t in targets] == [("农产品加工转化率", "68"), ("加工企业营业收入", "45")]


def test_question_parts():
    assert question_parts("专业目录和教材分别多久修订一次？") == ["专业目录多久修订一次？", "教材多久修订一次？"]
    assert question_parts("到2025年A和B分别是多少？") == ["到2025年A是多少？", "到2025年B是多少？"]
    assert question_parts("下降多少？激励目标是多少？") == ["下降多少？", "激励目标是多少？"]
    assert question_parts("山区乡镇机械化率达到多少？") == ["山区乡镇机械化率达到多少？"]


def test_the_extractor_reads_the_new_forms():
    targets = {(t.indicator, t.value, t.unit): t for t in extract_targets(CLAUSE_PLAN, "d", ["x"])}
    sewage = targets[("农村生活污水收集率", "88", "%")]
    assert sewage.year == "2025" and "达" in sewage.comparator and "以上" in sewage.comparator
    assert targets[("山区乡镇农作物耕种收综合机械化率", "58", "%")].year == "2025"  # several in one sentence
    assert targets[("灌排机械动力", "0.9", "亿千瓦")].year == "2025"  # a year carried from the sentence before
    assert targets[("重点建设市级乡村工匠工作站", "18", "个")].year == "十四五"  # a period
    assert targets[("高素质农民", "26000", "名")].year == "5年内"
    assert any(t.year == "每年" and t.value == "3" and t.unit == "个月" for t in targets.values())
    assert any(t.value == "5600" and t.unit == "万元" and "冷链" in t.indicator for t in targets.values())
