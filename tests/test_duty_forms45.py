"""Forms of real task-division text from session 45's blind probe and the tune rows, on invented text (issue 23).

A lead mark stated as a convention (``标☆的为牵头单位`` · ``带*号的为牵头部门`` · ``★为牵头单位``), written inside the
first task's own unit list or once before the tasks: the marked unit leads, the others co-operate, and no name keeps
the mark. Without the convention a mark makes nobody a lead.

A division of duties written one unit a sentence with a colon and no item number (``市环保局：负责…。协调…。
市监察局：负责…``), run together in one paragraph after a heading of duties or one unit a line: each unit owns the
duties up to the next unit so named.

Two actions of one item assigned apart in running text (``由甲局牵头引进企业…。由甲局、乙局、丙局等部门负责落实
选址，…``): the second sentence is its own task, shared by its units, and never led by the first one's lead; a page
may end the first sentence with a half-width full stop (``…3-6个.由…``).
"""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text


def _record(text: str, name: str = "plan.txt"):
    return parse_text(text, "plan", name, 160)


def _row(text: str, key: str, lead: list[str], co: list[str], deadline: str = ""):
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": deadline}, _record(text).tasks)


MARK_IN_FIRST_ROW = """青禾市“数字+制造”行动方案
一、重点任务
(一)推进“数字+纺织”。支持龙头企业建设智能工厂，争创省级数字化车间试点。(责任单位:☆市经信局、市科技局。标☆的为牵头单位,下同。)
(二)推进“数字+农业”。建设智慧农场10个，推广智能农机200台。(责任单位:市农业农村局、☆市大数据局、市财政局)
"""

MARK_STATED_BEFORE = """白岭县智慧文旅三年行动计划
各乡镇人民政府，县直各单位：现将行动计划印发给你们（带*号的为牵头部门），请认真组织实施。
一、主要任务
1.建设智慧景区。2027年底前完成5个景区智能导览。责任单位：县文旅局*、县交通局、县自然资源局
2.培育文旅消费。每年举办夜间消费活动20场以上。责任单位：县商务局、县文旅局*
"""

MARK_WITHOUT_CONVENTION = """白岭县智慧文旅三年行动计划
一、主要任务
1.建设智慧景区。2027年底前完成5个景区智能导览。责任单位：县文旅局*、县交通局、县自然资源局
"""


@pytest.mark.parametrize(
    ("text", "key", "lead", "co"),
    [
        (MARK_IN_FIRST_ROW, "争创省级数字化车间试点", ["市经信局"], ["市科技局"]),
        (MARK_IN_FIRST_ROW, "建设智慧农场10个", ["市大数据局"], ["市农业农村局", "市财政局"]),
        (MARK_STATED_BEFORE, "完成5个景区智能导览", ["县文旅局"], ["县交通局", "县自然资源局"]),
        (MARK_STATED_BEFORE, "每年举办夜间消费活动20场以上", ["县文旅局"], ["县商务局"]),
    ],
)
def test_a_unit_with_the_stated_lead_mark_leads(text, key, lead, co):
    outcome = _row(text, key, lead, co)
    assert outcome.right, outcome.reason


def test_no_unit_name_keeps_the_mark():
    units = {u for t in _record(MARK_IN_FIRST_ROW).tasks for u in t.responsibility.units}
    assert units and not any("☆" in u for u in units)


def test_a_mark_with_no_convention_makes_no_lead():
    task = _record(MARK_WITHOUT_CONVENTION).tasks[0]
    assert task.responsibility.lead_units == []


DUTIES_RUN_TOGETHER = (
    "青禾市噪声污染防治联席会议制度\n"
    "一、联席会议组成 联席会议由分管副市长担任召集人，联席会议办公室设在市生态环境局。 二、成员单位职责"
    "市生态环境局:负责全市噪声污染防治的统一监督管理。组织编制年度工作方案;承担联席会议办公室日常工作。 "
    "市公安局:负责机动车违法鸣笛和改装车辆噪声的查处。 市住建局:负责建筑施工噪声的监督管理,夜间施工审批每月公示一次。\n"
)

DUTIES_ONE_A_LINE = """白岭县农贸市场提升工作方案
三、部门职责
县市场监管局：负责农贸市场食品安全和计量器具的日常监管。
县商务局：牵头制定农贸市场改造提升计划，2026年6月底前完成5个市场改造。
县城管局：做好市场周边占道经营的整治。
"""


@pytest.mark.parametrize(
    ("text", "key", "lead", "deadline"),
    [
        (DUTIES_RUN_TOGETHER, "负责全市噪声污染防治的统一监督管理", ["市生态环境局"], ""),
        (DUTIES_RUN_TOGETHER, "承担联席会议办公室日常工作", ["市生态环境局"], ""),
        (DUTIES_RUN_TOGETHER, "机动车违法鸣笛和改装车辆噪声的查处", ["市公安局"], ""),
        (DUTIES_RUN_TOGETHER, "夜间施工审批每月公示一次", ["市住建局"], ""),
        (DUTIES_ONE_A_LINE, "食品安全和计量器具的日常监管", ["县市场监管局"], ""),
        (DUTIES_ONE_A_LINE, "牵头制定农贸市场改造提升计划", ["县商务局"], "2026年6月底前"),
        (DUTIES_ONE_A_LINE, "市场周边占道经营的整治", ["县城管局"], ""),
    ],
)
def test_a_unit_named_with_a_colon_owns_the_duties_up_to_the_next_unit(text, key, lead, deadline):
    outcome = _row(text, key, lead, [], deadline)
    assert outcome.right, outcome.reason
    assert outcome.deadline_right in (None, True)


def test_a_units_duties_are_named_by_the_duty_not_the_unit():
    titles = [t.title for t in _record(DUTIES_RUN_TOGETHER).tasks]
    assert "负责机动车违法鸣笛和改装车辆噪声的查处" in titles


def test_a_label_with_a_colon_is_no_unit_with_duties():
    text = "青禾市老旧小区改造方案\n一、加装电梯\n市级责任单位：市住建局、市财政局\n"
    assert all(t.responsibility.lead_units != ["市级责任单位"] for t in _record(text).tasks)


TWO_ACTIONS = """青禾区餐厨废弃物资源化利用工作方案
二、主要措施
1.建立餐厨废弃物收运体系。由区城管局牵头引进餐厨废弃物处理企业，全区建成收运站点3-5个。由区城管局、区自然资源局、区住建局等部门负责落实收运站点的选址，企业负责收运车辆的配置。
2.加强源头管理。由区市场监管局负责餐饮单位台账的检查。
"""


@pytest.mark.parametrize("stop", ["。", "."])
@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("引进餐厨废弃物处理企业", ["区城管局"], []),
        ("负责落实收运站点的选址", [], ["区城管局", "区自然资源局", "区住建局"]),
        ("餐饮单位台账的检查", ["区市场监管局"], []),
    ],
)
def test_an_action_assigned_to_units_by_its_own_sentence_is_its_own_task(stop, key, lead, co):
    outcome = _row(TWO_ACTIONS.replace("3-5个。", "3-5个" + stop), key, lead, co)
    assert outcome.right, outcome.reason


SEAT = """青禾市噪声污染防治联席会议制度
一、联席会议组成
联席会议由分管副市长担任召集人，市生态环境局主要负责人担任副召集人。联席会议办公室设在市生态环境局，负责日常工作。
二、应急指挥
市噪声投诉应急指挥部下设办公室在市城管局,承担指挥部日常工作。
三、成员单位职责
市公安局：负责机动车违法鸣笛的查处。
"""


def test_the_unit_an_office_sits_in_is_read_and_asked():
    from policykb.bot.answers.seat import asks_seat, seated_unit

    assert seated_unit("联席会议办公室设在市生态环境局，负责日常工作") == "市生态环境局"
    assert seated_unit("指挥部下设办公室在市城管局,承担指挥部日常工作") == "市城管局"
    assert seated_unit("办公室设在一楼东侧") == ""
    assert asks_seat("联席会议办公室设在哪个单位？") and asks_seat("指挥部的办公室在哪里？")
    assert not asks_seat("联席会议由谁担任召集人？")


@pytest.fixture(scope="module")
def seat_shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("duty-forms45"), e5, {"青禾市噪声污染防治联席会议制度.txt": SEAT})


@pytest.mark.slow
def test_where_an_office_sits_is_answered_by_the_sentence_that_seats_it(seat_shelf):
    answer = seat_shelf.ask("青禾市噪声污染防治联席会议办公室设在哪个单位？")
    assert answer.answerable and "市生态环境局" in answer.answer.split("方案原文")[0], answer.answer
    answer = seat_shelf.ask("青禾市噪声投诉应急指挥部的办公室设在哪个单位？")
    assert answer.answerable and "市城管局" in answer.answer.split("方案原文")[0], answer.answer
    answer = seat_shelf.ask("青禾市噪声污染防治领导小组办公室设在哪里？")
    assert not answer.answerable or "市生态环境局" not in answer.answer, answer.answer  # no 领导小组 is seated


DUTIES_UNDER_UNIT_LINES = """青禾市保障农民工工资支付工作职责分工
市人力资源社会保障局
负责农民工工资支付的监督检查工作。
(一)建立欠薪预警机制,每季度开展一次排查。
(二)建立工资保证金制度。
市住建局
(一)在施工现场设立维权信息告示牌。
(二)推行工资专用账户管理。
市中级人民法院
(一)开通欠薪案件绿色通道,依法快立快审快执。
"""

SIGNATURE_BEFORE_ITEMS = """白岭县人民政府办公室关于印发2026年重点工作任务的通知
各乡镇人民政府，县直各单位：
现将2026年重点工作任务印发给你们，请认真贯彻执行。
白岭县人民政府办公室
2026年2月10日
(一)新建城市书房5个。
(二)改造农贸市场3个。
"""


@pytest.mark.parametrize(
    ("key", "lead"),
    [
        ("负责农民工工资支付的监督检查工作", ["市人力资源社会保障局"]),
        ("建立欠薪预警机制", ["市人力资源社会保障局"]),
        ("建立工资保证金制度", ["市人力资源社会保障局"]),
        ("在施工现场设立维权信息告示牌", ["市住建局"]),
        ("推行工资专用账户管理", ["市住建局"]),
        ("开通欠薪案件绿色通道", ["市中级人民法院"]),
    ],
)
def test_numbered_duties_under_a_units_own_line_are_the_units(key, lead):
    outcome = _row(DUTIES_UNDER_UNIT_LINES, key, lead, [])
    assert outcome.right, outcome.reason


def test_a_signature_line_before_numbered_items_leads_none_of_them():
    units = {u for t in _record(SIGNATURE_BEFORE_ITEMS).tasks for u in t.responsibility.units}
    assert "白岭县人民政府办公室" not in units


ITEM_BEFORE_UNIT_LINE = """青禾市保障农民工工资支付工作职责分工
(三)对于在建的政府投资项目,建设资金必须按工程进度及时到位。
市人力资源社会保障局
负责农民工工资支付的监督检查工作。
(一)建立欠薪预警机制。
"""


def test_a_units_duty_after_its_line_stands_under_the_unit_not_the_item_before():
    tasks = _record(ITEM_BEFORE_UNIT_LINE).tasks
    duty = next(t for t in tasks if "监督检查" in t.text)
    assert duty.path == ["市人力资源社会保障局"] and "政府投资项目" not in duty.section
    assert not any("政府投资项目" in t.text and t.responsibility.units for t in tasks)
