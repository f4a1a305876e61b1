"""Strict, deterministic scoring: normalise width and spaces, then require every key.

A correct answer to a responsibility question names every lead unit on a lead line
(``牵头单位：`` / ``负责单位：``) and every co-operating unit on a co line
(``配合单位：`` / ``责任单位…：``), and not the other way round. A question of several parts one of which the
plans do not give (``lacks``) must name that part on a line saying it is not given (``方案未写明：…``). No LLM
judge.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

LEAD_LINES = ("牵头单位", "负责单位")
LACKS_MARK = "未写明"  # a part of the question the plans do not give is named on a line with this mark
CO_LINES = ("配合单位", "责任单位")


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), spaces removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Verdict:
    correct: bool
    reasons: list[str] = field(default_factory=list)


def _lines(answer: str, prefixes: tuple[str, ...]) -> str:
    return "\n".join(line for line in answer.split("\n") if line.strip().startswith(prefixes))


def judge(item: dict[str, Any], result: dict[str, Any]) -> Verdict:
    """Is ``result`` (an answer object) a correct answer to the eval ``item``?"""
    if not item["answerable"]:
        ok = not result["answerable"]
        return Verdict(ok, [] if ok else ["answered a question the plan does not answer"])
    if not result["answerable"]:
        return Verdict(False, ["refused an answerable question"])
    answer = normalize(result["answer"])
    reasons = [f"missing key {k}" for k in item.get("keys", []) if normalize(k) not in answer]
    lead_text = normalize(_lines(result["answer"], LEAD_LINES))
    co_text = normalize(_lines(result["answer"], CO_LINES))
    for unit in item.get("lead", []):
        if normalize(unit) not in lead_text or normalize(unit) in co_text:
            reasons.append(f"lead unit {unit} not stated as lead")
    for unit in item.get("co", []):
        if normalize(unit) not in co_text or normalize(unit) in lead_text:
            reasons.append(f"co unit {unit} not stated as co-operating")
    lacking = [normalize(line) for line in result["answer"].split("\n") if LACKS_MARK in line]
    for part in item.get("lacks", []):  # a part the plans do not give, which the answer must say it does not
        if not any(normalize(part) in line for line in lacking):
            reasons.append(f"part {part} not said to be missing")
    return Verdict(not reasons, reasons)


def section_rank(item: dict[str, Any], result: dict[str, Any]) -> int | None:
    """1-based rank of the first source in the gold section; ``None`` if absent or no gold section."""
    gold = item.get("section") or ""
    if not gold or not item["answerable"]:
        return None
    for rank, source in enumerate(result.get("sources", []), 1):
        section = source.get("section", "")
        if section == gold or section.startswith(gold + " > "):
            return rank
    return 0
