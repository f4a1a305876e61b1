"""Read a file of any supported type into plain text.

``.txt`` in UTF-8 (with or without BOM), UTF-16, GBK or GB18030 is detected, not
assumed; ``.md``, ``.html``, ``.docx`` and ``.pdf`` are read with their parsers.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from policykb.ingest.errors import DocumentError

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, name: str = "") -> str:
    """Decode bytes of a text file, detecting its encoding.

    Raises:
        DocumentError: the bytes are empty or are not text in a known encoding.
    """
    if not data.strip():
        raise DocumentError(f"文件为空：{name}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if _looks_utf16(data):
        return data.decode("utf-16-le" if data[1] == 0 else "utf-16-be")
    if b"\x00" in data:
        raise DocumentError(f"不是文本文件（含二进制内容）：{name}")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return text
    raise DocumentError(f"无法识别文件编码（支持 UTF-8、GBK、GB18030、UTF-16）：{name}")


def _looks_utf16(data: bytes) -> bool:
    sample = data[:400]
    if len(sample) < 4:
        return False
    even_zero = sample[0::2].count(0) / len(sample[0::2])
    odd_zero = sample[1::2].count(0) / len(sample[1::2])
    return max(even_zero, odd_zero) > 0.3 and min(even_zero, odd_zero) < 0.05


def _mostly_text(text: str) -> bool:
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad <= max(2, len(text) // 200)


def read_document(path: Path) -> str:
    """Text of the document at ``path``.

    Raises:
        DocumentError: unsupported type, empty, binary, truncated or unreadable file.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"不支持的文件类型 {suffix or '（无扩展名）'}：{path.name}（支持 {'、'.join(SUPPORTED)}）")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"无法读取文件：{path}（{exc.strerror}）") from exc
    if not data.strip():
        raise DocumentError(f"文件为空：{path.name}")
    if suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = _read_pdf(path)
    elif suffix in (".html", ".htm"):
        text = _read_html(decode_text(data, path.name))
    else:
        text = decode_text(data, path.name)
    if not text.strip():
        raise DocumentError(f"文件中没有可读的文字：{path.name}")
    return text


def _read_docx(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"Word 文件已损坏或不完整：{path.name}") from exc
    except Exception as exc:  # python-docx raises library-specific errors on bad parts
        raise DocumentError(f"Word 文件无法解析：{path.name}（{type(exc).__name__}）") from exc
    return "\n".join(p.text for p in document.paragraphs)


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise DocumentError(f"PDF 文件已损坏或不完整：{path.name}") from exc
    except Exception as exc:  # pypdf raises assorted errors on malformed files
        raise DocumentError(f"PDF 文件无法解析：{path.name}（{type(exc).__name__}）") from exc


def _read_html(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    blocks = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "div", "td", "br"])
    if not blocks:
        return soup.get_text("\n")
    return soup.get_text("\n")
