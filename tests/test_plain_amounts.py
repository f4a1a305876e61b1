"""Amounts asked the way officials ask them, answered from the clause that states them.

Invented plans (no real place), in forms real pages use:

- a county's page copied with its site's field table (``发布机构 | 甲县政府 |``) and no title: the county is named
  only by that field, so a question naming it is about this plan, and its clauses need not say it;
- a sentence whose opening frames every clause after it (``对乡镇实行招商引资排名通报，确保项目履约率、开工率分别
  达到91%、82%以上``: 招商引资 frames 履约率), but the clause of an amount before another frames nothing of it;
- a report of a plan, its city named only by the government its opening names (``星河市政府办公厅近日印发《…》``), and
  a kind of a thing (``大型规模养殖场``) beside the thing asked (``规模养殖场``), whose own figure is not the answer;
- a bound the question puts on the amount (``控制在多少以内``) that the clause does not repeat;
- measures plans of land and water write in Latin letters (``海域面积2950km2``), and grain in 斤
  (``粮食总产量稳定在9亿斤以上``), after a label (``2.目标:``).

Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.ingest.targets import extract_targets
from policykb.kb.lexicon import REFUSAL_MARK

FIELD_PAGE = """\
索 引 号 | 0001/2024-0101 | 公文种类 | 其他 | 发布机构 | 星火县政府 |
发布日期 | 2024-02-20 | 主题词 | 招商引资 |
(一)压实招商责任。年初分解全年任务,对乡镇和县直部门实行招商引资季度排名通报,加强督办,确保项目履约率、开工率、资金到位率分别达到91%、82%、35%以上。
(二)开展集中攻坚。围绕新材料和食品加工两条主链,组织小分队外出对接。一季度引进县外项目到位资金21亿元,引进工业项目到位资金13亿元。
(三)改进项目服务。推行专员跟踪服务,建立签约项目台账。
"""

YEARLY_PLAN = """\
乙河县2025年度水资源管理重点工作方案
一、主要预期目标
1.粮食产量稳定在27万吨。
二、重点任务
（一）严守用水红线
1.管住用水总量。开展取水口核查,把年用水超过5万立方米的单位列入重点监控。2025年,全县纳入考核的用水总量控制在4.83亿立方米。（县水务局负责）
"""

REPORT_PAGE = """\
星河市政府办公厅近日印发《星河市粪污治理三年方案》,提出到明年底,大型规模养殖场粪污处理设施装备配套率达到100%。
方案分年度推进。2018年底前,重点抓好存栏大户,全市畜禽粪污综合利用率达到80%以上,规模养殖场粪污处理设施装备配套率达到85%以上。
2019年底前,治理体系基本建立。全市畜禽粪污综合利用率达到86%以上,规模养殖场粪污处理设施装备配套率达到93%以上。
2020年底前,全面完成治理任务。全市畜禽粪污综合利用率达到92%以上,规模养殖场粪污处理设施装备配套率达到97%。
"""

LAND_PLAN = """\
丙山市水土保持规划
1 基本情况
1.1 地理位置
丙山市地处丘陵与海湾之间。全市陆域面积1288.5km2,海域面积2950km2,海岸线总长度约187.6km。
1.2 地形
全市北高南低,最高峰石鼓山海拔1180m,沿海平原海拔多在8m以下。
2 规划目标
到2025年,全市水土流失面积控制在110km2以内。
"""


@pytest.fixture(scope="module")
def amounts_bot(tmp_path_factory, e5_bot):
    """The shipped plan and the three invented ones (embedded Chroma in a temp home, e5)."""
    from tests.conftest import bot_on_a_copy

    home = tmp_path_factory.mktemp("amounts")
    plans = {
        "page-0101.txt": FIELD_PAGE,
        "乙河县用水.txt": YEARLY_PLAN,
        "丙山水保.txt": LAND_PLAN,
        "report-02.txt": REPORT_PAGE,
    }
    for name, text in plans.items():
        (home / name).write_text(text, encoding="utf-8")
    bot = bot_on_a_copy(e5_bot, home / "home")
    bot.ingest([home / name for name in plans])
    return bot


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("星火县招商引资工作中，项目履约率要达到多少？", "91%"),  # the county named only by the page's field
        ("星火招商引资工作中，资金到位率要达到多少？", "35%"),
        ("星火县政府要求开工率达到多少？", "82%"),
        ("星火县招商引资排名通报督办，开工率要达到多少？", "82%"),  # 招商引资、通报 frame the clause of 开工率
        ("乙河县2025年纳入考核的用水总量要控制在多少以内？", "4.83亿立方米"),  # 以内 bounds the amount, names nothing
        ("星河到2019年底规模养殖场粪污处理设施配套的比例要到多少？", "93%"),  # the city its opening's government names
        ("星河2020年底规模养殖场粪污处理设施装备配套率要达到多少？", "97%"),  # not 大型规模养殖场's 100%
        ("丙山市海域面积有多大？", "2950km2"),
        ("丙山市海岸线总长度约多少？", "187.6km"),
    ],
)
def test_an_amount_is_answered_from_its_clause(amounts_bot, question, amount):
    answer = amounts_bot.ask(question)
    assert answer.answerable, answer.answer
    assert amount in answer.answer.split("方案原文")[0].split("依据")[0], answer.answer


@pytest.mark.parametrize(
    "question",
    ["星火县招商引资工作中，项目签约率要达到多少？", "乙河县蔬菜产量要稳在多少？", "丙山市的耕地面积是多少？"],
)
def test_an_amount_the_plans_do_not_state_is_refused(amounts_bot, question):
    answer = amounts_bot.ask(question)
    assert REFUSAL_MARK in answer.answer, answer.answer


def test_a_label_before_the_indicator_and_grain_in_jin():
    targets = extract_targets(
        "2.目标:全市粮食播种面积稳定在153.3万亩以上,粮食总产量稳定在12亿斤以上。", "x", ["一、目标"]
    )
    assert [(t.indicator, t.value, t.unit) for t in targets] == [
        ("粮食播种面积", "153.3", "万亩"),
        ("粮食总产量", "12", "亿斤"),
    ]
