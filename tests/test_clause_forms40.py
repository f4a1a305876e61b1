"""Questions whose clause holds the answer, in the forms of session 40's tune misses (docs/clause-forms.md), in
invented plans of invented places: a change asked ``较2005年`` of a clause that says ``比2005年``, a change in
``几个百分点`` of a figure in percent, an amount asked of what the plan's own title names (``改多少户``), ``多少户居民``
of a clause counting ``户``, the N-th part of a section named with ``里``/``中``, a body of the plan's place that no
plan names (``白沙区应急管理局``), a place within the plan asked of (``…计划中白岭市的…``), and who leads a task no
sentence names."""

from __future__ import annotations

import pytest

from policykb.bot.answers.outline import section_named
from policykb.bot.answers.targeting import unit_compatible_text
from policykb.bot.evidence import Evidence, asked_measures
from policykb.bot.scope import BUREAU
from policykb.kb.bm25 import BM25Index
from policykb.kb.segmenter import Segmenter

RENEWAL = """青禾市城镇老旧小区改造工作方案
青禾市人民政府办公室
一、工作目标
全市2026年城镇老旧小区改造新开工36个、180万平方米、2.4万户。
二、重点任务
(一)完善配套设施。加装电梯,改造供水管网。
"""

CARBON = """栗原市碳达峰实施方案
栗原市人民政府
一、主要目标
到2025年,单位生产总值能源消耗比2020年下降14.2%,全市清洁能源装机占比力争达到19.5%。
到2030年,全市清洁能源装机占比力争达到24%,单位生产总值二氧化碳排放比2005年下降66%,确保碳排放按期达峰。
二、重点任务
(一)推进能源结构调整。严控煤炭消费增长。
"""

RESCUE = """白沙区应急救援体系建设方案
一、总体要求
(一)指导思想。坚持人民至上、生命至上,统筹发展和安全。
(二)工作目标。到2027年,建成统一指挥、反应灵敏的应急救援体系。
二、领导体制
设立白沙区应急委,统筹全区突发事件的应对。
(一)区应急委职责。统筹本区防灾减灾救灾工作,协调处置较大以上突发事件。
(二)区应急委组成。区应急委主任由区长担任。
"""

AIR = """桐溪市2026年度大气污染防治攻坚实施计划
一、总体目标
到2026年底,桐溪城区空气质量优良天数比率不低于90.5%,细颗粒物(PM2.5)平均浓度不高于33微克/立方米。
白岭市的空气质量优良天数比率不低于92.5%,细颗粒物(PM2.5)平均浓度分别不高于31微克/立方米;苇塘县的环境空气质量优良天数比率
"""

SAFETY = """柳岸县安全生产专项整治三年行动实施计划
一、总体要求
(一)指导思想。坚持安全发展,筑牢安全生产防线。
二、组织机构
县政府成立专项整治工作专班,统筹推进各项整治
三、工作安排
(一)动员部署。制定实施方案,明确整治重点。
"""


def test_a_change_in_percentage_points_asks_a_figure_in_percent():
    assert unit_compatible_text("能源消耗较2020年下降几个百分点？", "比2020年下降14.2%")
    assert not unit_compatible_text("改造多少户？", "新开工36个")


@pytest.mark.parametrize("marker", ["较", "相比", "比"])
def test_the_word_that_sets_a_baseline_is_not_what_is_asked(marker):
    segmenter = Segmenter()
    bm25 = BM25Index([segmenter.tokens(line) for line in CARBON.splitlines()])
    evidence = Evidence.of(f"栗原二氧化碳排放{marker}2005年降低多少？", segmenter, bm25)
    assert "二氧化碳" in evidence.tokens
    assert marker not in evidence.tokens


def test_a_bureaus_name_is_told_from_a_tasks_words():
    assert BUREAU.fullmatch("应急管理局") and BUREAU.fullmatch("卫健局")
    assert not BUREAU.fullmatch("完善街道党工委") and not BUREAU.fullmatch("优化产业布局")


def test_what_a_household_counts_is_the_answers_form():
    assert asked_measures("涉及多少户居民？") == {"户", "居民"}
    assert asked_measures("涉及多少户？居民满意吗") == {"户"}  # 居民 not right after the measure


@pytest.mark.parametrize("within", ["里", "中", "当中"])
def test_a_part_of_a_section_named_with_a_word_of_within(within):
    headings = ["一、总体要求", "二、领导体制"]
    assert section_named(f"白沙区应急救援体系建设方案总体要求{within}的第二项是什么？", headings) == "总体要求"


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {
        "青禾市老旧小区改造.txt": RENEWAL,
        "栗原市碳达峰.txt": CARBON,
        "白沙区应急救援.txt": RESCUE,
        "桐溪市大气攻坚.txt": AIR,
        "柳岸县安全生产.txt": SAFETY,
    }
    return e5_shelf(tmp_path_factory.mktemp("clause-forms40"), e5, plans)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said", "unsaid"),
    [
        ("栗原2030年单位生产总值二氧化碳排放较2005年降低多少？", "66%", "24%"),
        ("栗原单位生产总值能源消耗到2025年较2020年下降几个百分点？", "14.2%", "19.5%"),
        ("青禾2026年城镇老旧小区改造要改多少户？", "2.4万户", "36个"),
        ("青禾2026年城镇老旧小区改造涉及多少户居民？", "2.4万户", "36个"),
        ("白沙区应急救援体系建设方案总体要求里的第二项是什么？", "工作目标", "指导思想"),
        ("桐溪2026年大气攻坚计划中白岭市的细颗粒物平均浓度目标是多少？", "31", "33"),
    ],
)
def test_the_clause_that_holds_the_answer_answers(shelf, question, said, unsaid):
    answer = shelf.ask(question)
    assert answer.answerable, answer.answer
    first = answer.answer.split("依据")[0].split("方案原文")[0]
    assert said in first and unsaid not in first, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "栗原2030年单位生产总值二氧化碳排放较2010年降低多少？",  # a baseline the plan does not use
        "青禾2027年城镇老旧小区改造要改多少户？",  # another year
        "青禾2026年城镇老旧小区改造要改多少栋楼？",  # a unit the plan does not count in
        "白沙区应急管理局牵头哪些任务？",  # a body of the place the plan never names
        "柳岸县安全生产专项整治三年行动中危险化学品专项整治由哪个部门牵头？",  # no sentence names that task
    ],
)
def test_near_misses_stay_refused(shelf, question):
    answer = shelf.ask(question)
    assert not answer.answerable, answer.answer
