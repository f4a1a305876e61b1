"""Session 45's quantity forms, found on the tune half of real plans and written here in invented plans of
invented places (docs/clause-forms.md): the amount a sentence pairs with the asked indicator, when a record
or a heading points at another amount of it."""

from __future__ import annotations

import pytest

from policykb.kb.segmenter import Segmenter

FARMS = """青岚县农业农村重点工作安排
一、高标准农田
2024年全县将新建高标准农田12万亩,亩均财政投入提高到2200元以上,改造提升8万亩,累计高标准农田建设面积达95万亩以上。
二、乡村旅游
培育形成旅游总收入十亿元乡镇4个、亿元景区20个以上,乡村旅游接待游客达到300万人次。
三、农产品加工
新增产值超5亿元龙头企业6家,创建省级农业产业园2个。
四、城镇更新
到2026年,全县城镇累计改造老旧小区20个,建成城镇口袋公园9座,县城供水管网漏损率控制在9%以内。
五、重点及重大前期项目计划
2024年共安排重点新续建项目31个,年度计划完成投资21.5亿元。同时,安排重点预备项目6个,重大前期项目9个。
"""


def test_an_amount_of_money_before_a_counted_thing_qualifies_it():
    from policykb.bot.answers.qualified import counted_by_qualifier, qualifier_amount

    tagged = Segmenter().tagged
    assert counted_by_qualifier("培育形成旅游总收入十亿元乡镇", tagged) == "乡镇"
    assert counted_by_qualifier("亿元景区", tagged) == "景区"
    assert counted_by_qualifier("投资3000万元建设村级站点", tagged) == ""  # what the money is for, not a qualifier
    assert counted_by_qualifier("实现旅游总收入", tagged) == ""
    assert qualifier_amount("新增产值超5亿元龙头企业6家", "5亿元", tagged)
    assert not qualifier_amount("新增产值超5亿元龙头企业6家", "6家", tagged)
    assert not qualifier_amount("投资3000万元建设村级站点20个", "3000万元", tagged)


@pytest.fixture(scope="module")
def farms(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("quantity-forms45"), e5, {"青岚县农业农村.txt": FARMS})


def stated(answer) -> str:
    return answer.answer.split("方案原文")[0].split("依据")[0]


@pytest.mark.slow
def test_a_record_of_another_piece_of_the_sentence_does_not_answer(farms):
    answer = farms.ask("青岚县2024年新建高标准农田多少万亩？")
    assert answer.answerable and "12万亩" in stated(answer) and "95万亩" not in stated(answer), answer.answer
    answer = farms.ask("青岚县累计高标准农田建设面积达到多少？")
    assert answer.answerable and "95万亩" in stated(answer), answer.answer


@pytest.mark.slow
def test_a_count_in_another_measure_of_the_asked_kind_keeps_its_record(farms):
    answer = farms.ask("青岚县城要建几个口袋公园？")  # 9座 answers 几个, though 20个 of the next piece is in 个
    assert answer.answerable and "9座" in stated(answer), answer.answer


@pytest.mark.slow
def test_a_count_of_things_qualified_by_money_does_not_answer_the_money(farms):
    answer = farms.ask("青岚县乡村旅游总收入要达到多少？")
    assert "4个" not in stated(answer) and "20个" not in stated(answer), answer.answer
    answer = farms.ask("青岚县要培育多少个旅游总收入十亿元乡镇？")
    assert answer.answerable and "4个" in stated(answer), answer.answer
    answer = farms.ask("青岚县新增龙头企业多少家？")
    assert answer.answerable and "6家" in stated(answer), answer.answer


@pytest.mark.slow
def test_of_two_sentences_a_heading_covers_alike_the_one_saying_it_answers(farms):
    answer = farms.ask("青岚县安排重大前期项目多少个？")
    assert answer.answerable and "9个" in stated(answer) and "31个" not in stated(answer), answer.answer


@pytest.mark.slow
def test_a_clause_opening_with_its_year_sets_it_for_the_next_sentence(farms):
    answer = farms.ask("青岚县2024年安排重大前期项目多少个？")  # 同时,… is of the 2024年 the sentence before opens with
    assert answer.answerable and "9个" in stated(answer) and "31个" not in stated(answer), answer.answer
