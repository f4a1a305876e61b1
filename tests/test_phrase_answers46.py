"""Phrase answers asked in everyday words (issue 23: a miss of the extractor is no refusal by itself; the sentence
that covers the question answers it): what a thing is to become (``要把甲市打造成啥样``), how long a plan gives
itself (``打算花多长时间``, ``要搞多长时间`` of ``利用两年时间``, ``为期5年``), an inline heading (``二是…。`` before
its sentence, ``——甲,乙。`` before what it says) and the everyday words of asking (``啥``, ``咋``, ``搞``). The
plans are invented (苇岭市, 青屿县 are no real places); answers come from real Chroma, jieba and the e5 model."""

from __future__ import annotations

import pytest

from policykb.kb.lexicon import REFUSAL_MARK

CITY_PLAN = """\
苇岭市人民政府办公室关于印发苇岭市落实沿江城市带发展规划实施方案的通知
苇政办〔2026〕9号
各区县人民政府,市政府各部门:
《苇岭市落实沿江城市带发展规划实施方案》已经市政府第12次常务会议审议通过,现印发给你们,请认真贯彻落实。
苇岭市落实沿江城市带发展规划实施方案
一、总体要求
坚持区域联动,推动产业分工协作,共同守护沿江生态,发挥苇岭市在沿江城市带中的物流枢纽、商贸服务等功能,将苇岭市建成沿江城市带具有重要辐射力的门户城市。
二、工作要求
(一)主要目标
到2028年,沿江物流枢纽功能明显增强。
(二)基本原则
1.处理好政府与市场的关系。充分发挥市场配置资源的决定性作用,更好发挥政府引导作用。
2.处理好整体与局部的关系。各区县制定具体落实方案,承担相应责任。
3.处理好近期与长远的关系。立足当前,着眼长远,统筹谋划重点工作。
三、工作安排
利用两年时间,对全市老旧码头进行普查摸底,建立台账。码头升级改造工作为期5年。
"""

GREEN_PLAN = """\
青屿县创建省级园林县城工作意见
一、总体要求
(一)主要目标。以建设“滨海花园城、宜居生态县”为目标,加快绿化美化步伐。到2027年,县城绿地率达到38%以上。
(二)工作原则
——规划引领,分步实施。先编制绿地系统规划,再按年度推进建设。
——全民参与,共建共享。发动机关、企业和居民认建认养绿地。
二、重点任务 一是完善城市绿道网络。沿河新建绿道20公里。 二是加大口袋公园建设力度。
在老城区新建小游园12个,优先布局在学校和医院周边。
"""


@pytest.fixture(scope="module")
def city_bot(e5_bot, tmp_path_factory):
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("city46"), e5_bot, "weiling-city-belt.txt", CITY_PLAN)


@pytest.fixture(scope="module")
def green_bot(e5_bot, tmp_path_factory):
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("green46"), e5_bot, "qingyu-garden-county.txt", GREEN_PLAN)


def test_what_a_city_is_to_become_is_the_sentence_that_says_it_not_the_notice_line(city_bot):
    answer = city_bot.ask("苇岭市落实沿江城市带发展规划，最后要把苇岭市建成个啥？")
    assert answer.answerable and "具有重要辐射力的门户城市" in answer.answer


def test_what_a_county_is_to_become_is_its_goal_said_in_words(green_bot):
    answer = green_bot.ask("青屿县创建园林县城，是要把县城打造成啥样？")
    assert answer.answerable and "滨海花园城、宜居生态县" in answer.answer


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("苇岭市打算花多长时间把老旧码头普查摸底搞完？", "利用两年时间"),
        ("苇岭市码头升级改造工作要搞多长时间？", "为期5年"),
    ],
)
def test_how_long_asked_in_everyday_words_is_the_span_the_plan_gives(city_bot, question, span):
    answer = city_bot.ask(question)
    assert answer.answerable and span in answer.answer


def test_an_item_asked_by_its_inline_heading_is_quoted_with_what_follows_it(green_bot):
    answer = green_bot.ask("青屿县“全民参与，共建共享”这条原则讲了什么？")
    assert "认建认养绿地" in answer.answer


def test_words_split_across_an_inline_heading_and_its_sentence_cover_the_question(green_bot):
    answer = green_bot.ask("青屿县加大口袋公园建设力度，小游园优先布局在哪些地方？")
    assert answer.answerable and "学校和医院周边" in answer.answer


def test_a_year_the_plan_does_not_set_for_its_goal_is_still_refused(green_bot):
    answer = green_bot.ask("青屿县到2035年县城绿地率要达到多少？")
    assert answer.answer.startswith(REFUSAL_MARK)


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        ("县城要打造成啥样？", {"啥", "样"}),
        ("码头改造咋推进？", {"咋"}),
        ("县里搞绿化搞了多少？", {"搞"}),
    ],
)
def test_everyday_words_of_asking_and_doing_are_no_content(question, absent):
    from policykb.bot.evidence import Evidence
    from policykb.kb.bm25 import BM25Index
    from policykb.kb.segmenter import Segmenter

    segmenter = Segmenter()
    bm25 = BM25Index([segmenter.tokens(line) for line in GREEN_PLAN.splitlines() + CITY_PLAN.splitlines()])
    evidence = Evidence.of(question, segmenter, bm25)
    assert not absent & set(evidence.tokens)


def test_the_verb_a_question_asks_becoming_with_is_held_by_a_sentences_own_verb():
    from policykb.bot.evidence import Evidence
    from policykb.kb.bm25 import BM25Index
    from policykb.kb.segmenter import Segmenter

    segmenter = Segmenter()
    bm25 = BM25Index([segmenter.tokens(line) for line in GREEN_PLAN.splitlines()])
    evidence = Evidence.of("县城要打造成啥样？", segmenter, bm25)
    assert evidence.coverage("以建设“滨海花园城、宜居生态县”为目标,县城…") == pytest.approx(1.0)


def test_only_a_sentence_that_says_what_a_thing_becomes_answers_what_it_is_to_become():
    from policykb.bot.answers.becoming import becoming_kept

    keep = becoming_kept("这个方案最后要把苇岭市建成个啥？", None)
    assert keep is not None
    assert keep("将苇岭市建成沿江城市带具有重要辐射力的门户城市。")
    assert keep("以建设“滨海花园城、宜居生态县”为目标,加快绿化美化步伐。")
    assert not keep("《苇岭市落实沿江城市带发展规划实施方案》已经市政府第12次常务会议审议通过,现印发给你们。")
    assert becoming_kept("苇岭市码头升级改造工作要搞多长时间？", None) is None  # no becoming asked: every sentence may
    assert becoming_kept("苇岭河干流的水要变成什么样？", None) is None  # a state asked: said without a verb of becoming
