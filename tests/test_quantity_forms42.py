"""Quantity questions on page openings in the forms of session 42's blind probe (docs/clause-forms.md): a share
stated in the clause after its subject's amount (``…增加值规模达420亿元，占服务业增加值比重达16%``), goals listed
``一是…``/``二是…`` under a paragraph that sets their year, an amount with no unit (``指数提高至92``), and a county
of one character named with its province (``浙江苇县``) that no title or government line names.

The plans below are invented (青禾市 and 苇县 are no real places). Answers come from real Chroma, jieba and the e5
model.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from policykb.bot.answers.sentences import pieces, quantities
from policykb.bot.scope import governed_places
from policykb.ingest.targets import extract_targets
from policykb.kb.lexicon import REFUSAL_MARK
from tests.test_clause_frames import _headline

SERVICES = """青禾市现代服务业发展行动方案
一、主要目标
到2027年，力争全市服务业增加值超过2600亿元，占地区生产总值比重达到52%左右。现代物流业加快发展，增加值规模达420亿元，占服务业增加值比重达16%。
《方案》指出，2025-2027年是全市数字化转型的关键期。到2027年，全市数字化转型取得明显成效。
一是数字基础设施进一步完善。全市建成5G基站1.8万个，工业互联网标识解析节点达到45个以上。
二是融合应用成效彰显。重点企业数字化研发设计工具普及率达到85%，全市营商环境便利度指数提高至92。
到2027年，全市知识产权强市建设取得显著成效。
——创新活力强劲:知识产权产出指标保持同类城市前列。发明专利年申请量突破3000件,其中国际专利申请每年达到80件,发明专利授权量达到1500件,每万人高价值发明
"""

TEA = """苇县打造10万亩高山茶园
发布时间:2024-03-02 来源:县融媒体中心
浙江苇县茶产业发展初见成效。到2026年,全县茶园面积达到10万亩,其中白茶面积达到4万亩;茶产业综合产值达到30亿元,茶农人均年增收1500元以上。
"""


@pytest.fixture(scope="module")
def probe_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan and the two invented pages (embedded Chroma in a temp home, e5)."""
    from tests.conftest import bot_with_plan

    home = tmp_path_factory.mktemp("quantity42")
    instance = bot_with_plan(home, e5_bot, "qinghe-services.txt", SERVICES)
    tea = home / "weixian-tea.txt"
    tea.write_text(TEA, encoding="utf-8")
    instance.ingest([tea])
    return instance


@pytest.mark.parametrize(
    ("question", "amount", "not_in_headline"),
    [
        ("青禾市到2027年服务业增加值占地区生产总值比重要达到多少？", "52%", "2600亿元"),  # 占 after the amount
        ("青禾市现代物流业增加值占服务业增加值比重要达到多少？", "16%", "420亿元"),  # its subject two clauses back
        ("青禾市到2027年工业互联网标识解析节点要达到多少个？", "45个", ""),  # the year of the paragraph above 一是
        ("苇县到2026年茶产业综合产值要达到多少？", "30亿元", ""),  # a county named with its province
        ("青禾市到2027年发明专利授权量要达到多少件？", "1500件", "3000件"),  # a count in 件
    ],
)
def test_the_probe_forms_answer(probe_bot, question, amount, not_in_headline):
    answer = probe_bot.ask(question)
    stated = _headline(answer.answer)
    assert answer.answerable and amount in stated, answer.answer
    if not_in_headline:
        assert not_in_headline not in stated, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "青禾市到2026年工业互联网标识解析节点要达到多少个？",  # the items hold for 2027
        "苇县到2026年红茶面积要达到多少？",  # a kind of tea the page does not count
        "青禾市到2027年每万人高价值发明专利拥有量要达到多少件？",  # the page stops before its figure
    ],
)
def test_what_the_pages_do_not_set_is_refused(probe_bot, question):
    a = probe_bot.ask(question)
    assert not a.answerable and a.answer.startswith(REFUSAL_MARK), a.answer


def test_a_share_clause_is_of_the_amount_before_it():
    found = list(pieces("现代物流业加快发展，增加值规模达420亿元，占服务业增加值比重达16%。"))
    assert "现代物流业" in found[-1].subject and "增加值规模" in found[-1].subject
    found = list(pieces("到2027年，力争全市服务业增加值超过2600亿元，占地区生产总值比重达到52%左右。"))
    assert "服务业增加值" in found[-1].subject
    assert [p.subject for p in pieces("全市新建厂房占地面积达到50亩。")] == [""]  # 占地 opens no share


def test_ordinal_goal_items_hold_for_the_lead_paragraphs_year():
    text = (
        "到2027年，全市数字化转型取得明显成效。\n一是基础设施进一步完善。标识解析节点达到45个以上。\n"
        "二是应用彰显。普及率达到85%。"
    )
    found = extract_targets(text, "d", ["一、主要目标"])
    assert [(t.quantity, t.year) for t in found] == [("45个", "2027"), ("85%", "2027")]


def test_an_amount_with_no_unit_after_its_verb():
    assert quantities("全市营商环境便利度指数提高至92，企业达到300家。") == [("92", ""), ("300家", "家")]
    assert quantities("得分达到90以上。") == [("90以上", "")]
    assert quantities("到2027年达到2027。") == []  # a year is no amount
    assert quantities("比上年提高5，列第3批。") == []  # a change, not a level; an ordinal


def test_pieces_counted_in_jian_are_amounts():
    found = quantities("发明专利年申请量突破2万件，其中国际专利申请每年达到150件。")
    assert found == [("2万件", "万件"), ("150件", "件")]
    found = extract_targets("到2026年，全县受理知识产权纠纷调解案件达到300件以上。", "d", ["一、主要目标"])
    assert [(t.quantity, t.unit) for t in found] == [("300件", "件")]


def test_a_county_of_one_character_named_with_its_province():
    page = SimpleNamespace(authority="", text=TEA)
    assert governed_places("苇县到2026年茶产业综合产值要达到多少？", [page]) == ["苇县"]
    assert governed_places("全县到2026年茶产业综合产值要达到多少？", [page]) == []


def test_a_verb_before_a_countys_government_names_no_county_of_one_character():
    """``报县政府办``: 报 is a verb, not a county 报县 (a merged test had turned: the question lost ``报县``
    as a place)."""
    page = SimpleNamespace(authority="", text="各责任单位要制定推进计划,并于3月25日前将推进计划报县政府办。")
    assert governed_places("推进计划什么时候之前报县政府办？", [page]) == []
    page = SimpleNamespace(authority="", text="浙江苇县人民政府关于茶产业的实施意见")
    assert governed_places("苇县到2026年茶产业综合产值要达到多少？", [page]) == ["苇县"]  # after its province
