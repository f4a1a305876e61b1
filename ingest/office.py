"""Word files: ``.docx`` read in body order (paragraphs and tables interleaved); ``.doc`` and
``.wps`` converted to ``.docx`` by LibreOffice headless first.

A table becomes text lines in the one form of :mod:`policykb.ingest.tables`, a merged cell's
text repeated in every position it covers.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from policykb.ingest.errors import DocumentError
from policykb.ingest.tables import table_lines

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
    return "\n".join(_body_lines(document.element.body, document))


def _body_lines(container, parent) -> Iterator[str]:  # noqa: ANN001 - python-docx oxml elements
    """Paragraph texts and table-row lines of a body (or content control) in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent).text
        elif tag == "tbl":
            yield from _table_lines(Table(child, parent))
        elif tag == "sdt":  # a content control wraps paragraphs and tables of its own
            for content in child.iterchildren():
                if content.tag.endswith("}sdtContent"):
                    yield from _body_lines(content, parent)


def _table_lines(table) -> list[str]:  # noqa: ANN001 - docx.table.Table
    """Rows of a Word table; python-docx repeats a horizontally or vertically merged cell in
    every grid position it covers, so merged values carry across and down."""
    from docx.table import _Cell

    rows: list[list[str]] = []
    for row in table.rows:
        try:
            cells = list(row.cells)
        except (IndexError, ValueError):  # an irregular grid python-docx cannot lay out: cells as written
            cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
        rows.append([_cell_text(cell) for cell in cells])
    return table_lines(rows)


def _cell_text(cell) -> str:  # noqa: ANN001 - docx.table._Cell
    """A cell's paragraphs (and any table nested in it) as lines."""
    return "\n".join(line for line in _body_lines(cell._tc, cell) if line.strip())


def soffice() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_word(path: Path, timeout: float = CONVERT_TIMEOUT) -> str:
    """Text of a ``.doc`` or ``.wps`` (WPS 文字) file, converted to ``.docx`` by LibreOffice.

    Raises:
        DocumentError: LibreOffice is missing, timed out, or could not convert the file.
    """
    command = soffice()
    kind = "WPS" if path.suffix.lower() == ".wps" else "Word 97-2003（.doc）"
    if command is None:
        raise DocumentError(
            f"读取 {kind} 文件需要 LibreOffice，本机未安装：{path.name}"
            f"（Debian/Ubuntu 请运行 apt-get install {LIBREOFFICE_PACKAGE}，或先另存为 .docx 再导入）"
        )
    with tempfile.TemporaryDirectory(prefix="policykb-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"input{'.doc' if path.suffix.lower() == '.wps' else path.suffix.lower()}"
        shutil.copyfile(path, source)  # a plain ASCII name: soffice is fussy about odd paths
        profile = (work / "profile").as_uri()  # a private profile, so parallel conversions never collide
        args = [command, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        args += ["--convert-to", "docx", "--outdir", str(work / "out"), str(source)]
        try:
            subprocess.run(args, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise DocumentError(f"{kind} 文件转换超时（{timeout:.0f} 秒），文件可能已损坏：{path.name}") from exc
        converted = work / "out" / "input.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise DocumentError(f"{kind} 文件已损坏或无法转换：{path.name}")
        return read_docx(converted, path.name)
