"""Amounts read in the frame their sentence sets (issue 23, session 41): forms of target clauses on unseen plans.

The plan below is invented (青禾市 is no real place); its sentences are in forms real plans of charging, heating and
water saving write: counts in 万 (``3.6万台``), a breakdown (``其中：山区乡镇改造4300户``), a part of the place that
leaves its indicator unsaid (``…供暖率达到65%，…县城达到75%以上``), a population the amounts are counted within
(``…新增或更新的车辆中，新能源汽车比例不低于60%``), a baseline said as ``与2020年相比``, a level ``截至2022年底``.
Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.sentences import pieces, quantities, since_years
from policykb.ingest.targets import extract_targets
from policykb.kb.lexicon import REFUSAL_MARK

FRAMES_PLAN = """\
青禾市人民政府办公室关于印发青禾市充电设施和清洁供暖实施方案的通知
青政办发〔2024〕7号
各县（区）人民政府，市政府各部门：
现将《青禾市充电设施和清洁供暖实施方案》印发给你们，请认真贯彻执行。
青禾市人民政府办公室
2024年3月8日
青禾市充电设施和清洁供暖实施方案
一、主要目标
到2025年，全市公用、专用换电站总数达到500座以上，充电设施达到3.6万台以上，个人充电设施达到8.2万台以上。其中，公用换电站300座左右、充电设施2.5万台左右；专用换电站200座左右、充电设施1.1万台左右。
到2024年，全市清洁供暖率达到65%，其中中心城区的清洁供暖率达到95%以上，县城达到75%以上，农村地区达到45%以上。
2024年10月底前，全市完成供暖设施改造12000户，其中：山区乡镇改造4300户、平原乡镇改造6100户。
到2025年，全市机关事业单位新增或更新的车辆中，新能源汽车比例不低于60%。
到2025年，全市居民小区充电设施覆盖率达到80%。
到2025年，全市万元地区生产总值用水量与2020年相比降低18%。
二、发展基础
截至2022年底，全市新能源汽车保有量达到2.75万辆，较2020年底增加1.9万辆。
"""


@pytest.fixture(scope="module")
def frames_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan and the invented plan (embedded Chroma in a temp home, e5)."""
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("frames"), e5_bot, "qinghe-green.txt", FRAMES_PLAN)


def _headline(answer: str) -> str:
    """The answer's lines before the quoted clause (the amounts it states)."""
    return answer.split("方案原文")[0].split("依据：")[0]


@pytest.mark.parametrize(
    ("question", "amount", "not_in_headline"),
    [
        ("青禾市到2025年个人充电设施要达到多少台？", "8.2万台", "3.6万台"),  # a count in 万
        ("青禾市到2025年专用充电设施要达到多少台左右？", "1.1万台", "500座"),  # the sentence whose piece pairs
        ("青禾市到2024年农村地区清洁供暖率要达到多少？", "45%", "65%"),  # the part leaves 清洁供暖率 unsaid
        ("青禾市到2024年县城和农村地区的清洁供暖率分别要达到多少？", "75%", "95%"),
        ("青禾市2024年10月底前山区乡镇要改造多少户供暖设施？", "4300户", "12000户"),  # a breakdown (其中：)
        ("青禾市机关事业单位新增或更新的车辆中新能源汽车比例不低于多少？", "60%", ""),  # the frame …中
        ("青禾市到2025年万元地区生产总值用水量比2020年降低多少？", "18%", ""),  # 与2020年相比
        ("截至2022年底青禾市新能源汽车保有量是多少？", "2.75万辆", "1.9万辆"),
    ],
)
def test_the_piece_read_in_its_frame_answers(frames_bot, question, amount, not_in_headline):
    a = frames_bot.ask(question)
    assert a.answerable, a.answer
    head = _headline(a.answer)
    assert amount in head, a.answer
    assert not not_in_headline or not_in_headline not in head, a.answer


@pytest.mark.parametrize(
    "question",
    [
        "青禾市新增或更新的出租车中新能源汽车比例不低于多少？",  # the frame counts the units' cars, not 出租车
        "青禾市到2025年万元地区生产总值用水量比2015年降低多少？",  # measured from another year
        "青禾市2025年10月底前山区乡镇要改造多少户供暖设施？",  # another year
        "青禾市到2025年乡村居民小区充电设施覆盖率要达到多少？",  # a part of the place the plan never writes
    ],
)
def test_a_frame_does_not_answer_what_its_sentence_leaves_out(frames_bot, question):
    a = frames_bot.ask(question)
    assert not a.answerable and a.answer.startswith(REFUSAL_MARK), a.answer


def test_counts_in_wan_and_yi_are_amounts():
    assert quantities("充电桩达到3.6万台以上") == [("3.6万台以上", "万台")]
    assert quantities("换电站1.2万座、接待1.5亿人次") == [("1.2万座", "万座"), ("1.5亿人次", "亿人次")]
    found = extract_targets("到2025年，全市居民自用充电桩达到8.2万台以上。", "d", ["一、主要目标"])
    assert [(t.quantity, t.unit, t.year) for t in found] == [("8.2万台", "万台", "2025")]


def test_a_baseline_said_between_yu_and_xiangbi():
    assert since_years("万元地区生产总值用水量与2020年相比降低18%") == {"2020"}
    assert since_years("同2015年底相比下降10%") == {"2015"}
    assert since_years("与2020年实现的目标一致") == set()  # 与 without 相比 sets no baseline
    found = extract_targets("到2025年，全市万元地区生产总值用水量与2020年相比降低18%。", "d", ["一、主要目标"])
    assert [(t.indicator, t.quantity, t.baseline_year) for t in found] == [("万元地区生产总值用水量", "18%", "2020")]


def test_a_piece_carries_the_frame_its_sentence_sets():
    found = list(pieces("到2024年，全市清洁供暖率达到65%，县城达到75%以上，中心城区空气优良率达到90%。"))
    assert [p.frame for p in found] == ["", "全市清洁供暖率达到", ""]  # a piece with its own indicator has none
    found = list(pieces("全市完成改造12000户，其中：山区乡镇改造4300户、平原乡镇改造6100户。"))
    assert [p.frame for p in found] == ["", "全市完成改造", "全市完成改造"]
    found = list(pieces("全市新增或更新的公务用车中，新能源汽车比例不低于60%。"))
    assert [p.frame for p in found] == ["全市新增或更新的公务用车中"]
    assert [p.frame for p in pieces("全市能耗总量得到有效管控，单位能耗下降14%。")] == [""]  # a statement, no frame
