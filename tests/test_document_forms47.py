"""Forms of a document's identity read in session 47, each on invented text (白岭市/东浦县/青禾区): a signature's
year typed with digits or letters for 〇, a first article broken inside its short-name bracket, a news page's time
printed before its source with no label, a site's 编稿时间, a 解读 page's 政策依据 part and an opening that names the
plan it makes with no book-title marks."""

from __future__ import annotations

import pytest

from policykb.bot.kinds import QuestionKind
from policykb.bot.question import classify
from policykb.ingest.parser import parse_text
from policykb.kb.text import arabic_day, arabic_years
from policykb.kb.units import UnitDirectory


def doc(text: str):
    return parse_text(text, "d", "d.txt", 400)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("二00七年五月九日", "2007年5月9日"),
        ("二OO九年十月十二日", "2009年10月12日"),
        ("二○一二年七月四日", "2012年7月4日"),
    ],
)
def test_a_signatures_year_typed_with_digit_or_letter_zeros_is_read(typed, day):
    """Older pages type the 〇 of a year in Chinese numerals as a digit 0 or a letter O (``二00七年``)."""
    assert arabic_day(typed) == day
    record = doc(
        "白岭市人民政府关于印发《白岭市公墓管理规定》的通知\n各县区人民政府，市直各单位：\n"
        "《白岭市公墓管理规定》已经市人民政府同意，现印发给你们，请认真遵照执行。\n"
        f"白岭市人民政府\n{typed}\n第一条 为加强公墓管理，制定本规定。\n"
    )
    assert record.date == day


def test_a_year_of_digits_alone_is_no_chinese_numeral_year():
    """``二000年`` has no figure written in Chinese after its first: it is left as written."""
    assert arabic_years("二000年") == "二000年"
    assert arabic_years("二00七年") == "2007年"


def test_a_first_article_broken_inside_its_short_name_bracket_names_its_basis():
    """``…《甲办法》(以下简称`` / ``《办法》)等有关规定,结合本市实际,制订本规定。``: the page broke the sentence inside
    the bracket; it is read as one sentence (before, neither line was an opening and no basis was read)."""
    record = doc(
        "白岭市人民政府关于印发《白岭市公墓管理规定》的通知\n各县区人民政府：\n"
        "《白岭市公墓管理规定》已经市人民政府同意，现印发给你们。\n白岭市人民政府\n2019年3月1日\n"
        "第一章 总则\n第一条 为了加强公墓管理,根据国务院《\n公墓管理条例》、《\n"
        "青禾省实施<公墓管理条例>办法》(以下简称\n"
        "《办法》)等有关法律、法规的规定,结合本市实际,制订本规定。\n第二条 本规定适用于本市行政区域。\n"
    )
    assert record.basis == ["国务院《公墓管理条例》", "《青禾省实施<公墓管理条例>办法》"]


def test_a_news_pages_time_printed_before_its_source_is_its_publication_time():
    """``2023-08-15 09:12:40 来源:白岭日报 责任编辑:某某`` (no label before the time): the page's 发布日期, kept as
    printed (before, the line was dropped as chrome and its time lost)."""
    record = doc(
        "东浦县西岭镇公益性公墓建成\n2023-08-15 09:12:40 来源:白岭日报 责任编辑:林某\n"
        "近日，东浦县西岭镇公益性公墓建成，占地30亩。\n"
    )
    assert record.dates.get("发布日期") == "2023年8月15日"
    assert record.page_fields.get("时间") == "2023-08-15 09:12:40"
    assert record.page_fields.get("来源") == "白岭日报"


def test_a_time_inside_a_sentence_is_no_publication_time():
    """A sentence that opens with a time is the text's, not a page's field."""
    record = doc(
        "东浦县公益性公墓建设方案\n2023-08-15 起，全县开展公墓建设，来源：各镇自筹资金。\n一、工作目标\n建成公墓5个。\n"
    )
    assert "发布日期" not in record.dates


def test_an_edited_time_field_is_the_pages_publication_time():
    """``编稿时间: 2024-11-05 16:40 来源: 青禾区人民政府 浏览量:1次``: a site's 编稿时间 is when it put the page up;
    ``归档时间`` above is chrome (before, the line stayed in the text and no field was read)."""
    record = doc(
        "归档时间:2024-03-01\n白岭市青禾区人民政府关于在东山林区禁止野外用火的通告\n"
        "编稿时间: 2024-11-05 16:40 来源: 青禾区人民政府 浏览量:1次 作者: 字体:\n"
        "为保护森林资源，区人民政府决定在东山林区禁止野外用火，现就有关事项通告如下：\n一、禁火范围：东山林场。\n"
    )
    assert record.dates.get("发布日期") == "2024年11月5日"
    assert record.page_fields.get("编稿时间") == "2024-11-05 16:40"
    assert "归档时间" not in record.text and "编稿时间" not in record.text


def test_an_explaining_pages_policy_basis_part_names_its_basis():
    """A 解读 page's ``二、政策依据`` part (``…根据《A》《B》(文号)…``), its sentence making nothing: the files it
    names."""
    record = doc(
        "一、制定背景\n为加快茶叶产业发展，特编制东浦县茶叶产业发展规划。\n二、政策依据\n"
        "今后五年是东浦县发展茶叶产业的关键时期。立足全县农业基础，根据《白岭市乡村振兴规划》"
        "《青禾省关于加快茶产业发展的实施意见》(青农发〔2022〕17号)等文件。\n三、主要内容\n到2025年，茶叶产值达到12亿元。\n"
    )
    assert record.basis == ["《白岭市乡村振兴规划》", "《青禾省关于加快茶产业发展的实施意见》（青农发〔2022〕17号）"]


def test_an_opening_that_names_the_plan_it_makes_titles_a_page_with_no_title_line():
    """``…,特编制东浦县茶叶产业发展规划。`` on a page with no title line: that plan is the title (before, the
    file's name); a plan named with no place, or ``特制定本方案``, gives none."""
    record = doc(
        "一、制定背景\n为加快茶叶产业发展，特编制东浦县茶叶产业发展规划。\n二、主要内容\n到2025年，产值达到80亿元。\n"
    )
    assert record.title == "东浦县茶叶产业发展规划"
    assert record.place == "东浦县"
    unnamed = doc("一、制定背景\n为加快茶叶产业发展，特制定本方案。\n二、主要内容\n到2025年，产值达到80亿元。\n")
    assert unnamed.title == "d"


FIRE_NOTICE = (
    "归档时间:2024-03-01\n青禾区森林防火期野外用火管理办法\n"
    "编稿时间: 2024-11-05 16:40 来源: 青禾区人民政府 浏览量:1次 作者: 字体:\n"
    "为保护森林资源，根据《青川省林区用火管理条例》《青川省森林防火办法》等有关法律法规规定，区人民政府决定在东山林区禁止野外用火，"
    "现就有关事项通告如下：\n一、禁火范围：东山林场及西岭镇林区。\n二、禁火期限：每年11月至次年4月。\n"
)
CEMETERY_RULES = (
    "白岭市人民政府关于印发《白岭市公墓管理规定》的通知\n各县区人民政府，市直各单位：\n"
    "《白岭市公墓管理规定》已经市人民政府同意，现印发给你们，请认真遵照执行。\n白岭市人民政府\n二00七年五月九日\n"
    "第一条 为加强公墓管理，根据《公墓管理条例》，结合本市实际，制定本规定。\n第二条 本规定适用于本市行政区域。\n"
)
CEMETERY_NEWS = (
    "东浦县公益性公墓建设三年行动方案出炉\n2023-08-15 09:12:40 来源:白岭日报 责任编辑:林某\n"
    "近日，东浦县印发《东浦县公益性公墓建设三年行动方案》，计划建成公墓8个。\n"
)


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"qinghe-fire.txt": FIRE_NOTICE, "bailing-cemetery.txt": CEMETERY_RULES, "dongpu-news.txt": CEMETERY_NEWS}
    return e5_shelf(tmp_path_factory.mktemp("forms47"), e5, plans)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # 依据哪些法律法规定的: 定的 closes a basis question as 制定的 does
        ("青禾区野外用火管理办法是依据哪些法律法规定的？", ["青川省林区用火管理条例", "青川省森林防火办法"]),
        # 啥时候 asks the date as 什么时候 does: the signature quoted as the page types it
        ("白岭市公墓管理规定啥时候印发的？", ["2007年5月9日", "二00七年五月九日"]),
        # a news page dated by its time line: 这条新闻是哪天发的 asks that time
        ("东浦县公益性公墓建设三年行动方案这条新闻是哪天发的？", ["2023年8月15日", "2023-08-15"]),
    ],
)
def test_the_forms_of_session_47_are_answered(shelf, question, said):
    a = shelf.ask(question)
    assert a.answerable and all(part in a.answer for part in said), a.answer


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("这条新闻是哪天发的？", QuestionKind.DOCUMENT),
        ("青禾区野外用火管理办法是依据哪些法律法规定的？", QuestionKind.DOCUMENT),
        ("这个补贴啥时候发的？", QuestionKind.FACT),  # 发 of a thing handed out is no publication
        ("依据哪些法律法规处罚？", QuestionKind.FACT),
    ],
)
def test_how_the_questions_of_session_47_are_read(question, kind):
    assert classify(question, UnitDirectory([])).kind == kind
