"""A task division whose numbered items each state a target and end with their unit's bracket (a form real
county arrangements use), in an invented plan of an invented place: a target's question quotes its own item
and no other, the items are listed together under the heading the question names, amounts given 分别 to
parts the sentence does not list stay together, ``谁印发的`` asks the issuer, and ``第二部分`` is the plan's second
first-level heading. A notice's own instruction answers when it is due (``什么时候之前报``), and a unit named short
(``县政府办``) is not refused as a unit the plan never names."""

from __future__ import annotations

import pytest

from policykb.bot.answers.sentences import pieces
from policykb.ingest.parser import parse_text
from policykb.ingest.targets import extract_targets
from policykb.kb.units import written_short

ITEMS = """索 引 号 | 000000000000000000/2026-00001 | 公开方式 | 主动公开 |
发布机构 | 桐溪县人民政府办公室 | 组配分类 | 桐政发 |
成文日期 | 2026-03-02 | 废止日期 | |
各镇政府,各街道办事处,县政府各部门:
县政府研究确定了《2026年桐溪县政府重点工作责任分工》,现印发给你们,请认真抓好落实。
一、各责任单位要对照分工制订工作方案,明确时间节点,并于2026年3月20日前将工作方案报县人民政府办公室。
桐溪县人民政府
2026年3月2日
2026年桐溪县政府重点工作责任分工
一、2026年主要发展目标
1.地区生产总值增长5.5%。(牵头单位:县发展和改革局)
2.一般公共预算收入增长4%左右。(牵头单位:县财政局)
3.进出口总额增长9%。(牵头单位:县商务局)
4.城乡居民人均可支配收入分别增长5%、7%。(牵头单位:县发展和改革局)
二、做强特色产业
5.建设茶叶精深加工园,引进茶饮料生产线2条。(牵头单位:县农业农村局)
6.推进竹木家居产业园扩建,新增规上企业3家,推动桐溪竹业等项目投产。
7.建设冷链物流中心(牵头单位:县农业农村局;责任单位:桐溪茶业园、县工业和信息化局等)
"""


def test_amounts_given_respectively_to_parts_not_listed_are_one_target():
    # 城乡 names two groups the sentence does not list: which amount is whose is not written, so both stay
    found = extract_targets("城乡居民人均可支配收入分别增长5%、7%。", "plan", [], default_year="2026")
    assert len(found) == 1
    assert found[0].indicator == "城乡居民人均可支配收入"
    assert f"{found[0].comparator}".replace("…", found[0].quantity) == "分别增长5%、7%"
    # a list before 分别 still gives each item its amount
    listed = extract_targets("城镇和农村居民人均可支配收入分别增长5%、7%。", "plan", [])
    assert [t.quantity for t in listed] == ["5%", "7%"]


def test_a_respectively_piece_is_not_split_at_its_amounts():
    assert [p.text for p in pieces("城乡居民人均可支配收入分别增长5%、7%。")] == [
        "城乡居民人均可支配收入分别增长5%、7%"
    ]


@pytest.fixture(scope="module")
def items_shelf(tmp_path_factory, e5):
    """The invented task division alone on a shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("division-items"), e5, {"tongxi-2026.txt": ITEMS})


@pytest.mark.slow
def test_a_target_item_is_quoted_alone(items_shelf):
    answer = items_shelf.ask("桐溪县的进出口总额目标")
    assert answer.answerable and "9%" in answer.answer, answer.answer
    # the quote ends with its item: no other item's line, no next heading
    assert "城乡居民" not in answer.answer.split("出处：")[0] and "做强特色产业" not in answer.answer, answer.answer


@pytest.mark.slow
def test_the_targets_under_the_heading_asked_are_listed_together(items_shelf):
    answer = items_shelf.ask("主要发展目标有哪些？")
    head = answer.answer.split("出处：")[0]
    assert answer.answerable and all(k in head for k in ("5.5%", "4%", "9%", "5%、7%")), answer.answer
    assert "茶饮料" not in head, answer.answer


@pytest.mark.slow
def test_both_amounts_given_respectively_are_answered(items_shelf):
    answer = items_shelf.ask("城乡居民人均可支配收入增长多少？")
    assert answer.answerable and "5%、7%" in answer.answer.split("依据")[0], answer.answer


@pytest.mark.slow
def test_who_issued_it(items_shelf):
    answer = items_shelf.ask("这个文件是谁印发的？")
    assert answer.answerable and "桐溪县人民政府" in answer.answer, answer.answer


@pytest.mark.slow
def test_the_plans_nth_part(items_shelf):
    answer = items_shelf.ask("第二部分讲的什么？")
    assert answer.answerable and "做强特色产业" in answer.answer.split("出处：")[0], answer.answer


def test_a_short_name_of_a_written_body_is_known():
    text = "并于2026年3月20日前将工作方案报县人民政府办公室。市发展和改革委员会牵头。"
    assert written_short("县政府办", text) and written_short("市发改委", text)
    assert not written_short("县外事办", text) and not written_short("市教育局", text)


@pytest.mark.slow
def test_the_date_an_instruction_is_due_by(items_shelf):
    answer = items_shelf.ask("工作方案什么时候之前报县人民政府办公室？")
    assert answer.answerable and "3月20日前" in answer.answer, answer.answer


def test_a_number_cell_keeps_only_the_number():
    row = "文 号: | 桐政〔2026〕3号 | 关 键 词: | 县政府;重点工作;分工 |\n县政府关于印发重点工作分工的通知\n"
    assert parse_text(row + ITEMS, "plan", "plan.txt", 160).number == "桐政〔2026〕3号"


@pytest.mark.slow
def test_an_item_quoted_stops_at_the_next_numbered_line(items_shelf):
    # item 6 is long and has no full stop before its end: it may not be read as a heading, yet it is no part of 5
    answer = items_shelf.ask("茶叶精深加工园的目标")
    quoted = answer.answer.split("出处：")[0]
    assert answer.answerable and "茶饮料生产线2条" in quoted and "竹木家居" not in quoted, answer.answer
