"""Everyday and official words for the same thing: 充电桩 ↔ 充电基础设施, 每人 ↔ 人均.

The shipped ``glossary.toml`` holds general vocabulary of Chinese policy language; a user adds
their own words in a file of the same form (``POLICYKB_GLOSSARY``), and each plan adds its own
definitions (``能源消费强度和总量双控（以下简称能耗双控）``, see :func:`definitions`).

The bot uses a glossary two ways: :meth:`Glossary.rewrite` puts the word a plan uses in place
of a word the plans never use (so a question's words can be matched against a target's
indicator or a task's title), and :meth:`Glossary.expansions` lists the other words of every
group a question touches (BM25 query expansion).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from policykb.kb.units import longest_matches

MAX_TERM = 24
# ``全称（以下简称“简称”）``, ``（简称简称）``, ``（下称简称）``, ``（以下统称简称）``, with or without quotes.
DEFINITION = re.compile(
    r"(?P<full>[\u4e00-\u9fa5A-Za-z0-9.]{2,30})[（(]\s*(?:以下|下文|下)?(?:简称|统称|称)(?:为)?[:：]?\s*"
    r"(?P<short>[“\"‘]?[\u4e00-\u9fa5A-Za-z0-9.]{1,8}[”\"’]?[\u4e00-\u9fa5A-Za-z0-9.]{0,6})\s*[）)]"
)
LEADING_VERB = re.compile(
    r"^(?:.*?[，。；、])?(?:推进|推动|落实|实施|开展|建立|加强|加快|严把|设立|建设|组织|完善|对|将|由|在)"
)
QUOTES = str.maketrans("", "", '“”"‘’')


class GlossaryError(ValueError):
    """A glossary file that cannot be read; the message is for the user, in Chinese."""


class Glossary:
    """Groups of words that name the same thing; the first word of a group is the official one.

    Args:
        groups: each group's words, official word first.
        contrasts: groups of words that name different things of one kind (``城镇``, ``农村``): a clause
            about one of them does not answer a question about another.
        kinds: a kind of thing and its members (``污染物``: ``化学需氧量``, ``氨氮`` …): where a member is found
            (``污水里的化学需氧量``) is not what a question asks of it.
    """

    def __init__(
        self,
        groups: Iterable[Iterable[str]] = (),
        contrasts: Iterable[Iterable[str]] = (),
        kinds: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.kinds: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in (kinds or {}).items()}
        self.groups: list[tuple[str, ...]] = []
        self._groups_of: dict[str, list[int]] = {}
        self._lengths: list[int] = []
        for group in groups:
            self._add(group)
        self.contrasts: list[tuple[str, ...]] = []
        for contrast in contrasts:
            words = tuple(dict.fromkeys(w.strip() for w in contrast if w and w.strip()))
            if len(words) > 1 and words not in self.contrasts:
                self.contrasts.append(words)

    def _add(self, group: Iterable[str]) -> None:
        words = tuple(dict.fromkeys(w.strip() for w in group if w and w.strip() and len(w.strip()) <= MAX_TERM))
        if len(words) < 2:
            return
        number = len(self.groups)
        self.groups.append(words)
        for word in words:
            self._groups_of.setdefault(word, []).append(number)
        self._lengths = sorted({len(w) for w in self._groups_of}, reverse=True)

    @classmethod
    def from_toml(cls, text: str) -> Glossary:
        """A glossary from TOML text: ``[terms]`` with ``"official" = ["everyday", …]`` lines, and
        ``[contrasts]`` with ``name = [["城镇", "农村"], …]`` lines (words of one kind that differ)."""
        data = tomllib.loads(text)
        terms = data.get("terms", {})
        if not isinstance(terms, dict):
            raise TypeError("[terms] is not a table")
        groups = []
        for official, everyday in terms.items():
            words = [everyday] if isinstance(everyday, str) else list(everyday)
            if not all(isinstance(w, str) for w in words):
                raise TypeError(f"{official}: not a list of words")
            groups.append([official, *words])
        return cls(groups, _contrasts(data.get("contrasts", {})), _kinds(data.get("kinds", {})))

    def merged(self, other: Glossary | Mapping[str, str]) -> Glossary:
        """This glossary and ``other`` (another glossary, or ``{short: full}`` definitions) together."""
        if isinstance(other, Glossary):
            kinds = {**self.kinds, **other.kinds}
            return Glossary([*self.groups, *other.groups], [*self.contrasts, *other.contrasts], kinds)
        own = [(full, short) for short, full in other.items()]
        return Glossary([*self.groups, *own], self.contrasts, self.kinds)

    def members(self) -> list[str]:
        """Every member of every kind (``化学需氧量``, ``氨氮`` … of ``污染物``), the longest first."""
        return sorted({m for found in self.kinds.values() for m in found}, key=len, reverse=True)

    def asked_contrasts(self, question: str) -> list[tuple[str, ...]]:
        """The contrasts of which ``question`` names a word: the only ones :meth:`neighbour` can find."""
        return [contrast for contrast in self.contrasts if any(w in question for w in contrast)]

    def neighbour(self, question: str, text: str, among: list[tuple[str, ...]] | None = None) -> tuple[str, str] | None:
        """``(asked, said)`` when ``text`` is about a neighbour of what ``question`` names: the question
        names ``asked`` and not ``said``, the text says ``said`` and not ``asked``, and the two are words
        of one kind that differ (``农村`` asked, ``城镇`` said); else ``None``. ``among``: the contrasts
        :meth:`asked_contrasts` gave for ``question`` (a question checks many texts), default all."""
        for contrast in self.contrasts if among is None else among:
            asked = [w for w in contrast if w in question and w not in text]
            said = [w for w in contrast if w in text and w not in question]
            if asked and said:
                return asked[0], said[0]
        return None

    def __len__(self) -> int:
        return len(self.groups)

    def __contains__(self, word: object) -> bool:
        return word in self._groups_of

    def equivalents(self, word: str) -> list[str]:
        """Every other word that names what ``word`` names, official words first."""
        out: list[str] = []
        for number in self._groups_of.get(word, []):
            out.extend(w for w in self.groups[number] if w != word and w not in out)
        return out

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Glossary words in ``text``: ``(start, end, word)``, the longest at each place, never overlapping."""
        if not self._groups_of:
            return []
        spans = longest_matches(text, self._lengths, self._groups_of.__contains__)
        return [(s, s + len(text[s:e]), text[s:e]) for s, e in spans]

    def rewrite(self, text: str, known: Callable[[str], bool], boundaries: set[int] | None = None) -> str:
        """``text`` with each word the plans do not use (``known`` is false) replaced by one they do.

        A word is kept when ``known(word)``; otherwise the first of its equivalents that is known
        takes its place; a word with no known equivalent is kept as written. With ``boundaries``
        (offsets where words of ``text`` begin and end), only a whole word or phrase is replaced:
        ``城里`` in ``县城里`` is not.
        """
        out: list[str] = []
        last = 0
        for start, end, word in self.find(text):
            if known(word) or (boundaries is not None and not {start, end} <= boundaries):
                continue
            replacement = next((w for w in self.equivalents(word) if known(w)), None)
            if replacement is None:
                continue
            out.append(text[last:start])
            out.append(replacement)
            last = end
        out.append(text[last:])
        return "".join(out)

    def expansions(self, text: str) -> list[str]:
        """The other words of every group that a word of ``text`` belongs to (for query expansion)."""
        out: list[str] = []
        for _, _, word in self.find(text):
            out.extend(w for w in self.equivalents(word) if w not in out and w not in text)
        return out


def _contrasts(table: object) -> list[list[str]]:
    """The word groups of a ``[contrasts]`` table: each value a list of words, or a list of such lists."""
    if not isinstance(table, dict):
        raise TypeError("[contrasts] is not a table")
    out: list[list[str]] = []
    for name, value in table.items():
        lists = value if isinstance(value, list) and value and isinstance(value[0], list) else [value]
        for words in lists:
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise TypeError(f"{name}: not a list of words")
            out.append(words)
    return out


def _kinds(table: object) -> dict[str, list[str]]:
    """The kinds of a ``[kinds]`` table: ``"kind" = ["member", …]``."""
    if not isinstance(table, dict):
        raise TypeError("[kinds] is not a table")
    for name, value in table.items():
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise TypeError(f"{name}: not a list of words")
    return dict(table)


def definitions(text: str) -> dict[str, str]:
    """``{简称: 全称}`` for each definition a plan makes: ``全称（以下简称“简称”）``, ``（简称…）``, ``（下称…）``.

    The full name is the stretch before the bracket after a leading verb (``落实能源消费强度和总量双控
    （以下简称能耗双控）`` → ``能源消费强度和总量双控``), else from its first character that the short name uses.
    """
    found: dict[str, str] = {}
    for match in DEFINITION.finditer(text):
        short = match.group("short").translate(QUOTES).strip()
        full = match.group("full")
        if len(short) < 2:
            continue
        cut = LEADING_VERB.sub("", full)
        if cut == full:  # no verb to cut at: start at the first character the short name uses
            start = next((i for i, ch in enumerate(full) if ch in short), 0)
            cut = full[start:] if len(full) - start > len(short) else full
        if len(cut) > len(short) and not cut.startswith(("以下", "下称")):
            found.setdefault(short, cut)
    return found


@cache
def shipped_glossary() -> Glossary:
    """The glossary that ships with policykb (``kb/glossary.toml``)."""
    text = resources.files("policykb.kb").joinpath("glossary.toml").read_text(encoding="utf-8")
    return Glossary.from_toml(text)


@cache
def load_glossary(path: str = "") -> Glossary:
    """The shipped glossary, extended by the user's file at ``path`` (empty: none).

    Raises:
        GlossaryError: the user's file is missing or not a glossary (message in Chinese).
    """
    glossary = shipped_glossary()
    if not path:
        return glossary
    file = Path(path).expanduser()
    try:
        user = Glossary.from_toml(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GlossaryError(f"无法读取词表文件 {file}：{exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, TypeError, UnicodeDecodeError) as exc:
        raise GlossaryError(f'词表文件 {file} 格式有误（应为 [terms] 下 "规范词" = ["口语词", …]）：{exc}') from exc
    return glossary.merged(user)
