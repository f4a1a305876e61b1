"""OFD (GB/T 33190) → text, read from the package's XML directly.

The package is a zip: ``OFD.xml`` names each document's ``Document.xml`` (``DocRoot``), which
lists its pages in order (``Pages/Page/@BaseLoc``); each page's ``Content.xml`` holds text
objects (``TextObject`` with a ``Boundary`` origin, a ``Size`` and an optional ``CTM``) whose
``TextCode`` elements place runs of text at ``X``/``Y`` (the baseline) with ``DeltaX`` advances.
Runs are gathered into lines by position and lines into paragraphs. A table is text boxes inside the
straight lines of ``PathObject`` elements (``AbbreviatedData`` ``M``/``S``/``L``/``C`` commands): those lines
are the table's rules, and its cells read into rows (:mod:`policykb.ingest.grid`).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from policykb.ingest.aligned import aligned_grids
from policykb.ingest.errors import DocumentError
from policykb.ingest.grid import Rule, find_grids, page_parts
from policykb.ingest.layout import Line, join_pages

_MAX_XML = 64 * 1024 * 1024  # bytes one XML part may unpack to
RULE_TOLERANCE = 1.0  # millimetres: rules this close are one (a border drawn twice, by two neighbouring cells)
_STRAIGHT = 0.3  # millimetres a rule may lean and still be horizontal or vertical


class _Broken(Exception):
    """The package is not a well-formed OFD."""


def read_ofd(path: Path, max_pages: int) -> str:
    """The text of every page of every document in the OFD package, in reading order.

    Raises:
        DocumentError: not an OFD package, a broken part, or too many pages.
    """
    try:
        with zipfile.ZipFile(path) as package:
            pages = _page_locations(package)
            if len(pages) > max_pages:
                raise DocumentError(
                    f"OFD 页数过多（{len(pages)} 页，上限 {max_pages} 页，可用 POLICYKB_MAX_PAGES 调整）：{path.name}"
                )
            texts = [_page_text(_xml(package, loc)) for loc in pages]
    except DocumentError:
        raise
    except (zipfile.BadZipFile, _Broken, ElementTree.ParseError, KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"OFD 文件已损坏或不完整：{path.name}") from exc
    return "\n".join(join_pages(texts))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml(package: zipfile.ZipFile, name: str) -> ElementTree.Element:
    names = {n.lstrip("/"): n for n in package.namelist()}
    if name not in names:
        raise _Broken(f"missing part {name}")
    info = package.getinfo(names[name])
    if info.file_size > _MAX_XML:
        raise _Broken(f"part {name} too large")
    return ElementTree.fromstring(package.read(info))


def _resolve(base: str, location: str) -> str:
    """A location inside the package, relative to the part ``base`` or absolute (leading ``/``)."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


def _page_locations(package: zipfile.ZipFile) -> list[str]:
    """The content part of every page, documents and pages in their declared order."""
    root = _xml(package, "OFD.xml")
    pages: list[str] = []
    for doc_root in (e for e in root.iter() if _local(e.tag) == "DocRoot"):
        document_name = _resolve("OFD.xml", doc_root.text or "")
        document = _xml(package, document_name)
        for page in (e for e in document.iter() if _local(e.tag) == "Page" and e.get("BaseLoc")):
            pages.append(_resolve(document_name, page.get("BaseLoc", "")))
    if not pages:
        raise _Broken("no pages")
    return pages


def _page_text(page: ElementTree.Element) -> list[str]:
    """The page's paragraphs and table rows, in reading order."""
    runs: list[Line] = []
    rules: list[Rule] = []
    for obj in page.iter():
        if _local(obj.tag) == "TextObject":
            runs.extend(_object_runs(obj))
        elif _local(obj.tag) == "PathObject":
            rules.extend(_path_rules(obj))
    grids = find_grids(rules, RULE_TOLERANCE)
    return page_parts(runs, grids + aligned_grids(runs, grids))


def _path_rules(obj: ElementTree.Element) -> list[Rule]:
    """The horizontal and vertical straight segments a path object draws (page millimetres)."""
    origin = _numbers(obj.get("Boundary", "0 0 0 0"))[:2] or [0.0, 0.0]
    ctm = _numbers(obj.get("CTM", ""))
    ctm = ctm if len(ctm) == 6 else [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    data = next((e.text or "" for e in obj if _local(e.tag) == "AbbreviatedData"), "")
    points: list[tuple[float, float]] = []
    rules: list[Rule] = []
    tokens, i = data.split(), 0
    while i < len(tokens):
        command = tokens[i]
        if command in ("M", "S", "L") and i + 2 < len(tokens):
            x, y = _apply(ctm, float(tokens[i + 1]), float(tokens[i + 2]))
            point = (origin[0] + x, origin[1] + y)
            if command == "L" and points:
                rules.extend(_straight(points[-1], point))
            points = [*points, point] if command == "L" else [point]
            i += 3
        elif command == "C" and points:
            rules.extend(_straight(points[-1], points[0]))
            points = points[:1]
            i += 1
        else:
            i += 1
    return rules


def _straight(start: tuple[float, float], end: tuple[float, float]) -> list[Rule]:
    (x0, y0), (x1, y1) = start, end
    if min(abs(x1 - x0), abs(y1 - y0)) > _STRAIGHT:
        return []
    return [Rule(x0, y0, x1, y1)]


def _object_runs(obj: ElementTree.Element) -> list[Line]:
    origin = _numbers(obj.get("Boundary", "0 0 0 0"))[:2] or [0.0, 0.0]
    ctm = _numbers(obj.get("CTM", "")) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    if len(ctm) != 6:
        ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    size = float(obj.get("Size", "3.5") or 3.5)
    scale = abs(ctm[3]) or 1.0
    runs: list[Line] = []
    x = y = 0.0
    for code in (e for e in obj if _local(e.tag) == "TextCode"):
        text = "".join(code.itertext())
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        if not text.strip():
            continue
        deltas = _deltas(code.get("DeltaX", ""))
        advance = sum(deltas[: len(text) - 1]) + size if len(deltas) >= len(text) - 1 else len(text) * size
        x0, baseline = _apply(ctm, x, y)
        x1, _ = _apply(ctm, x + advance, y)
        height = size * scale
        left, top = origin[0] + min(x0, x1), origin[1] + baseline - 0.85 * height
        runs.append(Line(text, left, left + abs(x1 - x0), top, top + height))
    return runs


def _apply(ctm: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = ctm
    return a * x + c * y + e, b * x + d * y + f


def _numbers(value: str) -> list[float]:
    return [float(v) for v in value.split()] if value.strip() else []


def _deltas(value: str) -> list[float]:
    """``DeltaX`` advances, with the ``g N v`` shorthand (``v`` repeated ``N`` times) expanded."""
    tokens, out, i = value.split(), [], 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out.extend([float(tokens[i + 2])] * min(int(float(tokens[i + 1])), 100_000))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out
