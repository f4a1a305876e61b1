"""Scaled corpora: N documents made from the shipped plan, each a rewritten variant.

Copy 0 is the plan itself (so the eval questions stay answerable); every other copy is a new plan of a generated
city: the city name, every unit name of its responsibility brackets (``市工信局`` → ``龙泉市工信局``) and every
quantity (scaled by a per-number factor, decimals kept, percentages capped at 100) are rewritten, so no two files
share their text, their chunk ids or their vectors. Years, months, days and document numbers are left alone.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from policykb.kb.lexicon import ASKED_UNIT_ENDS, alternation

PLAN_CITY = "齐齐哈尔"
# Characters that make plausible two-character place names; 48² > 2,000 names.
PLACE_CHARS = "安宁平兴江河山阳林泉海源昌丰德明华龙凤鹤春松嘉临清远长永定通乐和新东西南北金玉云天福庆泰汉"
UNIT = re.compile(
    rf"(?<![\u4e00-\u9fa5])市[\u4e00-\u9fa5]{{1,8}}?(?:{alternation(ASKED_UNIT_ENDS)})(?![\u4e00-\u9fa5]{{0,1}}[局委])"
)
NUMBER = re.compile(r"(?<![\d.〔])(\d+(?:\.\d+)?)(?![\d.])(?!年|月|日|〕|号)")


def city_name(n: int) -> str:
    """The ``n``-th generated city name (n ≥ 1), distinct for n < len(PLACE_CHARS)²."""
    k = len(PLACE_CHARS)
    a, b = divmod((n * 7919) % (k * k), k)
    name = PLACE_CHARS[a] + PLACE_CHARS[b]
    return name if name[0] != name[1] else name + PLACE_CHARS[(a + 3) % k]


def _scale_number(match: re.Match[str], rng: random.Random, text: str) -> str:
    raw = match.group(1)
    value = float(raw)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    new = value * rng.uniform(0.7, 1.3)
    following = text[match.end() : match.end() + 1]
    if following in "%％" and new > 100:
        new = min(100.0, value + rng.uniform(0, 100 - value)) if value < 100 else value
    return f"{new:.{decimals}f}" if decimals else str(max(1, round(new)))


def variant(plan: str, n: int) -> str:
    """Copy ``n`` of ``plan``: city, unit names and quantities rewritten (``n = 0``: the plan itself)."""
    if n == 0:
        return plan
    rng = random.Random(n)
    city = city_name(n)
    text = UNIT.sub(lambda m: f"{city}{m.group(0)}", plan)
    text = text.replace(PLAN_CITY, city)
    return NUMBER.sub(lambda m: _scale_number(m, rng, text), text)


def file_name(n: int) -> str:
    return "plan-0000-original.txt" if n == 0 else f"plan-{n:04d}-{city_name(n)}.txt"


def write_corpus(plan_path: Path, count: int, folder: Path) -> dict[str, int]:
    """Write the corpus ``count`` × the plan into ``folder`` (reused when complete); its files and characters."""
    plan = plan_path.read_text(encoding="utf-8")
    stamp = folder / ".complete"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == f"{count}\n":
        files = sorted(folder.glob("*.txt"))
        return {"files": len(files), "chars": sum(len(p.read_text(encoding="utf-8")) for p in files)}
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    chars = 0
    for n in range(count):
        text = variant(plan, n)
        (folder / file_name(n)).write_text(text, encoding="utf-8")
        chars += len(text)
    stamp.write_text(f"{count}\n", encoding="utf-8")
    return {"files": count, "chars": chars}
