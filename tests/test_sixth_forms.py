"""Forms of real pages from a sixth set of plans, each on invented text (issue 23).

A copied page glossed with pinyin after its characters (``柘(zhe)川县``); a county a tagger does not know, named in a
plan with its government (``桐溪县人民政府``); a body the text names only as a recipient (``报市安办备案``); a
policy reading whose first sentence gives the date and 文号 of the plan it reads (``2026年3月20日，…印发了《…》
（桐政字〔2026〕3号）``); a question about the higher-level notice a plan rests on (``依据的是…哪个通知``).
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.counted import asked_counts
from policykb.bot.question import classify
from policykb.bot.scope import governed_places
from policykb.ingest.normalize import normalize_text
from policykb.ingest.parser import parse_text
from policykb.ingest.pinyin import without_pinyin_glosses
from policykb.kb.units import UnitDirectory
from tests.conftest import e5_shelf

GLOSSED_PAGE = """产品中心 新闻动态 时事政策
当前(qian)位置 :首页 / 新闻动态
柘(zhe)川县农(nong)业农(nong)村局关于印发《柘川县2026年度农(nong)村生活垃圾分(fen)类(lei)工作实施方案》的通知
各乡(xiang)镇人民政府:
现将(jiang)《柘川县2026年度农(nong)村生活垃圾分类工(gong)作(zuo)实施(shi)方案》印发给你(ni)们(men),请认真组织实施(shi)。
柘川县农业农村局
2026年4月7日
柘川县2026年度农(nong)村生活垃圾分类工作实施方案
根(gen)据《青(qing)(qing)(qing)禾省生(sheng)活垃(la)(la)圾(ji)分(fen)类(lei)三步走方案》(青村整办〔2025〕5号(hao))等文件,制定本方案。
一、工作目标
到2026年底,全县行政村生活垃圾分类覆盖率达到95%以上。
"""

READING_PAGE = (
    "2026年3月20日,桐溪县人民政府印发了《<2026年政府工作报告目标任务分工方案>的通知》"
    "(桐政字〔2026〕3号,以下简称《通知》),现将主要内容解读如下:\n"
    """一、出台背景
桐溪县第五届人民代表大会第二次会议审议通过的《2026年政府工作报告》明确了县政府工作的主要任务。县政府办公室对《政府工作报告》各项工作任务进行细化分解,形成了《通知》。
二、主要内容
《通知》中任务分解采用表格形式,分为类别、任务内容、牵头领导、责任单位4个方面的内容,共118项。
三、保障措施
县政府办公室将定期开展工作调度,每季度汇总一次工作进展并向县政府报告。
"""
)

SAFETY_NOTICE = """东浦市安全生产治本攻坚三年行动方案
各区安委会,市级有关部门:
现将《东浦市安全生产治本攻坚三年行动方案(2026—2028年)》印发你们。各区和市安委会有关成员单位要认真研究制定本地工作方案,于2026年4月15日前报市安办备案。
东浦市安全生产委员会
2026年4月2日
一、总体要求
实施治本攻坚“七大行动”,持续深化“三项整治”,全力防范化解重大安全风险。
"""

ELDERLY_PLAN = """《青禾市社区养老服务改革试点实施方案》
根据《青禾省民政厅 财政厅关于确定社区养老服务改革试点地区的通知》(青民函〔2025〕18号)精神,结合我市实际,制定本方案。
一、总体要求
积极开展“互联网+社区养老”服务,围绕改善居住环境、照护环境、文化环境,全面提升社区养老服务能力。
各试点社区要于每月25日前将工作进展情况报送市民政局。
"""


def test_a_page_glossed_with_pinyin_reads_without_the_glosses():
    text = normalize_text(GLOSSED_PAGE)
    assert "柘川县农业农村局关于印发" in text and "(nong)" not in text and "(qing)" not in text
    assert "青村整办〔2025〕5号" in text
    assert parse_text(GLOSSED_PAGE, "plan", "plan.txt", 160).authority == "柘川县农业农村局"


def test_a_few_bracketed_syllables_are_no_glosses():
    assert without_pinyin_glosses("林地面积(ha)共计120(ha),草地(ha)") == "林地面积(ha)共计120(ha),草地(ha)"


def test_a_county_a_plan_writes_with_its_government_is_a_place():
    plan = parse_text(READING_PAGE, "reading", "reading.txt", 160)
    assert governed_places("桐溪县2026年分工方案共多少项任务？", [plan]) == ["桐溪县"]
    assert governed_places("各县区要做什么？", [plan]) == []
    assert governed_places("东浦县分工方案共多少项？", [plan]) == []


def test_a_basis_question_names_the_kind_of_file():
    question = classify("青禾市养老服务改革试点方案依据的是省民政厅哪个通知？文号是多少？", UnitDirectory([]))
    assert question.kind == "document"


@pytest.fixture(scope="module")
def sixth_shelf(tmp_path_factory, e5):
    """Four invented plans on one shelf: real Chroma, the e5 model."""
    plans = {
        "glossed.txt": GLOSSED_PAGE,
        "reading.txt": READING_PAGE,
        "safety.txt": SAFETY_NOTICE,
        "elderly.txt": ELDERLY_PLAN,
    }
    return e5_shelf(tmp_path_factory.mktemp("sixth-shelf"), e5, plans)


def test_the_issuer_of_a_glossed_page(sixth_shelf):
    answer = sixth_shelf.ask("柘川县2026年度农村生活垃圾分类工作实施方案是哪个单位印发的？")
    assert answer.answerable and "柘川县农业农村局" in answer.answer, answer.answer


def test_a_reading_gives_the_number_and_date_of_the_plan_it_reads(sixth_shelf):
    number = sixth_shelf.ask("桐溪县2026年政府工作报告目标任务分工方案的文号是什么？")
    assert number.answerable and "桐政字〔2026〕3号" in number.answer, number.answer
    date = sixth_shelf.ask("桐溪县2026年政府工作报告目标任务分工方案是哪天印发的？")
    assert date.answerable and "2026年3月20日" in date.answer, date.answer


def test_a_unit_the_text_names_is_no_unknown_unit(sixth_shelf):
    answer = sixth_shelf.ask("桐溪县政府办公室多久汇总一次工作进展？")
    assert answer.answerable and "每季度" in answer.answer, answer.answer
    due = sixth_shelf.ask("东浦市各区的本地工作方案要在什么时候前报市安办备案？")
    assert due.answerable and "2026年4月15日前" in due.answer, due.answer


def test_a_unit_no_plan_names_is_still_refused(sixth_shelf):
    answer = sixth_shelf.ask("东浦市应急管理局要在什么时候前报送工作方案？")
    assert not answer.answerable, answer.answer


def test_counts_asked_in_words():
    assert asked_counts("东浦市要开展几大行动、持续深化几项整治？") == [("大", "行动"), ("项", "整治")]
    assert asked_counts("东浦市要开展哪几大行动？") == []


def test_a_count_the_plan_writes_in_words(sixth_shelf):
    answer = sixth_shelf.ask("东浦市安全生产治本攻坚要实施几大行动、持续深化几项整治？")
    assert answer.answerable and "七大行动" in answer.answer and "三项整治" in answer.answer, answer.answer
    other = sixth_shelf.ask("东浦市安全生产治本攻坚要实施几大工程？")
    assert not other.answerable, other.answer


def test_which_things_of_a_kind_a_sentence_lists(sixth_shelf):
    answer = sixth_shelf.ask("青禾市社区养老服务改革试点围绕改善哪几个环境？")
    assert answer.answerable and "居住环境、照护环境、文化环境" in answer.answer, answer.answer


def test_a_time_asked_before_a_verb_is_a_deadline(sixth_shelf):
    question = classify("各牵头单位每月什么时候前报送工作进展？", UnitDirectory([]))
    assert question.kind == "deadline"
    answer = sixth_shelf.ask("青禾市各试点社区每月什么时候前报送工作进展？")
    assert answer.answerable and "每月25日前" in answer.answer, answer.answer


def test_the_notice_a_plan_rests_on(sixth_shelf):
    answer = sixth_shelf.ask("青禾市社区养老服务改革试点方案依据的是省民政厅哪个通知？文号是多少？")
    assert answer.answerable and "青民函〔2025〕18号" in answer.answer, answer.answer
