"""Word files: ``.docx`` read in body order (paragraphs and tables interleaved); ``.doc`` and
``.wps`` converted to ``.docx`` by LibreOffice headless first.

A table becomes text lines in the one form of :mod:`policykb.ingest.tables`, a merged cell's
text repeated in every position it covers.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from policykb.ingest.errors import DocumentError
from policykb.ingest.numbering import ListNumbers
from policykb.ingest.tables import table_lines

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of Word 97–2003 and WPS 文字 files
CONVERT_TIMEOUT = 180  # seconds LibreOffice may take to convert one file
LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"


def read_docx(path: Path, name: str | None = None) -> str:
    """Text of a ``.docx``: paragraphs and table rows in document order.

    Raises:
        DocumentError: the file is not a readable Word document.
    """
    import docx

    name = name or path.name
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"Word 文件已损坏或不完整：{name}") from exc
    except Exception as exc:  # python-docx raises library-specific errors on bad parts
        raise DocumentError(f"Word 文件无法解析：{name}（{type(exc).__name__}）") from exc
    return "\n".join(_body_lines(document.element.body, document, ListNumbers.of(document)))


def _body_lines(container, parent, numbers: ListNumbers) -> Iterator[str]:  # noqa: ANN001 - python-docx oxml
    """Paragraph texts (with Word's automatic list numbers) and table-row lines of a body, cell or
    content control, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, parent)
            yield numbers.label(child, _style_element(paragraph)) + paragraph.text
        elif tag == "tbl":
            yield from _table_lines(Table(child, parent), numbers)
        elif tag == "sdt":  # a content control wraps paragraphs and tables of its own
            for content in child.iterchildren():
                if content.tag.endswith("}sdtContent"):
                    yield from _body_lines(content, parent, numbers)


def _style_element(paragraph):  # noqa: ANN001, ANN202
    try:
        return paragraph.style.element if paragraph.style is not None else None
    except (KeyError, ValueError, AttributeError):
        return None


def _table_lines(table, numbers: ListNumbers) -> list[str]:  # noqa: ANN001 - docx.table.Table
    """Rows of a Word table; python-docx repeats a horizontally or vertically merged cell in
    every grid position it covers, so merged values carry across and down."""
    from docx.table import _Cell

    rows: list[list[str]] = []
    # a merged cell comes back once per grid position: read (and count its numbers) once, keyed by the
    # cell element itself, which the dict keeps alive, so lxml hands the same object back each time
    texts: dict[object, str] = {}
    for row in table.rows:
        try:
            cells = list(row.cells)
        except (IndexError, ValueError):  # an irregular grid python-docx cannot lay out: cells as written
            cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
        for cell in cells:
            if cell._tc not in texts:
                texts[cell._tc] = _cell_text(cell, numbers)
        rows.append([texts[cell._tc] for cell in cells])
    return table_lines(rows)


def _cell_text(cell, numbers: ListNumbers) -> str:  # noqa: ANN001 - docx.table._Cell
    """A cell's paragraphs (and any table nested in it) as lines."""
    return "\n".join(line for line in _body_lines(cell._tc, cell, numbers) if line.strip())


def soffice() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_word(path: Path, timeout: float = CONVERT_TIMEOUT) -> str:
    """Text of a ``.doc`` or ``.wps`` (WPS 文字) file, converted to ``.docx`` by LibreOffice.

    What the file holds decides, not its name: a compound Word file is converted with the Word 97
    filter, an RTF with the RTF filter, a ``.docx`` or a web page saved under a ``.doc`` name is read
    as such; anything else is refused (LibreOffice would otherwise import the bytes as plain text).

    Raises:
        DocumentError: LibreOffice is missing, timed out, or the file is not a readable Word file.
    """
    kind = "WPS（.wps）" if path.suffix.lower() == ".wps" else "Word（.doc）"
    with path.open("rb") as handle:
        head = handle.read(2048)
    if head.startswith(b"PK"):
        return read_docx(path)
    if b"<html" in head.lower() or b"<!doctype html" in head.lower():
        from policykb.ingest.reader import decode_text
        from policykb.ingest.webpage import read_html

        return read_html(decode_text(path.read_bytes(), path.name))
    if head.startswith(_OLE):
        return _convert(path, "MS Word 97", kind, timeout)
    if head.startswith(b"{\\rtf"):
        return _convert(path, "Rich Text Format", kind, timeout)
    raise DocumentError(f"{kind}文件已损坏或不是 Word 文件：{path.name}")


def _convert(path: Path, import_filter: str, kind: str, timeout: float) -> str:
    command = soffice()
    if command is None:
        raise DocumentError(
            f"读取 {kind}文件需要 LibreOffice，本机未安装：{path.name}"
            f"（Debian/Ubuntu 请运行 apt-get install {LIBREOFFICE_PACKAGE}，或先另存为 .docx 再导入）"
        )
    with tempfile.TemporaryDirectory(prefix="policykb-soffice-") as tmp:
        work = Path(tmp)
        source = work / "input.doc"
        shutil.copyfile(path, source)  # a plain ASCII name: soffice is fussy about odd paths
        profile = (work / "profile").as_uri()  # a private profile, so parallel conversions never collide
        args = [command, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        args += [f"--infilter={import_filter}", "--convert-to", "docx", "--outdir", str(work / "out"), str(source)]
        if not _run(args, timeout):
            raise DocumentError(f"{kind}文件转换超时（{timeout:.0f} 秒），文件可能已损坏：{path.name}")
        converted = work / "out" / "input.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise DocumentError(f"{kind}文件已损坏或无法转换：{path.name}")
        return read_docx(converted, path.name)


def _run(args: list[str], timeout: float) -> bool:
    """Run LibreOffice in its own process group; on time-out end the whole group. ``False`` if it timed out."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False
    return True
