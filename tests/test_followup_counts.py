"""A follow-up after a count (“…要建几个镇级快递服务站？” → “那村级快递点呢？”), over an invented shelf of two plans (a
pure resolver: the lexicon is built from names, no index or model).

The answer counted a thing the question named; the follow-up names another thing in its place. The subject is the
thing counted, not an indicator of another plan that shares a word with the question (``项目``).
"""

from __future__ import annotations

from policykb.bot.answer import Answer, Source
from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.dialog.names import NamedTarget
from policykb.kb.units import UnitDirectory

TITLES = {"baishan": "白山县快递进村示范项目实施方案", "qinghe": "青禾市重点项目建设方案"}
PLACES = {"baishan": "白山县", "qinghe": "青禾市"}
TARGETS = [NamedTarget("项目", "qinghe", "一、目标"), NamedTarget("村级快递网点覆盖率", "baishan", "二、目标")]
FIRST = "白山县快递进村示范项目要建几个镇级快递服务站？"


def _resolver() -> Resolver:
    return Resolver(PlanNames(UnitDirectory(["县商务局"]), [], TARGETS, TITLES, PLACES))


def _counted(thing: str) -> Answer:
    source = Source(TITLES["baishan"], "baishan", "二、建设内容", f"建设12个{thing}……", 1.0, cited=True)
    return Answer(FIRST, f"12个{thing}。", True, "fact", sources=[source], evidence={"counts": [f"12个{thing}"]})


def test_another_counted_thing_takes_the_place_of_the_one_counted():
    read = _resolver().resolve("那村级快递点呢？", [Turn(FIRST, _counted("镇级快递服务站"))]).text
    assert "村级快递点" in read and "镇级" not in read and "服务站" not in read
    assert read.startswith("白山县快递进村示范项目")


def test_the_subject_of_a_count_is_the_thing_counted_not_a_word_another_plan_names():
    resolver = _resolver()
    subject = resolver.state([Turn(FIRST, _counted("镇级快递服务站"))])
    assert subject is not None and subject.indicator == "镇级快递服务站"
