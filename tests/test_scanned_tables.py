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

from bench.task_table_fixtures import TASK_ROWS, make_table_ofd, make_table_pdf, make_table_scan
from policykb.cli import app
from policykb.ingest import ocr
from policykb.ingest.reader import read_file
from policykb.ingest.tables import parse_row

runner = CliRunner()
BODY = TASK_ROWS[1:]
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
needs_ocr = pytest.mark.skipif(not ocr.ocr_available(), reason="policykb[ocr] missing")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    return make_table_pdf(tmp_path_factory.mktemp("printed"))


def table_rows(path: Path) -> list[list[str]]:
    return [cells for line in read_file(path).text.splitlines() if (cells := parse_row(line))]


def test_an_ofd_table_drawn_with_rules_reads_as_its_rows(tmp_path):
    assert table_rows(make_table_ofd(tmp_path / "dongpu.ofd")) == TASK_ROWS


def test_an_ofd_table_without_rules_is_not_taken_for_rows(tmp_path):
    """No rules: no grid is guessed, the cells stay text (no row can be read wrong)."""
    assert table_rows(make_table_ofd(tmp_path / "dongpu.ofd", rules=False)) == []


@needs_soffice
@needs_ocr
@pytest.mark.slow  # OCR of a page
@pytest.mark.parametrize("dpi", [150, 300])
def test_a_scanned_table_reads_as_its_rows(printed, tmp_path, dpi):
    scan = make_table_scan(printed, tmp_path / f"dongpu-{dpi}.pdf", dpi)
    rows = table_rows(scan)
    assert [row[0] for row in rows] == [row[0] for row in TASK_ROWS]
    assert [row[2:] for row in rows] == [row[2:] for row in TASK_ROWS]  # leads, co units, deadlines to the letter


def questions() -> list[tuple[str, str, list[str]]]:
    """Per row: a question on its lead, its co units and its deadline, with the values the answer must name."""
    out = []
    for _, task, lead, co, deadline in BODY:
        out.append((f"{task}由哪个单位牵头？", lead, [lead]))
        out.append((f"{task}有哪些配合单位？", lead, co.split("、")))
        out.append((f"{task}的完成时限是什么时候？", lead, [deadline]))
    return out


def other_rows_values(lead: str) -> list[str]:
    """Values only other rows have: the deadlines and leads that would make an answer a wrong-row answer."""
    row = next(r for r in BODY if r[2] == lead)
    return [v for r in BODY if r is not row for v in (r[2], r[4]) if not any(v in cell for cell in row)]


def ingest_and_ask(path: Path, home: Path) -> list[dict]:
    env = {
        "POLICYKB_HOME": str(home),
        "POLICYKB_EMBEDDING_BACKEND": "sentence-transformers",
        "POLICYKB_EMBEDDING_MODEL": "all-MiniLM-L6-v2",
    }
    ingested = runner.invoke(app, ["ingest", str(path)], env=env)
    assert ingested.exit_code == 0, ingested.output
    assert "5 项任务" in ingested.stdout and "5 个完成时限" in ingested.stdout, ingested.stdout
    stdin = "\n".join(q for q, _, _ in questions()) + "\n"
    asked = runner.invoke(app, ["ask", "--jsonl"], input=stdin, env=env)
    assert asked.exit_code == 0, asked.output
    return [json.loads(line) for line in asked.stdout.splitlines()]


def assert_every_row_answered(answers: list[dict]) -> None:
    wrong = []
    for answer, (question, lead, values) in zip(answers, questions(), strict=True):
        text = answer["answer"].split("依据：")[0]  # the answer itself, not the quoted clause
        if not answer["answerable"] or not all(v in text for v in values):
            wrong.append((question, "missing", text))
        elif any(v in text for v in other_rows_values(lead)):
            wrong.append((question, "another row's value", text))
    assert not wrong, wrong


@pytest.mark.slow  # ingest and 15 questions through the CLI
def test_the_cli_answers_every_row_of_an_ofd_table(tmp_path):
    assert_every_row_answered(ingest_and_ask(make_table_ofd(tmp_path / "dongpu.ofd"), tmp_path / "home"))


@needs_soffice
@needs_ocr
@pytest.mark.slow  # OCR, ingest and 15 questions through the CLI
@pytest.mark.parametrize("dpi", [150, 300])
def test_the_cli_answers_every_row_of_a_scanned_table(printed, tmp_path, dpi):
    scan = make_table_scan(printed, tmp_path / f"dongpu-{dpi}.pdf", dpi)
    assert_every_row_answered(ingest_and_ask(scan, tmp_path / "home"))
