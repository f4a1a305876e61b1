"""A figure with its unit: the retrieved sentence answers when it holds the figure asked, not a neighbour's
(docs/target-forms.md), in invented plans of invented places."""

from __future__ import annotations

import pytest

from policykb.bot.answers.targeting import sentence_year_compatible, total_only, year_compatible
from policykb.bot.evidence import AFTER_YEAR
from policykb.kb.glossary import shipped_glossary
from policykb.kb.records import Target

RENEWAL = """东湾市老旧街区改造工作方案
一、工作目标
全市2024年老旧街区改造新开工30个、150万平方米、2.1万户。
"""

AIR = """南岭市2023年度大气污染防治实施计划
（二）主要目标。到2023年底，主城区空气质量优良天数比例不低于90.5%，细颗粒物(PM2.5)平均浓度不高于31微克/立方米；\
西坪县优良天数比例不低于92%，可吸入颗粒物(PM10)和细颗粒物(PM2.5)平均浓度分别不高于50和29微克/立方米。
基本消除工业园区异味，涉气重复投诉量比2019年下降25%。
"""

TALENT = """北湖市青年人才集聚计划
一、重点项目
1.技能人才项目。实施青年工匠计划，5年内资助培养高级技师不少于260名。
2.科技新星项目。每年遴选资助青年科技人员不少于80名。
"""


def test_a_baseline_year_the_sentence_does_not_use_is_not_answered_by_it():
    assert not sentence_year_compatible("投诉量要比2020年下降多少？", "涉气重复投诉量比2019年下降25%")
    assert sentence_year_compatible("投诉量要比2019年下降多少？", "涉气重复投诉量比2019年下降25%")
    assert sentence_year_compatible("投诉量要下降多少？", "涉气重复投诉量比2019年下降25%")


def test_a_yearly_figure_is_not_a_total_over_several_years():
    total = Target("d", ["一"], "资助培养高级技师", "不少于", "260", "名", "5年内", "", "", 0)
    yearly = Target("d", ["一"], "选拔资助青年科技人员", "不少于", "80", "名", "每年", "", "", 0)
    assert not year_compatible("每年培养资助多少名高级技师？", total)
    assert year_compatible("5年内培养资助多少名高级技师？", total)
    assert year_compatible("年均选拔资助多少名青年科技人员？", yearly)
    assert year_compatible("选拔资助多少名青年科技人员？", yearly)
    assert total_only("每年培养多少名高级技师？", "5年内资助培养高级技师不少于260名")
    assert total_only("每年投入多少？", "“十五五”期间累计投入40亿元")
    assert not total_only("每年选拔多少名？", "每年资助青年科技人员不少于80名")
    assert not total_only("5年内培养多少名？", "5年内资助培养高级技师不少于260名")


def test_fine_and_coarse_particles_are_neighbours():
    glossary = shipped_glossary()
    assert glossary.neighbour("主城区PM10平均浓度", "细颗粒物(PM2.5)平均浓度不高于31微克/立方米")
    assert glossary.neighbour("可吸入颗粒物浓度", "细颗粒物浓度不高于31微克/立方米")
    assert glossary.neighbour("PM10浓度", "可吸入颗粒物(PM10)和细颗粒物(PM2.5)分别不高于50和29") is None


def test_a_year_is_cut_from_the_word_after_it():
    assert AFTER_YEAR.sub(" ", "东湾2024年老旧街区") == "东湾2024年 老旧街区"
    assert AFTER_YEAR.sub(" ", "2023年度计划2025年底前2024年内") == "2023年度计划2025年底前2024年内"


@pytest.fixture(scope="module")
def target_shelf(tmp_path_factory, e5):
    """Invented plans of the target forms on one shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    plans = {"renewal.txt": RENEWAL, "air.txt": AIR, "talent.txt": TALENT}
    return e5_shelf(tmp_path_factory.mktemp("target-shelf"), e5, plans)


@pytest.mark.slow
def test_a_question_year_before_a_word_is_not_read_as_one_word(target_shelf):
    from policykb.bot.evidence import Evidence

    index = target_shelf.index()
    evidence = Evidence.of("东湾2024年老旧街区改造新开工多少平方米？", index.segmenter, index.bm25)  # type: ignore[arg-type]
    assert "年老" not in evidence.tokens, evidence.tokens


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "keys"),
    [
        # a year right after 全市 with no comma, asked with a word jieba joins to 年 (2024年老旧 → 年老)
        ("东湾2024年老旧街区改造新开工多少平方米？", ["150万平方米"]),
        ("东湾市2024年老旧街区改造新开工多少户？", ["2.1万户"]),
        # the baseline the sentence uses
        ("南岭市涉气重复投诉量要比2019年下降多少？", ["25%"]),
        # the county's coarse particles, named only in the body
        ("南岭市大气计划里西坪县PM10平均浓度不高于多少？", ["50"]),
        # a total over five years, and a yearly figure, asked as they are said
        ("北湖市5年内资助培养高级技师不少于多少名？", ["260名"]),
        ("北湖市每年遴选资助多少名青年科技人员？", ["80名"]),
    ],
)
def test_target_questions(target_shelf, question, keys):
    answer = target_shelf.ask(question)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        # PM10 of the centre: the plan sets only its PM2.5
        "南岭市主城区2023年PM10平均浓度不高于多少？",
        # a baseline year the plan does not use
        "南岭市涉气重复投诉量要比2020年下降多少？",
        # a yearly figure of a five-year total
        "北湖市每年要资助培养多少名高级技师？",
    ],
)
def test_target_refusals(target_shelf, question):
    answer = target_shelf.ask(question)
    assert not answer.answerable, answer.answer
