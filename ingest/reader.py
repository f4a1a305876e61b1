"""Read a file of any supported type into plain text, and say how it was read.

``.txt`` in UTF-8 (with or without BOM), UTF-16 (with or without BOM), GBK or GB18030 is
detected, not assumed; ``.md``, ``.html``, ``.docx``, ``.pdf`` and ``.ofd`` are read with their
parsers; ``.doc`` and ``.wps`` through LibreOffice; scanned PDF pages by OCR.
Tables come out as row lines (:mod:`policykb.ingest.tables`) between the paragraphs.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from policykb.ingest.errors import DocumentError

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".doc", ".wps", ".pdf", ".ofd")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class ReadLimits:
    """How large a file may be: megabytes on disk and pages (PDF, OFD)."""

    max_mb: float = 100.0
    max_pages: int = 500


@dataclass
class ReadResult:
    """A document's text, notes on how it was read (e.g. ``文字由OCR识别``) and its pages (PDF only)."""

    text: str
    notes: list[str] = field(default_factory=list)
    pages: int | None = None


def decode_text(data: bytes, name: str = "") -> str:
    """Decode bytes of a text file, detecting its encoding.

    A BOM decides; else valid UTF-8 that reads as text; else whichever of GB18030 and UTF-16
    (little- or big-endian, no BOM) reads most like Chinese or ASCII text.

    Raises:
        DocumentError: the bytes are empty or are not text in a known encoding.
    """
    if not data.strip():
        raise DocumentError(f"文件为空：{name}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if _mostly_text(text):
                return text
    candidates = [(_plausibility(t), t) for t in _decodings(data)]
    best = max(candidates, default=(0.0, ""), key=lambda c: c[0])
    if best[0] >= 0.5 and _mostly_text(best[1]):
        return best[1]
    if b"\x00" in data:
        raise DocumentError(f"不是文本文件（含二进制内容）：{name}")
    raise DocumentError(f"无法识别文件编码（支持 UTF-8、GBK、GB18030、UTF-16）：{name}")


def _decodings(data: bytes) -> list[str]:
    """The text the bytes make in each candidate encoding that decodes them without error."""
    encodings = ["gb18030"] if b"\x00" not in data else []
    out = []
    for encoding in encodings:
        try:
            out.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    even = data[: len(data) // 2 * 2]  # a file cut after an odd byte still reads
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            out.append(even.decode(encoding))
        except UnicodeDecodeError:
            continue
    return out


def _plausibility(text: str) -> float:
    """Share of characters usual in Chinese plan text: ASCII, CJK punctuation and full-width
    forms, and the common (GB2312) Chinese characters. A wrong decoding scores far lower."""
    if not text:
        return 0.0
    sample = text[:4000]
    usual = sum(1 for ch in sample if _usual(ch))
    return usual / len(sample)


def _usual(ch: str) -> bool:
    code = ord(ch)
    if code < 128:
        return ch.isprintable() or ch in "\r\n\t"
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x2027:
        return True
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _mostly_text(text: str) -> bool:
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad <= max(2, len(text) // 200)


def read_document(path: Path, limits: ReadLimits | None = None) -> str:
    """Text of the document at ``path`` (see :func:`read_file`)."""
    return read_file(path, limits).text


UNREAD_MARK = "未识别"  # in a note on pages read without OCR: the same file is read again next time


def read_file(path: Path, limits: ReadLimits | None = None) -> ReadResult:
    """Text of the document at ``path`` and notes on how it was read.

    Raises:
        DocumentError: missing, unsupported type, too large, empty, binary, encrypted,
            truncated or unreadable file.
    """
    limits = limits or ReadLimits()
    suffix = _check_file(path, limits)
    notes: list[str] = []
    pages: int | None = None
    if suffix in (".docx", ".doc", ".wps"):
        from policykb.ingest.office import read_docx, read_legacy_word

        text = read_docx(path) if suffix == ".docx" else read_legacy_word(path)
    elif suffix == ".pdf":
        text, notes, pages = _read_pdf(path, limits)
    elif suffix == ".ofd":
        from policykb.ingest.ofd import read_ofd

        text = read_ofd(path, limits.max_pages)
    elif suffix in (".html", ".htm"):
        from policykb.ingest.webpage import read_html

        text = read_html(decode_text(_bytes(path), path.name))
    else:
        text = decode_text(_bytes(path), path.name)
    if not text.strip():
        raise DocumentError(f"文件中没有可读的文字：{path.name}")
    return ReadResult(text, notes, pages)


def _check_file(path: Path, limits: ReadLimits) -> str:
    """The file's suffix, once it is known to exist, be of a supported type and within the size limit."""
    if not path.exists():
        raise DocumentError(f"文件或文件夹不存在：{path}")
    if path.is_dir():
        raise DocumentError(f"这是一个文件夹，不是文件：{path}")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"不支持的文件类型 {suffix or '（无扩展名）'}：{path.name}（支持 {'、'.join(SUPPORTED)}）")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"无法读取文件：{path}（{exc.strerror}）") from exc
    if limits.max_mb and size > limits.max_mb * 1024 * 1024:  # 0: no limit
        megabytes = size / 1024 / 1024
        raise DocumentError(
            f"文件过大（{megabytes:.1f} MB，上限 {limits.max_mb:g} MB，可用 POLICYKB_MAX_FILE_MB 调整）：{path.name}"
        )
    if size == 0:
        raise DocumentError(f"文件为空：{path.name}")
    return suffix


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"无法读取文件：{path}（{exc.strerror}）") from exc


def _read_pdf(path: Path, limits: ReadLimits) -> tuple[str, list[str], int]:
    from policykb.ingest.ocr import INSTALL_HINT, LOW_CONFIDENCE_MARK, OCR_NOTE, TABLE_UNREAD_MARK
    from policykb.ingest.pdf import read_pdf

    pdf = read_pdf(path, limits.max_pages)
    notes: list[str] = []
    if pdf.ocr_pages and len(pdf.ocr_pages) == pdf.pages:
        notes.append(OCR_NOTE)
    elif pdf.ocr_pages:
        notes.append(f"第 {_pages(pdf.ocr_pages)} 页{OCR_NOTE}")
    for index, confidence in sorted(pdf.review_pages.items()):
        notes.append(f"第 {index + 1} 页{LOW_CONFIDENCE_MARK}（{confidence:.0%}），需人工核对")
    for index in pdf.unread_tables:
        notes.append(f"第 {index + 1} 页{TABLE_UNREAD_MARK}，需人工核对")
    if pdf.unread_pages:
        notes.append(f"第 {_pages(pdf.unread_pages)} 页为扫描图像，{UNREAD_MARK}（需要 OCR 组件：{INSTALL_HINT}）")
    return "\n".join(pdf.paragraphs), notes, pdf.pages


def _pages(indexes: list[int]) -> str:
    return "、".join(str(i + 1) for i in indexes)
