"""A report names its city by the short form (first character and 市: ``苇市`` for 苇塘湾市) more often than by its
name; two reports of one city, each about its own topic, both scope a question naming the city, and retrieval picks
the one about the topic asked."""

from __future__ import annotations

from policykb.bot.scope import question_scope, short_mentions
from policykb.ingest.parser import parse_text

SKATING = """\
本报讯 如何促进冰雪产业发展，叫响冰雪品牌？10日，苇市政协对冰雪旅游重点提案进行督办，苇市各相关部门介绍了冰雪产业措施。
结合今年即将启幕的冰雪季，苇市将浇建60块室外公益冰场，建设8个室内冰上活动中心。
苇市冰雪活动季持续3个月，苇市各区同步开展群众冰雪活动。苇市近期编制了《苇塘湾市冰雪旅游专项规划》。
"""
HEATING = """\
新华社苇塘湾电 苇塘湾市将提前启动供热。苇塘湾市改造老旧管网40公里。
苇塘湾市对全市420台供热小锅炉实行并网。苇塘湾市新增供热能力600万平方米。苇塘湾市供热热线24小时值守。
"""
PASSING = """\
青柳县冬季供热工作方案
一、工作目标
借鉴苇塘湾市经验，全县完成供热管网改造30公里。
"""


def _shelf():
    return [
        parse_text(SKATING, "skating", "plans/05-weitang-skating.txt", 160),
        parse_text(HEATING, "heating", "plans/06-weitang-heating.txt", 160),
        parse_text(PASSING, "passing", "plans/07-county-heating.txt", 160),
    ]


def test_a_city_written_by_its_first_character_is_named():
    assert short_mentions(SKATING, "苇塘湾") == 6
    assert short_mentions(SKATING, "苇塘湾市") == 6
    assert short_mentions("苇市场监管", "苇塘湾") == 0  # 市场 is a word of its own
    assert short_mentions("全省九市", "九龙湾") == 0  # a numeral before 市 counts cities
    assert short_mentions("青禾市", "青禾") == 0  # a name of two characters has no such short form


def test_two_reports_of_one_city_both_scope_its_questions():
    shelf = _shelf()
    scope = question_scope("苇塘湾今年要浇建多少块室外公益冰场？", shelf, ["苇塘湾"])
    assert scope.doc_ids == ["skating", "heating"]


def test_a_plan_naming_the_city_once_in_passing_is_not_its_plan():
    shelf = _shelf()
    assert "passing" not in (question_scope("苇塘湾对多少台供热小锅炉实行并网？", shelf, ["苇塘湾"]).doc_ids or [])


def test_a_province_named_bare_is_not_a_city_plan_naming_it_in_passing():
    """A province's short name said bare (the lexicon's names) has a province's level: a city's plan that names it
    often (its 文件, its 视察) names it in passing, and the province's own plan, naming it once, is the one asked."""
    own = parse_text(
        "各市统计局：\n为加强全省乡镇统计基础工作，制定本方案。\n一、人员配备\n每个乡镇配备统计人员2人以上。"
        "全省县级统计机构按《青海省县级统计工作规范》执行。",
        "province", "plans/19-province-township-statistics.txt", 160,
    )  # fmt: skip
    city = parse_text(
        "柳河市统计能力提升方案\n一、目标\n落实青海省统计工作要求，按青海统计规范，对标青海先进地区，全市统计人员达到300人。",
        "city", "plans/20-liuhe-statistics.txt", 160,
    )  # fmt: skip
    question = "青海乡镇统计基础工作方案中，每个乡镇配备统计人员多少人？"
    assert question_scope(question, [own, city], ["青海"]).doc_ids == ["province"]
