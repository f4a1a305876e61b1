"""Answers about targets: which indicator, what value and unit, by when."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from policykb.bot.evidence import Evidence
from policykb.bot.responsibility import rank_bonus
from policykb.kb.lexicon import ASKED_UNITS, COUNT_MEASURES, alternation
from policykb.kb.records import Target
from policykb.prompts.library import Phrases

ASKED_UNIT = re.compile(rf"(?:多少|几)({alternation(ASKED_UNITS)})")
COUNT_WORDS = COUNT_MEASURES


def unit_compatible(question: str, target: Target) -> bool:
    """False when the question asks for a unit (``多少元``) that the target is not in."""
    match = ASKED_UNIT.search(question)
    if not match:
        return True
    asked = match.group(1)
    return asked in target.unit or (asked in COUNT_WORDS and target.unit in COUNT_WORDS)


def unit_compatible_text(question: str, text: str) -> bool:
    """False when the question asks for a unit (``多少元``) that no number in ``text`` carries."""
    match = ASKED_UNIT.search(question)
    return not match or re.search(rf"\d{re.escape(match.group(1))}", text) is not None


@dataclass
class DenseGate:
    """Whether the nearest target stands out from the rest: z-score and margin in standard deviations."""

    min_z: float = 3.0
    min_margin: float = 0.9

    def pick(self, similarities: list[tuple[str, float]]) -> str | None:
        """The id of the nearest target if it stands out enough, else ``None``."""
        if len(similarities) < 5:
            return None
        values = [s for _, s in similarities]
        spread = statistics.pstdev(values) or 1e-9
        ordered = sorted(similarities, key=lambda item: -item[1])
        z = (ordered[0][1] - statistics.fmean(values)) / spread
        margin = (ordered[0][1] - ordered[1][1]) / spread
        return ordered[0][0] if z >= self.min_z and margin >= self.min_margin else None


@dataclass
class TargetMatch:
    target: Target
    score: float
    support: float


def match_targets(evidence: Evidence, targets: list[Target], ranked_sections: list[str]) -> list[TargetMatch]:
    """Targets ordered by how well their indicator fits the question."""
    matches = []
    for target in targets:
        indicator = evidence.coverage(target.indicator)
        context = evidence.coverage(f"{target.section} {target.clause}")
        support = evidence.coverage(f"{target.indicator} {target.clause} {target.section}")
        score = 0.55 * indicator + 0.25 * context + 0.2 * rank_bonus(target.section, ranked_sections)
        matches.append(TargetMatch(target, score, support))
    return sorted(matches, key=lambda m: -m.score)


def best_group(matches: list[TargetMatch], margin: float = 0.02) -> list[TargetMatch]:
    """The best match and any that tie with it in the same section (e.g. two indicators, one question)."""
    if not matches:
        return []
    best = matches[0]
    return [m for m in matches[:4] if m.score >= best.score - margin and m.target.path == best.target.path]


def target_line(target: Target, phrases: Phrases) -> str:
    """``到2025年，清洁取暖率提高到86%。``"""
    if target.year.isdigit():
        when = phrases("target.when_year", year=target.year)
    elif target.year:
        when = phrases("target.when_period", year=target.year)
    else:
        when = ""
    comparator = target.comparator.replace("…", "")
    quantity = target.quantity
    if "…" in target.comparator:
        head, tail = target.comparator.split("…", 1)
        comparator, quantity = head, f"{target.quantity}{tail}"
    if target.verb_first:
        return phrases(
            "target.line_verb_first", when=when, indicator=target.indicator, comparator=comparator, quantity=quantity
        )
    return phrases("target.line", when=when, indicator=target.indicator, comparator=comparator, quantity=quantity)


def target_lines(target: Target, phrases: Phrases) -> list[str]:
    lines = [target_line(target, phrases), phrases("target.evidence", clause=target.sentence)]
    if target.owners:
        lines.append(phrases("target.owners", units="、".join(target.owners)))
    return lines
