"""No closest-match figure of another indicator, and no refusal for the words a question only frames itself with.

The plan below is invented (青禾市 is no real place). It sets 婴儿死亡率 and 新增就业, not 孕产妇死亡率, 新生儿死亡率 or
失业率: a question about those gets 方案中未找到, not the neighbour's figure with a caution. ``部署了哪些…``,
``包括哪几项措施``, ``有多少要得到治理`` ask in words no clause needs to hold, nor the words that name the plan
(``社会事业发展方案的有效期``). Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.indicator import asked_indicator, share_subject
from policykb.bot.evidence import Wording
from policykb.kb.glossary import shipped_glossary
from policykb.kb.lexicon import REFUSAL_MARK
from policykb.kb.segmenter import Segmenter

SOCIAL_PLAN = """\
青禾市人民政府关于印发青禾市社会事业发展实施方案的通知
青府发〔2024〕8号
各区（县）人民政府，市政府各部门：
现将《青禾市社会事业发展实施方案》印发给你们，请认真贯彻执行。
青禾市人民政府
2024年3月12日
青禾市社会事业发展实施方案
一、主要目标
到2025年，全市城镇新增就业累计达到3.2万人，零就业家庭动态清零。婴儿死亡率控制在4.5‰以下，人均预期寿命达到79.5岁。\
全市森林覆盖率达到46%，城镇生活污水集中收集率达到72%，氮氧化物重点工程减排量达到520吨，\
非化石能源占能源消费总量比重达到18%。
二、重点任务
（一）稳定就业。实施高校毕业生就业促进计划，每年开发公益性岗位800个。（市人力资源社会保障局牵头，市财政局配合）
（二）健康服务。推进妇幼保健机构标准化建设，完善危重新生儿救治网络。（市卫生健康委负责）
（三）城镇污水治理。加快城镇污水管网建设，推进雨污分流改造，提升污水处理设施运行水平。（市住房城乡建设局负责）
三、附则
本方案自印发之日起施行，有效期至2027年12月31日。
"""


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("城镇登记失业率要控制在多少以内？", ["失业率"]),  # a place or a verb before it is not its name
        ("孕产妇死亡率要降到多少？", ["孕产妇", "死亡率"]),
        ("森林覆盖率达到多少？", ["森林", "覆盖率"]),
        ("城镇污水处理率要达到多少？", ["污水处理率"]),  # a bare 率 is said with the noun before it
        ("散煤用量要减少多少？", []),  # no indicator end: nothing to check
    ],
)
def test_the_indicator_a_question_names(question, words):
    assert asked_indicator(question, Segmenter()) == words


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("煤在全部能源消费里的占比要压到多少？", "煤"),  # X在Y里的占比: X
        ("非化石能源占能源消费总量比重达到多少？", "非化石能源"),  # X占Y比重: X, its 非 kept
        ("绿色建筑占新建建筑的比例要达到多少？", "绿色建筑"),
        ("到2025年，清洁能源的比重是多少？", "清洁能源"),  # the stretch after the last comma
        ("2025年全市非化石能源的占比是多少？", "非化石能源"),  # a year and a whole scope are not the thing
        ("市场主体在全区企业中的比重是多少？", "市场主体"),
        ("森林覆盖率达到多少？", ""),  # no share asked
        ("地里的秸秆要利用起来多大比例？", ""),  # a rate asked in other words, not a share of a whole
    ],
)
def test_the_thing_whose_share_a_question_asks(question, subject):
    assert share_subject(question) == subject


def test_a_de_inside_a_term_is_dropped():
    wording = Wording(shipped_glossary(), "化学需氧量排放总量", {"化学需氧量": 1, "氮氧化物": 1})
    assert wording.joined("耗氧的污染物要削减多少？") == "耗氧污染物要削减多少？"  # a glossary word
    assert wording.joined("氮的氧化物要削减多少？") == "氮氧化物要削减多少？"  # a word of the plans
    assert wording.joined("农村的污水有多少？") == "农村的污水有多少？"  # two words: the 的 stays


@pytest.fixture(scope="module")
def social_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan and the invented plan (embedded Chroma in a temp home, e5)."""
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("indicator"), e5_bot, "qinghe-social.txt", SOCIAL_PLAN)


@pytest.mark.parametrize(
    "question",
    ["青禾市孕产妇死亡率要降到多少？", "青禾市新生儿死亡率要降到多少？", "青禾市城镇登记失业率要控制在多少以内？"],
)
def test_another_indicators_figure_is_no_answer(social_bot, question):
    a = social_bot.ask(question)
    assert not a.answerable and a.answer.startswith(REFUSAL_MARK), a.answer


@pytest.mark.parametrize(
    "question",
    [
        "青禾市煤在全部能源消费里的占比要压到多少？",  # 煤 is only near 非化石能源 in meaning
        "青禾市化石能源占能源消费总量的比重要降到多少？",  # 非化石能源 is not 化石能源
    ],
)
def test_another_things_share_is_no_answer(social_bot, question):
    a = social_bot.ask(question)
    assert "18%" not in a.answer, a.answer


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("青禾市婴儿死亡率要控制在多少？", "4.5‰"),  # the indicator the plan sets is still answered
        ("青禾市非化石能源占能源消费总量的比重要达到多少？", "18%"),  # the share the plan sets is still answered
        ("青禾市社会事业发展实施方案部署了哪些重点任务？", "健康服务"),  # 部署 frames the question
        ("青禾市社会事业发展方案的有效期到哪天？", "2027年12月31日"),  # the title's words need not be in the clause
    ],
)
def test_the_plans_own_indicator_and_parts_are_answered(social_bot, question, key):
    a = social_bot.ask(question)
    assert a.answerable and key in a.answer, a.answer
