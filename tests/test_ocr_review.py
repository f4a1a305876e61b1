"""A scanned page that OCR reads with low confidence needs review: the ingest report (CLI and page) says so in
Chinese, naming the page, and every passage cited from the document carries the note. A clean scan is not
flagged. Real OCR models (rapidocr) on invented scans (丙县)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.formats_fixtures import PARAGRAPHS, make_scanned_pdf
from policykb.ingest import ocr
from policykb.ingest.ocr import LOW_CONFIDENCE_MARK
from policykb.ingest.reader import read_file

needs_ocr = pytest.mark.skipif(not ocr.ocr_available(), reason="policykb[ocr] missing")
BLUR = 4.0  # pixels of Gaussian blur at 150 dpi: a page photographed out of focus


def blurred_scan(path: Path, paragraphs: list[str]) -> Path:
    """A scanned PDF whose single page is out of focus (drawn clean, then blurred)."""
    from PIL import Image, ImageFilter

    clean = make_scanned_pdf(path.with_suffix(".clean.pdf"), paragraphs, dpi=150, worn=False)
    images = [image.filter(ImageFilter.GaussianBlur(BLUR)) for _, image in ocr.pdf_page_images(clean, [0])]
    images[0].convert("RGB").save(path, "PDF", resolution=150)
    assert isinstance(images[0], Image.Image)
    return path


@needs_ocr
@pytest.mark.slow  # loads the OCR models
def test_a_blurred_page_is_noted_for_review_and_a_clean_one_is_not(tmp_path):
    blurred = read_file(blurred_scan(tmp_path / "blurred.pdf", PARAGRAPHS))
    review = [note for note in blurred.notes if LOW_CONFIDENCE_MARK in note]
    assert len(review) == 1 and review[0].startswith("第 1 页") and "需人工核对" in review[0], blurred.notes
    clean = read_file(make_scanned_pdf(tmp_path / "clean.pdf", PARAGRAPHS, dpi=150))
    assert not any(LOW_CONFIDENCE_MARK in note for note in clean.notes), clean.notes


@needs_ocr
def test_the_report_and_the_cited_passages_carry_the_review_flag(tmp_path, minilm):
    from policykb.bot.engine import KnowledgeBot
    from policykb.ingest.report import needs_review
    from tests.conftest import make_settings

    path = blurred_scan(tmp_path / "bingxian-water.pdf", PARAGRAPHS)
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    report = bot.ingest([path])
    [file] = report.files
    assert any(LOW_CONFIDENCE_MARK in w and "请对照原件核对" in w for w in file.warnings), file.warnings
    assert any("注意：第 1 页" in line for line in file.lines()), file.lines()
    [doc] = bot.index().documents.values()
    assert needs_review(doc)
    answer = bot.ask("农村自来水普及率提高到多少？")
    assert answer.sources, answer.answer
    assert all("需人工核对" in source.notes for source in answer.sources), [s.notes for s in answer.sources]
    answer = bot.ask("新建水源地保护区多少处？")  # a number OCR still read: answered, with the caution
    assert answer.answerable and "12处" in answer.answer, answer.answer
    # the answer itself says first that the whole document needs checking against the original
    caution = answer.answer.splitlines()[0]
    assert caution.startswith(f"注意：《{doc.title}》第 1 页{LOW_CONFIDENCE_MARK}"), answer.answer
    assert caution.endswith("本回答请对照原件核实。"), answer.answer


@needs_ocr
def test_a_document_that_needs_review_is_flagged_in_docs_and_the_documents_tab(tmp_path, minilm):
    """``policykb docs`` gives the document a warning line of its own, the 文件 tab lists it above the table;
    a clean plan beside it is neither flagged nor cautioned."""
    from typer.testing import CliRunner

    from policykb.bot import views
    from policykb.bot.engine import KnowledgeBot
    from policykb.bot.page import render
    from policykb.cli import app
    from tests.conftest import make_settings

    blurred = blurred_scan(tmp_path / "bingxian-water.pdf", PARAGRAPHS)
    clean = tmp_path / "qinghe-roads.txt"
    clean.write_text("青禾市道路养护方案\n一、主要目标\n到2025年，城市道路完好率达到95%。［市交通局牵头］\n", "utf-8")
    home = tmp_path / "home"
    bot = KnowledgeBot(make_settings(home), embeddings=minilm, show_progress=False)
    bot.ingest([blurred, clean])
    env = {"POLICYKB_HOME": str(home), "POLICYKB_EMBEDDING_BACKEND": "sentence-transformers",
           "POLICYKB_EMBEDDING_MODEL": "all-MiniLM-L6-v2"}  # fmt: skip
    listed = CliRunner().invoke(app, ["docs"], env=env).stdout.splitlines()
    flagged = [i for i, line in enumerate(listed) if line.startswith("  注意：本文件需人工核对（第 1 页")]
    assert len(flagged) == 1 and "bingxian-water" in listed[flagged[0] - 1], listed
    review = views.page_view(bot, views.Downloads()).review
    assert [title for title, _ in review] == [bot.index().documents["bingxian-water"].title], review
    html = render.review_html(review)
    assert "以下文件需人工核对" in html and LOW_CONFIDENCE_MARK in html and "道路养护" not in html
    road = bot.ask("城市道路完好率达到多少？")
    assert "95%" in road.answer and "注意：" not in road.answer, road.answer


def test_the_documents_tab_warns_only_of_plans_that_need_review():
    from policykb.bot.page import render

    assert render.review_html([]) == ""
    html = render.review_html([("<甲>方案", ["第 2 页OCR识别置信度低（80%），需人工核对"])])
    assert "《&lt;甲&gt;方案》：第 2 页OCR识别置信度低（80%），需人工核对" in html and "<甲>" not in html
