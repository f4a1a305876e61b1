"""The names a conversation refers to: the units, tasks, targets, plans and places of the indexed plans,
and the bigram index that finds them in a question without comparing it with every name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policykb.bot.scope import file_named as _file_named
from policykb.bot.scope import place_names
from policykb.kb.lexicon import GENERIC_NAME, PLACE_LEVEL, YEAR
from policykb.kb.records import PATH_SEPARATOR
from policykb.kb.text import annual_year
from policykb.kb.units import UnitDirectory, longest_matches, unit_aliases

if TYPE_CHECKING:
    from policykb.kb.index import KnowledgeIndex

__all__ = ["MIN_INDICATOR", "NameIndex", "NamedTarget", "NamedTask", "PlanNames", "common"]

MIN_NAME = 4  # characters a title fragment needs to name a task or a plan
MIN_INDICATOR = 2
CUT_YEAR = re.compile(r"\d+年?")
YEAR_CUT_AT_START = re.compile(r"^\d{1,3}年")
"""A stretch that starts inside a year (``022年``, ``23年``): the tail of a year, never part of a plan's name."""


@dataclass(frozen=True)
class NamedTask:
    title: str
    doc_id: str
    section: str


@dataclass(frozen=True)
class NamedTarget:
    indicator: str
    doc_id: str
    section: str


class NameIndex:
    """Names found in a text by the two-character stretches they share with it, so a question is
    compared with the few names it could mean, not with every task of a thousand plans."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(dict.fromkeys(names))
        self._exact = set(self.names)
        self._postings: dict[str, set[int]] = {}
        for i, name in enumerate(self.names):
            for gram in _bigrams(name):
                self._postings.setdefault(gram, set()).add(i)

    def scan(self, text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """The names ``text`` holds whole, and the longest stretches it shares with names (each with
        the names that hold it), from every starting place."""
        whole: list[str] = []
        shared: list[tuple[str, list[str]]] = []
        for i in range(len(text) - 1):
            ids = self._postings.get(text[i : i + 2])
            if not ids:
                continue
            j = i + 2
            while True:
                if text[i:j] in self._exact:
                    whole.append(text[i:j])
                following = self._postings.get(text[j - 1 : j + 1]) if j < len(text) else None
                narrowed = ids & following if following else set()
                if not narrowed:
                    break
                ids, j = narrowed, j + 1
            span = text[i:j]
            holders = [self.names[k] for k in ids if span in self.names[k]]
            if holders:
                shared.append((span, holders))
        return whole, shared


class PlanNames:
    """The names a conversation refers to: units, task titles, target indicators, plan titles and places.

    ``places`` are the plans' places (doc id → ``青禾市``); ``tag_places`` finds other place names in a text
    (a tagger's), so a follow-up may name a place no plan is about (and be refused by name).
    """

    def __init__(
        self,
        units: UnitDirectory,
        tasks: list[NamedTask],
        targets: list[NamedTarget],
        titles: dict[str, str],
        places: dict[str, str] | None = None,
        tag_places: Callable[[str], list[str]] | None = None,
        untitled: dict[str, str] | None = None,
    ) -> None:
        self.units = units
        self.untitled = untitled or {}  # doc id → text of the plans whose text gave no title (named by their file)
        self.tag_places = tag_places
        self._places = {name for place in (places or {}).values() for name in place_names(place)}
        self._annual: dict[str, set[str]] = {}  # a place's name → the years of its annual plans
        self._doc_places = {doc_id: set(place_names(place)) for doc_id, place in (places or {}).items()}
        for doc_id, place in (places or {}).items():
            for name in place_names(place):
                self._annual.setdefault(name, set()).update({annual_year(titles.get(doc_id, ""))} - {""})
        self._place_lengths = sorted({len(name) for name in self._places}, reverse=True)
        self.tasks = tasks
        self.targets = targets
        self.titles = titles
        self._task_by_section = {(t.doc_id, t.section): t for t in tasks}
        self._tasks_named: dict[str, list[NamedTask]] = {}
        for task in tasks:
            self._tasks_named.setdefault(task.title, []).append(task)
        self._targets_named: dict[str, list[NamedTarget]] = {}
        for target in targets:
            self._targets_named.setdefault(target.indicator, []).append(target)
        self._plans_named: dict[str, list[str]] = {}
        for doc_id, title in titles.items():
            self._plans_named.setdefault(re.sub(r"《|》", "", title), []).append(doc_id)
        self._task_names = NameIndex(self._tasks_named)
        self._indicators = NameIndex(self._targets_named)
        self._plan_names = NameIndex(self._plans_named)

    @classmethod
    def of(cls, index: KnowledgeIndex) -> PlanNames:
        """The names of every document of ``index``."""
        docs = list(index.documents.values())
        tasks = [NamedTask(t.title, t.doc_id, t.section) for d in docs for t in d.tasks]
        targets = [NamedTarget(t.indicator, t.doc_id, t.section) for d in docs for t in d.targets]
        titles = {d.doc_id: d.title for d in docs if not _file_named(d.title, d.source)}
        places = {d.doc_id: d.place for d in docs if d.place}
        untitled = {d.doc_id: d.text for d in docs if _file_named(d.title, d.source)}
        return cls(index.units, tasks, targets, titles, places, index.segmenter.places, untitled)  # type: ignore[arg-type]

    # -- what a text names ------------------------------------------------------
    def task_in(self, text: str, doc_ids: list[str] | None = None) -> tuple[NamedTask, str] | None:
        """The task ``text`` names (its title, or a stretch of it no other title shares) and that stretch."""
        whole, shared = self._task_names.scan(text)
        whole = [t for t in whole if _in_scope(self._tasks_named[t], doc_ids)]
        if whole:
            title = max(whole, key=len)
            return _in_scope(self._tasks_named[title], doc_ids)[0], title
        best: tuple[str, str] | None = None
        for span, titles in shared:
            titles = [t for t in titles if _in_scope(self._tasks_named[t], doc_ids)]
            if len(span) < MIN_NAME or _generic(span) or len(titles) != 1:
                continue
            if len(self._title_words(span)) < MIN_NAME - 1:
                continue  # “县2024年”: a place and a year name no task
            if self._plan_topic(span, self._tasks_named[titles[0]]):
                continue  # “…多少项惠民实事？” of a plan titled …惠民实事…: the plan's topic, no task's name
            if best is None or len(span) > len(best[1]):
                best = (titles[0], span)
        return (_in_scope(self._tasks_named[best[0]], doc_ids)[0], best[1]) if best else None

    def _plan_topic(self, span: str, tasks: list[NamedTask]) -> bool:
        """Whether ``span`` (a stretch a question shares with a task's title) stands in the title of the plan that
        holds the task: it says what the whole plan is about."""
        core = span.strip("“”《》，、 ")
        return any(core in self.titles.get(task.doc_id, "") for task in tasks)

    def indicator_in(self, text: str, doc_ids: list[str] | None = None) -> tuple[NamedTarget | None, str] | None:
        """The target indicator ``text`` covers best, and the longest stretch they share.

        The target is ``None`` when several indicators are covered equally well.
        """
        _, shared = self._indicators.scan(text)
        candidates = dict.fromkeys(i for span, names in shared if not _generic(span) for i in names)
        best: tuple[float, list[str]] | None = None
        for indicator in candidates:
            if not _in_scope(self._targets_named[indicator], doc_ids):
                continue
            share = _covered(text, indicator)
            if share < 0.5 or len(common(text, indicator)) < MIN_INDICATOR:
                continue
            if best is None or share > best[0] + 1e-9:
                best = (share, [indicator])
            elif abs(share - best[0]) <= 1e-9:
                best[1].append(indicator)
        if best is None:
            return None
        first = best[1][0]
        target = _in_scope(self._targets_named[first], doc_ids)[0] if len(best[1]) == 1 else None
        return target, common(text, first)

    def plan_in(self, text: str, cut_years: bool = False) -> tuple[list[str], str] | None:
        """The documents ``text`` names by a stretch of title no other title shares, and the title to
        drop from the question (only a whole title: “牡丹江市……方案” is not this city's plan). A stretch that is only
        a place and a year (“青禾市2025年”) names no plan by title: the place and year scope that question alone.
        ``cut_years``: nor does a stretch cut inside a year (“024年”); a window of dates asked of names no plan."""
        whole, shared = self._plan_names.scan(text)
        words = self._title_words
        named = [d for span, titles in shared if len(span) >= MIN_NAME and not _generic(span) and len(titles) == 1
                 and len(words(span, cut_years)) >= MIN_NAME - 1
                 for d in [*self._plans_named[titles[0]], *self._untitled_saying(span)]]  # fmt: skip
        named = self._of_asked_place(text, named)
        if not named:
            return None
        drop = max((t for t in whole if set(self._plans_named[t]) <= set(named)), key=len, default="")
        return list(dict.fromkeys(named)), drop

    def _untitled_saying(self, span: str) -> list[str]:
        """The plans whose text gave no title that say ``span``: their titles are unknown, so another title's
        stretch they say (``信用体系建设``) may as well name them, and names the titled plan not alone."""
        return [doc_id for doc_id, text in self.untitled.items() if span in text]

    def _of_asked_place(self, text: str, named: list[str]) -> list[str]:
        """``named`` without the plans of another place than the plan place ``text`` names: “甲县…政府工作报告…”
        does not name 乙区's plan whose title shares 政府工作报告 with it."""
        span = longest_matches(text, self._place_lengths, self._places.__contains__)
        if not span:
            return named
        place = text[span[0][0] : span[0][1]]
        return [d for d in named if not self._doc_places.get(d) or place in self._doc_places[d]]

    def _title_words(self, span: str, cut_years: bool = False) -> str:
        """``span`` without the plans' place names and years (``cut_years``: and digits of a year cut short)."""
        core = YEAR_CUT_AT_START.sub("", YEAR.sub("", span))
        core = CUT_YEAR.sub("", core) if cut_years else core
        for name in sorted((n for n in self._places if n in core), key=len, reverse=True):
            core = core.replace(name, "")
        return core

    def place_span(self, text: str, tagged: bool = True) -> tuple[int, int] | None:
        """Where ``text`` first names a place: a plan's place (the longest name at the first place one starts),
        else (when ``tagged``) a place the tagger finds."""
        spans = longest_matches(text, self._place_lengths, self._places.__contains__)
        if spans:
            return spans[0]
        for place in self.tag_places(text) if self.tag_places and tagged else []:
            if place in text and not self.units.find(place):
                start = text.find(place)
                end = start + len(place)
                level = not PLACE_LEVEL.search(place) and PLACE_LEVEL.match(text[end : end + 1])
                return start, end + 1 if level else end  # “杭州” tagged in “杭州市”: the place with its level
        return None

    def place_of(self, doc_id: str) -> str:
        """The place of the plan ``doc_id`` (its longest name), or ``""``."""
        return max(self._doc_places.get(doc_id, ()), key=len, default="")

    def is_place_of(self, place: str, doc_id: str) -> bool:
        """Whether ``place`` (``乙县``, or its short name) is the place of the plan ``doc_id``."""
        return any(place in name or name in place for name in self._doc_places.get(doc_id, ()))

    def annual_years(self, place: str) -> set[str]:
        """The years of the annual plans of ``place`` (``青禾市`` → 2024, 2025)."""
        return self._annual.get(place, set())

    def place_opening(self, text: str) -> str:
        """The place ``text`` opens with (``河西市`` of ``河西市的``, ``临川县`` of ``临川县交通运输局``), or ``""``."""
        span = self.place_span(text)
        return text[: span[1]] if span and span[0] == 0 else ""

    def has_task(self, title: str, doc_id: str) -> bool:
        """Whether the plan ``doc_id`` has a task of this title."""
        return any(task.doc_id == doc_id for task in self._tasks_named.get(title, []))

    def task_at(self, doc_id: str, section: str) -> NamedTask | None:
        """The task whose section is ``section`` or encloses it."""
        parts = section.split(PATH_SEPARATOR)
        for n in range(len(parts), 0, -1):
            task = self._task_by_section.get((doc_id, PATH_SEPARATOR.join(parts[:n])))
            if task:
                return task
        return None

    def item_beside(self, doc_id: str, section: str, n: int) -> NamedTask | None:
        """The ``n``-th task of the part that holds the task at ``section``: the tasks of the part itself and of its
        items, in the plan's order (the fourth of ``1.…`` ``2.…`` ``3.…`` ``4.…`` under one heading, an item whose
        long first sentence was read as no heading of its own counted in its place); ``None`` when it has fewer."""
        task = self.task_at(doc_id, section)
        if task is None or PATH_SEPARATOR not in task.section:
            return None
        part = task.section.rsplit(PATH_SEPARATOR, 1)[0]
        depth = part.count(PATH_SEPARATOR) + 1
        items = [
            other
            for other in self.tasks
            if other.doc_id == doc_id
            and (other.section + PATH_SEPARATOR).startswith(part + PATH_SEPARATOR)
            and other.section.count(PATH_SEPARATOR) <= depth
        ]
        return items[n - 1] if 0 < n <= len(items) else None

    def unit_spans(self, text: str, names: list[str]) -> list[str]:
        """The stretches of ``text`` that name one of ``names`` (full names or their short forms)."""
        spans = [alias for name in names for alias in unit_aliases(name) if alias in text]
        return sorted(dict.fromkeys(spans), key=len, reverse=True)


def _bigrams(text: str) -> list[str]:
    return list(dict.fromkeys(text[i : i + 2] for i in range(len(text) - 1)))


def _in_scope(items: list[Any], doc_ids: list[str] | None) -> list[Any]:
    """The items (named tasks, targets) of the documents in scope, all of them when ``doc_ids`` is ``None``."""
    return [i for i in items if doc_ids is None or i.doc_id in doc_ids]


def _covered(text: str, name: str) -> float:
    """The share of ``name``'s characters that lie in stretches of two or more it shares with ``text``."""
    if not name:
        return 0.0
    covered = i = 0
    while i < len(name):
        size = 0
        while i + size < len(name) and name[i : i + size + 1] in text:
            size += 1
        if size >= 2:
            covered += size
            i += size
        else:
            i += 1
    return covered / len(name)


def common(a: str, b: str) -> str:
    """The longest stretch ``a`` and ``b`` share."""
    if not a or not b:
        return ""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def _generic(span: str) -> bool:
    """A stretch too common to name anything (``节能减排``, ``“十四五”``, ``工程``)."""
    core = span.strip("“”《》，、 ")
    return len(core) < 2 or GENERIC_NAME.match(core) is not None or re.fullmatch(r"[\d.%]+", core) is not None
