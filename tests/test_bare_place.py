"""A place the body names only bare, without its 市/县/区 (issue 23, item 2): the question that names it is asked
of that plan, not of every plan; a place no plan mentions is still refused by name, and a word a tagger takes for
a place is not made one.

The plans are invented. The bare names are in jieba's place tags (so a question's tagger finds them) but in no
plan of the real sets: 克山 and 宁化 stand for any place a plan writes bare.
"""

from __future__ import annotations

import pytest

from policykb.bot.scope import _bare_place
from policykb.kb.records import DocumentRecord

COMPANY = """\
关于推进节能减排的实施方案
为加快建立绿色低碳循环发展经济体系，制定本实施方案。
一、主要目标
到2025年，全市单位地区生产总值能耗比2020年下降13%，力争完成14.5%的激励目标。
二、重点工程
（一）重点行业绿色升级工程。鼓励北江省克山双元铝业有限责任公司实施电解槽升级改造。（市工信局负责）
"""
LISTED = """\
关于推进清洁取暖的实施方案
为推进冬季清洁取暖，制定本方案。
一、主要目标
到2025年，全市清洁取暖率达到72%，宁化、桐溪、杉岭3县散煤用量分别减少50%。
二、重点任务
（一）热源改造。推进燃煤锅炉改造。（市住建局负责）
"""
OTHER = """\
青禾市“十四五”节能减排综合工作方案
青禾市人民政府
2022年9月1日
一、主要目标
到2025年，全市单位地区生产总值能耗比2020年下降15%，全市清洁取暖率达到80%。
二、重点工程
（一）重点行业绿色升级工程。推动钢铁行业超低排放改造。（市工信局负责）
"""


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"company.txt": COMPANY, "listed.txt": LISTED, "qinghe.txt": OTHER}
    return e5_shelf(tmp_path_factory.mktemp("bare-place"), e5, plans)


def _doc(text: str) -> list[DocumentRecord]:
    return [DocumentRecord(doc_id="a", title="t", source="a.txt", sha256="", text=text)]


def test_a_bare_name_is_a_place_only_where_a_place_stands():
    assert _bare_place("克山", _doc("鼓励北江省克山双元铝业有限责任公司实施改造"))  # after a province
    assert _bare_place("桐溪", _doc("宁化、桐溪、杉岭3县散煤用量分别减少50%"))  # in places counted by level
    assert _bare_place("宁化", _doc("宁化、桐溪和杉岭三县"))
    assert not _bare_place("克山", _doc("克山双元铝业有限责任公司"))  # no sign it is a place
    assert not _bare_place("城市", _doc("推进北江省城市更新"))  # the towns are never a place
    assert not _bare_place("山区", _doc("支持北江省山区县发展"))  # a word with a level's ending
    assert not _bare_place("长江", _doc("北江省长江市"))  # a named place's start, with its own level


def test_a_place_named_bare_in_the_body_scopes_to_its_plan(shelf):
    a = shelf.ask("克山到2025年单位地区生产总值能耗要下降多少？")
    assert a.answerable and "13%" in a.answer and "15%" not in a.answer, a.answer
    b = shelf.ask("宁化的清洁取暖率到2025年要达到多少？")
    assert b.answerable and "72%" in b.answer and "80%" not in b.answer, b.answer


def test_a_place_no_plan_mentions_is_still_refused_by_name(shelf):
    a = shelf.ask("鹤山到2025年单位地区生产总值能耗要下降多少？")
    assert not a.answerable and "知识库中没有关于“鹤山”的方案" in a.answer, a.answer
