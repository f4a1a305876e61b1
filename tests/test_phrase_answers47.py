"""Amounts asked in everyday words of a page that reports them (issue 23: a miss of the extractor is no refusal by
itself): a news page with no title line names its place only in its opening (``河西召开…推进会``), so the place a
question names picks that page and is not a word each sentence must say; a round figure (``3200余人``,
``5600多万元``) is an amount; ``多大面积`` asks an area, the ``大面`` jieba cuts from it names nothing. The page is
invented (河西 is the invented city of the fixture plans). What a plan seeks to be created as (``最后想创建成什么``)
is asked with a verb of becoming, and ``推动创建…示范区`` says one. Answers come from real Chroma, jieba and the e5
model."""

from __future__ import annotations

import pytest

from policykb.kb.lexicon import REFUSAL_MARK

NEWS_PAGE = """\
河西召开文化惠民工作推进会
本报讯 记者从文化惠民工作推进会上获悉,河西将继续推进城乡公共文化设施建设,让群众就近享受文化服务。
近年来,全市投入2300多万元,建成“城市书房”46个;乡镇综合文化站达标率达到100%。
各街道已组建文化志愿服务队15支,注册文化志愿者3200余人。
全市已建成农家书屋120个,总面积约6500平方米。
文化惠民工程累计投入5600多万元。
"""


HERITAGE_PLAN = """\
河西市人民政府办公室关于印发河西市非遗传承五年行动计划(2026—2030)的通知
河政办函〔2026〕15号
各县(区)人民政府,市直各单位:
《河西市非遗传承五年行动计划(2026—2030)》已经市人民政府同意,现印发给你们,请认真组织实施。
河西市人民政府办公室
2026年3月2日
河西市非遗传承五年行动计划(2026—2030)
为加强河西市非遗传承工作,推动创建省级非遗传承示范区,根据《河西市非遗保护总体规划》,制定本行动计划。
一、指导思想
坚持保护为主、抢救第一,努力实现“项目丰富、传承有序”的目标。
二、工作任务
完善非遗代表性项目名录,做好传承人认定和管理。
"""


@pytest.fixture(scope="module")
def heritage_bot(e5_bot, tmp_path_factory):
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("heritage47"), e5_bot, "hexi-heritage-plan.txt", HERITAGE_PLAN)


def test_what_a_plan_seeks_to_be_created_as_is_the_sentence_that_says_it(heritage_bot):
    answer = heritage_bot.ask("河西这个非遗传承五年行动计划，最后是想争取创建成什么？")
    assert answer.answerable and "省级非遗传承示范区" in answer.answer


@pytest.fixture(scope="module")
def news_bot(e5_bot, tmp_path_factory):
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("news47"), e5_bot, "hexi-culture-news.txt", NEWS_PAGE)


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("河西一共建成了多少个城市书房？", "46个"),
        ("河西乡镇综合文化站的达标率是多少？", "100%"),
    ],
)
def test_the_place_a_news_page_names_in_its_opening_picks_the_page(news_bot, question, amount):
    answer = news_bot.ask(question)
    assert answer.answerable and amount in answer.answer


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("河西注册的文化志愿者有多少人？", "3200余人"),
        ("河西文化惠民工程累计投入了多少钱？", "5600多万元"),
    ],
)
def test_a_round_figure_is_an_amount(news_bot, question, amount):
    answer = news_bot.ask(question)
    assert answer.answerable and amount in answer.answer


def test_how_large_an_area_is_asked_by_its_area_not_by_the_cut_of_the_asking_word(news_bot):
    answer = news_bot.ask("河西的农家书屋建了多大面积？")
    assert answer.answerable and "6500平方米" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "河西注册的体育志愿者有多少人？",  # another kind of volunteer
        "河西到2030年要建成多少个城市书房？",  # a year the page does not set
    ],
)
def test_what_the_page_does_not_say_stays_refused(news_bot, question):
    answer = news_bot.ask(question)
    assert not answer.answerable and REFUSAL_MARK in answer.answer
