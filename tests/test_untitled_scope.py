"""A plan whose text gave no title (its file's name stands as its title) may be the one a question means by the
words of another plan's title: those words, when its text says them, scope the question to both plans, not to the
titled one alone."""

from __future__ import annotations

from policykb.bot.dialog import PlanNames, Resolver
from policykb.bot.scope import file_named, question_scope
from policykb.ingest.parser import parse_text
from policykb.kb.units import UnitDirectory

TITLED = """\
青禾市防范和处置非法集资工作方案
一、工作目标
到2025年，全市非法集资案件立案数逐年下降。（市金融办牵头，市公安局配合）
"""
UNTITLED = """\
各乡镇、各部门：
为加大防范和处置非法集资工作力度，结合我区实际，现将有关事项通知如下：
一、指导思想
加大监测预警、案件处置、宣传教育等工作力度，建立防打结合的长效机制。
二、重点工作
人民银行负责信用体系建设重点工作中的征信系统建设。
"""


def _shelf():
    titled = parse_text(TITLED, "titled", "plans/qinghe-finance.txt", 160)
    untitled = parse_text(UNTITLED, "untitled", "plans/10-xx-finance-2017.txt", 160)
    assert file_named(untitled.title, untitled.source) and not file_named(titled.title, titled.source)
    return [titled, untitled]


def test_title_words_an_untitled_plan_says_scope_to_it_too():
    shelf = _shelf()
    assert question_scope("防范和处置非法集资要加大哪几方面的工作力度？", shelf, []).doc_ids == ["titled", "untitled"]
    assert question_scope("青禾市防范和处置非法集资的工作目标是什么？", shelf, []).doc_ids == ["titled"]


def test_title_words_no_untitled_plan_says_still_scope():
    titled, _ = _shelf()
    other = parse_text("各单位：\n一、工作要求\n做好征信宣传。\n", "other", "plans/11-xx-credit.txt", 160)
    assert question_scope("防范和处置非法集资要加大哪几方面的工作力度？", [titled, other], []).doc_ids == ["titled"]


def test_a_stretch_of_title_an_untitled_plan_says_names_it_too_in_a_conversation():
    titles = {"a": "青禾市乡村信用体系建设三年行动计划"}
    said = PlanNames(UnitDirectory([]), [], [], titles, {"a": "青禾市"}, untitled={"u": UNTITLED})
    unsaid = PlanNames(UnitDirectory([]), [], [], titles, {"a": "青禾市"})
    question = "人民银行负责哪项信用体系建设重点工作？"
    assert Resolver(said).step(question, None).doc_ids == ["a", "u"]
    assert Resolver(unsaid).step(question, None).doc_ids == ["a"]
