"""Pages that report on a plan instead of being it, and the questions officials ask of them (issue 23).

A news item, a 政策解读 or an encyclopedia entry names the plan in a sentence (``甲省人民政府办公厅印发《…》``,
``制定印发《…关于印发…的通知》``, ``特制订《…》``), lists its measures as titled items (``《新增就业2000人以上》
《建成幼儿园3所，新增园位800个以上》``) and its parts in numbered lines. Every plan here is invented (invented
places, bodies and numbers) in those forms.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.clause import ASK
from policykb.bot.answers.outline import section_named
from policykb.bot.answers.sentences import times_named
from policykb.bot.answers.targeting import unit_compatible_text
from policykb.bot.question import classify
from policykb.ingest.parser import parse_text
from policykb.ingest.targets import extract_targets
from policykb.kb.text import split_items
from policykb.kb.units import UnitDirectory

# A 政策解读: the plan is named only inside the sentence that says it was issued; its measures are titled items.
READING = """\
索引号: | 000000000/2024-00001 | 公开方式: | 主动公开 |
发布机构: | 县政府办公室 | 组配分类: | 县政策解读 |
成文日期: | 2024-05-06 | 有效性: | 有效 |
桐溪县二届人大三次会议确定了2024年全县集中办理的6件为民实事，为促进工作落实，县政府办公室制定印发《桐溪县人民政府办公室关于印发2024年县列为民实事实施方案的通知》（以下简称《通知》），现对《通知》进行政策解读。
一、《通知》出台的目的
保障和改善民生，切实把全县决定办理的6件实事办好办实。
二、《通知》主要内容
《通知》内容主要包括《城镇新增就业1500人以上》《建成幼儿园2所，新增园位800个以上》《为600名老人开展免费体检》《建成农村公路120公里，建设公路驿站6处》6个县列为民办实事方案。
"""

# A news item: the issuing body and the month in one sentence; the plan's parts in numbered sections.
NEWS = """\
东浦：启动乡村供水提升行动
近日，北江省东浦市出台《东浦市乡村供水提升行动实施方案》，推动城乡供水一体化。
2024年3月，东浦市人民政府办公室印发《东浦市乡村供水提升行动实施方案》。
方案提出，要牢牢守住供水安全和不发生水质事故两条底线。
一、总体目标
到2026年，农村自来水普及率达到96%，规模化供水工程覆盖农村人口比例达到85%以上。
二、主要任务
（一）实施水源保障工程。
新建水源工程12处。
（二）实施管网延伸工程。
新建供水管网300公里。
三、基本原则
一是坚持城乡统筹。统一规划城乡供水设施。二是坚持水质优先。强化水源地保护。
"""

BASIS_ONLY = """\
东浦市关于加快乡村供水的若干措施
根据省政府印发《北江省乡村供水规划》的要求，结合我市实际，提出如下措施。
一、加快水源建设。
"""


def test_a_report_names_the_plan_it_reports_on():
    reading = parse_text(READING, "r", "r.txt", 160)
    assert reading.title == "2024年县列为民实事实施方案"
    assert reading.authority == "桐溪县人民政府办公室" and reading.place == "桐溪县"
    news = parse_text(NEWS, "n", "n.txt", 160)
    assert news.title == "东浦市乡村供水提升行动实施方案"
    assert news.authority == "东浦市人民政府办公室" and news.date == "2024年3月"
    # a file the plan carries out is no title of its own
    assert parse_text(BASIS_ONLY, "b", "b.txt", 160).title == "东浦市关于加快乡村供水的若干措施"
    assert parse_text(BASIS_ONLY.split("\n", 1)[1], "c", "c.txt", 160).title == "c"


def test_a_page_field_gives_the_date_and_the_full_issuer():
    page = (
        "县人民政府办公室关于印发2024年重点工作责任分解方案的通知\n"
        "文号: 桐政办发〔2024〕2号 发文单位: 桐溪县人民政府办公室\n"
        "有效性: 有效 发文日期: 2024年02月09日\n"
        "各镇人民政府，县政府各部门：\n现将方案印发给你们。\n一、抓好落实。\n"
    )
    record = parse_text(page, "p", "p.txt", 160)
    assert record.authority == "桐溪县人民政府办公室" and record.date == "2024年02月09日"


def test_a_count_in_a_unit_is_no_year():
    assert times_named("城镇新增就业2000人以上") == set()
    assert times_named("新增园位2000个") == set()
    assert times_named("到2025年，新增园位800个") == {"2025"}


def test_titled_items_are_read_one_by_one():
    text = "内容主要包括《城镇新增就业1500人以上》《建成幼儿园2所，新增园位800个以上》6个方案。下一句。"
    spans = [text[s:e] for s, e in split_items(text)]
    assert spans == [
        "内容主要包括",
        "城镇新增就业1500人以上",
        "建成幼儿园2所，新增园位800个以上",
        "6个方案。",
        "下一句。",
    ]
    targets = extract_targets(text, "r", [], 0, "2024")
    by_value = {t.value + t.unit: t.indicator for t in targets}
    assert "就业" in by_value["1500人"] and "园位" in by_value["800个"], by_value
    assert all("》" not in t.indicator and "《" not in t.indicator for t in targets)


def test_which_ones_is_not_how_many():
    units = UnitDirectory([])
    assert unit_compatible_text("分解为几个方面？", "分解为五个方面") and not unit_compatible_text(
        "几个方面？", "若干方面"
    )
    assert unit_compatible_text("要打造哪几个“一网”？", "打造“一网通办”")
    assert classify("要打造哪几个“一网”的新格局？", units).kind != "target"
    assert ASK.search("要打造哪几个“一网”的新格局？") is None
    assert classify("要建成几所幼儿园？", units).kind == "target" and ASK.search("要建成几所幼儿园？")


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("东浦市乡村供水提升行动实施方案主要任务的第一项是什么？", "主要任务"),
        ("东浦乡村供水的主要任务有哪些？", "主要任务"),
        ("东浦乡村供水行动的第二项是什么？", ""),  # it names no section a heading holds
        ("东浦供水方案列出的第一项供水保障工程是什么？", "供水保障工程"),  # named after the ordinal
        ("东浦“五大工程”中第一项工程是什么？", ""),  # 工程 is the kind of part asked, not a section
    ],
)
def test_the_section_a_question_names(question, named):
    headings = ["一、总体目标", "二、主要任务", "（一）实施水源保障工程。", "三、实施供水保障工程", "（一）水源工程"]
    assert section_named(question, headings) == named


@pytest.fixture(scope="module")
def reports(tmp_path_factory, e5):
    """The two reports on one shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    plans = {"tongxi-reading.txt": READING, "dongpu-news.txt": NEWS}
    return e5_shelf(tmp_path_factory.mktemp("report-shelf"), e5, plans)


def test_the_measures_of_a_reading_are_answered_each(reports):
    jobs = reports.ask("桐溪县2024年城镇新增就业目标是多少？")
    assert "1500人" in jobs.answer and "800" not in jobs.answer.split("\n")[1], jobs.answer
    roads = reports.ask("桐溪县2024年要建成多少公里农村公路？")
    assert "120公里" in roads.answer, roads.answer
    refused = reports.ask("桐溪县2024年为民实事的总投资是多少万元？")
    assert not refused.answerable, refused.answer


def test_the_first_part_of_a_named_section(reports):
    first = reports.ask("东浦市乡村供水提升行动实施方案主要任务的第一项是什么？")
    assert "水源保障工程" in first.answer and "总体目标" not in first.answer, first.answer
    issued = reports.ask("东浦市乡村供水提升行动实施方案是哪个单位什么时候印发的？")
    assert "东浦市人民政府办公室" in issued.answer and "2024年3月" in issued.answer, issued.answer


def test_parts_a_sentence_counts_and_a_section_its_heading_names(reports):
    lines = reports.ask("东浦乡村供水要牢牢守住哪两条底线？").answer
    assert "供水安全" in lines and "水质事故" in lines, lines
    principles = reports.ask("东浦乡村供水提升行动的基本原则有哪些？").answer
    assert "坚持城乡统筹" in principles and "坚持水质优先" in principles, principles


def test_it_after_a_question_about_a_plan_is_that_plan():
    from policykb.bot.dialog import PlanNames, Resolver, Turn

    titles = {"water": "东浦市乡村供水提升行动实施方案", "air": "青禾市2024年大气污染防治工作方案"}
    names = PlanNames(UnitDirectory([]), [], [], titles, {"water": "东浦市", "air": "青禾市"})
    read = Resolver(names).resolve("它依据了哪些省级文件？", [Turn("东浦市供水实施方案的文号是什么？")])
    assert read.follow_up and "东浦市" in read.text and "依据了哪些省级文件" in read.text, read.text
    asked = Resolver(names).resolve("它的完成时限是什么时候？", [Turn("东浦市供水工程由哪个单位牵头？")])
    assert "方案" not in asked.text  # after a question about a task, 它 is not the plan


def test_an_autonomous_county_is_named_by_its_short_name():
    from policykb.bot.scope import question_scope

    notice = "桐溪藏族自治县人民政府办公室关于印发《2024年县列为民实事实施方案》的通知\n一、目标\n建成幼儿园2所。"
    record = parse_text(notice, "t", "t.txt", 160)
    other = parse_text(NEWS, "n", "n.txt", 160)
    assert record.place == "桐溪藏族自治县"
    assert question_scope("桐溪县2024年要建成几所幼儿园？", [other, record], []).doc_ids == ["t"]
    assert question_scope("桐溪要建成几所幼儿园？", [other, record], []).doc_ids == ["t"]


LEAD = "近日，青禾市人民政府办公室印发了《青禾市城市更新三年行动方案》，明确到2026年完成改造项目120个。"
BELOW = "\n一、主要目标\n到2026年，完成城市更新项目120个。\n"


@pytest.mark.parametrize(
    "heading", ["政府工作报告", "城市更新行动", "青禾市出台城市更新三年行动方案", "青禾发布城市更新行动计划"]
)
def test_a_heading_or_headline_above_the_lead_sentence_is_not_the_title(heading):
    """A site's column heading or a news headline is the page's title line; the plan is the one its lead sentence
    names, with the body that issued it."""
    record = parse_text(f"{heading}\n发布时间：2024-05-06\n{LEAD}{BELOW}", "h", "h.txt", 160)
    assert record.title == "青禾市城市更新三年行动方案" and record.authority == "青禾市人民政府办公室"
    issued = "日前，《青禾市城市更新三年行动方案（2024—2026年）》正式印发。"
    news = parse_text(f"{heading}\n{issued}{BELOW}", "n", "n.txt", 160)
    assert news.title == "青禾市城市更新三年行动方案（2024—2026年）"


def test_a_plans_own_title_keeps_the_file_its_opening_names():
    own = "青禾市城市更新三年行动方案\n2023年，市政府出台《青禾市老旧小区改造办法》，取得明显成效。为此制定本方案。"
    assert parse_text(own + BELOW, "o", "o.txt", 160).title == "青禾市城市更新三年行动方案"
    report = "政府工作报告\n各位代表：我代表市人民政府向大会报告工作。2023年，我们出台《青禾市老旧小区改造办法》。"
    assert parse_text(report + BELOW, "r", "r.txt", 160).title == "政府工作报告"  # the lead names no plan it is
