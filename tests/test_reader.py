"""Reading files: encodings detected, formats parsed, bad files refused with a clear Chinese message."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from policykb.ingest.errors import DocumentError
from policykb.ingest.normalize import normalize_text
from policykb.ingest.reader import read_document

TEXT = "齐齐哈尔市“十四五”方案\n一、总体要求\n到2025年，清洁取暖率提高到86%。［市住建局负责］\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_in_any_common_chinese_encoding(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_document(path).replace("\r", "") == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_and_without_ascii(tmp_path, encoding):
    text = "丙县方案：到二〇二五年，甲指标达到百分之八十五。［县水利局负责］"  # not one NUL byte in it
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path) == text


def test_traditional_characters_in_gb18030(tmp_path):
    text = "丁縣實施方案：到2025年，供水普及率達到92%。［縣水利局負責］"
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path) == text


def test_gb18030_only_characters(tmp_path):
    text = "方案：㐀䶵 与 ［市发改委负责］，到2025年达到15%。"
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path) == text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "为空"),
        ("blank.txt", b"  \n\t\n", "为空"),
        ("binary.txt", bytes(range(256)) * 8, "二进制"),
        ("truncated.docx", b"PK\x03\x04" + b"\x00" * 40, "Word"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "PDF"),
        ("plan.exe", b"MZ", "不支持"),
        ("noext", b"text", "不支持"),
    ],
)
def test_bad_files_are_refused_clearly(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        read_document(path)


def test_docx(tmp_path):
    document = docx.Document()
    for line in TEXT.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert "清洁取暖率提高到86%" in read_document(path)


def test_truncated_real_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph(TEXT)
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "cut.docx"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(DocumentError):
        read_document(path)
    assert zipfile.is_zipfile(io.BytesIO(buffer.getvalue()))


def test_html_drops_scripts_and_keeps_text(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><head><script>alert(1)</script><style>p{}</style></head>"
        "<body><h1>一、总体要求</h1><p>到2025年，清洁取暖率提高到86%。</p></body></html>",
        encoding="utf-8",
    )
    text = read_document(path)
    assert "alert" not in text and "清洁取暖率提高到86%" in text


def test_markdown_headings_become_plain_lines(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 方案\n\n## 一、总体要求\n\n到2025年，达到15%。\n", encoding="utf-8")
    assert normalize_text(read_document(path)).split("\n")[1] == "一、总体要求"


def test_pdf_text(tmp_path):
    content = b"BT /F1 12 Tf 20 100 Td (Clean heating rate 86 percent by 2025) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path = tmp_path / "plan.pdf"
    path.write_bytes(out.getvalue())
    assert "Clean heating rate 86 percent" in read_document(path)


def test_normalize_keeps_brackets_and_drops_layout_spaces():
    raw = "\u3000\u3000（一）重点工程。到2025年 ，达到 15%。［市发改委 牵头］\r\n\r\n  抄送：市委。 "
    assert normalize_text(raw) == "（一）重点工程。到2025年，达到15%。［市发改委牵头］\n抄送：市委。"


def test_missing_path_is_said_to_be_missing(tmp_path):
    with pytest.raises(DocumentError, match="不存在"):
        read_document(tmp_path / "plans")
    with pytest.raises(DocumentError, match="不存在"):
        read_document(tmp_path / "plan.txt")


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(DocumentError, match="文件夹"):
        read_document(tmp_path)


def test_encrypted_pdf_is_not_called_corrupt(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt(user_password="pw", owner_password="owner", algorithm="AES-256")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError, match="已加密") as info:
        read_document(path)
    assert "损坏" not in str(info.value)


def test_pdf_with_owner_password_only_is_read(tmp_path):
    """An owner password (no printing, no copying) does not stop reading: its text is there."""
    from pypdf import PdfReader, PdfWriter

    source = tmp_path / "plain.pdf"
    test_pdf_text(tmp_path)  # writes plan.pdf
    writer = PdfWriter(clone_from=PdfReader(str(tmp_path / "plan.pdf")))
    writer.encrypt(user_password="", owner_password="owner")
    with source.open("wb") as handle:
        writer.write(handle)
    assert "Clean heating rate 86 percent" in read_document(source)
