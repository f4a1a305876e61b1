"""A part of a place (农村, 城区, 开发区) asked about: its own clause, the whole's figure with a caution, or a refusal;
and a province that only its cities' plans name in passing: refused by name, never answered from a city's plan."""

from __future__ import annotations

import pytest

from policykb.bot.answers.finding import Finding
from policykb.bot.answers.subarea import asked_part, counted_whole, within_part
from policykb.bot.evidence import where_found
from policykb.bot.kinds import QuestionKind
from policykb.ingest.parser import parse_text
from policykb.kb.lexicon import PARTIAL_MARK, REFUSAL_MARK
from policykb.prompts.library import load_phrases

# Invented plans: a city's (its countryside named in one task), a county's (no part named), both in one province.
CITY = """\
青禾市清洁取暖实施方案
青禾市人民政府
为贯彻落实北江省清洁取暖工作部署，结合我市实际，制定本方案。
一、主要目标
到2025年，全市清洁取暖率达到71%，城区集中供热普及率达到95%。
二、重点任务
（一）推进农村清洁取暖。实施农村电代煤改造。（市住建局负责）
"""
COUNTY = """\
桐溪县清洁能源推广方案
桐溪县人民政府
为贯彻落实北江省清洁能源工作部署，结合我县实际，制定本方案。
一、主要目标
到2025年，全县清洁能源消费比重达到30%。
"""


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("青禾市农村的清洁取暖率要达到多少？", "农村"),
        ("城区的集中供热普及率是多少？", "城区"),
        ("在开发区内清洁能源比重要到多少？", "开发区"),
        ("农村生活污水治理率要达到多少？", ""),  # a term of the plans, not a part asked
        ("城镇新增就业要多少人？", ""),
    ],
)
def test_the_part_of_a_place_a_question_asks(question, part):
    assert asked_part(question) == part


def test_a_whole_figure_is_cautioned_or_refused_for_a_part():
    phrases = load_phrases()
    docs = {"c": parse_text(CITY, "c", "c.txt", 160), "t": parse_text(COUNTY, "t", "t.txt", 160)}
    chunks = [chunk for doc in docs.values() for chunk in doc.chunks]

    def finding(doc_id: str, line: str) -> Finding:
        cited = [chunk for chunk in chunks if chunk.doc_id == doc_id]  # the plan a line rests on
        return Finding([line], cited, QuestionKind.TARGET, {})

    whole = finding("c", "到2025年，全市清洁取暖率达到71%。")
    cautioned = within_part(whole, "农村", docs, phrases)  # the plan speaks of its countryside elsewhere
    assert cautioned is not None and cautioned.confidence == "partial"
    assert "农村" in cautioned.lines[0] and cautioned.lines[1:] == whole.lines
    assert within_part(finding("t", "到2025年，全县清洁能源消费比重达到30%。"), "农村", docs, phrases) is None
    towns = finding("c", "到2025年，县级以上城市清洁取暖率达到90%。")  # another part's figure: not the whole's
    assert within_part(towns, "农村", docs, phrases) is None
    own = finding("c", "到2025年，城区集中供热普及率达到95%。")
    assert within_part(own, "城区", docs, phrases) is own  # the clause names the part: answered as it is
    assert within_part(whole, "", docs, phrases) is whole


def test_a_pollutant_asked_where_it_is_found_is_the_plans_whole_count():
    members = ["化学需氧量", "氨氮", "氮氧化物"]
    assert where_found("工业里的氮氧化物减排量是多少？", members) == "工业"
    assert where_found("汽车尾气、锅炉烟气里的氮氧化物要减多少？", members) == "汽车尾气、锅炉烟气"
    assert where_found("氮氧化物减排量是多少？", members) == ""
    whole = Finding(["到2025年，氮氧化物减排量达到1200吨。"], [], QuestionKind.TARGET, {})
    cautioned = counted_whole(whole, "工业", load_phrases())
    assert cautioned is not None and cautioned.confidence == "partial" and "“工业”" in cautioned.lines[0]
    assert counted_whole(whole, "", load_phrases()) is whole
    assert counted_whole(whole, "空气", load_phrases()) is whole  # the medium it is counted in, not a part
    assert counted_whole(whole, "污水", load_phrases()) is whole


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    """The city's and the county's plans on one shelf (embedded Chroma, the e5 model)."""
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("parts"), e5, {"qinghe-heating.txt": CITY, "tongxi-energy.txt": COUNTY})


def test_a_part_of_a_place_on_a_shelf(shelf):
    own = shelf.ask("青禾市城区的集中供热普及率要达到多少？")
    assert own.answerable and "95%" in own.answer and own.confidence == "full", own.answer
    whole = shelf.ask("青禾市农村的清洁取暖率要达到多少？")
    assert whole.answerable and whole.confidence == "partial" and "71%" in whole.answer, whole.answer
    assert "没有单列“农村”" in whole.answer
    never = shelf.ask("桐溪县农村的清洁能源消费比重要达到多少？")  # the county's plan never names its countryside
    assert not never.answerable and never.answer.startswith(REFUSAL_MARK), never.answer
    assert PARTIAL_MARK not in never.answer


def test_a_province_only_its_cities_plans_name_is_refused_by_name(shelf):
    answer = shelf.ask("北江省清洁取暖率要达到多少？")
    assert not answer.answerable, answer.answer
    assert "北江省" in answer.answer and "青禾市清洁取暖实施方案" in answer.answer
    assert "71%" not in answer.answer
    within = shelf.ask("北江省青禾市清洁取暖率要达到多少？")  # the province said before its city: the city's plan
    assert within.answerable and "71%" in within.answer, within.answer
