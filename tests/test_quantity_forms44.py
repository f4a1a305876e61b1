"""Questions in the forms of session 44's blind probe of quantity questions on page openings (docs/clause-forms.md):
livestock counted by head (``32万头``, ``500万只``), areas in 平方公里 or km2, a qualifier asked the plan does not say
(``控制在多少以内``), a later piece that restates the first one's measure with a bound
(``…正常保有量稳定在…，最低保有量不低于…``), a part of a province named by where it lies (``东部地区达到95%以上``),
an amount asked in everyday words (``多少钱``), a question asked in traditional script, and a report whose plan is
named bare in its lead sentence, as a notice in 《》, or by a title printed twice into the body.

The plans below are invented (白岭县 and 澜江省 are no real places). Answers come from real Chroma, jieba and the e5
model; the titles from the real ingest.
"""

from __future__ import annotations

import pytest

from policykb.ingest.identity import read_identity
from policykb.kb.lexicon import REFUSAL_MARK
from tests.test_clause_frames import _headline

HERDS = """白岭县畜牧业高质量发展实施方案
一、发展目标
到2026年，全县生猪年出栏稳定在32万头以上，家禽出栏达到500万只。全县能繁母猪正常保有量稳定在2.1万头左右，最低保有量不低于1.8万头。
到2026年，全县畜禽规模养殖比重达到85%，北部山区达到70%以上。
全县畜禽养殖用地正常规模稳定在1.2万亩左右，最低规模不低于1万亩。
二、保障措施
每年县财政安排专项资金800万元以上，用于畜禽粪污资源化利用设施建设。每年县财政投入畜禽良种补贴资金600万元。每年县财政补贴建设畜禽良种繁育场3个。
三、基本情况
2025年，全县畜禽养殖用水总量控制在0.36亿立方米。
到2026年，全县新增畜禽养殖废弃物治理面积35平方公里，畜禽养殖污水管网长度达到12.5km。
"""

SCHOOLS = """澜江省近日发布第三期学前教育行动计划，提出每年新建公办幼儿园150所。
到2027年，学前三年毛入园率达到93%，东部地区达到96%以上，西部地区达到88%以上。
"""

NOTICE = (
    "我省分布式光热装机规模及占比 2022年5月10日省能源局发布《省能源局综合处关于报送整乡屋顶光热开发试点方案的通知》，"
    "其中提到：对申报整乡的屋顶可安装光热设施的面积比例做出规定，党政机关不低于45%。\n"
)

DOUBLED = (
    "白岭县技能人才培训行动实施方案 白岭县技能人才培训行动实施方案 为推动全县技能人才培养，制定本方案。"
    "一、目标任务。共开展各类补贴性技能培训2.5万人次以上。\n"
)


@pytest.fixture(scope="module")
def herd_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan, the invented county plan and three invented report pages."""
    from tests.conftest import bot_with_plan

    home = tmp_path_factory.mktemp("quantity44")
    instance = bot_with_plan(home, e5_bot, "bailing-herds.txt", HERDS)
    pages = []
    for name, text in (("lanjiang-schools.txt", SCHOOLS), ("notice-page.txt", NOTICE), ("bailing-skills.txt", DOUBLED)):
        path = home / name
        path.write_text(text, encoding="utf-8")
        pages.append(path)
    instance.ingest(pages)
    return instance


def _doc(bot, source: str) -> str:
    return next(d.doc_id for d in bot.index().documents.values() if d.source == source)


@pytest.mark.parametrize(
    ("question", "amount", "not_in_headline"),
    [
        ("白岭县到2026年生猪年出栏要稳定在多少？", "32万头以上", ""),  # 头 is a unit
        ("白岭县到2026年家禽出栏达到多少只？", "500万只", ""),
        ("白岭县能繁母猪最少不能低于多少头？", "1.8万头", "2.1万头"),  # the bound restates the measure
        ("白岭县能繁母猪正常保有量稳定在多少？", "2.1万头左右", "1.8万头"),
        ("白岭县财政每年安排专项资金多少钱？", "800万元以上", ""),
        ("白岭县每年给畜禽良种补贴投入多少钱？", "600万元", ""),  # 多少钱 asks 元: 钱 is no word the clause lacks
        ("白岭县每年县财政投入多少钱？", "600万元", ""),
        ("白岭县到2026年北部山区畜禽规模养殖比重要达到多少？", "70%以上", "85%"),  # a part named by where it lies
        ("白岭县畜禽养殖用地最少不能低于多少亩？", "1万亩", "1.2万亩"),  # a bound restating the measure
        ("白岭县畜禽养殖用地正常规模稳定在多少？", "1.2万亩左右", ""),
        ("白嶺縣畜禽養殖用地正常規模穩定在多少？", "1.2万亩左右", ""),  # asked in traditional script
        ("白嶺縣畜禽養殖用地最少不能低於多少畝？", "1万亩", "1.2万亩"),  # its bound read as 低于, its unit as 亩
        ("白岭县到2026年新增畜禽养殖废弃物治理面积多少平方公里？", "35平方公里", ""),
        ("白岭县到2026年畜禽养殖污水管网长度要达到多少？", "12.5km", "35平方公里"),  # a length in Latin letters
        ("白岭县2025年畜禽养殖用水总量要控制在多少以内？", "0.36亿立方米", ""),  # 以内 asked, not said
    ],
)
def test_herd_amounts(herd_bot, question, amount, not_in_headline):
    a = herd_bot.ask(question, doc=_doc(herd_bot, "bailing-herds.txt"))
    headline = _headline(a.answer)
    assert a.answerable and amount in headline, a.answer
    assert not not_in_headline or not_in_headline not in headline, a.answer


@pytest.mark.parametrize(
    ("question", "other"),
    [("白岭县生猪养殖每年要花多少钱？", "万头"), ("白岭县每年县财政补贴多少钱建设畜禽良种繁育场？", "3个")],
)
def test_money_asked_is_not_another_measure(herd_bot, question, other):
    """``多少钱`` is not answered by a count (``32万头``, ``3个``)."""
    a = herd_bot.ask(question, doc=_doc(herd_bot, "bailing-herds.txt"))
    assert other not in _headline(a.answer), a.answer


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("澜江省第三期学前教育行动计划提出，到2027年学前三年毛入园率达到多少？", "93%"),  # the plan named bare
        ("澜江省第三期学前教育行动计划里，西部地区的学前三年毛入园率要到多少？", "88%以上"),  # a region part
        ("整乡屋顶光热开发试点方案通知中，党政机关屋顶的比例不低于多少？", "45%"),  # a notice in 《》
        ("白岭县技能人才培训行动实施方案提出，共开展补贴性技能培训多少人次？", "2.5万人次以上"),  # title printed twice
    ],
)
def test_report_pages(herd_bot, question, amount):
    a = herd_bot.ask(question)
    assert a.answerable and amount in _headline(a.answer) and REFUSAL_MARK not in a.answer, a.answer


@pytest.mark.parametrize(
    ("text", "title", "place"),
    [
        (SCHOOLS, "第三期学前教育行动计划", "澜江省"),
        (NOTICE, "省能源局综合处关于报送整乡屋顶光热开发试点方案的通知", ""),
        (DOUBLED, "白岭县技能人才培训行动实施方案", "白岭县"),
    ],
)
def test_report_titles(text, title, place):
    identity = read_identity(text, {}, "page.txt")
    assert (identity.title, identity.place) == (title, place)


def test_a_plan_cited_for_its_basis_is_no_title():
    """A lead sentence that carries out a plan it names (``为贯彻落实…``) does not give the page its title."""
    text = "为贯彻落实省政府近日印发的乙行动计划，制定本方案。\n到2027年，入园率达到93%。\n"
    identity = read_identity(text, {}, "x.txt")
    assert identity.title == "x"
