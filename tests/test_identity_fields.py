"""A plan's identity read from the page chrome and the head lines real sites give, in their many layouts (invented
pages of 东浦区/青禾市): two fields on one line, empty fields, a column's name before the title, a title or notice
broken over lines, a notice's 附件 line above its date. docs/identity-fields.md says the rules."""

from __future__ import annotations

import pytest

from policykb.ingest.parser import parse_text

TITLE = "东浦区供水提升行动方案"
BODY = "为提升城乡供水保障水平，结合我区实际，制定本方案。\n一、工作目标\n到2026年，全区农村自来水普及率达到98%。\n"


def identity(text: str) -> tuple[str, str, str, str]:
    doc = parse_text(text, "d", "d.txt", 400)
    return doc.title, doc.authority, doc.number, doc.date


@pytest.mark.parametrize(
    "chrome",
    [
        "发布机构: 东浦区水利局 生成日期: 2024-03-08\n",
        "发布机构：东浦区水利局　成文日期：2024年3月8日\n",
        "索引号: QH-2024-0007 组配分类: 水利\n发布机构: 东浦区水利局 主题分类: 水利\n"
        f"名称: {TITLE} 文号:\n生成日期: 2024-03-08 发布日期: 2024-03-12\n",
        "发布机构 东浦区水利局 公开范围 面向全社会\n生成日期 2024-03-08 发布日期 2024-03-12\n",
        "发布单位 | 东浦区水利局 | 发文日期 | 2024-03-08 |\n",
    ],
)
def test_a_label_inside_a_value_ends_it(chrome):
    """Two fields on one line (with or without colons, or as ``|`` cells): the issuer stops at the next label and
    the date is read."""
    title, authority, number, date = identity(chrome + TITLE + "\n" + BODY)
    assert (title, authority, date) == (TITLE, "东浦区水利局", "2024年3月8日")
    assert number == ""


@pytest.mark.parametrize(
    "chrome",
    [
        "索引号: | QH-2024-0007 | 发布机构: | |\n生效日期: | 2024-10-31 | 废止日期: | |\n"
        "文 号: | 所属主题: | 政策文件 |\n",
        "发布机构：\n成文日期：2024年03月08日\n",
        "索引号 | QH-2024-0007 | 发布机构 | |\n文号 | | 发文日期 | 2024-03-08 |\n",
    ],
)
def test_an_empty_field_is_no_issuer_and_no_number(chrome):
    title, authority, number, _ = identity(chrome + TITLE + "\n" + BODY)
    assert (title, authority, number) == (TITLE, "", "")


@pytest.mark.parametrize(
    "head",
    [
        "政策文件丨青禾市人民政府关于推进供水提升的实施意见\n- 发布日期:2024-03-12\n",
        "栏目：政策文件\n青禾市人民政府关于推进供水提升的实施意见\n",
        "栏目丨通知公告\n青禾市人民政府关于推进供水提升的实施意见\n",
    ],
)
def test_a_columns_name_is_not_part_of_the_title(head):
    doc = parse_text(head + "青政字〔2024〕3号\n" + BODY, "d", "d.txt", 400)
    assert doc.title == "青禾市人民政府关于推进供水提升的实施意见"
    assert (doc.authority, doc.place) == ("青禾市人民政府", "青禾市")


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (  # a notice with no issuer before 关于, broken inside its title
            "关于印发东浦区供水提升三年行动计划\n（2024—2026年）的通知\n各街道办事处，区政府各部门：\n"
            "《东浦区供水提升三年行动计划（2024—2026年）》已经区政府同意，现印发给你们，请认真贯彻执行。\n"
            "东浦区人民政府办公室\n2024年3月8日\n东浦区供水提升三年行动计划（2024—2026年）\n",
            "东浦区供水提升三年行动计划（2024—2026年）",
        ),
        (  # the issuer on its own line, the notice broken over three lines
            "东浦区人民政府办公室\n关于印发《东浦区贯彻落实〈青禾市关于推进\n城乡供水一体化若干\n措施〉实施方案》的通知\n"
            "各街道办事处：\n",
            "东浦区贯彻落实《青禾市关于推进城乡供水一体化若干措施》实施方案",
        ),
        ("东浦区关于推进城乡供水一体化高质量发展的\n实施意见\n", "东浦区关于推进城乡供水一体化高质量发展的实施意见"),
        ("东浦区城乡供水一体化三年行动方案\n（2024—2026年）\n", "东浦区城乡供水一体化三年行动方案（2024—2026年）"),
    ],
)
def test_a_title_broken_over_lines_is_read_whole(head, title):
    assert identity(head + BODY)[0] == title


def test_a_notices_attachment_line_is_not_its_issuer():
    head = (
        "各街道办事处，区政府各部门：\n"
        "区水利局拟定的《东浦区供水提升实施方案》已经区政府同意，现转发给你们，请认真贯彻执行。\n"
        "附件：东浦区供水提升任务安排表\n2024年3月8日\n" + TITLE + "\n"
    )
    assert identity(head + BODY)[1] == ""


def test_each_date_is_kept_as_what_it_is():
    """成文日期 (the signature's, or the page's 成文/生成日期), 发布日期 (when the site published it) and 印发日期
    (the 版记's ``…印发``) are three dates; the document's date is the written one."""
    page = "发布机构: 东浦区水利局 生成日期: 2024-03-08\n发布日期: 2024-03-12 09:30\n" + TITLE + "\n" + BODY
    doc = parse_text(page + "东浦区人民政府办公室 2024年3月9日印发\n", "d", "d.txt", 400)
    assert doc.date == "2024年3月8日"
    assert doc.dates == {"成文日期": "2024年3月8日", "发布日期": "2024年3月12日", "印发日期": "2024年3月9日"}
    only_published = parse_text("发布时间：2024-03-12\n" + TITLE + "\n" + BODY, "d", "d.txt", 400)
    assert (only_published.date, only_published.dates) == ("", {"发布日期": "2024年3月12日"})


PUBLIC_PAGE = (  # a 政府信息公开 page whose fields lost their colons, and a dated 发布日期 with a time
    "索引号 QH-2023-0012 文号 生成日期 2023-05-16\n"
    "公开方式 主动公开 所属机构 东浦区住房和城乡建设局 责任部门 村镇建设科\n"
    "发布日期: 2023-05-18 10:20\n"
)


def test_the_issuer_a_public_page_gives_as_its_owning_body():
    """``所属机构`` is the issuer; the field after it (``责任部门``) ends it; the fields keep their printed values."""
    doc = parse_text(PUBLIC_PAGE + TITLE + "\n" + BODY, "d", "d.txt", 400)
    assert (doc.title, doc.authority, doc.number, doc.date) == (TITLE, "东浦区住房和城乡建设局", "", "2023年5月16日")
    assert doc.page_fields == {
        "所属机构": "东浦区住房和城乡建设局",
        "生成日期": "2023-05-16",
        "发布日期": "2023-05-18 10:20",
        "索引号": "QH-2023-0012",  # the fields the site files the page under are kept too (session 46)
        "公开方式": "主动公开",
    }


def test_a_notices_addressee_is_the_bodies_line_under_its_title():
    head = (
        "东浦区住房和城乡建设局关于印发东浦区农房安全提升实施方案的通知\n各街道办事处(镇人民政府)，区直各有关单位：\n"
        "《东浦区农房安全提升实施方案》已经局务会研究同意，现印发给你们，请认真组织实施。\n"
    )
    assert parse_text(head + BODY, "d", "d.txt", 400).addressee == "各街道办事处(镇人民政府)，区直各有关单位"
    for not_one in ("各地要做好以下工作：\n", "一、各部门要求：\n", "附件：东浦区任务表\n"):
        assert parse_text(TITLE + "\n" + not_one + BODY, "d", "d.txt", 400).addressee == "", not_one


def test_a_basis_file_may_hold_another_files_title_and_cite_an_orders_number():
    opening = (
        "根据《农房质量管理条例》（国务院令第279号）和《青禾市住房和城乡建设局关于印发《青禾市农房安全提升三年行动方案》"
        "的通知》（青建发〔2022〕8号）精神，结合我区实际，制定本方案。\n"
    )
    doc = parse_text(TITLE + "\n" + opening + BODY, "d", "d.txt", 400)
    assert doc.basis == [
        "《农房质量管理条例》（国务院令第279号）",
        "《青禾市住房和城乡建设局关于印发《青禾市农房安全提升三年行动方案》的通知》（青建发〔2022〕8号）",
    ]


def test_a_title_label_that_lost_its_colon_is_not_the_issuer_and_a_name_field_is_a_title_of_last_resort():
    head = "标题东浦区水利局关于印发东浦区供水提升行动方案的通知\n东浦区水利局关于印发东浦区供水提升行动方案的通知\n"
    assert identity(head + BODY)[:2] == (TITLE, "东浦区水利局")
    named = "名称: 东浦区人民政府关于分解落实年度重点任务的通知 文号: 东政〔2023〕1号\n"
    title = "东浦区人民政府关于分解落实年度重点任务的通知"
    assert identity(named + title + "\n各街道办事处：\n" + BODY)[0] == title


def test_a_title_run_into_the_first_sentence_is_read_with_its_year_in_chinese_numerals():
    """A stored page that lost the break after its title (``关于做好…工作的实施意见东川是农业大省，…``): the title is
    the head of the line up to its plan word, and its year written ``二〇二四年`` is the plan's year."""
    from policykb.kb.text import annual_year

    text = (
        "关于做好二〇二四年高原牧业重点工作的实施意见东川是生态大省，做好全年牧业工作，要坚持稳中求进。"
        "（一）稳定牧草种植。全省牧草种植面积达到90万亩。"
    )
    document = parse_text(text, "runin", "runin.txt", 400)
    assert document.title == "关于做好二〇二四年高原牧业重点工作的实施意见"
    assert annual_year(document.title) == "2024"
    assert annual_year("二〇二一年至二〇二五年牧业发展规划") == ""
