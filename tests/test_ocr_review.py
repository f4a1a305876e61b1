"""A scanned page that OCR reads with low confidence needs review: the ingest report (CLI and page) says so in
Chinese, naming the page, and every passage cited from the document carries the note. A clean scan is not
flagged. Real OCR models (rapidocr) on invented scans (丙县)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.ingest import ocr
from policykb.ingest.ocr import LOW_CONFIDENCE_MARK
from policykb.ingest.reader import read_file
from bench.formats_fixtures import PARAGRAPHS, make_scanned_pdf

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
