"""Session 48's quantity forms, found on the tune half of a probe of real pages (news of plans, reports) and
written here in invented pages of invented places (docs/target-forms.md): a unit asked after a magnitude
(``多少万人次``), the three figures of a herd (存栏, 出栏, 饲养量), a total over the next years, a year on a line of
its own."""

from __future__ import annotations

import pytest

DAIRY = """青岭市畜牧业工作安排
今年，青岭市奶牛规模养殖场达到45个，奶牛存栏7.2万头，同比增长12%。
"""

HERDS = """近三年，白岭市将围绕草畜产业建设要求，推动全市肉羊肉牛产业发展。
到2027年底，白岭市肉羊、肉牛饲养量力争分别达到90万只、30万头，饲草种植面积达120万亩。
"""

WALNUT = (
    "本报讯 6月12日，石桥县核桃产业高质量发展座谈会召开，各相关单位和重点企业代表围绕核桃产业深入交流，"
    "并就《石桥县核桃产业高质量发展“十五五”规划（征求意见稿）》展开研讨。\n"
    "座谈会上，企业代表围绕产业链延伸、品牌推广等内容踊跃发言。\n"
    "按照规划，未来5年，石桥县核桃种植面积稳定在8万亩以上，年产干果3.6万吨，综合产值突破40亿元。"
    "2027年的核心目标是：种植面积稳定在6万亩以上，年产干果2.8万吨。\n"
)

TEA = """【看发展】青山县的茶叶

  青山县茶园景色。图源:本报

  2025年

  青山县全县茶园面积45.2万亩

  约占全省的五分之一

  干毛茶产值38亿元
"""


def test_a_unit_asked_after_a_magnitude_is_the_unit_asked():
    from policykb.bot.answers.sentences import asked_units
    from policykb.bot.answers.targeting import unit_compatible_text

    assert asked_units("预计接待游客多少万人次") == ["人"]
    assert asked_units("肉牛存栏多少万头") == ["头"]
    assert asked_units("投资多少万元") == ["万元"]  # a unit of its own keeps its magnitude
    assert not unit_compatible_text("预计接待游客多少万人次", "全年举办群众体育赛事120项")
    assert unit_compatible_text("预计接待游客多少万人次", "接待游客850万人次")
    assert unit_compatible_text("肉牛存栏多少头", "肉牛存栏7.5万头")  # 万头 are head


def test_a_bare_year_a_line_above_ends_with_sets_the_year_of_a_phrase_line():
    from policykb.bot.answers.sentences import paragraph_before

    def before(text: str, line: str) -> str:
        return paragraph_before(text, text.index(line)).strip()

    assert before(TEA, "青山县全县茶园面积45.2万亩") == "2025年"
    assert before(TEA, "干毛茶产值38亿元") == "2025年"  # over the short lines between
    ended = "全县茶园提质增效成效明显。\n青山县全县茶园面积45.2万亩\n"
    assert before(ended, "青山县全县茶园面积45.2万亩") == ""  # a sentence ended above: no phrase line
    table = "指标名称 2020年 2025年\n茶园面积 40万亩 45.2万亩\n"
    assert before(table, "茶园面积") == ""  # a table's head row of years sets none


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"青岭畜牧业.txt": DAIRY, "白岭草畜.txt": HERDS, "石桥核桃.txt": WALNUT, "青山茶叶.txt": TEA}
    return e5_shelf(tmp_path_factory.mktemp("quantity-forms48"), e5, plans)


def stated(answer) -> str:
    return answer.answer.split("方案原文")[0].split("依据")[0]


@pytest.mark.slow
def test_the_amount_in_the_unit_asked_after_a_magnitude_answers(shelf):
    answer = shelf.ask("青岭市今年奶牛养殖达到多少万头？")  # not the 45个 of the farms in the same sentence
    assert answer.answerable and "7.2万头" in stated(answer) and "45个" not in stated(answer), answer.answer


@pytest.mark.slow
def test_head_sold_is_not_the_herd_kept_and_sold(shelf):
    answer = shelf.ask("白岭市到2027年底肉羊出栏量计划是多少只？")
    assert "90万只" not in answer.answer, answer.answer
    answer = shelf.ask("白岭市到2027年底肉羊饲养量计划达到多少？")
    assert answer.answerable and "90万只" in stated(answer), answer.answer


@pytest.mark.slow
def test_a_total_over_the_next_years_is_no_one_years_figure(shelf):
    answer = shelf.ask("石桥县核桃产业2027年综合产值要突破多少？")
    assert "40亿元" not in answer.answer, answer.answer
    answer = shelf.ask("石桥县2027年核桃种植面积要稳定在多少？")
    assert answer.answerable and "6万亩以上" in stated(answer), answer.answer


@pytest.mark.slow
def test_a_year_on_a_line_of_its_own_holds_for_the_phrases_below_it(shelf):
    answer = shelf.ask("青山县2025年茶园面积是多少？")
    assert answer.answerable and "45.2万亩" in stated(answer), answer.answer
    answer = shelf.ask("青山县2023年茶园面积是多少？")
    assert "45.2万亩" not in answer.answer, answer.answer
