"""Responsibility forms of real plans the grammar reads, each on invented text (invented places and units).

Guiding units (``（甲、乙指导）``, ``（甲指导，乙参与）``) share a task with no lead; a list ending in local
governments (``…等和各有关省级人民政府负责``) splits before the group; a convention in a bracket after a label
line's units (``责任单位：甲、乙（列第一位为牵头或汇总单位，下同）``) is a convention, not a unit; an annex table
whose unit column is ``指导部门`` gives one task per row under its section rows; a plan stored with no line
breaks reads as the same plan with them.
"""

from __future__ import annotations

import re

import pytest

from policykb.bot.answers.responsibility import role_lines
from policykb.eval.duties import DutyScore, form_of, score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.reader import read_file
from policykb.ingest.responsibility import BracketState, parse_bracket
from policykb.ingest.unit_names import split_units
from policykb.prompts.library import load_phrases

GUIDED = """桐溪县人民政府办公室关于开展“净土乡村”建设试点的通知
一、重点任务
（一）建立试点指标体系。2026年6月底前，研究建立以垃圾减量为核心的指标体系。（县生态环境局牵头，县发改局、县统计局参与）
健全乡村保洁机制，明确各环节职责边界。（县生态环境局指导，试点乡镇政府负责落实。以下均需试点乡镇政府落实，不再列出）
推进秸秆还田，提高综合利用水平。（县农业农村局、县自然资源局指导）
（二）推广绿色包装。鼓励快递网点使用可循环包装。（县商务局指导，县邮政分局参与）
（三）扩大农产品销路。组织商超与合作社对接，建立长期稳定的产销关系。（县商务局、县供销社等和各有关乡镇人民政府负责）
（四）完善服务网点。推动冷链设施向村一级延伸。（县交通运输局及各乡镇人民政府按职责分工负责）
"""

LABELLED = """东浦区2026年重点工作责任分解
一、主要预期目标
1.地区生产总值增长6%。
责任单位：区发改局、区经信局、区统计局（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）
2.城乡居民收入稳步增长。
责任单位：区人社局、区农业农村局分别牵头
3.实施招商引资“双百”行动，每年引进亿元以上项目20个。
责任单位：区招商中心、区发改局，各街道办事处、东浦园区管委会
"""

FIRST_RESPONSIBLE = """青禾市优化营商环境若干措施
一、破除不合理门槛
（一）推进政府和社会资本合作项目规范运行，加强存量项目监管。
责任单位：市发改委、市财政局（第一责任单位为牵头单位，下同）
（二）清理招投标领域不合理限制。
责任单位：市住建局、市交通局
"""

TABLE_PAGE = """<html><head><title>青禾市关于推广第二批改革举措的通知</title></head><body>
<p>青禾市人民政府办公室关于推广第二批改革举措的通知</p>
<p>附件</p><p>第二批改革举措推广清单</p>
<table>
<tr><td>序号</td><td>改革举措</td><td>主要内容</td><td>指导部门</td><td>推广范围</td></tr>
<tr><td colspan="5">一、科技金融创新（3项）</td></tr>
<tr><td>1</td><td>知识产权质押快速处置</td><td>建立质押物快速处置机制</td><td>市市场监管局、市金融办</td><td>全市</td></tr>
<tr><td>2</td><td>科技企业信用贷款风险补偿</td><td>设立风险补偿资金池</td><td>市科技局</td><td>全市</td></tr>
<tr><td colspan="5">二、人才流动（1项）</td></tr>
<tr><td>3</td><td>技术人员兼职取酬</td><td>允许科研人员在企业兼职</td><td>市人社局、市科技局</td><td>全市</td></tr>
</table></body></html>
"""


UNIT_HEADINGS = """苍梧县2026年重点工作任务分解
一、县发展改革局（2项）
1.推进重大项目前期工作，全年开工项目30个。
2.做好价格监测。
二、县教育局（1项）
1.新建幼儿园3所。
三、优化产业结构布局
鼓励企业技术改造。（县工信局牵头，县财政局配合）
"""

MERGED_TABLE = """桐溪县2026年民生实事分工表
| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 一、教育 | | | | |
| 1 | 新建公办幼儿园2所 | 县教育局 | 县住建局 | 2026年9月底前 |
| 2 | 改造薄弱学校食堂 | | | |
| 二、交通 | | | | |
| 3 | 新开农村客运线路4条 | 县交通运输局 | | 2026年底前 |
"""


def _record(text: str, name: str = "plan.txt"):
    return parse_text(text, name.split(".")[0], name, 160)


def _roles(record, key: str) -> tuple[list[str], list[str]]:
    hits = [t for t in record.tasks if key in t.text or key in t.title]
    assert hits, [t.title for t in record.tasks]
    return hits[0].responsibility.lead_units, hits[0].responsibility.co_units


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("建立试点指标体系", ["县生态环境局"], ["县发改局", "县统计局"]),
        ("推进秸秆还田", [], ["县农业农村局", "县自然资源局"]),
        ("推广绿色包装", [], ["县商务局", "县邮政分局"]),
        ("扩大农产品销路", [], ["县商务局", "县供销社", "各有关乡镇人民政府"]),
        ("完善服务网点", [], ["县交通运输局", "各乡镇人民政府"]),
    ],
)
def test_guiding_units_and_local_groups(key, lead, co):
    assert _roles(_record(GUIDED), key) == (lead, co)


def test_guiding_unit_with_local_implementer_is_the_one_unit_named():
    record = _record(GUIDED)
    hits = [t for t in record.tasks if "保洁机制" in t.text]
    duty = hits[0].responsibility
    assert (duty.lead_units, duty.co_units, duty.county_implements) == ([], ["县生态环境局"], True)


def test_a_local_group_never_joins_a_unit_name():
    assert split_units("甲部、乙部等和各有关省级人民政府") == ["甲部", "乙部", "各有关省级人民政府"]
    assert split_units("甲局及各县区政府") == ["甲局", "各县区政府"]


def test_a_convention_after_the_units_of_a_label_line():
    record = _record(LABELLED)
    assert _roles(record, "地区生产总值增长6%") == (["区发改局"], ["区经信局", "区统计局"])
    assert _roles(record, "城乡居民收入") == (["区人社局", "区农业农村局"], [])
    lead, co = _roles(record, "招商引资")
    assert lead == ["区招商中心"] and co[0] == "区发改局"


def test_first_responsible_unit_leads_from_where_it_is_said():
    record = _record(FIRST_RESPONSIBLE)
    assert _roles(record, "社会资本合作") == (["市发改委"], ["市财政局"])
    assert _roles(record, "招投标") == (["市住建局"], ["市交通局"])


def test_annex_table_with_a_guiding_column(tmp_path):
    page = tmp_path / "reforms.html"
    page.write_text(TABLE_PAGE, encoding="utf-8")
    record = _record(read_file(page).text, page.name)
    assert len(record.tasks) == 3
    assert _roles(record, "知识产权质押快速处置") == ([], ["市市场监管局", "市金融办"])
    assert _roles(record, "科技企业信用贷款") == ([], ["市科技局"])  # a guiding unit never leads, even alone
    assert _roles(record, "技术人员兼职取酬") == ([], ["市人社局", "市科技局"])
    assert "推广范围：全市" in record.tasks[0].responsibility.raw  # the row's other cells stay with its phrase


def test_a_scope_label_is_no_unit():
    duty, _ = parse_bracket("负责部门：市口岸办；适用范围：东浦片区", BracketState())
    assert duty.units == ["市口岸办"]


@pytest.mark.parametrize("plan", [GUIDED, LABELLED, FIRST_RESPONSIBLE])
def test_a_plan_without_line_breaks_reads_the_same(plan):
    lined = _record(plan)
    flat = _record(re.sub(r"\n(?!$)", "", plan))
    want = [(t.responsibility.lead_units, t.responsibility.co_units) for t in lined.tasks]
    assert [(t.responsibility.lead_units, t.responsibility.co_units) for t in flat.tasks] == want


def test_the_score_reads_a_sole_unit_either_way_and_never_a_group_as_co():
    record = _record(GUIDED)
    row = {"key": "推进秸秆还田", "lead": [], "co": ["县农业农村局", "县自然资源局"], "deadline": ""}
    assert score_row("guided", row, record.tasks).right
    local = {"key": "扩大农产品销路", "lead": [], "co": ["县商务局", "县供销社"], "local": ["各有关乡镇人民政府"]}
    assert score_row("guided", {**local, "deadline": ""}, record.tasks).right
    wrong = {"key": "建立试点指标体系", "lead": ["县发改局"], "co": ["县生态环境局"], "deadline": ""}
    assert not score_row("guided", wrong, record.tasks).right
    sole = {"key": "保洁机制", "lead": [], "co": ["县生态环境局"], "local": ["试点乡镇政府"], "deadline": ""}
    assert score_row("guided", sole, record.tasks).right
    assert form_of(sole) == "one unit + local"
    missing = {"key": "没有这一项任务", "lead": ["县商务局"], "co": [], "deadline": "2026年底前"}
    outcome = score_row("guided", missing, record.tasks)
    assert not outcome.right and outcome.deadline_right is False


def test_a_heading_that_is_only_a_unit_name_leads_the_items_below_it():
    record = _record(UNIT_HEADINGS)
    assert _roles(record, "重大项目前期工作") == (["县发展改革局"], [])
    assert _roles(record, "价格监测") == (["县发展改革局"], [])
    assert _roles(record, "新建幼儿园") == (["县教育局"], [])
    assert _roles(record, "技术改造") == (["县工信局"], ["县财政局"])  # ``…布局`` is a task heading, not a unit


def test_a_merged_cell_written_once_in_a_text_table_carries_down_within_its_section():
    record = _record(MERGED_TABLE)
    assert _roles(record, "改造薄弱学校食堂") == (["县教育局"], ["县住建局"])
    assert next(t for t in record.tasks if "食堂" in t.text).deadline == "2026年9月底前"
    assert _roles(record, "农村客运线路") == (["县交通运输局"], [])


def test_a_unit_only_listed_alone_is_answered_as_the_responsible_unit_and_a_verb_sole_as_the_lead():
    phrases = load_phrases()
    listed, _ = parse_bracket("负责部门：市口岸办", BracketState())
    said, _ = parse_bracket("市口岸办负责", BracketState())
    assert listed.lead_units == said.lead_units == ["市口岸办"]  # the record: one unit alone leads
    assert role_lines(listed, phrases)[0].startswith("责任单位：市口岸办")
    assert role_lines(said, phrases)[0].startswith("负责单位：市口岸办")


def test_the_report_is_named_and_lists_the_rows_missed(tmp_path):
    from policykb.eval.harness import RunResult
    from policykb.eval.plans import write_plans_report

    record = _record(GUIDED)
    row = {"key": "推广绿色包装", "lead": ["县商务局"], "co": ["县邮政分局"], "deadline": ""}
    score = DutyScore([score_row("guided", row, record.tasks)])
    results = {"open · tune": RunResult("open tune", {}), "open · heldout": RunResult("open heldout", {})}
    path = write_plans_report(tmp_path, results, "policykb eval --plans x --report real", duties=score, name="real")
    assert path.name == "RESULTS-real.md" and (tmp_path / "results-real.json").is_file()
    text = path.read_text(encoding="utf-8")
    assert "| open · tune |" in text and "0/1 (0%)" in text and "`推广绿色包装`" in text


def test_a_sentence_of_counts_and_verbs_before_a_duty_verb_names_no_unit():
    plan = """青禾市职业技能提升实施方案
一、主要任务
（一）推动企业参与办学。完善校企人员相互兼职制度。2026年初步建成40个示范性产教联合体（联盟），带动中小企业参与。
（二）建设实训基地。建设一批公共实训基地。（市人力资源社会保障局牵头，市教育局配合）
"""
    units = [u for t in _record(plan).tasks for u in t.responsibility.units]
    assert units == ["市人力资源社会保障局", "市教育局"]
