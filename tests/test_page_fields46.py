"""A page's head fields printed in brackets or with spaced labels, and questions about the fields a site files a
page under (索引号, 主题分类) or about two of its dates at once; each on invented text (session 46)."""

from __future__ import annotations

import pytest

from policykb.ingest.identity import spaced_labels
from policykb.ingest.parser import parse_text

BRACKETED_CELLS = """[ 索引号 ] | 11990000MB0000001X/2024-00012 | [ 发文字号 ] | 青环〔2024〕7号 |
[ 主题分类 ] | 环境监测、保护与治理 | [ 体裁分类 ] | 其他公文 |
[ 发布机构 ] | 市生态环境局 | ||
[ 成文日期 ] | 2024-03-05 | [ 发布日期 ] | 2024-04-18 |
青岚市生态环境局关于印发《青岚市噪声污染防治实施方案》的函
各有关单位:
为改善声环境质量,结合我市实际,制定本方案。
一、工作目标
到2025年，全市声环境功能区夜间达标率达到85%。
"""

SPACED_LINE = """[ 索  引  号 ] qlxzf0001/2022-0000315 [ 文       号 ] [ 发布机构 ] 青岚县政府办公室
[ 成文日期 ] 2022-08-16 [ 公开日期 ] 2022-08-17 [ 有  效  性 ] 有效
青岚县城区停车秩序整治工作方案
为规范城区停车秩序,制定本方案。
一、工作目标
到2023年底，城区新增公共停车泊位1200个。
二、工作要求
各乡镇要坚持属地管理,切实负责辖区停车秩序日常管理,形成齐抓共管的工作格局。
"""

INDEX_WITH_CLASS = """索 引 号: 000077777/2021-100321 文件分类:综合政务 发布日期: 2021-05-10 发布机构: 青岚区政府办公室
青岚区2021年重点工作责任分解
一、稳增长
全年地区生产总值增长7%左右。
"""


def test_bracketed_label_cells_are_the_pages_fields():
    record = parse_text(BRACKETED_CELLS, "noise", "noise.txt", 400)
    assert record.number == "青环〔2024〕7号"
    assert record.page_fields["索引号"] == "11990000MB0000001X/2024-00012"
    assert record.page_fields["主题分类"] == "环境监测、保护与治理"
    assert record.page_fields["发布日期"] == "2024-04-18"


def test_spaced_labels_in_brackets_with_an_empty_field_among_them():
    record = parse_text(SPACED_LINE, "parking", "parking.txt", 400)
    assert record.authority == "青岚县政府办公室"
    assert record.page_fields["索引号"] == "qlxzf0001/2022-0000315"
    assert record.page_fields["有效性"] == "有效"
    assert record.number == ""  # the 文号 field is empty: the next label is no 文号


def test_a_class_label_ends_the_field_before_it():
    record = parse_text(INDEX_WITH_CLASS, "duties", "duties.txt", 400)
    assert record.page_fields["索引号"] == "000077777/2021-100321"
    assert record.page_fields["文件分类"] == "综合政务"
    assert "分类" not in record.number


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("[ 索  引  号 ] abc/2022-1", "索引号：abc/2022-1"),
        ("索 引 号: 0001/2020-1", "索引号: 0001/2020-1"),
        ("[ 发文字号 ] | 青环〔2024〕7号 |", "发文字号 | 青环〔2024〕7号 |"),
        ("[ 重 要 ] 青岚市加快发展", "[ 重 要 ] 青岚市加快发展"),  # no label: kept
    ],
)
def test_spaced_and_bracketed_labels_read_plainly(line, read):
    assert spaced_labels(line) == read


@pytest.fixture(scope="module")
def shelf46(tmp_path_factory, e5):
    """One shelf of this module's invented pages (one ingest for every question below)."""
    from tests.conftest import e5_shelf

    plans = {"青岚噪声.txt": BRACKETED_CELLS, "青岚停车.txt": SPACED_LINE, "news-straw.txt": NEWS_REPORT}
    return e5_shelf(tmp_path_factory.mktemp("page-fields46"), e5, plans)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("青岚市噪声污染防治实施方案的索引号是什么？", "11990000MB0000001X/2024-00012"),
        ("青岚市噪声污染防治实施方案属于哪个主题分类？", "环境监测、保护与治理"),
        ("青岚县城区停车秩序整治工作方案的信息索引号是多少？", "qlxzf0001/2022-0000315"),
    ],
)
def test_a_field_the_site_files_the_page_under_answers_when_asked(shelf46, question, value):
    answer = shelf46.ask(question)
    assert answer.answerable and value in answer.answer


def test_two_dates_asked_at_once_are_both_given_as_the_page_prints_them(shelf46):
    answer = shelf46.ask("青岚市噪声污染防治实施方案的成文日期和发布日期分别是哪天？")
    assert "2024-03-05" in answer.answer and "2024-04-18" in answer.answer


def test_the_time_a_site_published_a_plan_asked_with_the_verb_before_it(shelf46):
    answer = shelf46.ask("青岚县政府办公室公布青岚县城区停车秩序整治工作方案的时间是哪天？")
    assert "2022-08-17" in answer.answer


NEWS_HEADLINE = """《白岭省人民政府办公厅关于加快发展冰雪运动产业的实施意见》(附全文)
来源:某某研究院 发布日期:2019-01-08 10:12
分享:
(一)丰富冰雪运动产品供给。
到2022年，全省冰雪运动场地达到60个。
"""

HANDED_WITHOUT_TITLE = """日期: 2023-06-02 浏览量:88 来源:白岭市青岚区人民政府办公室
各镇人民政府、街道办事处,区政府各部门:
《白岭市青岚区防汛抗旱应急预案》已经修订完成,经区人民政府同意,现予印发,请遵照执行。
白岭市青岚区人民政府办公室
2023年6月2日
一、总则
为做好防汛抗旱工作,制定本预案。
"""


def test_a_headline_quoting_the_plans_title_with_a_full_text_note_titles_it_and_names_its_issuer():
    record = parse_text(NEWS_HEADLINE, "snow", "snow.txt", 400)
    assert record.title == "白岭省人民政府办公厅关于加快发展冰雪运动产业的实施意见"
    assert record.authority == "白岭省人民政府办公厅"


def test_a_notice_with_no_title_line_is_titled_by_the_plan_it_hands_out_now():
    record = parse_text(HANDED_WITHOUT_TITLE, "flood", "flood.txt", 400)
    assert record.title == "白岭市青岚区防汛抗旱应急预案"
    assert record.place == "青岚区"  # the district its issuer names right after the city, not the city


RUN_TOGETHER_NOTICE = (
    "白岭市人民政府办公室关于印发《白岭市加快发展冰雪经济的若干措施》的通知白政办发〔2024〕6号各县(市、区)人民政府,"
    "市政府各部门:《白岭市加快发展冰雪经济的若干措施》已经市政府同意,白岭市人民政府办公室2024年10月9日(此件公开发布)"
    "白岭市加快发展冰雪经济的若干措施为推动冰雪经济高质量发展,结合我市实际,制定如下措施。一、壮大冰雪市场主体"
    "到2026年,全市冰雪经营主体达到300家。(责任单位:市体育局、市文化和旅游局)二、丰富冰雪消费场景"
    "新建冰雪运动场地20处。(责任单位:市体育局)三、强化要素保障加大冰雪产业用地支持力度。(责任单位:市自然资源局)"
)


def test_a_notice_head_stored_with_no_line_breaks_gives_title_issuer_number_and_day():
    record = parse_text(RUN_TOGETHER_NOTICE, "ice", "ice.txt", 400)
    assert record.title == "白岭市加快发展冰雪经济的若干措施"
    assert record.authority == "白岭市人民政府办公室"
    assert record.number == "白政办发〔2024〕6号"
    assert record.date == "2024年10月9日"


NEWS_REPORT = """当前位置:

苇洲县:三级联动推进秸秆禁烧 不让一处火点复燃

来源:苇洲日报 作者:某某 编辑:某某 2021-04-12 09:30:15
—分享—

4月10日,苇洲县召开秸秆禁烧工作推进会,部署全县秸秆禁烧工作。
今年全县将组织巡查队伍30支,实现重点区域巡查全覆盖。
"""


def test_the_media_a_news_page_came_from_is_its_source_field(shelf46):
    answer = shelf46.ask("苇洲县秸秆禁烧这条消息来自哪家媒体？")
    assert answer.answerable and "苇洲日报" in answer.answer


ISSUER_VERB_TITLE = """青岚市人民政府办公室印发青岚市关于加强背街小巷整治的实施意见的通知
发布日期:2022年05月10日
各县、区人民政府,市政府各部门:
现将《青岚市关于加强背街小巷整治的实施意见》印发给你们,请认真贯彻执行。
一、工作目标
到2023年，完成背街小巷整治120条。
"""

NEWS_HANDED_DOWN = """某某网 时间:2019/10/08 09:10:00 来源:青岚晚报
日前,青岚市政府办公厅下发《青岚市加快推进农村供水保障工作方案》,明年底,农村自来水普及率达到95%以上。
"""


def test_a_notice_titled_with_its_issuer_and_verb_but_no_guanyu():
    record = parse_text(ISSUER_VERB_TITLE, "lanes", "lanes.txt", 400)
    assert record.title == "青岚市关于加强背街小巷整治的实施意见"
    assert record.authority == "青岚市人民政府办公室"


def test_a_report_that_the_plan_was_handed_down_titles_it():
    record = parse_text(NEWS_HANDED_DOWN, "water", "water.txt", 400)
    assert record.title == "青岚市加快推进农村供水保障工作方案"
    assert record.authority == "青岚市政府办公厅"


RUN_TOGETHER_OWN_NOTICE = (
    "青发〔2010〕14号白岭市青岚区人民政府关于2010年重点推进民生项目有关事项的通知各街道办事处、镇人民政府,区政府有关部门:"
    "为全面改善民生,加快推进重点民生项目建设,现就有关事项通知如下:一、重点项目安排今年全区安排重点民生项目36个,"
    "总投资12亿元,其中教育项目8个、医疗卫生项目6个、养老服务项目5个。二、推进机制各项目实行区级领导联系制度,由项目业主单位"
    "负责具体实施,区发展改革局负责统筹调度。三、工作要求各街道、镇要加强协调,及时解决项目推进中的困难和问题。"
)


def test_an_own_notice_run_together_after_its_number_is_read_as_a_notice():
    record = parse_text(RUN_TOGETHER_OWN_NOTICE, "projects", "projects.txt", 400)
    assert record.title == "白岭市青岚区人民政府关于2010年重点推进民生项目有关事项的通知"
    assert record.number == "青发〔2010〕14号"
    assert record.place == "青岚区"


HEADLINE = """青岚县2024年度全民健身工作要点出炉
      • 时间:2024-03-12 10:20:00
      • 来源:青岚日报
力争全县经常参加体育锻炼人数比例达到40%,新建社区健身点30个。
"""


def test_a_news_headline_naming_the_plan_and_its_verb_titles_the_page():
    record = parse_text(HEADLINE, "fitness", "fitness.txt", 400)
    assert record.title == "青岚县2024年度全民健身工作要点"


@pytest.mark.parametrize(
    "question", ["青岚县城区停车秩序整治工作方案是哪天公开的？", "青岚县城区停车秩序整治工作方案的公开日期是哪天？"]
)
def test_the_day_a_page_was_made_public_is_its_published_date(shelf46, question):
    answer = shelf46.ask(question)
    assert "2022-08-17" in answer.answer


def test_a_long_body_name_no_sentence_holds_is_not_answered_with_another_sentence(shelf46):
    answer = shelf46.ask("青岚县城区停车秩序整治工作方案中，县城市管理综合行政执法局牵头负责哪些任务？")
    assert not answer.answerable


@pytest.mark.parametrize(
    ("sentence", "says"),
    [
        ("各乡镇要切实负责辖区停车秩序日常管理。", False),
        ("县城市管理综合行政执法局负责城区停车秩序日常巡查。", True),
    ],
)
def test_a_sentence_quoted_for_whom_a_long_body_name_asks_about_must_name_it(sentence, says):
    from policykb.bot.answers.finding import Finding
    from policykb.bot.answers.responsibility import says_who
    from policykb.bot.kinds import QuestionKind

    question = "县城市管理综合行政执法局牵头负责哪些任务？"
    assert says_who(QuestionKind.OWNER, question, [], Finding([sentence], [], QuestionKind.FACT, {})) is says


@pytest.fixture(scope="module")
def page_dated(tmp_path_factory, e5):
    """A shelf of one page whose only date is the site's 发布日期 (no 成文日期, no signature)."""
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("page-dated"), e5, {"青岚区分解.txt": INDEX_WITH_CLASS})


@pytest.mark.parametrize("asked", ["是哪个单位发的？", "是谁发的？"])
def test_a_plan_dated_only_by_its_page_names_that_date_on_its_identity_line(page_dated, asked):
    answer = page_dated.ask("青岚区2021年重点工作责任分解" + asked)  # a title ending in 分解 names a document
    assert "青岚区政府办公室" in answer.answer
    assert "日期 2021年5月10日（发布日期）" in answer.answer and "日期 （未注明）" not in answer.answer


def test_the_docs_listing_gives_a_page_date_when_the_text_gives_none(page_dated):
    from typer.testing import CliRunner

    from policykb.cli import app

    s = page_dated.settings
    env = {"POLICYKB_HOME": str(s.home), "POLICYKB_EMBEDDING_BACKEND": s.embedding_backend,
           "POLICYKB_EMBEDDING_MODEL": s.embedding_model}  # fmt: skip
    listing = CliRunner().invoke(app, ["docs"], env=env)
    assert listing.exit_code == 0 and "发布日期：2021年5月10日" in listing.stdout
