"""Issue 24: a 20 MB file does not hold back the small file beside it.

A text that long parses for about a minute and brings some 100,000 passages (hours of embedding). It is read
with the others, but parsed only once they are committed: when its parse begins, the small file beside it is
already answerable. The test stops the ingest there (as a user's Ctrl-C would), so it costs seconds, not the
minute of parsing; the small file stays. Everything real: embedded Chroma, jieba, the packaged MiniLM.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from policykb.bot.engine import KnowledgeBot
from tests.conftest import make_settings
from tests.test_replan import WATER_PLAN

MEGABYTES = 20


class Stopped(BaseException):
    """The ingest stopped from outside (like KeyboardInterrupt: not a file's failure)."""


def long_plan(megabytes: float) -> str:
    """An invented plan of ``megabytes`` of UTF-8: numbered tasks, each with a target and a unit."""
    lines = ["东浦区片区改造行动方案", "一、重点任务"]
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        n += 1
        line = f"（{n}）推进第{n}号片区改造，到2026年完成改造面积{n % 900 + 100}万平方米。责任单位：区住建局。"
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n"


def test_a_20_mb_file_does_not_hold_back_the_small_file_beside_it(tmp_path: Path, minilm: Any) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(long_plan(MEGABYTES), encoding="utf-8")
    assert big.stat().st_size >= MEGABYTES * 1_000_000
    small.write_text(WATER_PLAN, encoding="utf-8")
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    answers: list[str] = []

    def progress(fraction: float, message: str) -> None:
        if message.startswith("解析 big.txt"):  # the big file's parse has begun
            reader = KnowledgeBot(bot.settings, embeddings=minilm, show_progress=False)
            answers.append(reader.ask("节水器具普及率要达到多少？").answer)
            raise Stopped

    with pytest.raises(Stopped):
        bot.ingest([big, small], progress=progress)  # the big file first in the batch
    assert answers and "90%" in answers[0]
    assert list(bot.store.manifest().documents) == ["small"]


def test_a_long_embedding_says_how_long_it_will_take(tmp_path: Path, minilm: Any) -> None:
    """Embedding two batches or more, the progress says from the first batch on how long it will take at its rate."""
    plan = tmp_path / "plan.txt"
    plan.write_text(long_plan(0.008), encoding="utf-8")  # 215 passages (chunks, targets, tasks): four batches
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    messages: list[str] = []
    report = bot.ingest([plan], progress=lambda fraction, message: messages.append(message))
    assert report.embedded >= 128, report.embedded
    said = [m for m in messages if m.startswith("向量化")]
    assert said and all("共需约" in m and "每秒" in m and "段）" in m for m in said), said
