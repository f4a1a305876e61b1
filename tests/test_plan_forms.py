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
    traditional = PLAN.translate(
        str.maketrans(
            "县务单责门各关会议设窗开实现财贷办法级数据网时间", "縣務單責門各關會議設窗開實現財貸辦法級數據網時間"
        )
    )
    assert normalize_text(traditional) == normalize_text(PLAN)
    simple, trad = _record(PLAN), _record(traditional)
    assert [(t.title, t.deadline) for t in trad.tasks] == [(t.title, t.deadline) for t in simple.tasks]


@pytest.mark.parametrize("text", ["注意乾坤与著作里的字不改。显著提升，著力推进。", PLAN])
def test_simplified_text_is_left_exactly_as_written(text):
    assert to_simplified(text) == text


def test_a_district_named_after_its_city_is_the_plans_place():
    text = (
        "关于印发《2024年区政府工作报告重点工作分工方案》的通知\n各街道办事处：\n现印发给你们。\n"
        "青禾市柳岸区人民政府办公室\n2024年3月1日\n一、重点工作\n1.推进某项工作。（区发展改革委负责）\n"
    )
    record = parse_text(text, "liuan", "liuan.txt", 160)
    assert (record.place, record.authority) == ("柳岸区", "青禾市柳岸区人民政府办公室")


def _parse(text: str):
    return parse_text(text, "form", "form-file.txt", 160)


BODY = "一、重点工作\n1.推进某项工作。（区发展改革委负责）\n"


@pytest.mark.parametrize(
    ("head", "place"),
    [
        (
            "关于印发《2024年营商环境工作要点》的通知\n各县人民政府：\n现印发给你们。\n"
            "青川省柳河市人民政府办公室\n2024年2月1日\n",
            "柳河市",
        ),
        ("青川省柳河市桐溪县2024年乡村建设实施方案\n", "桐溪县"),
        ("青川省柳河市发展和改革委员会关于印发《物流体系建设方案》的通知\n", "柳河市"),
        ("青川省市场监管局关于印发《质量提升行动方案》的通知\n", "青川省"),
        ("青川省省市县三级政务服务一体化建设方案\n", "青川省"),
        ("青川省城市更新行动方案\n", "青川省"),
    ],
)
def test_the_most_specific_place_after_a_province_is_the_plans_place(head, place):
    assert _parse(head + BODY).place == place


def test_a_number_among_spaced_chrome_labels_without_colon_is_read_from_its_year_bracket():
    text = (
        "区人民政府办公室关于印发2023年区重点工作责任分解方案的通知\n"
        "索 引 号 AB0012/2023-00071 发文日期 2023-02-01\n"
        "发布机构 区人民政府办公室 文    号 桐政办〔2023〕7号 发布日期 2023-02-01\n"
        "各街道办事处：\n现印发给你们。\n桐溪区人民政府办公室\n2023年2月1日\n" + BODY
    )
    record = _parse(text)
    assert record.number == "桐政办〔2023〕7号"
    assert "发布机构" not in record.text and "索引号" not in record.text


@pytest.mark.parametrize("count", ["（共计96项）", "（共47项任务）", "共47项任务"])
def test_a_count_of_items_in_a_title_is_not_a_target(count):
    text = (
        f"2024年区政府工作报告重点工作分工方案{count}\n一、主要预期目标\n"
        "1.地区生产总值增长5.5%左右。（区发展改革委负责）\n"
    )
    record = _parse(text)
    assert [t.value for t in record.targets] == ["5.5"]


def test_a_notice_that_is_itself_the_plan_keeps_its_own_title():
    text = (
        "青川省人民政府办公厅关于落实乡村建设重点工作分工的通知\n青政办函〔2024〕8号\n各市人民政府，省政府各部门：\n"
        "为落实乡村建设各项部署，现就有关分工通知如下。\n一、工作分工\n（一）推进村庄规划编制，由省自然资源厅负责。\n"
    )
    record = _parse(text)
    assert record.title == "青川省人民政府办公厅关于落实乡村建设重点工作分工的通知"
    assert (record.authority, record.place) == ("青川省人民政府办公厅", "青川省")


def test_joint_issuers_separated_by_spaces_stay_apart():
    text = (
        "柳河市发展和改革委员会 中共柳河市委社会工作部 柳河市民政局 关于印发柳河市社区服务设施建设实施方案的通知\n"
        "各区县政府：\n现将方案印发给你们。\n" + BODY
    )
    record = _parse(text)
    assert record.authority == "柳河市发展和改革委员会、中共柳河市委社会工作部、柳河市民政局"
    assert record.title == "柳河市社区服务设施建设实施方案"
