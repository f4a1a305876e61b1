"""Responsibility rows in the forms real plans of other places write them, each on invented text.

A sentence ``由甲局、乙局，各县（市）、区人民政府负责落实。`` (on its own line after a paragraph of targets, or at the
end of an item) names its units and the local group; ``由甲局牵头，乙局配合，各县（市）、区人民政府具体落实`` keeps
its lead; a one-row-per-line table whose header stands at the end of a run-together line (``…附件：分解表 序号 名称
工作任务 牵头责任单位``) is still a table; a page's opening cut inside a duty bracket keeps the units it names and
never a unit cut in its name; brackets and label lines mixing units, local groups and a deadline.
"""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.unit_names import split_units

BY_UNITS = """青禾市政府工作报告重点工作分解通知
各县(市)、区人民政府,市人民政府各部门:
现将政府工作报告中提出的重点工作分解立项。
一、今年经济和社会发展的主要目标
今年全市经济社会发展的主要目标是:生产总值增长7%;地方财政收入增长6%;城镇居民人均可支配收入增长7%。
由市人民政府各相关部门,各县(市)、区人民政府负责落实。
二、为民办好十件实事
(一)继续实施耕地地力保护补贴、农机购置补贴,确保补贴资金足额发放。由市财政局、农业农村局、农机中心,各县(市)、区人民政府负责落实。
(二)新增城镇就业岗位2万个,开展职业技能培训1万人次。由市人社局负责落实。
(三)改造农村危房500户。由市住建局会同市民政局负责落实。
(四)新建村级养老服务站30个,由市民政局牵头,市财政局配合,各县(市)、区人民政府具体落实。
"""

FLAT_HEADER_AT_LINE_END = (
    " ".join(  # the notice, its annex title and the table header run together on one line
        [
            "桐溪县人民政府办公室文件",
            "桐政办发〔2026〕5号",
            "县政府办公室关于分解落实2026年政府工作任务的通知",
            "各乡镇人民政府,县各部门:",
            "现将2026年政府工作分解下达,请认真组织实施.",
            "附件:桐溪县2026年政府工作任务分解表",
            "桐溪县人民政府办公室",
            "2026年2月20日",
            "桐溪县2026年政府工作任务分解表",
            "序号",
            "名称",
            "工作任务",
            "牵头责任单位",
        ]
    )
    + """

一、经济社会发展主要预期目标(4项)

1 地区生产总值增长6%以上,服务业增加值占比50%. 发改委

2 一般公共预算收入增长5%. 财政局

3 全社会固定资产投资额120亿元,其中工业投资增长8%. 发改委、工信局

4 城镇登记失业率控制在3%以内。 人社局
"""
)

LABELS = """东浦区2026年优化营商环境重点任务分工方案
一、提升政务服务效能
(一)规范审批服务
1.承接上级下放的审批事项,组织开展承接评估。〔牵头单位:区政府办公室,责任单位:区政府有关部门,各街道(园区)〕
2.推行审批事项告知承诺制。(牵头单位:区司法局、区行政审批局;责任单位:区政府有关部门)
3.压缩企业开办时间至1个工作日。(牵头单位:区市场监管局;责任单位:区税务局,各街道办事处,6月底前完成)
二、强化要素保障
4.推进标准地出让改革,新增工业用地全部按标准地出让。
责任单位:区自然资源分局、区发改局,各街道(园区)。
5.推进数字政府建设,完善政务云平台。〔责任单位:区大数据局、区大数据中心等有关部门和单位,各街道办事处、东浦园区管委会〕
6.完善社会信用体系。由区发改局、区人民银行,各街道办事处负责落实。
7.深化投资审批改革,推行一张表单申报。(牵头单位:区行政审批局、区发改局;责任单位:区政"""


def _record(text: str):
    return parse_text(text, "plan", "plan.txt", 160)


def _right(text: str, key: str, lead: list[str], co: list[str], deadline: str = "") -> bool:
    row = {"key": key, "lead": lead, "co": co, "deadline": deadline}
    outcome = score_row("plan", row, _record(text).tasks)
    return outcome.right and outcome.deadline_right is not False


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("生产总值增长7%", [], []),  # the departments as a generic group, the local governments as local
        ("耕地地力保护补贴", [], ["市财政局", "农业农村局", "农机中心"]),
        ("新增城镇就业岗位2万个", ["市人社局"], []),
        ("改造农村危房500户", ["市住建局"], ["市民政局"]),
        ("新建村级养老服务站30个", ["市民政局"], ["市财政局"]),
    ],
)
def test_by_units_and_local_governments_to_carry_out(key, lead, co):
    assert _right(BY_UNITS, key, lead, co)


def test_the_local_group_stays_apart_from_the_units_and_no_name_keeps_by():
    task = next(t for t in _record(BY_UNITS).tasks if "耕地地力" in t.text)
    assert task.responsibility.co_units[:3] == ["市财政局", "农业农村局", "农机中心"]
    assert task.responsibility.co_units[3:] == ["各县(市)、区人民政府"]
    target_task = next(t for t in _record(BY_UNITS).tasks if "生产总值增长7%" in t.text)
    assert "今年全市经济社会发展的主要目标" in target_task.text  # the paragraph the closing line belongs to


@pytest.mark.parametrize(
    ("key", "lead"),
    [
        ("地区生产总值增长6%以上", ["发改委"]),
        ("一般公共预算收入增长5%", ["财政局"]),
        ("全社会固定资产投资额120亿元", ["发改委", "工信局"]),
        ("城镇登记失业率控制在3%以内", ["人社局"]),
    ],
)
def test_a_row_per_line_table_whose_header_ends_a_run_together_line(key, lead):
    assert _right(FLAT_HEADER_AT_LINE_END, key, lead, [])


def test_the_text_before_such_a_header_stays_text():
    record = _record(FLAT_HEADER_AT_LINE_END)
    assert len(record.tasks) == 4
    assert "请认真组织实施" in record.text and "序号 | 名称" not in record.text.split("\n")[0]


@pytest.mark.parametrize(
    ("key", "lead", "co", "deadline"),
    [
        ("承接上级下放的审批事项", ["区政府办公室"], [], ""),
        ("推行审批事项告知承诺制", ["区司法局", "区行政审批局"], [], ""),
        ("压缩企业开办时间", ["区市场监管局"], ["区税务局"], "6月底前"),
        ("推进标准地出让改革", [], ["区自然资源分局", "区发改局"], ""),
        ("完善政务云平台", [], ["区大数据局", "区大数据中心"], ""),
        ("完善社会信用体系", [], ["区发改局", "区人民银行"], ""),
        ("深化投资审批改革", ["区行政审批局", "区发改局"], [], ""),  # cut inside the bracket
    ],
)
def test_brackets_and_label_lines_mixing_units_groups_and_deadlines(key, lead, co, deadline):
    assert _right(LABELS, key, lead, co, deadline)


def test_a_unit_cut_in_its_name_is_no_unit():
    task = next(t for t in _record(LABELS).tasks if "一张表单" in t.text)
    assert "区政" not in task.responsibility.units


def test_a_bracket_closed_by_a_closer_of_another_kind_keeps_its_last_unit():
    """OCR reads ``］`` as ``】``: the bracket is not cut short, and its last unit (with its verb) stays."""
    text = "青禾县供水保障方案\n一、重点任务\n（一）推进管网改造。到2025年完成改造。［县住建局牵头，县水利局配合】\n"
    task = next(t for t in _record(text).tasks if "管网改造" in t.text)
    assert (task.responsibility.lead_units, task.responsibility.co_units) == (["县住建局"], ["县水利局"])


ONE_ITEM_UNDER_HEADINGS = """桐溪县稳经济若干措施实施细则
一、落实财税支持政策
1.积极争取省级专项资金,支持生产经营暂时困难但产品有市场、项目有前景的中小微企业。整合县工信、科技等部门涉企资金,设立1.2亿元专项引导资金,出台管理办法,发布项目申报指南。(责任单位:县工信局、县财政局等有关部门,各乡镇人民政府)
2.落实小规模纳税人免征增值税政策。(责任单位:县税务局)
二、扩大有效投资
(一)全力以赴抓项目促投资。
3.实施招商引资“双百”行动,每年引进亿元以上项目20个。
责任单位:县招商中心、县发改局,各乡镇人民政府
"""

ANNEX_TABLE = """青禾市第三批改革举措推广清单
| 序号 | 改革举措 | 主要内容 | 指导部门 | 推广范围 |
|---|---|---|---|---|
| 1 | 以信用承诺为核心的容缺审批机制 | 主要条件具备的先行受理，缺项材料限期补齐。 | 市政务服务局、市司法局 | 全市 |
| 2 | 科研设备共享补助机制 | 科研设备所有方向企业开放共享的，按服务收入给予补助。 | 市科技局 | 全市 |
"""


def test_the_one_item_under_a_heading_titles_its_task():
    tasks = _record(ONE_ITEM_UNDER_HEADINGS).tasks
    first = next(t for t in tasks if "省级专项资金" in t.text)
    assert first.title == "积极争取省级专项资金"  # the item's first clause names it
    third = next(t for t in tasks if "招商引资" in t.text)
    assert third.title.startswith("实施招商引资“双百”行动")


def test_a_table_row_is_titled_by_its_name_column_not_its_content():
    tasks = _record(ANNEX_TABLE).tasks
    assert [t.title for t in tasks] == ["以信用承诺为核心的容缺审批机制", "科研设备共享补助机制"]
    assert "先行受理" in tasks[0].text  # the content stays the task's text


def test_a_local_group_alone_at_the_end_of_a_list_stays_a_unit():
    assert split_units("甲局、乙局,各镇(街道)") == ["甲局", "乙局", "各镇(街道)"]
    assert split_units("甲局、乙局,市") == ["甲局", "乙局"]  # a level cut short names nobody
