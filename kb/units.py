"""Unit names and their aliases: which body a question is about.

Aliases come from two places: the documents themselves (``X（以下简称Y）``) and the
generic naming rules in ``aliases.toml`` (``发展改革委`` ↔ ``发改委``, the ``市`` prefix).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources

from policykb.kb.duties import task_counts
from policykb.kb.lexicon import ASKED_UNIT_ENDS, BODY_ENDS, BODY_KIND_SHORT, GOVERNMENT_SHORT, alternation

ABBREVIATION_GAP = 4  # characters a short name may leave out between two of its own (区政府办: 区人民政府办公室)
SHORT_NAME_ENDS = (*ASKED_UNIT_ENDS, "政府")
SHORT_NAME = re.compile(rf"^[\u4e00-\u9fa5]{{1,8}}(?:{alternation(SHORT_NAME_ENDS)})$")
"""A word that may be a body's short name: it ends as a unit's name does (``区政府``, ``区政府办``, ``市发改委``)."""


@cache
def _shortened(name: str) -> re.Pattern[str]:
    gap = rf"[^\s，,。；;、：:（）()的各与及或在对将把被等以为]{{0,{ABBREVIATION_GAP}}}"  # inside one name
    return re.compile(gap.join(map(re.escape, name)))


def written_short(name: str, corpus: str) -> bool:
    """Whether ``corpus`` writes ``name`` or the name it shortens: its characters in order, a few left out between
    them inside one name (``区政府办`` of ``区人民政府办公室``, ``市发改委`` of ``市发展和改革委员会``)."""
    return name in corpus or _shortened(name).search(corpus) is not None


ADMIN_PREFIX = re.compile(r"^(市委|市|省|县|区)")
BODY_STOPS = "\\s，。？！、哪什么谁几的由是和与及在要有对"
"""Characters no body's name in a question holds: marks, and words of asking or joining."""


def _body_name(longest: int, stops: str = BODY_STOPS) -> re.Pattern[str]:
    """A body's name as a question writes it: a level, up to ``longest`` characters, a body's end (``市…局``)."""
    return re.compile(
        rf"(?<![城全本我该跨])(?:市委|市|省|县|区)[^{stops}]{{1,{longest}}}?"
        rf"(?:{alternation(ASKED_UNIT_ENDS)})(?![\u4e00-\u9fa5]{{0,1}}[局委])"
    )


BODY_MENTION = _body_name(12, BODY_STOPS + ",?")
"""A body's name as a question writes it, however long (``市城市管理综合行政执法局``): what a sentence quoted for it
must name (:data:`ORG_NAME`, for the names no plan writes, takes only the shorter ones)."""
ORG_NAME = _body_name(6)


@cache
def _abbreviations() -> dict[str, list[str]]:
    text = resources.files("policykb.kb").joinpath("aliases.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["abbreviations"]


def unit_aliases(name: str) -> set[str]:
    """Every short form of ``name`` that still names it unambiguously."""
    names = {name}
    for full, shorts in _abbreviations().items():
        for variant in list(names):
            if variant.endswith(full) or full in variant:
                names.update(variant.replace(full, short) for short in shorts)
    bare: set[str] = set()
    for variant in names:
        stripped = ADMIN_PREFIX.sub("", variant)
        if len(stripped) >= 2 and stripped != variant:
            bare.add(stripped)
    return {a for a in names | bare if len(a) >= 2}


def longest_matches(text: str, lengths: list[int], known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans of known names in ``text``, left to right, the longest at each place, never overlapping.

    ``lengths`` are the names' lengths, longest first. A scan by dictionary lookups: it costs the
    same for ten names as for ten thousand, where one regular expression of every name would take
    seconds to compile and to run.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        size = next((n for n in lengths if known(text[i : i + n])), 0)
        if size:
            spans.append((i, i + size))
        i += size or 1
    return spans


def stretches(text: str) -> set[str]:
    """Every stretch of ``text`` (a question: a few hundred of them)."""
    return {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)}


class UnitDirectory:
    """Canonical unit names of the indexed documents and the aliases that find them."""

    def __init__(self, names: Iterable[str], aliases: dict[str, str] | None = None) -> None:
        self.names: list[str] = list(dict.fromkeys(names))
        self._alias_to_names: dict[str, set[str]] = {}
        for name in self.names:
            for alias in unit_aliases(name):
                self._alias_to_names.setdefault(alias, set()).add(name)
        self.aliases = {alias: name for alias, name in (aliases or {}).items() if name in self.names}
        for alias, name in self.aliases.items():
            self._alias_to_names.setdefault(alias, set()).add(name)
        self._order = {name: i for i, name in enumerate(self.names)}
        self._lengths = sorted({len(a) for a in self._alias_to_names}, reverse=True)

    def spans(self, text: str) -> list[tuple[int, int, list[str]]]:
        """``(start, end, canonical names)`` of every name in ``text``, left to right, the longest at each place."""
        known = self._alias_to_names.__contains__
        return [
            (start, end, sorted(self._alias_to_names[text[start:end]], key=self._order.__getitem__))
            for start, end in longest_matches(text, self._lengths, known)
        ]

    def names_any(self, stretches: set[str]) -> bool:
        """Whether one of ``stretches`` (of a text: :func:`stretches`) is a name or alias here; when none is,
        :meth:`spans` of that text finds nothing. A set's look-up, not a scan of the text."""
        return not self._alias_to_names.keys().isdisjoint(stretches)

    def find(self, text: str) -> list[str]:
        """Canonical names mentioned in ``text``, in text order (the longest alias wins at each place)."""
        found: list[str] = []
        for _, _, names in self.spans(text):
            found.extend(name for name in names if name not in found)
        return found

    def unknown_org_mentions(self, text: str) -> list[str]:
        """Names in ``text`` shaped like a government body that no document mentions."""
        known = self._alias_to_names
        out = []
        for match in ORG_NAME.finditer(text):
            mention = match.group(0)
            if not any(alias in mention or mention in alias for alias in known):
                out.append(mention)
        return out


def short_forms(name: str) -> list[str]:
    """How a plan may write the body ``name`` short, longest first: its kind by its first character, and
    ``人民政府`` as ``政府`` or ``府`` (``县人民政府办公室`` → ``县人民政府办``, ``县政府办``, ``县府办``;
    ``县人民政府办`` → ``县政府办``, ``县府办``)."""
    kind = next((k for k in BODY_KIND_SHORT if name.endswith(k)), "")
    stem, end = (name[: -len(kind)], BODY_KIND_SHORT[kind]) if kind else (name, "")
    government = next((w for w in GOVERNMENT_SHORT if w in stem), "")  # the longest: 人民政府 before 政府
    stems = [stem, *(stem.replace(government, s, 1) for s in GOVERNMENT_SHORT.get(government, ()))]
    return [s + end for s in dict.fromkeys(stems) if s + end != name]


LEVELS = "市省县区"
WORDS_OPENING_WITH_A_LEVEL = ("市场", "市政", "市容", "区域", "县域", "省际")
BODY_SUFFIX = re.compile(f"(?:{alternation(BODY_ENDS)})$")
PLACE_INSIDE = re.compile(r"[省市县区州旗]|各|人民政府|有关")
NATIONAL = ("中国", "国家", "国网", "中铁", "人民银行")
SHORT_BODY = 5  # 商务局, 大数据中心: a longer name without a level likely holds a place (齐齐哈尔海事局)


def admin_level(name: str) -> str:
    """The level a unit's name opens with (``市``, ``省``, ``县``, ``区``; ``""`` for none).

    ``市场监管局`` opens with no level: 市场 is a word, not the city.
    """
    if not name or name[0] not in LEVELS or name.startswith(WORDS_OPENING_WITH_A_LEVEL):
        return ""
    return name[0]


def plan_level(names: Iterable[str]) -> str:
    """The level most of a plan's units carry, if at least two do and two thirds of those with one agree."""
    levels = [level for level in map(admin_level, names) if level]
    if len(levels) < 2:
        return ""
    best = max(set(levels), key=levels.count)
    return best if levels.count(best) * 3 >= len(levels) * 2 else ""


def canonical_names(names: Iterable[str], place: str = "") -> dict[str, str]:
    """Each of one plan's unit names → the name it stands for in that plan.

    A body named without its level (``市场监管局``) in a plan whose units carry one (``市发展改革委``) is
    that level's body: ``市市场监管局``. Names with a place (``place``: the plan's) or a level of their own stay
    as written.
    """
    names = list(dict.fromkeys(names))
    level = plan_level(names)
    own = re.sub(r"(?:省|市|县|区)$", "", place)
    return {name: level + name if level and _bare_body(name) and not (own and own in name) else name for name in names}


def _bare_body(name: str) -> bool:
    """Whether ``name`` is a government body named without its level: a body's usual name (``市场监管局``,
    ``发展改革委``) or a short one (``商务局``, ``大数据中心``), with no place or level of its own in it.
    ``齐齐哈尔海事局`` (a place's own body) and ``中国银保监会…监管分局`` are not."""
    if admin_level(name) or BODY_SUFFIX.search(name) is None:
        return False
    inner = name.removeprefix(next((w for w in WORDS_OPENING_WITH_A_LEVEL if name.startswith(w)), ""))
    if PLACE_INSIDE.search(inner) or name.startswith(NATIONAL):
        return False
    usual = {n for full, shorts in _abbreviations().items() for n in (full, *shorts)}
    return name in usual or len(name) <= SHORT_BODY


class PlanUnits:
    """One plan's units: its own names, each written form resolved within the plan, never across plans.

    Args:
        doc_id: the plan.
        names: the unit names its tasks carry, as written.
        aliases: the plan's own short forms (``X（以下简称Y）``), short → full.
        place: the plan's place (``青禾市``); a body named with it (``青禾海事局``) is that place's as written.
    """

    def __init__(
        self, doc_id: str, names: Iterable[str], aliases: dict[str, str] | None = None, place: str = ""
    ) -> None:
        self.doc_id = doc_id
        self.canonical = canonical_names(names, place)
        own = {a: self.canonical.get(n, n) for a, n in (aliases or {}).items()}
        written = {raw: name for raw, name in self.canonical.items() if raw != name}
        self.directory = UnitDirectory(self.canonical.values(), {**own, **written})

    @property
    def names(self) -> list[str]:
        return self.directory.names

    def find(self, text: str) -> list[str]:
        """The plan's units ``text`` names, in text order.

        A name found without its level right after another level (``市`` + ``市场监管局`` in a county's
        plan) is another level's body, not this plan's.
        """
        found: list[str] = []
        for start, end, names in self.directory.spans(text):
            said = text[max(0, start - 1) : start]  # a level right before a name without one
            other = bool(said) and said in LEVELS and not admin_level(text[start:end])
            for name in names:
                clash = other and admin_level(name) not in ("", said)
                if not clash and name not in found:
                    found.append(name)
        return found

    def names_of(self, units: Iterable[str]) -> list[str]:
        """Written unit names as this plan's units."""
        return [self.canonical.get(u, u) for u in units]

    def counts(self, tasks: Iterable) -> list[tuple[str, int, int]]:
        """``(unit, tasks it leads, tasks it co-operates on)`` for the plan's units, most tasks first (the one
        lead/co rule of :mod:`policykb.kb.duties`, with names resolved within the plan)."""
        return task_counts(tasks, self.names_of)


class UnitShelf(UnitDirectory):
    """The units of every plan, keyed by plan: one city's 市发改委 is not another's.

    As a :class:`UnitDirectory` it knows every plan's names (what kind of question names a unit);
    :meth:`of` and :meth:`in_plans` resolve a name within one plan.
    """

    def __init__(self, plans: dict[str, PlanUnits]) -> None:
        self.plans = plans
        names = [n for p in plans.values() for n in p.names]
        aliases = {a: p.canonical.get(n, n) for p in plans.values() for a, n in p.directory.aliases.items()}
        super().__init__(names, aliases)

    @classmethod
    def of_documents(cls, documents: Iterable) -> UnitShelf:
        """The shelf of ``documents`` (records with ``doc_id``, ``tasks`` and ``aliases``)."""
        plans = {}
        for doc in documents:
            names = [u for t in doc.tasks for u in t.responsibility.units]
            plans[doc.doc_id] = PlanUnits(doc.doc_id, names, doc.aliases, getattr(doc, "place", ""))
        return cls(plans)

    def of(self, doc_id: str) -> PlanUnits:
        """One plan's units (none for a plan without tasks)."""
        return self.plans.get(doc_id) or PlanUnits(doc_id, [])

    def in_plans(self, text: str, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """The units ``text`` names in each of ``doc_ids`` that has one, in that order."""
        found = {doc_id: self.of(doc_id).find(text) for doc_id in doc_ids}
        return {doc_id: units for doc_id, units in found.items() if units}
