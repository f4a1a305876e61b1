"""Unit names in a responsibility phrase: whether a name reads as a unit, and the names of a list.

A list such as ``甲、乙和丙等`` splits on its separators outside brackets (``甲局（牵头）`` stays one name); a
level before a list of names (``各县、区人民政府``) joins the name after it.
"""

from __future__ import annotations

import re

from policykb.kb.lexicon import (
    HOST_VERBS,
    LOCAL_GROUP,
    TRAILING_DUTY_VERBS,
    UNIT_KINDS,
    UNIT_NAME_ENDS,
    alternation,
)

__all__ = ["VERBISH", "is_org", "split_units"]

UNIT_SPLIT = re.compile(
    r"[、，,；;／/]|\s+|(?:(?<=[局委办厅部社院联行司站心府等])|(?<=部门|单位))(?:以及|和|及|与)|(?:以及|和|及|与)(?=各)"
)
ORG_SUFFIX = re.compile(f"(?:{alternation(UNIT_NAME_ENDS)})$")
BARE_KIND = re.compile(alternation(UNIT_KINDS))
VERBISH = re.compile(
    r"制定|推进|开展|部署|建立|完善|加强|组织实施|研究|出台|推动|带动|建成|负责|配合|牵头|涉及|的|所在|标题|引导|鼓励|动员|全社会|"
    r"(?<=.)(?<!自)由"
)
"""Words no unit's name holds; ``由`` inside a name (``门前整治由乙室``) joins a work to its units, not a name."""
ROLE_VERB_END = re.compile(f"(?:{alternation((*HOST_VERBS, '协办'))})$")
"""A name that ends in its role (``甲局承办``, ``乙局协办``): a unit and its verb, no name (though 办 ends some)."""
AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:个|年|%|％|万|亿|家|所|项|人|名|座|条|公里|平方米)")
"""A count or a year (``2020年初步建成300个…集团``): a unit's name states none."""
TRAILING_NOTE = re.compile(r"[（(][^（）()]{1,12}[）)]$")
ETC_GROUP = re.compile(
    r"等(?:[省市县区](?:级|直|直属)?(?=各|有关|相关|其他|主管|职能|行业|部门|单位))?各?(?:有关|相关|其他)?"
    r"(?:主管|职能|行业主管|责任|成员)?(?:部门|单位)(?:[（(](?:部门|单位)[）)])?$"
)
"""A list's closing kind of body: ``…等部门``, ``…等省级主管部门（单位）``, ``…等市级有关单位``, its level written
short (``…等市相关部门``, ``…等省有关部门``, ``…等市直有关部门``)."""
CONCERNED = re.compile(r"^(?:所涉及的|所涉及|涉及的|相关的|有关的)")
"""What opens a list of the units a task concerns (``由所涉及的甲厅、乙委等…牵头``): not part of the first name."""
ADMIN_FRAGMENT = re.compile(r"各?[省市县区乡镇州旗](?:[（(][^）)]{1,6}[）)])?")
LEVEL_BODY = re.compile(r"[省市县区乡镇州旗]?(?:人民)?政府|管委会")
BARE_PLACE = re.compile(r"(?![省市县区州旗乡镇])[\u4e00-\u9fff]{2,4}")
"""A short name with no body's ending and no level before it (``青禾``, not ``市人行``): before a local body
(``青禾、东浦经济开发区管委会``) it is one of the places that body's name is shared by."""
TRAILING = re.compile(
    r"(?:等)?(?:相关|有关|各有关)?(?:单位|部门)?(?:按职责分工|按照职责分工|按职责)?"
    rf"(?:{alternation(TRAILING_DUTY_VERBS)})?$"
)


def is_org(name: str) -> bool:
    """Whether ``name`` reads as a unit (ends as bodies do, or names a group of them)."""
    name = name.strip()
    if not 2 <= len(name) <= 40 or VERBISH.search(name) or AMOUNT.search(name) or ROLE_VERB_END.search(name):
        return False
    bare = TRAILING_NOTE.sub("", name)
    if BARE_KIND.fullmatch(bare):  # ``单位``, ``部门`` alone (``市直有关部门、单位``): a kind of body, nobody named
        return False
    return bool(ORG_SUFFIX.search(bare)) or (name.startswith("各") and len(name) <= 10)


def split_units(text: str) -> list[str]:
    """Unit names of a list such as ``甲、乙和丙等`` (parentheses inside a name do not split it;
    ``各县、区人民政府`` stays one name)."""
    units: list[str] = []
    carry = ""
    places: list[str] = []  # bare place names waiting for the local body whose name they share
    for part in _split_outside_brackets(CONCERNED.sub("", text.strip())):
        part = ETC_GROUP.sub("", part.strip())
        if not is_org(part):
            part = TRAILING.sub("", part).strip()
        part = part.removesuffix("等").strip()
        if ADMIN_FRAGMENT.fullmatch(part):  # 各县、区人民政府: the level joins the next name
            carry = f"{carry}{part}、"
            continue
        if not carry and BARE_PLACE.fullmatch(part) and not is_org(part) and not VERBISH.search(part):
            places.append(part)
            continue
        part = carry + part
        carry = ""
        if places and LOCAL_GROUP.search(part) and not part.startswith("各") and not LEVEL_BODY.fullmatch(part):
            # 甲、乙、丙开发区管委会: one group (not 财政、县政府: a level's government names no place)
            part = "、".join([*places, part])
            places = []
        for name in [*places, part]:
            if name and name not in units:
                units.append(name)
        places = []
    units.extend(p for p in places if p not in units)
    if carry.startswith("各"):  # 各镇（街道） alone at the end: a group of its own
        units.append(carry.rstrip("、"))
    return units


def _split_outside_brackets(text: str) -> list[str]:
    parts, depth, begin = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "（(〔［【<＜〈":  # 各县<市、区>人民政府: angle brackets nest inside a bracket
            depth += 1
        elif ch in "）)〕］】>＞〉" and depth:
            depth -= 1
        elif depth == 0:
            match = UNIT_SPLIT.match(text, i)
            if match and match.end() > i:
                parts.append(text[begin:i])
                begin = i = match.end()
                continue
        i += 1
    parts.append(text[begin:])
    return [p for p in parts if p.strip()]
