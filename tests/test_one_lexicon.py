"""The one lexicon holds every list of plan words: no module outside ``kb/lexicon.py`` defines a word list the
lexicon already holds.

Each module is parsed with :mod:`ast`. A *word list* is a literal collection of strings (a tuple, list or set of
string constants, ``"甲 乙 丙".split()``, ``frozenset("个家项")``) or a regular-expression alternation of plain
words (``r"牵头|负责|配合"``, also inside a group: ``(?:以上|左右|以下)``). A word list is a *copy* when most of
its words (more than half, and at least two) are in one list of the lexicon.

The ends of unit names (``局``, ``委``, ``中心``, ``办公室``) are words of one character too, so they are read apart: a
list of short words is a copy of the lexicon's unit ends when most of them (more than half, and at least three)
are among them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykb.kb import lexicon

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "eval", "ingest", "kb", "bench")
LEXICON_FILE = ROOT / "kb" / "lexicon.py"
MIN_WORDS = 3  # a shorter literal (``("牵头", "负责")`` in one test of a phrase) is not a list
MIN_SHARED = 2
WORD = re.compile(r"^[\u3400-\u9fff％%‰/]{2,}$")
"""A plain word of plan language: two or more Chinese characters, maybe a unit's slash or percent sign; no regex
syntax. One character (``个``, ``是``, ``局``) has too many uses to tell one list from another."""


def _branches(pattern: str) -> Iterator[list[str]]:
    """The branches of every alternation in ``pattern``: at the top and inside each group, split at ``|``
    of that level. A branch that holds a nested group keeps the group's text (so it is not a plain word)."""
    stack: list[list[str]] = [[""]]
    escaped = in_class = False
    for ch in pattern:
        if escaped:
            stack[-1][-1] += "\\" + ch
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            stack[-1][-1] += ch
            in_class = ch != "]"
        elif ch == "[":
            stack[-1][-1] += ch
            in_class = True
        elif ch == "(":
            stack.append([""])
        elif ch == ")" and len(stack) > 1:
            group = stack.pop()
            yield group
            stack[-1][-1] += "(" + "|".join(group) + ")"
        elif ch == "|":
            stack[-1].append("")
        else:
            stack[-1][-1] += ch
    yield from stack


def _opened(branch: list[str]) -> list[str]:
    """One alternation's branches, after a group's ``?:``/``?P<name>`` opening is taken off the first."""
    return [re.sub(r"^\?(?::|P<\w+>|[=!]|<[=!])", "", branch[0]), *branch[1:]]


def _group_words(branch: list[str]) -> list[str]:
    """The plain words of one alternation."""
    return [w for w in _opened(branch) if WORD.match(w.strip("^$"))]


def regex_word_lists(pattern: str) -> list[list[str]]:
    """The word lists of a regular expression: its alternations of plain words."""
    if "|" not in pattern:
        return []
    lists = [[w.strip("^$") for w in _group_words(b)] for b in _branches(pattern) if len(b) > 1]
    return [words for words in lists if words]


def _strings(node: ast.AST) -> list[str] | None:
    """The strings of a literal collection ``node``, or None when it is not one."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return items if items and len(items) == len(node.elts) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split":
        target = node.func.value
        if isinstance(target, ast.Constant) and isinstance(target.value, str) and not node.args:
            return target.value.split()
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"frozenset", "set"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return list(node.args[0].value)
    return None


def word_lists(source: str) -> Iterator[tuple[int, list[str]]]:
    """Every word list ``source`` defines, with its line: literal collections and regex alternations."""
    for node in ast.walk(ast.parse(source)):
        words = _strings(node)
        if words is not None:
            yield node.lineno, [w for w in words if WORD.match(w)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for found in regex_word_lists(node.value):
                yield node.lineno, found


def lexicon_lists() -> dict[str, frozenset[str]]:
    """Every word list the lexicon holds, by name (its tuples and sets of words; not the patterns it builds)."""
    held = {
        name: frozenset(w for w in value if WORD.match(w))
        for name, value in vars(lexicon).items()
        if name.isupper() and isinstance(value, (tuple, frozenset)) and all(isinstance(w, str) for w in value)
    }
    return {name: words for name, words in held.items() if len(words) >= MIN_SHARED}


def copy_of(words: list[str], held: dict[str, frozenset[str]]) -> str | None:
    """The lexicon list that ``words`` most repeats, when it holds most of them; else None."""
    unique = set(words)
    if len(unique) < MIN_WORDS:
        return None
    shared, name = max(((len(unique & lexicon_words), name) for name, lexicon_words in held.items()), default=(0, ""))
    return name if shared >= MIN_SHARED and shared * 2 > len(unique) else None


def copies(source: str, held: dict[str, frozenset[str]]) -> list[tuple[int, str, list[str]]]:
    """The word lists of ``source`` that repeat a lexicon list: (line, lexicon list, words)."""
    return [(line, name, words) for line, words in word_lists(source) if (name := copy_of(words, held))]


SHORT_WORD = re.compile(r"^[\u4e00-\u9fff]{1,5}$")
"""A word of a list of unit ends: one to five Chinese characters (``局``, ``委员会``, ``人民政府``)."""
UNIT_END_LISTS = ("UNIT_NAME_ENDS", "UNIT_KINDS", "BODY_ENDS", "ASKED_UNIT_ENDS", "CELL_UNIT_ENDS", "HEADING_UNIT_ENDS",
                  "ISSUER_ENDS", "ISSUER_NAME_ENDS", "SIGNER_ENDS", "RED_HEADER_ENDS", "DEPARTMENT_ENDS")  # fmt: skip


def unit_ends() -> frozenset[str]:
    """Every end of a unit's name the lexicon holds."""
    return frozenset(word for name in UNIT_END_LISTS for word in getattr(lexicon, name))


def short_word_lists(source: str) -> Iterator[tuple[int, list[str]]]:
    """Every list of short words ``source`` defines (one character counts), with its line."""
    for node in ast.walk(ast.parse(source)):
        words = _strings(node)
        if words is not None:
            yield node.lineno, [w for w in words if SHORT_WORD.match(w)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            for branch in (b for b in _branches(node.value) if len(b) > 1):
                yield node.lineno, [w.strip("^$") for w in _opened(branch) if SHORT_WORD.match(w.strip("^$"))]


def unit_end_copies(source: str, ends: frozenset[str]) -> list[tuple[int, list[str]]]:
    """The lists of ``source`` that repeat the lexicon's unit ends: (line, words)."""
    found = []
    for line, words in short_word_lists(source):
        shared = len(set(words) & ends)
        if shared >= MIN_WORDS and shared * 2 > len(set(words)):
            found.append((line, words))
    return found


def modules() -> list[Path]:
    files = [p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))]
    return [p for p in files if p != LEXICON_FILE]


def test_no_module_outside_the_lexicon_repeats_one_of_its_word_lists() -> None:
    held = lexicon_lists()
    found = [
        f"{path.relative_to(ROOT)}:{line}: {'、'.join(words)} (in lexicon.{name})"
        for path in modules()
        for line, name, words in copies(path.read_text(encoding="utf-8"), held)
    ]
    assert not found, "word lists that belong in kb/lexicon.py:\n" + "\n".join(found)


def test_no_module_outside_the_lexicon_repeats_its_unit_ends() -> None:
    ends = unit_ends()
    found = [
        f"{path.relative_to(ROOT)}:{line}: {'|'.join(words)} (unit ends: in kb/lexicon.py)"
        for path in modules()
        for line, words in unit_end_copies(path.read_text(encoding="utf-8"), ends)
    ]
    assert not found, "lists of unit ends that belong in kb/lexicon.py:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "planted",
    [
        '_UNIT_END = r"(?:局|委|办|厅|院|中心|公司|政府|办公室|处)"',
        'HEADING = re.compile(r"^(?P<unit>.{2,18}?(?:局|委|委员会|办|厅))$")',
        'ENDS = ("局", "委", "中心")',
        'BODY = re.compile(rf"{X}(?:办公室|委员会|局|甲)")',
    ],
)
def test_a_planted_list_of_unit_ends_is_caught(planted: str) -> None:
    assert unit_end_copies(planted, unit_ends()), planted


@pytest.mark.parametrize(
    "own",
    [
        'LEVEL = r"(?:各|[省市县区州旗])"',  # a class, not a list
        'PLACE = re.compile(r"(?:自治区|自治州|省|市|县|区|旗|盟|州)$")',  # places, not units
        'MEASURE = re.compile(r"(?:个|家|项|座|处|所|台)")',  # two unit ends among counting words
        'PAIR = re.compile(r"(?:局|委)$")',  # too short to be a list
    ],
)
def test_a_list_of_other_short_words_is_not_a_copy_of_the_unit_ends(own: str) -> None:
    assert not unit_end_copies(own, unit_ends()), own


def test_every_list_of_unit_ends_ends_as_a_unit_name_does() -> None:
    """The narrower lists of the lexicon are within its widest: each word ends with one of ``UNIT_NAME_ENDS``."""
    widest = lexicon.UNIT_NAME_ENDS
    outside = [(name, w) for name in UNIT_END_LISTS for w in getattr(lexicon, name) if not w.endswith(widest)]
    assert not outside


@pytest.mark.parametrize(
    "planted",
    [
        'DUTY = ("牵头", "负责", "配合")',
        'UNITS = frozenset({"万千瓦", "千瓦时", "蒸吨", "公顷"})',
        'SAID = "下降到 不低于 控制在".split()',
        'QUALIFIER = re.compile(r"^(以上|左右|以内|以下)")',
        'CMP = re.compile(rf"(?P<cmp>{X}(?:下降至|提高到|不低于|保持在))$")',
    ],
)
def test_a_planted_copy_is_caught(planted: str) -> None:
    assert copies(planted, lexicon_lists()), planted


@pytest.mark.parametrize(
    "own",
    [
        'NUMERALS = ("一", "二", "三", "四")',  # words the lexicon does not hold
        'MIXED = ("牵头", "甲", "乙", "丙", "丁")',  # one lexicon word among others is not a copy
        'PAIR = ("以上", "以下")',  # too short to be a list
        'ODD = re.compile(r"(?:第一|首位)(?:的)?(?:单位|部门)")',
    ],
)
def test_a_list_of_other_words_is_not_a_copy(own: str) -> None:
    assert not copies(own, lexicon_lists()), own


def test_regex_alternations_are_read_at_every_level() -> None:
    assert regex_word_lists(r"^(以上|左右|及以上)") == [["以上", "左右", "及以上"]]
    assert regex_word_lists(r"牵头|负责|(?:共同)?落实") == [["牵头", "负责"]]
    assert regex_word_lists(r"(?P<cmp>降至|下降)\d+[%％]") == [["降至", "下降"]]
    assert regex_word_lists(r"[甲|乙]") == []
