"""Forms a seventh set of real pages showed (docs/seventh-set-forms.md), in invented plans of invented places.

A news item names its plan before the verb (``《…实施方案》（以下简称《方案》）近日印发``); a notice lists its
addressees on the line above the sentence that hands the plan out, and its attachments one numbered line each;
an encyclopedia entry sums a plan's parts up after a colon, one ``；`` apart; a 文号 is bracketed with a small
bracket (``〔2026﹞``); a follow-up points at the last answer's measure with ``这项政策``; a local group that leads
is no lead unit in the responsibility score; a leader 换人 is one whose post 发生变动; a task whose record gives
no time is answered by a time its own text sets (``实施期限至…``).
"""

from __future__ import annotations

import pytest

from policykb.bot.question import classify
from policykb.eval.duties import score_row
from policykb.ingest.normalize import normalize_text
from policykb.ingest.parser import parse_text
from policykb.kb.lexicon import POINTER
from policykb.kb.units import UnitDirectory
from tests.conftest import e5_shelf

NEWS = """资讯详情
北江出台方案推进节水八大行动 到2027年初步建成节水型社会
浏览量
【摘要】:
《北江省节约用水实施方案》(以下简称《方案》)近日印发。《方案》提出,扎实推进“节水八大行动”,着力建设“节水北江”。
《方案》提出,到2027年,全省万元地区生产总值用水量下降至20立方米左右。到2030年,在万元地区生产总值用水量下降至18立方米以下的基础上,全省节水水平进一步提升。
来源:北江日报
"""

CITY = """青禾市节约用水工作方案
为落实北江省节约用水工作部署，结合我市实际，制定本方案。
一、工作目标
到2027年，全市万元地区生产总值用水量下降至25立方米，再生水利用率达到30%。
二、重点任务
（一）推进工业节水。实施节水改造项目12个。（市工信局牵头，市水利局配合）
（二）实施水价优惠。对节水改造达标企业执行阶梯水价优惠，实施期限至2027年12月31日。（市发改委、市水利局负责）
"""

NOTICE = """桐溪县人民政府办公室关于印发2026年重点工作任务分解方案的通知
各乡镇人民政府，县政府各部门，桐溪经济开发区管委会：
《桐溪县2026年重点工作任务分解方案》已经县政府同意，现印发给你们，请认真贯彻落实。
附件：1.2026年重点工作任务分解表
2.2026年民生实事任务分解表
3.2026年重点项目推进表
桐溪县人民政府办公室
2026年2月10日
一、总体要求
各责任单位要遵循“年初部署、季度调度、年底考核”的原则，确保按期完成任务。
分解表中责任领导发生变动后，由相应岗位的继任领导负责，不再另行发文调整。
"""

ENTRY = """东浦区教育强区建设实施意见
2026年3月8日，东浦区委办公室、东浦区人民政府办公室印发《东浦区教育强区建设实施意见》。该意见分指导思想、建设目标、主要任务3部分。
主要任务是:均衡发展义务教育;优质发展学前教育;特色发展职业教育。
一、指导思想
坚持立德树人，推动各级各类教育协调发展。
二、建设目标
到2030年，基本建成教育强区。
"""

SMALL_BRACKET = """青禾市2026年推进数字政府建设工作方案
一、提升政务服务能力
（一）推动事项集中办理。按照《关于加快推进政务服务标准化的指导意见》（国发〔2026﹞5号）有关要求，梳理尚未进驻的政务服务事项，原则上均应纳入本级政务服务中心集中办理。[责任单位:各县(市、区)人民政府、市直有关部门牵头,市政务数据局配合;完成时间:2026年6月]
（二）统筹推进均衡发展。明确12个项目清单，2026年底完成80%以上指标任务。（市政务数据局、各县（市、区）政府牵头）
"""


def test_a_news_item_names_its_plan_before_the_verb():
    news = parse_text(NEWS, "n", "n.txt", 160)
    assert news.title == "北江省节约用水实施方案" and news.place == "北江省"
    handed = parse_text(NOTICE, "t", "t.txt", 160)  # a notice handing its plan out (现印发给你们) is no report
    assert handed.title == "2026年重点工作任务分解方案"


def test_small_brackets_read_as_the_full_ones():
    assert normalize_text("国发﹝2026﹞5号；国发〔2026﹞6号") == "国发〔2026〕5号；国发〔2026〕6号"
    record = parse_text(SMALL_BRACKET, "s", "s.txt", 160)
    first, second = record.tasks
    assert first.deadline == "2026年6月" and first.responsibility.raw.startswith("责任单位")
    assert first.responsibility.co_units == ["市政务数据局"]
    assert second.responsibility.lead_units[0] == "市政务数据局"


def test_a_group_that_leads_is_no_lead_unit_in_the_score():
    tasks = parse_text(SMALL_BRACKET, "s", "s.txt", 160).tasks
    named = {"key": "推动事项集中办理", "lead": [], "co": ["市政务数据局"], "deadline": "2026年6月"}
    assert score_row("s", named, tasks).right
    led = {"key": "统筹推进均衡发展", "lead": ["市政务数据局"], "co": [], "deadline": ""}
    assert score_row("s", led, tasks).right
    wrong = {**led, "lead": ["市水利局"]}
    assert not score_row("s", wrong, tasks).right


def test_an_addressee_question_is_a_document_question():
    units = UnitDirectory([])
    assert classify("桐溪县这个方案是发给哪些单位的？", units).kind == "document"
    assert classify("主送单位是谁？", units).kind == "document"
    assert classify("这项任务交给哪个部门牵头？", units).kind != "document"


def test_this_policy_points_at_the_last_answer():
    found = POINTER.search("这项政策实施期限到什么时候？")
    assert found is not None and found.lastgroup == "task"


@pytest.fixture(scope="module")
def seventh_shelf(tmp_path_factory, e5):
    """Four invented plans on one shelf: real Chroma, the e5 model."""
    plans = {"news.txt": NEWS, "city.txt": CITY, "notice.txt": NOTICE, "entry.txt": ENTRY}
    return e5_shelf(tmp_path_factory.mktemp("seventh-shelf"), e5, plans)


def test_a_province_named_in_a_reports_title_is_that_plans(seventh_shelf):
    answer = seventh_shelf.ask("北江省到2027年万元地区生产总值用水量要下降到多少？")
    assert answer.answerable and "20立方米左右" in answer.answer and "25立方米" not in answer.answer, answer.answer
    listed = seventh_shelf.ask("北江省节水八大行动要着力建设什么？")
    assert listed.answerable and "节水北江" in listed.answer, listed.answer


def test_whom_a_notice_is_addressed_to(seventh_shelf):
    answer = seventh_shelf.ask("桐溪县2026年重点工作任务分解方案是发给哪些单位的？")
    assert answer.answerable and "各乡镇人民政府" in answer.answer and "桐溪经济开发区管委会" in answer.answer, (
        answer.answer
    )


def test_every_numbered_attachment(seventh_shelf):
    answer = seventh_shelf.ask("桐溪县重点工作任务分解方案的通知有哪几个附件？")
    for name in ("重点工作任务分解表", "民生实事任务分解表", "重点项目推进表"):
        assert name in answer.answer, answer.answer


def test_a_leader_replaced_is_a_change_of_leader(seventh_shelf):
    answer = seventh_shelf.ask("桐溪县任务分解表里的责任领导换人了怎么办？")
    assert answer.answerable and "继任领导" in answer.answer, answer.answer


def test_a_time_the_tasks_own_text_sets(seventh_shelf):
    answer = seventh_shelf.ask("青禾市对节水改造达标企业执行阶梯水价优惠的实施期限到什么时候？")
    assert answer.answerable and "2027年12月31日" in answer.answer, answer.answer
    other = seventh_shelf.ask("青禾市推进工业节水什么时候完成？")
    assert "2027年12月31日" not in other.answer, other.answer


def test_parts_listed_after_a_colon(seventh_shelf):
    answer = seventh_shelf.ask("东浦区建教育强区的主要任务有哪些？")
    for part in ("均衡发展义务教育", "优质发展学前教育", "特色发展职业教育"):
        assert part in answer.answer, answer.answer
    other = seventh_shelf.ask("东浦区教育强区的保障措施有哪些？")
    assert "均衡发展义务教育" not in other.answer, other.answer
