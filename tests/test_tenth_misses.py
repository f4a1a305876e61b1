"""The tenth set's remaining tune misses and a review's county task division (docs/tenth-set-forms.md), each form
in invented plans of invented places: a site's desktop prompt above the title, a level word after a place
(``青禾市控以上断面``), a 文号 line that holds only the plan's name, the first item of a part its heading names, a task
the plan sets no time for, a plan's span in its title, a title inside a notice's title written with the same
marks, an office the question names in full that the plan writes short, the count of a named heading's items, and
a follow-up that names another place with its own subject."""

from __future__ import annotations

import pytest

from policykb.bot.answers.outline import counted_thing
from policykb.bot.answers.plain_facts import SPAN, date_asked
from policykb.bot.evidence import Wording
from policykb.bot.scope import Scope
from policykb.ingest.parser import parse_text
from policykb.ingest.sitechrome import strip_site_chrome
from policykb.kb.glossary import shipped_glossary
from policykb.kb.segmenter import Segmenter
from policykb.kb.units import short_forms

WATER = """青禾市治污水2026年实施计划
一、工作目标
到2026年底,交接断面水质考核优秀,水质达标率力争达到92%以上;市控以上断面水质达标率达到93.5%以上;城市集中式饮用水水源地水质达标率100%。
二、重点任务
1.加强湖库水质保护。持续推进湖库周边污染防治。
"""

OTHER_WATER = """栗原市水污染防治2025年行动计划
一、工作目标
省考核我市的6个地表水监测断面中水质优良(达到或优于Ⅲ类)比例达到50%,劣于V类的水体断面比例控制在10%以内。
二、重点任务
1.推进黑臭水体治理。
"""

SAFETY = """桐溪县安全生产治本攻坚三年行动方案(2026—2028年)
桐政发〔2026〕4号
各乡镇人民政府,县政府各部门:
现将《桐溪县安全生产治本攻坚三年行动方案(2026—2028年)》印发给你们,请认真贯彻落实。
桐溪县人民政府
2026年3月2日
为夯实安全生产基础,推进全链条优化监管、全过程闭环整治,县人民政府确定2026年为“安全生产攻坚年”,特制定本方案。
一、坚持源头治理,推动监管全链条优化
1.全面推行安全风险清单管理。2026年10月底前编制县、乡两级安全风险清单。(县应急管理局牵头,县级各有关部门按职责分工负责)
2.深化重点行业专项整治。推进村级安全员“一岗双责”,建立隐患排查台账。(县应急管理局牵头)
二、坚持闭环管理,推动整治全过程落实
3.健全隐患闭环整改机制。建立隐患整改销号制度。(县安委办牵头,2026年12月底前完成)
"""

DIVISION = """电脑桌面
添加桐溪文库到电脑桌面
安装后可以在桌面快捷访问

桐溪县人民政府关于印发《桐溪县落实《政府工作报告》重点任务分工方案》的通知
桐政〔2026〕5号
各镇人民政府,各街道办事处,县政府各部门:
现将《桐溪县落实〈政府工作报告〉重点任务分工方案》印发给你们,请认真贯彻落实。各责任单位要制定推进计划,并于2026年3月25日前将推进计划报县政府办。
桐溪县人民政府
2026年3月4日
桐溪县落实《政府工作报告》重点任务分工方案
一、主要预期目标
1.地区生产总值增长6%左右。(牵头单位:县发展和改革局)
2.城镇新增就业1200人。(牵头单位:县人力资源和社会保障局)
3.居民消费价格涨幅控制在3%左右。(牵头单位:县发展和改革局)
4.单位地区生产总值能耗完成市下达任务。(牵头单位:县发展和改革局)
二、重点工作任务
5.建设高山茶叶种植基地2000亩。(牵头单位:县农业农村局)
6.新建农村公路30公里。(牵头单位:县交通运输局;责任单位:各镇人民政府)
"""


def test_a_sites_desktop_and_app_prompts_are_chrome():
    prompts = "电脑桌面\n添加桐溪文库到电脑桌面\n安装后可以在桌面快捷访问\n打开APP阅读全文\n\n"
    page = prompts + "桐溪县农村公路方案\n一、总体要求\n"
    assert strip_site_chrome(page).split() == ["桐溪县农村公路方案", "一、总体要求"]
    # a plan's own line that names a desktop is no prompt: it is a sentence, or a numbered heading
    kept = "推进政务服务入口统一到电脑桌面和手机端。\n（三）推进办公应用统一到桌面端\n"
    assert strip_site_chrome(kept).split() == kept.split()


def test_the_title_after_a_desktop_prompt_and_with_a_title_inside_is_read_whole():
    plan = parse_text(DIVISION, "division", "division.txt", 160)
    assert plan.title == "桐溪县落实《政府工作报告》重点任务分工方案"
    other = "关于印发《桐溪县贯彻《青禾市农村公路提升行动计划》实施方案》的通知\n为落实有关要求,制定本方案。\n"
    assert parse_text(other, "p", "p.txt", 160).title == "桐溪县贯彻《青禾市农村公路提升行动计划》实施方案"
    marks = "关于印发《<政府工作报告>重点任务分解表》的通知\n为落实有关要求,制定本表。\n"
    assert parse_text(marks, "p", "p.txt", 160).title == "《政府工作报告》重点任务分解表"


def test_a_level_word_after_a_place_is_not_its_level():
    words = Segmenter().words("青禾市控以上断面水质达标率和栗原省考断面")
    assert "市控" in words and "省考" in words and "青禾市" not in words
    scope = Scope(doc_ids=["a"], names=("青禾市", "青禾"))
    assert scope.strip("青禾市控以上断面水质达标率是多少") == "市控以上断面水质达标率是多少"
    assert scope.strip("青禾市的断面水质达标率是多少") == "断面水质达标率是多少"


def test_an_office_named_in_full_is_read_as_the_plan_writes_it_short():
    assert short_forms("县人民政府办公室") == ["县人民政府办", "县政府办", "县府办"]
    assert short_forms("县人民政府办") == ["县政府办", "县府办"]
    wording = Wording(shipped_glossary(), "并于3月25日前将推进计划报县政府办。", {})
    assert wording.as_written_short("推进计划什么时候之前报县人民政府办公室？") == "推进计划什么时候之前报县政府办？"
    full = Wording(shipped_glossary(), "报县人民政府办公室备案。县政府办负责。", {})
    assert full.as_written_short("报县人民政府办公室") == "报县人民政府办公室"  # written in full: kept


def test_a_count_of_a_named_headings_items_and_a_span_are_asked():
    assert counted_thing("一共有几项主要预期目标？") == "主要预期目标"
    assert counted_thing("主要预期目标有几项？") == "主要预期目标"
    assert counted_thing("一共分解了多少项任务？") == "任务"  # too short to name a heading: a stated total's
    assert date_asked("三年行动分别是哪几年？") is SPAN and SPAN.search("方案(2026—2028年)")
    assert date_asked("三年行动什么时候开始？") is not SPAN


@pytest.fixture(scope="module")
def misses_shelf(tmp_path_factory, e5):
    """The four invented plans on one shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    plans = {"water.txt": WATER, "other-water.txt": OTHER_WATER, "safety.txt": SAFETY, "division.txt": DIVISION}
    return e5_shelf(tmp_path_factory.mktemp("tenth-misses"), e5, plans)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "keys"),
    [
        # a level word after the place: 青禾 and 市控 (not 青禾市 and 控以上断面)
        ("青禾市控以上断面水质达标率目标和栗原省考断面水质优良比例目标分别是多少？", ["93.5%", "50%"]),
        # the first item of the part whose heading the question names, not the plan's first part
        ("桐溪县安全三年行动里，推动监管全链条优化的第一条是什么？", ["全面推行安全风险清单管理"]),
        # the span of a plan's title
        ("桐溪县的安全三年行动是哪几年？", ["2026—2028"]),
        # the office named in full, written short in the plan
        ("推进计划什么时候之前报县人民政府办公室？", ["3月25日前"]),
        # the count of the items under the heading named
        ("一共有几项主要预期目标？", ["4项", "城镇新增就业1200人"]),
    ],
)
def test_tenth_misses_are_answered(misses_shelf, question, keys):
    answer = misses_shelf.ask(question)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer


@pytest.mark.slow
def test_a_task_the_plan_sets_no_time_for_is_refused_with_its_title(misses_shelf):
    answer = misses_shelf.ask("推进村级安全员“一岗双责”要在什么时间前完成？")
    assert not answer.answerable and "深化重点行业专项整治" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_number_line_is_no_answer_to_what_a_year_is_set_as(misses_shelf):
    # the 文号 line holds only the plan's place and year: never quoted for what the year was set as
    answer = misses_shelf.ask("桐溪县把2026年定为什么年？")
    assert "桐政发" not in answer.answer and (not answer.answerable or "攻坚年" in answer.answer), answer.answer


@pytest.mark.slow
def test_a_follow_up_naming_another_place_and_its_subject_swaps_both(misses_shelf):
    first = "青禾市到2026年底市控以上断面水质达标率要达到多少？"
    answer = misses_shelf.ask(first)
    assert answer.answerable and "93.5%" in answer.answer, answer.answer
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": answer.answer}]
    # 栗原 and its own indicator; 2026 was 青禾市's plan's own year, and 栗原's plan is of 2025: it is not carried
    follow = misses_shelf.ask("栗原省考断面水质优良比例呢？", history=history)
    assert follow.answerable and "50%" in follow.answer and "青禾" not in follow.resolved_question, follow.answer
