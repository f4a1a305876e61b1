"""Forms an eleventh set of real pages showed (docs/eleventh-set-forms.md), in invented plans of invented places."""

from __future__ import annotations

import pytest

from policykb.bot.answers.finding import Finding
from policykb.bot.answers.responsibility import co_not_named
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import DATE_ASKED, classify
from policykb.ingest.identity import read_identity
from policykb.ingest.normalize import normalize_text
from policykb.ingest.structure import parse_sections
from policykb.kb.units import UnitDirectory

CITING = """桐溪县全面推行湖长制行动计划（2018—2021年）
各乡镇人民政府，县直有关部门：
经县人民政府同意，现将《桐溪县全面推行湖长制行动计划（2018—2021年）》印发给你们，请认真贯彻落实。
桐溪县人民政府办公室
2018年5月8日
桐溪县全面推行湖长制行动计划（2018—2021年）
为深入贯彻湖长制有关决策部署，根据《北江省人民政府关于印发2030年前湖泊保护行动方案的通知》（北政发〔2017〕8号）\
及《中共桐溪县委办公室 桐溪县人民政府办公室关于印发〈桐溪县全面推行湖长制的实施方案〉的通知》（桐办字〔2018〕12号）\
精神，制定如下行动计划。
一、总体要求
在全县湖泊、水库、塘坝全面推行湖长制，到2021年底湖泊水质达标率达到85%。
"""

INDEXED = """索引号 : 0001/2024-00012 文       号 : 青政办发〔2024〕3号
主题分类: 政务督查 发文单位: 柳河县人民政府办公室
名       称: 柳河县人民政府办公室关于印发2024年重点工作责任分解方案的通知 发布日期: 2024年03月20日
有效性: 有效 发文日期: 2024年02月26日
各镇人民政府，县政府各部门：
《2024年重点工作责任分解方案》已经县人民政府同意，现印发给你们。各牵头单位于3月5日前将细化方案报送县政府督查室。
"""

CONSULTED = """东浦市燃气管网更新改造方案征求意见稿发布
导读:近日,东浦市住房城乡建设委发布关于向社会公开征求《东浦市燃气管网更新改造方案(征求意见稿)》意见的公告。
全市2021年燃气管网更新改造新开工38个、120公里、2.6万户。
东浦市燃气管网更新改造方案
(征求意见稿)
一、总体要求
1. 坚持安全第一。把管网安全放在首位。
"""

LED_ONLY = """青禾市数据要素2023年行动计划
一、主要任务
1. 提升数据开放效率。9月底前，建成公共数据开放平台。(牵头单位:青禾市数据局)
2. 推进数据交易试点。6月底前，设立数据交易场所。(牵头单位:青禾市发展改革委;配合单位:青禾市财政局)
"""

WITHIN = """北川市2022年度水环境攻坚实施计划
经北川市人民政府同意，现将《北川市2022年度水环境攻坚实施计划》印发给你们。
（二）主要目标。到2022年底，市中心城区地表水优良比例不低于80%；南溪县的地表水优良比例不低于86%，\
集中式饮用水水源水质达标率达到100%；东岭县的地表水优良比例
"""

NOTICE_ABOVE = """甲山市农业农村局关于《甲山市乡村振兴支持政策》公开征求意见的公告
为加快实施乡村振兴战略，起草了《甲山市乡村振兴支持政策(征求意见稿)》，现公开征求意见：
1.登陆甲山市农业农村局网站提出意见。
2.通过信函的方式将意见寄至甲山市农业农村局。
附件:1.《甲山市乡村振兴支持政策》(征求意见稿)
2.《甲山市乡村振兴支持政策》起草说明
甲山市农业农村局
2023年5月8日
附件1:
甲山市乡村振兴支持政策
一、稳定粮食生产
1.规模种粮补贴。对种植面积达到50亩以上的经营主体，每亩补贴200元。
二、发展乡村产业
2.支持农产品加工。对新建加工项目给予补助。
"""

OPTIONAL = """青溪市河(湖)长制工作实施方案
青办发〔2017〕9号
为全面推行河(湖)长制，结合我市实际，制定本方案。
一、工作目标
到2020年，全市重要河湖水功能区水质达标率达到80%。
"""


@pytest.mark.parametrize("question", ["这份责任分解方案的通知是哪天发文的？", "通知什么时候发文的？"])
def test_when_sent_out_asks_the_document_and_its_date(question):
    assert classify(question, UnitDirectory([])).kind == QuestionKind.DOCUMENT
    assert DATE_ASKED.search(question).group("verb") == "发文"


def test_a_draft_for_comment_is_issued_by_the_body_that_consults_on_it():
    identity = read_identity(normalize_text(CONSULTED), {}, "draft.txt")
    assert identity.title == "东浦市燃气管网更新改造方案(征求意见稿)"
    assert identity.authority == "东浦市住房城乡建设委"
    # the body that writes the notice before the plan's name (…关于《X》公开征求意见的公告)
    assert read_identity(normalize_text(NOTICE_ABOVE), {}, "notice.txt").authority == "甲山市农业农村局"


def _owner(lead: list[str], co: list[str]) -> Finding:
    facts = {"task": "提升数据开放效率", "lead_units": lead, "co_units": co, "deadline": ""}
    return Finding(["提升数据开放效率"], [], QuestionKind.OWNER, facts)


@pytest.mark.parametrize("question", ["提升数据开放效率的配合单位有哪些？", "提升数据开放效率有哪些部门配合？"])
def test_a_question_of_co_units_only_of_a_task_only_led_is_not_answered_by_its_lead(question):
    assert co_not_named(question, _owner(["青禾市数据局"], [])) == {"task": "提升数据开放效率", "lead": "青禾市数据局"}
    assert co_not_named(question, _owner(["青禾市数据局"], ["青禾市财政局"])) is None  # the co units answer it


@pytest.mark.parametrize("question", ["提升数据开放效率由谁牵头？", "提升数据开放效率的牵头和配合单位是哪些？"])
def test_a_question_of_the_lead_is_answered_by_the_lead(question):
    assert co_not_named(question, _owner(["青禾市数据局"], [])) is None


def test_the_notice_above_a_plan_lists_attachments_that_are_no_part_of_it():
    from policykb.bot.answers.outline import _parts

    text = normalize_text(NOTICE_ABOVE)
    sections = parse_sections(text, "甲山市乡村振兴支持政策")
    assert [s.heading for s in _parts(sections)] == ["一、稳定粮食生产", "二、发展乡村产业"]


@pytest.fixture(scope="module")
def eleventh_shelf(tmp_path_factory, e5):
    """Invented plans of the eleventh set's forms on one shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    plans = {
        "citing.txt": CITING, "indexed.txt": INDEXED, "consulted.txt": CONSULTED, "led.txt": LED_ONLY,
        "within.txt": WITHIN, "notice.txt": NOTICE_ABOVE, "optional.txt": OPTIONAL,
    }  # fmt: skip
    return e5_shelf(tmp_path_factory.mktemp("eleventh-shelf"), e5, plans)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "keys"),
    [
        # a file the plan rests on, named in the question's own words (no book-title marks)
        ("桐溪县全面推行湖长制的实施方案文号是多少？", ["桐办字〔2018〕12号"]),
        ("桐溪县湖长制行动计划依据的北江省2030年前湖泊保护行动方案文号是多少？", ["北政发〔2017〕8号"]),
        # 发文日期 in a page's index fields, asked with 哪天发文
        ("柳河县2024年重点工作责任分解方案的通知是哪天发文的？", ["2024年02月26日"]),
        # a draft for comment: the body that consults on it
        ("东浦市燃气管网更新改造方案征求意见稿是哪个部门发布的？", ["东浦市住房城乡建设委"]),
        # the plan's first part, not the notice's points or its attachment list above the plan
        ("甲山市乡村振兴支持政策第一部分讲的是什么？", ["稳定粮食生产"]),
        # a name written with an optional character in brackets (河(湖)长制) is named by 河湖长制
        ("青溪市河湖长制工作实施方案的文号是什么？", ["青办发〔2017〕9号"]),
    ],
)
def test_eleventh_set_questions(eleventh_shelf, question, keys):
    answer = eleventh_shelf.ask(question)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        # the plan's own 文号: it gives none, and the files it rests on are not it
        "桐溪县全面推行湖长制行动计划的文号是什么？",
        # co-operating units of a task only led
        "青禾市数据要素行动计划中，提升数据开放效率的配合单位有哪些？",
    ],
)
def test_eleventh_set_refusals(eleventh_shelf, question):
    answer = eleventh_shelf.ask(question)
    assert not answer.answerable, answer.answer


@pytest.mark.slow
def test_co_units_only_of_a_task_only_led_names_its_lead(eleventh_shelf):
    answer = eleventh_shelf.ask("青禾市数据要素行动计划中，提升数据开放效率的配合单位有哪些？")
    assert answer.answer.startswith("方案中未找到") and "青禾市数据局" in answer.answer
    led = eleventh_shelf.ask("青禾市数据要素行动计划中，推进数据交易试点的配合单位有哪些？")
    assert led.answerable and "青禾市财政局" in led.answer
