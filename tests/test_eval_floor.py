"""The eval set on the shipped plan, default configuration: a regression below the floor fails CI.

The floors sit just under the score measured in eval/RESULTS.md (95.3% overall, refusal recall 100%).
"""

from __future__ import annotations

from policykb.eval.harness import load_questions, run
from policykb.eval.plans import refusal_precision_cell
from policykb.eval.scoring import judge, normalize

FLOOR = 0.93


def test_default_configuration_stays_above_the_floor(e5_bot):
    items = load_questions()
    result = run("default", lambda q: e5_bot.ask(q).to_dict(), items, {}, progress=False)
    assert result.accuracy >= FLOOR, result.failures
    for kind in ("owner_lead", "owner_co", "unit_tasks"):
        right, total = result.by_kind[kind]
        assert right == total, result.failures.get(kind)
    assert result.refusal["recall"] >= 0.97
    assert result.refusal["precision"] >= 0.95  # issue 23: few refusals of questions the plan answers
    assert result.retrieval["recall@5"] >= 0.95


def test_every_question_belongs_to_a_split():
    items = load_questions()
    assert {item["split"] for item in items} == {"tune", "heldout"}
    assert sum(item["split"] == "heldout" for item in items) >= len(items) // 4


def test_scoring_is_strict():
    item = {"answerable": True, "keys": ["86%"], "lead": ["市交通局"], "co": ["市公安局"]}
    good = {"answerable": True, "answer": "牵头单位：市交通局\n配合单位：市公安局\n到2025年，清洁取暖率提高到86％。"}
    assert judge(item, good).correct
    swapped = {"answerable": True, "answer": "牵头单位：市公安局\n配合单位：市交通局\n86%"}
    assert not judge(item, swapped).correct
    assert not judge(item, {"answerable": True, "answer": "牵头单位：市交通局\n配合单位：市公安局\n85%"}).correct
    assert not judge({"answerable": False}, {"answerable": True, "answer": "..."}).correct
    assert normalize("８６ ％") == "86%"


def test_refusal_precision_counts_the_refusals_of_answerable_questions_as_misses():
    outcomes = [
        {"refused": True, "answerable": False},
        {"refused": True, "answerable": True},
        {"refused": False, "answerable": True},
        {"refused": True, "answerable": False},
    ]
    assert refusal_precision_cell(outcomes) == "2/3 (67%)"
    assert refusal_precision_cell([{"refused": False, "answerable": True}]) == "—"
