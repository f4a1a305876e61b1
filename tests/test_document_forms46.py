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
    """``为深入推进《X》在本州实施，…，制定本方案``: the file right after 推进 is what the plan carries out."""
    record = doc(
        "白岭州蔬菜质量提升实施方案\n为深入推进《青禾省蔬菜质量提升行动方案》在白岭州实施，"
        f"建立产地检测站点，制定本方案。\n{BODY}"
    )
    assert record.basis == ["《青禾省蔬菜质量提升行动方案》"]


def test_a_push_for_a_thing_names_no_file():
    """``为推进养老服务发展，…``: no book-title mark after 推进, no basis."""
    record = doc(f"东浦县养老服务提升实施方案\n为推进养老服务发展，结合我县实际，制定本方案。\n{BODY}")
    assert record.basis == []


def test_the_plans_an_opening_says_it_drew_up_are_no_part_of_its_basis():
    """``…根据《X》，编制了《A》《B》``: X is the basis, A and B the plans the page is about."""
    record = doc(
        "关于《东浦县湿地保护规划》《东浦县古树名木保护规划》规划内容公示\n"
        "为保护湿地资源，东浦县城市管理局根据《东浦县国土空间总体规划》及其他资料，"
        "编制了《东浦县湿地保护规划》《东浦县古树名木保护规划》。现予公示。\n一、公示时间\n2026年1月2日——2026年1月16日。\n"
        "东浦县城市管理局\n2026年1月2日\n"
    )
    assert record.basis == ["《东浦县国土空间总体规划》"]


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "关于《东浦县湿地保护规划》《东浦县古树名木保护规划》规划内容公示",
            "东浦县湿地保护规划、东浦县古树名木保护规划",
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
    """The notice names ``青禾市…“十五五”规划``; further down its own title has ``2026-2030年)`` under it (the page
    lost the opening bracket): the title keeps the span, so 规划期是哪几年 is answered from it."""
    record = doc(
        "青禾市供水工作领导小组关于印发青禾市供水保障“十五五”规划的通知\n"
        "青禾市供水保障“十五五”规划\n2026-2030年)\n总则\n一、编制依据\n"
    )
    assert record.title == "青禾市供水保障“十五五”规划(2026-2030年)"


def test_a_number_line_under_the_plans_own_title_is_no_span():
    record = doc(
        "青禾市供水工作领导小组关于印发青禾市供水保障规划的通知\n青禾市供水保障规划\n(青供〔2026〕3号)\n"
        "总则\n一、编制依据\n"
    )
    assert record.title == "青禾市供水保障规划"


@pytest.mark.parametrize(
    ("lead", "issuer"),
    [
        (
            "日前,青禾省农村产业发展领导小组印发《2026年度青禾省茶叶产业推进计划》。",
            "青禾省农村产业发展领导小组",
        ),
        ("5月6日,白岭州政府出台下发《关于加快食用菌产业发展的意见》,提出到2027年产量达到10万吨。", "白岭州政府"),
    ],
)
def test_a_report_names_the_body_that_issued_the_plan(lead, issuer):
    """A news item's lead sentence: a body set up for the work (领导小组) issues a plan as a government does, and
    出台下发 is an issuing verb (before, no issuer, and with 出台下发 no title either)."""
    record = doc(f"{lead}\n文件要求各县抓好落实。\n")
    assert record.authority == issuer


def test_a_plan_carried_forward_is_asked_as_its_basis():
    from policykb.bot.question import classify
    from policykb.kb.units import UnitDirectory

    read = classify("白岭州实施方案是为推动哪个省级文件实施而制定的？", UnitDirectory([])).kind.value
    assert read == "document"


SMART_CITY = (
    ("为把东浦县建成数字县城，县数据局会同各部门，在摸清家底的基础上，特编制本规划。规划期限为2026-2030年。\n")
    + """一、发展基础
全县政务数据共享目录已覆盖47个部门。
二、主要任务
（一）建设县城数据中台。到2028年，建成县级数据中台。
"""
)

WETLAND_NOTICE = """关于《白岭州湿地保护规划》《白岭州古树名木保护规划》规划内容公示
为保护湿地资源，白岭州林业和草原局根据《白岭州国土空间总体规划(2026—2040年)》，编制了《白岭州湿地保护规划》《白岭州古树名木保护规划》。现予公示，广泛征求意见。
一、公示时间
2026年3月2日——2026年3月16日。
二、意见反馈方式
电子邮件：bailing@example.cn
白岭州林业和草原局
2026年3月2日
"""


FORESTRY_NEWS = (
    "3月8日,白岭州政府出台下发《关于加快食用菌产业发展的意见》(以下简称《意见》),"
    "提出到2028年全州食用菌产量达到12万吨。\n"
    "《意见》中列出了3项工作内容。一是扩大菌种基地,每年新建菌棚两百座。"
    "二是推行统一收购,由合作社按保底价收购鲜菇。三是建设烘干中心,在每个乡镇建一处。\n"
)


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"smart-city.txt": SMART_CITY, "wetland-notice.txt": WETLAND_NOTICE, "forestry-news.txt": FORESTRY_NEWS}
    return e5_shelf(tmp_path_factory.mktemp("document-forms46"), e5, plans)


@pytest.mark.slow
def test_the_span_a_plan_states_as_its_own_answers_which_years_it_runs(shelf):
    """``规划期限为2026-2030年`` in the opening of a page with no title line: 规划期限是哪几年 is answered with it
    (before, the sentence alone held too little of the question and it was refused)."""
    answer = shelf.ask("东浦县数字县城规划的规划期限是哪几年？")
    assert "2026-2030年" in answer.answer, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "keys"),
    [
        ("白岭州湿地保护规划的公示时间是什么时候？", ("2026年3月2日", "2026年3月16日")),
        ("白岭州湿地保护规划是根据哪个规划编制的？", ("白岭州国土空间总体规划",)),
    ],
)
def test_a_public_notice_of_plans_answers_its_time_and_basis(shelf, question, keys):
    answer = shelf.ask(question)
    assert all(key in answer.answer for key in keys), answer.answer


@pytest.mark.slow
def test_the_nth_of_the_things_a_sentence_counts_is_its_nth_enumerated_item(shelf):
    """``列出了3项工作内容。一是A…二是B…``: 第二项工作内容 is B (before, refused: no heading holds the items)."""
    answer = shelf.ask("白岭州食用菌意见的第二项工作内容是什么？")
    assert "推行统一收购" in answer.answer, answer.answer
    assert "扩大菌种基地" not in answer.answer, answer.answer


@pytest.mark.slow
def test_an_item_past_the_enumerated_ones_is_refused(shelf):
    answer = shelf.ask("白岭州食用菌意见的第四项工作内容是什么？")
    assert "收购" not in answer.answer and "烘干" not in answer.answer, answer.answer
