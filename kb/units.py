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

ADMIN_PREFIX = re.compile(r"^(市委|市|省|县|区)")
ORG_NAME = re.compile(
    r"(?<![城全本我])(?:市委|市|省|县|区)[^\s，。？！、哪什么谁的由是和与及在要有对]{1,6}?(?:局|委|办|厅|社|联)(?![\u4e00-\u9fa5]{0,1}[局委])"
)


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


class UnitDirectory:
    """Canonical unit names of the indexed documents and the aliases that find them."""

    def __init__(self, names: Iterable[str], aliases: dict[str, str] | None = None) -> None:
        self.names: list[str] = list(dict.fromkeys(names))
        self._alias_to_names: dict[str, set[str]] = {}
        for name in self.names:
            for alias in unit_aliases(name):
                self._alias_to_names.setdefault(alias, set()).add(name)
        for alias, name in (aliases or {}).items():
            if name in self.names:
                self._alias_to_names.setdefault(alias, set()).add(name)
        self._order = {name: i for i, name in enumerate(self.names)}
        self._lengths = sorted({len(a) for a in self._alias_to_names}, reverse=True)

    def find(self, text: str) -> list[str]:
        """Canonical names mentioned in ``text``, in text order (the longest alias wins at each place)."""
        found: list[str] = []
        known = self._alias_to_names.__contains__
        for start, end in longest_matches(text, self._lengths, known):
            for name in sorted(self._alias_to_names[text[start:end]], key=self._order.__getitem__):
                if name not in found:
                    found.append(name)
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
