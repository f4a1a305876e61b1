"""An item numbered in words under a heading titles its task (session 42, the tune half of a new set of real
plans, written here as an invented plan): ``（一）加强家庭保护。`` /
``一是强化家庭教育指导。…（甲、乙按照职责分工负责）`` is the task 强化家庭教育指导, so a unit's duties name it,
not only the heading above."""

from __future__ import annotations

import pytest

from policykb.ingest.parser import parse_text
from policykb.ingest.tasks import item_number_end

PLAN = """苇洲县青少年校外关爱实施方案
一、工作任务
(一)加强家庭关爱。
一是强化家庭养育指导。编制家庭养育指导手册,提高家长养育水平。(县教育局、县妇联按照职责分工负责)
(二)加强社区关爱。
二是建设社区活动阵地。每个社区建成1处青少年活动室。(县民政局负责)
"""


def test_an_item_numbered_in_words_titles_its_task():
    assert item_number_end("一是强化家庭养育指导。") == 2
    assert item_number_end("是否开展") == 0 and item_number_end("1.推进改革") == 2
    titles = [t.title for t in parse_text(PLAN, "p", "p.txt", 160).tasks]
    assert titles[:2] == ["强化家庭养育指导", "建设社区活动阵地"], titles


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("task-titles42"), e5, {"苇洲县青少年校外关爱.txt": PLAN})


@pytest.mark.slow
def test_a_units_duties_name_the_item(shelf):
    answer = shelf.ask("县妇联在这个方案里负责什么工作？")
    assert answer.answerable and "强化家庭养育指导" in answer.answer, answer.answer
