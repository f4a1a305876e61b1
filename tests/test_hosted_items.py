"""Items whose duty sentence stands after the task in running text: ``由甲局承办。`` alone, ``甲局承办，乙局协办``
without 由, and a standing term after the units (``…，乙局配合，长期坚持。``); invented plans of invented places."""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.responsibility import sentence_duty
from policykb.ingest.unit_names import is_org

PLAN = """白岭市2024年重点工作任务分解
一、扩大有效投资
1.加快建设青禾产业园，全年完成投资20亿元。由市发展改革委承办，市财政局、市自然资源局协办。
2.推进老旧小区改造120个。由市住建局承办。
3.做好高校毕业生就业工作，由市人社局承办，2024年6月底前出台政策。
4.推进全域旅游。市文旅局承办，市交通局协办。
二、守护生态底色
5.推进河湖治理。由市水利局牵头，市生态环境局配合，长期坚持。
6.推进湿地保护。市林业局牵头，持续推进。
7.推进矿山修复。由市自然资源局牵头，2024年12月底前完成，持续推进。
"""


def _row(key: str, lead: list[str], co: list[str], deadline: str = ""):
    tasks = parse_text(PLAN, "plan", "plan.txt", 160).tasks
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": deadline}, tasks)


@pytest.mark.parametrize(
    ("key", "lead", "co", "deadline"),
    [
        ("推进老旧小区改造120个", ["市住建局"], [], ""),
        ("做好高校毕业生就业工作", ["市人社局"], [], "2024年6月底前"),
    ],
)
def test_a_host_sentence_alone_makes_its_item_a_task(key, lead, co, deadline):
    # 由甲局承办 with no other duty verb in the sentence still says who leads the item before it
    outcome = _row(key, lead, co, deadline)
    assert outcome.right, outcome.reason


def test_a_host_beside_an_assisting_unit_leads_without_you():
    # 甲局承办，乙局协办: the pair states a division of duties, 由 or not; 甲局承办 is never a unit's name
    assert not is_org("市文旅局承办") and not is_org("市交通局协办")
    duty = sentence_duty("市文旅局承办，市交通局协办")
    assert duty is not None and duty.lead == ["市文旅局"] and duty.co == ["市交通局"]
    assert _row("推进全域旅游", ["市文旅局"], ["市交通局"]).right
    # without an assisting unit beside it, a bare host is an event's, as before
    assert sentence_duty("全省运动会省体育局承办") is None


@pytest.mark.parametrize(
    ("key", "lead", "co", "deadline"),
    [
        ("推进河湖治理", ["市水利局"], ["市生态环境局"], "长期坚持"),
        ("推进湿地保护", ["市林业局"], [], "持续推进"),
        ("推进矿山修复", ["市自然资源局"], [], "2024年12月底前"),  # a dated deadline goes before a standing term
    ],
)
def test_a_standing_term_after_the_units_is_the_deadline(key, lead, co, deadline):
    outcome = _row(key, lead, co, deadline)
    assert outcome.right and outcome.deadline_right, outcome.reason
