"""Forms of a document's identity read in session 48, each on invented text (东浦州/白岭市/青川省/青岭市): a plan
a reply or a news item tells of issuing, its bodies, day and 文号 given only in that sentence; a site's column line
that prints the page's time after the column; a span with no 年 after its years; a document fact and the plan's
span asked together; bare follow-ups about a plan itself."""

from __future__ import annotations

import pytest

from policykb.ingest.parser import parse_text

REPLY = (
    "东浦州商务局\n\n对州政协十届二次会议第12号提案的答复\n东商办〔2021〕9号\n\n"
    "贵单位提出的《关于规范集贸市场的提案》收悉,现答复如下:\n"
    "2021年3月,青川省商务厅 会同省市场监管局印发了《青川省进一步规范农村集贸市场管理的实施方案》(青商发〔2021〕8号),"
    "对全省工作作了部署。东浦州商务局 会同州市场监管局于2021年9月印发了"
    "《东浦州进一步规范农村集贸市场管理的实施方案》(东商发〔2021〕31号,以下简称《方案》),明确了整治步骤。\n"
    "下一步,我局将继续抓好落实。\n"
)
ARCHIVES_NEWS = (
    "白岭市文物系统推进会在西岭召开\n"
    "2019年6月,为落实省里关于文物保护的部署,白岭市委办、市政府办以白办发〔2019〕7号下发"
    "《关于做好全市不可移动文物保护工作的实施意见》。7月12日,全市文物系统推进会召开。\n"
)
FORWARDED = (
    "为做好冬季供暖保障,青川省住建厅、青川省财政厅联合印发《关于做好城镇冬季清洁供暖工作的意见》,详见附件。\n"
    "附件:青川省住建厅 青川省财政厅关于做好城镇冬季清洁供暖工作的意见(青建发〔2020〕5号).pdf\n"
)

VILLAGE_NEWS = (
    "白岭日报数字报\n\n全市启动老字号普查\n\n发布时间:2016-04-12 09:30:00\n\n"
    "本报讯 日前,市政府办公室下发关于组织全市老字号普查工作的通知。\n"
    "通知指出,白岭市老字号普查2026年底前完成。\n"
)
COLUMN_PAGE = (
    "关于印发《白岭市防汛抗旱“十四五”规划》的通知\n栏目: 白岭市水利服务中心-政策文件 发布时间:2022-06-23\n"
    "防汛抗旱是水利部门的重点工作。根据《青川省防汛条例》等法律法规,制定本规划。规划期为2021-2025年。\n"
)
SPAN_PAGE = (
    "为提高全市地震灾害防御水平,根据《青川省防震减灾条例》等法律法规,"
    "结合青岭市实际,制定本规划。规划期为2026-2030。\n一、现状与形势\n"
    "近年来,青岭市地震局建成了监测台网。\n"
)


def test_a_column_line_gives_the_time_printed_after_it():
    """``栏目: X-政策文件 发布时间:2022-06-23``: the line is chrome, but its 发布时间 is the page's (before, the whole
    line was dropped and the page had no date)."""
    record = parse_text(COLUMN_PAGE, "d", "d.txt", 400)
    assert record.dates == {"发布日期": "2022年6月23日"}
    assert "栏目" not in record.text


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {
        "dongpu-reply.txt": REPLY,
        "bailing-archives-news.txt": ARCHIVES_NEWS,
        "qingchuan-heating.txt": FORWARDED,
        "bailing-flood-plan.txt": COLUMN_PAGE,
        "qingling-quake-plan.txt": SPAN_PAGE,
        "bailing-village-news.txt": VILLAGE_NEWS,
    }
    return e5_shelf(tmp_path_factory.mktemp("forms48"), e5, plans)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a reply keeps its own title: the plan it tells of is dated and issued by the sentence that tells of it,
        # not the province's plan of the same words it tells of first
        ("东浦州集贸市场管理实施方案是什么时候印发的？", ["2021年9月"]),
        ("东浦州集贸市场管理实施方案由哪些部门印发？", ["东浦州商务局", "州市场监管局"]),
        ("东浦州集贸市场管理实施方案的文号是多少？", ["东商发〔2021〕31号"]),
        # a news page titled by the plan: the bodies and the 文号 in the verb (以…号下发), the day standing alone
        ("白岭市不可移动文物保护工作的实施意见是谁印发的？", ["白岭市委办、市政府办"]),
        ("白岭市文物保护实施意见什么时候下发的？文号是啥？", ["2019年6月", "白办发〔2019〕7号"]),
        # two bodies 联合印发, the 文号 printed on the 附件 line beside the title
        (
            "关于做好城镇冬季清洁供暖工作的意见是哪些部门联合印发的？文号多少？",
            ["青川省住建厅、青川省财政厅", "青建发〔2020〕5号"],
        ),
        # a news item with no title of its own tells of a notice named without book-title marks
        ("白岭市组织老字号普查工作的通知是谁下发的？", ["市政府办公室"]),
        # the time a column line prints
        ("白岭市防汛抗旱“十四五”规划是什么时候发布的？", ["2022年6月23日"]),
    ],
)
def test_a_plan_a_page_tells_of_issuing_is_identified_by_that_sentence(shelf, question, said):
    a = shelf.ask(question)
    assert a.answerable and all(part in a.answer for part in said), a.answer


@pytest.mark.parametrize(
    "question", ["关于做好城镇冬季清洁供暖工作的意见是哪天印发的？", "白岭市组织老字号普查工作的通知文号是多少？"]
)
def test_a_field_the_sentence_does_not_give_stays_refused(shelf, question):
    """The forwarding page's sentence names the bodies and the 附件 line the 文号, but no day: 哪天印发 is refused;
    the news item names the notice's sender, but no 文号."""
    a = shelf.ask(question)
    assert not a.answerable, a.answer


@pytest.mark.parametrize("question", ["青岭市防震减灾规划的规划期是哪几年？", "青岭市防震减灾规划的规划期到哪年？"])
def test_a_span_stated_without_its_last_year_mark_answers_the_span(shelf, question):
    """``规划期为2026-2030。`` (no 年 after the years) on a page with no title, one plan of several on the shelf: the
    span is the plan's, asked as 哪几年 or as when it ends (before, only ``…2030年`` was read, of a shelf of one)."""
    a = shelf.ask(question)
    assert a.answerable and "2026-2030" in a.answer, a.answer


def test_a_document_fact_and_the_plans_span_asked_together_are_both_answered(shelf):
    """``…啥时候发布的？规划期到哪年？``: two parts (啥 asks as 什么 does), a document fact and the plan's span; the
    document line's date does not state the span, so each part is answered. The news items of the same city with
    no place of their own are no second place the question compares (before, the plans were answered one by one
    and the span part was lost)."""
    a = shelf.ask("白岭市防汛抗旱规划啥时候发布的？规划期到哪年？")
    assert a.answerable and "2022年6月23日" in a.answer and "2021-2025年" in a.answer, a.answer
    assert "【" not in a.answer, a.answer


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [
        ("关于做好城镇冬季清洁供暖工作的意见是哪几个部门发的？", "文号呢？", "青建发〔2020〕5号"),
        ("白岭市不可移动文物保护工作的实施意见文号是多少？", "是谁印发的？", "白岭市委办、市政府办"),
    ],
)
def test_a_bare_follow_up_asks_the_same_plans_number_or_issuer(shelf, first, then, said):
    """``文号呢？`` after ``…是哪几个部门发的？`` and ``是谁印发的？`` after ``…文号是多少？``: the same plan's 文号 or
    issuer (before, the follow-up was read alone and refused: ``发的`` and a verb after 谁 were not read)."""
    from tests.conftest import converse

    answers = converse(shelf, first, then)
    assert answers[1].answerable and said in answers[1].answer, answers[1].answer
