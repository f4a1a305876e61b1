"""Session 46's quantity forms, found on the tune halves of real plans and written here in invented plans of
invented places (docs/clause-forms.md): a ratio as the value, a length in 万公里, a piece that opens with its
measure (``…项目建设，总投资6.5亿元``), and several pages of one place of which only one is titled by it."""

from __future__ import annotations

import pytest

TARGETS = """苍岚省乡村产业发展安排
一、发展目标
到2027年，全省农产品加工业营业收入达到860亿元，农产品加工业与农业总产值比达到2.6比1，城乡居民收入比缩小到2.1∶1以内，主要农产品加工转化率达到78%。
全省森林步道总里程超1.2万公里，生态旅游年接待游客达到3000万人次。
二、重点项目
杉坪县菌菇产业园建设,总投资6.5亿元,年产值可达12亿元,带动就业800人。
全省实施乡村产业项目46个,总投资180亿元,年度计划投资52亿元。
"""

TITLED = """白岭市农业农村局关于印发2025年白岭市促进农民增收工作方案的通知
各区农业农村局：
现将《2025年白岭市促进农民增收工作方案》印发给你们，请认真贯彻执行。
白岭市农业农村局
2025年3月2日
一、工作目标
2025年，全市农村居民人均可支配收入增长6%以上。
"""

REPORT = """白岭日报讯：记者从市农业农村局获悉，本市今年聚焦稳产保供，全年粮食播种面积稳定在320万亩以上，\
蔬菜种植面积稳定在45万亩以上，生猪出栏稳定在90万头以上。
同时，本市新创建环城蔬菜基地6个，累计达到21个。
"""

NEWS = """东江日报讯(记者王林)近日，东江省南苇市实施乡村振兴重点项目30个。东江新闻网报道，东江各地加快推进项目建设。
"""

VILLAGES = """全省将建成省级示范村500个
东江 68℃ 0
摘要:到2026年，全省建成500个主导产业突出的省级示范村，创建认定60个省级农业产业强镇。
"""

FOREST = """《苍岚省林下经济发展指南》发布
近日，苍岚省林业局印发了《苍岚省林下经济发展指南》。
《指南》提出，到2026年，苍岚省林下种养规模稳步扩大，林农收入持续增加；林下种植养殖面积达到80万亩，\
实现林下经济总产值120亿元，省级林下经济示范基地达到40家。
"""

BELTS = """甲河市推进“一区两带”农业园区建设
河西休闲农业示范带。市财政安排资金600万元，重点奖补蔬菜采摘区等项目建设。
东山生态农业示范带。市财政安排资金900万元，支持家庭牧场建设，年内投产。
"""

TOURISM = """乙江市文化旅游发展安排
一、主要目标
到2027年，全市接待旅游人次4600万，旅游总收入达到520亿元，过夜游客比重达到35%。
"""


def test_a_ratio_set_as_the_value_is_an_amount():
    from policykb.bot.answers.sentences import quantities

    assert ("2.6比1", "比") in quantities("农产品加工业与农业总产值比达到2.6比1，主要农产品加工转化率达到78%")
    assert ("2.1∶1以内", "比") in quantities("城乡居民收入比缩小到2.1∶1以内")
    assert ("1:15", "比") in quantities("全县中小学师生比1:15")
    assert ("6:42:52", "比") in quantities("三次产业结构调整为6:42:52")
    assert quantities("2025-03-02 10:38 来源：白岭日报") == []  # a clock time is no ratio


def test_a_count_in_wan_with_no_measure_is_an_amount():
    from policykb.bot.answers.sentences import quantities

    assert quantities("全市接待旅游人次4600万，旅游总收入达到520亿元") == [("4600万", "万"), ("520亿元", "亿元")]
    assert quantities("城镇新增就业1.2万以上") == [("1.2万以上", "万")]


def test_a_length_in_wan_kilometres_is_an_amount():
    from policykb.bot.answers.sentences import quantities

    assert ("1.2万公里", "万公里") in quantities("全省森林步道总里程超1.2万公里")


def test_a_piece_opening_with_its_measure_measures_the_piece_before():
    from policykb.bot.answers.sentences import pieces

    found = list(pieces("杉坪县菌菇产业园建设,总投资6.5亿元,年产值可达12亿元,带动就业800人"))
    assert [p.subject for p in found[:2]] == ["杉坪县菌菇产业园建设"] * 2
    assert found[2].subject == ""  # 带动就业 names its own thing
    found = list(pieces("全省实施乡村产业项目46个,总投资180亿元,年度计划投资52亿元"))
    assert found[1].subject == found[2].subject == "全省实施乡村产业项目46个"


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"苍岚省乡村产业.txt": TARGETS, "白岭市农民增收.txt": TITLED, "春季农业生产.txt": REPORT}
    plans |= {
        "乡村振兴项目.txt": NEWS,
        "示范村.txt": VILLAGES,
        "林下经济.txt": FOREST,
        "农业园区.txt": BELTS,
        "文化旅游.txt": TOURISM,
    }
    return e5_shelf(tmp_path_factory.mktemp("quantity-forms46"), e5, plans)


def stated(answer) -> str:
    return answer.answer.split("方案原文")[0].split("依据")[0]


@pytest.mark.slow
def test_a_ratio_answers_the_ratio_asked_not_another_amount_of_its_sentence(shelf):
    answer = shelf.ask("苍岚省农产品加工业与农业总产值比要达到多少？")
    assert answer.answerable and "2.6比1" in stated(answer) and "860亿元" not in stated(answer), answer.answer
    answer = shelf.ask("苍岚省城乡居民收入比要缩小到多少？")
    assert answer.answerable and "2.1∶1以内" in stated(answer), answer.answer
    answer = shelf.ask("苍岚省农产品加工业营业收入要达到多少？")
    assert answer.answerable and "860亿元" in stated(answer) and "2.6比1" not in stated(answer), answer.answer


@pytest.mark.slow
def test_a_length_in_wan_kilometres_answers(shelf):
    answer = shelf.ask("苍岚省森林步道总里程要超过多少？")
    assert answer.answerable and "1.2万公里" in stated(answer), answer.answer


@pytest.mark.slow
def test_a_measure_opening_its_piece_is_of_the_project_before(shelf):
    answer = shelf.ask("杉坪县菌菇产业园总投资多少？")
    assert answer.answerable and "6.5亿元" in stated(answer) and "180亿元" not in stated(answer), answer.answer
    answer = shelf.ask("杉坪县菌菇产业园年产值能达到多少？")
    assert answer.answerable and "12亿元" in stated(answer) and "6.5亿元" not in stated(answer), answer.answer
    answer = shelf.ask("苍岚省乡村产业项目年度计划投资多少？")
    assert answer.answerable and "52亿元" in stated(answer), answer.answer


@pytest.mark.slow
def test_a_page_of_the_place_untitled_by_it_is_in_its_scope(shelf):
    answer = shelf.ask("白岭今年全年粮食播种面积要稳定在多少？")
    assert answer.answerable and "320万亩以上" in answer.answer, answer.answer
    answer = shelf.ask("白岭今年小麦播种面积要稳定在多少？")  # no page sets it
    assert not answer.answerable, answer.answer


@pytest.mark.slow
def test_a_page_naming_the_place_in_its_opening_is_its_plan_beside_the_page_naming_it_most(shelf):
    answer = shelf.ask("东江到2026年要建成多少个省级示范村？")
    assert answer.answerable and "500个" in answer.answer, answer.answer
    answer = shelf.ask("东江省南苇市实施乡村振兴重点项目多少个？")
    assert answer.answerable and "30个" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_sentence_saying_its_plans_topic_with_the_asked_measure_answers(shelf):
    answer = shelf.ask("苍岚省林下经济发展指南提出到2026年林下经济总产值要实现多少？")
    assert answer.answerable and "120亿元" in stated(answer), answer.answer
    answer = shelf.ask("苍岚省林下经济发展指南提出到2026年林下经济要带动多少人就业？")  # no figure of it
    assert not answer.answerable, answer.answer


@pytest.mark.slow
def test_a_paragraphs_opening_phrase_heads_its_sentences(shelf):
    answer = shelf.ask("甲河市财政为河西休闲农业示范带安排了多少资金？")
    assert answer.answerable and "600万元" in stated(answer) and "900万元" not in stated(answer), answer.answer
    answer = shelf.ask("甲河市财政为东山生态农业示范带安排了多少资金？")
    assert answer.answerable and "900万元" in stated(answer) and "600万元" not in stated(answer), answer.answer


@pytest.mark.slow
def test_a_count_in_wan_answers_its_indicator(shelf):
    answer = shelf.ask("乙江市到2027年接待旅游人次多少？")
    assert answer.answerable and "4600万" in stated(answer) and "520亿元" not in stated(answer), answer.answer
