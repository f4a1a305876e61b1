"""A report names its city by the short form (first character and 市: ``苇市`` for 苇塘湾市) more often than by its
name; two reports of one city, each about its own topic, both scope a question naming the city, and retrieval picks
the one about the topic asked."""

from __future__ import annotations

from policykb.bot.scope import question_scope, short_mentions
from policykb.ingest.parser import parse_text

SKATING = """\
本报讯 苇市文旅部门昨天向记者透露了今冬滑雪季的安排：苇市准备在河湾开出60块公益滑冰场，另在各区新建8处冰上运动馆。
苇市有关负责人说，这个季节会从十二月一直延续到来年二月，苇市中小学也将把滑冰课排进体育课表。
苇市此前已经出台冬季运动发展规划，苇塘湾市体育部门负责具体落实。
"""
HEATING = """\
苇塘湾讯 苇塘湾市今年将早十天进入供暖期。苇塘湾市住建部门表示，全年更换供暖旧管道40公里。
苇塘湾市还将420台燃煤小锅炉接入热网。苇塘湾市新增供暖面积600万平方米，苇塘湾市供暖服务电话全天有人接听。
"""
PASSING = """\
青柳县冬季供热工作方案
一、工作目标
参照苇塘湾市做法，全县更换供暖旧管道30公里。
"""


def _shelf():
    return [
        parse_text(SKATING, "skating", "plans/05-weitang-skating.txt", 160),
        parse_text(HEATING, "heating", "plans/06-weitang-heating.txt", 160),
        parse_text(PASSING, "passing", "plans/07-county-heating.txt", 160),
    ]


def test_a_city_written_by_its_first_character_is_named():
    assert short_mentions(SKATING, "苇塘湾") == 5
    assert short_mentions(SKATING, "苇塘湾市") == 5
    assert short_mentions("苇市场监管", "苇塘湾") == 0  # 市场 is a word of its own
    assert short_mentions("全省九市", "九龙湾") == 0  # a numeral before 市 counts cities
    assert short_mentions("青禾市", "青禾") == 0  # a name of two characters has no such short form


def test_two_reports_of_one_city_both_scope_its_questions():
    shelf = _shelf()
    scope = question_scope("苇塘湾今冬要开出多少块公益滑冰场？", shelf, ["苇塘湾"])
    assert scope.doc_ids == ["skating", "heating"]


def test_a_plan_naming_the_city_once_in_passing_is_not_its_plan():
    shelf = _shelf()
    assert "passing" not in (question_scope("苇塘湾有多少台燃煤小锅炉接入热网？", shelf, ["苇塘湾"]).doc_ids or [])


def test_a_province_named_bare_is_not_a_city_plan_naming_it_in_passing():
    """A province's short name said bare (the lexicon's names) has a province's level: a city's plan that names it
    often (its 文件, its 视察) names it in passing, and the province's own plan, naming it once, is the one asked."""
    own = parse_text(
        "各市统计局：\n为夯实全省基层统计力量，特制定本方案。\n一、人员配备\n每个乡镇安排专职统计员2人以上。"
        "全省县级统计工作仍照《青海省基层统计工作守则》办理。",
        "province", "plans/19-province-township-statistics.txt", 160,
    )  # fmt: skip
    city = parse_text(
        "柳河市统计能力提升方案\n一、目标\n落实青海省统计工作要求，按青海统计规范，对标青海先进地区，全市统计人员达到300人。",
        "city", "plans/20-liuhe-statistics.txt", 160,
    )  # fmt: skip
    question = "青海基层统计力量方案中，每个乡镇安排专职统计员多少人？"
    assert question_scope(question, [own, city], ["青海"]).doc_ids == ["province"]
