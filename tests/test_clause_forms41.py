"""Session 41's forms, found on the tune half of a new set of real plans and written here in invented plans of
invented places (docs/clause-forms.md): a rank a plan sets (``跃居全省前40位``) is an amount, and a clause piece
that opens with its verb is of the piece before it when that one states no amount."""

from __future__ import annotations

import pytest

from policykb.bot.answers.sentences import pieces, quantities

INNOVATION = """青禾市科技创新能力提升实施方案（2024-2027年）
一、总体要求
到2027年,力争全社会研发经费支出占地区生产总值比重达到3.1%以上。区域创新指数达到150以上,创新能力综合评价位次实现争先进位,跃居全省前30位。
二、重点任务
(一)培育创新主体。新增高新技术企业60家。
"""


def test_a_rank_is_an_amount_and_a_piece_opening_with_its_verb_is_of_the_piece_before():
    assert quantities("跃居全省前30位") == [("前30位", "位")]
    assert quantities("进入全国前十名") == [("前十名", "名")]
    assert quantities("排在第3位") == []  # an ordinal is no amount
    found = list(pieces("创新能力综合评价位次实现争先进位,跃居全省前30位。"))
    assert [(p.text, p.subject) for p in found] == [("跃居全省前30位", "创新能力综合评价位次实现争先进位")]
    found = list(pieces("新增高新技术企业60家,科技企业孵化器10个。"))
    assert [p.subject for p in found] == ["", ""]  # each piece has its own subject


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("clause-forms41"), e5, {"青禾市科技创新.txt": INNOVATION})


@pytest.mark.slow
def test_a_rank_asked_is_answered_from_its_clause(shelf):
    answer = shelf.ask("青禾市创新能力综合评价位次要跃居全省前多少位？")
    assert answer.answerable and "前30位" in answer.answer.split("方案原文")[0], answer.answer


@pytest.mark.slow
def test_a_rank_of_another_year_stays_refused(shelf):
    answer = shelf.ask("青禾市2025年创新能力综合评价位次要跃居全省前多少位？")
    assert not answer.answerable, answer.answer


CITY_MANAGEMENT = """青禾市县(市、区)城市环境整治行动计划
一、工作目标
到2027年,各县(市、区)城市环境明显改善,重点开展清脏、除乱两类专项整治。
"""


def test_a_part_the_plan_writes_with_a_bracket_inside_is_written():
    """``县城`` of a question is written by a plan's ``县(市、区)城市环境``: read without its bracket, the plan says
    ``县城市环境``; a part the plan never writes still refuses (a question of the merged session had turned)."""
    from policykb.bot.answers.finding import Finding
    from policykb.bot.answers.subarea import part_unwritten
    from policykb.bot.kinds import QuestionKind
    from policykb.ingest.parser import parse_text
    from policykb.kb.records import Chunk

    doc = parse_text(CITY_MANAGEMENT, "city", "city.txt", 160)
    found = Finding(["清脏、除乱"], [Chunk("c1", "city", [], doc.text, 0, 10)], QuestionKind.FACT, {})
    assert part_unwritten(found, "青禾县城环境整治要开展哪几类专项整治？", {"city": doc}) is found
    assert part_unwritten(found, "青禾农村环境整治要开展哪几类专项整治？", {"city": doc}) is None
