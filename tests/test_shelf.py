"""A shelf of plans in one knowledge base (issue 16): ten fixture plans of seven places in one index.

The plans (``tests/data/plans``, invented text): three of 青禾市 (its 2024 and 2025 air plans and a
business-environment plan), 东浦区, 河西市, 岚溪市, 金川市, 南屿市 (cities and districts sharing unit names such as
市市场监管局 and 市发展改革委), 桐溪县 and 临川县 (counties, whose 县市场监管局 is not a city's). The index is built
once for the module with the real engine (embedded Chroma, jieba, MiniLM).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykb.bot.cli import app
from policykb.bot.scope import compared, for_plan, question_scope, within_places
from policykb.eval.plans import plan_blocks
from policykb.ingest.parser import parse_text
from policykb.kb.units import PlanUnits, UnitShelf, canonical_names, plan_level, stretches

PLANS = Path(__file__).resolve().parent / "data" / "plans"
SHELF = (
    "qinghe_air_2024",
    "qinghe_air_2025",
    "qinghe_business_env",
    "dongpu_work_report_2023",
    "hexi_work_report_2024_table",
    "lanxi_work_report_2025",
    "jinchuan_consumption",
    "nanyu_energy_html",
    "tongxi_urban_renewal",
    "linchuan_rural_tasks",
)


def _record(name: str):
    return parse_text((PLANS / f"{name}.txt").read_text(encoding="utf-8"), name, f"{name}.txt", 160)


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, minilm):
    """One knowledge base holding the ten plans (and no other)."""
    from policykb.bot.engine import KnowledgeBot
    from tests.conftest import make_settings

    home = tmp_path_factory.mktemp("shelf-of-plans")
    folder = home / "plans"
    folder.mkdir()
    for name in SHELF:
        shutil.copy(PLANS / f"{name}.txt", folder / f"{name}.txt")
    bot = KnowledgeBot(make_settings(home / "home"), embeddings=minilm, show_progress=False)
    bot.ingest([folder])
    assert len(bot.index().documents) == len(SHELF)
    return bot


def _blocks(bot, answer) -> dict[str, str]:
    """The answer's text under each plan's heading, by plan file stem."""
    blocks = plan_blocks(answer.answer, list(bot.index().documents.values()))
    return {Path(source).stem: text for source, text in blocks.items()}


# -- units, resolved within their plan (no index needed) ----------------------------------------------------------
def test_a_unit_without_its_level_is_its_plans_unit():
    assert plan_level(["市发展改革委", "市场监管局", "市公安局"]) == "市"
    written = ["市发展改革委", "市公安局", "市场监管局", "大数据中心", "各区人民政府", "国网青禾供电公司", "青禾海事局"]
    assert canonical_names(written, "青禾市") == {
        "市发展改革委": "市发展改革委",
        "市公安局": "市公安局",
        "市场监管局": "市市场监管局",
        "大数据中心": "市大数据中心",
        "各区人民政府": "各区人民政府",
        "国网青禾供电公司": "国网青禾供电公司",
        "青禾海事局": "青禾海事局",  # the plan's place's own body
    }
    assert canonical_names(["县住建局", "县财政局", "市场监管局"])["市场监管局"] == "县市场监管局"
    assert canonical_names(["市场监管局"]) == {"市场监管局": "市场监管局"}  # no level to read: left as written


def test_the_2025_air_plan_counts_its_bare_market_regulator_as_the_citys():
    record = _record("qinghe_air_2025")
    plan = UnitShelf.of_documents([record]).of(record.doc_id)
    counts = {unit: (lead, co) for unit, lead, co in plan.counts(record.tasks)}
    assert counts["市市场监管局"] == (1, 1) and "市场监管局" not in counts
    assert plan.find("市市场监管局负责哪些工作？") == ["市市场监管局"]
    assert plan.find("市场监管局负责哪些工作？") == ["市市场监管局"]


def test_a_unit_of_another_level_is_not_this_plans():
    county = PlanUnits("county", ["县市场监管局", "县住建局", "县财政局"])
    city = PlanUnits("city", ["市市场监管局", "市住建局", "市发展改革委"])
    assert county.find("市市场监管局负责哪些工作？") == []
    assert county.find("市场监管局负责哪些工作？") == ["县市场监管局"]
    assert city.find("县市场监管局负责哪些工作？") == []
    assert city.find("全市发改委干什么？") == ["市发展改革委"]


def test_a_plan_none_of_whose_names_the_question_holds_is_not_scanned_for_its_units():
    """``names_any`` (a set's look-up that spares scanning every plan's units for a question at 1,000 plans) says no
    only of a plan whose units ``find`` finds none of in the question."""
    units = UnitShelf.of_documents([_record(name) for name in SHELF])
    questions = ["市市场监管局负责哪些工作？", "全市发改委干什么？", "县住建局和县财政局分别负责什么？", "取暖率多少？"]
    spared = found = 0
    for question in questions:
        said = stretches(question)
        for name in SHELF:
            plan = units.of(name)
            named = plan.directory.names_any(said)
            assert named or plan.find(question) == []
            spared, found = spared + (not named), found + bool(plan.find(question))
    assert spared and found  # some plans spared, some plans' units found


def test_two_cities_sharing_a_unit_name_keep_their_own_units():
    records = [_record("jinchuan_consumption"), _record("lanxi_work_report_2025"), _record("tongxi_urban_renewal")]
    units = UnitShelf.of_documents(records)
    found = units.in_plans("市市场监管局负责哪些工作？", [r.doc_id for r in records])
    assert found == {"jinchuan_consumption": ["市市场监管局"], "lanxi_work_report_2025": ["市市场监管局"]}
    assert units.of("jinchuan_consumption") is not units.of("lanxi_work_report_2025")


# -- which plans a question names (no index needed) ----------------------------------------------------------
def test_the_named_places_outrank_a_title_stretch_but_keep_its_narrowing():
    names = ("qinghe_air_2024", "qinghe_air_2025", "qinghe_business_env", "jinchuan_consumption",
             "dongpu_work_report_2023", "nanyu_energy_html")  # fmt: skip
    records = {n: _record(n) for n in names}
    docs = list(records.values())
    by_year = question_scope("到2023年底，金川市网络零售额要突破多少？", docs, [])
    assert by_year.doc_ids == ["jinchuan_consumption"]
    assert within_places(by_year, ["dongpu_work_report_2023"], records) == ["jinchuan_consumption"]
    two = question_scope("南屿市和金川市的目标分别是多少？", docs, [])
    assert within_places(two, ["jinchuan_consumption"], records) == two.doc_ids  # both places stay
    place = question_scope("青禾市优化营商环境的目标是多少？", docs, [])
    assert within_places(place, ["qinghe_business_env"], records) == ["qinghe_business_env"]
    years = question_scope("青禾市2024年和2025年的优良天数比率分别是多少？", docs, [])
    assert years.exact and within_places(years, ["qinghe_air_2024"], records) == ["qinghe_air_2024", "qinghe_air_2025"]
    assert question_scope("到2025年，青禾市优良天数比率要达到多少？", docs, []).doc_ids == [
        "qinghe_air_2024",
        "qinghe_air_2025",
        "qinghe_business_env",
    ]  # a year a target is due by picks no plan


def test_a_comparison_of_years_asks_each_plan_of_its_own_year():
    a, b = _record("qinghe_air_2024"), _record("qinghe_air_2025")
    question = "青禾市2024年和2025年的优良天数比率分别是多少？"
    assert compared(question, [a, b]) and not compared("青禾市优良天数比率是多少？", [a, b])
    assert compared("金川市和南屿市的目标", [_record("jinchuan_consumption"), _record("nanyu_energy_html")])
    assert for_plan(question, a, [a, b]) == "青禾市2024年的优良天数比率分别是多少？"
    assert for_plan(question, b, [a, b]) == "青禾市2025年的优良天数比率分别是多少？"


# -- the shelf: one index of ten plans --------------------------------------------------------------------------
def test_units_doc_lists_that_plans_units(shelf):
    settings = shelf.settings
    env = {
        "POLICYKB_HOME": str(settings.home),
        "POLICYKB_EMBEDDING_BACKEND": settings.embedding_backend,
        "POLICYKB_EMBEDDING_MODEL": settings.embedding_model,
    }
    result = CliRunner().invoke(app, ["units", "--doc", "青禾市2025年大气污染防治工作方案"], env=env)
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert rows[0] == "单位\t牵头\t配合\t文件"
    assert "市市场监管局\t1\t1\t《青禾市2025年大气污染防治工作方案》" in rows
    assert all(row.endswith("《青禾市2025年大气污染防治工作方案》") for row in rows[1:])
    assert not any(row.startswith("市场监管局\t") for row in rows)


@pytest.mark.parametrize(
    ("question", "want", "not_want"),
    [
        ("青禾市2025年PM2.5平均浓度要控制在多少？", "32", "34"),
        ("青禾市2024年PM2.5平均浓度要控制在多少？", "34", "32"),
        ("南屿市2024年要新建多少个公共充电桩？", "800个", "2.2万"),
        ("到2023年底，金川市网络零售额要突破多少？", "300亿元", "东浦"),  # not the plan whose title holds 2023
    ],
)
def test_a_scoped_target_comes_from_the_named_plan(shelf, question, want, not_want):
    answer = shelf.ask(question)
    assert answer.answerable, answer.answer
    assert want in answer.answer and not_want not in answer.answer, answer.answer


def test_a_search_within_some_plans_masks_the_others_chunks_by_plan_code(shelf):
    """BM25 within some plans keeps the chunks of those plans (``in_documents``: the plans' codes compared, the
    same chunks as comparing each chunk's plan id with each plan's), and only theirs."""
    index = shelf.index()
    ids = list(index.documents)
    for wanted in ([ids[0]], ids[2:5], ids, ["absent", ids[-1]], []):
        assert index.in_documents(wanted).tolist() == [c.doc_id in wanted for c in index.chunks]
    hits = shelf.retriever("bm25", doc_ids=ids[2:4]).invoke("市市场监管局负责哪些工作？")
    assert hits and {d.metadata["doc_id"] for d in hits} <= set(ids[2:4])


def test_a_scoped_owner_question_names_the_plans_lead(shelf):
    answer = shelf.ask("金川市开展放心消费行动由哪个单位牵头？")
    assert answer.answerable, answer.answer
    assert "牵头单位：市市场监管局" in answer.answer or "负责单位：市市场监管局" in answer.answer
    assert "金川市促进消费扩容提质若干措施" in answer.answer


def test_a_scoped_unit_question_lists_only_that_citys_tasks(shelf):
    answer = shelf.ask("金川市的市场监管局负责哪些工作？")
    assert answer.answerable and answer.kind == "unit_tasks", answer.answer
    assert "放心消费" in answer.answer
    assert "改造提升农贸市场" not in answer.answer and "油品质量" not in answer.answer  # 岚溪's, 青禾's tasks


def test_a_bare_unit_name_in_a_citys_plan_answers_for_the_citys_unit(shelf):
    answer = shelf.ask("青禾市2025年市市场监管局负责哪些工作？")
    assert answer.answerable and answer.kind == "unit_tasks", answer.answer
    assert "开展油品质量专项检查" in answer.answer and "加强餐饮油烟治理" in answer.answer


def test_an_unscoped_unit_question_groups_tasks_by_plan(shelf):
    answer = shelf.ask("市市场监管局负责哪些工作？")
    assert answer.answerable and answer.kind == "unit_tasks", answer.answer
    blocks = _blocks(shelf, answer)
    assert len(blocks) >= 2, answer.answer
    assert "tongxi_urban_renewal" not in blocks  # a county's 县市场监管局 is not a city's
    for name, block in blocks.items():  # every task listed under a plan is that plan's
        text = (PLANS / f"{name}.txt").read_text(encoding="utf-8")
        titles = [line.split(". ", 1)[1].split("（")[0] for line in block.split("\n") if line[:1].isdigit()]
        assert titles and all(t[:6] in text for t in titles), (name, titles)
    assert {p["doc_id"] for p in answer.evidence["plans"]} <= {name.replace("_", "-") for name in SHELF}


def test_the_citys_development_commission_is_grouped_by_plan(shelf):
    answer = shelf.ask("市发改委负责哪些工作？")
    assert answer.answerable and answer.kind == "unit_tasks", answer.answer
    blocks = _blocks(shelf, answer)
    assert len(blocks) >= 2 and all("市发展改革委共涉及" in b for b in blocks.values()), answer.answer
    assert "地区生产总值增长5.5%左右" in blocks.get("hexi_work_report_2024_table", "")
    assert "地区生产总值增长5.5%" not in blocks.get("lanxi_work_report_2025", "")


def test_an_unscoped_target_is_answered_per_plan_never_merged(shelf):
    answer = shelf.ask("地区生产总值增长目标是多少？")
    assert answer.answerable, answer.answer
    blocks = _blocks(shelf, answer)
    assert len(blocks) >= 2, answer.answer
    figures = ("6%左右", "5.5%左右", "5%以上")
    for line in answer.answer.split("\n"):
        assert sum(f in line for f in figures) <= 1, line
    for name, figure in (("dongpu_work_report_2023", "6%左右"), ("hexi_work_report_2024_table", "5.5%左右")):
        if name in blocks:
            assert figure in blocks[name], (name, blocks[name])


def test_a_place_not_in_the_knowledge_base_is_refused_by_name(shelf):
    answer = shelf.ask("杭州市的老旧小区改造目标是多少？")
    assert not answer.answerable
    assert "知识库中没有" in answer.answer and "杭州市" in answer.answer
    assert "120个" not in answer.answer and "46个" not in answer.answer


def test_two_plans_compared_side_by_side(shelf):
    answer = shelf.ask("河西市和金川市的社会消费品零售总额增长目标分别是多少？")
    assert answer.answerable, answer.answer
    blocks = _blocks(shelf, answer)
    assert "6%" in blocks["hexi_work_report_2024_table"] and "7%" not in blocks["hexi_work_report_2024_table"]
    assert "7%" in blocks["jinchuan_consumption"] and "6%" not in blocks["jinchuan_consumption"]
    assert set(blocks) == {"hexi_work_report_2024_table", "jinchuan_consumption"}


def test_three_plans_compared_side_by_side(shelf):
    answer = shelf.ask("东浦区、河西市和岚溪市的地区生产总值增长目标分别是多少？")
    assert answer.answerable, answer.answer
    blocks = _blocks(shelf, answer)
    assert set(blocks) == {"dongpu_work_report_2023", "hexi_work_report_2024_table", "lanxi_work_report_2025"}
    assert "6%左右" in blocks["dongpu_work_report_2023"]
    assert "5.5%左右" in blocks["hexi_work_report_2024_table"]
    assert "5%以上" in blocks["lanxi_work_report_2025"]


def test_a_compared_plan_without_the_target_says_so(shelf):
    answer = shelf.ask("河西市和南屿市的社会消费品零售总额增长目标分别是多少？")
    assert answer.answerable, answer.answer
    blocks = _blocks(shelf, answer)
    assert "6%" in blocks["hexi_work_report_2024_table"]
    lacking = blocks["nanyu_energy_html"]  # the part it does not give, named
    assert "方案未写明：南屿市" in lacking and "社会消费品零售总额" in lacking and "%" not in lacking


def test_two_years_of_one_place_compared(shelf):
    answer = shelf.ask("青禾市2024年和2025年的优良天数比率目标分别是多少？")
    assert answer.answerable, answer.answer
    blocks = _blocks(shelf, answer)
    assert "85%" in blocks["qinghe_air_2024"] and "87%" not in blocks["qinghe_air_2024"]
    assert "87%" in blocks["qinghe_air_2025"] and "85%" not in blocks["qinghe_air_2025"]


# -- the 部门职责 tab over every plan: one entry per unit name, its tasks plan by plan ---------------------------
def _own_tasks(doc, shelf, unit: str) -> list[str]:
    """The titles of ``doc``'s tasks whose bracket names ``unit`` (names resolved in the plan)."""
    plan = shelf.of(doc.doc_id)
    return [t.title for t in doc.tasks if unit in plan.names_of(t.responsibility.units)]


def test_every_plan_lists_each_unit_name_once(shelf):
    from policykb.bot import views

    index = shelf.index()
    docs = index.documents
    panel = views.units_panel(docs, views.ALL_PLANS, index.units)
    assert panel.grouped and len(panel.plans) == len(SHELF)
    choices = dict((key.split("\t")[1], label) for label, key in panel.choices())
    assert len(choices) == len(panel.choices()) < sum(len(p.counts) for p in panel.plans)  # not plan × unit
    assert set(choices) == {unit for p in panel.plans for unit, *_ in p.counts}
    assert all(key.startswith(f"{views.ALL_PLANS}\t") for _, key in panel.choices())
    assert "市场监管局" not in choices  # 青禾's 2025 plan writes it bare: its 市市场监管局
    named = [d for d in docs.values() if _own_tasks(d, index.units, "市市场监管局")]
    assert len(named) >= 3 and choices["市市场监管局"].endswith(f" — {len(named)} 个方案")
    single = next(u for u in choices if sum(bool(_own_tasks(d, index.units, u)) for d in docs.values()) == 1)
    home = next(d for d in docs.values() if _own_tasks(d, index.units, single))
    assert choices[single].endswith(f" —《{home.title}》")  # a unit of one plan names it


def test_a_unit_picked_over_every_plan_shows_its_tasks_plan_by_plan(shelf):
    from policykb.bot import views
    from policykb.bot.page import render

    index = shelf.index()
    docs = index.documents
    view = views.unit_tasks(docs, f"{views.ALL_PLANS}\t市市场监管局", index.units)
    assert view is not None and view.unit == "市市场监管局"
    named = [d for d in docs.values() if _own_tasks(d, index.units, "市市场监管局")]
    assert [p.plan for p in view.plans] == [d.title for d in named]  # in the index's order, none without a task
    assert not any(d.doc_id == "tongxi-urban-renewal" for d in named)  # a county's 县市场监管局 is another unit
    for plan, doc in zip(view.plans, named):
        assert sorted(t.title for t in [*plan.lead, *plan.co]) == sorted(_own_tasks(doc, index.units, "市市场监管局"))
        assert not {t.title for t in plan.lead} & {t.title for t in plan.co}
    bare = next(p for p in view.plans if "市场监管局" in p.written)  # the 2025 air plan's bare name
    assert (len(bare.lead), len(bare.co)) == (1, 1) and bare.plan == docs["qinghe-air-2025"].title
    label = dict((key, label) for label, key in views.units_panel(docs, views.ALL_PLANS, index.units).choices())
    assert label[f"{views.ALL_PLANS}\t市市场监管局"].startswith(f"市市场监管局（牵头 {view.lead} · 配合 {view.co}）")

    html = render.unit_html(view, index.units.names)
    assert html.count('class="pk-unit-plan"') == len(view.plans)
    assert f"在 {len(view.plans)} 个方案中共涉及 {view.lead + view.co} 项任务" in html
    titles = [html.index(f"《{p.plan}》") for p in view.plans]
    assert titles == sorted(titles)
    deadlines = [t.deadline for p in view.plans for t in [*p.lead, *p.co] if t.deadline]
    assert deadlines and all(f"完成时限：{d}" in html for d in deadlines)
    assert '<mark class="pk-own">市场监管局</mark>' in html  # the unit as the bracket writes it is its own

    one = views.unit_tasks(docs, "qinghe-air-2025\t市市场监管局", index.units)
    assert one is not None and [p.plan for p in one.plans] == [bare.plan]
    assert "pk-unit-plan" not in render.unit_html(one, index.units.names)  # one plan: no plan sections
    assert views.unit_tasks(docs, f"{views.ALL_PLANS}\t市外事办", index.units).plans == []  # no plan names it


# -- follow-ups over the shelf: another place, another year, an aspect of a task of one plan -----------------------
def test_fixture_dialogs_have_the_eval_shape_and_point_into_their_plans():
    """tests/data/plans/dialogs.jsonl: eval/dialogs.jsonl's fields, each turn's plan (``document``) holds its keys."""
    from policykb.ingest.normalize import normalize_text

    shipped = json.loads((PLANS.parents[2] / "eval" / "dialogs.jsonl").read_text("utf-8").split("\n")[0])
    dialogs = [json.loads(line) for line in (PLANS / "dialogs.jsonl").read_text("utf-8").splitlines() if line]
    assert len(dialogs) >= 30 and len({d["id"] for d in dialogs}) == len(dialogs)
    assert 0.25 <= sum(d["split"] == "heldout" for d in dialogs) / len(dialogs) <= 0.4
    for dialog in dialogs:
        assert set(dialog) == set(shipped) and dialog["split"] in ("tune", "heldout"), dialog["id"]
        assert 2 <= len(dialog["turns"]) <= 4, dialog["id"]
        for turn in dialog["turns"]:
            assert set(turn) - {"document"} == set(shipped["turns"][0]), dialog["id"]
            if "document" in turn:
                text = normalize_text((PLANS / turn["document"]).read_text(encoding="utf-8"))
                missing = [k for k in turn["keys"] + turn["lead"] + turn["co"] if k not in text]
                assert not missing, (dialog["id"], turn["question"], missing)


def test_a_follow_up_naming_another_place_asks_the_last_question_there(shelf):
    first = "东浦区新增城镇就业目标是多少？"
    answer = shelf.ask("河西市的呢？", history=[(first, "")])
    assert answer.answerable and answer.resolved_question == "河西市新增城镇就业目标是多少？", answer.answer
    assert "2.2万人" in answer.answer and "4500人" not in answer.answer
    unit = shelf.ask("临川县交通运输局呢？", history=[("桐溪县城管局负责哪些任务？", "")])
    assert unit.resolved_question == "临川县交通运输局负责哪些任务？", unit.answer  # place and unit both replaced
    assert "农村公路提质改造" in unit.answer and "背街小巷" not in unit.answer
    elsewhere = shelf.ask("杭州市的呢？", history=[(first, "")])
    assert not elsewhere.answerable and "杭州" in elsewhere.answer  # a place of no plan is refused by name


def test_a_follow_up_naming_another_year_asks_that_years_plan(shelf):
    answer = shelf.ask("那2024年的呢？", history=[("青禾市2025年PM2.5平均浓度要控制在多少？", "")])
    assert answer.answerable and "34" in answer.answer and "32微克" not in answer.answer, answer.answer
    resolver, first = shelf.conversation(), [("青禾市PM2.5平均浓度要控制在多少？", "")]
    assert resolver.resolve("2024年的呢？", first).text == "青禾市2024年PM2.5平均浓度要控制在多少？"  # its annual plan
    assert resolver.resolve("2030年呢？", first).text == "到2030年，青禾市PM2.5平均浓度要控制在多少？"  # a year due by


def test_an_aspect_follow_up_asks_the_task_of_its_own_plan(shelf):
    history = [("东浦区新开工亿元以上项目由哪个单位牵头？", "")]
    co = shelf.ask("那责任单位呢？", history=history)
    assert co.answerable and "东浦经济开发区" in co.answer and "区自然资源分局" in co.answer, co.answer
    history.append(("那责任单位呢？", co.answer))
    deadline = shelf.ask("它的完成时限是什么时候？", history=history)
    assert deadline.answerable and "2023年12月底前" in deadline.answer, deadline.answer
