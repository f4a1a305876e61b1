"""A province's short name said bare (the lexicon's names) has a province's level: a city's plan that names it often
(its 文件, its 视察) names it in passing, and the province's own plan, naming it once, is the one asked."""

from __future__ import annotations

from policykb.bot.scope import question_scope
from policykb.ingest.parser import parse_text


def test_a_province_named_bare_is_not_a_city_plan_naming_it_in_passing():
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
