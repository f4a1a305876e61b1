"""Parsing at scale: one long plan of 1, 10 or 30 MB, timed through ``parse_text``.

The long plan is the shipped plan's header followed by its body over and over,
each copy a rewritten variant (``bench.corpus.variant``: other city, units and
numbers) whose top-level headings keep counting (``一、`` … ``九百九十九、``, then
again), so the text reads as one very long plan with numbered sections.
Run ``python -m bench.parsing [MB ...]`` (default 1 10 30) to time it and write ``bench/PARSING.md``.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from bench.corpus import variant
from bench.report import table
from bench.system import ROOT, describe

PLAN = ROOT / "kb" / "sources" / "qiqihar-14th-fyp-energy-plan.txt"
TOP_HEADING = re.compile(r"^([ \u3000]*)[一二三四五六七八九十]+、", re.MULTILINE)
DIGITS = "零一二三四五六七八九"
MB = 1_000_000


def chinese_number(n: int) -> str:
    """``n`` (1-999) in Chinese numerals as headings write it: 十一, 一百零五, 九百九十九."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (DIGITS[ones] if ones else "")


def long_plan(size: int, plan: str | None = None) -> str:
    """A plan of about ``size`` bytes in UTF-8: the shipped plan's header, then numbered variants of its body."""
    plan = plan if plan is not None else PLAN.read_text(encoding="utf-8")
    first = TOP_HEADING.search(plan)
    cut = first.start() if first else 0
    header, body = plan[:cut], plan[cut:]
    parts, length, copy, chapter = [header], len(header.encode("utf-8")), 0, 0
    while length < size:
        text = variant(body, copy)

        def renumber(match: re.Match[str]) -> str:
            nonlocal chapter
            chapter = chapter % 999 + 1
            return f"{match.group(1)}{chinese_number(chapter)}、"

        text = TOP_HEADING.sub(renumber, text)
        parts.append(text if text.endswith("\n") else text + "\n")
        length += len(parts[-1].encode("utf-8"))
        copy += 1
    return "".join(parts)


def time_parse(size: int, chunk_size: int = 160) -> list[str]:
    """Seconds ``parse_text`` takes on a long plan of ``size`` bytes (wall and CPU), with what it found: a table row."""
    from policykb.ingest.parser import parse_text

    text = long_plan(size)
    started, cpu = time.perf_counter(), time.process_time()
    record = parse_text(text, "long-plan", "long-plan.txt", chunk_size)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    mb = len(text.encode("utf-8")) / MB
    rate = mb / max(cpu_seconds, 1e-9)
    return [f"{mb:.1f}", f"{len(text):,}", f"{seconds:.2f}", f"{cpu_seconds:.2f}", f"{rate:.2f}",
            *(f"{len(found):,}" for found in (record.chunks, record.tasks, record.targets))]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.parsing", description="Time parse_text on long plans.")
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 10, 30], help="sizes in MB (UTF-8)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("PARSING.md"))
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        rows.append(time_parse(int(size * MB)))
        print(f"{size:g} MB", rows[-1], flush=True)
    machine = describe()
    header = ["size (MB, UTF-8)", "characters", "wall s", "CPU s", "MB per CPU s", "chunks", "tasks", "targets"]
    lines = ["# Parsing a long plan", "",
             "`python -m bench.parsing` — `parse_text` (normalise, structure, tasks, chunks, targets, terms)",
             "on one plan made of numbered variants of the shipped plan. "
             "CPU seconds exclude other work on the machine.",
             "", *table(header, rows),
             f"Machine: {machine['cpu']}, {machine['cores']} cores; commit {machine['commit']}"]  # fmt: skip
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
