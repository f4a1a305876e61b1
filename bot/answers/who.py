"""A who-question's answer names who: a clause that names a body (or a post) in a duty, never a heading or a
clause that names no one (``为加强全县…工作组``, ``落实…场所…要求``), nor a word before a duty verb that is no body
(``实行“…、一家牵头、…”``)."""

from __future__ import annotations

import re

from policykb.kb.lexicon import (
    BODY_ONLY_ENDS,
    PLACE_BODIES,
    POST_ENDS,
    SET_UP_WORDS,
    UNIT_NAME_ENDS,
    WHO_DUTY_WORDS,
    alternation,
)
from policykb.kb.units import ORG_NAME, UnitDirectory

__all__ = ["bodies_named", "is_body", "names_who"]

DUTY_SAID = re.compile(alternation(WHO_DUTY_WORDS))
SET_UP = re.compile(alternation(SET_UP_WORDS))
PLACES = re.compile(r"^各|[省市县区州旗乡镇村]|街道")  # a place's units, or a group of places (各县（市、区）)
BODY_END = re.compile(rf"(?:{alternation((*UNIT_NAME_ENDS, *POST_ENDS))})$")
NAMED_BODY = re.compile(
    rf"{ORG_NAME.pattern}"
    rf"|(?<![城全本我跨])[省市县区州旗乡镇](?:{alternation((*PLACE_BODIES, '党委', '委'))})"
    rf"|[\u4e00-\u9fff]{{2,10}}?(?:{alternation(BODY_ONLY_ENDS)})"
)
"""A name shaped as a body's (``市交通局``, ``区委``, ``县人民政府``, ``应急指挥部``): a level and a body's end, or a
name of two characters or more before an end only a body's name has; never a word that only holds a character a
body's name may end with (``办结``, ``场所``, ``社会``, ``委托``)."""


def is_body(name: str) -> bool:
    """Whether ``name`` reads as a unit, a post or a group of places (``县示范区管委会``, ``分管副县长``,
    ``各县（市、区）``), not a word that stands before a duty verb (``一家``)."""
    name = name.strip().removesuffix("等")
    return len(name) >= 2 and (BODY_END.search(name) is not None or PLACES.search(name) is not None)


def bodies_named(text: str, units: UnitDirectory | None) -> set[str]:
    """The bodies ``text`` names: units the plans name, and names shaped as a body's."""
    known = set(units.find(text)) if units is not None else set()
    return known | {m.group(0) for m in NAMED_BODY.finditer(text)}


def names_who(text: str, asked: str, units: UnitDirectory | None) -> bool:
    """Whether ``text`` says who answers for a thing: it holds a duty word (or sets a body up, when that is what
    is ``asked``: ``要成立什么机构``) and names a body beyond those the question names."""
    duty = DUTY_SAID.search(text) or (SET_UP.search(asked) and SET_UP.search(text))
    return duty is not None and bool(bodies_named(text, units) - bodies_named(asked, units))
