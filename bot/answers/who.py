"""A who-question's answer names who: a clause that names a body (or a post) in a duty, never a heading or a
clause that names no one (``为加强全县…工作组``, ``落实…场所…要求``), nor a word before a duty verb that is no body
(``实行“…、一家牵头、…”``)."""

from __future__ import annotations

import re

from policykb.ingest.script import to_simplified
from policykb.kb.lexicon import (
    ASKED_UNIT_KINDS,
    BODY_ONLY_ENDS,
    PLACE_BODIES,
    POST_ENDS,
    SET_UP_WORDS,
    UNIT_NAME_ENDS,
    WHO_DUTY_WORDS,
    alternation,
)
from policykb.kb.units import ORG_NAME, UnitDirectory

__all__ = ["asks_who", "bodies_named", "is_body", "names_who"]

DUTY_SAID = re.compile(alternation(WHO_DUTY_WORDS))
SET_UP = re.compile(alternation(SET_UP_WORDS))
PLACES = re.compile(r"^各|[省市县区州旗乡镇村]|街道")  # a place's units, or a group of places (各县（市、区）)
WHO_ASKED = re.compile(
    rf"(?:谁|(?:哪|什么)(?:个|些|几个|家)?(?:{alternation(ASKED_UNIT_KINDS)}))来?(?P<act>[\u4e00-\u9fff]{{0,8}})"
)
"""A question's who (``由谁``, ``哪个部门``, ``什么机构``) and the act it asks of it (``公开征求意见``)."""
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


def acts(asked: str) -> list[str]:
    """The act a question asks of its who, with and without a duty verb before it (``负责督查考核``, ``督查考核``)."""
    duty = DUTY_SAID.match(asked)
    return [asked, asked[duty.end() :]] if duty else [asked]


def asks_who(question: str) -> bool:
    """Whether ``question`` asks who (``谁牵头``, ``由哪个部门负责``, ``哪些单位``), not what (``要明确哪些内容``)."""
    return WHO_ASKED.search(question) is not None


def names_who(text: str, asked: str, units: UnitDirectory | None) -> bool:
    """Whether ``text`` says who answers for a thing: it holds a duty word, or the act the question asks of its
    who (``由哪个部门公开征求意见``: ``公开征求意见``; ``要成立什么机构``: ``成立``), and names a body beyond those the
    question names."""
    text = to_simplified(text)  # a page copied in traditional script (``督查辦``) names its bodies so
    act = WHO_ASKED.search(asked)
    done = act is not None and any(len(a) > 1 and a in text for a in acts(act.group("act")))
    duty = DUTY_SAID.search(text) or (SET_UP.search(asked) and SET_UP.search(text)) or done
    return bool(duty) and bool(bodies_named(text, units) - bodies_named(asked, units))
