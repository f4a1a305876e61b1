"""Session 42's forms, found on the tune half of a new set of real plans and written here in invented plans of
invented places (docs/clause-forms.md): in a sentence that names several years, an amount is of the last year
named before it, not of a year named after it."""

from __future__ import annotations

import pytest

from policykb.ingest.targets import year_before

WATER = """苇洲县节约用水实施办法
一、主要目标2022年全县用水总量控制在1.1亿立方米以内,万元工业增加值用水量较2020年降低12%,规模以上工业用水重复利用率达到88%以上,管网漏损率控制在9%以内,到2026年节水型社会基本建成,节水护水成为全县自觉。
二、重点任务
(一)农业节水。到2026年,农田灌溉水有效利用系数提高到0.58以上,到2030年提高到0.6以上。
"""


def test_the_year_of_an_amount_is_the_last_one_named_before_it():
    sentence = WATER.splitlines()[1]
    assert year_before(sentence, sentence.find("88%")) == "2022"  # 较2020年 is a baseline, 到2026年 comes after
    assert year_before(sentence, sentence.find("基本建成")) == "2026"
    assert year_before("节水型社会基本建成,达到88%", 10) == ""
    assert year_before("“十四五”期间,新建节水型企业20家", 15) == "十四五"


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("clause-forms42"), e5, {"苇洲县节约用水.txt": WATER})


@pytest.mark.slow
def test_an_amount_set_for_an_earlier_year_does_not_answer_a_later_one(shelf):
    answer = shelf.ask("苇洲县到2026年规模以上工业用水重复利用率要达到多少？")
    assert not answer.answerable, answer.answer  # 88% is 2022's: the sentence's 到2026年 comes after it
    answer = shelf.ask("苇洲县2022年规模以上工业用水重复利用率要达到多少？")
    assert answer.answerable and "88%" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_later_year_in_one_sentence_still_answers_its_own_amount(shelf):
    answer = shelf.ask("苇洲县到2030年农田灌溉水有效利用系数要提高到多少？")
    assert answer.answerable and "0.6" in answer.answer.split("方案原文")[0], answer.answer


HOSPITALS = """苇洲县卫生服务体系建设方案
一、完善服务网络
1.县级以上政府要在卫生规划中合理配置医疗资源,原则上在每个乡镇、每个街道设置1个镇办卫生院、2个街道社区卫生服务中心。
2.原则上在每个市级片区、县级片区设置1个市办康复医院、1个县办康复医院。
"""


def test_the_amounts_of_a_run_share_the_words_before_its_first_amount():
    from policykb.bot.answers.sentences import pieces

    found = list(pieces(HOSPITALS.splitlines()[2]))
    assert [p.quantities[0][0] for p in found] == ["1个", "2个"]
    assert all(p.subject.endswith("每个乡镇、每个街道设置") for p in found), found


def test_a_question_asking_how_many_is_no_unit_name():
    from policykb.kb.units import ORG_NAME

    assert ORG_NAME.search("原则上在每个县级区域设置几个县办中医类医院") is None  # 区域设置几个县办 is no body
    assert ORG_NAME.search("区发改局负责哪些任务") is not None


@pytest.fixture(scope="module")
def hospitals(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("clause-forms42b"), e5, {"苇洲县卫生服务.txt": HOSPITALS})


@pytest.mark.slow
def test_of_a_run_of_amounts_the_one_the_question_repeats_answers(hospitals):
    answer = hospitals.ask("苇洲县原则上在每个街道设置几个街道社区卫生服务中心？")
    stated = answer.answer.split("方案原文")[0]
    assert answer.answerable and "2个" in stated and "1个" not in stated, answer.answer
    answer = hospitals.ask("苇洲县原则上在每个县级片区设置几个县办康复医院？")
    stated = answer.answer.split("方案原文")[0]
    assert answer.answerable and "县办" in stated and "市办" not in stated, answer.answer


NIGHT = """苇洲县促进夜间消费实施方案
二、工作目标
用3年时间,在全县打造一批具有地方特色的夜间消费街区,重点打造东门老街、滨河文化街区等夜间消费场景。
三、主要任务
(一)培育夜间市集。两年内认定不少于4个县级夜间市集。
"""


def test_a_span_a_plan_gives_itself_is_read_and_a_year_is_no_span():
    from policykb.bot.answers.duration import asks_duration, stated_duration

    assert stated_duration(NIGHT.splitlines()[2]) == "用3年时间"
    assert stated_duration("两年内认定不少于4个县级夜间市集") == "两年内"
    assert stated_duration("2025年内完成改造") == ""
    assert asks_duration("苇洲县计划用多长时间打造夜间消费街区？") and not asks_duration("苇洲县何时完成？")


@pytest.fixture(scope="module")
def night(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("clause-forms42c"), e5, {"苇洲县夜间消费.txt": NIGHT})


@pytest.mark.slow
def test_how_long_is_answered_by_the_span_its_sentence_states(night):
    answer = night.ask("苇洲县计划用多长时间打造一批夜间消费街区？")
    assert answer.answerable and "用3年时间" in answer.answer.split("方案原文")[0], answer.answer
    answer = night.ask("苇洲县计划用多长时间建成夜间消费示范商圈？")
    assert not answer.answerable, answer.answer  # no sentence holds 示范商圈
