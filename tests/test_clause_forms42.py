"""Session 42's forms, found on the tune half of a new set of real plans and written here in invented plans of
invented places (docs/clause-forms.md): in a sentence that names several years, an amount is of the last year
named before it, not of a year named after it."""

from __future__ import annotations

import pytest

from policykb.ingest.targets import year_before

WATER = """苇洲县节约用水实施办法
一、主要目标2022年全县用水总量控制在1.1亿立方米以内,万元工业增加值用水量较2020年降低12%,规模以上工业用水重复利用率达到88%以上,管网漏损率控制在9%以内,到2026年节水型社会基本建成,全社会节水意识明显增强。
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
