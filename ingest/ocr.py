"""OCR of page images: Chinese PP-OCR models shipped inside ``rapidocr-onnxruntime`` (nothing is
downloaded at run time), boxes gathered into lines and lines into paragraphs; boxes inside a ruled table (its
rules found on the image, :mod:`policykb.ingest.image_rules`) read as the table's rows.

Optional: installed with ``pip install 'policykb[ocr]'``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from policykb.ingest.aligned import aligned_grids
from policykb.ingest.errors import DocumentError
from policykb.ingest.grid import Grid, find_grids, page_parts
from policykb.ingest.layout import Line

OCR_NOTE = "文字由OCR识别"
INSTALL_HINT = "pip install 'policykb[ocr]'"
RENDER_DPI = 150  # enough for 三号 and 小四 type; 200 dpi costs a quarter more time for no fewer errors here
DETECT_SIDE = 1600  # text is found on the page scaled to this longest side (the default 2000 costs ~40% more)
MIN_SCORE = 0.5
LOW_CONFIDENCE = 0.9
"""A page read with a lower mean confidence needs review: clean scans read at 0.97 and more (72 to 200 dpi, worn
or not), a blurred one at 0.76 to 0.84, and there the characters misread begin to change names and numbers."""
LOW_CONFIDENCE_MARK = "OCR识别置信度低"  # in a note on pages that need review
TABLE_UNREAD_MARK = "表格未能可靠地按行读出"  # noted on a page whose ruled table was not read into rows
"""A table is not read into rows when its rules were found broken (a blurred scan), or when a box of text in it
was too unsure to keep (its cell would read empty, and an empty unit cell takes the units of the row above)."""
_HALF_TO_FULL = str.maketrans(
    {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "[": "［", "]": "］", "?": "？", "!": "！"}
)
_CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]"
_HALF_NEAR_CJK = re.compile(rf"(?<={_CJK})\s*[,:;()\[\]?!]+|[,:;()\[\]?!]+\s*(?={_CJK})")


def ocr_available() -> bool:
    """Whether the OCR engine can be imported."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _engine():  # noqa: ANN202 - rapidocr_onnxruntime.RapidOCR
    from rapidocr_onnxruntime import RapidOCR

    _sessions_without_spinning()
    return RapidOCR(max_side_len=DETECT_SIDE)


def _sessions_without_spinning() -> None:
    """Make the OCR engine's onnxruntime sessions let their threads sleep while they wait for work.

    onnxruntime's own thread pool (not OpenMP: ``OMP_WAIT_POLICY`` does not reach it) spins between operators by
    default; on a machine with other work the spinning threads burn the cores the work needs. Reading a scanned
    table page took 5.6-6.0 s of CPU with spinning and 3.2-3.4 s without (same text, load 15-20; docs/speed.md).
    rapidocr builds its session options in ``OrtInferSession._init_sess_opts``; where that is gone, nothing changes.
    """
    from rapidocr_onnxruntime.utils import infer_engine

    session = infer_engine.OrtInferSession
    build = getattr(session, "_init_sess_opts", None)
    if build is None or getattr(build, "spinning_off", False):
        return

    def options(config):  # noqa: ANN001, ANN202 - rapidocr's config dict, onnxruntime.SessionOptions
        made = build(config)
        for pool in ("intra_op", "inter_op"):
            made.add_session_config_entry(f"session.{pool}.allow_spinning", "0")
        return made

    options.spinning_off = True  # type: ignore[attr-defined]
    session._init_sess_opts = staticmethod(options)


@dataclass(frozen=True)
class PageReading:
    """What OCR read on one page, and how sure it was: the mean of its boxes' scores, each weighted by its
    characters (boxes too unsure to keep count too; 0 for a page where nothing was read)."""

    paragraphs: list[str]
    confidence: float
    table_unread: bool = False  # a ruled table not read into rows (see TABLE_UNREAD_MARK): its text left as text

    @property
    def needs_review(self) -> bool:
        return self.confidence < LOW_CONFIDENCE or self.table_unread


def read_image(image) -> PageReading:  # noqa: ANN001 - a PIL image
    """The paragraphs OCR reads on one page image, and its confidence in them."""
    import numpy as np

    result, _ = _engine()(np.asarray(image.convert("RGB")), use_cls=False)
    pieces, unsure = [], []
    weighted, characters = 0.0, 0
    for box, text, score in result or []:
        text = str(text).strip()
        if not text:
            continue
        weighted, characters = weighted + float(score) * len(text), characters + len(text)
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        (unsure if float(score) < MIN_SCORE else pieces).append(Line(text, min(xs), max(xs), min(ys), max(ys)))
    grids = _grids(image)
    grids += aligned_grids(pieces, grids)  # a table drawn without lines, its columns clearly aligned
    for grid in grids:  # a cell left empty by a box too unsure to keep would take the row above's units
        grid.sound = grid.sound and not any(grid.holds(p) for p in unsure)
    found = [full_width_punctuation(p) for p in page_parts(pieces, grids, lost_marks=True)]
    unread = any(not grid.sound and any(grid.holds(p) for p in pieces + unsure) for grid in grids)
    return PageReading(found, weighted / characters if characters else 0.0, unread)


def _grids(image) -> list[Grid]:  # noqa: ANN001 - a PIL image
    """The ruled tables drawn on the page."""
    from policykb.ingest.image_rules import image_rules, rule_tolerance

    return find_grids(image_rules(image), rule_tolerance(image))


def full_width_punctuation(text: str) -> str:
    """OCR reads ``（责任单位：…）`` as often as ``(责任单位:…)``: ASCII punctuation next to a Chinese
    character is written full-width, as the document had it (``2.5``, ``A:B`` between Latin stay)."""
    return _HALF_NEAR_CJK.sub(lambda m: m.group().strip().translate(_HALF_TO_FULL), text)


def pdf_page_images(path: Path, pages: Iterable[int], dpi: int = RENDER_DPI) -> Iterator[tuple[int, object]]:
    """``(page index, PIL image)`` of the given pages of a PDF, rendered one at a time."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in pages:
            page = document[index]
            try:
                yield index, page.render(scale=dpi / 72).to_pil()
            finally:
                page.close()
    finally:
        document.close()


def ocr_pdf_pages(path: Path, pages: list[int]) -> dict[int, PageReading]:
    """What OCR reads on each listed PDF page, with a progress bar.

    Raises:
        DocumentError: the OCR extra is not installed.
    """
    from tqdm import tqdm

    require_ocr(path.name)
    out: dict[int, PageReading] = {}
    images = pdf_page_images(path, pages)
    for index, image in tqdm(images, total=len(pages), desc=f"OCR 识别 {path.name}", unit="页", disable=None):
        out[index] = read_image(image)
    return out


def require_ocr(name: str) -> None:
    """Raise a clear message when the OCR extra is missing."""
    if not ocr_available():
        raise DocumentError(f"{name} 是扫描件（没有文字层），识别需要 OCR 组件：请运行 {INSTALL_HINT}")
