"""A notice's identity in forms real pages print (session 43, invented plans of 苇洲市/青禾市): a provincial office's
signature dated in Chinese numerals, a forwarding notice titled by its sender, a 办法 whose 第一条 names the files
it rests on, an empty 发布机构 field above the title, and ``…原则分别是什么`` asking for a part's list.
docs/identity-fields.md says the rules; each test fails without its rule."""

from __future__ import annotations

import pytest

from policykb.ingest.parser import parse_text
from policykb.kb.text import arabic_day

BODY = "一、工作目标\n到2026年，全省应急广播覆盖率达到95%。\n"

SIGNED_IN_NUMERALS = """\
苇洲省人民政府办公厅关于印发苇洲省应急广播建设实施方案的通知
(苇政办发〔2013〕21号)
各市、县人民政府，省人民政府各工作部门：
《苇洲省应急广播建设实施方案》已经省政府同意，现印发给你们，请认真贯彻落实。
苇洲省人民政府办公厅
二○一三年十月二十三日
苇洲省应急广播建设实施方案
二、基本原则
(一)政府主导、分级负责。各级政府负责本地应急广播建设。
(二)统筹规划、分步实施。坚持立足当前、着眼长远。
(三)平战结合、注重实效。日常服务与应急播发相结合。
"""


def doc(text: str):
    return parse_text(text, "d", "weizhou-2013.txt", 400)


def test_a_day_in_chinese_numerals_is_read_in_digits():
    assert arabic_day("二○一三年十月二十三日") == "2013年10月23日"
    assert arabic_day("二〇二〇年一月二十日") == "2020年1月20日"
    assert arabic_day("二〇一九年十一月十日") == "2019年11月10日"
    assert arabic_day("二〇二二年四月") == ""  # a month, no day
    assert arabic_day("2013年10月23日") == ""


def test_a_signature_dated_in_chinese_numerals_gives_the_plans_date():
    """``苇洲省人民政府办公厅`` over ``二○一三年十月二十三日``: the plan's date (before, it had none)."""
    record = doc(SIGNED_IN_NUMERALS)
    assert record.date == "2013年10月23日"
    assert record.dates == {"成文日期": "2013年10月23日"}
    assert record.authority == "苇洲省人民政府办公厅"


def test_a_forwarding_notice_titled_by_its_sender_is_the_plan():
    """``甲办公厅转发乙办公厅关于…意见的通知``: the notice is the title, its sender the issuer and the place's body
    (before, no title was read and the file's name stood as the title)."""
    record = doc(
        "- 【发布单位】苇洲省\n- 【发布文号】苇府办〔2009〕5号\n"
        "苇洲省人民政府办公厅转发甲国办公厅关于加强地方志工作意见的通知\n(苇府办〔2009〕5号)\n"
        "各市、县人民政府，省政府直属各单位：\n现将《甲国办公厅关于加强地方志工作的意见》（甲办发〔2008〕3号）"
        "转发给你们，并提出以下意见，请一并认真实施。\n一、建立联席会议制度。由省文化厅牵头。\n"
    )
    assert record.title == "苇洲省人民政府办公厅转发甲国办公厅关于加强地方志工作意见的通知"
    assert record.authority == "苇洲省人民政府办公厅"
    assert record.place == "苇洲省"
    assert record.basis == ["《甲国办公厅关于加强地方志工作的意见》（甲办发〔2008〕3号）"]


def test_the_first_article_of_a_measures_document_gives_its_basis():
    """A notice hands out a 办法 whose ``第一条 为…，按照《X》…，制定本办法`` names the file it rests on."""
    record = doc(
        "青禾市东浦区人民政府办公室关于印发《东浦区区级储备粮管理办法》的通知\n"
        "各街道办事处，区政府各部门：\n《东浦区区级储备粮管理办法》已经区政府同意，现印发给你们。\n"
        "东浦区人民政府办公室\n2022年3月1日\n东浦区区级储备粮管理办法\n第一章 总 则\n"
        "第一条 为加强区级储备粮管理，按照《青禾市市级储备粮管理办法》和有关规定，结合实际，制定本办法。\n"
        "第二条 本办法所称区级储备粮是指区政府储备的原粮。\n"
    )
    assert record.basis == ["《青禾市市级储备粮管理办法》"]


def test_an_empty_issuer_field_above_the_title_does_not_take_the_title():
    """``• 发布机构:`` with nothing after it, then the title: the title is no issuer (it was, before)."""
    record = doc(
        "• 索引号: 7506/2023-00061\n  • 发布机构:\n\n苇洲市燃气安全专项整治工作实施方案\n\n  • 2023年09月15日\n"
        "为全面加强燃气安全，结合我市实际，制定本方案。\n" + BODY
    )
    assert record.title == "苇洲市燃气安全专项整治工作实施方案"
    assert record.authority != record.title
    assert "发布机构" not in record.page_fields
    titled = doc("• 标题:\n苇洲市燃气安全专项整治工作实施方案\n为全面加强燃气安全，制定本方案。\n" + BODY)
    assert titled.title == "苇洲市燃气安全专项整治工作实施方案"  # a 标题 label still takes its value below


def test_what_each_principle_is_asks_for_the_list():
    """``基本原则分别是什么``, ``五项工程分别是什么``: outline questions (before, the first part alone answered)."""
    from policykb.bot.kinds import QuestionKind
    from policykb.bot.question import OUTLINE, classify
    from policykb.kb.units import UnitDirectory

    assert OUTLINE.search("苇洲省应急广播建设实施方案的基本原则分别是什么？")
    assert OUTLINE.search("实施方案提出的五项工程分别是什么？")
    assert classify("苇洲省应急广播建设实施方案的基本原则分别是什么？", UnitDirectory([])).kind == QuestionKind.OUTLINE
    assert not OUTLINE.search("到2026年覆盖率和入户率分别是多少？")
    assert not OUTLINE.search("这两个方案分别是哪天印发的？")


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("numerals"), e5, {"weizhou-broadcast.txt": SIGNED_IN_NUMERALS + BODY})


def test_a_date_signed_in_numerals_is_answered_with_the_line_as_written(shelf):
    a = shelf.ask("苇洲省应急广播建设实施方案是哪天印发的？")
    assert a.answerable and "2013年10月23日" in a.answer and "二○一三年十月二十三日" in a.answer, a.answer


def test_each_principle_is_listed(shelf):
    a = shelf.ask("苇洲省应急广播建设实施方案的基本原则分别是什么？")
    assert all(p in a.answer for p in ("政府主导、分级负责", "统筹规划、分步实施", "平战结合、注重实效")), a.answer


def test_a_number_without_brackets_is_given_them():
    """``甲政办发202361号``, ``甲人社通2021年262号``: a 文号 as a reader or a search site writes it."""
    from policykb.ingest.identity import bracketed_numbers

    assert bracketed_numbers("苇政办发201321号是什么文件？") == "苇政办发〔2013〕21号是什么文件？"
    assert bracketed_numbers("苇人社通2021年262号") == "苇人社通〔2021〕262号"
    assert bracketed_numbers("到2025年30号前完成") == "到2025年30号前完成"  # a day, no 文号
    record = doc("苇洲市应急广播建设方案\n文号: 苇政办发202361号\n为加强应急广播，制定本方案。\n" + BODY)
    assert record.number == "苇政办发〔2023〕61号"


def test_a_number_asked_without_brackets_is_read_with_them(shelf):
    """The reading gives the brackets (``理解为：苇政办发〔2013〕21号…``): the plan of that 文号 scopes it."""
    from policykb.bot.dialog import Resolver
    from policykb.bot.dialog.names import PlanNames
    from policykb.kb.units import UnitDirectory

    resolver = Resolver(PlanNames(UnitDirectory([]), [], [], {"a": "苇洲省应急广播建设实施方案"}, {"a": "苇洲省"}))
    assert resolver.resolve("苇政办发201321号是什么文件？").text == "苇政办发〔2013〕21号是什么文件？"
    a = shelf.ask("苇政办发201321号是什么文件？")
    assert a.answerable and "苇洲省应急广播建设实施方案" in a.answer, a.answer


def test_the_number_of_the_file_a_notice_forwards_is_a_basis_question():
    """``转发的乙办公厅…意见文号是多少``: the forwarded file's 文号 (before, the notice's own was given)."""
    from policykb.bot.question import BASIS

    assert BASIS.search("苇洲省转发的甲国办公厅地方志工作意见文号是多少？")
    assert not BASIS.search("苇洲省转发甲国办公厅地方志工作意见的通知文号是多少？")  # the notice's own
