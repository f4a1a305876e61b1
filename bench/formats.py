"""Per-format reading time: ``python -m bench.formats [--pages N] [--scanned N]``.

Builds the invented fixture plan of ``bench/formats_fixtures.py`` as txt, html, docx, .doc and PDF
(LibreOffice), OFD and a scanned PDF, about ``--pages`` pages each (the scan ``--scanned`` pages),
reads each with :func:`policykb.ingest.reader.read_file` and prints seconds, pages per second and
the machine's load, as a Markdown table (also written to ``bench/FORMATS.md``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import formats_fixtures as fx
from bench.report import table
from policykb.ingest.reader import read_file


def _fixtures(folder: Path, pages: int, scanned: int) -> dict[str, tuple[Path, int]]:
    """``format → (file, pages)``; the plan is about one page, repeated to make ``pages``."""
    files: dict[str, tuple[Path, int]] = {}
    (folder / "plan.txt").write_text("\n".join([fx.twin_text()] * pages), encoding="utf-8")
    files["txt"] = (folder / "plan.txt", pages)
    docx = fx.make_docx(folder / "plan.docx")
    _repeat_docx(docx, pages)
    files["docx"] = (docx, pages)
    if shutil.which("soffice"):
        files["doc"] = (fx.soffice_convert(docx, "doc", folder), pages)
        pdf = fx.soffice_convert(docx, "pdf", folder)
        from pypdf import PdfReader

        files["pdf (text + tables)"] = (pdf, len(PdfReader(str(pdf)).pages))
    paragraphs = [*fx.PARAGRAPHS, fx.AFTER_TABLE, fx.CLOSING]
    files["ofd"] = (fx.make_ofd(folder / "plan.ofd", [paragraphs] * pages), pages)
    files["pdf (scanned, OCR)"] = (fx.make_scanned_pdf(folder / "scan.pdf", fx.PARAGRAPHS, pages=scanned), scanned)
    return files


def _repeat_docx(path: Path, times: int) -> None:
    import copy

    import docx

    document = docx.Document(str(path))
    body = document.element.body
    blocks = [child for child in body.iterchildren() if not child.tag.endswith("}sectPr")]
    for _ in range(times - 1):
        for block in blocks:
            body.insert(len(body) - 1, copy.deepcopy(block))
    document.save(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.formats", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--scanned", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("FORMATS.md"))
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="policykb-bench-formats-") as tmp:
        for kind, (path, pages) in _fixtures(Path(tmp), args.pages, args.scanned).items():
            started, cpu = time.perf_counter(), time.process_time()
            text = read_file(path).text
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
            cer = fx.character_error_rate("\n".join(fx.PARAGRAPHS * pages), text) if "OCR" in kind else None
            note = f"character error rate {cer:.2%}" if cer is not None else ""
            rows.append([kind, pages, f"{seconds:.2f}", f"{cpu_seconds:.2f}", f"{pages / seconds:.2f}", note])
    lines = [f"Reading time per format on {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} while "
             "measured; `python -m bench.formats`).", "",
             *table(["format", "pages", "seconds", "CPU seconds", "pages/s", "note"], rows)]  # fmt: skip
    print("\n".join(lines))
    args.out.write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
