"""Forms of real plans found in a sweep of copies from other places (see FORMS.md), each on invented text.

A traditional-script copy reads like its simplified original; a simplified text is never touched;
an annual plan's bracket deadline without its year (``9月底完成``); ``部门及…政府`` names two units;
``由甲会同乙等部门研究提出实施办法`` assigns lead and co; ``第37次常务会议`` is no target.
"""

from __future__ import annotations

import pytest

from policykb.ingest.normalize import normalize_text
from policykb.ingest.parser import parse_text
from policykb.ingest.script import to_simplified

PLAN = """柳川县2025年政务服务工作要点
一、重点任务
1.推行帮办代办服务。在县政务大厅设立帮办代办窗口。（牵头单位：县政务服务中心；责任单位：县司法局、县税务局，8月底完成）
2.开展一窗通办改革。整合部门窗口，实现综合受理。（县行政审批局牵头，县直各有关部门及各乡镇政府按职责分工负责）
3.完善小微企业贷款贴息办法，由县财政局会同县金融服务中心、县农商银行等部门研究提出实施办法。
4.建设县级数据共享平台。（牵头单位：县大数据中心；责任单位：县委网信办，年底前）
二、工作要求
本要点经县政府第12次常务会议通过。
"""


def _record(text: str):
    return parse_text(text, "liuchuan", "liuchuan.txt", 160)


def _task(record, key: str):
    hits = [t for t in record.tasks if key in t.title or key in t.text]
    assert len(hits) == 1, [t.title for t in record.tasks]
    duty = hits[0].responsibility
    return set(duty.lead_units), set(duty.co_units), hits[0].deadline


def test_bracket_deadline_without_its_year_is_the_deadline_not_a_unit():
    lead, co, deadline = _task(_record(PLAN), "帮办代办")
    assert (lead, co, deadline) == ({"县政务服务中心"}, {"县司法局", "县税务局"}, "8月底")
    assert _task(_record(PLAN), "数据共享平台")[2] == "年底前"


def test_departments_and_governments_joined_by_ji_are_two_units():
    lead, co, _ = _task(_record(PLAN), "一窗通办")
    assert lead == {"县行政审批局"}
    assert co == {"县直各有关部门", "各乡镇政府"}


def test_huitong_with_research_and_propose_assigns_lead_and_co():
    lead, co, _ = _task(_record(PLAN), "贷款贴息")
    assert (lead, co) == ({"县财政局"}, {"县金融服务中心", "县农商银行"})


def test_an_ordinal_number_is_not_a_target():
    assert not [t for t in _record(PLAN).targets if t.value == "12"]


def test_traditional_copy_reads_as_its_simplified_original():
    traditional = PLAN.translate(str.maketrans("县务单责门各关会议设窗开实现财贷办法级数据网时间",
                                               "縣務單責門各關會議設窗開實現財貸辦法級數據網時間"))
    assert normalize_text(traditional) == normalize_text(PLAN)
    simple, trad = _record(PLAN), _record(traditional)
    assert [(t.title, t.deadline) for t in trad.tasks] == [(t.title, t.deadline) for t in simple.tasks]


@pytest.mark.parametrize("text", ["注意乾坤与著作里的字不改。显著提升，著力推进。", PLAN])
def test_simplified_text_is_left_exactly_as_written(text):
    assert to_simplified(text) == text


def test_a_district_named_after_its_city_is_the_plans_place():
    text = "关于印发《2024年区政府工作报告重点工作分工方案》的通知\n各街道办事处：\n现印发给你们。\n青禾市柳岸区人民政府办公室\n2024年3月1日\n一、重点工作\n1.推进某项工作。（区发展改革委负责）\n"
    record = parse_text(text, "liuan", "liuan.txt", 160)
    assert (record.place, record.authority) == ("柳岸区", "青禾市柳岸区人民政府办公室")
