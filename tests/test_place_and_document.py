"""A plan found by the place its text names; questions about a plan's basis, issuers, date and outline (issue 23).

Every plan here is invented (invented places, files and numbers) in the forms real plans use: a plan whose
title and issuer do not name its place, an opening sentence naming the higher-level files it carries out, a
notice signed by two bodies, a sentence listing a plan's parts, numbered sections of key projects.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.outline import asked_count, asked_ordinal
from policykb.bot.question import classify
from policykb.bot.scope import compared, mentions, question_scope
from policykb.ingest.identity import read_basis
from policykb.ingest.parser import parse_text
from policykb.kb.units import UnitDirectory

# The place only in the body: neither the title nor a signature names 柳河.
BODY_PLACE = """\
关于加快冬季清洁取暖的实施方案
为深入贯彻落实《北江省人民政府关于印发北江省清洁取暖三年行动方案的通知》（北政发〔2023〕9号）精神，推动柳河市清洁取暖工作，结合柳河实际，制定本方案。
一、主要目标
到2025年，全市清洁取暖率达到67%。
二、实施清洁取暖重点工程
（一）热源改造工程。
推进燃煤锅炉改造。（市住建局负责）
（二）管网延伸工程。
新建供热管网120公里。（市住建局牵头，市财政局配合）
（三）建筑节能工程。
推进既有建筑节能改造。（市住建局负责）
"""

# Two bodies sign the notice; the plan lists its parts in one sentence.
JOINT = """\
潼政发〔2024〕3号
中共潼溪县委员会
潼溪县人民政府
关于印发《潼溪县乡村建设行动方案》的通知
各乡镇党委和人民政府，县直各单位：
现将《潼溪县乡村建设行动方案》印发给你们，请结合实际认真贯彻执行。
中共潼溪县委员会
潼溪县人民政府
2024年3月2日
潼溪县乡村建设行动方案
根据省委、省政府《关于推进乡村建设的实施意见》（北发〔2023〕2号）和《北江省农村人居环境整治方案》，结合我县实际，制定本方案。
一、总体要求
按照布局合理、设施完善、环境整洁、服务便捷的总要求，实施五大行动：道路畅通行动、供水保障行动、清洁能源行动、数字乡村行动、人居环境行动。
二、主要目标
到2025年，农村生活污水治理率达到55%。（县生态环境局负责）
"""

OTHER_NATIONAL = """\
北江省人民政府办公厅关于印发北江省数字档案建设指导意见的通知
北政办发〔2022〕17号
各市人民政府，省政府各部门：
《北江省数字档案建设指导意见》已经省政府同意，现印发给你们，请认真贯彻执行。
北江省人民政府办公厅
2022年6月8日
北江省数字档案建设指导意见
一、主要目标
到2025年，档案数字化率达到90%。（省档案局负责）
"""


def test_the_opening_sentence_names_the_files_a_plan_carries_out():
    assert read_basis(BODY_PLACE) == ["《北江省人民政府关于印发北江省清洁取暖三年行动方案的通知》（北政发〔2023〕9号）"]
    assert read_basis(JOINT.split("潼溪县乡村建设行动方案\n", 2)[-1]) == [
        "省委、省政府《关于推进乡村建设的实施意见》（北发〔2023〕2号）",
        "《北江省农村人居环境整治方案》",
    ]
    assert read_basis("为落实《某规划》相关改革举措，推进试点。\n一、目标") == []  # not an opening: nothing is made
    assert read_basis("现将《某方案》印发给你们，请认真贯彻执行。") == []  # the notice forwarding the plan


def test_two_bodies_signing_one_line_each_are_both_the_issuers():
    record = parse_text(JOINT, "j", "j.txt", 160)
    assert record.authority == "中共潼溪县委员会、潼溪县人民政府"
    assert record.number == "潼政发〔2024〕3号" and record.date == "2024年3月2日"
    assert record.place == "潼溪县"


def test_a_place_only_the_text_names_scopes_to_that_plan():
    body = parse_text(BODY_PLACE, "b", "b.txt", 160)
    joint = parse_text(JOINT, "j", "j.txt", 160)
    assert body.place == ""  # the identity does not say it
    assert mentions(body.text, "柳河市") == 2  # 柳河市 once, 柳河 (its short name) twice: the most of its names
    scope = question_scope("柳河市清洁取暖率要达到多少？", [joint, body], ["柳河市"])
    assert scope.doc_ids == ["b"] and "柳河市" in scope.names
    assert question_scope("杭州市清洁取暖率要达到多少？", [joint, body], ["杭州市"]).missing == "杭州市"
    # a word a tagger takes for a place (城市) scopes nothing
    assert question_scope("城市清洁取暖率要达到多少？", [joint, body], ["城市"]).doc_ids is None


# A city's plan whose identity names its city; its text names the province only as the source of its basis.
CITY_PLAN = """\
青禾市清洁取暖实施方案
青禾市人民政府
为贯彻落实北江省清洁取暖工作部署，结合我市实际，制定本方案。
一、主要目标
到2025年，全市清洁取暖率达到71%。
"""


def test_a_province_a_city_plan_names_in_passing_is_not_scoped_to_it():
    body = parse_text(BODY_PLACE, "b", "b.txt", 160)  # no identity; its text speaks of 全市
    city = parse_text(CITY_PLAN, "c", "c.txt", 160)
    archive = parse_text(OTHER_NATIONAL, "a", "a.txt", 160)
    # two city plans name 北江省 (their province's file, its work): neither is the province's plan
    alone = question_scope("北江省清洁取暖率要达到多少？", [body, city], ["北江省"])
    assert alone.doc_ids is None and alone.missing == "北江省" and set(alone.mentioned_by) == {"b", "c"}
    # nor does a title's words make one of them the province's plan
    titled = question_scope("北江省清洁取暖实施方案的目标是多少？", [body, city], ["北江省"])
    assert titled.doc_ids is None and titled.missing == "北江省"
    # the province's own plan is its plan; a city named after its province is the city's
    assert question_scope("北江省档案数字化率要达到多少？", [body, city, archive], ["北江省"]).doc_ids == ["a"]
    city_only = question_scope("北江省柳河市清洁取暖率要达到多少？", [body, city], ["北江省", "柳河市"])
    assert city_only.doc_ids == ["b"] and "北江省" in city_only.names  # stripped with the city: it is asked of


def test_comparing_question_names_each_plan_by_its_title():
    joint = parse_text(JOINT, "j", "j.txt", 160)
    archive = parse_text(OTHER_NATIONAL, "a", "a.txt", 160)
    body = parse_text(BODY_PLACE, "b", "b.txt", 160)
    question = "乡村建设行动方案和数字档案建设指导意见的文号分别是什么？"
    scope = question_scope(question, [joint, archive, body], [])
    assert scope.doc_ids == ["j", "a"]
    assert compared(question, [joint, archive])
    assert question_scope("数字档案建设指导意见的文号是什么？", [joint, archive, body], []).doc_ids == ["a"]


@pytest.mark.parametrize(
    ("question", "count", "ordinal"),
    [
        ("五大行动分别是什么？", 5, 0),
        ("按照哪四个方面的总要求推进？", 4, 0),
        ("第二项重点工程是什么？", 0, 2),
        ("“十大行动”中第一项行动是什么？", 10, 1),
        ("要落实哪一个省级规划？", 0, 0),
    ],
)
def test_how_many_parts_and_which_one_a_question_asks(question, count, ordinal):
    assert asked_count(question) == count
    assert asked_ordinal(question) == ordinal


def test_document_and_outline_questions_are_read_as_such():
    units = UnitDirectory([])
    assert classify("该方案是为贯彻哪个文件制定的？文号是多少？", units).kind == "document"
    assert classify("依据的省政府办公厅文件文号是什么？", units).kind == "document"
    assert classify("由哪些机关联合印发？", units).kind == "document"
    assert classify("五大行动分别是什么？", units).kind == "outline"
    assert classify("第一项重点工程是什么？", units).kind == "outline"


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    """Three invented plans on one shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    plans = {
        "weichuan-heating.txt": BODY_PLACE,
        "chengjiang-village.txt": JOINT,
        "beijiang-archive.txt": OTHER_NATIONAL,
    }
    return e5_shelf(tmp_path_factory.mktemp("place-shelf"), e5, plans)


def test_a_question_naming_a_place_only_the_text_holds_is_answered(shelf):
    answer = shelf.ask("柳河市到2025年清洁取暖率要达到多少？")
    assert answer.answerable and "67%" in answer.answer, answer.answer
    refused = shelf.ask("杭州市到2025年清洁取暖率要达到多少？")
    assert not refused.answerable and "知识库中没有关于“杭州市”的方案" in refused.answer


def test_the_basis_of_a_plan_is_answered_with_its_number(shelf):
    answer = shelf.ask("柳河市清洁取暖实施方案是为贯彻北江省哪个文件制定的？文号是多少？")
    assert answer.kind == "document" and "北政发〔2023〕9号" in answer.answer, answer.answer
    none = shelf.ask("北江省数字档案建设指导意见依据的是哪个上级文件？")
    assert not none.answerable, none.answer  # its opening names no file: no other plan's basis


def test_joint_issuers_and_outline_lists(shelf):
    issuers = shelf.ask("潼溪县乡村建设行动方案由哪些机关联合印发？")
    assert "中共潼溪县委员会" in issuers.answer and "潼溪县人民政府" in issuers.answer, issuers.answer
    actions = shelf.ask("潼溪县乡村建设的五大行动分别是什么？")
    assert actions.kind == "outline", actions.answer
    for part in ("道路畅通行动", "供水保障行动", "清洁能源行动", "数字乡村行动", "人居环境行动"):
        assert part in actions.answer, actions.answer
    asks = shelf.ask("潼溪县乡村建设按照哪四个方面的总要求推进？")
    assert all(part in asks.answer for part in ("布局合理", "设施完善", "环境整洁", "服务便捷")), asks.answer
    assert "按照" not in asks.answer.split("\n", 1)[-1]


def test_the_nth_key_project(shelf):
    answer = shelf.ask("柳河市清洁取暖的第二项重点工程是什么？")
    assert answer.kind == "outline" and "管网延伸工程" in answer.answer, answer.answer
    assert "热源改造工程" not in answer.answer


def test_two_plans_document_facts_answered_plan_by_plan(shelf):
    answer = shelf.ask("乡村建设行动方案和数字档案建设指导意见的文号分别是什么？")
    assert "潼政发〔2024〕3号" in answer.answer and "北政办发〔2022〕17号" in answer.answer, answer.answer
    lines = answer.answer.split("\n")
    first = next(i for i, line in enumerate(lines) if "潼政发" in line)
    second = next(i for i, line in enumerate(lines) if "北政办发" in line)
    assert first != second  # each plan on its own line


def test_a_county_of_one_character_is_the_plans_place():
    notice = "苇县人民政府办公室关于印发《苇县稻渔综合种养实施方案》的通知\n一、目标\n到2025年，稻渔面积达到2万亩。"
    record = parse_text(notice, "w", "w.txt", 160)
    assert record.place == "苇县"
    assert question_scope("苇县稻渔面积要达到多少？", [record], []).doc_ids == ["w"]
    assert parse_text("全县人民政府工作要点\n一、目标\n完成任务。", "q", "q.txt", 160).place == ""


def test_a_plan_named_by_the_term_its_title_quotes():
    quoted = parse_text("“清岚河谷”建设试点工作方案\n一、目标\n到2025年，河谷植被覆盖率达到80%。", "q", "q.txt", 160)
    archive = parse_text(OTHER_NATIONAL, "a", "a.txt", 160)
    alone = question_scope("清岚河谷方案里植被覆盖率要到多少？", [quoted, archive], [])
    assert alone.doc_ids == ["q"] and alone.strip("清岚河谷方案里植被覆盖率要到多少？") == "方案里植被覆盖率要到多少？"
    both = question_scope("“清岚河谷”建设试点工作方案和数字档案建设指导意见的文号分别是什么？", [quoted, archive], [])
    assert both.doc_ids == ["q", "a"] and both.names == ()  # each plan still named in the question as searched
