"""A question that asks a kind of thing in an everyday word (``有什么危害``, ``重点围绕哪些人群``, ``往啥方向发展``) is
answered by the sentence that names things of that kind without the word (issue 23: a miss of the extractor is no
refusal by itself); a plan's lead sentence (``为…，制定本方案``), which names only its plan's words, answers no such
question. The plan is invented (白岭市 is no real place); answers come from real Chroma, jieba and the e5 model."""

from __future__ import annotations

import pytest

from policykb.bot.evidence import asked_kinds
from policykb.kb.lexicon import REFUSAL_MARK

VILLAGE_PLAN = """\
白岭市村容村貌整治提升行动方案
白政办〔2026〕5号
为贯彻落实《北江省村容村貌提升三年行动方案》(北办发〔2025〕7号)精神,结合我市实际,制定本方案。
一、现状
近年来,各地持续开展村庄清洁行动,但一些村庄仍然存在乱搭乱建、乱堆乱放等现象,侵占了公共空间,破坏了村容村貌,影响了群众出行。
二、工作目标
到2027年,全市村庄保洁实现全覆盖,推动村庄保洁工作常态化、长效化发展。
三、重点任务
(一)清理乱堆乱放。对村内道路、河塘沟渠两侧的柴草、杂物、建筑垃圾进行集中清理。(市农业农村局牵头)
(二)关爱特殊群体。重点围绕留守老人、留守儿童、残疾人等开展结对帮扶,帮助整治房前屋后环境。(市民政局牵头)
"""

VOLUNTEER_PLAN = """\
按照青禾县文明办关于2026年“学雷锋”主题志愿服务月的统一安排,为确保活动取得实效,制定本方案。
一、活动时间
2026年3月1日至3月31日。
二、活动要求
培育一批青禾特色志愿服务品牌,推动志愿服务向专业化、制度化发展。
"""


@pytest.fixture(scope="module")
def village_bot(e5_bot, tmp_path_factory):
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("kind"), e5_bot, "bailing-village.txt", VILLAGE_PLAN)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("不规范地名有什么危害？", {"危害"}),
        ("清理整治不规范地名，主要针对哪类地名？", {"类"}),  # 地名 is what it is about: said before
        ("志愿服务活动重点围绕哪些人群开展？", {"人群"}),
        ("想推动志愿服务往啥方向发展？", {"方向"}),
        ("青禾州要建成一座什么样的城？", {"城"}),
        ("青禾州从哪年开始实施？", set()),  # 开始 is no noun: the time is asked
    ],
)
def test_the_noun_after_a_word_asking_which_is_the_kind_asked(question, kinds):
    from policykb.kb.segmenter import Segmenter

    segmenter = Segmenter()
    segmented = segmenter.tokens(question)
    nouns = [w for w, flag in segmenter.tagged(question) if flag.startswith("n") or flag in ("vn", "q")]
    assert asked_kinds(question, nouns, segmented) == kinds


@pytest.fixture(scope="module")
def volunteer_bot(e5_bot, tmp_path_factory):
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("lead"), e5_bot, "qinghe-volunteer-month.txt", VOLUNTEER_PLAN)


def test_a_harm_asked_is_answered_by_the_sentence_that_names_the_harms(village_bot):
    answer = village_bot.ask("白岭市村庄乱搭乱建有什么危害？")
    assert answer.answerable and "侵占了公共空间" in answer.answer


def test_a_kind_asked_of_what_no_sentence_says_is_still_refused(village_bot):
    answer = village_bot.ask("白岭市对乱堆乱放的村民有什么处罚？")  # no sentence says 村民: 处罚 unanswered
    assert answer.answer.startswith(REFUSAL_MARK)


@pytest.mark.parametrize(
    "question", ["2026年学雷锋志愿服务月想推动志愿服务往啥方向发展？", "学雷锋志愿服务月要培育什么样的品牌？"]
)
def test_the_lead_sentence_answers_no_kind_it_does_not_name(volunteer_bot, question):
    answer = volunteer_bot.ask(question)
    assert "制定本方案" not in answer.answer, answer.answer
