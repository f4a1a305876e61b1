"""A who-question is answered by a body, never by a person or a sentence that names none.

The invented plan below is a task list in label lines (``牵头负责领导：`` a person, ``牵头责任单位：`` a body); its
fourth item is cut after the leader's line, as pages copied part-way are. Asked who leads it, the bot must refuse
rather than quote the leader's line as the lead unit (a fluent wrong answer). Real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.kb.lexicon import REFUSAL_MARK

pytestmark = pytest.mark.slow

LABEL_LINES_PLAN = """\
青禾市人民政府关于2024年市政府重点工作及责任分解的通知
青政发〔2024〕5号
一、确保完成全年主要预期目标
1.地区生产总值增长6%以上。
牵头负责领导:林远。
牵头责任单位:市发展改革委。
协同责任单位:市经信局、市商务局等,各县、区政府。
2.一般公共预算收入增长5%左右。
牵头负责领导:林远。
牵头责任单位:市财政局。
协同责任单位:市税务局等,各县、区政府。
3.城镇新增就业2.5万人以上。
牵头负责领导:周澜。
牵头责任单位:市人力资源社会保障局。
4.外贸进出口总额增长8%以上。
牵头负责领导:韩川。
"""


@pytest.fixture(scope="module")
def label_shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("who"), e5, {"qinghe-tasks-2024.txt": LABEL_LINES_PLAN})


def test_a_row_cut_after_its_leader_is_refused_not_answered_with_the_leader(label_shelf):
    answer = label_shelf.ask("青禾市外贸进出口总额增长8%以上的牵头责任单位是哪个？")
    assert answer.answer.startswith(REFUSAL_MARK), answer.answer
    assert "韩川" not in answer.answer.split("出处")[0]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("青禾市一般公共预算收入增长5%左右的牵头责任单位是哪个？", "市财政局"),
        ("城镇新增就业2.5万人以上由哪个单位牵头？", "市人力资源社会保障局"),
    ],
)
def test_a_whole_row_still_names_its_lead_unit(label_shelf, question, lead):
    answer = label_shelf.ask(question)
    assert answer.answerable and lead in answer.answer, answer.answer
