"""Forms of a plan's identity read in session 46, each on invented text (白岭州/东浦县/青禾市): an opening that says
特制订 or 推进《X》, a 公示 notice of one or several plans, a page's short heading above the plan's own title, a span
of years under the plan's own title, a report naming a body set up for the work as the issuer."""

from __future__ import annotations

import pytest

from policykb.ingest.parser import parse_text


def doc(text: str):
    return parse_text(text, "d", "d.txt", 400)


BODY = "一、工作目标\n到2026年，全县养老机构护理型床位占比达到60%。\n"


def test_an_opening_that_says_it_is_made_with_zhiding_written_zhiding2_names_its_basis():
    """``…根据《X》精神，特制订本方案``: 制订 makes the plan as 制定 does (before, the opening was not read as one)."""
    record = doc(f"东浦县养老服务提升实施方案\n根据《青禾市养老服务条例》精神，特制订本方案。\n{BODY}")
    assert record.basis == ["《青禾市养老服务条例》"]


def test_an_opening_that_pushes_a_file_forward_names_it_as_its_basis():
    """``为深入推进《X》在本州落地见效，…，制定本方案``: the file right after 推进 is what the plan carries out."""
    record = doc(
        "白岭州农产品质量提升实施方案\n为深入推进《青禾省农产品质量提升行动方案》在白岭州落地见效，"
        f"全面加强治理能力建设，制定本方案。\n{BODY}"
    )
    assert record.basis == ["《青禾省农产品质量提升行动方案》"]


def test_a_push_for_a_thing_names_no_file():
    """``为推进养老服务发展，…``: no book-title mark after 推进, no basis."""
    record = doc(f"东浦县养老服务提升实施方案\n为推进养老服务发展，结合我县实际，制定本方案。\n{BODY}")
    assert record.basis == []


def test_the_plans_an_opening_says_it_drew_up_are_no_part_of_its_basis():
    """``…根据《X》，编制了《A》《B》``: X is the basis, A and B the plans the page is about."""
    record = doc(
        "关于《东浦县绿地系统规划》《东浦县公园体系规划》规划内容公示\n"
        "为提升绿地建设水平，东浦县城市管理局根据《东浦县国土空间总体规划》及其他资料，"
        "编制了《东浦县绿地系统规划》《东浦县公园体系规划》。现予公示。\n一、公示时间\n2026年1月2日——2026年1月16日。\n"
        "东浦县城市管理局\n2026年1月2日\n"
    )
    assert record.basis == ["《东浦县国土空间总体规划》"]


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "关于《东浦县绿地系统规划》《东浦县公园体系规划》规划内容公示",
            "东浦县绿地系统规划、东浦县公园体系规划",
        ),
        ("关于东浦县国土空间总体规划（草案）的公示", "东浦县国土空间总体规划（草案）"),
        ("关于《东浦县养老服务体系建设实施方案》的批前公示", "东浦县养老服务体系建设实施方案"),
    ],
)
def test_a_public_notice_is_titled_by_the_plans_it_puts_up(head, title):
    """A 公示 notice with no title line of the plan below it: the plans it names are the title (before, the file's
    name stood as the title)."""
    record = doc(f"{head}\n现将规划内容予以公示，广泛征求意见。\n一、公示时间\n2026年1月2日至2026年1月16日。\n")
    assert record.title == title


def test_a_pages_short_heading_above_the_plans_own_title_gives_way_to_it():
    """``东浦“十四五”供水保障规划`` (the site's heading) above ``东浦县“十四五”供水保障规划``: the fuller title is the
    plan's (before, the two lines were joined into one title)."""
    record = doc("东浦“十四五”供水保障规划\n东浦县“十四五”供水保障规划\n前言\n供水安全是民生大事。\n" + BODY)
    assert record.title == "东浦县“十四五”供水保障规划"
    assert record.place == "东浦县"


def test_the_plans_own_title_line_gives_its_span_of_years_to_the_notices_title():
    """The notice names ``青禾市…“十三五”规划``; further down its own title has ``2016-2020年)`` under it (the page
    lost the opening bracket): the title keeps the span, so 规划期是哪几年 is answered from it."""
    record = doc(
        "青禾市城乡环境治理指挥部关于印发青禾市城乡环境治理“十三五”规划的通知\n"
        "青禾市城乡环境治理“十三五”规划\n2016-2020年)\n总则\n一、编制依据\n"
    )
    assert record.title == "青禾市城乡环境治理“十三五”规划(2016-2020年)"


def test_a_number_line_under_the_plans_own_title_is_no_span():
    record = doc(
        "青禾市城乡环境治理指挥部关于印发青禾市城乡环境治理规划的通知\n青禾市城乡环境治理规划\n(青环指〔2016〕3号)\n"
        "总则\n一、编制依据\n"
    )
    assert record.title == "青禾市城乡环境治理规划"


@pytest.mark.parametrize(
    ("lead", "issuer"),
    [
        (
            "日前,青禾省农村产业发展领导小组印发《2026年度青禾省茶叶产业推进计划》。",
            "青禾省农村产业发展领导小组",
        ),
        ("12月18日,白岭州政府出台下发《关于加快林下经济发展的意见》,提出到2027年发展面积达到100万亩。", "白岭州政府"),
    ],
)
def test_a_report_names_the_body_that_issued_the_plan(lead, issuer):
    """A news item's lead sentence: a body set up for the work (领导小组) issues a plan as a government does, and
    出台下发 is an issuing verb (before, no issuer, and with 出台下发 no title either)."""
    record = doc(f"{lead}\n《方案》明确,继续优化产业布局。\n")
    assert record.authority == issuer


def test_a_plan_carried_forward_is_asked_as_its_basis():
    from policykb.bot.question import classify
    from policykb.kb.units import UnitDirectory

    read = classify("白岭州实施方案是为推动哪个省级文件落地见效而制定的？", UnitDirectory([])).kind.value
    assert read == "document"
