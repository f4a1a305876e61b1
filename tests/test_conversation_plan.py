"""A conversation stays with the plan that answered it: a turn that names no plan is asked of the plans the last
answer came from first, and of every plan only when those do not answer it.

Two invented plans of one topic share their words; only their places and figures differ. Real Chroma, jieba and
the e5 model answer; the composition itself is checked on real LangChain runnables.
"""

from __future__ import annotations

import pytest
from langchain_core.runnables import RunnableLambda

from policykb.bot.answer import Answer
from policykb.bot.dialog import Turn
from policykb.bot.preferred import PreferredPlans
from policykb.kb.lexicon import REFUSAL_MARK

SAFETY_A = """\
青禾市安全生产治本攻坚三年行动方案
一、工作要求
各县区、市安委会有关成员单位要研究制定本地工作方案，于2025年3月15日前报市安办备案。
行动过程中，每季度报送一次工作进展情况，每半年报送一次阶段性工作总结。
二、重点任务
（一）开展重大事故隐患排查整治。（市应急局牵头，市住建局配合）
"""

SAFETY_B = """\
东浦区安全生产治本攻坚三年行动实施方案
一、工作目标
通过三年治本攻坚，全区安全生产责任体系进一步健全，重大事故隐患动态清零。
二、工作要求
各街道、区安委会有关成员单位要制定本单位工作方案，每年报送一次阶段性工作总结，每月报送一次隐患台账。
三、重点任务
（一）开展安全生产大排查。（区应急局牵头，区市场监管局配合）
"""


@pytest.mark.slow
def test_a_follow_up_naming_no_plan_is_answered_from_the_plan_that_answered_before(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    shelf = e5_shelf(tmp_path_factory.mktemp("conv-plan"), e5, {"a.txt": SAFETY_A, "b.txt": SAFETY_B})
    first = shelf.ask("青禾各县区安全生产本地工作方案什么时候前报市安办备案？")
    assert first.answerable and "3月15日" in first.answer, first.answer
    follow = shelf.ask("阶段性工作总结多久报一次？", history=[Turn(first.question, first)])
    assert follow.answerable and "每半年" in follow.answer, follow.answer
    assert "每年报送" not in follow.answer
    messages = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.answer}]
    client = shelf.ask("阶段性工作总结多久报一次？", history=messages)  # an API client: earlier turns re-answered
    assert client.answer == follow.answer
    other = shelf.ask("隐患台账多久报送一次？", history=[Turn(first.question, first)])
    assert other.answerable and "每月" in other.answer, other.answer  # the first plan lacks it: every plan


def _answer(text: str, answerable: bool) -> Answer:
    return Answer(question="问", answer=text, answerable=answerable, kind="fact")


def test_the_preferred_plans_answer_first_and_a_refusal_there_asks_every_plan():
    calls: list[str] = []

    def step(name: str, answer: Answer):
        return RunnableLambda(lambda q: calls.append(name) or answer)

    def built(name: str, answer: Answer):  # the fallback chain, built only when asked for
        return lambda: calls.append(f"built {name}") or step(name, answer)

    answered = PreferredPlans(step("first", _answer("甲", True)), built("then", _answer("乙", True)))
    assert answered.invoke("问").answer == "甲" and calls == ["first"]
    calls.clear()
    refused = PreferredPlans(step("first", _answer(REFUSAL_MARK, False)), built("then", _answer("乙", True)))
    assert refused.invoke("问").answer == "乙" and calls == ["first", "built then", "then"]
    streamed = list(refused.stream("问"))
    assert [e.answer for e in streamed if isinstance(e, Answer)] == ["乙"]  # the refusal is never sent
