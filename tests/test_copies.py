"""Copies of one plan and the ingest report: the same plan as .docx and as PDF goes in once, is reported as a
copy, and replaces the indexed one only when asked; every file's report says what was read and what to check.

Real readers (python-docx, LibreOffice, pdfplumber), real Chroma and the packaged MiniLM; invented plans only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.formats_fixtures import TITLE, make_docx, soffice_convert
from policykb.bot.engine import KnowledgeBot
from policykb.ingest.copies import Candidate, find_copy, same_number, similarity
from policykb.ingest.parser import parse_text
from policykb.ingest.report import document_report
from tests.conftest import make_settings


def notice(title: str, number: str, body: str) -> str:
    """An invented county office's notice that issues the plan ``title`` under 文号 ``number``."""
    return (
        f"桐溪县人民政府办公室关于印发{title}的通知\n{number}\n各乡镇人民政府，县直各部门：\n"
        f"现将《{title}》印发给你们，请认真贯彻执行。\n{title}\n{body}"
    )


# Two invented plans of one office.
NOTICE = notice(
    "桐溪县河道保洁专项行动方案",
    "桐政办发〔2024〕12号",
    """一、工作目标
到2025年，县域河道保洁覆盖率达到100%，新建河道保洁站6座。
二、重点任务
（一）落实河道保洁责任。建立河道保洁台账，明确每段河道的保洁单位。（县水利局牵头，县财政局配合，2024年6月底前完成）
（二）整治沿河垃圾。清理沿河垃圾堆放点。（县城管局负责）
""",
)
OTHER_PLAN = notice(
    "桐溪县农村道路养护行动方案",
    "桐政办发〔2024〕19号",
    """一、工作目标
到2026年，县乡道路优良中等路率达到85%，完成危桥改造9座。
二、重点任务
（一）建立养护队伍。每个乡镇配备专职养护员，落实养护经费。（县交通运输局牵头，各乡镇人民政府配合）
（二）开展路域整治。清理路肩堆积物，补植行道树。（县公路中心负责，2025年底前完成）
""",
)


def plan(name: str, text: str, doc_id: str = "x"):  # noqa: ANN201 - a DocumentRecord
    return parse_text(text, doc_id, name, 160)


def test_a_wenhao_is_one_plan_whatever_its_brackets() -> None:
    assert same_number("桐政办发〔2024〕12号", "桐政办发[2024]12号")
    assert same_number("桐政办发（2024）12 号", "桐政办发〔2024〕12号")
    assert not same_number("桐政办发〔2024〕12号", "桐政办发〔2024〕19号")
    assert not same_number("", "")  # no 文号 on either side says nothing


def test_near_identical_text_survives_line_breaks_and_rulings_not_other_content() -> None:
    a = plan("a.txt", NOTICE)
    b_text = NOTICE.replace("。", "。\n").replace("（一）", "| （一）")
    assert similarity(a.text, b_text) >= 0.8
    assert similarity(NOTICE, OTHER_PLAN) < 0.8  # same office, other plan: many words in common, not a copy
    assert similarity(NOTICE, "") == 0.0


def test_find_copy_by_wenhao_then_title_and_text() -> None:
    indexed = plan("a.txt", NOTICE, "a")
    candidate = Candidate("a", indexed.title, indexed.number, lambda: indexed.text)
    again = plan("b.txt", NOTICE.replace("〔2024〕", "[2024]"), "b")
    match = find_copy("b", again.title, again.number, again.text, [candidate])
    assert match is not None and match.certain and match.reason == "文号和标题相同"
    renamed = again.title.replace("专项", "集中")  # the 文号 of a plan under another title: a warning, not a drop
    maybe = find_copy("b", renamed, again.number, OTHER_PLAN, [candidate])
    assert maybe is not None and not maybe.certain and maybe.reason == "文号相同而标题不同"
    no_number = NOTICE.replace("桐政办发〔2024〕12号\n", "")
    bare = plan("c.txt", no_number, "c")
    match = find_copy("c", bare.title, bare.number, bare.text, [candidate])
    assert match is not None and match.certain and match.reason == "标题相同且正文几乎一致"
    revised = no_number.replace("二、重点任务", OTHER_PLAN.split("一、工作目标")[1] + "二、重点任务")
    version = find_copy("d", bare.title, "", revised, [candidate])
    assert version is not None and not version.certain  # same title, much changed: another version, kept
    other = plan("e.txt", OTHER_PLAN, "e")
    assert find_copy("e", other.title, other.number, other.text, [candidate]) is None
    assert find_copy("a", indexed.title, indexed.number, indexed.text, [candidate]) is None  # itself: a replacement


def test_a_plan_that_assigns_tasks_but_gives_none_is_flagged() -> None:
    table_lost = "桐溪县道路养护任务分工\n序号 重点任务 牵头单位 配合单位 完成时限\n（表格内容为图片）\n"
    report = document_report("scan.pdf", plan("scan.pdf", table_lost), "added", pages=2)
    assert report.tasks == 0 and report.counts.startswith("2 页，0 项任务")
    assert any("未识别出任何任务" in w for w in report.warnings)
    assert not any("附件" in w for w in report.warnings)  # no annex named: the table or scan is the cause
    clean = document_report("a.txt", plan("a.txt", NOTICE), "added")
    assert (clean.tasks, clean.targets, clean.deadlines, clean.warnings) == (2, 2, 1, [])
    ocr = plan("scan.pdf", NOTICE)
    ocr.notes.append("文字由OCR识别")
    assert any("OCR" in w and "核对" in w for w in document_report("scan.pdf", ocr, "added").warnings)


@pytest.fixture
def formats(tmp_path: Path) -> tuple[Path, Path]:
    """The formats fixture plan as .docx and as a PDF LibreOffice made from that .docx."""
    if shutil.which("soffice") is None:
        pytest.skip("需要 LibreOffice（soffice）")
    docx = make_docx(tmp_path / "供水方案.docx")
    pdf = soffice_convert(docx, "pdf", tmp_path / "pdf")
    return docx, pdf.rename(tmp_path / "供水方案-印发稿.pdf")


def test_the_same_plan_as_docx_and_pdf_goes_in_once(tmp_path: Path, minilm, formats) -> None:
    docx, pdf = formats
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    first = bot.ingest([docx])
    assert first.added == [docx.stem] and [f.outcome for f in first.files] == ["added"]
    assert first.files[0].title == TITLE and first.files[0].tasks >= 5

    copy = bot.ingest([pdf])
    assert copy.copies == {str(pdf): docx.stem} and not copy.added
    (report,) = copy.files
    assert report.outcome == "copy" and report.pages == 1 and "未重复导入" in report.warnings[0]
    assert list(bot.index().documents) == [docx.stem]
    answer = bot.ask("改造老旧管网由哪个单位牵头？")
    assert answer.answer.count("\n牵头单位：县水利局") == 1 and "【" not in answer.answer  # one plan answers, not two

    replaced = bot.ingest([pdf], replace=True)
    assert replaced.added == [pdf.stem] and replaced.removed == [docx.stem]
    assert replaced.files[0].outcome == "replaced" and "已替换旧文件" in replaced.files[0].warnings[0]
    assert list(bot.index().documents) == [pdf.stem]


def test_copies_within_one_batch_and_a_failed_file_are_reported(tmp_path: Path, minilm) -> None:
    one, two, bad = tmp_path / "河道保洁.txt", tmp_path / "河道保洁（转发）.txt", tmp_path / "空白.txt"
    one.write_text(NOTICE, encoding="utf-8")
    two.write_text(NOTICE.replace("。\n", "。\n\n"), encoding="gbk")
    bad.write_text("   \n", encoding="utf-8")
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    report = bot.ingest([one, two, bad])
    assert [f.outcome for f in report.files] == ["added", "copy", "failed"]
    assert (
        report.files[0].lines()[0]
        == "新增：河道保洁.txt →《桐溪县河道保洁专项行动方案》（2 项任务，2 个目标，1 个完成时限）"
    )
    assert report.files[1].warnings[0].startswith("与《桐溪县河道保洁专项行动方案》文号和标题相同")
    (failed,) = report.files[2].lines()
    assert failed.startswith("导入失败：文件") and failed.endswith("：空白.txt") and failed.count("空白.txt") == 1
    assert len(bot.index().documents) == 1


def test_a_notice_whose_annex_is_missing_says_so() -> None:
    head = (
        "青禾市人民政府办公室关于印发2024年重点工作任务分工的通知\n各县（市、区）人民政府，市政府各部门：\n"
        "现将《2024年重点工作任务分工》印发给你们，请各牵头单位认真抓好落实。\n"
    )
    sign = "青禾市人民政府办公室\n2024年2月1日\n"
    named = document_report("n.txt", plan("n.txt", f"{head}附件：2024年重点工作任务分工表\n{sign}"), "added")
    assert named.tasks == 0 and len(named.warnings) == 1, named.warnings
    assert "附件“2024年重点工作任务分工表”" in named.warnings[0] and "似乎没有随文件导入" in named.warnings[0]
    bare = document_report("b.txt", plan("b.txt", f"{head}具体任务见附件。\n{sign}"), "added")
    assert "通知提到附件，" in bare.warnings[0] and "表格或扫描页" not in bare.warnings[0], bare.warnings
    table = f"{head}附件\n2024年重点工作任务分工表\n序号 重点任务 牵头单位 配合单位 完成时限\n（表格内容为图片）\n"
    unread = document_report("t.txt", plan("t.txt", table), "added")  # the annex is there, its table unread
    assert "表格或扫描页可能未读出" in unread.warnings[0] and "似乎没有随文件导入" not in unread.warnings[0]
