"""A task table in a PDF whose cells wrap over lines reads as one row per task, each unit name whole
(issue 25: ``市自然资源、局``). The PDF is made by LibreOffice from an invented Word table (青禾市) with narrow
columns, so the typesetter's line-break rules push a character and its mark (``局、``, ``区）``, ``务“``) down."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.formats_fixtures import soffice_convert
from policykb.ingest.parser import parse_text
from policykb.ingest.reader import read_file
from policykb.ingest.tables import parse_row

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")

TITLE = "青禾市城乡供水重点任务分工表"
ROWS = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    [
        "1",
        "推进青禾市城乡供水管网互联互通工程建设",
        "市水利局",
        "市自然资源和规划局、市住房和城乡建设局、市财政局",
        "2025年6月底前",
    ],
    ["2", "建设市级水质检测中心", "市卫生健康委员会", "市生态环境局、市市场监督管理局", "2025年12月底前"],
    ["3", "完善农村供水工程运行管护机制", "市水利局\n市农业农村局", "各县（市、区）人民政府", "持续推进"],
    ["4", "推行供水服务“一网通办”", "市政务服务和大数据管理局", "市水务集团有限公司", "2026年3月底前"],
    ["5", "开展水源地保护专项行动", "市生态环境局", "市自然资源和规划局、市水利局", "2026年6月底前"],
]
WIDTHS_CM = (1.2, 4.5, 2.6, 3.4, 2.4)  # narrow enough that units and tasks wrap


@pytest.fixture(scope="module")
def wrapped_pdf(tmp_path_factory) -> Path:
    import docx
    from docx.shared import Cm

    folder = tmp_path_factory.mktemp("wrapped")
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    table.style = "Table Grid"
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Cm(WIDTHS_CM[c])
            first, *more = value.split("\n")
            cell.text = first
            for paragraph in more:  # a cell of two paragraphs: two units stacked, a real break
                cell.add_paragraph(paragraph)
    document.save(str(folder / "qinghe-water-tasks.docx"))
    return soffice_convert(folder / "qinghe-water-tasks.docx", "pdf", folder)


def test_wrapped_cells_read_as_one_row_per_task_with_whole_unit_names(wrapped_pdf):
    rows = [parse_row(line) for line in read_file(wrapped_pdf).text.split("\n") if parse_row(line)]
    expected = [[cell.replace("\n", "；") for cell in row] for row in ROWS]
    assert rows == expected


def test_the_tasks_of_the_wrapped_table_keep_their_lead_and_co_units(wrapped_pdf):
    record = parse_text(read_file(wrapped_pdf).text, "qinghe-water-tasks", "qinghe-water-tasks.pdf", 400)
    tasks = {t.title: (t.responsibility.lead_units, t.responsibility.co_units, t.deadline) for t in record.tasks}
    assert tasks["建设市级水质检测中心"] == (
        ["市卫生健康委员会"],
        ["市生态环境局", "市市场监督管理局"],
        "2025年12月底前",
    )
    assert tasks["推行供水服务“一网通办”"] == (["市政务服务和大数据管理局"], ["市水务集团有限公司"], "2026年3月底前")
    assert tasks["完善农村供水工程运行管护机制"][0] == ["市水利局", "市农业农村局"]
    assert len(tasks) == len(ROWS) - 1
