"""The responsibility section of a plans report: rows right per document and per form, then the misses."""

from __future__ import annotations

from policykb.eval.duties import DutyScore

__all__ = ["render_duties"]


def _cell(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.0%})" if total else "—"


def _table(column: str, counts: dict[str, list[int]]) -> list[str]:
    rows = [f"| {name} | {_cell(*cell)} |" for name, cell in counts.items()]
    return [f"| {column} | rows right |", "|---|---|", *rows, ""]


def render_duties(score: DutyScore) -> list[str]:
    """Markdown lines: the score, a table per document and per form, deadlines, and every row missed."""
    lines = [
        "## Responsibility rows",
        "",
        f"**{_cell(score.right, score.total)}** gold rows right (`<plan>.gold.json` beside each plan). A row is right "
        "when the task holding its key reads the gold lead exactly and at least the gold co units (a sole unit may "
        "stand as lead; local-government and generic groups never count as co). Deadlines are counted apart: "
        f"{_cell(*score.deadlines)} of the rows that give one.",
        "",
        *_table("document", score.by("document")),
        *_table("form", score.by("form")),
    ]
    if score.copies:
        copied = "; ".join(f"{stem} → {source}" for stem, source in score.copies.items())
        lines += [f"Files kept out as copies of another plan, scored against the plan they copy: {copied}.", ""]
    if score.misses:
        lines += [f"### Rows missed ({len(score.misses)})", ""]
        for row in score.misses:
            gold = f"lead {row.gold_lead or '—'} co {row.gold_co or '—'}"
            lines.append(f"- {row.document} · {row.form} · `{row.key}` — gold {gold}; {row.reason}")
        lines.append("")
    return lines
