"""The grammar of responsibility brackets.

``［甲、乙牵头，丙、丁等按职责分工负责］`` → lead 甲 乙, co 丙 丁;
``［甲、乙等按职责分工负责］`` → shared, no lead named;
``［甲负责］`` → sole. Brackets may be ［］, 【】 or （）. A standing note such as
``以下均需各县（市）区政府落实，不再列出`` applies to this and every later task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykb.ingest.sentences import CLOSERS, OPENERS, split_top_level
from policykb.kb.records import Responsibility

BRACKETS = {"［": "］", "【": "】", "（": "）", "[": "]", "(": ")"}
DUTY_WORDS = re.compile(r"牵头|负责|配合|落实")
LEAD = re.compile(r"^(?P<units>.+?)(?:共同)?牵头(?:负责)?$")
CO = re.compile(r"^(?P<units>.+?)(?:等)?(?:按职责分工|按照职责分工|按职责|分工)?(?:负责|配合|参与)$")
STANDING = re.compile(r"^以下(?:均|各项|任务)?(?:需|由)?(?P<who>.+?)(?:负责)?落实")
LOCAL_GOVERNMENT = re.compile(r"(县|区|乡|镇).{0,6}政府")
UNIT_SPLIT = re.compile(r"[、，,]|(?<=[局委办厅部社院联行司站])(?:和|及|与)")


@dataclass
class BracketState:
    """What carries from one bracket to the next: standing notes and county implementation."""

    county_implements: bool = False
    standing_notes: tuple[str, ...] = ()


def find_bracket(paragraph: str) -> tuple[int, int] | None:
    """Span of the last bracket in ``paragraph`` that names duties, with its brackets."""
    end = len(paragraph.rstrip("。；; "))
    if end == 0 or paragraph[end - 1] not in CLOSERS:
        return None
    closer = paragraph[end - 1]
    opener = CLOSERS[closer]
    if opener not in BRACKETS:
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        ch = paragraph[i]
        if ch == closer:
            depth += 1
        elif ch == opener:
            depth -= 1
            if depth == 0:
                inner = paragraph[i + 1 : end - 1]
                return (i, end) if DUTY_WORDS.search(inner) else None
    return None


def split_units(text: str) -> list[str]:
    """Unit names of a list such as ``甲、乙和丙等``."""
    units = []
    for part in UNIT_SPLIT.split(text):
        part = part.strip().removesuffix("等").strip()
        if part:
            units.append(part)
    return units


def parse_bracket(inner: str, state: BracketState) -> tuple[Responsibility, BracketState]:
    """Parse the text inside a responsibility bracket.

    Returns the responsibility and the state that later brackets inherit.
    """
    lead: list[str] = []
    co: list[str] = []
    notes: list[str] = list(state.standing_notes)
    county = state.county_implements
    new_notes: list[str] = []
    for clause in split_top_level(inner, "，。；,;"):
        if STANDING.match(clause) or clause.startswith("不再列出"):
            new_notes.append(clause)
            county = county or bool(LOCAL_GOVERNMENT.search(clause))
            continue
        if LOCAL_GOVERNMENT.search(clause) and clause.endswith("落实"):
            county = True
            notes.append(clause)
            continue
        if match := LEAD.match(clause):
            lead.extend(split_units(match.group("units")))
        elif match := CO.match(clause):
            co.extend(split_units(match.group("units")))
        else:
            notes.append(clause)
    standing = tuple([*state.standing_notes, "，".join(new_notes)] if new_notes else state.standing_notes)
    notes.extend(n for n in ("，".join(new_notes),) if n and n not in notes)
    mode = _mode(inner, lead, co)
    if mode == "sole":
        lead, co = co, []
    return (
        Responsibility(lead_units=lead, co_units=co, mode=mode, county_implements=county, notes=notes, raw=inner),
        BracketState(county_implements=county, standing_notes=standing),
    )


def _mode(inner: str, lead: list[str], co: list[str]) -> str:
    if lead:
        return "lead_co"
    if len(co) == 1 and "按职责分工" not in inner and "配合" not in inner:
        return "sole"
    return "shared"


def strip_outer(bracketed: str) -> str:
    """``［…］`` → ``…``."""
    if bracketed and bracketed[0] in OPENERS:
        return bracketed[1:-1]
    return bracketed
