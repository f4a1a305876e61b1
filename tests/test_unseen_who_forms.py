"""Who-forms a probe of unseen real plan openings showed (docs/unseen-who-forms.md), in invented plans of invented
places: a quoted ``…合一、…`` inside a paragraph of ``（1）…（2）…`` items is no heading, and the first item titles its
task; a who-question answered from a plain sentence needs one that names the unit asked, or states a duty when a duty
is asked."""

from __future__ import annotations

import pytest

from policykb.bot.answers.finding import Finding
from policykb.bot.answers.responsibility import says_who
from policykb.bot.kinds import QuestionKind
from policykb.ingest.parser import parse_text
from policykb.ingest.relining import reline

SUB_ITEMS = (
    "青禾市人民政府关于创优营商环境的实施意见\n"
    "  一、持续减少审批事项\n"
    "  1.深化登记制度改革。（1）全面落实“三证合一、一窗受理”改革。按规定实行“三证合一、一窗受理”，"
    "已整合的证照不再发放。（市市场监管局牵头负责）（2）推行登记全程电子化。推行网上申请、原件后补。"
    "（市市场监管局牵头负责）（3）推进名称登记改革。开放名称库，建设完善\n"
)


def test_a_mark_inside_a_quotation_opens_no_heading():
    lines = reline(SUB_ITEMS).split("\n")
    assert not any(line.startswith("一、一窗受理") for line in lines)
    assert any("“三证合一、一窗受理”改革" in line for line in lines)


def test_the_first_sub_item_with_a_quoted_pair_is_a_task_of_its_own_lead():
    record = parse_text(SUB_ITEMS, "qinghe", "qinghe.txt", 160)
    hits = [t for t in record.tasks if "全面落实“三证合一、一窗受理”改革" in t.text]
    assert len(hits) == 1
    assert hits[0].responsibility.lead_units == ["市市场监管局"]


def test_an_item_after_its_headings_full_stop_titles_its_task():
    record = parse_text(SUB_ITEMS, "qinghe", "qinghe.txt", 160)
    assert [t.title for t in record.tasks][:2] == ["全面落实“三证合一、一窗受理”改革", "推行登记全程电子化"]


REFORM = """青柳区深化放管服改革2026年重点任务分工方案
一、推进简政放权
1.清理证明事项,公布本区保留的证明材料目录。(牵头单位:区政务办;配合单位:区公安分局等有关部门)
2.优化项目报建流程,压减报建材料和环节。(牵头单位:区住建局;配合单位:区自然资源分局)
"""

TASKS = """桐河区政府2026年重点工作任务分解方案
一、主要预期目标
1.一般公共预算收入增长6%左右。
牵头单位:区财政局
责任单位:各街道
"""

DIGITAL = """苇州市数字政府建设2026年工作要点
(一)赋能制造业提质增效。推动产业数据与公共数据融合利用,探索数据应用场景落地。【市数据局牵头】
(二)持续优化企业办事体验。推行帮办代办服务,实现企业诉求在省级督办时限基础上再压缩一半。推进
"""


@pytest.fixture(scope="module")
def who_shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"reform.txt": REFORM, "tasks.txt": TASKS, "digital.txt": DIGITAL}
    return e5_shelf(tmp_path_factory.mktemp("unseen-who"), e5, plans)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("refused", "twin", "keys"),
    [
        # a lead asked of an item cut before its units: a sentence with a body-shaped name but no duty says not who
        ("苇州市数字政府建设2026年工作要点中，持续优化企业办事体验由哪个部门牵头？",
         "苇州市数字政府建设2026年工作要点中，赋能制造业提质增效由哪个部门牵头？", ["市数据局"]),
    ],
)  # fmt: skip
def test_a_who_question_is_refused_by_a_sentence_that_says_not_who(who_shelf, refused, twin, keys):
    answer = who_shelf.ask(refused)
    assert not answer.answerable, answer.answer
    answer = who_shelf.ask(twin)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer


def _quoted(sentence: str) -> Finding:
    return Finding([f"方案原文：“{sentence}”（出处：一、推进简政放权）"], [], QuestionKind.FACT, {})


def test_a_units_tasks_are_said_only_by_a_sentence_that_names_the_unit():
    asked = "青柳区放管服分工方案中，区财政局牵头哪些任务？"
    others = _quoted("1.清理证明事项。(牵头单位:区政务办;配合单位:区公安分局)")
    assert not says_who(QuestionKind.UNIT_TASKS, asked, ["区财政局"], others)
    assert says_who(QuestionKind.UNIT_TASKS, asked, ["区财政局"], _quoted("预算收入增长6%。(牵头单位:区财政局)"))
    # a unit the question does not write (its 各级政府 read as some plan's 区政府) asks nothing of the sentence
    loose = "青柳州把哪些指标作为各级政府年度考核的依据？"
    assert says_who(QuestionKind.UNIT_TASKS, loose, ["区政府"], _quoted("将新增就业等指标作为各级政府考核依据。"))


def test_a_role_asked_is_said_only_by_a_sentence_that_states_a_duty():
    asked = "苇州市工作要点中，持续优化企业办事体验由哪个部门牵头？"
    assert not says_who(QuestionKind.OWNER, asked, [], _quoted("实现企业诉求在省级督办时限基础上再压缩一半。"))
    assert says_who(QuestionKind.OWNER, asked, [], _quoted("推行帮办代办服务。由市政务办负责。"))
    assert says_who(QuestionKind.OWNER, "备案材料报哪个部门？", [], _quoted("备案材料报市应急办。"))
