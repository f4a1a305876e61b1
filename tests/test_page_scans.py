"""The invented five-row task table (东浦区), scanned at 150 dpi, uploaded through the page in headless Chromium:
the upload report counts its five tasks and deadlines, and a row's lead, co units and deadline are answered in the
chat, with no other row's values (issue 25). One test: a page test is slow."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.task_table_fixtures import TASK_ROWS, make_table_pdf, make_table_scan
from policykb.bot.engine import KnowledgeBot
from policykb.ingest import ocr
from tests.test_page import ADMIN_PASSWORD, INGEST_STATUS, ask, once_done, open_page, upload

pytestmark = [
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"),
    pytest.mark.skipif(not ocr.ocr_available(), reason="policykb[ocr] missing"),
]


@pytest.fixture(scope="module")
def admin_server(bot: KnowledgeBot, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    home = tmp_path_factory.mktemp("scans-admin") / "home"
    shutil.copytree(bot.settings.home, home)
    settings = bot.settings.with_(home=home, admin_password=ADMIN_PASSWORD)
    with start_server(KnowledgeBot(settings, embeddings=bot.embeddings, show_progress=False)) as running:
        yield running


@pytest.mark.slow
def test_a_scanned_task_table_uploaded_through_the_page_answers_each_rows_values(
    browser: Any, admin_server: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    scan = make_table_scan(make_table_pdf(tmp_path), tmp_path / "dongpu-scan.pdf", 150)
    page = open_page(browser, admin_server.url)
    try:
        status = upload(page, ADMIN_PASSWORD, scan)
        once_done(
            page, INGEST_STATUS, lambda: expect(status.locator(".pk-ok")).to_contain_text("新增 1 个"), at_least=240
        )
        expect(status.locator(".pk-file-added .pk-counts")).to_contain_text("5 项任务")
        expect(status.locator(".pk-file-added .pk-counts")).to_contain_text("5 个完成时限")
        expect(status).not_to_contain_text("需人工核对")
        page.get_by_role("tab", name="问答").click()
        _, task, lead, co, deadline = TASK_ROWS[4]
        answer = ask(page, f"{task}由哪个单位牵头？").locator(".pk-answer")
        expect(answer).to_contain_text(f"牵头单位：{lead}")
        expect(answer).to_contain_text(f"配合单位：{co}")
        expect(answer).to_contain_text(f"完成时限：{deadline}")
        text = answer.inner_text()
        others = [v for row in TASK_ROWS[1:] if row[1] != task for v in (row[2], row[4]) if v not in (lead, deadline)]
        assert not any(v in text for v in others if v not in co), text
    finally:
        page.context.close()
