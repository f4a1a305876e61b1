"""Issue 13, ingest and store side: ids unique per file, writers that never lose each other's work,
repeated text, one bad file, parsing linear in size, exports without live formulas.

Everything real: embedded Chroma in a temp dir, the packaged MiniLM, openpyxl reading the files back.
The stalled-writer test against a real `chroma run` server is in tests/test_server.py.
"""

from __future__ import annotations

import csv
import gc
import io
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from bench.parsing import long_plan
from policykb.bot.cli import app
from policykb.bot.engine import KnowledgeBot, shipped_sources
from policykb.ingest.parser import document_id, document_ids, parse_text
from policykb.ingest.pipeline import Ingestor
from policykb.kb.export import export
from tests.conftest import SECOND_PLAN, make_settings

runner = CliRunner()
OTHER_PLAN = SECOND_PLAN.replace("鹤城", "鹿港").replace("1200个", "1500个").replace("新建换电站12座", "新建换电站17座")


def env_of(home: Path) -> dict[str, str]:
    return {
        "POLICYKB_HOME": str(home),
        "POLICYKB_EMBEDDING_BACKEND": "sentence-transformers",
        "POLICYKB_EMBEDDING_MODEL": "all-MiniLM-L6-v2",
    }


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def manifest_of(home: Path) -> dict:
    bot = KnowledgeBot(make_settings(home), show_progress=False)
    manifest = bot.store.manifest()
    assert manifest is not None
    return manifest.documents


# -- 3. document ids unique per file ------------------------------------------------------------


def test_ids_keep_chinese_and_tell_files_apart(tmp_path):
    a, b = tmp_path / "甲市方案2025.txt", tmp_path / "乙市方案2025.txt"
    assert (document_id(a), document_id(b)) == ("甲市方案2025", "乙市方案2025")
    assert document_id(Path("/x/qiqihar-14th-fyp-energy-plan.txt")) == "qiqihar-14th-fyp-energy-plan"
    same_stem = document_ids([tmp_path / "a" / "plan.txt", tmp_path / "b" / "plan.txt"], {})
    assert len(set(same_stem.values())) == 2 and all(i.startswith("plan-") for i in same_stem.values())
    alone = tmp_path / "a" / "plan.txt"
    assert document_ids([alone], {}) == {alone: "plan"}
    assert document_ids([alone], {"plan": str(tmp_path / "b" / "plan.txt")})[alone] != "plan"  # the index has it
    assert document_ids([alone], {"plan-1234abcd": str(alone.resolve())}) == {alone: "plan-1234abcd"}  # kept
    assert document_ids([alone], {"plan": None}) == {alone: "plan"}  # an entry from before paths were kept


def test_same_stem_in_two_folders_keeps_two_documents(tmp_path, minilm):
    home = tmp_path / "home"
    a = write(tmp_path / "a" / "plan.txt", SECOND_PLAN)
    b = write(tmp_path / "b" / "plan.txt", OTHER_PLAN)
    result = runner.invoke(app, ["ingest", str(a), str(b)], env=env_of(home))
    assert result.exit_code == 0, result.output
    assert "新增 2" in result.stdout
    documents = manifest_of(home)
    assert len(documents) == 2
    by_path = {info["path"]: doc_id for doc_id, info in documents.items()}
    id_a, id_b = by_path[str(a.resolve())], by_path[str(b.resolve())]
    docs = runner.invoke(app, ["docs"], env=env_of(home)).stdout
    assert id_a in docs and id_b in docs and str(a.resolve()) in docs

    def ask(doc_id: str) -> str:
        reader = KnowledgeBot(make_settings(home), embeddings=minilm, show_progress=False)
        return reader.ask("公共充电桩数量要达到多少？", doc=doc_id).answer

    assert "1200个" in ask(id_a) and "1500个" not in ask(id_a)
    assert "1500个" in ask(id_b) and "1200个" not in ask(id_b)

    write(a, SECOND_PLAN.replace("1200个", "1300个"))  # the same path, changed: replaces its own document
    again = runner.invoke(app, ["ingest", str(a)], env=env_of(home))
    assert "新增 0，更新 1" in again.stdout, again.output
    assert set(manifest_of(home)) == {id_a, id_b}
    assert "1300个" in ask(id_a) and "1500个" in ask(id_b)


def test_chinese_names_sharing_a_year_stay_apart(tmp_path, minilm):
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    a = write(tmp_path / "甲市方案2025.txt", SECOND_PLAN)
    b = write(tmp_path / "乙市方案2025.txt", OTHER_PLAN)
    report = bot.ingest([a, b])
    assert sorted(report.added) == ["乙市方案2025", "甲市方案2025"]
    assert "1500个" in bot.ask("公共充电桩数量要达到多少？", doc="乙市方案2025").answer


def test_an_upload_of_the_same_name_replaces_its_document(tmp_path, minilm):
    """The page keeps each upload in a fresh folder: an upload is known by its name, not that folder."""
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    first = write(tmp_path / "upload-1" / "鹤城方案.txt", SECOND_PLAN)
    second = write(tmp_path / "upload-2" / "鹤城方案.txt", SECOND_PLAN.replace("1200个", "1300个"))
    assert bot.ingest([first], uploaded=True).added == ["鹤城方案"]
    assert bot.ingest([second], uploaded=True).replaced == ["鹤城方案"]
    assert list(bot.index().documents) == ["鹤城方案"]
    assert "1300个" in bot.ask("公共充电桩数量要达到多少？").answer


# -- 4. writers never lose each other's work (one process, embedded store) ----------------------


def test_a_writer_overtaken_while_parsing_replans_beside_the_other(tmp_path, minilm):
    """Writer A parses; meanwhile writer B commits; A's commit on the index it found is refused, A plans again on
    B's index and commits: B's document stays and A's goes in beside it."""
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    a = write(tmp_path / "writer-a.txt", SECOND_PLAN)
    b = write(tmp_path / "writer-b.txt", OTHER_PLAN)
    settings = bot.settings

    def other_writer_commits(fraction: float, message: str) -> None:
        if fraction == 0.1 and bot.store.manifest() is None:  # A has parsed, has not written yet
            Ingestor(bot.store, minilm, settings.chunk_size, settings.cache_path, show_progress=False).ingest([b])

    writer_a = Ingestor(bot.store, minilm, settings.chunk_size, settings.cache_path, False, other_writer_commits)
    report = writer_a.ingest([a])
    assert report.added == ["writer-a"] and report.replanned == 1
    manifest = bot.store.manifest()
    assert manifest is not None and sorted(manifest.documents) == ["writer-a", "writer-b"] and manifest.generation == 2
    assert "1500个" in bot.ask("公共充电桩数量要达到多少？", doc=["writer-b"]).answer
    assert "1200个" in bot.ask("公共充电桩数量要达到多少？", doc=["writer-a"]).answer


# -- 5. repeated text; one bad file never sinks the batch ----------------------------------------


def repeated(plan: str) -> str:
    """The plan with its first task pasted twice, word for word (as copy-paste leaves real files)."""
    lines = plan.split("\n")
    task = next(i for i, line in enumerate(lines) if line.strip().startswith("（一）"))
    return "\n".join(lines[: task + 1] + [lines[task]] + lines[task + 1 :])


def test_repeated_section_gets_unique_ids(plan_text):
    once = parse_text(plan_text, "p", "p.txt", 160)
    twice = parse_text(repeated(plan_text), "p", "p.txt", 160)
    ids = [c.id for c in twice.chunks]
    assert len(ids) == len(set(ids)) and len(twice.chunks) > len(once.chunks)
    target_ids = [t.id for t in twice.targets]
    assert len(target_ids) == len(set(target_ids)) and len(twice.targets) > len(once.targets)
    assert {c.id for c in once.chunks} <= set(ids)  # first occurrences keep their ids: vectors are reused
    assert [c.id for c in parse_text(repeated(plan_text), "p", "p.txt", 160).chunks] == ids  # stable


def test_one_bad_file_never_sinks_the_batch(tmp_path, minilm, plan_text):
    bot = KnowledgeBot(make_settings(tmp_path / "home").with_(max_file_mb=0.05), embeddings=minilm, show_progress=False)
    copy_paste = write(tmp_path / "copy-paste.txt", repeated(plan_text))
    good = write(tmp_path / "good.txt", SECOND_PLAN)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    huge = write(tmp_path / "huge.txt", SECOND_PLAN * 100)  # over the 0.05 MB limit set above
    report = bot.ingest([copy_paste, binary, huge, good])
    assert sorted(report.added) == ["copy-paste", "good"]
    assert "二进制" in report.failed[str(binary)]
    assert "文件过大" in report.failed[str(huge)] and "POLICYKB_MAX_FILE_MB" in report.failed[str(huge)]
    index = bot.index()
    assert len(index.chunks) == bot.store.chunks(index.manifest.generation).count()
    assert "1200个" in bot.ask("公共充电桩数量要达到多少？", doc="good").answer


def test_cli_reports_a_file_over_the_limit_in_chinese(tmp_path, minilm):
    huge = write(tmp_path / "huge.txt", SECOND_PLAN * 100)
    env = {**env_of(tmp_path / "home"), "POLICYKB_MAX_FILE_MB": "0.05"}
    result = runner.invoke(app, ["ingest", str(huge)], env=env)
    assert result.exit_code == 2 and "文件过大" in result.stderr and "Traceback" not in result.output


# -- 6. parsing linear in size, with progress ----------------------------------------------------


def parse_seconds(text: str, progress=None):
    """CPU seconds of one parse (CPU time, so other work on a shared machine does not count), with the
    garbage collector held off: its full passes scale with everything the test process holds, not with
    the parse; and the parsed record."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        record = parse_text(text, "long", "long.txt", 160, progress=progress)
        return time.process_time() - started, record
    finally:
        gc.enable()


@pytest.fixture(scope="module")
def large_parse():
    """The 4 MB plan parsed once for the module, with its progress reports: its CPU seconds, the record and the
    reported shares. The linear-time test times it; the progress test reads its reports (the same long parse,
    so the module parses 4 MB once, not 4 MB and then 2 MB)."""
    seen: list[float] = []
    seconds, record = parse_seconds(long_plan(4_000_000), progress=seen.append)
    return seconds, record, seen


@pytest.mark.slow  # parses plans of growing size
def test_parsing_is_linear_in_size(large_parse):
    """Eight times the text: linear is 8x the time, quadratic 64x. The bound sits far from both, so
    a loaded or cache-starved machine (which makes the large parse a little slower) cannot trip it."""
    small_text = long_plan(500_000)
    parse_seconds(small_text)  # warm up (regex caches)
    small = min(parse_seconds(small_text)[0] for _ in range(3))
    large = large_parse[0]
    assert large < 20 * small, (small, large)


@pytest.mark.slow  # parses a large plan
def test_long_parse_reports_progress(large_parse):
    _, record, seen = large_parse
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == 1.0
    assert len({c.id for c in record.chunks}) == len(record.chunks)


# -- 7. exports carry no live formulas ------------------------------------------------------------

HOSTILE_PLAN = """\
=HYPERLINK("http//example.invalid/steal")工作方案
一、重点任务
（一）+加快充电设施建设。到2025年，新建换电站12座。［@市甲局牵头，-市乙局配合］
（二）-完善慢行系统。新建自行车道260公里。（=1+1负责）
"""


def hostile_document(tmp_path):
    return parse_text(HOSTILE_PLAN, "hostile", "hostile.txt", 160)


def formula_like(value: str) -> bool:
    return value.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("kind", ["responsibilities", "targets"])
def test_xlsx_writes_formula_like_cells_as_text(tmp_path, kind):
    doc = hostile_document(tmp_path)
    sheet = openpyxl.load_workbook(io.BytesIO(export(kind, "xlsx", [doc]))).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if formula_like(c.value)]
    assert risky, "the hostile plan must produce formula-like cells"
    assert all(c.data_type == "s" for c in cells), [(c.value, c.data_type) for c in risky]
    assert any(c.value.startswith('=HYPERLINK("http') for c in risky)  # the text itself is kept


def test_csv_and_md_defuse_formula_like_cells(tmp_path):
    doc = hostile_document(tmp_path)
    rows = list(csv.reader(io.StringIO(export("responsibilities", "csv", [doc]).decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(formula_like(cell) for cell in cells)
    assert '\'=HYPERLINK("http//example.invalid/steal")工作方案' in cells
    assert any(cell.startswith("'+加快") for cell in cells) and any(cell.startswith("'@市甲局") for cell in cells)
    md = export("responsibilities", "md", [doc]).decode("utf-8")
    cells = [cell.strip() for line in md.splitlines()[2:] if line.startswith("|") for cell in line.split(" | ")]
    assert not any(formula_like(cell.lstrip("| ")) for cell in cells)
    assert "\\=HYPERLINK" in md


def test_shipped_plan_keeps_its_id(tmp_path):
    assert document_ids(shipped_sources(), {}) == {p: "qiqihar-14th-fyp-energy-plan" for p in shipped_sources()}
