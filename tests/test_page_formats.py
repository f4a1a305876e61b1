"""The invented five-row task table (东浦区) in every form issue 25 lists — Word, the PDF LibreOffice prints of
it, the .doc it saves, OFD with its rules drawn, and an image-only scan at 150 dpi — uploaded through the
page in headless Chromium: the upload report counts its five tasks and five deadlines, and a row's lead, co units
and deadline are answered in the chat, with no other row's values.

One server and one browser for the module: each form is uploaded with 替换副本 ticked, so it takes the place of the
form before it (the index keeps one copy of the table) and every upload is read and reported afresh. Every wait is
on the page's own signals (the ingest report, the new chat message), never a fixed sleep."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from bench.formats_fixtures import soffice_convert
from bench.task_table_fixtures import (
    TASK_ROWS,
    TASK_TITLE,
    make_table_docx,
    make_table_ofd,
    make_table_pdf,
    make_table_scan,
)
from policykb.bot.engine import KnowledgeBot
from policykb.ingest import ocr
from tests.conftest import ADMIN_PASSWORD
from tests.test_page import INGEST_STATUS, ask, once_done, open_page, upload

pytestmark = [
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"),
]
BODY = TASK_ROWS[1:]
# An image-only scan is uploaded at 150 dpi only: the 300 dpi scan of the same table is read and asked (all fifteen
# questions) through the CLI in tests/test_scanned_tables.py, and the page does nothing by resolution (a scan is a
# .pdf, as the printed form here is). Uploading it too cost about 6 s of CPU (OCR of a 300 dpi page) and 30 s loaded.
FORMS = ["docx", "pdf", "doc", "ofd", "scan-150"]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_table_pdf(tmp_path_factory.mktemp("printed"))


def table_file(form: str, printed: Path, folder: Path) -> Path:
    """The table in ``form``, named as an official's file would be."""
    if form == "pdf":
        return printed
    if form == "ofd":
        return make_table_ofd(folder / "dongpu-renewal-tasks.ofd")
    if form.startswith("scan-"):
        if not ocr.ocr_available():
            pytest.skip("policykb[ocr] missing")
        dpi = int(form.split("-")[1])
        return make_table_scan(printed, folder / f"dongpu-renewal-tasks-scan{dpi}.pdf", dpi)
    docx = make_table_docx(folder / "dongpu-renewal-tasks.docx")
    return docx if form == "docx" else soffice_convert(docx, "doc", folder)


def ingested(page: Any, status: Any) -> Any:
    """The upload's report once the ingest has answered (green or red): waited for while the page's own progress
    tracker shows the ingest queued or running (OCR and embedding take minutes on a loaded machine), not for a
    fixed time."""
    from playwright.sync_api import expect

    report = status.locator(".pk-ok, .pk-error").first
    once_done(page, INGEST_STATUS, lambda: expect(report).to_be_visible(), at_least=120)
    return status


def other_rows_values(row: list[str]) -> list[str]:
    """The leads and deadlines only other rows have: naming one would be a wrong-row answer."""
    return [v for r in BODY if r is not row for v in (r[2], r[4]) if not any(v in cell for cell in row)]


def assert_answers_its_row(page: Any, question: str, row: list[str]) -> None:
    from playwright.sync_api import expect

    _, _, lead, co, deadline = row
    answer = ask(page, question).locator(".pk-answer")
    expect(answer).to_contain_text(f"牵头单位：{lead}")
    expect(answer).to_contain_text(f"配合单位：{co}")
    expect(answer).to_contain_text(f"完成时限：{deadline}")
    text = answer.inner_text()
    assert not [v for v in other_rows_values(row) if v in text], text


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMS)
def test_the_table_uploaded_through_the_page_answers_each_rows_values(
    browser: Any, admin_server: Any, admin_bot: KnowledgeBot, printed: Path, tmp_path: Path, form: str
) -> None:
    from playwright.sync_api import expect

    path = table_file(form, printed, tmp_path)
    page = open_page(browser, admin_server.url)
    try:
        page.get_by_role("tab", name="文件").click()
        page.locator("#pk-replace input").check()  # each form takes the place of the one uploaded before it
        status = ingested(page, upload(page, ADMIN_PASSWORD, path))
        expect(status.locator(".pk-ok")).to_contain_text("1 个")
        counts = status.locator(".pk-file .pk-counts")
        expect(counts).to_contain_text("5 项任务")
        expect(counts).to_contain_text("5 个完成时限")
        expect(status).not_to_contain_text("需人工核对")
        assert [d.title for d in admin_bot.index().documents.values()].count(TASK_TITLE) == 1
        page.get_by_role("tab", name="问答").click()
        first = FORMS.index(form) % len(BODY)  # each form asks about other rows
        lead_row, deadline_row = BODY[first], BODY[(first + 2) % len(BODY)]
        assert_answers_its_row(page, f"{lead_row[1]}由哪个单位牵头？", lead_row)
        assert_answers_its_row(page, f"{deadline_row[1]}的完成时限是什么时候？", deadline_row)
    finally:
        page.context.close()


@pytest.mark.slow
def test_a_scan_too_poor_to_trust_is_flagged_in_the_page_and_answered_with_a_caution(
    browser: Any, admin_server: Any, tmp_path: Path
) -> None:
    """An invented plan (丙县) scanned out of focus: the upload report and the 文件 tab flag it for review, and an
    answer from it says first that it must be checked against the original."""
    from playwright.sync_api import expect

    from bench.formats_fixtures import PARAGRAPHS
    from tests.test_ocr_review import blurred_scan

    if not ocr.ocr_available():
        pytest.skip("policykb[ocr] missing")
    scan = blurred_scan(tmp_path / "bingxian-water.pdf", PARAGRAPHS)
    page = open_page(browser, admin_server.url)
    try:
        status = ingested(page, upload(page, ADMIN_PASSWORD, scan))
        expect(status.locator(".pk-ok")).to_contain_text("新增 1 个")
        expect(status.locator(".pk-warnings")).to_contain_text("第 1 页OCR识别置信度低")
        page.reload()
        page.get_by_role("tab", name="文件").click()
        review = page.locator("#pk-review .pk-review")
        expect(review).to_contain_text("以下文件需人工核对")
        expect(review).to_contain_text("第 1 页OCR识别置信度低")
        expect(review).not_to_contain_text(TASK_TITLE)  # the clean table beside it is not flagged
        page.get_by_role("tab", name="问答").click()
        answer = ask(page, "新建水源地保护区多少处？").locator(".pk-answer")
        expect(answer).to_contain_text("12处")
        expect(answer).to_contain_text("需人工核对；本回答请对照原件核实。")
    finally:
        page.context.close()


def english_browser_upload(browser: Any, url: str, path: Path) -> tuple[Any, Any]:
    """An en-US browser context on the page, the admin password verified and ``path`` put in the upload box; the
    context (to close) and the page."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    expect(page.locator("#pk-summary")).to_contain_text("已索引")
    page.get_by_role("tab", name="文件").click()
    page.locator("#pk-password input").fill(ADMIN_PASSWORD)
    page.locator("#pk-verify").click()
    expect(page.locator("#pk-verified")).to_contain_text("已验证")
    page.locator("#pk-upload input[type=file]").set_input_files([str(path)])
    return context, page


@pytest.mark.slow
def test_a_file_of_another_type_is_refused_in_chinese_for_an_english_browser(
    browser: Any, admin_server: Any, tmp_path: Path
) -> None:
    """Gradio's own refusal of a file type (a toast it writes in English) reads in Chinese, its title too."""
    from playwright.sync_api import expect

    tool = tmp_path / "setup.exe"
    tool.write_bytes(b"MZ\x90\x00")
    context, page = english_browser_upload(browser, admin_server.url, tool)
    try:
        expect(page.locator("body")).to_contain_text("不支持的文件类型")
        titles = page.locator(".toast-title").evaluate_all("es => es.map(e => JSON.stringify(e.innerHTML))")
        text = page.locator("body").inner_text()
        assert "Invalid" not in text and "Error" not in text and "Warning" not in text, (titles, text)
    finally:
        context.close()


@pytest.mark.slow
def test_a_file_over_the_size_limit_is_refused_in_chinese_for_an_english_browser(
    browser: Any, admin_server: Any, admin_bot: KnowledgeBot, tmp_path: Path
) -> None:
    """Gradio's own refusal of a file over ``upload_max_mb`` (``File(s) exceed the maximum allowed size…``, checked
    in the browser before any byte is sent) reads in Chinese, its title too."""
    from playwright.sync_api import expect

    big = tmp_path / "oversized-plan.txt"
    with big.open("wb") as out:
        out.truncate((admin_bot.settings.upload_max_mb + 1) * 1024 * 1024)
    context, page = english_browser_upload(browser, admin_server.url, big)
    try:
        expect(page.locator("body")).to_contain_text("文件超过大小上限")
        text = page.locator("body").inner_text()
        assert "exceed" not in text and "Error" not in text and "Warning" not in text, text
    finally:
        context.close()
