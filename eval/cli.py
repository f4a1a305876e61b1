"""``policykb eval``: the eval set through the engine, summary printed, report written only under ``--out``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from policykb.bot.cli import friendly
from policykb.kb.settings import Settings

NO_REPORT = "（未写报告：用 --out 目录 写入 RESULTS.md 与 results.json）"


@friendly
def eval_command(
    ctx: typer.Context,
    question_set: Path | None = typer.Option(None, "--set", help="题集（JSONL，默认为随附的 eval/questions.jsonl）"),
    retriever: str | None = typer.Option(None, help="只评测一种检索方式：bm25、dense 或 hybrid（默认：完整消融实验）"),
    structured: bool = typer.Option(True, "--structured/--no-structured", help="是否使用结构化答案"),
    out: Path | None = typer.Option(None, help="报告输出目录（RESULTS.md 与 results.json）；不指定时只打印摘要"),
    floor: float | None = typer.Option(None, help="默认配置准确率低于此值时以非零状态退出"),
    plans: Path | None = typer.Option(
        None, "--plans", help="改为评测这一文件夹中的其他地方方案（含 questions.jsonl，可含多轮对话 dialogs.jsonl）"
    ),
    report_name: str = typer.Option(
        "plans", "--report", help="与 --plans 同用：报告名，写入 RESULTS-<名>.md 与 results-<名>.json（如 real）"
    ),
    dialog_set: Path | None = typer.Option(
        None,
        "--dialogs",
        help="多轮对话题集（JSONL；默认为随附的 eval/dialogs.jsonl，与 --plans 同用时为该文件夹的 dialogs.jsonl）",
    ),
    ledger: Path | None = typer.Option(
        None,
        "--ledger",
        help="改为评测工作台账：该文件夹的方案、金标准截止日期（*.gold.json）与时间窗口问题（questions.jsonl）",
    ),
) -> None:
    """在题集上评测：各类问题准确率、拒答精确率与召回率、章节召回与延迟。"""
    settings: Settings = ctx.obj
    if ledger is not None:
        eval_ledger(settings, ledger, out)
        return
    if plans is not None:
        questions, talks = question_set or plans / "questions.jsonl", dialog_set or plans / "dialogs.jsonl"
        eval_plans(settings, plans, questions, talks, out, report_name)
        return
    accuracy = eval_set(settings, question_set, dialog_set, retriever, structured, out)
    if floor is not None and accuracy < floor:
        typer.echo(f"低于下限 {floor:.1%}", err=True)
        raise typer.Exit(1)


def eval_ledger(settings: Settings, folder: Path, out: Path | None) -> None:
    """Deadlines dated right and window questions answered with their complete sets, per split."""
    from policykb.eval.ledger import run_ledger, write_ledger_report

    with tempfile.TemporaryDirectory(prefix="policykb-eval-") as workdir:
        dates, sets = run_ledger(settings, folder, Path(workdir))
    undatable = f"{dates.undatable_right}/{dates.undatable_total}"
    typer.echo(f"截止日期换算正确 {dates.right}/{dates.total}；无法换算的如实说明 {undatable}")
    for split, (right, total) in sets.by_split.items():
        typer.echo(f"时间窗口问题（完整集合）· {split}：{right}/{total}")
    if out is None:
        typer.echo(NO_REPORT)
    else:
        typer.echo(f"报告：{write_ledger_report(out, dates, sets, f'policykb eval --ledger {folder}')}")


def eval_plans(
    settings: Settings, plans: Path, questions: Path, dialog_set: Path, out: Path | None, name: str = "plans"
) -> None:
    """Each plan of the folder ``plans``, ingested beside the shipped plan, asked its own questions; then the
    dialogs of ``dialog_set`` (when the file exists) over the whole shelf; the gold responsibility rows when
    the plans have them. The report is ``RESULTS-<name>.md``."""
    from policykb.eval.dialogs import SPLITS, load_dialogs
    from policykb.eval.plans import run_plans, write_plans_report

    conversations = load_dialogs(dialog_set) if dialog_set.is_file() else None
    with tempfile.TemporaryDirectory(prefix="policykb-eval-") as workdir:
        results, talked, duties = run_plans(settings, plans, questions, Path(workdir), conversations)
    for run_name, result in results.items():
        typer.echo(f"{run_name}：{result.accuracy:.1%}（{result.correct}/{result.total}）")
    if talked is not None:
        tune, heldout = (talked.by_split.get(s, [0, 0]) for s in SPLITS)
        typer.echo(
            f"多轮对话准确率 {talked.accuracy:.1%}（{talked.correct}/{talked.total}；"
            f"调参集 {tune[0]}/{tune[1]}，留出集 {heldout[0]}/{heldout[1]}）"
        )
    if duties.total:
        right, total = duties.deadlines
        copies = f"；{len(duties.copies)} 个文件为其他方案的副本，按所复制的方案计" if duties.copies else ""
        typer.echo(f"责任分工行 {duties.right}/{duties.total}（{duties.share:.1%}）；完成时限 {right}/{total}{copies}")
    if out is None:
        typer.echo(NO_REPORT)
    else:
        command = f"policykb eval --plans {plans}" + ("" if name == "plans" else f" --report {name}")
        report = write_plans_report(out, results, command, talked, str(dialog_set), duties, name)
        typer.echo(f"报告：{report}")


def eval_set(
    settings: Settings,
    question_set: Path | None,
    dialog_set: Path | None,
    retriever: str | None,
    structured: bool,
    out: Path | None,
) -> float:
    """The ablation (or one configuration) and the dialogs; the default configuration's accuracy."""
    from policykb.eval import ablation, dialogs, harness, report

    items = harness.load_questions(question_set)
    conversations = dialogs.load_dialogs(dialog_set)
    if retriever is None:
        configs = ablation.ablation_configs()
        primary_name = f"hybrid + structured answers · {settings.embedding_model}"
    else:
        configs = [ablation.single_config(settings, retriever, structured)]
        primary_name = configs[0].name
    with tempfile.TemporaryDirectory(prefix="policykb-eval-") as workdir:
        results = ablation.run_configs(settings, items, configs, Path(workdir))
        dialog_result = ablation.run_dialog_eval(settings, conversations, Path(workdir))
    primary = next((r for r in results if r.name == primary_name), results[-1])
    for result in results:
        typer.echo(f"{result.name}：{result.accuracy:.1%}（{result.correct}/{result.total}）")
    typer.echo(f"默认配置准确率 {primary.accuracy:.1%}（{primary.correct}/{primary.total}）")
    tune, heldout = (dialog_result.by_split.get(s, [0, 0]) for s in dialogs.SPLITS)
    typer.echo(
        f"多轮对话准确率 {dialog_result.accuracy:.1%}（{dialog_result.correct}/{dialog_result.total}；"
        f"调参集 {tune[0]}/{tune[1]}，留出集 {heldout[0]}/{heldout[1]}）"
    )
    if out is None:
        typer.echo(NO_REPORT)
    else:
        command = (
            "policykb eval"
            + (f" --retriever {retriever}" if retriever else "")
            + ("" if structured else " --no-structured")
        )
        typer.echo(f"报告：{report.write(out, results, primary, len(items), command, dialog_result)}")
    return primary.accuracy
