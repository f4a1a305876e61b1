"""A question that compares the plans it names: ``A市和B县谁的X目标更高？``, ``A市的X比B县高多少？``.

It is asked as ``X分别是多少``, so each plan answers for itself under its own title (``perplan``), and a plan
that does not give X says so. When every plan named gives one figure of X in one unit, a last line says which is
higher (or lower); figures in different units are never set against each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policykb.bot.answers.finding import Finding
from policykb.kb.lexicon import AMOUNT_NOUNS
from policykb.kb.records import DocumentRecord
from policykb.prompts.library import Phrases

__all__ = ["Comparison", "comparison", "with_verdict"]

WHO = re.compile(r"(?:谁|哪(?:一)?(?:个|家|边|里)(?:地方|市|县|区)?)(?:的)?")
"""Who of the places named: ``谁的``, ``哪个市的``."""
MORE = re.compile(r"(?:更|最|比较)(?P<way>高|低|多|少|大|小)(?:一些|一点|些)?")
THAN = re.compile(r"比(?P<other>[^\d，,。？?]{0,8}?)(?:要|还)?(?P<way>高|低|多|少|大|小)(?:出)?(?:多少|几)")
"""``比B县高多少``: B's place is stripped from the question when it scopes it, so ``比高多少`` too."""
AGAINST = re.compile(r"相比(?:于|较)?[^，,。？?]{0,12}?[，,]|(?:与|和|同|跟)[^，,。？?]{0,12}?相比较?[，,]?")
"""``相比B县，…`` and ``与B县相比，…`` (``相比，`` once the scope took the place out): the other plan is asked too."""
DIFFER = re.compile(r"(?:有|存在)?(?:什么|哪些|何)(?:不同|区别|差别|差异)|(?:一样|相同|一致)吗|是否(?:一样|相同|一致)")
"""``X有什么不同``, ``X一样吗``: each plan's X, set one under another."""
HIGHER = ("高", "多", "大")
JOINED = re.compile(r"^[和与及、的\s]+|[和与及、]+(?=的)")


@dataclass(frozen=True)
class Comparison:
    """A comparing question asked as ``…分别是多少``, and whether it asks which is higher (or lower)."""

    asked: str
    higher: bool | None  # which is asked for: the higher, the lower, or neither (``相比B县，A市的X是多少``)


def comparison(question: str) -> Comparison | None:
    """``question`` asked of each plan when it compares them (``谁的X更高``, ``X谁更高``, ``X比B高多少``,
    ``相比B，A的X是多少``); ``None`` when it does not."""
    against = AGAINST.search(question)
    if against:
        question = question[: against.start()] + question[against.end() :]
    than = THAN.search(question)
    if than:
        asked = f"{question[: than.start()]}分别是多少？"
        return Comparison(_tidy(asked), than.group("way") in HIGHER)
    differ = DIFFER.search(question)
    if differ and not more_asked(question):  # 两个方案的X有什么不同: each plan's X, no verdict
        thing = question[: differ.start()]
        asking = "多少" if any(word in thing for word in AMOUNT_NOUNS) else "什么"
        return Comparison(_tidy(f"{thing}分别是{asking}？"), None)
    more, who = MORE.search(question), WHO.search(question)
    if against and more and who is None:  # 与B县相比，A市的X更高吗
        return Comparison(_tidy(f"{question[: more.start()]}分别是多少？"), more.group("way") in HIGHER)
    if more is None or who is None or who.start() > more.start():
        return Comparison(_tidy(question), None) if against else None
    asked = f"{question[: who.start()]}的{question[who.end() : more.start()]}分别是多少？"
    return Comparison(_tidy(asked), more.group("way") in HIGHER)


def more_asked(question: str) -> bool:
    """Whether ``question`` asks which plan's figure is higher (``谁的X更高``)."""
    return MORE.search(question) is not None and WHO.search(question) is not None


def _tidy(asked: str) -> str:
    """``和的X目标分别是多少`` (its places stripped) → ``X目标分别是多少``."""
    return JOINED.sub("", asked).replace("的的", "的").replace("的分别", "分别")


def with_verdict(finding: Finding, higher: bool | None, plans: dict[str, DocumentRecord], phrases: Phrases) -> Finding:
    """``finding`` with a line that says which plan's figure is higher (``higher``) or lower, when that is asked,
    each plan answered with one figure and all figures share one unit and one year; else ``finding`` as it is."""
    if higher is None:
        return finding
    figures, years = [], set()
    for plan in finding.facts.get("plans", []):
        targets = plan.get("targets") or []
        if len(targets) != 1 or not _number(targets[0].get("value", "")):
            return finding
        doc, target = plans[plan["doc_id"]], targets[0]
        figures.append((doc.place or f"《{doc.title}》", float(target["value"]), target["value"], target["unit"]))
        years.add(target.get("year", ""))
    if len(figures) < 2 or len({unit for *_, unit in figures}) != 1 or len(years) != 1:
        return finding  # figures of other units or other years are not set against each other
    ranked = sorted(figures, key=lambda f: f[1], reverse=higher)
    first, second = ranked[0], ranked[1]
    said = [f"{name}（{value}{unit}）" for name, _, value, unit in ranked]
    if first[1] == second[1]:
        if len(ranked) > 2:  # a tie at the top of three or more: no one line says it plainly
            return finding
        line = phrases("compare.same", figures="、".join(said))
    else:
        line = phrases("compare.higher" if higher else "compare.lower", first=said[0], rest="、".join(said[1:]))
    return replace(finding, lines=[*finding.lines, line])


def _number(value: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", value))
