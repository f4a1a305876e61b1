"""Every format a plan arrives in reads into the same records as its text twin: docx (tables in
place, merged cells repeated), html tables, PDF text and tables, OFD, .doc/.wps through LibreOffice,
scanned PDF pages through OCR; limits and broken files refused with a clear Chinese message."""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from bench.formats_fixtures import (
    AFTER_TABLE,
    CLOSING,
    LONG_PARAGRAPHS,
    PARAGRAPHS,
    TABLE,
    TITLE,
    character_error_rate,
    make_browser_pdf,
    make_docx,
    make_ofd,
    make_scanned_pdf,
    soffice_convert,
    twin_text,
)
from policykb.ingest import ocr, office
from policykb.ingest.errors import DocumentError
from policykb.ingest.normalize import normalize_text
from policykb.ingest.parser import parse_text
from policykb.ingest.reader import ReadLimits, read_file
from policykb.ingest.tables import format_row, parse_row

# LibreOffice is installed by .ci/run; on a developer machine without it these tests are skipped, in CI never.
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"), reason="LibreOffice not installed"
)
needs_ocr = pytest.mark.skipif(not ocr.ocr_available() and not os.environ.get("CI"), reason="policykb[ocr] missing")


def signature(text: str) -> tuple[list, list]:
    """What a reader must preserve: each task's section, lead, co units and deadline; each target."""
    record = parse_text(text, "doc", "doc", 160)
    tasks = sorted(
        (t.section, tuple(t.responsibility.lead_units), tuple(t.responsibility.co_units), t.deadline)
        for t in record.tasks
    )
    targets = sorted((t.indicator, t.comparator, t.value, t.unit, t.year) for t in record.targets)
    return tasks, targets


def table_rows(text: str) -> list[list[str]]:
    return [cells for line in text.splitlines() if (cells := parse_row(line)) is not None]


@pytest.fixture(scope="module")
def office_files(tmp_path_factory) -> dict[str, Path]:
    """The fixture plan as docx, and (LibreOffice being there) as .doc, .wps and PDF made from it."""
    folder = tmp_path_factory.mktemp("office")
    files = {"docx": make_docx(folder / "plan.docx")}
    if shutil.which("soffice"):
        files["doc"] = soffice_convert(files["docx"], "doc", folder)
        files["wps"] = folder / "plan.wps"
        shutil.copyfile(files["doc"], files["wps"])  # WPS 文字 saves .wps in the Word 97 binary format
        files["pdf"] = soffice_convert(files["docx"], "pdf", folder)
    return files


# -- docx -------------------------------------------------------------------------------------------
def test_docx_table_rows_in_place_with_merged_cells_repeated(office_files):
    text = read_file(office_files["docx"]).text
    assert normalize_text(text) == normalize_text(twin_text())
    lines = text.splitlines()
    start = lines.index(PARAGRAPHS[-1]) + 1
    assert [parse_row(line) for line in lines[start : start + len(TABLE)]] == TABLE  # header first, in order
    assert lines[start + len(TABLE)] == AFTER_TABLE
    assert table_rows(text)[3][2] == "县卫生健康局"  # the vertically merged lead cell carried down


def test_docx_horizontal_merge_and_cell_with_two_paragraphs(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("（一）任务分工")
    table = document.add_table(rows=3, cols=4)
    for c, value in enumerate(["序号", "工作任务", "责任单位", "完成时限"]):
        table.cell(0, c).text = value
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "建设污水管网"
    cell = table.cell(1, 2)
    cell.text = "县住建局"
    cell.add_paragraph("县水务公司")
    table.cell(1, 3).text = "2024年底前"
    table.cell(2, 0).merge(table.cell(2, 3)).text = "注：排在首位的为牵头单位"
    document.add_paragraph("（二）后续事项")
    path = tmp_path / "merge.docx"
    document.save(str(path))
    rows = table_rows(read_file(path).text)
    assert rows[1] == ["1", "建设污水管网", "县住建局；县水务公司", "2024年底前"]
    assert rows[2] == ["注：排在首位的为牵头单位"] * 4
    assert read_file(path).text.splitlines()[-1] == "（二）后续事项"


# -- html -------------------------------------------------------------------------------------------
def test_html_table_with_rowspan_colspan_and_inline_markup(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><body><table><tr><td><div class='nav'>首页</div></td></tr><tr><td>"  # a layout table around it all
        "<h1>丁市数字政府建设实施方案</h1><p>到2025年，<span>政务服务事项</span>网上可办率达到<b>98%</b>。</p>"
        "<table border='1'><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>"
        "<tr><td>1</td><td>建设一体化平台</td><td rowspan='2'>市数据局</td><td>市财政局</td><td>2024年底前</td></tr>"
        "<tr><td>2</td><td>推行电子证照</td><td>市公安局<br>市民政局</td><td>2025年6月底前</td></tr>"
        "<tr><td>3</td><td>完善考核办法</td><td colspan='2'>市政府办公室</td><td>持续推进</td></tr>"
        "</table><p>二、保障措施</p></td></tr></table></body></html>",
        encoding="utf-8",
    )
    text = read_file(path).text
    lines = text.splitlines()
    assert "到2025年，政务服务事项网上可办率达到98%。" in lines  # inline tags stay inside their line
    rows = table_rows(text)
    assert rows == [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "建设一体化平台", "市数据局", "市财政局", "2024年底前"],
        ["2", "推行电子证照", "市数据局", "市公安局；市民政局", "2025年6月底前"],
        ["3", "完善考核办法", "市政府办公室", "市政府办公室", "持续推进"],
    ]
    assert lines[-1] == "二、保障措施" and lines.index("首页") < lines.index(format_row(rows[0]))


def test_html_two_column_layout_table_is_not_read_as_rows(tmp_path):
    article = "".join(
        f"<p>（{n}）第{n}项任务。到2025年，甲指标达到{80 + n}%。［县水利局负责］</p>" for n in range(1, 60)
    )
    path = tmp_path / "site.html"
    path.write_text(
        f"<table><tr><td><a href='/'>首页</a><br><a href='/x'>政策文件</a></td><td>{article}</td></tr></table>",
        encoding="utf-8",
    )
    lines = read_file(path).text.splitlines()
    assert table_rows("\n".join(lines)) == []
    assert "（2）第2项任务。到2025年，甲指标达到82%。［县水利局负责］" in lines


# -- PDF ----------------------------------------------------------------------------------------------
@needs_soffice
def test_pdf_text_and_task_table_read_as_rows(office_files):
    result = read_file(office_files["pdf"])
    assert result.notes == []
    assert table_rows(result.text) == TABLE  # wrapped cell lines joined, merged lead cell repeated
    assert normalize_text(result.text) == normalize_text(twin_text())  # paragraphs rejoined across visual lines
    assert signature(result.text) == signature(twin_text())


def test_encrypted_pdf_is_called_encrypted(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError, match="加密"):
        read_file(path)


def test_pdf_over_the_page_limit(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(200, 200)
    path = tmp_path / "long.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError, match="页数过多（3 页，上限 2 页"):
        read_file(path, ReadLimits(max_pages=2))


# -- .doc / .wps ----------------------------------------------------------------------------------
@needs_soffice
@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_doc_and_wps_read_through_libreoffice_with_tables(office_files, kind):
    text = read_file(office_files[kind]).text
    assert table_rows(text) == TABLE
    assert normalize_text(text) == normalize_text(twin_text())


@needs_soffice
def test_corrupt_doc_gets_a_clear_message(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00garbage" * 50)
    with pytest.raises(DocumentError, match="损坏或无法转换：broken.doc"):
        read_file(path)


def test_doc_without_libreoffice_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(DocumentError, match="apt-get install libreoffice-writer-nogui"):
        read_file(path)


# -- OFD --------------------------------------------------------------------------------------------
OFD_PARAGRAPHS = [*PARAGRAPHS, AFTER_TABLE, CLOSING]


@pytest.mark.parametrize("per_char", [False, True], ids=["line-objects", "char-objects"])
def test_ofd_reads_headings_and_brackets_in_order(tmp_path, per_char):
    path = make_ofd(tmp_path / "plan.ofd", [OFD_PARAGRAPHS[:4], OFD_PARAGRAPHS[4:]], per_char=per_char)
    text = read_file(path).text
    assert text.splitlines() == OFD_PARAGRAPHS  # headings start lines, wrapped lines rejoined, page numbers gone
    assert signature(text) == signature("\n".join(OFD_PARAGRAPHS))


def test_ofd_paragraph_cut_by_a_page_break_is_joined(tmp_path):
    cut = PARAGRAPHS[2].index("规模化")
    pages = [[TITLE, PARAGRAPHS[1], PARAGRAPHS[2][:cut]], [PARAGRAPHS[2][cut:], PARAGRAPHS[3]]]
    text = read_file(make_ofd(tmp_path / "cut.ofd", pages)).text
    assert text.splitlines() == PARAGRAPHS[:4]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 60, "OFD 文件已损坏"),
        (b"not a zip at all", "OFD 文件已损坏"),
    ],
)
def test_corrupt_ofd_gets_a_clear_message(tmp_path, data, message):
    path = tmp_path / "bad.ofd"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        read_file(path)


def test_ofd_with_broken_page_xml(tmp_path):
    path = make_ofd(tmp_path / "plan.ofd", [OFD_PARAGRAPHS])
    broken = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename.endswith("Content.xml") else data)
    path.write_bytes(broken.getvalue())
    with pytest.raises(DocumentError, match="OFD 文件已损坏或不完整：plan.ofd"):
        read_file(path)


def test_ofd_over_the_page_limit(tmp_path):
    path = make_ofd(tmp_path / "long.ofd", [[TITLE]] * 3)
    with pytest.raises(DocumentError, match="页数过多"):
        read_file(path, ReadLimits(max_pages=2))


# -- scanned PDF (OCR) -----------------------------------------------------------------------------
SCANNED = PARAGRAPHS  # title, headings, a bracket with lead and co units, a labelled bracket, targets


@needs_ocr
@pytest.mark.slow  # loads the OCR models
def test_scanned_pdf_is_read_by_ocr_into_the_same_records(tmp_path):
    path = make_scanned_pdf(tmp_path / "scan.pdf", SCANNED, pages=2)
    started = time.perf_counter()
    result = read_file(path)
    seconds = time.perf_counter() - started
    reference = "\n".join(SCANNED * 2)
    cer = character_error_rate(reference, result.text)
    print(f"\nOCR: 2 pages in {seconds:.1f} s ({2 / seconds:.2f} pages/s), character error rate {cer:.2%}")
    assert result.notes == ["文字由OCR识别"]
    assert cer < 0.03, result.text
    tasks, targets = signature(result.text)
    twin_tasks, twin_targets = signature(reference)
    assert ("甲指标", "达到", "85", "%", "2025") in targets
    assert ("一、主要目标", ("县水利局",), ("县财政局", "县卫生健康局"), "到2025年") in tasks  # the year its text sets
    assert len(set(targets) & set(twin_targets)) >= len(set(twin_targets)) - 1  # within OCR error: one may differ
    assert set(tasks) == set(twin_tasks)


@needs_ocr
def test_a_scanned_pdf_is_not_read_by_ocr_again_when_the_file_is_unchanged(tmp_path, minilm, monkeypatch):
    from policykb.bot.engine import KnowledgeBot
    from tests.conftest import make_settings

    calls: list[str] = []
    real = ocr.ocr_pdf_pages
    monkeypatch.setattr(ocr, "ocr_pdf_pages", lambda path, pages: calls.append(path.name) or real(path, pages))
    path = make_scanned_pdf(tmp_path / "scan.pdf", SCANNED)
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    assert bot.ingest([path]).added == ["scan"] and calls == ["scan.pdf"]
    assert bot.ingest([path]).unchanged == ["scan"] and calls == ["scan.pdf"]  # same bytes: not read again
    make_scanned_pdf(path, SCANNED[:3])
    assert bot.ingest([path]).replaced == ["scan"] and calls == ["scan.pdf", "scan.pdf"]


def test_pages_left_unread_without_ocr_are_read_again_on_the_next_ingest(tmp_path, minilm, office_files, monkeypatch):
    if "pdf" not in office_files:
        pytest.skip("LibreOffice not installed")
    from policykb.bot.engine import KnowledgeBot
    from policykb.ingest import reader
    from tests.conftest import make_settings

    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    reads: list[str] = []
    real = reader._read_pdf
    monkeypatch.setattr(reader, "_read_pdf", lambda path, limits: reads.append(path.name) or real(path, limits))
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    from pypdf import PdfReader, PdfWriter

    path = Path(shutil.copy(office_files["pdf"], tmp_path / "plan.pdf"))
    bot.ingest([path])
    bot.ingest([path])
    assert reads == ["plan.pdf"]  # fully read the first time: the same file is not read again
    writer = PdfWriter()
    for source in (path, make_scanned_pdf(tmp_path / "scan.pdf", [SCANNED[3], SCANNED[4]])):
        for page in PdfReader(str(source)).pages:
            writer.add_page(page)
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as handle:
        writer.write(handle)
    assert bot.ingest([mixed], replace=True).added == ["mixed"]  # plan.pdf and two pages: a copy, in its place
    assert bot.ingest([mixed]).unchanged == ["mixed"]
    assert reads == ["plan.pdf", "mixed.pdf", "mixed.pdf"]  # a page left unread: read again, OCR may be there now


@needs_ocr
@pytest.mark.slow  # loads the OCR models
def test_scanned_page_in_a_text_pdf_is_noted_by_page(tmp_path, office_files):
    if "pdf" not in office_files:
        pytest.skip("LibreOffice not installed")
    from pypdf import PdfReader, PdfWriter

    scan = make_scanned_pdf(tmp_path / "scan.pdf", [SCANNED[3], SCANNED[4]])
    writer = PdfWriter()
    for source in (office_files["pdf"], scan):
        for page in PdfReader(str(source)).pages:
            writer.add_page(page)
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    result = read_file(path)
    assert result.notes == ["第 2 页文字由OCR识别"]
    assert table_rows(result.text) == TABLE and "新建水源地保护区12处" in result.text


def test_text_pdf_with_a_scanned_page_and_no_ocr_keeps_the_text_and_notes_the_page(tmp_path, office_files, monkeypatch):
    if "pdf" not in office_files:
        pytest.skip("LibreOffice not installed")
    from pypdf import PdfReader, PdfWriter

    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    scan = make_scanned_pdf(tmp_path / "scan.pdf", [SCANNED[3], SCANNED[4]])
    writer = PdfWriter()
    for source in (office_files["pdf"], scan):
        for page in PdfReader(str(source)).pages:
            writer.add_page(page)
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    result = read_file(path)
    assert table_rows(result.text) == TABLE
    assert result.notes == ["第 2 页为扫描图像，未识别（需要 OCR 组件：pip install 'policykb[ocr]'）"]


@needs_soffice
@pytest.mark.slow  # starts LibreOffice
def test_page_with_a_small_picture_and_little_text_is_not_taken_for_a_scan(tmp_path, monkeypatch):
    import docx
    from docx.shared import Cm
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), (200, 30, 30)).save(logo)
    document = docx.Document()
    document.add_picture(str(logo), width=Cm(2))
    document.add_paragraph("附件1")
    source = tmp_path / "cover.docx"
    document.save(str(source))
    pdf = soffice_convert(source, "pdf", tmp_path)
    monkeypatch.setattr(ocr, "ocr_pdf_pages", lambda *a: pytest.fail("a cover page with a logo was sent to OCR"))
    result = read_file(pdf)
    assert result.text == "附件1" and result.notes == []


def test_scanned_pdf_without_the_ocr_extra_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    path = make_scanned_pdf(tmp_path / "scan.pdf", [TITLE])
    with pytest.raises(DocumentError, match=r"pip install 'policykb\[ocr\]'"):
        read_file(path)


def test_corrupt_scan_gets_a_clear_message(tmp_path):
    path = make_scanned_pdf(tmp_path / "scan.pdf", [TITLE])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(DocumentError, match="PDF 文件已损坏"):
        read_file(path)


# -- limits and missing files ---------------------------------------------------------------------
def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("到2025年，甲指标达到85%。\n" * 2000, encoding="utf-8")
    with pytest.raises(DocumentError, match="文件过大.*上限 0.01 MB"):
        read_file(path, ReadLimits(max_mb=0.01))


@pytest.mark.parametrize("name", ["missing.docx", "missing-folder"])
def test_missing_file_or_folder_is_said_to_be_missing(tmp_path, name):
    with pytest.raises(DocumentError, match="不存在"):
        read_file(tmp_path / name)


# -- a batch: bad files reported, good ones ingested -------------------------------------------------
@pytest.mark.slow
def test_batch_with_broken_ofd_doc_and_scan_ingests_the_good_files(tmp_path, minilm):
    from policykb.bot.engine import KnowledgeBot
    from tests.conftest import make_settings

    folder = tmp_path / "in"
    folder.mkdir()
    make_ofd(folder / "good.ofd", [OFD_PARAGRAPHS])
    (folder / "broken.ofd").write_bytes(b"PK\x03\x04broken")
    (folder / "broken.doc").write_bytes(b"\xd0\xcf\x11\xe0garbage")
    (folder / "broken-scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    report = bot.ingest([folder, tmp_path / "absent.txt"])
    assert report.added == ["good"]
    assert set(report.failed) == {str(folder / n) for n in ("broken.ofd", "broken.doc", "broken-scan.pdf")} | {
        str(tmp_path / "absent.txt")
    }
    assert "不存在" in report.failed[str(tmp_path / "absent.txt")]
    assert all("Traceback" not in m for m in report.failed.values())


@needs_soffice
def test_libreoffice_past_its_time_is_stopped_with_a_message(office_files):
    with pytest.raises(DocumentError, match="转换超时"):
        office.read_legacy_word(office_files["doc"], timeout=0.01)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"just some bytes, not a Word file", "不是 Word 文件"), (b"", "为空")],
)
def test_doc_that_is_no_word_file(tmp_path, data, message):
    path = tmp_path / "fake.doc"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        read_file(path)


def test_layout_rejoins_lines_and_writes_radicals_as_ordinary_characters():
    from policykb.ingest.layout import Line, paragraphs

    size, right = 10.0, 290.0
    lines = [
        Line("\u2f00、\u2f2f作\u2f6c标", 20, 80, 0, size),  # Kangxi radicals, as some PDF fonts map them
        Line("到2025年，甲指标达到85%，乙指标", 40, right, 15, 15 + size),  # indented first line
        Line("达到90%。［县水利局负责］", 20, 150, 30, 30 + size),  # continues, then stops short
        Line("（一）下一项任务。", 40, 120, 45, 45 + size),
    ]
    assert paragraphs(lines) == [
        "一、工作目标",
        "到2025年，甲指标达到85%，乙指标达到90%。［县水利局负责］",
        "（一）下一项任务。",
    ]


def test_a_number_broken_at_a_line_end_is_one_number_and_words_keep_their_space():
    from policykb.ingest.layout import Line, paragraphs

    size, right = 10.0, 290.0
    lines = [
        Line("（一）依据《甲省方案》（甲府字〔2022〕3", 40, right, 0, size),  # 公文 grid: 28 characters a line
        Line("1号），到20", 20, right, 15, 15 + size),
        Line("25年PM2.5浓度下降，推广smart", 20, right, 30, 30 + size),
        Line("grid应用。", 20, 90, 45, 45 + size),
    ]
    expected = "（一）依据《甲省方案》（甲府字〔2022〕31号），到2025年PM2.5浓度下降，推广smart grid应用。"
    assert paragraphs(lines) == [expected]


def _numbered_docx(path: Path) -> Path:
    """A docx whose headings carry Word's automatic numbers (一、 and （一）), not typed ones."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="77">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>')
        )

    document.add_paragraph(TITLE)
    numbered("主要目标", 0)
    document.add_paragraph("到2025年，甲指标达到85%。［县水利局牵头，县财政局配合］")
    numbered("重点任务", 0)
    numbered("实施水源保护工程。到2026年，新建水源地保护区12处。（责任单位：县生态环境分局）", 1)
    numbered("推进管网改造。到2025年，管网漏损率控制在9%以内。［县住建局牵头］", 1)
    for n in range(3, 12):
        numbered(f"第{n}部分", 0)
    document.save(str(path))
    return path


def test_docx_automatic_list_numbers_are_written_out(tmp_path):
    lines = read_file(_numbered_docx(tmp_path / "numbered.docx")).text.splitlines()
    assert lines[1] == "一、主要目标" and lines[3] == "二、重点任务"
    assert lines[4].startswith("（一）实施水源保护工程") and lines[5].startswith("（二）推进管网改造")
    assert lines[-2:] == ["十、第10部分", "十一、第11部分"]


def test_chinese_numbers():
    from policykb.ingest.numbering import chinese_number

    assert [chinese_number(n) for n in (1, 10, 12, 20, 21, 100, 105, 110)] == [
        "一", "十", "十二", "二十", "二十一", "一百", "一百零五", "一百一十",
    ]  # fmt: skip


def test_a_pdf_printed_by_a_browser_reads_radical_glyphs_as_ordinary_characters(tmp_path):
    """Chromium prints 民, 门 and 食 with glyphs its font shares with radicals (⺠ ⻔ ⻝), and the PDF's
    text layer gives the radicals back; the reader writes the ordinary characters, so a unit reads as one."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("需要 /usr/bin/chromium（Debian 的 chromium 软件包）")
    from playwright.sync_api import sync_playwright

    from policykb.ingest.pdf import read_pdf

    body = "".join(
        f"<p>{p}</p>"
        for p in (
            "青禾市人民政府关于印发粮食安全行动方案的通知",
            "各县（市、区）人民政府，市政府各部门：",
            "（一）建设粮食应急保障中心。（负责部门：市发展改革委、市粮食和物资储备局）",
        )
    )
    style = "<style>body{font-family:'Noto Sans CJK SC';font-size:14px}</style>"
    path = tmp_path / "plan.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(f"<html><head><meta charset='utf-8'>{style}</head><body>{body}</body></html>")
        page.pdf(path=str(path), format="A4")
        browser.close()
    text = "\n".join(read_pdf(path, max_pages=5).paragraphs)
    assert "（负责部门：市发展改革委、市粮食和物资储备局）" in text
    assert "人民政府" in text
    assert not re.search(r"[\u2e80-\u2eff]", text)


_BAR = "<div style='font-size:8px;width:100%;padding:0 1cm;display:flex;justify-content:space-between'>{}</div>"
_CENTRED = "<div style='font-size:9px;width:100%;text-align:center'>{}</div>"
PRINTED_FURNITURE = {
    # the browser's own: the time it printed and the title over the page, the address and 1/2 under it
    "stamp": (
        _BAR.format("<span class='date'></span><span class='title'></span>"),
        _BAR.format(
            "<span>https://www.example.gov.cn/art/2025/3/6/art_1.html</span>"
            "<span><span class='pageNumber'></span>/<span class='totalPages'></span></span>"
        ),
    ),
    # a running header over every page and 第1页 共2页 under it
    "running": (
        _CENTRED.format("苇洲市人民政府行政规范性文件"),
        _CENTRED.format("第<span class='pageNumber'></span>页 共<span class='totalPages'></span>页"),
    ),
}


@pytest.mark.parametrize("form", sorted(PRINTED_FURNITURE))
def test_a_plan_printed_by_a_browser_reads_as_its_paragraphs_without_the_page_furniture(tmp_path, form):
    """A plan printed from a browser onto A4 pages: lines wrap mid-sentence and a paragraph runs over the page
    break; the running header and footer are left out (else the header ran into the cut paragraph, and, wider than
    the text, made every line look short of the margin, so each visual line became a paragraph)."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("需要 /usr/bin/chromium（Debian 的 chromium 软件包）")
    from policykb.ingest.pdf import read_pdf

    header, footer = PRINTED_FURNITURE[form]
    result = read_pdf(make_browser_pdf(tmp_path / "plan.pdf", LONG_PARAGRAPHS, header, footer), max_pages=5)
    assert result.pages == 2
    assert [normalize_text(p) for p in result.paragraphs] == [normalize_text(p) for p in LONG_PARAGRAPHS]


def test_a_page_number_printed_with_a_radical_glyph_is_dropped():
    """A browser prints the 页 of ``第2页`` with the radical's glyph (⻚): still a page number."""
    from policykb.ingest.layout import Line, drop_page_numbers

    lines = [Line("各项任务按时完成。", 70, 500, 100, 116), Line("第2\u2eda 共3\u2eda", 250, 330, 800, 812)]
    assert [line.text for line in drop_page_numbers(lines)] == ["各项任务按时完成。"]


def test_running_lines_are_the_same_text_at_the_same_height_or_a_print_stamp():
    from policykb.ingest.layout import Line, running_lines

    SENTENCES = ["到2025年，冷库容量达到45万吨。", "新建集配中心14个。", "市级财政每年安排资金。"]  # noqa: N806

    def page(number: int, first: str, top: float = 20) -> list[Line]:
        return [
            Line("苇洲市人民政府公报", 200, 400, top, top + 9),
            Line(first, 70, 500, 80, 96),
            Line(SENTENCES[number - 1], 70, 500, 110, 126),
            Line(f"— {number} —", 280, 320, 800, 810),
        ]

    # three pages: the header at one height on all three, the page number at the bottom of each
    assert running_lines([page(1, "一、总体目标"), page(2, "二、重点任务"), page(3, "三、保障措施")]) == [(1, 1)] * 3
    # the same line at other heights is the text's, not the page's
    assert running_lines([page(1, "一、总体目标", 20), page(2, "二、重点任务", 60), page(3, "三、保障措施", 90)]) == [
        (0, 1), (0, 1), (0, 1),
    ]  # fmt: skip
    # one page printed by a browser: the print time over it, the address under it
    stamped = [
        Line("3/6/25, 9:41 AM 苇洲市城乡冷链物流提升行动方案", 20, 570, 10, 18),
        Line("为加快补齐冷链物流设施短板，制定本方案。", 70, 500, 80, 96),
        Line("https://www.example.gov.cn/art_1.html 1/1", 20, 570, 820, 828),
    ]
    assert running_lines([stamped]) == [(1, 1)]


def test_a_heading_at_a_pages_foot_does_not_run_into_the_next_pages_first_paragraph():
    """``二、重点任务`` alone at the foot of a page, stopped short of the margin: the next page's paragraph is not
    joined to it (a line running to the margin, cut by the page break, still is)."""
    from policykb.ingest.layout import Line, join_pages, stops_short

    foot = [
        Line("到2026年，全市冷库总容量达到45万吨，冷藏车保有量达", 70, 520, 700, 716),
        Line("到1800辆。", 70, 160, 726, 742),
        Line("二、重点任务", 70, 166, 752, 768),
    ]
    cut = [*foot[:2], Line("（一）建设产地冷链集配中心。在蔬菜、水果主产乡镇布", 70, 520, 752, 768)]
    assert stops_short(foot) and not stops_short(cut)
    next_page = ["局建设产地冷链集配中心，配备预冷设施。"]
    assert join_pages([["……", "二、重点任务"], next_page], [True, False])[-2:] == ["二、重点任务", next_page[0]]
    cut_page = ["……", "（一）建设产地冷链集配中心。在蔬菜、水果主产乡镇布"]
    assert join_pages([cut_page, next_page], [False, False])[-1] == cut_page[1] + next_page[0]


def test_a_line_left_short_by_a_number_too_wide_for_its_end_runs_on():
    """A typesetter pushes ``85%。`` down whole when it does not fit the line's end, which then stops short of the
    margin by more than a character or two; the paragraph runs on (a short line ending a sentence still ends it)."""
    from policykb.ingest.layout import Line, paragraphs

    lines = [
        Line("（一）到2027年，全市冷库总容量达到45万吨以上，冷藏车保有", 57, 563, 100, 116),
        Line("量较2024年增加三成，产地低温处理率提高到35%，冷链流通率达到", 57, 521, 126, 142),
        Line("85%。（牵头单位：市商务局、市农业农村局）", 57, 420, 152, 168),
        Line("（二）加快发展清洁能源，推进风电、光伏等可再生能源规模", 57, 563, 178, 194),
        Line("化发展。", 57, 121, 204, 220),
        Line("到2025年，风电装机达到120万千瓦。", 57, 330, 230, 246),
    ]
    assert paragraphs(lines) == [
        "（一）到2027年，全市冷库总容量达到45万吨以上，冷藏车保有量较2024年增加三成，产地低温处理率提高到35%，"
        "冷链流通率达到85%。（牵头单位：市商务局、市农业农村局）",
        "（二）加快发展清洁能源，推进风电、光伏等可再生能源规模化发展。",
        "到2025年，风电装机达到120万千瓦。",
    ]


def test_glyphs_a_browser_pdf_maps_to_other_code_points_read_as_the_plans_characters():
    """Noto CJK SC draws 户 and 胶 with glyphs its PDF maps back to 戶 and 㬵, and Chromium writes ``——`` as the
    two-em dash ⸺: read as the plan wrote them, so ``账户`` and a ``——`` item match the text."""
    assert normalize_text("⸺设施网络完善：开立账戶，橡㬵制品") == "——设施网络完善：开立账户，橡胶制品"


@needs_soffice
def test_a_table_row_the_page_break_cuts_reads_as_one_row(tmp_path):
    """A numbered task table whose long rows break across pages (Word's and LibreOffice's default): the part of a
    row on the next page, with no number, is added to the row it continues, not read as a row of its own."""
    import docx

    from policykb.ingest.pdf import read_pdf

    document = docx.Document()
    document.add_paragraph("苇洲市冷链物流重点任务分工表")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["序号", "重点任务", "牵头单位", "完成时限"], strict=True):
        cell.text = text
    units = ["市农业农村局", "市商务局", "市数据局", "市市场监管局", "市交通运输局", "市财政局"]
    for n in range(1, 13):
        cells = table.add_row().cells
        cells[0].text, cells[2].text, cells[3].text = str(n), units[n % 6], f"2026年{n}月底前"
        cells[1].text = (
            f"第{n}项任务：" + "推进冷链设施建设，完善配送网络，提升冷链物流服务质量和效率，" * 4 + "按期完成。"
        )
    document.save(str(tmp_path / "split.docx"))
    result = read_pdf(soffice_convert(tmp_path / "split.docx", "pdf", tmp_path), max_pages=10)
    rows = table_rows("\n".join(result.paragraphs))
    assert result.pages > 2
    assert [row[0] for row in rows] == ["序号", *(str(n) for n in range(1, 13))]
    assert all(row[1].endswith("按期完成。") and row[2] == units[int(row[0]) % 6] for row in rows[1:])
