"""Many plans in one knowledge base: a question naming a place, 文号 or title is answered from that plan."""

from __future__ import annotations

import pytest

from policykb.bot.scope import place_names, question_scope, unnamed_sub_place
from policykb.ingest.parser import parse_text

TEST_CITY = """\
测试市冬季清洁取暖推进方案
测试市人民政府
2024年2月1日
一、主要目标
到2025年，全市清洁取暖率提高到61%。（市住建局负责）
"""
OTHER_CITY = """\
样例县人民政府办公室关于印发《样例县清洁取暖三年行动方案》的通知
样政办发〔2024〕7号
样例县清洁取暖三年行动方案
一、主要目标
到2025年，全县清洁取暖率提高到73%。（县住建局牵头，县财政局配合）
"""


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, bot):
    """The shipped plan (a copy of ``bot``'s index) beside two one-paragraph plans of other places (embedded
    Chroma, MiniLM)."""
    from tests.conftest import bot_on_a_copy

    home = tmp_path_factory.mktemp("shelf")
    folder = home / "plans"
    folder.mkdir()
    (folder / "test-city-heating.txt").write_text(TEST_CITY, encoding="utf-8")
    (folder / "sample-county-heating.txt").write_text(OTHER_CITY, encoding="utf-8")
    copy = bot_on_a_copy(bot, home / "home")
    copy.ingest([folder])
    return copy


def test_place_names_with_and_without_their_level():
    assert place_names("青禾市") == ["青禾市", "青禾"]
    assert place_names("北江省") == ["北江省", "北江"]
    assert place_names("") == []


def test_a_year_narrows_to_annual_plans_only():
    annual = parse_text("样例县2024年清洁取暖工作要点\n一、目标\n清洁取暖率达到70%。", "a", "a.txt", 160)
    text = "样例县清洁取暖三年行动方案（2024—2026年）\n一、目标\n到2026年，清洁取暖率达到80%。"
    span = parse_text(text, "s", "s.txt", 160)
    assert question_scope("样例县2024年清洁取暖率要到多少？", [annual, span], []).doc_ids == ["a"]
    assert question_scope("样例县到2026年清洁取暖率要到多少？", [annual, span], []).doc_ids == ["a", "s"]


DISTRICT = """\
青禾市河西区人民政府办公室关于印发《河西区老旧小区更新工作方案》的通知
河西区老旧小区更新工作方案
一、工作目标
到2024年底前，完成全区老旧小区改造。（区住建局牵头）
"""
CITY = """\
青禾市老旧小区改造实施方案
青禾市人民政府
一、工作目标
到2025年底前，完成全市老旧小区改造。（市住建局牵头）
"""


def test_a_district_no_plan_names_is_missing_though_its_city_is_named():
    """``青禾市河东区…``: the shelf holds only 河西区's plan, which names 青禾市 in its issuer line. 河东区 is asked,
    not 青禾市: no plan is about it (was answered from 河西区's plan, a fluent wrong answer)."""
    district = parse_text(DISTRICT, "d", "d.txt", 160)
    scope = question_scope("青禾市河东区老旧小区改造什么时候完成？", [district], ["青禾市"])
    assert (scope.doc_ids, scope.missing) == (None, "河东区")
    assert question_scope("青禾市河西区老旧小区改造什么时候完成？", [district], ["青禾市"]).doc_ids == ["d"]
    assert question_scope("青禾市城区老旧小区改造什么时候完成？", [district], ["青禾市"]).doc_ids == ["d"]
    assert unnamed_sub_place("青禾市和河东市谁的改造更快？", ["青禾市"], [district]) == ("", "")  # joined, not within
    city = parse_text(CITY, "c", "c.txt", 160)  # the city's own plan covers its districts: it answers
    assert question_scope("青禾市河东区老旧小区改造什么时候完成？", [district, city], ["青禾市"]).doc_ids == ["c"]


def test_scope_by_place_number_and_year():
    docs = [parse_text(TEST_CITY, "a", "a.txt", 160), parse_text(OTHER_CITY, "b", "b.txt", 160)]
    assert question_scope("测试市清洁取暖率是多少？", docs, []).doc_ids == ["a"]
    assert question_scope("样例清洁取暖率是多少？", docs, []).doc_ids == ["b"]
    assert question_scope("样政办发〔2024〕7号要求什么？", docs, []).doc_ids == ["b"]
    assert question_scope("清洁取暖率是多少？", docs, []).doc_ids is None
    assert question_scope("杭州清洁取暖率是多少？", docs, ["杭州"]).missing == "杭州"


@pytest.mark.parametrize(
    ("question", "want", "not_want"),
    [
        ("测试市的清洁取暖率到2025年要提高到多少？", "61%", "86%"),
        ("齐齐哈尔市的清洁取暖率到2025年要提高到多少？", "86%", "61%"),
        ("齐齐哈尔清洁取暖率要到多少？", "86%", "61%"),
        ("样例县清洁取暖率要提高到多少？", "73%", "61%"),
    ],
)
def test_a_question_naming_a_place_is_answered_from_its_plan(shelf, question, want, not_want):
    answer = shelf.ask(question)
    assert answer.answerable, answer.answer
    assert want in answer.answer and not_want not in answer.answer


def test_a_place_with_no_plan_is_refused_by_name(shelf):
    answer = shelf.ask("杭州市的清洁取暖率要提高到多少？")
    assert not answer.answerable
    assert "杭州" in answer.answer and "知识库中没有" in answer.answer


def test_two_named_places_are_compared_side_by_side(shelf):
    answer = shelf.ask("测试市和样例县的清洁取暖率目标分别是多少？")
    assert answer.answerable, answer.answer
    lines = answer.answer.split("\n")
    test_city = next(i for i, line in enumerate(lines) if "测试市" in line and "【" in line)
    sample = next(i for i, line in enumerate(lines) if "样例县" in line and "【" in line)
    assert "61%" in "\n".join(lines[test_city:sample] if test_city < sample else lines[test_city:])
    assert "73%" in "\n".join(lines[sample:test_city] if sample < test_city else lines[sample:])
    assert [p["doc_id"] for p in answer.evidence["plans"]]


def test_unscoped_question_is_answered_per_plan_never_merged(shelf):
    answer = shelf.ask("清洁取暖率到2025年要提高到多少？")
    assert answer.answerable, answer.answer
    for line in answer.answer.split("\n"):  # no line carries two plans' figures
        assert sum(figure in line for figure in ("61%", "73%", "86%")) <= 1
    assert sum(figure in answer.answer for figure in ("61%", "73%", "86%")) >= 2


def test_the_documents_listing_names_each_plan(shelf):
    from fastapi.testclient import TestClient

    from policykb.bot.page.api import build_api

    rows = TestClient(build_api(shelf)).get("/v1/documents").json()["data"]
    by_title = {r["title"]: r for r in rows}
    assert by_title["样例县清洁取暖三年行动方案"]["place"] == "样例县"
    assert by_title["样例县清洁取暖三年行动方案"]["number"] == "样政办发〔2024〕7号"
    assert by_title["测试市冬季清洁取暖推进方案"]["tasks"] == 1
    assert len(rows) == 3


ANNUAL_COUNTY = """\
样例县2024年农业农村重点工作任务分工
一、县农业农村局牵头工作
1.稳定粮食生产，新建高标准农田2.6万亩。（配合单位：县财政局、样例县气象局；完成时限：2024年12月底前）
"""


def test_one_plan_answers_a_question_naming_its_place_and_year(tmp_path, minilm):
    """With one plan loaded, its place in the question is not a thing the clause must say; and a target's year
    set only by the plan's title still answers a question naming that year."""
    from policykb.bot.engine import KnowledgeBot
    from tests.conftest import make_settings

    plan = tmp_path / "annual.txt"
    plan.write_text(ANNUAL_COUNTY, encoding="utf-8")
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    bot.ingest([plan])
    questions = ("样例县要新建多少万亩高标准农田？", "样例县2024年要新建多少万亩高标准农田？")
    questions += ("2024年新建高标准农田多少？",)
    for question in questions:
        answer = bot.ask(question)
        assert answer.answerable and "2.6万亩" in answer.answer, (question, answer.answer)
    assert not bot.ask("样例县2026年要新建多少万亩高标准农田？").answerable  # another year: not this plan's
    duties = bot.ask("样例县气象局要配合哪些工作？")  # the place begins a unit's name: it stays in the question
    assert duties.kind == "unit_tasks" and "样例县气象局" in duties.answer and "稳定粮食生产" in duties.answer


def test_a_province_a_plan_names_bare_only_scopes_to_that_plan():
    """A plan that never writes its province with its level (``青海是生态大省``, ``青海特色``) is the one a question
    naming that province bare asks, not another province's plan; a tagged word that is no place (城市) scopes none."""
    own = parse_text("关于做好高原牧业工作的实施意见\n青海是生态大省。全省牧草种植面积达到90万亩。", "q", "q.txt", 160)
    other = parse_text("北江省牧业发展实施方案\n一、目标\n全省牧草种植面积达到60万亩。", "b", "b.txt", 160)
    assert question_scope("青海全省牧草种植面积要达到多少？", [own, other], ["青海"]).doc_ids == ["q"]
    assert question_scope("城市牧草种植面积要达到多少？", [own, other], ["城市"]).doc_ids is None
