"""One invented five-row task-division table (东浦区) read into the same five tasks whatever form it comes in
(issue 25): OFD with its rules drawn as path objects, and a scan of the printed table at 150 and 300 dpi (rules
found on the image, OCR boxes put in their cells). Through the CLI: ``policykb ingest`` then ``ask`` for each
row's lead, co units and deadline, each answer naming its own row's values and no other row's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bench.formats_fixtures import soffice_convert
from bench.task_table_fixtures import (
    TASK_ROWS,
    TONGXI_ROWS,
    TONGXI_TITLE,
    make_table_docx,
    make_table_ofd,
    make_table_pdf,
    make_table_scan,
)
from policykb.cli import app
from policykb.ingest import ocr
from policykb.ingest.aligned import aligned_grids
from policykb.ingest.grid import Rule, find_grids, page_parts
from policykb.ingest.layout import Line
from policykb.ingest.reader import read_file
from policykb.ingest.tables import parse_row

runner = CliRunner()
BODY = TASK_ROWS[1:]
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
needs_ocr = pytest.mark.skipif(not ocr.ocr_available(), reason="policykb[ocr] missing")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    return make_table_pdf(tmp_path_factory.mktemp("printed"))


@pytest.fixture(scope="module")
def printed_without_rules(tmp_path_factory) -> Path:
    """Another invented table (桐溪县) printed without any lines: one LibreOffice start for both scans of it."""
    return make_table_pdf(tmp_path_factory.mktemp("printed-tongxi"), TONGXI_ROWS, rules=False, title=TONGXI_TITLE)


def table_rows(path: Path) -> list[list[str]]:
    return [cells for line in read_file(path).text.splitlines() if (cells := parse_row(line))]


def ruled(xs: list[float], ys: list[float], gaps: tuple[tuple[int, int], ...] = ()) -> list[Rule]:
    """The rules of a grid; ``gaps`` lists (row rule, column) where a horizontal rule is not drawn (merged cells)."""
    rules = [Rule(x, ys[0], x, ys[-1]) for x in xs]
    for r, y in enumerate(ys):
        for c in range(len(xs) - 1):
            if (r, c) not in gaps:
                rules.append(Rule(xs[c], y, xs[c + 1], y))
    return rules


def piece(text: str, x: float, y: float) -> Line:
    return Line(text, x, x + 4 * len(text), y, y + 4)


def test_a_cell_merged_over_two_rows_is_repeated_in_both_and_text_outside_keeps_its_place():
    xs, ys = [0, 20, 60, 100], [10, 20, 30, 40]
    pieces = [piece("开头一段", 0, 0), piece("序号", 2, 12), piece("重点任务", 22, 12), piece("牵头单位", 62, 12)]
    pieces += [piece("1", 2, 22), piece("甲任务", 22, 22), piece("区水务局", 62, 27), piece("2", 2, 32)]
    pieces += [piece("乙任务", 22, 32), piece("结尾一段", 0, 50)]
    [grid] = find_grids(ruled(xs, ys, gaps=((2, 2),)), 1.0)
    assert grid.sound and (1, 2, 2, 1) in grid.cells
    assert page_parts(pieces, [grid]) == [
        "开头一段",
        "| 序号 | 重点任务 | 牵头单位 |",
        "| 1 | 甲任务 | 区水务局 |",
        "| 2 | 乙任务 | 区水务局 |",
        "结尾一段",
    ]


def test_a_grid_whose_rules_stop_in_the_open_is_not_read_as_rows():
    """A blurred scan's rules found in pieces: one ends inside a cell, so no row is made of the cells."""
    rules = ruled([0, 20, 60, 100], [10, 20, 30, 40])
    rules.append(Rule(20, 25, 45, 25))  # a stub from a column rule into the open: a line that is not there
    [grid] = find_grids(rules, 1.0)
    assert not grid.sound
    assert page_parts([piece("甲任务", 22, 22)], [grid]) == ["甲任务"]


def test_unit_names_ocr_ran_together_are_split_only_in_ocr_text():
    from policykb.ingest.grid import cell_text

    lines = [Line("区公安分局", 0, 40, 0, 8), Line("区财政局", 0, 32, 10, 18)]
    assert cell_text(lines, 42, lost_marks=True) == "区公安分局、区财政局"
    assert cell_text(lines, 42) == "区公安分局区财政局"
    assert cell_text([Line("推进区政府区属企业改革", 0, 40, 0, 8)], 42, lost_marks=True) == "推进区政府区属企业改革"


def test_an_ofd_table_drawn_with_rules_reads_as_its_rows(tmp_path):
    assert table_rows(make_table_ofd(tmp_path / "dongpu.ofd")) == TASK_ROWS


@pytest.mark.parametrize("rows", [TASK_ROWS, TONGXI_ROWS], ids=["dongpu", "tongxi"])
def test_an_ofd_table_without_rules_reads_as_its_rows_from_its_aligned_columns(tmp_path, rows):
    """No rules: the header (序号 … 牵头单位/责任单位 …) sets the columns, each number starts a row."""
    assert table_rows(make_table_ofd(tmp_path / "table.ofd", rules=False, rows=rows, title="表")) == rows


def unruled(rows: list[list[str]], widths: list[float], line: float = 6.0, pad: float = 0.0,
            centred: bool = False) -> list[Line]:  # fmt: skip
    """An unruled table's text pieces: each cell's lines (a list per cell) at its column's left edge, rows one
    under the other with ``pad`` above and below; ``centred``: cells set in the middle of their row."""
    pieces, top = [], 0.0
    xs = [sum(widths[:i]) for i in range(len(widths))]
    for row in rows:
        cells = [cell if isinstance(cell, list) else [cell] for cell in row]
        tall = max(len(cell) for cell in cells)
        for x, cell in zip(xs, cells):
            first = top + pad + ((tall - len(cell)) * line / 2 if centred else 0)
            pieces += [Line(t, x, x + 4 * len(t), first + k * line, first + k * line + 4) for k, t in enumerate(cell)]
        top += tall * line + 2 * pad
    return pieces


HEAD = ["序号", "重点任务", "牵头单位", "完成时限"]
WIDTHS = [14.0, 50.0, 40.0, 40.0]
ROWS = [
    HEAD,
    ["1", ["建设甲乙丙丁戊己庚辛", "平台"], "区交通运输局", "2025年6月底前"],
    ["2", "改造管网", "区水务局", "2025年底前"],
]
CENTRED = [
    HEAD,
    ["1", "改造管网", "区水务局", "2025年底前"],
    ["2", ["建设甲乙丙丁戊己庚辛", "平台", "二期"], "区交通运输局", "2025年6月底前"],
]


def test_unruled_rows_end_at_a_paragraph_that_crosses_the_columns():
    after = Line("各牵头单位要细化工作举措，每季度末报送工作进展。", 5, 5 + 4 * 24, 40, 44)
    assert page_parts([*unruled(ROWS, WIDTHS), after], aligned_grids([*unruled(ROWS, WIDTHS), after], [])) == [
        "| 序号 | 重点任务 | 牵头单位 | 完成时限 |",
        "| 1 | 建设甲乙丙丁戊己庚辛平台 | 区交通运输局 | 2025年6月底前 |",
        "| 2 | 改造管网 | 区水务局 | 2025年底前 |",
        "各牵头单位要细化工作举措，每季度末报送工作进展。",
    ]


@pytest.mark.parametrize(
    "pieces",
    [
        unruled(CENTRED, WIDTHS, pad=2.0, centred=True),  # cells centred in their rows: a row's start is not its number
        unruled([r[1:] for r in ROWS], WIDTHS[1:]),  # no 序号 column to start the rows
        unruled([ROWS[0], ROWS[1], ["3", "改造管网", "区水务局", "2025年底前"]], WIDTHS),  # numbers out of order
        unruled(ROWS, [14.0, 30.0, 40.0, 40.0]),  # the task's line runs into the lead column: no gutter
    ],
    ids=["centred", "unnumbered", "out-of-order", "no-gutter"],
)
def test_an_unruled_table_whose_columns_or_rows_are_not_clear_stays_text(pieces):
    assert aligned_grids(pieces, []) == []


@needs_soffice
@needs_ocr
@pytest.mark.slow  # OCR of a page
def test_a_worn_scanned_table_reads_as_its_rows(printed, tmp_path):
    """Turned 0.4°, blurred, speckled and JPEG-compressed at 150 dpi."""
    rows = table_rows(make_table_scan(printed, tmp_path / "dongpu.pdf", 150, worn=True))
    assert [row[0] for row in rows] == [row[0] for row in TASK_ROWS]
    assert [row[2:] for row in rows] == [row[2:] for row in TASK_ROWS]  # leads, co units, deadlines to the letter


def questions(body: list[list[str]] = BODY) -> list[tuple[str, str, list[str]]]:
    """Per row: a question on its lead, its co units and its deadline, with the values the answer must name."""
    out = []
    for _, task, lead, co, deadline in body:
        out.append((f"{task}由哪个单位牵头？", lead, [lead]))
        out.append((f"{task}有哪些配合单位？", lead, co.split("、")))
        out.append((f"{task}的完成时限是什么时候？", lead, [deadline]))
    return out


def other_rows_values(lead: str, body: list[list[str]] = BODY) -> list[str]:
    """Values only other rows have: the deadlines and leads that would make an answer a wrong-row answer."""
    row = next(r for r in body if r[2] == lead)
    return [v for r in body if r is not row for v in (r[2], r[4]) if not any(v in cell for cell in row)]


def ingest_and_ask(path: Path, home: Path, tasks: int = 5, body: list[list[str]] = BODY) -> tuple[str, list[dict]]:
    env = {
        "POLICYKB_HOME": str(home),
        "POLICYKB_EMBEDDING_BACKEND": "sentence-transformers",
        "POLICYKB_EMBEDDING_MODEL": "all-MiniLM-L6-v2",
    }
    ingested = runner.invoke(app, ["ingest", str(path)], env=env)
    assert ingested.exit_code == 0, ingested.output
    assert f"{tasks} 项任务" in ingested.stdout and f"{tasks} 个完成时限" in ingested.stdout, ingested.stdout
    stdin = "\n".join(q for q, _, _ in questions(body)) + "\n"
    asked = runner.invoke(app, ["ask", "--jsonl"], input=stdin, env=env)
    assert asked.exit_code == 0, asked.output
    docs = runner.invoke(app, ["docs"], env=env)
    return ingested.stdout + docs.stdout, [json.loads(line) for line in asked.stdout.splitlines()]


def assert_every_row_answered(answers: list[dict], body: list[list[str]] = BODY) -> None:
    wrong = []
    for answer, (question, lead, values) in zip(answers, questions(body), strict=True):
        text = answer["answer"].split("依据：")[0]  # the answer itself, not the quoted clause
        if not answer["answerable"] or not all(v in text for v in values):
            wrong.append((question, "missing", text))
        elif any(v in text for v in other_rows_values(lead, body)):
            wrong.append((question, "another row's value", text))
    assert not wrong, wrong


@pytest.mark.slow  # ingest and 15 questions through the CLI
def test_the_cli_answers_every_row_of_an_ofd_table(tmp_path):
    report, answers = ingest_and_ask(make_table_ofd(tmp_path / "dongpu.ofd"), tmp_path / "home")
    assert "需人工核对" not in report
    assert_every_row_answered(answers)


def office_copy(form: str, printed: Path, folder: Path) -> Path:
    """The table as a Word file, as the PDF LibreOffice prints of it, or as a .doc LibreOffice saves of it."""
    if form == "pdf":
        return printed
    docx = make_table_docx(folder / "dongpu-renewal-tasks.docx")
    return docx if form == "docx" else soffice_convert(docx, "doc", folder)


@needs_soffice
@pytest.mark.slow  # ingest and 15 questions through the CLI
@pytest.mark.parametrize("form", ["docx", "pdf", "doc"])
def test_the_cli_answers_every_row_of_the_table_as_an_office_file(printed, tmp_path, form):
    report, answers = ingest_and_ask(office_copy(form, printed, tmp_path), tmp_path / "home")
    assert "需人工核对" not in report
    assert_every_row_answered(answers)


@needs_soffice
@needs_ocr
@pytest.mark.slow  # OCR, ingest and 15 questions through the CLI
@pytest.mark.parametrize("dpi", [150, 300])
def test_the_cli_answers_every_row_of_a_scanned_table(printed, tmp_path, dpi):
    scan = make_table_scan(printed, tmp_path / f"dongpu-{dpi}.pdf", dpi)
    report, answers = ingest_and_ask(scan, tmp_path / "home")
    assert "需人工核对" not in report
    assert_every_row_answered(answers)


@needs_soffice
@needs_ocr
@pytest.mark.slow  # OCR, ingest and 15 questions through the CLI
def test_a_table_scanned_out_of_focus_is_flagged_by_page_and_gives_no_wrong_row(printed, tmp_path):
    """Its rules are found in broken pieces: the page is flagged in the ingest report and in ``docs``, no row is
    made of its cells, and no answer names a value of another row than the one asked about."""
    scan = make_table_scan(printed, tmp_path / "dongpu-blurred.pdf", 150, blur=2.0)
    report, answers = ingest_and_ask(scan, tmp_path / "home", tasks=0)
    assert report.count("第 1 页表格未能可靠地按行读出，需人工核对") == 2, report  # ingest report, docs
    assert "  注意：本文件需人工核对（第 1 页表格未能可靠地按行读出" in report, report
    for answer, (question, lead, _) in zip(answers, questions(), strict=True):
        text = answer["answer"]
        assert not any(v in text for v in other_rows_values(lead)), (question, text)
        assert all("需人工核对" in source["notes"] for source in answer["sources"]), answer["sources"]
        assert not answer["answerable"] or text.startswith("注意：《东浦区城市更新重点任务分工表》第 1 页"), text


@needs_soffice
@needs_ocr
@pytest.mark.slow  # OCR, ingest and 15 questions through the CLI
@pytest.mark.parametrize("dpi", [150, 300])
def test_the_cli_answers_every_row_of_a_scanned_table_drawn_without_rules(printed_without_rules, tmp_path, dpi):
    """Another invented table (桐溪县, 责任单位 beside 协同单位), printed without any lines and scanned: its
    columns are read from the alignment of the OCR boxes under its header."""
    scan = make_table_scan(printed_without_rules, tmp_path / f"tongxi-{dpi}.pdf", dpi)
    report, answers = ingest_and_ask(scan, tmp_path / "home", body=TONGXI_ROWS[1:])
    assert "需人工核对" not in report
    assert_every_row_answered(answers, TONGXI_ROWS[1:])


@pytest.mark.slow  # ingest and 15 questions through the CLI
def test_the_cli_answers_every_row_of_an_ofd_table_drawn_without_rules(tmp_path):
    path = make_table_ofd(tmp_path / "tongxi.ofd", rules=False, rows=TONGXI_ROWS, title=TONGXI_TITLE)
    report, answers = ingest_and_ask(path, tmp_path / "home", body=TONGXI_ROWS[1:])
    assert "未识别出任何任务" not in report
    assert_every_row_answered(answers, TONGXI_ROWS[1:])
