"""Parsing at scale: one long plan of 1, 10 or 30 MB, timed through ``parse_text``.

The long plan is the shipped plan's header followed by its body over and over,
each copy a rewritten variant (``bench.corpus.variant``: other city, units and
numbers) whose top-level headings keep counting (``一、`` … ``九百九十九、``, then
again), so the text reads as one very long plan with numbered sections.
Run ``python -m bench.parsing [MB ...]`` to time it; ``--profile`` shows where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import time
from pathlib import Path

from bench.corpus import variant

PLAN = Path(__file__).resolve().parent.parent / "kb" / "sources" / "qiqihar-14th-fyp-energy-plan.txt"
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


def time_parse(size: int, chunk_size: int = 160) -> dict[str, float]:
    """Seconds ``parse_text`` takes on a long plan of ``size`` bytes, with what it found."""
    from policykb.ingest.parser import parse_text

    text = long_plan(size)
    started = time.perf_counter()
    record = parse_text(text, "long-plan", "long-plan.txt", chunk_size)
    seconds = time.perf_counter() - started
    return {
        "mb": round(len(text.encode("utf-8")) / MB, 1),
        "chars": len(text),
        "seconds": round(seconds, 2),
        "chars_per_s": round(len(text) / seconds),
        "chunks": len(record.chunks),
        "tasks": len(record.tasks),
        "targets": len(record.targets),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Time parse_text on long plans.")
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 10, 30], help="sizes in MB (UTF-8)")
    parser.add_argument("--profile", action="store_true", help="profile the first size instead")
    args = parser.parse_args()
    if args.profile:
        from policykb.ingest.parser import parse_text

        text = long_plan(int(args.sizes[0] * MB))
        cProfile.runctx("parse_text(text, 'p', 'p.txt', 160)", globals(), locals(), "/tmp/parse.prof")
        pstats.Stats("/tmp/parse.prof").sort_stats("cumulative").print_stats(25)
        return
    for size in args.sizes:
        print(f"{size:g} MB", time_parse(int(size * MB)), flush=True)


if __name__ == "__main__":
    main()
