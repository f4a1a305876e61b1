"""Session 44's document forms, from a blind probe of real page openings (quality, standards, trademarks, ports,
transport) and written here in invented pages of invented places (docs/identity-fields.md): a joint signature of
many national bodies printed two a line, a notice's title with its 文号 after it, a page that breaks a line right
after a book-title mark, and a span a plan gives itself written as a range. Each test fails without its rule."""

from __future__ import annotations

import pytest

from policykb.ingest.parser import parse_text


def doc(text: str, name: str = "weizhou-2024.txt"):
    return parse_text(text, "d", name, 400)


JOINT = """\
关于印发甲领域标准提升行动计划的通知
甲监标发〔2024〕12号
经国务院同意，现将《甲领域标准提升行动计划》印发给你们，请认真贯彻实施。
市场监管总局 中央网信办
国家发展改革委 科技部
应急部 人民银行
国务院国资委 全国工商联
2024年5月6日
(此件公开发布)
甲领域标准提升行动计划
一、强化标准统筹。完善配套政策。〔市场监管总局牵头，各有关部门按职责分工负责〕
"""


def test_a_joint_signature_printed_two_a_line_names_every_signer():
    """Eight bodies two a line above the date, a bank and a federation among them: all sign (before, only the last
    line's two, run together, were read: ``国务院国资委全国工商联``)."""
    record = doc(JOINT)
    assert record.authority == (
        "市场监管总局、中央网信办、国家发展改革委、科技部、应急部、人民银行、国务院国资委、全国工商联"
    )
    assert record.number == "甲监标发〔2024〕12号"
    assert record.date == "2024年5月6日"


NUMBERED_TITLES = (
    "苇洲市人民政府办公室关于印发苇洲市创建质量强市示范城市工作方案的通知 苇府办函〔2018〕83号\n",
    "苇洲市人民政府办公室关于印发苇洲市创建质量强市示范城市工作方案的通知(苇府办函〔2018〕83号)\n",
)
NUMBERED_BODY = """\
发布时间:2024-01-04 19:52:09 来源:产品
各区人民政府，市政府各部门：
经市人民政府同意，现将《苇洲市创建质量强市示范城市工作方案》印发给你们，请认真贯彻执行。
为深入开展质量强市示范城市创建工作，根据《甲局关于创建质量强市示范城市的通知》（甲质函〔2016〕31号）的要求，结合我市实际，制定本工作方案。
"""


@pytest.mark.parametrize("title", NUMBERED_TITLES)
def test_a_notice_title_with_its_number_after_it_gives_issuer_and_number(title):
    """A site titles the page ``…的通知 甲府办函〔2018〕83号`` (the space is lost in reading) or ``…的通知(文号)``:
    the issuer and 文号 are read from the line (before, neither was: the line was no notice)."""
    record = doc(title + NUMBERED_BODY)
    assert record.authority == "苇洲市人民政府办公室"
    assert record.number == "苇府办函〔2018〕83号"
    assert record.title == "苇洲市创建质量强市示范城市工作方案"


BROKEN_TITLES = """\
白岭市人民政府关于印发白岭市实施质量兴市战略工作任务分解方案的通知
(白政发〔2010〕39号)
各县、区人民政府，市政府各部门：
《白岭市实施质量兴市战略工作任务分解方案》已经市政府同意，现印发给你们，请认真贯彻落实。
二○一○年八月二日
白岭市实施质量兴市战略工作任务分解方案
为贯彻落实《甲省委员会甲省人民政府关于实施质量兴省战略的决定》(甲发〔2010〕37号)(以下简称《决定》)及《
甲省人民政府办公厅关于印发全省实施质量兴省战略工作任务分解方案的通知》(甲政办发〔2010〕106 号),\
现将主要工作任务分解如下:
一、全面推进质量兴市活动。补充完善工作方案。(白岭市人民政府负责落实)
"""


def test_a_line_broken_after_a_book_title_mark_is_one_sentence():
    """``…及《`` / ``甲省…的通知》(文号)``: both files are the basis (before, the sentence was cut at the break and no
    basis was read)."""
    record = doc(BROKEN_TITLES)
    assert record.basis == [
        "《甲省委员会甲省人民政府关于实施质量兴省战略的决定》（甲发〔2010〕37号）",
        "《甲省人民政府办公厅关于印发全省实施质量兴省战略工作任务分解方案的通知》（甲政办发〔2010〕106号）",
    ]


def test_a_span_written_as_a_range_is_a_span():
    from policykb.bot.answers.duration import stated_duration

    assert stated_duration("力争用5年到10年的时间，形成一批具有竞争优势的著名商标") == "用5年到10年的时间"
    assert stated_duration("用3—5年时间建成") == "用3—5年时间"
    assert stated_duration("三到五年内基本建成") == "三到五年内"
    assert stated_duration("2024-2026年内完成改造") == ""


TRADEMARK = """苇洲市商标战略工作实施方案
二、工作目标
(一)做大商标总量。引导企业增强商标意识，使我市的注册商标总量比现有总量翻一番。
(二)壮大产业集群。力争用5年到10年的时间，形成一批在省内具有竞争优势的著名商标。
"""


@pytest.fixture(scope="module")
def trademarks(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("document-forms44"), e5, {"苇洲市商标战略.txt": TRADEMARK})


@pytest.mark.slow
def test_how_long_is_answered_by_a_range_its_sentence_states(trademarks):
    answer = trademarks.ask("苇洲市力争用多长时间形成一批具有竞争优势的著名商标？")
    assert answer.answerable and "用5年到10年的时间" in answer.answer.split("方案原文")[0], answer.answer


EDUCATION = """白岭州义务教育优质均衡发展实施方案
一、工作目标
确保2034年底全州4县市实现义务教育优质均衡发展目标。
二、推进措施
1.加强统筹谋划。各县市要将义务教育优质均衡发展纳入经济社会发展统筹谋划。确保到2032年底,柳河县、临川县实现义务教育优质均衡发展目标;2033年底,河口市实现义务教育优质均衡发展目标;2034年底,金川县实现义务教育优质均衡发展目标。(责任单位:州教育体育局,各县市人民政府)
"""
CHARGING = """白岭省电动汽车充电基础设施发展规划
二、发展目标
到2025年,公共、专用充换电站保有量达到6000座以上,充电基础设施达到12万台以上,个人充电基础设施达到20万台以上。
三、重点任务
(一)完善城市充电网络。在城市公共停车场配建充电设施。
"""


@pytest.fixture(scope="module")
def followups(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"白岭州义务教育.txt": EDUCATION, "白岭省充电规划.txt": CHARGING}
    return e5_shelf(tmp_path_factory.mktemp("document-forms44b"), e5, plans)


def _after(shelf, first: str, follow: str):
    from policykb.bot.dialog import Turn

    return shelf.ask(follow, history=[Turn(first, shelf.ask(first))])


@pytest.mark.slow
def test_another_place_within_the_plan_takes_the_place_of_the_places_named(followups):
    """``白岭州柳河县、临川县…`` then ``那金川县呢？``: 金川县 stands for the two counties, not before them."""
    answer = _after(followups, "白岭州柳河县、临川县啥时候实现义务教育优质均衡？", "那金川县呢？")
    assert answer.resolved_question == "白岭州金川县啥时候实现义务教育优质均衡？", answer.resolved_question


@pytest.mark.slow
def test_an_indicator_of_another_kind_takes_the_place_of_the_kinds_listed(followups):
    """``公共、专用充电基础设施`` then ``那个人充电基础设施呢？``: the new kind stands for the kinds listed."""
    answer = _after(followups, "白岭省到2025年公共、专用充电基础设施要达到多少台？", "那个人充电基础设施呢？")
    assert answer.resolved_question == "白岭省到2025年个人充电基础设施要达到多少？", answer.resolved_question
    assert "20万台以上" in answer.answer, answer.answer


def test_a_page_field_issued_by_gives_the_issuer():
    """A 政府信息公开 page's run-together fields with ``发布机关`` (and ``著录日期``, a label too): the issuer (before,
    no issuer was read: ``发布机关`` was no label)."""
    record = doc(
        "索  引  号:wzxyjj-/2022-0922002 公开范围:公开 发布机关:苇洲县应急局 著录日期: 发文字号: 主  题  词: "
        "标      题:苇洲县森林火灾应急预案 生效日期:\n\n苇洲县森林火灾应急预案\n\n1总则\n\n1.1编制目的\n\n"
        "建立健全森林火灾应急机制。\n"
    )
    assert record.authority == "苇洲县应急局"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("甲省委办公厅、省政府办公厅转发乙意见的日期是？", "document"),
        ("这个方案的日期是哪天？", "document"),
        ("它是什么时候转发的？", "document"),
        ("苇洲县森林火灾应急预案的编制依据里有哪个州级预案？", "document"),
        ("细则什么时候转发给各县？", "not document"),  # 转发 not done: a task's time
    ],
)
def test_a_documents_date_and_basis_asked_in_these_words(question, kind):
    from policykb.bot.question import classify
    from policykb.kb.units import UnitDirectory

    read = classify(question, UnitDirectory([])).kind.value
    assert read == kind if kind == "document" else read != "document"


def test_a_five_year_period_is_the_span_of_a_plan_asked_which_period():
    from policykb.bot.answers.plain_facts import SPAN, date_asked

    assert date_asked("这份建设意见针对的是哪个时期？") is SPAN
    assert SPAN.search("关于“十一五”期间深入开展平安建设的意见").group(0) == "“十一五”期间"
    assert date_asked("这份意见是哪天印发的？") is not SPAN
