"""Forms of a plan's identity read in session 45, each on invented text."""

from __future__ import annotations

import pytest

from policykb.ingest.parser import parse_text

CUT_OPENING = """青岚市推进质量兴市工作实施方案

量全面提升,提高发展水平,依据《青岚省关于加快质量强省建设的实施意见》(青发〔2019〕3号)精神,结合市实际,现就推进质量兴市制定本方案。
一、总体要求
到2025年，全市质量竞争力指数达到86。
"""

BODY_CITES_A_FILE = """青岚市推进质量兴市工作实施方案

一、总体要求
到2025年，全市质量竞争力指数达到86。
二、工作措施
各县区要高度重视,按照《青岚省质量工作考核办法》要求,结合实际,制定实施细则。
"""


def test_an_opening_cut_before_its_first_words_still_names_the_basis():
    record = parse_text(CUT_OPENING, "cut", "cut.txt", 400)
    assert record.basis == ["《青岚省关于加快质量强省建设的实施意见》（青发〔2019〕3号）"]


def test_a_body_sentence_citing_a_file_is_no_basis():
    record = parse_text(BODY_CITES_A_FILE, "body", "body.txt", 400)
    assert record.basis == []


PARTY_AND_GOVERNMENT = """关于深化青岚社区建设的实施意见
发布日期:2019-08-28
青委发〔2019〕21号
中共青岚市委、青岚市人民政府
关于深化青岚社区建设加强和完善
社区治理的实施意见
(2019年7月2日)
为提升社区治理水平,根据《青岚省社区治理条例》等文件精神,结合我市实际,现就深化社区建设提出如下实施意见。
一、总体要求
到2022年，社区综合服务设施覆盖率达到100%。
"""


def test_the_bodies_above_a_documents_own_title_issue_it_and_the_day_under_it_dates_it():
    record = parse_text(PARTY_AND_GOVERNMENT, "party", "party.txt", 400)
    assert record.authority == "中共青岚市委、青岚市人民政府"
    assert record.date == "2019年7月2日"


EXPLAINED = """标题: | 【政策解读】关于青岚县生活垃圾分类工作实施方案 | ||
---|---|---|---|
索引号: | 11370323750892802W/2020-0001 | 文号: | 无文号 |
发文日期: | 2020-05-22 | 发布机构: | 青岚县城市管理局 |
青岚县人民政府办公室印发《青岚县生活垃圾分类工作实施方案》,现解读如下。
一、工作目标
2021年,全县实现生活垃圾分类全覆盖。
"""


@pytest.mark.slow
def test_a_pages_publisher_other_than_the_plans_issuer_is_named_when_asked_who_published(shelf45):
    answer = shelf45.ask("青岚县生活垃圾分类工作实施方案的解读是哪个机构发布的？")
    assert "青岚县城市管理局" in answer.answer, answer.answer


YEARLY_POINTS = """数字青岚建设2023年工作要点
一、提升政务服务效能
1.深化政务服务“网上办”。持续优化办事流程,年底前基本实现群众在线办事“一网通办、一次办好”。
2.推进数据共享。上半年完成市级数据共享平台升级。
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "time"),
    [("什么时候基本实现在线办事“一网通办、一次办好”？", "年底前"), ("市级数据共享平台升级什么时候完成？", "上半年")],
)
def test_a_time_of_the_plans_own_year_answers_when(shelf45, question, time):
    answer = shelf45.ask(question)
    assert answer.answerable and time in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["这个方案的文件编号是多少？", "青岚市托育实施意见的文件字号是多少？"])
def test_a_documents_number_asked_in_other_words_is_a_document_question(question):
    from policykb.bot.question import classify
    from policykb.kb.units import UnitDirectory

    assert classify(question, UnitDirectory([])).kind.value == "document"


def test_a_plans_own_short_name_is_no_file_of_its_basis():
    text = (
        "青岚县2023年地质灾害防治方案\n为做好我县地质灾害防治工作,根据《地质灾害防治条例》《青岚省地质灾害防治管理办法》"
        "以及省、市有关文件精神,结合我县实际,制定本方案(下称《防治方案》)。\n一、工作目标\n全年不发生因灾死亡事件。\n"
    )
    record = parse_text(text, "short", "short.txt", 400)
    assert record.basis == ["《地质灾害防治条例》", "《青岚省地质灾害防治管理办法》"]


GEOHAZARD = """青岚县2023年地质灾害防治方案
为做好我县地质灾害防治工作,根据《地质灾害防治条例》《北方省地质灾害防治管理办法》以及省、市有关文件精神,结合我县实际,制定本方案。
一、工作目标
全年不发生因地质灾害造成人员死亡事件。按照北方省部署,全年完成地质灾害隐患点综合治理12处。
"""
ELDERLY = """苇洲市人民政府关于加快发展养老服务业的实施意见
为贯彻《北方省人民政府关于加快发展养老服务业的实施意见》精神,结合我市实际,提出如下意见。
一、发展目标
到2025年,全市每千名老年人拥有养老床位40张。
"""


@pytest.fixture(scope="module")
def province_in_passing(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"青岚县地质灾害防治方案.txt": GEOHAZARD, "苇洲市养老服务.txt": ELDERLY}
    return e5_shelf(tmp_path_factory.mktemp("document-forms45c"), e5, plans)


@pytest.mark.slow
def test_a_place_the_plan_named_by_its_title_mentions_is_asked_of_that_plan(province_in_passing):
    """(``北方省``: an invented province the tagger knows as a place.) The province is no plan's place, only
    mentioned by the plans; the question names the county's plan by its
    title, so the province is what it asks about (which of its rules), not a plan it looks for."""
    answer = province_in_passing.ask("青岚县2023年地质灾害防治方案依据了哪个北方省的规章？")
    assert "《北方省地质灾害防治管理办法》" in answer.answer, answer.answer
    answer = province_in_passing.ask("青岚县2023年地质灾害防治方案里，按北方省部署全年要完成多少处隐患点治理？")
    assert "12处" in answer.answer, answer.answer


STACKED_PAGE = """索引号
113715250044422281/2021-00001
发布机关
青岚县政府
主题分类
综合政务
成文日期
2021-06-28
有效性
失效
发文字号
青政办发〔2021〕9号
青岚县人民政府办公室
关于印发2021年青岚县政务公开工作要点的通知
青政办发〔2021〕9号
《2021年青岚县政务公开工作要点》已经县政府同意,现印发给你们,请认真贯彻执行。
青岚县人民政府办公室
2021年6月28日
2021年青岚县政务公开工作要点
2021年政务公开工作的总体要求是:认真落实《苇洲市人民政府办公室关于印发2021年苇洲市政务公开工作要点的通知》(苇政办发〔2021〕5号)的工作要求,进一步提高政务公开水平。
一、推进决策公开
全年重大行政决策事项目录公开率达到100%。
"""


def test_a_pages_fields_printed_a_label_a_line_are_its_fields():
    record = parse_text(STACKED_PAGE, "stacked", "stacked.txt", 400)
    assert record.page_fields.get("有效性") == "失效"
    assert record.page_fields.get("发布机关") == "青岚县政府"
    assert "有效性" not in record.text.split("\n")


@pytest.mark.slow
def test_whether_a_document_is_in_force_is_its_pages_validity_field(shelf45):
    answer = shelf45.ask("青岚县这份2021年政务公开工作要点现在还有效吗？")
    assert "失效" in answer.answer, answer.answer


@pytest.mark.slow
def test_the_plans_own_number_asked_with_its_issuer_and_issuing_verb(shelf45):
    """The question names the plan's issuer and 印发; the file it carries out is issued (印发) too: the plan's own
    number answers, not that file's."""
    answer = shelf45.ask("青岚县人民政府办公室印发2021年青岚县政务公开工作要点的发文字号是什么？")
    assert "青政办发〔2021〕9号" in answer.answer and "苇政办发" not in answer.answer, answer.answer


BILINGUAL_PAGE = """青岚市深化国企改革三年行动实施方案
来源 Source:青岚咨询有限公司        日期 Date:2019-05-30        点击 Hits:5863
青岚市深化国企改革三年行动实施方案
为深入贯彻落实《青岚省深化国企改革三年行动方案》精神,结合我市实际,制定本方案。
一、主要目标
到2021年,市属国有企业资产总额达到1500亿元。
"""
BAIKE_ROW = """中文名 | 苇洲县关于加快5G通信基础设施建设的实施方案 | 发布单位 | 苇洲县人民政府 |
---|
一、发展目标
到2022年底,全县开通5G基站600个。
"""
NEWS_PAGE = """您的当前位置:首页 > 热点 > 青岚发布全民健身实施计划 2025年建成“三级健身圈” 正文
时间:2025-06-09 11:14:39 来源:网络整理 编辑:热点
青岚市体育局23日公布了《青岚市全民健身实施计划(2021-2025年)》,计划到2025年,全市人均体育场地面积达到2.6平方米。
"""


def test_a_bilingual_pages_labels_are_its_fields():
    record = parse_text(BILINGUAL_PAGE, "bilingual", "bilingual.txt", 400)
    assert record.page_fields.get("日期") == "2019-05-30"
    assert not any("Source" in line for line in record.text.split("\n"))


def test_an_encyclopedia_rows_name_and_publisher_are_the_plans_title_and_issuer():
    record = parse_text(BAIKE_ROW, "baike", "baike.txt", 400)
    assert record.title == "苇洲县关于加快5G通信基础设施建设的实施方案"
    assert record.authority == "苇洲县人民政府"


def test_a_news_page_breadcrumb_is_chrome_and_the_plan_it_reports_published_is_its_title():
    record = parse_text(NEWS_PAGE, "news", "news.txt", 400)
    assert "当前位置" not in record.text
    assert record.title == "青岚市全民健身实施计划(2021-2025年)"


@pytest.mark.slow
def test_the_date_a_page_prints_answers_the_date_asked_of_the_page(shelf45):
    answer = shelf45.ask("青岚市深化国企改革三年行动实施方案在网页上标注的日期是哪天？")
    assert "2019-05-30" in answer.answer, answer.answer


def test_a_body_of_the_county_the_question_points_back_to_is_no_unknown_unit():
    """``该县行政服务大厅`` is that county's hall, which its plan writes bare (``建成行政服务大厅``): no unit the
    plans never name, as ``本县…`` is not."""
    from policykb.kb.units import UnitDirectory

    units = UnitDirectory(["县发改委"])
    assert units.unknown_org_mentions("该县行政审批局设置了几个受理窗口？") == []
    assert units.unknown_org_mentions("县行政审批局设置了几个受理窗口？") == ["县行政审批局"]


def test_which_plan_a_plan_rests_on_asked_at_the_end_of_the_question_is_its_basis():
    from policykb.bot.question import classify
    from policykb.kb.units import UnitDirectory

    assert classify("青岚市“十四五”残疾人保障规划依据了北方省哪份规划？", UnitDirectory([])).kind.value == "document"


STATISTICS = """北方省乡镇统计基础工作规范化建设方案
一、主要内容
1.完善统计网络。乡(镇、街道)政府要设置统计工作岗位。一般乡(镇、街道)配备统计人员1-2人,主要乡(镇、街道)配备3人以上。
"""


@pytest.mark.slow
def test_a_town_asked_as_the_plan_writes_it_with_a_bracket_is_the_part_the_plan_names(shelf45):
    """``乡(镇、街道)`` names 乡镇: a figure of it answers a question about 乡镇."""
    answer = shelf45.ask("一般乡镇配备统计人员多少人？")
    assert "1-2人" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "2021年青岚市粮食生产工作方案政策解读\n解读单位:农业农村局\n一、主要目标\n全市粮食播种面积稳定在100万亩以上。\n",
            "2021年青岚市粮食生产工作方案",
        ),
        (
            "青岚市智慧城市三年行动计划(2020-2022年)青岚市智慧城市三年行动计划(2020-2022年) |\n为贯彻,制定本计划。\n",
            "青岚市智慧城市三年行动计划(2020-2022年)",
        ),
    ],
)
def test_a_title_a_page_explains_or_prints_twice_with_its_period(text, title):
    assert parse_text(text, "doc", "doc.txt", 400).title == title


def test_a_pages_fields_printed_a_line_each_without_colons_are_its_fields():
    text = (
        "发文机关青岚市人民政府\n发文日期2023年08月18日\n时效性现行有效\n发文字号青政办〔2023〕11号\n"
        "各县、市、区人民政府,市政府各部门:\n为根治拖欠农民工工资,结合我市实际,现提出如下实施意见。\n"
        "一、强化措施\n(一)加强劳动合同管理。\n"
    )
    record = parse_text(text, "fields", "fields.txt", 400)
    assert record.authority == "青岚市人民政府" and record.number == "青政办〔2023〕11号"
    assert record.page_fields.get("时效性") == "现行有效"
    assert not record.text.startswith("发文机关")


def test_a_line_running_several_fields_together_is_not_read_as_one():
    text = (
        "青岚区林业局关于征求意见的函\n索引号640000023/2017-34162生成日期2017-10-31\n发文字号公开形式主动公开\n"
        "所属机构青岚区林业局责任部门湿地保护管理中心\n各有关单位:\n现将方案印发给你们。\n"
    )
    assert parse_text(text, "run", "run.txt", 400).number == ""


@pytest.fixture(scope="module")
def shelf45(tmp_path_factory, e5):
    """One shelf of this module's invented plans (one ingest for every question above)."""
    from tests.conftest import e5_shelf

    plans = {
        "青岚县垃圾分类解读.txt": EXPLAINED,
        "数字青岚要点.txt": YEARLY_POINTS,
        "青岚县政务公开要点.txt": STACKED_PAGE,
        "青岚国企改革.txt": BILINGUAL_PAGE,
        "tongji.txt": STATISTICS,
    }
    return e5_shelf(tmp_path_factory.mktemp("document-forms45"), e5, plans)
